//! Scanning text four bytes at a time.
//!
//! Translated to PHP, a loop that looks at one byte per turn costs a dozen
//! instructions per byte; one 32-bit word per turn, tested with the classic
//! bit tricks, costs about the same per four bytes.

const ONES: u32 = 0x0101_0101;
const HIGHS: u32 = 0x8080_8080;

/// The high bit of each byte of `word` that equals `byte` (and possibly of
/// bytes after one that does: only "some byte matched" is exact).
#[inline(always)]
pub fn bytes_equal(word: u32, byte: u8) -> u32 {
    let diff = word ^ (ONES * u32::from(byte));
    diff.wrapping_sub(ONES) & !diff & HIGHS
}

/// Like [`bytes_equal`], for bytes below `limit` (at most 0x80).
#[inline(always)]
pub fn bytes_below(word: u32, limit: u8) -> u32 {
    word.wrapping_sub(ONES * u32::from(limit)) & !word & HIGHS
}

/// The high bits of the bytes of `word` that are not ASCII.
#[inline(always)]
pub fn bytes_not_ascii(word: u32) -> u32 {
    word & HIGHS
}

/// The index of the first whole word from `at` on in which `stops` finds
/// something (a byte the caller must look at), or of the last bytes that do
/// not make a word. The caller then goes on byte by byte.
#[inline(always)]
pub fn skip_words(bytes: &[u8], mut at: usize, stops: impl Fn(u32) -> u32) -> usize {
    while let Some(&[a, b, c, d]) = bytes.get(at..at + 4) {
        if stops(u32::from_le_bytes([a, b, c, d])) != 0 {
            break;
        }
        at += 4;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::Rng;

    /// A word is reported exactly when one of its bytes matches.
    #[test]
    fn property_some_byte_matched_is_exact() {
        let mut rng = Rng::new(0x40D5);
        let interesting = [
            0x00, 0x1F, 0x20, b'"', b'\\', b'{', b'}', 0x7F, 0x80, 0xCE, 0xFF,
        ];
        for _ in 0..50_000 {
            let bytes: [u8; 4] = std::array::from_fn(|_| *rng.pick(&interesting).unwrap_or(&0x41));
            let word = u32::from_le_bytes(bytes);
            for target in [b'"', b'\\', b'{'] {
                assert_eq!(
                    bytes_equal(word, target) != 0,
                    bytes.contains(&target),
                    "{bytes:x?}"
                );
            }
            assert_eq!(
                bytes_below(word, 0x20) != 0,
                bytes.iter().any(|b| *b < 0x20),
                "{bytes:x?}"
            );
            assert_eq!(
                bytes_not_ascii(word) != 0,
                bytes.iter().any(|b| *b >= 0x80),
                "{bytes:x?}"
            );
        }
    }
}

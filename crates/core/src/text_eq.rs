//! String equality without `memcmp`.
//!
//! In wasm, `a == b` on strings calls `memcmp`, and once the core is
//! translated to PHP every call is a PHP function call (a few hundred
//! nanoseconds before it compares a byte). The names compared on the hot
//! path — JSON keys, template variables — are short, so a plain loop that
//! stays inline is cheaper.

/// `a == b`, compared in place.
#[inline(always)]
pub fn text_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    // Four bytes at a time, then the tail byte by byte.
    let mut at = 0;
    while let (Some(&[a0, a1, a2, a3]), Some(&[b0, b1, b2, b3])) =
        (a.get(at..at + 4), b.get(at..at + 4))
    {
        if u32::from_le_bytes([a0, a1, a2, a3]) != u32::from_le_bytes([b0, b1, b2, b3]) {
            return false;
        }
        at += 4;
    }
    while let (Some(x), Some(y)) = (a.get(at), b.get(at)) {
        if x != y {
            return false;
        }
        at += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::Rng;

    #[test]
    fn property_agrees_with_eq() {
        let mut rng = Rng::new(0x7E47);
        let alphabet = ['a', 'b', 'é', '_'];
        for _ in 0..20_000 {
            let a = rng.string_from(&alphabet, 4);
            let b = rng.string_from(&alphabet, 4);
            assert_eq!(text_eq(&a, &b), a == b, "{a:?} {b:?}");
            assert!(text_eq(&a, &a));
        }
    }
}

//! A fixed-capacity ASCII string on the stack, so normalising a number needs
//! no heap allocation: the digits read from the input and the E.164 result
//! are both short and bounded.

/// Up to `N` ASCII bytes. Pushing past the capacity reports `false` and keeps
/// what fits; callers size `N` so that never happens.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct AsciiBuf<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> AsciiBuf<N> {
    pub const fn new() -> Self {
        AsciiBuf {
            bytes: [0; N],
            len: 0,
        }
    }

    /// Appends `byte` if it is ASCII and there is room.
    pub fn push(&mut self, byte: u8) -> bool {
        match self.bytes.get_mut(self.len) {
            Some(slot) if byte.is_ascii() => {
                *slot = byte;
                self.len += 1;
                true
            }
            _ => false,
        }
    }

    /// Appends the bytes of `text` (ASCII only; see [`Self::push`]).
    pub fn push_str(&mut self, text: &str) -> bool {
        text.bytes().all(|byte| self.push(byte))
    }

    /// The byte at `index`, if there is one.
    pub fn byte(&self, index: usize) -> Option<u8> {
        self.bytes.get(..self.len)?.get(index).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII is ever pushed, so the conversion cannot fail.
        let bytes = self.bytes.get(..self.len).unwrap_or_default();
        std::str::from_utf8(bytes).unwrap_or_default()
    }
}

impl<const N: usize> std::fmt::Debug for AsciiBuf<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_ascii_up_to_its_capacity() {
        let mut buf = AsciiBuf::<4>::new();
        assert!(buf.is_empty());
        assert!(buf.push_str("+30"));
        assert!(!buf.push(0xE9), "non-ASCII bytes are refused");
        assert!(buf.push(b'6'));
        assert!(!buf.push(b'9'), "full");
        assert_eq!(buf.as_str(), "+306");
        assert_eq!(
            (buf.byte(0), buf.byte(3), buf.byte(4)),
            (Some(b'+'), Some(b'6'), None)
        );
        assert_eq!(format!("{buf:?}"), "\"+306\"");
    }
}

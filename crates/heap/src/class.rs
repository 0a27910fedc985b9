//! Size classes: powers of two from [`MIN_BLOCK`] to [`MAX_SMALL`] bytes.
//!
//! The class of a size is a table lookup rather than `leading_zeros`: under
//! wasm2php `i32.clz` is a PHP function call, a byte load is one `ord()`.

/// Smallest block, and the alignment every small block has.
pub const MIN_BLOCK: usize = 16;
/// Alignment every small block satisfies (blocks are multiples of 16 bytes
/// carved from 16-aligned chunks).
pub const ALIGN: usize = MIN_BLOCK;
/// Number of size classes: 16 B, 32 B, … 64 KiB.
pub const CLASSES: usize = 13;
/// Largest size served by the size classes.
pub const MAX_SMALL: usize = MIN_BLOCK << (CLASSES - 1);

/// `CEIL_LOG2[i]` = ⌈log₂ i⌉ (0 for 0 and 1). 128 entries so that an index
/// masked with 127 needs no bounds check.
static CEIL_LOG2: [u8; 128] = ceil_log2_table();

const fn ceil_log2_table() -> [u8; 128] {
    let mut table = [0u8; 128];
    let mut i = 2;
    while i < 128 {
        let mut log = 0;
        while (1usize << log) < i {
            log += 1;
        }
        table[i] = log;
        i += 1;
    }
    table
}

/// The class (0 = 16 B … 12 = 64 KiB) of a size of at most [`MAX_SMALL`].
///
/// Up to 1 KiB the table is indexed in 16-byte steps, above in 1 KiB steps
/// (1 KiB = class 6); both indexes are at most 64.
#[inline(always)]
pub fn class_of(size: usize) -> usize {
    debug_assert!(size <= MAX_SMALL);
    if size <= 1024 {
        usize::from(CEIL_LOG2[((size + 15) >> 4) & 127])
    } else {
        6 + usize::from(CEIL_LOG2[((size + 1023) >> 10) & 127])
    }
}

/// Bytes in a block of `class`.
#[inline(always)]
pub fn class_size(class: usize) -> usize {
    MIN_BLOCK << class
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_gets_the_smallest_class_that_holds_it() {
        for size in 0..=MAX_SMALL {
            let class = class_of(size);
            assert!(class < CLASSES, "size {size}");
            assert!(class_size(class) >= size, "size {size} in class {class}");
            if class > 0 {
                assert!(
                    class_size(class - 1) < size,
                    "size {size} fits class {}",
                    class - 1
                );
            }
        }
    }

    #[test]
    fn the_largest_class_is_max_small() {
        assert_eq!(class_of(MAX_SMALL), CLASSES - 1);
        assert_eq!(class_size(CLASSES - 1), MAX_SMALL);
        assert_eq!(MAX_SMALL, 65536);
    }
}

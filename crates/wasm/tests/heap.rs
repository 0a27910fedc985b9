//! The global allocator (mmp-heap) inside the real .wasm, through std's
//! collections: random growth, shrinking and freeing of differently sized
//! and aligned blocks never mixes up their contents.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test;

/// A 64-byte aligned value: more than the size classes' 16, so whole pages.
#[derive(Clone, Copy, PartialEq, Debug)]
#[repr(align(64))]
struct Wide(u32);

#[wasm_bindgen_test]
fn random_vectors_keep_their_contents() {
    let mut seed = 12_345u32;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed
    };
    let mut bytes: Vec<(u8, Vec<u8>)> = Vec::new();
    let mut words: Vec<(u64, Vec<u64>)> = Vec::new();
    let mut wide: Vec<(u32, Vec<Wide>)> = Vec::new();
    for step in 0..20_000u32 {
        let len = match next() % 100 {
            0..=79 => next() % 300,
            80..=97 => next() % 20_000,
            _ => next() % 200_000,
        } as usize;
        match next() % 7 {
            0 | 1 => {
                let fill = step as u8;
                bytes.push((fill, vec![fill; len]));
            }
            2 => words.push((u64::from(step), vec![u64::from(step); len / 8])),
            3 => wide.push((step, vec![Wide(step); len / 64])),
            4 if !bytes.is_empty() => {
                // Grow or shrink in place or by moving; the kept part survives.
                let i = next() as usize % bytes.len();
                let (fill, v) = &mut bytes[i];
                v.resize(len, *fill);
                v.shrink_to_fit();
            }
            _ => {
                // Free something, checking it first.
                if let Some((fill, v)) = bytes.pop() {
                    assert!(v.iter().all(|&b| b == fill), "bytes {fill}");
                }
                if next() % 2 == 0 {
                    if let Some((fill, v)) = words.pop() {
                        assert!(v.iter().all(|&w| w == fill), "words {fill}");
                    }
                    if let Some((fill, v)) = wide.pop() {
                        assert!(v.iter().all(|w| *w == Wide(fill)), "wide {fill}");
                        assert_eq!(v.as_ptr() as usize % 64, 0);
                    }
                }
            }
        }
    }
    for (fill, v) in &bytes {
        assert!(v.iter().all(|b| b == fill), "bytes {fill}");
    }
    for (fill, v) in &words {
        assert!(v.iter().all(|w| w == fill), "words {fill}");
    }
}

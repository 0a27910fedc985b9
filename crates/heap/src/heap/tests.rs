use super::*;
use crate::MIN_BLOCK;
use std::alloc::Layout;
use std::collections::BTreeMap;
use std::vec::Vec;

/// Pages from a zeroed, page-aligned buffer of `limit` pages.
struct Buffer {
    base: *mut u8,
    limit: usize,
    used: usize,
}

impl Buffer {
    fn new(limit: usize) -> Self {
        let layout = Layout::from_size_align(limit * PAGE, PAGE).unwrap();
        // SAFETY: non-zero size.
        let base = unsafe { std::alloc::alloc_zeroed(layout) };
        assert!(!base.is_null());
        Buffer {
            base,
            limit,
            used: 0,
        }
    }
}

impl Drop for Buffer {
    fn drop(&mut self) {
        let layout = Layout::from_size_align(self.limit * PAGE, PAGE).unwrap();
        // SAFETY: allocated in `new` with this layout.
        unsafe { std::alloc::dealloc(self.base, layout) };
    }
}

impl Pages for Buffer {
    fn grow(&mut self, n: usize) -> Option<usize> {
        if self.used + n > self.limit {
            return None;
        }
        let addr = self.base as usize + self.used * PAGE;
        self.used += n;
        Some(addr)
    }
}

fn heap(limit: usize) -> Heap<Buffer> {
    Heap::new(Buffer::new(limit))
}

/// Tiny deterministic PRNG (xorshift32): no dependency, reproducible seeds.
struct Rng(u32);

impl Rng {
    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0
    }
    fn below(&mut self, n: u32) -> usize {
        (self.next() % n) as usize
    }
}

#[test]
fn a_freed_block_is_reused_by_its_class() {
    let mut h = heap(4);
    // SAFETY (all heap calls in these tests): the layouts match the blocks.
    unsafe {
        let a = h.alloc(100, 8);
        h.dealloc(a, 100, 8);
        assert_eq!(
            h.alloc(70, 1),
            a,
            "70 and 100 bytes share the 128-byte class"
        );
        let b = h.alloc(100, 8);
        assert_ne!(a, b);
    }
}

#[test]
fn small_blocks_are_16_aligned_big_ones_as_asked() {
    let mut h = heap(64);
    unsafe {
        for size in [1, 3, 8, 16, 17, 100, 1000, 5000, 65536] {
            for align in [1, 2, 4, 8, 16] {
                assert_eq!(
                    h.alloc(size, align) as usize % MIN_BLOCK,
                    0,
                    "{size}/{align}"
                );
            }
        }
        for align in [32, 4096, PAGE] {
            assert_eq!(h.alloc(24, align) as usize % align, 0, "align {align}");
        }
        assert!(
            h.alloc(24, 2 * PAGE).is_null(),
            "more than page alignment is refused"
        );
    }
}

#[test]
fn resizing_within_a_class_or_at_the_top_stays_in_place() {
    let mut h = heap(4);
    unsafe {
        let a = h.alloc(20, 1);
        let _b = h.alloc(20, 1);
        assert_eq!(h.realloc(a, 20, 1, 32), a, "same class");
        let moved = h.realloc(a, 32, 1, 33);
        assert_ne!(moved, a, "a is not the last block: it moves");
        assert_eq!(
            h.realloc(moved, 33, 1, 1000),
            moved,
            "the last block grows in place"
        );
        assert_eq!(h.alloc(32, 1), a, "the moved block's old place is free");
    }
}

#[test]
fn shrinking_keeps_class_populations() {
    let mut h = heap(4);
    unsafe {
        let a = h.alloc(1024, 1);
        let top = h.alloc(16, 1);
        let small = h.realloc(a, 1024, 1, 100);
        assert_ne!(small, a, "moved, so the 1 KiB block stays a 1 KiB block");
        assert_eq!(h.alloc(1000, 1), a);
        assert_eq!(
            h.realloc(small, 100, 1, 20),
            small,
            "the last block shrinks in place"
        );
        assert_eq!(
            h.alloc(16, 1) as usize,
            small as usize + 32,
            "the top moved back"
        );
        h.dealloc(top, 16, 1);
    }
}

#[test]
fn big_blocks_take_pages_and_merge_when_freed() {
    let mut h = heap(16);
    unsafe {
        let a = h.alloc(100_000, 1); // 2 pages
        let b = h.alloc(3 * PAGE, 8);
        let c = h.alloc(PAGE + 1, 1); // keeps b's run from ending the memory
        let used = h.pages.used;
        h.dealloc(a, 100_000, 1);
        h.dealloc(b, 3 * PAGE, 8);
        let d = h.alloc(5 * PAGE, 1);
        assert_eq!(d, a, "the two freed runs merged");
        assert_eq!(h.pages.used, used);
        assert_eq!(h.realloc(d, 5 * PAGE, 1, 4 * PAGE), d, "shrinks in place");
        // Aligned to 32: served by pages, not by the 64 KiB class.
        let e = h.alloc(PAGE, 32);
        assert_eq!(
            e as usize,
            d as usize + 4 * PAGE,
            "the freed tail is reused"
        );
        h.dealloc(e, PAGE, 32);
        assert_eq!(
            h.realloc(d, 4 * PAGE, 1, 5 * PAGE),
            d,
            "grows into the free run"
        );
        assert_eq!(
            h.realloc(c, PAGE + 1, 1, 4 * PAGE),
            c,
            "the last run grows the memory"
        );
        assert_eq!(h.pages.used, used + 2);
    }
}

#[test]
fn exhausted_memory_gives_null_and_the_heap_recovers() {
    let mut h = heap(2);
    unsafe {
        assert!(h.alloc(3 * PAGE, 1).is_null());
        let mut blocks = Vec::new();
        loop {
            let p = h.alloc(4000, 4);
            if p.is_null() {
                break;
            }
            blocks.push(p);
        }
        assert_eq!(blocks.len(), 2 * PAGE / 4096);
        let last = *blocks.last().unwrap();
        assert!(h.realloc(last, 4000, 4, 9000).is_null(), "no room to move");
        for p in blocks {
            h.dealloc(p, 4000, 4);
        }
        assert!(!h.alloc(4000, 4).is_null());
    }
}

/// A live block of the random workload: its bytes are all `fill`.
struct Live {
    ptr: *mut u8,
    size: usize,
    align: usize,
    fill: u8,
}

/// Random alloc/realloc/free over a heap, checking alignment, that no two
/// live blocks overlap, and that every byte written survives (reallocs keep
/// the prefix). Returns the peak of live bytes.
struct Workload {
    rng: Rng,
    live: Vec<Live>,
    spans: BTreeMap<usize, usize>,
    peak: usize,
    bytes: usize,
}

impl Workload {
    fn new(seed: u32) -> Self {
        Workload {
            rng: Rng(seed),
            live: Vec::new(),
            spans: BTreeMap::new(),
            peak: 0,
            bytes: 0,
        }
    }

    fn size(&mut self) -> usize {
        match self.rng.below(100) {
            0..=69 => 1 + self.rng.below(256),
            70..=89 => 257 + self.rng.below(8000),
            90..=97 => 8000 + self.rng.below(60_000),
            _ => 60_000 + self.rng.below(250_000),
        }
    }

    fn align(&mut self) -> usize {
        match self.rng.below(50) {
            0 => 32,
            1 => 4096,
            n => 1 << (n % 5),
        }
    }

    fn claim(&mut self, ptr: *mut u8, size: usize, align: usize) {
        let start = ptr as usize;
        assert_eq!(start % align, 0, "alignment {align}");
        if let Some((&s, &e)) = self.spans.range(..=start).next_back() {
            assert!(e <= start, "{start:#x}+{size} overlaps {s:#x}..{e:#x}");
        }
        if let Some((&s, _)) = self.spans.range(start..).next() {
            assert!(start + size <= s, "{start:#x}+{size} overlaps {s:#x}");
        }
        self.spans.insert(start, start + size);
        self.bytes += size;
        self.peak = self.peak.max(self.bytes);
    }

    fn release(&mut self, block: &Live) {
        // SAFETY: a live block of `size` bytes.
        let bytes = unsafe { std::slice::from_raw_parts(block.ptr, block.size) };
        assert!(
            bytes.iter().all(|&b| b == block.fill),
            "block {:p} was overwritten",
            block.ptr
        );
        self.spans.remove(&(block.ptr as usize));
        self.bytes -= block.size;
    }

    fn step(&mut self, h: &mut Heap<Buffer>) {
        let op = self.rng.below(10);
        if op < 5 || self.live.is_empty() {
            let (size, align) = (self.size(), self.align());
            let ptr = unsafe { h.alloc(size, align) };
            assert!(!ptr.is_null(), "out of memory at {} live bytes", self.bytes);
            self.claim(ptr, size, align);
            let fill = self.rng.next() as u8;
            unsafe { ptr.write_bytes(fill, size) };
            self.live.push(Live {
                ptr,
                size,
                align,
                fill,
            });
        } else if op < 8 {
            let block = self
                .live
                .swap_remove(self.rng.below(self.live.len() as u32));
            self.release(&block);
            unsafe { h.dealloc(block.ptr, block.size, block.align) };
        } else {
            let i = self.rng.below(self.live.len() as u32);
            let old = self.live.swap_remove(i);
            self.release(&old);
            let new_size = if self.rng.below(2) == 0 {
                self.size()
            } else {
                old.size * 2
            };
            let ptr = unsafe { h.realloc(old.ptr, old.size, old.align, new_size) };
            assert!(!ptr.is_null());
            self.claim(ptr, new_size, old.align);
            let kept = old.size.min(new_size);
            let bytes = unsafe { std::slice::from_raw_parts(ptr, kept) };
            assert!(
                bytes.iter().all(|&b| b == old.fill),
                "realloc lost contents"
            );
            unsafe { ptr.add(kept).write_bytes(old.fill, new_size - kept) };
            self.live.push(Live {
                ptr,
                size: new_size,
                align: old.align,
                fill: old.fill,
            });
        }
    }

    fn free_all(&mut self, h: &mut Heap<Buffer>) {
        while let Some(block) = self.live.pop() {
            self.release(&block);
            unsafe { h.dealloc(block.ptr, block.size, block.align) };
        }
    }
}

#[test]
fn random_operations_keep_blocks_apart_aligned_and_intact() {
    for seed in [1, 7, 42, 1234, 99_999] {
        let mut h = heap(1024);
        let mut w = Workload::new(seed);
        for _ in 0..20_000 {
            w.step(&mut h);
        }
        w.free_all(&mut h);
    }
}

/// The PHP host's pattern: each call allocates, works, frees everything.
/// Returns (peak live bytes of any call, pages taken after each call).
fn calls(h: &mut Heap<Buffer>, seeds: impl Iterator<Item = u32>) -> (usize, Vec<usize>) {
    let mut peak = 0;
    let mut used = Vec::new();
    for seed in seeds {
        let mut w = Workload::new(seed.wrapping_mul(2_654_435_761) | 1);
        for _ in 0..200 {
            w.step(h);
        }
        w.free_all(h);
        peak = peak.max(w.peak);
        used.push(h.pages.used);
    }
    (peak, used)
}

#[test]
fn the_same_calls_again_take_no_more_memory() {
    // 20 different calls, 30 times over: freed blocks and page runs serve
    // the repetitions. (Where blocks land depends on the history, so the
    // memory may still step up once or twice early on; measured: one step,
    // in round 10.)
    let mut h = heap(4096);
    let (peak, used) = calls(&mut h, (0..600).map(|i| i % 20));
    let (warm, last) = (used[299], used[599]);
    std::eprintln!("peak {peak} B; pages after 15 rounds {warm}, after 30 {last}");
    assert_eq!(warm, last);
    assert!(
        last * PAGE <= 4 * peak,
        "{last} pages for a peak of {peak} live bytes"
    );
}

#[test]
fn different_calls_take_memory_in_proportion_to_their_peak() {
    let mut h = heap(4096);
    let (peak, used) = calls(&mut h, 0..1000);
    let last = used[999];
    std::eprintln!("peak {peak} B, {last} pages");
    assert!(
        last * PAGE <= 4 * peak,
        "{last} pages for a peak of {peak} live bytes"
    );
}

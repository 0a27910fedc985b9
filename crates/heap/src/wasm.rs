//! The `GlobalAlloc` of the `.wasm`: a [`Heap`] over the module's linear memory.

use crate::{Heap, Pages, PAGE};
use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;

// The heap has no locks. That is sound only because wasm32 without the
// `atomics` feature cannot run threads: one instance, one stack, no
// preemption. Building with threads must fail here rather than corrupt.
#[cfg(target_feature = "atomics")]
compile_error!("mmp-heap has no locks: it must not be used with wasm threads (`atomics`)");

/// Pages from `memory.grow` on memory 0.
pub struct LinearMemory;

impl Pages for LinearMemory {
    fn grow(&mut self, n: usize) -> Option<usize> {
        let old_pages = core::arch::wasm32::memory_grow(0, n);
        if old_pages == usize::MAX {
            return None;
        }
        old_pages.checked_mul(PAGE)
    }
}

/// The global allocator: `#[global_allocator] static A: WasmHeap = WasmHeap::new();`
pub struct WasmHeap(UnsafeCell<Heap<LinearMemory>>);

impl WasmHeap {
    pub const fn new() -> Self {
        WasmHeap(UnsafeCell::new(Heap::new(LinearMemory)))
    }
}

impl Default for WasmHeap {
    fn default() -> Self {
        Self::new()
    }
}

// SAFETY: without `atomics` (enforced above) a wasm32 module runs on one
// thread, so the cell is never touched from two threads.
unsafe impl Sync for WasmHeap {}

// SAFETY (all four methods): single-threaded (see `Sync`), and the heap never
// calls back into the allocator or into anything that could (it only reads
// and writes memory and calls `memory.grow`), so each `&mut` borrow of the
// cell is the only one while it lives. The layout contracts of `GlobalAlloc`
// are exactly those of `Heap`.
unsafe impl GlobalAlloc for WasmHeap {
    #[inline(always)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: see above.
        unsafe { (*self.0.get()).alloc(layout.size(), layout.align()) }
    }

    #[inline(always)]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: see above.
        unsafe { (*self.0.get()).dealloc(ptr, layout.size(), layout.align()) }
    }

    #[inline(always)]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: see above.
        unsafe { (*self.0.get()).realloc(ptr, layout.size(), layout.align(), new_size) }
    }
}

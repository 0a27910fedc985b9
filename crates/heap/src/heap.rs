//! The allocator proper, over any [`Pages`] source.

use crate::class::{class_of, class_size, ALIGN, CLASSES, MAX_SMALL};
use crate::runs::{pages_for, read, write, Runs, PAGE};
use crate::Pages;

/// Free lists indexed by `class & 15`: a power of two, so the index needs no
/// bounds check (classes 13..15 never occur).
const LISTS: usize = 16;
const _: () = assert!(CLASSES <= LISTS);

/// Size classes with free lists and a bump chunk, page runs beyond them.
///
/// Not thread-safe and not re-entrant: the caller guarantees one user at a
/// time (see [`crate::WasmHeap`]).
pub struct Heap<P> {
    /// Head of each class's free list (0 = empty); a free block's first word
    /// links to the next.
    free: [usize; LISTS],
    /// Next unused byte of the current chunk.
    top: usize,
    /// End of the current chunk.
    end: usize,
    runs: Runs,
    pages: P,
}

/// Blocks the size classes serve; the rest are page runs.
#[inline(always)]
fn is_small(size: usize, align: usize) -> bool {
    size <= MAX_SMALL && align <= ALIGN
}

impl<P: Pages> Heap<P> {
    pub const fn new(pages: P) -> Self {
        Heap {
            free: [0; LISTS],
            top: 0,
            end: 0,
            runs: Runs::new(),
            pages,
        }
    }

    /// A block of `size` bytes aligned to `align`, or null when memory is
    /// exhausted (or `align` exceeds a page).
    ///
    /// # Safety
    /// `size > 0`, `align` a power of two, and every block handed back to this
    /// heap was allocated by it with the layout given.
    #[inline(always)]
    pub unsafe fn alloc(&mut self, size: usize, align: usize) -> *mut u8 {
        if is_small(size, align) {
            let class = class_of(size) & (LISTS - 1);
            let head = self.free[class];
            if head != 0 {
                // SAFETY: `head` is a free block of this class; its first
                // word links to the next one.
                self.free[class] = unsafe { read(head) };
                return head as *mut u8;
            }
            let top = self.top;
            let bytes = class_size(class);
            if bytes <= self.end - top {
                self.top = top + bytes;
                return top as *mut u8;
            }
            return self.alloc_from_new_chunk(class);
        }
        self.alloc_pages(size, align)
    }

    /// Frees a block.
    ///
    /// # Safety
    /// `ptr` must come from this heap's `alloc`/`realloc` with this layout and
    /// not be used afterwards.
    #[inline(always)]
    pub unsafe fn dealloc(&mut self, ptr: *mut u8, size: usize, align: usize) {
        if is_small(size, align) {
            // SAFETY: caller's contract: a block of this class, now free.
            unsafe { self.push(ptr as usize, class_of(size)) };
        } else {
            // SAFETY: caller's contract.
            unsafe { self.dealloc_pages(ptr, size) };
        }
    }

    /// Resizes a block, in place when the new size has the same class.
    ///
    /// # Safety
    /// As for [`Heap::dealloc`], and `new_size > 0`. On null the old block is
    /// still valid.
    #[inline(always)]
    pub unsafe fn realloc(
        &mut self,
        ptr: *mut u8,
        size: usize,
        align: usize,
        new_size: usize,
    ) -> *mut u8 {
        if align <= ALIGN
            && size <= MAX_SMALL
            && new_size <= MAX_SMALL
            && class_of(size) == class_of(new_size)
        {
            return ptr;
        }
        // SAFETY: caller's contract.
        unsafe { self.realloc_slow(ptr, size, align, new_size) }
    }

    /// Pushes a free block onto its class's list.
    ///
    /// # Safety
    /// `addr` must be an unused, 16-aligned block of `class`'s size owned by
    /// this heap.
    #[inline(always)]
    unsafe fn push(&mut self, addr: usize, class: usize) {
        let class = class & (LISTS - 1);
        // SAFETY: caller's contract: the block is ours to link.
        unsafe { write(addr, self.free[class]) };
        self.free[class] = addr;
    }

    /// The bump chunk is too short: continue it with the next page, or start
    /// a new chunk and file what is left of the old one in the free lists.
    #[cold]
    #[inline(never)]
    fn alloc_from_new_chunk(&mut self, class: usize) -> *mut u8 {
        // SAFETY: the run list only holds runs this heap freed.
        let Some(start) = (unsafe { self.runs.take(&mut self.pages, 1) }) else {
            return core::ptr::null_mut();
        };
        if start == self.end {
            self.end += PAGE;
        } else {
            // SAFETY: [top, end) is the unused rest of the old chunk.
            unsafe { self.file_away(self.top, self.end) };
            self.top = start;
            self.end = start + PAGE;
        }
        // A page holds the largest class.
        let top = self.top;
        self.top = top + class_size(class);
        top as *mut u8
    }

    /// Splits `[from, to)` into the largest blocks that fit and frees them.
    ///
    /// # Safety
    /// The range must be unused heap memory, 16-aligned, a multiple of 16 long.
    unsafe fn file_away(&mut self, from: usize, to: usize) {
        let mut at = from;
        let mut class = CLASSES - 1;
        while at < to {
            while class > 0 && class_size(class) > to - at {
                class -= 1;
            }
            // SAFETY: [at, at + size) is inside the unused range.
            unsafe { self.push(at, class) };
            at += class_size(class);
        }
    }

    #[inline(never)]
    fn alloc_pages(&mut self, size: usize, align: usize) -> *mut u8 {
        // Pages are PAGE-aligned; more is not available.
        if align > PAGE {
            return core::ptr::null_mut();
        }
        let Some(n) = pages_for(size) else {
            return core::ptr::null_mut();
        };
        // SAFETY: the run list only holds runs this heap freed.
        match unsafe { self.runs.take(&mut self.pages, n) } {
            Some(addr) => addr as *mut u8,
            None => core::ptr::null_mut(),
        }
    }

    /// # Safety
    /// As for [`Heap::dealloc`], for a block served by pages.
    #[inline(never)]
    unsafe fn dealloc_pages(&mut self, ptr: *mut u8, size: usize) {
        if let Some(n) = pages_for(size) {
            // SAFETY: the block was `n` pages from `alloc_pages`.
            unsafe { self.runs.give(ptr as usize, n) };
        }
    }

    /// Every resize that changes the class: in place at the end of the chunk
    /// or within page runs, else move.
    ///
    /// # Safety
    /// As for [`Heap::realloc`].
    #[inline(never)]
    unsafe fn realloc_slow(
        &mut self,
        ptr: *mut u8,
        size: usize,
        align: usize,
        new_size: usize,
    ) -> *mut u8 {
        let addr = ptr as usize;
        if is_small(size, align) && is_small(new_size, align) {
            let (old, new) = (class_of(size), class_of(new_size));
            if addr + class_size(old) == self.top {
                // The last block bumped: move the top.
                if new < old || class_size(new) - class_size(old) <= self.end - self.top {
                    self.top = addr + class_size(new);
                    return ptr;
                }
            }
            // Elsewhere a shrink moves too: splitting the block in place would
            // turn big blocks into small ones for good, and a workload that
            // shrinks repeatedly would grow the memory without bound.
        } else if !is_small(size, align) && !is_small(new_size, align) {
            if let (Some(old), Some(new)) = (pages_for(size), pages_for(new_size)) {
                if new < old {
                    // SAFETY: the tail pages are ours and no longer used.
                    unsafe { self.runs.give(addr + new * PAGE, old - new) };
                }
                // SAFETY: the block is `old` pages from the run list.
                if new <= old || unsafe { self.runs.extend(&mut self.pages, addr, old, new) } {
                    return ptr;
                }
            }
        }
        // SAFETY: caller's contract (new_size > 0).
        let moved = unsafe { self.alloc(new_size, align) };
        if !moved.is_null() {
            // SAFETY: both blocks hold at least the bytes copied and are
            // distinct live blocks; the old one is freed with its layout.
            unsafe {
                core::ptr::copy_nonoverlapping(ptr, moved, size.min(new_size));
                self.dealloc(ptr, size, align);
            }
        }
        moved
    }
}

#[cfg(test)]
mod tests;

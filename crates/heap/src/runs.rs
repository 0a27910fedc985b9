//! Whole pages for blocks the size classes do not serve (more than 64 KiB or
//! aligned to more than 16 bytes) and for the size classes' chunks.
//!
//! Free runs of pages form a singly linked list in address order; each run
//! holds its header `[next, pages]` in its first two words. Freeing merges a
//! run with free neighbours, so a big block freed in pieces or next to other
//! free runs serves any later request that fits.

use crate::Pages;

/// Bytes in a wasm page, the unit of `memory.grow`.
pub const PAGE: usize = 65536;
/// Offset of a run's page count in its header.
const COUNT: usize = core::mem::size_of::<usize>();

/// Pages needed for `size` bytes (`None` if that cannot be expressed).
#[inline]
pub(crate) fn pages_for(size: usize) -> Option<usize> {
    size.checked_add(PAGE - 1).map(|bytes| bytes / PAGE)
}

pub(crate) struct Runs {
    /// First free run, 0 when there is none.
    head: usize,
    /// End of the memory this list last took from [`Pages`]: a run ending
    /// here can grow in place.
    brk: usize,
}

impl Runs {
    pub(crate) const fn new() -> Self {
        Runs { head: 0, brk: 0 }
    }

    /// Takes `n` pages from the first free run that holds them, else from
    /// `pages`. Returns their address, or `None` when memory is exhausted.
    ///
    /// # Safety
    /// Every run in the list must be free memory owned by this list.
    pub(crate) unsafe fn take<P: Pages>(&mut self, pages: &mut P, n: usize) -> Option<usize> {
        // Address-ordered first fit, taking the front of the run: blocks pack
        // towards low addresses, and what is left of the run stays right
        // after the block, where `extend` can grow it in place. (Taking the
        // tail instead puts blocks at the end of the memory, where growing
        // them grows the memory: measured to grow without bound.)
        let mut prev = 0;
        let mut run = self.head;
        while run != 0 {
            // SAFETY: `run` is a free run of this list (caller's contract).
            let (next, have) = unsafe { (read(run), read(run + COUNT)) };
            if have >= n {
                // SAFETY: `run` is a free run of this list, `prev` 0 or one.
                unsafe { self.take_front(prev, run, next, have, n) };
                return Some(run);
            }
            prev = run;
            run = next;
        }
        self.grow(pages, n)
    }

    /// Removes the first `n` of the `have` pages of `run` from the list.
    ///
    /// # Safety
    /// `run` must be a free run of this list after `prev` (0 = head), with
    /// link `next`, and `n <= have`.
    unsafe fn take_front(&mut self, prev: usize, run: usize, next: usize, have: usize, n: usize) {
        if have == n {
            // SAFETY: caller's contract.
            unsafe { self.link(prev, next) };
            return;
        }
        let rest = run + n * PAGE;
        // SAFETY: `rest` is inside the free run, past the pages taken.
        unsafe {
            write(rest, next);
            write(rest + COUNT, have - n);
            self.link(prev, rest);
        }
    }

    /// Returns `n` pages at `addr` to the list, merging with free neighbours.
    ///
    /// # Safety
    /// The pages must be unused, owned by the caller, and not in the list.
    pub(crate) unsafe fn give(&mut self, addr: usize, n: usize) {
        let mut prev = 0;
        let mut run = self.head;
        while run != 0 && run < addr {
            prev = run;
            // SAFETY: `run` is a free run of this list.
            run = unsafe { read(run) };
        }
        let mut n = n;
        let mut next = run;
        if run != 0 && addr + n * PAGE == run {
            // SAFETY: `run` is a free run of this list; it becomes part of ours.
            unsafe {
                n += read(run + COUNT);
                next = read(run);
            }
        }
        // SAFETY: `prev` is 0 or a free run of this list; `addr` is ours.
        unsafe {
            if prev != 0 && prev + read(prev + COUNT) * PAGE == addr {
                write(prev + COUNT, read(prev + COUNT) + n);
                write(prev, next);
            } else {
                write(addr, next);
                write(addr + COUNT, n);
                self.link(prev, addr);
            }
        }
    }

    /// Grows the block of `old` pages at `addr` to `new` pages in place, from
    /// a free run right after it or from fresh memory when it ends the heap.
    ///
    /// # Safety
    /// `addr` must be a block of `old` pages taken from this list, `new > old`.
    pub(crate) unsafe fn extend<P: Pages>(
        &mut self,
        pages: &mut P,
        addr: usize,
        old: usize,
        new: usize,
    ) -> bool {
        let end = addr + old * PAGE;
        let extra = new - old;
        let mut prev = 0;
        let mut run = self.head;
        while run != 0 && run < end {
            prev = run;
            // SAFETY: `run` is a free run of this list.
            run = unsafe { read(run) };
        }
        if run == end {
            // SAFETY: `run` is a free run of this list, `prev` 0 or one.
            unsafe {
                let (next, have) = (read(run), read(run + COUNT));
                if have >= extra {
                    self.take_front(prev, run, next, have, extra);
                    return true;
                }
            }
        }
        if end == self.brk {
            match self.grow(pages, extra) {
                Some(start) if start == end => return true,
                // Someone else grew the memory in between: keep the pages.
                // SAFETY: fresh pages, not in the list.
                Some(start) => unsafe { self.give(start, extra) },
                None => {}
            }
        }
        false
    }

    fn grow<P: Pages>(&mut self, pages: &mut P, n: usize) -> Option<usize> {
        let bytes = n.checked_mul(PAGE)?;
        let start = pages.grow(n)?;
        // Pages ending at the very top of the address space would make `end`
        // wrap to 0: leave them unused rather than risk it.
        self.brk = start.checked_add(bytes)?;
        Some(start)
    }

    /// Points `prev`'s link (or the head when `prev` is 0) at `to`.
    ///
    /// # Safety
    /// `prev` must be 0 or a free run of this list.
    unsafe fn link(&mut self, prev: usize, to: usize) {
        if prev == 0 {
            self.head = to;
        } else {
            // SAFETY: caller's contract.
            unsafe { write(prev, to) };
        }
    }
}

/// Reads a word of heap metadata.
///
/// # Safety
/// `addr` must be word-aligned memory owned by the heap.
#[inline(always)]
pub(crate) unsafe fn read(addr: usize) -> usize {
    // SAFETY: caller's contract.
    unsafe { *(addr as *const usize) }
}

/// Writes a word of heap metadata.
///
/// # Safety
/// `addr` must be word-aligned memory owned by the heap and not in use.
#[inline(always)]
pub(crate) unsafe fn write(addr: usize, value: usize) {
    // SAFETY: caller's contract.
    unsafe { *(addr as *mut usize) = value }
}

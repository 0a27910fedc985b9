//! The global allocator of the `.wasm` build.
//!
//! Why not std's default (dlmalloc): the module is also translated to PHP by
//! wasm2php, where every wasm call costs about as much as a dozen
//! instructions. dlmalloc spends ~150 instructions and several calls per
//! `malloc`, ~100 and more calls per `free` (bins, chunk headers, coalescing);
//! with ~20 allocations per `plan` that was a third of its time. Here the
//! common case is a handful of instructions without calls:
//!
//! * blocks of up to [`MAX_SMALL`] bytes with alignment ≤ [`ALIGN`] are
//!   rounded up to a power-of-two size class (16 B … 64 KiB). `alloc` pops the
//!   class's free list, or bumps a pointer through the current chunk; `free`
//!   pushes onto the list. The layout passed to `dealloc`/`realloc` names the
//!   class, so blocks carry no header;
//! * bigger or more aligned blocks take whole 64 KiB pages from an
//!   address-ordered list of free page runs that coalesces on free (rare:
//!   inputs of more than 64 KiB);
//! * memory comes from `memory.grow`, one page at a time for the small classes.
//!
//! Memory stays bounded under any repeated workload: a freed block is reused
//! before new memory is taken, so each class holds at most as many blocks as
//! were ever live in it at once, and freed page runs merge and serve any
//! later big block or chunk. Memory is never returned to the host (wasm
//! memories cannot shrink).
//!
//! The logic ([`Heap`]) is generic over where pages come from ([`Pages`]) so it
//! is tested natively over a plain buffer; [`WasmHeap`] is the `GlobalAlloc`
//! over the module's linear memory.
#![no_std]
#![deny(unsafe_op_in_unsafe_fn)]

// The unit tests run natively, with std, over a buffer.
#[cfg(test)]
extern crate std;

mod class;
mod heap;
mod runs;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use class::{ALIGN, CLASSES, MAX_SMALL, MIN_BLOCK};
pub use heap::Heap;
pub use runs::PAGE;
#[cfg(target_arch = "wasm32")]
pub use wasm::WasmHeap;

/// Where a [`Heap`] gets memory: whole pages appended to one growing region.
pub trait Pages {
    /// Appends `n` pages of [`PAGE`] bytes and returns the address of the first
    /// (a multiple of [`PAGE`]), or `None` when no memory is left.
    fn grow(&mut self, n: usize) -> Option<usize>;
}

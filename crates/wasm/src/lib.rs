//! The messaging core compiled to one `.wasm`, with two faces:
//!
//! * the browser API, through wasm-bindgen ([`browser`]): `call(op, json)` plus
//!   typed helpers for the admin screens' live previews;
//! * the raw JSON ABI for the PHP host ([`abi`]): `mmp_alloc`, `mmp_dealloc` and
//!   `mmp_call`, plain exports with only `i32`/`i64` in their signatures, so the
//!   module translated by wasm2php needs none of the wasm-bindgen JS glue.
//!
//! Both delegate to [`mmp_core::call`], so all three hosts (native, browser,
//! PHP) answer every op the same way.

/// Size classes with free lists instead of std's dlmalloc: a few instructions
/// and no calls per allocation, which matters once translated to PHP
/// (see the `mmp-heap` crate).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static HEAP: mmp_heap::WasmHeap = mmp_heap::WasmHeap::new();

// Pointers are 32-bit only inside wasm32; natively the ABI has no meaning.
#[cfg(target_arch = "wasm32")]
pub mod abi;
pub mod browser;

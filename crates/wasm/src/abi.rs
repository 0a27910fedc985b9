//! The raw JSON ABI used by the PHP host (`Modulus\Sms\Core\Core`).
//!
//! Protocol, all lengths in bytes and all pointers into linear memory:
//! 1. `mmp_alloc(len)` twice: one buffer for the op name, one for the input JSON;
//!    the host writes UTF-8 into them;
//! 2. `mmp_call(op_ptr, op_len, in_ptr, in_len)` consumes (frees) both buffers and
//!    returns the reply as `ptr << 32 | len`, a UTF-8 JSON object;
//! 3. the host reads the reply and frees it with `mmp_dealloc(ptr, len)`.
//!
//! The names carry an `mmp_` prefix because wasm-bindgen's browser `call` export
//! lives in the same module.

use std::alloc::{alloc, dealloc, Layout};

/// Allocates `len` bytes (at least one, so every pointer is distinct and non-null).
/// Returns 0 when the allocation fails, which the host reports as an error.
#[no_mangle]
pub extern "C" fn mmp_alloc(len: u32) -> u32 {
    match layout(len) {
        // SAFETY: the layout has a non-zero size.
        Some(layout) => unsafe { alloc(layout) as usize as u32 },
        None => 0,
    }
}

/// Frees a buffer returned by [`mmp_alloc`] or by [`mmp_call`].
///
/// # Safety
/// `ptr`/`len` must describe a live buffer from this module's allocator.
#[no_mangle]
pub unsafe extern "C" fn mmp_dealloc(ptr: u32, len: u32) {
    if ptr == 0 {
        return;
    }
    if let Some(layout) = layout(len) {
        dealloc(ptr as usize as *mut u8, layout);
    }
}

/// Runs one core op. Takes ownership of both input buffers.
///
/// # Safety
/// Both buffers must come from [`mmp_alloc`] with exactly these lengths.
#[no_mangle]
pub unsafe extern "C" fn mmp_call(op_ptr: u32, op_len: u32, in_ptr: u32, in_len: u32) -> u64 {
    // Read in place, not copied: under PHP every copied byte is a PHP
    // statement, and the input is the largest thing the core reads.
    let input = host_bytes(in_ptr, in_len);
    let reply = std::str::from_utf8(host_bytes(op_ptr, op_len))
        .ok()
        .and_then(|op| mmp_core::call_utf8(op, input))
        .unwrap_or_else(|| NOT_UTF8.to_owned());
    mmp_dealloc(op_ptr, op_len);
    mmp_dealloc(in_ptr, in_len);
    leak(reply)
}

/// The core's ordinary error shape, for the one failure that happens before
/// the core sees the input.
const NOT_UTF8: &str =
    r#"{"error":{"code":"bad_request","message":"op or input is not valid UTF-8"}}"#;

fn layout(len: u32) -> Option<Layout> {
    Layout::from_size_align(len.max(1) as usize, 1).ok()
}

/// A host-written buffer, borrowed until the caller frees it.
///
/// # Safety
/// `ptr`/`len` must describe a live buffer from [`mmp_alloc`] (or `ptr` 0).
unsafe fn host_bytes<'a>(ptr: u32, len: u32) -> &'a [u8] {
    if ptr == 0 {
        return &[];
    }
    std::slice::from_raw_parts(ptr as usize as *const u8, len as usize)
}

/// Hands a reply to the host as one `mmp_alloc`-compatible buffer, without
/// copying it: a boxed slice's allocation is exactly `len` bytes with
/// alignment 1, the layout [`mmp_dealloc`] frees.
fn leak(reply: String) -> u64 {
    if reply.is_empty() {
        // A zero-length box owns no allocation; hand out a real one.
        return u64::from(mmp_alloc(0)) << 32;
    }
    let bytes = reply.into_bytes().into_boxed_slice();
    let len = bytes.len() as u32;
    let ptr = Box::into_raw(bytes) as *mut u8 as usize as u32;
    (u64::from(ptr) << 32) | u64::from(len)
}

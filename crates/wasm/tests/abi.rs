//! The raw ABI the PHP host drives, exercised from inside the .wasm exactly as
//! the host does: allocate, write, call, read the packed reply, free.
#![cfg(target_arch = "wasm32")]

use modulus_sms_wasm::abi::{mmp_alloc, mmp_call, mmp_dealloc};
use wasm_bindgen_test::wasm_bindgen_test;

fn host_call(op: &[u8], input: &[u8]) -> Vec<u8> {
    let op_ptr = put(op);
    let in_ptr = put(input);
    // SAFETY: both buffers come from mmp_alloc with these lengths.
    let packed = unsafe { mmp_call(op_ptr, op.len() as u32, in_ptr, input.len() as u32) };
    let (ptr, len) = ((packed >> 32) as u32, packed as u32);
    assert_ne!(ptr, 0, "the reply buffer is allocated");
    // SAFETY: the reply is `len` bytes at `ptr`, owned by us until freed.
    let reply =
        unsafe { std::slice::from_raw_parts(ptr as usize as *const u8, len as usize).to_vec() };
    unsafe { mmp_dealloc(ptr, len) };
    reply
}

fn put(bytes: &[u8]) -> u32 {
    let ptr = mmp_alloc(bytes.len() as u32);
    // SAFETY: mmp_alloc returned at least `bytes.len()` writable bytes.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), ptr as usize as *mut u8, bytes.len()) };
    ptr
}

#[wasm_bindgen_test]
fn a_call_through_the_abi_answers_like_the_core() {
    let input = r#"{"text":"Γεια σου Μαρία!","transliterate":true}"#.as_bytes();
    let reply = host_call(b"segments", input);
    let expected = mmp_core::call("segments", std::str::from_utf8(input).unwrap());
    assert_eq!(String::from_utf8(reply).unwrap(), expected);
}

#[wasm_bindgen_test]
fn invalid_utf8_is_a_bad_request() {
    let reply = String::from_utf8(host_call(b"segments", b"{\"text\":\"\xff\"}")).unwrap();
    assert!(reply.contains("\"bad_request\""), "{reply}");
}

#[wasm_bindgen_test]
fn empty_buffers_are_fine() {
    let reply = String::from_utf8(host_call(b"", b"")).unwrap();
    assert!(reply.contains("\"bad_request\""), "{reply}");
}

#[wasm_bindgen_test]
fn many_calls_do_not_leak() {
    // The allocator reuses freed blocks: a leak of one reply per call would
    // grow memory by far more than this many pages over 2,000 calls.
    let before = core::arch::wasm32::memory_size(0);
    for _ in 0..2000 {
        host_call(
            b"render",
            br#"{"template":"Hi {first_name}","context":"order","vars":{"first_name":"Maria"}}"#,
        );
    }
    assert!(core::arch::wasm32::memory_size(0) <= before + 2);
}

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

#[wasm_bindgen_test]
fn mixed_calls_with_big_inputs_keep_memory_bounded_and_answers_stable() {
    // What a long-running PHP worker sends: the bench inputs, failures, and
    // inputs above 64 KiB (whole pages instead of size classes), over and
    // over. Memory must stop growing after the first rounds, and every reply
    // must match the first one (a block handed out twice would corrupt it).
    let greek = "Γεια σου κόσμε! ".repeat(6_000);
    let big_segments = format!(r#"{{"text":"{greek}","transliterate":true}}"#);
    let long = "x".repeat(150_000);
    let big_render = format!(
        r#"{{"template":"{long} {{first_name}}","context":"order","vars":{{"first_name":"{long}"}}}}"#
    );
    let calls: [(&[u8], &[u8]); 7] = [
        (b"plan", include_bytes!("../../../tests/bench/plan.json")),
        (
            b"render",
            include_bytes!("../../../tests/bench/render.json"),
        ),
        (b"segments", big_segments.as_bytes()),
        (b"render", big_render.as_bytes()),
        (b"segments", b"{\"text\":\"\xff\"}"),
        (b"no_such_op", b"{}"),
        (b"plan", b"[1,2"),
    ];
    let first: Vec<Vec<u8>> = calls
        .iter()
        .map(|(op, input)| host_call(op, input))
        .collect();
    // One more round to settle: where the big blocks land depends on what
    // the previous round left (measured: one step of 10 pages, then flat).
    for (op, input) in calls {
        host_call(op, input);
    }
    assert!(first[3].len() > 300_000, "the big render is rendered");
    let before = core::arch::wasm32::memory_size(0);
    let mut sizes = Vec::new();
    for _ in 0..100 {
        for ((op, input), expected) in calls.iter().zip(&first) {
            assert!(
                host_call(op, input) == *expected,
                "{} changed",
                String::from_utf8_lossy(op)
            );
        }
        sizes.push(core::arch::wasm32::memory_size(0));
    }
    assert!(
        core::arch::wasm32::memory_size(0) <= before + 2,
        "{before} {sizes:?}"
    );
}

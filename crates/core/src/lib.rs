//! mmp-core: every messaging rule of modulus SMS & Viber for WooCommerce, as
//! pure deterministic functions. Hosts (CLI, browser, PHP) reach it through one
//! entry point, [`call`]: an op name and a JSON input in, a JSON output out.
//! Failures come back as `{"error":{"code":…,"message":…}}`, never a panic.

mod error;

mod gsm7;
mod input;
mod json_text;
mod plan;
mod segments;
mod template;
mod text_eq;
mod transliterate;
mod variables;
mod words;

#[cfg(test)]
mod test_support;

pub mod calling_codes;
pub mod consent;
pub mod phone;
pub mod quiet_hours;
pub mod route;
pub mod time;

pub use error::CoreError;
pub use segments::{count as count_segments, Encoding, SegmentCount};
pub use transliterate::greek_to_gsm7;

use serde_json::Value;

/// The op names every host accepts, in the order of DESIGN.md.
pub const OPS: [&str; 10] = [
    "render",
    "validate_template",
    "segments",
    "normalize_phone",
    "quiet_hours",
    "consent",
    "plan",
    "plan_batch",
    "route",
    "variables",
];

/// Runs `op` on a JSON text and returns the JSON reply text. Malformed JSON
/// and unknown ops are `bad_request` replies.
pub fn call(op: &str, input_json: &str) -> String {
    if let Some(reply) = call_in_place(op, input_json.as_bytes()) {
        return reply;
    }
    let reply = match serde_json::from_str::<Value>(input_json) {
        // An unknown op is the more useful thing to report, whatever the input.
        _ if !OPS.contains(&op) => unknown_op(op).to_json(),
        Ok(input) => call_value(op, input),
        Err(err) => CoreError::bad_request(format!("input is not valid JSON: {err}")).to_json(),
    };
    // Serialising a `Value` cannot fail (its map keys are strings); the
    // fallback only keeps this function total.
    serde_json::to_string(&reply).unwrap_or_else(|_| {
        r#"{"error":{"code":"bad_request","message":"reply could not be serialised"}}"#.to_owned()
    })
}

/// The ops on the order path read their input in place: straight from the
/// JSON text into structs that borrow its strings, with no `Value` tree and
/// no copies (in PHP, where the core runs translated from WebAssembly, every
/// allocation and copied byte is paid many times over). Only answers are
/// given this way: an input the text reader does not take (a wrong type, a
/// repeated key) or whose answer is an error goes through `Value` below, so
/// every error reads exactly as it always has. Both ways share one input
/// struct and one rule function per op; `lib_tests` checks they agree.
fn call_in_place(op: &str, input_json: &[u8]) -> Option<String> {
    match op {
        "plan" => plan::op_in_place(input_json),
        "render" => template::render_in_place(input_json),
        _ => None,
    }
}

/// [`call`] for hosts that hand over bytes: the ops answered in place check
/// UTF-8 only inside strings as they read them (the rest of valid JSON is
/// ASCII); every other input is checked whole first. `None` when the input
/// is not UTF-8.
pub fn call_utf8(op: &str, input_json: &[u8]) -> Option<String> {
    if let Some(reply) = call_in_place(op, input_json) {
        return Some(reply);
    }
    std::str::from_utf8(input_json)
        .ok()
        .map(|input| call(op, input))
}

/// Runs `op` on an already parsed input.
pub fn call_value(op: &str, input: Value) -> Value {
    dispatch(op, input).unwrap_or_else(|err| err.to_json())
}

/// Each op's `Value` path is `#[inline(never)]`: the wasm build inlines more
/// than the default (`.cargo/config.toml`), and all of them inlined here
/// made one function too large for one file of the PHP translation.
fn dispatch(op: &str, input: Value) -> Result<Value, CoreError> {
    match op {
        "render" => template::render_op(input),
        "validate_template" => template::validate_op(input),
        "segments" => segments::op(input),
        "normalize_phone" => phone::op(input),
        "quiet_hours" => quiet_hours::op(input),
        "consent" => consent::op(input),
        "plan" => plan::op(input),
        "plan_batch" => plan::batch_op(input),
        "route" => route::op(input),
        "variables" => variables::op(input),
        _ => Err(unknown_op(op)),
    }
}

fn unknown_op(op: &str) -> CoreError {
    CoreError::bad_request(format!(
        "unknown op '{op}' (expected one of: {})",
        OPS.join(", ")
    ))
}

#[cfg(test)]
#[path = "lib_tests.rs"]
mod tests;

//! The wasm-bindgen API the admin screens import (`php-plugin/assets/wasm/`).
//!
//! Everything goes through [`call`]; the typed helpers only build the input
//! JSON, so the browser can never compute something the server would not.
//! Replies are JSON strings (`JSON.parse` on the JS side): passing strings
//! keeps the glue small and needs no serde-wasm-bindgen.

use wasm_bindgen::prelude::*;

/// Runs any core op: `call("segments", '{"text":"…"}')`.
#[wasm_bindgen]
pub fn call(op: &str, json: &str) -> String {
    mmp_core::call(op, json)
}

/// Renders a template with variables given as a JSON object string.
#[wasm_bindgen]
pub fn render(template: &str, context: &str, vars_json: &str) -> String {
    let vars = parse_object(vars_json);
    let input = serde_json::json!({ "template": template, "context": context, "vars": vars });
    mmp_core::call_value("render", input).to_string()
}

/// Encoding and segment count of a text, optionally Greek→GSM-7 converted.
#[wasm_bindgen]
pub fn segments(text: &str, transliterate: bool) -> String {
    let input = serde_json::json!({ "text": text, "transliterate": transliterate });
    mmp_core::call_value("segments", input).to_string()
}

/// Save-time validation of a template, with error positions.
#[wasm_bindgen]
pub fn validate_template(template: &str, context: &str) -> String {
    let input = serde_json::json!({ "template": template, "context": context });
    mmp_core::call_value("validate_template", input).to_string()
}

/// E.164 normalisation with a default country.
#[wasm_bindgen]
pub fn normalize_phone(phone: &str, country: &str) -> String {
    let input = serde_json::json!({ "phone": phone, "country": country });
    mmp_core::call_value("normalize_phone", input).to_string()
}

/// When a message due at `now` would go out under the quiet-hours settings
/// (input as for the `quiet_hours` op).
#[wasm_bindgen]
pub fn quiet_hours(json: &str) -> String {
    call("quiet_hours", json)
}

/// A malformed vars string becomes `null`, which the core rejects with its
/// usual `bad_request` reply instead of this glue inventing an error shape.
fn parse_object(json: &str) -> serde_json::Value {
    serde_json::from_str(json).unwrap_or(serde_json::Value::Null)
}

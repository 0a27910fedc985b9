//! The shared JSON vectors (tests/vectors), run inside the real .wasm in Node
//! through the wasm-bindgen browser API: the same answers as native and PHP.
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use wasm_bindgen_test::wasm_bindgen_test;

const BUNDLE: &str = include_str!(concat!(env!("OUT_DIR"), "/vectors.json"));

#[wasm_bindgen_test]
fn every_shared_vector_gives_the_expected_fields() {
    let files: Vec<Value> = serde_json::from_str(BUNDLE).expect("bundled vectors are JSON");
    let mut failures = Vec::new();
    let mut count = 0;
    for file in &files {
        let vectors = file["vectors"]
            .as_array()
            .expect("a vector file is a JSON list");
        for vector in vectors {
            count += 1;
            let op = vector["op"].as_str().unwrap_or_default();
            let reply = modulus_sms_wasm::browser::call(op, &vector["input"].to_string());
            let output: Value = serde_json::from_str(&reply).expect("the core replies with JSON");
            if let Some(mismatch) = first_mismatch(&vector["expect"], &output) {
                failures.push(format!("{} / {}: {mismatch}", file["file"], vector["name"]));
            }
        }
    }
    assert!(count > 0, "no vectors were bundled");
    assert!(
        failures.is_empty(),
        "{} of {count} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[wasm_bindgen_test]
fn typed_helpers_agree_with_call() {
    let typed = modulus_sms_wasm::browser::segments("Γεια σου Μαρία!", true);
    let generic = modulus_sms_wasm::browser::call(
        "segments",
        r#"{"text":"Γεια σου Μαρία!","transliterate":true}"#,
    );
    assert_eq!(typed, generic);
}

#[wasm_bindgen_test]
fn malformed_input_is_a_bad_request_not_a_trap() {
    let reply: Value =
        serde_json::from_str(&modulus_sms_wasm::browser::call("render", "{not json")).unwrap();
    assert_eq!(reply["error"]["code"], "bad_request");
}

/// `expect` lists the fields that must equal the output's; when the output is
/// not an object (plan_batch replies with a list), `expect` is the whole reply.
fn first_mismatch(expect: &Value, output: &Value) -> Option<String> {
    let (Some(fields), true) = (expect.as_object(), output.is_object()) else {
        return (expect != output).then(|| format!("expected {expect}, got {output}"));
    };
    fields.iter().find_map(|(key, want)| {
        let got = &output[key];
        (got != want).then(|| format!("field `{key}`: expected {want}, got {got}"))
    })
}

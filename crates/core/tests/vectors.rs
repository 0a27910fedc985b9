//! Runs every shared JSON vector under `tests/vectors/` (files `<op>.json`
//! holding a list, or `<op>/*.json` holding one vector or a list) against the
//! native core. A vector is `{name, op, input, expect}`: when the output is an
//! object, each field listed in `expect` must equal the output's field; when
//! it is not (plan_batch replies with a list), `expect` is the whole reply.
//! The same rule is used by the wasm and PHP hosts.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors")
}

/// Every vector file, sorted, so the report is stable.
fn vector_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(vector_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "json") {
            files.push(path);
        }
    }
    files.sort();
    files
}

fn first_mismatch(expect: &Value, output: &Value) -> Option<String> {
    let (Some(fields), true) = (expect.as_object(), output.is_object()) else {
        return whole_mismatch(expect, output);
    };
    fields.iter().find_map(|(key, want)| {
        let got = output.get(key).unwrap_or(&Value::Null);
        (got != want).then(|| format!("field `{key}`: expected {want}, got {got}"))
    })
}

/// Exact equality, reported at the first differing element of a list so a
/// long plan_batch reply stays readable.
fn whole_mismatch(expect: &Value, output: &Value) -> Option<String> {
    if expect == output {
        return None;
    }
    if let (Value::Array(want), Value::Array(got)) = (expect, output) {
        if want.len() != got.len() {
            return Some(format!(
                "expected {} items, got {}: {output}",
                want.len(),
                got.len()
            ));
        }
        return want
            .iter()
            .zip(got)
            .position(|(w, g)| w != g)
            .and_then(|i| {
                Some(format!(
                    "item {i}: expected {}, got {}",
                    want.get(i)?,
                    got.get(i)?
                ))
            });
    }
    Some(format!("expected {expect}, got {output}"))
}

#[test]
fn every_shared_vector_gives_the_expected_fields() {
    let dir = vectors_dir();
    let files = vector_files(&dir);
    assert!(!files.is_empty(), "no vector files in {}", dir.display());
    let mut failures = Vec::new();
    let mut count = 0;
    let mut ops_seen: Vec<String> = Vec::new();
    for file in &files {
        let label = file
            .strip_prefix(&dir)
            .unwrap_or(file)
            .display()
            .to_string();
        let parsed: Value = match fs::read_to_string(file)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()))
        {
            Ok(parsed) => parsed,
            Err(err) => {
                failures.push(format!("{label}: unreadable: {err}"));
                continue;
            }
        };
        let vectors = match parsed {
            Value::Array(vectors) => vectors,
            single => vec![single],
        };
        let mut names = Vec::new();
        for vector in &vectors {
            count += 1;
            let name = vector
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("<unnamed>");
            let (Some(op), Some(input), Some(expect)) = (
                vector.get("op").and_then(Value::as_str),
                vector.get("input"),
                vector.get("expect"),
            ) else {
                failures.push(format!(
                    "{label} / {name}: a vector needs op, input and expect"
                ));
                continue;
            };
            if names.contains(&name) {
                failures.push(format!("{label} / {name}: duplicate name"));
            }
            names.push(name);
            ops_seen.push(op.to_owned());
            let output = mmp_core::call_value(op, input.clone());
            // The text entry point must agree with the value one.
            let via_text: Value = serde_json::from_str(&mmp_core::call(op, &input.to_string()))
                .unwrap_or(Value::Null);
            if via_text != output {
                failures.push(format!("{label} / {name}: call and call_value disagree"));
            }
            if let Some(mismatch) = first_mismatch(expect, &output) {
                failures.push(format!("{label} / {name}: {mismatch}"));
            }
        }
    }
    for op in mmp_core::OPS {
        if !ops_seen.contains(&op.to_owned()) {
            failures.push(format!("no vector exercises the op `{op}`"));
        }
    }
    println!("{count} vectors in {} files", files.len());
    assert!(
        failures.is_empty(),
        "{} of {count} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

//! Bundles `tests/vectors/*.json` into one JSON list in OUT_DIR, so the
//! wasm-bindgen tests (which run in Node, without a file system the test can
//! reach) check the very same vectors as the native and PHP hosts.

use std::{env, fs, path::PathBuf};

fn main() {
    let vectors_dir =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../tests/vectors");
    println!("cargo:rerun-if-changed={}", vectors_dir.display());
    let mut files: Vec<PathBuf> = fs::read_dir(&vectors_dir)
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    let mut bundle = String::from("[");
    for (i, file) in files.iter().enumerate() {
        println!("cargo:rerun-if-changed={}", file.display());
        let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let name = file.file_name().unwrap().to_string_lossy();
        if i > 0 {
            bundle.push(',');
        }
        bundle.push_str(&format!("{{\"file\":{name:?},\"vectors\":{text}}}"));
    }
    bundle.push(']');
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("vectors.json");
    fs::write(out, bundle).expect("write bundled vectors");
}

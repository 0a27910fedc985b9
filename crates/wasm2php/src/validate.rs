//! Validation against WebAssembly 2.0 without SIMD.

use crate::error::{Error, Result};
use wasmparser::{Validator, WasmFeatures};

/// The feature set wasm2php translates: WebAssembly 2.0 minus SIMD.
pub fn features() -> WasmFeatures {
    WasmFeatures::WASM2 - WasmFeatures::SIMD
}

/// Rejects malformed or invalid modules with wasmparser's message.
pub fn validate(wasm: &[u8]) -> Result<()> {
    Validator::new_with_features(features())
        .validate_all(wasm)
        .map(|_| ())
        .map_err(|err| Error::Invalid(err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_valid_module() {
        let wasm = wat::parse_str("(module (func (result i32) i32.const 1))").unwrap();
        assert!(validate(&wasm).is_ok());
    }

    #[test]
    fn rejects_a_type_error() {
        let wasm = wat::parse_str("(module (func (result i32) i64.const 1))").unwrap();
        let err = validate(&wasm).unwrap_err().to_string();
        assert!(err.contains("type mismatch"), "{err}");
    }

    #[test]
    fn rejects_simd() {
        let wasm = wat::parse_str("(module (func (result v128) v128.const i64x2 0 0))").unwrap();
        assert!(validate(&wasm).is_err());
    }

    #[test]
    fn rejects_garbage() {
        assert!(validate(b"\0asm\x02\0\0\0").is_err());
    }
}

//! Value types as the PHP side names them, and function signatures.

use wasmparser::{RefType, ValType};

/// A function type with the names the runtime uses ("i32", "funcref", ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub params: Vec<ValType>,
    pub results: Vec<ValType>,
}

impl Signature {
    /// The string the runtime compares for call_indirect and import checks, e.g. "i32,i64->f32".
    pub fn key(&self) -> String {
        let names = |types: &[ValType]| {
            types
                .iter()
                .map(|t| type_name(*t))
                .collect::<Vec<_>>()
                .join(",")
        };
        format!("{}->{}", names(&self.params), names(&self.results))
    }
}

pub fn type_name(ty: ValType) -> &'static str {
    match ty {
        ValType::I32 => "i32",
        ValType::I64 => "i64",
        ValType::F32 => "f32",
        ValType::F64 => "f64",
        ValType::V128 => "v128",
        ValType::Ref(r) => ref_name(r),
    }
}

pub fn ref_name(r: RefType) -> &'static str {
    if r == RefType::EXTERNREF {
        "externref"
    } else {
        "funcref"
    }
}

/// The PHP literal of a type's default value in the internal representation.
pub fn zero_literal(ty: ValType) -> &'static str {
    match ty {
        ValType::I32 | ValType::I64 | ValType::F32 => "0",
        ValType::F64 => "0.0",
        _ => "null",
    }
}

/// A PHP array literal of type names: ['i32', 'f64'].
pub fn names_literal(types: &[ValType]) -> String {
    let names: Vec<String> = types
        .iter()
        .map(|t| format!("'{}'", type_name(*t)))
        .collect();
    format!("[{}]", names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_key_lists_params_then_results() {
        let sig = Signature {
            params: vec![ValType::I32, ValType::I64],
            results: vec![ValType::F32],
        };
        assert_eq!(sig.key(), "i32,i64->f32");
        let empty = Signature {
            params: vec![],
            results: vec![],
        };
        assert_eq!(empty.key(), "->");
    }

    #[test]
    fn reference_names() {
        assert_eq!(type_name(ValType::FUNCREF), "funcref");
        assert_eq!(type_name(ValType::EXTERNREF), "externref");
    }
}

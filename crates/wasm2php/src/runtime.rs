//! The PHP runtime shipped beside generated code, with its namespace filled in.

/// (file name, source with the `__RNS__` namespace placeholder)
const FILES: &[(&str, &str)] = &[
    ("Trap.php", include_str!("../runtime/Trap.php")),
    ("LinkError.php", include_str!("../runtime/LinkError.php")),
    ("Memory.php", include_str!("../runtime/Memory.php")),
    ("Table.php", include_str!("../runtime/Table.php")),
    ("GlobalVar.php", include_str!("../runtime/GlobalVar.php")),
    ("Value.php", include_str!("../runtime/Value.php")),
    ("Func.php", include_str!("../runtime/Func.php")),
    ("Rt.php", include_str!("../runtime/Rt.php")),
    ("Fp.php", include_str!("../runtime/Fp.php")),
    ("Instance.php", include_str!("../runtime/Instance.php")),
];

/// The runtime files as (path relative to the output dir, contents).
pub fn runtime_files(namespace: &str) -> Vec<(String, String)> {
    FILES
        .iter()
        .map(|(name, source)| {
            (
                format!("Runtime/{name}"),
                source.replace("__RNS__", namespace),
            )
        })
        .collect()
}

/// Short class names of the runtime (what the autoloader may load from `Runtime/`).
pub fn runtime_classes() -> Vec<&'static str> {
    FILES
        .iter()
        .map(|(name, _)| name.trim_end_matches(".php"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_is_filled_in() {
        let files = runtime_files("Acme\\Rt");
        assert_eq!(files.len(), runtime_classes().len());
        for (path, source) in files {
            assert!(path.starts_with("Runtime/"));
            assert!(source.contains("namespace Acme\\Rt;"), "{path}");
            assert!(!source.contains("__RNS__"));
        }
    }
}

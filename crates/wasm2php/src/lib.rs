//! wasm2php: ahead-of-time translation of WebAssembly 2.0 (without SIMD) into plain PHP.
//!
//! Pipeline: validate (`validate`) → read sections (`module`) → translate each function
//! (`function`, with `control`, `stack`, `numeric`, `memory_ops`) → pack into files
//! (`chunk`) → emit the `Module` class (`module_emit`), the autoloader and the runtime (`runtime`).

pub mod bounds;
pub mod chunk;
pub mod control;
pub mod error;
pub mod function;
pub mod memory_ops;
pub mod module;
pub mod module_emit;
pub mod numeric;
pub mod php;
pub mod runtime;
pub mod stack;
pub mod types;
pub mod validate;

use std::path::Path;

pub use error::{Error, Result};
use function::{translate_function, FuncEnv};
use module::ModuleInfo;
use wasmparser::ExternalKind;

/// Where the generated classes live.
#[derive(Debug, Clone)]
pub struct Options {
    /// Namespace of the generated `Module` and its chunk classes, e.g. `Acme\Core`.
    pub namespace: String,
    /// Namespace of the runtime classes (Trap, Memory, ...); defaults to `<namespace>\Runtime`.
    pub runtime_namespace: Option<String>,
}

impl Options {
    pub fn runtime_namespace(&self) -> String {
        self.runtime_namespace
            .clone()
            .unwrap_or_else(|| format!("{}\\Runtime", self.namespace))
    }
}

/// One generated file, path relative to the output directory.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
}

/// The translation: files plus non-fatal remarks (e.g. a function too large for one file).
#[derive(Debug, Clone)]
pub struct Output {
    pub files: Vec<OutputFile>,
    pub warnings: Vec<String>,
}

/// Whether `ns` is a PHP namespace name (identifiers separated by single backslashes).
pub fn is_php_namespace(ns: &str) -> bool {
    !ns.is_empty()
        && ns.split('\\').all(|part| {
            let mut chars = part.chars();
            matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// Validates and translates a module.
pub fn translate(wasm: &[u8], options: &Options) -> Result<Output> {
    let runtime_ns = options.runtime_namespace();
    for ns in [&options.namespace, &runtime_ns] {
        if !is_php_namespace(ns) {
            return Err(Error::Unsupported(format!("not a PHP namespace: {ns:?}")));
        }
    }
    validate::validate(wasm)?;
    let module = ModuleInfo::parse(wasm)?;
    let env = FuncEnv {
        boxed_globals: boxed_globals(&module),
        module: &module,
    };

    let mut methods = Vec::with_capacity(module.bodies.len());
    for (i, body) in module.bodies.iter().enumerate() {
        methods.push(translate_function(
            &env,
            module.imported_funcs + i as u32,
            body,
        )?);
    }

    let header = file_header(&options.namespace, &runtime_ns);
    let mut warnings = Vec::new();
    let (func_classes, func_files) = chunk::function_files(methods, module.imported_funcs, &header);
    let data = chunk::data_parts(&module, &header);
    let module_source = module_emit::module_class(&env, &header, &func_classes, &data);

    let mut files = vec![OutputFile {
        path: "Module.php".into(),
        contents: module_source,
    }];
    for (name, source) in func_files.into_iter().chain(data.files) {
        files.push(OutputFile {
            path: format!("{name}.php"),
            contents: source,
        });
    }
    for file in &files {
        if file.contents.len() > 300 * 1024 {
            warnings.push(format!(
                "{} is {} bytes (over 300 KB)",
                file.path,
                file.contents.len()
            ));
        }
    }
    files.push(OutputFile {
        path: "autoload.php".into(),
        contents: autoloader(&options.namespace, &runtime_ns),
    });
    for (path, contents) in runtime::runtime_files(&runtime_ns) {
        files.push(OutputFile { path, contents });
    }
    Ok(Output { files, warnings })
}

/// Writes the files below `dir`, creating directories as needed.
pub fn write_output(dir: &Path, output: &Output) -> std::io::Result<()> {
    for file in &output.files {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, &file.contents)?;
    }
    Ok(())
}

/// Globals reachable from outside (imported or exported) live in shared GlobalVar objects.
fn boxed_globals(module: &ModuleInfo<'_>) -> Vec<bool> {
    let mut boxed: Vec<bool> = (0..module.globals.len())
        .map(|i| (i as u32) < module.imported_globals)
        .collect();
    for e in &module.exports {
        if e.kind == ExternalKind::Global {
            boxed[e.index as usize] = true;
        }
    }
    boxed
}

/// The PHP functions generated code calls, imported by every generated file.
const PHP_FUNCTIONS: &str =
    "use function abs, count, fdiv, implode, is_int, ord, sqrt, str_repeat, strlen, unpack;\n";

fn file_header(namespace: &str, runtime_ns: &str) -> String {
    let uses: String = [
        "Fp",
        "Func",
        "GlobalVar",
        "Instance",
        "Memory",
        "Rt",
        "Table",
    ]
    .iter()
    .map(|c| format!("use {runtime_ns}\\{c};\n"))
    .collect();
    // Imported functions resolve at compile time: PHP then compiles strlen() and is_int() to
    // single opcodes instead of calls that first look for `{namespace}\strlen` at run time.
    format!("<?php\n\n// Generated by wasm2php from a WebAssembly module. Do not edit.\n\nnamespace {namespace};\n\n{uses}{PHP_FUNCTIONS}\n")
}

fn autoloader(namespace: &str, runtime_ns: &str) -> String {
    let runtime: Vec<String> = runtime::runtime_classes()
        .iter()
        .map(|c| format!("'{c}' => true"))
        .collect();
    format!(
        r#"<?php

// Generated by wasm2php. Loads the translated module's classes on first use.

spl_autoload_register(static function (string $class): void {{
    $ns = '{ns}\\';
    $rt = '{rt}\\';
    if (str_starts_with($class, $rt)) {{
        $name = substr($class, strlen($rt));
        if (isset([{runtime}][$name])) {{
            require __DIR__ . '/Runtime/' . $name . '.php';
        }}
        return;
    }}
    if (str_starts_with($class, $ns)) {{
        $name = substr($class, strlen($ns));
        if ($name === 'Module' || preg_match('/^[FD][0-9]+$/D', $name) === 1) {{
            require __DIR__ . '/' . $name . '.php';
        }}
    }}
}});
"#,
        ns = namespace.replace('\\', "\\\\"),
        rt = runtime_ns.replace('\\', "\\\\"),
        runtime = runtime.join(", ")
    )
}

/// The chunk-class source generated for a wat module (tests of the emitters).
#[cfg(test)]
pub(crate) fn functions_of(wat: &str) -> String {
    let wasm = wat::parse_str(wat).expect("test wat parses");
    let output = translate(
        &wasm,
        &Options {
            namespace: "T".into(),
            runtime_namespace: None,
        },
    )
    .expect("translates");
    output
        .files
        .into_iter()
        .find(|f| f.path == "F0.php")
        .expect("one function file")
        .contents
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_are_checked() {
        assert!(is_php_namespace("Modulus\\Sms\\Generated\\Core"));
        assert!(!is_php_namespace("Bad\\\\Double"));
        assert!(!is_php_namespace("1x"));
        let err = translate(
            b"\0asm\x01\0\0\0",
            &Options {
                namespace: "a-b".into(),
                runtime_namespace: None,
            },
        );
        assert!(err.is_err());
    }

    #[test]
    fn output_is_deterministic() {
        let wasm = wat::parse_str(
            r#"(module (memory 1) (data (i32.const 4) "abc")
                (func (export "f") (param i32) (result i32) local.get 0 i32.const 1 i32.add))"#,
        )
        .unwrap();
        let options = Options {
            namespace: "T\\M".into(),
            runtime_namespace: None,
        };
        let a = translate(&wasm, &options).unwrap();
        let b = translate(&wasm, &options).unwrap();
        let paths: Vec<_> = a.files.iter().map(|f| f.path.clone()).collect();
        assert!(
            paths.contains(&"Module.php".to_string())
                && paths.contains(&"autoload.php".to_string())
        );
        for (x, y) in a.files.iter().zip(&b.files) {
            assert_eq!(x.contents, y.contents);
        }
    }

    #[test]
    fn every_php_function_generated_code_calls_is_imported() {
        let php = functions_of(
            "(module (memory 1) (table 1 funcref)
               (func (param i32 f64) (result i32)
                 (drop (f64.div (f64.abs (local.get 1)) (f64.sqrt (local.get 1))))
                 (drop (i64.add (i64.load (local.get 0)) (i64.const 1)))
                 (i32.store8 (local.get 0) (i32.load8_u (local.get 0)))
                 (i32.add (i32.load (local.get 0)) (table.size))))",
        );
        let imported: Vec<&str> = PHP_FUNCTIONS
            .trim_start_matches("use function ")
            .trim_end_matches(";\n")
            .split(", ")
            .collect();
        assert!(php.contains(PHP_FUNCTIONS), "{php}");
        let mut called = 0;
        for (at, _) in php.match_indices('(') {
            let name: String = php[..at]
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let head = &php[..at - name.len()];
            let before = head.chars().last().unwrap_or(' ');
            let is_global_call = !name.is_empty()
                && name.starts_with(|c: char| c.is_ascii_lowercase())
                && !matches!(before, '$' | ':' | '>' | '\\')
                && !head.ends_with("function ")
                && !matches!(
                    name.as_str(),
                    "if" | "function" | "switch" | "int" | "float"
                );
            if is_global_call {
                called += 1;
                assert!(imported.contains(&name.as_str()), "{name} is not imported");
            }
        }
        assert!(called >= 5, "{php}");
    }

    #[test]
    fn invalid_modules_are_rejected() {
        let wasm = wat::parse_str("(module (func (result i32) i64.const 1))").unwrap();
        let err = translate(
            &wasm,
            &Options {
                namespace: "T".into(),
                runtime_namespace: None,
            },
        )
        .unwrap_err();
        assert!(matches!(err, Error::Invalid(_)));
    }
}

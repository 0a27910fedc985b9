//! The generated `Module` class: imports, globals, tables, memory image, segments, start.

use crate::chunk::DataParts;
use crate::function::FuncEnv;
use crate::module::{Const, ImportKind, SegmentMode};
use crate::php::{f64_literal, int_literal, name_literal};
use crate::types::{names_literal, ref_name, type_name};
use wasmparser::ExternalKind;

/// PHP for a constant expression, in the internal value representation.
pub fn const_expr(env: &FuncEnv<'_>, c: &Const) -> String {
    match c {
        Const::I32(v) => int_literal(*v as i64),
        Const::I64(v) => int_literal(*v),
        Const::F32(bits) => int_literal(*bits as i32 as i64),
        Const::F64(bits) => f64_literal(*bits, "Fp"),
        Const::RefNull => "null".to_string(),
        Const::RefFunc(f) => format!("$c->funcRef({f})"),
        Const::GlobalGet(g) => env.global_ref(*g),
    }
}

fn limit_literal(max: Option<u64>) -> String {
    max.map_or("null".to_string(), |m| m.to_string())
}

/// Writes `Module.php`. `func_classes[i]` is the chunk class of defined function i.
pub fn module_class(
    env: &FuncEnv<'_>,
    header: &str,
    func_classes: &[String],
    data: &DataParts,
) -> String {
    let m = env.module;
    let mut out = String::new();
    out.push_str(header);
    out.push_str("final class Module extends Instance\n{\n");

    out.push_str("    protected const FUNCS = [\n");
    for (i, class) in func_classes.iter().enumerate() {
        let index = m.imported_funcs as usize + i;
        let sig = m.func_sig(index as u32);
        out.push_str(&format!(
            "        {index} => [{class}::class, 'f{index}', {}, {}, '{}'],\n",
            names_literal(&sig.params),
            names_literal(&sig.results),
            sig.key()
        ));
    }
    out.push_str("    ];\n");

    out.push_str("    protected const EXPORTS = [\n");
    for e in &m.exports {
        let kind = match e.kind {
            ExternalKind::Func | ExternalKind::FuncExact => "func",
            ExternalKind::Table => "table",
            ExternalKind::Memory => "memory",
            ExternalKind::Global => "global",
            ExternalKind::Tag => "tag",
        };
        out.push_str(&format!(
            "        {} => ['{kind}', {}],\n",
            name_literal(&e.name),
            e.index
        ));
    }
    out.push_str("    ];\n");

    out.push_str("    protected const IMPORTS = [\n");
    for import in &m.imports {
        let kind = match import.kind {
            ImportKind::Func(_) => "func",
            ImportKind::Table(..) => "table",
            ImportKind::Memory(_) => "memory",
            ImportKind::Global(..) => "global",
        };
        out.push_str(&format!(
            "        [{}, {}, '{kind}'],\n",
            name_literal(&import.module),
            name_literal(&import.name)
        ));
    }
    out.push_str("    ];\n\n");

    for g in 0..m.globals.len() {
        out.push_str(&format!("    public $g{g};\n"));
    }
    for t in 0..m.tables.len() {
        out.push_str(&format!("    public $t{t};\n"));
    }

    out.push_str("\n    /** @param array<string, mixed> $imports */\n");
    out.push_str("    public static function instantiate(array $imports = []): self\n    {\n");
    out.push_str("        self::avoidTracingJit();\n        $c = new self();\n");
    let mut body = Vec::new();
    emit_imports(env, &mut body);
    emit_definitions(env, data, &mut body);
    emit_segments(env, data, &mut body);
    if let Some(start) = m.start {
        body.push(format!(
            "$f = $c->funcRef({start}); $cl = $f->cls; $fn = $f->fn; $cl::$fn($f->inst, 0);"
        ));
    }
    for line in body {
        out.push_str("        ");
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("        return $c;\n    }\n}\n");
    out
}

fn emit_imports(env: &FuncEnv<'_>, body: &mut Vec<String>) {
    let m = env.module;
    let (mut func, mut table, mut global) = (0u32, 0u32, 0u32);
    for import in &m.imports {
        let (module, name) = (name_literal(&import.module), name_literal(&import.name));
        match &import.kind {
            ImportKind::Func(ty) => {
                let sig = &m.types[*ty as usize];
                body.push(format!(
                    "$c->funcs[{func}] = self::importFunc($imports, {module}, {name}, {}, {});",
                    names_literal(&sig.params),
                    names_literal(&sig.results)
                ));
                func += 1;
            }
            ImportKind::Table(elem, limits) => {
                body.push(format!(
                    "$c->t{table} = self::importTable($imports, {module}, {name}, '{}', {}, {});",
                    ref_name(*elem),
                    limits.initial,
                    limit_literal(limits.maximum)
                ));
                table += 1;
            }
            ImportKind::Memory(limits) => {
                body.push(format!(
                    "$c->mem = self::importMemory($imports, {module}, {name}, {}, {});",
                    limits.initial,
                    limit_literal(limits.maximum)
                ));
                body.push(BIND_MEMORY.to_string());
            }
            ImportKind::Global(ty, mutable) => {
                body.push(format!(
                    "$c->g{global} = self::importGlobal($imports, {module}, {name}, '{}', {mutable});",
                    type_name(*ty)
                ));
                global += 1;
            }
        }
    }
}

fn emit_definitions(env: &FuncEnv<'_>, data: &DataParts, body: &mut Vec<String>) {
    let m = env.module;
    for (i, g) in m
        .globals
        .iter()
        .enumerate()
        .skip(m.imported_globals as usize)
    {
        let init = const_expr(
            env,
            g.init
                .as_ref()
                .expect("defined globals have an initialiser"),
        );
        if env.boxed_globals[i] {
            body.push(format!(
                "$c->g{i} = new GlobalVar('{}', {});",
                type_name(g.ty),
                g.mutable
            ));
            body.push(format!("$c->g{i}->value = {init};"));
        } else {
            body.push(format!("$c->g{i} = {init};"));
        }
    }
    for (i, t) in m.tables.iter().enumerate().skip(m.imported_tables as usize) {
        body.push(format!(
            "$c->t{i} = new Table('{}', {}, {});",
            ref_name(t.elem),
            t.limits.initial,
            limit_literal(t.limits.maximum)
        ));
    }
    if let (Some(limits), false) = (&m.memory, m.memory_imported) {
        let image = data.initial_image.as_deref().unwrap_or("null");
        body.push(format!(
            "$c->mem = new Memory({}, {}, {image});",
            limits.initial,
            limit_literal(limits.maximum)
        ));
        body.push(BIND_MEMORY.to_string());
    }
}

/// Binds `$c->md` to the memory's bytes by reference: generated functions then bind `$m` with
/// one property fetch (`$m = &$c->md`), about 50 machine instructions cheaper per call than
/// `$m = &$c->mem->data` (PHP 8.2). Writes and growth of either name reach the same string.
const BIND_MEMORY: &str = "$c->md = &$c->mem->data;";

fn emit_segments(env: &FuncEnv<'_>, data: &DataParts, body: &mut Vec<String>) {
    let m = env.module;
    for (i, seg) in m.elems.iter().enumerate() {
        let items: Vec<String> = seg.items.iter().map(|c| const_expr(env, c)).collect();
        let list = format!("[{}]", items.join(", "));
        match &seg.mode {
            SegmentMode::Passive => body.push(format!("$c->elem[{i}] = {list};")),
            SegmentMode::Declared => body.push(format!("$c->elem[{i}] = [];")),
            SegmentMode::Active { index, offset } => {
                body.push(format!(
                    "$c->t{index}->init({}, {list}, 0, {});",
                    const_expr(env, offset),
                    seg.items.len()
                ));
                body.push(format!("$c->elem[{i}] = [];"));
            }
        }
    }
    for (i, seg) in m.datas.iter().enumerate() {
        let bytes = &data.segments[i];
        match &seg.mode {
            SegmentMode::Active { offset, .. } => {
                if data.initial_image.is_none() {
                    body.push(format!(
                        "$c->mem->init({}, {bytes}, 0, {});",
                        const_expr(env, offset),
                        seg.bytes.len()
                    ));
                }
                body.push(format!("$c->data[{i}] = '';"));
            }
            _ => body.push(format!("$c->data[{i}] = {bytes};")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::BIND_MEMORY;
    use crate::{translate, Options};

    fn module_php(wat: &str) -> String {
        let wasm = wat::parse_str(wat).expect("test wat parses");
        let options = Options {
            namespace: "T".into(),
            runtime_namespace: None,
        };
        let output = translate(&wasm, &options).expect("translates");
        output
            .files
            .into_iter()
            .find(|f| f.path == "Module.php")
            .expect("a Module class")
            .contents
    }

    #[test]
    fn the_memory_bytes_are_bound_right_after_the_memory_exists() {
        for wat in [
            "(module (memory 1) (data (i32.const 0) \"x\"))",
            "(module (import \"m\" \"mem\" (memory 1)) (data (i32.const 0) \"x\"))",
        ] {
            let php = module_php(wat);
            let created = php.find("$c->mem = ").expect("memory created");
            let bound = php.find(BIND_MEMORY).expect("bytes bound");
            assert!(created < bound, "{php}");
            assert!(
                php.find("$c->mem->init(").map_or(true, |init| bound < init),
                "{php}"
            );
        }
    }
}

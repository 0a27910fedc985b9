//! Translation of one function body into a PHP static method.
//!
//! The translator walks the operators once, keeping a symbolic operand stack (see `stack`)
//! and a control stack (see `control`). Statements are appended to `lines`; the method
//! header (depth check, memory binding, local initialisation) is written last, once the
//! body has shown what it needs.

use crate::error::{Error, Result};
use crate::module::ModuleInfo;
use crate::numeric;
use crate::stack::{Deps, Effect, Val};
use crate::types::{zero_literal, Signature};
use wasmparser::{FunctionBody, Operator, ValType};

/// Budget of the wasm call stack, in PHP stack slots (16-byte zvals), before "call stack exhausted".
///
/// PHP has no stack limit of its own: deep recursion only ends when memory_limit kills the
/// process. Every call passes `$d + W`, W being the caller's estimated frame size in slots,
/// so the budget bounds the memory the frames take (about 16-32 MB) whatever their size.
pub const CALL_STACK_SLOTS: u32 = 2_000_000;

/// Placeholder for the function's own frame weight, known only once its body is translated.
const FRAME_WEIGHT: char = '\u{1}';

/// Placeholder for the chunk class holding function `index`; replaced once chunks are known.
pub fn class_marker(index: u32) -> String {
    format!("\u{0}{index}\u{0}")
}

/// Module-level facts a function body needs.
pub struct FuncEnv<'a> {
    pub module: &'a ModuleInfo<'a>,
    /// Globals shared through a GlobalVar object (imported or exported) instead of a plain property.
    pub boxed_globals: Vec<bool>,
}

impl FuncEnv<'_> {
    pub fn global_ref(&self, index: u32) -> String {
        if self.boxed_globals[index as usize] {
            format!("$c->g{index}->value")
        } else {
            format!("$c->g{index}")
        }
    }
}

pub(crate) struct FuncTranslator<'e> {
    pub env: &'e FuncEnv<'e>,
    pub lines: Vec<String>,
    pub indent: usize,
    pub stack: Vec<Val>,
    pub frames: Vec<crate::control::Frame>,
    pub unreachable: bool,
    pub labels: u32,
    pub uses_memory: bool,
    pub makes_calls: bool,
    /// Stores as inline byte writes (else `Rt::st*` calls, for functions that would grow too large).
    pub inline_stores: bool,
    /// Some store writes computed bytes through `$by` (`Rt::BYTE`).
    pub uses_byte_table: bool,
    /// Code of operands already popped but not yet emitted: temporaries they read are not free.
    pub pending: Vec<String>,
}

/// A function whose PHP with inline stores exceeds this is translated again with store helpers,
/// so that every generated file stays under the 300 KB compile budget.
pub const INLINE_STORES_MAX_BYTES: usize = 200_000;

/// Translates function `index` (a defined function) into a complete PHP method.
pub fn translate_function(
    env: &FuncEnv<'_>,
    index: u32,
    body: &FunctionBody<'_>,
) -> Result<String> {
    let php = translate_function_with(env, index, body, true)?;
    if php.len() <= INLINE_STORES_MAX_BYTES {
        return Ok(php);
    }
    translate_function_with(env, index, body, false)
}

fn translate_function_with(
    env: &FuncEnv<'_>,
    index: u32,
    body: &FunctionBody<'_>,
    inline_stores: bool,
) -> Result<String> {
    let sig = env.module.func_sig(index).clone();
    let mut local_types: Vec<ValType> = sig.params.clone();
    for local in body.get_locals_reader()? {
        let (count, ty) = local?;
        if local_types.len() as u64 + count as u64 > 50_000 {
            return Err(Error::Unsupported(format!(
                "function {index} declares too many locals"
            )));
        }
        local_types.extend(std::iter::repeat(ty).take(count as usize));
    }
    let mut t = FuncTranslator {
        env,
        lines: Vec::new(),
        indent: 2,
        stack: Vec::new(),
        frames: Vec::new(),
        unreachable: false,
        labels: 0,
        uses_memory: false,
        makes_calls: false,
        inline_stores,
        uses_byte_table: false,
        pending: Vec::new(),
    };
    t.enter_function(sig.results.len());
    let mut reader = body.get_operators_reader()?;
    while !reader.eof() {
        let op = reader.read()?;
        t.op(op)?;
    }
    Ok(t.finish(index, &sig, &local_types))
}

impl<'e> FuncTranslator<'e> {
    fn finish(mut self, index: u32, sig: &Signature, local_types: &[ValType]) -> String {
        crate::bounds::resolve(&mut self.lines);
        let params: Vec<String> = (0..sig.params.len()).map(|i| format!(", $l{i}")).collect();
        let mut out = format!(
            "    public static function f{index}($c, $d{})\n    {{\n",
            params.concat()
        );
        if self.makes_calls {
            out.push_str(&format!(
                "        if ($d > {CALL_STACK_SLOTS}) Rt::exhausted();\n"
            ));
        }
        if self.uses_memory {
            out.push_str("        $m = &$c->md;\n");
        }
        if self.uses_byte_table {
            out.push_str("        $by = Rt::BYTE;\n");
        }
        let assigned_first = assigned_before_read(&self.lines);
        for (i, ty) in local_types.iter().enumerate().skip(sig.params.len()) {
            if !assigned_first.contains(&(i as u32)) {
                out.push_str(&format!("        $l{i} = {};\n", zero_literal(*ty)));
            }
        }
        let weight = frame_weight(&self.lines, local_types.len()).to_string();
        for line in &self.lines {
            out.push_str(&line.replace(FRAME_WEIGHT, &weight));
            out.push('\n');
        }
        out.push_str("    }\n");
        out
    }

    pub fn emit(&mut self, line: impl AsRef<str>) {
        self.lines
            .push(format!("{}{}", "    ".repeat(self.indent), line.as_ref()));
    }

    /// A temporary not referenced by any operand still on the stack. Temporaries are reused:
    /// PHP initialises every compiled variable on each call, so fewer names make cheaper calls.
    pub fn temp(&self) -> String {
        self.temps_excluding(&[]).to_string()
    }

    /// Like `temp`, also avoiding the temporaries named in `taken`.
    pub fn temps_excluding(&self, taken: &[String]) -> String {
        let mut used = std::collections::BTreeSet::new();
        for v in &self.stack {
            collect_temps(&v.code, &mut used);
        }
        for t in taken.iter().chain(&self.pending) {
            collect_temps(t, &mut used);
        }
        // An `if`'s parameters are replayed at its `else`, even when the then-arm consumed them.
        for v in self.frames.iter().flat_map(|f| &f.else_params) {
            collect_temps(&v.code, &mut used);
        }
        let n = (1..)
            .find(|n| !used.contains(n))
            .expect("some number is free");
        format!("$t{n}")
    }

    pub fn push(&mut self, v: Val) {
        self.stack.push(v);
    }

    pub fn pop(&mut self) -> Val {
        self.stack
            .pop()
            .expect("validated code never pops an empty stack")
    }

    pub fn pop_n(&mut self, n: usize) -> Vec<Val> {
        let at = self.stack.len() - n;
        self.stack.split_off(at)
    }

    /// Evaluates entry `i` into a temporary unless it is already stable.
    fn spill(&mut self, i: usize) {
        if self.stack[i].deps.is_stable() {
            return;
        }
        let t = self.temp();
        let v = self.stack[i].clone();
        self.emit(format!("{t} = {};", v.code));
        self.stack[i] = Val {
            code: t,
            kind: v.kind,
            deps: Deps::default(),
            select: None,
        };
    }

    /// Spills, bottom to top, every entry `effect` could disturb.
    pub fn flush(&mut self, effect: Effect) {
        for i in 0..self.stack.len() {
            if effect.disturbs(&self.stack[i].deps) {
                self.spill(i);
            }
        }
    }

    /// `flush` for an effect of an instruction whose operands `popped` are already off the
    /// stack: the temporaries they read must survive the spills.
    pub(crate) fn flush_around(&mut self, effect: Effect, popped: &[&Val]) {
        let saved = self.pending.len();
        self.pending.extend(popped.iter().map(|v| v.code.clone()));
        self.flush(effect);
        self.pending.truncate(saved);
    }

    /// Before consuming `vals` in a statement: earlier traps must come first.
    pub(crate) fn order_traps(&mut self, vals: &[&Val]) {
        if vals.iter().any(|v| v.deps.traps) {
            self.flush_around(Effect::Trap, vals);
        }
    }

    fn op(&mut self, op: Operator<'_>) -> Result<()> {
        if self.unreachable {
            return self.unreachable_op(op);
        }
        if let Some(n) = numeric::arity(&op) {
            let args = self.pop_n(n);
            let v = numeric::lower(&op, &args);
            self.push(v);
            return Ok(());
        }
        match op {
            Operator::Nop => {}
            Operator::Unreachable => {
                self.flush(Effect::All);
                self.emit("Rt::unreachable();");
                self.mark_unreachable();
            }
            Operator::Block { blockty } => self.block(blockty),
            Operator::Loop { blockty } => self.loop_(blockty),
            Operator::If { blockty } => self.if_(blockty),
            Operator::Else => self.else_(),
            Operator::End => self.end(),
            Operator::Br { relative_depth } => self.br(relative_depth),
            Operator::BrIf { relative_depth } => self.br_if(relative_depth),
            Operator::BrTable { targets } => {
                let mut list = Vec::new();
                for target in targets.targets() {
                    list.push(target?);
                }
                self.br_table(&list, targets.default());
            }
            Operator::Return => self.return_(),
            Operator::Call { function_index } => self.call(function_index),
            Operator::CallIndirect {
                type_index,
                table_index,
            } => self.call_indirect(type_index, table_index),
            Operator::Drop => {
                let v = self.pop();
                if v.deps.traps {
                    self.order_traps(&[&v]);
                    self.emit(format!("{};", v.code));
                }
            }
            Operator::Select | Operator::TypedSelect { .. } => self.select(),
            Operator::LocalGet { local_index } => self.push(Val::new(
                format!("$l{local_index}"),
                Deps::local(local_index),
            )),
            Operator::LocalSet { local_index } => self.local_set(local_index),
            Operator::LocalTee { local_index } => {
                self.local_set(local_index);
                self.push(Val::new(
                    format!("$l{local_index}"),
                    Deps::local(local_index),
                ));
            }
            Operator::GlobalGet { global_index } => {
                let deps = Deps {
                    globals: true,
                    ..Deps::default()
                };
                self.push(Val::new(self.env.global_ref(global_index), deps));
            }
            Operator::GlobalSet { global_index } => {
                let v = self.pop();
                self.flush_around(Effect::Global, &[&v]);
                self.order_traps(&[&v]);
                let target = self.env.global_ref(global_index);
                self.emit(format!("{target} = {};", v.value()));
            }
            other => {
                if !self.memory_op(&other) && !self.table_op(&other) {
                    return Err(Error::Unsupported(format!("operator {other:?}")));
                }
            }
        }
        Ok(())
    }

    fn local_set(&mut self, index: u32) {
        let v = self.pop();
        self.flush_around(Effect::Local(index), &[&v]);
        self.order_traps(&[&v]);
        let line = conditional_set(&format!("$l{index}"), &v);
        if !line.is_empty() {
            self.emit(line);
        }
    }

    fn select(&mut self) {
        let n = self.stack.len();
        if self.stack[n - 3..].iter().any(|v| v.deps.traps) {
            // Both arms are evaluated in wasm: a trap in the unselected one must still happen.
            self.flush(Effect::Trap);
        }
        let c = self.pop();
        let b = self.pop();
        let a = self.pop();
        let deps = Val::deps_of(&[&a, &b, &c]);
        let mut v = Val::new(
            format!("({} ? {} : {})", c.cond(), a.value(), b.value()),
            deps,
        );
        v.select = Some(Box::new((c.cond(), a, b)));
        self.push(v);
    }

    /// Pushes the results of a call. A single result stays folded as an operand that may do
    /// anything (so the next side effect or trap-ordering point evaluates it first); this lets
    /// `local.set` or a store take the call directly instead of through a temporary.
    fn call_results(&mut self, expr: String, args: &[Val], results: usize) {
        match results {
            0 => self.emit(format!("{expr};")),
            1 => {
                let mut deps = Val::deps_of(&args.iter().collect::<Vec<_>>());
                deps.memory = true;
                deps.globals = true;
                deps.tables = true;
                deps.traps = true;
                self.push(Val::new(expr, deps));
            }
            _ => {
                let mut temps: Vec<String> = Vec::new();
                for _ in 0..results {
                    let t = self.temps_excluding(&temps);
                    temps.push(t);
                }
                self.emit(format!("[{}] = {expr};", temps.join(", ")));
                for t in temps {
                    self.push(Val::stable(t));
                }
            }
        }
    }

    fn call(&mut self, func: u32) {
        let sig = self.env.module.func_sig(func).clone();
        let args = self.pop_n(sig.params.len());
        self.flush_around(Effect::Call, &args.iter().collect::<Vec<_>>());
        self.makes_calls = true;
        let arg_list: String = args.iter().map(|a| format!(", {}", a.value())).collect();
        let expr = if func < self.env.module.imported_funcs {
            self.emit(format!(
                "$fo = $c->funcs[{func}]; $fc = $fo->cls; $fm = $fo->fn;"
            ));
            format!("$fc::$fm($fo->inst, $d + {FRAME_WEIGHT}{arg_list})")
        } else {
            format!(
                "{}::f{func}($c, $d + {FRAME_WEIGHT}{arg_list})",
                class_marker(func)
            )
        };
        self.call_results(expr, &args, sig.results.len());
    }

    fn call_indirect(&mut self, type_index: u32, table: u32) {
        let sig = self.env.module.types[type_index as usize].clone();
        // Arguments and index are evaluated before the table checks can trap.
        self.flush(Effect::All);
        let index = self.pop();
        let args = self.pop_n(sig.params.len());
        self.makes_calls = true;
        let arg_list: String = args.iter().map(|a| format!(", {}", a.value())).collect();
        self.emit(format!(
            "$fo = Rt::callee($c->t{table}, {}, '{}'); $fc = $fo->cls; $fm = $fo->fn;",
            index.value(),
            sig.key()
        ));
        self.call_results(
            format!("$fc::$fm($fo->inst, $d + {FRAME_WEIGHT}{arg_list})"),
            &args,
            sig.results.len(),
        );
    }
}

/// Estimated PHP frame size in slots: a fixed header plus two slots per variable (compiled
/// variables plus the temporaries PHP allocates for the folded expressions around them).
fn frame_weight(lines: &[String], locals: usize) -> usize {
    let mut names = std::collections::BTreeSet::new();
    for line in lines {
        let mut rest = line.as_str();
        while let Some(at) = rest.find('$') {
            let name: String = rest[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            rest = &rest[at + 1 + name.len()..];
            names.insert(name);
        }
    }
    8 + 2 * (names.len() + locals)
}

/// Locals that the straight-line start of the body (up to the first label or control statement)
/// assigns before anything reads them: every path assigns them first, so they need no zero
/// initialisation (PHP would warn about reading an undefined variable, but nothing does).
/// Each `$lN = …;` line reads its right-hand side before assigning.
fn assigned_before_read(lines: &[String]) -> std::collections::BTreeSet<u32> {
    let mut assigned = std::collections::BTreeSet::new();
    let mut read = std::collections::BTreeSet::new();
    for line in lines {
        let line = line.trim();
        let control = [
            "L", "if", "}", "switch", "goto", "return", "case", "default",
        ];
        if control.iter().any(|c| line.starts_with(c)) {
            break;
        }
        let single = line.strip_suffix(';').filter(|l| !l.contains(';'));
        let (target, rhs) = match single.and_then(|l| l.split_once(" = ")) {
            Some((target, rhs)) if local_number(target).is_some() => (local_number(target), rhs),
            _ => (None, line),
        };
        for n in locals_in(rhs) {
            if !assigned.contains(&n) {
                read.insert(n);
            }
        }
        if let Some(n) = target {
            if !read.contains(&n) {
                assigned.insert(n);
            }
        }
    }
    assigned
}

/// N when `code` is exactly the local `$lN`.
fn local_number(code: &str) -> Option<u32> {
    let digits = code.strip_prefix("$l")?;
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The numbers of the locals `$lN` mentioned in `code`.
fn locals_in(code: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("$l") {
        rest = &rest[at + 2..];
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        let longer = rest[digits.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        if let (Ok(n), false) = (digits.parse(), longer) {
            out.push(n);
        }
    }
    out
}

/// Adds the numbers of the `$tN` temporaries mentioned in `code` to `out`.
fn collect_temps(code: &str, out: &mut std::collections::BTreeSet<u32>) {
    let mut rest = code;
    while let Some(at) = rest.find("$t") {
        rest = &rest[at + 2..];
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if let Ok(n) = digits.parse() {
            out.insert(n);
        }
    }
}

/// `local = v;` written so that no ternary ever yields the local itself: PHP 8.2's tracing JIT
/// miscompiles `$x = (c ? $y : $x)` (the local becomes undefined or stale). A select with the
/// local as an arm becomes a conditional assignment; a plain self-assignment disappears.
fn conditional_set(local: &str, v: &Val) -> String {
    if v.code == local {
        return String::new();
    }
    if let Some(parts) = &v.select {
        let (cond, first, second) = parts.as_ref();
        if second.code == local {
            let inner = conditional_set(local, first);
            return if inner.is_empty() {
                inner
            } else {
                format!("if ({cond}) {inner}")
            };
        }
        if first.code == local {
            let inner = conditional_set(local, second);
            // `if (c) {} else …` rather than `if (!c)`: opcache's optimizer turns `!(x < y)` into
            // `x >= y`, which is wrong for NaN.
            return if inner.is_empty() {
                inner
            } else {
                format!("if ({cond}) {{}} else {inner}")
            };
        }
    }
    format!("{local} = {};", v.value())
}

#[cfg(test)]
mod tests {
    use crate::functions_of;

    #[test]
    fn expressions_fold_until_a_local_changes() {
        let php = functions_of(
            "(module (func (param i32 i32) (result i32)
               local.get 0 local.get 1 i32.add
               i32.const 1 local.set 0
               local.get 0 i32.mul))",
        );
        // The sum reads $l0, so it is spilled before $l0 is overwritten, and only then.
        assert!(
            php.contains("$t1 = (($l0 + $l1) << 32 >> 32);\n        $l0 = 1;"),
            "{php}"
        );
        assert!(php.contains("return (($t1 * $l0) << 32 >> 32);"), "{php}");
    }

    #[test]
    fn temporaries_are_reused() {
        let php = functions_of(
            "(module (func (param i32) (result i32)
               local.get 0 local.get 0 local.set 0 drop
               local.get 0 local.get 0 local.set 0))",
        );
        assert!(!php.contains("$t2"), "{php}");
    }

    #[test]
    fn select_into_its_own_local_is_a_conditional_assignment() {
        let php = functions_of(
            "(module (func (param i32 i32) (result i32)
               local.get 1 local.get 0 local.get 1 select local.set 0
               local.get 0 local.get 1 local.get 0 select local.set 0
               local.get 0))",
        );
        assert!(php.contains("if ($l1) $l0 = $l1;"), "{php}");
        assert!(!php.contains(": $l0)") && !php.contains("? $l0 :"), "{php}");
    }

    #[test]
    fn call_results_fold_into_local_set_and_calls_pass_the_frame_weight() {
        let php = functions_of(
            "(module (func $f (result i32) i32.const 1)
               (func (param i32) call $f local.set 0))",
        );
        assert!(php.contains("$l0 = F0::f0($c, $d + "), "{php}");
        assert!(php.contains("Rt::exhausted();"), "{php}");
    }

    #[test]
    fn only_locals_assigned_before_any_read_skip_the_zero_initialisation() {
        let php = functions_of(
            "(module (func (param i32) (result i32) (local i32 i32 i32)
               (local.set 1 (i32.add (local.get 0) (i32.const 1)))
               (local.set 2 (i32.add (local.get 2) (local.get 1)))
               (if (local.get 0) (then (local.set 3 (i32.const 5))))
               (i32.add (local.get 3) (i32.add (local.get 1) (local.get 2)))))",
        );
        // $l1 is assigned first; $l2 is read by its own assignment; $l3 is assigned only on one path.
        assert!(!php.contains("$l1 = 0;"), "{php}");
        assert!(
            php.contains("$l2 = 0;") && php.contains("$l3 = 0;"),
            "{php}"
        );
        assert_eq!(super::locals_in("$l1 + $l12 + $l3_x + $l4"), vec![1, 12, 4]);
    }

    #[test]
    fn loads_repeat_simple_addresses_and_spill_complex_ones() {
        let php = functions_of(
            "(module (memory 1) (func (param i32) (result i32)
               local.get 0 i32.load offset=8 i32.load))",
        );
        assert!(php.contains("(($l0 & 4294967295) + 12) > strlen($m) ? Rt::oob() : unpack('la', $m, (($l0 & 4294967295) + 8))['a']"), "{php}");
        assert!(
            php.contains("$t1 = "),
            "the pointer is loaded into a temporary first: {php}"
        );
        assert!(!php.contains("($a ="), "{php}");
    }
}

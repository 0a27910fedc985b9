//! Structured control flow lowered to PHP: blocks end in labels, loops start with one,
//! branches assign the target's result variables and `goto`; `if` stays a PHP if/else;
//! br_table is a `switch` of gotos; branches to the function frame are `return`s.

use crate::function::FuncTranslator;
use crate::stack::{Effect, Val};
use wasmparser::{BlockType, Operator};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FrameKind {
    Function,
    Block,
    Loop,
    If,
}

#[derive(Debug, Clone)]
pub struct Frame {
    pub kind: FrameKind,
    pub label: u32,
    pub params: usize,
    pub results: usize,
    /// Stack height below the frame's parameters.
    pub height: usize,
    /// Some branch targets this frame (its end label and result variables are needed).
    pub branched: bool,
    /// Entered while unreachable: nothing inside is emitted.
    pub dead: bool,
    pub has_else: bool,
    pub then_reachable: bool,
    /// An `if`'s parameters, replayed at `else`.
    pub else_params: Vec<Val>,
}

impl Frame {
    fn branch_arity(&self) -> usize {
        if self.kind == FrameKind::Loop {
            self.params
        } else {
            self.results
        }
    }

    fn var(&self, i: usize) -> String {
        match self.kind {
            FrameKind::Loop => format!("$p{}_{i}", self.label),
            _ => format!("$b{}_{i}", self.label),
        }
    }

    fn vars(&self, n: usize) -> Vec<String> {
        (0..n).map(|i| self.var(i)).collect()
    }
}

impl FuncTranslator<'_> {
    pub(crate) fn enter_function(&mut self, results: usize) {
        self.frames.push(Frame {
            kind: FrameKind::Function,
            label: 0,
            params: 0,
            results,
            height: 0,
            branched: false,
            dead: false,
            has_else: false,
            then_reachable: false,
            else_params: Vec::new(),
        });
    }

    fn block_arity(&self, ty: BlockType) -> (usize, usize) {
        match ty {
            BlockType::Empty => (0, 0),
            BlockType::Type(_) => (0, 1),
            BlockType::FuncType(i) => {
                let sig = &self.env.module.types[i as usize];
                (sig.params.len(), sig.results.len())
            }
        }
    }

    fn push_frame(&mut self, kind: FrameKind, ty: BlockType, dead: bool) -> usize {
        let (params, results) = self.block_arity(ty);
        self.labels += 1;
        let height = if dead {
            self.stack.len()
        } else {
            self.stack.len() - params
        };
        self.frames.push(Frame {
            kind,
            label: self.labels,
            params,
            results,
            height,
            branched: false,
            dead,
            has_else: false,
            then_reachable: false,
            else_params: Vec::new(),
        });
        self.frames.len() - 1
    }

    pub(crate) fn mark_unreachable(&mut self) {
        let height = self.frames.last().map_or(0, |f| f.height);
        self.stack.truncate(height);
        self.unreachable = true;
    }

    /// While unreachable only the nesting is tracked.
    pub(crate) fn unreachable_op(&mut self, op: Operator<'_>) -> crate::error::Result<()> {
        match op {
            Operator::Block { blockty } | Operator::Loop { blockty } | Operator::If { blockty } => {
                self.push_frame(FrameKind::Block, blockty, true);
            }
            Operator::Else => self.else_(),
            Operator::End => self.end(),
            _ => {}
        }
        Ok(())
    }

    /// Assigns `vals` to `vars`, through temporaries when a value reads a variable assigned earlier.
    fn assign(&mut self, vars: &[String], vals: &[Val]) {
        let clash = vals.len() > 1
            && vals
                .iter()
                .any(|v| vars.iter().any(|var| mentions(&v.code, var)));
        if clash {
            let mut taken: Vec<String> = vals.iter().map(|v| v.code.clone()).collect();
            let mut temps: Vec<String> = Vec::new();
            for _ in vals {
                let t = self.temps_excluding(&taken);
                taken.push(t.clone());
                temps.push(t);
            }
            for (t, v) in temps.iter().zip(vals) {
                self.emit(format!("{t} = {};", v.value()));
            }
            for (var, t) in vars.iter().zip(&temps) {
                self.emit(format!("{var} = {t};"));
            }
        } else {
            for (var, v) in vars.iter().zip(vals) {
                if var != &v.code {
                    self.emit(format!("{var} = {};", v.value()));
                }
            }
        }
    }

    /// The top `n` values for an unconditional exit; discarded entries below that may trap are evaluated first.
    fn exit_values(&mut self, n: usize) -> Vec<Val> {
        let keep_from = self.stack.len() - n;
        for i in 0..keep_from {
            if self.stack[i].deps.traps {
                self.spill_for_exit(i);
            }
        }
        self.stack[keep_from..].to_vec()
    }

    fn spill_for_exit(&mut self, i: usize) {
        let v = self.stack[i].clone();
        self.emit(format!("{};", v.code));
        self.stack[i] = Val::stable("null");
    }

    pub(crate) fn block(&mut self, ty: BlockType) {
        self.flush(Effect::All);
        self.push_frame(FrameKind::Block, ty, false);
    }

    pub(crate) fn loop_(&mut self, ty: BlockType) {
        self.flush(Effect::All);
        let f = self.push_frame(FrameKind::Loop, ty, false);
        let frame = self.frames[f].clone();
        if frame.params > 0 {
            let vals = self.pop_n(frame.params);
            let vars = frame.vars(frame.params);
            self.assign(&vars, &vals);
            for var in vars {
                self.push(Val::stable(var));
            }
        }
        self.emit_label(frame.label);
    }

    pub(crate) fn if_(&mut self, ty: BlockType) {
        let cond = self.pop();
        self.flush_around(Effect::All, &[&cond]);
        let f = self.push_frame(FrameKind::If, ty, false);
        let params = self.frames[f].params;
        self.frames[f].else_params = self.stack[self.stack.len() - params..].to_vec();
        self.emit(format!("if ({}) {{", cond.cond()));
        self.indent += 1;
    }

    pub(crate) fn else_(&mut self) {
        let f = self.frames.len() - 1;
        if self.frames[f].dead {
            return;
        }
        let frame = self.frames[f].clone();
        if !self.unreachable && frame.results > 0 {
            let vals = self.exit_values(frame.results);
            self.assign(&frame.vars(frame.results), &vals);
        }
        self.frames[f].then_reachable = !self.unreachable;
        self.frames[f].has_else = true;
        self.stack.truncate(frame.height);
        self.stack.extend(frame.else_params.iter().cloned());
        self.unreachable = false;
        self.indent -= 1;
        self.emit("} else {");
        self.indent += 1;
    }

    pub(crate) fn end(&mut self) {
        let frame = self.frames.pop().expect("validated code balances blocks");
        if frame.dead {
            return;
        }
        match frame.kind {
            FrameKind::Function => {
                if !self.unreachable {
                    self.emit_return(frame.results);
                }
            }
            FrameKind::Loop => {}
            FrameKind::Block => {
                if frame.branched {
                    if !self.unreachable {
                        let vals = self.exit_values(frame.results);
                        self.assign(&frame.vars(frame.results), &vals);
                    }
                    self.stack.truncate(frame.height);
                    self.emit_label(frame.label);
                    self.stack
                        .extend(frame.vars(frame.results).into_iter().map(Val::stable));
                    self.unreachable = false;
                }
            }
            FrameKind::If => self.end_if(frame),
        }
    }

    fn end_if(&mut self, frame: Frame) {
        let vars = frame.vars(frame.results);
        let reachable_here = !self.unreachable;
        if reachable_here && frame.results > 0 {
            let vals = self.exit_values(frame.results);
            self.assign(&vars, &vals);
        }
        if !frame.has_else && frame.results > 0 {
            // The missing else passes the parameters through as results.
            self.indent -= 1;
            self.emit("} else {");
            self.indent += 1;
            self.assign(&vars, &frame.else_params);
        }
        self.indent -= 1;
        self.emit("}");
        let reachable_after =
            !frame.has_else || frame.then_reachable || reachable_here || frame.branched;
        self.stack.truncate(frame.height);
        if frame.branched {
            self.emit_label(frame.label);
        }
        if reachable_after {
            self.stack.extend(vars.into_iter().map(Val::stable));
            self.unreachable = false;
        } else {
            self.unreachable = true;
        }
    }

    fn emit_label(&mut self, label: u32) {
        let indent = self.indent;
        self.indent = indent.saturating_sub(1);
        self.emit(format!("L{label}:"));
        self.indent = indent;
    }

    fn emit_return(&mut self, results: usize) {
        let vals = self.exit_values(results);
        match vals.len() {
            0 => self.emit("return;"),
            1 => self.emit(format!("return {};", vals[0].value())),
            _ => {
                let list: Vec<String> = vals.iter().map(|v| v.value()).collect();
                self.emit(format!("return [{}];", list.join(", ")));
            }
        }
    }

    /// The statements of a branch to the frame `depth` levels out, using the top stack values.
    fn branch_to(&mut self, depth: u32) {
        let f = self.frames.len() - 1 - depth as usize;
        if self.frames[f].kind == FrameKind::Function {
            let results = self.frames[f].results;
            self.emit_return(results);
            return;
        }
        if self.frames[f].kind != FrameKind::Loop {
            self.frames[f].branched = true;
        }
        let frame = self.frames[f].clone();
        let n = frame.branch_arity();
        let vals = self.exit_values(n);
        self.assign(&frame.vars(n), &vals);
        self.emit(format!("goto L{};", frame.label));
    }

    pub(crate) fn br(&mut self, depth: u32) {
        self.branch_to(depth);
        self.mark_unreachable();
    }

    pub(crate) fn br_if(&mut self, depth: u32) {
        let cond = self.pop();
        self.flush_around(Effect::All, &[&cond]);
        let f = self.frames.len() - 1 - depth as usize;
        if self.frames[f].branch_arity() == 0 {
            // Nothing to assign: a one-line conditional jump.
            let jump = if self.frames[f].kind == FrameKind::Function {
                "return;".to_string()
            } else {
                self.frames[f].branched |= self.frames[f].kind != FrameKind::Loop;
                format!("goto L{};", self.frames[f].label)
            };
            self.emit(format!("if ({}) {jump}", cond.cond()));
            return;
        }
        self.emit(format!("if ({}) {{", cond.cond()));
        self.indent += 1;
        self.branch_to(depth);
        self.indent -= 1;
        self.emit("}");
    }

    pub(crate) fn br_table(&mut self, targets: &[u32], default: u32) {
        let index = self.pop();
        self.flush_around(Effect::All, &[&index]);
        self.emit(format!("switch ({}) {{", index.value()));
        self.indent += 1;
        let mut order: Vec<u32> = Vec::new();
        for t in targets {
            if *t != default && !order.contains(t) {
                order.push(*t);
            }
        }
        for target in order {
            let cases: Vec<String> = targets
                .iter()
                .enumerate()
                .filter(|(_, t)| **t == target)
                .map(|(i, _)| format!("case {i}:"))
                .collect();
            self.emit(cases.join(" "));
            self.indent += 1;
            self.branch_to(target);
            self.indent -= 1;
        }
        self.emit("default:");
        self.indent += 1;
        self.branch_to(default);
        self.indent -= 2;
        self.emit("}");
        self.mark_unreachable();
    }

    pub(crate) fn return_(&mut self) {
        let results = self.frames[0].results;
        self.emit_return(results);
        self.mark_unreachable();
    }
}

/// Whether `code` reads variable `var` (and not merely a longer name starting with it).
fn mentions(code: &str, var: &str) -> bool {
    code.match_indices(var).any(|(at, _)| {
        code[at + var.len()..]
            .chars()
            .next()
            .map_or(true, |c| !(c.is_ascii_alphanumeric() || c == '_'))
    })
}

#[cfg(test)]
mod tests {
    use super::mentions;
    use crate::functions_of;

    #[test]
    fn br_table_is_a_switch_of_gotos_grouping_cases() {
        let php = functions_of(
            "(module (func (param i32) (result i32)
               (block $a (block $b (br_table $a $b $a $b (local.get 0))) (return (i32.const 1)))
               i32.const 2))",
        );
        assert!(php.contains("switch ($l0) {"), "{php}");
        assert!(php.contains("case 0: case 2:"), "{php}");
        assert!(php.contains("default:"), "{php}");
    }

    #[test]
    fn loops_with_parameters_swap_through_temporaries() {
        let php = functions_of(
            "(module (func (result i32) (local i32)
               i32.const 1 i32.const 2
               (loop (param i32 i32) (result i32 i32)
                 (local.set 0 (i32.add (local.get 0) (i32.const 1)))
                 (br_if 0 (i32.lt_u (local.get 0) (i32.const 10))))
               i32.add))",
        );
        assert!(php.contains("if ((($l0 & 4294967295) < 10)) {"), "{php}");
        assert!(php.contains("goto L1;"), "{php}");
    }

    #[test]
    fn unconditional_branch_without_values_is_one_line() {
        let php = functions_of(
            "(module (func (param i32) (block (br_if 0 (local.get 0)) (unreachable))))",
        );
        assert!(php.contains("if ($l0) goto L1;"), "{php}");
        assert!(php.contains("Rt::unreachable();"), "{php}");
    }

    #[test]
    fn mentions_matches_whole_names_only() {
        assert!(mentions("($p1_0 + 1)", "$p1_0"));
        assert!(!mentions("($p1_01 + 1)", "$p1_0"));
        assert!(!mentions("$t3", "$p1_0"));
    }
}

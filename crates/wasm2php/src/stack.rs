//! The symbolic operand stack behind expression folding.
//!
//! Each entry is a PHP expression that has not been evaluated yet, with what it depends on.
//! Entries stay folded until something could change their value or reorder a trap; then they
//! are spilled into a temporary (`$tN = …;`). Temporaries and constants are "stable".

/// What a folded expression reads, and whether evaluating it can trap.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Deps {
    pub locals: Vec<u32>,
    pub memory: bool,
    pub globals: bool,
    pub tables: bool,
    pub traps: bool,
}

impl Deps {
    pub fn is_stable(&self) -> bool {
        self.locals.is_empty() && !self.memory && !self.globals && !self.tables && !self.traps
    }

    pub fn merge(&mut self, other: &Deps) {
        for l in &other.locals {
            if !self.locals.contains(l) {
                self.locals.push(*l);
            }
        }
        self.memory |= other.memory;
        self.globals |= other.globals;
        self.tables |= other.tables;
        self.traps |= other.traps;
    }

    pub fn local(index: u32) -> Deps {
        Deps {
            locals: vec![index],
            ..Deps::default()
        }
    }
}

/// A side effect about to be emitted; entries it could disturb are spilled first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Effect {
    /// `local.set`: only readers of that local care (locals are invisible outside).
    Local(u32),
    /// Writes to globals, memory or tables; also keeps earlier traps before the write.
    Global,
    Memory,
    Table,
    /// A call may write anything visible and trap.
    Call,
    /// About to evaluate something that may trap: earlier traps must happen first.
    Trap,
    /// Control flow: everything must be evaluated now.
    All,
}

impl Effect {
    pub fn disturbs(self, deps: &Deps) -> bool {
        match self {
            Effect::Local(index) => deps.locals.contains(&index),
            Effect::Global => deps.globals || deps.traps,
            Effect::Memory => deps.memory || deps.traps,
            Effect::Table => deps.tables || deps.traps,
            Effect::Call => deps.memory || deps.globals || deps.tables || deps.traps,
            Effect::Trap => deps.traps,
            Effect::All => !deps.is_stable(),
        }
    }
}

/// PHP bools (from comparisons) are kept as bools until used as an i32.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Value,
    Bool,
}

/// One folded operand. `code` is an atom or fully parenthesised, so it can be embedded anywhere.
#[derive(Debug, Clone, PartialEq)]
pub struct Val {
    pub code: String,
    pub kind: Kind,
    pub deps: Deps,
    /// For a folded `select`: (condition, first, second), so `local.set` can avoid
    /// `$x = (c ? $y : $x)`, which PHP 8.2's tracing JIT miscompiles (the local becomes undefined).
    pub select: Option<Box<(String, Val, Val)>>,
}

impl Val {
    pub fn stable(code: impl Into<String>) -> Val {
        Val {
            code: code.into(),
            kind: Kind::Value,
            deps: Deps::default(),
            select: None,
        }
    }

    pub fn new(code: impl Into<String>, deps: Deps) -> Val {
        Val {
            code: code.into(),
            kind: Kind::Value,
            deps,
            select: None,
        }
    }

    pub fn boolean(code: impl Into<String>, deps: Deps) -> Val {
        Val {
            code: code.into(),
            kind: Kind::Bool,
            deps,
            select: None,
        }
    }

    /// The expression as a wasm value (bools become 0/1).
    pub fn value(&self) -> String {
        match self.kind {
            Kind::Value => self.code.clone(),
            Kind::Bool => format!("((int) {})", self.code),
        }
    }

    /// The expression as a PHP condition (an i32 is true when non-zero).
    pub fn cond(&self) -> String {
        self.code.clone()
    }

    /// A literal int known at translation time.
    pub fn const_int(&self) -> Option<i64> {
        let text = self.code.trim_start_matches('(').trim_end_matches(')');
        if self.kind != Kind::Value || !self.deps.is_stable() {
            return None;
        }
        let first = text.chars().next()?;
        if !(first.is_ascii_digit() || first == '-') {
            return None;
        }
        text.parse().ok()
    }

    /// A plain variable or literal: cheap and safe to repeat.
    pub fn is_atom(&self) -> bool {
        self.kind == Kind::Value
            && (self.const_int().is_some()
                || (self.code.starts_with('$')
                    && self.code[1..]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_')))
    }

    /// Deps of several operands together.
    pub fn deps_of(vals: &[&Val]) -> Deps {
        let mut deps = Deps::default();
        for v in vals {
            deps.merge(&v.deps);
        }
        deps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_writes_only_disturb_readers_of_that_local() {
        let reads_l1 = Deps::local(1);
        assert!(Effect::Local(1).disturbs(&reads_l1));
        assert!(!Effect::Local(2).disturbs(&reads_l1));
        assert!(!Effect::Memory.disturbs(&reads_l1));
        assert!(Effect::All.disturbs(&reads_l1));
    }

    #[test]
    fn traps_are_kept_before_writes_and_calls() {
        let trapping = Deps {
            traps: true,
            ..Deps::default()
        };
        assert!(Effect::Memory.disturbs(&trapping));
        assert!(Effect::Call.disturbs(&trapping));
        assert!(!Effect::Local(0).disturbs(&trapping));
    }

    #[test]
    fn constants_are_recognised() {
        assert_eq!(Val::stable("(-5)").const_int(), Some(-5));
        assert_eq!(Val::stable("12").const_int(), Some(12));
        assert_eq!(Val::stable("$t1").const_int(), None);
        assert_eq!(Val::new("3", Deps::local(0)).const_int(), None);
        assert!(Val::stable("$l3").is_atom());
        assert!(!Val::stable("($l3 + 1)").is_atom());
    }

    #[test]
    fn bools_convert_when_used_as_values() {
        let b = Val::boolean("($l0 < $l1)", Deps::default());
        assert_eq!(b.value(), "((int) ($l0 < $l1))");
        assert_eq!(b.cond(), "($l0 < $l1)");
    }
}

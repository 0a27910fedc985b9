//! Loads, stores and bulk operations on the linear memory (a PHP string bound as `$m`),
//! and the table/reference instructions.
//!
//! Loads stay folded: `(($tN = EA) + SIZE > strlen($m) ? Rt::oob() : unpack('Va', $m, EA)['a'] …)`.
//! Stores are inline byte writes after one bounds check (`$m[$sa] = $by[$sv & 255]; …`, `$by` being
//! `Rt::BYTE`, the 256 one-byte strings: cheaper than chr(), which PHP 8.5 also warns about outside 0..255), never rebuilding the string; only f64 stores
//! and the stores of functions too large for it (see `INLINE_STORES_MAX_BYTES`) call `Rt::st*` helpers.

use crate::bounds;
use crate::function::FuncTranslator;
use crate::stack::{Deps, Effect, Val};
use wasmparser::{MemArg, Operator};

#[derive(Clone, Copy)]
enum Load {
    I32,
    I64,
    F64,
    S8,
    U8,
    S16,
    U16,
    U32,
}

impl Load {
    fn size(self) -> u64 {
        match self {
            Load::S8 | Load::U8 => 1,
            Load::S16 | Load::U16 => 2,
            Load::I32 | Load::U32 => 4,
            Load::I64 | Load::F64 => 8,
        }
    }

    /// The value at `at`. Each unpack() names its one field `a`: PHP then uses that name as the
    /// key as it is, where an unnamed field costs building and parsing the key string "1"
    /// (about 120 of ~700 machine instructions per load, PHP 8.2).
    fn read(self, at: &str) -> String {
        match self {
            // 'l', 'q' and 's' are machine order; Memory refuses big-endian builds.
            Load::I32 => format!("unpack('la', $m, {at})['a']"),
            Load::U32 => format!("unpack('Va', $m, {at})['a']"),
            Load::I64 => format!("unpack('qa', $m, {at})['a']"),
            Load::F64 => format!("unpack('ea', $m, {at})['a']"),
            Load::S8 => format!("(ord($m[{at}]) << 56 >> 56)"),
            Load::U8 => format!("ord($m[{at}])"),
            Load::S16 => format!("unpack('sa', $m, {at})['a']"),
            Load::U16 => format!("unpack('va', $m, {at})['a']"),
        }
    }
}

/// An address cheap and safe to write twice: no loads, calls or conditionals, and short.
fn is_simple_address(addr: &Val) -> bool {
    !addr.deps.traps
        && !addr.deps.memory
        && addr.code.len() <= 60
        && !addr.code.contains('?')
        && !addr.code.contains("::")
}

/// `inner` when `code` is `(inner << 32 >> 32)` with `inner` one parenthesised group. `inner`
/// has the same low 32 bits (i32 add/sub/mul/shl results fit in 63 bits), so a consumer of
/// only those bits (a mask, a store of up to 4 bytes) can skip the sign extension.
pub(crate) fn strip_wrap32(code: &str) -> Option<&str> {
    let inner = code.strip_prefix('(')?.strip_suffix(" << 32 >> 32)")?;
    if !inner.starts_with('(') {
        return None;
    }
    let mut depth = 0;
    for (i, ch) in inner.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 && i + 1 != inner.len() {
                    return None;
                }
            }
            _ => {}
        }
    }
    Some(inner)
}

impl FuncTranslator<'_> {
    /// Handles memory instructions; false when `op` is not one.
    pub(crate) fn memory_op(&mut self, op: &Operator<'_>) -> bool {
        use Operator::*;
        match op {
            I32Load { memarg } | F32Load { memarg } | I64Load32S { memarg } => {
                self.load(memarg, Load::I32)
            }
            I64Load { memarg } => self.load(memarg, Load::I64),
            F64Load { memarg } => self.load(memarg, Load::F64),
            I32Load8S { memarg } | I64Load8S { memarg } => self.load(memarg, Load::S8),
            I32Load8U { memarg } | I64Load8U { memarg } => self.load(memarg, Load::U8),
            I32Load16S { memarg } | I64Load16S { memarg } => self.load(memarg, Load::S16),
            I32Load16U { memarg } | I64Load16U { memarg } => self.load(memarg, Load::U16),
            I64Load32U { memarg } => self.load(memarg, Load::U32),
            I32Store { memarg } | F32Store { memarg } | I64Store32 { memarg } => {
                self.store(memarg, 4, false)
            }
            I64Store { memarg } => self.store(memarg, 8, false),
            F64Store { memarg } => self.store(memarg, 8, true),
            I32Store8 { memarg } | I64Store8 { memarg } => self.store(memarg, 1, false),
            I32Store16 { memarg } | I64Store16 { memarg } => self.store(memarg, 2, false),
            MemorySize { .. } => {
                self.uses_memory = true;
                let deps = Deps {
                    memory: true,
                    ..Deps::default()
                };
                self.push(Val::new("(strlen($m) >> 16)", deps));
            }
            MemoryGrow { .. } => {
                self.flush(Effect::All);
                let delta = self.pop();
                let t = self.temp();
                self.emit(format!(
                    "{t} = $c->mem->grow({} & 4294967295);",
                    delta.value()
                ));
                self.push(Val::stable(t));
            }
            MemoryFill { .. } => self.bulk(3, |a| {
                format!("$c->mem->fill({}, {}, {});", a[0], a[1], a[2])
            }),
            MemoryCopy { .. } => self.bulk(3, |a| {
                format!("$c->mem->copy({}, {}, {});", a[0], a[1], a[2])
            }),
            MemoryInit { data_index, .. } => {
                let seg = *data_index;
                self.bulk(3, move |a| {
                    format!(
                        "$c->mem->init({}, $c->data[{seg}], {}, {});",
                        a[0], a[1], a[2]
                    )
                })
            }
            DataDrop { data_index } => self.emit(format!("$c->data[{data_index}] = '';")),
            _ => return false,
        }
        true
    }

    /// Handles table and reference instructions; false when `op` is not one.
    pub(crate) fn table_op(&mut self, op: &Operator<'_>) -> bool {
        use Operator::*;
        match op {
            TableGet { table } => {
                self.flush(Effect::All);
                let index = self.pop();
                let t = self.temp();
                self.emit(format!("{t} = $c->t{table}->get({});", index.value()));
                self.push(Val::stable(t));
            }
            TableSet { table } => {
                let table = *table;
                self.bulk(2, move |a| {
                    format!("$c->t{table}->set({}, {});", a[0], a[1])
                })
            }
            TableSize { table } => {
                let deps = Deps {
                    tables: true,
                    ..Deps::default()
                };
                self.push(Val::new(format!("count($c->t{table}->elems)"), deps));
            }
            TableGrow { table } => {
                self.flush(Effect::All);
                let n = self.pop();
                let init = self.pop();
                let t = self.temp();
                self.emit(format!(
                    "{t} = $c->t{table}->grow({}, {});",
                    n.value(),
                    init.value()
                ));
                self.push(Val::stable(t));
            }
            TableFill { table } => {
                let table = *table;
                self.bulk(3, move |a| {
                    format!("$c->t{table}->fill({}, {}, {});", a[0], a[1], a[2])
                })
            }
            TableCopy {
                dst_table,
                src_table,
            } => {
                let (dst, src) = (*dst_table, *src_table);
                self.bulk(3, move |a| {
                    format!(
                        "$c->t{dst}->copy({}, $c->t{src}, {}, {});",
                        a[0], a[1], a[2]
                    )
                })
            }
            TableInit { elem_index, table } => {
                let (seg, table) = (*elem_index, *table);
                self.bulk(3, move |a| {
                    format!(
                        "$c->t{table}->init({}, $c->elem[{seg}], {}, {});",
                        a[0], a[1], a[2]
                    )
                })
            }
            ElemDrop { elem_index } => self.emit(format!("$c->elem[{elem_index}] = [];")),
            RefNull { .. } => self.push(Val::stable("null")),
            RefIsNull => {
                let v = self.pop();
                let deps = v.deps.clone();
                self.push(Val::boolean(format!("({} === null)", v.code), deps));
            }
            RefFunc { function_index } => {
                self.push(Val::stable(format!("$c->funcRef({function_index})")))
            }
            _ => return false,
        }
        true
    }

    /// A statement over `n` operands, all evaluated first (these instructions are rare and may trap).
    fn bulk(&mut self, n: usize, statement: impl FnOnce(&[String]) -> String) {
        self.flush(Effect::All);
        let args: Vec<String> = self.pop_n(n).iter().map(|v| v.value()).collect();
        let line = statement(&args);
        self.emit(line);
    }

    /// The effective address: `Ok(literal)` when the address is constant, else
    /// `Err((base, offset))` with base = `(addr & 0xFFFFFFFF)`.
    fn effective_address(addr: &Val, offset: u64) -> Result<u64, (String, u64)> {
        if let Some(c) = addr.const_int() {
            return Ok((c as u32) as u64 + offset);
        }
        let value = addr.value();
        // The mask makes re-canonicalising an i32 sum redundant: `((a + b) << 32 >> 32) & M` is `(a + b) & M`.
        let base = strip_wrap32(&value).unwrap_or(&value);
        Err((format!("({base} & 4294967295)"), offset))
    }

    /// True when `end` (one past the last byte accessed) lies within the defined memory's declared
    /// minimum: memory only grows, so such a constant-address access needs no bounds check.
    /// Imported memories keep every check.
    fn always_in_bounds(&self, end: u64) -> bool {
        let module = self.env.module;
        !module.memory_imported
            && module
                .memory
                .as_ref()
                .is_some_and(|limits| end <= limits.initial.saturating_mul(65536))
    }

    fn load(&mut self, memarg: &MemArg, kind: Load) {
        self.uses_memory = true;
        let mut addr = self.pop();
        if !is_simple_address(&addr) {
            // Evaluate a complex address once, into a temporary; the load then repeats a cheap expression.
            self.order_traps(&[&addr]);
            let t = self.temp();
            self.emit(format!("{t} = {};", addr.value()));
            addr = Val::stable(t);
        }
        let mut deps = addr.deps.clone();
        deps.memory = true;
        let size = kind.size();
        if let Ok(ea) = Self::effective_address(&addr, memarg.offset) {
            if self.always_in_bounds(ea + size) {
                // Cannot trap: the memory never shrinks below its declared minimum.
                self.push(Val::new(kind.read(&ea.to_string()), deps));
                return;
            }
        }
        deps.traps = true;
        // The address is written twice rather than assigned inside the expression:
        // `(($a = EA) + 4 > strlen($m) ? … : unpack(…, $a))` is miscompiled by PHP 8.2's
        // tracing JIT (its register allocator loses the assignment).
        // The check is a marker that `bounds::resolve` drops when an earlier check covers it.
        let code = match Self::effective_address(&addr, memarg.offset) {
            Ok(ea) => format!(
                "({}{})",
                bounds::load_check("", ea + size),
                kind.read(&ea.to_string())
            ),
            Err((base, offset)) => format!(
                "({}{})",
                bounds::load_check(&base, offset + size),
                kind.read(&if offset == 0 {
                    base.clone()
                } else {
                    format!("({base} + {offset})")
                })
            ),
        };
        self.push(Val::new(code, deps));
    }

    fn store(&mut self, memarg: &MemArg, size: u64, is_f64: bool) {
        self.uses_memory = true;
        let value = self.pop();
        let addr = self.pop();
        self.flush_around(Effect::Memory, &[&addr, &value]);
        if is_f64 || !self.inline_stores {
            // f64 (rare: pack('e') then 8 byte writes) and functions too large to inline into go through a helper.
            let helper = match (size, is_f64) {
                (8, true) => "stF64",
                (8, false) => "st64",
                (4, _) => "st32",
                (2, _) => "st16",
                _ => "st8",
            };
            // Arguments evaluate address, then value, then the helper checks bounds: wasm's trap order.
            let addr = addr.value();
            let addr = strip_wrap32(&addr).unwrap_or(&addr);
            self.emit(format!(
                "Rt::{helper}($m, {addr}, {}, {});",
                memarg.offset,
                value.value()
            ));
            return;
        }
        // Inline byte writes (a helper call costs more than the writes themselves). wasm's order:
        // address, then value, then the bounds check, then the bytes. `$sa`/`$sv` live only
        // within this statement group.
        let mut lines = Vec::new();
        // (base, end) for `bounds::resolve`, when the address is plain enough to reason about.
        let mut covers = None;
        let fixed = match Self::effective_address(&addr, memarg.offset) {
            Ok(ea) => {
                covers = Some((String::new(), ea + size));
                Some(ea)
            }
            Err((base, offset)) => {
                if is_simple_address(&addr) {
                    covers = Some((base.clone(), offset + size));
                }
                lines.push(if offset == 0 {
                    format!("$sa = {base};")
                } else {
                    format!("$sa = {base} + {offset};")
                });
                None
            }
        };
        let byte_at = |i: u64| match (fixed, i) {
            (Some(ea), _) => (ea + i).to_string(),
            (None, 0) => "$sa".to_string(),
            (None, _) => format!("$sa + {i}"),
        };
        let constant = value.const_int();
        self.uses_byte_table |= constant.is_none();
        let full = value.value();
        // Stores of up to 4 bytes write only the low 32 bits.
        let low = match strip_wrap32(&full) {
            Some(inner) if size <= 4 => inner.to_string(),
            _ => full.clone(),
        };
        let v = if constant.is_some() || value.is_atom() {
            full
        } else if value.deps.traps || size > 1 {
            lines.push(format!("$sv = {low};"));
            "$sv".to_string()
        } else {
            // One use and nothing that can trap: evaluating it after the bounds check is unobservable.
            low
        };
        if !fixed.is_some_and(|ea| self.always_in_bounds(ea + size)) {
            let check = format!("if ({} + {size} > strlen($m)) Rt::oob();", byte_at(0));
            lines.push(match covers {
                Some((base, end)) => bounds::marker(&base, end, &check),
                None => check,
            });
        }
        for i in 0..size {
            let target = format!("$m[{}]", byte_at(i));
            let byte = match constant {
                Some(c) => format!("\"\\x{:02x}\"", (c >> (8 * i)) & 255),
                None if i == 0 => format!("$by[{v} & 255]"),
                None => format!("$by[{v} >> {} & 255]", 8 * i),
            };
            lines.push(format!("{target} = {byte};"));
        }
        self.emit(lines.join(" "));
    }
}

#[cfg(test)]
mod tests {
    use super::strip_wrap32;
    use crate::functions_of;

    #[test]
    fn stores_are_inline_byte_writes_after_one_bounds_check() {
        let php = functions_of(
            "(module (memory 1) (func (param i32 i32)
               local.get 0 local.get 1 i32.store offset=4
               local.get 0 local.get 1 i32.const 3 i32.div_u i32.store16 offset=8))",
        );
        assert!(php.contains("$sa = ($l0 & 4294967295) + 4; if ($sa + 4 > strlen($m)) Rt::oob(); $m[$sa] = $by[$l1 & 255];"), "{php}");
        assert!(php.contains("$m[$sa + 3] = $by[$l1 >> 24 & 255];"), "{php}");
        // A value that can trap is evaluated after the address and before the bounds check.
        assert!(
            php.contains("$sa = ($l0 & 4294967295) + 8; $sv = "),
            "{php}"
        );
        assert!(php.contains("if ($sa + 2 > strlen($m)) Rt::oob(); $m[$sa] = $by[$sv & 255]; $m[$sa + 1] = $by[$sv >> 8 & 255];"), "{php}");
        assert!(!php.contains("Rt::st"), "{php}");
    }

    #[test]
    fn constant_addresses_within_the_minimum_memory_skip_the_bounds_check() {
        let php = functions_of(
            "(module (memory 1) (func (result i32)
               i32.const 65532 i32.const 7 i32.store
               i32.const 65533 i32.const 7 i32.store8
               i32.const 65532 i32.load
               i32.const 65533 i32.load i32.add))",
        );
        assert!(
            php.contains("$m[65532] = \"\\x07\"; $m[65533] = \"\\x00\";"),
            "{php}"
        );
        assert!(
            !php.contains("65536 > strlen($m)") && !php.contains("65532 + 4 >"),
            "in bounds, unchecked: {php}"
        );
        assert!(php.contains("unpack('la', $m, 65532)['a']"), "{php}");
        // 65533 + 4 runs past the first page: that load keeps its check.
        assert!(
            php.contains("(65537 > strlen($m) ? Rt::oob() : unpack('la', $m, 65533)['a'])"),
            "{php}"
        );
    }

    #[test]
    fn byte_loads_compare_with_strlen() {
        // Not `$m[a] ?? Rt::oob()`: PHP builds with a 32-bit size_t (php-wasm) wrap string
        // offsets of 2^32 - 1 and above, so `??` finds a byte where wasm must trap.
        let php = functions_of(
            "(module (memory 1) (func (param i32) (result i32)
               (i32.add (i32.load8_u offset=3 (local.get 0)) (i32.load8_s (local.get 0)))))",
        );
        assert!(
            php.contains("((($l0 & 4294967295) + 4) > strlen($m) ? Rt::oob() : ord($m[(($l0 & 4294967295) + 3)]))"),
            "{php}"
        );
        assert!(!php.contains("??"), "{php}");
    }

    #[test]
    fn imported_memories_keep_every_bounds_check() {
        let php = functions_of(
            "(module (import \"m\" \"mem\" (memory 1)) (func (result i32) i32.const 0 i32.load))",
        );
        assert!(
            php.contains("(4 > strlen($m) ? Rt::oob() : unpack('la', $m, 0)['a'])"),
            "{php}"
        );
    }

    #[test]
    fn only_a_whole_wrapped_group_is_unwrapped() {
        assert_eq!(strip_wrap32("(($l1 + 4) << 32 >> 32)"), Some("($l1 + 4)"));
        assert_eq!(strip_wrap32("(($l1) + ($l2) << 32 >> 32)"), None);
        assert_eq!(strip_wrap32("($l1 << 32 >> 32)"), None);
    }
}

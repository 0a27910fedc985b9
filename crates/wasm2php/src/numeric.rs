//! Numeric instructions as folded PHP expressions.
//!
//! Representation: i32 is a PHP int kept sign-extended from bit 31 ("canonical"), so
//! `x << 32 >> 32` re-canonicalises after add/sub/mul (32-bit products fit in 63 bits);
//! i64 is a PHP int with overflow handled by `Rt`; f32 is its bit pattern as a canonical i32;
//! f64 is a PHP float.

use crate::memory_ops::strip_wrap32;
use crate::php::{f64_literal, int_literal};
use crate::stack::{Deps, Kind, Val};
use wasmparser::Operator;

/// Operand count of a numeric operator, or None when `op` is not numeric.
pub fn arity(op: &Operator) -> Option<usize> {
    use Operator::*;
    Some(match op {
        I32Const { .. } | I64Const { .. } | F32Const { .. } | F64Const { .. } => 0,
        I32Eqz | I64Eqz | I32Clz | I32Ctz | I32Popcnt | I64Clz | I64Ctz | I64Popcnt | F32Abs
        | F32Neg | F32Ceil | F32Floor | F32Trunc | F32Nearest | F32Sqrt | F64Abs | F64Neg
        | F64Ceil | F64Floor | F64Trunc | F64Nearest | F64Sqrt | I32WrapI64 | I32TruncF32S
        | I32TruncF32U | I32TruncF64S | I32TruncF64U | I64ExtendI32S | I64ExtendI32U
        | I64TruncF32S | I64TruncF32U | I64TruncF64S | I64TruncF64U | F32ConvertI32S
        | F32ConvertI32U | F32ConvertI64S | F32ConvertI64U | F32DemoteF64 | F64ConvertI32S
        | F64ConvertI32U | F64ConvertI64S | F64ConvertI64U | F64PromoteF32 | I32ReinterpretF32
        | I64ReinterpretF64 | F32ReinterpretI32 | F64ReinterpretI64 | I32Extend8S
        | I32Extend16S | I64Extend8S | I64Extend16S | I64Extend32S | I32TruncSatF32S
        | I32TruncSatF32U | I32TruncSatF64S | I32TruncSatF64U | I64TruncSatF32S
        | I64TruncSatF32U | I64TruncSatF64S | I64TruncSatF64U => 1,
        I32Eq | I32Ne | I32LtS | I32LtU | I32GtS | I32GtU | I32LeS | I32LeU | I32GeS | I32GeU
        | I64Eq | I64Ne | I64LtS | I64LtU | I64GtS | I64GtU | I64LeS | I64LeU | I64GeS | I64GeU
        | F32Eq | F32Ne | F32Lt | F32Gt | F32Le | F32Ge | F64Eq | F64Ne | F64Lt | F64Gt | F64Le
        | F64Ge | I32Add | I32Sub | I32Mul | I32DivS | I32DivU | I32RemS | I32RemU | I32And
        | I32Or | I32Xor | I32Shl | I32ShrS | I32ShrU | I32Rotl | I32Rotr | I64Add | I64Sub
        | I64Mul | I64DivS | I64DivU | I64RemS | I64RemU | I64And | I64Or | I64Xor | I64Shl
        | I64ShrS | I64ShrU | I64Rotl | I64Rotr | F32Add | F32Sub | F32Mul | F32Div | F32Min
        | F32Max | F32Copysign | F64Add | F64Sub | F64Mul | F64Div | F64Min | F64Max
        | F64Copysign => 2,
        _ => return None,
    })
}

/// Lowers a numeric operator applied to `args` (bottom of the stack first).
pub fn lower(op: &Operator, args: &[Val]) -> Val {
    use Operator::*;
    let deps = Val::deps_of(&args.iter().collect::<Vec<_>>());
    let a = || args[0].value();
    let b = || args[1].value();
    let value = |code: String| Val::new(code, deps.clone());
    let boolean = |code: String| Val::boolean(code, deps.clone());
    let trapping = |code: String| {
        let mut d = deps.clone();
        d.traps = true;
        Val::new(code, d)
    };
    let bin = |op: &str| format!("({} {op} {})", a(), b());
    let wrap32 = |code: String| format!("({code} << 32 >> 32)");
    let call1 = |f: &str| format!("{f}({})", a());
    let call2 = |f: &str| format!("{f}({}, {})", a(), b());
    let f32v = |v: String| format!("Fp::f32({v})");
    let cmp32f = |op: &str| format!("({} {op} {})", f32v(a()), f32v(b()));
    let cmp32u = |op: &str| format!("({} {op} {})", unsigned32(&args[0]), unsigned32(&args[1]));
    // Unsigned 64-bit order is signed order with the sign bit flipped.
    let cmp64u = |op: &str| format!("(({} ^ PHP_INT_MIN) {op} ({} ^ PHP_INT_MIN))", a(), b());
    let shift_count = |mask: i64| match args[1].const_int() {
        Some(k) => (k & mask).to_string(),
        None => format!("({} & {mask})", b()),
    };
    match op {
        I32Const { value: v } => Val::stable(int_literal(*v as i64)),
        I64Const { value: v } => Val::stable(int_literal(*v)),
        F32Const { value: v } => Val::stable(int_literal(v.bits() as i32 as i64)),
        F64Const { value: v } => Val::stable(f64_literal(v.bits(), "Fp")),

        I32Eqz | I64Eqz => match args[0].kind {
            // Not `!(x >= y)`: opcache's optimizer rewrites that to `x < y`, wrong when x or y is NaN.
            Kind::Bool => boolean(format!("({} === false)", args[0].code)),
            Kind::Value => boolean(format!("({} === 0)", a())),
        },
        I32Eq | I64Eq => boolean(bin("===")),
        I32Ne | I64Ne => boolean(bin("!==")),
        I32LtS | I64LtS | F64Lt => boolean(bin("<")),
        I32GtS | I64GtS | F64Gt => boolean(bin(">")),
        I32LeS | I64LeS | F64Le => boolean(bin("<=")),
        I32GeS | I64GeS | F64Ge => boolean(bin(">=")),
        F64Eq => boolean(bin("==")),
        F64Ne => boolean(bin("!=")),
        I32LtU => boolean(cmp32u("<")),
        I32GtU => boolean(cmp32u(">")),
        I32LeU => boolean(cmp32u("<=")),
        I32GeU => boolean(cmp32u(">=")),
        I64LtU => boolean(cmp64u("<")),
        I64GtU => boolean(cmp64u(">")),
        I64LeU => boolean(cmp64u("<=")),
        I64GeU => boolean(cmp64u(">=")),
        F32Eq => boolean(cmp32f("==")),
        F32Ne => boolean(cmp32f("!=")),
        F32Lt => boolean(cmp32f("<")),
        F32Gt => boolean(cmp32f(">")),
        F32Le => boolean(cmp32f("<=")),
        F32Ge => boolean(cmp32f(">=")),

        I32Clz => value(call1("Rt::clz32")),
        I32Ctz => value(call1("Rt::ctz32")),
        I32Popcnt => value(call1("Rt::popcnt32")),
        I32Add => value(wrap32(bin("+"))),
        I32Sub => value(wrap32(bin("-"))),
        I32Mul => value(wrap32(bin("*"))),
        I32DivS => trapping(call2("Rt::divS32")),
        I32DivU => trapping(call2("Rt::divU32")),
        I32RemS => trapping(call2("Rt::remS32")),
        I32RemU => trapping(call2("Rt::remU32")),
        I32And => match (args[0].const_int(), args[1].const_int()) {
            // A mask that keeps no bit above 30 makes the operand's sign extension redundant.
            (_, Some(c)) if (0..1 << 31).contains(&c) => {
                value(format!("({} & {})", low32(&args[0]), b()))
            }
            (Some(c), _) if (0..1 << 31).contains(&c) => {
                value(format!("({} & {})", a(), low32(&args[1])))
            }
            _ => value(bin("&")),
        },
        I64And => value(bin("&")),
        I32Or | I64Or => value(bin("|")),
        I32Xor | I64Xor => value(bin("^")),
        I32Shl => match args[1].const_int().map(|k| k & 31) {
            Some(0) => args[0].clone().with_deps(deps.clone()).into_value(),
            _ => value(wrap32(format!("({} << {})", a(), shift_count(31)))),
        },
        I32ShrS => value(format!("({} >> {})", a(), shift_count(31))),
        I32ShrU => match args[1].const_int().map(|k| k & 31) {
            Some(0) => args[0].clone().with_deps(deps.clone()).into_value(),
            Some(k) => value(format!("({} >> {k})", unsigned32(&args[0]))),
            None => value(wrap32(format!(
                "({} >> {})",
                unsigned32(&args[0]),
                shift_count(31)
            ))),
        },
        I32Rotl => value(call2("Rt::rotl32")),
        I32Rotr => value(call2("Rt::rotr32")),

        I64Clz => value(call1("Rt::clz64")),
        I64Ctz => value(call1("Rt::ctz64")),
        I64Popcnt => value(call1("Rt::popcnt64")),
        I64Add => value(wrapping64(args, "+", "Rt::add64")),
        I64Sub => value(wrapping64(args, "-", "Rt::sub64")),
        I64Mul => value(wrapping64(args, "*", "Rt::mul64")),
        I64DivS => trapping(call2("Rt::divS64")),
        I64DivU => trapping(call2("Rt::divU64")),
        I64RemS => trapping(call2("Rt::remS64")),
        I64RemU => trapping(call2("Rt::remU64")),
        I64Shl => value(format!("({} << {})", a(), shift_count(63))),
        I64ShrS => value(format!("({} >> {})", a(), shift_count(63))),
        I64ShrU => match args[1].const_int().map(|k| k & 63) {
            Some(0) => args[0].clone().with_deps(deps.clone()).into_value(),
            Some(k) => value(format!("(({} >> {k}) & {})", a(), i64::MAX >> (k - 1))),
            None => value(call2("Rt::shrU64")),
        },
        I64Rotl => value(call2("Rt::rotl64")),
        I64Rotr => value(call2("Rt::rotr64")),

        F32Abs => value(format!("({} & 2147483647)", a())),
        F32Neg => value(format!("({} ^ (-2147483648))", a())),
        F32Copysign => value(format!(
            "(({} & 2147483647) | ({} & (-2147483648)))",
            a(),
            b()
        )),
        F32Ceil => value(call1("Fp::ceil32")),
        F32Floor => value(call1("Fp::floor32")),
        F32Trunc => value(call1("Fp::trunc32")),
        F32Nearest => value(call1("Fp::nearest32")),
        F32Sqrt => value(call1("Fp::sqrt32")),
        F32Add => value(call2("Fp::add32")),
        F32Sub => value(call2("Fp::sub32")),
        F32Mul => value(call2("Fp::mul32")),
        F32Div => value(call2("Fp::div32")),
        F32Min => value(call2("Fp::min32")),
        F32Max => value(call2("Fp::max32")),

        F64Abs => value(call1("abs")),
        F64Neg => value(call1("Fp::neg64")),
        F64Copysign => value(call2("Fp::copysign64")),
        F64Ceil => value(call1("Fp::ceil64")),
        F64Floor => value(call1("Fp::floor64")),
        F64Trunc => value(call1("Fp::trunc64")),
        F64Nearest => value(call1("Fp::nearest64")),
        F64Sqrt => value(call1("sqrt")),
        F64Add => value(bin("+")),
        F64Sub => value(bin("-")),
        F64Mul => value(bin("*")),
        F64Div => value(call2("fdiv")),
        F64Min => value(call2("Fp::min64")),
        F64Max => value(call2("Fp::max64")),

        I32WrapI64 | I64Extend32S => value(wrap32(a())),
        I64ExtendI32S | I32ReinterpretF32 | F32ReinterpretI32 => {
            args[0].clone().with_deps(deps.clone()).into_value()
        }
        I64ExtendI32U => value(format!("({} & 4294967295)", low32(&args[0]))),
        I32Extend8S | I64Extend8S => value(format!("({} << 56 >> 56)", a())),
        I32Extend16S | I64Extend16S => value(format!("({} << 48 >> 48)", a())),

        I32TruncF32S => trapping(format!("Fp::truncS32({})", f32v(a()))),
        I32TruncF32U => trapping(format!("Fp::truncU32({})", f32v(a()))),
        I64TruncF32S => trapping(format!("Fp::truncS64({})", f32v(a()))),
        I64TruncF32U => trapping(format!("Fp::truncU64({})", f32v(a()))),
        I32TruncF64S => trapping(call1("Fp::truncS32")),
        I32TruncF64U => trapping(call1("Fp::truncU32")),
        I64TruncF64S => trapping(call1("Fp::truncS64")),
        I64TruncF64U => trapping(call1("Fp::truncU64")),
        I32TruncSatF32S => value(format!("Fp::satS32({})", f32v(a()))),
        I32TruncSatF32U => value(format!("Fp::satU32({})", f32v(a()))),
        I64TruncSatF32S => value(format!("Fp::satS64({})", f32v(a()))),
        I64TruncSatF32U => value(format!("Fp::satU64({})", f32v(a()))),
        I32TruncSatF64S => value(call1("Fp::satS32")),
        I32TruncSatF64U => value(call1("Fp::satU32")),
        I64TruncSatF64S => value(call1("Fp::satS64")),
        I64TruncSatF64U => value(call1("Fp::satU64")),

        F32ConvertI32S => value(format!("Fp::bits32((float) {})", a())),
        F32ConvertI32U => value(format!("Fp::bits32((float) ({} & 4294967295))", a())),
        F32ConvertI64S => value(call1("Fp::i64ToF32")),
        F32ConvertI64U => value(call1("Fp::u64ToF32")),
        F32DemoteF64 => value(call1("Fp::bits32")),
        F64ConvertI32S | F64ConvertI64S => value(format!("((float) {})", a())),
        F64ConvertI32U => value(format!("((float) ({} & 4294967295))", a())),
        F64ConvertI64U => value(call1("Fp::u64ToF64")),
        F64PromoteF32 => value(call1("Fp::f32")),
        I64ReinterpretF64 => value(call1("Fp::bits64")),
        F64ReinterpretI64 => value(call1("Fp::f64")),
        other => unreachable!("numeric::lower called with non-numeric operator {other:?}"),
    }
}

/// i64 add/sub/mul. PHP turns an overflowing int result into a float: with two plain operands
/// the common case is inline, `(is_int(a + b) ? a + b : Rt::add64(a, b))` (is_int is one
/// opcode; repeating the operation is cheaper than a call), else the helper does it all.
fn wrapping64(args: &[Val], op: &str, helper: &str) -> String {
    let (a, b) = (args[0].value(), args[1].value());
    if args[0].is_atom() && args[1].is_atom() {
        format!("(is_int({a} {op} {b}) ? {a} {op} {b} : {helper}({a}, {b}))")
    } else {
        format!("{helper}({a}, {b})")
    }
}

/// An i32 read as unsigned: constants are folded, other values masked.
fn unsigned32(v: &Val) -> String {
    match v.const_int() {
        Some(c) => (c as u32).to_string(),
        None => format!("({} & 4294967295)", low32(v)),
    }
}

/// The value for a consumer of its low 32 bits only: without a final sign extension.
fn low32(v: &Val) -> String {
    let code = v.value();
    match strip_wrap32(&code) {
        Some(inner) => inner.to_string(),
        None => code,
    }
}

impl Val {
    fn with_deps(mut self, deps: Deps) -> Val {
        self.deps = deps;
        self
    }

    /// The same expression as a value (bools converted), for identity conversions.
    fn into_value(self) -> Val {
        match self.kind {
            Kind::Value => self,
            Kind::Bool => Val::new(self.value(), self.deps),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stack::Deps;

    fn local(i: u32) -> Val {
        Val::new(format!("$l{i}"), Deps::local(i))
    }

    #[test]
    fn i32_add_wraps_by_sign_extension() {
        let v = lower(&Operator::I32Add, &[local(0), local(1)]);
        assert_eq!(v.code, "(($l0 + $l1) << 32 >> 32)");
        assert_eq!(v.deps.locals, vec![0, 1]);
    }

    #[test]
    fn consumers_of_the_low_32_bits_skip_the_sign_extension() {
        let sum = lower(&Operator::I32Add, &[local(0), local(1)]);
        let v = lower(&Operator::I32LtU, &[sum.clone(), local(2)]);
        assert_eq!(v.code, "((($l0 + $l1) & 4294967295) < ($l2 & 4294967295))");
        let v = lower(&Operator::I32And, &[sum.clone(), Val::stable("255")]);
        assert_eq!(v.code, "(($l0 + $l1) & 255)");
        // A mask with bit 31 set keeps the sign: the extension stays.
        let v = lower(&Operator::I32And, &[sum.clone(), Val::stable("(-8)")]);
        assert_eq!(v.code, "((($l0 + $l1) << 32 >> 32) & (-8))");
        let v = lower(&Operator::I64ExtendI32U, &[sum]);
        assert_eq!(v.code, "(($l0 + $l1) & 4294967295)");
    }

    #[test]
    fn constant_shifts_fold() {
        let v = lower(&Operator::I32ShrU, &[local(0), Val::stable("35")]);
        assert_eq!(v.code, "(($l0 & 4294967295) >> 3)");
        let v = lower(&Operator::I64ShrU, &[local(0), Val::stable("1")]);
        assert_eq!(v.code, format!("(($l0 >> 1) & {})", i64::MAX));
    }

    #[test]
    fn i64_arithmetic_on_plain_operands_is_inline() {
        let v = lower(&Operator::I64Add, &[local(0), Val::stable("(-1)")]);
        assert_eq!(
            v.code,
            "(is_int($l0 + (-1)) ? $l0 + (-1) : Rt::add64($l0, (-1)))"
        );
        let sum = lower(&Operator::I64Add, &[local(0), local(1)]);
        let v = lower(&Operator::I64Mul, &[sum, local(1)]);
        assert!(v.code.starts_with("Rt::mul64((is_int("), "{}", v.code);
    }

    #[test]
    fn division_is_marked_trapping() {
        assert!(lower(&Operator::I32DivS, &[local(0), local(1)]).deps.traps);
        assert!(!lower(&Operator::I32Add, &[local(0), local(1)]).deps.traps);
    }

    #[test]
    fn comparisons_stay_bools() {
        let v = lower(&Operator::I32LtU, &[local(0), Val::stable("(-1)")]);
        assert_eq!(v.kind, Kind::Bool);
        assert_eq!(v.code, "(($l0 & 4294967295) < 4294967295)");
        let z = lower(&Operator::I32Eqz, &[v]);
        assert_eq!(z.code, "((($l0 & 4294967295) < 4294967295) === false)");
    }

    #[test]
    fn every_numeric_operator_has_an_arity() {
        assert_eq!(arity(&Operator::F64Copysign), Some(2));
        assert_eq!(arity(&Operator::I64Extend32S), Some(1));
        assert_eq!(arity(&Operator::Nop), None);
    }
}

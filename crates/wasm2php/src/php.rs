//! PHP source literals: strings, ints and floats that PHP reads back bit-exactly.

/// A double-quoted PHP string literal. Printable ASCII stays readable; everything else is
/// `\xNN`, so generated files are plain ASCII and survive any transfer mode.
pub fn string_literal(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('"');
    for &b in bytes {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'$' => out.push_str("\\$"),
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push('"');
    out
}

/// How many bytes `string_literal` produces for these bytes (without the quotes).
pub fn string_literal_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| match b {
            b'"' | b'\\' | b'$' => 2,
            0x20..=0x7e => 1,
            _ => 4,
        })
        .sum()
}

/// A single-quoted PHP string literal for names (export/import names may hold any bytes).
pub fn name_literal(name: &str) -> String {
    if name.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
        format!("'{}'", name.replace('\\', "\\\\").replace('\'', "\\'"))
    } else {
        string_literal(name.as_bytes())
    }
}

/// An int literal; negative values are parenthesised and PHP_INT_MIN is named
/// (PHP reads `-9223372036854775808` as a float).
pub fn int_literal(v: i64) -> String {
    if v == i64::MIN {
        "PHP_INT_MIN".to_string()
    } else if v < 0 {
        format!("({v})")
    } else {
        v.to_string()
    }
}

/// An f64 literal from its bits. Finite values use Rust's shortest round-trip form, which
/// PHP's correctly rounding strtod reads back exactly; NaNs keep their payload via the runtime.
pub fn f64_literal(bits: u64, fp_class: &str) -> String {
    let v = f64::from_bits(bits);
    if v.is_nan() {
        format!("{fp_class}::f64({})", int_literal(bits as i64))
    } else if v.is_infinite() {
        if v > 0.0 {
            "INF".to_string()
        } else {
            "(-INF)".to_string()
        }
    } else {
        let text = format!("{v:?}");
        let text = if text.contains('.') || text.contains('e') {
            text
        } else {
            format!("{text}.0")
        };
        if v.is_sign_negative() {
            format!("({text})")
        } else {
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_php_specials_and_binary() {
        assert_eq!(string_literal(b"a\"b$c\\\0\xff"), r#""a\"b\$c\\\x00\xff""#);
        assert_eq!(
            string_literal_len(b"a\"b$c\\\0\xff"),
            string_literal(b"a\"b$c\\\0\xff").len() - 2
        );
    }

    #[test]
    fn ints_avoid_float_parsing() {
        assert_eq!(int_literal(i64::MIN), "PHP_INT_MIN");
        assert_eq!(int_literal(-5), "(-5)");
        assert_eq!(int_literal(7), "7");
    }

    #[test]
    fn floats_round_trip() {
        assert_eq!(f64_literal(1.5f64.to_bits(), "Fp"), "1.5");
        assert_eq!(f64_literal(1.0f64.to_bits(), "Fp"), "1.0");
        assert_eq!(f64_literal((-0.0f64).to_bits(), "Fp"), "(-0.0)");
        assert_eq!(f64_literal(f64::INFINITY.to_bits(), "Fp"), "INF");
        assert_eq!(
            f64_literal(0x7ff8_0000_0000_0001, "Fp"),
            "Fp::f64(9221120237041090561)"
        );
        assert_eq!(f64_literal(1e300f64.to_bits(), "Fp"), "1e300");
    }

    #[test]
    fn names_are_quoted() {
        assert_eq!(name_literal("it's"), r"'it\'s'");
        assert_eq!(name_literal("\u{0}x"), r#""\x00x""#);
    }
}

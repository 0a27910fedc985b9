//! Greek → GSM-7 transliteration, so Greek text costs 160 characters per SMS
//! instead of 70.
//!
//! Every Greek letter (monotonic, polytonic, final sigma and the letter-like
//! symbols ϐ ϑ ϕ ϖ ϰ ϱ ϲ ϵ …) is reduced to its base capital with accents,
//! diaeresis and breathings dropped; capitals that look Latin become the
//! Latin letter (Α→A … Χ→X) and the other ten (Γ Δ Θ Λ Ξ Π Σ Φ Ψ Ω) are GSM-7
//! already. Greek punctuation and spacing accents are mapped to GSM-7 or
//! dropped, and combining accents (U+0300–U+036F) after a Greek letter are
//! dropped, so decomposed text converts too. Everything else — Latin text,
//! emoji, the archaic and Coptic letters of the Greek block — is untouched.

/// `text` with its Greek letters written in GSM-7 characters.
pub fn greek_to_gsm7(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut after_greek_letter = false;
    for c in text.chars() {
        if after_greek_letter && is_combining_mark(c) {
            continue;
        }
        match convert(c) {
            Some(replacement) => {
                out.push_str(replacement);
                after_greek_letter = true;
            }
            None => {
                out.push(c);
                after_greek_letter = false;
            }
        }
    }
    out
}

fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// The GSM-7 replacement of a Greek character ("" when it is an accent that
/// is dropped), or `None` when `c` is not Greek and stays as it is.
fn convert(c: char) -> Option<&'static str> {
    match c {
        '\u{037E}' => Some(";"), // Greek question mark, canonically ';'
        '\u{0387}' => Some("."), // ano teleia (raised dot)
        '\u{0374}' | '\u{0375}' | '\u{037A}' | '\u{0384}' | '\u{0385}' => Some(""),
        '\u{03CF}' | '\u{03D7}' => Some("KAI"), // the kai ligature
        '\u{037F}' | '\u{03F3}' => Some("J"),   // yot
        '\u{03DA}' | '\u{03DB}' => Some("ΣT"),  // stigma
        _ => base_capital(c).map(gsm7_of_capital),
    }
}

/// The GSM-7 spelling of a base Greek capital.
fn gsm7_of_capital(capital: char) -> &'static str {
    match capital {
        'Α' => "A",
        'Β' => "B",
        'Γ' => "Γ",
        'Δ' => "Δ",
        'Ε' => "E",
        'Ζ' => "Z",
        'Η' => "H",
        'Θ' => "Θ",
        'Ι' => "I",
        'Κ' => "K",
        'Λ' => "Λ",
        'Μ' => "M",
        'Ν' => "N",
        'Ξ' => "Ξ",
        'Ο' => "O",
        'Π' => "Π",
        'Ρ' => "P",
        'Σ' => "Σ",
        'Τ' => "T",
        'Υ' => "Y",
        'Φ' => "Φ",
        'Χ' => "X",
        'Ψ' => "Ψ",
        'Ω' => "Ω",
        // Spacing polytonic accents map to the empty capital: dropped.
        _ => "",
    }
}

/// The base capital (Α–Ω) of a Greek letter, `'\0'` for a polytonic spacing
/// accent, `None` for anything else.
fn base_capital(c: char) -> Option<char> {
    let code = u32::from(c);
    match code {
        0x0391..=0x03A1 | 0x03A3..=0x03A9 => Some(c),
        0x03B1..=0x03C1 | 0x03C3..=0x03C9 => char::from_u32(code - 0x20),
        0x0370..=0x03FF => monotonic_variant(c),
        0x1F00..=0x1FFF => polytonic(code),
        _ => None,
    }
}

/// Accented monotonic letters, final sigma and the letter-like symbols.
fn monotonic_variant(c: char) -> Option<char> {
    let capital = match c {
        'Ά' | 'ά' => 'Α',
        'Έ' | 'έ' | 'ϵ' => 'Ε',
        'Ή' | 'ή' | 'Ͱ' | 'ͱ' => 'Η',
        'Ί' | 'ί' | 'ΐ' | 'Ϊ' | 'ϊ' => 'Ι',
        'Ό' | 'ό' => 'Ο',
        'Ύ' | 'ύ' | 'ΰ' | 'Ϋ' | 'ϋ' | 'ϒ' | 'ϓ' | 'ϔ' => 'Υ',
        'Ώ' | 'ώ' => 'Ω',
        'ς' | 'ϲ' | 'Ϲ' | 'ͻ' | 'ͼ' | 'ͽ' | 'Ͻ' | 'Ͼ' | 'Ͽ' => 'Σ',
        'ϐ' => 'Β',
        'ϑ' | 'ϴ' => 'Θ',
        'ϕ' => 'Φ',
        'ϖ' => 'Π',
        'ϰ' => 'Κ',
        'ϱ' | 'ϼ' => 'Ρ',
        _ => return None,
    };
    Some(capital)
}

/// Greek Extended (U+1F00–U+1FFF): letters with breathings, accents and iota
/// subscript, plus spacing accents (mapped to `'\0'`, i.e. dropped).
fn polytonic(code: u32) -> Option<char> {
    const ACCENT: char = '\0';
    let capital = match code {
        0x1F00..=0x1F0F | 0x1F70..=0x1F71 | 0x1F80..=0x1F8F | 0x1FB0..=0x1FB4 | 0x1FB6..=0x1FBC => {
            'Α'
        }
        0x1F10..=0x1F15 | 0x1F18..=0x1F1D | 0x1F72..=0x1F73 | 0x1FC8..=0x1FC9 => 'Ε',
        0x1F20..=0x1F2F
        | 0x1F74..=0x1F75
        | 0x1F90..=0x1F9F
        | 0x1FC2..=0x1FC4
        | 0x1FC6..=0x1FC7
        | 0x1FCA..=0x1FCC => 'Η',
        0x1F30..=0x1F3F | 0x1F76..=0x1F77 | 0x1FBE | 0x1FD0..=0x1FD3 | 0x1FD6..=0x1FDB => 'Ι',
        0x1F40..=0x1F45 | 0x1F48..=0x1F4D | 0x1F78..=0x1F79 | 0x1FF8..=0x1FF9 => 'Ο',
        0x1F50..=0x1F57
        | 0x1F59
        | 0x1F5B
        | 0x1F5D
        | 0x1F5F
        | 0x1F7A..=0x1F7B
        | 0x1FE0..=0x1FE3
        | 0x1FE6..=0x1FEB => 'Υ',
        0x1F60..=0x1F6F
        | 0x1F7C..=0x1F7D
        | 0x1FA0..=0x1FAF
        | 0x1FF2..=0x1FF4
        | 0x1FF6..=0x1FF7
        | 0x1FFA..=0x1FFC => 'Ω',
        0x1FE4..=0x1FE5 | 0x1FEC => 'Ρ',
        0x1FBD
        | 0x1FBF..=0x1FC1
        | 0x1FCD..=0x1FCF
        | 0x1FDD..=0x1FDF
        | 0x1FED..=0x1FEF
        | 0x1FFD..=0x1FFE => ACCENT,
        _ => return None,
    };
    Some(capital)
}

#[cfg(test)]
#[path = "transliterate_tests.rs"]
mod tests;

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
    greek_to_gsm7_into(text, &mut out);
    out
}

/// [`greek_to_gsm7`] appending to `out`, so a caller can reuse its buffer.
///
/// Works on the UTF-8 bytes: everything that is not Greek (ASCII above all)
/// is copied in runs, and a Greek character is recognised by its lead byte
/// (U+0300–U+03FF are `CC`–`CF` + one byte, U+1F00–U+1FFF are `E1 BC`–`E1
/// BF` + one byte) and looked up in a table indexed by its code point.
pub fn greek_to_gsm7_into(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    // `text[copied..i]` is pending, to be copied unchanged.
    let mut copied = 0;
    // Just after the last converted Greek letter (and the combining marks
    // dropped after it): a combining mark starting here is dropped too.
    let mut greek_end = usize::MAX;
    let mut i = 0;
    // Only `CC`–`CF` and `E1` can start a Greek character or a combining
    // mark: skip to the next such byte in a tight scan (ASCII above all).
    while let Some(skip) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&byte| byte >= 0xCC))
    {
        i += skip;
        let Some(&lead) = bytes.get(i) else {
            break;
        };
        let (entry, len) = match lead {
            0xCC..=0xCF => match bytes.get(i + 1) {
                Some(&next) => (table_entry(&U0300_U03FF, lead, next), 2),
                None => break,
            },
            0xE1 => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(&second @ 0xBC..=0xBF), Some(&third)) => {
                    (table_entry(&U1F00_U1FFF, second, third), 3)
                }
                _ => (Entry::NotGreek, 1),
            },
            // Other lead bytes (and E1 outside Greek Extended): never Greek,
            // never a combining mark.
            _ => (Entry::NotGreek, 1),
        };
        let replacement = match entry {
            Entry::Replace(replacement) => replacement,
            Entry::Combining if greek_end == i => "",
            Entry::Combining | Entry::NotGreek => {
                i += len;
                continue;
            }
        };
        if copied < i {
            out.push_str(text.get(copied..i).unwrap_or_default());
        }
        out.push_str(replacement);
        i += len;
        copied = i;
        greek_end = i;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
}

/// What the converter does with a character of the Greek blocks.
#[derive(Clone, Copy)]
enum Entry {
    NotGreek,
    /// A combining mark: dropped after a Greek letter, kept anywhere else.
    Combining,
    /// A Greek character and its GSM-7 spelling ("" for dropped accents).
    Replace(&'static str),
}

/// The table entry of the two-byte tail `high`, `low` of a character: the
/// low two bits of `high` and the six payload bits of `low` are the code
/// point's offset in its 256-character block.
fn table_entry(table: &[Entry; 256], high: u8, low: u8) -> Entry {
    let offset = (usize::from(high & 0x03) << 6) | usize::from(low & 0x3F);
    table.get(offset).copied().unwrap_or(Entry::NotGreek)
}

/// U+0300–U+03FF (combining marks, Greek and Coptic) and U+1F00–U+1FFF
/// (Greek Extended): the entry of each character per [`convert`], built at
/// compile time so the two cannot disagree.
const U0300_U03FF: [Entry; 256] = entry_table(0x0300);
const U1F00_U1FFF: [Entry; 256] = entry_table(0x1F00);

const fn entry_table(first: u32) -> [Entry; 256] {
    let mut table = [Entry::NotGreek; 256];
    let mut offset = 0;
    while offset < 256 {
        let code = first + offset as u32;
        if is_combining_code(code) {
            table[offset] = Entry::Combining;
        } else if let Some(c) = char::from_u32(code) {
            if let Some(replacement) = convert(c) {
                table[offset] = Entry::Replace(replacement);
            }
        }
        offset += 1;
    }
    table
}

/// Combining diacritical marks, U+0300–U+036F.
const fn is_combining_code(code: u32) -> bool {
    code >= 0x0300 && code <= 0x036F
}

#[cfg(test)]
fn is_combining_mark(c: char) -> bool {
    is_combining_code(c as u32)
}

/// The GSM-7 replacement of a Greek character ("" when it is an accent that
/// is dropped), or `None` when `c` is not Greek and stays as it is.
const fn convert(c: char) -> Option<&'static str> {
    match c {
        '\u{037E}' => Some(";"), // Greek question mark, canonically ';'
        '\u{0387}' => Some("."), // ano teleia (raised dot)
        '\u{0374}' | '\u{0375}' | '\u{037A}' | '\u{0384}' | '\u{0385}' => Some(""),
        '\u{03CF}' | '\u{03D7}' => Some("KAI"), // the kai ligature
        '\u{037F}' | '\u{03F3}' => Some("J"),   // yot
        '\u{03DA}' | '\u{03DB}' => Some("ΣT"),  // stigma
        _ => match base_capital(c) {
            Some(capital) => Some(gsm7_of_capital(capital)),
            None => None,
        },
    }
}

/// The GSM-7 spelling of a base Greek capital.
const fn gsm7_of_capital(capital: char) -> &'static str {
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
const fn base_capital(c: char) -> Option<char> {
    let code = c as u32;
    match code {
        0x0391..=0x03A1 | 0x03A3..=0x03A9 => Some(c),
        0x03B1..=0x03C1 | 0x03C3..=0x03C9 => char::from_u32(code - 0x20),
        0x0370..=0x03FF => monotonic_variant(c),
        0x1F00..=0x1FFF => polytonic(code),
        _ => None,
    }
}

/// Accented monotonic letters, final sigma and the letter-like symbols.
const fn monotonic_variant(c: char) -> Option<char> {
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
const fn polytonic(code: u32) -> Option<char> {
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

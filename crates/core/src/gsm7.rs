//! The GSM 03.38 default alphabet (3GPP TS 23.038 §6.2.1): the 128-character
//! basic table and the characters of the extension table, which are sent as
//! ESC + code and so cost two septets.

/// The basic table in code order (0x00–0x7F); 0x1B is the escape to the
/// extension table and has no character of its own, so it holds the
/// noncharacter `\u{FFFF}` as a placeholder, which `septets` never accepts.
const BASIC: [char; 128] = [
    '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å', //
    'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', '\u{FFFF}', 'Æ', 'æ', 'ß', 'É', //
    ' ', '!', '"', '#', '¤', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/', //
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?', //
    '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', //
    'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§', //
    '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', //
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à', //
];

/// The extension table's characters (form feed, `^ { } \ [ ~ ] |` and `€`).
const EXTENSION: [char; 10] = ['\u{000C}', '^', '{', '}', '\\', '[', '~', ']', '|', '€'];

/// Septets of each character below U+0100 (0 = not in GSM-7), built from
/// the tables so the fast path cannot disagree with them.
const LATIN1_SEPTETS: [u8; 256] = costs_from(0);

/// Septets of U+0380–U+03FF, where the ten GSM-7 Greek capitals live.
const GREEK_SEPTETS: [u8; 128] = costs_from(0x0380);

/// The only GSM-7 character outside the two ranges above.
const EURO: char = '€';

/// Septets of the characters `first..first + N` per the two tables.
const fn costs_from<const N: usize>(first: u32) -> [u8; N] {
    let mut costs = [0u8; N];
    let mut i = 0;
    while i < BASIC.len() {
        let code = BASIC[i] as u32;
        if code != 0xFFFF && code >= first && code < first + N as u32 {
            costs[(code - first) as usize] = 1;
        }
        i += 1;
    }
    let mut i = 0;
    while i < EXTENSION.len() {
        let code = EXTENSION[i] as u32;
        if code >= first && code < first + N as u32 {
            costs[(code - first) as usize] = 2;
        }
        i += 1;
    }
    costs
}

/// Septets `c` costs in GSM-7, or `None` when GSM-7 cannot carry it. This
/// runs for every character of every message (also in the PHP host, where
/// each instruction counts), hence the tables indexed by code point.
pub fn septets(c: char) -> Option<usize> {
    let code = c as u32;
    let cost = match code {
        0..=0xFF => LATIN1_SEPTETS.get(code as usize).copied(),
        0x0380..=0x03FF => GREEK_SEPTETS.get((code - 0x0380) as usize).copied(),
        _ if c == EURO => return Some(2),
        _ => None,
    };
    match cost {
        Some(cost) if cost > 0 => Some(usize::from(cost)),
        _ => None,
    }
}

/// The septets `text` costs, or `None` when some character is not GSM-7.
///
/// Runs of ASCII are found with one scan and costed with a branch-free fold
/// over the table (the form that compiles to the fewest wasm instructions
/// per byte); only the characters between runs are decoded one by one.
pub fn septets_of(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut total = 0;
    let mut i = 0;
    loop {
        let rest = bytes.get(i..).unwrap_or_default();
        let run = rest
            .iter()
            .position(|&byte| !byte.is_ascii())
            .unwrap_or(rest.len());
        let (septets, any_not_gsm7) = rest.get(..run).unwrap_or_default().iter().fold(
            (0, false),
            |(septets, any_not_gsm7), &byte| {
                let cost = LATIN1_SEPTETS.get(usize::from(byte)).copied().unwrap_or(0);
                (septets + usize::from(cost), any_not_gsm7 | (cost == 0))
            },
        );
        if any_not_gsm7 {
            return None;
        }
        total += septets;
        i += run;
        let Some(&lead) = bytes.get(i) else {
            return Some(total);
        };
        // Only two-byte characters (lead C2–DF) and `€` (lead E2) can be
        // GSM-7; any other lead byte starts a character that is not.
        let len = match lead {
            0xC2..=0xDF => 2,
            0xE2 => 3,
            _ => return None,
        };
        total += septets_at(bytes, i)?;
        i += len;
    }
}

/// Septets of the multi-byte character starting at `bytes[i]`, whose lead
/// byte is `C2`–`DF` (two bytes) or `E2` (three bytes).
fn septets_at(bytes: &[u8], i: usize) -> Option<usize> {
    let lead = *bytes.get(i)?;
    let second = *bytes.get(i + 1)?;
    if lead == 0xE2 {
        // U+20AC, `€`, is E2 82 AC: the only three-byte GSM-7 character.
        return (second == 0x82 && bytes.get(i + 2) == Some(&0xAC)).then_some(2);
    }
    let code = (u32::from(lead & 0x1F) << 6) | u32::from(second & 0x3F);
    char::from_u32(code).and_then(septets)
}

/// Whether every character of `text` is in the basic or extension table.
pub fn is_gsm7(text: &str) -> bool {
    septets_of(text).is_some()
}

/// Every GSM-7 character with its cost, for tests and generators.
#[cfg(test)]
pub fn alphabet() -> impl Iterator<Item = (char, usize)> {
    BASIC
        .iter()
        .filter(|c| **c != '\u{FFFF}')
        .map(|c| (*c, 1))
        .chain(EXTENSION.iter().map(|c| (*c, 2)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::Rng;

    #[test]
    fn tables_have_the_standard_sizes_and_no_overlap() {
        assert_eq!(alphabet().filter(|(_, cost)| *cost == 1).count(), 127);
        assert_eq!(alphabet().filter(|(_, cost)| *cost == 2).count(), 10);
        assert!(EXTENSION.iter().all(|c| !BASIC.contains(c)));
        let mut seen: Vec<char> = alphabet().map(|(c, _)| c).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 137);
    }

    #[test]
    fn fast_lookup_agrees_with_the_tables() {
        for (c, cost) in alphabet() {
            assert_eq!(septets(c), Some(cost), "{c:?}");
        }
        let table: Vec<char> = alphabet().map(|(c, _)| c).collect();
        for c in ('\0'..='\u{3000}').chain(['€', '\u{FFFF}', '😀']) {
            assert_eq!(septets(c).is_some(), table.contains(&c), "{c:?}");
        }
    }

    /// The per-text sum agrees with summing [`septets`] over the characters,
    /// for texts of GSM-7 characters with and without intruders.
    #[test]
    fn property_septets_of_agrees_with_the_per_character_costs() {
        let mut rng = Rng::new(0x6557);
        let mut alphabet: Vec<char> = alphabet().map(|(c, _)| c).collect();
        alphabet.extend([
            '`', 'ç', 'Α', '\u{FFFF}', '\u{1B}', '😀', '\u{80}', 'ÿ', 'Ā', '\u{20AB}',
        ]);
        for round in 0..20_000 {
            let text = if round % 4 == 0 {
                rng.any_string(40)
            } else {
                rng.string_from(&alphabet, 40)
            };
            let expected: Option<usize> = text.chars().map(septets).sum();
            assert_eq!(septets_of(&text), expected, "{text:?}");
            assert_eq!(is_gsm7(&text), expected.is_some(), "{text:?}");
        }
    }

    #[test]
    fn only_ten_greek_capitals_are_gsm7() {
        let gsm_greek: String = ('\u{0391}'..='\u{03A9}')
            .filter(|c| is_gsm7(&c.to_string()))
            .collect();
        assert_eq!(gsm_greek, "ΓΔΘΛΞΠΣΦΨΩ");
        assert_eq!(septets('Α'), None);
        assert_eq!(septets('α'), None);
    }

    #[test]
    fn costs() {
        assert_eq!(septets('a'), Some(1));
        assert_eq!(septets('€'), Some(2));
        assert_eq!(septets('`'), None);
        assert_eq!(septets('ç'), None);
        assert_eq!(septets('\u{FFFF}'), None);
        assert_eq!(septets('\u{1B}'), None);
    }
}

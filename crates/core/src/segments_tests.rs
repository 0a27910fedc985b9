use super::*;
use crate::test_support::Rng;

fn counted(text: &str) -> (Encoding, usize, usize, usize) {
    let c = count(text);
    (c.encoding, c.units, c.segments, c.per_segment)
}

#[test]
fn empty_text_is_zero_segments() {
    assert_eq!(counted(""), (Encoding::Gsm7, 0, 0, 160));
}

#[test]
fn gsm7_single_and_concatenated_limits() {
    assert_eq!(counted(&"a".repeat(160)), (Encoding::Gsm7, 160, 1, 160));
    assert_eq!(counted(&"a".repeat(161)), (Encoding::Gsm7, 161, 2, 153));
    assert_eq!(counted(&"a".repeat(306)), (Encoding::Gsm7, 306, 2, 153));
    assert_eq!(counted(&"a".repeat(307)), (Encoding::Gsm7, 307, 3, 153));
}

#[test]
fn extension_chars_cost_two_septets() {
    assert_eq!(counted(&"€".repeat(80)), (Encoding::Gsm7, 160, 1, 160));
    assert_eq!(counted(&"€".repeat(81)), (Encoding::Gsm7, 162, 2, 153));
}

#[test]
fn escape_pair_is_never_split_across_parts() {
    let text = format!("{}€{}", "a".repeat(152), "a".repeat(10));
    let (encoding, parts) = split_parts(&text);
    assert_eq!(encoding, Encoding::Gsm7);
    assert_eq!(parts, vec!["a".repeat(152), format!("€{}", "a".repeat(10))]);
    // 153 septets of plain text and then the euro fit exactly.
    let text = format!("{}€{}", "a".repeat(151), "a".repeat(10));
    assert_eq!(
        split_parts(&text).1.first().map(|p| p.chars().count()),
        Some(152)
    );
}

#[test]
fn ucs2_limits_in_utf16_units() {
    assert_eq!(counted(&"ж".repeat(70)), (Encoding::Ucs2, 70, 1, 70));
    assert_eq!(counted(&"ж".repeat(71)), (Encoding::Ucs2, 71, 2, 67));
    assert_eq!(counted(&"😀".repeat(35)), (Encoding::Ucs2, 70, 1, 70));
    assert_eq!(counted(&"😀".repeat(36)), (Encoding::Ucs2, 72, 2, 67));
}

#[test]
fn surrogate_pair_is_never_split_across_parts() {
    let text = format!("{}😀{}", "ж".repeat(66), "ж".repeat(10));
    let (_, parts) = split_parts(&text);
    assert_eq!(parts, vec!["ж".repeat(66), format!("😀{}", "ж".repeat(10))]);
}

#[test]
fn greek_capitals_outside_gsm_force_ucs2() {
    assert_eq!(counted("ΔΦΓΛΩΠΨΣΘΞ").0, Encoding::Gsm7);
    assert_eq!(counted("ΑΒΓ").0, Encoding::Ucs2);
    assert_eq!(counted("Γεια σου Μαρία!"), (Encoding::Ucs2, 15, 1, 70));
}

#[test]
fn op_transliterates_when_asked() {
    let out = op(json!({"text": "Γεια σου Μαρία!", "transliterate": true})).unwrap();
    assert_eq!(
        out,
        json!({"encoding":"gsm7","units":15,"segments":1,"per_segment":160,"text":"ΓEIA ΣOY MAPIA!"})
    );
    let out = op(json!({"text": "Γεια"})).unwrap();
    assert_eq!(out["encoding"], "ucs2");
    assert_eq!(out["text"], "Γεια");
}

#[test]
fn op_rejects_missing_text() {
    assert_eq!(
        op(json!({"transliterate": true})).unwrap_err().code(),
        "bad_request"
    );
    assert_eq!(op(json!({"text": 5})).unwrap_err().code(), "bad_request");
}

/// Characters that make interesting SMS: GSM basic and extension, Greek
/// (GSM and not), Latin with accents outside GSM, emoji (surrogate pairs).
const MIX: &[char] = &[
    'a', 'Z', '0', ' ', '\n', '@', 'é', 'Ñ', 'Δ', 'Σ', '€', '{', '}', '[', '~', '^', '\\', '|',
    '\u{000C}', 'α', 'Ά', 'ς', 'ç', 'ж', '`', '😀', '👍', '𝄞',
];

/// Splitting at the documented boundaries: the parts rebuild the text, each
/// fits its capacity, each (but the last) is full in the sense that the next
/// character would not fit, and none starts inside a surrogate pair.
#[test]
fn property_parts_respect_capacity_and_never_cut_a_character() {
    let mut rng = Rng::new(0x5E65);
    for round in 0..3000 {
        let text = match round % 3 {
            0 => rng.string_from(MIX, 400),
            1 => rng.string_from(&MIX[..18], 500),
            _ => rng.any_string(200),
        };
        let (encoding, parts) = split_parts(&text);
        let counted = count(&text);
        assert_eq!(parts.concat(), text);
        assert_eq!(counted.segments, parts.len());
        assert_eq!(
            counted.units,
            parts.iter().map(|p| encoding.units(p)).sum::<usize>()
        );
        assert_eq!(text.is_empty(), parts.is_empty());
        let capacity = if parts.len() > 1 {
            encoding.part_capacity()
        } else {
            encoding.single_capacity()
        };
        assert_eq!(counted.per_segment, capacity);
        for (index, part) in parts.iter().enumerate() {
            assert!(!part.is_empty());
            let units = encoding.units(part);
            assert!(
                units <= capacity,
                "part {index} of {text:?} has {units} > {capacity}"
            );
            let first_unit = part.encode_utf16().next().unwrap_or(0);
            assert!(
                !(0xDC00..=0xDFFF).contains(&first_unit),
                "part starts with a low surrogate"
            );
            if let Some(next) = parts.get(index + 1).and_then(|p| p.chars().next()) {
                assert!(
                    units + encoding.units(&next.to_string()) > capacity,
                    "part {index} was cut early"
                );
            }
        }
    }
}

#[test]
fn property_gsm7_iff_every_char_is_in_the_tables() {
    let mut rng = Rng::new(0x6577);
    let table: Vec<char> = crate::gsm7::alphabet().map(|(c, _)| c).collect();
    for round in 0..3000 {
        let text = if round % 2 == 0 {
            rng.string_from(&table, 60)
        } else {
            rng.any_string(30)
        };
        let all_in_tables = text.chars().all(|c| table.contains(&c));
        assert_eq!(
            count(&text).encoding == Encoding::Gsm7,
            all_in_tables,
            "{text:?}"
        );
        if all_in_tables {
            let expected: usize = text
                .chars()
                .map(|c| {
                    if "\u{000C}^{}\\[~]|€".contains(c) {
                        2
                    } else {
                        1
                    }
                })
                .sum();
            assert_eq!(count(&text).units, expected);
        } else {
            assert_eq!(count(&text).units, text.encode_utf16().count());
        }
    }
}

/// The count as it was computed before the single-pass version: from the
/// collected parts and a separate sum of units.
fn reference_count(text: &str) -> SegmentCount {
    let (encoding, parts) = split_parts(text);
    let per_segment = if parts.len() > 1 {
        encoding.part_capacity()
    } else {
        encoding.single_capacity()
    };
    SegmentCount {
        encoding,
        units: encoding.units(text),
        segments: parts.len(),
        per_segment,
    }
}

/// Texts around every capacity boundary (ASCII, extension characters,
/// Greek, surrogate pairs, mixed) count exactly as the reference does.
#[test]
fn property_single_pass_count_agrees_with_the_reference() {
    let mut rng = Rng::new(0x5E66);
    let fillers = ["a", "€", "{", "Ω", "α", "😀", "é", "ç"];
    for round in 0..6000 {
        let text = match round % 4 {
            0 => rng.string_from(MIX, 400),
            1 => rng.any_string(120),
            _ => {
                // A run of one filler to just below/at/above a boundary, then a tail.
                let filler = fillers[rng.below(fillers.len())];
                let boundary = [66, 67, 70, 71, 134, 152, 153, 160, 161, 306, 307][rng.below(11)];
                let run = boundary - 2 + rng.below(5);
                let mut text = filler.repeat(run);
                text.push_str(&rng.string_from(MIX, 3));
                text
            }
        };
        assert_eq!(count(&text), reference_count(&text), "{text:?}");
    }
}

use super::*;
use crate::gsm7::is_gsm7;
use crate::test_support::Rng;

#[test]
fn issue_example() {
    let out = greek_to_gsm7("Γεια σου Μαρία!");
    assert_eq!(out, "ΓEIA ΣOY MAPIA!");
    assert!(is_gsm7(&out));
    assert_eq!(out.chars().count(), 15);
}

#[test]
fn whole_alphabet_both_cases() {
    assert_eq!(
        greek_to_gsm7("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ"),
        "ABΓΔEZHΘIKΛMNΞOΠPΣTYΦXΨΩ"
    );
    assert_eq!(
        greek_to_gsm7("αβγδεζηθικλμνξοπρστυφχψω"),
        "ABΓΔEZHΘIKΛMNΞOΠPΣTYΦXΨΩ"
    );
}

#[test]
fn accents_diaeresis_and_final_sigma() {
    assert_eq!(greek_to_gsm7("άέήίόύώ ΆΈΉΊΌΎΏ"), "AEHIOYΩ AEHIOYΩ");
    assert_eq!(greek_to_gsm7("ϊϋΐΰ ΪΫ"), "IYIY IY");
    assert_eq!(
        greek_to_gsm7("ευχαριστούμε πολύ, κύριος"),
        "EYXAPIΣTOYME ΠOΛY, KYPIOΣ"
    );
}

#[test]
fn decomposed_accents_are_dropped_after_greek_only() {
    assert_eq!(greek_to_gsm7("α\u{0301}ι\u{0308}\u{0301}"), "AI");
    assert_eq!(greek_to_gsm7("e\u{0301}"), "e\u{0301}");
}

#[test]
fn polytonic_letters_and_spacing_accents() {
    assert_eq!(greek_to_gsm7("ἀρχὴ ᾠδῆς ῥήτωρ"), "APXH ΩΔHΣ PHTΩP");
    assert_eq!(greek_to_gsm7("Ἀθῆναι"), "AΘHNAI");
    assert_eq!(greek_to_gsm7("α᾽β"), "AB");
}

#[test]
fn greek_punctuation_and_symbols() {
    assert_eq!(greek_to_gsm7("Τι;"), "TI;");
    assert_eq!(greek_to_gsm7("Τι\u{037E}"), "TI;");
    assert_eq!(greek_to_gsm7("α\u{0387}β"), "A.B");
    assert_eq!(greek_to_gsm7("ϐϑϕϖϰϱϲϵ"), "BΘΦΠKPΣE");
    assert_eq!(greek_to_gsm7("ϗ"), "KAI");
}

#[test]
fn non_greek_text_is_untouched() {
    for text in [
        "Hello, World! 123",
        "Привет",
        "çà€{}",
        "😀👍",
        "Ωmega is GSM",
        "",
    ] {
        assert_eq!(greek_to_gsm7(text), text);
    }
}

/// Every character the converter treats as Greek, for the property tests.
fn greek_chars() -> Vec<char> {
    (0x0370..=0x03FF)
        .chain(0x1F00..=0x1FFF)
        .filter_map(char::from_u32)
        .filter(|c| convert(*c).is_some())
        .collect()
}

#[test]
fn greek_domain_covers_the_modern_and_polytonic_letters() {
    let greek = greek_chars();
    for c in "αβγδεζηθικλμνξοπρςστυφχψωάέήίόύώϊϋΐΰΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΆΈΉΊΌΎΏΪΫἀἁὠᾳῶ".chars()
    {
        assert!(greek.contains(&c), "{c} not converted");
    }
    assert!(greek.len() > 300, "only {} Greek characters", greek.len());
}

#[test]
fn property_any_greek_input_becomes_gsm7() {
    let mut rng = Rng::new(0x6EE6);
    let mut alphabet = greek_chars();
    alphabet.extend(" .,!?-0123456789\n".chars());
    let marks = ['\u{0301}', '\u{0308}', '\u{0313}', '\u{0342}'];
    for _ in 0..3000 {
        let mut text = String::new();
        for c in rng.string_from(&alphabet, 80).chars() {
            text.push(c);
            // Decomposed input: combining accents after a letter.
            if c.is_alphabetic() && rng.chance(20) {
                for _ in 0..=rng.below(2) {
                    text.push(rng.pick(&marks).copied().unwrap_or('\u{0301}'));
                }
            }
        }
        let out = greek_to_gsm7(&text);
        assert!(is_gsm7(&out), "{text:?} → {out:?}");
    }
}

#[test]
fn property_non_greek_text_is_kept_and_conversion_is_idempotent() {
    let mut rng = Rng::new(0x1DE4);
    let greek = greek_chars();
    for _ in 0..3000 {
        let text = rng.any_string(40);
        let out = greek_to_gsm7(&text);
        assert_eq!(greek_to_gsm7(&out), out, "not idempotent on {text:?}");
        if !text.chars().any(|c| greek.contains(&c)) {
            assert_eq!(out, text);
        }
        if text
            .chars()
            .all(|c| !greek.contains(&c) && !is_combining_mark(c))
        {
            assert_eq!(out.chars().count(), text.chars().count());
        }
    }
}

/// The character-by-character conversion the byte-level one replaced, kept
/// as the reference it must agree with.
fn reference_greek_to_gsm7(text: &str) -> String {
    let mut out = String::new();
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

#[test]
fn every_character_of_the_greek_blocks_converts_as_the_reference_does() {
    for code in (0x0300..=0x03FF).chain(0x1E00..=0x2000) {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        for text in [
            c.to_string(),
            format!("α{c}"),
            format!("{c}\u{0301}"),
            format!("a{c}\u{0301}x"),
        ] {
            assert_eq!(
                greek_to_gsm7(&text),
                reference_greek_to_gsm7(&text),
                "U+{code:04X}"
            );
        }
    }
}

/// Mixed text (Greek letters, combining marks, ASCII, Latin-1, other
/// scripts, the neighbours of the Greek blocks' lead bytes, emoji) converts
/// exactly as the reference does; appending keeps what the buffer held.
#[test]
fn property_byte_level_conversion_agrees_with_the_reference() {
    let mut rng = Rng::new(0x6EE7);
    let mut alphabet = greek_chars();
    alphabet.extend(" .,!?;-09aZ\n€ÿĀ\u{2FF}\u{370}\u{400}\u{1EFF}\u{1F16}\u{2000}ḀЖ😀".chars());
    alphabet.extend([
        '\u{0300}', '\u{0301}', '\u{0308}', '\u{0342}', '\u{036F}', '\u{0370}',
    ]);
    for round in 0..20_000 {
        let text = if round % 4 == 0 {
            rng.any_string(60)
        } else {
            rng.string_from(&alphabet, 60)
        };
        let expected = reference_greek_to_gsm7(&text);
        assert_eq!(greek_to_gsm7(&text), expected, "{text:?}");
        let mut appended = String::from("kept:");
        greek_to_gsm7_into(&text, &mut appended);
        assert_eq!(appended, format!("kept:{expected}"), "{text:?}");
    }
}

use super::*;
use crate::calling_codes::calling_code;
use serde_json::json;

use crate::test_support::Rng;

fn e164(raw: &str, country: &str) -> Result<String, String> {
    normalize(raw, country)
        .map(|p| p.e164)
        .map_err(|err| err.to_string())
}

fn is_e164(text: &str) -> bool {
    text.strip_prefix('+').is_some_and(|digits| {
        (8..=15).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0')
    })
}

#[test]
fn greek_inputs_from_the_issue() {
    for raw in [
        "6912345678",
        "+30 691 234 5678",
        "0030-6912345678",
        "306912345678",
        "(+30) 691.234.5678",
        "+30 (691) 234-5678",
    ] {
        let phone = normalize(raw, "GR").unwrap();
        assert_eq!(
            phone,
            NormalizedPhone {
                e164: "+306912345678".into(),
                country: "GR".into(),
                mobile: true
            },
            "{raw}"
        );
    }
    assert!(!normalize("210 123 4567", "gr").unwrap().mobile);
}

#[test]
fn british_trunk_zero_is_dropped() {
    for raw in [
        "07911 123456",
        "7911 123456",
        "+44 7911 123456",
        "+44 (0)7911 123456",
        "0044 7911 123456",
        "447911123456",
    ] {
        let phone = normalize(raw, "GB").unwrap();
        assert_eq!(
            (phone.e164.as_str(), phone.country.as_str(), phone.mobile),
            ("+447911123456", "GB", true),
            "{raw}"
        );
    }
    assert_eq!(
        normalize("020 7123 4567", "GB").unwrap().e164,
        "+442071234567"
    );
    assert!(!normalize("020 7123 4567", "GB").unwrap().mobile);
}

#[test]
fn cypriot_numbers() {
    let phone = normalize("99 123456", "CY").unwrap();
    assert_eq!(
        (phone.e164.as_str(), phone.country.as_str(), phone.mobile),
        ("+35799123456", "CY", true)
    );
    assert_eq!(normalize("+357 22 123456", "GR").unwrap().country, "CY");
    assert!(!normalize("+357 22 123456", "GR").unwrap().mobile);
    assert!(e164("9912345", "CY")
        .unwrap_err()
        .contains("exactly 8 digits"));
}

#[test]
fn an_international_prefix_beats_the_default_country() {
    assert_eq!(e164("+357 99 123456", "GR").as_deref(), Ok("+35799123456"));
    assert_eq!(
        e164("0030 6912345678", "GB").as_deref(),
        Ok("+306912345678")
    );
    assert_eq!(normalize("+49 151 12345678", "GR").unwrap().country, "DE");
}

#[test]
fn shared_codes_report_the_default_country_when_it_uses_the_code() {
    assert_eq!(normalize("+44 7797 123456", "je").unwrap().country, "JE");
    assert_eq!(normalize("+44 7797 123456", "GR").unwrap().country, "GB");
    assert_eq!(normalize("07797 123456", "JE").unwrap().country, "JE");
    assert_eq!(normalize("+1 212 555 0123", "CA").unwrap().country, "CA");
    assert_eq!(normalize("+1 212 555 0123", "").unwrap().country, "US");
}

#[test]
fn other_trunk_prefixes() {
    assert_eq!(
        e164("1 (212) 555-0123", "US").as_deref(),
        Ok("+12125550123")
    );
    assert_eq!(e164("8 912 345 67 89", "RU").as_deref(), Ok("+79123456789"));
    assert_eq!(e164("06 30 123 4567", "HU").as_deref(), Ok("+36301234567"));
    assert_eq!(
        e164("8 029 123-45-67", "BY").as_deref(),
        Ok("+375291234567")
    );
    assert_eq!(e164("0151 12345678", "DE").as_deref(), Ok("+4915112345678"));
    assert_eq!(
        e164("06 12345678", "IT").as_deref(),
        Ok("+390612345678"),
        "Italian numbers keep their 0"
    );
}

#[test]
fn garbage_is_invalid_phone_with_a_reason() {
    let cases = [
        ("", "GR", "empty"),
        ("   ", "GR", "empty"),
        ("call me", "GR", "letters"),
        ("69123abc45", "GR", "letters"),
        ("69#1234567", "GR", "'#'"),
        ("69+12345678", "GR", "'+'"),
        ("++306912345678", "GR", "'+'"),
        ("+", "GR", "no digits"),
        ("---", "GR", "no digits"),
        ("00", "GR", "no digits after"),
        ("+0306912345678", "GR", "never starts with 0"),
        ("+800 1234 5678", "GR", "calling code"),
        ("6912345678", "", "no default country"),
        ("6912345678", "XX", "'XX' is not a known country"),
        ("691234567", "GR", "too short"),
        ("69123456789", "GR", "too long"),
        ("+49 12", "DE", "too short"),
        ("+49 1234 5678 9012 3456", "DE", "too long"),
    ];
    for (raw, country, why) in cases {
        let err = normalize(raw, country).unwrap_err();
        assert_eq!(err.code(), "invalid_phone", "{raw}");
        assert!(err.to_string().contains(why), "{raw}: {err}");
    }
    let long = "1".repeat(200);
    assert!(e164(&long, "GR").unwrap_err().contains("longer than 64"));
}

#[test]
fn op_reads_phone_and_optional_country() {
    assert_eq!(
        op(json!({"phone": "6912345678", "country": "GR"})).unwrap(),
        json!({"e164": "+306912345678", "country": "GR", "mobile": true})
    );
    assert_eq!(
        op(json!({"phone": "+35799123456", "country": null})).unwrap()["country"],
        "CY"
    );
    assert_eq!(
        op(json!({"phone": "+35799123456"})).unwrap()["e164"],
        "+35799123456"
    );
    assert_eq!(
        op(json!({"country": "GR"})).unwrap_err().code(),
        "bad_request"
    );
    assert_eq!(
        op(json!({"phone": 6912345678u64})).unwrap_err().code(),
        "bad_request"
    );
    assert_eq!(
        op(json!({"phone": "x", "country": "GR"}))
            .unwrap_err()
            .code(),
        "invalid_phone"
    );
}

/// Valid numbers of many regions, written the ways people write them, all
/// normalise to the same E.164; the output is E.164 and normalising it again
/// gives itself.
#[test]
fn property_valid_numbers_in_any_format_normalise_alike_and_idempotently() {
    let regions = [
        "GR", "CY", "GB", "JE", "US", "CA", "RU", "DE", "FR", "IT", "NL", "BG", "RO", "AL", "AU",
        "EG", "NZ", "SH",
    ];
    let mut rng = Rng::new(0x5EED_0001);
    for _ in 0..3000 {
        let region = pick(&mut rng, &regions);
        let code = calling_code(region).unwrap();
        let national = valid_national(&mut rng, code);
        let expected = format!("+{code}{national}");
        let trunk = numbering::trunk_prefix(code).unwrap_or("");
        let formats = [
            format!("+{code} {national}"),
            format!("00{code}-{national}"),
            format!("{trunk}{national}"),
            format!("(+{code}) {}", spaced(&national)),
            format!("{code}{national}"),
        ];
        for raw in &formats {
            if *raw == format!("{code}{national}") && !bare_code_form_is_unambiguous(code) {
                continue; // no trunk prefix and generic rules: also a valid national number
            }
            let phone =
                normalize(raw, region).unwrap_or_else(|err| panic!("{raw} ({region}): {err}"));
            assert_eq!(phone.e164, expected, "{raw} ({region})");
            assert!(is_e164(&phone.e164), "{}", phone.e164);
            let again = normalize(&phone.e164, region).unwrap();
            assert_eq!(again, phone, "idempotent for {}", phone.e164);
            assert_eq!(normalize(&phone.e164, "").unwrap().e164, phone.e164);
        }
    }
}

/// Whether `<code><national>` can only be read one way: a trunk prefix is
/// used nationally, or exact length rules tell the forms apart.
fn bare_code_form_is_unambiguous(code: &str) -> bool {
    numbering::trunk_prefix(code).is_some() || matches!(code, "30" | "357")
}

fn valid_national(rng: &mut Rng, code: &str) -> String {
    let digits = |rng: &mut Rng, count: usize| -> String {
        (0..count)
            .map(|_| char::from(b'0' + (rng.below(10) as u8)))
            .collect()
    };
    match code {
        "30" => format!("{}{}", pick(rng, &["69", "21", "23", "28"]), digits(rng, 8)),
        "357" => format!("{}{}", pick(rng, &["99", "96", "22", "25"]), digits(rng, 6)),
        "44" => format!("{}{}", pick(rng, &["79", "77", "20", "13"]), digits(rng, 8)),
        "1" => format!(
            "{}{}{}{}",
            rng.below(8) + 2,
            digits(rng, 2),
            rng.below(8) + 2,
            digits(rng, 6)
        ),
        "7" => format!("9{}", digits(rng, 9)),
        _ => {
            let total_len = 8 + rng.below(8);
            let len = total_len.saturating_sub(code.len()).max(4);
            format!("{}{}", rng.below(9) + 1, digits(rng, len - 1))
        }
    }
}

fn spaced(national: &str) -> String {
    national
        .as_bytes()
        .chunks(3)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Arbitrary strings never panic; whatever is accepted is E.164 and stable.
#[test]
fn property_arbitrary_input_never_panics_and_accepted_output_is_e164() {
    let alphabet: Vec<char> = "0123456789000+ -().//\tabcΩ😀#\u{a0}".chars().collect();
    let countries = ["GR", "CY", "GB", "US", "DE", "IT", "", "XX", "g", "ΓΡ"];
    let mut rng = Rng::new(0x5EED_0002);
    let mut accepted = 0;
    for _ in 0..20_000 {
        let raw: String = if rng.chance(50) {
            let len = rng.below(22);
            (0..len).map(|_| pick(&mut rng, &alphabet)).collect()
        } else {
            let prefix = pick(&mut rng, &["", "+", "00", "0", "(+"]);
            let len = 6 + rng.below(12);
            let digits: String = (0..len)
                .map(|_| char::from(b'0' + (rng.below(10) as u8)))
                .collect();
            format!("{prefix}{digits}")
        };
        let country = pick(&mut rng, &countries);
        if let Ok(phone) = normalize(&raw, country) {
            accepted += 1;
            assert!(is_e164(&phone.e164), "{raw:?} → {}", phone.e164);
            assert_eq!(
                normalize(&phone.e164, country).map(|p| p.e164),
                Ok(phone.e164.clone()),
                "{raw:?}"
            );
        }
    }
    assert!(
        accepted > 2000,
        "the generator should also produce valid numbers ({accepted})"
    );
}

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    *rng.pick(items).expect("non-empty list")
}

/// The allocation-free form gives the same number, region, mobile flag and
/// error as `normalize` for arbitrary and valid-looking input.
#[test]
fn property_normalize_number_agrees_with_normalize() {
    let alphabet: Vec<char> = "0123456789000+ -().//\tabcΩ😀#\u{a0}".chars().collect();
    let countries = [
        "GR", "CY", "GB", "je", "US", "CA", "DE", "IT", "", "XX", "ΓΡ",
    ];
    let mut rng = Rng::new(0x5EED_0003);
    for round in 0..20_000 {
        let raw: String = if round % 2 == 0 {
            let len = rng.below(22);
            (0..len).map(|_| pick(&mut rng, &alphabet)).collect()
        } else {
            let prefix = pick(&mut rng, &["", "+", "00", "000", "0", "(+"]);
            let len = rng.below(16);
            let digits: String = (0..len)
                .map(|_| char::from(b'0' + (rng.below(10) as u8)))
                .collect();
            format!("{prefix}{digits}")
        };
        let country = pick(&mut rng, &countries);
        let expected = normalize(&raw, country);
        let number = normalize_number(&raw, country).map(|n| NormalizedPhone {
            e164: n.e164().to_owned(),
            country: n.country().to_owned(),
            mobile: n.mobile(),
        });
        assert_eq!(number, expected, "{raw:?} {country:?}");
    }
}

/// The shortcut trim is `str::trim` for any ends: ASCII, ASCII white space
/// (vertical tab included), Unicode white space, other characters.
#[test]
fn property_trim_is_str_trim() {
    let alphabet: Vec<char> = "a0+ \t\u{b}\u{c}\r\n\u{a0}\u{2003}Ω😀".chars().collect();
    let mut rng = Rng::new(0x5EED_0004);
    for _ in 0..20_000 {
        let len = rng.below(6);
        let text: String = (0..len).map(|_| pick(&mut rng, &alphabet)).collect();
        assert_eq!(trim(&text), text.trim(), "{text:?}");
    }
}

//! The ITU-T E.164 country calling codes (ITU-T E.164 Annex to OB 1.1 and its
//! amendments), keyed by ISO 3166-1 alpha-2 region, plus the reverse look-up
//! that finds the region of an international number.
//!
//! Regions that share a code (the North American Numbering Plan's `+1`, `+7`
//! for Russia and Kazakhstan, `+44` for the UK and the Crown Dependencies, …)
//! each appear with that code; [`HOME_REGION`] names the region reported for a
//! shared code when the caller's default country does not settle it.
//! Non-geographic codes (`+800`, `+870`, `+881`, `+882`, `+883`, `+888`,
//! `+979`) are deliberately absent: they are not SMS destinations.
//! Besides the ISO regions, `AC` (Ascension), `TA` (Tristan da Cunha) and
//! `XK` (Kosovo) are included because they have codes of their own in use.

/// ISO 3166-1 alpha-2 region → country calling code (digits, no `+`),
/// sorted by region so look-ups can binary-search.
#[rustfmt::skip]
const REGION_CODES: &[(&str, &str)] = &[
    ("AC", "247"), ("AD", "376"), ("AE", "971"), ("AF", "93"), ("AG", "1"), ("AI", "1"),
    ("AL", "355"), ("AM", "374"), ("AO", "244"), ("AQ", "672"), ("AR", "54"), ("AS", "1"),
    ("AT", "43"), ("AU", "61"), ("AW", "297"), ("AX", "358"), ("AZ", "994"), ("BA", "387"),
    ("BB", "1"), ("BD", "880"), ("BE", "32"), ("BF", "226"), ("BG", "359"), ("BH", "973"),
    ("BI", "257"), ("BJ", "229"), ("BL", "590"), ("BM", "1"), ("BN", "673"), ("BO", "591"),
    ("BQ", "599"), ("BR", "55"), ("BS", "1"), ("BT", "975"), ("BV", "47"), ("BW", "267"),
    ("BY", "375"), ("BZ", "501"), ("CA", "1"), ("CC", "61"), ("CD", "243"), ("CF", "236"),
    ("CG", "242"), ("CH", "41"), ("CI", "225"), ("CK", "682"), ("CL", "56"), ("CM", "237"),
    ("CN", "86"), ("CO", "57"), ("CR", "506"), ("CU", "53"), ("CV", "238"), ("CW", "599"),
    ("CX", "61"), ("CY", "357"), ("CZ", "420"), ("DE", "49"), ("DJ", "253"), ("DK", "45"),
    ("DM", "1"), ("DO", "1"), ("DZ", "213"), ("EC", "593"), ("EE", "372"), ("EG", "20"),
    ("EH", "212"), ("ER", "291"), ("ES", "34"), ("ET", "251"), ("FI", "358"), ("FJ", "679"),
    ("FK", "500"), ("FM", "691"), ("FO", "298"), ("FR", "33"), ("GA", "241"), ("GB", "44"),
    ("GD", "1"), ("GE", "995"), ("GF", "594"), ("GG", "44"), ("GH", "233"), ("GI", "350"),
    ("GL", "299"), ("GM", "220"), ("GN", "224"), ("GP", "590"), ("GQ", "240"), ("GR", "30"),
    ("GS", "500"), ("GT", "502"), ("GU", "1"), ("GW", "245"), ("GY", "592"), ("HK", "852"),
    ("HM", "672"), ("HN", "504"), ("HR", "385"), ("HT", "509"), ("HU", "36"), ("ID", "62"),
    ("IE", "353"), ("IL", "972"), ("IM", "44"), ("IN", "91"), ("IO", "246"), ("IQ", "964"),
    ("IR", "98"), ("IS", "354"), ("IT", "39"), ("JE", "44"), ("JM", "1"), ("JO", "962"),
    ("JP", "81"), ("KE", "254"), ("KG", "996"), ("KH", "855"), ("KI", "686"), ("KM", "269"),
    ("KN", "1"), ("KP", "850"), ("KR", "82"), ("KW", "965"), ("KY", "1"), ("KZ", "7"),
    ("LA", "856"), ("LB", "961"), ("LC", "1"), ("LI", "423"), ("LK", "94"), ("LR", "231"),
    ("LS", "266"), ("LT", "370"), ("LU", "352"), ("LV", "371"), ("LY", "218"), ("MA", "212"),
    ("MC", "377"), ("MD", "373"), ("ME", "382"), ("MF", "590"), ("MG", "261"), ("MH", "692"),
    ("MK", "389"), ("ML", "223"), ("MM", "95"), ("MN", "976"), ("MO", "853"), ("MP", "1"),
    ("MQ", "596"), ("MR", "222"), ("MS", "1"), ("MT", "356"), ("MU", "230"), ("MV", "960"),
    ("MW", "265"), ("MX", "52"), ("MY", "60"), ("MZ", "258"), ("NA", "264"), ("NC", "687"),
    ("NE", "227"), ("NF", "672"), ("NG", "234"), ("NI", "505"), ("NL", "31"), ("NO", "47"),
    ("NP", "977"), ("NR", "674"), ("NU", "683"), ("NZ", "64"), ("OM", "968"), ("PA", "507"),
    ("PE", "51"), ("PF", "689"), ("PG", "675"), ("PH", "63"), ("PK", "92"), ("PL", "48"),
    ("PM", "508"), ("PN", "64"), ("PR", "1"), ("PS", "970"), ("PT", "351"), ("PW", "680"),
    ("PY", "595"), ("QA", "974"), ("RE", "262"), ("RO", "40"), ("RS", "381"), ("RU", "7"),
    ("RW", "250"), ("SA", "966"), ("SB", "677"), ("SC", "248"), ("SD", "249"), ("SE", "46"),
    ("SG", "65"), ("SH", "290"), ("SI", "386"), ("SJ", "47"), ("SK", "421"), ("SL", "232"),
    ("SM", "378"), ("SN", "221"), ("SO", "252"), ("SR", "597"), ("SS", "211"), ("ST", "239"),
    ("SV", "503"), ("SX", "1"), ("SY", "963"), ("SZ", "268"), ("TA", "290"), ("TC", "1"),
    ("TD", "235"), ("TF", "262"), ("TG", "228"), ("TH", "66"), ("TJ", "992"), ("TK", "690"),
    ("TL", "670"), ("TM", "993"), ("TN", "216"), ("TO", "676"), ("TR", "90"), ("TT", "1"),
    ("TV", "688"), ("TW", "886"), ("TZ", "255"), ("UA", "380"), ("UG", "256"), ("UM", "1"),
    ("US", "1"), ("UY", "598"), ("UZ", "998"), ("VA", "39"), ("VC", "1"), ("VE", "58"),
    ("VG", "1"), ("VI", "1"), ("VN", "84"), ("VU", "678"), ("WF", "681"), ("WS", "685"),
    ("XK", "383"), ("YE", "967"), ("YT", "262"), ("ZA", "27"), ("ZM", "260"), ("ZW", "263"),
];

/// The region reported for a code several regions share, unless the default
/// country is one of them: the region whose numbering plan the code belongs to.
#[rustfmt::skip]
const HOME_REGION: &[(&str, &str)] = &[
    ("1", "US"), ("7", "RU"), ("39", "IT"), ("44", "GB"), ("47", "NO"), ("61", "AU"),
    ("64", "NZ"), ("212", "MA"), ("262", "RE"), ("290", "SH"), ("358", "FI"), ("500", "FK"),
    ("590", "GP"), ("599", "CW"), ("672", "NF"),
];

/// Calling codes are 1 to 3 digits long.
pub const MAX_CODE_LEN: usize = 3;

/// No entry in [`REGION_INDEX`] / [`CODE_REGION`].
const NONE: u8 = u8::MAX;

/// Region letters `AA`…`ZZ` (as `(first - 'A') * 26 + (second - 'A')`) →
/// index in [`REGION_CODES`], or [`NONE`]. Built from the table at compile
/// time, so the forward look-up is one array access instead of an upper-case
/// copy and a binary search.
const REGION_INDEX: [u8; 26 * 26] = {
    assert!(REGION_CODES.len() < NONE as usize);
    let mut index = [NONE; 26 * 26];
    let mut i = 0;
    while i < REGION_CODES.len() {
        let region = REGION_CODES[i].0.as_bytes();
        assert!(
            region.len() == 2 && region[0].is_ascii_uppercase() && region[1].is_ascii_uppercase()
        );
        let slot = (region[0] - b'A') as usize * 26 + (region[1] - b'A') as usize;
        index[slot] = i as u8;
        i += 1;
    }
    index
};

/// Calling code as a number (1–999) → index in [`REGION_CODES`] of the region
/// reported when the preferred region does not use the code: the code's home
/// region ([`HOME_REGION`]) when it is shared and the home region uses it,
/// else the first region (in table order) with the code; [`NONE`] when no
/// region has it. Codes never start with 0, so a number names exactly one
/// code string. Built at compile time from the two tables.
const CODE_REGION: [u8; 1000] = {
    let mut first = [NONE; 1000];
    let mut i = 0;
    while i < REGION_CODES.len() {
        let code = match code_value(REGION_CODES[i].1.as_bytes()) {
            Some(code) => code as usize,
            None => panic!("a calling code is 1 to 3 digits not starting with 0"),
        };
        if first[code] == NONE {
            first[code] = i as u8;
        }
        i += 1;
    }
    let mut h = 0;
    while h < HOME_REGION.len() {
        let (code, home) = HOME_REGION[h];
        let code = match code_value(code.as_bytes()) {
            Some(code) => code as usize,
            None => panic!("a home-region code is 1 to 3 digits not starting with 0"),
        };
        let home = home.as_bytes();
        let mut i = 0;
        while i < REGION_CODES.len() {
            let (region, region_code) = REGION_CODES[i];
            let region = region.as_bytes();
            if region[0] == home[0]
                && region[1] == home[1]
                && matches!(code_value(region_code.as_bytes()), Some(c) if c as usize == code)
            {
                first[code] = i as u8;
            }
            i += 1;
        }
        h += 1;
    }
    first
};

/// The number a calling code's digits spell, when they can be one: 1 to 3
/// ASCII digits not starting with 0.
const fn code_value(digits: &[u8]) -> Option<u16> {
    if digits.is_empty() || digits.len() > MAX_CODE_LEN || digits[0] == b'0' {
        return None;
    }
    let mut value = 0u16;
    let mut i = 0;
    while i < digits.len() {
        let digit = digits[i];
        if !digit.is_ascii_digit() {
            return None;
        }
        value = value * 10 + (digit - b'0') as u16;
        i += 1;
    }
    Some(value)
}

/// The index in [`REGION_CODES`] of a two-letter region, any case.
fn region_index(region: &str) -> Option<usize> {
    let &[first, second] = region.as_bytes() else {
        return None;
    };
    if !first.is_ascii_alphabetic() || !second.is_ascii_alphabetic() {
        return None;
    }
    let slot = usize::from(first.to_ascii_uppercase() - b'A') * 26
        + usize::from(second.to_ascii_uppercase() - b'A');
    match REGION_INDEX.get(slot) {
        Some(&index) if index != NONE => Some(usize::from(index)),
        _ => None,
    }
}

/// The calling code of an ISO 3166-1 alpha-2 region (case-insensitive), e.g.
/// `calling_code("gr") == Some("30")`.
pub fn calling_code(region: &str) -> Option<&'static str> {
    let (_, code) = REGION_CODES.get(region_index(region)?)?;
    Some(code)
}

/// The calling code an international number (digits after `+`/`00`) starts
/// with, by longest prefix, and the region to report for it: `preferred` when
/// that region uses the code (so `+44…` stays `JE` for a Jersey shop), else
/// the code's home region.
pub fn split_international(digits: &str, preferred: &str) -> Option<(&'static str, &'static str)> {
    let bytes = digits.as_bytes();
    let default_index = (1..=MAX_CODE_LEN.min(bytes.len()))
        .rev()
        .filter_map(|len| code_value(bytes.get(..len)?))
        .find_map(|code| match CODE_REGION.get(usize::from(code)) {
            Some(&index) if index != NONE => Some(usize::from(index)),
            _ => None,
        })?;
    let (_, code_text) = *REGION_CODES.get(default_index)?;
    let preferred = region_index(preferred)
        .and_then(|index| REGION_CODES.get(index))
        .filter(|(_, preferred_code)| *preferred_code == code_text);
    match preferred {
        Some(&(region, _)) => Some((region, code_text)),
        None => REGION_CODES.get(default_index).copied(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The straightforward look-ups the tables replace: the reference the
    /// property tests hold the fast ones to.
    fn reference_calling_code(region: &str) -> Option<&'static str> {
        let upper = region.to_ascii_uppercase();
        REGION_CODES
            .binary_search_by(|(candidate, _)| candidate.cmp(&upper.as_str()))
            .ok()
            .and_then(|index| REGION_CODES.get(index))
            .map(|(_, code)| *code)
    }

    fn reference_split_international(
        digits: &str,
        preferred: &str,
    ) -> Option<(&'static str, &'static str)> {
        let longest = (1..=MAX_CODE_LEN.min(digits.len()))
            .rev()
            .filter_map(|len| digits.get(..len))
            .find(|prefix| regions_of(prefix).next().is_some())?;
        let preferred_upper = preferred.to_ascii_uppercase();
        regions_of(longest)
            .find(|(region, _)| *region == preferred_upper)
            .or_else(|| home_region(longest))
            .or_else(|| regions_of(longest).next())
    }

    fn regions_of(code: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        REGION_CODES
            .iter()
            .filter(move |(_, candidate)| *candidate == code)
            .map(|(region, code)| (*region, *code))
    }

    fn home_region(code: &str) -> Option<(&'static str, &'static str)> {
        let (_, home) = HOME_REGION.iter().find(|(shared, _)| *shared == code)?;
        regions_of(code).find(|(region, _)| region == home)
    }

    /// Every region spelling (all two-character strings over letters, digits
    /// and a few odd characters, plus other lengths) looks up as the
    /// reference does.
    #[test]
    fn property_forward_look_up_agrees_with_the_reference() {
        let alphabet: Vec<char> = ('A'..='Z')
            .chain('a'..='z')
            .chain([
                '0', '@', '[', '`', '{', ' ', 'Γ', 'ß', '\u{17F}', '\u{212A}',
            ])
            .collect();
        let mut spellings = vec![
            String::new(),
            "GRC".to_owned(),
            "G".to_owned(),
            " GR".to_owned(),
        ];
        for a in &alphabet {
            spellings.push(a.to_string());
            for b in &alphabet {
                spellings.push(format!("{a}{b}"));
            }
        }
        for spelling in &spellings {
            assert_eq!(
                calling_code(spelling),
                reference_calling_code(spelling),
                "{spelling:?}"
            );
        }
    }

    /// Every prefix of up to four digits (with and without leading zeros and
    /// trailing text), against every region as preference, splits as the
    /// reference does.
    #[test]
    fn property_reverse_look_up_agrees_with_the_reference() {
        let mut preferences: Vec<&str> = REGION_CODES.iter().map(|(region, _)| *region).collect();
        preferences.extend(["", "je", "gG", "XX", "ΓΡ", "G", "GBR"]);
        let mut numbers: Vec<String> = Vec::new();
        for value in 0..10_000 {
            numbers.push(value.to_string());
            numbers.push(format!("{value:04}"));
            numbers.push(format!("{value}5550123"));
        }
        numbers.extend(["", "4Ω", "3Ω0", "Ω30", "35\u{e9}", "1😀"].map(str::to_owned));
        for (n, number) in numbers.iter().enumerate() {
            // Every preference for the short numbers, a rotating few for the rest.
            let chosen: Vec<&str> = if number.len() <= 3 {
                preferences.clone()
            } else {
                (0..3)
                    .map(|k| preferences[(n * 7 + k * 31) % preferences.len()])
                    .collect()
            };
            for preferred in chosen {
                assert_eq!(
                    split_international(number, preferred),
                    reference_split_international(number, preferred),
                    "{number:?} {preferred:?}"
                );
            }
        }
    }

    #[test]
    fn table_is_sorted_and_unique_for_binary_search() {
        assert!(REGION_CODES.windows(2).all(|pair| pair[0].0 < pair[1].0));
    }

    #[test]
    fn codes_are_prefix_free_so_longest_prefix_is_the_only_match() {
        for (_, code) in REGION_CODES {
            for (_, other) in REGION_CODES {
                assert!(
                    code == other || !other.starts_with(code),
                    "+{code} is a prefix of +{other}"
                );
            }
        }
    }

    #[test]
    fn codes_are_one_to_three_digits_not_starting_with_zero() {
        for (region, code) in REGION_CODES {
            assert!((1..=MAX_CODE_LEN).contains(&code.len()), "{region}");
            assert!(
                code.bytes().all(|b| b.is_ascii_digit()) && !code.starts_with('0'),
                "{region}"
            );
        }
    }

    #[test]
    fn every_shared_code_has_a_home_region_that_uses_it() {
        for (_, code) in REGION_CODES {
            if regions_of(code).count() > 1 {
                assert!(
                    home_region(code).is_some(),
                    "+{code} is shared but has no home region"
                );
            }
        }
    }

    #[test]
    fn forward_look_up_is_case_insensitive() {
        assert_eq!(calling_code("GR"), Some("30"));
        assert_eq!(calling_code("cy"), Some("357"));
        assert_eq!(calling_code("Gb"), Some("44"));
        assert_eq!(calling_code("XX"), None);
        assert_eq!(calling_code(""), None);
        assert_eq!(calling_code("ΓΡ"), None);
    }

    #[test]
    fn reverse_look_up_takes_the_longest_code() {
        assert_eq!(split_international("35799123456", ""), Some(("CY", "357")));
        assert_eq!(
            split_international("306912345678", "DE"),
            Some(("GR", "30"))
        );
        assert_eq!(split_international("12125550123", ""), Some(("US", "1")));
        assert_eq!(split_international("12125550123", "ca"), Some(("CA", "1")));
        assert_eq!(
            split_international("447797123456", "JE"),
            Some(("JE", "44"))
        );
        assert_eq!(
            split_international("447797123456", "GR"),
            Some(("GB", "44"))
        );
        assert_eq!(split_international("8001234567", ""), None);
        assert_eq!(split_international("", ""), None);
    }
}

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

/// The calling code of an ISO 3166-1 alpha-2 region (case-insensitive), e.g.
/// `calling_code("gr") == Some("30")`.
pub fn calling_code(region: &str) -> Option<&'static str> {
    let upper = region.to_ascii_uppercase();
    REGION_CODES
        .binary_search_by(|(candidate, _)| candidate.cmp(&upper.as_str()))
        .ok()
        .and_then(|index| REGION_CODES.get(index))
        .map(|(_, code)| *code)
}

/// The calling code an international number (digits after `+`/`00`) starts
/// with, by longest prefix, and the region to report for it: `preferred` when
/// that region uses the code (so `+44…` stays `JE` for a Jersey shop), else
/// the code's home region.
pub fn split_international(digits: &str, preferred: &str) -> Option<(&'static str, &'static str)> {
    let longest = (1..=MAX_CODE_LEN.min(digits.len()))
        .rev()
        .filter_map(|len| digits.get(..len))
        .find(|prefix| regions_of(prefix).next().is_some())?;
    let preferred_upper = preferred.to_ascii_uppercase();
    let region = regions_of(longest)
        .find(|(region, _)| *region == preferred_upper)
        .or_else(|| home_region(longest))
        .or_else(|| regions_of(longest).next())?;
    Some(region)
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

#[cfg(test)]
mod tests {
    use super::*;

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

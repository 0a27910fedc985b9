//! National numbering rules, keyed by calling code: what a national
//! (significant) number — the digits after the country code — must look like,
//! whether it is a mobile, and which trunk prefix people dial before it at home.
//!
//! Exact rules exist where the shop's customers mostly are and where a wrong
//! number costs money:
//! - `+30` Greece: exactly 10 digits, first digit 2–9; mobiles start `69`,
//!   and since `69` is the only Greek prefix starting with 6, `6x` other than
//!   `69` is rejected as a typo. No trunk prefix.
//! - `+357` Cyprus: exactly 8 digits starting 2, 7, 8 or 9; mobiles are
//!   `94`–`99` (`90` is premium rate, not a handset). No trunk prefix.
//! - `+44` UK, Guernsey, Jersey, Isle of Man: exactly 10 digits after the
//!   trunk 0, first digit 1, 2, 3, 5, 7, 8 or 9; mobiles `71`–`75`, `77`–`79`
//!   and `7624` (`70` personal numbers and `76` pagers are not mobiles).
//! - `+1` North America: exactly 10 digits, area code and exchange starting
//!   2–9; trunk prefix 1. Mobiles cannot be told from the number.
//! - `+7` Russia, Kazakhstan: exactly 10 digits; trunk prefix 8.
//!
//! Everywhere else the generic E.164 bounds apply: at least 4 national
//! digits, country code + national number between 8 and 15 digits (shorter
//! numbers are short codes or extensions, never SMS destinations), and —
//! where the trunk prefix starts with 0 — no leading 0 (a national
//! significant number never starts with its own trunk prefix). `mobile` is
//! `false` there: it means "not known to be a mobile", not "known to be a
//! landline".
//!
//! Trunk prefixes: 1 (`+1`), 8 (`+7`), 80 (Belarus), 06 (Hungary), none in
//! `NO_TRUNK_PREFIX`, 0 everywhere else.

/// E.164: at most 15 digits, country code included.
pub const MAX_E164_DIGITS: usize = 15;
/// The shortest number the core accepts, country code included.
pub const MIN_E164_DIGITS: usize = 8;
/// The shortest national significant number accepted by the generic rule.
pub const MIN_NATIONAL_DIGITS: usize = 4;

/// Codes whose numbering plans have no trunk prefix, or whose numbers keep
/// their leading 0 internationally (Italy, San Marino, Vatican, Côte d'Ivoire,
/// Gabon, Congo): a leading 0 there is part of the number.
const NO_TRUNK_PREFIX: &[&str] = &[
    "30", "34", "39", "45", "47", "48", "225", "241", "242", "298", "299", "350", "351", "352",
    "354", "356", "357", "371", "372", "376", "377", "378", "420", "423", "852", "853", "65",
    "965", "968", "973", "974",
];

/// Whether each code (as a number, 0–999) is in [`NO_TRUNK_PREFIX`]: one
/// array access per look-up instead of a scan of string comparisons.
const HAS_NO_TRUNK_PREFIX: [bool; 1000] = {
    let mut table = [false; 1000];
    let mut i = 0;
    while i < NO_TRUNK_PREFIX.len() {
        let digits = NO_TRUNK_PREFIX[i].as_bytes();
        let mut value = 0;
        let mut d = 0;
        while d < digits.len() {
            value = value * 10 + (digits[d] - b'0') as usize;
            d += 1;
        }
        table[value] = true;
        i += 1;
    }
    table
};

/// The digits dialled before a national number inside its own country, if any.
pub fn trunk_prefix(code: &str) -> Option<&'static str> {
    match code {
        "1" => Some("1"),
        "7" => Some("8"),
        "375" => Some("80"),
        "36" => Some("06"),
        _ if has_no_trunk_prefix(code) => None,
        _ => Some("0"),
    }
}

/// Whether `code` is one of [`NO_TRUNK_PREFIX`]. Those are 2 or 3 digits not
/// starting with 0, so anything else (a leading 0 included) is not.
fn has_no_trunk_prefix(code: &str) -> bool {
    let bytes = code.as_bytes();
    if !(2..=3).contains(&bytes.len())
        || bytes.first() == Some(&b'0')
        || !bytes.iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    let value = bytes.iter().fold(0usize, |value, digit| {
        value * 10 + usize::from(digit - b'0')
    });
    HAS_NO_TRUNK_PREFIX.get(value).copied().unwrap_or(false)
}

/// Checks a national significant number (digits only, trunk prefix already
/// removed) against the rules of `code`. `Ok(mobile)` or `Err(why)`.
pub fn check_national(code: &str, national: &str) -> Result<bool, String> {
    match code {
        "30" => check_greek(national),
        "357" => check_cypriot(national),
        "44" => check_british(national),
        "1" => check_north_american(national),
        "7" => exact_length(code, national, 10).map(|()| false),
        _ => check_generic(code, national).map(|()| false),
    }
}

fn check_greek(national: &str) -> Result<bool, String> {
    exact_length("30", national, 10)?;
    first_digit_in("30", national, b"23456789")?;
    if national.starts_with('6') && !national.starts_with("69") {
        return Err("Greek numbers starting with 6 are mobiles and start with 69".to_owned());
    }
    Ok(national.starts_with("69"))
}

fn check_cypriot(national: &str) -> Result<bool, String> {
    exact_length("357", national, 8)?;
    first_digit_in("357", national, b"2789")?;
    Ok(national.starts_with('9')
        && national
            .as_bytes()
            .get(1)
            .is_some_and(|d| (b'4'..=b'9').contains(d)))
}

fn check_british(national: &str) -> Result<bool, String> {
    exact_length("44", national, 10)?;
    first_digit_in("44", national, b"1235789")?;
    let second = national.as_bytes().get(1).copied().unwrap_or(b'0');
    let mobile_range = national.starts_with('7') && matches!(second, b'1'..=b'5' | b'7'..=b'9');
    Ok(mobile_range || national.starts_with("7624"))
}

fn check_north_american(national: &str) -> Result<bool, String> {
    exact_length("1", national, 10)?;
    let bytes = national.as_bytes();
    let starts_2_to_9 = |index: usize| bytes.get(index).is_some_and(|d| (b'2'..=b'9').contains(d));
    if !starts_2_to_9(0) || !starts_2_to_9(3) {
        return Err("North American area codes and exchanges start with 2-9".to_owned());
    }
    Ok(false)
}

fn check_generic(code: &str, national: &str) -> Result<(), String> {
    let total = code.len() + national.len();
    if national.len() < MIN_NATIONAL_DIGITS || total < MIN_E164_DIGITS {
        return Err(format!(
            "too short: +{code} {national} has {total} digits, a phone number has at least {MIN_E164_DIGITS}"
        ));
    }
    if total > MAX_E164_DIGITS {
        return Err(format!(
            "too long: +{code} {national} has {total} digits, E.164 allows at most {MAX_E164_DIGITS}"
        ));
    }
    let trunk_starts_with_zero = trunk_prefix(code).is_some_and(|trunk| trunk.starts_with('0'));
    if trunk_starts_with_zero && national.starts_with('0') {
        return Err(format!(
            "numbers under +{code} do not start with 0 after the country code"
        ));
    }
    Ok(())
}

fn exact_length(code: &str, national: &str, expected: usize) -> Result<(), String> {
    if national.len() == expected {
        return Ok(());
    }
    let verdict = if national.len() < expected {
        "too short"
    } else {
        "too long"
    };
    Err(format!(
        "{verdict}: numbers under +{code} have exactly {expected} digits after the country code, this one has {}",
        national.len()
    ))
}

fn first_digit_in(code: &str, national: &str, allowed: &[u8]) -> Result<(), String> {
    match national.as_bytes().first() {
        Some(first) if allowed.contains(first) => Ok(()),
        _ => Err(format!(
            "numbers under +{code} start with one of {} after the country code",
            allowed
                .iter()
                .map(|d| char::from(*d).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greek_rules() {
        assert_eq!(check_national("30", "6912345678"), Ok(true));
        assert_eq!(check_national("30", "2101234567"), Ok(false));
        assert!(check_national("30", "691234567")
            .unwrap_err()
            .contains("too short"));
        assert!(check_national("30", "69123456789")
            .unwrap_err()
            .contains("too long"));
        assert!(check_national("30", "6812345678")
            .unwrap_err()
            .contains("69"));
        assert!(check_national("30", "1012345678").is_err());
    }

    #[test]
    fn cypriot_rules() {
        assert_eq!(check_national("357", "99123456"), Ok(true));
        assert_eq!(check_national("357", "94123456"), Ok(true));
        assert_eq!(check_national("357", "90123456"), Ok(false));
        assert_eq!(check_national("357", "22123456"), Ok(false));
        assert!(check_national("357", "9912345").is_err());
        assert!(check_national("357", "51234567").is_err());
    }

    #[test]
    fn british_rules() {
        assert_eq!(check_national("44", "7911123456"), Ok(true));
        assert_eq!(check_national("44", "7624123456"), Ok(true));
        assert_eq!(check_national("44", "7012345678"), Ok(false));
        assert_eq!(check_national("44", "2071234567"), Ok(false));
        assert!(check_national("44", "791112345").is_err());
        assert!(check_national("44", "0791112345").is_err());
    }

    #[test]
    fn north_american_rules() {
        assert_eq!(check_national("1", "2125550123"), Ok(false));
        assert!(check_national("1", "1125550123").is_err());
        assert!(check_national("1", "2121550123").is_err());
    }

    #[test]
    fn generic_bounds() {
        assert_eq!(check_national("49", "15112345678"), Ok(false));
        assert!(check_national("49", "123").is_err());
        assert!(check_national("49", "1234567890123456")
            .unwrap_err()
            .contains("too long"));
        assert!(check_national("49", "01511234567").is_err());
        assert_eq!(check_national("39", "0612345678"), Ok(false));
        assert!(
            check_national("683", "4002").is_err(),
            "7 digits in all is below the minimum"
        );
    }

    /// The table look-up agrees with a scan of the list for every string of
    /// up to four digits (leading zeros included) and some that are not codes.
    #[test]
    fn property_no_trunk_prefix_table_agrees_with_the_list() {
        let mut codes: Vec<String> = Vec::new();
        for value in 0..10_000 {
            codes.extend([
                value.to_string(),
                format!("{value:02}"),
                format!("{value:03}"),
            ]);
        }
        codes.extend(["", "3a", "+30", "30 ", "Ω"].map(str::to_owned));
        for code in &codes {
            assert_eq!(
                has_no_trunk_prefix(code),
                NO_TRUNK_PREFIX.contains(&code.as_str()),
                "{code:?}"
            );
        }
    }

    #[test]
    fn trunk_prefixes() {
        assert_eq!(trunk_prefix("44"), Some("0"));
        assert_eq!(trunk_prefix("30"), None);
        assert_eq!(trunk_prefix("1"), Some("1"));
        assert_eq!(trunk_prefix("7"), Some("8"));
        assert_eq!(trunk_prefix("36"), Some("06"));
        assert!(
            check_national("36", "0630123456").is_err(),
            "Hungarian numbers never start with 0"
        );
    }
}

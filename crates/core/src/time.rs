//! Timestamps at the boundary: every `now`, `at`, `until` and `send_at` the
//! core reads or writes is RFC 3339.
//!
//! Reading is liberal in form and strict in meaning: any RFC 3339 timestamp is
//! accepted (`Z` or a numeric offset such as `+03:00`, optional fractional
//! seconds), converted to UTC, and truncated to the whole second (toward the
//! past, so `…:05.999Z` reads as `…:05Z`). A leap second (`:60`) reads as the
//! second before it. Anything else — a date alone, a missing offset, trailing
//! text, surrounding spaces — is a `bad_request`.
//!
//! Writing is canonical: UTC with `Z` and whole seconds, e.g.
//! `2026-11-29T07:00:00Z`, so the three hosts can compare replies as text.

use crate::CoreError;
use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, TimeDelta, Utc};

/// Parses an RFC 3339 timestamp into a whole-second UTC instant.
pub fn parse_utc(text: &str) -> Result<DateTime<Utc>, CoreError> {
    match parse_canonical(text) {
        Some(at) => Ok(at),
        None => parse_with_chrono(text),
    }
}

/// Any RFC 3339 text, through chrono (whose errors the messages quote).
fn parse_with_chrono(text: &str) -> Result<DateTime<Utc>, CoreError> {
    let parsed = DateTime::parse_from_rfc3339(text).map_err(|err| {
        CoreError::bad_request(format!(
            "invalid timestamp '{text}': {err} (expected RFC 3339, e.g. 2026-11-29T07:00:00Z)"
        ))
    })?;
    // `timestamp()` floors, so fractional seconds are dropped toward the past.
    DateTime::from_timestamp(parsed.timestamp(), 0)
        .ok_or_else(|| CoreError::bad_request(format!("timestamp '{text}' is out of range")))
}

/// The fast path of [`parse_utc`] for the form the core itself writes,
/// `YYYY-MM-DDTHH:MM:SSZ` with a real date and a time up to 23:59:59;
/// `None` for anything else, which chrono then reads (or rejects with its
/// message). Every text accepted here chrono reads as the same instant: it
/// is what chrono's RFC 3339 parser does for this form, minus the general
/// offset and fraction handling.
fn parse_canonical(text: &str) -> Option<DateTime<Utc>> {
    let &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2, b'T', h1, h2, b':', i1, i2, b':', s1, s2, b'Z'] =
        text.as_bytes()
    else {
        return None;
    };
    let year = i32::from(two_digits(y1, y2)?) * 100 + i32::from(two_digits(y3, y4)?);
    let (month, day) = (two_digits(m1, m2)?, two_digits(d1, d2)?);
    let (hour, minute, second) = (
        two_digits(h1, h2)?,
        two_digits(i1, i2)?,
        two_digits(s1, s2)?,
    );
    // chrono checks the date (month length, leap years) and the time (a
    // leap second `60` is left to the general path).
    let date = NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))?;
    let time = NaiveTime::from_hms_opt(u32::from(hour), u32::from(minute), u32::from(second))?;
    Some(date.and_time(time).and_utc())
}

fn two_digits(tens: u8, ones: u8) -> Option<u8> {
    if tens.is_ascii_digit() && ones.is_ascii_digit() {
        Some((tens - b'0') * 10 + (ones - b'0'))
    } else {
        None
    }
}

/// The date (year, month, day) `days` after 1970-01-01 (H. Hinnant's
/// `civil_from_days`: years counted from March, in 400-year eras).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // Both are in range by construction (1–12, 1–31).
    (year, month as u8, day as u8)
}

/// Formats an instant as RFC 3339 UTC with `Z` and whole seconds.
pub fn format_utc(at: DateTime<Utc>) -> String {
    match canonical_text(at) {
        Some(text) => text.as_str().to_owned(),
        // Instants built by the core are whole seconds already; dropping the
        // fraction here keeps the output canonical even if one is not.
        None => at.to_rfc3339_opts(SecondsFormat::Secs, true),
    }
}

/// Length of `YYYY-MM-DDTHH:MM:SSZ`.
const CANONICAL_LEN: usize = 20;

/// [`format_utc`] appending to `out`, so a caller can write into its buffer.
/// Years 0–9999 (all the core ever meets) are written directly; the rare
/// others, and leap-second instants, go through chrono's formatter.
pub fn format_utc_into(at: DateTime<Utc>, out: &mut String) {
    match canonical_text(at) {
        Some(text) => out.push_str(text.as_str()),
        // Instants built by the core are whole seconds already; dropping the
        // fraction here keeps the output canonical even if one is not.
        None => out.push_str(&at.to_rfc3339_opts(SecondsFormat::Secs, true)),
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` on the stack.
struct CanonicalText([u8; CANONICAL_LEN]);

impl CanonicalText {
    fn as_str(&self) -> &str {
        // Only ASCII digits were written into an ASCII template.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// Writes `value` (0–99) as two digits at `at`.
fn put_two_digits(text: &mut [u8; CANONICAL_LEN], at: usize, value: u32) {
    if let Some([tens, ones]) = text.get_mut(at..at + 2) {
        *tens = b'0' + (value / 10 % 10) as u8;
        *ones = b'0' + (value % 10) as u8;
    }
}

/// The canonical text of `at` for years 0–9999 that are not inside a leap
/// second, written directly; `None` for the rest, which chrono formats.
fn canonical_text(at: DateTime<Utc>) -> Option<CanonicalText> {
    let seconds = at.timestamp();
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    if !(0..=9999).contains(&year) || at.timestamp_subsec_nanos() >= 1_000_000_000 {
        return None;
    }
    let second_of_day = seconds.rem_euclid(86_400) as u32;
    // In range by the checks above: 0–9999, 0–86 399.
    let year = year as u32;
    let mut text = *b"0000-00-00T00:00:00Z";
    put_two_digits(&mut text, 0, year / 100);
    put_two_digits(&mut text, 2, year % 100);
    put_two_digits(&mut text, 5, u32::from(month));
    put_two_digits(&mut text, 8, u32::from(day));
    put_two_digits(&mut text, 11, second_of_day / 3600);
    put_two_digits(&mut text, 14, second_of_day / 60 % 60);
    put_two_digits(&mut text, 17, second_of_day % 60);
    Some(CanonicalText(text))
}

/// The longest delay the core ever adds to an instant: one year. Policies and
/// servers may send absurd numbers (`retry_after: 1e12`); capping them keeps
/// every computed instant printable as RFC 3339 and the arithmetic total.
pub const MAX_DELAY_S: u64 = 366 * 24 * 3600;

/// `at` plus `seconds` (capped at [`MAX_DELAY_S`]).
pub fn add_seconds(at: DateTime<Utc>, seconds: u64) -> DateTime<Utc> {
    let capped = seconds.min(MAX_DELAY_S);
    // The cap keeps the value far inside i64 and TimeDelta's range.
    let delta = TimeDelta::try_seconds(i64::try_from(capped).unwrap_or(0)).unwrap_or_default();
    at.checked_add_signed(delta).unwrap_or(at)
}

/// serde adapters so input structs can hold parsed instants directly and
/// outputs print them canonically.
pub mod rfc3339 {
    use super::{canonical_text, format_utc, parse_utc};
    use chrono::{DateTime, Utc};
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    // Reading goes through a `String` on purpose: a visitor borrowing the
    // text would save the copy, but serde_json then reports a parse error one
    // column earlier in JSON text, and error messages are part of the contract.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_utc(&text).map_err(D::Error::custom)
    }

    /// Writes the canonical text from the stack (no `String`) when it can.
    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
        match canonical_text(*at) {
            Some(text) => serializer.serialize_str(text.as_str()),
            None => serializer.serialize_str(&format_utc(*at)),
        }
    }

    /// For optional timestamps (`resumed_at`): absent or `null` is `None`.
    pub mod option {
        use super::parse_utc;
        use chrono::{DateTime, Utc};
        use serde::{de::Error as _, Deserialize, Deserializer};

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<DateTime<Utc>>, D::Error> {
            Option::<String>::deserialize(deserializer)?
                .map(|text| parse_utc(&text).map_err(D::Error::custom))
                .transpose()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::Rng;

    fn round_trip(text: &str) -> Result<String, String> {
        parse_utc(text)
            .map(format_utc)
            .map_err(|err| err.code().to_owned())
    }

    #[test]
    fn canonical_input_comes_back_unchanged() {
        assert_eq!(
            round_trip("2026-11-29T07:00:00Z").as_deref(),
            Ok("2026-11-29T07:00:00Z")
        );
    }

    #[test]
    fn offsets_are_converted_to_utc() {
        assert_eq!(
            round_trip("2026-11-29T09:00:00+02:00").as_deref(),
            Ok("2026-11-29T07:00:00Z")
        );
        assert_eq!(
            round_trip("2026-11-28T23:30:00-07:30").as_deref(),
            Ok("2026-11-29T07:00:00Z")
        );
    }

    #[test]
    fn fractional_seconds_are_truncated_toward_the_past() {
        assert_eq!(
            round_trip("2026-11-29T07:00:05.999Z").as_deref(),
            Ok("2026-11-29T07:00:05Z")
        );
        assert_eq!(
            round_trip("1969-12-31T23:59:59.5Z").as_deref(),
            Ok("1969-12-31T23:59:59Z")
        );
    }

    #[test]
    fn non_rfc3339_text_is_a_bad_request() {
        for bad in [
            "",
            "2026-11-29",
            "2026-11-29T07:00:00",
            " 2026-11-29T07:00:00Z",
            "2026-11-29T07:00:00Zjunk",
            "1764399600",
            "2026-13-01T00:00:00Z",
        ] {
            assert_eq!(round_trip(bad), Err("bad_request".to_owned()), "{bad:?}");
        }
    }

    #[test]
    fn add_seconds_caps_absurd_delays() {
        let at = parse_utc("2026-01-01T00:00:00Z").unwrap();
        assert_eq!(format_utc(add_seconds(at, 30)), "2026-01-01T00:00:30Z");
        assert_eq!(add_seconds(at, u64::MAX), add_seconds(at, MAX_DELAY_S));
        let last = parse_utc("9999-12-31T23:59:59Z").unwrap();
        assert!(add_seconds(last, u64::MAX) >= last);
    }

    /// Random RFC 3339 texts (offsets, fractions, lower-case separators) read
    /// as the instant they name, floored to the second, and their canonical
    /// form reads back as itself; arbitrary text never panics.
    #[test]
    fn property_any_rfc3339_reads_as_its_instant_and_prints_canonically() {
        let mut rng = Rng::new(0x0_5EED_0007);
        for _ in 0..5_000 {
            let seconds = rng.below(4_102_444_800) as i64; // 1970 … 2100
            let offset_minutes = rng.below(24 * 60 * 2 - 1) as i64 - (24 * 60 - 1);
            let fraction = rng.below(1_000_000_000) as u32;
            let instant = DateTime::from_timestamp(seconds, fraction).unwrap();
            let offset = chrono::FixedOffset::east_opt((offset_minutes * 60) as i32).unwrap();
            let text = instant
                .with_timezone(&offset)
                .to_rfc3339_opts(SecondsFormat::AutoSi, rng.chance(50));
            let text = if rng.chance(20) {
                text.replacen('T', "t", 1)
            } else {
                text
            };
            let parsed = parse_utc(&text).unwrap_or_else(|err| panic!("{text}: {err}"));
            assert_eq!(parsed.timestamp(), seconds, "{text}");
            let canonical = format_utc(parsed);
            assert!(
                canonical.ends_with('Z') && canonical.len() == 20,
                "{canonical}"
            );
            assert_eq!(parse_utc(&canonical), Ok(parsed));
        }
        for _ in 0..5_000 {
            let text = rng.any_string(30);
            if let Ok(parsed) = parse_utc(&text) {
                assert_eq!(parse_utc(&format_utc(parsed)), Ok(parsed), "{text}");
            }
        }
    }
    /// `parse_utc` as it was: chrono alone. The fast path must agree with it
    /// on every text, errors included.
    fn reference_parse_utc(text: &str) -> Result<DateTime<Utc>, CoreError> {
        parse_with_chrono(text)
    }

    /// Canonical-looking texts with every field pushed around its limits
    /// (month 0/13, day 0/29/30/31/32 in leap and common years, hour 24,
    /// second 60, year 0000 and 9999, stray characters) parse exactly as
    /// chrono alone parses them.
    #[test]
    fn property_fast_parse_agrees_with_chrono() {
        let mut rng = Rng::new(0x0_5EED_0008);
        let years = [
            0, 1, 4, 100, 1582, 1900, 1969, 1970, 2000, 2024, 2026, 2100, 9999,
        ];
        let mut fast = 0;
        for _ in 0..40_000 {
            let year = if rng.chance(50) {
                years[rng.below(years.len())]
            } else {
                rng.below(10_000)
            };
            let fields = [
                rng.below(14),
                rng.below(33),
                rng.below(26),
                rng.below(61),
                rng.below(62),
            ];
            let mut text = format!(
                "{year:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                fields[0], fields[1], fields[2], fields[3], fields[4]
            );
            if rng.chance(10) {
                // Damage one byte.
                let mut bytes = text.into_bytes();
                let at = rng.below(bytes.len());
                bytes[at] = *rng.pick(b"0:9-TtZz +.a/").unwrap_or(&b'x');
                text = String::from_utf8(bytes).unwrap_or_default();
            }
            assert_eq!(parse_utc(&text), reference_parse_utc(&text), "{text}");
            fast += usize::from(parse_canonical(&text).is_some());
        }
        assert!(fast > 10_000, "the fast path took only {fast} texts");
    }

    /// Instants over chrono's whole range (negative and five-digit years,
    /// fractions, leap-second nanoseconds) format as chrono formats them.
    #[test]
    fn property_fast_format_agrees_with_chrono() {
        let mut rng = Rng::new(0x0_5EED_0009);
        let (min, max) = (
            DateTime::<Utc>::MIN_UTC.timestamp(),
            DateTime::<Utc>::MAX_UTC.timestamp(),
        );
        for round in 0..40_000 {
            let seconds = match round % 4 {
                0 => min + (rng.next_u64() % (max - min) as u64) as i64,
                1 => rng.below(253_402_300_800) as i64 - 62_167_219_200, // years 0–9999
                2 => rng.below(4_102_444_800) as i64,
                _ => [
                    min,
                    max,
                    -62_167_219_201,
                    -62_167_219_200,
                    253_402_300_799,
                    253_402_300_800,
                    0,
                    -1,
                ][rng.below(8)],
            };
            let nanos = match rng.below(4) {
                0 => 0,
                1 => rng.below(1_000_000_000) as u32,
                // A leap second is second 59 with 1e9 or more nanoseconds.
                _ => 1_000_000_000 + rng.below(1_000_000_000) as u32,
            };
            let Some(at) = DateTime::from_timestamp(seconds, nanos) else {
                continue;
            };
            assert_eq!(
                format_utc(at),
                at.to_rfc3339_opts(SecondsFormat::Secs, true),
                "{seconds} {nanos}"
            );
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
    /// `days_from_civil`), the inverse [`civil_from_days`] is checked against.
    fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
        let year = if month <= 2 { year - 1 } else { year };
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(month);
        let day_of_year =
            (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// Serialising writes the canonical text, through chrono for years
    /// beyond 9999.
    #[test]
    fn serialize_adapter_writes_canonical_text() {
        #[derive(serde::Serialize)]
        struct Required {
            #[serde(with = "rfc3339")]
            at: DateTime<Utc>,
        }
        let at = parse_utc("2026-11-29T07:00:00Z").unwrap();
        assert_eq!(
            serde_json::to_string(&Required { at }).unwrap(),
            "{\"at\":\"2026-11-29T07:00:00Z\"}"
        );
        let far = DateTime::from_timestamp(300_000_000_000, 0).unwrap();
        assert_eq!(
            serde_json::to_value(Required { at: far }).unwrap()["at"],
            far.to_rfc3339_opts(SecondsFormat::Secs, true)
        );
    }

    #[test]
    fn civil_day_arithmetic_round_trips() {
        for days in -800_000..800_000 {
            let (year, month, day) = civil_from_days(days);
            assert_eq!(days_from_civil(year, month, day), days);
        }
    }
}

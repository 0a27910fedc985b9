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
use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};

/// Parses an RFC 3339 timestamp into a whole-second UTC instant.
pub fn parse_utc(text: &str) -> Result<DateTime<Utc>, CoreError> {
    let parsed = DateTime::parse_from_rfc3339(text).map_err(|err| {
        CoreError::bad_request(format!(
            "invalid timestamp '{text}': {err} (expected RFC 3339, e.g. 2026-11-29T07:00:00Z)"
        ))
    })?;
    // `timestamp()` floors, so fractional seconds are dropped toward the past.
    DateTime::from_timestamp(parsed.timestamp(), 0)
        .ok_or_else(|| CoreError::bad_request(format!("timestamp '{text}' is out of range")))
}

/// Formats an instant as RFC 3339 UTC with `Z` and whole seconds.
pub fn format_utc(at: DateTime<Utc>) -> String {
    // Instants built by the core are whole seconds already; dropping the
    // fraction here keeps the output canonical even if one is not.
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
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
    use super::{format_utc, parse_utc};
    use chrono::{DateTime, Utc};
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_utc(&text).map_err(D::Error::custom)
    }

    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format_utc(*at))
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
}

//! Quiet hours: a daily window of local wall-clock time in the shop's
//! timezone during which automatic messages wait.
//!
//! - The window is `start`–`end` (`HH:MM`, 24-hour; `H:MM` and `24:00` for
//!   midnight are accepted), start inclusive, end exclusive, judged on the
//!   local wall clock. `start > end` crosses midnight (`22:00`–`08:00`).
//! - `start == end` is an empty window: nothing is ever deferred. (Reading it
//!   as "all day" would leave no end to move a message to.)
//! - Disabled, or an empty window → `send_at = now`, `deferred: false`; the
//!   timezone is then not even looked at, so a shop whose zone this build
//!   does not know still sends when quiet hours are off.
//! - Outside the window → `send_at = now`, `deferred: false`.
//! - Inside → `send_at` is the window's end: the first instant after `now` at
//!   which the local clock reaches `end`. When `end` falls in a
//!   spring-forward gap that is the first instant after the gap; when it
//!   falls in a fall-back overlap, its first occurrence — unless `now` is
//!   already in the repeated hour past that first occurrence (the clock went
//!   back into the window), then the second. Should the instant after a gap
//!   itself read inside the window (a window that starts right after its own
//!   end), the message waits for the next end, so `send_at`'s wall time is
//!   never inside the window.

mod zone;

use zone::Reading;
pub use zone::Zone;

use crate::time::{self, format_utc};
use crate::CoreError;
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Deserializer};
use serde_json::{json, Value};

/// The window as configured. `null` reads as the default (disabled, empty
/// times); the times are only checked when the window is enabled.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct QuietWindow {
    #[serde(default, deserialize_with = "null_as_default")]
    pub enabled: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    pub start: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub end: String,
}

/// When to send, and whether quiet hours moved it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietDecision {
    pub send_at: DateTime<Utc>,
    pub deferred: bool,
}

/// Applies the window (module doc) to a message due at `now`.
pub fn schedule(
    now: DateTime<Utc>,
    timezone: &str,
    quiet: &QuietWindow,
) -> Result<QuietDecision, CoreError> {
    let send_now = QuietDecision {
        send_at: now,
        deferred: false,
    };
    if !quiet.enabled {
        return Ok(send_now);
    }
    let window = Window {
        start: wall_time(&quiet.start, "start")?,
        end: wall_time(&quiet.end, "end")?,
    };
    if window.start == window.end {
        return Ok(send_now);
    }
    let zone = Zone::parse(timezone)?;
    let wall = zone.wall(now);
    if !window.contains(wall.time()) {
        return Ok(send_now);
    }
    Ok(QuietDecision {
        send_at: window.exit_after(&zone, now, wall.date()),
        deferred: true,
    })
}

#[derive(Debug, Clone, Copy)]
struct Window {
    start: NaiveTime,
    end: NaiveTime,
}

impl Window {
    fn contains(self, wall: NaiveTime) -> bool {
        if self.start <= self.end {
            self.start <= wall && wall < self.end
        } else {
            wall >= self.start || wall < self.end
        }
    }

    /// The first instant after `inside` (an instant whose wall time is in the
    /// window; `inside_date` is its local date) at which the clock reaches
    /// `end` and reads outside the window.
    fn exit_after(
        self,
        zone: &Zone,
        inside: DateTime<Utc>,
        inside_date: NaiveDate,
    ) -> DateTime<Utc> {
        let (mut from, mut date) = (inside, inside_date);
        // One step normally; a second only when the instant after a gap reads
        // inside the window again, and offsets never change on two
        // consecutive days, so the third step always ends the loop.
        for _ in 0..3 {
            let Some((next_end, reading)) = self.next_end_after(zone, from, date) else {
                break;
            };
            // Where the clock reads `end` (once, or either time in an
            // overlap), the wall time is `end`, never inside the window;
            // only the instant after a gap needs looking at.
            if !matches!(reading, Reading::Skipped(_)) {
                return next_end;
            }
            let wall = zone.wall(next_end);
            if !self.contains(wall.time()) {
                return next_end;
            }
            (from, date) = (next_end, wall.date());
        }
        from
    }

    /// The earliest instant after `from` (whose local date is `date`) at
    /// which the local clock reaches `end`, and the reading it came from.
    ///
    /// The candidates lie on the local dates `date - 1` … `date + 2`, and
    /// each date's instants all come before the next date's (they are a day
    /// of wall time apart, and offsets differ by far less than a day). So the
    /// dates are tried in order and the first instant after `from` is the
    /// earliest; `date - 1` is looked up only when `date`'s first instant is
    /// after `from` (otherwise all of its instants are not), and the later
    /// dates only when nothing earlier qualifies.
    fn next_end_after(
        self,
        zone: &Zone,
        from: DateTime<Utc>,
        date: NaiveDate,
    ) -> Option<(DateTime<Utc>, Reading)> {
        let first_after = |reading: Reading| {
            reading
                .instants()
                .find(|at| *at > from)
                .map(|at| (at, reading))
        };
        let reading_on = |date: NaiveDate| zone.reading(date.and_time(self.end));
        let on_date = reading_on(date);
        if on_date.instants().next().is_some_and(|first| first > from) {
            let before = date.checked_sub_days(Days::new(1));
            if let Some(found) = before.and_then(|before| first_after(reading_on(before))) {
                return Some(found);
            }
        }
        first_after(on_date).or_else(|| {
            [
                date.checked_add_days(Days::new(1)),
                date.checked_add_days(Days::new(2)),
            ]
            .into_iter()
            .flatten()
            .find_map(|date| first_after(reading_on(date)))
        })
    }
}

/// `HH:MM` (or `H:MM`; `24:00` is midnight) → a wall time.
fn wall_time(text: &str, which: &str) -> Result<NaiveTime, CoreError> {
    let invalid = || {
        CoreError::bad_request(format!(
            "quiet hours {which} '{text}' is not a time HH:MM (00:00–23:59)"
        ))
    };
    let (hours, minutes) = match *text.as_bytes() {
        [h, b':', m1, m2] => (digits(&[h]), digits(&[m1, m2])),
        [h1, h2, b':', m1, m2] => (digits(&[h1, h2]), digits(&[m1, m2])),
        _ => (None, None),
    };
    match (hours, minutes) {
        (Some(24), Some(0)) => Ok(NaiveTime::MIN),
        (Some(hours), Some(minutes)) => {
            NaiveTime::from_hms_opt(hours, minutes, 0).ok_or_else(invalid)
        }
        _ => Err(invalid()),
    }
}

/// The number ASCII digits spell, `None` if one is not a digit.
fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0, |value, byte| {
        byte.is_ascii_digit()
            .then(|| value * 10 + u32::from(byte - b'0'))
    })
}

fn null_as_default<'de, D: Deserializer<'de>, T: Default + Deserialize<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[derive(Deserialize)]
struct QuietInput {
    #[serde(with = "time::rfc3339")]
    now: DateTime<Utc>,
    #[serde(default)]
    timezone: Option<String>,
    quiet: QuietWindow,
}

/// `quiet_hours`: `{now, timezone, quiet:{enabled,start,end}}` →
/// `{send_at, deferred}`. A missing timezone is UTC, as in `plan`.
#[inline(never)] // see `dispatch` in lib.rs
pub(crate) fn op(input: Value) -> Result<Value, CoreError> {
    let input: QuietInput = serde_json::from_value(input)?;
    let decision = schedule(
        input.now,
        input.timezone.as_deref().unwrap_or("UTC"),
        &input.quiet,
    )?;
    Ok(json!({ "send_at": format_utc(decision.send_at), "deferred": decision.deferred }))
}

#[cfg(test)]
mod tests;

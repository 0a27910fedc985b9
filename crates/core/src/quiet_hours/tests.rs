use super::*;
use crate::test_support::Rng;
use crate::time::parse_utc;
use chrono::TimeDelta;

fn window(start: &str, end: &str) -> QuietWindow {
    QuietWindow {
        enabled: true,
        start: start.into(),
        end: end.into(),
    }
}

/// `(send_at, deferred)` for a window in a zone at `now`.
fn run(now: &str, timezone: &str, start: &str, end: &str) -> (String, bool) {
    let decision = schedule(parse_utc(now).unwrap(), timezone, &window(start, end)).unwrap();
    (format_utc(decision.send_at), decision.deferred)
}

fn sent_now(now: &str) -> (String, bool) {
    (now.to_owned(), false)
}

fn deferred_to(at: &str) -> (String, bool) {
    (at.to_owned(), true)
}

#[test]
fn disabled_or_empty_windows_send_now() {
    let now = parse_utc("2026-11-28T23:00:00Z").unwrap();
    let disabled = QuietWindow {
        enabled: false,
        start: "00:00".into(),
        end: "23:59".into(),
    };
    assert_eq!(
        schedule(now, "Mars/Olympus", &disabled).unwrap(),
        QuietDecision {
            send_at: now,
            deferred: false
        }
    );
    assert!(
        !schedule(now, "Mars/Olympus", &QuietWindow::default())
            .unwrap()
            .deferred
    );
    assert_eq!(
        run("2026-11-28T23:00:00Z", "Europe/Athens", "22:00", "22:00"),
        sent_now("2026-11-28T23:00:00Z")
    );
}

#[test]
fn a_window_within_one_day() {
    // Athens in November is UTC+2: 13:00–15:00 local is 11:00Z–13:00Z.
    assert_eq!(
        run("2026-11-28T10:59:59Z", "Europe/Athens", "13:00", "15:00"),
        sent_now("2026-11-28T10:59:59Z")
    );
    assert_eq!(
        run("2026-11-28T11:00:00Z", "Europe/Athens", "13:00", "15:00"),
        deferred_to("2026-11-28T13:00:00Z"),
        "start is inclusive"
    );
    assert_eq!(
        run("2026-11-28T12:30:00Z", "Europe/Athens", "13:00", "15:00"),
        deferred_to("2026-11-28T13:00:00Z")
    );
    assert_eq!(
        run("2026-11-28T13:00:00Z", "Europe/Athens", "13:00", "15:00"),
        sent_now("2026-11-28T13:00:00Z"),
        "end is exclusive"
    );
}

#[test]
fn a_window_crossing_midnight() {
    let night = |now| run(now, "Europe/Athens", "22:00", "08:00");
    assert_eq!(
        night("2026-11-28T19:59:59Z"),
        sent_now("2026-11-28T19:59:59Z")
    );
    assert_eq!(
        night("2026-11-28T20:00:00Z"),
        deferred_to("2026-11-29T06:00:00Z"),
        "start is inclusive"
    );
    assert_eq!(
        night("2026-11-28T21:30:00Z"),
        deferred_to("2026-11-29T06:00:00Z")
    );
    assert_eq!(
        night("2026-11-29T03:00:00Z"),
        deferred_to("2026-11-29T06:00:00Z")
    );
    assert_eq!(
        night("2026-11-29T06:00:00Z"),
        sent_now("2026-11-29T06:00:00Z")
    );
    assert_eq!(
        run("2026-11-28T21:30:00Z", "Europe/Athens", "22:00", "24:00"),
        deferred_to("2026-11-28T22:00:00Z")
    );
}

#[test]
fn spring_forward_end_in_the_gap_is_the_first_instant_after_it() {
    // 2026-03-29, Athens: 03:00 EET (UTC+2) jumps to 04:00 EEST (UTC+3) at 01:00Z.
    assert_eq!(
        run("2026-03-29T00:30:00Z", "Europe/Athens", "01:00", "03:30"),
        deferred_to("2026-03-29T01:00:00Z")
    );
    assert_eq!(
        run("2026-03-28T21:00:00Z", "Europe/Athens", "22:00", "03:00"),
        deferred_to("2026-03-29T01:00:00Z")
    );
    // The night shrinks by an hour when the end is after the gap.
    assert_eq!(
        run("2026-03-28T21:00:00Z", "Europe/Athens", "22:00", "08:00"),
        deferred_to("2026-03-29T05:00:00Z")
    );
    // Nicosia follows the EU rule too; London jumps 01:00 GMT → 02:00 BST.
    assert_eq!(
        run("2026-03-29T00:30:00Z", "Asia/Nicosia", "01:00", "03:15"),
        deferred_to("2026-03-29T01:00:00Z")
    );
    assert_eq!(
        run("2026-03-29T00:45:00Z", "Europe/London", "00:00", "01:30"),
        deferred_to("2026-03-29T01:00:00Z")
    );
}

#[test]
fn a_window_that_reopens_right_after_the_gap_waits_for_the_next_end() {
    // 03:45–03:30: at 01:00Z the clock reads 04:00, already inside again.
    assert_eq!(
        run("2026-03-29T00:00:00Z", "Europe/Athens", "03:45", "03:30"),
        deferred_to("2026-03-30T00:30:00Z")
    );
}

#[test]
fn fall_back_end_in_the_overlap_is_its_first_occurrence() {
    // 2026-10-25, Athens: 04:00 EEST (UTC+3) falls back to 03:00 EET (UTC+2) at 01:00Z.
    assert_eq!(
        run("2026-10-24T21:00:00Z", "Europe/Athens", "22:00", "03:30"),
        deferred_to("2026-10-25T00:30:00Z")
    );
    // Past the first 03:30, the clock goes back into the window: wait for the second.
    assert_eq!(
        run("2026-10-25T00:45:00Z", "Europe/Athens", "01:00", "03:30"),
        sent_now("2026-10-25T00:45:00Z")
    );
    assert_eq!(
        run("2026-10-25T01:10:00Z", "Europe/Athens", "01:00", "03:30"),
        deferred_to("2026-10-25T01:30:00Z")
    );
    // The night grows by an hour when the end is after the overlap.
    assert_eq!(
        run("2026-10-24T21:00:00Z", "Europe/Athens", "22:00", "08:00"),
        deferred_to("2026-10-25T06:00:00Z")
    );
}

#[test]
fn fixed_offsets_and_utc() {
    assert_eq!(
        run("2026-03-29T00:30:00Z", "+02:00", "01:00", "03:30"),
        deferred_to("2026-03-29T01:30:00Z")
    );
    assert_eq!(
        run("2026-07-01T23:00:00Z", "UTC", "22:00", "07:00"),
        deferred_to("2026-07-02T07:00:00Z")
    );
    assert_eq!(
        run("2026-07-01T23:00:00Z", "UTC-05:00", "22:00", "07:00"),
        sent_now("2026-07-01T23:00:00Z")
    );
}

#[test]
fn bad_configuration_is_an_error_when_it_matters() {
    let now = parse_utc("2026-11-28T23:00:00Z").unwrap();
    let err = schedule(now, "America/New_York", &window("22:00", "08:00")).unwrap_err();
    assert_eq!(err.code(), "unknown_timezone");
    for (start, end) in [
        ("25:00", "08:00"),
        ("22:00", "8"),
        ("7pm", "08:00"),
        ("22:00", ""),
        ("22:0", "08:00"),
        ("-1:00", "08:00"),
        ("24:01", "08:00"),
    ] {
        let err = schedule(now, "UTC", &window(start, end)).unwrap_err();
        assert_eq!(err.code(), "bad_request", "{start}-{end}");
    }
    assert_eq!(
        run("2026-11-28T23:00:00Z", "UTC", "9:00", "17:00"),
        sent_now("2026-11-28T23:00:00Z")
    );
}

#[test]
fn op_shapes() {
    let input = serde_json::json!({"now": "2026-11-28T21:30:00Z", "timezone": "Europe/Athens", "quiet": {"enabled": true, "start": "22:00", "end": "08:00"}});
    assert_eq!(
        op(input).unwrap(),
        serde_json::json!({"send_at": "2026-11-29T06:00:00Z", "deferred": true})
    );
    let nulls = serde_json::json!({"now": "2026-11-28T21:30:00.5+01:00", "timezone": null, "quiet": {"enabled": null, "start": null}});
    assert_eq!(
        op(nulls).unwrap(),
        serde_json::json!({"send_at": "2026-11-28T20:30:00Z", "deferred": false})
    );
    assert_eq!(
        op(serde_json::json!({"now": "2026-11-28T21:30:00Z"}))
            .unwrap_err()
            .code(),
        "bad_request"
    );
    assert_eq!(
        op(serde_json::json!({"now": "yesterday", "quiet": {}}))
            .unwrap_err()
            .code(),
        "bad_request"
    );
}

const ZONES: [&str; 12] = [
    "Europe/Athens",
    "Europe/London",
    "Asia/Nicosia",
    "Europe/Lisbon",
    "Europe/Moscow",
    "Europe/Dublin",
    "Europe/Chisinau",
    "Europe/Minsk",
    "Asia/Famagusta",
    "UTC",
    "+02:00",
    "-03:30",
];

/// A random `HH:MM`, half the time in the small hours where DST happens.
fn random_clock(rng: &mut Rng) -> String {
    let hour = if rng.chance(50) {
        rng.below(6)
    } else {
        rng.below(24)
    };
    let minute = if rng.chance(50) {
        15 * rng.below(4)
    } else {
        rng.below(60)
    };
    format!("{hour:02}:{minute:02}")
}

/// Schedules and checks the invariants: `send_at >= now`; its wall time is
/// never inside the window; `deferred` exactly when `now`'s wall time is
/// inside; a deferred `send_at` is where the clock reads `end` or jumps, less
/// than two days away; otherwise it is `now`. Returns `deferred`.
fn check_invariants(zone_name: &str, now: DateTime<Utc>, quiet: &QuietWindow) -> bool {
    let zone = Zone::parse(zone_name).unwrap();
    let decision = schedule(now, zone_name, quiet).unwrap();
    let bounds = Window {
        start: wall_time(&quiet.start, "start").unwrap(),
        end: wall_time(&quiet.end, "end").unwrap(),
    };
    let case = format!(
        "{zone_name} {}–{} at {}",
        quiet.start,
        quiet.end,
        format_utc(now)
    );
    let empty = bounds.start == bounds.end;
    assert!(decision.send_at >= now, "{case}");
    assert_eq!(
        decision.deferred,
        !empty && bounds.contains(zone.wall(now).time()),
        "{case}"
    );
    assert!(
        empty || !bounds.contains(zone.wall(decision.send_at).time()),
        "{case}"
    );
    if !decision.deferred {
        assert_eq!(decision.send_at, now, "{case}");
        return false;
    }
    let at = decision.send_at;
    let wall = zone.wall(at);
    let jumped = zone.wall(at - TimeDelta::seconds(1)) + TimeDelta::seconds(1) != wall;
    assert!(
        wall.time() == bounds.end || jumped,
        "{case}: send_at {}",
        format_utc(at)
    );
    assert!(at - now < TimeDelta::hours(48), "{case}");
    true
}

/// Random instants (half of them on this decade's DST days, some back to
/// 1970), zones and windows.
#[test]
fn property_send_at_is_never_inside_the_window() {
    let dst_days = [
        "2026-03-29T00:00:00Z",
        "2026-10-25T00:00:00Z",
        "2027-03-28T00:00:00Z",
        "2027-10-31T00:00:00Z",
    ];
    let mut rng = Rng::new(0x0_5EED_0003);
    let mut deferred = 0;
    for _ in 0..20_000 {
        let zone_name = *rng.pick(&ZONES).unwrap();
        let base = match rng.below(4) {
            0 | 1 => parse_utc(rng.pick(&dst_days).unwrap()).unwrap() - TimeDelta::hours(12),
            2 => {
                parse_utc("2026-01-01T00:00:00Z").unwrap() + TimeDelta::days(rng.below(730) as i64)
            }
            _ => {
                parse_utc("1970-01-01T00:00:00Z").unwrap()
                    + TimeDelta::days(rng.below(25_000) as i64)
            }
        };
        let now = base + TimeDelta::seconds(rng.below(36 * 3600) as i64);
        let quiet = window(&random_clock(&mut rng), &random_clock(&mut rng));
        deferred += usize::from(check_invariants(zone_name, now, &quiet));
    }
    assert!(
        deferred > 2000,
        "the generator should defer often ({deferred})"
    );
}

/// Every offset change of the named zones from 1970 to 2037 — DST, and the
/// one-off moves (Moscow and Minsk 2011, Famagusta 2016–2017, …) — with
/// random windows and instants around it.
#[test]
fn property_holds_around_every_offset_change_since_1970() {
    let mut rng = Rng::new(0x0_5EED_0006);
    let first_day = parse_utc("1970-01-01T00:00:00Z").unwrap();
    let mut changes = 0;
    for zone_name in ZONES.iter().filter(|name| name.contains('/')) {
        let zone = Zone::parse(zone_name).unwrap();
        let offset_at = |at: DateTime<Utc>| zone.wall(at) - at.naive_utc();
        for day in 0..24_837 {
            let start = first_day + TimeDelta::days(day);
            let end = start + TimeDelta::days(1);
            if offset_at(start) == offset_at(end) {
                continue;
            }
            changes += 1;
            for _ in 0..8 {
                let now =
                    start - TimeDelta::hours(6) + TimeDelta::seconds(rng.below(36 * 3600) as i64);
                let quiet = window(&random_clock(&mut rng), &random_clock(&mut rng));
                check_invariants(zone_name, now, &quiet);
            }
        }
    }
    assert!(changes > 500, "offset changes found: {changes}");
}

/// The scheduler as it was: all four candidate dates looked up, the minimum
/// taken, every candidate's wall time checked, `HH:MM` read by string splits.
/// The reference the faster `schedule` must agree with.
fn reference_schedule(
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
        start: reference_wall_time(&quiet.start, "start")?,
        end: reference_wall_time(&quiet.end, "end")?,
    };
    if window.start == window.end {
        return Ok(send_now);
    }
    let zone = Zone::parse(timezone)?;
    if !window.contains(zone.wall(now).time()) {
        return Ok(send_now);
    }
    let next_end_after = |from: DateTime<Utc>| {
        let date = zone.wall(from).date();
        [
            date.checked_sub_days(Days::new(1)),
            Some(date),
            date.checked_add_days(Days::new(1)),
            date.checked_add_days(Days::new(2)),
        ]
        .into_iter()
        .flatten()
        .flat_map(|date| zone.reading(date.and_time(window.end)).instants())
        .filter(|at| *at > from)
        .min()
    };
    let mut from = now;
    for _ in 0..3 {
        let Some(next_end) = next_end_after(from) else {
            break;
        };
        if !window.contains(zone.wall(next_end).time()) {
            return Ok(QuietDecision {
                send_at: next_end,
                deferred: true,
            });
        }
        from = next_end;
    }
    Ok(QuietDecision {
        send_at: from,
        deferred: true,
    })
}

fn reference_wall_time(text: &str, which: &str) -> Result<NaiveTime, CoreError> {
    let invalid = || {
        CoreError::bad_request(format!(
            "quiet hours {which} '{text}' is not a time HH:MM (00:00–23:59)"
        ))
    };
    let (hours, minutes) = text.split_once(':').ok_or_else(invalid)?;
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !(1..=2).contains(&hours.len())
        || minutes.len() != 2
        || !all_digits(hours)
        || !all_digits(minutes)
    {
        return Err(invalid());
    }
    let (hours, minutes): (u32, u32) = (
        hours.parse().map_err(|_| invalid())?,
        minutes.parse().map_err(|_| invalid())?,
    );
    match (hours, minutes) {
        (24, 0) => Ok(NaiveTime::MIN),
        _ => NaiveTime::from_hms_opt(hours, minutes, 0).ok_or_else(invalid),
    }
}

/// `HH:MM` texts near the accepted form (one or two hour digits, 24:00,
/// out-of-range fields, extra colons, signs, non-ASCII) read as the
/// reference reads them, errors included.
#[test]
fn property_wall_time_agrees_with_the_reference() {
    let pieces = [
        "0", "1", "2", "4", "9", "00", "23", "24", "59", "60", ":", "+", " ", "a", "٣", "Ω",
    ];
    let mut rng = Rng::new(0x0_5EED_000B);
    for _ in 0..30_000 {
        let count = 1 + rng.below(4);
        let text: String = (0..count)
            .map(|_| *rng.pick(&pieces).unwrap_or(&""))
            .collect();
        assert_eq!(
            wall_time(&text, "end"),
            reference_wall_time(&text, "end"),
            "{text:?}"
        );
    }
}

/// Around every offset change from 1970 to 2037 of every zone this build
/// knows, with random windows and with windows ending right at the change
/// (so the end falls in gaps and overlaps, also ones across midnight), and
/// at random instants of every zone, the scheduler decides exactly as the
/// reference does.
#[test]
fn property_schedule_agrees_with_the_reference() {
    let mut rng = Rng::new(0x0_5EED_000C);
    let first_day = parse_utc("1970-01-01T00:00:00Z").unwrap();
    let mut compared = 0;
    let mut check = |zone_name: &str, now: DateTime<Utc>, quiet: &QuietWindow| {
        assert_eq!(
            schedule(now, zone_name, quiet),
            reference_schedule(now, zone_name, quiet),
            "{zone_name} {}–{} at {}",
            quiet.start,
            quiet.end,
            format_utc(now)
        );
        compared += 1;
    };
    for tz in chrono_tz::TZ_VARIANTS {
        let zone_name = tz.name();
        let zone = Zone::parse(zone_name).unwrap();
        let offset_at = |at: DateTime<Utc>| zone.wall(at) - at.naive_utc();
        for _ in 0..40 {
            let now = first_day + TimeDelta::seconds(rng.below(2_200_000_000) as i64);
            let quiet = window(&random_clock(&mut rng), &random_clock(&mut rng));
            check(zone_name, now, &quiet);
        }
        for day in 0..24_837 {
            let start = first_day + TimeDelta::days(day);
            let (before, after) = (offset_at(start), offset_at(start + TimeDelta::days(1)));
            if before == after {
                continue;
            }
            // The change itself, to the second.
            let (mut low, mut high) = (start, start + TimeDelta::days(1));
            while high - low > TimeDelta::seconds(1) {
                let middle = low + (high - low) / 2;
                if offset_at(middle) == before {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            let wall_before = zone.wall(low).time();
            for _ in 0..4 {
                let now =
                    high - TimeDelta::hours(2) + TimeDelta::seconds(rng.below(4 * 3600) as i64);
                let quiet = window(&random_clock(&mut rng), &random_clock(&mut rng));
                check(zone_name, now, &quiet);
                let end = wall_before + TimeDelta::minutes(rng.below(150) as i64 - 60);
                let start_time = end - TimeDelta::minutes(1 + rng.below(600) as i64);
                let quiet = window(
                    &start_time.format("%H:%M").to_string(),
                    &end.format("%H:%M").to_string(),
                );
                check(zone_name, now, &quiet);
            }
        }
    }
    assert!(compared > 10_000, "compared only {compared}");
}

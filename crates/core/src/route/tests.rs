use super::*;
use crate::time::{format_utc, parse_utc};
use chrono::TimeDelta;
use serde_json::json;

const NOW: &str = "2026-11-29T10:00:00Z";

/// `route` on `routing` and attempts `(channel, outcome, at)` at [`NOW`].
fn route(routing: &str, attempts: &[(&str, &str, &str)]) -> Value {
    route_with(json!({"routing": routing, "now": NOW, "attempts": to_json(attempts)}))
}

fn route_with(input: Value) -> Value {
    op(input).unwrap_or_else(|err| panic!("{err}"))
}

fn to_json(attempts: &[(&str, &str, &str)]) -> Value {
    attempts
        .iter()
        .map(|(channel, outcome, at)| json!({"channel": channel, "outcome": outcome, "at": at}))
        .collect()
}

fn send(channel: &str, at: &str) -> Value {
    json!({"action": "send", "channel": channel, "at": at})
}

#[test]
fn first_send_goes_out_now_on_the_first_channel() {
    assert_eq!(route("sms", &[]), send("sms", NOW));
    assert_eq!(route("viber", &[]), send("viber", NOW));
    assert_eq!(route("viber2sms", &[]), send("viber", NOW));
    assert_eq!(
        route_with(json!({"routing": "viber2sms", "now": NOW, "attempts": null, "policy": null})),
        send("viber", NOW)
    );
}

#[test]
fn sms_accepted_is_done_sent_and_statuses_refine_it() {
    assert_eq!(
        route("sms", &[("sms", "accepted", "2026-11-29T09:59:00Z")]),
        json!({"action": "done", "final": "sent"})
    );
    let delivered = [
        ("sms", "accepted", "2026-11-29T09:59:00Z"),
        ("sms", "delivered", "2026-11-29T09:59:30Z"),
    ];
    assert_eq!(
        route("sms", &delivered),
        json!({"action": "done", "final": "delivered"})
    );
    let failed = [
        ("sms", "accepted", "2026-11-29T09:59:00Z"),
        ("sms", "failed", "2026-11-29T09:59:30Z"),
    ];
    assert_eq!(
        route("sms", &failed),
        json!({"action": "give_up", "reason": "failed"})
    );
}

#[test]
fn viber_rejecting_the_recipient_falls_back_to_sms_at_once() {
    let rejected = [("viber", "rejected_channel", "2026-11-29T09:59:59Z")];
    assert_eq!(route("viber2sms", &rejected), send("sms", NOW));
    assert_eq!(
        route("viber", &rejected),
        json!({"action": "give_up", "reason": "rejected_channel"})
    );
}

#[test]
fn viber_accepted_awaits_a_status_until_the_fallback_timeout() {
    let accepted = [("viber", "accepted", "2026-11-29T09:55:00Z")];
    let waiting = json!({"action": "await_status", "until": "2026-11-29T10:05:00Z"});
    assert_eq!(route("viber2sms", &accepted), waiting);
    assert_eq!(route("viber", &accepted), waiting);
    let echo = [
        ("viber", "accepted", "2026-11-29T09:55:00Z"),
        ("viber", "accepted", "2026-11-29T09:56:00Z"),
    ];
    assert_eq!(
        route("viber2sms", &echo),
        waiting,
        "a later accepted is a status echo"
    );
    let exactly_due = [("viber", "accepted", "2026-11-29T09:50:00Z")];
    assert_eq!(
        route("viber2sms", &exactly_due),
        send("sms", NOW),
        "now >= until falls back"
    );
    assert_eq!(
        route("viber", &exactly_due),
        json!({"action": "done", "final": "sent"}),
        "no channel to fall back to"
    );
    let custom = json!({"routing": "viber2sms", "now": NOW, "attempts": to_json(&accepted), "policy": {"fallback_after_s": 60}});
    assert_eq!(route_with(custom), send("sms", NOW));
}

#[test]
fn viber_final_statuses() {
    for (status, expected) in [
        ("delivered", json!({"action": "done", "final": "delivered"})),
        ("read", json!({"action": "done", "final": "read"})),
    ] {
        let events = [
            ("viber", "accepted", "2026-11-29T09:00:00Z"),
            ("viber", status, "2026-11-29T09:01:00Z"),
        ];
        assert_eq!(route("viber2sms", &events), expected);
        assert_eq!(route("viber", &events), expected);
    }
    let both = [
        ("viber", "accepted", "2026-11-29T09:00:00Z"),
        ("viber", "read", "2026-11-29T09:02:00Z"),
        ("viber", "delivered", "2026-11-29T09:03:00Z"),
    ];
    assert_eq!(
        route("viber", &both),
        json!({"action": "done", "final": "read"})
    );
    for status in ["failed", "expired"] {
        let events = [
            ("viber", "accepted", "2026-11-29T09:58:00Z"),
            ("viber", status, "2026-11-29T09:59:00Z"),
        ];
        assert_eq!(route("viber2sms", &events), send("sms", NOW));
        assert_eq!(
            route("viber", &events),
            json!({"action": "give_up", "reason": status})
        );
    }
}

#[test]
fn a_late_viber_delivery_ends_the_fallback() {
    let events = [
        ("viber", "accepted", "2026-11-29T09:00:00Z"),
        ("sms", "transient", "2026-11-29T09:10:00Z"),
        ("viber", "delivered", "2026-11-29T09:11:00Z"),
    ];
    assert_eq!(
        route("viber2sms", &events),
        json!({"action": "done", "final": "delivered"})
    );
    let after_timeout = [
        ("viber", "accepted", "2026-11-29T09:00:00Z"),
        ("sms", "accepted", "2026-11-29T09:10:00Z"),
    ];
    assert_eq!(
        route("viber2sms", &after_timeout),
        json!({"action": "done", "final": "sent"})
    );
}

#[test]
fn transient_errors_back_off_then_fall_back() {
    let at = |minutes: i64| format_utc(parse_utc(NOW).unwrap() + TimeDelta::minutes(minutes));
    let just_now = at(0);
    let one = [("sms", "transient", just_now.as_str())];
    assert_eq!(route("sms", &one), send("sms", "2026-11-29T10:00:30Z"));
    let times: Vec<String> = (0..5).map(|_| just_now.clone()).collect();
    let steps = [
        "2026-11-29T10:00:30Z",
        "2026-11-29T10:02:00Z",
        "2026-11-29T10:10:00Z",
        "2026-11-29T10:30:00Z",
    ];
    for (tries, expected) in (1..=4).zip(steps) {
        let attempts: Vec<(&str, &str, &str)> = times
            .iter()
            .take(tries)
            .map(|t| ("viber", "transient", t.as_str()))
            .collect();
        assert_eq!(
            route("viber2sms", &attempts),
            send("viber", expected),
            "after {tries} tries"
        );
    }
    let five: Vec<(&str, &str, &str)> = times
        .iter()
        .map(|t| ("viber", "transient", t.as_str()))
        .collect();
    assert_eq!(
        route("viber2sms", &five),
        send("sms", NOW),
        "after the last try: sms"
    );
    assert_eq!(
        route("viber", &five),
        json!({"action": "give_up", "reason": "tries_exhausted"})
    );
    let sms_five: Vec<(&str, &str, &str)> = times
        .iter()
        .map(|t| ("sms", "transient", t.as_str()))
        .collect();
    assert_eq!(
        route("sms", &sms_five),
        json!({"action": "give_up", "reason": "tries_exhausted"})
    );
    let old = [("sms", "transient", "2026-11-29T08:00:00Z")];
    assert_eq!(
        route("sms", &old),
        send("sms", NOW),
        "a retry already due goes now, never in the past"
    );
}

#[test]
fn policy_overrides_and_backoff_runs_out_on_its_last_step() {
    let attempts = to_json(&[
        ("sms", "transient", NOW),
        ("sms", "transient", NOW),
        ("sms", "transient", NOW),
    ]);
    let input = json!({"routing": "sms", "now": NOW, "attempts": attempts, "policy": {"backoff_s": [5, 10], "max_tries": 4}});
    assert_eq!(route_with(input), send("sms", "2026-11-29T10:00:10Z"));
    let input = json!({"routing": "sms", "now": NOW, "attempts": attempts, "policy": {"max_tries": 3, "backoff_s": null}});
    assert_eq!(
        route_with(input),
        json!({"action": "give_up", "reason": "tries_exhausted"})
    );
    let input = json!({"routing": "viber2sms", "now": NOW, "policy": {"max_tries": 0}});
    assert_eq!(
        route_with(input),
        json!({"action": "give_up", "reason": "tries_exhausted"})
    );
    let input = json!({"routing": "sms", "now": NOW, "attempts": to_json(&[("sms", "transient", NOW)]), "policy": {"backoff_s": []}});
    assert_eq!(route_with(input), send("sms", NOW));
}

#[test]
fn throttled_honours_retry_after() {
    let throttled = |retry_after: Value| {
        let attempt = json!({"channel": "sms", "outcome": "throttled", "at": NOW, "retry_after": retry_after});
        route_with(json!({"routing": "sms", "now": NOW, "attempts": [attempt]}))
    };
    assert_eq!(throttled(json!(90)), send("sms", "2026-11-29T10:01:30Z"));
    assert_eq!(
        throttled(json!(5)),
        send("sms", "2026-11-29T10:00:05Z"),
        "the server's word replaces the backoff"
    );
    assert_eq!(throttled(json!(1.2)), send("sms", "2026-11-29T10:00:02Z"));
    assert_eq!(throttled(json!(null)), send("sms", "2026-11-29T10:00:30Z"));
    assert_eq!(throttled(json!(-4)), send("sms", NOW));
    let transient = json!({"channel": "sms", "outcome": "transient", "at": NOW, "retry_after": 5});
    assert_eq!(
        route_with(json!({"routing": "sms", "now": NOW, "attempts": [transient]})),
        send("sms", "2026-11-29T10:00:30Z")
    );
    let transient =
        json!({"channel": "sms", "outcome": "transient", "at": NOW, "retry_after": 300});
    assert_eq!(
        route_with(json!({"routing": "sms", "now": NOW, "attempts": [transient]})),
        send("sms", "2026-11-29T10:05:00Z")
    );
}

#[test]
fn account_problems_hold_until_resumed() {
    for reason in ["unauthorized", "no_balance"] {
        let attempts = [
            ("viber", "transient", "2026-11-29T09:00:00Z"),
            ("viber", reason, "2026-11-29T09:01:00Z"),
        ];
        assert_eq!(
            route("viber2sms", &attempts),
            json!({"action": "hold", "reason": reason})
        );
        let resumed = json!({"routing": "viber2sms", "now": NOW, "attempts": to_json(&attempts), "resumed_at": "2026-11-29T09:30:00Z"});
        assert_eq!(
            route_with(resumed),
            send("viber", NOW),
            "cleared hold: retry; it was not a try"
        );
        let early = json!({"routing": "viber2sms", "now": NOW, "attempts": to_json(&attempts), "resumed_at": "2026-11-29T09:00:30Z"});
        assert_eq!(
            route_with(early)["action"],
            "hold",
            "a hold after the resume still holds"
        );
    }
}

#[test]
fn invalid_gives_up_whatever_the_routing() {
    for routing in ["sms", "viber", "viber2sms"] {
        let channel = if routing == "sms" { "sms" } else { "viber" };
        assert_eq!(
            route(routing, &[(channel, "invalid", NOW)]),
            json!({"action": "give_up", "reason": "invalid"})
        );
    }
}

#[test]
fn attempts_on_channels_the_routing_excludes_and_unknown_fields_are_ignored() {
    let input = json!({"routing": "sms", "now": NOW, "attempts": [
        {"channel": "viber", "outcome": "invalid", "at": NOW},
        {"channel": "sms", "outcome": "transient", "at": NOW, "http_status": 503, "provider_id": "p-1", "error": "busy"}
    ]});
    assert_eq!(route_with(input), send("sms", "2026-11-29T10:00:30Z"));
}

#[test]
fn malformed_input_is_a_bad_request() {
    for input in [
        json!({"now": NOW}),
        json!({"routing": "carrier_pigeon", "now": NOW}),
        json!({"routing": "sms", "now": "10:00"}),
        json!({"routing": "sms", "now": NOW, "attempts": [{"channel": "fax", "outcome": "accepted", "at": NOW}]}),
        json!({"routing": "sms", "now": NOW, "attempts": [{"channel": "sms", "outcome": "lost", "at": NOW}]}),
        json!({"routing": "sms", "now": NOW, "attempts": [{"channel": "sms", "outcome": "accepted"}]}),
        json!({"routing": "sms", "now": NOW, "policy": {"max_tries": -1}}),
        json!([]),
    ] {
        assert_eq!(
            op(input.clone()).unwrap_err().code(),
            "bad_request",
            "{input}"
        );
    }
}

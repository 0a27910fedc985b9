use super::*;
use crate::test_support::Rng;
use serde_json::json;

fn base() -> Value {
    json!({
        "kind": "order_status",
        "now": "2026-11-28T10:00:00Z",
        "settings": {
            "routing": "viber2sms", "timezone": "Europe/Athens", "default_country": "GR",
            "quiet_hours": {"enabled": false, "start": "22:00", "end": "08:00"},
            "consent": {"enabled": true}, "gsm7_transliterate": false
        },
        "recipient": {"phone": "691 234 5678", "country": "GR", "opted_out": false,
                      "consent": {"order_updates": true, "marketing": false}},
        "template": "Order {order_number}: {order_status|updated}",
        "context": "order",
        "vars": {"order_number": "1042", "order_status": "completed"}
    })
}

fn with(mut input: Value, pointer: &str, value: Value) -> Value {
    if let Some(slot) = input.pointer_mut(pointer) {
        *slot = value;
    }
    input
}

fn run(input: Value) -> Value {
    op(input).unwrap_or_else(|err| err.to_json())
}

#[test]
fn sends_now_on_every_channel_of_the_routing() {
    let out = run(base());
    assert_eq!(out["action"], "send");
    assert_eq!(out["to"], "+306912345678");
    assert_eq!(out["text"], "Order 1042: completed");
    assert_eq!(out["sms_text"], "Order 1042: completed");
    assert_eq!(out["encoding"], "gsm7");
    assert_eq!(out["segments"], 1);
    assert_eq!(out["channels"], json!(["viber", "sms"]));
    assert_eq!(out["send_at"], "2026-11-28T10:00:00Z");
    assert_eq!(out["deferred"], false);
    assert!(out.get("reason").is_none());
    for (routing, channels) in [("sms", json!(["sms"])), ("viber", json!(["viber"]))] {
        assert_eq!(
            run(with(base(), "/settings/routing", json!(routing)))["channels"],
            channels
        );
    }
}

#[test]
fn checks_run_in_order_and_the_first_failure_names_the_skip() {
    let broken_everything = with(
        with(
            with(base(), "/recipient/phone", json!("12")),
            "/recipient/opted_out",
            json!(true),
        ),
        "/template",
        json!("{nope}"),
    );
    assert_eq!(run(broken_everything.clone())["reason"], "invalid_phone");
    let opted_out = with(broken_everything, "/recipient/phone", json!("6912345678"));
    assert_eq!(run(opted_out.clone())["reason"], "opted_out");
    let bad_template = with(opted_out, "/recipient/opted_out", json!(false));
    let out = run(bad_template);
    assert_eq!(out["reason"], "template_error");
    assert_eq!(out["action"], "skip");
    assert_eq!(out["to"], "+306912345678");
    assert_eq!(out["channels"], json!([]));
    let empty = with(
        with(base(), "/template", json!("{tracking_number}  ")),
        "/vars",
        json!({}),
    );
    assert_eq!(run(empty)["reason"], "empty_text");
}

#[test]
fn consent_rules_inside_plan() {
    let no_updates = with(base(), "/recipient/consent/order_updates", json!(false));
    assert_eq!(run(no_updates.clone())["reason"], "no_consent");
    assert_eq!(
        run(with(no_updates, "/settings/consent/enabled", json!(false)))["action"],
        "send"
    );
    let opted_out_test = with(
        with(base(), "/recipient/opted_out", json!(true)),
        "/kind",
        json!("test"),
    );
    assert_eq!(run(opted_out_test)["action"], "send");
    let bulk = with(
        with(base(), "/kind", json!("bulk")),
        "/context",
        json!("order"),
    );
    assert_eq!(run(bulk.clone())["reason"], "no_consent");
    let mut everyone = bulk;
    if let Some(settings) = everyone["settings"].as_object_mut() {
        settings.insert("audience".into(), json!("all_not_opted_out"));
    }
    assert_eq!(run(everyone)["action"], "send");
}

#[test]
fn transliterated_sms_text_and_viber_text() {
    let input = with(
        with(base(), "/template", json!("Γεια σου {first_name}!")),
        "/vars",
        json!({"first_name": "Μαρία"}),
    );
    let input = with(input, "/settings/gsm7_transliterate", json!(true));
    let out = run(input);
    assert_eq!(out["text"], "Γεια σου Μαρία!");
    assert_eq!(out["sms_text"], "ΓEIA ΣOY MAPIA!");
    assert_eq!(out["encoding"], "gsm7");
}

#[test]
fn viber_length_limit() {
    let long = "x".repeat(VIBER_MAX_CHARS + 1);
    let input = with(base(), "/template", json!(long));
    let out = run(with(input.clone(), "/settings/routing", json!("viber")));
    assert_eq!(
        (out["action"].as_str(), out["reason"].as_str()),
        (Some("skip"), Some("text_too_long"))
    );
    let out = run(input);
    assert_eq!(out["channels"], json!(["sms"]));
    assert_eq!(out["segments"], 7);
    let exactly = with(
        with(base(), "/template", json!("ω".repeat(VIBER_MAX_CHARS))),
        "/settings/routing",
        json!("viber"),
    );
    assert_eq!(run(exactly)["action"], "send");
}

#[test]
fn quiet_hours_defer_only_the_listed_kinds() {
    let night = with(
        with(base(), "/now", json!("2026-11-28T21:30:00Z")),
        "/settings/quiet_hours/enabled",
        json!(true),
    );
    let out = run(night.clone());
    assert_eq!(
        (out["send_at"].as_str(), out["deferred"].as_bool()),
        (Some("2026-11-29T06:00:00Z"), Some(true))
    );
    let manual = with(night.clone(), "/kind", json!("manual"));
    assert_eq!(run(manual)["deferred"], false);
    let mut manual_listed = with(night, "/kind", json!("manual"));
    if let Some(quiet) = manual_listed["settings"]["quiet_hours"].as_object_mut() {
        quiet.insert("applies_to".into(), json!(["manual"]));
    }
    assert_eq!(run(manual_listed)["send_at"], "2026-11-29T06:00:00Z");
}

#[test]
fn context_defaults_follow_the_kind() {
    let product = with(
        with(base(), "/kind", json!("back_in_stock")),
        "/template",
        json!("{product_name} is back"),
    );
    let mut product = product;
    if let Some(fields) = product.as_object_mut() {
        fields.remove("context");
        fields.insert("vars".into(), json!({"product_name": "Mug"}));
    }
    assert_eq!(run(product.clone())["text"], "Mug is back");
    assert_eq!(
        run(with(product.clone(), "/kind", json!("order_status")))["reason"],
        "template_error"
    );
    assert_eq!(
        run(with(product, "/kind", json!("manual")))["text"],
        "Mug is back"
    );
}

#[test]
fn malformed_input_is_an_error_not_a_skip() {
    for (pointer, value) in [
        ("/kind", json!("sms_blast")),
        ("/now", json!("yesterday")),
        ("/settings/routing", json!("pigeon")),
        ("/context", json!("shop")),
    ] {
        let out = run(with(base(), pointer, value));
        assert_eq!(out["error"]["code"], "bad_request", "{pointer}");
    }
}

#[test]
fn batch_merges_items_over_common_and_isolates_failures() {
    let items = json!([
        {"recipient": {"phone": "6987654321"}},
        {"vars": {"order_number": "7"}, "settings": {"routing": "sms"}},
        {"now": "not a time"},
        "not an object",
        {"recipient": {"opted_out": true}}
    ]);
    let out = batch_op(json!({"common": base(), "items": items})).unwrap();
    let outs = out.as_array().cloned().unwrap_or_default();
    assert_eq!(outs.len(), 5);
    assert_eq!(outs[0]["to"], "+306987654321");
    assert_eq!(
        outs[0]["action"], "send",
        "recipient merged one level keeps consent"
    );
    assert_eq!(
        outs[1]["text"], "Order 7: completed",
        "vars merged key by key"
    );
    assert_eq!(outs[1]["channels"], json!(["sms"]));
    assert_eq!(outs[2]["error"]["code"], "bad_request");
    assert_eq!(outs[3]["error"]["code"], "bad_request");
    assert_eq!(outs[4]["reason"], "opted_out");
    assert_eq!(
        batch_op(json!({"items": {}})).unwrap_err().code(),
        "bad_request"
    );
    assert_eq!(batch_op(json!({"items": []})).unwrap(), json!([]));
}

#[test]
fn merge_is_one_level_deep() {
    let common = json!({"settings": {"quiet_hours": {"enabled": true, "start": "22:00"}, "routing": "sms"}, "kind": "bulk"});
    let item = json!({"settings": {"quiet_hours": {"enabled": false}}, "kind": "test"});
    let merged = merge(
        common.as_object().unwrap(),
        item.as_object().cloned().unwrap(),
    );
    assert_eq!(
        Value::Object(merged),
        json!({"settings": {"quiet_hours": {"enabled": false}, "routing": "sms"}, "kind": "test"})
    );
}

/// Random times, windows, kinds, phones and templates: plan always answers
/// with a well-formed send or skip, a send is never scheduled before `now`,
/// its channels come from the routing, and its counts describe `sms_text`.
#[test]
fn property_plan_never_panics_and_never_sends_in_the_past() {
    let mut rng = Rng::new(0x91A4);
    let kinds = ["order_status", "manual", "bulk", "back_in_stock", "test"];
    let zones = [
        "Europe/Athens",
        "Europe/London",
        "Asia/Nicosia",
        "UTC",
        "Europe/Lisbon",
        "+03:30",
    ];
    let phones = [
        "6912345678",
        "+357 96 123456",
        "0030 210 1234567",
        "12",
        "",
        "+44 7911 123456",
        "69x",
    ];
    let skip_reasons = [
        "invalid_phone",
        "opted_out",
        "no_consent",
        "template_error",
        "empty_text",
        "text_too_long",
    ];
    for _ in 0..1500 {
        let at = 1_700_000_000 + rng.below(200_000_000) as i64;
        let now = DateTime::<Utc>::from_timestamp(at, 0)
            .map(time::format_utc)
            .unwrap_or_default();
        let clock = |rng: &mut Rng| format!("{:02}:{:02}", rng.below(24), rng.below(60));
        let routing = *rng.pick(&["sms", "viber", "viber2sms"]).unwrap_or(&"sms");
        let transliterate = rng.chance(50);
        let body = if rng.chance(10) {
            "ω".repeat(990 + rng.below(20))
        } else {
            rng.any_string(20)
        };
        let input = json!({
            "kind": rng.pick(&kinds), "now": now,
            "settings": {
                "routing": routing, "timezone": rng.pick(&zones), "default_country": "GR",
                "quiet_hours": {"enabled": rng.chance(80), "start": clock(&mut rng), "end": clock(&mut rng)},
                "consent": {"enabled": rng.chance(50)}, "gsm7_transliterate": transliterate
            },
            "recipient": {"phone": rng.pick(&phones), "opted_out": rng.chance(10),
                          "consent": {"order_updates": rng.chance(70), "marketing": rng.chance(50)}},
            "template": format!("{body}{{first_name|φίλε}}{}", rng.string_from(&['{', '}', 'x'], 3)),
            "context": "customer",
            "vars": {"first_name": rng.any_string(8)}
        });
        let out = run(input.clone());
        let text = out["text"].as_str().unwrap_or_default();
        let sms_text = out["sms_text"].as_str().unwrap_or_default();
        let channels: Vec<&str> = out["channels"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        match out["action"].as_str() {
            Some("send") => {
                let send_at = out["send_at"]
                    .as_str()
                    .and_then(|s| time::parse_utc(s).ok());
                let now = time::parse_utc(&now).ok();
                assert!(send_at.is_some() && send_at >= now, "{input} → {out}");
                assert_eq!(out["deferred"].as_bool(), Some(send_at > now), "{out}");
                assert!(out["to"].as_str().is_some_and(|to| to.starts_with('+')));
                assert!(!channels.is_empty());
                assert!(
                    channels.iter().all(|c| routing.contains(c)),
                    "{routing}: {channels:?}"
                );
                if text.chars().count() > VIBER_MAX_CHARS {
                    assert!(!channels.contains(&"viber"));
                }
                let expected_sms = if transliterate {
                    greek_to_gsm7(text)
                } else {
                    text.to_owned()
                };
                assert_eq!(sms_text, expected_sms);
                let counted = segments::count(sms_text);
                assert_eq!(out["segments"], json!(counted.segments));
                assert_eq!(out["encoding"], json!(counted.encoding));
                assert!(counted.segments > 0);
            }
            Some("skip") => {
                let reason = out["reason"].as_str().unwrap_or_default();
                assert!(skip_reasons.contains(&reason), "{out}");
                assert!(channels.is_empty());
                assert_eq!(out["to"].is_null(), reason == "invalid_phone", "{out}");
                assert_eq!(out["deferred"], json!(false));
            }
            _ => panic!("{input} → {out}"),
        }
    }
}

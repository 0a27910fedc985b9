use super::*;
use crate::test_support::Rng;
use serde_json::json;

fn error_code(reply: &str) -> Option<String> {
    let value: Value = serde_json::from_str(reply).ok()?;
    value.get("error")?.get("code")?.as_str().map(str::to_owned)
}

#[test]
fn unknown_op_is_a_bad_request() {
    let reply = call("teleport", "{}");
    assert_eq!(error_code(&reply).as_deref(), Some("bad_request"));
    assert!(reply.contains("teleport"));
}

#[test]
fn malformed_json_is_a_bad_request() {
    for input in ["", "{", "nul", "{\"text\":}", "[1,2", "\"unterminated"] {
        assert_eq!(
            error_code(&call("segments", input)).as_deref(),
            Some("bad_request"),
            "{input:?}"
        );
    }
}

#[test]
fn wrong_shape_is_a_bad_request_for_every_op() {
    for op in OPS {
        for input in ["[]", "42", "\"text\"", "null"] {
            assert_eq!(
                error_code(&call(op, input)).as_deref(),
                Some("bad_request"),
                "{op} {input}"
            );
        }
    }
}

#[test]
fn call_and_call_value_agree() {
    let input = json!({"text": "hello"});
    let from_text: Value = serde_json::from_str(&call("segments", &input.to_string())).unwrap();
    assert_eq!(from_text, call_value("segments", input));
}

/// Well-formed inputs of every op, as seeds for mutation.
fn seeds() -> Vec<(&'static str, Value)> {
    vec![
        (
            "render",
            json!({"template": "Hi {first_name|there}, order {order_number}", "context": "order", "vars": {"first_name": "Μαρία", "order_number": 1042}}),
        ),
        (
            "validate_template",
            json!({"template": "Hi {first_name}{{x}}", "context": "customer"}),
        ),
        (
            "segments",
            json!({"text": "Γεια σου €", "transliterate": true}),
        ),
        (
            "normalize_phone",
            json!({"phone": "+30 691 234 5678", "country": "GR"}),
        ),
        (
            "quiet_hours",
            json!({"now": "2026-11-28T21:30:00Z", "timezone": "Europe/Athens", "quiet": {"enabled": true, "start": "22:00", "end": "08:00"}}),
        ),
        (
            "consent",
            json!({"kind": "bulk", "settings": {"consent": {"enabled": true}}, "recipient": {"opted_out": false, "consent": {"order_updates": true, "marketing": null}}}),
        ),
        ("plan", plan_seed()),
        (
            "plan_batch",
            json!({"common": plan_seed(), "items": [{"recipient": {"phone": "6987654321"}}, {"kind": "test"}, 5]}),
        ),
        (
            "route",
            json!({"routing": "viber2sms", "now": "2026-11-28T10:00:00Z", "attempts": [{"channel": "viber", "outcome": "accepted", "at": "2026-11-28T09:55:00Z"}], "policy": {}}),
        ),
    ]
}

fn plan_seed() -> Value {
    json!({
        "kind": "order_status",
        "now": "2026-11-28T21:30:00Z",
        "settings": {
            "routing": "viber2sms", "timezone": "Europe/Athens", "default_country": "GR",
            "quiet_hours": {"enabled": true, "start": "22:00", "end": "08:00", "applies_to": ["order_status"]},
            "consent": {"enabled": true}, "gsm7_transliterate": true
        },
        "recipient": {"phone": "6912345678", "country": "GR", "opted_out": false, "consent": {"order_updates": true, "marketing": false}},
        "template": "Η παραγγελία {order_number} είναι {order_status|έτοιμη}",
        "vars": {"order_number": "1042", "order_status": ""}
    })
}

/// Whatever arrives — arbitrary text, arbitrary JSON, well-formed inputs
/// with fields dropped or retyped — `call` answers with a JSON object.
#[test]
fn property_call_never_panics_and_always_answers_an_object() {
    let mut rng = Rng::new(0xCA11);
    let seeds = seeds();
    for round in 0..4000 {
        let (op, input) = match round % 3 {
            0 => {
                let (op, seed) = rng.pick(&seeds).cloned().unwrap_or(("plan", Value::Null));
                (op.to_owned(), rng.mutate(&seed, 2).to_string())
            }
            1 => (
                (*rng.pick(&OPS).unwrap_or(&"plan")).to_owned(),
                rng.any_json(3).to_string(),
            ),
            _ => (rng.any_string(10), rng.any_string(40)),
        };
        let reply = call(&op, &input);
        let parsed: Value =
            serde_json::from_str(&reply).unwrap_or_else(|e| panic!("{op} {input}: {e}: {reply}"));
        assert!(
            parsed.is_object() || parsed.is_array(),
            "{op} {input} → {reply}"
        );
    }
}

#[test]
fn property_call_survives_arbitrary_bytes() {
    let mut rng = Rng::new(0xB17E5);
    for _ in 0..2000 {
        let bytes: Vec<u8> = (0..rng.below(64))
            .map(|_| (rng.next_u64() & 0xFF) as u8)
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        let op = rng.pick(&OPS).copied().unwrap_or("plan");
        assert!(serde_json::from_str::<Value>(&call(op, &text)).is_ok());
    }
}

/// The ops answered in place (`call_in_place`) answer exactly as through a
/// parsed `Value` — same bytes, key order included — on well-formed inputs,
/// damaged ones, and texts a `Value` reads differently from a struct:
/// repeated keys (the last one wins), escaped strings (owned, not borrowed),
/// arrays where objects belong.
#[test]
fn property_in_place_answers_equal_value_answers() {
    let mut rng = Rng::new(0x1A9_1ACE);
    let seeds: Vec<(&str, Value)> = seeds()
        .into_iter()
        .filter(|(op, _)| matches!(*op, "plan" | "render"))
        .collect();
    let mut answered_in_place = 0;
    for round in 0..6000 {
        let (op, seed) = rng.pick(&seeds).cloned().unwrap_or(("plan", Value::Null));
        let value = if round % 4 == 0 {
            seed
        } else {
            rng.mutate(&seed, 2)
        };
        let mut text = value.to_string();
        match rng.below(6) {
            // A repeated key: `Value` keeps the last, a struct refuses it.
            0 => text = text.replacen('{', "{\"template\":\"{first_name}\",", 1),
            1 => text = text.replacen("\"vars\":{", "\"vars\":{\"first_name\":null,", 1),
            2 => text = text.replacen("\"recipient\":{", "\"recipient\":{\"phone\":7,", 1),
            // Escapes: the same strings, not borrowable from the text.
            3 => text = text.replace('a', "\\u0061"),
            _ => {}
        }
        let Ok(parsed) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let through_value = serde_json::to_string(&call_value(op, parsed)).unwrap_or_default();
        assert_eq!(call(op, &text), through_value, "{op} {text}");
        answered_in_place += usize::from(call_in_place(op, text.as_bytes()).is_some());
    }
    // The in-place path must really be taken, not only the fallback.
    assert!(answered_in_place > 1500, "{answered_in_place}");
}

#[test]
fn bench_inputs_are_answered_in_place() {
    for (op, input) in [
        ("plan", include_str!("../../../tests/bench/plan.json")),
        ("render", include_str!("../../../tests/bench/render.json")),
    ] {
        assert!(call_in_place(op, input.trim().as_bytes()).is_some(), "{op}");
    }
}

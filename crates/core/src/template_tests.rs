use super::*;
use crate::test_support::Rng;
use serde_json::json;

fn vars<'a>(pairs: &[(&'a str, &'a str)]) -> Vars<'a> {
    let mut vars = Vars::new();
    for (name, value) in pairs {
        vars.insert(*name, *value);
    }
    vars
}

fn render(
    template: &str,
    context: Context,
    values: &[(&str, &str)],
) -> Result<Rendered, CoreError> {
    Template::parse(template).render(Some(context), &vars(values))
}

fn codes_at(template: &str, context: Context) -> Vec<(&'static str, usize)> {
    Template::parse(template)
        .issues(Some(context))
        .iter()
        .map(|i| (i.code, i.at))
        .collect()
}

#[test]
fn variables_and_fallbacks() {
    let out = render(
        "Hi {first_name}, order #{order_number} is {order_status|on its way}.",
        Context::Order,
        &[("first_name", "Μαρία"), ("order_number", "1042")],
    )
    .unwrap();
    assert_eq!(out.text, "Hi Μαρία, order #1042 is on its way.");
    assert!(out.unknown_vars.is_empty());
}

#[test]
fn fallback_used_for_empty_and_blank_values() {
    for value in ["", "   "] {
        let out = render(
            "Hi {first_name|friend}!",
            Context::Customer,
            &[("first_name", value)],
        )
        .unwrap();
        assert_eq!(out.text, "Hi friend!");
    }
    let out = render("Hi {first_name}!", Context::Customer, &[]).unwrap();
    assert_eq!(out.text, "Hi !");
}

#[test]
fn fallback_is_verbatim_and_name_is_trimmed() {
    let out = render("{ first_name | dear customer }", Context::Customer, &[]).unwrap();
    assert_eq!(out.text, " dear customer ");
    let out = render("{first_name|}", Context::Customer, &[]).unwrap();
    assert_eq!(out.text, "");
    let out = render("{shop_name|a|b}", Context::Customer, &[]).unwrap();
    assert_eq!(out.text, "a|b");
}

#[test]
fn doubled_braces_are_literal() {
    let out = render(
        "{{first_name}} = {first_name} }}{{",
        Context::Customer,
        &[("first_name", "Ann")],
    )
    .unwrap();
    assert_eq!(out.text, "{first_name} = Ann }{");
    let out = render(
        "{{{first_name}}}",
        Context::Customer,
        &[("first_name", "Ann")],
    )
    .unwrap();
    assert_eq!(out.text, "{Ann}");
}

#[test]
fn values_are_not_interpreted() {
    let out = render(
        "{first_name}",
        Context::Customer,
        &[("first_name", "{last_name}}")],
    )
    .unwrap();
    assert_eq!(out.text, "{last_name}}");
}

#[test]
fn unknown_variables_are_reported_and_left_as_written() {
    let out = render(
        "Hi {nickname|you} {order_total} {nickname}",
        Context::Customer,
        &[("nickname", "x")],
    )
    .unwrap();
    assert_eq!(out.text, "Hi {nickname|you} {order_total} {nickname}");
    assert_eq!(out.unknown_vars, vec!["nickname", "order_total"]);
}

#[test]
fn syntax_errors_carry_character_offsets() {
    assert_eq!(
        codes_at("Γεια {first_name", Context::Customer),
        vec![("unbalanced_brace", 5)]
    );
    assert_eq!(
        codes_at("Γεια } σου", Context::Customer),
        vec![("unbalanced_brace", 5)]
    );
    assert_eq!(
        codes_at("a {} b {|x} c { }", Context::Customer),
        vec![
            ("empty_variable", 2),
            ("empty_variable", 7),
            ("empty_variable", 14)
        ]
    );
    assert_eq!(
        codes_at("😀{x{first_name}", Context::Customer),
        vec![("unbalanced_brace", 1)]
    );
    assert_eq!(
        codes_at("{foo} {first_name} }", Context::Customer),
        vec![("unknown_variable", 0), ("unbalanced_brace", 19)]
    );
    let err = render("ok {first_name", Context::Customer, &[]).unwrap_err();
    assert_eq!(
        err,
        CoreError::Template {
            message: "'{' at 3 is never closed (write '{{' for a literal brace)".into(),
            at: 3
        }
    );
}

#[test]
fn variables_depend_on_context() {
    assert_eq!(
        codes_at("{product_name}", Context::Order),
        vec![("unknown_variable", 0)]
    );
    assert!(codes_at("{product_name} {product_price}", Context::Product).is_empty());
}

#[test]
fn vars_accept_strings_numbers_and_null() {
    let given = json!({"a": "x", "b": 12.5, "c": 3, "d": null});
    let input = VarsInput::deserialize(&given).unwrap();
    let read = input.read().unwrap();
    assert_eq!(read.get("a"), Some("x"));
    assert_eq!(read.get("b"), Some("12.5"));
    assert_eq!(read.get("c"), Some("3"));
    assert_eq!(read.get("d"), None);
    let bad = json!({"a": true});
    let err = VarsInput::deserialize(&bad).unwrap().read().unwrap_err();
    assert_eq!(err.code(), "bad_request");
    assert_eq!(
        err.to_string(),
        "vars.a must be a string, a number or null, not true"
    );
}

#[test]
fn max_segments_estimates() {
    let template = Template::parse("Hi {first_name}, thanks!");
    // Latin name: 30 + 12 septets; a Greek name forces UCS-2: still one SMS.
    assert_eq!(template.max_segments(Some(Context::Customer), false), 1);
    let source = format!("{} {{first_name}}", "x".repeat(60));
    let template = Template::parse(&source);
    // 60 + 1 + 30 units: UCS-2 with a Greek name → 2 parts; transliterated → 1.
    assert_eq!(template.max_segments(Some(Context::Customer), false), 2);
    assert_eq!(template.max_segments(Some(Context::Customer), true), 1);
    let template = Template::parse("{order_url}{order_url}");
    assert_eq!(template.max_segments(Some(Context::Order), false), 2);
    // A fallback longer than the variable's maximum counts at its length; in
    // the Greek reading too, since a free-text name may be Greek.
    let long_fallback = format!("{{first_name|{}}}", "y".repeat(200));
    assert_eq!(
        Template::parse(&long_fallback).max_segments(Some(Context::Customer), false),
        3
    );
    // Only GSM-7 can come out: no Greek reading.
    let source = format!("{} {{order_number|{}}}", "x".repeat(100), "y".repeat(60));
    let numbers = Template::parse(&source);
    assert_eq!(numbers.max_segments(Some(Context::Order), false), 2);
    // A Greek fallback makes UCS-2 possible.
    let source = format!("{} {{order_number|χωρίς}}", "x".repeat(60));
    let greek_fallback = Template::parse(&source);
    assert_eq!(greek_fallback.max_segments(Some(Context::Order), false), 2);
    assert_eq!(greek_fallback.max_segments(Some(Context::Order), true), 1);
    assert_eq!(
        Template::parse("").max_segments(Some(Context::Customer), false),
        0
    );
}

#[test]
fn ops_shape() {
    let out = render_op(json!({"template": "Γεια {first_name|φίλε}", "context": "customer", "vars": {}, "transliterate": true})).unwrap();
    assert_eq!(
        out,
        json!({"text": "Γεια φίλε", "sms_text": "ΓEIA ΦIΛE", "encoding": "gsm7", "segments": 1, "units": 9, "unknown_vars": []})
    );
    let out = validate_op(json!({"template": "Hi {nick}", "context": "customer"})).unwrap();
    assert_eq!(out["ok"], json!(false));
    assert_eq!(
        out["errors"],
        json!([{"code": "unknown_variable", "at": 3, "message": "unknown variable 'nick' at 3"}])
    );
    assert_eq!(out["unknown_vars"], json!(["nick"]));
    assert_eq!(
        render_op(json!({"template": "x", "context": "shop"}))
            .unwrap_err()
            .code(),
        "bad_request"
    );
    assert_eq!(
        render_op(json!({"template": "{", "context": "order"}))
            .unwrap_err()
            .code(),
        "template_error"
    );
}

const TEMPLATE_ALPHABET: &[char] = &[
    '{', '}', '{', '}', '|', ' ', 'a', 'x', '_', 'Ω', 'ά', '😀', '\n',
];
const NAMES: &[&str] = &[
    "first_name",
    "last_name",
    "shop_name",
    "nick",
    "order_total",
    "",
    " shop_url ",
];

/// A template made of literal runs, real placeholders and stray braces.
fn random_template(rng: &mut Rng) -> String {
    let mut out = String::new();
    for _ in 0..rng.below(8) {
        match rng.below(4) {
            0 => out.push_str(&rng.string_from(TEMPLATE_ALPHABET, 6)),
            1 => out.push_str(&rng.any_string(4)),
            _ => {
                let name = rng.pick(NAMES).copied().unwrap_or("");
                if rng.chance(40) {
                    out.push_str(&format!(
                        "{{{name}|{}}}",
                        rng.string_from(&TEMPLATE_ALPHABET[4..], 5)
                    ));
                } else {
                    out.push_str(&format!("{{{name}}}"));
                }
            }
        }
    }
    out
}

#[test]
fn property_render_and_validate_never_panic_and_agree() {
    let mut rng = Rng::new(0x7E3D);
    let values = vars(&[
        ("first_name", "Ἀθηνᾶ"),
        ("shop_name", "{x}"),
        ("last_name", " "),
    ]);
    for _ in 0..4000 {
        let source = random_template(&mut rng);
        let template = Template::parse(&source);
        let issues = template.issues(Some(Context::Customer));
        for pair in issues.windows(2) {
            assert!(pair[0].at <= pair[1].at);
        }
        assert!(
            issues.iter().all(|i| i.at < source.chars().count()),
            "{source:?}"
        );
        let syntax_ok = !issues.iter().any(|i| i.code != "unknown_variable");
        match template.render(Some(Context::Customer), &values) {
            Ok(rendered) => {
                assert!(syntax_ok, "{source:?} rendered despite {issues:?}");
                let unknown_reported = issues
                    .iter()
                    .filter(|i| i.code == "unknown_variable")
                    .count()
                    > 0;
                assert_eq!(unknown_reported, !rendered.unknown_vars.is_empty());
            }
            Err(err) => {
                assert!(!syntax_ok);
                assert_eq!(err.code(), "template_error");
            }
        }
        let _ = template.max_segments(Some(Context::Customer), rng.chance(50));
    }
}

#[test]
fn property_escaped_text_renders_back_to_itself() {
    let mut rng = Rng::new(0xB4AC);
    for round in 0..3000 {
        let text = if round % 2 == 0 {
            rng.string_from(TEMPLATE_ALPHABET, 40)
        } else {
            rng.any_string(40)
        };
        let escaped = text.replace('{', "{{").replace('}', "}}");
        let template = Template::parse(&escaped);
        assert!(template.issues(None).is_empty(), "{escaped:?}");
        let rendered = template.render(None, &Vars::new()).unwrap();
        assert_eq!(rendered.text, text);
    }
}

/// `max_segments` bounds every real rendering whose values respect the
/// documented assumptions: at most `max_chars` long, GSM-7 basic characters
/// (plus Greek for free-text variables), fallbacks of such text.
#[test]
fn property_max_segments_bounds_real_renderings() {
    let mut rng = Rng::new(0x5E6B);
    let gsm_basic: Vec<char> = crate::gsm7::alphabet()
        .filter(|(_, cost)| *cost == 1)
        .map(|(c, _)| c)
        .collect();
    let mut with_greek = gsm_basic.clone();
    with_greek.extend("αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώΑΒΕΖΗΙΚΜΝΟΡΤΥΧ".chars());
    let literal_alphabet: Vec<char> = with_greek
        .iter()
        .copied()
        .chain("€{}[]😀".chars())
        .collect();
    for _ in 0..1500 {
        let context = *rng
            .pick(&[Context::Order, Context::Product, Context::Customer])
            .unwrap_or(&Context::Order);
        let names: Vec<&str> = context.variables().iter().map(|v| v.name).collect();
        let mut source = String::new();
        for _ in 0..rng.below(6) {
            let literal = rng.string_from(&literal_alphabet, 40);
            source.push_str(&literal.replace('{', "{{").replace('}', "}}"));
            let name = rng.pick(&names).copied().unwrap_or("shop_name");
            if rng.chance(50) {
                let max_len = if rng.chance(20) { 150 } else { 12 };
                let fallback = rng.string_from(&with_greek, max_len);
                source.push_str(&format!(
                    "{{{name}|{}}}",
                    fallback.replace(['{', '}', '|'], "")
                ));
            } else {
                source.push_str(&format!("{{{name}}}"));
            }
        }
        let template = Template::parse(&source);
        assert!(template.issues(Some(context)).is_empty(), "{source:?}");
        let transliterate = rng.chance(50);
        let bound = template.max_segments(Some(context), transliterate);
        for _ in 0..5 {
            let mut values = Vars::new();
            for variable in context.variables() {
                if rng.chance(20) {
                    continue; // missing: the fallback shows
                }
                let greek = variable.free_text && rng.chance(50);
                let alphabet = if greek { &with_greek } else { &gsm_basic };
                let value = rng.string_from(alphabet, variable.max_chars);
                values.insert(variable.name.to_owned(), value);
            }
            let rendered = template
                .render(Some(context), &values)
                .map(|r| r.text)
                .unwrap_or_default();
            let real = sms_count(&rendered, transliterate).segments;
            assert!(
                real <= bound,
                "{source:?} with {values:?}: {real} > {bound}"
            );
        }
    }
}

use super::*;
use crate::test_support::Rng;
use serde_json::{json, Map, Value};

/// Reads any document this reader takes into a `Value`, to compare with serde_json.
fn read_value(text: &str) -> Option<Value> {
    fn value(reader: &mut JsonReader<'_>) -> Option<Value> {
        Some(match reader.peek()? {
            b'{' => {
                let mut map = Map::new();
                reader.object(|reader, key| {
                    let item = value(reader)?;
                    map.insert(key.to_owned(), item);
                    Some(())
                })?;
                Value::Object(map)
            }
            b'[' => {
                let mut items = Vec::new();
                reader.array(|reader| {
                    items.push(value(reader)?);
                    Some(())
                })?;
                Value::Array(items)
            }
            b'"' => Value::String(reader.string()?.into_owned()),
            b't' | b'f' => Value::Bool(reader.boolean()?),
            b'n' => reader.nullable(|_| None::<Value>)?.unwrap_or(Value::Null),
            _ => Value::Number(reader.integer()?),
        })
    }
    JsonReader::document(text.as_bytes(), value)
}

#[test]
fn reads_what_serde_json_reads() {
    let text = r#" { "a" : [1, -2, 0, "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00", true, false, null, {}], "b":{"c":[]} } "#;
    assert_eq!(read_value(text), serde_json::from_str(text).ok());
    assert_eq!(read_value("18446744073709551615"), Some(json!(u64::MAX)));
    assert_eq!(read_value("-9223372036854775808"), Some(json!(i64::MIN)));
}

#[test]
fn gives_up_on_what_it_does_not_take() {
    for text in [
        "1.5",
        "1e3",
        "-0",
        "01",
        "-",
        "18446744073709551616",
        "-9223372036854775809",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"\\x\"",
        "\"a\nb\"",
        "[1,]",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "[1 2]",
        "tru",
        "nul",
        "\"abc",
        "{} x",
        "",
    ] {
        assert_eq!(read_value(text), None, "{text}");
    }
    let deep = format!("{}{}", "[".repeat(65), "]".repeat(65));
    assert_eq!(read_value(&deep), None);
    let ok = format!("{}{}", "[".repeat(64), "]".repeat(64));
    assert!(read_value(&ok).is_some());
}

#[test]
fn strings_without_escapes_are_borrowed() {
    let mut reader = JsonReader {
        bytes: "\"Γεια σου\"".as_bytes(),
        at: 0,
        depth: 0,
    };
    assert!(matches!(reader.string(), Some(Cow::Borrowed("Γεια σου"))));
}

#[test]
fn invalid_utf8_inside_a_string_is_refused() {
    let bytes = b"\"a\xff\"";
    assert!(JsonReader::document(bytes, |r| r.string()).is_none());
}

/// Whatever this reader accepts, serde_json reads as the same value; on
/// serde_json's own output of random documents it accepts every one whose
/// numbers are integers and whose strings have no escapes.
#[test]
fn property_never_reads_differently_from_serde_json() {
    let mut rng = Rng::new(0x75_0A);
    let noise = [
        '{', '}', '[', ']', '"', '\\', ',', ':', ' ', '1', '-', 'e', '.', 'n', 'é', '\n',
    ];
    let mut accepted = 0;
    for round in 0..20_000 {
        let value = rng.any_json(3);
        let mut text = if round % 2 == 0 {
            value.to_string()
        } else {
            serde_json::to_string_pretty(&value).unwrap_or_default()
        };
        if round % 3 == 0 {
            // Damage: a random character somewhere.
            let at = rng.below(text.chars().count() + 1);
            let (index, _) = text.char_indices().nth(at).unwrap_or((text.len(), ' '));
            text.insert(index, *rng.pick(&noise).unwrap_or(&' '));
        }
        let serde = serde_json::from_str::<Value>(&text).ok();
        match read_value(&text) {
            Some(read) => {
                accepted += 1;
                assert_eq!(Some(read), serde, "{text}");
            }
            // Keys with escapes are given up on purpose; so are fractions.
            None if round % 3 != 0 && !text.contains('.') && !text.contains('\\') => {
                panic!("refused a clean integer-only document: {text}")
            }
            None => {}
        }
    }
    assert!(accepted > 8_000, "{accepted}");
}

#[test]
fn property_strings_are_written_as_serde_json_writes_them() {
    let mut rng = Rng::new(0x5_7A1);
    let specials: Vec<char> = (0u8..0x20)
        .map(char::from)
        .chain(['"', '\\', '/', '\u{7f}', 'ώ', '€', '😀'])
        .collect();
    for _ in 0..5_000 {
        let mut text = rng.any_string(20);
        for _ in 0..rng.below(4) {
            text.push(*rng.pick(&specials).unwrap_or(&'x'));
        }
        let mut out = String::new();
        push_json_string(&mut out, &text);
        assert_eq!(
            out,
            serde_json::to_string(&text).unwrap_or_default(),
            "{text:?}"
        );
    }
}

#[test]
fn encoding_names_are_the_serde_names() {
    for encoding in [Encoding::Gsm7, Encoding::Ucs2] {
        assert_eq!(
            serde_json::to_value(encoding).ok(),
            Some(json!(encoding_name(encoding)))
        );
    }
}

/// The in-pass UTF-8 check agrees with the standard library's, on random
/// bytes rich in multi-byte lead and continuation bytes.
#[test]
fn property_utf8_inside_strings_is_checked_as_std_checks_it() {
    let mut rng = Rng::new(0x07F8);
    let interesting = [
        0x41, 0x7E, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xCE, 0xDF, 0xE0, 0xE1,
        0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF,
    ];
    for _ in 0..50_000 {
        let content: Vec<u8> = (0..rng.below(8))
            .map(|_| *rng.pick(&interesting).unwrap_or(&0x41))
            .collect();
        let mut text = vec![b'"'];
        text.extend_from_slice(&content);
        text.push(b'"');
        let read = JsonReader::document(&text, |reader| reader.string().map(Cow::into_owned));
        assert_eq!(
            read.as_deref(),
            std::str::from_utf8(&content).ok(),
            "{content:x?}"
        );
    }
}

#[test]
fn decimals_are_printed_as_to_string_prints_them() {
    let mut rng = Rng::new(0xD3C);
    for n in [0, 1, 9, 10, 99, 100, 4_294_967_295, usize::MAX]
        .into_iter()
        .chain((0..2_000).map(|_| rng.below(1_000_000)))
    {
        let mut out = String::new();
        push_decimal(&mut out, n);
        assert_eq!(out, n.to_string());
    }
}

//! Field types for op inputs that read the same from a JSON text and from a
//! `serde_json::Value`.
//!
//! The hot ops (`plan`, `render`) deserialize straight from the JSON text
//! (see `lib.rs`): strings are borrowed from the text instead of copied, and
//! no `Value` tree is built. Each op still has one input struct for both
//! ways in, so these types (a) borrow when they can and own when they must,
//! and (b) accept any JSON value where the op's rules — not serde — decide
//! what is wrong, keeping the verdict for later ([`Loose`], [`Deferred`]),
//! so checks run, and fail, in the op's own order.

use std::borrow::Cow;
use std::fmt;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};

/// A JSON string: borrowed from the text when it has no escapes, owned
/// otherwise (and always owned when read from a `Value`). Rejects other
/// types with serde's usual "expected a string".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Text<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for TextVisitor<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(TextVisitor(std::marker::PhantomData))
    }
}

/// Any JSON value, with strings borrowed like [`Text`]: for fields whose
/// wrong types the op's rules judge (and name in their own messages).
#[derive(Debug, Clone, PartialEq)]
pub enum Loose<'a> {
    Str(Cow<'a, str>),
    Num(Number),
    Null,
    /// A bool, list or object, kept whole for the error message.
    Other(Value),
}

impl Loose<'_> {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Loose::Str(text) => Some(text),
            _ => None,
        }
    }

    /// The value as a `Value` (for messages that quote it as JSON).
    pub fn to_value(&self) -> Value {
        match self {
            Loose::Str(text) => Value::String(text.to_string()),
            Loose::Num(number) => Value::Number(number.clone()),
            Loose::Null => Value::Null,
            Loose::Other(value) => value.clone(),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Loose<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LooseVisitor(std::marker::PhantomData))
    }
}

struct LooseVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for LooseVisitor<'a> {
    type Value = Loose<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Loose::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Loose::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Loose::Str(Cow::Owned(v)))
    }
    // Numbers become what `Value` makes of them, so they print the same.
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Loose::Num(v.into()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Loose::Num(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Number::from_f64(v).map_or(Loose::Null, Loose::Num))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Loose::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Loose::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Loose::Other(Value::Bool(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(Loose::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(Loose::Other)
    }
}

/// A field read now and judged later: deserializing it never fails the
/// whole input; the error, if any, is raised (`into_result`) where the op
/// checks that field, so messages come out in the op's order.
#[derive(Debug, Clone)]
pub struct Deferred<T>(Result<T, String>);

impl<T> Deferred<T> {
    /// A field that was read fine.
    pub fn ok(value: T) -> Deferred<T> {
        Deferred(Ok(value))
    }

    /// The value, or the `bad_request` serde's message makes.
    pub fn into_result(self) -> Result<T, crate::CoreError> {
        self.0
            .map_err(|message| crate::CoreError::bad_request(format!("invalid input: {message}")))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Deferred<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // From a `Value` a failed field leaves the rest readable. From a JSON
        // text the parser may stop mid-value; the text path then fails as a
        // whole and the op is answered from a `Value` (lib.rs), so nothing
        // read after such a failure is ever used.
        Ok(Deferred(
            T::deserialize(deserializer).map_err(|err| err.to_string()),
        ))
    }
}

/// An object type read key by key: what `serde_json::Map` accepts (objects
/// only, "expected a map" otherwise; a repeated key overwrites), without the
/// map. Implementors say what each key's value becomes.
pub trait ObjectFields<'de>: Default {
    fn field<A: MapAccess<'de>>(&mut self, key: Text<'de>, map: &mut A) -> Result<(), A::Error>;
}

/// `Deserialize` for an [`ObjectFields`] type.
pub fn deserialize_object<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: ObjectFields<'de>,
{
    struct ObjectVisitor<T>(std::marker::PhantomData<T>);
    impl<'de, T: ObjectFields<'de>> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut fields = T::default();
            while let Some(key) = map.next_key::<Text<'de>>()? {
                fields.field(key, &mut map)?;
            }
            Ok(fields)
        }
    }
    deserializer.deserialize_map(ObjectVisitor(std::marker::PhantomData))
}

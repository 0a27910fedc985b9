//! `plan`: from the facts of one message to the decision — send (to whom,
//! what, on which channels, when) or skip (why).
//!
//! Checks run in a fixed order and the first failing one names the skip:
//! phone (`invalid_phone`) → consent (`opted_out`, `no_consent`) → template
//! (`template_error`: it does not parse or uses a variable its context lacks)
//! → rendered text (`empty_text` when blank; `text_too_long` when Viber is
//! the only channel and the text exceeds Viber's 1000 characters) → quiet
//! hours (which defer, never skip). Under `viber2sms` a text too long for
//! Viber goes by SMS alone.
//!
//! Malformed input (unknown kind or routing, bad `now`, an unknown timezone
//! while quiet hours apply) is an error reply, not a skip: it is a bug or a
//! misconfiguration, not a fact about the recipient.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::de::{IgnoredAny, MapAccess};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::consent::{self, ConsentFlags, ConsentSettings, MessageKind, Recipient};
use crate::input::{self, Deferred, Loose, ObjectFields, Text};
use crate::json_text::{
    encoding_name, push_decimal, push_json_string, push_json_strings, JsonReader,
};
use crate::quiet_hours::{self, QuietWindow};
use crate::segments::{self, Encoding};
use crate::template::{Template, Vars, VarsInput};
use crate::text_eq::text_eq;
use crate::transliterate::greek_to_gsm7;
use crate::variables::Context;
use crate::{phone, time, CoreError};

/// Viber carries at most this many characters (Unicode scalar values).
pub const VIBER_MAX_CHARS: usize = 1000;

/// Kinds quiet hours defer when the settings do not say.
const DEFAULT_QUIET_KINDS: [&str; 3] = ["order_status", "bulk", "back_in_stock"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Routing {
    Sms,
    Viber,
    Viber2sms,
}

impl Routing {
    /// The routing option; SMS when the settings do not say.
    fn parse(name: Option<&str>) -> Result<Routing, CoreError> {
        match name {
            None => Ok(Routing::Sms),
            Some(name) if text_eq(name, "sms") => Ok(Routing::Sms),
            Some(name) if text_eq(name, "viber") => Ok(Routing::Viber),
            Some(name) if text_eq(name, "viber2sms") => Ok(Routing::Viber2sms),
            Some(other) => Err(CoreError::bad_request(format!(
                "unknown routing '{other}' (expected sms, viber or viber2sms)"
            ))),
        }
    }

    fn channels(self) -> &'static [&'static str] {
        match self {
            Routing::Sms => &["sms"],
            Routing::Viber => &["viber"],
            Routing::Viber2sms => &["viber", "sms"],
        }
    }
}

/// `null` and a missing field mean the same: the default.
#[derive(Debug, Default, Deserialize)]
struct Settings<'a> {
    #[serde(borrow)]
    routing: Option<Text<'a>>,
    #[serde(borrow)]
    timezone: Option<Text<'a>>,
    #[serde(borrow)]
    default_country: Option<Text<'a>>,
    #[serde(borrow)]
    quiet_hours: Option<QuietSettings<'a>>,
    consent: Option<Deferred<ConsentSettings>>,
    gsm7_transliterate: Option<bool>,
    #[serde(borrow)]
    audience: Option<Text<'a>>,
}

#[derive(Debug, Default, Deserialize)]
struct QuietSettings<'a> {
    enabled: Option<bool>,
    #[serde(borrow)]
    start: Option<Text<'a>>,
    #[serde(borrow)]
    end: Option<Text<'a>>,
    #[serde(borrow)]
    applies_to: Option<Vec<Text<'a>>>,
}

/// What a missing or `null` `settings` / `recipient` reads as.
static NO_SETTINGS: Settings<'static> = Settings {
    routing: None,
    timezone: None,
    default_country: None,
    quiet_hours: None,
    consent: None,
    gsm7_transliterate: None,
    audience: None,
};
static NO_RECIPIENT: RecipientInput<'static> = RecipientInput {
    phone: None,
    country: None,
    opted_out: None,
    consent: None,
};

#[derive(Debug, Deserialize)]
struct PlanInput<'a> {
    #[serde(borrow)]
    kind: Loose<'a>,
    #[serde(borrow)]
    now: Text<'a>,
    #[serde(borrow)]
    settings: Option<Settings<'a>>,
    #[serde(borrow)]
    recipient: Option<RecipientInput<'a>>,
    #[serde(borrow)]
    template: Text<'a>,
    #[serde(borrow)]
    context: Option<Text<'a>>,
    #[serde(borrow)]
    vars: Option<VarsInput<'a>>,
}

/// `recipient`, any object: the phone and country as the plan reads them
/// (a number is a phone too; a country that is not a string is ignored),
/// and the consent facts, judged when consent is checked.
#[derive(Debug, Default)]
struct RecipientInput<'a> {
    phone: Option<Loose<'a>>,
    country: Option<Loose<'a>>,
    opted_out: Option<Deferred<Option<bool>>>,
    consent: Option<Deferred<Option<ConsentFlags>>>,
}

impl<'de: 'a, 'a> ObjectFields<'de> for RecipientInput<'a> {
    fn field<A: MapAccess<'de>>(&mut self, key: Text<'de>, map: &mut A) -> Result<(), A::Error> {
        match key.as_str() {
            "phone" => self.phone = Some(map.next_value()?),
            "country" => self.country = Some(map.next_value()?),
            "opted_out" => self.opted_out = Some(map.next_value()?),
            "consent" => self.consent = Some(map.next_value()?),
            _ => {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for RecipientInput<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        input::deserialize_object(deserializer)
    }
}

impl RecipientInput<'_> {
    /// The consent facts; a wrongly typed one is a `bad_request` (as when
    /// `consent` is checked before `opted_out`: keys in order).
    fn consent_facts(&self) -> Result<Recipient, CoreError> {
        let consent = match &self.consent {
            Some(consent) => consent.clone().into_result()?,
            None => None,
        };
        let opted_out = match &self.opted_out {
            Some(opted_out) => opted_out.clone().into_result()?,
            None => None,
        };
        Ok(Recipient { opted_out, consent })
    }
}

/// The `plan` reply; fields in alphabetical order, as a `Value` prints them.
#[derive(Debug, Serialize)]
struct PlanOutput {
    action: &'static str,
    channels: &'static [&'static str],
    deferred: bool,
    /// Why, in words, when skipping.
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    encoding: Encoding,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
    segments: usize,
    send_at: String,
    sms_text: String,
    text: String,
    /// E.164; null only when the phone was invalid.
    to: Option<String>,
}

/// What is known when a check fails; later fields stay empty.
struct Draft {
    now: DateTime<Utc>,
    to: Option<String>,
    text: String,
    sms_text: String,
}

impl Draft {
    fn skip(&self, reason: &'static str, detail: String) -> PlanOutput {
        let counted = segments::count(&self.sms_text);
        PlanOutput {
            action: "skip",
            channels: &[],
            deferred: false,
            detail: Some(detail),
            encoding: counted.encoding,
            reason: Some(reason),
            segments: counted.segments,
            send_at: time::format_utc(self.now),
            sms_text: self.sms_text.clone(),
            text: self.text.clone(),
            to: self.to.clone(),
        }
    }
}

/// `plan` from a parsed input.
#[inline(never)] // see `dispatch` in lib.rs
pub(crate) fn op(input: Value) -> Result<Value, CoreError> {
    let input = PlanInput::deserialize(&input)?;
    Ok(serde_json::to_value(plan(Facts::read(&input)?)?)?)
}

/// `plan` read in place from the JSON text (see `lib.rs`); `None` when the
/// input is not taken that way or the answer is an error.
pub(crate) fn op_in_place(json: &[u8]) -> Option<String> {
    let input = JsonReader::document(json, PlanInput::read_in_place)?;
    Some(plan(Facts::read(&input).ok()?).ok()?.to_json())
}

// The in-place readers (see `json_text`): the same structs as serde fills,
// for the plain shapes only (objects as objects, booleans as booleans);
// anything else gives up and serde reads it, with its own messages.
impl<'a> PlanInput<'a> {
    fn read_in_place(reader: &mut JsonReader<'a>) -> Option<PlanInput<'a>> {
        let (mut kind, mut now, mut template) = (None, None, None);
        let (mut settings, mut recipient, mut context, mut vars) = (None, None, None, None);
        reader.object(|reader, key| {
            if JsonReader::key_is(key, "kind") {
                kind = Some(reader.scalar()?);
            } else if JsonReader::key_is(key, "now") {
                now = Some(Text(reader.string()?));
            } else if JsonReader::key_is(key, "settings") {
                settings = reader.nullable(Settings::read_in_place)?;
            } else if JsonReader::key_is(key, "recipient") {
                recipient = reader.nullable(RecipientInput::read_in_place)?;
            } else if JsonReader::key_is(key, "template") {
                template = Some(Text(reader.string()?));
            } else if JsonReader::key_is(key, "context") {
                context = reader.nullable(JsonReader::string)?.map(Text);
            } else if JsonReader::key_is(key, "vars") {
                vars = reader.nullable(VarsInput::read_in_place)?;
            } else {
                reader.skip()?;
            }
            Some(())
        })?;
        Some(PlanInput {
            kind: kind?,
            now: now?,
            settings,
            recipient,
            template: template?,
            context,
            vars,
        })
    }
}

fn optional_text<'a>(reader: &mut JsonReader<'a>) -> Option<Option<Text<'a>>> {
    reader
        .nullable(JsonReader::string)
        .map(|text| text.map(Text))
}

impl<'a> Settings<'a> {
    fn read_in_place(reader: &mut JsonReader<'a>) -> Option<Settings<'a>> {
        let mut settings = Settings::default();
        reader.object(|reader, key| {
            if JsonReader::key_is(key, "routing") {
                settings.routing = optional_text(reader)?;
            } else if JsonReader::key_is(key, "timezone") {
                settings.timezone = optional_text(reader)?;
            } else if JsonReader::key_is(key, "default_country") {
                settings.default_country = optional_text(reader)?;
            } else if JsonReader::key_is(key, "quiet_hours") {
                settings.quiet_hours = reader.nullable(QuietSettings::read_in_place)?;
            } else if JsonReader::key_is(key, "consent") {
                settings.consent = reader.nullable(read_consent_settings)?.map(Deferred::ok);
            } else if JsonReader::key_is(key, "gsm7_transliterate") {
                settings.gsm7_transliterate = reader.nullable(JsonReader::boolean)?;
            } else if JsonReader::key_is(key, "audience") {
                settings.audience = optional_text(reader)?;
            } else {
                reader.skip()?;
            }
            Some(())
        })?;
        Some(settings)
    }
}

impl<'a> QuietSettings<'a> {
    fn read_in_place(reader: &mut JsonReader<'a>) -> Option<QuietSettings<'a>> {
        let mut quiet = QuietSettings::default();
        reader.object(|reader, key| {
            if JsonReader::key_is(key, "enabled") {
                quiet.enabled = reader.nullable(JsonReader::boolean)?;
            } else if JsonReader::key_is(key, "start") {
                quiet.start = optional_text(reader)?;
            } else if JsonReader::key_is(key, "end") {
                quiet.end = optional_text(reader)?;
            } else if JsonReader::key_is(key, "applies_to") {
                quiet.applies_to = reader.nullable(|reader| {
                    let mut kinds = Vec::new();
                    reader.array(|reader| {
                        kinds.push(Text(reader.string()?));
                        Some(())
                    })?;
                    Some(kinds)
                })?;
            } else {
                reader.skip()?;
            }
            Some(())
        })?;
        Some(quiet)
    }
}

impl<'a> RecipientInput<'a> {
    fn read_in_place(reader: &mut JsonReader<'a>) -> Option<RecipientInput<'a>> {
        let mut recipient = RecipientInput::default();
        reader.object(|reader, key| {
            if JsonReader::key_is(key, "phone") {
                recipient.phone = Some(reader.scalar()?);
            } else if JsonReader::key_is(key, "country") {
                recipient.country = Some(reader.scalar()?);
            } else if JsonReader::key_is(key, "opted_out") {
                recipient.opted_out = Some(Deferred::ok(reader.nullable(JsonReader::boolean)?));
            } else if JsonReader::key_is(key, "consent") {
                recipient.consent = Some(Deferred::ok(reader.nullable(read_consent_flags)?));
            } else {
                reader.skip()?;
            }
            Some(())
        })?;
        Some(recipient)
    }
}

fn read_consent_settings(reader: &mut JsonReader<'_>) -> Option<ConsentSettings> {
    let mut settings = ConsentSettings::default();
    reader.object(|reader, key| {
        if JsonReader::key_is(key, "enabled") {
            settings.enabled = reader.nullable(JsonReader::boolean)?;
        } else if JsonReader::key_is(key, "required_for_order_updates") {
            settings.required_for_order_updates = reader.nullable(JsonReader::boolean)?;
        } else {
            reader.skip()?;
        }
        Some(())
    })?;
    Some(settings)
}

fn read_consent_flags(reader: &mut JsonReader<'_>) -> Option<ConsentFlags> {
    let mut flags = ConsentFlags::default();
    reader.object(|reader, key| {
        if JsonReader::key_is(key, "order_updates") {
            flags.order_updates = reader.nullable(JsonReader::boolean)?;
        } else if JsonReader::key_is(key, "marketing") {
            flags.marketing = reader.nullable(JsonReader::boolean)?;
        } else {
            reader.skip()?;
        }
        Some(())
    })?;
    Some(flags)
}

impl PlanOutput {
    /// The reply as serde_json would print it (`lib_tests` checks).
    fn to_json(&self) -> String {
        let mut out = String::with_capacity(160 + 2 * (self.text.len() + self.sms_text.len()));
        out.push_str("{\"action\":");
        push_json_string(&mut out, self.action);
        out.push_str(",\"channels\":");
        push_json_strings(&mut out, self.channels.iter().copied());
        out.push_str(if self.deferred {
            ",\"deferred\":true"
        } else {
            ",\"deferred\":false"
        });
        if let Some(detail) = &self.detail {
            out.push_str(",\"detail\":");
            push_json_string(&mut out, detail);
        }
        out.push_str(",\"encoding\":");
        push_json_string(&mut out, encoding_name(self.encoding));
        if let Some(reason) = self.reason {
            out.push_str(",\"reason\":");
            push_json_string(&mut out, reason);
        }
        out.push_str(",\"segments\":");
        push_decimal(&mut out, self.segments);
        out.push_str(",\"send_at\":");
        push_json_string(&mut out, &self.send_at);
        out.push_str(",\"sms_text\":");
        push_json_string(&mut out, &self.sms_text);
        out.push_str(",\"text\":");
        push_json_string(&mut out, &self.text);
        out.push_str(",\"to\":");
        match &self.to {
            Some(to) => push_json_string(&mut out, to),
            None => out.push_str("null"),
        }
        out.push('}');
        out
    }
}

/// The input, read and checked. Configuration and caller input are checked
/// before any rule runs, so a bad setting is an error whatever the recipient.
struct Facts<'a> {
    kind: MessageKind,
    kind_name: &'a str,
    now: DateTime<Utc>,
    routing: Routing,
    context: Option<Context>,
    vars: Vars<'a>,
    template: &'a str,
    transliterate: bool,
    phone: Cow<'a, str>,
    /// The recipient's (billing) country, else the shop's default.
    country: &'a str,
    consent_settings: ConsentSettings,
    consent_recipient: Recipient,
    audience: Option<&'a str>,
    /// When the message would go, quiet hours considered.
    send_at: DateTime<Utc>,
    deferred: bool,
}

impl<'a> Facts<'a> {
    fn read(input: &'a PlanInput<'a>) -> Result<Facts<'a>, CoreError> {
        let kind = message_kind(&input.kind)?;
        let kind_name = input.kind.as_str().unwrap_or_default();
        let now = time::parse_utc(input.now.as_str())?;
        let settings = input.settings.as_ref().unwrap_or(&NO_SETTINGS);
        let context = match &input.context {
            Some(name) => Some(Context::parse(name.as_str())?),
            None => default_context(kind),
        };
        let recipient = input.recipient.as_ref().unwrap_or(&NO_RECIPIENT);
        let (send_at, deferred) = match quiet_window_for(kind_name, settings.quiet_hours.as_ref()) {
            Some(window) => {
                let timezone = settings.timezone.as_ref().map_or("UTC", Text::as_str);
                let decision = quiet_hours::schedule(now, timezone, &window)?;
                (decision.send_at, decision.deferred)
            }
            None => (now, false),
        };
        let routing = Routing::parse(settings.routing.as_ref().map(Text::as_str))?;
        let vars = match &input.vars {
            Some(vars) => vars.read()?,
            None => Vars::new(),
        };
        let consent_settings = match &settings.consent {
            Some(consent) => consent.clone().into_result()?,
            None => ConsentSettings {
                enabled: Some(false),
                required_for_order_updates: None,
            },
        };
        Ok(Facts {
            kind,
            now,
            routing,
            context,
            vars,
            template: input.template.as_str(),
            transliterate: settings.gsm7_transliterate.unwrap_or(false),
            phone: match &recipient.phone {
                Some(Loose::Str(phone)) => Cow::Borrowed(phone.as_ref()),
                Some(Loose::Num(number)) => Cow::Owned(number.to_string()),
                _ => Cow::Borrowed(""),
            },
            country: recipient
                .country
                .as_ref()
                .and_then(Loose::as_str)
                .filter(|country| !country.trim().is_empty())
                .or(settings.default_country.as_ref().map(Text::as_str))
                .unwrap_or_default(),
            consent_settings,
            consent_recipient: recipient.consent_facts()?,
            audience: settings.audience.as_ref().map(Text::as_str),
            kind_name,
            send_at,
            deferred,
        })
    }
}

/// The message kind, or the `bad_request` that names what was given. Read
/// by serde's rules for the enum (a name, or an object naming one).
fn message_kind(kind: &Loose<'_>) -> Result<MessageKind, CoreError> {
    let parsed = match kind {
        Loose::Str(name) => MessageKind::from_name(name),
        other => serde_json::from_value(other.to_value()).ok(),
    };
    parsed
        .ok_or_else(|| CoreError::bad_request(format!("unknown message kind {}", kind.to_value())))
}

fn plan(facts: Facts<'_>) -> Result<PlanOutput, CoreError> {
    let mut draft = Draft {
        now: facts.now,
        to: None,
        text: String::new(),
        sms_text: String::new(),
    };

    // 1. phone
    match phone::normalize(&facts.phone, facts.country) {
        Ok(normalized) => draft.to = Some(normalized.e164),
        Err(err) => return Ok(draft.skip("invalid_phone", err.to_string())),
    }

    // 2. consent
    let consent = consent::check(
        facts.kind,
        &facts.consent_settings,
        facts.audience,
        &facts.consent_recipient,
    );
    if !consent.allowed {
        let reason = consent.reason.unwrap_or("no_consent");
        let detail = match reason {
            "opted_out" => "the recipient opted out of messages".to_owned(),
            _ => format!(
                "the recipient's consent does not cover {} messages",
                facts.kind_name
            ),
        };
        return Ok(draft.skip(reason, detail));
    }

    // 3. template
    let template = Template::parse(facts.template);
    if let Some(issue) = template.first_issue(facts.context) {
        return Ok(draft.skip("template_error", issue.message));
    }
    draft.text = template.render_text(facts.context, &facts.vars)?;
    draft.sms_text = if facts.transliterate {
        greek_to_gsm7(&draft.text)
    } else {
        draft.text.clone()
    };

    // 4. the rendered text
    if draft.text.trim().is_empty() {
        return Ok(draft.skip("empty_text", "the rendered text is empty".to_owned()));
    }
    let mut channels = facts.routing.channels();
    // A text of at most VIBER_MAX_CHARS bytes has at most as many characters.
    let chars = if draft.text.len() <= VIBER_MAX_CHARS {
        0
    } else {
        draft.text.chars().count()
    };
    if chars > VIBER_MAX_CHARS {
        if facts.routing == Routing::Viber {
            let detail = format!("{chars} characters; Viber carries at most {VIBER_MAX_CHARS}");
            return Ok(draft.skip("text_too_long", detail));
        }
        // Not for Viber: by SMS alone (viber2sms without its first channel).
        channels = &["sms"];
    }

    // 5. quiet hours (already applied to `send_at`): they defer, never skip.
    let counted = segments::count(&draft.sms_text);
    Ok(PlanOutput {
        action: "send",
        channels,
        deferred: facts.deferred,
        detail: None,
        encoding: counted.encoding,
        reason: None,
        segments: counted.segments,
        send_at: time::format_utc(facts.send_at),
        sms_text: draft.sms_text,
        text: draft.text,
        to: draft.to,
    })
}

/// The template context a kind implies when the input names none: order
/// updates speak of an order, back-in-stock of a product, bulk sends of a
/// customer; manual and test messages may use any variable.
fn default_context(kind: MessageKind) -> Option<Context> {
    match kind {
        MessageKind::OrderStatus => Some(Context::Order),
        MessageKind::BackInStock => Some(Context::Product),
        MessageKind::Bulk => Some(Context::Customer),
        MessageKind::Manual | MessageKind::Test => None,
    }
}

/// The quiet window that applies to this kind, if any.
fn quiet_window_for(kind: &str, quiet: Option<&QuietSettings<'_>>) -> Option<QuietWindow> {
    let quiet = quiet?;
    if quiet.enabled != Some(true) {
        return None;
    }
    let applies = match &quiet.applies_to {
        Some(kinds) => kinds.iter().any(|k| text_eq(k.as_str(), kind)),
        None => DEFAULT_QUIET_KINDS.iter().any(|k| text_eq(k, kind)),
    };
    if !applies {
        return None;
    }
    let time = |text: &Option<Text<'_>>| text.as_ref().map(|t| t.as_str().to_owned());
    Some(QuietWindow {
        enabled: true,
        start: time(&quiet.start).unwrap_or_default(),
        end: time(&quiet.end).unwrap_or_default(),
    })
}

/// `plan_batch {common, items[]}` → one plan output per item, in order. Each
/// item is laid over `common` (the item wins; objects present in both, such
/// as `settings` or `recipient`, are merged one level deep). An item that
/// fails yields its own `{"error":…}` in its place.
#[inline(never)] // see `dispatch` in lib.rs
pub(crate) fn batch_op(input: Value) -> Result<Value, CoreError> {
    let Value::Object(mut input) = input else {
        return Err(CoreError::bad_request(
            "plan_batch input must be an object {common, items}",
        ));
    };
    let common = match input.remove("common") {
        Some(Value::Object(common)) => common,
        None | Some(Value::Null) => Map::new(),
        Some(_) => {
            return Err(CoreError::bad_request(
                "plan_batch: common must be an object",
            ))
        }
    };
    let Some(Value::Array(items)) = input.remove("items") else {
        return Err(CoreError::bad_request("plan_batch: items must be a list"));
    };
    let outputs = items
        .into_iter()
        .map(|item| match item {
            Value::Object(item) => crate::call_value("plan", Value::Object(merge(&common, item))),
            _ => CoreError::bad_request("plan_batch: each item must be an object").to_json(),
        })
        .collect();
    Ok(Value::Array(outputs))
}

/// `item` over `common`, nested objects merged one level.
fn merge(common: &Map<String, Value>, item: Map<String, Value>) -> Map<String, Value> {
    let mut merged = common.clone();
    for (key, value) in item {
        let combined = match (merged.remove(&key), value) {
            (Some(Value::Object(mut base)), Value::Object(over)) => {
                base.extend(over);
                Value::Object(base)
            }
            (_, value) => value,
        };
        merged.insert(key, combined);
    }
    merged
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;

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

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::consent::{self, ConsentSettings, MessageKind, Recipient};
use crate::quiet_hours::{self, QuietWindow};
use crate::segments::{self, Encoding};
use crate::template::{vars_from_json, Template, Vars};
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
            None | Some("sms") => Ok(Routing::Sms),
            Some("viber") => Ok(Routing::Viber),
            Some("viber2sms") => Ok(Routing::Viber2sms),
            Some(other) => Err(CoreError::bad_request(format!(
                "unknown routing '{other}' (expected sms, viber or viber2sms)"
            ))),
        }
    }

    fn channels(self) -> Vec<&'static str> {
        match self {
            Routing::Sms => vec!["sms"],
            Routing::Viber => vec!["viber"],
            Routing::Viber2sms => vec!["viber", "sms"],
        }
    }
}

/// `null` and a missing field mean the same: the default.
#[derive(Debug, Default, Deserialize)]
struct Settings {
    routing: Option<String>,
    timezone: Option<String>,
    default_country: Option<String>,
    quiet_hours: Option<QuietSettings>,
    consent: Option<Value>,
    gsm7_transliterate: Option<bool>,
    audience: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct QuietSettings {
    enabled: Option<bool>,
    start: Option<String>,
    end: Option<String>,
    applies_to: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct PlanInput {
    kind: Value,
    now: String,
    settings: Option<Settings>,
    recipient: Option<Map<String, Value>>,
    template: String,
    context: Option<String>,
    vars: Option<Map<String, Value>>,
}

#[derive(Debug, Serialize)]
struct PlanOutput {
    action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
    /// Why, in words, when skipping.
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    /// E.164; null only when the phone was invalid.
    to: Option<String>,
    text: String,
    sms_text: String,
    encoding: Encoding,
    segments: usize,
    channels: Vec<&'static str>,
    send_at: String,
    deferred: bool,
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
            reason: Some(reason),
            detail: Some(detail),
            to: self.to.clone(),
            text: self.text.clone(),
            sms_text: self.sms_text.clone(),
            encoding: counted.encoding,
            segments: counted.segments,
            channels: Vec::new(),
            send_at: time::format_utc(self.now),
            deferred: false,
        }
    }
}

/// `plan` op.
pub(crate) fn op(input: Value) -> Result<Value, CoreError> {
    let output = plan(Facts::read(serde_json::from_value(input)?)?)?;
    Ok(serde_json::to_value(output)?)
}

/// The input, read and checked. Configuration and caller input are checked
/// before any rule runs, so a bad setting is an error whatever the recipient.
struct Facts {
    kind: MessageKind,
    kind_name: String,
    now: DateTime<Utc>,
    routing: Routing,
    context: Option<Context>,
    vars: Vars,
    template: String,
    transliterate: bool,
    phone: String,
    /// The recipient's (billing) country, else the shop's default.
    country: String,
    consent_settings: ConsentSettings,
    consent_recipient: Recipient,
    audience: Option<String>,
    /// When the message would go, quiet hours considered.
    send_at: DateTime<Utc>,
    deferred: bool,
}

impl Facts {
    fn read(input: PlanInput) -> Result<Facts, CoreError> {
        let kind: MessageKind = serde_json::from_value(input.kind.clone())
            .map_err(|_| CoreError::bad_request(format!("unknown message kind {}", input.kind)))?;
        let kind_name = input.kind.as_str().unwrap_or_default().to_owned();
        let now = time::parse_utc(&input.now)?;
        let settings = input.settings.unwrap_or_default();
        let context = match input.context.as_deref() {
            Some(name) => Some(Context::parse(name)?),
            None => default_context(kind),
        };
        let consent = settings
            .consent
            .unwrap_or_else(|| json!({"enabled": false}));
        let recipient = input.recipient.unwrap_or_default();
        let (send_at, deferred) = match quiet_window_for(&kind_name, settings.quiet_hours)? {
            Some(window) => {
                let timezone = settings.timezone.as_deref().unwrap_or("UTC");
                let decision = quiet_hours::schedule(now, timezone, &window)?;
                (decision.send_at, decision.deferred)
            }
            None => (now, false),
        };
        Ok(Facts {
            kind,
            now,
            routing: Routing::parse(settings.routing.as_deref())?,
            context,
            vars: vars_from_json(input.vars)?,
            template: input.template,
            transliterate: settings.gsm7_transliterate.unwrap_or(false),
            phone: match recipient.get("phone") {
                Some(Value::String(phone)) => phone.clone(),
                Some(Value::Number(number)) => number.to_string(),
                _ => String::new(),
            },
            country: recipient
                .get("country")
                .and_then(Value::as_str)
                .filter(|country| !country.trim().is_empty())
                .or(settings.default_country.as_deref())
                .unwrap_or_default()
                .to_owned(),
            consent_settings: serde_json::from_value(consent)?,
            consent_recipient: serde_json::from_value(Value::Object(recipient))?,
            audience: settings.audience,
            kind_name,
            send_at,
            deferred,
        })
    }
}

fn plan(facts: Facts) -> Result<PlanOutput, CoreError> {
    let mut draft = Draft {
        now: facts.now,
        to: None,
        text: String::new(),
        sms_text: String::new(),
    };

    // 1. phone
    match phone::normalize(&facts.phone, &facts.country) {
        Ok(normalized) => draft.to = Some(normalized.e164),
        Err(err) => return Ok(draft.skip("invalid_phone", err.to_string())),
    }

    // 2. consent
    let consent = consent::check(
        facts.kind,
        &facts.consent_settings,
        facts.audience.as_deref(),
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
    let template = Template::parse(&facts.template);
    if let Some(issue) = template.issues(facts.context).first() {
        return Ok(draft.skip("template_error", issue.message.clone()));
    }
    draft.text = template.render(facts.context, &facts.vars)?.text;
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
    let chars = draft.text.chars().count();
    if chars > VIBER_MAX_CHARS {
        if facts.routing == Routing::Viber {
            let detail = format!("{chars} characters; Viber carries at most {VIBER_MAX_CHARS}");
            return Ok(draft.skip("text_too_long", detail));
        }
        channels.retain(|channel| *channel != "viber");
    }

    // 5. quiet hours (already applied to `send_at`): they defer, never skip.
    let counted = segments::count(&draft.sms_text);
    Ok(PlanOutput {
        action: "send",
        reason: None,
        detail: None,
        to: draft.to,
        text: draft.text,
        sms_text: draft.sms_text,
        encoding: counted.encoding,
        segments: counted.segments,
        channels,
        send_at: time::format_utc(facts.send_at),
        deferred: facts.deferred,
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
fn quiet_window_for(
    kind: &str,
    quiet: Option<QuietSettings>,
) -> Result<Option<QuietWindow>, CoreError> {
    let Some(quiet) = quiet else { return Ok(None) };
    if quiet.enabled != Some(true) {
        return Ok(None);
    }
    let applies = match &quiet.applies_to {
        Some(kinds) => kinds.iter().any(|k| k == kind),
        None => DEFAULT_QUIET_KINDS.contains(&kind),
    };
    if !applies {
        return Ok(None);
    }
    let window = json!({"enabled": true, "start": quiet.start, "end": quiet.end});
    Ok(Some(serde_json::from_value(window)?))
}

/// `plan_batch {common, items[]}` → one plan output per item, in order. Each
/// item is laid over `common` (the item wins; objects present in both, such
/// as `settings` or `recipient`, are merged one level deep). An item that
/// fails yields its own `{"error":…}` in its place.
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

//! Message templates: `{var}`, `{var|fallback}` and `{{` / `}}` for literal
//! braces.
//!
//! Grammar: a `{` not followed by `{` opens a placeholder that the next `}`
//! closes; inside, the text before the first `|` is the variable name
//! (surrounding spaces ignored) and the rest, verbatim, is the fallback. A
//! placeholder cannot contain braces. The fallback is used when the value is
//! missing, null, empty or only whitespace.
//!
//! Rendering rules (what `render` returns, what `plan` sends):
//! - a template that does not parse is a `template_error` (with the position);
//! - an unknown variable (not in the context's list) is reported in
//!   `unknown_vars` and its placeholder is left in the text exactly as written,
//!   so a preview shows the mistake; `plan` never sends such a text.
//!
//! Positions (`at`) count Unicode scalar values from the template's start.

use std::borrow::Cow;

use serde::de::MapAccess;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{json, Value};

use crate::gsm7;
use crate::input::{self, Loose, ObjectFields, Text};
use crate::json_text::{
    encoding_name, push_decimal, push_json_string, push_json_strings, JsonReader,
};
use crate::segments::{self, Encoding, SegmentCount};
use crate::text_eq::text_eq;
use crate::transliterate::greek_to_gsm7;
use crate::variables::{self, Context, Variable};
use crate::words::{bytes_equal, skip_words};
use crate::CoreError;

/// A problem in a template, as `validate_template` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub code: &'static str,
    pub at: usize,
    pub message: String,
}

impl Issue {
    fn new(code: &'static str, at: usize, message: String) -> Issue {
        Issue { code, at, message }
    }

    fn stray_close(at: usize) -> Issue {
        let message = format!("'}}' at {at} closes nothing (write '}}}}' for a literal brace)");
        Issue::new("unbalanced_brace", at, message)
    }

    /// A `{` with no `}` before the next `{` (at `next`) or the end.
    fn unclosed_open(at: usize, next: Option<usize>) -> Issue {
        let message = match next {
            None => format!("'{{' at {at} is never closed (write '{{{{' for a literal brace)"),
            Some(next) => format!(
                "'{{' at {at} is not closed before the '{{' at {next} \
                 (a placeholder cannot contain braces; write '{{{{' for a literal brace)"
            ),
        };
        Issue::new("unbalanced_brace", at, message)
    }

    fn empty_variable(placeholder: &Placeholder, at: usize) -> Issue {
        let message = format!("'{}' at {at} names no variable", placeholder.source);
        Issue::new("empty_variable", at, message)
    }

    fn unknown_variable(placeholder: &Placeholder, at: usize) -> Issue {
        let message = format!("unknown variable '{}' at {at}", placeholder.name);
        Issue::new("unknown_variable", at, message)
    }
}

/// A run of template text or a placeholder. Pieces borrow from the template:
/// a doubled brace becomes a one-brace literal (its first half), so nothing
/// is copied while parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Literal(&'a str),
    Variable(Placeholder<'a>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Placeholder<'a> {
    name: &'a str,
    fallback: Option<&'a str>,
    /// Byte offset of the opening brace.
    byte: usize,
    /// The placeholder as written, braces included.
    source: &'a str,
}

/// A parsed template. Parsing always succeeds: syntax problems are recorded
/// in `issues` and the offending brace is kept as a literal character, so the
/// rest of the template can still be checked.
#[derive(Debug, Clone)]
pub struct Template<'a> {
    source: &'a str,
    pieces: Vec<Piece<'a>>,
    issues: Vec<Issue>,
}

impl<'a> Template<'a> {
    /// One pass over the bytes, from brace to brace: braces are ASCII, so
    /// byte positions are safe slice points. Positions are kept in bytes and
    /// turned into character offsets (`at`) only for an issue, which is rare.
    pub fn parse(source: &'a str) -> Template<'a> {
        let bytes = source.as_bytes();
        let mut pieces = Vec::new();
        let mut issues = Vec::new();
        let mut literal_from = 0;
        let mut i = 0;
        let chars_before = |byte: usize| char_count(source.get(..byte).unwrap_or_default());
        let literal = |pieces: &mut Vec<Piece<'a>>, from: usize, to: usize| {
            if let Some(text) = source.get(from..to).filter(|text| !text.is_empty()) {
                pieces.push(Piece::Literal(text));
            }
        };
        loop {
            i = find_brace(bytes, i);
            let Some(&byte) = bytes.get(i) else { break };
            match byte {
                _ if bytes.get(i + 1) == Some(&byte) => {
                    // A doubled brace: keep the first of the pair, skip the second.
                    literal(&mut pieces, literal_from, i + 1);
                    literal_from = i + 2;
                    i += 2;
                }
                b'}' => {
                    issues.push(Issue::stray_close(chars_before(i)));
                    i += 1;
                }
                _ => match placeholder_end(bytes, i) {
                    Ok(end) => {
                        let written = source.get(i..=end).unwrap_or_default();
                        let placeholder = Placeholder::new(written, i);
                        if placeholder.name.is_empty() {
                            issues.push(Issue::empty_variable(&placeholder, chars_before(i)));
                        }
                        literal(&mut pieces, literal_from, i);
                        pieces.push(Piece::Variable(placeholder));
                        i = end + 1;
                        literal_from = i;
                    }
                    Err(next_open) => {
                        let at = chars_before(i);
                        issues.push(Issue::unclosed_open(at, next_open.map(chars_before)));
                        i += 1;
                    }
                },
            }
        }
        literal(&mut pieces, literal_from, bytes.len());
        Template {
            source,
            pieces,
            issues,
        }
    }

    /// The character offset of byte `byte` of the template.
    fn chars_before(&self, byte: usize) -> usize {
        char_count(self.source.get(..byte).unwrap_or_default())
    }

    fn unknown_variable(&self, placeholder: &Placeholder<'_>) -> Issue {
        Issue::unknown_variable(placeholder, self.chars_before(placeholder.byte))
    }

    fn placeholders(&self) -> impl Iterator<Item = &Placeholder<'a>> {
        self.pieces.iter().filter_map(|piece| match piece {
            Piece::Variable(placeholder) if !placeholder.name.is_empty() => Some(placeholder),
            _ => None,
        })
    }

    /// Names used that `context` does not offer, once each, in order of use.
    pub fn unknown_vars(&self, context: Option<Context>) -> Vec<String> {
        let mut unknown: Vec<String> = Vec::new();
        for placeholder in self.placeholders() {
            if variables::lookup(context, placeholder.name).is_none()
                && !unknown.iter().any(|name| text_eq(name, placeholder.name))
            {
                unknown.push(placeholder.name.to_owned());
            }
        }
        unknown
    }

    /// Every problem: syntax and unknown variables, ordered by position.
    pub fn issues(&self, context: Option<Context>) -> Vec<Issue> {
        let mut issues = self.issues.clone();
        for placeholder in self.placeholders() {
            if variables::lookup(context, placeholder.name).is_none() {
                issues.push(self.unknown_variable(placeholder));
            }
        }
        issues.sort_by_key(|issue| issue.at);
        issues
    }

    /// The first of [`Template::issues`], without building the others: both
    /// lists are in position order, and the two never share a position (an
    /// empty placeholder is a syntax issue, never an unknown variable).
    pub fn first_issue(&self, context: Option<Context>) -> Option<Issue> {
        let unknown = self
            .placeholders()
            .find(|placeholder| variables::lookup(context, placeholder.name).is_none());
        match (self.issues.first(), unknown) {
            (Some(syntax), Some(unknown)) if self.chars_before(unknown.byte) < syntax.at => {
                Some(self.unknown_variable(unknown))
            }
            (Some(syntax), _) => Some(syntax.clone()),
            (None, unknown) => unknown.map(|unknown| self.unknown_variable(unknown)),
        }
    }

    /// The text with every placeholder replaced; see the module rules.
    pub fn render(&self, context: Option<Context>, vars: &Vars<'_>) -> Result<Rendered, CoreError> {
        Ok(Rendered {
            text: self.render_text(context, vars)?,
            unknown_vars: self.unknown_vars(context),
        })
    }

    /// [`Template::render`]'s text alone (what `plan` sends: it never sends
    /// a template with unknown variables, so it need not list them).
    pub fn render_text(
        &self,
        context: Option<Context>,
        vars: &Vars<'_>,
    ) -> Result<String, CoreError> {
        if let Some(issue) = self.issues.first() {
            return Err(CoreError::Template {
                message: issue.message.clone(),
                at: issue.at,
            });
        }
        Ok(self.fill(|placeholder, text| {
            if variables::lookup(context, placeholder.name).is_none() {
                text.push_str(placeholder.source);
                return;
            }
            match vars.get(placeholder.name) {
                Some(value) if !value.trim().is_empty() => text.push_str(value),
                _ => text.push_str(placeholder.fallback.unwrap_or_default()),
            }
        }))
    }

    /// The pieces in order, each placeholder written by `write` (one buffer,
    /// no intermediate strings).
    fn fill(&self, mut write: impl FnMut(&Placeholder<'a>, &mut String)) -> String {
        let mut text = String::with_capacity(self.pieces.len() * 16);
        for piece in &self.pieces {
            match piece {
                Piece::Literal(literal) => text.push_str(literal),
                Piece::Variable(placeholder) if placeholder.name.is_empty() => {
                    text.push_str(placeholder.source)
                }
                Piece::Variable(placeholder) => write(placeholder, &mut text),
            }
        }
        text
    }

    /// Worst-case segments of the text this template sends. Each known
    /// variable is given its longest plausible value: `max_chars` from
    /// `variables.rs`, or its fallback when that is longer. The text is
    /// counted twice, with those values in Latin letters (GSM-7) and in
    /// accented Greek (UCS-2, or GSM-7 after transliteration), and the larger
    /// count wins; the Greek reading is used only when the text can be UCS-2
    /// at all (a non-GSM-7 literal or fallback, or a free-text variable such
    /// as a name, a status or a product name). Unknown variables count as
    /// written. It bounds every real text whose values fit their `max_chars`,
    /// are GSM-7 without extension characters (digits, Latin, URLs) or, for
    /// free-text variables, also Greek, and whose fallbacks are such text.
    pub fn max_segments(&self, context: Option<Context>, transliterate: bool) -> usize {
        let longest = |letter: char| {
            move |p: &Placeholder<'a>, text: &mut String| match variables::lookup(context, p.name) {
                Some(variable) => {
                    text.extend(std::iter::repeat(letter).take(longest_len(variable, p)))
                }
                None => text.push_str(p.source),
            }
        };
        let mut worst = sms_count(&self.fill(longest('x')), transliterate).segments;
        if self.may_be_ucs2(context) {
            let greek = self.fill(longest('ώ'));
            worst = worst.max(sms_count(&greek, transliterate).segments);
        }
        worst
    }

    /// Whether some rendering of this template can need UCS-2.
    fn may_be_ucs2(&self, context: Option<Context>) -> bool {
        self.pieces.iter().any(|piece| match piece {
            Piece::Literal(literal) => !gsm7::is_gsm7(literal),
            Piece::Variable(p) => match variables::lookup(context, p.name) {
                Some(variable) => {
                    variable.free_text || p.fallback.is_some_and(|f| !gsm7::is_gsm7(f))
                }
                None => !gsm7::is_gsm7(p.source),
            },
        })
    }
}

/// The longest plausible value of a known variable, in characters.
fn longest_len(variable: &Variable, placeholder: &Placeholder<'_>) -> usize {
    let fallback = placeholder.fallback.map_or(0, char_count);
    variable.max_chars.max(fallback)
}

impl<'a> Placeholder<'a> {
    /// `written` is the placeholder with its braces.
    fn new(written: &'a str, byte: usize) -> Placeholder<'a> {
        let inner = written
            .strip_prefix('{')
            .and_then(|rest| rest.strip_suffix('}'))
            .unwrap_or_default();
        let (name, fallback) = match inner.split_once('|') {
            Some((name, fallback)) => (name, Some(fallback)),
            None => (inner, None),
        };
        Placeholder {
            name: name.trim(),
            fallback,
            byte,
            source: written,
        }
    }
}

/// Byte index of the `}` closing the placeholder opened at byte `open`; when
/// another `{` comes first, `Err` with its byte index; at the end of the
/// template, `Err(None)`.
fn placeholder_end(bytes: &[u8], open: usize) -> Result<usize, Option<usize>> {
    let start = open + 1;
    let rest = bytes.get(start..).unwrap_or_default();
    match rest.iter().position(|b| *b == b'{' || *b == b'}') {
        Some(offset) if rest.get(offset) == Some(&b'}') => Ok(start + offset),
        Some(offset) => Err(Some(start + offset)),
        None => Err(None),
    }
}

/// The index of the first `{` or `}` from `at` on (or the length): four
/// bytes at a time (see `words`).
fn find_brace(bytes: &[u8], at: usize) -> usize {
    let mut at = skip_words(bytes, at, |word| {
        bytes_equal(word, b'{') | bytes_equal(word, b'}')
    });
    while let Some(&byte) = bytes.get(at) {
        if byte == b'{' || byte == b'}' {
            break;
        }
        at += 1;
    }
    at
}

/// Whether `byte` starts a character (is not a UTF-8 continuation byte).
fn is_char_start(byte: u8) -> bool {
    byte & 0xC0 != 0x80
}

/// Unicode scalar values in `text`.
fn char_count(text: &str) -> usize {
    text.bytes().filter(|byte| is_char_start(*byte)).count()
}

/// A rendered template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub unknown_vars: Vec<String>,
}

/// Variable values as text, in the order given. Setting a name again
/// replaces its value (as in a JSON object, the last one wins). A handful of
/// variables per message makes a list faster than any hash map.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vars<'a> {
    values: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

impl<'a> Vars<'a> {
    pub fn new() -> Vars<'a> {
        Vars::default()
    }

    pub fn insert(&mut self, name: impl Into<Cow<'a, str>>, value: impl Into<Cow<'a, str>>) {
        let (name, value) = (name.into(), value.into());
        match self
            .values
            .iter_mut()
            .find(|(known, _)| text_eq(known, &name))
        {
            Some(slot) => slot.1 = value,
            None => self.values.push((name, value)),
        }
    }

    /// Forgets `name` (a JSON `null` after a value).
    pub fn remove(&mut self, name: &str) {
        self.values.retain(|(known, _)| !text_eq(known, name));
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(known, _)| text_eq(known, name))
            .map(|(_, value)| value.as_ref())
    }
}

/// `vars` as the input gives them; [`VarsInput::read`] judges the values.
#[derive(Debug, Default)]
pub struct VarsInput<'a>(Vec<(Text<'a>, Loose<'a>)>);

impl<'de: 'a, 'a> ObjectFields<'de> for VarsInput<'a> {
    fn field<A: MapAccess<'de>>(&mut self, key: Text<'de>, map: &mut A) -> Result<(), A::Error> {
        let value = map.next_value::<Loose<'a>>()?;
        self.0.push((key, value));
        Ok(())
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for VarsInput<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        input::deserialize_object(deserializer)
    }
}

impl<'a> VarsInput<'a> {
    /// The same, read in place (see `json_text`): strings, integers and
    /// nulls only; any other value is left to serde (and its message).
    pub fn read_in_place(reader: &mut JsonReader<'a>) -> Option<VarsInput<'a>> {
        let mut vars = Vec::new();
        reader.object(|reader, name| {
            vars.push((Text(Cow::Borrowed(name)), reader.scalar()?));
            Some(())
        })?;
        Some(VarsInput(vars))
    }

    /// Strings as they are, numbers in JSON notation, null as missing.
    /// Anything else is a caller bug and a `bad_request`.
    pub fn read(&self) -> Result<Vars<'_>, CoreError> {
        let mut vars = Vars::new();
        for (name, value) in &self.0 {
            let name = name.as_str();
            match value {
                Loose::Str(text) => vars.insert(name, text.as_ref()),
                Loose::Num(number) => vars.insert(name, number.to_string()),
                Loose::Null => vars.remove(name),
                Loose::Other(other) => {
                    return Err(CoreError::bad_request(format!(
                        "vars.{name} must be a string, a number or null, not {other}"
                    )))
                }
            }
        }
        Ok(vars)
    }
}

/// Segments of the SMS form of `text` (transliterated when asked).
pub fn sms_count(text: &str, transliterate: bool) -> SegmentCount {
    if transliterate {
        segments::count(&greek_to_gsm7(text))
    } else {
        segments::count(text)
    }
}

#[derive(Deserialize)]
struct RenderInput<'a> {
    #[serde(borrow)]
    template: Text<'a>,
    #[serde(borrow)]
    context: Text<'a>,
    #[serde(default, borrow)]
    vars: Option<VarsInput<'a>>,
    /// `null` like missing: off.
    transliterate: Option<bool>,
}

/// The `render` reply; fields in alphabetical order, as a `Value` prints them.
#[derive(Serialize)]
struct RenderOutput {
    encoding: Encoding,
    segments: usize,
    sms_text: String,
    text: String,
    units: usize,
    unknown_vars: Vec<String>,
}

/// `render {template, context, vars, transliterate?}` →
/// `{text, sms_text, encoding, segments, units, unknown_vars}`; encoding,
/// segments and units describe `sms_text` (= `text`, transliterated when asked).
fn render_reply(input: RenderInput<'_>) -> Result<RenderOutput, CoreError> {
    let context = Context::parse(input.context.as_str())?;
    let vars = match &input.vars {
        Some(vars) => vars.read()?,
        None => Vars::new(),
    };
    let rendered = Template::parse(input.template.as_str()).render(Some(context), &vars)?;
    let sms_text = if input.transliterate.unwrap_or(false) {
        greek_to_gsm7(&rendered.text)
    } else {
        rendered.text.clone()
    };
    let counted = segments::count(&sms_text);
    Ok(RenderOutput {
        encoding: counted.encoding,
        segments: counted.segments,
        sms_text,
        text: rendered.text,
        units: counted.units,
        unknown_vars: rendered.unknown_vars,
    })
}

impl<'a> RenderInput<'a> {
    /// The same input, read in place (see `json_text`).
    fn read_in_place(reader: &mut JsonReader<'a>) -> Option<RenderInput<'a>> {
        let (mut template, mut context, mut vars, mut transliterate) = (None, None, None, None);
        reader.object(|reader, key| {
            if JsonReader::key_is(key, "template") {
                template = Some(Text(reader.string()?));
            } else if JsonReader::key_is(key, "context") {
                context = Some(Text(reader.string()?));
            } else if JsonReader::key_is(key, "vars") {
                vars = reader.nullable(VarsInput::read_in_place)?;
            } else if JsonReader::key_is(key, "transliterate") {
                transliterate = reader.nullable(JsonReader::boolean)?;
            } else {
                reader.skip()?;
            }
            Some(())
        })?;
        Some(RenderInput {
            template: template?,
            context: context?,
            vars,
            transliterate,
        })
    }
}

impl RenderOutput {
    /// The reply as serde_json would print it (`lib_tests` checks).
    fn to_json(&self) -> String {
        let mut out = String::with_capacity(64 + 2 * (self.text.len() + self.sms_text.len()));
        out.push_str("{\"encoding\":");
        push_json_string(&mut out, encoding_name(self.encoding));
        out.push_str(",\"segments\":");
        push_decimal(&mut out, self.segments);
        out.push_str(",\"sms_text\":");
        push_json_string(&mut out, &self.sms_text);
        out.push_str(",\"text\":");
        push_json_string(&mut out, &self.text);
        out.push_str(",\"units\":");
        push_decimal(&mut out, self.units);
        out.push_str(",\"unknown_vars\":");
        push_json_strings(&mut out, self.unknown_vars.iter().map(String::as_str));
        out.push('}');
        out
    }
}

/// `render` from a parsed input.
#[inline(never)] // see `dispatch` in lib.rs
pub(crate) fn render_op(input: Value) -> Result<Value, CoreError> {
    Ok(serde_json::to_value(render_reply(
        RenderInput::deserialize(&input)?,
    )?)?)
}

/// `render` read in place from the JSON text (see `lib.rs`); `None` when
/// the input is not taken that way or the answer is an error.
pub(crate) fn render_in_place(json: &[u8]) -> Option<String> {
    let input = JsonReader::document(json, RenderInput::read_in_place)?;
    Some(render_reply(input).ok()?.to_json())
}

#[derive(Deserialize)]
struct ValidateInput {
    template: String,
    context: String,
    /// `null` like missing: off.
    transliterate: Option<bool>,
}

/// `validate_template {template, context, transliterate?}` →
/// `{ok, errors[{code, at, message}], unknown_vars, max_segments}`.
#[inline(never)] // see `dispatch` in lib.rs
pub(crate) fn validate_op(input: Value) -> Result<Value, CoreError> {
    let input: ValidateInput = serde_json::from_value(input)?;
    let context = Some(Context::parse(&input.context)?);
    let template = Template::parse(&input.template);
    let mut issues = template.issues(context);
    if input.template.trim().is_empty() {
        // Parses fine, renders fine, and can never be sent: say so at save time.
        issues.insert(
            0,
            Issue {
                code: "empty_template",
                at: 0,
                message: "the template has no text".to_owned(),
            },
        );
    }
    let errors: Vec<Value> = issues
        .into_iter()
        .map(|issue| json!({"code": issue.code, "at": issue.at, "message": issue.message}))
        .collect();
    Ok(json!({
        "ok": errors.is_empty(),
        "errors": errors,
        "unknown_vars": template.unknown_vars(context),
        "max_segments": template.max_segments(context, input.transliterate.unwrap_or(false)),
    }))
}

#[cfg(test)]
#[path = "template_tests.rs"]
mod tests;

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

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::gsm7;
use crate::segments::{self, SegmentCount};
use crate::transliterate::greek_to_gsm7;
use crate::variables::{self, Context, Variable};
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

    fn empty_variable(placeholder: &Placeholder) -> Issue {
        let at = placeholder.at;
        let message = format!("'{}' at {at} names no variable", placeholder.source);
        Issue::new("empty_variable", at, message)
    }

    fn unknown_variable(placeholder: &Placeholder) -> Issue {
        let at = placeholder.at;
        let message = format!("unknown variable '{}' at {at}", placeholder.name);
        Issue::new("unknown_variable", at, message)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Variable(Placeholder),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Placeholder {
    name: String,
    fallback: Option<String>,
    /// Offset of the opening brace.
    at: usize,
    /// The placeholder as written, braces included.
    source: String,
}

/// A parsed template. Parsing always succeeds: syntax problems are recorded
/// in `issues` and the offending brace is kept as a literal character, so the
/// rest of the template can still be checked.
#[derive(Debug, Clone)]
pub struct Template {
    pieces: Vec<Piece>,
    issues: Vec<Issue>,
}

impl Template {
    pub fn parse(source: &str) -> Template {
        let chars: Vec<char> = source.chars().collect();
        let mut pieces = Vec::new();
        let mut issues = Vec::new();
        let mut literal = String::new();
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            match (c, chars.get(i + 1)) {
                ('{', Some('{')) | ('}', Some('}')) => {
                    literal.push(c);
                    i += 2;
                }
                ('}', _) => {
                    issues.push(Issue::stray_close(i));
                    literal.push(c);
                    i += 1;
                }
                ('{', _) => match placeholder_end(&chars, i) {
                    Ok(end) => {
                        let inner: String =
                            chars.get(i + 1..end).unwrap_or_default().iter().collect();
                        let placeholder = Placeholder::new(&inner, i);
                        if placeholder.name.is_empty() {
                            issues.push(Issue::empty_variable(&placeholder));
                        }
                        if !literal.is_empty() {
                            pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                        }
                        pieces.push(Piece::Variable(placeholder));
                        i = end + 1;
                    }
                    Err(next_open) => {
                        issues.push(Issue::unclosed_open(i, next_open));
                        literal.push(c);
                        i += 1;
                    }
                },
                _ => {
                    literal.push(c);
                    i += 1;
                }
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        Template { pieces, issues }
    }

    fn placeholders(&self) -> impl Iterator<Item = &Placeholder> {
        self.pieces.iter().filter_map(|piece| match piece {
            Piece::Variable(placeholder) if !placeholder.name.is_empty() => Some(placeholder),
            _ => None,
        })
    }

    /// Names used that `context` does not offer, once each, in order of use.
    pub fn unknown_vars(&self, context: Option<Context>) -> Vec<String> {
        let mut unknown: Vec<String> = Vec::new();
        for placeholder in self.placeholders() {
            if variables::lookup(context, &placeholder.name).is_none()
                && !unknown.contains(&placeholder.name)
            {
                unknown.push(placeholder.name.clone());
            }
        }
        unknown
    }

    /// Every problem: syntax and unknown variables, ordered by position.
    pub fn issues(&self, context: Option<Context>) -> Vec<Issue> {
        let mut issues = self.issues.clone();
        for placeholder in self.placeholders() {
            if variables::lookup(context, &placeholder.name).is_none() {
                issues.push(Issue::unknown_variable(placeholder));
            }
        }
        issues.sort_by_key(|issue| issue.at);
        issues
    }

    /// The text with every placeholder replaced; see the module rules.
    pub fn render(&self, context: Option<Context>, vars: &Vars) -> Result<Rendered, CoreError> {
        if let Some(issue) = self.issues.first() {
            return Err(CoreError::Template {
                message: issue.message.clone(),
                at: issue.at,
            });
        }
        let text = self.fill(|placeholder| {
            if variables::lookup(context, &placeholder.name).is_none() {
                return placeholder.source.clone();
            }
            match vars.get(&placeholder.name) {
                Some(value) if !value.trim().is_empty() => value.clone(),
                _ => placeholder.fallback.clone().unwrap_or_default(),
            }
        });
        Ok(Rendered {
            text,
            unknown_vars: self.unknown_vars(context),
        })
    }

    fn fill(&self, mut value_of: impl FnMut(&Placeholder) -> String) -> String {
        let mut text = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Literal(literal) => text.push_str(literal),
                Piece::Variable(placeholder) if placeholder.name.is_empty() => {
                    text.push_str(&placeholder.source)
                }
                Piece::Variable(placeholder) => text.push_str(&value_of(placeholder)),
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
        let known = |p: &Placeholder| variables::lookup(context, &p.name);
        let latin = self.fill(|p| match known(p) {
            Some(variable) => "x".repeat(longest_len(variable, p)),
            None => p.source.clone(),
        });
        let mut worst = sms_count(&latin, transliterate).segments;
        if self.may_be_ucs2(context) {
            let greek = self.fill(|p| match known(p) {
                Some(variable) => "ώ".repeat(longest_len(variable, p)),
                None => p.source.clone(),
            });
            worst = worst.max(sms_count(&greek, transliterate).segments);
        }
        worst
    }

    /// Whether some rendering of this template can need UCS-2.
    fn may_be_ucs2(&self, context: Option<Context>) -> bool {
        self.pieces.iter().any(|piece| match piece {
            Piece::Literal(literal) => !gsm7::is_gsm7(literal),
            Piece::Variable(p) => match variables::lookup(context, &p.name) {
                Some(variable) => {
                    variable.free_text || p.fallback.as_deref().is_some_and(|f| !gsm7::is_gsm7(f))
                }
                None => !gsm7::is_gsm7(&p.source),
            },
        })
    }
}

/// The longest plausible value of a known variable, in characters.
fn longest_len(variable: &Variable, placeholder: &Placeholder) -> usize {
    let fallback = placeholder
        .fallback
        .as_deref()
        .map_or(0, |f| f.chars().count());
    variable.max_chars.max(fallback)
}

impl Placeholder {
    fn new(inner: &str, at: usize) -> Placeholder {
        let (name, fallback) = match inner.split_once('|') {
            Some((name, fallback)) => (name, Some(fallback.to_owned())),
            None => (inner, None),
        };
        Placeholder {
            name: name.trim().to_owned(),
            fallback,
            at,
            source: format!("{{{inner}}}"),
        }
    }
}

/// Index of the `}` closing the placeholder opened at `open`; when another
/// `{` comes first, `Err` with its index; at the end of the template,
/// `Err(None)`.
fn placeholder_end(chars: &[char], open: usize) -> Result<usize, Option<usize>> {
    let start = open + 1;
    let rest = chars.get(start..).unwrap_or_default();
    match rest.iter().position(|c| *c == '{' || *c == '}') {
        Some(offset) if rest.get(offset) == Some(&'}') => Ok(start + offset),
        Some(offset) => Err(Some(start + offset)),
        None => Err(None),
    }
}

/// A rendered template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub unknown_vars: Vec<String>,
}

/// Variable values as text.
pub type Vars = HashMap<String, String>;

/// Reads `vars`: strings as they are, numbers in JSON notation, null as
/// missing. Anything else is a caller bug and a `bad_request`.
pub fn vars_from_json(vars: Option<Map<String, Value>>) -> Result<Vars, CoreError> {
    let mut out = Vars::new();
    for (name, value) in vars.unwrap_or_default() {
        match value {
            Value::String(text) => {
                out.insert(name, text);
            }
            Value::Number(number) => {
                out.insert(name, number.to_string());
            }
            Value::Null => {}
            other => {
                return Err(CoreError::bad_request(format!(
                    "vars.{name} must be a string, a number or null, not {other}"
                )))
            }
        }
    }
    Ok(out)
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
struct RenderInput {
    template: String,
    context: String,
    #[serde(default)]
    vars: Option<Map<String, Value>>,
    /// `null` like missing: off.
    transliterate: Option<bool>,
}

/// `render {template, context, vars, transliterate?}` →
/// `{text, sms_text, encoding, segments, units, unknown_vars}`; encoding,
/// segments and units describe `sms_text` (= `text`, transliterated when asked).
pub(crate) fn render_op(input: Value) -> Result<Value, CoreError> {
    let input: RenderInput = serde_json::from_value(input)?;
    let context = Context::parse(&input.context)?;
    let vars = vars_from_json(input.vars)?;
    let rendered = Template::parse(&input.template).render(Some(context), &vars)?;
    let sms_text = if input.transliterate.unwrap_or(false) {
        greek_to_gsm7(&rendered.text)
    } else {
        rendered.text.clone()
    };
    let counted = segments::count(&sms_text);
    Ok(json!({
        "text": rendered.text,
        "sms_text": sms_text,
        "encoding": counted.encoding,
        "segments": counted.segments,
        "units": counted.units,
        "unknown_vars": rendered.unknown_vars,
    }))
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

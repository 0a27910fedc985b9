//! A strict JSON reader and a string writer for the ops answered in place
//! (`lib.rs`).
//!
//! Why not serde_json here: translated to PHP, every wasm instruction and
//! every call costs, and serde_json's generic visitors spent more on reading
//! the `plan` input than the rules spent on the message. This reader reads
//! the bytes once: strings are borrowed unless they hold escapes, and UTF-8
//! is checked only inside strings (everything else in JSON is ASCII).
//!
//! It reads a subset on purpose: anything it does not take — a number with
//! a fraction or an exponent, an object key with escapes, nesting deeper
//! than [`MAX_DEPTH`], a lone
//! surrogate, invalid UTF-8, any syntax error — makes it give up (`None`),
//! and the op is then answered through serde_json and a `Value`. So it need
//! not know JSON's every corner, only never accept what serde_json refuses
//! or read a value differently. Repeated keys: the last one wins, as in a
//! `Value`.
//!
//! The small methods are `#[inline(always)]`: once translated to PHP a call
//! costs far more than the few instructions it saves (measured: the parse
//! runs ~6 % more instructions inlined, and is ~15 % faster in PHP). Keys
//! are compared with `text_eq`, not `==` (which calls `memcmp` in wasm).

use std::borrow::Cow;

use serde_json::Number;

use crate::input::Loose;
use crate::segments::Encoding;
use crate::text_eq::text_eq;
use crate::words::{bytes_below, bytes_equal, bytes_not_ascii, skip_words};

/// Deeper documents are left to serde_json (which stops at 128).
const MAX_DEPTH: u32 = 64;

pub struct JsonReader<'a> {
    bytes: &'a [u8],
    at: usize,
    depth: u32,
}

impl<'a> JsonReader<'a> {
    /// Reads one whole document with `value`; only whitespace may follow.
    pub fn document<T>(bytes: &'a [u8], value: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let mut reader = JsonReader {
            bytes,
            at: 0,
            depth: 0,
        };
        let read = value(&mut reader)?;
        reader.skip_whitespace();
        (reader.at == bytes.len()).then_some(read)
    }

    #[inline(always)]
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The next significant byte, not consumed.
    #[inline(always)]
    fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.bytes.get(self.at).copied()
    }

    #[inline(always)]
    fn eat(&mut self, byte: u8) -> Option<()> {
        if self.peek()? != byte {
            return None;
        }
        self.at += 1;
        Some(())
    }

    #[inline(always)]
    fn literal(&mut self, word: &[u8]) -> Option<()> {
        self.skip_whitespace();
        let end = self.at + word.len();
        if self.bytes.get(self.at..end)? != word {
            return None;
        }
        self.at = end;
        Some(())
    }

    #[inline(always)]
    fn nest(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// An object; `field` reads the value of each key.
    #[inline(always)]
    pub fn object(
        &mut self,
        mut field: impl FnMut(&mut Self, &'a str) -> Option<()>,
    ) -> Option<()> {
        self.list(b'{', b'}', |reader| {
            let key = reader.key()?;
            reader.eat(b':')?;
            field(reader, key)
        })
    }

    /// An array; `item` reads each element.
    #[inline(always)]
    pub fn array(&mut self, item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.list(b'[', b']', item)
    }

    /// `open`, then `item`s separated by commas, then `close`.
    #[inline(always)]
    fn list(
        &mut self,
        open: u8,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<()> {
        self.eat(open)?;
        self.nest()?;
        if self.peek()? == close {
            self.at += 1;
        } else {
            loop {
                item(self)?;
                match self.peek()? {
                    b',' => self.at += 1,
                    byte if byte == close => {
                        self.at += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.depth -= 1;
        Some(())
    }

    /// `null` as `None`; anything else read by `value`.
    #[inline(always)]
    pub fn nullable<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.peek()? == b'n' {
            self.literal(b"null")?;
            return Some(None);
        }
        value(self).map(Some)
    }

    #[inline(always)]
    pub fn boolean(&mut self) -> Option<bool> {
        match self.peek()? {
            b't' => self.literal(b"true").map(|()| true),
            b'f' => self.literal(b"false").map(|()| false),
            _ => None,
        }
    }

    /// An object key: a string without escapes (keys with escapes give up).
    /// Inlined: keys are most of the strings read, and short.
    #[inline(always)]
    fn key(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let (text, stop) = self.run()?;
        (stop == b'"').then_some(text)
    }

    /// A string, borrowed from the text unless it holds escapes.
    // One copy for every caller: inlined at each of them it made the
    // functions so large that the translation fell back to store helpers.
    #[inline(never)]
    pub fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let (text, stop) = self.run()?;
        if stop == b'"' {
            return Some(Cow::Borrowed(text));
        }
        let mut owned = String::with_capacity(text.len() + 16);
        owned.push_str(text);
        loop {
            owned.push(self.escape()?);
            let (text, stop) = self.run()?;
            owned.push_str(text);
            if stop == b'"' {
                return Some(Cow::Owned(owned));
            }
        }
    }

    /// The string content up to the next `"` or `\\` (consumed), and which
    /// one it was. UTF-8 is checked here, in the same pass: the input is
    /// bytes, and outside strings valid JSON is ASCII.
    #[inline(always)]
    fn run(&mut self) -> Option<(&'a str, u8)> {
        let bytes = self.bytes;
        let start = self.at;
        let mut at = start;
        let stop = loop {
            at = skip_plain_ascii(bytes, at);
            // A byte that needs a look: the end, an escape, a control, or
            // the start of a multi-byte character (and those after it).
            loop {
                let byte = *bytes.get(at)?;
                match byte {
                    b'"' | b'\\' => break,
                    // Control characters must be escaped in JSON.
                    0..=0x1F => return None,
                    0x80.. => at = utf8_sequence_end(bytes, at)?,
                    _ => {
                        at += 1;
                        break;
                    }
                }
            }
            match bytes.get(at) {
                Some(&byte @ (b'"' | b'\\')) => break byte,
                _ => continue,
            }
        };
        let run = bytes.get(start..at)?;
        // SAFETY: every byte of `run` was checked above: plain ASCII, or part
        // of a sequence `utf8_sequence_end` found well-formed, so it is UTF-8.
        let text = unsafe { std::str::from_utf8_unchecked(run) };
        self.at = at + 1;
        Some((text, stop))
    }

    /// The character of the escape whose backslash was just read.
    fn escape(&mut self) -> Option<char> {
        let byte = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                match unit {
                    0xD800..=0xDBFF => {
                        // A high surrogate must be followed by an escaped low one.
                        if self.bytes.get(self.at..self.at + 2)? != b"\\u" {
                            return None;
                        }
                        self.at += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return None;
                        }
                        char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?
                    }
                    _ => char::from_u32(unit)?,
                }
            }
            _ => return None,
        })
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.at..self.at + 4)?;
        let mut value = 0;
        for digit in digits {
            value = value * 16 + char::from(*digit).to_digit(16)?;
        }
        self.at += 4;
        Some(value)
    }

    /// An integer as serde_json reads it: `u64` when not negative, `i64`
    /// when negative. Fractions, exponents, `-0` and integers beyond both
    /// (which serde_json reads as floats) are given up.
    pub fn integer(&mut self) -> Option<Number> {
        let negative = self.peek()? == b'-';
        if negative {
            self.at += 1;
        }
        let first = *self.bytes.get(self.at)?;
        if !first.is_ascii_digit() {
            return None;
        }
        self.at += 1;
        let mut significand = u64::from(first - b'0');
        while let Some(&digit @ b'0'..=b'9') = self.bytes.get(self.at) {
            if first == b'0' {
                return None; // a leading zero
            }
            significand = significand
                .checked_mul(10)?
                .checked_add(u64::from(digit - b'0'))?;
            self.at += 1;
        }
        if let Some(b'.' | b'e' | b'E') = self.bytes.get(self.at) {
            return None;
        }
        if !negative {
            return Some(significand.into());
        }
        let value = (significand as i64).wrapping_neg();
        (value < 0).then(|| value.into())
    }

    /// Whether an object key is `name` (see `text_eq` for why not `==`).
    #[inline(always)]
    pub fn key_is(key: &str, name: &str) -> bool {
        text_eq(key, name)
    }

    /// A string, an integer or `null`, for fields whose rules judge the
    /// type; anything else is left to serde.
    #[inline(always)]
    pub fn scalar(&mut self) -> Option<Loose<'a>> {
        match self.peek()? {
            b'"' => self.string().map(Loose::Str),
            b'n' => self.literal(b"null").map(|()| Loose::Null),
            _ => self.integer().map(Loose::Num),
        }
    }

    /// Skips any value this reader can read (unknown keys).
    pub fn skip(&mut self) -> Option<()> {
        match self.peek()? {
            b'{' => self.object(|reader, _| reader.skip()),
            b'[' => self.array(Self::skip),
            b'"' => self.string().map(drop),
            b't' | b'f' => self.boolean().map(drop),
            b'n' => self.literal(b"null"),
            _ => self.integer().map(drop),
        }
    }
}

/// The index of the first byte from `at` on that is not plain string
/// content (`"`, `\\`, a control character or a non-ASCII byte), or of a
/// byte shortly before it: four bytes at a time, as one 32-bit word (the
/// classic "has a zero / has a byte below n" bit tricks), because a loop per
/// byte costs a dozen instructions each once translated to PHP.
#[inline(always)]
fn skip_plain_ascii(bytes: &[u8], at: usize) -> usize {
    skip_words(bytes, at, |word| {
        bytes_equal(word, b'"')
            | bytes_equal(word, b'\\')
            | bytes_below(word, 0x20)
            | bytes_not_ascii(word)
    })
}

/// The index after the UTF-8 sequence whose lead byte (≥ 0x80) is at
/// `at`, if the sequence is well-formed (Unicode 3.9, table 3-7: no
/// overlongs, no surrogates, nothing above U+10FFFF).
#[inline(always)]
fn utf8_sequence_end(bytes: &[u8], at: usize) -> Option<usize> {
    // Greek, and most accented Latin, is two bytes: check those first.
    if let (Some(0xC2..=0xDF), Some(0x80..=0xBF)) = (bytes.get(at), bytes.get(at + 1)) {
        return Some(at + 2);
    }
    let continues = |offset: usize, range: std::ops::RangeInclusive<u8>| {
        bytes
            .get(at + offset)
            .filter(|byte| range.contains(byte))
            .map(drop)
    };
    let (second, length) = match *bytes.get(at)? {
        0xC2..=0xDF => (0x80..=0xBF, 2),
        0xE0 => (0xA0..=0xBF, 3),
        0xE1..=0xEC | 0xEE..=0xEF => (0x80..=0xBF, 3),
        0xED => (0x80..=0x9F, 3),
        0xF0 => (0x90..=0xBF, 4),
        0xF1..=0xF3 => (0x80..=0xBF, 4),
        0xF4 => (0x80..=0x8F, 4),
        _ => return None,
    };
    continues(1, second)?;
    for offset in 2..length {
        continues(offset, 0x80..=0xBF)?;
    }
    Some(at + length)
}

/// An encoding's name on the wire (its serde name).
pub fn encoding_name(encoding: Encoding) -> &'static str {
    match encoding {
        Encoding::Gsm7 => "gsm7",
        Encoding::Ucs2 => "ucs2",
    }
}

/// Appends `n` in decimal (what `to_string` prints, without the formatting
/// machinery, which is heavy in wasm).
pub fn push_decimal(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(slot) = digits.get_mut(at) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    for &digit in digits.get(at..).unwrap_or_default() {
        out.push(char::from(digit));
    }
}

/// Appends `items` as a JSON list of strings.
pub fn push_json_strings<'s>(out: &mut String, items: impl IntoIterator<Item = &'s str>) {
    out.push('[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, item);
    }
    out.push(']');
}

/// Appends `text` as a JSON string, escaped exactly as serde_json escapes
/// (`"`, `\`, and control characters; short forms where JSON has them).
pub fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut at = 0;
    loop {
        at = skip_unescaped(bytes, at);
        let Some(&byte) = bytes.get(at) else { break };
        let short = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            0..=0x1F => "",
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(text.get(run..at).unwrap_or_default());
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        } else {
            out.push_str(short);
        }
        at += 1;
        run = at;
    }
    out.push_str(text.get(run..).unwrap_or_default());
    out.push('"');
}

/// Like [`skip_plain_ascii`] for writing: only `"`, `\\` and control
/// characters need escaping (other bytes, UTF-8 included, are copied).
#[inline(always)]
fn skip_unescaped(bytes: &[u8], at: usize) -> usize {
    skip_words(bytes, at, |word| {
        bytes_equal(word, b'"') | bytes_equal(word, b'\\') | bytes_below(word, 0x20)
    })
}

#[cfg(test)]
#[path = "json_text_tests.rs"]
mod tests;

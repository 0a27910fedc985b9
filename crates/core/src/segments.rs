//! SMS encoding and segment counting.
//!
//! A text goes out as GSM-7 when every character is in the GSM 03.38 tables,
//! otherwise as UCS-2. A single SMS carries 160 septets / 70 UTF-16 units; a
//! concatenated one loses room to its header and carries 153 / 67 per part.
//! Parts are cut greedily, one character at a time, and a character never
//! straddles two parts: an extension character's escape pair stays whole (so
//! a GSM-7 part may hold only 152 septets) and so does a UTF-16 surrogate pair
//! (a UCS-2 part may hold only 66 units).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::{gsm7, transliterate, CoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encoding {
    #[serde(rename = "gsm7")]
    Gsm7,
    #[serde(rename = "ucs2")]
    Ucs2,
}

impl Encoding {
    /// The encoding a carrier will use for `text`.
    pub fn of(text: &str) -> Encoding {
        if gsm7::is_gsm7(text) {
            Encoding::Gsm7
        } else {
            Encoding::Ucs2
        }
    }

    /// Capacity of a message that fits in one SMS.
    pub fn single_capacity(self) -> usize {
        match self {
            Encoding::Gsm7 => 160,
            Encoding::Ucs2 => 70,
        }
    }

    /// Capacity of each part of a concatenated SMS.
    pub fn part_capacity(self) -> usize {
        match self {
            Encoding::Gsm7 => 153,
            Encoding::Ucs2 => 67,
        }
    }

    /// Units `c` costs: septets for GSM-7, UTF-16 code units for UCS-2.
    fn units_of(self, c: char) -> usize {
        match self {
            Encoding::Gsm7 => gsm7::septets(c).unwrap_or(2),
            Encoding::Ucs2 => c.len_utf16(),
        }
    }

    pub fn units(self, text: &str) -> usize {
        text.chars().map(|c| self.units_of(c)).sum()
    }
}

/// How a text is billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SegmentCount {
    pub encoding: Encoding,
    /// Septets (GSM-7) or UTF-16 code units (UCS-2) of the whole text.
    pub units: usize,
    /// SMS parts; 0 for the empty text, which is never sent.
    pub segments: usize,
    /// Nominal capacity of each part: 160/70 for a single SMS, 153/67 when
    /// concatenated.
    pub per_segment: usize,
}

/// Encoding, units and segments of `text`, with parts cut as the module doc
/// describes (greedily, never inside a character; `split_parts` in the
/// tests spells that out and this is checked against it).
///
/// One pass over the text decides the encoding and sums its units; only a
/// text too long for one SMS is walked again, to count the greedy parts
/// without collecting them.
pub fn count(text: &str) -> SegmentCount {
    let (encoding, units) = match gsm7::septets_of(text) {
        Some(septets) => (Encoding::Gsm7, septets),
        None => (Encoding::Ucs2, utf16_units(text)),
    };
    let segments = if units == 0 {
        0
    } else if units <= encoding.single_capacity() {
        1
    } else {
        greedy_part_count(text, encoding)
    };
    let per_segment = if segments > 1 {
        encoding.part_capacity()
    } else {
        encoding.single_capacity()
    };
    SegmentCount {
        encoding,
        units,
        segments,
        per_segment,
    }
}

/// UTF-16 code units of `text`, from its UTF-8 bytes: one per character
/// (every byte that is not a continuation byte starts one) and one more per
/// character outside the BMP (4-byte sequences, lead byte `F0`–`F4`).
fn utf16_units(text: &str) -> usize {
    text.bytes()
        .map(|byte| usize::from(byte & 0xC0 != 0x80) + usize::from(byte >= 0xF0))
        .sum()
}

/// How many greedy parts a text too long for one SMS is cut into.
fn greedy_part_count(text: &str, encoding: Encoding) -> usize {
    let capacity = encoding.part_capacity();
    let mut parts = 1;
    let mut part_units = 0;
    for c in text.chars() {
        let cost = encoding.units_of(c);
        if part_units + cost > capacity {
            parts += 1;
            part_units = 0;
        }
        part_units += cost;
    }
    parts
}

/// The parts `text` is sent as: none for "", the whole text when it fits in a
/// single SMS, otherwise greedy parts of at most the part capacity that never
/// cut a character (and so never an escape pair or a surrogate pair). The
/// definition [`count`] is tested against; the core itself only counts.
#[cfg(test)]
pub fn split_parts(text: &str) -> (Encoding, Vec<&str>) {
    let encoding = Encoding::of(text);
    let total = encoding.units(text);
    if total == 0 {
        return (encoding, Vec::new());
    }
    if total <= encoding.single_capacity() {
        return (encoding, vec![text]);
    }
    let capacity = encoding.part_capacity();
    let mut parts = Vec::with_capacity(total / capacity + 1);
    let mut part_start = 0;
    let mut part_units = 0;
    for (offset, c) in text.char_indices() {
        let cost = encoding.units_of(c);
        if part_units + cost > capacity {
            parts.push(&text[part_start..offset]);
            part_start = offset;
            part_units = 0;
        }
        part_units += cost;
    }
    parts.push(&text[part_start..]);
    (encoding, parts)
}

#[derive(Deserialize)]
struct SegmentsInput {
    text: String,
    /// `null` like missing: off.
    transliterate: Option<bool>,
}

/// `segments {text, transliterate?}` → `{encoding, units, segments, per_segment, text}`
/// where `text` is the text as it would be sent.
#[inline(never)] // see `dispatch` in lib.rs
pub(crate) fn op(input: Value) -> Result<Value, CoreError> {
    let input: SegmentsInput = serde_json::from_value(input)?;
    let text = if input.transliterate.unwrap_or(false) {
        transliterate::greek_to_gsm7(&input.text)
    } else {
        input.text
    };
    let counted = count(&text);
    Ok(json!({
        "encoding": counted.encoding,
        "units": counted.units,
        "segments": counted.segments,
        "per_segment": counted.per_segment,
        "text": text,
    }))
}

#[cfg(test)]
#[path = "segments_tests.rs"]
mod tests;

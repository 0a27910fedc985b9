//! Phone numbers: whatever a customer typed at checkout → E.164.
//!
//! Accepted input: digits with any spaces, dashes, dots, slashes and
//! parentheses (`+30 (691) 234-5678`, `0030.691.234.5678`), at most 64
//! characters. Letters, other symbols, or a `+` anywhere but the start are
//! `invalid_phone`, with a message that says why.
//!
//! How the country is found, in order:
//! 1. An explicit international prefix — a leading `+` or `00` — always wins:
//!    the calling code is read from the number (longest prefix, see
//!    [`crate::calling_codes`]) and the default country only breaks ties
//!    between regions sharing a code (`+44…` is reported as `JE` for a Jersey
//!    default, `GB` otherwise). Internationally written numbers may carry
//!    their trunk 0, as in the British habit `+44 (0)7911 123456`; it is
//!    dropped where the trunk prefix is 0.
//! 2. Otherwise the number is national in the default country: its trunk
//!    prefix (0 in most of Europe, 1 in North America, 8 in Russia) is dropped.
//! 3. A number without its trunk prefix that starts with the default
//!    country's calling code and is valid without it (`447911123456` for GB)
//!    is read as international without the `+`: people paste numbers that way.
//!    In countries without a trunk prefix this holds only when the digits are
//!    not a valid national number as they stand (`306912345678` for GR has 12
//!    digits), because there national numbers may begin with the code's
//!    digits (Norwegian mobiles start with 47, Italian ones with 39).
//!
//! The national number is then checked by [`numbering::check_national`]:
//! exact rules for GR, CY, GB (and the Crown Dependencies), North America and
//! +7; the generic E.164 bounds elsewhere. The output is always `+` followed
//! by 8 to 15 digits, and normalising an output again gives it back.

mod numbering;

use crate::calling_codes::{calling_code, split_international};
use crate::CoreError;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A valid number: `e164` (`+306912345678`), the ISO region it belongs to
/// (upper case), and whether it is known to be a mobile (see
/// [`numbering`]: `false` also where mobiles cannot be told apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NormalizedPhone {
    pub e164: String,
    pub country: String,
    pub mobile: bool,
}

/// Longer input is not a phone number, whatever it contains.
const MAX_INPUT_CHARS: usize = 64;

/// Normalises `raw` to E.164; `default_country` (ISO alpha-2, any case, may be
/// empty) is used for national numbers and to break shared-code ties.
pub fn normalize(raw: &str, default_country: &str) -> Result<NormalizedPhone, CoreError> {
    let invalid = |why: String| {
        CoreError::invalid_phone(format!(
            "'{}' is not a valid phone number: {why}",
            shorten(raw)
        ))
    };
    let dialled = Dialled::read(raw).map_err(invalid)?;
    let default_country = default_country.trim();
    let (region, code, national) = if dialled.international {
        let (region, code) =
            split_international(&dialled.digits, default_country).ok_or_else(|| {
                invalid(format!(
                    "no country has the calling code at the start of +{}",
                    dialled.digits
                ))
            })?;
        let national = dialled.digits.get(code.len()..).unwrap_or_default();
        let national = match numbering::trunk_prefix(code) {
            Some("0") => national.strip_prefix('0').unwrap_or(national),
            _ => national,
        };
        (region, code, national.to_owned())
    } else {
        read_national(&dialled.digits, default_country).map_err(invalid)?
    };
    let mobile = numbering::check_national(code, &national).map_err(invalid)?;
    Ok(NormalizedPhone {
        e164: format!("+{code}{national}"),
        country: region.to_owned(),
        mobile,
    })
}

/// The region, calling code and national number of a number written without
/// an international prefix (rules 2 and 3 of the module doc).
fn read_national(
    digits: &str,
    default_country: &str,
) -> Result<(&'static str, &'static str, String), String> {
    let (code, national) = national_in(digits, default_country)?;
    Ok((region_of(default_country, code), code, national.to_owned()))
}

/// The default country's calling code and the national number in `digits`.
fn national_in<'a>(
    digits: &'a str,
    default_country: &str,
) -> Result<(&'static str, &'a str), String> {
    let code = calling_code(default_country).ok_or_else(|| {
        if default_country.is_empty() {
            "it has no international prefix (+ or 00) and no default country was given".to_owned()
        } else {
            format!("it has no international prefix (+ or 00) and '{default_country}' is not a known country code")
        }
    })?;
    let trunk = numbering::trunk_prefix(code);
    if let Some(national) = trunk.and_then(|trunk| digits.strip_prefix(trunk)) {
        return Ok((code, national));
    }
    // Where national numbers are written with a trunk prefix, digits without
    // it that start with the calling code are the international form; where
    // there is none, only when they are not a valid national number as they
    // stand (Norwegian mobiles start with 47, Italian ones with 39).
    if let Some(rest) = digits.strip_prefix(code) {
        let not_national = trunk.is_some() || numbering::check_national(code, digits).is_err();
        if not_national && numbering::check_national(code, rest).is_ok() {
            return Ok((code, rest));
        }
    }
    Ok((code, digits))
}

/// The canonical upper-case region for a default country known to use `code`.
fn region_of(default_country: &str, code: &str) -> &'static str {
    split_international(code, default_country).map_or("", |(region, _)| region)
}

/// The digits of the input and whether they were dialled internationally.
struct Dialled {
    international: bool,
    digits: String,
}

impl Dialled {
    fn read(raw: &str) -> Result<Self, String> {
        let text = raw.trim();
        if text.is_empty() {
            return Err("it is empty".to_owned());
        }
        if text.chars().count() > MAX_INPUT_CHARS {
            return Err(format!("it is longer than {MAX_INPUT_CHARS} characters"));
        }
        let mut plus = false;
        let mut digits = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '0'..='9' => digits.push(c),
                // `(+30) 691…` is common, so `+` may follow an opening bracket.
                '+' if digits.is_empty() && !plus => plus = true,
                '+' => return Err("'+' may only stand before the first digit".to_owned()),
                ' ' | '-' | '.' | '/' | '(' | ')' => {}
                c if c.is_whitespace() => {}
                c if c.is_alphabetic() => return Err("it contains letters".to_owned()),
                c => return Err(format!("it contains '{c}'")),
            }
        }
        if digits.is_empty() {
            return Err("it has no digits".to_owned());
        }
        if plus {
            if digits.starts_with('0') {
                return Err("a country calling code never starts with 0".to_owned());
            }
            return Ok(Dialled {
                international: true,
                digits,
            });
        }
        match digits.strip_prefix("00") {
            Some("") => Err("it has no digits after the international prefix 00".to_owned()),
            Some(rest) if rest.starts_with('0') => {
                Err("a country calling code never starts with 0".to_owned())
            }
            Some(rest) => Ok(Dialled {
                international: true,
                digits: rest.to_owned(),
            }),
            None => Ok(Dialled {
                international: false,
                digits,
            }),
        }
    }
}

/// Error messages quote the input, but never more than a line of it.
fn shorten(raw: &str) -> String {
    let mut quoted: String = raw.chars().take(MAX_INPUT_CHARS).collect();
    if raw.chars().count() > MAX_INPUT_CHARS {
        quoted.push('…');
    }
    quoted
}

#[derive(Deserialize)]
struct NormalizeInput {
    phone: String,
    #[serde(default)]
    country: Option<String>,
}

/// `normalize_phone`: `{phone, country}` → `{e164, country, mobile}`.
pub(crate) fn op(input: Value) -> Result<Value, CoreError> {
    let input: NormalizeInput = serde_json::from_value(input)?;
    let phone = normalize(&input.phone, input.country.as_deref().unwrap_or_default())?;
    Ok(serde_json::to_value(phone)?)
}

#[cfg(test)]
mod tests;

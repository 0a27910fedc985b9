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

mod ascii_buf;
mod numbering;

use crate::calling_codes::{calling_code, split_international, MAX_CODE_LEN};
use crate::CoreError;
use ascii_buf::AsciiBuf;
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

/// [`NormalizedPhone`] without heap allocations: what [`normalize_number`]
/// returns, for callers that only need to look at (or copy out) the parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhoneNumber {
    e164: E164,
    country: &'static str,
    mobile: bool,
}

impl PhoneNumber {
    /// `+` and 8 to 15 digits.
    pub fn e164(&self) -> &str {
        self.e164.as_str()
    }

    /// The ISO region, upper case.
    pub fn country(&self) -> &'static str {
        self.country
    }

    pub fn mobile(&self) -> bool {
        self.mobile
    }
}

/// Longer input is not a phone number, whatever it contains.
const MAX_INPUT_CHARS: usize = 64;

/// The digits of an input: at most one per input character.
type Digits = AsciiBuf<MAX_INPUT_CHARS>;

/// `+`, a calling code and a national number taken from the input's digits;
/// far more room than the 16 bytes a valid number uses, so it never fills.
type E164 = AsciiBuf<{ 1 + MAX_CODE_LEN + MAX_INPUT_CHARS }>;

/// Normalises `raw` to E.164; `default_country` (ISO alpha-2, any case, may be
/// empty) is used for national numbers and to break shared-code ties.
pub fn normalize(raw: &str, default_country: &str) -> Result<NormalizedPhone, CoreError> {
    let dialled = Dialled::read(raw).map_err(|why| invalid(raw, why))?;
    let parts = resolve(raw, &dialled, default_country)?;
    let mut e164 = String::with_capacity(1 + parts.code.len() + parts.national.len());
    e164.push('+');
    e164.push_str(parts.code);
    e164.push_str(parts.national);
    Ok(NormalizedPhone {
        e164,
        country: parts.region.to_owned(),
        mobile: parts.mobile,
    })
}

/// [`normalize`] without allocating unless it fails: same rules, same errors.
pub fn normalize_number(raw: &str, default_country: &str) -> Result<PhoneNumber, CoreError> {
    let dialled = Dialled::read(raw).map_err(|why| invalid(raw, why))?;
    let parts = resolve(raw, &dialled, default_country)?;
    let mut e164 = E164::new();
    // Cannot fail: the buffer holds `+`, any calling code and every digit.
    let _fits = e164.push(b'+') && e164.push_str(parts.code) && e164.push_str(parts.national);
    Ok(PhoneNumber {
        e164,
        country: parts.region,
        mobile: parts.mobile,
    })
}

/// The `invalid_phone` error for `raw`, saying `why`.
fn invalid(raw: &str, why: String) -> CoreError {
    CoreError::invalid_phone(format!(
        "'{}' is not a valid phone number: {why}",
        shorten(raw)
    ))
}

/// A valid number in parts; `national` borrows the dialled digits.
struct Parts<'a> {
    region: &'static str,
    code: &'static str,
    national: &'a str,
    mobile: bool,
}

/// Finds the country and checks the national number (module doc).
fn resolve<'a>(
    raw: &str,
    dialled: &'a Dialled,
    default_country: &str,
) -> Result<Parts<'a>, CoreError> {
    let invalid = |why: String| invalid(raw, why);
    let digits = dialled.digits();
    let default_country = trim(default_country);
    let (region, code, national) = if dialled.international {
        let (region, code) = split_international(digits, default_country).ok_or_else(|| {
            invalid(format!(
                "no country has the calling code at the start of +{digits}"
            ))
        })?;
        let national = digits.get(code.len()..).unwrap_or_default();
        let national = match numbering::trunk_prefix(code) {
            Some("0") => national.strip_prefix('0').unwrap_or(national),
            _ => national,
        };
        (region, code, national)
    } else {
        read_national(digits, default_country).map_err(invalid)?
    };
    let mobile = numbering::check_national(code, national).map_err(invalid)?;
    Ok(Parts {
        region,
        code,
        national,
        mobile,
    })
}

/// The region, calling code and national number of a number written without
/// an international prefix (rules 2 and 3 of the module doc).
fn read_national<'a>(
    digits: &'a str,
    default_country: &str,
) -> Result<(&'static str, &'static str, &'a str), String> {
    let (code, national) = national_in(digits, default_country)?;
    Ok((region_of(default_country, code), code, national))
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
    digits: Digits,
    /// Where the number starts in `digits`: 2 after a `00` prefix, else 0.
    start: usize,
}

impl Dialled {
    fn digits(&self) -> &str {
        self.digits.as_str().get(self.start..).unwrap_or_default()
    }

    fn read(raw: &str) -> Result<Self, String> {
        let text = trim(raw);
        if text.is_empty() {
            return Err("it is empty".to_owned());
        }
        // Counting characters is only needed when the bytes could be too many.
        if text.len() > MAX_INPUT_CHARS && text.chars().count() > MAX_INPUT_CHARS {
            return Err(format!("it is longer than {MAX_INPUT_CHARS} characters"));
        }
        let mut plus = false;
        let mut digits = Digits::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        // Bytewise: digits, `+` and the separators are ASCII; any other
        // character (ASCII or not) is only classified, and rejected unless
        // it is white space.
        while let Some(&byte) = bytes.get(i) {
            let other = match byte {
                // At most one digit per character, and there are at most
                // MAX_INPUT_CHARS of those: the push always fits.
                b'0'..=b'9' => {
                    digits.push(byte);
                    None
                }
                // `(+30) 691…` is common, so `+` may follow an opening bracket.
                b'+' if digits.is_empty() && !plus => {
                    plus = true;
                    None
                }
                b'+' => return Err("'+' may only stand before the first digit".to_owned()),
                b' ' | b'-' | b'.' | b'/' | b'(' | b')' => None,
                _ if byte.is_ascii() => Some(char::from(byte)),
                _ => text.get(i..).and_then(|rest| rest.chars().next()),
            };
            match other {
                None => i += 1,
                Some(c) if c.is_whitespace() => i += c.len_utf8(),
                Some(c) if c.is_alphabetic() => return Err("it contains letters".to_owned()),
                Some(c) => return Err(format!("it contains '{c}'")),
            }
        }
        // Looked at as bytes: the buffer holds ASCII digits only.
        let (first, second, third) = (digits.byte(0), digits.byte(1), digits.byte(2));
        if first.is_none() {
            return Err("it has no digits".to_owned());
        }
        let international = plus || (first, second) == (Some(b'0'), Some(b'0'));
        let start = if plus { 0 } else { 2 };
        if !international {
            return Ok(Dialled {
                international: false,
                digits,
                start: 0,
            });
        }
        match if plus { first } else { third } {
            None => Err("it has no digits after the international prefix 00".to_owned()),
            Some(b'0') => Err("a country calling code never starts with 0".to_owned()),
            Some(_) => Ok(Dialled {
                international: true,
                digits,
                start,
            }),
        }
    }
}

/// `text.trim()`, answered without decoding when both ends are ASCII and
/// not white space (the usual case).
fn trim(text: &str) -> &str {
    let solid =
        |byte: Option<&u8>| byte.is_some_and(|&b| b.is_ascii() && !char::from(b).is_whitespace());
    if solid(text.as_bytes().first()) && solid(text.as_bytes().last()) {
        text
    } else {
        text.trim()
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
#[inline(never)] // see `dispatch` in lib.rs
pub(crate) fn op(input: Value) -> Result<Value, CoreError> {
    let input: NormalizeInput = serde_json::from_value(input)?;
    let phone = normalize(&input.phone, input.country.as_deref().unwrap_or_default())?;
    Ok(serde_json::to_value(phone)?)
}

#[cfg(test)]
mod tests;

//! The one error type of the core. Every failure a host can see is a
//! `CoreError`, turned into `{"error":{"code":…,"message":…}}` at the boundary;
//! `code()` is stable (the admin UI and the PHP host switch on it), the
//! message is for humans.

use serde_json::{json, Value};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CoreError {
    /// Unknown op, malformed JSON, missing or mistyped field.
    #[error("{0}")]
    BadRequest(String),
    /// A phone number that cannot be turned into a valid E.164 number.
    #[error("{0}")]
    InvalidPhone(String),
    /// A timezone that is neither a known IANA name nor a fixed offset.
    #[error("{0}")]
    UnknownTimezone(String),
    /// A template that does not parse (unbalanced brace, empty variable) or
    /// uses variables its context does not have. `at` is the offset, in
    /// Unicode scalar values, of the first problem.
    #[error("{message}")]
    Template { message: String, at: usize },
}

impl CoreError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        CoreError::BadRequest(message.into())
    }

    pub fn invalid_phone(message: impl Into<String>) -> Self {
        CoreError::InvalidPhone(message.into())
    }

    pub fn unknown_timezone(message: impl Into<String>) -> Self {
        CoreError::UnknownTimezone(message.into())
    }

    /// The machine-readable code hosts switch on.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::BadRequest(_) => "bad_request",
            CoreError::InvalidPhone(_) => "invalid_phone",
            CoreError::UnknownTimezone(_) => "unknown_timezone",
            CoreError::Template { .. } => "template_error",
        }
    }

    /// The reply object a host receives instead of an op's output.
    pub fn to_json(&self) -> Value {
        let mut error = json!({ "code": self.code(), "message": self.to_string() });
        if let (CoreError::Template { at, .. }, Some(fields)) = (self, error.as_object_mut()) {
            fields.insert("at".to_owned(), json!(at));
        }
        json!({ "error": error })
    }
}

/// Deserialising an op's input failed: the caller sent the wrong shape.
impl From<serde_json::Error> for CoreError {
    fn from(err: serde_json::Error) -> Self {
        CoreError::BadRequest(format!("invalid input: {err}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_json_has_code_and_message() {
        let err = CoreError::invalid_phone("too short");
        assert_eq!(
            err.to_json(),
            json!({"error":{"code":"invalid_phone","message":"too short"}})
        );
    }

    #[test]
    fn template_error_carries_position() {
        let err = CoreError::Template {
            message: "unbalanced brace".into(),
            at: 7,
        };
        assert_eq!(err.to_json()["error"]["at"], json!(7));
        assert_eq!(err.code(), "template_error");
    }

    #[test]
    fn serde_errors_are_bad_requests() {
        let err: CoreError = serde_json::from_str::<u8>("\"x\"").unwrap_err().into();
        assert_eq!(err.code(), "bad_request");
    }
}

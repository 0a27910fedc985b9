//! Errors of the translator.

/// Why a module could not be translated.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes are not a valid WebAssembly 2.0 module (malformed or invalid).
    #[error("invalid module: {0}")]
    Invalid(String),
    /// Valid WebAssembly that wasm2php does not translate (e.g. 64-bit memories).
    #[error("unsupported: {0}")]
    Unsupported(String),
}

impl From<wasmparser::BinaryReaderError> for Error {
    fn from(err: wasmparser::BinaryReaderError) -> Self {
        Error::Invalid(err.to_string())
    }
}

pub type Result<T> = std::result::Result<T, Error>;

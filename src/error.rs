//! Errors and positions.
//!
//! Positions follow the `csv` crate's convention: byte offsets and record indices start at `0`,
//! line numbers start at `1`. Byte offsets count bytes of the *decoded* stream: after gzip
//! decompression and after UTF-16 or windows-1252 input has been transcoded to UTF-8 (for plain
//! UTF-8 input, which is nearly everything, they are offsets into the file itself).

use serde::Serialize;
use std::fmt;

/// Where something is in the input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Position {
    /// Byte offset (0-based) in the decoded stream.
    pub byte: u64,
    /// Physical line (1-based) of the file; for a CSV file the header is line 1.
    pub line: u64,
    /// Record index (0-based, data records only; the header is not a record).
    pub record: u64,
}

/// What went wrong while reading the input, or what the options asked for that the data does not
/// have. Reading goes on after every kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// Bytes that are not valid UTF-8; the value was decoded lossily (U+FFFD).
    InvalidUtf8,
    /// A CSV record with more or fewer fields than the header.
    RaggedRow { expected: u64, found: u64 },
    /// A quoted CSV field still open at the end of the file.
    UnclosedQuote,
    /// A JSONL line that is not valid JSON.
    InvalidJson,
    /// A JSONL line, or a JSON array element, that is valid JSON but not an object.
    NotAnObject,
    /// A line or record larger than the engine will hold; it was skipped.
    TooLarge { limit: u64 },
    /// The gzip stream is corrupt or truncated; reading stopped there.
    Gzip,
    /// A UTF-16 file with an odd number of bytes or an unpaired surrogate.
    InvalidUtf16,
    /// Binary content (a ZIP archive, an image, NUL bytes that are not UTF-16): nothing was read.
    Binary,
    /// More columns than the configured limit; extra columns are not profiled.
    TooManyColumns { limit: u64 },
    /// The input could not be read at all (the drivers use this for I/O failures).
    Io,
    /// A column named in the options (label, sensitive) is not in the data.
    UnknownColumn,
    /// The outcome named in the options is not a class of the label.
    UnknownClass,
}

impl ErrorKind {
    /// A short stable name, used in reports.
    pub fn name(&self) -> &'static str {
        match self {
            ErrorKind::InvalidUtf8 => "invalid-utf8",
            ErrorKind::RaggedRow { .. } => "ragged-row",
            ErrorKind::UnclosedQuote => "unclosed-quote",
            ErrorKind::InvalidJson => "invalid-json",
            ErrorKind::NotAnObject => "not-an-object",
            ErrorKind::TooLarge { .. } => "too-large",
            ErrorKind::Gzip => "gzip",
            ErrorKind::InvalidUtf16 => "invalid-utf16",
            ErrorKind::TooManyColumns { .. } => "too-many-columns",
            ErrorKind::Binary => "binary",
            ErrorKind::Io => "io",
            ErrorKind::UnknownColumn => "unknown-column",
            ErrorKind::UnknownClass => "unknown-class",
        }
    }
}

/// Longest error message kept, in bytes.
pub const MAX_MESSAGE_BYTES: usize = 512;

/// `s` if it is at most `max` bytes; otherwise its start and end around "… (N bytes cut) …".
pub fn clip_middle(s: String, max: usize) -> String {
    if s.len() <= max {
        return s;
    }
    let tail_len = max / 4;
    let mut head = max - tail_len - 32;
    while !s.is_char_boundary(head) {
        head -= 1;
    }
    let mut tail = s.len() - tail_len;
    while !s.is_char_boundary(tail) {
        tail += 1;
    }
    let (h, t) = (s.get(..head).unwrap_or(""), s.get(tail..).unwrap_or(""));
    format!("{h} … ({} bytes cut) … {t}", tail - head)
}

/// A positioned problem in the input.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Error {
    pub kind: ErrorKind,
    pub pos: Position,
    pub message: String,
}

impl Error {
    /// An error; a message longer than [`MAX_MESSAGE_BYTES`] (one quoting a 200 KB key, say) is
    /// cut in its middle, keeping its start and its end, so that kept errors cost bounded memory.
    pub fn new(kind: ErrorKind, pos: Position, message: impl Into<String>) -> Error {
        Error { kind, pos, message: clip_middle(message.into(), MAX_MESSAGE_BYTES) }
    }

    /// Where it happened.
    pub fn position(&self) -> Position {
        self.pos
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, byte {}: {}", self.pos.line, self.pos.byte, self.message)
    }
}

impl std::error::Error for Error {}

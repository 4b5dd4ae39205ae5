//! What ingest emits and the profile takes: cells, and the [`RecordSink`] they go into.
//!
//! Ingest knows nothing of the profile and the profile nothing of ingest: `lib` hands the
//! parsers a `&mut dyn RecordSink` that the profile implements. CSV and JSON records take the
//! same path: both arrive as cells by column position.

use crate::error::Error;

/// A cell as ingest hands it over.
#[derive(Clone, Copy, Debug, serde::Serialize, serde::Deserialize)]
pub enum Cell<'a> {
    /// Text from CSV, or a JSON string.
    Text(&'a str),
    /// JSON null.
    Null,
    /// JSON true/false.
    Bool(bool),
    /// A JSON number, as written.
    Number(&'a str),
    /// A JSON array, summarised by its length.
    ArrayLen(u64),
    /// A JSON array holding objects (chat turns, nested instances): its length and its JSON text,
    /// which the text family reads; profiled like [`Cell::ArrayLen`].
    Items(u64, &'a str),
    /// A JSON record without this key (not the same as null: the column is not present).
    Absent,
}

impl Cell<'_> {
    /// The cell's value as text: trimmed text, a number as written, `true`/`false`, `[n]` for an
    /// array; empty for null and absent.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Text(t) => trim(t).into(),
            Cell::Number(t) => (*t).into(),
            Cell::Bool(true) => "true".into(),
            Cell::Bool(false) => "false".into(),
            Cell::ArrayLen(n) | Cell::Items(n, _) => format!("[{n}]").into(),
            Cell::Null | Cell::Absent => "".into(),
        }
    }
}

/// `s.trim()`, with a fast path for the common value that starts and ends with a printable ASCII
/// byte (nothing to trim: `str::trim` would decode a character at each end to learn the same).
#[inline]
pub fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&a), Some(&b)) if a > b' ' && a < 0x7f && b > b' ' && b < 0x7f => s,
        _ => s.trim(),
    }
}

/// Where a batch of column names comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Origin {
    /// A CSV header row.
    Header,
    /// A CSV file without a header: `column_1`, `column_2`, ….
    Generated,
    /// A JSON key seen for the first time (flattened: `user.age`).
    Key,
}

/// Takes what ingest reads. Implemented by the profile; tests implement it to check ingest alone.
pub trait RecordSink {
    /// Columns appended to the schema, in order: a CSV file's names once, before its first
    /// record; a JSON key when it is first seen, before the record that holds it.
    fn columns(&mut self, names: &[String], origin: Origin);
    /// One record at a 1-based physical line, cells by column position. A short CSV row has
    /// fewer cells than columns (the rest count as empty); a JSON record has [`Cell::Absent`]
    /// for the keys it lacks.
    fn record(&mut self, line: u64, cells: &[Cell<'_>]);
    /// A problem in the input, with its position; reading goes on.
    fn issue(&mut self, e: Error);
    /// Something the report should say about how the input was read (an encoding that was
    /// detected rather than declared). Ignored by default.
    fn note(&mut self, _text: String) {}
}

/// Longest column name kept, in bytes; longer names are cut and given a hash of the whole name
/// (so that distinct names stay distinct).
pub const MAX_NAME_BYTES: usize = 256;

/// A column name as the engine keeps it: at most [`MAX_NAME_BYTES`] bytes, a longer one cut at
/// a character boundary and ended with `…#` and the xxh3 hash of the whole name.
pub fn kept_name(name: &str) -> std::borrow::Cow<'_, str> {
    if name.len() <= MAX_NAME_BYTES {
        return std::borrow::Cow::Borrowed(name);
    }
    let mut end = MAX_NAME_BYTES - 20;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    let head = name.get(..end).unwrap_or("");
    std::borrow::Cow::Owned(format!("{head}…#{:016x}", xxhash_rust::xxh3::xxh3_64(name.as_bytes())))
}

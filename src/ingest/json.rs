//! JSON Lines and top-level JSON arrays of objects, both streamed record by record.
//!
//! Memory: one line (JSONL) or one array element (JSON) at a time, at most `max_record_bytes`;
//! a larger one is skipped to its end and reported.
//!
//! Nested objects are flattened to dotted names (`user.age`); arrays become their length.

use crate::error::{Error, ErrorKind, Position};
use crate::record;
use crate::record::{Cell, Origin, RecordSink};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use xxhash_rust::xxh3::xxh3_64;

/// A flattened cell that owns its text.
enum Flat {
    Text(String),
    Null,
    Bool(bool),
    Number(String),
    ArrayLen(u64),
    /// An array holding objects: its length and JSON text (for chats and nested instances).
    Items(u64, String),
}

fn flatten(prefix: &str, v: Value, out: &mut Vec<(String, Flat)>, depth: usize) {
    match v {
        Value::Object(m) if depth < 32 => {
            if m.is_empty() && !prefix.is_empty() {
                out.push((prefix.to_string(), Flat::Null));
            }
            for (k, v) in m {
                let name = if prefix.is_empty() { k } else { format!("{prefix}.{k}") };
                flatten(&name, v, out, depth + 1);
            }
        }
        Value::Object(m) => out.push((prefix.to_string(), Flat::Text(Value::Object(m).to_string()))),
        Value::Null => out.push((prefix.to_string(), Flat::Null)),
        Value::Bool(b) => out.push((prefix.to_string(), Flat::Bool(b))),
        Value::Number(n) => out.push((prefix.to_string(), Flat::Number(n.to_string()))),
        Value::String(s) => out.push((prefix.to_string(), Flat::Text(s))),
        Value::Array(a) if a.iter().any(Value::is_object) => {
            let n = a.len() as u64;
            out.push((prefix.to_string(), Flat::Items(n, Value::Array(a).to_string())));
        }
        Value::Array(a) => out.push((prefix.to_string(), Flat::ArrayLen(a.len() as u64))),
    }
}

impl Flat {
    fn cell(&self) -> Cell<'_> {
        match self {
            Flat::Text(s) => Cell::Text(s),
            Flat::Null => Cell::Null,
            Flat::Bool(b) => Cell::Bool(*b),
            Flat::Number(s) => Cell::Number(s),
            Flat::ArrayLen(n) => Cell::ArrayLen(*n),
            Flat::Items(n, s) => Cell::Items(*n, s),
        }
    }
}

/// Names of keys dropped for `max_columns` that are remembered, to report each once.
const MAX_DROPPED_NAMES: usize = 1000;

/// Flattened keys → column positions, so that JSON records reach the sink as positional rows
/// like CSV's. Memory: at most `max_columns` keys, each held as its first
/// [`record::MAX_NAME_BYTES`] bytes and a hash of the rest ([`record::kept_name`]), plus the
/// hashes of at most [`MAX_DROPPED_NAMES`] keys past that limit.
#[derive(Debug, Default)]
pub struct Keys {
    index: HashMap<String, usize>,
    max_columns: usize,
    dropped: HashSet<u64>,
    /// Keys past `max_columns` met in records, every one (the first distinct ones are also
    /// reported as errors).
    beyond_total: u64,
    /// The end was noted (finish may be called more than once).
    noted: bool,
    /// Objects handed to the sink so far.
    records: u64,
}

impl Keys {
    pub fn new(max_columns: usize) -> Keys {
        Keys { max_columns, ..Keys::default() }
    }

    /// The keys met so far, in the order met (their column positions).
    pub fn names(&self) -> Vec<String> {
        let mut v: Vec<(&String, &usize)> = self.index.iter().collect();
        v.sort_by_key(|(_, &i)| i);
        v.into_iter().map(|(k, _)| k.clone()).collect()
    }

    /// Whether a key past `max_columns` was met.
    pub fn dropped_any(&self) -> bool {
        self.beyond_total > 0
    }

    /// At the end: says how many keys past the column limit were met, when some distinct ones
    /// went unlisted (only the first [`MAX_DROPPED_NAMES`] are reported one by one).
    fn finish(&mut self, p: &mut dyn RecordSink) {
        if self.dropped.len() >= MAX_DROPPED_NAMES && !std::mem::replace(&mut self.noted, true) {
            p.note(format!(
                "{} keys past the first {} columns were met in the records and not profiled; the first {} distinct ones are listed as input errors, later ones only counted here.",
                crate::fmt::num(self.beyond_total),
                self.max_columns,
                crate::fmt::num(MAX_DROPPED_NAMES as u64)
            ));
        }
    }

    /// One flattened object as a row of cells by column position (`Cell::Absent` for keys it
    /// lacks); announces keys seen for the first time to the sink. Keys past `max_columns` are
    /// not profiled, but they still make the row what it is: the second value stands for them
    /// (their count and an order-free hash of their names and values), as a last cell, so that
    /// records differing only there are not duplicates.
    fn row<'a>(
        &mut self,
        flat: &'a [(String, Flat)],
        line: u64,
        p: &mut dyn RecordSink,
    ) -> (Vec<Cell<'a>>, Option<String>) {
        let mut cells = vec![Cell::Absent; self.index.len()];
        let (mut beyond, mut beyond_hash) = (0u64, 0u64);
        for (k, f) in flat {
            let kept = record::kept_name(k);
            let i = match self.index.get(kept.as_ref()) {
                Some(&i) => i,
                None if self.index.len() < self.max_columns => {
                    let i = self.index.len();
                    self.index.insert(kept.into_owned(), i);
                    p.columns(std::slice::from_ref(k), Origin::Key);
                    cells.push(Cell::Absent);
                    i
                }
                None => {
                    beyond += 1;
                    self.beyond_total += 1;
                    let v = f.cell();
                    beyond_hash =
                        beyond_hash.wrapping_add(xxh3_64(k.as_bytes()).rotate_left(17) ^ xxh3_64(v.text().as_bytes()));
                    if self.dropped.len() < MAX_DROPPED_NAMES && self.dropped.insert(xxh3_64(k.as_bytes())) {
                        p.issue(Error::new(
                            ErrorKind::TooManyColumns { limit: self.max_columns as u64 },
                            Position { byte: 0, line, record: self.records },
                            format!(
                                "key '{k}' is beyond the first {} columns and is not profiled (max_columns)",
                                self.max_columns
                            ),
                        ));
                    }
                    continue;
                }
            };
            if let Some(c) = cells.get_mut(i) {
                *c = f.cell();
            }
        }
        self.records += 1;
        (cells, (beyond > 0).then(|| format!("{beyond} keys beyond max_columns #{beyond_hash:016x}")))
    }
}

/// Parses one JSON text and hands the object to the sink, or reports why it cannot.
fn emit(bytes: &[u8], pos: Position, keys: &mut Keys, p: &mut dyn RecordSink, what: &str) {
    let text: std::borrow::Cow<'_, str> = match std::str::from_utf8(bytes) {
        Ok(s) => s.into(),
        Err(e) => {
            p.issue(Error::new(
                ErrorKind::InvalidUtf8,
                Position { byte: pos.byte + e.valid_up_to() as u64, ..pos },
                format!("invalid UTF-8 at byte {} of the {what}; decoded with U+FFFD replacements", e.valid_up_to()),
            ));
            String::from_utf8_lossy(bytes)
        }
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(m)) => {
            let mut flat = Vec::with_capacity(m.len());
            flatten("", Value::Object(m), &mut flat, 0);
            let (mut cells, beyond) = keys.row(&flat, pos.line, p);
            if let Some(b) = &beyond {
                cells.push(Cell::Text(b));
            }
            p.record(pos.line, &cells);
        }
        Ok(other) => {
            let kind = match other {
                Value::Array(_) => "an array",
                Value::String(_) => "a string",
                Value::Number(_) => "a number",
                Value::Bool(_) => "a boolean",
                _ => "null",
            };
            p.issue(Error::new(
                ErrorKind::NotAnObject,
                pos,
                format!("the {what} holds {kind}, not an object; skipped"),
            ));
        }
        Err(e) => {
            p.issue(Error::new(
                ErrorKind::InvalidJson,
                Position { line: pos.line + e.line().saturating_sub(1) as u64, ..pos },
                format!(
                    "invalid JSON in the {what} at column {}: {}; skipped",
                    e.column(),
                    // serde_json says "at line L column C" counting within the record: drop it,
                    // the position already names the file's line.
                    e.to_string().split(" at line ").next().unwrap_or("")
                ),
            ));
        }
    }
}

/// JSON Lines: one value per line; blank lines are skipped.
pub struct JsonlParser {
    buf: Vec<u8>,
    byte: u64,
    line: u64,
    line_start: u64,
    oversize: bool,
    max: usize,
    records: u64,
    keys: Keys,
}

impl JsonlParser {
    pub fn new(max: usize, max_columns: usize) -> JsonlParser {
        JsonlParser {
            buf: Vec::new(),
            byte: 0,
            line: 1,
            line_start: 0,
            oversize: false,
            max,
            records: 0,
            keys: Keys::new(max_columns),
        }
    }

    pub fn line(&self) -> u64 {
        self.line
    }

    /// A parser for a later byte range of the input, which starts at a line start: decoded byte
    /// `byte`, physical line `line`, with the keys the ranges before it met (so that columns keep
    /// the same positions; the profile is told of them by the caller).
    pub fn resumed(max: usize, max_columns: usize, keys: &[String], byte: u64, line: u64) -> JsonlParser {
        let mut p = JsonlParser::new(max, max_columns);
        for k in keys.iter().take(max_columns) {
            let i = p.keys.index.len();
            p.keys.index.entry(k.clone()).or_insert(i);
        }
        (p.byte, p.line, p.line_start) = (byte, line, byte);
        p
    }

    /// At the start of a line (nothing of it read yet).
    pub fn at_boundary(&self) -> bool {
        self.buf.is_empty() && !self.oversize && self.byte == self.line_start
    }

    /// Lines holding a value so far (each counted as a record, skipped or not).
    pub fn records(&self) -> u64 {
        self.records
    }

    pub fn keys(&self) -> &Keys {
        &self.keys
    }

    pub fn feed(&mut self, mut data: &[u8], p: &mut dyn RecordSink) {
        while !data.is_empty() {
            match data.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    let (head, rest) = data.split_at(i);
                    self.take(head);
                    self.end_line(p);
                    self.byte += 1;
                    self.line += 1;
                    self.line_start = self.byte;
                    data = rest.get(1..).unwrap_or(&[]);
                }
                None => {
                    self.take(data);
                    data = &[];
                }
            }
        }
    }

    fn take(&mut self, part: &[u8]) {
        self.byte += part.len() as u64;
        if self.oversize {
            return;
        }
        if self.buf.len() + part.len() > self.max {
            self.oversize = true;
            self.buf = Vec::new();
        } else {
            self.buf.extend_from_slice(part);
        }
    }

    fn end_line(&mut self, p: &mut dyn RecordSink) {
        let pos = Position { byte: self.line_start, line: self.line, record: self.records };
        if std::mem::take(&mut self.oversize) {
            self.records += 1;
            p.issue(Error::new(
                ErrorKind::TooLarge { limit: self.max as u64 },
                pos,
                format!("line longer than {} bytes; skipped", self.max),
            ));
            return;
        }
        let line = std::mem::take(&mut self.buf);
        // A UTF-8 byte-order mark starting a line (a later part of concatenated files) is dropped.
        let bom = if line.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        let body = line.get(bom..).unwrap_or(&[]);
        let trimmed = body.trim_ascii();
        if !trimmed.is_empty() {
            self.records += 1;
            let lead = line.len() - body.trim_ascii_start().len();
            emit(trimmed, Position { byte: pos.byte + lead as u64, ..pos }, &mut self.keys, p, "line");
        }
        self.buf = line;
        self.buf.clear();
    }

    pub fn finish(&mut self, p: &mut dyn RecordSink) {
        if !self.buf.is_empty() || self.oversize {
            self.end_line(p);
        }
        self.keys.finish(p);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ArrayState {
    /// Before the opening `[`.
    Before,
    /// Just after the opening `[`: an element or `]` comes next.
    Open,
    /// After an element: `,` or `]` comes next.
    AfterElement,
    /// After a comma (at `byte`, `line`): an element comes next.
    AfterComma { byte: u64, line: u64 },
    /// Inside an element: `depth` of open brackets, string state.
    InElement { depth: u32, in_string: bool, escape: bool, scalar: bool },
    /// After the closing `]`.
    After,
}

/// A top-level JSON array of objects, each element parsed as it completes.
pub struct ArrayParser {
    state: ArrayState,
    buf: Vec<u8>,
    byte: u64,
    line: u64,
    el_byte: u64,
    el_line: u64,
    oversize: bool,
    max: usize,
    records: u64,
    trailing_reported: bool,
    keys: Keys,
}

impl ArrayParser {
    pub fn new(max: usize, max_columns: usize) -> ArrayParser {
        ArrayParser {
            state: ArrayState::Before,
            buf: Vec::new(),
            byte: 0,
            line: 1,
            el_byte: 0,
            el_line: 1,
            oversize: false,
            max,
            records: 0,
            trailing_reported: false,
            keys: Keys::new(max_columns),
        }
    }

    pub fn line(&self) -> u64 {
        self.line
    }

    fn pos(&self) -> Position {
        Position { byte: self.byte, line: self.line, record: self.records }
    }

    pub fn feed(&mut self, data: &[u8], p: &mut dyn RecordSink) {
        for &b in data {
            self.byte_in(b, p);
            self.byte += 1;
            if b == b'\n' {
                self.line += 1;
            }
        }
    }

    fn push(&mut self, b: u8) {
        if self.oversize {
            return;
        }
        if self.buf.len() >= self.max {
            self.oversize = true;
            self.buf = Vec::new();
        } else {
            self.buf.push(b);
        }
    }

    fn byte_in(&mut self, b: u8, p: &mut dyn RecordSink) {
        match self.state {
            ArrayState::Before => {
                if b == b'[' {
                    self.state = ArrayState::Open;
                } else if !b.is_ascii_whitespace() {
                    self.state = ArrayState::After;
                    self.trailing_reported = true;
                    let kind = match b {
                        b'{' => "an empty object",
                        b'"' => "a string",
                        b'n' => "null",
                        b't' | b'f' => "a boolean",
                        b'-' | b'0'..=b'9' => "a number",
                        _ => "something else",
                    };
                    p.issue(Error::new(
                        ErrorKind::InvalidJson,
                        self.pos(),
                        format!("the file holds {kind}, not a JSON array of records ('[{{...}}, ...]') or JSON Lines; nothing was read"),
                    ));
                }
            }
            ArrayState::Open | ArrayState::AfterElement | ArrayState::AfterComma { .. } => {
                let state = self.state;
                match b {
                    _ if b.is_ascii_whitespace() => {}
                    b',' => {
                        match state {
                            ArrayState::Open => self.misplaced(p, "a comma right after '[', with no element before it"),
                            ArrayState::AfterComma { .. } => {
                                self.misplaced(p, "a doubled comma: an empty array element")
                            }
                            _ => {}
                        }
                        self.state = ArrayState::AfterComma { byte: self.byte, line: self.line };
                    }
                    b']' => {
                        if let ArrayState::AfterComma { byte, line } = state {
                            p.issue(Error::new(
                                ErrorKind::InvalidJson,
                                Position { byte, line, record: self.records },
                                "a trailing comma before the closing ']' (not allowed in JSON)",
                            ));
                        }
                        self.state = ArrayState::After;
                    }
                    _ => {
                        if state == ArrayState::AfterElement {
                            self.misplaced(p, "a missing comma between two array elements");
                        }
                        self.el_byte = self.byte;
                        self.el_line = self.line;
                        let open = b == b'{' || b == b'[';
                        self.state = ArrayState::InElement {
                            depth: u32::from(open),
                            in_string: b == b'"',
                            escape: false,
                            scalar: !open,
                        };
                        self.push(b);
                    }
                }
            }
            ArrayState::InElement { mut depth, mut in_string, mut escape, scalar } => {
                if in_string {
                    self.push(b);
                    if escape {
                        escape = false;
                    } else if b == b'\\' {
                        escape = true;
                    } else if b == b'"' {
                        in_string = false;
                    }
                    self.state = ArrayState::InElement { depth, in_string, escape, scalar };
                    return;
                }
                if scalar && depth == 0 && (b == b',' || b == b']' || b.is_ascii_whitespace()) {
                    self.element(p);
                    self.state = match b {
                        b']' => ArrayState::After,
                        b',' => ArrayState::AfterComma { byte: self.byte, line: self.line },
                        _ => ArrayState::AfterElement,
                    };
                    return;
                }
                self.push(b);
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                if !scalar && depth == 0 {
                    self.element(p);
                    self.state = ArrayState::AfterElement;
                } else {
                    self.state = ArrayState::InElement { depth, in_string, escape, scalar };
                }
            }
            ArrayState::After => {
                if !b.is_ascii_whitespace() && !self.trailing_reported {
                    self.trailing_reported = true;
                    p.issue(Error::new(
                        ErrorKind::InvalidJson,
                        self.pos(),
                        "unexpected data after the closing ']'; ignored",
                    ));
                }
            }
        }
    }

    fn element(&mut self, p: &mut dyn RecordSink) {
        let pos = Position { byte: self.el_byte, line: self.el_line, record: self.records };
        self.records += 1;
        if std::mem::take(&mut self.oversize) {
            p.issue(Error::new(
                ErrorKind::TooLarge { limit: self.max as u64 },
                pos,
                format!("array element larger than {} bytes; skipped", self.max),
            ));
            return;
        }
        let el = std::mem::take(&mut self.buf);
        emit(&el, pos, &mut self.keys, p, "array element");
        self.buf = el;
        self.buf.clear();
    }

    pub fn finish(&mut self, p: &mut dyn RecordSink) {
        match self.state {
            ArrayState::InElement { scalar: true, depth: 0, in_string: false, .. } => {
                self.element(p);
                self.unterminated(p);
            }
            ArrayState::InElement { .. } => {
                let pos = Position { byte: self.el_byte, line: self.el_line, record: self.records };
                p.issue(Error::new(
                    ErrorKind::InvalidJson,
                    pos,
                    format!("the array element starting on line {} is cut off at the end of the file", self.el_line),
                ));
            }
            ArrayState::Open | ArrayState::AfterElement | ArrayState::AfterComma { .. } => self.unterminated(p),
            ArrayState::Before => {}
            ArrayState::After => {}
        }
        self.state = ArrayState::After;
        self.keys.finish(p);
    }

    /// A comma out of place (or missing) at the current byte; the array reads on.
    fn misplaced(&mut self, p: &mut dyn RecordSink, what: &str) {
        p.issue(Error::new(ErrorKind::InvalidJson, self.pos(), format!("{what} (not allowed in JSON)")));
    }

    fn unterminated(&mut self, p: &mut dyn RecordSink) {
        p.issue(Error::new(ErrorKind::InvalidJson, self.pos(), "the JSON array is never closed with ']'"));
    }
}

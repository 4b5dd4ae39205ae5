//! Structure-aware target: the fuzzer's bytes are read (through `arbitrary`) as a *description*
//! of a document — format, header, rows, field shapes, options, chunking — and the document is
//! built from it, so every run is a near-valid CSV, JSONL or JSON array with the hard parts in
//! it (ragged rows, embedded delimiters and line breaks, unclosed quotes, huge and wide fields,
//! edge numbers, impossible dates, deep nesting, chat turns, bidi/controls, invalid UTF-8),
//! optionally gzip-wrapped. Then the session runs as in `feed`, and invariants are checked:
//! `to_json` parses, `to_text` holds no raw ESC or U+202E, and the report's row count is no more
//! than the document can hold.

#![no_main]

use datalint::{Options, Session};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use std::io::Write;

/// Largest document built (before gzip); keeps one run well under the 20 s timeout.
const MAX_DOC: usize = 3 << 20;
/// Huge fields repeat a chunk up to this many bytes.
const MAX_HUGE: usize = 1 << 20;
/// Wide rows reach this many fields.
const MAX_WIDE: usize = 4000;
/// Deepest JSON nesting generated.
const MAX_DEPTH: usize = 400;

#[derive(Arbitrary, Debug)]
enum Delim {
    Comma,
    Semi,
    Tab,
    Pipe,
}

impl Delim {
    fn byte(&self) -> u8 {
        match self {
            Delim::Comma => b',',
            Delim::Semi => b';',
            Delim::Tab => b'\t',
            Delim::Pipe => b'|',
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Fmt {
    Csv(Delim),
    Jsonl,
    JsonArray,
}

#[derive(Arbitrary, Debug)]
enum Gzip {
    No,
    Whole,
    /// The gzip stream cut short by this many bytes.
    Truncated(u8),
    /// Two gzip members back to back (the document split at this fraction).
    TwoMembers(u8),
}

#[derive(Arbitrary, Debug)]
enum Hint {
    None,
    /// The name that matches the format (and `.gz` when wrapped).
    Matching,
    /// A name that says another format.
    Wrong(u8),
    /// A name with no known extension.
    Odd,
}

#[derive(Arbitrary, Debug)]
enum Name {
    Plain(u8),
    Empty,
    /// The same as the name at this index (mod the names so far).
    Dup(u8),
    WithQuote,
    WithNewline,
    WithControl(u8),
    WithBom,
    /// A name this many KiB long (mod 64), plus a distinguishing byte.
    Long(u8, u8),
    Tricky(u8),
    Free(String),
}

#[derive(Arbitrary, Debug)]
enum Quote {
    Auto,
    Always,
    Never,
    /// An opening quote and no closing one.
    Unclosed,
}

#[derive(Arbitrary, Debug)]
enum Value {
    Empty,
    Int(i64),
    EdgeNumber(u8),
    Float(f64),
    Date(u16, u8, u8),
    DateText(u8),
    Bool(bool),
    Missing(u8),
    Tricky(u8),
    Text(String),
    /// Text with the delimiter, a quote, CR and LF spliced in at these positions.
    Embedded(String, u8),
    /// Raw bytes (often invalid UTF-8).
    Bytes(Vec<u8>),
    /// A chunk repeated up to `MAX_HUGE` bytes.
    Huge(Vec<u8>, u32),
    /// JSON nesting this deep (mod `MAX_DEPTH`); objects or arrays.
    Nested(u16, bool),
    /// A chat transcript: an array of {role, content} objects.
    Chat(Vec<Turn>),
    /// A flat JSON array of scalars.
    List(Vec<i32>),
}

#[derive(Arbitrary, Debug)]
struct Turn {
    role: u8,
    content: String,
    extra_key: bool,
}

#[derive(Arbitrary, Debug)]
struct Field {
    value: Value,
    quote: Quote,
}

#[derive(Arbitrary, Debug)]
enum RowShape {
    /// An object for JSON, a record for CSV.
    Normal,
    /// A JSON array instead of an object (CSV: same as Normal).
    Array,
    /// A JSON scalar instead of an object (CSV: a blank line).
    Scalar,
    /// Invalid JSON (CSV: a line of garbage bytes).
    Broken(Vec<u8>),
}

#[derive(Arbitrary, Debug)]
struct Row {
    fields: Vec<Field>,
    shape: RowShape,
    /// Repeat the last field to make the row this wide (mod `MAX_WIDE`), when `wide` is set.
    wide: bool,
    width: u16,
    crlf: bool,
}

#[derive(Arbitrary, Debug)]
enum Label {
    None,
    FirstColumn,
    Column(u8),
    Missing,
}

#[derive(Arbitrary, Debug)]
struct Opts {
    label: Label,
    /// 1..=8 MiB; `None` keeps the default budget.
    budget_mib: Option<u8>,
    evidence: u8,
    /// 0: whole; else chunks of 1..=64 bytes (scaled up for big documents).
    chunk: u8,
    header: Option<bool>,
    propose_roles: bool,
}

#[derive(Arbitrary, Debug)]
struct Doc {
    format: Fmt,
    gzip: Gzip,
    hint: Hint,
    bom: bool,
    header: Vec<Name>,
    rows: Vec<Row>,
    /// Leave off the final line break.
    no_final_newline: bool,
    /// Bytes appended after the last record.
    trailer: Vec<u8>,
    opts: Opts,
}

const EDGE_NUMBERS: &[&str] = &[
    "9007199254740992",
    "9007199254740993",
    "9007199254740991",
    "-9007199254740993",
    "12345678901234567890",
    "-12345678901234567890",
    "99999999999999999999999",
    "18446744073709551616",
    "1e308",
    "1.7976931348623157e308",
    "1e309",
    "-1e308",
    "5e-324",
    "1e-400",
    "-0",
    "-0.0",
    "0.0",
    "NaN",
    "nan",
    "-NaN",
    "inf",
    "-Infinity",
    "Infinity",
    "007",
    "0000000000000000000001",
    "00.5",
    "+5",
    ".5",
    "5.",
    "1_000",
    "1,000",
    "1 000",
    "0x1F",
    "1e",
    "--1",
    "1.0000000000000000000000000001",
    "123456789012345678901234567890.123456789",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
];

const DATE_TEXTS: &[&str] = &[
    "2023-02-29",
    "2024-02-29",
    "2023-02-30",
    "2023-13-01",
    "2023-00-10",
    "2023-04-31",
    "0000-01-01",
    "9999-12-31",
    "1970-01-01T00:00:00Z",
    "2023-06-01T25:61:61",
    "2023-06-01T23:59:60Z",
    "2023-06-01 12:00:00+25:00",
    "31/02/2023",
    "02/31/2023",
    "2023/6/1",
    "20230601",
    "-0001-01-01",
    "+10000-01-01",
    "2023-W53-8",
    "2023-366",
];

const TRICKY: &[&str] = &[
    "\u{202E}evil\u{202C}",
    "\u{202D}x\u{2066}y\u{2069}",
    "\u{200F}\u{200E}",
    "\u{1b}[31mred\u{1b}[0m",
    "\u{1b}]0;title\u{7}",
    "\u{0}",
    "\u{7f}",
    "\u{85}",
    "\u{2028}\u{2029}",
    "\u{feff}",
    "\u{fffd}",
    "e\u{301}\u{301}\u{301}",
    "👨‍👩‍👧‍👦",
    "\u{10ffff}",
    "ǅ",
    "İ",
    "ß",
    "\t leading and trailing \t",
    "  ",
    "<script>alert(1)</script>",
    "|pipe|table|",
    "# heading",
    "`code`",
    "*bold*",
    "[link](javascript:x)",
    "\\",
    "\"",
    "'",
    "=cmd|' /C calc'!A0",
    "\r",
    "\n",
    "\r\n",
];

const MISSING: &[&str] = &["NA", "N/A", "null", "NULL", "None", "nan", "-", "?", "", " ", "#N/A", "undefined"];

const PLAIN_NAMES: &[&str] = &[
    "a", "id", "label", "text", "prompt", "response", "messages", "gender", "age", "sex", "race",
    "date", "y", "target", "x", "value", "score", "country", "email", "name",
];

fn json_string(out: &mut Vec<u8>, s: &[u8]) {
    // Valid UTF-8 is escaped as JSON; invalid bytes go in raw (an invalid document).
    out.push(b'"');
    match std::str::from_utf8(s) {
        Ok(t) => {
            let e = serde_json::to_string(t).unwrap();
            out.extend_from_slice(&e.as_bytes()[1..e.len() - 1]);
        }
        Err(_) => {
            for &b in s {
                match b {
                    b'"' => out.extend_from_slice(b"\\\""),
                    b'\\' => out.extend_from_slice(b"\\\\"),
                    _ => out.push(b),
                }
            }
        }
    }
    out.push(b'"');
}

struct Builder<'a> {
    delim: u8,
    json: bool,
    out: &'a mut Vec<u8>,
}

impl Value {
    /// The value's text as it would stand in a CSV field (unquoted).
    fn text(&self, delim: u8) -> Vec<u8> {
        match self {
            Value::Empty => Vec::new(),
            Value::Int(i) => i.to_string().into_bytes(),
            Value::EdgeNumber(i) => EDGE_NUMBERS[usize::from(*i) % EDGE_NUMBERS.len()].as_bytes().to_vec(),
            Value::Float(f) => format!("{f}").into_bytes(),
            Value::Date(y, m, d) => format!("{:04}-{:02}-{:02}", y % 10000, m % 14, d % 33).into_bytes(),
            Value::DateText(i) => DATE_TEXTS[usize::from(*i) % DATE_TEXTS.len()].as_bytes().to_vec(),
            Value::Bool(b) => if *b { b"true".to_vec() } else { b"false".to_vec() },
            Value::Missing(i) => MISSING[usize::from(*i) % MISSING.len()].as_bytes().to_vec(),
            Value::Tricky(i) => TRICKY[usize::from(*i) % TRICKY.len()].as_bytes().to_vec(),
            Value::Text(s) => s.as_bytes().to_vec(),
            Value::Embedded(s, at) => {
                let mut v = s.as_bytes().to_vec();
                let splice = [delim, b'"', b'\r', b'\n', b'"', b'"', delim];
                let n = usize::from(*at % 7) + 1;
                let at = usize::from(*at) % (v.len() + 1);
                let tail = v.split_off(at);
                v.extend_from_slice(&splice[..n]);
                v.extend_from_slice(&tail);
                v
            }
            Value::Bytes(b) => b.clone(),
            Value::Huge(chunk, n) => {
                let chunk: &[u8] = if chunk.is_empty() { b"x" } else { chunk };
                let total = (*n as usize) % (MAX_HUGE + 1);
                chunk.iter().copied().cycle().take(total).collect()
            }
            Value::Nested(..) | Value::List(_) | Value::Chat(_) => {
                // In CSV the JSON text is the field's text.
                let mut v = Vec::new();
                let mut b = Builder { delim, json: true, out: &mut v };
                b.json_value(self, 0);
                v
            }
        }
    }
}

impl Builder<'_> {
    fn json_value(&mut self, v: &Value, _depth: usize) {
        match v {
            Value::Empty => self.out.extend_from_slice(b"\"\""),
            Value::Int(i) => self.out.extend_from_slice(i.to_string().as_bytes()),
            // Raw: some of these are invalid JSON, which is the point.
            Value::EdgeNumber(_) | Value::Float(_) => {
                let t = v.text(self.delim);
                self.out.extend_from_slice(&t)
            }
            Value::Bool(b) => self.out.extend_from_slice(if *b { b"true" } else { b"false" }),
            Value::Missing(i) if i % 3 == 0 => self.out.extend_from_slice(b"null"),
            Value::Nested(d, obj) => {
                let d = usize::from(*d) % (MAX_DEPTH + 1);
                for _ in 0..d {
                    self.out.extend_from_slice(if *obj { b"{\"k\":" } else { b"[" });
                }
                self.out.extend_from_slice(b"1");
                for _ in 0..d {
                    self.out.push(if *obj { b'}' } else { b']' });
                }
            }
            Value::List(xs) => {
                self.out.push(b'[');
                for (i, x) in xs.iter().enumerate() {
                    if i > 0 {
                        self.out.push(b',');
                    }
                    self.out.extend_from_slice(x.to_string().as_bytes());
                }
                self.out.push(b']');
            }
            Value::Chat(turns) => {
                self.out.push(b'[');
                for (i, t) in turns.iter().enumerate() {
                    if i > 0 {
                        self.out.push(b',');
                    }
                    let role = ["user", "assistant", "system", "tool", "", "USER"][usize::from(t.role) % 6];
                    self.out.extend_from_slice(b"{\"role\":");
                    json_string(self.out, role.as_bytes());
                    self.out.extend_from_slice(b",\"content\":");
                    json_string(self.out, t.content.as_bytes());
                    if t.extra_key {
                        self.out.extend_from_slice(b",\"role\":null");
                    }
                    self.out.push(b'}');
                }
                self.out.push(b']');
            }
            _ => {
                let t = v.text(self.delim);
                json_string(self.out, &t)
            }
        }
    }

    fn csv_field(&mut self, f: &Field) {
        let t = f.value.text(self.delim);
        let needs = t.iter().any(|&b| b == self.delim || b == b'"' || b == b'\r' || b == b'\n');
        let quoted = match f.quote {
            Quote::Auto => needs,
            Quote::Always => true,
            Quote::Never => false,
            Quote::Unclosed => {
                self.out.push(b'"');
                self.out.extend_from_slice(&t);
                return;
            }
        };
        if quoted {
            self.out.push(b'"');
            for &b in &t {
                if b == b'"' {
                    self.out.push(b'"');
                }
                self.out.push(b);
            }
            self.out.push(b'"');
        } else {
            self.out.extend_from_slice(&t);
        }
    }
}

fn name_text(n: &Name, so_far: &[Vec<u8>], i: usize) -> Vec<u8> {
    match n {
        Name::Plain(k) => PLAIN_NAMES[usize::from(*k) % PLAIN_NAMES.len()].as_bytes().to_vec(),
        Name::Empty => Vec::new(),
        Name::Dup(k) if !so_far.is_empty() => so_far[usize::from(*k) % so_far.len()].clone(),
        Name::Dup(_) => b"dup".to_vec(),
        Name::WithQuote => b"say \"hi\"".to_vec(),
        Name::WithNewline => b"two\nlines\r\n".to_vec(),
        Name::WithControl(c) => vec![b'c', c % 32, b'x', 0x1b, b'['],
        Name::WithBom => "\u{feff}bom".as_bytes().to_vec(),
        Name::Long(k, tag) => {
            let mut v = vec![b'L'; (usize::from(*k) % 64 + 1) * 1024];
            v.push(*tag);
            v.extend_from_slice(i.to_string().as_bytes());
            v
        }
        Name::Tricky(k) => TRICKY[usize::from(*k) % TRICKY.len()].as_bytes().to_vec(),
        Name::Free(s) => s.as_bytes().to_vec(),
    }
}

/// Builds the document; returns it with the number of records it was built with.
fn build(doc: &Doc) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    if doc.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut names: Vec<Vec<u8>> = Vec::new();
    for (i, n) in doc.header.iter().take(MAX_WIDE).enumerate() {
        let t = name_text(n, &names, i);
        names.push(t);
    }
    if names.is_empty() {
        names.push(b"a".to_vec());
    }
    let mut records = 0usize;
    match &doc.format {
        Fmt::Csv(d) => {
            let delim = d.byte();
            let mut b = Builder { delim, json: false, out: &mut out };
            for (i, n) in names.iter().enumerate() {
                if i > 0 {
                    b.out.push(delim);
                }
                let f = Field { value: Value::Bytes(n.clone()), quote: Quote::Auto };
                b.csv_field(&f);
            }
            b.out.extend_from_slice(b"\n");
            for row in &doc.rows {
                if b.out.len() > MAX_DOC {
                    break;
                }
                records += 1;
                match &row.shape {
                    RowShape::Scalar => {}
                    RowShape::Broken(bytes) => b.out.extend_from_slice(bytes),
                    RowShape::Normal | RowShape::Array => {
                        let width = if row.wide { usize::from(row.width) % (MAX_WIDE + 1) } else { 0 };
                        let n = row.fields.len().max(width);
                        for i in 0..n {
                            if i > 0 {
                                b.out.push(delim);
                            }
                            if let Some(f) = row.fields.get(i).or(row.fields.last()) {
                                b.csv_field(f);
                            }
                            if b.out.len() > MAX_DOC {
                                break;
                            }
                        }
                    }
                }
                b.out.extend_from_slice(if row.crlf { b"\r\n" } else { b"\n" });
            }
        }
        Fmt::Jsonl | Fmt::JsonArray => {
            let array = matches!(doc.format, Fmt::JsonArray);
            let mut b = Builder { delim: b',', json: true, out: &mut out };
            if array {
                b.out.push(b'[');
            }
            for (r, row) in doc.rows.iter().enumerate() {
                if b.out.len() > MAX_DOC {
                    break;
                }
                records += 1;
                if array && r > 0 {
                    b.out.push(b',');
                }
                let width = if row.wide { usize::from(row.width) % (MAX_WIDE + 1) } else { 0 };
                let n = row.fields.len().max(width);
                match &row.shape {
                    RowShape::Normal => {
                        b.out.push(b'{');
                        for i in 0..n {
                            if i > 0 {
                                b.out.push(b',');
                            }
                            // Ragged rows: keys past the header are named by position.
                            let key = names.get(i).cloned().unwrap_or_else(|| format!("extra{i}").into_bytes());
                            json_string(b.out, &key);
                            b.out.push(b':');
                            match row.fields.get(i).or(row.fields.last()) {
                                Some(f) => b.json_value(&f.value, 0),
                                None => b.out.extend_from_slice(b"null"),
                            }
                            if b.out.len() > MAX_DOC {
                                break;
                            }
                        }
                        b.out.push(b'}');
                    }
                    RowShape::Array => {
                        b.out.push(b'[');
                        for (i, f) in row.fields.iter().enumerate() {
                            if i > 0 {
                                b.out.push(b',');
                            }
                            b.json_value(&f.value, 0);
                        }
                        b.out.push(b']');
                    }
                    RowShape::Scalar => match row.fields.first() {
                        Some(f) => b.json_value(&f.value, 0),
                        None => b.out.extend_from_slice(b"null"),
                    },
                    RowShape::Broken(bytes) => b.out.extend_from_slice(bytes),
                }
                if !array || row.crlf {
                    b.out.extend_from_slice(if row.crlf { b"\r\n" } else { b"\n" });
                }
            }
            if array {
                b.out.extend_from_slice(b"]\n");
            }
            let _ = b.json;
        }
    }
    if doc.no_final_newline {
        while matches!(out.last(), Some(b'\n' | b'\r')) {
            out.pop();
        }
    }
    out.extend_from_slice(&doc.trailer);
    (out, records)
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn name_for(doc: &Doc) -> Option<String> {
    let gz = !matches!(doc.gzip, Gzip::No);
    let base = match &doc.format {
        Fmt::Csv(Delim::Tab) => "in.tsv",
        Fmt::Csv(_) => "in.csv",
        Fmt::Jsonl => "in.jsonl",
        Fmt::JsonArray => "in.json",
    };
    match &doc.hint {
        Hint::None => None,
        Hint::Matching => Some(if gz { format!("{base}.gz") } else { base.to_string() }),
        Hint::Wrong(k) => Some(["in.csv", "in.tsv", "in.jsonl", "in.json", "in.csv.gz", "in.jsonl.gz"][usize::from(*k) % 6].to_string()),
        Hint::Odd => Some("data.parquet".to_string()),
    }
}

fuzz_target!(|doc: Doc| {
    let (plain, records) = build(&doc);
    let bytes = match doc.gzip {
        Gzip::No => plain.clone(),
        Gzip::Whole => gzip(&plain),
        Gzip::Truncated(k) => {
            let mut g = gzip(&plain);
            let cut = (usize::from(k) + 1).min(g.len());
            g.truncate(g.len() - cut);
            g
        }
        Gzip::TwoMembers(k) => {
            let at = plain.len() * usize::from(k) / 256;
            let mut g = gzip(&plain[..at]);
            g.extend_from_slice(&gzip(&plain[at..]));
            g
        }
    };

    let mut opts = Options::default();
    opts.name = name_for(&doc);
    opts.label = match &doc.opts.label {
        Label::None => None,
        Label::FirstColumn => doc.header.first().map(|n| String::from_utf8_lossy(&name_text(n, &[], 0)).into_owned()),
        Label::Column(k) => Some(PLAIN_NAMES[usize::from(*k) % PLAIN_NAMES.len()].to_string()),
        Label::Missing => Some("no such column".to_string()),
    };
    if let Some(m) = doc.opts.budget_mib {
        opts.memory_budget = (u64::from(m % 8) + 1) << 20;
    }
    opts.evidence_limit = usize::from(doc.opts.evidence % 8) + 1;
    opts.header = doc.opts.header;
    opts.propose_roles = doc.opts.propose_roles;

    // To turn a finding into a `feed`-layout regression: GRAMMAR_DUMP=path writes the document
    // as fed, and the options go to stderr.
    if let Ok(path) = std::env::var("GRAMMAR_DUMP") {
        std::fs::write(&path, &bytes).unwrap();
        eprintln!("GRAMMAR_DUMP {path}: {} bytes, chunk {}, {opts:?}", bytes.len(), doc.opts.chunk);
    }

    let mut session = match Session::new(opts) {
        Ok(s) => s,
        Err(e) => panic!("valid options rejected: {e}"),
    };
    if doc.opts.chunk == 0 {
        session.feed(&bytes);
    } else {
        let mut size = 1 + usize::from(doc.opts.chunk % 64);
        // Byte-sized chunks of a multi-megabyte document would only slow the fuzzer down.
        if bytes.len() > 64 * 1024 {
            size *= 1024;
        }
        for c in bytes.chunks(size) {
            session.feed(c);
        }
    }
    let _ = session.progress();
    let report = session.finish();

    // As in `feed`: to_json must parse (not its `{"error": ...}` fallback).
    let json = report.to_json();
    match serde_json::from_str::<serde_json::Value>(&json) {
        Ok(v) => assert!(v.get("rows").is_some(), "report JSON lacks rows: {json}"),
        Err(e) => panic!("report JSON does not parse ({e}): {json}"),
    }
    let text = report.to_text();
    let _ = report.to_markdown();

    // The terminal rendering must not carry escapes or bidi overrides from the data.
    assert!(!text.contains('\u{1b}'), "raw ESC in to_text output");
    assert!(!text.contains('\u{202E}'), "raw U+202E in to_text output");

    // Rows: never more than the records built, give or take a header read as data; a document
    // that a broken quote, a stray line break or a misread format splits further still cannot
    // hold more records than it has line breaks (or, as a JSON array, commas).
    let breaks = plain.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
    let commas = if matches!(doc.format, Fmt::JsonArray) { plain.iter().filter(|&&b| b == b',').count() } else { 0 };
    let bound = (records + 1).max(breaks + 1).max(commas + 1) as u64;
    assert!(report.rows <= bound, "report rows {} > bound {bound} ({records} records built)", report.rows);
});

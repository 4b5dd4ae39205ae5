//! Ingest: bytes in, records out. Decoding (gzip, BOM, UTF-16), format sniffing, and the CSV,
//! JSONL and JSON-array parsers, all push-driven so that the same code serves the CLI's read loop
//! and the browser worker's `File` slices.

pub mod csv;
pub mod decode;
pub mod json;
pub mod sniff;

use crate::error::{Error, ErrorKind, Position};
use crate::options::{Format, Options};
use crate::record::{Origin, RecordSink};
use csv_core::{ReadRecordResult, ReaderBuilder};

/// How many line feeds `bytes` holds. Every byte of the input is counted this way (once by the
/// decoder, once by the CSV reader for its line numbers, and by the line-break pre-pass of byte
/// ranges), so it is memchr's search (SSE2/AVX2 natively, SIMD128 in the wasm build that has it)
/// rather than a byte loop: a few instructions per line instead of several per byte.
#[inline]
pub fn line_feeds(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// What was detected about the input.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct SourceInfo {
    pub format: Option<Format>,
    pub delimiter: Option<u8>,
    pub header: Option<bool>,
    /// Why the format was chosen (the options, the name, or the content).
    pub format_reason: Option<String>,
}

/// The decoded bytes held while the format, delimiter and header are decided.
#[derive(Default)]
struct Held {
    buf: Vec<u8>,
    /// Bytes of `buf` scanned for the end of the first record, and whether that scan is inside
    /// double quotes.
    scanned: usize,
    in_quotes: bool,
    /// Where the first record ends (just past its line break), once found.
    first_end: Option<usize>,
}

impl Held {
    fn scan(&mut self) {
        if self.first_end.is_some() {
            return;
        }
        for (i, &b) in self.buf.iter().enumerate().skip(self.scanned) {
            match b {
                b'"' => self.in_quotes = !self.in_quotes,
                b'\n'
                    if !self.in_quotes
                        && self.buf.get(..i).is_some_and(|h| h.iter().any(|c| !c.is_ascii_whitespace())) =>
                {
                    self.first_end = Some(i + 1);
                    break;
                }
                _ => {}
            }
        }
        self.scanned = self.buf.len();
    }

    /// How many bytes the decision looks at: [`sniff::SNIFF_BYTES`], or, when the first record is
    /// longer than that, up to [`sniff::SNIFF_CAP`]: the first record and as much again as the
    /// window after it. Content alone decides it, never the chunking.
    fn need(&self) -> usize {
        match self.first_end {
            Some(e) if e <= sniff::SNIFF_BYTES => sniff::SNIFF_BYTES,
            Some(e) => (e + sniff::SNIFF_BYTES).min(sniff::SNIFF_CAP),
            None if self.buf.len() < sniff::SNIFF_BYTES => sniff::SNIFF_BYTES,
            None => sniff::SNIFF_CAP,
        }
    }
}

/// What a later byte range of the input needs from the first to be read as part of the whole
/// (see [`crate::parts`]): the decisions taken on the first bytes and the columns met so far.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Head {
    pub info: SourceInfo,
    #[serde(with = "crate::wire::name")]
    pub encoding: crate::wire::Name,
    /// Bytes of a byte-order mark at the start of the input (raw offset = decoded offset + this).
    pub bom: u64,
    pub kind: HeadKind,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub enum HeadKind {
    /// CSV: the delimiter, the names as announced and how, and the fields a record has.
    Csv { delimiter: u8, names: Vec<String>, origin: Origin, fields: usize },
    /// JSON Lines: the keys met so far, in order.
    Jsonl { keys: Vec<String> },
}

enum Stage {
    Sniff(Held),
    Csv(Box<csv::CsvParser>),
    Jsonl(json::JsonlParser),
    Json(json::ArrayParser),
}

/// The ingest pipeline of one input.
pub struct Ingest {
    decoder: decode::Decoder,
    stage: Stage,
    pub info: SourceInfo,
}

impl Ingest {
    pub fn new() -> Ingest {
        Ingest {
            decoder: decode::Decoder::default(),
            stage: Stage::Sniff(Held::default()),
            info: SourceInfo::default(),
        }
    }

    pub fn encoding(&self) -> &'static str {
        self.decoder.encoding
    }
    pub fn compressed(&self) -> bool {
        self.decoder.compressed
    }
    /// Decoded bytes so far.
    pub fn decoded_bytes(&self) -> u64 {
        self.decoder.out_bytes
    }

    pub fn feed(&mut self, data: &[u8], p: &mut dyn RecordSink, opts: &Options) {
        let mut errs: Vec<Error> = Vec::new();
        let Ingest { decoder, stage, info } = self;
        decoder.feed(data, &mut |b| push(stage, info, b, p, opts, false), &mut |e| errs.push(e));
        errs.into_iter().for_each(|e| p.issue(e));
        decoder.notes.drain(..).for_each(|n| p.note(n));
    }

    pub fn finish(&mut self, p: &mut dyn RecordSink, opts: &Options) {
        let mut errs: Vec<Error> = Vec::new();
        let Ingest { decoder, stage, info } = self;
        decoder.finish(&mut |b| push(stage, info, b, p, opts, false), &mut |e| errs.push(e));
        errs.into_iter().for_each(|e| p.issue(e));
        decoder.notes.drain(..).for_each(|n| p.note(n));
        if let Some(what) = &decoder.binary {
            info.format_reason = Some(format!("not read: {what}"));
            return;
        }
        // Still sniffing: the input was shorter than the sniff window.
        push(stage, info, &[], p, opts, true);
        match stage {
            Stage::Csv(c) => c.finish(p),
            Stage::Jsonl(j) => j.finish(p),
            Stage::Json(a) => a.finish(p),
            Stage::Sniff(_) => {}
        }
    }
}

impl Ingest {
    /// What later byte ranges need, once this (first) range has decided the encoding and the
    /// format and read its first record; `None` while it has not, or when the input cannot be
    /// split (compressed, not UTF-8, a JSON array, a record-size or column limit already hit).
    pub fn head(&self) -> Option<Head> {
        if self.decoder.plain_utf8() != Some(true) {
            return None;
        }
        let bom = if self.decoder.encoding == "utf-8 (bom)" { 3 } else { 0 };
        let kind = match &self.stage {
            Stage::Csv(c) => {
                let (names, origin) = c.announced.clone()?;
                HeadKind::Csv { delimiter: self.info.delimiter?, names, origin, fields: c.fields()? }
            }
            Stage::Jsonl(j) if j.records() > 0 && !j.keys().dropped_any() => HeadKind::Jsonl { keys: j.keys().names() },
            _ => return None,
        };
        Some(Head { info: self.info.clone(), encoding: self.decoder.encoding, bom, kind })
    }

    /// The ingest of a later byte range that starts at a record boundary: decoded byte `byte`
    /// (the raw offset less [`Head::bom`]) on physical line `line`.
    pub fn resume(head: &Head, byte: u64, line: u64, opts: &Options) -> Ingest {
        let stage = match &head.kind {
            HeadKind::Csv { delimiter, fields, .. } => Stage::Csv(Box::new(csv::CsvParser::resumed(
                *delimiter,
                opts.max_record_bytes,
                opts.max_columns,
                *fields,
                byte,
                line,
            ))),
            HeadKind::Jsonl { keys } => {
                Stage::Jsonl(json::JsonlParser::resumed(opts.max_record_bytes, opts.max_columns, keys, byte, line))
            }
        };
        Ingest {
            decoder: decode::Decoder::resumed(head.encoding, byte, line.saturating_sub(1)),
            stage,
            info: head.info.clone(),
        }
    }

    /// Between two records: where a byte range may end.
    pub fn at_boundary(&self) -> bool {
        match &self.stage {
            Stage::Csv(c) => c.at_boundary(),
            Stage::Jsonl(j) => j.at_boundary(),
            _ => false,
        }
    }

    /// Records read so far (for error positions of the ranges after this one).
    pub fn records(&self) -> u64 {
        match &self.stage {
            Stage::Csv(c) => c.records(),
            Stage::Jsonl(j) => j.records(),
            Stage::Json(_) | Stage::Sniff(_) => 0,
        }
    }

    /// Whether a key past the column limit was met (JSON Lines), which the ranges cannot share.
    pub fn keys_dropped(&self) -> bool {
        matches!(&self.stage, Stage::Jsonl(j) if j.keys().dropped_any())
    }
}

impl Default for Ingest {
    fn default() -> Self {
        Ingest::new()
    }
}

fn push(stage: &mut Stage, info: &mut SourceInfo, data: &[u8], p: &mut dyn RecordSink, opts: &Options, end: bool) {
    match stage {
        Stage::Sniff(held) => {
            held.buf.extend_from_slice(data);
            held.scan();
            let need = held.need();
            if held.buf.len() < need && !end {
                return;
            }
            let buf = std::mem::take(&mut held.buf);
            let complete = buf.len() <= need;
            let sample = buf.get(..need.min(buf.len())).unwrap_or(&[]);
            *stage = decide(sample, complete, info, opts);
            push(stage, info, &buf, p, opts, false);
        }
        Stage::Csv(c) => c.feed(data, p),
        Stage::Jsonl(j) => j.feed(data, p),
        Stage::Json(a) => a.feed(data, p),
    }
}

fn decide(sample: &[u8], complete: bool, info: &mut SourceInfo, opts: &Options) -> Stage {
    let name = opts.name.as_deref();
    let (format, reason) = match opts.format {
        Some(f) => (f, "given in the options".to_string()),
        None => sniff::format(sample, name),
    };
    info.format = Some(format);
    info.format_reason = Some(reason);
    match format {
        Format::Jsonl => Stage::Jsonl(json::JsonlParser::new(opts.max_record_bytes, opts.max_columns)),
        Format::Json => {
            // A `.json` file that is really JSON Lines (but not one holding only `{}`: the array
            // parser reports that it holds no records).
            let empty_object = serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(sample)
                .is_ok_and(|m| m.is_empty());
            if sample.iter().copied().find(|b| !b.is_ascii_whitespace()) == Some(b'{') && !empty_object {
                info.format = Some(Format::Jsonl);
                info.format_reason = Some("the content starts with '{': JSON Lines (one object per line)".into());
                Stage::Jsonl(json::JsonlParser::new(opts.max_record_bytes, opts.max_columns))
            } else {
                Stage::Json(json::ArrayParser::new(opts.max_record_bytes, opts.max_columns))
            }
        }
        Format::Csv => {
            let delimiter = opts
                .delimiter
                .and_then(|c| u8::try_from(c).ok())
                .unwrap_or_else(|| sniff::delimiter(sample, complete, name));
            let header =
                opts.header.unwrap_or_else(|| sniff::has_header(&first_records(sample, delimiter, 20, complete)));
            info.delimiter = Some(delimiter);
            info.header = Some(header);
            Stage::Csv(Box::new(csv::CsvParser::new(delimiter, header, opts.max_record_bytes, opts.max_columns)))
        }
    }
}

/// Announces a CSV file's columns, at most `max_columns` of them (the rest are reported once
/// and not profiled). `total` is the number of fields; `names` may hold only the first ones.
fn announce(p: &mut dyn RecordSink, mut names: Vec<String>, total: usize, origin: Origin, max_columns: usize) {
    if total > max_columns {
        names.truncate(max_columns);
        p.issue(Error::new(
            ErrorKind::TooManyColumns { limit: max_columns as u64 },
            Position { byte: 0, line: 1, record: 0 },
            format!("{total} columns; only the first {max_columns} are profiled (max_columns, or the memory budget: see the notes)"),
        ));
    }
    p.columns(&names, origin);
}

/// The first `n` complete records of the sample, for header detection.
fn first_records(sample: &[u8], delimiter: u8, n: usize, complete: bool) -> Vec<Vec<String>> {
    let mut rdr = ReaderBuilder::new().delimiter(delimiter).build();
    let mut out = vec![0u8; sample.len() + 1];
    // A record has at most one field more than the sample has delimiters: no larger than that,
    // as the sample can reach `SNIFF_CAP` (8 MiB) when the first row is wide.
    let fields = sample.iter().filter(|&&b| b == delimiter).count() + 2;
    let mut ends = vec![0usize; fields.min(sample.len() + 1)];
    let mut input = sample;
    let mut records = Vec::new();
    let mut eof = false;
    let (mut nout, mut nend) = (0usize, 0usize);
    while records.len() < n {
        let o = out.get_mut(nout..).unwrap_or(&mut []);
        let en = ends.get_mut(nend..).unwrap_or(&mut []);
        let (res, nin, no, ne) = rdr.read_record(input, o, en);
        input = input.get(nin..).unwrap_or(&[]);
        nout += no;
        nend += ne;
        match res {
            ReadRecordResult::Record => {
                let data = out.get(..nout).unwrap_or(&[]);
                let mut start = 0;
                let mut rec = Vec::new();
                for &e in ends.get(..nend).unwrap_or(&[]) {
                    rec.push(String::from_utf8_lossy(data.get(start..e).unwrap_or(&[])).into_owned());
                    start = e;
                }
                records.push(rec);
                nout = 0;
                nend = 0;
            }
            ReadRecordResult::InputEmpty if !complete => break,
            ReadRecordResult::InputEmpty => {
                if eof {
                    break;
                }
                eof = true;
            }
            ReadRecordResult::End => break,
            ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => break,
        }
    }
    records
}

//! The CSV driver: feeds decoded bytes to `csv_core::Reader` and hands whole records to the
//! profile with their positions.
//!
//! Memory: one record's bytes (grown on demand, at most `max_record_bytes`; a larger record is
//! skipped and reported) and its field ends.
//!
//! Positions: a record's line is the physical line where its first byte stands. Terminators
//! (`\r`, `\n`) between records are skipped here, not in csv-core, so that the start of each
//! record is known exactly; csv-core would skip them as empty lines anyway.

use crate::error::{Error, ErrorKind, Position};
use crate::profile::column::Cell;
use crate::profile::Profile;
use csv_core::{ReadRecordResult, Reader, ReaderBuilder};
use std::borrow::Cow;

pub struct CsvParser {
    rdr: Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    nout: usize,
    nend: usize,
    at_start: bool,
    /// Decoded bytes consumed.
    byte: u64,
    /// 1 + newlines consumed.
    line: u64,
    rec_byte: u64,
    rec_line: u64,
    /// Quote characters in the current record (odd at end of input: an unclosed quote).
    quotes: u64,
    oversize: bool,
    max_record: usize,
    /// Whether the next record is the header.
    header_pending: bool,
    expected: Option<usize>,
    records: u64,
    done: bool,
}

impl CsvParser {
    pub fn new(delimiter: u8, header: bool, max_record: usize) -> CsvParser {
        CsvParser {
            rdr: ReaderBuilder::new().delimiter(delimiter).build(),
            out: vec![0; 4096],
            ends: vec![0; 64],
            nout: 0,
            nend: 0,
            at_start: true,
            byte: 0,
            line: 1,
            rec_byte: 0,
            rec_line: 1,
            quotes: 0,
            oversize: false,
            max_record: max_record.max(1024),
            header_pending: header,
            expected: None,
            records: 0,
            done: false,
        }
    }

    /// The physical line at the current read position.
    pub fn line(&self) -> u64 {
        self.line
    }

    pub fn feed(&mut self, mut input: &[u8], p: &mut Profile) {
        while !input.is_empty() && !self.done {
            if self.at_start {
                let skip = input
                    .iter()
                    .take_while(|&&b| b == b'\n' || b == b'\r')
                    .count();
                let (term, rest) = input.split_at(skip);
                self.line += term.iter().filter(|&&b| b == b'\n').count() as u64;
                self.byte += skip as u64;
                input = rest;
                if input.is_empty() {
                    return;
                }
                self.at_start = false;
                self.rec_byte = self.byte;
                self.rec_line = self.line;
                self.quotes = 0;
            }
            input = self.step(input, p);
        }
    }

    /// One call into csv-core; returns the unconsumed input.
    fn step<'a>(&mut self, input: &'a [u8], p: &mut Profile) -> &'a [u8] {
        let out = self.out.get_mut(self.nout..).unwrap_or(&mut []);
        let ends = self.ends.get_mut(self.nend..).unwrap_or(&mut []);
        let (res, nin, nout, nend) = self.rdr.read_record(input, out, ends);
        let (used, rest) = input.split_at(nin.min(input.len()));
        // Two simple counting passes: each vectorises, unlike one loop with two counters.
        self.line += used.iter().filter(|&&b| b == b'\n').count() as u64;
        self.quotes += used.iter().filter(|&&b| b == b'"').count() as u64;
        self.byte += nin as u64;
        self.nout += nout;
        self.nend += nend;
        match res {
            ReadRecordResult::InputEmpty => {}
            ReadRecordResult::OutputFull => {
                if self.out.len() >= self.max_record {
                    // Too large to hold: keep parsing to find its end, but drop its bytes.
                    self.oversize = true;
                    self.nout = 0;
                } else {
                    let n = (self.out.len() * 2).min(self.max_record);
                    self.out.resize(n, 0);
                }
            }
            ReadRecordResult::OutputEndsFull => {
                if self.ends.len() >= self.max_record {
                    self.oversize = true;
                    self.nend = 0;
                } else {
                    let n = (self.ends.len() * 2).min(self.max_record);
                    self.ends.resize(n, 0);
                }
            }
            ReadRecordResult::Record => self.record(p),
            ReadRecordResult::End => self.done = true,
        }
        rest
    }

    /// Flushes the last record; reports an unclosed quote.
    pub fn finish(&mut self, p: &mut Profile) {
        let mut guard = 0;
        while !self.done && guard < 1_000_000 {
            guard += 1;
            let partial = !self.at_start;
            let rest = self.step(&[], p);
            debug_assert!(rest.is_empty());
            if partial && self.at_start && self.quotes % 2 == 1 {
                p.log.push(Error::new(
                    ErrorKind::UnclosedQuote,
                    Position { byte: self.rec_byte, line: self.rec_line, record: self.records.saturating_sub(1) },
                    format!(
                        "a quoted field opened in the record starting on line {} is never closed; \
                         everything from there to the end of the file (line {}) was read as one record",
                        self.rec_line, self.line
                    ),
                ));
            }
        }
    }

    fn record(&mut self, p: &mut Profile) {
        self.at_start = true;
        let (nout, nend) = (self.nout, self.nend);
        self.nout = 0;
        self.nend = 0;
        let pos = Position {
            byte: self.rec_byte,
            line: self.rec_line,
            record: self.records,
        };
        if std::mem::take(&mut self.oversize) {
            if !self.header_pending {
                self.records += 1;
            }
            self.header_pending = false;
            p.log.push(Error::new(
                ErrorKind::TooLarge {
                    limit: self.max_record as u64,
                },
                pos,
                format!("record larger than {} bytes; skipped", self.max_record),
            ));
            return;
        }
        let data = self.out.get(..nout).unwrap_or(&[]);
        let ends = self.ends.get(..nend).unwrap_or(&[]);
        if !self.header_pending && self.expected == Some(nend) {
            // The common case: valid UTF-8 and the expected field count. One validation for the
            // whole record and no per-field allocation.
            if let Ok(text) = std::str::from_utf8(data) {
                self.records += 1;
                let mut start = 0usize;
                let cells: Vec<Cell<'_>> = ends
                    .iter()
                    .map(|&end| {
                        let f = text.get(start..end).unwrap_or("");
                        start = end;
                        Cell::Text(f)
                    })
                    .collect();
                p.row(pos.line, &cells);
                return;
            }
        }
        let mut fields: Vec<Cow<'_, str>> = Vec::with_capacity(nend);
        let mut start = 0usize;
        for (i, &end) in ends.iter().enumerate() {
            let raw = data.get(start..end).unwrap_or(&[]);
            start = end;
            fields.push(match std::str::from_utf8(raw) {
                Ok(s) => Cow::Borrowed(s),
                Err(e) => {
                    p.log.push(Error::new(
                        ErrorKind::InvalidUtf8,
                        pos,
                        format!(
                            "invalid UTF-8 in field {} (byte {} of the field); decoded with U+FFFD replacements",
                            i + 1,
                            e.valid_up_to()
                        ),
                    ));
                    String::from_utf8_lossy(raw)
                }
            });
        }
        if self.header_pending {
            self.header_pending = false;
            self.expected = Some(fields.len());
            p.set_columns(fields.iter().map(|f| f.to_string()).collect(), true);
            return;
        }
        let expected = match self.expected {
            Some(n) => n,
            None => {
                self.expected = Some(fields.len());
                p.set_columns(
                    (1..=fields.len()).map(|i| format!("column_{i}")).collect(),
                    false,
                );
                fields.len()
            }
        };
        self.records += 1;
        if fields.len() != expected {
            p.log.push(Error::new(
                ErrorKind::RaggedRow {
                    expected: expected as u64,
                    found: fields.len() as u64,
                },
                pos,
                format!("{} fields where the header has {}", fields.len(), expected),
            ));
        }
        let cells: Vec<Cell<'_>> = fields.iter().map(|f| Cell::Text(f)).collect();
        p.row(pos.line, &cells);
    }
}

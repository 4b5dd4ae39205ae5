//! The CSV driver: feeds decoded bytes to `csv_core::Reader` and hands whole records to a
//! [`RecordSink`] with their positions.
//!
//! Memory: one record's bytes (grown on demand, at most `max_record_bytes`; a larger record is
//! skipped and reported) and its field ends.
//!
//! Positions: a record's line is the physical line where its first byte stands. Terminators
//! (`\r`, `\n`) between records are skipped here, not in csv-core, so that the start of each
//! record is known exactly; csv-core would skip them as empty lines anyway.

use super::announce;
use crate::error::{Error, ErrorKind, Position};
use crate::record::{Cell, Origin, RecordSink};
use csv_core::{ReadRecordResult, Reader, ReaderBuilder};
use std::borrow::Cow;

const BOM: &[u8] = b"\xEF\xBB\xBF";

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
    /// The last byte seen was a `\r` whose line break is not counted yet.
    pending_cr: bool,
    /// The last byte consumed (to name the last line that has content).
    last: u8,
    /// The record being flushed at the end holds a newline we added to probe for an open quote.
    trim_probe: bool,
    oversize: bool,
    max_record: usize,
    /// Columns beyond this are not profiled (reported once).
    max_columns: usize,
    /// Whether the next record is the header.
    header_pending: bool,
    expected: Option<usize>,
    records: u64,
    done: bool,
}

impl CsvParser {
    pub fn new(delimiter: u8, header: bool, max_record: usize, max_columns: usize) -> CsvParser {
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
            last: b'\n',
            pending_cr: false,
            trim_probe: false,
            oversize: false,
            max_record: max_record.max(1),
            max_columns,
            header_pending: header,
            expected: None,
            records: 0,
            done: false,
        }
    }

    /// Counts line breaks: `\n`, `\r\n` and a lone `\r` (old Mac files) each end one line. A
    /// `\r` at the end of a chunk is settled by the first byte of the next.
    fn count_lines(&mut self, bytes: &[u8]) {
        let Some(&first) = bytes.first() else { return };
        if std::mem::take(&mut self.pending_cr) && first != b'\n' {
            self.line += 1;
        }
        self.line += bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        let crs = bytes.iter().filter(|&&b| b == b'\r').count();
        if crs > 0 {
            let lone = bytes.windows(2).filter(|w| w.first() == Some(&b'\r') && w.get(1) != Some(&b'\n')).count();
            self.line += lone as u64;
            self.pending_cr = bytes.last() == Some(&b'\r');
        }
    }

    /// The physical line at the current read position.
    pub fn line(&self) -> u64 {
        self.line
    }

    pub fn feed(&mut self, mut input: &[u8], p: &mut dyn RecordSink) {
        while !input.is_empty() && !self.done {
            if self.at_start {
                let skip = input.iter().take_while(|&&b| b == b'\n' || b == b'\r').count();
                let (term, rest) = input.split_at(skip);
                self.count_lines(term);
                self.byte += skip as u64;
                input = rest;
                if input.is_empty() {
                    return;
                }
                // A `\r` that ended the previous record, followed by content: a lone-CR break.
                if std::mem::take(&mut self.pending_cr) {
                    self.line += 1;
                }
                self.at_start = false;
                self.rec_byte = self.byte;
                self.rec_line = self.line;
            }
            input = self.step(input, p);
        }
    }

    /// One call into csv-core; returns the unconsumed input.
    fn step<'a>(&mut self, input: &'a [u8], p: &mut dyn RecordSink) -> &'a [u8] {
        let out = self.out.get_mut(self.nout..).unwrap_or(&mut []);
        let ends = self.ends.get_mut(self.nend..).unwrap_or(&mut []);
        let (res, nin, nout, nend) = self.rdr.read_record(input, out, ends);
        let (used, rest) = input.split_at(nin.min(input.len()));
        self.count_lines(used);
        if let Some(&b) = used.last() {
            self.last = b;
        }
        self.byte += nin as u64;
        self.nout += nout;
        self.nend += nend;
        if self.nout > self.max_record && !self.oversize {
            // Over the limit: keep parsing to find the record's end, but drop its bytes.
            self.oversize = true;
            self.nout = 0;
        }
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
    ///
    /// csv-core does not say whether a quoted field is open at the end of the input, so a newline
    /// is offered as a probe: outside quotes it ends the record (and adds nothing to it); inside
    /// an open quoted field it is absorbed, which is how the open quote shows. The probe newline
    /// is then trimmed from the record.
    pub fn finish(&mut self, p: &mut dyn RecordSink) {
        if !self.at_start && !self.done {
            let last_line = self.line - u64::from(self.last == b'\n');
            let (line, byte) = (self.line, self.byte);
            let mut probe: &[u8] = b"\n";
            let mut guard = 0;
            while !probe.is_empty() && !self.done && !self.at_start && guard < 64 {
                guard += 1;
                probe = self.step(probe, p);
            }
            self.line = line;
            self.byte = byte;
            if !self.at_start {
                p.issue(Error::new(
                    ErrorKind::UnclosedQuote,
                    Position { byte: self.rec_byte, line: self.rec_line, record: self.records },
                    format!(
                        "a quoted field opened in the record starting on line {} is never closed; \
                         everything from there to the end of the file (line {}) was read as one record",
                        self.rec_line, last_line
                    ),
                ));
                self.trim_probe = true;
            }
        }
        let mut guard = 0;
        while !self.done && guard < 1_000_000 {
            guard += 1;
            self.step(&[], p);
        }
    }

    fn record(&mut self, p: &mut dyn RecordSink) {
        self.at_start = true;
        let (mut nout, nend) = (self.nout, self.nend);
        if std::mem::take(&mut self.trim_probe) && nout > 0 && self.out.get(nout - 1) == Some(&b'\n') {
            nout -= 1;
            if let Some(end) = self.ends.get_mut(nend.saturating_sub(1)) {
                *end = (*end).min(nout);
            }
        }
        self.nout = 0;
        self.nend = 0;
        let pos = Position { byte: self.rec_byte, line: self.rec_line, record: self.records };
        if std::mem::take(&mut self.oversize) {
            if !self.header_pending {
                self.records += 1;
            }
            self.header_pending = false;
            p.issue(Error::new(
                ErrorKind::TooLarge { limit: self.max_record as u64 },
                pos,
                format!("record larger than {} bytes; skipped", self.max_record),
            ));
            return;
        }
        let data = self.out.get(..nout).unwrap_or(&[]);
        let ends = self.ends.get(..nend).unwrap_or(&[]);
        // A UTF-8 byte-order mark at the start of a record (a later part of concatenated files,
        // or a gzip member of its own) is not part of the first field.
        let bom = if data.starts_with(BOM) && ends.first().is_some_and(|&e| e >= BOM.len()) { BOM.len() } else { 0 };
        if !self.header_pending && self.expected == Some(nend) {
            // The common case: valid UTF-8 and the expected field count. One validation for the
            // whole record and no per-field allocation.
            if let Ok(text) = std::str::from_utf8(data) {
                self.records += 1;
                let mut start = bom;
                let cells: Vec<Cell<'_>> = ends
                    .iter()
                    .map(|&end| {
                        let f = text.get(start..end).unwrap_or("");
                        start = end;
                        Cell::Text(f)
                    })
                    .collect();
                p.record(pos.line, &cells);
                return;
            }
        }
        let mut fields: Vec<Cow<'_, str>> = Vec::with_capacity(nend);
        let mut start = bom;
        for (i, &end) in ends.iter().enumerate() {
            let raw = data.get(start..end).unwrap_or(&[]);
            start = end;
            fields.push(match std::str::from_utf8(raw) {
                Ok(s) => Cow::Borrowed(s),
                Err(e) => {
                    p.issue(Error::new(
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
            // U+FEFF inside a name (a byte-order mark that survived a conversion) is trimmed.
            let names = fields.iter().map(|f| f.trim_matches('\u{feff}').to_string()).collect();
            announce(p, names, Origin::Header, self.max_columns);
            return;
        }
        let expected = match self.expected {
            Some(n) => n,
            None => {
                self.expected = Some(fields.len());
                let names = (1..=fields.len()).map(|i| format!("column_{i}")).collect();
                announce(p, names, Origin::Generated, self.max_columns);
                fields.len()
            }
        };
        self.records += 1;
        if fields.len() != expected {
            p.issue(Error::new(
                ErrorKind::RaggedRow { expected: expected as u64, found: fields.len() as u64 },
                pos,
                format!("{} fields where the header has {}", fields.len(), expected),
            ));
        }
        let cells: Vec<Cell<'_>> = fields.iter().map(|f| Cell::Text(f)).collect();
        p.record(pos.line, &cells);
    }
}

//! The CSV driver: feeds decoded bytes to `csv_core::Reader` and hands whole records to a
//! [`RecordSink`] with their positions.
//!
//! Memory: one record's bytes (grown on demand, at most `max_record_bytes`; a larger record is
//! skipped and reported) and the ends of at most [`held_fields`] of its fields. A record with
//! more fields (a line of 16 million commas) is not materialised field by field: the fields past
//! that point are counted, and their ends and bytes are folded into one trailing cell, so that the
//! row's hash (duplicates) still sees all of its content.
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
    /// Field ends held per record (see [`held_fields`]).
    held: usize,
    /// Fields of the current record past `held`, counted and folded into `tail_hash`.
    dropped: usize,
    tail_hash: u64,
    /// Whether the next record is the header.
    header_pending: bool,
    expected: Option<usize>,
    records: u64,
    done: bool,
    /// The record's cells: an empty vector kept for its allocation (see [`recycle`]).
    cells: Vec<Cell<'static>>,
    /// The column names as announced (from the header or generated), for later byte ranges.
    pub announced: Option<(Vec<String>, Origin)>,
    /// The line feeds of the input being fed.
    feeds: Feeds,
}

/// Bytes of the input whose line feeds are found at a time (positions: at most 512 KiB).
const FEED_WINDOW: usize = 64 * 1024;

/// The line feeds of the input [`CsvParser::feed`] was given, found one window at a time by
/// memchr, so that each record's lines are counted by walking the positions in it. Searching
/// each record's bytes instead costs about 55 ns for a record of 114 bytes: a search's set-up,
/// ten times the cost of searching a megabyte whole, per byte. An input with a `\r` in it takes
/// the slow path (lone carriage returns also end lines).
#[derive(Default)]
struct Feeds {
    /// Offsets in the input of the line feeds of `[.., upto)` not yet counted, from `next`.
    pos: Vec<usize>,
    next: usize,
    upto: usize,
    /// The input holds a `\r`.
    cr: bool,
    /// Tests: always the slow path (the reference the fast one is compared with).
    #[cfg(test)]
    slow: bool,
}

impl Feeds {
    fn start(&mut self, input: &[u8]) {
        self.pos.clear();
        self.next = 0;
        self.upto = 0;
        self.cr = memchr::memchr(b'\r', input).is_some();
        #[cfg(test)]
        {
            self.cr |= self.slow;
        }
    }

    /// Line feeds before offset `to` not counted yet (calls come with rising `to`).
    fn before(&mut self, input: &[u8], to: usize) -> u64 {
        let mut n = 0;
        loop {
            while let Some(&p) = self.pos.get(self.next) {
                if p >= to {
                    return n;
                }
                n += 1;
                self.next += 1;
            }
            if self.upto >= to || self.upto >= input.len() {
                return n;
            }
            let end = self.upto.saturating_add(FEED_WINDOW).min(input.len());
            let base = self.upto;
            self.pos.clear();
            self.next = 0;
            self.pos.extend(memchr::memchr_iter(b'\n', input.get(base..end).unwrap_or(&[])).map(|i| base + i));
            self.upto = end;
        }
    }
}

/// An empty vector of cells on the allocation of another (of any lifetime): a record's cells
/// reuse one buffer instead of an allocation per record (`collect` from a vector's own iterator
/// into a type of the same layout works in place).
// `filter` cannot change the elements' lifetime, which is the point: any element is dropped and
// only the buffer is kept.
#[allow(clippy::unnecessary_filter_map)]
fn recycle<'b>(v: Vec<Cell<'_>>) -> Vec<Cell<'b>> {
    v.into_iter().filter_map(|_| None).collect()
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
            held: held_fields(max_columns),
            dropped: 0,
            tail_hash: 0,
            header_pending: header,
            expected: None,
            records: 0,
            done: false,
            cells: Vec::new(),
            announced: None,
            feeds: Feeds::default(),
        }
    }

    /// A parser for a later byte range of the input, which starts at a record boundary: decoded
    /// byte `byte`, physical line `line`, with the header (or the first record) already read by
    /// the first range and `fields` fields a record.
    pub fn resumed(
        delimiter: u8,
        max_record: usize,
        max_columns: usize,
        fields: usize,
        byte: u64,
        line: u64,
    ) -> CsvParser {
        let mut p = CsvParser::new(delimiter, false, max_record, max_columns);
        p.expected = Some(fields);
        p.byte = byte;
        p.line = line;
        p.rec_byte = byte;
        p.rec_line = line;
        p
    }

    /// Between two records (nothing of the next one read yet).
    pub fn at_boundary(&self) -> bool {
        self.at_start && !self.oversize && self.nout == 0 && self.nend == 0 && !self.pending_cr
    }

    /// Data records read so far (the header not counted).
    pub fn records(&self) -> u64 {
        self.records
    }

    /// The number of fields a record has (the header's, or the first record's).
    pub fn fields(&self) -> Option<usize> {
        self.expected
    }

    /// Counts line breaks: `\n`, `\r\n` and a lone `\r` (old Mac files) each end one line. A
    /// `\r` at the end of a chunk is settled by the first byte of the next.
    fn count_lines(&mut self, bytes: &[u8]) {
        let Some(&first) = bytes.first() else { return };
        if std::mem::take(&mut self.pending_cr) && first != b'\n' {
            self.line += 1;
        }
        self.line += super::line_feeds(bytes);
        if memchr::memchr(b'\r', bytes).is_some() {
            let lone = bytes.windows(2).filter(|w| w.first() == Some(&b'\r') && w.get(1) != Some(&b'\n')).count();
            self.line += lone as u64;
            self.pending_cr = bytes.last() == Some(&b'\r');
        }
    }

    /// [`count_lines`](Self::count_lines) of `input[from..to]`, where `input` is what
    /// [`feed`](Self::feed) was given and the calls cover it in order from 0: the line feeds
    /// come from [`Feeds`] (the slow path when the input holds a `\r`).
    fn count_lines_at(&mut self, input: &[u8], from: usize, to: usize) {
        let Some(&first) = input.get(from).filter(|_| to > from) else { return };
        if self.feeds.cr {
            return self.count_lines(input.get(from..to).unwrap_or(&[]));
        }
        if std::mem::take(&mut self.pending_cr) && first != b'\n' {
            self.line += 1;
        }
        self.line += self.feeds.before(input, to);
    }

    /// The physical line at the current read position.
    pub fn line(&self) -> u64 {
        self.line
    }

    pub fn feed(&mut self, input: &[u8], p: &mut dyn RecordSink) {
        self.feeds.start(input);
        let mut at = 0;
        while at < input.len() && !self.done {
            if self.at_start {
                let rest = input.get(at..).unwrap_or(&[]);
                let skip = rest.iter().take_while(|&&b| b == b'\n' || b == b'\r').count();
                self.count_lines_at(input, at, at + skip);
                self.byte += skip as u64;
                at += skip;
                if at >= input.len() {
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
            at = self.step(input, at, true, p);
        }
    }

    /// One call into csv-core on `input[at..]`; returns the offset of the unconsumed input.
    /// `indexed`: `input` is what [`feed`](Self::feed) was given (its line feeds are indexed).
    fn step(&mut self, input: &[u8], at: usize, indexed: bool, p: &mut dyn RecordSink) -> usize {
        let rest = input.get(at..).unwrap_or(&[]);
        let out = self.out.get_mut(self.nout..).unwrap_or(&mut []);
        let ends = self.ends.get_mut(self.nend..).unwrap_or(&mut []);
        let (res, nin, nout, nend) = self.rdr.read_record(rest, out, ends);
        let nin = nin.min(rest.len());
        if indexed {
            self.count_lines_at(input, at, at + nin);
        } else {
            self.count_lines(rest.get(..nin).unwrap_or(&[]));
        }
        if let Some(&b) = rest.get(..nin).and_then(<[u8]>::last) {
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
                if self.ends.len() >= self.held + FOLD_SLACK {
                    // Past the fields held: fold the later ends into the tail's hash and reuse
                    // their slots; the first `held - 1` ends stay.
                    self.fold_tail(self.held - 1);
                } else {
                    let n = (self.ends.len() * 2).min(self.held + FOLD_SLACK);
                    self.ends.resize(n, 0);
                }
            }
            ReadRecordResult::Record => self.record(p),
            ReadRecordResult::End => self.done = true,
        }
        at + nin
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
            let probe: &[u8] = b"\n";
            let (mut at, mut guard) = (0, 0);
            while at < probe.len() && !self.done && !self.at_start && guard < 64 {
                guard += 1;
                at = self.step(probe, at, false, p);
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
            self.step(&[], 0, false, p);
        }
    }

    /// Counts the field ends from `keep` on and folds them into the tail's hash.
    fn fold_tail(&mut self, keep: usize) {
        for &e in self.ends.get(keep..self.nend).unwrap_or(&[]) {
            self.tail_hash = (self.tail_hash ^ e as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.dropped += self.nend.saturating_sub(keep);
        self.nend = keep.min(self.nend);
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
            (self.dropped, self.tail_hash) = (0, 0);
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
        if self.dropped > 0 {
            return self.wide_record(p, pos, nout, nend);
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
                let mut cells = recycle(std::mem::take(&mut self.cells));
                cells.extend(ends.iter().map(|&end| {
                    let f = text.get(start..end).unwrap_or("");
                    start = end;
                    Cell::Text(f)
                }));
                p.record(pos.line, &cells);
                self.cells = recycle(cells);
                return;
            }
        }
        // The buffers are lent out while the fields borrow them, and put back.
        let (out, ends) = (std::mem::take(&mut self.out), std::mem::take(&mut self.ends));
        let fields = decode_fields(p, pos, out.get(..nout).unwrap_or(&[]), ends.get(..nend).unwrap_or(&[]), bom);
        self.deliver(p, pos, fields, nend, None);
        (self.out, self.ends) = (out, ends);
    }

    /// A record with more fields than are held: the held fields as cells, and one trailing cell
    /// standing for all the rest (their count, the hash of their ends and their bytes).
    fn wide_record(&mut self, p: &mut dyn RecordSink, pos: Position, nout: usize, nend: usize) {
        let keep = self.held - 1;
        self.nend = nend.min(self.ends.len());
        self.fold_tail(keep);
        self.nend = 0;
        let total = keep + std::mem::take(&mut self.dropped);
        let tail_start = self.ends.get(keep.saturating_sub(1)).copied().filter(|_| keep > 0).unwrap_or(0);
        let tail_hash = std::mem::take(&mut self.tail_hash);
        let (out, ends) = (std::mem::take(&mut self.out), std::mem::take(&mut self.ends));
        let data = out.get(..nout).unwrap_or(&[]);
        let bom = if data.starts_with(BOM) && ends.first().is_some_and(|&e| e >= BOM.len()) { BOM.len() } else { 0 };
        let mut fields = decode_fields(p, pos, data, ends.get(..keep).unwrap_or(&[]), bom);
        let tail = String::from_utf8_lossy(out.get(tail_start..nout).unwrap_or(&[]));
        fields.push(Cow::Owned(format!("{} more fields #{tail_hash:016x}:{tail}", total - keep)));
        self.deliver(p, pos, fields, total, Some(total - keep));
        (self.out, self.ends) = (out, ends);
    }

    /// Hands a record's fields to the sink: as the header, or as data after the ragged check.
    /// `fields` holds every field, or (for a wide record, `folded` = Some(n)) the held fields
    /// and one cell standing for the last `n`; `total` is the record's field count.
    fn deliver(
        &mut self,
        p: &mut dyn RecordSink,
        pos: Position,
        fields: Vec<Cow<'_, str>>,
        total: usize,
        folded: Option<usize>,
    ) {
        let named = if folded.is_some() { fields.len() - 1 } else { fields.len() };
        if self.header_pending {
            self.header_pending = false;
            self.expected = Some(total);
            // U+FEFF inside a name (a byte-order mark that survived a conversion) is trimmed.
            let names = fields
                .iter()
                .take(named.min(self.max_columns))
                .map(|f| f.trim_matches('\u{feff}').to_string())
                .collect::<Vec<String>>();
            self.announced = Some((names.clone(), Origin::Header));
            announce(p, names, total, Origin::Header, self.max_columns);
            return;
        }
        let expected = match self.expected {
            Some(n) => n,
            None => {
                self.expected = Some(total);
                let names = (1..=total.min(self.max_columns)).map(|i| format!("column_{i}")).collect::<Vec<String>>();
                self.announced = Some((names.clone(), Origin::Generated));
                announce(p, names, total, Origin::Generated, self.max_columns);
                total
            }
        };
        self.records += 1;
        if total != expected {
            p.issue(Error::new(
                ErrorKind::RaggedRow { expected: expected as u64, found: total as u64 },
                pos,
                format!("{total} fields where the header has {expected}"),
            ));
        }
        let cells: Vec<Cell<'_>> = fields.iter().map(|f| Cell::Text(f)).collect();
        p.record(pos.line, &cells);
    }
}

/// Slots past the held field ends that are folded at a time.
const FOLD_SLACK: usize = 4096;

/// Field ends held per record: every profiled column and far more (a row of 65,536 fields costs
/// about 3.5 MB in flight), so that only a pathological record is folded.
fn held_fields(max_columns: usize) -> usize {
    (max_columns + 2).max(65_536)
}

/// A record's fields as text (lossily, reporting invalid UTF-8): `data` is its bytes, `ends`
/// the ends of the fields wanted, `start` where the first field starts (past a byte-order mark).
fn decode_fields<'a>(
    p: &mut dyn RecordSink,
    pos: Position,
    data: &'a [u8],
    ends: &[usize],
    start: usize,
) -> Vec<Cow<'a, str>> {
    let mut fields: Vec<Cow<'a, str>> = Vec::with_capacity(ends.len());
    let mut start = start;
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
    fields
}

#[cfg(test)]
// Tests fail by panicking; the no-panic lints are for the engine, not for them.
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every record's line and fields, every issue's position, and the last line.
    #[derive(Default, PartialEq, Debug)]
    struct Seen(Vec<(u64, Vec<String>)>, Vec<(u64, u64)>, u64);

    impl RecordSink for Seen {
        fn columns(&mut self, _: &[String], _: Origin) {}
        fn record(&mut self, line: u64, cells: &[Cell<'_>]) {
            self.0.push((line, cells.iter().map(|c| c.text().into_owned()).collect()));
        }
        fn issue(&mut self, e: Error) {
            self.1.push((e.pos.line, e.pos.byte));
        }
    }

    fn read(input: &[u8], cuts: &[usize], slow: bool) -> Seen {
        let mut p = CsvParser::new(b',', false, 1 << 20, 1000);
        p.feeds.slow = slow;
        let mut seen = Seen::default();
        let mut at = 0;
        for &c in cuts.iter().chain([&input.len()]) {
            let c = c.clamp(at, input.len());
            p.feed(&input[at..c], &mut seen);
            at = c;
        }
        p.finish(&mut seen);
        seen.2 = p.line();
        seen
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3_000))]
        /// Line numbers from the indexed line feeds are those of searching each record's bytes,
        /// with quoted line breaks, CRLF, lone CRs and blank lines, in any chunking.
        #[test]
        fn indexed_line_feeds_count_as_the_search(
            parts in prop::collection::vec(prop::sample::select(vec!["a", "bc", ",", "\"", "\n", "\r", "\r\n", "\n\n"]), 0..120),
            mut cuts in prop::collection::vec(0usize..400, 0..6),
        ) {
            let input = parts.concat().into_bytes();
            cuts.sort_unstable();
            let fast = read(&input, &cuts, false);
            prop_assert_eq!(&fast, &read(&input, &cuts, true));
            prop_assert_eq!(&fast, &read(&input, &[], true));
        }
    }

    #[test]
    fn windows_of_line_feeds() {
        // More line feeds than one window holds, in one feed, records spanning windows.
        let mut input = Vec::new();
        for i in 0..40_000 {
            input.extend_from_slice(if i % 3 == 0 { b"x,\"q\n\nq\"\n" } else { b"y,z\n\n" });
        }
        let fast = read(&input, &[], false);
        assert_eq!(fast, read(&input, &[], true));
        assert_eq!(fast.2, 1 + input.iter().filter(|&&b| b == b'\n').count() as u64);
    }
}

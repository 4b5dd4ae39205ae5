//! One input read as byte ranges, each by its own [`Session`], and merged into the report of the
//! whole: how the CLI's `--jobs` uses every core.
//!
//! The protocol (the engine does no I/O; the driver reads the ranges):
//! 1. The first session reads the start of the input until [`Session::head`] is known: the
//!    encoding and the format are decided and the first record read. Only uncompressed UTF-8 CSV
//!    and JSON Lines split; anything else is read by the first session alone.
//! 2. The rest is cut into ranges at nominal offsets; each range starts at the first line start
//!    at or after its cut ([`line_start_at`]). For JSON Lines a line start is a record start. For
//!    CSV it is a guess: a quoted field may hold line breaks. The physical line of each start is
//!    counted ([`LineBreaks`], the CSV parser's rule: `\n`, `\r\n` and a lone `\r` each end one
//!    line) so that every part reports the file's own line numbers.
//! 3. [`Session::part`] reads a range primed with the head; each session reads on past the end of
//!    its range to the first record boundary at or after it ([`Session::at_boundary`], tested
//!    after each line break). That is where the next range truly starts. When it is not where the
//!    next range guessed (a quoted field across the cut), the next range is read again from the
//!    true start: rare, and exact either way (the way DuckDB's parallel CSV reader verifies its
//!    speculative record starts).
//! 4. [`merge`] merges the parts in file order: exact figures are those of a single pass, sketches
//!    stay within their stated error, evidence keeps the earliest rows, and error positions count
//!    the whole file's records.
//!
//! Memory: each part holds its own profile within the whole budget, so `N` parts can hold up to
//! `N` budgets while they run; merging folds them into one.
//!
//! Provisional findings ([`read_looking`]) come from the first session only: the start of the
//! input, then the first range (the other ranges are not seen until they are merged).

use crate::options::Options;
use crate::profile::{Merge, Profile};
use crate::report::{Report, Source};

/// What later ranges need from the first: see [`crate::Session::head`].
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Head {
    pub ingest: crate::ingest::Head,
    /// Columns announced when the roles were resolved (JSON: the first record's keys).
    pub roles_at: usize,
    /// The first session's options, with the caps the memory budget put on them.
    #[serde(with = "crate::wire::json")]
    pub opts: Options,
    pub column_cap: Option<usize>,
    pub record_cap: Option<usize>,
    /// What later ranges go on with: the text family's decisions (its samples of the first
    /// values are complete, so later ranges add nothing to them) and the first-seen indexes.
    pub go_on: crate::profile::Continuation,
}

/// One finished byte range: see [`crate::Session::finish_part`].
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Part {
    pub profile: Profile,
    /// Records this range read (to offset the error positions of the ranges after it).
    pub records: u64,
    /// Raw bytes fed.
    pub bytes: u64,
    /// A JSON key past the column limit was met: the ranges would not agree on the columns.
    pub keys_dropped: bool,
    pub source: Source,
    #[serde(with = "crate::wire::json")]
    pub opts: Options,
}

/// The first offset at or after `at` that starts a line (follows a `\n`), given the bytes of the
/// input from `at - 1` on (`from_prev`); `None` if none does within them.
pub fn line_start_at(at: u64, from_prev: &[u8]) -> Option<u64> {
    if at == 0 {
        return Some(0);
    }
    from_prev.iter().position(|&b| b == b'\n').map(|i| at + i as u64)
}

/// Counts line breaks as the parsers do: `\n`, `\r\n` and a lone `\r` each end one line (the CSV
/// rule; JSON Lines counts `\n` only, and the driver uses [`LineBreaks::newlines`] for it).
#[derive(Clone, Copy, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct LineBreaks {
    /// Line breaks of the CSV rule.
    pub breaks: u64,
    /// `\n` bytes.
    pub newlines: u64,
    /// A lone `\r` was met (ranges of such a CSV file are not split: see the module doc).
    pub lone_cr: bool,
    pending_cr: bool,
}

impl LineBreaks {
    pub fn push(&mut self, bytes: &[u8]) {
        let Some(&first) = bytes.first() else { return };
        if std::mem::take(&mut self.pending_cr) && first != b'\n' {
            self.breaks += 1;
            self.lone_cr = true;
        }
        let n = crate::ingest::line_feeds(bytes);
        self.newlines += n;
        self.breaks += n;
        if bytes.contains(&b'\r') {
            let lone = bytes.windows(2).filter(|w| w.first() == Some(&b'\r') && w.get(1) != Some(&b'\n')).count();
            self.breaks += lone as u64;
            self.lone_cr |= lone > 0;
            self.pending_cr = bytes.last() == Some(&b'\r');
        }
    }

    /// The counts of this range followed by `next`'s.
    pub fn then(self, next: LineBreaks) -> LineBreaks {
        LineBreaks {
            breaks: self.breaks + next.breaks,
            newlines: self.newlines + next.newlines,
            lone_cr: self.lone_cr || next.lone_cr,
            pending_cr: next.pending_cr,
        }
    }
}

/// Merges finished parts, in file order, into the profile of the whole (sealed), its source and
/// its options. Fails (so that the caller reads the input in one pass instead) when the parts
/// cannot agree: a JSON key past the column limit in any part.
pub fn merge(parts: Vec<Part>) -> Result<(Profile, Source, Options), String> {
    if parts.iter().any(|p| p.keys_dropped) {
        return Err("a JSON key past the column limit: the parts would not agree on the columns".into());
    }
    if let Some(why) = parts.iter().find_map(|p| p.profile.disagreement()) {
        return Err(format!("the parts may disagree: {why}"));
    }
    let mut it = parts.into_iter();
    let Some(first) = it.next() else { return Err("no parts".into()) };
    let (mut whole, mut source, opts) = (first.profile, first.source, first.opts);
    let mut records = first.records;
    for mut part in it {
        for e in &mut part.profile.log.errors {
            e.pos.record += records;
        }
        records += part.records;
        source.bytes += part.bytes;
        source.decoded_bytes = part.source.decoded_bytes;
        for n in std::mem::take(&mut part.profile.notes) {
            if !whole.notes.contains(&n) {
                whole.notes.push(n);
            }
        }
        whole.merge(part.profile);
    }
    if let Some(why) = whole.disagreement() {
        return Err(format!("the parts disagree: {why}"));
    }
    if whole.columns.len() > opts.max_columns {
        return Err("the parts met more columns than the column limit".into());
    }
    whole.seal();
    Ok((whole, source, opts))
}

/// The report of the merged parts (see [`merge`]).
pub fn report(parts: Vec<Part>) -> Result<Report, String> {
    let (profile, source, opts) = merge(parts)?;
    Ok(crate::report_for(&profile, source, &opts))
}

/// Bytes of an input read at any offset (a file, a buffer): what the range driver reads.
pub trait ReadAt: Sync {
    fn len(&self) -> u64;
    /// Reads at `at` into `buf`; returns the bytes read (0 only at the end).
    fn read_at(&self, at: u64, buf: &mut [u8]) -> Result<usize, String>;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl ReadAt for &[u8] {
    fn len(&self) -> u64 {
        <[u8]>::len(self) as u64
    }
    fn read_at(&self, at: u64, buf: &mut [u8]) -> Result<usize, String> {
        let rest = usize::try_from(at).ok().and_then(|a| self.get(a..)).unwrap_or(&[]);
        let n = rest.len().min(buf.len());
        if let (Some(to), Some(from)) = (buf.get_mut(..n), rest.get(..n)) {
            to.copy_from_slice(from);
        }
        Ok(n)
    }
}

/// Several inputs read as one dataset: their bytes one after the other, as one input that
/// [`read`] cuts into ranges like any other (so a hundred small files and one large one use
/// every core alike). A CSV file after the first drops its header line (it must be the first
/// file's, byte for byte, apart from a byte-order mark and the line ending); a file that does not
/// end with a line break is given one, so that its last record does not run into the next
/// file's first. Line numbers count across the files in order: [`Concat::spans`] says which
/// lines each file holds.
pub struct Concat<R> {
    pieces: Vec<Piece<R>>,
    len: u64,
}

struct Piece<R> {
    src: R,
    /// Where the piece starts in the whole, the bytes of `src` it skips (a header, a BOM), and
    /// the bytes of `src` it shows.
    at: u64,
    skip: u64,
    shown: u64,
    /// A line break added after it.
    newline: bool,
}

/// The first line of `src`, with its line break, as bytes (at most 1 MiB is looked at).
fn first_line(src: &dyn ReadAt) -> Result<Vec<u8>, String> {
    let mut buf = vec![0u8; (1 << 20).min(src.len() as usize)];
    let mut got = 0;
    while got < buf.len() {
        let n = src.read_at(got as u64, buf.get_mut(got..).unwrap_or(&mut []))?;
        if n == 0 {
            break;
        }
        got += n;
    }
    buf.truncate(got);
    let end = buf.iter().position(|&b| b == b'\n').map_or(buf.len(), |i| i + 1);
    buf.truncate(end);
    Ok(buf)
}

fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(b)
}

fn trim_eol(b: &[u8]) -> &[u8] {
    let b = b.strip_suffix(b"\n").unwrap_or(b);
    b.strip_suffix(b"\r").unwrap_or(b)
}

impl<R: ReadAt> Concat<R> {
    /// `files` (name, source) in order; `csv_header`: the files are CSV with a header line, which
    /// every file after the first repeats (and drops). Fails, naming the file, on a header that
    /// differs from the first file's.
    pub fn new(files: Vec<(String, R)>, csv_header: bool) -> Result<Concat<R>, String> {
        let mut pieces = Vec::with_capacity(files.len());
        let mut at = 0u64;
        let mut header: Option<Vec<u8>> = None;
        let mut first_name = String::new();
        for (i, (name, src)) in files.into_iter().enumerate() {
            let len = src.len();
            let mut skip = 0u64;
            if i > 0 {
                let line = first_line(&src)?;
                let bom = (line.len() - strip_bom(&line).len()) as u64;
                skip = bom;
                if csv_header {
                    let want = header.as_deref().map(|h| trim_eol(strip_bom(h))).unwrap_or(&[]);
                    let got = trim_eol(strip_bom(&line));
                    if got != want {
                        return Err(format!(
                            "{name}: its first line is not the header of {first_name} (files checked as one dataset must share it): {}",
                            String::from_utf8_lossy(got.get(..got.len().min(200)).unwrap_or(&[]))
                        ));
                    }
                    skip = line.len() as u64;
                }
            } else {
                first_name = name.clone();
                if csv_header {
                    header = Some(first_line(&src)?);
                }
            }
            let shown = len.saturating_sub(skip);
            let mut last = [0u8; 1];
            let ends_line = len == 0 || (src.read_at(len - 1, &mut last)? == 1 && last[0] == b'\n');
            let newline = shown > 0 && !ends_line;
            pieces.push(Piece { src, at, skip, shown, newline });
            at += shown + u64::from(newline);
        }
        Ok(Concat { pieces, len: at })
    }

    /// Per file, the range of bytes it takes in the whole (to say which lines it holds, count
    /// the line breaks before each start).
    pub fn spans(&self) -> Vec<(u64, u64)> {
        self.pieces.iter().map(|p| (p.at, p.at + p.shown + u64::from(p.newline))).collect()
    }
}

impl<R: ReadAt> ReadAt for Concat<R> {
    fn len(&self) -> u64 {
        self.len
    }
    fn read_at(&self, at: u64, buf: &mut [u8]) -> Result<usize, String> {
        let i = self.pieces.partition_point(|p| p.at + p.shown + u64::from(p.newline) <= at);
        let Some(p) = self.pieces.get(i) else { return Ok(0) };
        let off = at - p.at;
        if off < p.shown {
            let want = buf.len().min((p.shown - off) as usize);
            return p.src.read_at(p.skip + off, buf.get_mut(..want).unwrap_or(&mut []));
        }
        // The line break added after the piece.
        match buf.first_mut() {
            Some(b) => {
                *b = b'\n';
                Ok(1)
            }
            None => Ok(0),
        }
    }
}

/// How the driver reads: at most `jobs` ranges (threads) of at least `min_range` bytes, fed in
/// chunks of `chunk` bytes.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    pub jobs: usize,
    pub min_range: u64,
    pub chunk: usize,
}

impl Default for Plan {
    fn default() -> Plan {
        Plan { jobs: 1, min_range: 8 << 20, chunk: 1 << 20 }
    }
}

/// How the input was read: by how many ranges, and why not more.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// Ranges merged (1: one pass).
    pub ranges: usize,
    /// Ranges read again because the one before ended elsewhere than guessed (quoted line breaks
    /// across a cut).
    pub reread: usize,
    /// Bytes read by the first session before the rest was cut.
    pub head_bytes: u64,
    /// Why the input was read in one pass, when more jobs were asked for.
    pub one_pass: Option<String>,
}

#[cfg(not(target_arch = "wasm32"))]
mod driver {
    use super::{merge, LineBreaks, Part, Plan, ReadAt, Reading};
    use crate::profile::Profile;
    use crate::report::Source;
    use crate::{Options, Report, Session};
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::Duration;

    /// Feeds `[from, to)` to `f` in chunks, counting into `done`.
    fn pump(
        src: &dyn ReadAt,
        from: u64,
        to: u64,
        chunk: usize,
        done: &AtomicU64,
        mut f: impl FnMut(&[u8]),
    ) -> Result<(), String> {
        let mut buf = vec![0u8; chunk.max(1)];
        let mut at = from;
        while at < to {
            let want = ((to - at) as usize).min(buf.len());
            let n = src.read_at(at, buf.get_mut(..want).unwrap_or(&mut []))?;
            if n == 0 {
                return Err(format!("the input ended at byte {at}, before byte {to}: did it change while read?"));
            }
            at += n as u64;
            done.fetch_add(n as u64, Ordering::Relaxed);
            f(buf.get(..n).unwrap_or(&[]));
        }
        Ok(())
    }

    /// Feeds the session on from `from`, line by line, until it stands at a record boundary
    /// (where the next range truly starts) or at the end; returns that offset.
    fn extend(src: &dyn ReadAt, s: &mut Session, from: u64, chunk: usize, done: &AtomicU64) -> Result<u64, String> {
        let len = src.len();
        let mut at = from;
        let mut buf = vec![0u8; chunk.clamp(1, 64 * 1024)];
        while !s.at_boundary() && at < len {
            let n = src.read_at(at, &mut buf)?;
            if n == 0 {
                break;
            }
            let data = buf.get(..n).unwrap_or(&[]);
            // Up to and including the next line break, or the whole chunk.
            let cut = data.iter().position(|&b| b == b'\n').map_or(n, |i| i + 1);
            let piece = data.get(..cut).unwrap_or(&[]);
            // Chunked as the plan says, so that the feeds are those of any chunking.
            for c in piece.chunks(chunk.max(1)) {
                s.feed(c);
            }
            at += cut as u64;
            done.fetch_add(cut as u64, Ordering::Relaxed);
        }
        Ok(at)
    }

    /// The first line start at or after `at` (`len` if none).
    fn line_start(src: &dyn ReadAt, at: u64) -> Result<u64, String> {
        let len = src.len();
        if at == 0 {
            return Ok(0);
        }
        let mut buf = vec![0u8; 64 * 1024];
        let mut base = at;
        loop {
            let n = src.read_at(base - 1, &mut buf)?;
            if n == 0 {
                return Ok(len);
            }
            if let Some(g) = super::line_start_at(base, buf.get(..n).unwrap_or(&[])) {
                return Ok(g);
            }
            base += n as u64;
        }
    }

    /// How much more a byte read while the text samples fill costs than a later byte (its
    /// values are also normalised, shingled, min-hashed and counted word by word): measured on
    /// the benchmark file (`datalint bench`), where the first 200,000 comments cost 1.7–1.8
    /// times as much per byte as the rest. Cuts are placed for even work with it.
    pub(super) const SAMPLE_EXTRA: f64 = 0.75;

    /// `n - 1` cuts of `[fed, len)` into ranges of about the same work, the `need` bytes from
    /// `fed` costing [`SAMPLE_EXTRA`] more each (where the samples fill).
    pub(super) fn even_work(fed: u64, len: u64, need: u64, n: usize) -> Vec<u64> {
        let rest = len.saturating_sub(fed) as f64;
        let sampled = (need as f64).min(rest);
        let extra = sampled * SAMPLE_EXTRA;
        let total = rest + extra;
        (1..n)
            .map(|k| {
                let w = total * k as f64 / n as f64;
                let off = if w <= sampled * (1.0 + SAMPLE_EXTRA) { w / (1.0 + SAMPLE_EXTRA) } else { w - extra };
                fed + (off as u64).min(len - fed)
            })
            .collect()
    }

    /// Bytes to give the first range past the estimate of where its samples fill: half as much
    /// again and 1 MiB (values are not spread evenly; a short estimate costs a second pass).
    fn margin(need: u64) -> u64 {
        if need == 0 {
            0
        } else {
            need.saturating_add(need / 2).saturating_add(1 << 20)
        }
    }

    fn count(src: &dyn ReadAt, from: u64, to: u64) -> Result<LineBreaks, String> {
        let mut c = LineBreaks::default();
        pump(src, from, to, 1 << 20, &AtomicU64::new(0), |b| c.push(b))?;
        Ok(c)
    }

    /// Reads the whole input: the first session reads its start until [`Session::head`] is known
    /// (or half the input without that), then the rest is cut into up to `plan.jobs` ranges read
    /// on as many threads and merged, or read on by the first session. `progress` is called with
    /// the bytes read so far, from the calling thread. The report is the one-pass report of the
    /// same options (see the module doc for what that means for sketches).
    pub fn read(
        src: &dyn ReadAt,
        opts: &Options,
        plan: Plan,
        progress: &mut dyn FnMut(u64),
    ) -> Result<(Report, Reading), String> {
        read_looking(src, opts, plan, progress, None)
    }

    /// Something shown of the first session while it reads (its [`Session::snapshot`]): called
    /// with it and the bytes read so far by all ranges, after each chunk it takes (the start, the
    /// first range, or the whole input in one pass), from the thread reading it.
    pub type Look<'a> = &'a (dyn Fn(&Session, u64) + Sync);

    /// [`read`], calling `look` as the first session reads (provisional findings).
    pub fn read_looking(
        src: &dyn ReadAt,
        opts: &Options,
        plan: Plan,
        progress: &mut dyn FnMut(u64),
        look: Option<Look<'_>>,
    ) -> Result<(Report, Reading), String> {
        let ((profile, source, opts), reading) = read_profile(src, opts, plan, progress, look)?;
        Ok((crate::report_for(&profile, source, &opts), reading))
    }

    /// [`read_looking`], ending with the sealed profile of the whole instead of its report (what
    /// a comparison reads each of its two inputs into).
    pub fn read_profile(
        src: &dyn ReadAt,
        opts: &Options,
        plan: Plan,
        progress: &mut dyn FnMut(u64),
        look: Option<Look<'_>>,
    ) -> Result<((Profile, Source, Options), Reading), String> {
        let len = src.len();
        let chunk = plan.chunk.max(1);
        let done = AtomicU64::new(0);
        let mut first = Session::new(opts.clone())?;
        let mut fed = 0u64;
        let mut reading = Reading { ranges: 1, ..Reading::default() };
        let split = plan.jobs > 1 && len >= 2 * plan.min_range.max(1);
        if split {
            // Read in blocks of 1 MiB (fed in `chunk`s), the head looked for after each block:
            // where the cut falls does not depend on the chunking.
            let mut buf = vec![0u8; chunk.max(1 << 20)];
            // An early head will do when the first range can run on past where its text samples
            // fill and still leave a range of at least `min_range` after it.
            let ready = |s: &Session, fed: u64| {
                s.early_head().is_some_and(|(_, need)| fed + margin(need) + plan.min_range.max(1) <= len)
            };
            while fed < len && !ready(&first, fed) && first.head().is_none() && fed < len / 2 {
                let n = src.read_at(fed, &mut buf)?;
                if n == 0 {
                    break;
                }
                buf.get(..n).unwrap_or(&[]).chunks(chunk).for_each(|c| first.feed(c));
                fed += n as u64;
                progress(fed);
                if let Some(l) = look {
                    l(&first, fed);
                }
            }
            reading.head_bytes = fed;
            done.store(fed, Ordering::Relaxed);
            match ranges(src, first, fed, plan, &done, progress, look)? {
                Ranged::Done(r, n, reread) => {
                    reading.ranges = n;
                    reading.reread = reread;
                    return Ok((*r, reading));
                }
                Ranged::OnePass(s, why) => {
                    first = *s;
                    reading.one_pass = Some(why);
                }
                Ranged::Restart(why) => {
                    reading.one_pass = Some(why);
                    first = Session::new(opts.clone())?;
                    fed = 0;
                    done.store(0, Ordering::Relaxed);
                }
            }
        } else if plan.jobs > 1 {
            reading.one_pass = Some(format!("the input is shorter than {} bytes", 2 * plan.min_range));
        }
        pump(src, fed, len, chunk, &done, |b| {
            first.feed(b);
            if let Some(l) = look {
                l(&first, done.load(Ordering::Relaxed));
            }
        })?;
        progress(len);
        Ok((first.finish_profile(), reading))
    }

    enum Ranged {
        Done(Box<(Profile, Source, Options)>, usize, usize),
        OnePass(Box<Session>, String),
        Restart(String),
    }

    fn ranges(
        src: &dyn ReadAt,
        first: Session,
        fed: u64,
        plan: Plan,
        done: &AtomicU64,
        progress: &mut dyn FnMut(u64),
        look: Option<Look<'_>>,
    ) -> Result<Ranged, String> {
        let len = src.len();
        let chunk = plan.chunk.max(1);
        let Some((head, need)) = first.early_head() else {
            let why = "not splittable: compressed, not UTF-8, a JSON array, or the samples of the first values not complete in the first half".to_string();
            return Ok(Ranged::OnePass(Box::new(first), why));
        };
        // With an early head the first range must run on past where its samples fill: its
        // first cut is put there (with a margin), and the rest is cut evenly after it.
        let first_end = fed + margin(need);
        let early = need > 0;
        let csv = matches!(head.ingest.kind, crate::ingest::HeadKind::Csv { .. });
        let rest = len.saturating_sub(fed);
        let n = (plan.jobs as u64).min(rest / plan.min_range.max(1)).max(1) as usize;
        if n < 2 || first_end + plan.min_range.max(1) > len {
            return Ok(Ranged::OnePass(Box::new(first), "too little left after the start to split".into()));
        }
        // Nominal cuts: even work over the rest (the first range reads where the samples fill:
        // fewer bytes), unless the first would come before `first_end`; then the first at
        // `first_end` and the others even after it (fewer ranges if they would be shorter than
        // `min_range`).
        let mut nominal: Vec<u64> = even_work(fed, len, need, n);
        if nominal.first().is_some_and(|&c| c < first_end) {
            let after = len - first_end;
            let m = ((after / plan.min_range.max(1)) as usize).clamp(1, n - 1);
            nominal =
                std::iter::once(first_end).chain((1..m as u64).map(|k| first_end + after * k / m as u64)).collect();
        }
        // Range starts: the line starts at or after the nominal cuts.
        let mut starts = vec![fed];
        for c in nominal {
            let g = line_start(src, c)?;
            if starts.last().is_some_and(|&s| g > s) && g < len {
                starts.push(g);
            }
        }
        let ends: Vec<u64> = starts.iter().skip(1).copied().chain([len]).collect();
        // Line breaks before each start, counted in parallel: [0, starts[1]), then each range.
        let segments: Vec<(u64, u64)> =
            starts.iter().zip(&ends).enumerate().map(|(k, (&s, &e))| (if k == 0 { 0 } else { s }, e)).collect();
        let counts: Vec<Result<LineBreaks, String>> = std::thread::scope(|sc| {
            let hs: Vec<_> = segments.iter().map(|&(s, e)| sc.spawn(move || count(src, s, e))).collect();
            // Provisional findings of the start go on meanwhile (counting is not checking).
            while !hs.iter().all(|h| h.is_finished()) {
                if let Some(l) = look {
                    l(&first, done.load(Ordering::Relaxed));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            hs.into_iter().map(|h| h.join().unwrap_or_else(|_| Err("a counting thread failed".into()))).collect()
        });
        let counts = counts.into_iter().collect::<Result<Vec<_>, _>>()?;
        if csv && counts.iter().any(|c| c.lone_cr) {
            return Ok(Ranged::OnePass(
                Box::new(first),
                "a lone carriage return ends CSV lines: a range could start inside a line".into(),
            ));
        }
        let lines_of = |c: &LineBreaks| if csv { c.breaks } else { c.newlines };
        let mut line_at = Vec::with_capacity(starts.len());
        let mut before = 0;
        for c in &counts {
            line_at.push(1 + before);
            before += lines_of(c);
        }

        // The ranges, each on its own thread; each reads on to the next record boundary.
        let head = &head;
        let samples_full = std::sync::atomic::AtomicBool::new(true);
        let samples_full = &samples_full;
        let results: Vec<Result<(Part, u64), String>> = std::thread::scope(|sc| {
            let mut hs = Vec::new();
            let mut mine = Some(first);
            for k in 0..starts.len() {
                let (s, e) = (starts.get(k).copied().unwrap_or(len), ends.get(k).copied().unwrap_or(len));
                let line = line_at.get(k).copied().unwrap_or(1);
                let own = if k == 0 { mine.take() } else { None };
                hs.push(sc.spawn(move || -> Result<(Part, u64), String> {
                    let look = if k == 0 { look } else { None };
                    let mut sess = own.unwrap_or_else(|| Session::part(head, s, line));
                    pump(src, s, e, chunk, done, |b| {
                        sess.feed(b);
                        if let Some(l) = look {
                            l(&sess, done.load(Ordering::Relaxed));
                        }
                    })?;
                    let stop = extend(src, &mut sess, e, chunk, done)?;
                    if k == 0 && !sess.samples_full() {
                        samples_full.store(false, Ordering::Relaxed);
                    }
                    Ok((sess.finish_part(), stop))
                }));
            }
            while !hs.iter().all(|h| h.is_finished()) {
                progress(done.load(Ordering::Relaxed).min(len));
                std::thread::sleep(Duration::from_millis(50));
            }
            hs.into_iter().map(|h| h.join().unwrap_or_else(|_| Err("a range's thread failed".into()))).collect()
        });
        let results = results.into_iter().collect::<Result<Vec<_>, _>>()?;
        if early && !samples_full.load(Ordering::Relaxed) {
            return Ok(Ranged::Restart(
                "the text samples of the first values did not fill within the first range (the estimate of where they would was short)".into(),
            ));
        }

        // Each range's start against where the one before truly ended; a range is read again
        // from there when they differ (a quoted field across the cut).
        let mut parts: Vec<Part> = Vec::with_capacity(results.len());
        let mut stop = fed;
        let mut reread = 0;
        for (k, (part, end_at)) in results.into_iter().enumerate() {
            let (s, e) = (starts.get(k).copied().unwrap_or(len), ends.get(k).copied().unwrap_or(len));
            if k == 0 || stop == s {
                parts.push(part);
                stop = end_at;
                continue;
            }
            drop(part);
            if stop >= e {
                // The range lies inside a record the one before read to its end.
                continue;
            }
            reread += 1;
            let line = line_at.get(k).copied().unwrap_or(1) + lines_of(&count(src, s, stop)?);
            let mut sess = Session::part(head, stop, line);
            let quiet = AtomicU64::new(0);
            pump(src, stop, e, chunk, &quiet, |b| sess.feed(b))?;
            let end_at = extend(src, &mut sess, e, chunk, &quiet)?;
            parts.push(sess.finish_part());
            stop = end_at;
        }
        progress(len);
        let n = parts.len();
        match merge(parts) {
            Ok((profile, source, opts)) => Ok(Ranged::Done(Box::new((profile, source, opts)), n, reread)),
            Err(why) => Ok(Ranged::Restart(why)),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use driver::{read, read_looking, read_profile, Look};

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    /// Cuts for even work: in order, inside the input, and each range's work (sampled bytes
    /// weighted) within a byte of the others'.
    #[test]
    fn cuts_even_out_the_work_of_the_sampled_start() {
        let work = |a: u64, b: u64, fed: u64, need: u64| {
            let sampled_end = fed + need;
            let s = b.min(sampled_end).saturating_sub(a.min(sampled_end)) as f64;
            (b - a) as f64 + s * crate::parts::driver::SAMPLE_EXTRA
        };
        for (fed, len, need, n) in
            [(1 << 20, 100_000_000, 22_000_000, 2), (0, 1000, 0, 3), (5, 10_000, 9_000, 8), (7, 9_000, 20_000, 4)]
        {
            let cuts = crate::parts::driver::even_work(fed, len, need, n);
            assert_eq!(cuts.len(), n - 1);
            let bounds: Vec<u64> = std::iter::once(fed).chain(cuts.iter().copied()).chain([len]).collect();
            assert!(bounds.windows(2).all(|w| w[0] <= w[1]), "{bounds:?}");
            let works: Vec<f64> = bounds.windows(2).map(|w| work(w[0], w[1], fed, need.min(len - fed))).collect();
            let (lo, hi) = works.iter().fold((f64::MAX, 0f64), |(l, h), &w| (l.min(w), h.max(w)));
            assert!(hi - lo <= 2.0 * (1.0 + crate::parts::driver::SAMPLE_EXTRA), "{works:?}");
        }
        // Where the samples fill, the first range is shorter.
        let cuts = crate::parts::driver::even_work(1 << 20, 100_000_000, 22_000_000, 2);
        assert!(cuts[0] < (1 << 20) + (100_000_000 - (1 << 20)) / 2);
    }
}

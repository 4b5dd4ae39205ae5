/*!
datalint: a linter for training datasets.

The engine is pushed bytes and does no I/O: the CLI feeds it from a read loop, the browser worker
from `File` slices. One pass, bounded memory, and the same report whatever the chunk boundaries.

```
use datalint::{Options, Session};

let mut s = Session::new(Options { label: Some("y".into()), ..Options::default() }).unwrap();
s.feed(b"x,y\n1,a\n2,b\n");
s.feed(b"2,b\n");
let report = s.finish();
assert_eq!(report.rows, 3);
assert_eq!(report.duplicates.rows, 1);
assert!(report.findings.iter().any(|f| f.id == "duplicate-rows" && f.evidence[0].line == 4));
```

Positions are 1-based physical lines (the CSV header is line 1) and 0-based byte offsets into the
decoded stream; see [`error::Position`].
*/

// The floors, bottom up (tests/it/layers.rs holds the code to this order: no import runs up a
// floor or across one between ingest and profile, and no file imports its way into a circle):
//   base      error, finding, fmt, options, record, roles, value
//   read      ingest (bytes → records, into a RecordSink) · profile (the sink: accumulators)
//   analysis  stats, and one module per family: fairness (text and compare to come)
//   checks    one file per check, each owning its firing rule; the registry
//   report    the JSON schema; text and Markdown renderings
//   lib       Session: wires ingest into the profile, then analysis → checks → report; parts
//             (one input as byte ranges, merged)
//   drivers   wasm (the browser worker), bin/ (the CLI)
pub mod analysis;
pub mod checks;
pub mod error;
pub mod finding;
pub mod fmt;
pub mod ingest;
pub mod options;
pub mod parts;
pub mod profile;
pub mod record;
pub mod report;
pub mod roles;
pub mod state;
pub mod value;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
pub mod wire;

pub use error::{Error, ErrorKind, Position};
pub use finding::{Finding, Severity, Unit};
pub use options::{Format, Options};
pub use profile::{Merge, Profile};
pub use report::Report;

use ingest::Ingest;

/// How far a session has got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Progress {
    /// Bytes fed (as given, before decompression).
    pub bytes: u64,
    /// Records read so far.
    pub rows: u64,
    /// Input errors so far.
    pub errors: u64,
}

/// One input being checked: `new`, any number of `feed`s, then `finish`.
pub struct Session {
    opts: Options,
    ingest: Ingest,
    profile: Profile,
    bytes: u64,
}

impl Session {
    /// A session with the given options; fails on options that make no sense (unknown check
    /// ids, a bad delimiter), with a message saying which.
    pub fn new(mut opts: Options) -> Result<Session, String> {
        checks::registry::validate(&opts)?;
        // Every profiled column has a fixed cost whatever its values: the budget decides how
        // many columns are profiled, as `max_columns` does (the lower of the two is in force).
        let by_budget = profile::columns_within(opts.memory_budget);
        let mut profile = Profile::new(&opts);
        if by_budget < opts.max_columns {
            opts.max_columns = by_budget;
            profile.column_cap = Some(by_budget);
        }
        // A record is held whole while it is read, and parsed and profiled copies of it are in
        // flight too: at most a quarter of the budget, as `max_record_bytes` allows.
        let record_by_budget = profile::record_within(opts.memory_budget);
        if record_by_budget < opts.max_record_bytes {
            opts.max_record_bytes = record_by_budget;
            profile.record_cap = Some(record_by_budget);
        }
        Ok(Session { opts, ingest: Ingest::new(), profile, bytes: 0 })
    }

    /// Feeds the next bytes of the input; chunks may be of any size and split anywhere.
    pub fn feed(&mut self, chunk: &[u8]) {
        self.bytes += chunk.len() as u64;
        self.ingest.feed(chunk, &mut self.profile, &self.opts);
    }

    pub fn progress(&self) -> Progress {
        Progress { bytes: self.bytes, rows: self.profile.rows, errors: self.profile.log.total() }
    }

    /// A provisional report of the records read so far, the session going on unchanged (its
    /// final report is the same with or without snapshots). The report's
    /// [`provisional`](Report::provisional) says how far the reading had got; a record still
    /// being read is not in it.
    ///
    /// Cost: a copy of the profile, sealed and analysed as at the end, so about the profile's
    /// size in memory while it is made and the time of a final report's analysis; take them at
    /// growing intervals. `None` before the first record, or when that copy would not fit in the
    /// memory budget beside the profile (the budget stays whole).
    pub fn snapshot(&self) -> Option<Report> {
        let rows = self.profile.rows;
        let held = self.profile.heap_bytes() as u64;
        if rows == 0 || held.saturating_mul(2) > self.opts.memory_budget {
            return None;
        }
        let mut copy = self.profile.clone();
        copy.seal();
        let mut report = report_for(&copy, self.source(), &self.opts);
        report.provisional = Some(report::Provisional { bytes_read: self.bytes, rows, total_bytes: None });
        Some(report)
    }

    /// What later byte ranges of the input need to be read as parts of it (see [`parts`]), once
    /// this session has read enough of the start; `None` before, or when the input cannot be
    /// split.
    pub fn head(&self) -> Option<parts::Head> {
        let ingest = self.ingest.head()?;
        let roles_at = self.profile.roles_at()?;
        // The samples of the first values (text family) are taken by this session alone.
        if !self.profile.text.prefix_full() {
            return None;
        }
        Some(parts::Head {
            ingest,
            roles_at,
            opts: self.opts.clone(),
            column_cap: self.profile.column_cap,
            record_cap: self.profile.record_cap,
            go_on: self.profile.continuation(),
        })
    }

    /// [`Session::head`] before the text family's samples of the first values are complete,
    /// once its probes have decided: the head, and about how many more bytes the samples need
    /// (at the rate so far). Later ranges may start at once; the first range must run past that
    /// point, for they take no samples (the range driver checks it did: see [`parts`]).
    pub fn early_head(&self) -> Option<(parts::Head, u64)> {
        if let Some(h) = self.head() {
            return Some((h, 0));
        }
        let ingest = self.ingest.head()?;
        let roles_at = self.profile.roles_at()?;
        let need = self.profile.text.bytes_to_full(self.bytes)?;
        let head = parts::Head {
            ingest,
            roles_at,
            opts: self.opts.clone(),
            column_cap: self.profile.column_cap,
            record_cap: self.profile.record_cap,
            go_on: self.profile.continuation(),
        };
        Some((head, need))
    }

    /// Whether the text family's samples of the first values are complete (see
    /// [`Session::early_head`]).
    pub fn samples_full(&self) -> bool {
        self.profile.text.prefix_full()
    }

    /// Why [`Session::head`] is `None`: what of the start is still to be read.
    pub fn why_no_head(&self) -> String {
        if self.ingest.head().is_none() {
            "its format is not decided or its first record not read (or it is compressed, not UTF-8, or a JSON array, which are read in one pass)".into()
        } else if self.profile.roles_at().is_none() {
            "its columns are not known yet".into()
        } else {
            format!(
                "it holds fewer than {} values of a text column (the samples of first values a later part goes on from)",
                crate::fmt::num(profile::text::column::SAMPLE_VALUES)
            )
        }
    }

    /// A session for a later byte range of an input whose start `head` describes: the range
    /// starts at a record boundary, at raw byte `byte`, on physical line `line`.
    pub fn part(head: &parts::Head, byte: u64, line: u64) -> Session {
        let opts = head.opts.clone();
        let mut profile = Profile::new(&opts);
        profile.column_cap = head.column_cap;
        profile.record_cap = head.record_cap;
        let ingest = Ingest::resume(&head.ingest, byte.saturating_sub(head.ingest.bom), line, &opts);
        use record::RecordSink;
        match &head.ingest.kind {
            ingest::HeadKind::Csv { names, origin, .. } => profile.columns(names, *origin),
            ingest::HeadKind::Jsonl { keys } => {
                let (first, later) = keys.split_at(head.roles_at.min(keys.len()));
                first.iter().for_each(|k| profile.columns(std::slice::from_ref(k), record::Origin::Key));
                profile.prime_roles();
                later.iter().for_each(|k| profile.columns(std::slice::from_ref(k), record::Origin::Key));
            }
        }
        profile.go_on(&head.go_on);
        profile.forget_priming();
        Session { opts, ingest, profile, bytes: 0 }
    }

    /// Between two records: where this session's byte range may end.
    pub fn at_boundary(&self) -> bool {
        self.ingest.at_boundary()
    }

    /// Ends this byte range and returns it, unsealed, to be merged with the others in order
    /// ([`parts::merge`]).
    pub fn finish_part(mut self) -> parts::Part {
        self.ingest.finish(&mut self.profile, &self.opts);
        self.profile.text.unsaturate();
        self.profile.presort();
        let source = self.source();
        parts::Part {
            records: self.ingest.records(),
            keys_dropped: self.ingest.keys_dropped(),
            bytes: self.bytes,
            profile: self.profile,
            source,
            opts: self.opts,
        }
    }

    fn source(&self) -> report::Source {
        let info = &self.ingest.info;
        report::Source {
            name: self.opts.name.clone(),
            format: info.format.map(Format::name),
            bytes: self.bytes,
            decoded_bytes: self.ingest.decoded_bytes(),
            delimiter: info.delimiter.map(|d| (d as char).to_string()),
            header: info.header,
            encoding: self.ingest.encoding(),
            compressed: self.ingest.compressed(),
            format_reason: info.format_reason.clone(),
        }
    }

    /// Ends the input and returns the profile (for merging or comparison) without checks.
    pub fn finish_profile(mut self) -> (Profile, report::Source, Options) {
        self.ingest.finish(&mut self.profile, &self.opts);
        self.profile.seal();
        let source = self.source();
        (self.profile, source, self.opts)
    }

    /// Ends the input and returns the report.
    pub fn finish(self) -> Report {
        let (profile, source, opts) = self.finish_profile();
        report_for(&profile, source, &opts)
    }
}

/// Two inputs compared: a reference (the real data, train, old data) and a candidate (synthetic
/// data, test, new data). Each is fed like a [`Session`], in any order; `finish` profiles both,
/// checks each, and compares them.
///
/// ```
/// use datalint::{Compare, Options};
/// let mut c = Compare::new(Options::default(), "real.csv", "synthetic.csv").unwrap();
/// c.feed_reference(b"x,y\n1,a\n2,b\n3,a\n");
/// c.feed_candidate(b"x,y\n1,a\n1,a\n1,a\n");
/// let report = c.finish();
/// assert_eq!(report.candidate.rows, 3);
/// assert_eq!(report.comparison.copies.as_ref().map(|c| c.count), Some(3));
/// ```
pub struct Compare {
    opts: Options,
    reference: Session,
    candidate: Session,
}

impl Compare {
    /// A comparison with the given options (applied to both files; each file gets half the memory
    /// budget) and the files' names.
    pub fn new(opts: Options, reference_name: &str, candidate_name: &str) -> Result<Compare, String> {
        let reference = Session::new(Compare::options_for(&opts, reference_name))?;
        let candidate = Session::new(Compare::options_for(&opts, candidate_name))?;
        Ok(Compare { opts, reference, candidate })
    }

    /// The options each file of a comparison is read with (half the budget each, what the
    /// comparison needs kept, the file's name): for reading the two files some other way, e.g. as
    /// byte ranges on every core (`parts::read_profile`), then [`Compare::of_profiles`].
    pub fn options_for(opts: &Options, name: &str) -> Options {
        let mut each = opts.clone();
        each.compare = true;
        each.memory_budget = (opts.memory_budget / 2).max(1024 * 1024);
        each.name = Some(name.to_string());
        each
    }

    pub fn feed_reference(&mut self, chunk: &[u8]) {
        self.reference.feed(chunk);
    }

    pub fn feed_candidate(&mut self, chunk: &[u8]) {
        self.candidate.feed(chunk);
    }

    /// Progress of the reference and of the candidate.
    pub fn progress(&self) -> (Progress, Progress) {
        (self.reference.progress(), self.candidate.progress())
    }

    /// Ends both inputs and returns the comparison.
    pub fn finish(self) -> report::compare::CompareReport {
        let reference = self.reference.finish_profile();
        let candidate = self.candidate.finish_profile();
        Compare::of_profiles(&self.opts, reference, candidate)
    }

    /// The comparison of two finished profiles, each read with [`Compare::options_for`].
    pub fn of_profiles(
        opts: &Options,
        reference: (Profile, report::Source, Options),
        candidate: (Profile, report::Source, Options),
    ) -> report::compare::CompareReport {
        let (rp, rs, ro) = reference;
        let (mut cp, cs, co) = candidate;
        // Mapped columns: the candidate's column takes the reference column's name; a candidate
        // column already of that name (and not mapped itself) is set aside as "NAME (unmapped)".
        let mut notes = Vec::new();
        for (to, from) in &opts.map_columns {
            if from == to {
                continue;
            }
            if cp.column(from).is_none() {
                notes.push(format!("--map {to}={from}: the candidate has no column '{from}'"));
                continue;
            }
            if cp.column(to).is_some() && !opts.map_columns.values().any(|v| v == to) {
                cp.rename_column(to, &format!("{to} (unmapped)"));
            }
            cp.rename_column(from, to);
            notes.push(format!("the candidate's '{from}' is compared with the reference's '{to}'"));
        }
        let analyse = |p: &Profile, o: &Options| {
            let mut a = analysis::run(p, o);
            checks::judge(&mut a, o);
            a
        };
        let (ra, ca) = (analyse(&rp, &ro), analyse(&cp, &co));
        let comparison = analysis::compare::analyze(&rp, &cp, &ra, &ca, opts);
        let findings = checks::compare::run(&comparison, &rp, &cp, opts);
        let rf = checks::run(&rp, &ro, &ra);
        let cf = checks::run(&cp, &co, &ca);
        let reference = Report::build(&rp, rf, rs, ra, &ro);
        let candidate = Report::build(&cp, cf, cs, ca, &co);
        let mut report = report::compare::CompareReport::build(reference, candidate, comparison, findings);
        report.notes.splice(0..0, notes);
        report
    }
}

/// Analyses a finished profile, runs the checks and builds the report.
pub fn report_for(profile: &Profile, source: report::Source, opts: &Options) -> Report {
    let mut analysis = analysis::run(profile, opts);
    checks::judge(&mut analysis, opts);
    let findings = checks::run(profile, opts, &analysis);
    Report::build(profile, findings, source, analysis, opts)
}

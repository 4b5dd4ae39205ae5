//! Accumulators: everything the analyses and checks read, computed in one pass with bounded
//! memory.
//!
//! The profile implements [`RecordSink`]: ingest pushes records into it without knowing it, and
//! CSV and JSON records take one path ([`Profile::record`]). Each accumulator implements
//! [`Merge`], with `Default` as its identity, and its doc comment opens with its memory bound.
//! Figures are exact until an accumulator's share of the memory budget runs out; then it
//! switches to a sketch whose error is stated on the type, and the report marks those figures as
//! approximate.

pub mod column;
pub mod frequency;
pub mod groups;
pub mod labels;
pub mod log;
pub mod merge;
pub mod missingness;
pub mod moments;
pub mod pairs;
pub mod quantiles;
pub mod rows;
pub mod sample;
pub mod schema;
pub mod table;
pub mod text;
pub mod types;

pub use merge::Merge;

use crate::error::Error;
use crate::options::Options;
use crate::record::{Cell, Origin, RecordSink};
use crate::roles::{self, Roles};
use crate::value::MissingTokens;
use column::Column;
use groups::{Groups, View};
use labels::LabelClasses;
use log::IngestLog;
use pairs::Pairs;
use rows::{Conflicts, Duplicates};
use schema::{Header, Schema};
use std::sync::Arc;
use text::{TextColumn, TextRows, Tools};
use xxhash_rust::xxh3::xxh3_64;

// Shares of the memory budget. The rest is headroom for parser buffers, evidence and the
// allocator's own overhead.
const SHARE_QUANTILES: f64 = 0.30;
const SHARE_FREQUENCY: f64 = 0.22;
const SHARE_DUPLICATES: f64 = 0.12;
const SHARE_CONFLICTS: f64 = 0.06;
/// The text family's share (signatures, vocabularies, samples), split between text columns.
const SHARE_TEXT: f64 = 0.20;
/// A comparison's share: the row sample and the row index (only when `compare` is set).
const SHARE_SAMPLE: f64 = 0.10;
/// The fixed cost of one profiled column (its accumulators before any value: a text column's
/// probe buffers, extremes, evidence lists, maps), an upper figure measured on wide files.
pub const COLUMN_BYTES: u64 = 64 * 1024;
/// The share of the budget the columns' fixed costs may take.
const SHARE_COLUMNS: f64 = 0.5;
/// The longest record a budget holds: a quarter of it (a record is in flight as its bytes, its
/// parsed value and the text analyses' copies), at least 64 KiB.
pub fn record_within(budget: u64) -> usize {
    ((budget / 4) as usize).max(64 * 1024)
}

/// How many columns a budget profiles: [`SHARE_COLUMNS`] of it over [`COLUMN_BYTES`] each, at
/// least 16.
pub fn columns_within(budget: u64) -> usize {
    ((budget as f64 * SHARE_COLUMNS / COLUMN_BYTES as f64) as usize).max(16)
}

/// How often (in rows) the budget is checked.
const BUDGET_EVERY: u64 = 1024;

/// The whole dataset's profile.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Profile {
    pub columns: Vec<Column>,
    schema: Schema,
    /// Data records read (not counting the header or blank lines).
    pub rows: u64,
    /// Line of the first data record.
    pub first_row_line: u64,
    pub duplicates: Duplicates,
    /// Present when a label column is declared.
    pub conflicts: Option<Conflicts>,
    /// Present when a label column is declared: the one count of its classes.
    pub label_classes: Option<LabelClasses>,
    pub label: Option<String>,
    pub header: Header,
    pub log: IngestLog,
    missing: MissingTokens,
    budget: u64,
    limit: usize,
    /// Whether any accumulator was moved to a sketch to stay within the budget.
    pub budget_hit: bool,
    /// The label and sensitive columns in play, and whether each was proposed.
    #[serde(with = "crate::wire::json")]
    pub roles: Roles,
    /// Group accumulators, present when a sensitive column is in play.
    pub groups: Option<Groups>,
    /// Columns missing together, and gaps one value of another column explains.
    pub missingness: missingness::Missingness,
    /// The text family: per column (by index) a text accumulator while the column may be free
    /// text, and the row-level one.
    pub text: TextState,
    /// The options roles are resolved from.
    #[serde(with = "crate::wire::json")]
    role_opts: Options,
    roles_resolved: bool,
    /// Columns there were when the roles were resolved (JSON: the first record's keys).
    roles_at: usize,
    /// The label's column index, once roles are resolved (looked up once, not per row).
    label_idx: Option<usize>,
    /// Column pairs: identical columns, 1:1 recodings, features against the label.
    pub pairs: Pairs,
    /// What the report should say about the roles: a proposed label dropped at the end of the
    /// run, and why.
    pub notes: Vec<String>,
    /// What a comparison with another file needs (only when the options ask for it).
    pub sample: Option<sample::RowSample>,
    /// The number of columns the memory budget profiles, when it is below `max_columns`.
    pub column_cap: Option<usize>,
    /// The longest record the memory budget holds, when it is below `max_record_bytes`.
    pub record_cap: Option<usize>,
    /// Column names cut to [`crate::record::MAX_NAME_BYTES`].
    pub names_cut: u64,
    /// The row's views, an empty vector kept for its allocation (see [`recycle`]).
    #[serde(skip)]
    views: Vec<View<'static>>,
    /// The row's cell hashes (a buffer reused by every row).
    #[serde(skip)]
    hashes: Vec<u64>,
}

impl Profile {
    pub fn new(opts: &Options) -> Profile {
        let b = opts.memory_budget as f64;
        let limit = opts.evidence_limit;
        let role_opts = Options {
            label: opts.label.clone(),
            sensitive: opts.sensitive.clone(),
            propose_roles: opts.propose_roles,
            missing_tokens: Vec::new(),
            ..Options::default()
        };
        Profile {
            columns: Vec::new(),
            schema: Schema::default(),
            rows: 0,
            first_row_line: 0,
            duplicates: Duplicates::new((b * SHARE_DUPLICATES / 40.0) as usize, limit),
            conflicts: None,
            label_classes: None,
            label: None,
            header: Header::default(),
            log: IngestLog::default(),
            missing: MissingTokens::new(&opts.missing_tokens),
            budget: opts.memory_budget,
            limit,
            budget_hit: false,
            roles: Roles::default(),
            groups: None,
            missingness: missingness::Missingness::default(),
            text: TextState::new(opts, limit),
            role_opts,
            roles_resolved: false,
            roles_at: 0,
            label_idx: None,
            pairs: Pairs::default(),
            notes: Vec::new(),
            column_cap: None,
            record_cap: None,
            names_cut: 0,
            views: Vec::new(),
            hashes: Vec::new(),
            sample: opts.compare.then(|| {
                sample::RowSample::new((b * SHARE_SAMPLE / 2.0) as usize, (b * SHARE_SAMPLE / 2.0 / 48.0) as usize)
            }),
        }
    }

    /// Gives a profile read back from bytes ([`crate::state`]) the text tools of its options
    /// (compiled patterns are not saved).
    pub fn retool(&mut self, opts: &Options) {
        self.text.tools = Arc::new(Tools::new(&opts.refusal_phrases));
    }

    /// Decides the label and sensitive columns once the columns are known (CSV: the header; JSON:
    /// the first record), and sets up the accumulators they need.
    fn resolve_roles(&mut self) {
        if self.roles_resolved {
            return;
        }
        self.roles_resolved = true;
        self.roles_at = self.columns.len();
        let names: Vec<String> = self.columns.iter().map(|c| c.name.clone()).collect();
        let note = if self.header.present || self.rows == 0 {
            ""
        } else {
            " in the first record (JSON roles are chosen from the first record's keys)"
        };
        let r = roles::resolve(&names, &self.role_opts, self.first_row_line.max(1), note);
        r.errors.into_iter().for_each(|e| self.log.push(e));
        if r.label.is_some() {
            let b = self.budget as f64;
            self.conflicts = Some(Conflicts::new((b * SHARE_CONFLICTS / 80.0) as usize, self.limit));
            self.label_classes = Some(LabelClasses::default());
        }
        self.label = r.label;
        self.label_idx = r.label_index;
        self.roles = r.roles;
        if !r.sensitive.is_empty() {
            self.groups = Some(Groups::new(r.label_index, &r.sensitive, &names));
        }
    }

    fn new_column(&self, name: String, expected_columns: usize) -> Column {
        let n = expected_columns.max(1) as f64;
        let b = self.budget as f64;
        Column::new(name, (b * SHARE_QUANTILES / 8.0 / n) as usize, (b * SHARE_FREQUENCY / n) as usize, self.limit)
    }

    fn add_column(&mut self, name: String, expected_columns: usize) {
        self.schema.add(&name);
        if let Some(s) = self.sample.as_mut() {
            s.add_column(&name);
        }
        self.text.add_column(&name, (self.budget as f64 * SHARE_TEXT) as usize, expected_columns);
        let col = self.new_column(name, expected_columns);
        self.columns.push(col);
    }

    fn after_row(&mut self) {
        if self.rows.is_multiple_of(BUDGET_EVERY) {
            self.enforce_budget();
        }
    }

    /// Bytes held by all growable accumulators.
    pub fn heap_bytes(&self) -> usize {
        self.columns.iter().map(Column::heap_bytes).sum::<usize>()
            + self.text.heap_bytes()
            + self.duplicates.heap_bytes()
            + self.conflicts.as_ref().map_or(0, Conflicts::heap_bytes)
            + self.pairs.heap_bytes()
            + self.sample.as_ref().map_or(0, sample::RowSample::heap_bytes)
    }

    /// Moves the largest exact column accumulators to sketches until the columns fit their share.
    fn enforce_budget(&mut self) {
        self.columns.iter_mut().for_each(Column::flush);
        let limit = (self.budget as f64 * (SHARE_QUANTILES + SHARE_FREQUENCY)) as usize;
        let mut total: usize = self.columns.iter().map(Column::heap_bytes).sum();
        while total > limit {
            let Some(col) = self.columns.iter_mut().filter(|c| c.can_shrink()).max_by_key(|c| c.heap_bytes()) else {
                break;
            };
            let before = col.heap_bytes();
            col.shrink();
            self.budget_hit = true;
            total = total + col.heap_bytes() - before;
        }
    }

    /// What a byte range does where it ends, on its own thread or worker, to spare the merge:
    /// counts the values waiting in batches and sorts each column's exact quantile values (the
    /// merge then joins sorted runs in one pass). The figures are unchanged: it only orders.
    pub fn presort(&mut self) {
        for c in &mut self.columns {
            c.flush();
            c.quantiles.seal();
        }
    }

    /// Sorts what must be sorted before figures are read; ends the text probes. A proposed label
    /// that turns out to be free text is no label (free text is never proposed as one).
    pub fn seal(&mut self) {
        self.duplicates.flush();
        if let Some(c) = self.conflicts.as_mut() {
            c.flush();
        }
        for c in &mut self.columns {
            c.flush();
            c.quantiles.seal();
        }
        self.text.seal();
        // After the text probes end: a column decided there replays its values into the rows.
        self.text.rows.conflicts.flush();
        let proposed = self.roles.label.as_ref().is_some_and(|l| l.proposed);
        if let (true, Some(li)) = (proposed, self.label_idx) {
            let name = self.columns.get(li).map(|c| c.name.clone()).unwrap_or_default();
            let why = if self.is_free_text(li) {
                Some(format!("'{name}' was not taken as the label although its name suggests one: it is free text"))
            } else {
                self.recoded_as(li).map(|other| {
                    format!(
                        "'{name}' was not taken as the label although its name suggests one: '{other}' is a 1:1 recoding of it, so it reads as one encoding of a feature (give --label to use it)"
                    )
                })
            };
            if let Some(why) = why {
                self.notes.push(why);
                self.label = None;
                self.label_idx = None;
                self.roles.label = None;
                self.conflicts = None;
                self.label_classes = None;
                self.pairs.leak = None;
                if let Some(g) = self.groups.as_mut() {
                    g.label = None;
                }
            }
        }
    }

    /// Another column that maps onto column `i` one to one (identical in every row, or a 1:1
    /// recoding of its values), with at least two values each, no missing value in the other
    /// column, at least 30 rows and at most half as many values as rows (else any two columns of
    /// distinct values would qualify).
    pub fn recoded_as(&self, i: usize) -> Option<String> {
        const MIN_ROWS: u64 = 30;
        let p = &self.pairs;
        if self.rows < MIN_ROWS {
            return None;
        }
        let informative =
            |t: &pairs::Tracked| t.alive && t.distinct_present() >= 2 && (t.distinct() as u64) * 2 <= p.rows;
        let name = |c: usize| self.columns.get(c).map(|c| c.name.clone());
        let ti = p.slot_of(i)?;
        for r in &p.recodings {
            let other = if r.a == ti {
                r.b
            } else if r.b == ti {
                r.a
            } else {
                continue;
            };
            let (Some(tl), Some(to)) = (p.tracked.get(ti), p.tracked.get(other)) else { continue };
            if informative(tl) && informative(to) && !to.names.iter().any(Option::is_none) {
                return name(to.column);
            }
        }
        p.identical
            .iter()
            .filter(|s| s.a == i || s.b == i)
            .map(|s| if s.a == i { s.b } else { s.a })
            .find(|&c| self.columns.get(c).is_some_and(|col| col.freq.distinct() >= 2 && col.missing == 0))
            .and_then(name)
    }

    /// Whether column `i` is free text: followed by the text family, with a median of at least
    /// `text_min_words` words and at least `text_min_distinct` of its values distinct.
    pub fn is_free_text(&self, i: usize) -> bool {
        let (Some(col), Some(Some(t))) = (self.columns.get(i), self.text.columns.get(i)) else { return false };
        let words = t.median_words().unwrap_or(0) as f64;
        let values = col.non_missing().max(1) as f64;
        t.followed()
            && t.values > 0
            && words >= self.text.min_words
            && col.freq.distinct() as f64 / values >= self.text.min_distinct
    }

    /// Renames a column after the pass (to compare it with another file's column of another
    /// name). Row hashes keep the old name's key. Returns whether the column was found.
    pub fn rename_column(&mut self, from: &str, to: &str) -> bool {
        let Some(i) = self.schema.get(from) else { return false };
        self.schema.rename(from, to, i);
        if let Some(c) = self.columns.get_mut(i) {
            c.name = to.to_string();
        }
        if let Some(s) = self.sample.as_mut() {
            if let Some(n) = s.names.iter_mut().find(|n| n.as_str() == from) {
                *n = to.to_string();
            }
            s.renamed = true;
        }
        true
    }

    /// The columns there were when the roles were resolved, once they are.
    pub fn roles_at(&self) -> Option<usize> {
        self.roles_resolved.then_some(self.roles_at)
    }

    /// Resolves the roles now, from the columns announced so far (a later byte range of the
    /// input, primed with the columns the first range resolved them from).
    pub fn prime_roles(&mut self) {
        self.resolve_roles();
    }

    /// How a later byte range goes on from this one (see [`Profile::go_on`]).
    pub fn continuation(&self) -> Continuation {
        Continuation {
            text: self.text.continuation(),
            indexes: self.groups.as_ref().map_or_else(Vec::new, |g| g.indexes().into_iter().cloned().collect()),
            classes: self.label_classes.as_ref().map(|l| l.index.clone()),
        }
    }

    /// Goes on from a first byte range (primed with its columns and roles): its text family's
    /// decisions and complete samples, and its first-seen indexes of groups, proxy values and
    /// label classes, so that this range's values land where the whole input puts them.
    pub fn go_on(&mut self, c: &Continuation) {
        self.text.saturate(&c.text);
        if let Some(g) = self.groups.as_mut() {
            g.prime(&c.indexes);
        }
        if let (Some(l), Some(i)) = (self.label_classes.as_mut(), c.classes.as_ref()) {
            l.index.prime(i);
        }
    }

    /// Whether merged byte ranges may differ from one pass: a first-seen index pooled values
    /// after being primed with room left (see [`table::Index::pooled_after_open_prime`]), or a
    /// text column was probed apart ([`TextState::disagrees`]).
    /// What [`Profile::parts_disagree`] found, naming the columns: the reason a merge gives.
    pub fn disagreement(&self) -> Option<String> {
        let name = |j: usize| self.columns.get(j).map_or("?", |c| c.name.as_str()).to_string();
        let text: Vec<String> = self
            .text
            .columns
            .iter()
            .enumerate()
            .filter(|(j, c)| self.text.disagree_at.contains(j) || c.as_ref().is_some_and(|c| c.disagree))
            .map(|(j, _)| format!("'{}'", name(j)))
            .collect();
        if !text.is_empty() {
            return Some(format!(
                "text column {} was first met near the end of one part and probed on the next part's own values (the single pass decides it on the values across the cut)",
                text.join(", ")
            ));
        }
        if self.text.disagrees() {
            return Some("a text column was probed apart by two parts".into());
        }
        if self.parts_disagree() {
            return Some("a later part pooled a group, proxy value or label class the single pass would have kept apart (more distinct values than the index holds)".into());
        }
        None
    }

    pub fn parts_disagree(&self) -> bool {
        self.text.disagrees()
            || self.groups.as_ref().is_some_and(|g| g.indexes().iter().any(|i| i.pooled_after_open_prime()))
            || self.label_classes.as_ref().is_some_and(|l| l.index.pooled_after_open_prime())
    }

    /// Forgets what priming a later byte range reported (the first range reports it once):
    /// errors, notes and the count of cut names.
    pub fn forget_priming(&mut self) {
        self.log = IngestLog::default();
        self.notes.clear();
        self.names_cut = 0;
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.schema.get(name).and_then(|i| self.columns.get(i))
    }
}

impl RecordSink for Profile {
    fn columns(&mut self, names: &[String], origin: Origin) {
        let long = names.iter().filter(|n| n.len() > crate::record::MAX_NAME_BYTES).count() as u64;
        let cut: Vec<String>;
        let names = if long > 0 {
            self.names_cut += long;
            cut = names.iter().map(|n| crate::record::kept_name(n).into_owned()).collect();
            &cut
        } else {
            names
        };
        match origin {
            Origin::Header | Origin::Generated => {
                let (header, names) = Header::read(names, origin == Origin::Header);
                self.header = header;
                let n = names.len();
                for name in names {
                    self.add_column(name, n);
                }
                self.resolve_roles();
            }
            Origin::Key => {
                for name in names {
                    let expected = (self.columns.len() + 1).max(16);
                    self.add_column(name.clone(), expected);
                    if self.rows > 0 {
                        // Earlier records lacked it, the first of them on the first record's line.
                        if let Some(c) = self.columns.last_mut() {
                            c.first_absent = self.first_row_line;
                        }
                    }
                }
            }
        }
    }

    /// One record, cells by column position: the only row path, for CSV and JSON alike.
    fn record(&mut self, line: u64, cells: &[Cell<'_>]) {
        // The header again (files concatenated with their headers): counted once as such, not
        // profiled as data (it would be a duplicate row and a string in every numeric column).
        if self.header.repeated_by(cells) {
            self.header.repeat(line);
            return;
        }
        self.rows += 1;
        if self.rows == 1 {
            self.first_row_line = line;
        }
        // JSON: the first record's keys are the columns roles are chosen from.
        self.resolve_roles();
        let keys = &self.schema.keys;
        let key = |i: usize| keys.get(i).copied().unwrap_or(i as u64);
        // Row hashes: the sum of each present cell's hash with its column's key, so that JSON
        // key order does not make two records different.
        let mut h = ROW_SEED;
        let mut features = ROW_SEED;
        // Each cell's hash, kept for the accumulators that count values (hashed once).
        let mut hashes = std::mem::take(&mut self.hashes);
        hashes.clear();
        for (i, c) in cells.iter().enumerate() {
            let ch = cell_hash(c);
            hashes.push(ch);
            if let Cell::Absent = c {
                continue;
            }
            let x = pair_hash(key(i), ch);
            h = h.wrapping_add(x);
            if Some(i) != self.label_idx {
                features = features.wrapping_add(x);
            }
        }
        self.duplicates.push(h, line);
        let label_text = self.label_idx.and_then(|li| cells.get(li)).map(Cell::text);
        let label_text = label_text.as_deref().filter(|t| !self.missing.contains(t));
        let mut class = None;
        if let Some(t) = label_text {
            // The label cell's hash is its value's when nothing was trimmed.
            let known = match self.label_idx.and_then(|li| cells.get(li).zip(hashes.get(li))) {
                Some((Cell::Text(raw), &h)) if raw.len() == t.len() => Some(h),
                _ => None,
            };
            let lh = known.unwrap_or_else(|| xxh3_64(t.as_bytes()));
            // A row without a label has nothing to conflict with, and no class.
            if let Some(conf) = self.conflicts.as_mut() {
                conf.push(features, lh, t, line);
            }
            if let Some(lc) = self.label_classes.as_mut() {
                class = Some(lc.push_hashed(t, lh, line));
            }
        }
        let mut views = recycle(std::mem::take(&mut self.views));
        for (i, col) in self.columns.iter_mut().enumerate() {
            // An absent field (a short ragged row) counts as an empty, missing value.
            let cell = cells.get(i).copied().unwrap_or(Cell::Text(""));
            let text_hash = match cell {
                Cell::Text(_) => hashes.get(i).copied(),
                _ => None,
            };
            let s = col.push_hashed(cell, line, &self.missing, text_hash);
            let text = match cell {
                Cell::Text(t) | Cell::Number(t) => crate::record::trim(t),
                Cell::Bool(true) => "true",
                Cell::Bool(false) => "false",
                _ => "",
            };
            let hash = text_hash.filter(|_| text.len() == cell_len(&cell));
            views.push(View { missing: s.missing, text, num: s.num, hash });
        }
        self.missingness.record(views.iter().map(|v| (v.missing, v.text)));
        if let Some(s) = self.sample.as_mut() {
            s.push(line, &views);
        }
        if let Some(g) = self.groups.as_mut() {
            g.push(&views, class, line);
        }
        self.pairs.push_hashed(line, cells, &hashes, self.columns.len(), self.label_idx, &self.missing);
        self.text.record(line, cells);
        self.views = recycle(views);
        self.hashes = hashes;
        self.after_row();
    }

    fn issue(&mut self, e: Error) {
        self.log.push(e);
    }

    fn note(&mut self, text: String) {
        if !self.notes.contains(&text) {
            self.notes.push(text);
        }
    }
}

/// An empty vector of views on the allocation of another (of any lifetime): the row path reuses
/// one buffer instead of allocating per record (`collect` from a vector's own iterator into a
/// type of the same layout works in place).
// `filter` cannot change the elements' lifetime, which is the point: any element is dropped and
// only the buffer is kept.
#[allow(clippy::unnecessary_filter_map)]
fn recycle<'b>(v: Vec<View<'_>>) -> Vec<View<'b>> {
    v.into_iter().filter_map(|_| None).collect()
}

const ROW_SEED: u64 = 0x6461_7461_6c69_6e74; // "datalint"

/// Order-dependent combination of two hashes (the boost::hash_combine step widened to 64 bits,
/// then a multiply to spread the bits).
#[inline]
fn combine(h: u64, x: u64) -> u64 {
    (h ^ x.wrapping_add(0x9e37_79b9_7f4a_7c15).wrapping_add(h << 6).wrapping_add(h >> 2))
        .wrapping_mul(0xff51_afd7_ed55_8ccd)
}

/// A cell's hash ([`cell_hash`]) with its column's key, to be summed: order-independent within a record.
#[inline]
fn pair_hash(key: u64, cell_hash: u64) -> u64 {
    combine(combine(ROW_SEED, key), cell_hash)
}

/// The length of a text cell as written (0 for other cells).
#[inline]
fn cell_len(c: &Cell<'_>) -> usize {
    match c {
        Cell::Text(t) => t.len(),
        _ => 0,
    }
}

/// One cell's hash; the kinds of JSON scalar are kept apart (1 vs "1" vs true).
#[inline]
fn cell_hash(c: &Cell<'_>) -> u64 {
    match c {
        Cell::Text(t) => xxh3_64(t.as_bytes()),
        Cell::Number(t) => !xxh3_64(t.as_bytes()),
        Cell::Null => 0x6e75_6c6c,
        Cell::Bool(b) => 0x626f_6f6c + u64::from(*b),
        Cell::ArrayLen(n) => xxh3_64(&n.to_le_bytes()).rotate_left(17),
        Cell::Items(_, json) => xxh3_64(json.as_bytes()).rotate_left(29),
        Cell::Absent => 0,
    }
}

impl Merge for Profile {
    /// Merges the profile of the input that follows this one. Columns are matched by name.
    fn merge(&mut self, o: Profile) {
        // Lines in `o` are its own; the caller is responsible for having offset them (the
        // session does this by construction: both halves count lines of one file).
        if self.rows == 0 {
            self.first_row_line = o.first_row_line;
        }
        self.rows += o.rows;
        self.duplicates.merge(o.duplicates);
        self.missingness.merge(o.missingness);
        self.header.merge_repeats(&o.header);
        self.pairs.merge(o.pairs);
        match (&mut self.sample, o.sample) {
            (Some(a), Some(b)) => a.merge(b),
            (None, Some(b)) => self.sample = Some(b),
            _ => {}
        }
        match (&mut self.conflicts, o.conflicts) {
            (Some(a), Some(b)) => a.merge(b),
            (None, Some(b)) => self.conflicts = Some(b),
            _ => {}
        }
        let class_map = match (&mut self.label_classes, o.label_classes) {
            (Some(a), Some(b)) => Some(a.merge_mapped(b)),
            (None, Some(b)) => {
                self.label_classes = Some(b);
                None
            }
            _ => None,
        };
        match (&mut self.groups, o.groups) {
            (Some(a), Some(b)) => match &class_map {
                Some(m) => a.merge_mapped(b, m),
                None => a.merge_mapped(b, &(0..=labels::MAX_CLASSES_COUNTED).collect::<Vec<_>>()),
            },
            (None, Some(b)) => self.groups = Some(b),
            _ => {}
        }
        if !self.roles_resolved {
            self.roles = o.roles;
            self.roles_resolved = o.roles_resolved;
            self.label_idx = o.label_idx;
            self.label = o.label;
        }
        self.log.merge(o.log);
        self.budget_hit |= o.budget_hit;
        // Columns are matched by name and, for repeated names, by occurrence (the second 'k'
        // with the second 'k').
        let occurrence = |cols: &[Column], i: usize| {
            let name = cols.get(i).map(|c| c.name.as_str()).unwrap_or("");
            cols.iter().take(i).filter(|c| c.name == name).count()
        };
        let (my_rows, my_first) = (self.rows - o.rows, self.first_row_line);
        let mut matched = vec![false; self.columns.len()];
        let nths: Vec<usize> = (0..o.columns.len()).map(|i| occurrence(&o.columns, i)).collect();
        let TextState { columns: o_text, rows: o_rows, dropped_fresh, disagree, .. } = o.text;
        self.text.disagree |= disagree;
        // (Columns `o` found apart within itself keep their own flags: `TextColumn::disagree`.)
        self.text.rows.merge(o_rows);
        let mut o_text = o_text.into_iter();
        for (i, (mut col, nth)) in o.columns.into_iter().zip(nths).enumerate() {
            let text = o_text.next().flatten();
            let dropped = dropped_fresh.contains(&i);
            let found = (0..self.columns.len()).find(|&j| {
                self.columns.get(j).is_some_and(|c| c.name == col.name) && occurrence(&self.columns, j) == nth
            });
            match found.and_then(|j| self.columns.get_mut(j).map(|c| (j, c))) {
                Some((j, mine)) => {
                    mine.merge(col);
                    self.text.merge_column(j, text, dropped);
                    if let Some(m) = matched.get_mut(j) {
                        *m = true;
                    }
                }
                None => {
                    // A column only the second part has: the first part's records all lack it.
                    if my_rows > 0 {
                        col.first_absent = my_first;
                    }
                    self.schema.add(&col.name);
                    self.text.columns.push(text);
                    self.columns.push(col);
                }
            }
        }
        // Columns only the first part has: the second part's records all lack them.
        if o.rows > 0 {
            for (c, m) in self.columns.iter_mut().zip(matched) {
                if !m && c.first_absent == 0 {
                    c.first_absent = o.first_row_line;
                }
            }
        }
    }
}

/// How a later byte range goes on from the first: see [`Profile::go_on`].
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Continuation {
    text: TextContinuation,
    indexes: Vec<table::Index>,
    classes: Option<table::Index>,
}

/// How a later byte range goes on with a first range's text family.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct TextContinuation {
    columns: Vec<Option<text::column::Continuation>>,
    turns: [Option<text::column::Continuation>; 2],
}

/// The text family's state in a profile.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct TextState {
    /// Per column: its text accumulator (None once the probe found it is not text).
    pub columns: Vec<Option<TextColumn>>,
    pub rows: TextRows,
    #[serde(skip, default = "text::no_tools")]
    tools: Arc<Tools>,
    limit: usize,
    /// Whether the text family runs at all.
    enabled: bool,
    /// Which columns are followed (reused for every record).
    followed: Vec<bool>,
    pub min_words: f64,
    pub min_distinct: f64,
    /// In a later byte range: the columns this range's own probe dropped.
    dropped_fresh: Vec<usize>,
    /// In a later byte range: columns added here are probed on this range's values.
    part: bool,
    /// Merging met parts that decided a column apart.
    pub disagree: bool,
    /// The columns [`TextState::merge_column`] found decided apart.
    pub disagree_at: Vec<usize>,
    pub threshold: f64,
    shingle: Option<usize>,
}

impl TextState {
    fn new(opts: &Options, limit: usize) -> TextState {
        TextState {
            columns: Vec::new(),
            rows: TextRows::new(limit, (opts.memory_budget as f64 * SHARE_TEXT) as usize),
            tools: Arc::new(Tools::new(&opts.refusal_phrases)),
            limit,
            enabled: opts.text,
            followed: Vec::new(),
            dropped_fresh: Vec::new(),
            part: false,
            disagree: false,
            disagree_at: Vec::new(),
            min_words: opts.text_min_words,
            min_distinct: opts.text_min_distinct,
            threshold: opts.near_duplicate_threshold,
            shingle: opts.near_duplicate_shingle,
        }
    }

    fn add_column(&mut self, name: &str, budget: usize, expected_columns: usize) {
        let role = crate::roles::text_role(name);
        self.rows.roles.push(role.filter(|_| self.enabled));
        if !self.enabled {
            self.columns.push(None);
            return;
        }
        let mut c = TextColumn::new(role, self.limit, budget / expected_columns.clamp(1, 8));
        c.own_probe = self.part;
        c.weak_role = crate::roles::normalise(name.rsplit('.').next().unwrap_or(name)) == "target";
        if let Some(n) = self.shingle {
            c.shingle = n;
        }
        self.columns.push(Some(c));
    }

    fn record(&mut self, line: u64, cells: &[Cell<'_>]) {
        let tools = &*self.tools;
        let mut transcript = false;
        for (i, slot) in self.columns.iter_mut().enumerate() {
            let Some(tc) = slot else { continue };
            let text = match cells.get(i) {
                Some(Cell::Text(t)) => std::borrow::Cow::Borrowed(*t),
                Some(c @ (Cell::Number(_) | Cell::Bool(_))) if tc.role.is_some() => c.text(),
                _ => continue,
            };
            tc.push(line, &text, tools);
            // A transcript in a column without a role is read as a chat, by the row.
            transcript |= tc.role.is_none() && text::turns::is_transcript(&text);
            if !tc.followed() {
                if tc.own_probe {
                    self.dropped_fresh.push(i);
                }
                *slot = None;
            }
        }
        if self.rows.active() || transcript {
            self.followed.clear();
            self.followed.extend(self.columns.iter().map(Option::is_some));
            self.rows.push(line, cells, &self.followed, tools);
        }
    }

    /// Whether every sample of the first values is complete in every text column and the rows
    /// (see [`TextColumn::prefix_full`]): later byte ranges can then go on without them.
    pub fn prefix_full(&self) -> bool {
        self.columns.iter().flatten().all(TextColumn::prefix_full) && self.rows.prefix_full()
    }

    /// How many more bytes until [`TextState::prefix_full`], at the rate of the first `bytes`
    /// (see [`TextColumn::bytes_to_full`]); `None` while a probe is undecided or a sample has no
    /// rate yet.
    pub fn bytes_to_full(&self, bytes: u64) -> Option<u64> {
        let cols =
            self.columns.iter().flatten().map(|c| c.bytes_to_full(bytes)).try_fold(0u64, |m, x| x.map(|x| m.max(x)));
        Some(cols?.max(self.rows.bytes_to_full(bytes)?))
    }

    /// How a later byte range goes on with the text family (see [`TextState::saturate`]).
    pub fn continuation(&self) -> TextContinuation {
        TextContinuation {
            columns: self.columns.iter().map(|c| c.as_ref().map(TextColumn::continuation)).collect(),
            turns: self.rows.continuation(),
        }
    }

    /// Goes on with a first byte range whose samples were complete: its columns decided as they
    /// were, with full samples (taken back off by [`TextState::unsaturate`]).
    pub fn saturate(&mut self, c: &TextContinuation) {
        for (slot, c) in self.columns.iter_mut().zip(&c.columns) {
            match (slot.as_mut(), c) {
                (Some(t), Some(c)) => t.saturate(c),
                (Some(_), None) => *slot = None,
                _ => {}
            }
        }
        self.rows.saturate(&c.turns);
        self.part = true;
    }

    /// Whether merging met parts that decided or sampled a text column apart.
    pub fn disagrees(&self) -> bool {
        self.disagree || self.columns.iter().flatten().any(|c| c.disagree)
    }

    pub fn unsaturate(&mut self) {
        self.columns.iter_mut().flatten().for_each(TextColumn::unsaturate);
        self.rows.unsaturate();
    }

    fn seal(&mut self) {
        let tools = Arc::clone(&self.tools);
        for slot in &mut self.columns {
            if let Some(tc) = slot {
                tc.decide(&tools);
                if !tc.followed() {
                    *slot = None;
                }
            }
        }
        for tc in [&mut self.rows.user_turns, &mut self.rows.assistant_turns].into_iter().flatten() {
            tc.decide(&tools);
        }
    }

    /// Merges column `j` of the part that follows; `dropped`: that part's own probe dropped it
    /// (see [`TextColumn::merge`]).
    fn merge_column(&mut self, j: usize, other: Option<TextColumn>, dropped: bool) {
        match (self.columns.get_mut(j), other) {
            (Some(Some(mine)), Some(theirs)) => mine.merge(theirs),
            // Dropped here (not text): the whole input drops it at the same place.
            (Some(None), Some(_)) => {}
            (Some(slot @ Some(_)), None) if dropped => {
                if slot
                    .as_ref()
                    .is_some_and(|m| matches!(m.follow, text::column::Follow::Probing(ref b, _) if b.is_empty()))
                {
                    *slot = None;
                } else {
                    self.disagree = true;
                    self.disagree_at.push(j);
                }
            }
            _ => {}
        }
    }

    fn heap_bytes(&self) -> usize {
        self.columns.iter().flatten().map(TextColumn::heap_bytes).sum::<usize>()
            + [&self.rows.user_turns, &self.rows.assistant_turns]
                .into_iter()
                .flatten()
                .map(TextColumn::heap_bytes)
                .sum::<usize>()
    }

    /// The near-duplicate threshold in force.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }
}

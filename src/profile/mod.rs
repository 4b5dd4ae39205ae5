//! Accumulators: everything the checks read, computed in one pass with bounded memory.
//!
//! Each accumulator implements [`Merge`], with `Default` as its identity, and its doc comment
//! opens with its memory bound. Figures are exact until an accumulator's share of the memory
//! budget runs out; then it switches to a sketch whose error is stated on the type, and the
//! report marks those figures as approximate.

pub mod bias;
pub mod column;
pub mod frequency;
pub mod moments;
pub mod quantiles;
pub mod rows;
pub mod value;

use crate::error::{Error, ErrorKind};
use crate::options::Options;
use column::{Cell, Column};
use rows::{Conflicts, Duplicates};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;
use value::MissingTokens;
use xxhash_rust::xxh3::xxh3_64;

/// Combine two accumulators of the same kind: `a.merge(b)` describes the concatenation of the
/// inputs `a` and `b` saw.
pub trait Merge {
    fn merge(&mut self, other: Self);
}

pub(crate) type PassThroughBuild = BuildHasherDefault<frequency::PassThrough>;

/// One evidence row: a 1-based physical line and what is there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub line: u64,
    pub value: String,
}

pub(crate) fn push_evidence(v: &mut Vec<Evidence>, limit: usize, line: u64, value: impl FnOnce() -> String) {
    if v.len() < limit {
        v.push(Evidence { line, value: value() });
    }
}

/// Problems met while reading: the first [`MAX_ERRORS`] in full, all of them counted by kind.
/// Memory: at most `MAX_ERRORS` errors.
#[derive(Clone, Debug, Default)]
pub struct IngestLog {
    pub errors: Vec<Error>,
    pub counts: BTreeMap<&'static str, u64>,
}

/// Errors kept in full; the rest are only counted.
pub const MAX_ERRORS: usize = 1000;

impl IngestLog {
    pub fn push(&mut self, e: Error) {
        *self.counts.entry(e.kind.name()).or_insert(0) += 1;
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(e);
        }
    }
    pub fn count(&self, kind: &str) -> u64 {
        self.counts.get(kind).copied().unwrap_or(0)
    }
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Error> + 'a {
        self.errors.iter().filter(move |e| e.kind.name() == kind)
    }
    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }
}

impl Merge for IngestLog {
    fn merge(&mut self, o: IngestLog) {
        for e in o.errors {
            if self.errors.len() < MAX_ERRORS {
                self.errors.push(e);
            }
        }
        for (k, c) in o.counts {
            *self.counts.entry(k).or_insert(0) += c;
        }
    }
}

/// The header as read: names, and which are empty or repeated.
#[derive(Clone, Debug, Default)]
pub struct Header {
    /// Whether the first row was taken as a header (false: columns are `column_1`, …).
    pub present: bool,
    /// 0-based indices of empty header names.
    pub empty: Vec<usize>,
    /// Repeated names with the 0-based indices where they stand.
    pub duplicate: Vec<(String, Vec<usize>)>,
    /// Names as written that had surrounding whitespace (the column names are trimmed).
    pub padded: Vec<String>,
}

// Shares of the memory budget. The rest is headroom for parser buffers, evidence and the
// allocator's own overhead.
const SHARE_QUANTILES: f64 = 0.30;
const SHARE_FREQUENCY: f64 = 0.22;
const SHARE_DUPLICATES: f64 = 0.12;
const SHARE_CONFLICTS: f64 = 0.06;
/// How often (in rows) the budget is checked.
const BUDGET_EVERY: u64 = 1024;

/// Classes of the label column: count and first line of each. Memory: at most [`MAX_CLASSES`]
/// entries; past that the label is taken as continuous and only `overflow` is set.
#[derive(Clone, Debug, Default)]
pub struct LabelClasses {
    pub classes: BTreeMap<String, (u64, u64)>,
    pub overflow: bool,
}

/// Label values tracked per class before the label is treated as continuous.
pub const MAX_CLASSES: usize = 100;

impl LabelClasses {
    fn push(&mut self, value: &str, line: u64) {
        if self.overflow {
            return;
        }
        let room = self.classes.len() < MAX_CLASSES;
        match self.classes.get_mut(value) {
            Some(e) => e.0 += 1,
            None if room => {
                self.classes.insert(value.to_string(), (1, line));
            }
            None => {
                self.overflow = true;
                self.classes.clear();
            }
        }
    }
}

impl Merge for LabelClasses {
    fn merge(&mut self, o: LabelClasses) {
        self.overflow |= o.overflow;
        for (k, (n, first)) in o.classes {
            let e = self.classes.entry(k).or_insert((0, first));
            e.0 += n;
            e.1 = e.1.min(first);
        }
        if self.overflow || self.classes.len() > MAX_CLASSES {
            self.overflow = true;
            self.classes.clear();
        }
    }
}

/// The whole dataset's profile.
#[derive(Clone, Debug)]
pub struct Profile {
    pub columns: Vec<Column>,
    index: HashMap<String, usize>,
    /// Data records read (not counting the header or blank lines).
    pub rows: u64,
    /// Line of the first data record.
    pub first_row_line: u64,
    pub duplicates: Duplicates,
    /// Present when a label column is declared.
    pub conflicts: Option<Conflicts>,
    /// Present when a label column is declared.
    pub label_classes: Option<LabelClasses>,
    pub label: Option<String>,
    pub header: Header,
    pub log: IngestLog,
    /// Columns seen beyond `max_columns` (not profiled).
    pub dropped_columns: u64,
    /// Names of JSON keys dropped for `max_columns` (kept up to a bound, to count each once).
    dropped_names: std::collections::BTreeSet<String>,
    missing: MissingTokens,
    budget: u64,
    max_columns: usize,
    limit: usize,
    /// Whether any accumulator was moved to a sketch to stay within the budget.
    pub budget_hit: bool,
    /// The label and sensitive columns in play, and whether each was proposed.
    pub roles: crate::bias::Roles,
    /// Bias accumulators, present when a sensitive column is in play.
    pub bias: Option<bias::Bias>,
    role_opts: (Option<String>, Option<Vec<String>>, bool),
    roles_resolved: bool,
    /// The label's column index, once roles are resolved (looked up once, not per row).
    label_idx: Option<usize>,
}

impl Profile {
    pub fn new(opts: &Options) -> Profile {
        let b = opts.memory_budget as f64;
        let limit = opts.evidence_limit;
        Profile {
            columns: Vec::new(),
            index: HashMap::new(),
            rows: 0,
            first_row_line: 0,
            duplicates: Duplicates::new((b * SHARE_DUPLICATES / 40.0) as usize, limit),
            conflicts: None,
            label_classes: None,
            label: None,
            header: Header::default(),
            log: IngestLog::default(),
            dropped_columns: 0,
            dropped_names: std::collections::BTreeSet::new(),
            missing: MissingTokens::new(&opts.missing_tokens),
            budget: opts.memory_budget,
            max_columns: opts.max_columns,
            limit,
            budget_hit: false,
            roles: crate::bias::Roles::default(),
            bias: None,
            role_opts: (opts.label.clone(), opts.sensitive.clone(), opts.propose_roles),
            roles_resolved: false,
            label_idx: None,
        }
    }

    /// Decides the label and sensitive columns once the columns are known (CSV: the header; JSON:
    /// the first record): the ones given, or proposals from the names.
    fn resolve_roles(&mut self) {
        if self.roles_resolved {
            return;
        }
        self.roles_resolved = true;
        let (label_opt, sensitive_opt, propose) = self.role_opts.clone();
        let names: Vec<String> = self.columns.iter().map(|c| c.name.clone()).collect();
        let find = |want: &str| names.iter().position(|n| n == want);
        let (label, proposed) = match &label_opt {
            Some(l) => (Some(l.clone()), false),
            None if propose => {
                let hit =
                    bias::LABEL_NAMES.iter().find_map(|w| names.iter().find(|n| bias::normalise(n) == *w).cloned());
                (hit, true)
            }
            None => (None, false),
        };
        if let Some(l) = &label {
            let b = self.budget as f64;
            self.conflicts = Some(Conflicts::new((b * SHARE_CONFLICTS / 80.0) as usize, self.limit));
            self.label_classes = Some(LabelClasses::default());
            self.label = Some(l.clone());
            if find(l).is_some() {
                self.roles.label = Some(crate::bias::Role { name: l.clone(), proposed, bins: None });
            } else {
                self.log.push(Error::new(
                    ErrorKind::UnknownColumn,
                    crate::error::Position { byte: 0, line: self.first_row_line.max(1), record: 0 },
                    format!("label column '{l}' not found{}; columns are: {}", self.roles_where(), names.join(", ")),
                ));
            }
        }
        let label_idx = label.as_deref().and_then(find);
        self.label_idx = label_idx;
        let sensitive: Vec<(usize, bool)> = match &sensitive_opt {
            Some(list) => {
                let mut out = Vec::new();
                for s in list.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
                    match find(s) {
                        Some(i) => out.push((i, false)),
                        None => self.log.push(Error::new(
                            ErrorKind::UnknownColumn,
                            crate::error::Position { byte: 0, line: self.first_row_line.max(1), record: 0 },
                            format!(
                                "sensitive column '{s}' not found{}; columns are: {}",
                                self.roles_where(),
                                names.join(", ")
                            ),
                        )),
                    }
                }
                out
            }
            None if propose => names
                .iter()
                .enumerate()
                .filter(|(i, n)| Some(*i) != label_idx && bias::name_matches(n, bias::SENSITIVE_NAMES))
                .map(|(i, _)| (i, true))
                .collect(),
            None => Vec::new(),
        };
        for &(i, proposed) in &sensitive {
            let name = names.get(i).cloned().unwrap_or_default();
            let bins = bias::is_age(&name).then(|| bias::AGE_BINS.iter().map(|(_, l)| *l).collect());
            self.roles.sensitive.push(crate::bias::Role { name, proposed, bins });
        }
        if !sensitive.is_empty() {
            let idx: Vec<usize> = sensitive.iter().map(|s| s.0).collect();
            self.bias = Some(bias::Bias::new(label_idx, &idx, &names));
        }
    }

    /// Where roles are looked for, for error messages.
    fn roles_where(&self) -> &'static str {
        if self.header.present || self.rows == 0 {
            ""
        } else {
            " in the first record (JSON roles are chosen from the first record's keys)"
        }
    }

    /// The bias accumulators' view of one row.
    fn bias_row(&mut self, line: u64, cells: &mut dyn Iterator<Item = (usize, Cell<'_>)>) {
        let Some(b) = self.bias.as_mut() else { return };
        let mut views: Vec<bias::View<'_>> = vec![bias::View { missing: true, text: "", num: None }; b.ncols];
        for (i, c) in cells {
            let view = match c {
                Cell::Text(t) => {
                    let t = t.trim();
                    let missing = self.missing.contains(t);
                    let num = if missing {
                        None
                    } else {
                        match value::classify(t) {
                            value::Kind::Integer(v) => Some(v as f64),
                            value::Kind::Float { value, .. } if value.is_finite() => Some(value),
                            _ => None,
                        }
                    };
                    bias::View { missing, text: t, num }
                }
                Cell::Number(t) => {
                    bias::View { missing: false, text: t, num: t.parse::<f64>().ok().filter(|x| x.is_finite()) }
                }
                Cell::Null => bias::View { missing: true, text: "", num: None },
                Cell::Bool(true) => bias::View { missing: false, text: "true", num: None },
                Cell::Bool(false) => bias::View { missing: false, text: "false", num: None },
                Cell::ArrayLen(n) => bias::View { missing: false, text: "", num: Some(n as f64) },
            };
            if let Some(v) = views.get_mut(i) {
                *v = view;
            }
        }
        b.push(&views, line);
    }

    fn new_column(&self, name: String, expected_columns: usize) -> Column {
        let n = expected_columns.max(1) as f64;
        let b = self.budget as f64;
        Column::new(name, (b * SHARE_QUANTILES / 8.0 / n) as usize, (b * SHARE_FREQUENCY / n) as usize, self.limit)
    }

    /// Sets the columns of a CSV file (from its header or generated) and checks the names.
    pub fn set_columns(&mut self, names: Vec<String>, from_header: bool) {
        self.header.present = from_header;
        let mut seen: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, n) in names.iter().enumerate() {
            if n.trim().is_empty() {
                self.header.empty.push(i);
            } else {
                seen.entry(n.trim()).or_default().push(i);
            }
        }
        self.header.duplicate =
            seen.into_iter().filter(|(_, v)| v.len() > 1).map(|(k, v)| (k.to_string(), v)).collect();
        let total = names.len();
        let keep = total.min(self.max_columns);
        for (i, name) in names.into_iter().take(keep).enumerate() {
            if from_header && name.trim().len() != name.len() && !name.trim().is_empty() {
                self.header.padded.push(name.clone());
            }
            let name = if name.trim().is_empty() { format!("column_{}", i + 1) } else { name.trim().to_string() };
            self.index.entry(name.clone()).or_insert(i);
            let col = self.new_column(name, keep);
            self.columns.push(col);
        }
        if total > keep {
            self.dropped_columns = (total - keep) as u64;
            self.log.push(Error::new(
                ErrorKind::TooManyColumns { limit: self.max_columns as u64 },
                crate::error::Position { byte: 0, line: 1, record: 0 },
                format!("{total} columns; only the first {keep} are profiled (max_columns)"),
            ));
        }
        self.resolve_roles();
    }

    /// One CSV record: cells by column position.
    pub fn row(&mut self, line: u64, cells: &[Cell<'_>]) {
        self.rows += 1;
        if self.rows == 1 {
            self.first_row_line = line;
        }
        let h = cells.iter().fold(ROW_SEED, |h, c| combine(h, cell_hash(c)));
        self.duplicates.push(h, line);
        let label_idx = self.label_idx;
        if let (Some(li), Some(conf)) = (label_idx, self.conflicts.as_mut()) {
            let mut f = ROW_SEED;
            let mut label = "";
            for (i, c) in cells.iter().enumerate() {
                if i == li {
                    if let Cell::Text(t) = c {
                        label = t.trim();
                    }
                } else {
                    f = combine(f, cell_hash(c));
                }
            }
            // A row without a label has nothing to conflict with.
            if !self.missing.contains(label) {
                conf.push(f, xxh3_64(label.as_bytes()), label, line);
            }
        }
        if let (Some(li), Some(lc)) = (label_idx, self.label_classes.as_mut()) {
            if let Some(Cell::Text(t)) = cells.get(li) {
                let t = t.trim();
                if !t.is_empty() && !self.missing.contains(t) {
                    lc.push(t, line);
                }
            }
        }
        let want = self.bias.is_some();
        let mut seen: Vec<column::Seen> = Vec::with_capacity(if want { self.columns.len() } else { 0 });
        for (i, col) in self.columns.iter_mut().enumerate() {
            // An absent field (a short ragged row) counts as an empty, missing value.
            let s = col.push(cells.get(i).copied().unwrap_or(Cell::Text("")), line, &self.missing);
            if want {
                seen.push(s);
            }
        }
        if let Some(b) = self.bias.as_mut() {
            let views: Vec<bias::View<'_>> = seen
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let text = match cells.get(i) {
                        Some(Cell::Text(t)) => t.trim(),
                        _ => "",
                    };
                    bias::View { missing: s.missing, text, num: s.num }
                })
                .collect();
            b.push(&views, line);
        }
        self.after_row();
    }

    /// One JSON record: cells by (flattened) key.
    pub fn row_keyed(&mut self, line: u64, cells: &[(String, Cell<'_>)]) {
        self.rows += 1;
        if self.rows == 1 {
            self.first_row_line = line;
        }
        // Key order does not make two JSON objects different: pairs are combined commutatively.
        let h = cells.iter().fold(ROW_SEED, |h, (k, c)| h.wrapping_add(pair_hash(k, c)));
        self.duplicates.push(h, line);
        for (k, c) in cells {
            let i = match self.index.get(k.as_str()) {
                Some(&i) => i,
                None => {
                    if self.columns.len() >= self.max_columns {
                        if self.dropped_names.len() < MAX_ERRORS && self.dropped_names.insert(k.clone()) {
                            self.dropped_columns += 1;
                            self.log.push(Error::new(
                                ErrorKind::TooManyColumns { limit: self.max_columns as u64 },
                                crate::error::Position { byte: 0, line, record: self.rows - 1 },
                                format!(
                                    "key '{k}' is beyond the first {} columns and is not profiled (max_columns)",
                                    self.max_columns
                                ),
                            ));
                        }
                        continue;
                    }
                    let i = self.columns.len();
                    let mut col = self.new_column(k.clone(), (i + 1).max(16));
                    if self.rows > 1 {
                        // Earlier records lacked it, the first of them on the first record's line.
                        col.first_absent = self.first_row_line;
                    }
                    self.columns.push(col);
                    self.index.insert(k.clone(), i);
                    i
                }
            };
            if let Some(col) = self.columns.get_mut(i) {
                col.push(*c, line, &self.missing);
            }
        }
        if !self.roles_resolved {
            // JSON: the first record's keys are the columns roles are chosen from.
            self.resolve_roles();
        }
        if let (Some(label), Some(conf)) = (self.label.as_deref(), self.conflicts.as_mut()) {
            let mut f = ROW_SEED;
            let mut lab = String::new();
            for (k, c) in cells {
                if k == label {
                    lab = cell_text(c);
                } else {
                    f = f.wrapping_add(pair_hash(k, c));
                }
            }
            let t = lab.trim();
            if !self.missing.contains(t) {
                conf.push(f, xxh3_64(t.as_bytes()), t, line);
                if let Some(lc) = self.label_classes.as_mut() {
                    lc.push(t, line);
                }
            }
        }
        if self.bias.is_some() {
            let idx: Vec<(usize, Cell<'_>)> =
                cells.iter().filter_map(|(k, c)| self.index.get(k.as_str()).map(|&i| (i, *c))).collect();
            self.bias_row(line, &mut idx.into_iter());
        }
        // Columns this record lacks: remember the first such line, for schema-drift evidence.
        let rows = self.rows;
        for col in &mut self.columns {
            if col.first_absent == 0 && col.present_rows() < rows {
                col.first_absent = line;
            }
        }
        self.after_row();
    }

    fn after_row(&mut self) {
        if self.rows.is_multiple_of(BUDGET_EVERY) {
            self.enforce_budget();
        }
    }

    /// Bytes held by all growable accumulators.
    pub fn heap_bytes(&self) -> usize {
        self.columns.iter().map(Column::heap_bytes).sum::<usize>()
            + self.duplicates.heap_bytes()
            + self.conflicts.as_ref().map_or(0, Conflicts::heap_bytes)
    }

    /// Moves the largest exact column accumulators to sketches until the columns fit their share.
    fn enforce_budget(&mut self) {
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

    /// Sorts what must be sorted before figures are read.
    pub fn seal(&mut self) {
        for c in &mut self.columns {
            c.quantiles.seal();
        }
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.index.get(name).and_then(|&i| self.columns.get(i))
    }
}

fn cell_text(c: &Cell<'_>) -> String {
    match c {
        Cell::Text(t) | Cell::Number(t) => t.to_string(),
        Cell::Null => String::new(),
        Cell::Bool(b) => b.to_string(),
        Cell::ArrayLen(n) => format!("[{n}]"),
    }
}

const ROW_SEED: u64 = 0x6461_7461_6c69_6e74; // "datalint"

/// Order-dependent combination of cell hashes into a row hash (the boost::hash_combine step
/// widened to 64 bits, then a multiply to spread the bits).
#[inline]
fn combine(h: u64, x: u64) -> u64 {
    (h ^ x.wrapping_add(0x9e37_79b9_7f4a_7c15).wrapping_add(h << 6).wrapping_add(h >> 2))
        .wrapping_mul(0xff51_afd7_ed55_8ccd)
}

/// A (key, value) pair's hash, to be summed: order-independent within a record.
#[inline]
fn pair_hash(k: &str, c: &Cell<'_>) -> u64 {
    combine(combine(ROW_SEED, xxh3_64(k.as_bytes())), cell_hash(c))
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
        match (&mut self.conflicts, o.conflicts) {
            (Some(a), Some(b)) => a.merge(b),
            (None, Some(b)) => self.conflicts = Some(b),
            _ => {}
        }
        match (&mut self.label_classes, o.label_classes) {
            (Some(a), Some(b)) => a.merge(b),
            (None, Some(b)) => self.label_classes = Some(b),
            _ => {}
        }
        match (&mut self.bias, o.bias) {
            (Some(a), Some(b)) => a.merge(b),
            (None, Some(b)) => self.bias = Some(b),
            _ => {}
        }
        if !self.roles_resolved {
            self.roles = o.roles;
            self.roles_resolved = o.roles_resolved;
            self.label_idx = o.label_idx;
            self.label = o.label;
        }
        self.log.merge(o.log);
        self.dropped_columns += o.dropped_columns;
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
        for (mut col, nth) in o.columns.into_iter().zip(nths) {
            let found = (0..self.columns.len()).find(|&j| {
                self.columns.get(j).is_some_and(|c| c.name == col.name) && occurrence(&self.columns, j) == nth
            });
            match found.and_then(|j| self.columns.get_mut(j).map(|c| (j, c))) {
                Some((j, mine)) => {
                    mine.merge(col);
                    if let Some(m) = matched.get_mut(j) {
                        *m = true;
                    }
                }
                None => {
                    // A column only the second part has: the first part's records all lack it.
                    if my_rows > 0 {
                        col.first_absent = my_first;
                    }
                    if !self.index.contains_key(&col.name) {
                        self.index.insert(col.name.clone(), self.columns.len());
                    }
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

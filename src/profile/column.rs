//! One column's profile: every per-column accumulator, fed one cell at a time.
//!
//! Memory: constant apart from [`Quantiles`] and [`Frequency`], which the dataset profile keeps
//! within the memory budget, plus evidence lists capped at the evidence limit.

use super::frequency::Frequency;
use super::merge::Merge;
use super::moments::Moments;
use super::quantiles::Quantiles;
use super::types::{Family, TypeCounts};
use crate::finding::{push_evidence, Evidence};
use crate::fmt::clip;
use crate::record::Cell;
use crate::value::{classify, integer, integer_text, is_integer_text, Kind, MissingTokens};
use std::collections::BTreeMap;

/// Zero or negative values whose lines a numeric column keeps (at least; the evidence limit when
/// larger), so that columns whose impossible values sit on the same rows can be told apart.
pub const NONPOSITIVE_KEPT: usize = 64;

/// How many of the smallest and of the largest values a numeric column keeps (at least; more when
/// the evidence limit is higher): what `outliers` walks to find gaps.
pub const EXTREMES_KEPT: usize = 64;

/// One kept extreme value: the number, its line, and its text as the file writes it (the
/// evidence shows `1.50` or `12345678901234567891`, not a double's expansion).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Extreme {
    pub value: f64,
    pub line: u64,
    pub text: Box<str>,
}

/// The smallest and largest numeric values with their lines (for outliers and their evidence).
///
/// Memory: 2 × max([`EXTREMES_KEPT`], evidence limit) × (32 bytes + the value's text, clipped).
/// Cost per value: one comparison with the least extreme kept value on each side once the lists
/// are full; the text is copied only when a value enters a list.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Extremes {
    pub low: Vec<Extreme>,
    pub high: Vec<Extreme>,
    limit: usize,
}

impl Extremes {
    fn push(&mut self, x: f64, line: u64, text: &str) {
        insert_extreme(&mut self.high, self.limit, x, line, text, |a, b| a > b);
        insert_extreme(&mut self.low, self.limit, x, line, text, |a, b| a < b);
    }
}

/// Keeps `v` sorted most-extreme first, at most `limit` long; ties keep the earlier line.
fn insert_extreme(v: &mut Vec<Extreme>, limit: usize, x: f64, line: u64, text: &str, more: fn(f64, f64) -> bool) {
    if v.len() >= limit && v.last().is_some_and(|last| !more(x, last.value)) {
        return;
    }
    let at = v.partition_point(|e| more(e.value, x) || (e.value == x && e.line <= line));
    // A full list drops its least extreme value: its text's buffer takes the new one (no
    // allocation when the lengths match, as in a column of ids that keeps rising).
    let text = match (v.len() >= limit).then(|| v.pop()).flatten() {
        Some(old) if text.len() <= CLIP_CHARS => {
            let mut buf = old.text.into_string();
            buf.clear();
            buf.push_str(text);
            buf.into_boxed_str()
        }
        _ => clip(text).into(),
    };
    v.insert(at, Extreme { value: x, line, text });
    v.truncate(limit);
}

/// Values of at most this many bytes are never clipped (see [`clip`]).
const CLIP_CHARS: usize = 120;

fn insert_kept(v: &mut Vec<Extreme>, limit: usize, e: Extreme, more: fn(f64, f64) -> bool) {
    if v.len() >= limit && v.last().is_some_and(|last| !more(e.value, last.value)) {
        return;
    }
    let at = v.partition_point(|k| more(k.value, e.value) || (k.value == e.value && k.line <= e.line));
    v.insert(at, e);
    v.truncate(limit);
}

impl Merge for Extremes {
    fn merge(&mut self, o: Extremes) {
        for e in o.high {
            insert_kept(&mut self.high, self.limit, e, |a, b| a > b);
        }
        for e in o.low {
            insert_kept(&mut self.low, self.limit, e, |a, b| a < b);
        }
    }
}

/// A column's dates (ISO `YYYY-MM-DD`, with or without a time), for `impossible-values`.
///
/// Memory: one counter per calendar month seen (at most 120,000 for four-digit years) and two
/// evidence lists capped at the evidence limit.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Dates {
    /// Dates seen.
    pub count: u64,
    /// Dates per month, keyed `year * 12 + month - 1`.
    pub months: BTreeMap<u32, u64>,
    /// Dates before [`EPOCH_YEAR`]-01-01.
    pub before_epoch: u64,
    pub ev_before: Vec<Evidence>,
    /// The latest dates, latest first: (`YYYYMMDD`, line, value as written).
    pub latest: Vec<(u32, u64, String)>,
}

/// The first year a date is plausible in: earlier ones are placeholders or typos.
pub const EPOCH_YEAR: u32 = 1900;

/// Year, month and day of a value already classified as a date or date-time.
pub fn ymd(v: &str) -> Option<(u32, u32, u32)> {
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    Some((digits(0..4)?, digits(5..7)?, digits(8..10)?))
}

impl Dates {
    fn push(&mut self, v: &str, line: u64, limit: usize) {
        let Some((y, m, d)) = ymd(v) else { return };
        self.count += 1;
        *self.months.entry(y * 12 + m.saturating_sub(1)).or_insert(0) += 1;
        if y < EPOCH_YEAR {
            self.before_epoch += 1;
            push_evidence(&mut self.ev_before, limit, line, || clip(v));
        }
        let k = y * 10_000 + m * 100 + d;
        if self.latest.len() >= limit && self.latest.last().is_some_and(|&(last, _, _)| k <= last) {
            return;
        }
        insert_latest(&mut self.latest, limit, (k, line, clip(v)));
    }

    /// The month key at quantile `q` (the lowest month whose cumulative count reaches it).
    pub fn month_quantile(&self, q: f64) -> Option<u32> {
        let want = (q * self.count as f64).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (&k, &n) in &self.months {
            seen += n;
            if seen >= want {
                return Some(k);
            }
        }
        None
    }

    /// Dates in months after `month`.
    pub fn after(&self, month: u32) -> u64 {
        self.months.range(month.saturating_add(1)..).map(|(_, n)| n).sum()
    }
}

/// Keeps the latest dates first, at most `limit`; ties keep the earlier line.
fn insert_latest(v: &mut Vec<(u32, u64, String)>, limit: usize, x: (u32, u64, String)) {
    let at = v.partition_point(|(k, l, _)| *k > x.0 || (*k == x.0 && *l <= x.1));
    v.insert(at, x);
    v.truncate(limit);
}

impl Dates {
    fn merge(&mut self, o: Dates, limit: usize) {
        self.count += o.count;
        for (k, n) in o.months {
            *self.months.entry(k).or_insert(0) += n;
        }
        self.before_epoch += o.before_epoch;
        merge_evidence(&mut self.ev_before, o.ev_before, limit);
        for x in o.latest {
            insert_latest(&mut self.latest, limit, x);
        }
    }
}

/// String length statistics, in Unicode scalar values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Lengths {
    pub n: u64,
    pub min: u64,
    pub max: u64,
    pub sum: u64,
}

impl Lengths {
    pub fn push(&mut self, len: u64) {
        if self.n == 0 {
            self.min = len;
            self.max = len;
        } else {
            self.min = self.min.min(len);
            self.max = self.max.max(len);
        }
        self.n += 1;
        self.sum += len;
    }
}

impl Merge for Lengths {
    fn merge(&mut self, o: Lengths) {
        if o.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = o;
            return;
        }
        self.min = self.min.min(o.min);
        self.max = self.max.max(o.max);
        self.n += o.n;
        self.sum += o.sum;
    }
}

/// One column's profile.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Column {
    pub name: String,
    /// Rows in which the column was present (every row for CSV; rows with the key for JSON).
    pub present: u64,
    /// Line of the first record in which the column was present.
    pub first_line: u64,
    /// Line of the first record that lacked the column (JSON; 0 if none did).
    pub first_absent: u64,
    pub missing: u64,
    /// Which missing tokens were seen, and how often ("" for empty values).
    pub missing_tokens: BTreeMap<String, u64>,
    pub types: TypeCounts,
    /// Values out of the range of a double (`1e999`, an integer of 400 digits); kept out of the
    /// statistics.
    pub overflow: u64,
    /// Integers beyond 2^53 in magnitude: counted exactly by their text for `distinct` and `top`,
    /// but rounded to the nearest double in the statistics (min, max, mean, quantiles).
    pub inexact_integers: u64,
    pub moments: Moments,
    pub quantiles: Quantiles,
    pub freq: Frequency,
    pub lengths: Lengths,
    pub zeros: u64,
    pub negatives: u64,
    /// The first zeros and negatives, for `impossible-values`.
    pub ev_nonpositive: Vec<Evidence>,
    pub dates: Dates,
    /// Values with leading or trailing whitespace.
    pub whitespace: u64,
    /// JSON arrays are summarised by their length; true if this column holds such lengths.
    pub array_lengths: bool,
    pub ev_missing: Vec<Evidence>,
    pub ev_whitespace: Vec<Evidence>,
    /// First values of each type family, for mixed-types evidence.
    pub ev_family: [Vec<Evidence>; 4],
    pub extremes: Extremes,
    limit: usize,
    /// Values not yet counted in `freq`, in order: see [`Column::flush`].
    pending: Vec<Pending>,
    /// The keys of the pending strings, one after another.
    pending_keys: String,
}

/// Values a column holds before counting them in one loop (see [`Column::flush`]).
const COUNT_BATCH: usize = 32;

/// A value waiting to be counted.
#[derive(Clone, Copy, Debug, serde::Serialize, serde::Deserialize)]
enum Pending {
    Num(f64),
    /// A string key with its hash; its bytes end at `end` in `pending_keys`.
    Key {
        hash: u64,
        end: usize,
    },
}

/// What [`Column::push`] saw in a cell.
#[derive(Clone, Copy, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Seen {
    pub missing: bool,
    /// The value as a finite number, if it is one.
    pub num: Option<f64>,
}

impl Column {
    pub fn new(name: String, quantile_cap: usize, freq_budget: usize, limit: usize) -> Column {
        Column {
            name,
            present: 0,
            first_line: 0,
            first_absent: 0,
            missing: 0,
            missing_tokens: BTreeMap::new(),
            types: TypeCounts::default(),
            overflow: 0,
            inexact_integers: 0,
            moments: Moments::default(),
            quantiles: Quantiles::with_cap(quantile_cap),
            freq: Frequency::with_budget(freq_budget),
            lengths: Lengths::default(),
            zeros: 0,
            negatives: 0,
            ev_nonpositive: Vec::new(),
            dates: Dates::default(),
            whitespace: 0,
            array_lengths: false,
            ev_missing: Vec::new(),
            ev_whitespace: Vec::new(),
            ev_family: Default::default(),
            extremes: Extremes { limit: limit.max(EXTREMES_KEPT), ..Extremes::default() },
            limit,
            pending: Vec::new(),
            pending_keys: String::new(),
        }
    }

    /// Counts the pending values in `freq`. A column of many distinct values keeps a count
    /// table far larger than the cache, where each count is a miss to memory (and a string's a
    /// second one, to its stored key); counted one after another, [`COUNT_BATCH`] at a time,
    /// their misses overlap, where a row's whole profile between two counts keeps them apart.
    /// The counts are made in the order of the values, so the table, and the point where it
    /// moves to its sketch, are those of counting each value at once. The profile flushes every
    /// column before it reads `freq` (the memory budget's check, sealing, merging).
    pub fn flush(&mut self) {
        let mut start = 0;
        for &p in &self.pending {
            match p {
                Pending::Num(x) => self.freq.push_num(x),
                Pending::Key { hash, end } => {
                    self.freq.push_key(self.pending_keys.get(start..end).unwrap_or(""), hash);
                    start = end;
                }
            }
        }
        self.pending.clear();
        self.pending_keys.clear();
    }

    fn queue_key(&mut self, (k, hash): (&str, u64)) {
        self.pending_keys.push_str(k);
        self.queue(Pending::Key { hash, end: self.pending_keys.len() });
    }

    fn queue(&mut self, p: Pending) {
        self.pending.push(p);
        if self.pending.len() >= COUNT_BATCH {
            self.flush();
        }
    }

    fn missing(&mut self, token: &str, raw: &str, line: u64) -> Seen {
        self.missing += 1;
        match self.missing_tokens.get_mut(token) {
            Some(c) => *c += 1,
            None => {
                self.missing_tokens.insert(token.to_string(), 1);
            }
        }
        push_evidence(&mut self.ev_missing, self.limit, line, || clip(raw));
        Seen { missing: true, num: None }
    }

    /// Observe one cell of row `line`.
    /// Returns what it saw, so that other accumulators need not classify the cell again.
    pub fn push(&mut self, cell: Cell<'_>, line: u64, missing: &MissingTokens) -> Seen {
        self.push_hashed(cell, line, missing, None)
    }

    /// [`push`](Self::push) with the xxh3 hash of a [`Cell::Text`]'s text as written, when the
    /// caller has it (the row hash hashes every cell): a value is then hashed once.
    pub fn push_hashed(&mut self, cell: Cell<'_>, line: u64, missing: &MissingTokens, hash: Option<u64>) -> Seen {
        if let Cell::Absent = cell {
            // A JSON record without this key: not a value, but remembered for schema drift.
            if self.first_absent == 0 {
                self.first_absent = line;
            }
            return Seen { missing: true, num: None };
        }
        if self.present == 0 {
            self.first_line = line;
        }
        self.present += 1;
        let (raw, kind) = match cell {
            Cell::Null => return self.missing("null", "null", line),
            Cell::Text(raw) => {
                let t = crate::record::trim(raw);
                // A cell of only whitespace is missing, not padded.
                if t.len() != raw.len() && !t.is_empty() {
                    self.whitespace += 1;
                    push_evidence(&mut self.ev_whitespace, self.limit, line, || format!("{raw:?}"));
                }
                if missing.contains(t) {
                    return self.missing(t, raw, line);
                }
                // The hash of the text as written is the trimmed value's when nothing was trimmed.
                let hash = hash.filter(|_| t.len() == raw.len());
                return self.push_value(t, classify(t), line, hash);
            }
            Cell::Bool(_) => (if let Cell::Bool(true) = cell { "true" } else { "false" }, Kind::Boolean),
            Cell::Number(raw) => {
                let k = if is_integer_text(raw) {
                    integer(raw).unwrap_or(Kind::Categorical)
                } else {
                    match crate::value::parse_float(raw) {
                        Some(v) => Kind::Float { value: v, overflow: !v.is_finite() },
                        None => Kind::Categorical,
                    }
                };
                (raw, k)
            }
            Cell::Absent => return Seen { missing: true, num: None },
            Cell::ArrayLen(n) | Cell::Items(n, _) => {
                self.array_lengths = true;
                return self.push_value(&n.to_string(), Kind::Integer(n as i64), line, None);
            }
        };
        self.push_value(raw, kind, line, None)
    }

    /// `hash`: xxh3 of `v`, if the caller has it.
    fn push_value(&mut self, v: &str, kind: Kind, line: u64, hash: Option<u64>) -> Seen {
        self.types.add(&kind);
        let fam = match kind {
            Kind::Integer(_) | Kind::BigInteger(_) | Kind::Float { .. } => Family::Numeric,
            Kind::Boolean => Family::Boolean,
            Kind::Date | Kind::DateTime => Family::Temporal,
            _ => Family::String,
        };
        if let Some(ev) = self.ev_family.get_mut(fam as usize) {
            push_evidence(ev, self.limit, line, || clip(v));
        }
        if matches!(kind, Kind::Date | Kind::DateTime) {
            self.dates.push(v, line, self.limit);
        }
        let x = match kind {
            Kind::Integer(i) => Some(i as f64),
            Kind::BigInteger(value) => {
                self.inexact_integers += 1;
                if !value.is_finite() {
                    self.overflow += 1;
                }
                value.is_finite().then_some(value)
            }
            Kind::Float { value, overflow } => {
                if overflow {
                    self.overflow += 1;
                }
                value.is_finite().then_some(value)
            }
            _ => None,
        };
        match (kind, x) {
            // Beyond 2^53 neighbouring integers share a double: counted by their text instead.
            (Kind::BigInteger(_), _) => {
                let t = integer_text(v);
                self.queue_key(Frequency::key_of(&t, None));
            }
            (_, Some(x)) => self.queue(Pending::Num(x)),
            (_, None) => self.queue_key(Frequency::key_of(v, hash)),
        }
        if let Some(x) = x {
            self.moments.push(x);
            self.quantiles.push(x);
            self.extremes.push(x, line, v);
            if x <= 0.0 {
                if x == 0.0 {
                    self.zeros += 1;
                } else {
                    self.negatives += 1;
                }
                push_evidence(&mut self.ev_nonpositive, self.limit.max(NONPOSITIVE_KEPT), line, || clip(v));
            }
        }
        self.lengths.push(if v.is_ascii() { v.len() as u64 } else { v.chars().count() as u64 });
        Seen { missing: false, num: x }
    }

    /// Records in which the column appeared.
    pub fn present_rows(&self) -> u64 {
        self.present
    }

    /// Values that are neither missing nor absent.
    pub fn non_missing(&self) -> u64 {
        self.present - self.missing
    }

    /// Bytes held by the growable accumulators.
    pub fn heap_bytes(&self) -> usize {
        self.quantiles.heap_bytes()
            + self.freq.heap_bytes()
            + self.pending.capacity() * std::mem::size_of::<Pending>()
            + self.pending_keys.capacity()
    }

    /// Whether [`shrink`](Self::shrink) can free anything.
    pub fn can_shrink(&self) -> bool {
        (self.quantiles.is_exact() && self.quantiles.heap_bytes() > 0) || self.freq.is_exact()
    }

    /// Moves the larger exact accumulator to its sketch.
    pub fn shrink(&mut self) {
        let q = if self.quantiles.is_exact() { self.quantiles.heap_bytes() } else { 0 };
        let f = if self.freq.is_exact() { self.freq.heap_bytes() } else { 0 };
        if q >= f && q > 0 {
            self.quantiles.to_sketch();
        } else {
            self.freq.to_sketch();
        }
    }
}

fn merge_evidence(a: &mut Vec<Evidence>, b: Vec<Evidence>, limit: usize) {
    a.extend(b);
    a.sort_by_key(|e| e.line);
    a.truncate(limit);
}

impl Merge for Column {
    fn merge(&mut self, mut o: Column) {
        self.flush();
        o.flush();
        if self.present == 0 {
            self.first_line = o.first_line;
        }
        if self.first_absent == 0 {
            self.first_absent = o.first_absent;
        }
        self.present += o.present;
        self.missing += o.missing;
        for (k, c) in o.missing_tokens {
            *self.missing_tokens.entry(k).or_insert(0) += c;
        }
        self.types.merge(o.types);
        self.overflow += o.overflow;
        self.inexact_integers += o.inexact_integers;
        self.moments.merge(o.moments);
        self.quantiles.merge(o.quantiles);
        self.freq.merge(o.freq);
        self.lengths.merge(o.lengths);
        self.zeros += o.zeros;
        self.negatives += o.negatives;
        merge_evidence(&mut self.ev_nonpositive, o.ev_nonpositive, self.limit.max(NONPOSITIVE_KEPT));
        self.dates.merge(o.dates, self.limit);
        self.whitespace += o.whitespace;
        self.array_lengths |= o.array_lengths;
        merge_evidence(&mut self.ev_missing, o.ev_missing, self.limit);
        merge_evidence(&mut self.ev_whitespace, o.ev_whitespace, self.limit);
        for (a, b) in self.ev_family.iter_mut().zip(o.ev_family) {
            merge_evidence(a, b, self.limit);
        }
        self.extremes.merge(o.extremes);
    }
}

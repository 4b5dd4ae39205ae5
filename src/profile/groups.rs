//! Group accumulators for the fairness analysis: contingency tables of sensitive columns against
//! the label, their intersections, proxies, and missingness by group. One pass, bounded memory.
//!
//! Memory: per sensitive column at most [`MAX_GROUPS`] groups (the first distinct values seen;
//! later ones are pooled as `(other)`) × (label classes ≤ [`MAX_CLASSES`] + 2) counters, a
//! missing-count per (group, column), and per proxy candidate (the first [`MAX_PROXY_COLUMNS`]
//! other columns) a table of ≤ [`MAX_PROXY_VALUES`] values × groups plus moments per group.
//! Intersections: ≤ MAX_GROUPS² joint groups per pair of sensitive columns.
//!
//! Numeric sensitive columns named like an age are bucketed into [`AGE_BINS`]; other values
//! are taken as they are written (trimmed).
//!
//! The label's class of each row comes from the profile's one label accumulator
//! ([`super::labels::LabelClasses`]): its first [`MAX_CLASSES`] slots are compared, the rest
//! pooled.

use super::moments::Moments;
use super::table::{Index, Table};
use crate::roles::{age_bin, is_age, MAX_LABEL_CLASSES};
use std::collections::HashMap;

pub use super::table::OTHER;
pub use crate::roles::AGE_BINS;

/// Groups kept per sensitive column before pooling the rest as "(other)".
pub const MAX_GROUPS: usize = 50;
/// Label classes compared before pooling the rest as "(other)".
pub const MAX_CLASSES: usize = MAX_LABEL_CLASSES;
/// Other columns examined as possible proxies of each sensitive column.
pub const MAX_PROXY_COLUMNS: usize = 100;
/// Values of a proxy candidate kept before pooling the rest.
pub const MAX_PROXY_VALUES: usize = 30;
/// What one row holds in a column, as the bias accumulators need it.
#[derive(Clone, Copy, Debug, serde::Serialize, serde::Deserialize)]
pub struct View<'a> {
    pub missing: bool,
    pub text: &'a str,
    pub num: Option<f64>,
    /// xxh3 of `text` ([`super::frequency::hash_str`]), when the caller has it.
    pub hash: Option<u64>,
}

/// One sensitive column.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SensitiveAcc {
    pub column: usize,
    pub name: String,
    pub binned: bool,
    pub groups: Index,
    /// Rows per group; groups × (classes + 1), the last column counting rows with no label.
    pub by_class: Table,
    /// Numeric label per group.
    pub label_moments: Vec<Moments>,
    /// groups × columns: missing values per group.
    pub missing: Table,
    /// groups × columns: first line where the column is missing in the group.
    pub missing_first: Table,
    /// First line of each group.
    pub first_line: Vec<u64>,
    /// Rows where the sensitive value itself is missing.
    pub unknown: u64,
}

/// A proxy candidate against one sensitive column.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ProxyAcc {
    pub column: usize,
    pub sensitive: usize,
    pub values: Index,
    /// values × groups.
    pub table: Table,
    /// The candidate's numeric values per group.
    pub moments: Vec<Moments>,
    /// First line of each value slot.
    pub first_line: Vec<u64>,
}

/// Two sensitive columns together.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct PairAcc {
    pub a: usize,
    pub b: usize,
    /// (group of a, group of b) → counts per class (+ no label).
    pub joint: HashMap<(usize, usize), Vec<u64>>,
    pub label_moments: HashMap<(usize, usize), Moments>,
    /// First line of each joint group.
    pub first_line: HashMap<(usize, usize), u64>,
}

/// All group accumulators of a profile: present when a sensitive column is in play.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Groups {
    pub label: Option<usize>,
    pub sensitive: Vec<SensitiveAcc>,
    pub proxies: Vec<ProxyAcc>,
    pub pairs: Vec<PairAcc>,
    pub ncols: usize,
    /// The row's group per sensitive column (a buffer reused by every row).
    row_groups: Vec<Option<usize>>,
}

impl Groups {
    /// Accumulators for these roles over `ncols` columns (`names` by index).
    pub fn new(label: Option<usize>, sensitive: &[usize], names: &[String]) -> Groups {
        let ncols = names.len();
        let groups_len = MAX_GROUPS + 1;
        let sens: Vec<SensitiveAcc> = sensitive
            .iter()
            .map(|&c| {
                let name = names.get(c).cloned().unwrap_or_default();
                SensitiveAcc {
                    column: c,
                    binned: is_age(&name),
                    name,
                    groups: Index::new(MAX_GROUPS),
                    by_class: Table::new(groups_len, MAX_CLASSES + 2),
                    label_moments: vec![Moments::default(); groups_len],
                    missing: Table::new(groups_len, ncols),
                    missing_first: Table::new(groups_len, ncols),
                    first_line: vec![0; groups_len],
                    unknown: 0,
                }
            })
            .collect();
        let mut proxies = Vec::new();
        for si in 0..sensitive.len() {
            let candidates = (0..ncols).filter(|c| !sensitive.contains(c) && Some(*c) != label);
            for c in candidates.take(MAX_PROXY_COLUMNS) {
                proxies.push(ProxyAcc {
                    column: c,
                    sensitive: si,
                    values: Index::new(MAX_PROXY_VALUES),
                    table: Table::new(MAX_PROXY_VALUES + 1, groups_len),
                    moments: vec![Moments::default(); groups_len],
                    first_line: vec![0; MAX_PROXY_VALUES + 1],
                });
            }
        }
        let mut pairs = Vec::new();
        for a in 0..sens.len() {
            for b in a + 1..sens.len() {
                pairs.push(PairAcc {
                    a,
                    b,
                    joint: HashMap::new(),
                    label_moments: HashMap::new(),
                    first_line: HashMap::new(),
                });
            }
        }
        Groups { label, sensitive: sens, proxies, pairs, ncols, row_groups: Vec::new() }
    }

    /// The first-seen indexes: each sensitive column's groups, then each proxy's values.
    pub fn indexes(&self) -> Vec<&Index> {
        self.sensitive.iter().map(|s| &s.groups).chain(self.proxies.iter().map(|p| &p.values)).collect()
    }

    /// Goes on with a first byte range's indexes ([`Groups::indexes`], same roles and columns).
    pub fn prime(&mut self, from: &[Index]) {
        let mine =
            self.sensitive.iter_mut().map(|s| &mut s.groups).chain(self.proxies.iter_mut().map(|p| &mut p.values));
        for (to, from) in mine.zip(from) {
            to.prime(from);
        }
    }

    fn group_of(s: &mut SensitiveAcc, v: &View<'_>) -> Option<usize> {
        if v.missing {
            return None;
        }
        Some(match (s.binned, v.num) {
            (true, Some(x)) => s.groups.slot(age_bin(x)),
            _ => match v.hash {
                Some(h) => s.groups.slot_hashed(v.text, h),
                None => s.groups.slot(v.text),
            },
        })
    }

    /// One row, by column index, with the label's class slot from
    /// [`super::labels::LabelClasses::push`] (None: the row has no label).
    pub fn push(&mut self, row: &[View<'_>], class: Option<usize>, line: u64) {
        let label = self.label.and_then(|l| row.get(l));
        // The class slot: the first MAX_CLASSES classes their own, later ones pooled, and
        // MAX_CLASSES + 1 for rows without a label.
        let class = class.map_or(MAX_CLASSES + 1, |c| c.min(MAX_CLASSES));
        let label_num = label.filter(|v| !v.missing).and_then(|v| v.num);
        let mut groups = std::mem::take(&mut self.row_groups);
        groups.clear();
        for s in &mut self.sensitive {
            let g = row.get(s.column).and_then(|v| Groups::group_of(s, v));
            match g {
                Some(g) => {
                    s.by_class.add(g, class, 1);
                    if let Some(f) = s.first_line.get_mut(g) {
                        if *f == 0 {
                            *f = line;
                        }
                    }
                    if let (Some(x), Some(m)) = (label_num, s.label_moments.get_mut(g)) {
                        m.push(x);
                    }
                    for (c, v) in row.iter().enumerate().take(self.ncols) {
                        if v.missing {
                            s.missing.add(g, c, 1);
                            s.missing_first.first(g, c, line);
                        }
                    }
                }
                None => s.unknown += 1,
            }
            groups.push(g);
        }
        for p in &mut self.proxies {
            let (Some(Some(g)), Some(v)) = (groups.get(p.sensitive), row.get(p.column)) else { continue };
            if v.missing {
                continue;
            }
            let slot = match v.hash {
                Some(h) => p.values.slot_hashed(v.text, h),
                None => p.values.slot(v.text),
            };
            p.table.add(slot, *g, 1);
            if let Some(f) = p.first_line.get_mut(slot) {
                if *f == 0 {
                    *f = line;
                }
            }
            if let (Some(x), Some(m)) = (v.num, p.moments.get_mut(*g)) {
                m.push(x);
            }
        }
        for pair in &mut self.pairs {
            let (Some(Some(a)), Some(Some(b))) = (groups.get(pair.a), groups.get(pair.b)) else { continue };
            pair.first_line.entry((*a, *b)).or_insert(line);
            let counts = pair.joint.entry((*a, *b)).or_insert_with(|| vec![0; MAX_CLASSES + 2]);
            if let Some(c) = counts.get_mut(class) {
                *c += 1;
            }
            if let Some(x) = label_num {
                pair.label_moments.entry((*a, *b)).or_default().push(x);
            }
        }
        self.row_groups = groups;
    }
}

/// Re-keys a table's rows from one index's slots to another's, by name.
fn remap(from: &Index, to: &mut Index) -> Vec<usize> {
    (0..from.len()).map(|i| if i < from.names.len() { to.slot(from.name(i)) } else { to.len() - 1 }).collect()
}

impl Groups {
    /// Merges the accumulators of the input that follows. Both sides must have the same roles;
    /// `classes` maps the other side's label class slots to this side's (from
    /// [`super::labels::LabelClasses::merge_mapped`]).
    pub fn merge_mapped(&mut self, o: Groups, classes: &[usize]) {
        use super::merge::Merge as _;
        let class_of = |c: usize| {
            if c == MAX_CLASSES + 1 {
                c
            } else if c < MAX_CLASSES {
                classes.get(c).copied().unwrap_or(MAX_CLASSES).min(MAX_CLASSES)
            } else {
                MAX_CLASSES
            }
        };
        let mut group_maps = Vec::new();
        for (s, os) in self.sensitive.iter_mut().zip(o.sensitive) {
            let gm = remap(&os.groups, &mut s.groups);
            for g in 0..os.by_class.rows {
                let mg = gm.get(g).copied().unwrap_or(MAX_GROUPS);
                for c in 0..os.by_class.cols {
                    s.by_class.add(mg, class_of(c), os.by_class.get(g, c));
                }
                for c in 0..os.missing.cols {
                    s.missing.add(mg, c, os.missing.get(g, c));
                    let f = os.missing_first.get(g, c);
                    if f > 0 {
                        s.missing_first.first(mg, c, f);
                    }
                }
                if let (Some(mine), Some(&f)) = (s.first_line.get_mut(mg), os.first_line.get(g)) {
                    if f > 0 && (*mine == 0 || f < *mine) {
                        *mine = f;
                    }
                }
                if let (Some(m), Some(om)) = (s.label_moments.get_mut(mg), os.label_moments.get(g)) {
                    m.merge(om.clone());
                }
            }
            s.unknown += os.unknown;
            group_maps.push(gm);
        }
        for (p, op) in self.proxies.iter_mut().zip(o.proxies) {
            let vm = remap(&op.values, &mut p.values);
            for (v, &f) in op.first_line.iter().enumerate() {
                if let Some(mine) = p.first_line.get_mut(vm.get(v).copied().unwrap_or(MAX_PROXY_VALUES)) {
                    if f > 0 && (*mine == 0 || f < *mine) {
                        *mine = f;
                    }
                }
            }
            let Some(gm) = group_maps.get(p.sensitive) else { continue };
            for v in 0..op.table.rows {
                for g in 0..op.table.cols {
                    p.table.add(
                        vm.get(v).copied().unwrap_or(MAX_PROXY_VALUES),
                        gm.get(g).copied().unwrap_or(MAX_GROUPS),
                        op.table.get(v, g),
                    );
                }
            }
            for (g, m) in op.moments.into_iter().enumerate() {
                if let Some(mine) = p.moments.get_mut(gm.get(g).copied().unwrap_or(MAX_GROUPS)) {
                    mine.merge(m);
                }
            }
        }
        for (pair, op) in self.pairs.iter_mut().zip(o.pairs) {
            let (Some(ga), Some(gb)) = (group_maps.get(pair.a), group_maps.get(pair.b)) else { continue };
            let key = |(a, b): (usize, usize)| {
                (ga.get(a).copied().unwrap_or(MAX_GROUPS), gb.get(b).copied().unwrap_or(MAX_GROUPS))
            };
            for (k, counts) in op.joint {
                let mine = pair.joint.entry(key(k)).or_insert_with(|| vec![0; MAX_CLASSES + 2]);
                for (c, n) in counts.into_iter().enumerate() {
                    if let Some(x) = mine.get_mut(class_of(c)) {
                        *x += n;
                    }
                }
            }
            for (k, m) in op.label_moments {
                pair.label_moments.entry(key(k)).or_default().merge(m);
            }
            for (k, l) in op.first_line {
                let e = pair.first_line.entry(key(k)).or_insert(l);
                *e = (*e).min(l);
            }
        }
    }
}

impl Groups {
    /// Whether any sensitive column is in play.
    pub fn active(&self) -> bool {
        !self.sensitive.is_empty()
    }
}

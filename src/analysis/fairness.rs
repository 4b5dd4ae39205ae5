//! Fairness: turns the group accumulators into the report's `roles`, `representation`, `bias`,
//! `intersections`, `proxies` and `missingness` tables. Pure functions of the profile; whether a
//! table is worth a finding is each check's decision (see `checks/label_disparity.rs`, which
//! fills [`Disparity::judgement`] and [`Disparity::reference_line`] with the threshold in force).

use super::stats::{chi_square, correlation_ratio, cramers_v_corrected, smd};
use crate::finding::Comparison;
use crate::profile::groups::{Groups, PairAcc, SensitiveAcc, AGE_BINS, MAX_CLASSES, OTHER};
use crate::profile::moments::Moments;
use crate::profile::table::Table;
use crate::profile::types::Family;
use crate::profile::Profile;
use crate::roles::{ClassCount, Roles};
use serde::Serialize;

/// Groups smaller than this are listed but not judged.
pub const MIN_GROUP: u64 = 30;
/// Rows (with both values present) a proxy association needs before it is computed.
pub const MIN_PROXY_ROWS: u64 = 100;
/// A numeric proxy candidate needs more distinct values than this (else it is a category).
const NUMERIC_PROXY_DISTINCT: u64 = 10;

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct GroupShare {
    pub value: String,
    pub count: u64,
    pub share: f64,
    pub too_small: bool,
    #[serde(skip)]
    pub first_line: u64,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Representation {
    pub sensitive: String,
    pub groups: Vec<GroupShare>,
    /// Rows where the sensitive value is missing.
    pub unknown: u64,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct GroupRate {
    pub value: String,
    pub count: u64,
    pub share: f64,
    /// Share of the group's labelled rows with the outcome (categorical label).
    pub rate: Option<f64>,
    /// Mean label (numeric label).
    pub mean: Option<f64>,
    pub too_small: bool,
    #[serde(skip)]
    pub first_line: u64,
}

impl GroupRate {
    /// The figure compared across groups: the rate, or the mean for a numeric label.
    pub fn figure(&self) -> Option<f64> {
        self.rate.or(self.mean)
    }
}

/// One condition of a firing rule, with its figure and threshold: data the page draws.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Reason {
    /// What is tested: `judged_groups`, `impact_ratio`, `p_value`, `cramers_v`, `smd`,
    /// `worse_than_columns` (an intersection against each of its columns alone).
    pub test: &'static str,
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Comparison>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    /// Whether the condition holds.
    pub holds: bool,
}

/// Whether a disparity is reported, and why: it fires when every reason holds.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Judgement {
    pub fires: bool,
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Disparity {
    pub sensitive: Vec<String>,
    pub label: String,
    /// The class whose rate is compared (categorical label); None for a numeric label.
    pub outcome: Option<String>,
    pub groups: Vec<GroupRate>,
    /// Largest minus smallest rate (or mean) among groups large enough to judge.
    pub parity_difference: Option<f64>,
    /// Smallest over largest rate among groups large enough to judge (four-fifths rule: < 0.8);
    /// None for a numeric label.
    pub impact_ratio: Option<f64>,
    /// Chi-square test of independence of group and outcome (the outcome class against the
    /// rest), over the groups large enough to judge.
    pub chi2: Option<f64>,
    pub dof: Option<u64>,
    pub p_value: Option<f64>,
    pub cramers_v: Option<f64>,
    /// Numeric label: the correlation ratio of the label over the groups.
    pub correlation_ratio: Option<f64>,
    /// Numeric label: standardised mean difference between the extreme groups.
    pub smd: Option<f64>,
    /// The judged group with the lowest rate (or mean), and the one with the highest.
    pub lowest: Option<String>,
    pub highest: Option<String>,
    /// The impact-ratio line: the threshold in force × the highest rate (a group below it fails
    /// the four-fifths rule). Set by the check with the threshold in force.
    pub reference_line: Option<f64>,
    /// The check's verdict on this disparity, with its reasons.
    pub judgement: Option<Judgement>,
}

/// The counts a disparity is built from.
struct GroupCounts<'a> {
    names: &'a [String],
    /// Per group: rows per class slot (+ pooled + no label).
    counts: &'a [Vec<u64>],
    first_lines: &'a [u64],
}

impl Disparity {
    /// A categorical label's outcome rate by group, with the outcome-vs-rest chi-square.
    fn rates(sensitive: Vec<String>, label: &str, outcome: (usize, Option<String>), g: &GroupCounts<'_>) -> Disparity {
        let labelled: Vec<Vec<u64>> =
            g.counts.iter().map(|r| r.iter().take(MAX_CLASSES + 1).copied().collect()).collect();
        let chi = outcome_chi(&labelled, outcome.0);
        let (groups, diff, ratio) = group_rates(g, Some(outcome.0), None);
        Disparity {
            sensitive,
            label: label.to_string(),
            outcome: outcome.1,
            parity_difference: diff,
            impact_ratio: ratio,
            chi2: chi.map(|c| c.0),
            dof: chi.map(|c| c.1),
            p_value: chi.map(|c| c.2),
            cramers_v: chi.map(|c| c.3),
            correlation_ratio: None,
            smd: None,
            ..Disparity::empty(groups)
        }
    }

    /// A numeric label's mean by group, with the correlation ratio and the standardised mean
    /// difference.
    fn means(sensitive: Vec<String>, label: &str, g: &GroupCounts<'_>, moments: &[Option<Moments>]) -> Disparity {
        let (groups, diff, _) = group_rates(g, None, Some(moments));
        let present: Vec<Moments> = moments.iter().flatten().filter(|m| m.count() > 0).cloned().collect();
        let refs: Vec<&Moments> = present.iter().collect();
        Disparity {
            sensitive,
            label: label.to_string(),
            outcome: None,
            parity_difference: diff,
            impact_ratio: None,
            correlation_ratio: correlation_ratio(&present),
            smd: smd(&refs, MIN_GROUP),
            ..Disparity::empty(groups)
        }
    }

    fn empty(groups: Vec<GroupRate>) -> Disparity {
        Disparity {
            sensitive: Vec::new(),
            label: String::new(),
            outcome: None,
            lowest: None,
            highest: None,
            groups,
            parity_difference: None,
            impact_ratio: None,
            chi2: None,
            dof: None,
            p_value: None,
            cramers_v: None,
            correlation_ratio: None,
            smd: None,
            reference_line: None,
            judgement: None,
        }
    }

    /// Sets the lowest and highest judged groups, once the groups are in their final order (of
    /// equal figures, the first is the lowest and the last the highest).
    fn with_extremes(mut self) -> Disparity {
        let judged = self.groups.iter().filter(|g| !g.too_small);
        let lo = judged.clone().min_by(|a, b| cmp_figure(a, b));
        let hi = judged.max_by(|a, b| cmp_figure(a, b));
        self.lowest = lo.map(|g| g.value.clone());
        self.highest = hi.map(|g| g.value.clone());
        self
    }

    /// A group by its value.
    pub fn group(&self, value: &str) -> Option<&GroupRate> {
        self.groups.iter().find(|g| g.value == value)
    }
}

fn cmp_figure(a: &GroupRate, b: &GroupRate) -> std::cmp::Ordering {
    a.figure().unwrap_or(0.0).total_cmp(&b.figure().unwrap_or(0.0))
}

/// What a proxy's evidence rows are made of (the check writes the sentences).
#[derive(Clone, Debug, PartialEq)]
pub enum ProxyEvidence {
    /// A categorical column: the rows with `value`, and the share of them in their most common
    /// sensitive group.
    Value { line: u64, value: String, rows: u64, group: String, share: f64 },
    /// A numeric column: its mean in one sensitive group.
    Mean { line: u64, group: String, mean: f64 },
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Proxy {
    pub column: String,
    pub sensitive: String,
    /// "cramers_v_corrected" (categorical column; Bergsma's bias-corrected Cramér's V) or
    /// "correlation_ratio" (numeric column).
    pub measure: &'static str,
    pub value: f64,
    /// Per value (categorical, most rows first) or per group (numeric), for evidence.
    #[serde(skip)]
    pub evidence: Vec<ProxyEvidence>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct GroupMissing {
    pub value: String,
    pub count: u64,
    pub missing: u64,
    pub rate: f64,
    #[serde(skip)]
    pub first_missing_line: u64,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Missingness {
    pub column: String,
    pub sensitive: String,
    pub groups: Vec<GroupMissing>,
    /// Largest minus smallest missing rate among groups large enough to judge.
    pub difference: f64,
    /// Largest over smallest missing rate; None when the smallest is 0 (infinitely many times).
    pub ratio: Option<f64>,
    /// Chi-square test of independence of group and missingness (groups of 30+ rows).
    pub p_value: Option<f64>,
}

#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct BiasReport {
    pub roles: Roles,
    pub representation: Vec<Representation>,
    pub bias: Vec<Disparity>,
    pub intersections: Vec<Disparity>,
    pub proxies: Vec<Proxy>,
    pub missingness: Vec<Missingness>,
}

/// The outcome-vs-rest chi-square over the groups with at least [`MIN_GROUP`] labelled rows,
/// so that the test covers exactly the groups the impact ratio compares.
fn outcome_chi(labelled: &[Vec<u64>], o: usize) -> Option<(f64, u64, f64, f64)> {
    let table: Vec<Vec<u64>> = labelled
        .iter()
        .filter(|r| r.iter().sum::<u64>() >= MIN_GROUP)
        .map(|r| {
            let yes = r.get(o).copied().unwrap_or(0);
            vec![yes, r.iter().sum::<u64>() - yes]
        })
        .collect();
    chi_square(&table)
}

/// Each group's rate (or mean), and the difference and ratio between the extreme judged groups.
fn group_rates(
    g: &GroupCounts<'_>,
    outcome: Option<usize>,
    means: Option<&[Option<Moments>]>,
) -> (Vec<GroupRate>, Option<f64>, Option<f64>) {
    let total: u64 = g.counts.iter().map(|r| r.iter().sum::<u64>()).sum();
    let mut groups = Vec::new();
    for (i, row) in g.counts.iter().enumerate() {
        let count: u64 = row.iter().sum();
        if count == 0 {
            continue;
        }
        let labelled: u64 = row.iter().take(MAX_CLASSES + 1).sum();
        let rate =
            outcome.and_then(|o| (labelled > 0).then(|| row.get(o).copied().unwrap_or(0) as f64 / labelled as f64));
        let mean = means.and_then(|m| m.get(i)).and_then(|m| m.as_ref()).and_then(Moments::mean);
        groups.push(GroupRate {
            value: g.names.get(i).cloned().unwrap_or_else(|| OTHER.into()),
            count,
            share: count as f64 / total.max(1) as f64,
            rate,
            mean,
            too_small: labelled < MIN_GROUP,
            first_line: g.first_lines.get(i).copied().unwrap_or(0),
        });
    }
    let judged: Vec<f64> = groups.iter().filter(|g| !g.too_small).filter_map(GroupRate::figure).collect();
    if judged.len() < 2 {
        return (groups, None, None);
    }
    let max = judged.iter().copied().fold(f64::MIN, f64::max);
    let min = judged.iter().copied().fold(f64::MAX, f64::min);
    let ratio = if max > 0.0 { Some(min / max) } else { None };
    (groups, Some(max - min), ratio)
}

fn table_rows(t: &Table, groups: usize, cols: usize) -> Vec<Vec<u64>> {
    (0..groups).map(|g| (0..cols).map(|c| t.get(g, c)).collect()).collect()
}

/// Age bins in their natural order; other groups by size.
fn order_groups(g: &mut [GroupRate], binned: bool) {
    if binned {
        let order = |v: &str| AGE_BINS.iter().position(|(_, l)| *l == v).unwrap_or(usize::MAX);
        g.sort_by_key(|x| order(&x.value));
    } else {
        g.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    }
}

/// What the label is, as the analysis sees it.
struct Label {
    name: String,
    numeric: bool,
    /// Class slots whose rates are compared.
    outcomes: Vec<usize>,
    class_names: Vec<String>,
}

/// The label's nature and the outcomes to compare: the one asked for; for two classes the
/// rarer; otherwise each class in turn.
fn label_of(p: &Profile, g: &Groups, outcome: Option<&str>) -> Option<Label> {
    let col = g.label.and_then(|l| p.columns.get(l))?;
    let classes = p.label_classes.as_ref()?;
    // A numeric label: mostly numbers, with more distinct values than classes are compared.
    let numeric = col.types.dominant() == Some(Family::Numeric) && col.freq.distinct() > MAX_CLASSES as u64;
    let class_names: Vec<String> = (0..=MAX_CLASSES).map(|i| classes.index.name(i).to_string()).collect();
    let class_totals: Vec<u64> = (0..=MAX_CLASSES)
        .map(|c| g.sensitive.first().map_or(0, |s| (0..s.by_class.rows).map(|r| s.by_class.get(r, c)).sum()))
        .collect();
    let named = classes.index.names.len().min(MAX_CLASSES);
    let present: Vec<usize> = (0..named).filter(|&c| class_totals.get(c).copied().unwrap_or(0) > 0).collect();
    let outcomes = if numeric {
        Vec::new()
    } else if let Some(o) = outcome.and_then(|o| classes.index.get(o)).filter(|&o| o < MAX_CLASSES) {
        vec![o]
    } else if present.len() == 2 {
        let key = |&c: &usize| (class_totals.get(c).copied().unwrap_or(0), std::cmp::Reverse(c));
        present.iter().copied().min_by_key(key).into_iter().collect()
    } else {
        present
    };
    Some(Label { name: col.name.clone(), numeric, outcomes, class_names })
}

/// The label role's data-derived fields: numeric or not, and its classes.
fn describe_label(roles: &mut Roles, p: &Profile) {
    let Some(role) = roles.label.as_mut() else { return };
    let Some(col) = p.column(&role.name) else { return };
    let numeric = col.types.dominant() == Some(Family::Numeric) && col.freq.distinct() > MAX_CLASSES as u64;
    role.numeric = Some(numeric);
    if let (false, Some(lc)) = (numeric, p.label_classes.as_ref()) {
        if !lc.overflow {
            let mut classes: Vec<ClassCount> =
                lc.classes().map(|(v, n, _)| ClassCount { value: v.to_string(), count: n }).collect();
            classes.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            classes.truncate(MAX_CLASSES);
            role.classes = Some(classes);
        }
    }
}

/// The fairness analysis of a profile (empty tables when no sensitive column is in play).
pub fn analyze(p: &Profile, outcome: Option<&str>) -> BiasReport {
    let mut out = BiasReport { roles: p.roles.clone(), ..BiasReport::default() };
    describe_label(&mut out.roles, p);
    let Some(g) = p.groups.as_ref() else { return out };
    let label = label_of(p, g, outcome);
    for s in &g.sensitive {
        out.representation.push(representation(s));
        if let Some(l) = &label {
            out.bias.extend(disparities(s, l));
        }
        out.missingness.extend(missingness(p, s));
    }
    out.missingness.sort_by(|a, b| b.difference.total_cmp(&a.difference));
    out.proxies = proxies(p, g);
    if let Some(l) = &label {
        for pair in &g.pairs {
            out.intersections.extend(intersection(g, pair, l));
        }
    }
    out
}

fn group_names(s: &SensitiveAcc) -> Vec<String> {
    (0..=s.groups.names.len()).map(|g| s.groups.name(g).to_string()).collect()
}

fn representation(s: &SensitiveAcc) -> Representation {
    let names = group_names(s);
    let counts = table_rows(&s.by_class, names.len(), MAX_CLASSES + 2);
    let total: u64 = counts.iter().map(|r| r.iter().sum::<u64>()).sum();
    let mut shares: Vec<GroupShare> = counts
        .iter()
        .enumerate()
        .filter_map(|(g, r)| {
            let count: u64 = r.iter().sum();
            (count > 0).then(|| GroupShare {
                value: names.get(g).cloned().unwrap_or_default(),
                count,
                share: count as f64 / total.max(1) as f64,
                too_small: count < MIN_GROUP,
                first_line: s.first_line.get(g).copied().unwrap_or(0),
            })
        })
        .collect();
    if s.binned {
        // Age bins in their natural order, not order of appearance.
        let order = |v: &str| AGE_BINS.iter().position(|(_, l)| *l == v).unwrap_or(usize::MAX);
        shares.sort_by_key(|g| order(&g.value));
    } else {
        shares.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    }
    Representation { sensitive: s.name.clone(), groups: shares, unknown: s.unknown }
}

fn disparities(s: &SensitiveAcc, l: &Label) -> Vec<Disparity> {
    let names = group_names(s);
    let counts = table_rows(&s.by_class, names.len(), MAX_CLASSES + 2);
    let g = GroupCounts { names: &names, counts: &counts, first_lines: &s.first_line };
    let mut out = Vec::new();
    if l.numeric {
        let moments: Vec<Option<Moments>> =
            s.label_moments.iter().map(|m| (m.count() > 0).then(|| m.clone())).collect();
        let mut d = Disparity::means(vec![s.name.clone()], &l.name, &g, &moments);
        order_groups(&mut d.groups, s.binned);
        out.push(d.with_extremes());
    } else {
        for &o in &l.outcomes {
            let mut d = Disparity::rates(vec![s.name.clone()], &l.name, (o, l.class_names.get(o).cloned()), &g);
            order_groups(&mut d.groups, s.binned);
            out.push(d.with_extremes());
        }
    }
    out
}

fn intersection(g: &Groups, pair: &PairAcc, l: &Label) -> Vec<Disparity> {
    let (Some(sa), Some(sb)) = (g.sensitive.get(pair.a), g.sensitive.get(pair.b)) else { return Vec::new() };
    let mut keys: Vec<&(usize, usize)> = pair.joint.keys().collect();
    keys.sort();
    let names: Vec<String> =
        keys.iter().map(|(a, b)| format!("{} & {}", sa.groups.name(*a), sb.groups.name(*b))).collect();
    let counts: Vec<Vec<u64>> = keys.iter().map(|k| pair.joint.get(k).cloned().unwrap_or_default()).collect();
    let lines: Vec<u64> = keys.iter().map(|k| pair.first_line.get(k).copied().unwrap_or(0)).collect();
    let gc = GroupCounts { names: &names, counts: &counts, first_lines: &lines };
    let sensitive = vec![sa.name.clone(), sb.name.clone()];
    if l.numeric {
        let moments: Vec<Option<Moments>> = keys.iter().map(|k| pair.label_moments.get(k).cloned()).collect();
        vec![Disparity::means(sensitive, &l.name, &gc, &moments).with_extremes()]
    } else {
        l.outcomes
            .iter()
            .map(|&o| {
                Disparity::rates(sensitive.clone(), &l.name, (o, l.class_names.get(o).cloned()), &gc).with_extremes()
            })
            .collect()
    }
}

fn missingness(p: &Profile, s: &SensitiveAcc) -> Vec<Missingness> {
    let names = group_names(s);
    let mut out = Vec::new();
    for (c, col) in p.columns.iter().enumerate() {
        if c == s.column {
            continue;
        }
        let mut gm: Vec<GroupMissing> = (0..names.len())
            .filter_map(|g| {
                let count = s.by_class.row_sum(g);
                (count >= MIN_GROUP).then(|| {
                    let missing = s.missing.get(g, c);
                    GroupMissing {
                        value: names.get(g).cloned().unwrap_or_default(),
                        count,
                        missing,
                        rate: missing as f64 / count as f64,
                        first_missing_line: s.missing_first.get(g, c),
                    }
                })
            })
            .collect();
        if gm.len() < 2 || gm.iter().all(|g| g.missing == 0) {
            continue;
        }
        let hi = gm.iter().map(|g| g.rate).fold(f64::MIN, f64::max);
        let lo = gm.iter().map(|g| g.rate).fold(f64::MAX, f64::min);
        let table: Vec<Vec<u64>> = gm.iter().map(|g| vec![g.missing, g.count - g.missing]).collect();
        let p_value = chi_square(&table).map(|c| c.2);
        gm.sort_by(|a, b| b.rate.total_cmp(&a.rate).then_with(|| a.value.cmp(&b.value)));
        out.push(Missingness {
            column: col.name.clone(),
            sensitive: s.name.clone(),
            groups: gm,
            difference: hi - lo,
            ratio: (lo > 0.0).then(|| hi / lo),
            p_value,
        });
    }
    out
}

fn proxies(p: &Profile, g: &Groups) -> Vec<Proxy> {
    let mut out = Vec::new();
    for px in &g.proxies {
        let (Some(col), Some(s)) = (p.columns.get(px.column), g.sensitive.get(px.sensitive)) else { continue };
        let numeric = col.types.dominant() == Some(Family::Numeric);
        let rows: u64 = px.table.cells.iter().sum();
        if rows < MIN_PROXY_ROWS {
            continue;
        }
        let (measure, value, evidence) = if numeric && col.freq.distinct() > NUMERIC_PROXY_DISTINCT {
            let Some(eta) = correlation_ratio(&px.moments) else { continue };
            let ev = px
                .moments
                .iter()
                .enumerate()
                .filter(|(_, m)| m.count() >= MIN_GROUP)
                .filter_map(|(gi, m)| {
                    Some(ProxyEvidence::Mean {
                        line: s.first_line.get(gi).copied().unwrap_or(0),
                        group: s.groups.name(gi).to_string(),
                        mean: m.mean()?,
                    })
                })
                .collect();
            ("correlation_ratio", eta, ev)
        } else {
            let rows = px.values.names.len() + 1;
            let table: Vec<Vec<u64>> =
                (0..rows).map(|v| (0..px.table.cols).map(|gi| px.table.get(v, gi)).collect()).collect();
            let Some(v) = cramers_v_corrected(&table) else { continue };
            // Evidence: each value's most common group and how concentrated it is there.
            let mut ev: Vec<ProxyEvidence> = table
                .iter()
                .enumerate()
                .filter_map(|(vi, row)| {
                    let n: u64 = row.iter().sum();
                    let (gi, &top) = row.iter().enumerate().max_by_key(|(_, &x)| x)?;
                    (n >= MIN_GROUP).then(|| ProxyEvidence::Value {
                        line: px.first_line.get(vi).copied().unwrap_or(0),
                        value: px.values.name(vi).to_string(),
                        rows: n,
                        group: s.groups.name(gi).to_string(),
                        share: top as f64 / n as f64,
                    })
                })
                .collect();
            ev.sort_by_key(|e| match e {
                ProxyEvidence::Value { rows, .. } => std::cmp::Reverse(*rows),
                ProxyEvidence::Mean { .. } => std::cmp::Reverse(0),
            });
            ("cramers_v_corrected", v, ev)
        };
        out.push(Proxy { column: col.name.clone(), sensitive: s.name.clone(), measure, value, evidence });
    }
    out.sort_by(|a, b| b.value.total_cmp(&a.value).then_with(|| a.column.cmp(&b.column)));
    out
}

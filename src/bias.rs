//! Bias analysis: turns the bias accumulators into the report's `roles`, `representation`,
//! `bias`, `intersections`, `proxies` and `missingness` tables. Pure functions of the profile.
//!
//! Statistics, as scipy computes them: Pearson's chi-square test of independence on the
//! groups × classes table (no continuity correction; empty rows and columns dropped),
//! p-value from the chi-square survival function (statrs), Cramér's V = √(χ² / (n·(min(r,c)−1))),
//! the correlation ratio η = √(SS_between / SS_total), and the standardised mean difference
//! (largest minus smallest group mean, over the pooled within-group standard deviation).

use crate::profile::bias::{Bias, Table, AGE_BINS, MAX_CLASSES, MAX_GROUPS, OTHER};
use crate::profile::moments::Moments;
use crate::profile::Profile;
use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF};

/// Groups smaller than this are listed but not judged.
pub const MIN_GROUP: u64 = 30;
/// Rows (with both values present) a proxy association needs before it is computed.
pub const MIN_PROXY_ROWS: u64 = 100;

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Role {
    pub name: String,
    /// Proposed from the column's name (true) or given by the person (false).
    pub proposed: bool,
    /// For sensitive columns: numeric values bucketed (age bins).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bins: Option<Vec<&'static str>>,
}

#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Roles {
    pub label: Option<Role>,
    pub sensitive: Vec<Role>,
}

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
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Proxy {
    pub column: String,
    pub sensitive: String,
    /// "cramers_v_corrected" (categorical column; Bergsma's bias-corrected Cramér's V) or
    /// "correlation_ratio" (numeric column).
    pub measure: &'static str,
    pub value: f64,
    /// The value most over-represented in one group, and that group (categorical), for evidence.
    #[serde(skip)]
    pub evidence: Vec<(u64, String)>,
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

/// Pearson's chi-square on a table (rows × cols), dropping empty rows and columns:
/// (χ², dof, p, Cramér's V, n).
pub fn chi_square(table: &[Vec<u64>]) -> Option<(f64, u64, f64, f64)> {
    let cols = table.first().map_or(0, Vec::len);
    let rows: Vec<&Vec<u64>> = table.iter().filter(|r| r.iter().any(|&x| x > 0)).collect();
    let keep: Vec<usize> = (0..cols).filter(|&c| rows.iter().any(|r| r.get(c).copied().unwrap_or(0) > 0)).collect();
    let (r, c) = (rows.len(), keep.len());
    if r < 2 || c < 2 {
        return None;
    }
    let row_sums: Vec<f64> =
        rows.iter().map(|row| keep.iter().map(|&j| row.get(j).copied().unwrap_or(0) as f64).sum()).collect();
    let col_sums: Vec<f64> =
        keep.iter().map(|&j| rows.iter().map(|row| row.get(j).copied().unwrap_or(0) as f64).sum()).collect();
    let n: f64 = row_sums.iter().sum();
    let mut chi2 = 0.0;
    for (row, rs) in rows.iter().zip(&row_sums) {
        for (&j, cs) in keep.iter().zip(&col_sums) {
            let expected = rs * cs / n;
            let d = row.get(j).copied().unwrap_or(0) as f64 - expected;
            chi2 += d * d / expected;
        }
    }
    let dof = ((r - 1) * (c - 1)) as u64;
    let p = ChiSquared::new(dof as f64).map(|d| d.sf(chi2)).ok()?;
    let v = (chi2 / (n * (r.min(c) - 1) as f64)).sqrt();
    Some((chi2, dof, p, v))
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

/// Cramér's V with Bergsma's (2013) bias correction, for proxies: the plain V of a sparse table
/// (many values, few rows each) is biased upwards and would call independent columns proxies.
pub fn cramers_v_corrected(table: &[Vec<u64>]) -> Option<f64> {
    let rows: Vec<&Vec<u64>> = table.iter().filter(|r| r.iter().any(|&x| x > 0)).collect();
    let cols = table.first().map_or(0, Vec::len);
    let k = (0..cols).filter(|&c| rows.iter().any(|r| r.get(c).copied().unwrap_or(0) > 0)).count() as f64;
    let r = rows.len() as f64;
    let n: f64 = rows.iter().map(|row| row.iter().sum::<u64>() as f64).sum();
    let (chi2, _, _, _) = chi_square(table)?;
    if n < 2.0 {
        return None;
    }
    let phi2 = (chi2 / n - (k - 1.0) * (r - 1.0) / (n - 1.0)).max(0.0);
    let kc = k - (k - 1.0).powi(2) / (n - 1.0);
    let rc = r - (r - 1.0).powi(2) / (n - 1.0);
    let d = (kc - 1.0).min(rc - 1.0);
    (d > 0.0).then(|| (phi2 / d).sqrt())
}

/// The correlation ratio η of a numeric variable over groups, from per-group moments.
pub fn correlation_ratio(groups: &[Moments]) -> Option<f64> {
    let mut all = Moments::default();
    groups.iter().for_each(|m| crate::profile::Merge::merge(&mut all, m.clone()));
    let n = all.count() as f64;
    let grand = all.mean()?;
    let total = all.std()?.powi(2) * (n - 1.0);
    if total <= 0.0 {
        return None;
    }
    let between: f64 = groups.iter().filter_map(|m| m.mean().map(|mu| m.count() as f64 * (mu - grand).powi(2))).sum();
    Some((between / total).clamp(0.0, 1.0).sqrt())
}

fn rates(
    names: &[String],
    counts: &[Vec<u64>],
    first_lines: &[u64],
    outcome: Option<usize>,
    means: Option<&[Option<(Moments, u64)>]>,
) -> (Vec<GroupRate>, Option<f64>, Option<f64>) {
    let total: u64 = counts.iter().map(|r| r.iter().sum::<u64>()).sum();
    let mut groups = Vec::new();
    for (i, row) in counts.iter().enumerate() {
        let count: u64 = row.iter().sum();
        if count == 0 {
            continue;
        }
        let labelled: u64 = row.iter().take(MAX_CLASSES + 1).sum();
        let rate =
            outcome.and_then(|o| (labelled > 0).then(|| row.get(o).copied().unwrap_or(0) as f64 / labelled as f64));
        let mean = means.and_then(|m| m.get(i)).and_then(|m| m.as_ref()).and_then(|(m, _)| m.mean());
        groups.push(GroupRate {
            value: names.get(i).cloned().unwrap_or_else(|| OTHER.into()),
            count,
            share: count as f64 / total.max(1) as f64,
            rate,
            mean,
            too_small: labelled < MIN_GROUP,
            first_line: first_lines.get(i).copied().unwrap_or(0),
        });
    }
    let judged: Vec<f64> = groups.iter().filter(|g| !g.too_small).filter_map(|g| g.rate.or(g.mean)).collect();
    if judged.len() < 2 {
        return (groups, None, None);
    }
    let max = judged.iter().copied().fold(f64::MIN, f64::max);
    let min = judged.iter().copied().fold(f64::MAX, f64::min);
    let ratio = if max > 0.0 { Some(min / max) } else { None };
    (groups, Some(max - min), ratio)
}

/// Standardised mean difference between the groups with the highest and lowest mean.
fn smd(groups: &[&Moments]) -> Option<f64> {
    let judged: Vec<&&Moments> = groups.iter().filter(|m| m.count() >= MIN_GROUP).collect();
    let hi = judged.iter().max_by(|a, b| a.mean().unwrap_or(0.0).total_cmp(&b.mean().unwrap_or(0.0)))?;
    let lo = judged.iter().min_by(|a, b| a.mean().unwrap_or(0.0).total_cmp(&b.mean().unwrap_or(0.0)))?;
    let dof: f64 = judged.iter().map(|m| m.count() as f64 - 1.0).sum();
    let pooled: f64 =
        judged.iter().map(|m| m.std().unwrap_or(0.0).powi(2) * (m.count() as f64 - 1.0)).sum::<f64>() / dof;
    let (h, l) = (hi.mean()?, lo.mean()?);
    (pooled > 0.0).then(|| (h - l) / pooled.sqrt())
}

fn table_rows(t: &Table, groups: usize, cols: usize) -> Vec<Vec<u64>> {
    (0..groups).map(|g| (0..cols).map(|c| t.get(g, c)).collect()).collect()
}

/// The analysis for a profile (empty when no sensitive column is in play).
pub fn analyze(p: &Profile, outcome_opt: Option<&str>) -> BiasReport {
    let mut out = BiasReport { roles: p.roles.clone(), ..BiasReport::default() };
    let Some(b) = p.bias.as_ref() else { return out };
    let label_name = b.label.and_then(|l| p.columns.get(l)).map(|c| c.name.clone());
    let label_col = b.label.and_then(|l| p.columns.get(l));
    // A numeric label: mostly numbers, with more distinct values than classes are kept.
    let numeric_label = label_col.is_some_and(|c| {
        c.types.dominant() == Some(crate::profile::column::Family::Numeric) && c.freq.distinct() > MAX_CLASSES as u64
    });
    let class_names: Vec<String> = (0..=MAX_CLASSES).map(|i| b.classes.name(i).to_string()).collect();
    let class_totals: Vec<u64> = (0..=MAX_CLASSES)
        .map(|c| b.sensitive.first().map_or(0, |s| (0..s.by_class.rows).map(|g| s.by_class.get(g, c)).sum()))
        .collect();
    // Outcomes: the one asked for; for two classes the rarer; otherwise each class in turn.
    let present: Vec<usize> =
        (0..b.classes.names.len()).filter(|&c| class_totals.get(c).copied().unwrap_or(0) > 0).collect();
    let outcomes: Vec<usize> = if numeric_label || label_name.is_none() {
        Vec::new()
    } else if let Some(o) = outcome_opt.and_then(|o| b.classes.get(o)) {
        vec![o]
    } else if present.len() == 2 {
        let rarer =
            present.iter().copied().min_by_key(|&c| (class_totals.get(c).copied().unwrap_or(0), std::cmp::Reverse(c)));
        rarer.into_iter().collect()
    } else {
        present.clone()
    };

    for s in &b.sensitive {
        let groups = s.groups.names.len() + 1;
        let names: Vec<String> = (0..groups).map(|g| s.groups.name(g).to_string()).collect();
        let counts = table_rows(&s.by_class, groups, MAX_CLASSES + 2);
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
        out.representation.push(Representation { sensitive: s.name.clone(), groups: shares, unknown: s.unknown });

        if let Some(label) = &label_name {
            let labelled: Vec<Vec<u64>> =
                counts.iter().map(|r| r.iter().take(MAX_CLASSES + 1).copied().collect()).collect();
            if numeric_label {
                let means: Vec<Option<(Moments, u64)>> =
                    s.label_moments.iter().map(|m| (m.count() > 0).then(|| (m.clone(), m.count()))).collect();
                let (mut gr, diff, _) = rates(&names, &counts, &s.first_line, None, Some(&means));
                order_groups(&mut gr, s.binned);
                let ms: Vec<&Moments> = s.label_moments.iter().filter(|m| m.count() > 0).collect();
                out.bias.push(Disparity {
                    sensitive: vec![s.name.clone()],
                    label: label.clone(),
                    outcome: None,
                    groups: gr,
                    parity_difference: diff,
                    impact_ratio: None,
                    chi2: None,
                    dof: None,
                    p_value: None,
                    cramers_v: None,
                    correlation_ratio: correlation_ratio(&s.label_moments),
                    smd: smd(&ms),
                });
            } else {
                for &o in &outcomes {
                    let chi = outcome_chi(&labelled, o);
                    let (mut gr, diff, ratio) = rates(&names, &counts, &s.first_line, Some(o), None);
                    order_groups(&mut gr, s.binned);
                    out.bias.push(Disparity {
                        sensitive: vec![s.name.clone()],
                        label: label.clone(),
                        outcome: class_names.get(o).cloned(),
                        groups: gr,
                        parity_difference: diff,
                        impact_ratio: ratio,
                        chi2: chi.map(|c| c.0),
                        dof: chi.map(|c| c.1),
                        p_value: chi.map(|c| c.2),
                        cramers_v: chi.map(|c| c.3),
                        correlation_ratio: None,
                        smd: None,
                    });
                }
            }
        }

        for (c, col) in p.columns.iter().enumerate() {
            if c == s.column {
                continue;
            }
            let mut gm: Vec<GroupMissing> = (0..groups)
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
            out.missingness.push(Missingness {
                column: col.name.clone(),
                sensitive: s.name.clone(),
                groups: gm,
                difference: hi - lo,
                ratio: (lo > 0.0).then(|| hi / lo),
                p_value,
            });
        }
    }
    out.missingness.sort_by(|a, b| b.difference.total_cmp(&a.difference));

    for px in &b.proxies {
        let (Some(col), Some(s)) = (p.columns.get(px.column), b.sensitive.get(px.sensitive)) else { continue };
        let numeric = col.types.dominant() == Some(crate::profile::column::Family::Numeric);
        let rows: u64 = px.table.cells.iter().sum();
        if rows < MIN_PROXY_ROWS {
            continue;
        }
        let (measure, value, evidence) = if numeric && col.freq.distinct() > 10 {
            let Some(eta) = correlation_ratio(&px.moments) else { continue };
            let ev = px
                .moments
                .iter()
                .enumerate()
                .filter(|(_, m)| m.count() >= MIN_GROUP)
                .filter_map(|(g, m)| {
                    Some((
                        s.first_line.get(g).copied().unwrap_or(0),
                        format!("{} = {}: mean {} {:.4}", s.name, s.groups.name(g), col.name, m.mean()?),
                    ))
                })
                .collect();
            ("correlation_ratio", eta, ev)
        } else {
            let rows = px.values.names.len() + 1;
            let table: Vec<Vec<u64>> =
                (0..rows).map(|v| (0..px.table.cols).map(|g| px.table.get(v, g)).collect()).collect();
            let Some(v) = cramers_v_corrected(&table) else { continue };
            // Evidence: each value's most common group and how concentrated it is there.
            let mut ev: Vec<(u64, String, u64)> = table
                .iter()
                .enumerate()
                .filter_map(|(vi, row)| {
                    let n: u64 = row.iter().sum();
                    let (g, &top) = row.iter().enumerate().max_by_key(|(_, &x)| x)?;
                    (n >= MIN_GROUP).then(|| {
                        (
                            px.first_line.get(vi).copied().unwrap_or(0),
                            format!(
                                "{} = {}: {} of {} rows have {} = {}",
                                col.name,
                                px.values.name(vi),
                                crate::checks::pct(top as f64 / n as f64),
                                crate::checks::num(n),
                                s.name,
                                s.groups.name(g)
                            ),
                            n,
                        )
                    })
                })
                .collect();
            ev.sort_by_key(|e| std::cmp::Reverse(e.2));
            ("cramers_v_corrected", v, ev.into_iter().map(|(l, t, _)| (l, t)).collect())
        };
        out.proxies.push(Proxy { column: col.name.clone(), sensitive: s.name.clone(), measure, value, evidence });
    }
    out.proxies.sort_by(|a, b| b.value.total_cmp(&a.value).then_with(|| a.column.cmp(&b.column)));

    if let Some(label) = &label_name {
        for pair in &b.pairs {
            let (Some(sa), Some(sb)) = (b.sensitive.get(pair.a), b.sensitive.get(pair.b)) else { continue };
            let mut keys: Vec<&(usize, usize)> = pair.joint.keys().collect();
            keys.sort();
            let names: Vec<String> =
                keys.iter().map(|(a, bb)| format!("{} & {}", sa.groups.name(*a), sb.groups.name(*bb))).collect();
            let counts: Vec<Vec<u64>> = keys.iter().map(|k| pair.joint.get(k).cloned().unwrap_or_default()).collect();
            let lines: Vec<u64> = keys.iter().map(|k| pair.first_line.get(k).copied().unwrap_or(0)).collect();
            let labelled: Vec<Vec<u64>> =
                counts.iter().map(|r| r.iter().take(MAX_CLASSES + 1).copied().collect()).collect();
            if numeric_label {
                let means: Vec<Option<(Moments, u64)>> =
                    keys.iter().map(|k| pair.label_moments.get(k).map(|m| (m.clone(), m.count()))).collect();
                let (gr, diff, _) = rates(&names, &counts, &lines, None, Some(&means));
                let ms: Vec<&Moments> = keys.iter().filter_map(|k| pair.label_moments.get(k)).collect();
                out.intersections.push(Disparity {
                    sensitive: vec![sa.name.clone(), sb.name.clone()],
                    label: label.clone(),
                    outcome: None,
                    groups: gr,
                    parity_difference: diff,
                    impact_ratio: None,
                    chi2: None,
                    dof: None,
                    p_value: None,
                    cramers_v: None,
                    correlation_ratio: {
                        let m: Vec<Moments> = ms.iter().map(|m| (*m).clone()).collect();
                        correlation_ratio(&m)
                    },
                    smd: smd(&ms),
                });
            } else {
                for &o in &outcomes {
                    let chi = outcome_chi(&labelled, o);
                    let (gr, diff, ratio) = rates(&names, &counts, &lines, Some(o), None);
                    out.intersections.push(Disparity {
                        sensitive: vec![sa.name.clone(), sb.name.clone()],
                        label: label.clone(),
                        outcome: class_names.get(o).cloned(),
                        groups: gr,
                        parity_difference: diff,
                        impact_ratio: ratio,
                        chi2: chi.map(|c| c.0),
                        dof: chi.map(|c| c.1),
                        p_value: chi.map(|c| c.2),
                        cramers_v: chi.map(|c| c.3),
                        correlation_ratio: None,
                        smd: None,
                    });
                }
            }
        }
    }
    let _ = MAX_GROUPS;
    out
}

/// Age bins in order; other groups by size.
fn order_groups(g: &mut [GroupRate], binned: bool) {
    if binned {
        let order = |v: &str| AGE_BINS.iter().position(|(_, l)| *l == v).unwrap_or(usize::MAX);
        g.sort_by_key(|x| order(&x.value));
    } else {
        g.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    }
}

/// Whether a disparity is strong enough to report, given the impact-ratio threshold: the effect
/// (impact ratio below the threshold, Cramér's V at least [`MIN_CRAMERS_V`]) and the evidence
/// (p below [`MAX_P_VALUE`]) must both be there. Numeric labels: |SMD| at least [`MIN_SMD`].
pub fn strong(d: &Disparity, impact_threshold: f64) -> bool {
    match (d.outcome.is_some(), d.impact_ratio, d.p_value, d.cramers_v, d.smd) {
        (true, Some(ir), Some(p), Some(v), _) => ir < impact_threshold && p < MAX_P_VALUE && v >= MIN_CRAMERS_V,
        (false, _, _, _, Some(smd)) => smd.abs() >= MIN_SMD,
        _ => false,
    }
}

/// Evidence needed for a disparity: p-value below this.
pub const MAX_P_VALUE: f64 = 0.001;
/// Effect needed: Cramér's V at least this ("small" by Cohen's convention).
pub const MIN_CRAMERS_V: f64 = 0.1;
/// Effect needed for a numeric label: a "medium" standardised mean difference.
pub const MIN_SMD: f64 = 0.5;

impl Bias {
    /// Whether any sensitive column is in play.
    pub fn active(&self) -> bool {
        !self.sensitive.is_empty()
    }
}

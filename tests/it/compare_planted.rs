//! Planted truths for `datalint compare` on the real UCI Adult file: random half-splits raise
//! nothing above info (the rate over 100 splits is printed, at most 5%); a halved std, a
//! dropped category, 5% copied rows, a broken relationship and a widened disparity each raise
//! their finding (plus `drift` where a marginal moved) and nothing else above info.

use super::rng::Rng;
use datalint::report::compare::CompareReport;
use datalint::{Compare, Options, Severity};
use std::collections::BTreeSet;
use std::path::PathBuf;

struct Adult {
    header: String,
    rows: Vec<Vec<String>>,
}

fn adult() -> Adult {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/adult.csv");
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default().to_string();
    let rows = lines.filter(|l| !l.trim().is_empty()).map(|l| l.split(',').map(String::from).collect()).collect();
    Adult { header, rows }
}

fn col(a: &Adult, name: &str) -> usize {
    a.header.split(',').position(|h| h.trim() == name).unwrap_or_else(|| panic!("no column {name}"))
}

fn csv(a: &Adult, rows: &[&Vec<String>]) -> Vec<u8> {
    let mut out = a.header.clone();
    out.push('\n');
    for r in rows {
        out.push_str(&r.join(","));
        out.push('\n');
    }
    out.into_bytes()
}

pub fn compare(reference: &[u8], candidate: &[u8]) -> CompareReport {
    let mut c = Compare::new(Options::default(), "reference.csv", "candidate.csv").unwrap_or_else(|e| panic!("{e}"));
    for chunk in reference.chunks(1 << 16) {
        c.feed_reference(chunk);
    }
    for chunk in candidate.chunks(1 << 16) {
        c.feed_candidate(chunk);
    }
    c.finish()
}

fn above_info(r: &CompareReport) -> BTreeSet<String> {
    r.findings.iter().filter(|f| f.severity > Severity::Info).map(|f| f.id.to_string()).collect()
}

fn shuffled(a: &Adult, seed: u64) -> Vec<&Vec<String>> {
    let mut rows: Vec<&Vec<String>> = a.rows.iter().collect();
    let mut rng = Rng(seed);
    for i in (1..rows.len()).rev() {
        rows.swap(i, rng.below(i as u64 + 1) as usize);
    }
    rows
}

/// A fixed split (even and odd data rows) the planted changes are applied to.
fn halves(a: &Adult) -> (Vec<&Vec<String>>, Vec<Vec<String>>) {
    let reference = a.rows.iter().step_by(2).collect();
    let candidate = a.rows.iter().skip(1).step_by(2).cloned().collect();
    (reference, candidate)
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

fn show(r: &CompareReport) -> String {
    r.findings.iter().map(|f| format!("{} {} {}", f.severity.name(), f.id, f.title)).collect::<Vec<_>>().join("\n")
}

#[test]
fn random_half_splits_raise_nothing_above_info() {
    let a = adult();
    let splits = 100;
    let mut noisy = Vec::new();
    for seed in 0..splits {
        let rows = shuffled(&a, 1000 + seed);
        let (r, c) = rows.split_at(rows.len() / 2);
        let report = compare(&csv(&a, r), &csv(&a, c));
        let found = above_info(&report);
        if !found.is_empty() {
            noisy.push((seed, found));
        }
    }
    let rate = noisy.len() as f64 / splits as f64;
    println!(
        "random half-splits of adult.csv with a finding above info: {} of {splits} ({:.1}%)",
        noisy.len(),
        rate * 100.0
    );
    for (seed, f) in &noisy {
        println!("  split {seed}: {f:?}");
    }
    assert!(rate <= 0.05, "{} of {splits} random half-splits raised findings: {noisy:?}", noisy.len());
}

#[test]
fn a_halved_std_is_drift_and_tail_collapse() {
    let a = adult();
    let (r, mut c) = halves(&a);
    let age = col(&a, "age");
    let ages: Vec<f64> = c.iter().filter_map(|row| row.get(age)?.trim().parse().ok()).collect();
    let mean = ages.iter().sum::<f64>() / ages.len() as f64;
    for row in &mut c {
        if let Some(v) = row.get_mut(age) {
            let x: f64 = v.trim().parse().unwrap_or(mean);
            *v = format!(" {}", mean + (x - mean) * 0.5);
        }
    }
    let report = compare(&csv(&a, &r), &csv(&a, &c.iter().collect::<Vec<_>>()));
    assert_eq!(above_info(&report), set(&["drift", "tail-collapse"]), "{}", show(&report));
    assert!(report.findings.iter().all(|f| f.severity == Severity::Info || f.columns == ["age"]), "{}", show(&report));
}

#[test]
fn a_dropped_category_is_a_lost_category_with_its_drift() {
    let a = adult();
    let (r, c) = halves(&a);
    let occ = col(&a, "occupation");
    let kept: Vec<&Vec<String>> =
        c.iter().filter(|row| row.get(occ).map(|v| v.trim()) != Some("Craft-repair")).collect();
    let report = compare(&csv(&a, &r), &csv(&a, &kept));
    let found = above_info(&report);
    assert!(found.contains("category-lost"), "{}", show(&report));
    assert!(found.iter().all(|f| f == "category-lost" || f == "drift"), "{}", show(&report));
    let lost = report.findings.iter().find(|f| f.id == "category-lost").map(|f| f.title.clone()).unwrap_or_default();
    assert!(lost.contains("Craft-repair") && lost.contains("occupation"), "{lost}");
}

#[test]
fn five_percent_copied_rows_are_copied_rows() {
    let a = adult();
    let (r, mut c) = halves(&a);
    let n = c.len() / 20;
    let mut rng = Rng(7);
    let mut planted = BTreeSet::new();
    for _ in 0..n {
        let i = rng.below(c.len() as u64) as usize;
        let from = r.get(rng.below(r.len() as u64) as usize).map(|x| (*x).clone()).unwrap_or_default();
        if let Some(slot) = c.get_mut(i) {
            *slot = from;
            planted.insert(i);
        }
    }
    let report = compare(&csv(&a, &r), &csv(&a, &c.iter().collect::<Vec<_>>()));
    assert_eq!(above_info(&report), set(&["copied-rows"]), "{}", show(&report));
    let copies = report.comparison.copies.as_ref().map(|c| c.rate).unwrap_or(0.0);
    let expected = planted.len() as f64 / c.len() as f64;
    assert!((copies - expected).abs() < 0.003, "copy rate {copies} against {expected} planted");
    // Evidence lines are candidate lines of planted rows (line = index + 2).
    let f = report.findings.iter().find(|f| f.id == "copied-rows").map(|f| f.evidence.clone()).unwrap_or_default();
    assert!(!f.is_empty() && f.iter().all(|e| e.value.starts_with("same as reference line")));
}

#[test]
fn a_broken_relationship_is_correlation_not_preserved() {
    let a = adult();
    let (r, mut c) = halves(&a);
    let sex = col(&a, "sex");
    // Shuffle one column across the candidate's rows: its marginal stays, its relationships go.
    let mut values: Vec<String> = c.iter().map(|row| row.get(sex).cloned().unwrap_or_default()).collect();
    let mut rng = Rng(11);
    for i in (1..values.len()).rev() {
        values.swap(i, rng.below(i as u64 + 1) as usize);
    }
    for (row, v) in c.iter_mut().zip(values) {
        if let Some(slot) = row.get_mut(sex) {
            *slot = v;
        }
    }
    let report = compare(&csv(&a, &r), &csv(&a, &c.iter().collect::<Vec<_>>()));
    assert_eq!(above_info(&report), set(&["correlation-not-preserved"]), "{}", show(&report));
    let f = report.findings.iter().find(|f| f.id == "correlation-not-preserved" && f.severity > Severity::Info);
    assert!(f.is_some_and(|f| f.columns.contains(&"sex".to_string())), "{}", show(&report));
}

#[test]
fn a_widened_disparity_is_bias_amplified() {
    let a = adult();
    let (r, mut c) = halves(&a);
    let (sex, salary) = (col(&a, "sex"), col(&a, "Salary"));
    let mut rng = Rng(13);
    for row in &mut c {
        let female = row.get(sex).is_some_and(|v| v.trim() == "Female");
        let high = row.get(salary).is_some_and(|v| v.trim() == ">50K");
        if female && high && rng.chance(0.6) {
            if let Some(v) = row.get_mut(salary) {
                *v = " <=50K".into();
            }
        }
    }
    let report = compare(&csv(&a, &r), &csv(&a, &c.iter().collect::<Vec<_>>()));
    let found = above_info(&report);
    assert!(found.contains("bias-amplified"), "{}", show(&report));
    assert!(found.iter().all(|f| f == "bias-amplified" || f == "drift"), "{}", show(&report));
}

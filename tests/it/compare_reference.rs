//! `datalint compare` against values computed independently with pinned scipy 1.17.1, numpy,
//! pandas and SDMetrics 0.32.0 (tests/reference/compare.py, committed output in
//! tests/reference/compare_expected.json, conventions in tests/reference/compare-conventions.md)
//! on ../shared/data/adult.csv split by a fixed rule: data rows 0, 2, 4, ... are the reference,
//! rows 1, 3, 5, ... the candidate ("halves"); the first 3,000 and 2,000 of those ("small", KS in
//! scipy's exact region); all of the reference against the first 2,000 candidate rows ("dcr").
//! Every figure is exact here (no sketch): 1e-9.

use super::compare_planted::compare;
use datalint::report::compare::CompareReport;
use serde_json::Value;
use std::path::PathBuf;

const TOL: f64 = 1e-9;

fn expected() -> Value {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/reference/compare_expected.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap_or_default()).unwrap_or(Value::Null)
}

/// The header and data lines of adult.csv, and the two halves' lines.
fn split() -> (String, Vec<String>, Vec<String>) {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/adult.csv");
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default().to_string();
    let data: Vec<String> = lines.filter(|l| !l.trim().is_empty()).map(String::from).collect();
    let a = data.iter().step_by(2).cloned().collect();
    let b = data.iter().skip(1).step_by(2).cloned().collect();
    (header, a, b)
}

fn file(header: &str, rows: &[String]) -> Vec<u8> {
    let mut s = header.to_string();
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s.push('\n');
    s.into_bytes()
}

fn close(what: &str, got: Option<f64>, want: &Value) {
    let Some(w) = want.as_f64() else {
        assert!(got.is_none() || want.is_null(), "{what}: expected null, got {got:?}");
        return;
    };
    let g = got.unwrap_or_else(|| panic!("{what}: missing, expected {w}"));
    let tol = TOL * w.abs().max(1e-3);
    assert!((g - w).abs() <= tol, "{what}: {g} against {w} (|Δ| {:e})", (g - w).abs());
}

fn check_case(r: &CompareReport, want: &Value, case: &str) {
    let cols = want["columns"].as_object().cloned().unwrap_or_default();
    assert_eq!(cols.len(), 15, "{case}: the expected columns");
    for (name, w) in &cols {
        let c =
            r.comparison.columns.iter().find(|c| &c.name == name).unwrap_or_else(|| panic!("{case}: no column {name}"));
        assert!(c.exact, "{case} {name}: exact");
        let at = |k: &str| format!("{case} {name} {k}");
        close(&at("missing_change"), Some(c.missing_change), &w["missing_change"]);
        if w["kind"] == "numeric" {
            close(&at("ks"), c.ks, &w["ks"]);
            close(&at("ks_p"), c.ks_p, &w["ks_p"]);
            let method = c.ks_method.map(|m| serde_json::to_value(m).unwrap_or(Value::Null)).unwrap_or(Value::Null);
            assert_eq!(method, w["ks_method"], "{}", at("ks_method"));
            close(&at("wasserstein_norm"), c.wasserstein_norm, &w["wasserstein_norm"]);
            close(&at("psi"), c.psi, &w["psi"]);
            close(&at("mean_shift"), c.mean_shift, &w["mean_shift"]);
            close(&at("std_ratio"), c.std_ratio, &w["std_ratio"]);
            close(&at("range_coverage"), c.range_coverage, &w["range_coverage"]);
            close(&at("outside_share"), c.outside_share, &w["outside_share"]);
        } else {
            close(&at("tvd"), c.tvd, &w["tvd"]);
            close(&at("js"), c.js, &w["js"]);
            close(&at("chi2_p"), c.chi2_p, &w["chi2_p"]);
            close(&at("category_coverage"), c.category_coverage, &w["category_coverage"]);
            close(&at("new_share"), c.new_share, &w["new_share"]);
        }
    }
    let pairs = want["pairs"].as_array().cloned().unwrap_or_default();
    assert_eq!(pairs.len(), 105, "{case}: the expected pairs");
    for w in &pairs {
        let (a, b) = (w["a"].as_str().unwrap_or(""), w["b"].as_str().unwrap_or(""));
        let p = r
            .comparison
            .pairs
            .iter()
            .find(|p| p.a == a && p.b == b)
            .unwrap_or_else(|| panic!("{case}: no pair {a} {b}"));
        let at = |k: &str| format!("{case} ({a}, {b}) {k}");
        if p.measure == "pearson" {
            close(&at("pearson_ref"), p.reference, &w["pearson_ref"]);
            close(&at("pearson_cand"), p.candidate, &w["pearson_cand"]);
            close(&at("spearman_ref"), p.spearman_reference, &w["spearman_ref"]);
            close(&at("spearman_cand"), p.spearman_candidate, &w["spearman_cand"]);
            close(&at("correlation_similarity"), p.similarity, &w["correlation_similarity"]);
        } else {
            close(&at("cramer_ref"), p.reference, &w["cramer_ref"]);
            close(&at("cramer_cand"), p.candidate, &w["cramer_cand"]);
            close(&at("contingency_similarity"), p.similarity, &w["contingency_similarity"]);
        }
    }
    let copies = r.comparison.copies.as_ref().unwrap_or_else(|| panic!("{case}: copies"));
    close(
        &format!("{case} new_row_synthesis"),
        copies.within_tolerance.map(|w| 1.0 - w),
        &want["new_row_synthesis"]["score"],
    );
    // Column Shapes as the quality report (TVComplement's pseudo-count moves it by < 1e-10).
    let shapes = r.comparison.scores.column_shapes.map(|s| s / 100.0);
    let w = want["scores"]["column_shapes"].as_f64().unwrap_or(f64::NAN);
    assert!(shapes.is_some_and(|s| (s - w).abs() < 1e-9), "{case} column shapes {shapes:?} against {w}");
    // Column Pair Trends as the quality report: weak pairs left out, each file binned by its range.
    let sc = &r.comparison.scores;
    assert_eq!(Some(sc.pairs_counted.0), want["scores"]["pairs_contributing"].as_u64(), "{case}: pairs counted");
    close(
        &format!("{case} column pair trends"),
        sc.column_pair_trends.map(|t| t / 100.0),
        &want["scores"]["column_pair_trends"],
    );
    let overall = sc.overall.map(|t| t / 100.0);
    let w = want["scores"]["overall"].as_f64().unwrap_or(f64::NAN);
    assert!(overall.is_some_and(|s| (s - w).abs() < 1e-9), "{case} overall {overall:?} against {w}");
}

#[test]
fn halves_match_scipy_and_sdmetrics() {
    let want = expected();
    let (h, a, b) = split();
    let r = compare(&file(&h, &a), &file(&h, &b));
    assert_eq!([r.reference.rows, r.candidate.rows], [16_281, 16_280]);
    check_case(&r, &want["halves"], "halves");
}

#[test]
fn small_case_uses_the_exact_ks_test() {
    let want = expected();
    let (h, a, b) = split();
    let r = compare(&file(&h, a.get(..3000).unwrap_or(&[])), &file(&h, b.get(..2000).unwrap_or(&[])));
    check_case(&r, &want["small"], "small");
    assert!(r
        .comparison
        .columns
        .iter()
        .filter(|c| c.ks.is_some())
        .all(|c| c.ks_method == Some(datalint::analysis::compare::ks::KsMethod::Exact)));
}

#[test]
fn dcr_matches_sdmetrics() {
    let want = expected();
    let (h, a, b) = split();
    let r = compare(&file(&h, &a), &file(&h, b.get(..2000).unwrap_or(&[])));
    let d = r.comparison.copies.as_ref().and_then(|c| c.dcr.as_ref()).unwrap_or_else(|| panic!("no DCR"));
    assert_eq!((d.reference_rows, d.candidate_rows), (16_281, 2_000));
    close("dcr median", Some(d.candidate_median), &want["dcr"]["median"]);
    close("dcr share < 0.01", Some(d.candidate_close), &want["dcr"]["share_below_0_01"]);
    // The random baseline is random in both: a rough agreement only.
    let theirs = want["dcr"]["baseline_protection_rough"]["median_dcr_random_baseline"].as_f64().unwrap_or(f64::NAN);
    assert!((d.random_median - theirs).abs() < 0.03, "random median {} against SDMetrics' {theirs}", d.random_median);
}

/// With a budget too small to hold the values, the numeric figures come from DDSketches: every
/// quantile within 0.5% of its value. Stated bounds, checked against the exact figures: KS D
/// within 0.01, Wasserstein / std within 0.01 + 1% of it, PSI within 0.002, and the column is
/// marked inexact.
#[test]
fn sketched_figures_stay_within_their_bounds() {
    let want = expected();
    let (h, a, b) = split();
    let opts = datalint::Options { memory_budget: 2 * 1024 * 1024, ..datalint::Options::default() };
    let mut c = datalint::Compare::new(opts, "a.csv", "b.csv").unwrap_or_else(|e| panic!("{e}"));
    c.feed_reference(&file(&h, &a));
    c.feed_candidate(&file(&h, &b));
    let r = c.finish();
    let mut sketched = 0;
    for col in r.comparison.columns.iter().filter(|c| c.ks.is_some() && !c.exact) {
        sketched += 1;
        let w = &want["halves"]["columns"][&col.name];
        let (ks, wn, psi) =
            (col.ks.unwrap_or(f64::NAN), col.wasserstein_norm.unwrap_or(f64::NAN), col.psi.unwrap_or(f64::NAN));
        let (eks, ewn, epsi) = (
            w["ks"].as_f64().unwrap_or(0.0),
            w["wasserstein_norm"].as_f64().unwrap_or(0.0),
            w["psi"].as_f64().unwrap_or(0.0),
        );
        assert!((ks - eks).abs() <= 0.01, "{}: KS D {ks} against {eks}", col.name);
        assert!((wn - ewn).abs() <= 0.01 + 0.01 * ewn, "{}: W/std {wn} against {ewn}", col.name);
        assert!((psi - epsi).abs() <= 0.002, "{}: PSI {psi} against {epsi}", col.name);
    }
    assert!(sketched >= 3, "the budget should have pushed numeric columns to sketches ({sketched})");
}

//! The bias analysis and its four checks (`underrepresented-group`, `label-disparity`,
//! `proxy-for-sensitive`, `missingness-disparity`):
//!
//! - the real UCI Adult file against figures computed independently with pandas and scipy
//!   (tests/reference/adult_bias.py, committed output in tests/reference/adult_bias_expected.json);
//! - each check firing and, on a near miss, staying silent, on fixtures whose figures are worked
//!   out by hand or recomputed here with a plain two-pass formula;
//! - generated data where the truth is known by construction: a fair dataset raises no bias
//!   finding, and each planted unfairness raises exactly its own check;
//! - roles (proposed from names, also from the last segment of nested JSON keys; given; turned
//!   off; unknown ones reported), numeric labels, JSONL with nested keys;
//! - profiles of two halves merged equal the whole (while each part's groups fit in the 50 kept),
//!   and the output does not depend on chunking.
//!
//! Tests marked `#[ignore]` state the right behaviour for a known bug or a documented limitation.
//!
//! Line numbers are 1-based physical lines; the CSV header is line 1.

use datalint::profile::groups::Groups;
use datalint::{Finding, Merge, Options, Profile, Report, Session, Severity};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The bias family, in registry order.
const BIAS_IDS: [&str; 4] =
    ["underrepresented-group", "label-disparity", "proxy-for-sensitive", "missingness-disparity"];

/// Relative tolerance for figures compared with the pandas/scipy reference and with the formulas
/// recomputed here.
const TOL: f64 = 1e-9;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn session(opts: &Options) -> Session {
    Session::new(opts.clone()).unwrap_or_else(|e| panic!("options rejected: {e}"))
}

fn feed(input: &[u8], opts: &Options, chunk: usize) -> Report {
    let mut s = session(opts);
    for c in input.chunks(chunk.max(1)) {
        s.feed(c);
    }
    s.finish()
}

/// Runs `input` whole and in 1-byte chunks, asserts both reports serialise to identical JSON, and
/// returns the report.
fn run_with(input: &[u8], opts: &Options) -> Report {
    let whole = feed(input, opts, usize::MAX);
    let bytes = feed(input, opts, 1);
    assert_eq!(whole.to_json(), bytes.to_json(), "report differs between one feed and 1-byte feeds");
    whole
}

fn run(input: &[u8]) -> Report {
    run_with(input, &Options::default())
}

fn json(r: &Report) -> Value {
    serde_json::from_str(&r.to_json()).unwrap()
}

/// The bias-family findings as (id, columns).
fn bias_findings(r: &Report) -> Vec<(&'static str, Vec<String>)> {
    r.findings.iter().filter(|f| BIAS_IDS.contains(&f.id)).map(|f| (f.id, f.columns.clone())).collect()
}

/// The ids of the bias-family findings, each once, in registry order.
fn bias_ids(r: &Report) -> Vec<&'static str> {
    BIAS_IDS.iter().copied().filter(|id| r.findings.iter().any(|f| f.id == *id)).collect()
}

/// The only finding with this id.
fn one<'a>(r: &'a Report, id: &str) -> &'a Finding {
    let hits: Vec<&Finding> = r.findings.iter().filter(|f| f.id == id).collect();
    assert_eq!(hits.len(), 1, "expected exactly one '{id}' finding; bias findings: {:?}", bias_findings(r));
    hits[0]
}

/// The only finding with this id on these columns.
fn on<'a>(r: &'a Report, id: &str, columns: &[&str]) -> &'a Finding {
    let hits: Vec<&Finding> = r.findings.iter().filter(|f| f.id == id && f.columns == columns).collect();
    assert_eq!(hits.len(), 1, "expected one '{id}' on {columns:?}; bias findings: {:?}", bias_findings(r));
    hits[0]
}

fn none(r: &Report, id: &str) {
    let hits: Vec<&Finding> = r.findings.iter().filter(|f| f.id == id).collect();
    assert!(hits.is_empty(), "'{id}' must not fire, but did: {hits:#?}");
}

/// `|got - want| <= TOL * |want|`: relative, so a zero must be exactly zero.
fn close(what: &str, got: f64, want: f64) {
    assert!((got - want).abs() <= TOL * want.abs(), "{what}: datalint {got} vs reference {want}");
}

/// p-values: relative 1e-6 where the reference is above 1e-250; below that, both must be.
fn close_p(what: &str, got: f64, want: f64) {
    if want > 1e-250 {
        assert!((got - want).abs() <= 1e-6 * want, "{what}: p {got} vs reference {want}");
    } else {
        assert!(got < 1e-250, "{what}: p {got}, reference {want} (< 1e-250)");
    }
}

fn fl(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

fn sorted(mut k: Vec<&str>) -> Vec<&str> {
    k.sort_unstable();
    k
}

/// The entry of a report array whose `field` is `want`.
fn find<'a>(arr: &'a Value, field: &str, want: &Value) -> &'a Value {
    let hits: Vec<&Value> = arr.as_array().unwrap().iter().filter(|x| &x[field] == want).collect();
    assert_eq!(hits.len(), 1, "expected one entry with {field} = {want} in {arr:#}");
    hits[0]
}

/// `bias` (or `intersections`) entry for these sensitive columns and outcome.
fn disparity<'a>(v: &'a Value, table: &str, sensitive: &[&str], outcome: Option<&str>) -> &'a Value {
    let want = serde_json::json!({ "sensitive": sensitive, "outcome": outcome });
    let hits: Vec<&Value> = v[table]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["sensitive"] == want["sensitive"] && d["outcome"] == want["outcome"])
        .collect();
    assert_eq!(hits.len(), 1, "expected one {table} entry for {sensitive:?} / {outcome:?}");
    hits[0]
}

fn group<'a>(groups: &'a Value, value: &str) -> &'a Value {
    find(groups, "value", &Value::from(value))
}

fn values(f: &Finding) -> Vec<&str> {
    f.evidence.iter().map(|e| e.value.as_str()).collect()
}

fn lines(f: &Finding) -> Vec<u64> {
    f.evidence.iter().map(|e| e.line).collect()
}

/// Pearson's chi-square and Cramér's V of a table, two-pass, dropping empty rows and columns: an
/// independent reference for the figures datalint computes from its accumulators.
fn chi2_v(table: &[Vec<f64>]) -> (f64, f64) {
    let rows: Vec<&Vec<f64>> = table.iter().filter(|r| r.iter().sum::<f64>() > 0.0).collect();
    let ncols = rows.first().map_or(0, |r| r.len());
    let cols: Vec<usize> = (0..ncols).filter(|&j| rows.iter().map(|r| r[j]).sum::<f64>() > 0.0).collect();
    let n: f64 = rows.iter().map(|r| r.iter().sum::<f64>()).sum();
    let mut chi2 = 0.0;
    for r in &rows {
        let rs: f64 = r.iter().sum();
        for &j in &cols {
            let cs: f64 = rows.iter().map(|x| x[j]).sum();
            let e = rs * cs / n;
            chi2 += (r[j] - e).powi(2) / e;
        }
    }
    let k = rows.len().min(cols.len()) as f64 - 1.0;
    (chi2, (chi2 / (n * k)).sqrt())
}

/// Bergsma's (2013) bias-corrected Cramér's V of a table (empty rows and columns dropped):
/// φ² = χ²/n less its expectation under independence, (k−1)(r−1)/(n−1), floored at 0, over
/// min(k̃−1, r̃−1) with k̃ = k − (k−1)²/(n−1) and r̃ = r − (r−1)²/(n−1).
fn bergsma_v(table: &[Vec<f64>]) -> f64 {
    let rows: Vec<&Vec<f64>> = table.iter().filter(|r| r.iter().sum::<f64>() > 0.0).collect();
    let ncols = rows.first().map_or(0, |r| r.len());
    let k = (0..ncols).filter(|&j| rows.iter().map(|r| r[j]).sum::<f64>() > 0.0).count() as f64;
    let r = rows.len() as f64;
    let n: f64 = rows.iter().map(|r| r.iter().sum::<f64>()).sum();
    let (chi2, _) = chi2_v(table);
    let phi2 = (chi2 / n - (k - 1.0) * (r - 1.0) / (n - 1.0)).max(0.0);
    let kc = k - (k - 1.0).powi(2) / (n - 1.0);
    let rc = r - (r - 1.0).powi(2) / (n - 1.0);
    (phi2 / (kc - 1.0).min(rc - 1.0)).sqrt()
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

/// The correlation ratio η = √(SS_between / SS_total), two-pass.
fn eta(groups: &[Vec<f64>]) -> f64 {
    let all: Vec<f64> = groups.iter().flatten().copied().collect();
    let grand = mean(&all);
    let total: f64 = all.iter().map(|x| (x - grand).powi(2)).sum();
    let between: f64 = groups.iter().map(|g| g.len() as f64 * (mean(g) - grand).powi(2)).sum();
    (between / total).sqrt()
}

/// Largest minus smallest group mean over the pooled within-group standard deviation.
fn smd(groups: &[Vec<f64>]) -> f64 {
    let means: Vec<f64> = groups.iter().map(|g| mean(g)).collect();
    let ss: f64 = groups.iter().zip(&means).map(|(g, m)| g.iter().map(|x| (x - m).powi(2)).sum::<f64>()).sum();
    let dof: f64 = groups.iter().map(|g| g.len() as f64 - 1.0).sum();
    let hi = means.iter().copied().fold(f64::MIN, f64::max);
    let lo = means.iter().copied().fold(f64::MAX, f64::min);
    (hi - lo) / (ss / dof).sqrt()
}

use super::rng::Rng;

/// A CSV from a header and rows.
fn csv(header: &str, rows: &[String]) -> Vec<u8> {
    let mut s = format!("{header}\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s.into_bytes()
}

/// Rows `sex,y`: for each (group, rows, rows with `yes`), the `yes` rows first, then `no`.
fn outcome_rows(groups: &[(&str, usize, usize)]) -> Vec<String> {
    let mut out = Vec::new();
    for &(g, n, yes) in groups {
        for i in 0..n {
            out.push(format!("{g},{}", if i < yes { "yes" } else { "no" }));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// (a) UCI Adult against pandas and scipy
// ---------------------------------------------------------------------------------------------

fn adult_bytes() -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/adult.csv");
    std::fs::read(&p).unwrap_or_else(|e| panic!("the shared dataset is missing at {}: {e}", p.display()))
}

fn adult_options() -> Options {
    Options { name: Some("adult.csv".into()), ..Options::default() }
}

/// Adult with the default options (roles proposed), read once for all tests here.
fn adult() -> &'static (Report, Value) {
    static ADULT: OnceLock<(Report, Value)> = OnceLock::new();
    ADULT.get_or_init(|| {
        let r = feed(&adult_bytes(), &adult_options(), 64 * 1024);
        let v = json(&r);
        (r, v)
    })
}

fn expected() -> &'static Value {
    static EXPECTED: OnceLock<Value> = OnceLock::new();
    EXPECTED.get_or_init(|| {
        let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/reference/adult_bias_expected.json");
        serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
    })
}

const AGE_BINS: [&str; 7] = ["<18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"];

#[test]
fn adult_roles_are_proposed_from_the_names() {
    let (r, v) = adult();
    assert_eq!(r.label.as_deref(), Some("Salary"));
    assert_eq!(
        v["roles"]["label"],
        serde_json::json!({ "name": "Salary", "proposed": true, "numeric": false,
            "classes": [{ "value": "<=50K", "count": 24720 }, { "value": ">50K", "count": 7841 }] })
    );
    let sens = v["roles"]["sensitive"].as_array().unwrap();
    let names: Vec<&str> = sens.iter().map(|s| s["name"].as_str().unwrap()).collect();
    // In column order; relationship, occupation etc. are not sensitive by name.
    assert_eq!(names, ["age", "marital-status", "race", "sex", "native-country"]);
    for s in sens {
        assert_eq!(s["proposed"], true, "{s}");
        if s["name"] == "age" {
            assert_eq!(keys(s), ["bins", "name", "proposed"]);
            assert_eq!(s["bins"], serde_json::json!(AGE_BINS));
        } else {
            assert_eq!(keys(s), ["name", "proposed"], "no bins for {s}");
        }
    }
    assert!(r.errors.is_empty(), "{:?}", r.errors);
}

/// Representation, outcome rates, parity difference, impact ratio, chi-square, dof, p-value and
/// Cramér's V for each sensitive column, against pandas and scipy. The chi-square is '>50K'
/// against the rest over the judged groups (30+ labelled rows) only: marital-status leaves out
/// Married-AF-spouse (23 rows, dof 5), native-country its 15 countries under 30 rows (dof 25).
#[test]
fn adult_disparity_figures_match_pandas_and_scipy() {
    let (_, v) = adult();
    let want = expected();
    assert_eq!(want["outcome"], ">50K");
    let sensitive = want["sensitive"].as_object().unwrap();
    assert_eq!(sensitive.len(), 5);
    assert_eq!(v["representation"].as_array().unwrap().len(), 5, "one representation entry per sensitive column");
    assert_eq!(v["bias"].as_array().unwrap().len(), 5, "two classes: one outcome (the rarer, >50K) per column");
    for (name, w) in sensitive {
        // Representation.
        let rep = find(&v["representation"], "sensitive", &Value::from(name.as_str()));
        assert_eq!(keys(rep), ["groups", "sensitive", "unknown"], "{name}");
        assert_eq!(rep["unknown"], w["unknown"], "{name} unknown");
        let wgroups = w["groups"].as_array().unwrap();
        let groups = rep["groups"].as_array().unwrap();
        assert_eq!(groups.len(), wgroups.len(), "{name} number of groups");
        for wg in wgroups {
            let value = wg["value"].as_str().unwrap();
            let g = group(&rep["groups"], value);
            assert_eq!(keys(g), ["count", "share", "too_small", "value"], "{name}");
            assert_eq!(g["count"], wg["count"], "{name} = {value} count");
            close(&format!("{name} = {value} share"), fl(&g["share"]), fl(&wg["share"]));
            assert_eq!(g["too_small"], wg["too_small"], "{name} = {value} too_small");
        }
        // Order: age bins in their natural order, other groups largest first.
        let order: Vec<&str> = groups.iter().map(|g| g["value"].as_str().unwrap()).collect();
        if name == "age" {
            assert_eq!(order, AGE_BINS, "age groups in bin order");
        } else {
            let counts: Vec<u64> = groups.iter().map(|g| g["count"].as_u64().unwrap()).collect();
            assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{name} groups largest first: {order:?}");
        }

        // Outcome disparity.
        let d = disparity(v, "bias", &[name], Some(">50K"));
        assert_eq!(
            keys(d),
            sorted(vec![
                "sensitive",
                "label",
                "outcome",
                "groups",
                "parity_difference",
                "impact_ratio",
                "chi2",
                "dof",
                "p_value",
                "cramers_v",
                "correlation_ratio",
                "smd",
                "lowest",
                "highest",
                "reference_line",
                "judgement"
            ])
        );
        assert_eq!(d["label"], "Salary");
        assert_eq!(d["smd"], Value::Null, "{name}: no SMD for a categorical label");
        assert_eq!(d["correlation_ratio"], Value::Null, "{name}: no correlation ratio for a categorical label");
        for wg in wgroups {
            let value = wg["value"].as_str().unwrap();
            let g = group(&d["groups"], value);
            assert_eq!(keys(g), ["count", "mean", "rate", "share", "too_small", "value"], "{name}");
            assert_eq!(g["count"], wg["count"], "{name} = {value} count");
            close(&format!("{name} = {value} share"), fl(&g["share"]), fl(&wg["share"]));
            close(&format!("{name} = {value} rate"), fl(&g["rate"]), fl(&wg["rate"]));
            assert_eq!(g["mean"], Value::Null);
            assert_eq!(g["too_small"], wg["too_small"], "{name} = {value} too_small");
        }
        for k in ["parity_difference", "impact_ratio", "chi2", "cramers_v"] {
            close(&format!("{name} {k}"), fl(&d[k]), fl(&w[k]));
        }
        assert_eq!(d["dof"], w["dof"], "{name} dof");
        close_p(&format!("{name} p-value"), fl(&d["p_value"]), fl(&w["p_value"]));
        // The test covers exactly the groups the impact ratio compares.
        let judged = wgroups.iter().filter(|g| g["too_small"] == false).count() as u64;
        assert_eq!(d["dof"].as_u64(), Some(judged - 1), "{name}: dof = judged groups - 1");
    }
    // Small groups exist (native-country) and are marked, not judged.
    let nc = find(&v["representation"], "sensitive", &Value::from("native-country"));
    assert!(nc["groups"].as_array().unwrap().iter().any(|g| g["too_small"] == true));
    assert_eq!(sensitive["marital-status"]["dof"], 5, "Married-AF-spouse (23 rows) is left out of the test");
    assert_eq!(sensitive["native-country"]["dof"], 25, "15 countries under 30 rows are left out of the test");
}

#[test]
fn adult_intersection_race_and_sex_matches_pandas_and_scipy() {
    let (_, v) = adult();
    let w = &expected()["intersections"]["race & sex"];
    let d = disparity(v, "intersections", &["race", "sex"], Some(">50K"));
    let wgroups = w["groups"].as_array().unwrap();
    assert_eq!(d["groups"].as_array().unwrap().len(), wgroups.len());
    for wg in wgroups {
        let value = wg["value"].as_str().unwrap();
        let g = group(&d["groups"], value);
        assert_eq!(g["count"], wg["count"], "{value} count");
        close(&format!("{value} share"), fl(&g["share"]), fl(&wg["share"]));
        close(&format!("{value} rate"), fl(&g["rate"]), fl(&wg["rate"]));
        assert_eq!(g["too_small"], wg["too_small"], "{value} too_small");
    }
    for k in ["parity_difference", "impact_ratio", "chi2", "cramers_v"] {
        close(&format!("race & sex {k}"), fl(&d[k]), fl(&w[k]));
    }
    assert_eq!(d["dof"], w["dof"]);
    close_p("race & sex p-value", fl(&d["p_value"]), fl(&w["p_value"]));
    // Every pair of the five sensitive columns is there.
    assert_eq!(v["intersections"].as_array().unwrap().len(), 10);
}

#[test]
fn adult_proxies_and_missingness_match_pandas() {
    let (_, v) = adult();
    let want = expected();
    for (column, w) in want["proxies"].as_object().unwrap() {
        let hits: Vec<&Value> = v["proxies"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["column"] == column.as_str() && p["sensitive"] == w["sensitive"])
            .collect();
        assert_eq!(hits.len(), 1, "proxy {column} for {}", w["sensitive"]);
        let p = hits[0];
        assert_eq!(keys(p), ["column", "measure", "sensitive", "value"]);
        assert_eq!(p["measure"], w["measure"], "{column} measure");
        assert!(["cramers_v_corrected", "correlation_ratio"].contains(&p["measure"].as_str().unwrap()));
        close(&format!("{column} association"), fl(&p["value"]), fl(&w["value"]));
    }
    // Strongest first.
    let vals: Vec<f64> = v["proxies"].as_array().unwrap().iter().map(|p| fl(&p["value"])).collect();
    assert!(vals.windows(2).all(|w| w[0] >= w[1]), "proxies sorted by strength: {vals:?}");

    let w = &want["missingness"]["workclass"];
    let hits: Vec<&Value> = v["missingness"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["column"] == "workclass" && m["sensitive"] == "age")
        .collect();
    assert_eq!(hits.len(), 1);
    let m = hits[0];
    assert_eq!(keys(m), ["column", "difference", "groups", "p_value", "ratio", "sensitive"]);
    let wgroups = w["groups"].as_array().unwrap();
    assert_eq!(m["groups"].as_array().unwrap().len(), wgroups.len());
    for wg in wgroups {
        let value = wg["value"].as_str().unwrap();
        let g = group(&m["groups"], value);
        assert_eq!(keys(g), ["count", "missing", "rate", "value"]);
        assert_eq!(g["count"], wg["count"], "age {value} count");
        assert_eq!(g["missing"], wg["missing"], "age {value} missing");
        close(&format!("age {value} missing rate"), fl(&g["rate"]), fl(&wg["rate"]));
    }
    close("workclass by age difference", fl(&m["difference"]), fl(&w["difference"]));
    close("workclass by age ratio", fl(&m["ratio"]), fl(&w["ratio"]));
    close_p("workclass by age p-value", fl(&m["p_value"]), fl(&w["p_value"]));
    // Groups highest rate first; tables largest gap first.
    let rates: Vec<f64> = m["groups"].as_array().unwrap().iter().map(|g| fl(&g["rate"])).collect();
    assert!(rates.windows(2).all(|w| w[0] >= w[1]), "{rates:?}");
    let diffs: Vec<f64> = v["missingness"].as_array().unwrap().iter().map(|m| fl(&m["difference"])).collect();
    assert!(diffs.windows(2).all(|w| w[0] >= w[1]), "{diffs:?}");
}

#[test]
fn adult_findings_that_should_fire_do() {
    let (r, _) = adult();
    let want = expected();
    let s = &want["sensitive"];

    // underrepresented-group on race: Other (0.83%), Amer-Indian-Eskimo (0.96%) and
    // Asian-Pac-Islander (3.2%) under 5%; Black (9.6%) under a fifth of White's 85.4%.
    let f = on(r, "underrepresented-group", &["race"]);
    assert_eq!(f.severity, Severity::Warning);
    let race =
        |value: &str| s["race"]["groups"].as_array().unwrap().iter().find(|g| g["value"] == value).unwrap().clone();
    close("underrepresented race metric", f.metric, fl(&race("Other")["share"]));
    assert_eq!(f.threshold, 0.05);
    let low = ["Other", "Amer-Indian-Eskimo", "Asian-Pac-Islander", "Black"];
    assert_eq!(lines(f), low.map(|g| race(g)["first_line"].as_u64().unwrap()));
    assert_eq!(f.evidence_total, low.map(|g| race(g)["count"].as_u64().unwrap()).iter().sum::<u64>());
    assert_eq!(
        f.title,
        "'race' has underrepresented groups: Other 0.83%, Amer-Indian-Eskimo 0.96%, Asian-Pac-Islander 3.2%, Black 9.6%"
    );
    assert_eq!(values(f)[0], "group 'Other': 271 rows (0.83%), first on this line");

    // label-disparity on sex and on race (each alone).
    for (col, lo, hi) in [("sex", "Female", "Male"), ("race", "Other", "Asian-Pac-Islander")] {
        let f = on(r, "label-disparity", &[col]);
        close(&format!("label-disparity {col} metric"), f.metric, fl(&s[col]["impact_ratio"]));
        assert_eq!(f.threshold, 0.8);
        let g =
            |value: &str| s[col]["groups"].as_array().unwrap().iter().find(|g| g["value"] == value).unwrap().clone();
        // Evidence: judged groups, lowest rate first.
        assert_eq!(lines(f)[0], g(lo)["first_line"].as_u64().unwrap(), "{col}");
        assert_eq!(*lines(f).last().unwrap(), g(hi)["first_line"].as_u64().unwrap(), "{col}");
        // No favourable value given: the rates are named, highest first; no group is called
        // disadvantaged.
        assert!(f.title.starts_with(&format!("rate of Salary = >50K by {col}: {hi} ")), "{}", f.title);
    }
    let f = on(r, "label-disparity", &["sex"]);
    assert_eq!(
        f.title,
        "rate of Salary = >50K by sex: Male 30.6% vs Female 10.9% (ratio 0.36; chi-square p < 1e-300, V 0.22; no favourable value given)"
    );
    assert_eq!(
        values(f),
        ["Female: 10.9% of 10,771 rows have Salary = >50K", "Male: 30.6% of 21,790 rows have Salary = >50K"]
    );
    // native-country: impact ratio 0.07 and p 4e-48 (over its 26 countries of 30+ rows), but
    // Cramér's V 0.0966 < 0.1: no finding.
    assert!(fl(&s["native-country"]["cramers_v"]) < 0.1);
    assert!(!r.findings.iter().any(|f| f.id == "label-disparity" && f.columns == ["native-country"]));
    // Of the ten pairs only race × sex tells more than its columns: marital-status × race and
    // × sex repeat marital-status' own V, and the native-country pairs rest on cells of 31–77 rows.
    let pairs: Vec<&Vec<String>> =
        r.findings.iter().filter(|f| f.id == "label-disparity" && f.columns.len() == 2).map(|f| &f.columns).collect();
    assert_eq!(pairs, [&vec!["race".to_string(), "sex".to_string()]]);
    // native-country is dominated by United-States: one note, not 40 underrepresented groups.
    let u = r.findings.iter().find(|f| f.id == "underrepresented-group" && f.columns == ["native-country"]).unwrap();
    assert_eq!(u.severity, Severity::Info);
    assert!(u.title.starts_with("'native-country' is dominated by 'United-States'"), "{}", u.title);

    // proxy-for-sensitive: relationship for sex, with evidence per value (30+ rows), largest first.
    let f = on(r, "proxy-for-sensitive", &["relationship", "sex"]);
    let w = &want["proxies"]["relationship"];
    close("relationship proxy metric", f.metric, fl(&w["value"]));
    assert_eq!(f.threshold, 0.5);
    assert_eq!(f.title, "'relationship' is a proxy for 'sex' (bias-corrected Cramér's V 0.65)");
    let ev = w["evidence"].as_array().unwrap();
    assert_eq!(lines(f), ev.iter().map(|e| e["first_line"].as_u64().unwrap()).collect::<Vec<_>>());
    for (got, e) in values(f).iter().zip(ev) {
        let n = e["rows"].as_u64().unwrap();
        let top = e["top_rows"].as_u64().unwrap();
        let want = format!(
            "relationship = {}: {} of {} rows have sex = {}",
            e["value"].as_str().unwrap(),
            datalint::fmt::pct(top as f64 / n as f64),
            datalint::fmt::num(n),
            e["top"].as_str().unwrap()
        );
        assert_eq!(*got, want);
    }
    // hours-per-week: correlation ratio 0.23, listed but under the threshold.
    assert!(!r.findings.iter().any(|f| f.id == "proxy-for-sensitive" && f.columns[0] == "hours-per-week"));

    // missingness-disparity: workclass by age, 25.8% of 65+ vs 2% of 35-44; occupation is '?' in
    // the same rows, so it rides on the same finding instead of a second one.
    let f = on(r, "missingness-disparity", &["workclass", "occupation", "age"]);
    let w = &want["missingness"]["workclass"];
    close("workclass by age metric", f.metric, fl(&w["difference"]));
    assert_eq!(f.threshold, 0.05);
    assert_eq!(
        f.title,
        "'workclass' is missing for 25.8% of age = 65+ but 2% of age = 35-44 (and 'occupation', missing in the same rows)"
    );
    assert!(!r.findings.iter().any(|f| f.id == "missingness-disparity" && f.columns[0] == "occupation"));
    let g = |value: &str| w["groups"].as_array().unwrap().iter().find(|g| g["value"] == value).unwrap().clone();
    assert_eq!(lines(f)[0], g("65+")["first_missing_line"].as_u64().unwrap());
    assert_eq!(values(f)[0], "age = 65+: 345 of 1,336 rows missing (25.8%), first here");
    let total: u64 = w["groups"].as_array().unwrap().iter().map(|g| g["missing"].as_u64().unwrap()).sum();
    assert_eq!(f.evidence_total, total);
}

// ---------------------------------------------------------------------------------------------
// underrepresented-group
// ---------------------------------------------------------------------------------------------

/// `ethnicity` with groups of these sizes, interleaved round-robin (group i first on line i + 2).
fn group_sizes(sizes: &[(&str, usize)]) -> Vec<u8> {
    let mut rows = Vec::new();
    let mut left: Vec<usize> = sizes.iter().map(|s| s.1).collect();
    while left.iter().any(|&n| n > 0) {
        for (i, (g, _)) in sizes.iter().enumerate() {
            if left[i] > 0 {
                left[i] -= 1;
                rows.push(g.to_string());
            }
        }
    }
    csv("ethnicity", &rows)
}

#[test]
fn underrepresented_group_fires_below_five_percent() {
    let mut sizes: Vec<(String, usize)> = (1..=20).map(|i| (format!("g{i:02}"), 50)).collect();
    sizes[0].1 = 49;
    let sizes: Vec<(&str, usize)> = sizes.iter().map(|(g, n)| (g.as_str(), *n)).collect();
    let r = run(&group_sizes(&sizes));
    assert_eq!(bias_ids(&r), ["underrepresented-group"]);
    let f = one(&r, "underrepresented-group");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.columns, ["ethnicity"]);
    close("metric", f.metric, 49.0 / 999.0);
    assert_eq!(f.threshold, 0.05);
    assert_eq!(lines(f), [2]);
    assert_eq!(values(f), ["group 'g01': 49 rows (4.9%), first on this line"]);
    assert_eq!(f.title, "'ethnicity' has underrepresented groups: g01 4.9%");
    assert_eq!(f.evidence_total, 49);
}

#[test]
fn underrepresented_group_near_miss_exactly_five_percent() {
    let sizes: Vec<(String, usize)> = (1..=20).map(|i| (format!("g{i:02}"), 50)).collect();
    let sizes: Vec<(&str, usize)> = sizes.iter().map(|(g, n)| (g.as_str(), *n)).collect();
    let r = run(&group_sizes(&sizes));
    none(&r, "underrepresented-group");
    assert_eq!(r.bias.representation[0].groups.len(), 20);
}

#[test]
fn underrepresented_group_fires_below_a_fifth_of_the_largest() {
    let r = run(&group_sizes(&[("A", 500), ("B", 99), ("C", 401)]));
    let f = one(&r, "underrepresented-group");
    close("metric", f.metric, 0.099);
    assert_eq!(f.title, "'ethnicity' has underrepresented groups: B 9.9%");
    assert_eq!(lines(f), [3]);
}

#[test]
fn underrepresented_group_near_miss_exactly_a_fifth_of_the_largest() {
    let r = run(&group_sizes(&[("A", 500), ("B", 100), ("C", 400)]));
    none(&r, "underrepresented-group");
}

#[test]
fn underrepresented_group_marks_groups_too_small_to_judge_and_skips_the_pool() {
    // 60 values: the first 50 seen are groups, the other 10 pooled as "(other)".
    let mut sizes: Vec<(String, usize)> = (0..60).map(|i| (format!("v{i:02}"), 40)).collect();
    sizes[3].1 = 12;
    let sizes: Vec<(&str, usize)> = sizes.iter().map(|(g, n)| (g.as_str(), *n)).collect();
    let r = run(&group_sizes(&sizes));
    let rep = &r.bias.representation[0];
    assert_eq!(rep.groups.len(), 51);
    let other = rep.groups.iter().find(|g| g.value == "(other)").unwrap();
    assert_eq!(other.count, 400);
    let small = rep.groups.iter().find(|g| g.value == "v03").unwrap();
    assert!(small.too_small);
    // Every own group is under 5%; the pool is never named.
    let f = one(&r, "underrepresented-group");
    assert!(!f.title.contains("(other)"), "{}", f.title);
    assert_eq!(values(f)[0], "group 'v03': 12 rows (0.51%), first on this line; too small to judge disparities");
    assert_eq!(f.evidence.len(), 10);
    assert_eq!(f.title, "'ethnicity' has underrepresented groups: v03 0.51%, v00 1.7%, v01 1.7%, v02 1.7% and 46 more");
}

/// The relative rule compares whole counts (count × 5 < largest): at exactly a fifth of the
/// largest group (10 rows vs 50) nothing fires, though the shares 10/60 and 0.2 × 50/60 are
/// inexact in floating point; one row fewer (9 vs 50, still 15% of the rows) fires.
#[test]
fn underrepresented_group_near_miss_exactly_a_fifth_with_inexact_shares() {
    let r = run(&group_sizes(&[("A", 50), ("B", 10)]));
    none(&r, "underrepresented-group");
    let r = run(&group_sizes(&[("A", 50), ("B", 9)]));
    let f = one(&r, "underrepresented-group");
    close("metric", f.metric, 9.0 / 59.0);
    assert_eq!(f.title, "'ethnicity' has underrepresented groups: B 15.3%");
    assert_eq!(lines(f), [3]);
}

// ---------------------------------------------------------------------------------------------
// label-disparity
// ---------------------------------------------------------------------------------------------

/// `sex,y` from (group, rows, yes rows); `y` is proposed as the label, `sex` as sensitive.
fn outcome_csv(groups: &[(&str, usize, usize)]) -> Vec<u8> {
    csv("sex,y", &outcome_rows(groups))
}

fn two_by_two(a: (usize, usize), b: (usize, usize)) -> (f64, f64) {
    chi2_v(&[vec![a.1 as f64, (a.0 - a.1) as f64], vec![b.1 as f64, (b.0 - b.1) as f64]])
}

#[test]
fn label_disparity_fires_on_a_four_fifths_violation() {
    let r = run(&outcome_csv(&[("F", 1000, 200), ("M", 1000, 400)]));
    assert_eq!(bias_ids(&r), ["label-disparity"]);
    let f = one(&r, "label-disparity");
    assert_eq!((f.severity, f.columns.clone()), (Severity::Warning, vec!["sex".to_string()]));
    close("metric", f.metric, 0.5);
    assert_eq!(f.threshold, 0.8);
    assert_eq!(lines(f), [2, 1002]);
    assert_eq!(values(f), ["F: 20% of 1,000 rows have y = yes", "M: 40% of 1,000 rows have y = yes"]);
    assert_eq!(f.evidence_total, 2, "one evidence line per judged group");
    assert_eq!(f.outcome.as_deref(), Some("yes"));
    let d = &r.bias.bias[0];
    let (chi2, v) = two_by_two((1000, 200), (1000, 400));
    close("chi2", d.chi2.unwrap(), chi2);
    close("V", d.cramers_v.unwrap(), v);
    close("parity difference", d.parity_difference.unwrap(), 0.2);
    assert_eq!(d.dof, Some(1));
    assert!(d.p_value.unwrap() < 1e-20);
    assert_eq!(d.outcome.as_deref(), Some("yes"), "the rarer class");
    assert_eq!(
        f.title,
        format!(
            "rate of y = yes by sex: M 40% vs F 20% (ratio 0.50; chi-square p {}, V {:.2}; no favourable value given)",
            datalint::fmt::fmt_p(d.p_value.unwrap()),
            v
        )
    );
}

/// Impact ratio exactly 0.8 (with p < 0.001 and V ≥ 0.1): not below the threshold.
#[test]
fn label_disparity_near_miss_impact_ratio_exactly_four_fifths() {
    let r = run(&outcome_csv(&[("F", 2000, 800), ("M", 2000, 1000)]));
    none(&r, "label-disparity");
    let d = &r.bias.bias[0];
    assert_eq!(d.impact_ratio, Some(0.8));
    assert!(d.p_value.unwrap() < 0.001 && d.cramers_v.unwrap() >= 0.1, "only the impact ratio keeps it silent");
    // One row fewer with the outcome crosses the line.
    let r = run(&outcome_csv(&[("F", 2000, 799), ("M", 2000, 1000)]));
    close("metric", one(&r, "label-disparity").metric, 0.799);
}

/// Impact ratio 0.5 and V 0.22, but 30 rows a group: p ≈ 0.09, not evidence.
#[test]
fn label_disparity_near_miss_not_significant() {
    let r = run(&outcome_csv(&[("F", 30, 6), ("M", 30, 12)]));
    none(&r, "label-disparity");
    let d = &r.bias.bias[0];
    assert_eq!(d.impact_ratio, Some(0.5));
    assert!(d.cramers_v.unwrap() >= 0.1);
    let p = d.p_value.unwrap();
    assert!(p > 0.001 && p < 0.2, "p {p}");
    assert!(d.groups.iter().all(|g| !g.too_small));
}

/// Impact ratio 0.67 and p ≈ 1e-10 on 40,000 rows, but Cramér's V 0.03: a trivial effect.
#[test]
fn label_disparity_near_miss_trivial_effect() {
    let r = run(&outcome_csv(&[("F", 20_000, 400), ("M", 20_000, 600)]));
    none(&r, "label-disparity");
    let d = &r.bias.bias[0];
    close("impact ratio", d.impact_ratio.unwrap(), 2.0 / 3.0);
    assert!(d.p_value.unwrap() < 1e-6);
    let (_, v) = two_by_two((20_000, 400), (20_000, 600));
    close("V", d.cramers_v.unwrap(), v);
    assert!(v < 0.1);
}

/// A group under 30 labelled rows is listed but not judged: its 0% rate does not make the ratio,
/// and it is left out of the chi-square test too (which covers the groups the ratio compares).
#[test]
fn label_disparity_near_miss_a_tiny_group_is_not_judged() {
    let r = run(&outcome_csv(&[("F", 1000, 300), ("M", 1000, 330), ("X", 29, 0)]));
    none(&r, "label-disparity");
    let d = &r.bias.bias[0];
    close("impact ratio", d.impact_ratio.unwrap(), 300.0 / 330.0);
    let x = d.groups.iter().find(|g| g.value == "X").unwrap();
    assert!(x.too_small && x.rate == Some(0.0));
    let (chi2, v) = two_by_two((1000, 300), (1000, 330));
    close("chi2 over F and M", d.chi2.unwrap(), chi2);
    close("V over F and M", d.cramers_v.unwrap(), v);
    assert_eq!(d.dof, Some(1));
    // With X in the test, its 0 of 29 would add most of the chi-square (15.4 against 2.1).
    let (with_x, _) = chi2_v(&[vec![300.0, 700.0], vec![330.0, 670.0], vec![0.0, 29.0]]);
    assert!(with_x > 7.0 * chi2, "{with_x} vs {chi2}");
}

/// A tiny group with an extreme rate does not lend its evidence to the judged groups: F 30% and
/// M 45% of 100 rows each (impact ratio 0.67, V 0.15) but p ≈ 0.03, not evidence; X (0 of 29)
/// would take a chi-square over all three groups to p ≈ 2e-5 and make it a finding.
#[test]
fn label_disparity_near_miss_a_tiny_group_does_not_make_the_test_significant() {
    let r = run(&outcome_csv(&[("F", 100, 30), ("M", 100, 45), ("X", 29, 0)]));
    none(&r, "label-disparity");
    let d = &r.bias.bias[0];
    close("impact ratio", d.impact_ratio.unwrap(), 0.3 / 0.45);
    let (chi2, v) = two_by_two((100, 30), (100, 45));
    close("chi2", d.chi2.unwrap(), chi2);
    close("V", d.cramers_v.unwrap(), v);
    assert!(v >= 0.1);
    let p = d.p_value.unwrap();
    assert!(p > 0.01 && p < 0.05, "p {p}: only the test keeps it silent");
    let (with_x, _) = chi2_v(&[vec![30.0, 70.0], vec![45.0, 55.0], vec![0.0, 29.0]]);
    assert!(with_x > 13.82, "chi2 {with_x} over F, M and X: p < 0.001 at 2 dof");
}

/// Rows without a label count in the group's rows but not in its rate; a group with fewer than 30
/// labelled rows is too small even with more rows.
#[test]
fn label_disparity_rates_are_over_labelled_rows() {
    let mut rows = outcome_rows(&[("F", 100, 20), ("M", 100, 50), ("X", 25, 5)]);
    for _ in 0..20 {
        rows.push("F,".into());
    }
    for _ in 0..10 {
        rows.push("X,NA".into());
    }
    let r = run_with(&csv("sex,y", &rows), &Options::default());
    let d = &r.bias.bias[0];
    let g = |v: &str| d.groups.iter().find(|g| g.value == v).unwrap();
    assert_eq!((g("F").count, g("F").rate), (120, Some(0.2)));
    assert_eq!((g("X").count, g("X").rate, g("X").too_small), (35, Some(0.2), true));
    // The test: labelled rows of the judged groups only (X, 25 labelled, is left out).
    let (chi2, _) = chi2_v(&[vec![20.0, 80.0], vec![50.0, 50.0]]);
    close("chi2 over labelled rows", d.chi2.unwrap(), chi2);
    assert_eq!(d.dof, Some(1));
}

#[test]
fn label_disparity_needs_a_label() {
    let opts = Options { propose_roles: false, sensitive: Some(vec!["sex".into()]), ..Options::default() };
    let r = run_with(&outcome_csv(&[("F", 1000, 200), ("M", 1000, 400)]), &opts);
    none(&r, "label-disparity");
    assert!(r.bias.bias.is_empty() && r.bias.roles.label.is_none());
    assert_eq!(r.bias.representation.len(), 1);
}

#[test]
fn label_disparity_compares_the_outcome_asked_for() {
    let input = outcome_csv(&[("F", 1000, 200), ("M", 1000, 400)]);
    let r = run_with(&input, &Options { outcome: Some("no".into()), ..Options::default() });
    let d = &r.bias.bias[0];
    assert_eq!(d.outcome.as_deref(), Some("no"));
    close("impact ratio of 'no'", d.impact_ratio.unwrap(), 0.6 / 0.8);
    // 'no' rates 80% vs 60%: ratio 0.75 < 0.8, same test and effect size: it fires.
    close("metric", one(&r, "label-disparity").metric, 0.75);
    assert_eq!(one(&r, "label-disparity").outcome.as_deref(), Some("no"));
    // A class the label does not have: an error, and the automatic choice (the rarer class).
    let r = run_with(&input, &Options { outcome: Some("maybe".into()), ..Options::default() });
    assert_eq!(r.bias.bias[0].outcome.as_deref(), Some("yes"));
    let e: Vec<_> = r.errors.iter().filter(|e| e.kind == "unknown-class").collect();
    assert_eq!(e.len(), 1, "{:?}", r.errors);
    assert_eq!(
        e[0].message,
        "outcome 'maybe' is not a class of the label; classes are: yes, no (the automatic choice was used)"
    );
}

/// Each sex and each race alone has equal rates; only the pairs differ (40% vs 20%): the
/// intersection is reported, once, and nothing else.
#[test]
fn label_disparity_fires_on_an_intersection_worse_than_its_columns() {
    let mut rows = Vec::new();
    for (s, r, yes) in [("F", "A", 200), ("F", "B", 100), ("M", "A", 100), ("M", "B", 200)] {
        for i in 0..500 {
            rows.push(format!("{s},{r},{}", if i < yes { "yes" } else { "no" }));
        }
    }
    let r = run_with(&csv("sex,race,y", &rows), &Options::default());
    for d in &r.bias.bias {
        assert_eq!(d.impact_ratio, Some(1.0), "{:?} alone is fair", d.sensitive);
    }
    assert_eq!(bias_findings(&r), [("label-disparity", vec!["sex".to_string(), "race".to_string()])]);
    let f = one(&r, "label-disparity");
    close("metric", f.metric, 0.5);
    assert_eq!(f.title.split(" (").next().unwrap(), "rate of y = yes by sex × race: M & B 40% vs F & B 20%");
    let d = &r.bias.intersections[0];
    let names: Vec<&str> = d.groups.iter().map(|g| g.value.as_str()).collect();
    assert_eq!(sorted(names), ["F & A", "F & B", "M & A", "M & B"]);
    let (chi2, v) = chi2_v(&[vec![200.0, 300.0], vec![100.0, 400.0], vec![100.0, 400.0], vec![200.0, 300.0]]);
    close("chi2", d.chi2.unwrap(), chi2);
    close("V", d.cramers_v.unwrap(), v);
}

/// A numeric label (more distinct values than classes are kept): mean per group, the correlation
/// ratio and the standardised mean difference; fires at |SMD| ≥ 0.5.
fn numeric_label(shift: f64) -> (Vec<u8>, Vec<Vec<f64>>) {
    let mut rows = Vec::new();
    let mut groups = vec![Vec::new(), Vec::new()];
    for (gi, g) in ["F", "M"].iter().enumerate() {
        for i in 0..200 {
            let x = 50.0 + f64::from(i % 40) * 0.5 + if gi == 1 { shift } else { 0.0 };
            groups[gi].push(x);
            rows.push(format!("{g},{x}"));
        }
    }
    (csv("gender,score", &rows), groups)
}

#[test]
fn label_disparity_numeric_label_gives_means_and_smd() {
    let opts = Options { label: Some("score".into()), ..Options::default() };
    // Within-group sd ≈ 5.84: a shift of 3.5 is an SMD of 0.6.
    let (input, groups) = numeric_label(3.5);
    let r = run_with(&input, &opts);
    let d = &r.bias.bias[0];
    assert_eq!((d.outcome.as_deref(), d.chi2, d.p_value, d.dof), (None, None, None, None));
    assert_eq!((d.impact_ratio, d.cramers_v), (None, None), "no rates, no contingency table");
    for (g, xs) in d.groups.iter().zip(&groups) {
        assert_eq!(g.rate, None);
        close(&format!("{} mean", g.value), g.mean.unwrap(), mean(xs));
    }
    close("smd", d.smd.unwrap(), smd(&groups));
    assert!(d.smd.unwrap() > 0.5);
    close("correlation ratio", d.correlation_ratio.unwrap(), eta(&groups));
    close("parity difference of means", d.parity_difference.unwrap(), 3.5);
    let f = one(&r, "label-disparity");
    close("metric", f.metric, smd(&groups));
    assert_eq!(values(f)[0], format!("F: mean score = {:.4} over 200 rows", mean(&groups[0])));
    assert!(f.title.starts_with("mean 'score' by gender: F 59.7500 vs M 63.2500"), "{}", f.title);
    let v = json(&r);
    assert_eq!(v["bias"][0]["groups"][0]["rate"], Value::Null);
    assert_eq!((&v["bias"][0]["impact_ratio"], &v["bias"][0]["cramers_v"]), (&Value::Null, &Value::Null));

    // A shift of 2.5 is an SMD of 0.43: no finding.
    let (input, groups) = numeric_label(2.5);
    let r = run_with(&input, &opts);
    none(&r, "label-disparity");
    close("smd", r.bias.bias[0].smd.unwrap(), smd(&groups));
    assert!(smd(&groups) < 0.5);
}

/// Three classes: each is compared in turn, and each on its own evidence (that class against the
/// rest). The 'A' and 'B' rates differ strongly by sex; the 'C' rate hardly (1% vs 1.3%: C
/// against not-C, p ≈ 0.33 and V ≈ 0.01), so 'C' gets its own small V and no finding, whatever
/// the whole sex × class table says.
#[test]
fn label_disparity_judges_each_class_on_its_own_evidence() {
    let mut rows = Vec::new();
    let table = [("F", 2400, 1560, 40), ("M", 1200, 2748, 52)];
    for (s, a, b, c) in table {
        for (class, n) in [("A", a), ("B", b), ("C", c)] {
            rows.extend(std::iter::repeat_n(format!("{s},{class}"), n));
        }
    }
    let r = run_with(&csv("sex,label", &rows), &Options::default());
    let outcomes: Vec<Option<&str>> = r.bias.bias.iter().map(|d| d.outcome.as_deref()).collect();
    assert_eq!(sorted(outcomes.into_iter().map(Option::unwrap).collect()), ["A", "B", "C"]);
    for (i, class) in ["A", "B", "C"].into_iter().enumerate() {
        let d = r.bias.bias.iter().find(|d| d.outcome.as_deref() == Some(class)).unwrap();
        let yes = |t: (&str, usize, usize, usize)| [t.1, t.2, t.3][i] as f64;
        let (chi2, v) =
            chi2_v(&[vec![yes(table[0]), 4000.0 - yes(table[0])], vec![yes(table[1]), 4000.0 - yes(table[1])]]);
        close(&format!("chi2 of {class}"), d.chi2.unwrap(), chi2);
        close(&format!("V of {class}"), d.cramers_v.unwrap(), v);
        assert_eq!(d.dof, Some(1), "{class} against the rest");
    }
    let c = r.bias.bias.iter().find(|d| d.outcome.as_deref() == Some("C")).unwrap();
    close("impact ratio of C", c.impact_ratio.unwrap(), 40.0 / 52.0);
    assert!(c.cramers_v.unwrap() < 0.02, "V of C {:?}", c.cramers_v);
    assert!(c.p_value.unwrap() > 0.1, "p of C {:?}", c.p_value);
    // The whole table's V (0.30) belongs to A and B, not to C.
    let whole = [vec![2400.0, 1560.0, 40.0], vec![1200.0, 2748.0, 52.0]];
    assert!(chi2_v(&whole).1 > 0.25);
    let mut fired: Vec<&str> =
        r.findings.iter().filter(|f| f.id == "label-disparity").filter_map(|f| f.outcome.as_deref()).collect();
    fired.sort_unstable();
    assert_eq!(fired, ["A", "B"], "'C' hardly differs");
    let a = r.findings.iter().find(|f| f.outcome.as_deref() == Some("A")).unwrap();
    assert!(a.title.starts_with("rate of label = A by sex: F 60% vs M 30% (ratio 0.50;"), "{}", a.title);
}

/// A numeric label, like a categorical one, is reported on an intersection worse than each of its
/// columns: here each sex and each race alone has the same mean (SMD 0), and the pairs differ by
/// an SMD of 1.7. The intersection rule compares impact ratios, which a numeric label no longer
/// has (null since the correlation ratio took its place), so the pair is never reported.
#[test]

fn label_disparity_numeric_label_fires_on_an_intersection_worse_than_its_columns() {
    let mut rows = Vec::new();
    for (sex, race, base) in [("F", "A", 50.0), ("F", "B", 60.0), ("M", "A", 60.0), ("M", "B", 50.0)] {
        for i in 0..200 {
            rows.push(format!("{sex},{race},{}", base + f64::from(i % 40) * 0.5));
        }
    }
    let r = run_with(&csv("sex,race,score", &rows), &Options { label: Some("score".into()), ..Options::default() });
    for d in &r.bias.bias {
        assert!(d.smd.unwrap().abs() < 1e-9, "{:?} alone is fair", d.sensitive);
    }
    let d = &r.bias.intersections[0];
    assert!(d.smd.unwrap() > 1.5, "smd {:?}", d.smd);
    assert_eq!(bias_findings(&r), [("label-disparity", vec!["sex".to_string(), "race".to_string()])]);
}

// ---------------------------------------------------------------------------------------------
// proxy-for-sensitive
// ---------------------------------------------------------------------------------------------

/// `sex,dept`: 1,000 F and 1,000 M; `a_f` of the F rows and `1000 - a_f` of the M rows have
/// dept = a, the others b. The plain Cramér's V = |2·a_f/1000 − 1|; the bias-corrected V is a
/// little lower (0.5196 for a_f = 760, 0.4796 for 740).
fn dept(a_f: usize) -> Vec<u8> {
    let mut rows = Vec::new();
    for i in 0..1000 {
        rows.push(format!("F,{}", if i < a_f { "a" } else { "b" }));
    }
    for i in 0..1000 {
        rows.push(format!("M,{}", if i < 1000 - a_f { "a" } else { "b" }));
    }
    csv("sex,dept", &rows)
}

#[test]
fn proxy_for_sensitive_fires_at_cramers_v_half() {
    let r = run(&dept(760));
    assert_eq!(bias_ids(&r), ["proxy-for-sensitive"]);
    let f = one(&r, "proxy-for-sensitive");
    assert_eq!(f.columns, ["dept", "sex"]);
    let v = bergsma_v(&[vec![760.0, 240.0], vec![240.0, 760.0]]);
    close("metric", f.metric, v);
    assert!(v > 0.5 && v < 0.52, "corrected V {v} just under the plain 0.52");
    assert_eq!(f.threshold, 0.5);
    assert_eq!(f.title, "'dept' is a proxy for 'sex' (bias-corrected Cramér's V 0.52)");
    assert_eq!(lines(f), [2, 762]);
    assert_eq!(values(f), ["dept = a: 76% of 1,000 rows have sex = F", "dept = b: 76% of 1,000 rows have sex = M"]);
    assert_eq!(r.bias.proxies[0].measure, "cramers_v_corrected");
    assert_eq!(json(&r)["proxies"][0]["measure"], "cramers_v_corrected");
}

#[test]
fn proxy_for_sensitive_near_miss_just_under_half() {
    let r = run(&dept(740));
    none(&r, "proxy-for-sensitive");
    close("association", r.bias.proxies[0].value, bergsma_v(&[vec![740.0, 260.0], vec![260.0, 740.0]]));
    assert!(r.bias.proxies[0].value < 0.48);
}

/// `gender,hours`: F hours 30..=49, M the same shifted by `shift`.
fn hours(shift: u32) -> (Vec<u8>, Vec<Vec<f64>>) {
    let mut rows = Vec::new();
    let mut groups = vec![Vec::new(), Vec::new()];
    for i in 0..400u32 {
        let (g, gi) = if i % 2 == 0 { ("F", 0) } else { ("M", 1) };
        let h = 30 + (i / 2) % 20 + if gi == 1 { shift } else { 0 };
        groups[gi].push(f64::from(h));
        rows.push(format!("{g},{h}"));
    }
    (csv("gender,hours", &rows), groups)
}

#[test]
fn proxy_for_sensitive_numeric_column_uses_the_correlation_ratio() {
    let (input, groups) = hours(9);
    let r = run(&input);
    let f = one(&r, "proxy-for-sensitive");
    close("eta", f.metric, eta(&groups));
    assert!(f.metric > 0.6);
    assert_eq!(f.title, format!("'hours' is a proxy for 'gender' (correlation ratio {:.2})", eta(&groups)));
    assert_eq!(r.bias.proxies[0].measure, "correlation_ratio");
    assert_eq!(
        values(f),
        [
            format!("gender = F: mean hours {:.4}", mean(&groups[0])),
            format!("gender = M: mean hours {:.4}", mean(&groups[1]))
        ]
    );
    let (input, groups) = hours(5);
    let r = run(&input);
    none(&r, "proxy-for-sensitive");
    close("eta", r.bias.proxies[0].value, eta(&groups));
    assert!(eta(&groups) < 0.5);
}

/// The label and the other sensitive columns are not proxy candidates, however associated.
#[test]
fn proxy_for_sensitive_skips_the_label_and_other_sensitive_columns() {
    let mut rows = Vec::new();
    for i in 0..400 {
        let sex = if i % 2 == 0 { "F" } else { "M" };
        let race = if i % 2 == 0 { "A" } else { "B" };
        let y = if i % 2 == 0 { "yes" } else { "no" };
        rows.push(format!("{sex},{race},{y},{}", i % 3));
    }
    let r = run_with(&csv("sex,race,y,k", &rows), &Options::default());
    let cols: Vec<(&str, &str)> = r.bias.proxies.iter().map(|p| (p.column.as_str(), p.sensitive.as_str())).collect();
    assert_eq!(cols, [("k", "sex"), ("k", "race")], "only k is a candidate");
    none(&r, "proxy-for-sensitive");
}

/// Independent data: `name` is unique per row and `sex` a fair coin. With 100 rows the
/// values × groups table is so sparse that the plain Cramér's V is about 0.55 whatever the data;
/// the bias correction takes it to (about) 0 and nothing fires.
#[test]
fn proxy_for_sensitive_near_miss_unique_values_in_small_data() {
    let mut rng = Rng(7);
    let sex: Vec<usize> = (0..100).map(|_| rng.below(2) as usize).collect();
    let rows: Vec<String> = sex.iter().enumerate().map(|(i, &s)| format!("n{i},{}", ["F", "M"][s])).collect();
    let r = run(&csv("name,sex", &rows));
    none(&r, "proxy-for-sensitive");
    // Computed (100 rows is enough), and silent because of the correction. A proxy candidate
    // keeps its first 30 values and pools the rest: 30 rows of one row each, and a pool of 70.
    let mut table: Vec<Vec<f64>> =
        sex[..30].iter().map(|&s| if s == 0 { vec![1.0, 0.0] } else { vec![0.0, 1.0] }).collect();
    table.push(vec![0.0; 2]);
    for &s in &sex[30..] {
        table[30][s] += 1.0;
    }
    let p = r.bias.proxies.iter().find(|p| p.column == "name").expect("a proxy entry for name");
    assert_eq!(p.measure, "cramers_v_corrected");
    close("corrected V", p.value, bergsma_v(&table));
    assert!(p.value < 0.2, "corrected V {}", p.value);
    assert!(chi2_v(&table).1 > 0.5, "the plain V would have fired: {}", chi2_v(&table).1);
}

/// Fewer than 100 rows with both values present: no association is computed, even for a perfect
/// copy; at 100 rows the same copy is a proxy.
#[test]
fn proxy_for_sensitive_near_miss_fewer_than_100_rows() {
    let rows = |n: usize| -> Vec<String> { (0..n).map(|i| ["F,a", "M,b"][i % 2].to_string()).collect() };
    let r = run(&csv("sex,dept", &rows(99)));
    none(&r, "proxy-for-sensitive");
    assert!(r.bias.proxies.is_empty(), "{:?}", r.bias.proxies);
    let r = run(&csv("sex,dept", &rows(100)));
    let f = one(&r, "proxy-for-sensitive");
    close("corrected V of a copy", f.metric, 1.0);
}

// ---------------------------------------------------------------------------------------------
// missingness-disparity
// ---------------------------------------------------------------------------------------------

/// `sex,note`: 1,000 F rows of which the first `f` have no note, then 1,000 M rows, the first
/// `m` without.
fn notes(f: usize, m: usize) -> Vec<u8> {
    let mut rows = Vec::new();
    for (g, k) in [("F", f), ("M", m)] {
        for i in 0..1000 {
            rows.push(format!("{g},{}", if i < k { "" } else { "ok" }));
        }
    }
    csv("sex,note", &rows)
}

#[test]
fn missingness_disparity_fires_on_a_gap_of_five_points_and_a_factor_two() {
    let r = run(&notes(100, 40));
    assert_eq!(bias_ids(&r), ["missingness-disparity"]);
    let f = one(&r, "missingness-disparity");
    assert_eq!(f.columns, ["note", "sex"]);
    close("metric", f.metric, 0.06);
    assert_eq!(f.threshold, 0.05);
    assert_eq!(f.title, "'note' is missing for 10% of sex = F but 4% of sex = M");
    assert_eq!(lines(f), [2, 1002]);
    assert_eq!(
        values(f),
        ["sex = F: 100 of 1,000 rows missing (10%), first here", "sex = M: 40 of 1,000 rows missing (4%), first here"]
    );
    assert_eq!(f.evidence_total, 140);
    let m = &r.bias.missingness[0];
    close("ratio", m.ratio.unwrap(), 2.5);
}

#[test]
fn missingness_disparity_near_miss_gap_under_five_points() {
    let r = run(&notes(90, 41));
    none(&r, "missingness-disparity");
    close("difference", r.bias.missingness[0].difference, 0.049);
}

#[test]
fn missingness_disparity_near_miss_factor_under_two() {
    let r = run(&notes(150, 90));
    none(&r, "missingness-disparity");
    close("difference", r.bias.missingness[0].difference, 0.06);
    close("ratio", r.bias.missingness[0].ratio.unwrap(), 15.0 / 9.0);
}

#[test]
fn missingness_disparity_fires_when_one_group_has_none_missing() {
    let r = run(&notes(60, 0));
    let f = one(&r, "missingness-disparity");
    close("metric", f.metric, 0.06);
    assert_eq!(r.bias.missingness[0].ratio, None, "infinite ratio");
    assert_eq!(json(&r)["missingness"][0]["ratio"], Value::Null);
}

#[test]
fn missingness_disparity_near_miss_small_groups_and_the_sensitive_column_itself() {
    let mut rows: Vec<String> = Vec::new();
    for i in 0..2000 {
        // 5% missing in each of F and M.
        rows.push(format!("{},{}", if i % 2 == 0 { "F" } else { "M" }, if i % 20 < 2 { "" } else { "ok" }));
    }
    // A group of 29 rows, every note missing; and rows whose sex is missing.
    for _ in 0..29 {
        rows.push("X,".into());
    }
    for _ in 0..100 {
        rows.push("?,ok".into());
    }
    let r = run(&csv("sex,note", &rows));
    none(&r, "missingness-disparity");
    let m: Vec<&str> = r.bias.missingness.iter().map(|m| m.column.as_str()).collect();
    assert_eq!(m, ["note"], "sex itself is not a missingness column");
    let groups: Vec<&str> = r.bias.missingness[0].groups.iter().map(|g| g.value.as_str()).collect();
    assert_eq!(sorted(groups), ["F", "M"], "X (29 rows) is not judged");
    assert_eq!(r.bias.representation[0].unknown, 100);
}

/// Independent data: `note` is missing for 5% of every row, whatever the group; 20 groups of 40
/// rows. Sampling noise alone gives a gap of at least 5 points and a ratio of 2 or more (or
/// infinite), but the chi-square test of group against missingness finds nothing (p ≥ 0.001), so
/// nothing fires.
#[test]
fn missingness_disparity_near_miss_independent_missingness_in_small_groups() {
    let mut rng = Rng(3);
    let mut rows = Vec::new();
    let mut table = vec![vec![0.0; 2]; 20];
    for (g, t) in table.iter_mut().enumerate() {
        for _ in 0..40 {
            let missing = rng.chance(0.05);
            t[usize::from(!missing)] += 1.0;
            rows.push(format!("g{g},{}", if missing { "" } else { "v" }));
        }
    }
    let r = run(&csv("race,note", &rows));
    none(&r, "missingness-disparity");
    let m = r.bias.missingness.iter().find(|m| m.column == "note").unwrap();
    assert_eq!(m.groups.len(), 20);
    // Gap and ratio alone would fire: only the test keeps it silent.
    assert!(m.difference >= 0.05, "difference {}", m.difference);
    assert!(m.ratio.is_none_or(|x| x >= 2.0), "ratio {:?}", m.ratio);
    let p = m.p_value.unwrap();
    assert!(p >= 0.001, "p {p}");
    // 43.82 is the chi-square critical value for p = 0.001 at 19 dof.
    let (chi2, _) = chi2_v(&table);
    assert!(chi2 < 43.82, "chi2 {chi2}");
}

/// The same gap as a finding (10% vs 4%) with too few rows for evidence: 100 rows a group,
/// p ≈ 0.1.
#[test]
fn missingness_disparity_near_miss_not_significant() {
    let mut rows = Vec::new();
    for (g, k) in [("F", 10), ("M", 4)] {
        for i in 0..100 {
            rows.push(format!("{g},{}", if i < k { "" } else { "ok" }));
        }
    }
    let r = run(&csv("sex,note", &rows));
    none(&r, "missingness-disparity");
    let m = &r.bias.missingness[0];
    close("difference", m.difference, 0.06);
    close("ratio", m.ratio.unwrap(), 2.5);
    let p = m.p_value.unwrap();
    assert!(p > 0.05 && p < 0.2, "p {p}");
}

// ---------------------------------------------------------------------------------------------
// (b) Generated data: the truth by construction
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Plant {
    /// P(label = yes) for F and for M.
    yes: (f64, f64),
    /// `dept` copies gender, with this probability of the other value instead (None: `dept` is
    /// one of four values, independent of everything).
    proxy_noise: Option<f64>,
    /// P(note missing) for F and for M.
    missing: (f64, f64),
}

const FAIR: Plant = Plant { yes: (0.3, 0.3), proxy_noise: None, missing: (0.1, 0.1) };

/// What each generated row holds, for recomputing the figures here.
struct Row {
    female: bool,
    dept: String,
    note_missing: bool,
    yes: bool,
}

const GEN_HEADER: &str = "id,gender,race,age,hours,city,dept,note,label";

/// `n` rows: gender F/M and race A/B/C uniform (both proposed as sensitive, balanced), age
/// uniform 18..=64 (proposed, binned), hours 20..=60 and city (8 values) independent of all, an id,
/// and dept, note and label as planted.
fn generate(n: usize, seed: u64, plant: Plant) -> (Vec<u8>, Vec<Row>) {
    let mut rng = Rng(seed);
    let mut text = Vec::new();
    let mut rows = Vec::new();
    for id in 1..=n {
        let female = rng.chance(0.5);
        let race = ["A", "B", "C"][rng.below(3) as usize];
        let age = 18 + rng.below(47);
        let hours = 20 + rng.below(41);
        let city = ["Lyon", "Oslo", "Rome", "Kyiv", "Lima", "Pune", "Suva", "Baku"][rng.below(8) as usize];
        let dept = match plant.proxy_noise {
            Some(noise) => {
                let copy = if rng.chance(noise) { !female } else { female };
                if copy { "D-F" } else { "D-M" }.to_string()
            }
            None => format!("D{}", 1 + rng.below(4)),
        };
        let (p_yes, p_miss) = if female { (plant.yes.0, plant.missing.0) } else { (plant.yes.1, plant.missing.1) };
        let note_missing = rng.chance(p_miss);
        let note = if note_missing { String::new() } else { format!("n{}", rng.below(3)) };
        let yes = rng.chance(p_yes);
        let gender = if female { "F" } else { "M" };
        let label = if yes { "yes" } else { "no" };
        text.push(format!("{id},{gender},{race},{age},{hours},{city},{dept},{note},{label}"));
        rows.push(Row { female, dept, note_missing, yes });
    }
    (csv(GEN_HEADER, &text), rows)
}

fn assert_roles_of_generated(r: &Report) {
    assert_eq!(r.label.as_deref(), Some("label"));
    let names: Vec<&str> = r.bias.roles.sensitive.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["gender", "race", "age"]);
}

#[test]
fn generated_fair_data_raises_no_bias_finding() {
    for seed in 1..=5 {
        let (input, _) = generate(3000, seed, FAIR);
        let r = run(&input);
        assert_roles_of_generated(&r);
        assert!(bias_findings(&r).is_empty(), "seed {seed}: {:#?}", bias_findings(&r));
        // The analysis ran: every table is there.
        assert_eq!(r.bias.representation.len(), 3);
        assert_eq!(r.bias.bias.len(), 3);
        assert_eq!(r.bias.intersections.len(), 3);
        assert_eq!(r.bias.proxies.len(), 3 * 5, "id, hours, city, dept, note for each sensitive column");
        assert!(r.bias.missingness.iter().any(|m| m.column == "note"));
        for p in &r.bias.proxies {
            assert!(p.value < 0.2, "seed {seed}: {} for {}: {}", p.column, p.sensitive, p.value);
        }
    }
}

#[test]
fn generated_outcome_disparity_raises_exactly_label_disparity() {
    let (input, rows) = generate(3000, 11, Plant { yes: (0.15, 0.35), ..FAIR });
    let r = run(&input);
    assert_roles_of_generated(&r);
    assert_eq!(bias_ids(&r), ["label-disparity"]);
    // The marginal on gender fires; any intersection that fires involves gender.
    let f = on(&r, "label-disparity", &["gender"]);
    for (_, cols) in bias_findings(&r) {
        assert!(cols.contains(&"gender".to_string()), "{cols:?}");
    }
    // The figures, recomputed from the generated rows.
    let count = |female: bool| rows.iter().filter(|x| x.female == female).count();
    let yes = |female: bool| rows.iter().filter(|x| x.female == female && x.yes).count();
    let (rf, rm) = (yes(true) as f64 / count(true) as f64, yes(false) as f64 / count(false) as f64);
    let d = r.bias.bias.iter().find(|d| d.sensitive == ["gender"]).unwrap();
    close("impact ratio", d.impact_ratio.unwrap(), rf / rm);
    close("metric", f.metric, rf / rm);
    let (chi2, v) = two_by_two((count(true), yes(true)), (count(false), yes(false)));
    close("chi2", d.chi2.unwrap(), chi2);
    close("V", d.cramers_v.unwrap(), v);
}

#[test]
fn generated_proxy_raises_exactly_proxy_for_sensitive() {
    let (input, rows) = generate(3000, 12, Plant { proxy_noise: Some(0.05), ..FAIR });
    let r = run(&input);
    assert_roles_of_generated(&r);
    assert_eq!(bias_findings(&r), [("proxy-for-sensitive", vec!["dept".to_string(), "gender".to_string()])]);
    let mut table = vec![vec![0.0; 2]; 2];
    for x in &rows {
        table[usize::from(x.dept == "D-M")][usize::from(!x.female)] += 1.0;
    }
    let v = bergsma_v(&table);
    close("corrected V", one(&r, "proxy-for-sensitive").metric, v);
    assert!(v > 0.85);
    assert!(v < chi2_v(&table).1, "the correction lowers V");
}

#[test]
fn generated_missingness_gap_raises_exactly_missingness_disparity() {
    let (input, rows) = generate(3000, 13, Plant { missing: (0.2, 0.03), ..FAIR });
    let r = run(&input);
    assert_roles_of_generated(&r);
    assert_eq!(bias_findings(&r), [("missingness-disparity", vec!["note".to_string(), "gender".to_string()])]);
    let rate = |female: bool| {
        let g: Vec<&Row> = rows.iter().filter(|x| x.female == female).collect();
        g.iter().filter(|x| x.note_missing).count() as f64 / g.len() as f64
    };
    close("difference", one(&r, "missingness-disparity").metric, rate(true) - rate(false));
}

// ---------------------------------------------------------------------------------------------
// (c) Roles
// ---------------------------------------------------------------------------------------------

const ROLES_HEADER: &str = "ID,Gender,native_country,Age,Marital Status,income_bracket,Target,Agency";

fn roles_csv() -> Vec<u8> {
    let mut rows = Vec::new();
    for i in 0..200 {
        let g = if i % 2 == 0 { "F" } else { "M" };
        let c = ["US", "MX", "IN"][i % 3];
        let m = ["single", "married"][i % 2];
        let inc = ["low", "high"][(i / 2) % 2];
        let t = if i % 5 == 0 { "1" } else { "0" };
        rows.push(format!("{i},{g},{c},{},{m},{inc},{t},ag{}", 18 + i % 60, i % 4));
    }
    csv(ROLES_HEADER, &rows)
}

/// (label name, proposed) and (sensitive name, proposed, binned) for each sensitive column.
type Roles = (Option<(String, bool)>, Vec<(String, bool, bool)>);

fn roles(r: &Report) -> Roles {
    let label = r.bias.roles.label.as_ref().map(|l| (l.name.clone(), l.proposed));
    let sens = r.bias.roles.sensitive.iter().map(|s| (s.name.clone(), s.proposed, s.bins.is_some())).collect();
    (label, sens)
}

fn role(name: &str, proposed: bool, binned: bool) -> (String, bool, bool) {
    (name.to_string(), proposed, binned)
}

#[test]
fn roles_are_proposed_from_names_case_and_separators_aside() {
    let r = run(&roles_csv());
    let (label, sens) = roles(&r);
    assert_eq!(label, Some(("Target".to_string(), true)));
    assert_eq!(r.label.as_deref(), Some("Target"));
    // "Agency" starts with "Age" but is not an age; income_bracket is not a label name.
    assert_eq!(
        sens,
        [
            role("Gender", true, false),
            role("native_country", true, false),
            role("Age", true, true),
            role("Marital Status", true, false)
        ]
    );
    let v = json(&r);
    assert_eq!(v["roles"]["sensitive"][2]["bins"], serde_json::json!(AGE_BINS));
    // Age is bucketed: 18..=77 gives 18-24 up to 65+.
    let age = v["representation"].as_array().unwrap().iter().find(|x| x["sensitive"] == "Age").unwrap();
    let bins: Vec<&str> = age["groups"].as_array().unwrap().iter().map(|g| g["value"].as_str().unwrap()).collect();
    assert_eq!(bins, ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"]);
    // A 0/1 label is categorical: the rarer class, '1', is compared.
    assert!(r.bias.bias.iter().all(|d| d.outcome.as_deref() == Some("1")));
    // The text rendering says which roles were proposed.
    assert!(r.to_text().contains(
        "BIAS  label 'Target' (proposed from its name); sensitive: 'Gender', 'native_country', 'Age' (age bins), \
         'Marital Status' (proposed from their names unless marked given)"
    ));
}

#[test]
fn given_roles_override_proposals() {
    let opts = Options {
        label: Some("income_bracket".into()),
        sensitive: Some(vec!["native_country".into(), "Agency".into()]),
        ..Options::default()
    };
    let r = run_with(&roles_csv(), &opts);
    let (label, sens) = roles(&r);
    assert_eq!(label, Some(("income_bracket".to_string(), false)));
    assert_eq!(sens, [role("native_country", false, false), role("Agency", false, false)]);
    assert_eq!(r.bias.representation.len(), 2);
    assert!(r.bias.bias.iter().all(|d| d.label == "income_bracket"));
    // Given label, proposed sensitive columns.
    let r = run_with(&roles_csv(), &Options { label: Some("income_bracket".into()), ..Options::default() });
    let (label, sens) = roles(&r);
    assert_eq!(label, Some(("income_bracket".to_string(), false)));
    assert_eq!(sens.len(), 4);
    assert!(sens.iter().all(|s| s.1));
    // Given sensitive, proposed label.
    let r = run_with(&roles_csv(), &Options { sensitive: Some(vec!["Gender".into()]), ..Options::default() });
    assert_eq!(roles(&r), (Some(("Target".to_string(), true)), vec![role("Gender", false, false)]));
}

#[test]
fn no_proposals_means_no_roles_and_no_bias_tables() {
    let r = run_with(&roles_csv(), &Options { propose_roles: false, ..Options::default() });
    assert_eq!(roles(&r), (None, vec![]));
    assert_eq!(r.label, None);
    let b = &r.bias;
    assert!(b.representation.is_empty() && b.bias.is_empty() && b.intersections.is_empty());
    assert!(b.proxies.is_empty() && b.missingness.is_empty());
    assert!(bias_findings(&r).is_empty());
    assert!(!r.to_text().contains("BIAS"));
    assert!(!r.to_markdown().contains("## Bias"));
    // Given roles still apply without proposals.
    let opts = Options { propose_roles: false, sensitive: Some(vec!["Gender".into()]), ..Options::default() };
    let r = run_with(&roles_csv(), &opts);
    assert_eq!(roles(&r), (None, vec![role("Gender", false, false)]));
    assert!(r.bias.bias.is_empty(), "no label: no disparity");
    assert_eq!(r.bias.representation.len(), 1);
}

#[test]
fn an_empty_sensitive_list_turns_the_bias_analysis_off() {
    let r = run_with(&roles_csv(), &Options { sensitive: Some(vec![]), ..Options::default() });
    assert_eq!(roles(&r), (Some(("Target".to_string(), true)), vec![]));
    assert!(r.bias.representation.is_empty() && r.bias.proxies.is_empty() && r.bias.missingness.is_empty());
    assert!(bias_findings(&r).is_empty());
    let v = json(&r);
    for k in ["representation", "bias", "intersections", "proxies", "missingness"] {
        assert_eq!(v[k], serde_json::json!([]), "{k}");
    }
}

#[test]
fn an_unknown_sensitive_column_is_reported() {
    let opts = Options { sensitive: Some(vec!["Gender".into(), "nope".into()]), ..Options::default() };
    let r = run_with(&roles_csv(), &opts);
    assert_eq!(roles(&r).1, [role("Gender", false, false)]);
    let hits: Vec<_> = r
        .errors
        .iter()
        .filter(|e| e.message.starts_with("sensitive column 'nope' not found; columns are: ID, Gender"))
        .collect();
    assert_eq!(hits.len(), 1, "{:?}", r.errors);
    assert_eq!(hits[0].line, 1);
    assert_eq!(r.errors_total, 1);
    // An unknown label too: one error, raised when the roles are resolved at the header.
    let r = run_with(&roles_csv(), &Options { label: Some("nope".into()), ..Options::default() });
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert_eq!(r.errors_total, 1);
    let e = &r.errors[0];
    assert_eq!(e.kind, "unknown-column");
    assert!(e.message.starts_with("label column 'nope' not found; columns are: ID, Gender"), "{}", e.message);
    assert_eq!(e.line, 1, "the header");
    assert!(r.bias.roles.label.is_none());
    assert!(r.bias.bias.is_empty());
    // An unknown label on an empty file (header only) is still reported.
    let r =
        run_with(format!("{ROLES_HEADER}\n").as_bytes(), &Options { label: Some("nope".into()), ..Options::default() });
    assert!(r.errors.iter().any(|e| e.message.starts_with("label column 'nope' not found")), "{:?}", r.errors);
}

/// A numeric label through the options: mean per group and SMD in the JSON.
#[test]
fn a_numeric_label_gives_mean_per_group_and_smd_in_json() {
    let (input, groups) = numeric_label(3.5);
    let r = run_with(&input, &Options { label: Some("score".into()), ..Options::default() });
    let v = json(&r);
    let d = disparity(&v, "bias", &["gender"], None);
    assert_eq!(d["outcome"], Value::Null);
    for k in ["impact_ratio", "chi2", "dof", "p_value", "cramers_v"] {
        assert_eq!(d[k], Value::Null, "{k}");
    }
    close("correlation ratio", fl(&d["correlation_ratio"]), eta(&groups));
    close("smd", fl(&d["smd"]), smd(&groups));
    close("F mean", fl(&group(&d["groups"], "F")["mean"]), mean(&groups[0]));
    close("M mean", fl(&group(&d["groups"], "M")["mean"]), mean(&groups[1]));
}

/// JSON Lines with the sensitive columns under a nested key (`person.sex`, `person.age`: the
/// latter bucketed as an age) and a boolean label.
#[test]
fn jsonl_with_nested_sensitive_keys() {
    let mut s = String::new();
    let mut n = [[0usize; 2]; 2];
    for i in 0..400usize {
        let female = i % 2 == 0;
        let hired = if female { i % 10 < 2 } else { i % 10 < 6 };
        n[usize::from(!female)][usize::from(hired)] += 1;
        let _ = writeln!(
            s,
            r#"{{"person": {{"sex": "{}", "age": {}}}, "hours": {}, "label": {hired}}}"#,
            if female { "F" } else { "M" },
            20 + i % 50,
            30 + i % 7
        );
    }
    let opts = Options { sensitive: Some(vec!["person.sex".into(), "person.age".into()]), ..Options::default() };
    let r = run_with(s.as_bytes(), &opts);
    assert_eq!(r.source.format, Some("jsonl"));
    assert_eq!(
        roles(&r),
        (Some(("label".to_string(), true)), vec![role("person.sex", false, false), role("person.age", false, true)])
    );
    let d = r.bias.bias.iter().find(|d| d.sensitive == ["person.sex"]).unwrap();
    assert_eq!(d.outcome.as_deref(), Some("true"), "the rarer class of a boolean label");
    let rate = |g: &str| d.groups.iter().find(|x| x.value == g).unwrap().rate.unwrap();
    assert_eq!((rate("F"), rate("M")), (0.2, 0.6));
    let (chi2, _) = chi2_v(&n.map(|r| r.map(|x| x as f64).to_vec()));
    close("chi2", d.chi2.unwrap(), chi2);
    let age = r.bias.representation.iter().find(|x| x.sensitive == "person.age").unwrap();
    let bins: Vec<&str> = age.groups.iter().map(|g| g.value.as_str()).collect();
    assert_eq!(bins, ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"]);
    assert_eq!(age.groups.iter().map(|g| g.count).sum::<u64>(), 400);
    on(&r, "label-disparity", &["person.sex"]);
}

/// Proposals also match the last segment of a flattened JSON key: `user.sex` and `user.age`
/// (bucketed as an age) are proposed as sensitive, `meta.label` as the label.
#[test]
fn jsonl_roles_are_proposed_from_the_last_segment_of_nested_keys() {
    let mut s = String::new();
    for i in 0..200usize {
        let _ = writeln!(
            s,
            r#"{{"id": {i}, "user": {{"sex": "{}", "age": {}, "city": "c{}"}}, "meta": {{"label": "{}"}}}}"#,
            ["F", "M"][i % 2],
            20 + i % 50,
            i % 3,
            ["no", "yes"][i % 3 / 2]
        );
    }
    let r = run(s.as_bytes());
    assert_eq!(r.source.format, Some("jsonl"));
    // Sensitive names match a nested key's last segment; a label only matches a whole name (a
    // nested `position.y` is not a label), so `meta.label` is not proposed.
    assert_eq!(roles(&r), (None, vec![role("user.sex", true, false), role("user.age", true, true)]));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(r.bias.bias.is_empty(), "no label, no disparity entries");
    let given = Options { label: Some("meta.label".into()), ..Options::default() };
    let r = run_with(s.as_bytes(), &given);
    assert_eq!(roles(&r).0, Some(("meta.label".to_string(), false)));
    assert_eq!(r.bias.bias.len(), 2);
}

/// JSON Lines: roles are chosen from the first record's keys (documented). A sensitive key given
/// but first appearing in a later record is an explicit `unknown-column` error saying so, and is
/// left out; a proposal does not see it.
#[test]
fn jsonl_sensitive_key_absent_from_the_first_record() {
    let mut s = String::from("{\"id\": 0, \"y\": \"no\"}\n");
    for i in 1..200 {
        let _ =
            writeln!(s, "{{\"id\": {i}, \"sex\": \"{}\", \"y\": \"{}\"}}", ["F", "M"][i % 2], ["no", "yes"][i % 3 / 2]);
    }
    let r = run_with(s.as_bytes(), &Options { sensitive: Some(vec!["sex".into()]), ..Options::default() });
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert_eq!(r.errors_total, 1);
    let e = &r.errors[0];
    assert_eq!(e.kind, "unknown-column");
    assert_eq!(
        e.message,
        "sensitive column 'sex' not found in the first record (JSON roles are chosen from the first record's keys); \
         columns are: id, y"
    );
    assert_eq!(e.line, 1);
    assert_eq!(roles(&r), (Some(("y".to_string(), true)), vec![]));
    assert!(r.bias.representation.is_empty() && r.bias.bias.is_empty());
    // Proposals are chosen from the first record's keys too: 'sex' is not proposed, silently.
    let r = run_with(s.as_bytes(), &Options::default());
    assert_eq!(roles(&r).1, []);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
}

/// The same for a given label: an explicit error, and no outcome analysis (the label stays the
/// report's label for class-imbalance and conflicting-labels, which read every record).
#[test]
fn jsonl_label_key_absent_from_the_first_record() {
    let mut s = String::from("{\"id\": 0, \"sex\": \"F\"}\n");
    for i in 1..200 {
        let _ = writeln!(s, "{{\"id\": {i}, \"sex\": \"{}\", \"y\": \"{}\"}}", ["F", "M"][i % 2], ["no", "yes"][i % 2]);
    }
    let r = run_with(s.as_bytes(), &Options { label: Some("y".into()), ..Options::default() });
    assert_eq!(r.label.as_deref(), Some("y"));
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert_eq!(r.errors_total, 1, "one error, not a second one at the end");
    let e = &r.errors[0];
    assert_eq!(e.kind, "unknown-column");
    assert_eq!(
        e.message,
        "label column 'y' not found in the first record (JSON roles are chosen from the first record's keys); \
         columns are: id, sex"
    );
    assert_eq!(e.line, 1);
    assert_eq!(roles(&r), (None, vec![role("sex", true, false)]));
    assert!(r.bias.bias.is_empty() && r.bias.intersections.is_empty());
    assert_eq!(r.bias.representation.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// (d) Merge
// ---------------------------------------------------------------------------------------------

fn profile_of(input: &[u8], opts: &Options) -> (Profile, datalint::report::Source) {
    let mut s = session(opts);
    for c in input.chunks(4093) {
        s.feed(c);
    }
    let (p, source, _) = s.finish_profile();
    (p, source)
}

/// Moves the line-bearing parts of the bias accumulators by `by` lines.
fn shift_bias(b: &mut Groups, by: u64) {
    let shift = |l: &mut u64| {
        if *l > 0 {
            *l += by;
        }
    };
    for s in &mut b.sensitive {
        s.first_line.iter_mut().for_each(shift);
        s.missing_first.cells.iter_mut().for_each(shift);
    }
    for p in &mut b.proxies {
        p.first_line.iter_mut().for_each(shift);
    }
    for p in &mut b.pairs {
        p.first_line.values_mut().for_each(shift);
    }
}

/// Equal JSON, numbers within 1e-12 × max(|want|, 1) (moments are summed in another order, and a
/// correlation ratio near 0 comes from a difference of nearly equal sums).
fn assert_json_close(path: &str, got: &Value, want: &Value) {
    match (got, want) {
        (Value::Number(g), Value::Number(w)) => {
            let (g, w) = (g.as_f64().unwrap(), w.as_f64().unwrap());
            assert!((g - w).abs() <= 1e-12 * w.abs().max(1.0), "{path}: {g} vs {w}");
        }
        (Value::Array(g), Value::Array(w)) => {
            assert_eq!(g.len(), w.len(), "{path}: length");
            for (i, (g, w)) in g.iter().zip(w).enumerate() {
                assert_json_close(&format!("{path}[{i}]"), g, w);
            }
        }
        (Value::Object(g), Value::Object(w)) => {
            assert_eq!(g.keys().collect::<Vec<_>>(), w.keys().collect::<Vec<_>>(), "{path}: keys");
            for (k, w) in w {
                assert_json_close(&format!("{path}.{k}"), &g[k], w);
            }
        }
        (g, w) => assert_eq!(g, w, "{path}"),
    }
}

/// The bias part of a report: its tables and the bias findings (with evidence).
fn bias_part(r: &Report) -> Value {
    let v = json(r);
    let findings: Vec<Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| BIAS_IDS.contains(&f["id"].as_str().unwrap()))
        .cloned()
        .collect();
    serde_json::json!({
        "roles": v["roles"], "representation": v["representation"], "bias": v["bias"],
        "intersections": v["intersections"], "proxies": v["proxies"], "missingness": v["missingness"],
        "findings": findings,
    })
}

/// Splits the rows at `k`, profiles both halves (each with the header), merges, and compares the
/// bias part of the merged report with the whole's.
fn assert_merge_matches(header: &str, rows: &[String], k: usize, opts: &Options) {
    let (whole, source) = profile_of(&csv(header, rows), opts);
    let (mut a, _) = profile_of(&csv(header, &rows[..k]), opts);
    let (mut b, _) = profile_of(&csv(header, &rows[k..]), opts);
    shift_bias(b.groups.as_mut().unwrap(), k as u64);
    a.merge(b);
    let merged = datalint::report_for(&a, source.clone(), opts);
    let whole = datalint::report_for(&whole, source, opts);
    assert_json_close(&format!("split {k}"), &bias_part(&merged), &bias_part(&whole));
}

fn generated_rows(n: usize, seed: u64, plant: Plant) -> Vec<String> {
    let (input, _) = generate(n, seed, plant);
    String::from_utf8(input).unwrap().lines().skip(1).map(String::from).collect()
}

#[test]
fn merged_halves_equal_the_whole_for_the_bias_tables() {
    let plant = Plant { yes: (0.15, 0.35), proxy_noise: Some(0.05), missing: (0.2, 0.03) };
    let rows = generated_rows(3000, 21, plant);
    let opts = Options::default();
    for k in [1, 1000, 1500, 2999] {
        assert_merge_matches(GEN_HEADER, &rows, k, &opts);
    }
    // Halves that see different groups and classes first (sorted by gender, then by label).
    let mut by_gender = rows.clone();
    by_gender.sort_by_key(|r| r.split(',').nth(1).map(String::from));
    let mut by_label = rows.clone();
    by_label.sort_by_key(|r| r.rsplit(',').next().map(String::from));
    for rows in [&by_gender, &by_label] {
        for k in [700, 1500, 2300] {
            assert_merge_matches(GEN_HEADER, rows, k, &opts);
        }
    }
    // A numeric label: group moments merge.
    let (input, _) = numeric_label(3.5);
    let rows: Vec<String> = String::from_utf8(input).unwrap().lines().skip(1).map(String::from).collect();
    let opts = Options { label: Some("score".into()), ..Options::default() };
    for k in [1, 150, 200, 399] {
        assert_merge_matches("gender,score", &rows, k, &opts);
    }
}

/// Known and accepted limitation (README, "Bounded memory"): merging is exact only while each
/// part's group index has room. Here the second part sees 50 new groups before the 10 the first
/// part already has, pools those 10 as "(other)" (first-seen capping at 50 groups), and the merge
/// keeps their rows in "(other)", where the whole file counts them in their own groups.
#[test]
#[ignore = "documented limitation: merge is inexact when a part's group index overflows (first-seen capping at 50 groups)"]
fn merge_is_exact_when_a_part_pools_groups_the_other_has() {
    let mut rows = Vec::new();
    for i in 0..400 {
        rows.push(format!("g{},{}", i % 10, ["no", "yes"][i % 3 / 2]));
    }
    for i in 0..2000 {
        rows.push(format!("h{},{}", i % 50, ["no", "yes"][i % 3 / 2]));
    }
    for i in 0..400 {
        rows.push(format!("g{},{}", i % 10, ["no", "yes"][i % 3 / 2]));
    }
    assert_merge_matches("race,label", &rows, 400, &Options::default());
}

// ---------------------------------------------------------------------------------------------
// (e) Chunk invariance
// ---------------------------------------------------------------------------------------------

#[test]
fn bias_output_is_the_same_in_1_byte_chunks() {
    // run_with compares the whole report; here the bias part is also checked to be non-trivial.
    let plant = Plant { yes: (0.15, 0.35), proxy_noise: Some(0.05), missing: (0.2, 0.03) };
    let (input, _) = generate(3000, 31, plant);
    let whole = bias_part(&feed(&input, &Options::default(), usize::MAX));
    let bytes = bias_part(&feed(&input, &Options::default(), 1));
    assert_eq!(whole, bytes);
    let ids: Vec<&str> = whole["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    for id in ["label-disparity", "proxy-for-sensitive", "missingness-disparity"] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    // The first 5,000 lines of Adult, whole and byte by byte; all of it in odd chunk sizes.
    let all = adult_bytes();
    let cut = all.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(5000).map(|(i, _)| i + 1).unwrap();
    let head = &all[..cut];
    let opts = adult_options();
    assert_eq!(bias_part(&feed(head, &opts, usize::MAX)), bias_part(&feed(head, &opts, 1)));
    let want = bias_part(&adult().0);
    for chunk in [7, 4093, usize::MAX] {
        assert_eq!(bias_part(&feed(&all, &opts, chunk)), want, "Adult in chunks of {chunk}");
    }
}

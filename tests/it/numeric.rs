//! Numeric checks only where they mean something (issue 11, item 2): planted truths on generated
//! tables of a few thousand rows, and the real taxis and adult files.
//!
//! - a heavy tail without outliers is a shape (`skewed`), never `outliers`;
//! - the same tail with three values cut off by a wide gap gives `outliers` on exactly those rows;
//! - flags, codes and small counts get neither check;
//! - a clean normal column gets nothing above info (and neither check).

use super::rng::Rng;
use datalint::{Finding, Options, Report, Session, Severity};
use std::fmt::Write as _;
use std::path::PathBuf;

fn run(input: &[u8]) -> Report {
    let mut s = Session::new(Options::default()).unwrap();
    s.feed(input);
    s.finish()
}

fn findings<'a>(r: &'a Report, id: &str, column: &str) -> Vec<&'a Finding> {
    r.findings.iter().filter(|f| f.id == id && f.columns.iter().any(|c| c == column)).collect()
}

fn normal(rng: &mut Rng) -> f64 {
    // Box-Muller; 1 - u keeps the logarithm finite.
    let (u, v) = (1.0 - rng.unit(), rng.unit());
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

const ROWS: usize = 3000;

/// Log-normal (μ 0, σ 1) values, rounded to 4 decimals, one per row.
fn lognormal(seed: u64) -> Vec<f64> {
    lognormal_n(seed, ROWS)
}

fn lognormal_n(seed: u64, rows: usize) -> Vec<f64> {
    let mut rng = Rng(seed);
    (0..rows).map(|_| (normal(&mut rng).exp() * 1e4).round() / 1e4).collect()
}

fn csv(name: &str, xs: &[f64]) -> Vec<u8> {
    let mut s = format!("{name}\n");
    for x in xs {
        let _ = writeln!(s, "{x}");
    }
    s.into_bytes()
}

/// Share of values beyond Q1 - 3 IQR or Q3 + 3 IQR (linear interpolation, as numpy).
fn beyond_fences(xs: &[f64]) -> f64 {
    let mut s = xs.to_vec();
    s.sort_by(f64::total_cmp);
    let q = |p: f64| {
        let h = (s.len() - 1) as f64 * p;
        let lo = h.floor() as usize;
        let hi = (lo + 1).min(s.len() - 1);
        s[lo] + (s[hi] - s[lo]) * (h - lo as f64)
    };
    let (q1, q3) = (q(0.25), q(0.75));
    let iqr = q3 - q1;
    s.iter().filter(|&&x| x < q1 - 3.0 * iqr || x > q3 + 3.0 * iqr).count() as f64 / s.len() as f64
}

#[test]
fn a_heavy_tail_without_a_gap_is_a_shape_not_outliers() {
    let xs = lognormal(11);
    let share = beyond_fences(&xs);
    assert!(share > 0.01, "the fixture must have a heavy tail on the linear scale: {share}");
    let r = run(&csv("income", &xs));
    assert!(findings(&r, "outliers", "income").is_empty(), "{:#?}", findings(&r, "outliers", "income"));
    let skew = findings(&r, "skewed", "income");
    assert_eq!(skew.len(), 1, "one shape finding");
    assert!(skew[0].title.contains("a heavy tail"), "{}", skew[0].title);
    assert!(skew[0].title.contains("not outliers"), "{}", skew[0].title);
}

#[test]
fn a_heavy_tail_with_three_values_past_a_gap_gives_exactly_those_three() {
    let mut xs = lognormal(11);
    // Rows 101, 1501 and 2901 (lines 102, 1502, 2902): four decades above the median, about two
    // and a half beyond the bulk's largest value on the log scale.
    for (i, v) in [(100usize, 12_000.0), (1500, 10_000.0), (2900, 11_000.0)] {
        xs[i] = v;
    }
    let r = run(&csv("income", &xs));
    let f = findings(&r, "outliers", "income");
    assert_eq!(f.len(), 1, "{:?}", r.findings.iter().map(|f| &f.title).collect::<Vec<_>>());
    let f = f[0];
    assert_eq!(f.evidence_total, 3);
    let lines: Vec<u64> = f.evidence.iter().map(|e| e.line).collect();
    assert_eq!(lines, [102, 2902, 1502], "most extreme first");
    let values: Vec<&str> = f.evidence.iter().map(|e| e.value.as_str()).collect();
    assert_eq!(values, ["12000", "11000", "10000"]);
    assert!(f.title.contains("cut off from the rest by a gap"), "{}", f.title);
    assert!(f.title.contains("IQR on a log10 scale"), "{}", f.title);
    assert!((f.metric - 3.0 / ROWS as f64).abs() < 1e-12);
    // The shape is still reported, once.
    assert_eq!(findings(&r, "skewed", "income").len(), 1);
}

#[test]
fn the_gap_is_found_when_the_quantiles_are_a_sketch() {
    // 60,000 values over a 1 MiB budget: the quantiles move to the sketch (about 39,000 values
    // fit), the kept extremes stay exact.
    let mut xs = lognormal_n(13, 60_000);
    for (i, v) in [(10usize, 20_000.0), (30_000, 15_000.0), (59_000, 25_000.0)] {
        xs[i] = v;
    }
    let opts = Options { memory_budget: 1 << 20, ..Options::default() };
    let mut s = Session::new(opts).unwrap();
    s.feed(&csv("income", &xs));
    let r = s.finish();
    let f = findings(&r, "outliers", "income");
    assert_eq!(f.len(), 1, "{:?}", r.findings.iter().map(|f| &f.title).collect::<Vec<_>>());
    assert!(f[0].approximate, "the quartiles come from the sketch");
    assert_eq!(f[0].evidence_total, 3);
    let lines: Vec<u64> = f[0].evidence.iter().map(|e| e.line).collect();
    assert_eq!(lines, [59_002, 12, 30_002]);
}

#[test]
fn flags_codes_and_small_counts_get_neither_check() {
    let mut rng = Rng(5);
    let mut s = String::from("flag,code,count,user_id,VendorID\n");
    for i in 0..ROWS {
        // A rare flag, a code that is mostly 1 (RatecodeID), a count 0-6 that is mostly 1
        // (passenger_count), an id code and a vendor code.
        let flag = u8::from(rng.chance(0.02));
        let code = if rng.chance(0.95) { 1 } else { 2 + rng.below(5) };
        let count = if rng.chance(0.9) { 1 } else { rng.below(7) };
        let _ = writeln!(s, "{flag},{code},{count},{},{}", 1000 + rng.below(40) * 37, 1 + u64::from(i % 50 == 0));
    }
    let r = run(s.as_bytes());
    for c in r.columns.iter().filter(|c| c.name == "flag" || c.name == "code") {
        assert!(c.skewness.is_some_and(|s| s > 2.0), "{} fixture: skewness {:?}", c.name, c.skewness);
    }
    for col in ["flag", "code", "count", "user_id", "VendorID"] {
        assert!(findings(&r, "outliers", col).is_empty(), "{col}: {:#?}", findings(&r, "outliers", col));
        assert!(findings(&r, "skewed", col).is_empty(), "{col}: {:#?}", findings(&r, "skewed", col));
    }
}

#[test]
fn a_clean_normal_column_raises_nothing_above_info() {
    let mut rng = Rng(7);
    let xs: Vec<f64> = (0..ROWS).map(|_| (50.0 + 10.0 * normal(&mut rng)) * 1e6).map(|x| x.round() / 1e6).collect();
    let r = run(&csv("height", &xs));
    assert!(findings(&r, "outliers", "height").is_empty());
    assert!(findings(&r, "skewed", "height").is_empty());
    let loud: Vec<&Finding> = r.findings.iter().filter(|f| f.severity > Severity::Info).collect();
    assert!(loud.is_empty(), "{loud:#?}");
}

fn shared(name: &str) -> Option<Vec<u8>> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data").join(name);
    std::fs::read(&p).ok()
}

#[test]
fn taxis_codes_and_counts_get_neither_check() {
    let Some(bytes) = shared("taxis.csv") else {
        eprintln!("taxis.csv is absent: skipped");
        return;
    };
    let r = run(&bytes);
    for col in
        ["RatecodeID", "trip_type", "passenger_count", "payment_type", "VendorID", "PULocationID", "DOLocationID"]
    {
        assert!(findings(&r, "skewed", col).is_empty(), "{col}: {:#?}", findings(&r, "skewed", col));
        assert!(findings(&r, "outliers", col).is_empty(), "{col}: {:#?}", findings(&r, "outliers", col));
    }
}

#[test]
fn taxis_voided_trips_are_negative_in_sibling_columns() {
    let Some(bytes) = shared("taxis.csv") else {
        eprintln!("taxis.csv is absent: skipped");
        return;
    };
    let r = run(&bytes);
    let f: Vec<&Finding> = r.findings.iter().filter(|f| f.id == "rare-negatives").collect();
    assert_eq!(f.len(), 1);
    // The 10 rows with a negative fare, MTA tax, improvement surcharge and total (checked with
    // Python's csv module).
    assert_eq!(f[0].evidence_total, 10);
    assert_eq!(f[0].evidence.first().map(|e| e.line), Some(2216));
    for col in ["fare_amount", "mta_tax", "improvement_surcharge", "total_amount"] {
        assert!(f[0].columns.iter().any(|c| c == col), "{col}: {:?}", f[0].columns);
    }
}

#[test]
fn adult_hours_per_week_has_no_outliers() {
    let Some(bytes) = shared("adult.csv") else {
        eprintln!("adult.csv is absent: skipped");
        return;
    };
    let r = run(&bytes);
    assert!(findings(&r, "outliers", "hours-per-week").is_empty(), "{:#?}", findings(&r, "outliers", "hours-per-week"));
    // education-num is a code 1 to 16.
    assert!(findings(&r, "skewed", "education-num").is_empty());
}

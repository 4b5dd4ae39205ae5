//! Planted-truth tests for `duplicate-columns`, `label-leakage` and `impossible-values`: tables
//! built here from a seeded generator, each with one planted problem, must raise exactly that
//! finding; a clean table of independent columns raises none of the three. Line numbers are
//! 1-based physical lines; the header is line 1, so row `i` (0-based) is on line `i + 2`.

use super::rng::Rng;
use datalint::{Finding, Options, Report, Session, Severity};
use std::path::PathBuf;

const ROWS: usize = 3000;
const NEW: [&str; 3] = ["duplicate-columns", "label-leakage", "impossible-values"];

/// Runs `csv` whole and in 7-byte chunks; both reports must be the same.
fn run(csv: &str, opts: &Options) -> Report {
    let go = |chunk: usize| {
        let mut s = Session::new(opts.clone()).unwrap();
        for c in csv.as_bytes().chunks(chunk) {
            s.feed(c);
        }
        s.finish()
    };
    let whole = go(usize::MAX);
    assert_eq!(whole.to_json(), go(7).to_json(), "chunking changed the report");
    whole
}

fn labelled(label: &str) -> Options {
    Options { label: Some(label.into()), ..Options::default() }
}

fn of<'a>(r: &'a Report, id: &str) -> Vec<&'a Finding> {
    r.findings.iter().filter(|f| f.id == id).collect()
}

/// The new checks' findings, as (id, columns).
fn new_findings(r: &Report) -> Vec<(&'static str, Vec<String>)> {
    r.findings.iter().filter(|f| NEW.contains(&f.id)).map(|f| (f.id, f.columns.clone())).collect()
}

/// A clean table: independent columns, a label independent of them. `extra` adds columns: it
/// gets the row index, the row's label and the generator, and returns (header, cell) pairs.
/// Extra columns of one row: (header, cell) pairs from the row index, its label and the generator.
type Extra<'a> = &'a dyn Fn(usize, &str, &mut Rng) -> Vec<(&'static str, String)>;

fn table(seed: u64, extra: Extra<'_>) -> String {
    let mut rng = Rng(seed);
    let cities = ["Oslo", "Lima", "Pune", "Kyiv", "Turin", "Quito", "Perth", "Accra"];
    let colours = ["red", "green", "blue", "amber", "violet"];
    let mut out = String::new();
    for i in 0..ROWS {
        let label = if rng.chance(0.5) { "yes" } else { "no" };
        let age = 18 + rng.below(63);
        let income = 1000.0 + (rng.unit() * 90_000.0).round();
        let city = cities[rng.below(cities.len() as u64) as usize];
        let colour = colours[rng.below(colours.len() as u64) as usize];
        let score = (rng.unit() * 1000.0).round() / 1000.0;
        let day = rng.below(6 * 365);
        let (y, rest) = (2015 + day / 365, day % 365);
        let date = format!("{y}-{:02}-{:02}", rest / 31 % 12 + 1, rest % 28 + 1);
        let mut cols: Vec<(&str, String)> = vec![
            ("age", age.to_string()),
            ("income", format!("{income:.1}")),
            ("city", city.into()),
            ("colour", colour.into()),
            ("score", format!("{score}")),
            ("visit_date", date),
        ];
        cols.extend(extra(i, label, &mut rng));
        cols.push(("label", label.into()));
        if i == 0 {
            out.push_str(&cols.iter().map(|c| c.0).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
        out.push_str(&cols.iter().map(|c| c.1.as_str()).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

#[test]
fn a_clean_table_raises_none_of_the_three() {
    for seed in [1, 2, 3] {
        let r = run(&table(seed, &|_, _, _| Vec::new()), &labelled("label"));
        assert_eq!(new_findings(&r), vec![], "seed {seed}");
        // The same without a declared label (roles may be proposed).
        let r = run(&table(seed, &|_, _, _| Vec::new()), &Options::default());
        assert_eq!(new_findings(&r), vec![], "seed {seed}, no label");
    }
}

#[test]
fn a_leaking_column_raises_label_leakage_only() {
    // 'followup' agrees with the label except in 1% of rows: accuracy about 99% against a
    // majority-class baseline of about 50%.
    let csv = table(11, &|_, label, rng| {
        let flip = rng.chance(0.01);
        let done = (label == "yes") != flip;
        vec![("followup", if done { "done" } else { "open" }.into())]
    });
    let r = run(&csv, &labelled("label"));
    assert_eq!(new_findings(&r), vec![("label-leakage", vec!["followup".to_string(), "label".to_string()])]);
    let f = of(&r, "label-leakage")[0];
    assert_eq!(f.severity, Severity::Warning, "accuracy under 99.5% is a warning: {}", f.title);
    assert!(f.metric > 0.98 && f.metric < 0.995, "{}", f.metric);
    assert_eq!(f.threshold, 0.98);
    assert!(f.title.starts_with("'followup' alone predicts the label 'label' with"), "{}", f.title);
    assert_eq!(f.evidence_total, 2);
    assert_eq!(f.evidence.len(), 2);
    assert!(f.evidence.iter().all(|e| e.value.starts_with("when followup = ")), "{:?}", f.evidence);
    // Raising the threshold above its accuracy silences it.
    let mut opts = labelled("label");
    opts.thresholds.insert("label-leakage".into(), 0.999);
    assert!(of(&run(&csv, &opts), "label-leakage").is_empty());
}

#[test]
fn a_recoding_of_the_label_is_an_error() {
    let csv = table(12, &|_, label, _| vec![("outcome_code", if label == "yes" { "1" } else { "0" }.into())]);
    let r = run(&csv, &labelled("label"));
    // Reported once, by label-leakage (not also as a duplicate column).
    assert_eq!(new_findings(&r), vec![("label-leakage", vec!["outcome_code".to_string(), "label".to_string()])]);
    let f = of(&r, "label-leakage")[0];
    assert_eq!(f.severity, Severity::Error);
    assert!(f.title.contains("is a 1:1 recoding of the label 'label'"), "{}", f.title);
}

#[test]
fn one_value_that_fixes_the_label_is_reported_with_its_direction() {
    // COMPAS-like: when is_recid = 0 the label is always 0; when 1, it is 1 in 60% of rows.
    let mut rng = Rng(13);
    let mut csv = String::from("age,is_recid,two_year_recid\n");
    let mut zeros = 0;
    for _ in 0..ROWS {
        let recid = rng.chance(0.5);
        let label = recid && rng.chance(0.6);
        zeros += u64::from(!recid);
        csv.push_str(&format!("{},{},{}\n", 18 + rng.below(60), u8::from(recid), u8::from(label)));
    }
    let r = run(&csv, &labelled("two_year_recid"));
    assert_eq!(new_findings(&r), vec![("label-leakage", vec!["is_recid".to_string(), "two_year_recid".to_string()])]);
    let f = of(&r, "label-leakage")[0];
    let want = format!("when is_recid = 0, two_year_recid = 0 in 100% of {} rows", datalint::fmt::num(zeros));
    assert!(f.title.starts_with(&want), "{} (want {want})", f.title);
    assert_eq!(f.metric, 1.0);
    assert_eq!(f.threshold, 0.995);
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn a_recoded_column_raises_duplicate_columns_once() {
    let grades = ["A", "B", "C", "D", "E"];
    let csv = table(21, &|_, _, rng| {
        let g = rng.below(5) as usize;
        vec![("grade", grades[g].into()), ("grade_points", (4 - g).to_string())]
    });
    let r = run(&csv, &labelled("label"));
    assert_eq!(new_findings(&r), vec![("duplicate-columns", vec!["grade".to_string(), "grade_points".to_string()])]);
    let f = of(&r, "duplicate-columns")[0];
    assert_eq!(f.severity, Severity::Warning);
    assert!(
        f.title.starts_with("'grade' and 'grade_points' are 1:1 recodings of each other (5 values:"),
        "{}",
        f.title
    );
    assert_eq!(f.evidence_total, 5);
    assert!(f.evidence.iter().any(|e| e.value == "grade = A ↔ grade_points = 4"), "{:?}", f.evidence);
    assert_eq!(f.metric, 1.0);
}

#[test]
fn three_mutually_recoded_columns_are_one_finding_and_copies_are_identical() {
    let grades = ["A", "B", "C"];
    let words = ["top", "middle", "bottom"];
    let csv = table(22, &|i, _, rng| {
        let g = rng.below(3) as usize;
        let id = format!("k{}", i * 7919 % 100_003);
        vec![
            ("grade", grades[g].into()),
            ("grade_word", words[g].into()),
            ("grade_rank", (g + 1).to_string()),
            ("key", id.clone()),
            ("key_copy", id),
        ]
    });
    let r = run(&csv, &Options::default());
    let dups = of(&r, "duplicate-columns");
    assert_eq!(dups.len(), 2, "{:#?}", dups);
    assert_eq!(dups[0].columns, ["grade", "grade_word", "grade_rank"]);
    assert!(dups[0].title.starts_with("'grade', 'grade_word' and 'grade_rank' are 1:1 recodings"), "{}", dups[0].title);
    assert_eq!(dups[1].columns, ["key", "key_copy"]);
    assert_eq!(
        dups[1].title,
        format!("'key' and 'key_copy' are identical in all {} rows", datalint::fmt::num(ROWS as u64))
    );
}

#[test]
fn impossible_zeros_in_a_positive_column() {
    // 15 zeros among 3,000 blood pressures of 60 to 139.
    let planted: Vec<usize> = (0..15).map(|k| 37 + k * 193).collect();
    let p = planted.clone();
    let csv = table(31, &move |i, _, rng| {
        let v = if p.contains(&i) { 0 } else { 60 + rng.below(80) };
        vec![("blood_pressure", v.to_string())]
    });
    let r = run(&csv, &labelled("label"));
    assert_eq!(new_findings(&r), vec![("impossible-values", vec!["blood_pressure".to_string()])]);
    let f = of(&r, "impossible-values")[0];
    assert_eq!(f.evidence_total, 15);
    let lines: Vec<u64> = f.evidence.iter().map(|e| e.line).collect();
    let want: Vec<u64> = planted.iter().take(10).map(|&i| i as u64 + 2).collect();
    assert_eq!(lines, want);
    assert!(f.evidence.iter().all(|e| e.value == "0"));
    assert!((f.metric - 15.0 / 3000.0).abs() < 1e-12, "{}", f.metric);
    assert!(f.title.contains("15 zeros (0.50%) where 99.5% of values are positive"), "{}", f.title);
}

#[test]
fn impossible_dates_and_shares() {
    let csv = table(32, &|i, _, rng| {
        let date = match i {
            100 => "1899-12-31".to_string(),
            200 => "2207-05-01".to_string(),
            _ => format!("2019-{:02}-{:02}", rng.below(12) + 1, rng.below(28) + 1),
        };
        let pct = if i == 300 { "140".to_string() } else { format!("{:.1}", rng.unit() * 100.0) };
        vec![("signup", date), ("completion_pct", pct)]
    });
    let r = run(&csv, &labelled("label"));
    let cols: Vec<Vec<String>> = of(&r, "impossible-values").iter().map(|f| f.columns.clone()).collect();
    assert_eq!(cols, [vec!["signup".to_string()], vec!["completion_pct".to_string()]]);
    let dates = of(&r, "impossible-values")[0];
    assert_eq!(dates.evidence_total, 2);
    let ev: Vec<(u64, &str)> = dates.evidence.iter().map(|e| (e.line, e.value.as_str())).collect();
    assert_eq!(ev, [(102, "1899-12-31"), (202, "2207-05-01")]);
    let share = of(&r, "impossible-values")[1];
    assert_eq!(share.evidence_total, 1);
    assert_eq!((share.evidence[0].line, share.evidence[0].value.as_str()), (302, "140"));
    assert!(share.title.contains("1 value over 100 in a percentage column"), "{}", share.title);
}

#[test]
fn adult_education_and_education_num_are_reported_once() {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/adult.csv");
    let Ok(bytes) = std::fs::read(&p) else {
        eprintln!("skipped: {} is absent", p.display());
        return;
    };
    let opts = Options { name: Some("adult.csv".into()), ..Options::default() };
    let mut s = Session::new(opts).unwrap();
    s.feed(&bytes);
    let r = s.finish();
    let dups = of(&r, "duplicate-columns");
    assert_eq!(dups.len(), 1, "{:#?}", dups);
    assert_eq!(dups[0].columns, ["education", "education-num"]);
    assert!(dups[0].title.contains("16 values"), "{}", dups[0].title);
    assert!(dups[0].evidence.iter().any(|e| e.value == "education = Bachelors ↔ education-num = 13"));
}

#[test]
fn impossible_values_near_misses_amounts_and_a_month_of_dates() {
    // Taxi-like: fares mostly under 100 with a few over it (an amount, not a percentage), and
    // one month of trips, a few ending just after midnight on the next month's first day.
    let csv = table(33, &|i, _, rng| {
        let fare = if i % 500 == 7 { 120.0 } else { 2.5 + (rng.unit() * 900.0).round() / 10.0 };
        let end = if i % 700 == 3 {
            "2019-04-01 00:13:58".to_string()
        } else {
            format!("2019-03-{:02} {:02}:{:02}:00", rng.below(31) + 1, rng.below(24), rng.below(60))
        };
        vec![("fare_amount", format!("{fare:.1}")), ("dropoff", end)]
    });
    let r = run(&csv, &labelled("label"));
    assert_eq!(new_findings(&r), vec![]);
}

/// A block of columns empty exactly when a flag is 0 (COMPAS's `r_*` columns beside `is_recid`):
/// one `missing-values` finding for the whole block, naming the flag, at info; no finding per
/// column and none from `missingness-disparity`.
#[test]
fn a_block_missing_where_a_flag_is_zero_is_one_explained_finding() {
    let csv = table(21, &|_, _, rng| {
        let flag = rng.chance(0.45);
        let (charge, days, desc) = if flag {
            (format!("F{}", rng.below(9)), rng.below(700).to_string(), format!("desc {}", rng.below(50)))
        } else {
            (String::new(), String::new(), String::new())
        };
        vec![
            ("is_recid", if flag { "1".into() } else { "0".into() }),
            ("r_charge", charge),
            ("r_days", days),
            ("r_desc", desc),
        ]
    });
    let r = run(&csv, &labelled("label"));
    let m = of(&r, "missing-values");
    assert_eq!(m.len(), 1, "{:#?}", m);
    assert_eq!(m[0].columns, ["r_charge", "r_days", "r_desc"]);
    assert_eq!(m[0].severity, Severity::Info);
    assert!(m[0].title.contains("exactly where 'is_recid' = '0'"), "{}", m[0].title);
}

/// The clean table raises nothing above info with its label given.
#[test]
fn a_clean_table_raises_nothing_above_info() {
    for seed in [1, 2, 3] {
        let r = run(&table(seed, &|_, _, _| Vec::new()), &labelled("label"));
        let loud: Vec<_> =
            r.findings.iter().filter(|f| f.severity > Severity::Info).map(|f| (f.id, &f.title)).collect();
        assert!(loud.is_empty(), "seed {seed}: {loud:#?}");
    }
}

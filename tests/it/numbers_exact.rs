//! Numbers stay exact (hardening, class 4): generated inputs, each through CSV and JSONL.
//!
//! - integers beyond 2^53 (19-digit snowflake ids, 20-digit values past u64) are counted by their
//!   text: distinct counts and top values are exact and are values from the file, and no false
//!   `constant-column`; their statistics are marked approximate (`inexact_integers`);
//! - the 2^53 boundary: 2^53 itself is an ordinary integer, 2^53 + 1 is not;
//! - ±1e308 gives finite statistics, or a stated overflow, never NaN;
//! - impossible dates (2024-02-30, 2023-02-29) are not dates;
//! - evidence shows the file's own text (`1.50`, `99999.50`), not a double printed back.

use datalint::report::ColumnReport;
use datalint::{Finding, Options, Report, Session};
use std::collections::BTreeSet;
use std::fmt::Write as _;

#[derive(Clone, Copy, Debug)]
enum Fmt {
    Csv,
    Jsonl,
}

const BOTH: [Fmt; 2] = [Fmt::Csv, Fmt::Jsonl];

/// One column `name` holding `values` as written (JSONL: as bare JSON numbers), plus a row number
/// so that rows are never duplicates.
fn file(fmt: Fmt, name: &str, values: &[String]) -> (Vec<u8>, Options) {
    let mut s = String::new();
    match fmt {
        Fmt::Csv => {
            let _ = writeln!(s, "row,{name}");
            for (i, v) in values.iter().enumerate() {
                let _ = writeln!(s, "{i},{v}");
            }
        }
        Fmt::Jsonl => {
            for (i, v) in values.iter().enumerate() {
                let _ = writeln!(s, "{{\"row\": {i}, \"{name}\": {v}}}");
            }
        }
    }
    let ext = match fmt {
        Fmt::Csv => "csv",
        Fmt::Jsonl => "jsonl",
    };
    (s.into_bytes(), Options { name: Some(format!("numbers.{ext}")), ..Options::default() })
}

/// The report, after checking that feeding in 7-byte chunks gives the same column figures.
fn run(fmt: Fmt, name: &str, values: &[String]) -> Report {
    let (bytes, opts) = file(fmt, name, values);
    let mut s = Session::new(opts.clone()).unwrap();
    s.feed(&bytes);
    let whole = s.finish();
    let mut s = Session::new(opts).unwrap();
    bytes.chunks(7).for_each(|c| s.feed(c));
    let chunked = s.finish();
    let (a, b) = (column(&whole, name), column(&chunked, name));
    assert_eq!((a.distinct, &a.top, a.inexact_integers), (b.distinct, &b.top, b.inexact_integers), "{fmt:?}");
    assert!(whole.errors.is_empty(), "{fmt:?}: {:?}", whole.errors);
    whole
}

fn column<'a>(r: &'a Report, name: &str) -> &'a ColumnReport {
    r.columns.iter().find(|c| c.name == name).unwrap()
}

fn findings<'a>(r: &'a Report, id: &str, name: &str) -> Vec<&'a Finding> {
    r.findings.iter().filter(|f| f.id == id && f.columns.iter().any(|c| c == name)).collect()
}

#[test]
fn nineteen_digit_ids_are_counted_exactly() {
    // 1,000 distinct ids 7 apart: a double near 1.2e18 holds only every 256th integer, so
    // counted as doubles they collapse to a handful of values.
    let ids: Vec<String> = (0..1000u64).map(|i| (1_234_567_890_123_456_789 + 7 * i).to_string()).collect();
    let written: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    for fmt in BOTH {
        let r = run(fmt, "snowflake", &ids);
        let c = column(&r, "snowflake");
        assert_eq!(c.ty, "integer", "{fmt:?}");
        assert_eq!((c.distinct, c.distinct_exact), (1000, true), "{fmt:?}");
        assert_eq!(c.inexact_integers, 1000, "{fmt:?}");
        assert_eq!(c.overflow, 0, "{fmt:?}");
        assert!(!c.quantiles_exact, "{fmt:?}: statistics of rounded integers are approximate");
        assert!(r.approximate.iter().any(|a| a.contains("columns.snowflake") && a.contains("2^53")), "{fmt:?}");
        assert!(!c.top.is_empty());
        for (v, n) in &c.top {
            assert!(written.contains(v.as_str()), "{fmt:?}: top value {v} is not in the file");
            assert_eq!(*n, 1);
        }
        assert!(findings(&r, "constant-column", "snowflake").is_empty(), "{fmt:?}");
        // Every value unique: an identifier, with the file's values as evidence.
        let id = findings(&r, "id-like-column", "snowflake");
        assert_eq!(id.len(), 1, "{fmt:?}");
        assert!(id[0].title.contains("1,000 distinct values in 1,000 rows"), "{}", id[0].title);
        assert!(id[0].evidence.iter().all(|e| written.contains(e.value.as_str())), "{:?}", id[0].evidence);
        assert!(findings(&r, "outliers", "snowflake").is_empty(), "{fmt:?}");
        // min and max are the nearest doubles, finite.
        let (lo, hi) = (c.min.unwrap(), c.max.unwrap());
        assert!((lo - 1_234_567_890_123_456_789u64 as f64).abs() <= 256.0 && hi > lo, "{fmt:?}: {lo} {hi}");
    }
}

#[test]
fn twenty_digit_values_past_u64() {
    // Past u64's 18446744073709551615: every one of them the same double.
    let distinct: Vec<String> = (0..50u64).map(|i| format!("987654321098765432{:02}", i)).collect();
    let same: Vec<String> = vec!["98765432109876543210".to_string(); 50];
    for fmt in BOTH {
        let r = run(fmt, "hash", &distinct);
        let c = column(&r, "hash");
        assert_eq!((c.ty, c.distinct, c.distinct_exact, c.overflow), ("integer", 50, true, 0), "{fmt:?}");
        assert!(findings(&r, "constant-column", "hash").is_empty(), "{fmt:?}: {:?}", r.findings);
        assert!(c.top.iter().all(|(v, _)| distinct.contains(v)), "{fmt:?}: {:?}", c.top);

        let r = run(fmt, "hash", &same);
        let c = column(&r, "hash");
        assert_eq!((c.distinct, c.top.clone()), (1, vec![("98765432109876543210".to_string(), 50)]), "{fmt:?}");
        let f = findings(&r, "constant-column", "hash");
        assert_eq!(f.len(), 1, "{fmt:?}");
        assert!(f[0].title.contains("'98765432109876543210'"), "{}", f[0].title);
        assert!(!f[0].evidence.is_empty());
        assert!(f[0].evidence.iter().all(|e| e.value == "98765432109876543210"), "{:?}", f[0].evidence);
    }
}

#[test]
fn the_boundary_of_2_53() {
    let written = [
        "9007199254740991",  // 2^53 - 1
        "9007199254740992",  // 2^53: still every integer up to here is a double
        "9007199254740993",  // 2^53 + 1: the same double as 2^53
        "-9007199254740992", // -2^53
        "-9007199254740993", // -(2^53 + 1)
        "9007199254740994",  // 2^53 + 2
    ];
    let values: Vec<String> = written.iter().flat_map(|v| [v.to_string(), v.to_string()]).collect();
    for fmt in BOTH {
        let r = run(fmt, "n", &values);
        let c = column(&r, "n");
        assert_eq!((c.ty, c.distinct, c.distinct_exact), ("integer", 6, true), "{fmt:?}");
        assert_eq!(c.inexact_integers, 6, "{fmt:?}: the three values beyond 2^53, twice each");
        let top: BTreeSet<&str> = c.top.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(top, written.iter().copied().collect(), "{fmt:?}");
        assert!(c.top.iter().all(|(_, n)| *n == 2), "{fmt:?}: {:?}", c.top);
    }
    // A plus sign is the same integer: "+9007199254740993" and "9007199254740993" are one value.
    let csv = "n\n+9007199254740993\n9007199254740993\n12345678901234567890\n+12345678901234567890\n";
    let mut s = Session::new(Options::default()).unwrap();
    s.feed(csv.as_bytes());
    let r = s.finish();
    let c = column(&r, "n");
    assert_eq!(c.distinct, 2);
    let top: BTreeSet<&str> = c.top.iter().map(|(v, _)| v.as_str()).collect();
    assert_eq!(top, ["12345678901234567890", "9007199254740993"].into_iter().collect());
}

fn finite(c: &ColumnReport) {
    let figures = [c.min, c.max, c.mean].into_iter().chain(c.quantiles.values().map(|&q| Some(q)));
    for x in figures {
        assert!(x.is_some_and(f64::is_finite), "{}: {x:?} in {c:?}", c.name);
    }
    let h = c.histogram.as_ref().unwrap();
    assert!(h.edges.iter().all(|e| e.is_finite()), "{:?}", h.edges);
    assert_eq!(h.counts.iter().sum::<u64>(), c.present - c.missing);
}

#[test]
fn values_near_the_limits_of_a_double() {
    let pm: Vec<String> = ["1e308", "-1e308"].iter().cycle().take(10).map(|s| s.to_string()).collect();
    let same: Vec<String> = vec!["1e308".to_string(); 10];
    let wide: Vec<String> = ["1.75e308", "-1.75e308"].iter().cycle().take(10).map(|s| s.to_string()).collect();
    for fmt in BOTH {
        let r = run(fmt, "x", &pm);
        let c = column(&r, "x");
        finite(c);
        // Zero up to rounding: the values are ±1e308.
        assert!(c.mean.unwrap().abs() < 1e-12 * 1e308, "{fmt:?}: {:?}", c.mean);
        let std = c.std.unwrap();
        // Sample std of five 1e308 and five -1e308: 1e308 · sqrt(10/9).
        assert!((std / 1e308 - (10.0f64 / 9.0).sqrt()).abs() < 1e-12, "{fmt:?}: {std}");
        assert_eq!((c.min, c.max), (Some(-1e308), Some(1e308)));
        assert_eq!(c.overflow, 0);
        assert!(r.notes.iter().all(|n| !n.contains("'x'")), "{:?}", r.notes);

        let r = run(fmt, "x", &same);
        let c = column(&r, "x");
        finite(c);
        assert_eq!((c.mean, c.std, c.distinct), (Some(1e308), Some(0.0), 1), "{fmt:?}");
        let f = findings(&r, "constant-column", "x");
        assert_eq!(f.len(), 1, "{fmt:?}");
        // JSON numbers keep their digits; serde_json writes an exponent with its sign (e+308).
        let written = if let Fmt::Csv = fmt { "1e308" } else { "1e+308" };
        assert!(f[0].evidence.iter().all(|e| e.value == written), "{:?}", f[0].evidence);

        // A spread past the largest double: the standard deviation is left out and the notes say so.
        let r = run(fmt, "x", &wide);
        let c = column(&r, "x");
        finite(c);
        assert!(c.mean.unwrap().abs() < 1e-12 * 1.75e308 && c.std.is_none(), "{fmt:?}: {:?} {:?}", c.mean, c.std);
        assert!(r.notes.iter().any(|n| n.contains("'x'") && n.contains("standard deviation")), "{:?}", r.notes);
        let json = serde_json::to_string(c).unwrap();
        assert!(json.contains("\"std\":null") && !json.contains("NaN"), "{fmt:?}: {json}");
    }
}

#[test]
fn impossible_dates_are_not_dates() {
    let csv =
        "a,b,c\n2024-02-30,2023-02-29,2024-02-29\n2024-02-30,2023-02-29,2024-02-29\n2024-04-31,1900-02-29,2000-02-29\n";
    let mut s = Session::new(Options::default()).unwrap();
    s.feed(csv.as_bytes());
    let r = s.finish();
    assert_eq!(column(&r, "a").ty, "categorical");
    assert_eq!(column(&r, "a").type_counts.date, 0);
    assert_eq!(column(&r, "b").ty, "categorical");
    assert_eq!(column(&r, "b").type_counts.date, 0);
    assert_eq!(column(&r, "c").ty, "date");
    assert_eq!(column(&r, "c").type_counts.date, 3);
    // The same through JSON strings.
    let jsonl = "{\"a\": \"2024-02-30\", \"c\": \"2024-02-29\"}\n{\"a\": \"2023-02-29T10:00:00Z\", \"c\": \"2024-02-29T23:59:59Z\"}\n";
    let mut s = Session::new(Options { name: Some("d.jsonl".into()), ..Options::default() }).unwrap();
    s.feed(jsonl.as_bytes());
    let r = s.finish();
    assert_eq!((column(&r, "a").type_counts.date, column(&r, "a").type_counts.datetime), (0, 0));
    assert_eq!(column(&r, "c").ty, "datetime");
}

#[test]
fn evidence_is_the_file_text() {
    // 200 values from 10.00 to 19.95, written with two decimals, and one far outlier.
    let mut values: Vec<String> = (0..200).map(|i| format!("{:.2}", 10.0 + (i % 200) as f64 * 0.05)).collect();
    values.insert(57, "99999.50".to_string());
    for fmt in BOTH {
        let r = run(fmt, "amount", &values);
        let f = findings(&r, "outliers", "amount");
        assert_eq!(f.len(), 1, "{fmt:?}: {:?}", r.findings);
        assert_eq!(f[0].evidence.len(), 1);
        assert_eq!(f[0].evidence[0].value, "99999.50", "{fmt:?}");
        assert_eq!(f[0].evidence[0].line, if let Fmt::Csv = fmt { 59 } else { 58 });
        assert!(f[0].title.contains("99999.50 lies above 19.95"), "{fmt:?}: {}", f[0].title);
        // Counted by value: 1.50 and 1.5 are one value in distinct and top.
        assert_eq!(column(&r, "amount").distinct, 201);
    }
    // Zeros in a positive column: the evidence is the zero as written.
    let mut values: Vec<String> = (0..100).map(|i| format!("{}.50", 50 + i)).collect();
    values.push("0.00".to_string());
    for fmt in BOTH {
        let r = run(fmt, "weight", &values);
        let f = findings(&r, "impossible-values", "weight");
        assert_eq!(f.len(), 1, "{fmt:?}: {:?}", r.findings);
        assert_eq!(f[0].evidence[0].value, "0.00", "{fmt:?}");
    }
    // Leading zeros are an identifier's text, kept as written.
    let csv = "zip\n00123\n00456\n00123\n";
    let mut s = Session::new(Options::default()).unwrap();
    s.feed(csv.as_bytes());
    let r = s.finish();
    let c = column(&r, "zip");
    assert_eq!(c.ty, "categorical");
    assert_eq!(c.top[0], ("00123".to_string(), 2));
}

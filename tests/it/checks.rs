//! Every check in `checks::registry`: a fixture on which it fires and a near miss on which it
//! must not, with the finding pinned down (id, severity, columns, metric, threshold, evidence
//! lines); the shape of findings in general; option overrides; and snapshots of the text and
//! Markdown renderings.
//!
//! Every fixture goes through [`run_with`], which feeds it whole and again one byte at a time and
//! requires the two reports' JSON to be identical.
//!
//! Line numbers are 1-based physical lines; the CSV header is line 1.

use datalint::checks::registry;
use datalint::fmt::pct;
use datalint::{Finding, Options, Report, Session, Severity};
use std::fmt::Write as _;
use std::path::PathBuf;

/// Relative tolerance for every metric compared here: `|got - want| <= TOL * max(|want|, 1)`.
/// The shares are ratios of small integers and the skewness reference is a plain two-pass
/// formula, so the engine's figures agree far more closely than this.
const TOL: f64 = 1e-9;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn session(opts: &Options) -> Session {
    Session::new(opts.clone()).unwrap_or_else(|e| panic!("options rejected: {e}"))
}

/// Runs `input` whole and in 1-byte chunks, asserts both reports serialise to identical JSON, and
/// returns the report.
fn run_with(input: &[u8], opts: &Options) -> Report {
    let mut whole = session(opts);
    whole.feed(input);
    let whole = whole.finish();

    let mut bytes = session(opts);
    for b in input.chunks(1) {
        bytes.feed(b);
    }
    let bytes = bytes.finish();

    let (a, b) = (whole.to_json(), bytes.to_json());
    if a != b {
        panic!(
            "report differs between one feed and 1-byte feeds (input {:?}):\n{}",
            String::from_utf8_lossy(&input[..input.len().min(200)]),
            diff(&a, &b, "whole", "1-byte chunks")
        );
    }
    whole
}

fn run(input: &[u8]) -> Report {
    run_with(input, &Options::default())
}

fn labelled(label: &str) -> Options {
    Options { label: Some(label.into()), ..Options::default() }
}

fn ids(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.id).collect()
}

/// The only finding with this id.
fn one<'a>(r: &'a Report, id: &str) -> &'a Finding {
    let hits: Vec<&Finding> = r.findings.iter().filter(|f| f.id == id).collect();
    assert_eq!(hits.len(), 1, "expected exactly one '{id}' finding; findings: {:?}", ids(r));
    hits[0]
}

fn none(r: &Report, id: &str) {
    let hits: Vec<&Finding> = r.findings.iter().filter(|f| f.id == id).collect();
    assert!(hits.is_empty(), "'{id}' must not fire, but did: {hits:#?}");
}

fn close(what: &str, got: f64, want: f64) {
    assert!((got - want).abs() <= TOL * want.abs().max(1.0), "{what}: got {got}, want {want} (tolerance {TOL})");
}

/// Asserts one finding of `id` with these fields and returns it for further checks.
fn expect<'a>(
    r: &'a Report,
    id: &str,
    severity: Severity,
    columns: &[&str],
    metric: f64,
    threshold: f64,
    lines: &[u64],
) -> &'a Finding {
    let f = one(r, id);
    assert_eq!(f.severity, severity, "{id} severity");
    assert_eq!(f.columns, columns, "{id} columns");
    close(&format!("{id} metric"), f.metric, metric);
    close(&format!("{id} threshold"), f.threshold, threshold);
    let got: Vec<u64> = f.evidence.iter().map(|e| e.line).collect();
    assert_eq!(got, lines, "{id} evidence lines; evidence: {:#?}", f.evidence);
    f
}

fn values(f: &Finding) -> Vec<&str> {
    f.evidence.iter().map(|e| e.value.as_str()).collect()
}

/// A CSV with one column `name` and these cells, one per line.
fn column(name: &str, cells: &[String]) -> Vec<u8> {
    let mut s = format!("{name}\n");
    for c in cells {
        s.push_str(c);
        s.push('\n');
    }
    s.into_bytes()
}

/// Adjusted Fisher-Pearson skewness (pandas `skew()`), two-pass, as an independent reference.
fn skewness(xs: &[f64]) -> f64 {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let m2 = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    let m3 = xs.iter().map(|x| (x - mean).powi(3)).sum::<f64>() / n;
    m3 / m2.powf(1.5) * (n * (n - 1.0)).sqrt() / (n - 2.0)
}

/// A gzip member holding `data` in one stored (uncompressed) deflate block, so a test can cut it
/// at a known byte of the payload.
fn gzip_stored(data: &[u8]) -> Vec<u8> {
    assert!(data.len() <= 0xffff);
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.push(1); // BFINAL = 1, BTYPE = 00 (stored)
    let len = data.len() as u16;
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(data);
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    out.extend_from_slice(&(!crc).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// A line diff (longest common subsequence) for failure messages: `-` lines only in `a`, `+`
/// lines only in `b`, with line numbers.
fn diff(a: &str, b: &str, a_name: &str, b_name: &str) -> String {
    let (x, y): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let (n, m) = (x.len(), y.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if x[i] == y[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut out = format!("--- {a_name}\n+++ {b_name}\n");
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && x[i] == y[j] {
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            let _ = writeln!(out, "-{:>4} | {}", i + 1, x[i]);
            i += 1;
        } else {
            let _ = writeln!(out, "+{:>4} | {}", j + 1, y[j]);
            j += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The registry
// ---------------------------------------------------------------------------------------------

/// Every check id, with the default severity, comparison and threshold its tests below assume.
const CHECKS: &[(&str, Severity, &str, f64)] = &[
    ("ragged-rows", Severity::Error, ">", 0.0),
    ("invalid-encoding", Severity::Error, ">", 0.0),
    ("invalid-json-line", Severity::Error, ">", 0.0),
    ("unreadable-data", Severity::Error, ">", 0.0),
    ("empty-input", Severity::Error, "<", 1.0),
    ("bad-header", Severity::Error, ">", 0.0),
    ("schema-drift", Severity::Warning, "<", 1.0),
    ("empty-column", Severity::Warning, ">=", 1.0),
    ("constant-column", Severity::Warning, "<", 2.0),
    ("missing-values", Severity::Warning, ">", 0.01),
    ("duplicate-rows", Severity::Warning, ">", 0.0),
    // The calibration checks: fire / near-miss tests are in tests/it/calibration_checks.rs.
    ("duplicate-columns", Severity::Warning, ">=", 1.0),
    ("mixed-types", Severity::Warning, ">", 0.0),
    ("whitespace", Severity::Warning, ">", 0.0),
    ("id-like-column", Severity::Warning, ">=", 0.99),
    ("high-cardinality", Severity::Info, ">=", 0.5),
    ("outliers", Severity::Info, ">", 0.0),
    ("impossible-values", Severity::Warning, ">", 0.0),
    ("skewed", Severity::Info, ">", 2.0),
    ("rare-negatives", Severity::Info, ">", 0.0),
    ("class-imbalance", Severity::Warning, "<", 0.2),
    ("conflicting-labels", Severity::Error, ">", 0.0),
    ("label-leakage", Severity::Warning, ">=", 0.98),
    // The bias family: fire / near-miss tests are in tests/it/bias.rs.
    ("underrepresented-group", Severity::Warning, "<", 0.05),
    ("label-disparity", Severity::Warning, "<", 0.8),
    ("proxy-for-sensitive", Severity::Warning, ">=", 0.5),
    ("missingness-disparity", Severity::Warning, ">=", 0.05),
    // The text family: fire / near-miss tests are in tests/it/text.rs.
    ("pii", Severity::Error, ">", 0.0),
    ("chat-structure", Severity::Error, ">", 0.0),
    ("identical-preference", Severity::Error, ">", 0.0),
    ("repetitive-text", Severity::Warning, ">", 0.0),
    ("refusal", Severity::Warning, ">", 0.0),
    ("empty-output", Severity::Warning, ">", 0.0),
    ("output-echoes-input", Severity::Warning, ">", 0.0),
    ("prompt-scaffolding", Severity::Warning, ">", 0.0),
    ("truncated-output", Severity::Warning, ">", 0.0),
    ("garbled-text", Severity::Warning, ">", 0.0),
    ("conflicting-answers", Severity::Warning, ">", 0.0),
    ("language-mismatch", Severity::Warning, ">=", 0.05),
    ("length-bias", Severity::Warning, ">=", 0.7),
    ("near-duplicates", Severity::Warning, ">", 0.0),
    ("low-diversity", Severity::Warning, ">=", 0.2),
];

/// If a check is added or its defaults change, this fails: add fire / near-miss tests below.
#[test]
fn registry_matches_the_checks_tested_here() {
    let got: Vec<&str> = registry::ALL.iter().map(|(m, _)| m.id).collect();
    let want: Vec<&str> = CHECKS.iter().map(|c| c.0).collect();
    assert_eq!(got, want, "registry ids (in report order) differ from the checks this file covers");
    for &(id, severity, cmp, default) in CHECKS {
        let m = registry::meta(id).unwrap();
        assert_eq!(m.severity, severity, "{id} default severity");
        assert_eq!(m.threshold.comparison.symbol(), cmp, "{id} comparison");
        assert_eq!(m.threshold.default, default, "{id} default threshold");
        assert_eq!(
            m.needs_label,
            matches!(id, "class-imbalance" | "conflicting-labels" | "label-leakage" | "label-disparity"),
            "{id} needs_label"
        );
        let bias = matches!(
            id,
            "underrepresented-group" | "label-disparity" | "proxy-for-sensitive" | "missingness-disparity"
        );
        assert_eq!(m.family == "bias", bias, "{id} family {}", m.family);
        for (what, s) in
            [("summary", m.summary), ("why", m.why), ("example", m.example), ("metric", m.threshold.metric)]
        {
            assert!(!s.trim().is_empty(), "{id} {what} is empty");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// ragged-rows
// ---------------------------------------------------------------------------------------------

#[test]
fn ragged_rows_fires_on_wrong_field_counts() {
    let r = run(b"a,b\n1,2\n3,4,5\n6\n7,8\n");
    let f = expect(&r, "ragged-rows", Severity::Error, &[], 2.0, 0.0, &[3, 4]);
    assert_eq!(values(f), ["3 fields where the header has 2", "1 fields where the header has 2"]);
    assert_eq!(f.evidence_total, 2);
    assert_eq!(r.rows, 4, "ragged rows are still counted as rows");
}

#[test]
fn ragged_rows_fires_on_an_unclosed_quote() {
    let r = run(b"a,b\n1,2\n3,\"4\n5,6\n");
    let f = expect(&r, "ragged-rows", Severity::Error, &[], 1.0, 0.0, &[3]);
    assert!(f.evidence[0].value.contains("never closed"), "{:?}", f.evidence[0].value);
}

#[test]
fn ragged_rows_near_miss_quoted_delimiters_and_newlines() {
    // Commas and a newline inside quotes, a CRLF ending and blank lines: every record has 2 fields.
    let r = run(b"a,b\n1,\"2,3\"\n\"4\n5\",6\r\n\n7,\"\"\"q\"\"\"\n");
    none(&r, "ragged-rows");
    assert_eq!(r.rows, 3);
    assert_eq!(r.errors_total, 0, "{:?}", r.errors);
}

// ---------------------------------------------------------------------------------------------
// invalid-encoding
// ---------------------------------------------------------------------------------------------

#[test]
fn invalid_encoding_fires_on_latin1_bytes_in_utf8_text() {
    // UTF-8 text (é, ï, €) with Latin-1 bytes in it: UTF-8 with errors. A file whose only
    // non-ASCII bytes are Latin-1 is read as windows-1252 (ingest::encodings).
    let r = run(b"a,b\n1,caf\xe9\n2,\xc3\xa9t\xc3\xa9 na\xc3\xafve \xe2\x82\xac\n3,\xff\xfe\n");
    assert_eq!(r.source.encoding, "utf-8");
    let f = expect(&r, "invalid-encoding", Severity::Error, &[], 2.0, 0.0, &[2, 4]);
    assert!(f.evidence.iter().all(|e| e.value.contains("field 2")), "{:?}", f.evidence);
}

#[test]
fn invalid_encoding_fires_on_an_unpaired_utf16_surrogate() {
    let mut input = vec![0xff, 0xfe];
    let units: Vec<u16> = "a,b\n1,x\n2,".encode_utf16().chain([0xD800]).chain("y\n3,z\n".encode_utf16()).collect();
    input.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    let r = run(&input);
    assert_eq!(r.source.encoding, "utf-16le");
    expect(&r, "invalid-encoding", Severity::Error, &[], 1.0, 0.0, &[3]);
}

#[test]
fn invalid_encoding_near_miss_valid_multibyte_utf8() {
    let r = run("a,b\n1,café\n2,naïve\n3,日本語\n4,🙂\n".as_bytes());
    none(&r, "invalid-encoding");
    assert_eq!(r.errors_total, 0);
}

// ---------------------------------------------------------------------------------------------
// invalid-json-line
// ---------------------------------------------------------------------------------------------

#[test]
fn invalid_json_line_fires_on_broken_and_non_object_lines() {
    let r = run(b"{\"a\":1}\n{\"a\":\n[1,2]\n{\"a\":3}\n\"str\"\n");
    assert_eq!(r.source.format, Some("jsonl"));
    let f = expect(&r, "invalid-json-line", Severity::Error, &[], 3.0, 0.0, &[2, 3, 5]);
    assert!(f.evidence[1].value.contains("an array, not an object"), "{:?}", f.evidence);
    assert!(f.evidence[2].value.contains("a string, not an object"), "{:?}", f.evidence);
    assert_eq!(r.rows, 2);
}

#[test]
fn invalid_json_line_near_miss_blank_lines_crlf_and_padding() {
    let r = run(b"{\"a\":1}\n\n  {\"a\":2}  \n{\"a\":\"x\\ny\"}\r\n{\"a\":{\"b\":[1]}}\n");
    none(&r, "invalid-json-line");
    assert_eq!(r.rows, 4);
    assert_eq!(r.errors_total, 0, "{:?}", r.errors);
}

// ---------------------------------------------------------------------------------------------
// unreadable-data
// ---------------------------------------------------------------------------------------------

/// JSONL whose second line is `len` bytes long (without its newline).
fn jsonl_with_line_of(len: usize) -> Vec<u8> {
    let pad = len - "{\"a\":\"\"}".len();
    format!("{{\"a\":\"x\"}}\n{{\"a\":\"{}\"}}\n{{\"a\":\"z\"}}\n", "y".repeat(pad)).into_bytes()
}

#[test]
fn unreadable_data_fires_on_a_line_over_the_record_limit() {
    let opts = Options { max_record_bytes: 1024, ..Options::default() };
    let r = run_with(&jsonl_with_line_of(1025), &opts);
    let f = expect(&r, "unreadable-data", Severity::Error, &[], 1.0, 0.0, &[2]);
    assert_eq!(values(f), ["line longer than 1024 bytes; skipped"]);
    assert_eq!(r.rows, 2, "the long line is skipped");
}

#[test]
fn unreadable_data_near_miss_a_line_exactly_at_the_record_limit() {
    let opts = Options { max_record_bytes: 1024, ..Options::default() };
    let r = run_with(&jsonl_with_line_of(1024), &opts);
    none(&r, "unreadable-data");
    assert_eq!(r.rows, 3);
}

#[test]
fn unreadable_data_fires_on_columns_beyond_max_columns() {
    let opts = Options { max_columns: 2, ..Options::default() };
    let r = run_with(b"a,b,c\n1,2,3\n4,5,6\n", &opts);
    let f = expect(&r, "unreadable-data", Severity::Error, &[], 1.0, 0.0, &[1]);
    assert_eq!(
        values(f),
        ["3 columns; only the first 2 are profiled (max_columns, or the memory budget: see the notes)"]
    );
    assert_eq!(r.columns.len(), 2);

    let r = run_with(b"a,b,c\n1,2,3\n4,5,6\n", &Options { max_columns: 3, ..Options::default() });
    none(&r, "unreadable-data");
}

// ---------------------------------------------------------------------------------------------
// empty-input
// ---------------------------------------------------------------------------------------------

#[test]
fn empty_input_fires_on_an_empty_file() {
    let r = run(b"");
    let f = expect(&r, "empty-input", Severity::Error, &[], 0.0, 1.0, &[1]);
    assert_eq!(f.title, "The input holds no data: no rows and no columns");
    assert_eq!(values(f), ["nothing to read"]);
    assert_eq!(r.worst(), Some(Severity::Error), "a pipeline gate fails on it");
}

#[test]
fn empty_input_fires_on_a_header_without_rows() {
    let r = run(b"a,b,c\n");
    let f = expect(&r, "empty-input", Severity::Error, &[], 0.0, 1.0, &[1]);
    assert_eq!(f.title, "The input holds no data rows: only a header with 3 columns");
    assert_eq!(values(f), ["3 columns: a, b, c"]);
}

#[test]
fn empty_input_fires_on_a_json_file_of_only_a_byte_order_mark() {
    let opts = Options { name: Some("data.json".into()), ..Options::default() };
    let r = run_with(b"\xef\xbb\xbf", &opts);
    expect(&r, "empty-input", Severity::Error, &[], 0.0, 1.0, &[1]);
    assert_eq!(
        r.source.format_reason.as_deref(),
        Some("named .json, but the content is empty or only whitespace: read as CSV"),
        "the report says what the file was read as, and why"
    );
}

#[test]
fn empty_input_fires_when_no_record_can_be_read() {
    let r = run_with(b"not json\nnor this\n", &Options { name: Some("x.jsonl".into()), ..Options::default() });
    let f = expect(&r, "empty-input", Severity::Error, &[], 0.0, 1.0, &[1]);
    assert_eq!(f.title, "No data row could be read (2 errors in the input)");
    assert_eq!(r.source.format_reason.as_deref(), Some("from the name (.jsonl)"));
}

#[test]
fn empty_input_near_miss_one_data_row() {
    let r = run(b"a,b,c\n1,2,3\n");
    none(&r, "empty-input");
    let r = run_with(b"{\"a\": 1}", &Options { name: Some("x.json".into()), ..Options::default() });
    none(&r, "empty-input");
    assert_eq!(
        r.source.format_reason.as_deref(),
        Some("named .json, but the content starts with '{': read as JSON Lines (one object per line)")
    );
}

/// 20 data rows of `id,v` (lines 2 to 21).
fn twenty_rows() -> Vec<u8> {
    let mut s = String::from("id,v\n");
    for i in 1..=20 {
        let _ = writeln!(s, "{i},{}", (i * 7) % 5);
    }
    s.into_bytes()
}

#[test]
fn unreadable_data_fires_on_a_truncated_gzip_stream() {
    let data = twenty_rows();
    // Cut the member just after the newline that ends line 11 (10 data rows survive).
    let keep = data.iter().enumerate().filter(|(_, &b)| b == b'\n').nth(10).unwrap().0 + 1;
    let gz = gzip_stored(&data);
    let cut = &gz[..10 + 5 + keep];
    let r = run(cut);
    assert!(r.source.compressed);
    let f = expect(&r, "unreadable-data", Severity::Error, &[], 1.0, 0.0, &[12]);
    assert!(f.evidence[0].value.starts_with("gzip stream is truncated"), "{:?}", f.evidence);
    assert_eq!(r.rows, 10);
    none(&r, "ragged-rows");
}

#[test]
fn unreadable_data_near_miss_a_complete_gzip_stream() {
    let r = run(&gzip_stored(&twenty_rows()));
    assert!(r.source.compressed);
    none(&r, "unreadable-data");
    assert_eq!(r.rows, 20);
    assert_eq!(r.errors_total, 0, "{:?}", r.errors);
}

// ---------------------------------------------------------------------------------------------
// bad-header
// ---------------------------------------------------------------------------------------------

#[test]
fn bad_header_fires_on_repeated_names() {
    // ' score' is 'score' once trimmed.
    let r = run(b"id,score,name, score,name\n1,2,a,3,b\n2,3,c,4,d\n");
    assert_eq!(r.source.header, Some(true));
    let f = expect(&r, "bad-header", Severity::Error, &["name", "score"], 2.0, 0.0, &[1, 1]);
    assert_eq!(values(f), ["'name' names columns 3, 5", "'score' names columns 2, 4"]);
}

#[test]
fn bad_header_fires_on_an_empty_name_when_the_header_is_declared() {
    let opts = Options { header: Some(true), ..Options::default() };
    let r = run_with(b"id,,score\n1,2,3\n2,3,4\n", &opts);
    let f = expect(&r, "bad-header", Severity::Error, &["column_2"], 1.0, 0.0, &[1]);
    assert_eq!(values(f), ["column 2 has an empty name"]);
}

/// Regression: header detection (`sniff::has_header`) used to reject any first row with an empty
/// cell, so a header with an empty name was read as data and `bad-header` could only report an
/// empty name when the caller forced `header: true`.
#[test]
fn bad_header_fires_on_an_empty_name_with_detected_header() {
    let r = run(b"id,,score\n1,2,3\n2,3,4\n");
    assert_eq!(r.source.header, Some(true), "'id,,score' above numeric rows is a header");
    expect(&r, "bad-header", Severity::Error, &["column_2"], 1.0, 0.0, &[1]);
}

#[test]
fn bad_header_near_miss_names_that_differ_only_in_case_or_suffix() {
    let r = run(b"id,score,Score,score_2,score.1\n1,2,3,4,5\n2,3,4,5,6\n");
    assert_eq!(r.source.header, Some(true));
    none(&r, "bad-header");
    assert_eq!(r.columns.len(), 5);
}

// ---------------------------------------------------------------------------------------------
// schema-drift
// ---------------------------------------------------------------------------------------------

#[test]
fn schema_drift_fires_on_keys_missing_from_some_records() {
    let r = run(b"{\"a\":1,\"b\":2}\n{\"a\":2}\n{\"a\":3,\"b\":null}\n{\"a\":4,\"c\":\"x\"}\n");
    // Lowest share first: c (1 of 4), then b (2 of 4; a null counts as present). Each points at
    // the first record without the key: line 1 lacks c, line 2 lacks b.
    let f = expect(&r, "schema-drift", Severity::Warning, &["c", "b"], 0.25, 1.0, &[1, 2]);
    assert_eq!(
        values(f),
        [
            "first record without key 'c'; it is in 1 of 4 records (25%)",
            "first record without key 'b'; it is in 2 of 4 records (50%)"
        ]
    );
    assert_eq!(f.title, "2 keys present in only some records (lowest: 25%)");
    assert_eq!(f.evidence_total, 2);
}

#[test]
fn schema_drift_near_miss_every_key_in_every_record() {
    // Key order and nulls vary, but every record has every key.
    let r = run(b"{\"a\":1,\"b\":2}\n{\"b\":null,\"a\":2}\n{\"a\":3,\"b\":\"x\"}\n");
    none(&r, "schema-drift");
}

#[test]
fn schema_drift_near_miss_at_an_overridden_threshold() {
    // 'b' is in exactly half the records; the comparison is strict (<).
    let opts = Options { thresholds: [("schema-drift".to_string(), 0.5)].into(), ..Options::default() };
    let r = run_with(b"{\"a\":1,\"b\":2}\n{\"a\":2}\n{\"a\":3,\"b\":4}\n{\"a\":4}\n", &opts);
    none(&r, "schema-drift");
    let opts = Options { thresholds: [("schema-drift".to_string(), 0.51)].into(), ..Options::default() };
    let r = run_with(b"{\"a\":1,\"b\":2}\n{\"a\":2}\n{\"a\":3,\"b\":4}\n{\"a\":4}\n", &opts);
    // Line 2 is the first record without 'b'.
    expect(&r, "schema-drift", Severity::Warning, &["b"], 0.5, 0.51, &[2]);
}

// ---------------------------------------------------------------------------------------------
// empty-column
// ---------------------------------------------------------------------------------------------

#[test]
fn empty_column_fires_when_every_value_is_missing() {
    let r = run(b"a,b,c\n1,,x\n2,NA,y\n3,null,z\n");
    let f = expect(&r, "empty-column", Severity::Warning, &["b"], 1.0, 1.0, &[2, 3, 4]);
    assert_eq!(values(f), ["", "NA", "null"]);
    assert_eq!(f.evidence_total, 3);
    assert_eq!(f.title, "'b' is empty: all 3 values are missing");
    none(&r, "missing-values");
}

#[test]
fn empty_column_near_miss_one_value_present() {
    let r = run(b"a,b,c\n1,,x\n2,NA,y\n3,5,z\n");
    none(&r, "empty-column");
    // It is reported as missing values instead.
    expect(&r, "missing-values", Severity::Warning, &["b"], 2.0 / 3.0, 0.01, &[2, 3]);
}

// ---------------------------------------------------------------------------------------------
// constant-column
// ---------------------------------------------------------------------------------------------

#[test]
fn constant_column_fires_on_a_single_value() {
    let r = run(b"a,b\n1,x\n2,x\n3,x\n4,\n");
    let f = expect(&r, "constant-column", Severity::Warning, &["b"], 1.0, 2.0, &[2, 3, 4]);
    assert_eq!(f.title, "'b' has one value in all 3 non-missing rows: 'x'");
    assert_eq!(f.evidence_total, 3);
}

#[test]
fn constant_column_near_miss_two_values() {
    let r = run(b"a,b\n1,x\n2,x\n3,y\n4,\n");
    none(&r, "constant-column");
}

// ---------------------------------------------------------------------------------------------
// missing-values
// ---------------------------------------------------------------------------------------------

/// 100 rows of `id,v` (row i on line i + 1) with `v` missing (as the given token) on some rows.
fn hundred_rows(missing: &[(usize, &str)]) -> Vec<u8> {
    let mut s = String::from("id,v\n");
    for i in 1..=100 {
        let v = missing.iter().find(|m| m.0 == i).map_or_else(|| format!("x{}", i % 7), |m| m.1.to_string());
        let _ = writeln!(s, "{i},{v}");
    }
    s.into_bytes()
}

#[test]
fn missing_values_fires_above_one_percent() {
    let r = run(&hundred_rows(&[(10, ""), (50, "NA")]));
    let f = expect(&r, "missing-values", Severity::Warning, &["v"], 0.02, 0.01, &[11, 51]);
    assert_eq!(values(f), ["", "NA"]);
    assert_eq!(f.evidence_total, 2);
    assert_eq!(f.title, "'v' is missing in 2 rows (2%): empty (1), 'NA' (1)");
}

#[test]
fn missing_values_near_miss_exactly_one_percent() {
    let r = run(&hundred_rows(&[(50, "?")]));
    none(&r, "missing-values");
    assert_eq!(r.columns[1].missing, 1, "the '?' is still counted as missing");
}

// ---------------------------------------------------------------------------------------------
// duplicate-rows
// ---------------------------------------------------------------------------------------------

#[test]
fn duplicate_rows_fires_on_repeated_rows() {
    // Line 8 is line 2 with quoted fields: the same values.
    let r = run(b"a,b\n1,x\n2,y\n1,x\n1,x\n2,y\n3,z\n\"1\",\"x\"\n");
    let f = expect(&r, "duplicate-rows", Severity::Warning, &[], 4.0 / 7.0, 0.0, &[4, 5, 6, 8]);
    assert_eq!(values(f), ["same as line 2", "same as line 2", "same as line 3", "same as line 2"]);
    assert_eq!(f.evidence_total, 4);
    assert_eq!(f.title, "4 rows repeat an earlier row exactly (57.1%)");
    assert_eq!(r.duplicates.rows, 4);
    assert!(r.duplicates.exact);
}

#[test]
fn duplicate_rows_near_miss_rows_differing_in_one_field() {
    // Case, trailing whitespace and an extra character make every row distinct.
    let r = run(b"a,b\n1,x\n2,y\n1,X\n1,x \n2,yy\n3,z\n");
    none(&r, "duplicate-rows");
    assert_eq!(r.duplicates.rows, 0);
}

/// Regression: JSON rows used to be hashed in key order, so the same object written with its keys
/// in another order was neither a duplicate nor a conflicting-label partner.
#[test]
fn duplicate_rows_json_ignores_key_order() {
    let r = run(b"{\"x\":1,\"z\":\"a\"}\n{\"z\":\"a\",\"x\":1}\n");
    let f = expect(&r, "duplicate-rows", Severity::Warning, &[], 0.5, 0.0, &[2]);
    assert_eq!(f.title, "1 row repeats an earlier row exactly (50%)");
}

// ---------------------------------------------------------------------------------------------
// mixed-types
// ---------------------------------------------------------------------------------------------

#[test]
fn mixed_types_fires_on_values_outside_the_dominant_family() {
    let r = run(b"age\n39\n50\nunknown\n38\ntrue\n2024-01-01\n");
    let f = expect(&r, "mixed-types", Severity::Warning, &["age"], 0.5, 0.0, &[4, 6, 7]);
    assert_eq!(values(f), ["unknown", "true", "2024-01-01"]);
    assert_eq!(f.evidence_total, 3);
}

#[test]
fn mixed_types_near_miss_integers_floats_and_missing_tokens() {
    let r = run(b"age\n39\n50.5\nNA\n?\n38\n-1e3\n");
    none(&r, "mixed-types");
    assert_eq!(r.columns[0].ty, "float");
}

// ---------------------------------------------------------------------------------------------
// whitespace
// ---------------------------------------------------------------------------------------------

#[test]
fn whitespace_fires_once_for_all_affected_columns() {
    let r = run(b"a,b,c\n1, x,p\n2,y ,q\n3,z,r \n4,w,s\n");
    // b: 2 of 4 values, c: 1 of 4; the metric is the worst column's share.
    let f = expect(&r, "whitespace", Severity::Warning, &["b", "c"], 0.5, 0.0, &[2, 4]);
    assert_eq!(values(f), ["b: \" x\"", "c: \"r \""]);
    assert_eq!(f.evidence_total, 3);
}

#[test]
fn whitespace_near_miss_inner_spaces_only() {
    let r = run(b"a,b\n1,x y\n2,\"y, z\"\n3,a  b\n");
    none(&r, "whitespace");
}

#[test]
fn whitespace_near_miss_at_an_overridden_threshold() {
    let opts = Options { thresholds: [("whitespace".to_string(), 0.5)].into(), ..Options::default() };
    let r = run_with(b"a,b,c\n1, x,p\n2,y ,q\n3,z,r \n4,w,s\n", &opts);
    none(&r, "whitespace");
}

#[test]
fn whitespace_only_cells_are_missing_not_padded() {
    // Line 3 is three spaces and line 5 a tab: missing values, not padded ones.
    let r = run(b"a,b\n1,x\n2,   \n3,y\n4,\t\n5,z\n");
    none(&r, "whitespace");
    assert_eq!(r.columns[1].missing, 2);
    let f = expect(&r, "missing-values", Severity::Warning, &["b"], 0.4, 0.01, &[3, 5]);
    assert!(f.title.ends_with(": empty (2)"), "{}", f.title);

    // Next to a padded value, only the padded value counts as whitespace.
    let r = run(b"a,b\n1, x\n2,   \n3,y\n4,z\n");
    let f = expect(&r, "whitespace", Severity::Warning, &["b"], 0.25, 0.0, &[2]);
    assert_eq!(values(f), ["b: \" x\""]);
    assert_eq!(f.evidence_total, 1);
    expect(&r, "missing-values", Severity::Warning, &["b"], 0.25, 0.01, &[3]);
}

#[test]
fn whitespace_fires_on_padded_header_names_alone() {
    // Every value is clean; only the header names are padded. The columns are named trimmed.
    let r = run(b"a , b\n1,x\n2,y\n3,z\n");
    assert_eq!(r.source.header, Some(true));
    let names: Vec<&str> = r.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["a", "b"]);
    let f = one(&r, "whitespace");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.title, "2 of 2 header names have leading or trailing whitespace");
    let lines: Vec<u64> = f.evidence.iter().map(|e| e.line).collect();
    assert_eq!(lines, [1]);
    assert_eq!(values(f), ["header: 2 of 2 names padded, e.g. \"a \""]);

    // Near miss: the same names unpadded.
    none(&run(b"a,b\n1,x\n2,y\n3,z\n"), "whitespace");
}

/// The header-only whitespace finding is not self-consistent: its metric is the value share, 0,
/// so it reads "= 0 (0 > 0)", which does not cross the threshold it claims to; its
/// `evidence_total` counts padded values only (0 here, 1 with a padded value) while the header
/// evidence row is shown on top; and `columns` omits the columns whose names are padded.
#[test]

fn whitespace_header_finding_is_consistent() {
    let r = run(b"a , b\n1,x\n2,y\n3,z\n");
    let f = one(&r, "whitespace");
    assert!(
        f.comparison.fires(f.metric, f.threshold),
        "metric {} does not cross {} {}",
        f.metric,
        f.comparison.symbol(),
        f.threshold
    );
    assert!(
        f.evidence_total >= f.evidence.len() as u64,
        "evidence_total {} < {} rows shown",
        f.evidence_total,
        f.evidence.len()
    );
    assert_eq!(f.columns, ["a", "b"], "the padded columns");

    let r = run(b"a , b\n1,x\n2, y\n3,z\n");
    let f = one(&r, "whitespace");
    assert!(
        f.evidence_total >= f.evidence.len() as u64,
        "evidence_total {} < {} rows shown: {:?}",
        f.evidence_total,
        f.evidence.len(),
        f.evidence
    );
}

// ---------------------------------------------------------------------------------------------
// id-like-column
// ---------------------------------------------------------------------------------------------

/// `id,v` with `n` rows; `id` is the row number except on rows listed in `repeat`, which repeat 1.
fn ids_column(n: usize, repeat: &[usize]) -> Vec<u8> {
    let mut s = String::from("id,v\n");
    for i in 1..=n {
        let id = if repeat.contains(&i) { 1 } else { i };
        let _ = writeln!(s, "{id},{}", i % 3);
    }
    s.into_bytes()
}

#[test]
fn id_like_column_fires_at_99_percent_unique() {
    let r = run(&ids_column(100, &[100]));
    let f = expect(&r, "id-like-column", Severity::Warning, &["id"], 0.99, 0.99, &[2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    assert_eq!(values(f), ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    assert_eq!(f.evidence_total, 100);
    assert_eq!(f.title, "'id' looks like an identifier: 99 distinct values in 100 rows (99%)");
}

#[test]
fn id_like_column_near_miss_98_percent_unique() {
    let r = run(&ids_column(100, &[99, 100]));
    none(&r, "id-like-column");
}

#[test]
fn id_like_column_near_miss_too_few_values() {
    // 19 unique integers: below the 20 values uniqueness needs to mean anything.
    let r = run(&ids_column(19, &[]));
    none(&r, "id-like-column");
    let r = run(&ids_column(20, &[]));
    one(&r, "id-like-column");
}

// ---------------------------------------------------------------------------------------------
// high-cardinality
// ---------------------------------------------------------------------------------------------

fn cities(rows: usize, distinct: usize) -> Vec<u8> {
    let cells: Vec<String> = (0..rows).map(|i| format!("city{}", i % distinct)).collect();
    column("city", &cells)
}

#[test]
fn high_cardinality_fires_at_half_distinct() {
    let r = run(&cities(200, 100));
    let f = expect(&r, "high-cardinality", Severity::Info, &["city"], 0.5, 0.5, &[2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    assert_eq!(f.evidence_total, 100, "evidence_total is the number of distinct values");
    none(&r, "id-like-column");
}

#[test]
fn high_cardinality_near_miss_just_under_half() {
    let r = run(&cities(201, 100));
    none(&r, "high-cardinality");
}

#[test]
fn high_cardinality_near_miss_under_100_distinct() {
    // 99 distinct values over 198 rows: the share is 0.5, but too few values to matter.
    let r = run(&cities(198, 99));
    none(&r, "high-cardinality");
}

// ---------------------------------------------------------------------------------------------
// outliers
// ---------------------------------------------------------------------------------------------

/// 0.5, 1.5, ..., 19.5 and then `last`, one per line (lines 2 to 22): a continuous column (21
/// distinct values, not integers), the smallest the numeric checks judge.
fn twenty_and(last: f64) -> (Vec<f64>, Vec<u8>) {
    let xs: Vec<f64> = (0..20).map(|i| f64::from(i) + 0.5).chain([last]).collect();
    let cells: Vec<String> = xs.iter().map(|x| x.to_string()).collect();
    (xs, column("x", &cells))
}

#[test]
fn outliers_fires_past_a_gap_of_three_iqr() {
    // Q1 = 5.5, Q3 = 15.5 (linear interpolation over 21 values), IQR = 10; the far-out fence is
    // 15.5 + 30 = 45.5. The bulk is not right-skewed ((p95 - p50) = 9 < 2 (p50 - p5) = 18), so
    // the scale is linear: 50 lies 30.5 = 3.05 IQR above the next value, 19.5.
    let (_, input) = twenty_and(50.0);
    let r = run(&input);
    let f = expect(&r, "outliers", Severity::Info, &["x"], 1.0 / 21.0, 0.0, &[22]);
    assert_eq!(values(f), ["50"]);
    assert_eq!(f.evidence_total, 1);
    assert!(
        f.title.ends_with("cut off from the rest by a gap: 50 lies above 19.5 with nothing between (a gap of 3.0 IQR)"),
        "{}",
        f.title
    );
    assert!(!f.approximate);
}

#[test]
fn outliers_near_miss_beyond_the_fence_without_a_gap() {
    // 49 is beyond the far-out fence (45.5) but only 29.5 = 2.95 IQR above 19.5.
    let (_, input) = twenty_and(49.0);
    let r = run(&input);
    none(&r, "outliers");
}

#[test]
fn outliers_fires_below_the_bulk() {
    // -20 lies 20.5 below 0.5 (2.05 IQR) but beyond the lower fence 5.5 - 30 = -24.5 it is not:
    // no finding. -30 is beyond the fence and 30.5 = 3.05 IQR below 0.5.
    let (_, input) = twenty_and(-20.0);
    none(&run(&input), "outliers");
    let (_, input) = twenty_and(-30.0);
    let r = run(&input);
    let f = expect(&r, "outliers", Severity::Info, &["x"], 1.0 / 21.0, 0.0, &[22]);
    assert!(f.title.ends_with("-30 lies below 0.5 with nothing between (a gap of 3.0 IQR)"), "{}", f.title);
}

#[test]
fn outliers_near_miss_codes_are_not_judged() {
    // Before issue 11: 1..=11 and 26 was an outlier (beyond Q3 + 3 IQR = 25.75). Twelve distinct
    // integers are codes or a count, not a continuous column: neither numeric check runs.
    let cells: Vec<String> = (1..=11).chain([26]).map(|i| i.to_string()).collect();
    let r = run(&column("x", &cells));
    none(&r, "outliers");
    none(&r, "skewed");
}

// ---------------------------------------------------------------------------------------------
// skewed
// ---------------------------------------------------------------------------------------------

#[test]
fn skewed_fires_above_two() {
    let (xs, input) = twenty_and(44.0);
    let r = run(&input);
    let want = skewness(&xs);
    assert!((2.04..2.05).contains(&want), "fixture drifted: {want}");
    // The evidence is the tail: values above the 99th percentile, 19.5 + 0.8 * (44 - 19.5) = 39.1
    // (linear interpolation over 21 values). Only the 44 lies beyond it.
    let f = expect(&r, "skewed", Severity::Info, &["x"], want, 2.0, &[22]);
    assert_eq!(values(f), ["44"]);
    assert_eq!(f.evidence_total, 1, "values beyond the 99th percentile");
    assert!(f.title.ends_with("; 1 value beyond the 99th percentile (39.1)"), "{}", f.title);
    assert!(f.title.contains("skewed to the right"), "{}", f.title);
    close("report skewness", r.columns[0].skewness.unwrap(), want);
}

#[test]
fn skewed_near_miss_just_under_two() {
    let (xs, input) = twenty_and(43.0);
    let want = skewness(&xs);
    assert!((1.95..2.0).contains(&want), "fixture drifted: {want}");
    let r = run(&input);
    none(&r, "skewed");
    close("report skewness", r.columns[0].skewness.unwrap(), want);
}

#[test]
fn skewed_near_miss_a_skewed_code() {
    // A code that is mostly 1 (as taxis' RatecodeID) has a skewness far above 2 and no tail.
    let mut cells = vec!["1".to_string(); 95];
    cells.extend(["2", "3", "4", "5", "6"].map(String::from));
    let r = run(&column("x", &cells));
    assert!(r.columns[0].skewness.unwrap() > 2.0);
    none(&r, "skewed");
}

#[test]
fn skewed_fires_on_a_left_tail() {
    let (xs, input) = twenty_and(-24.0);
    let r = run(&input);
    let want = skewness(&xs);
    assert!(want < -2.0, "{want}");
    // The tail is below the 1st percentile, -24 + 0.2 * (0.5 - (-24)) = -19.1: only the -24.
    let f = expect(&r, "skewed", Severity::Info, &["x"], want.abs(), 2.0, &[22]);
    assert_eq!(values(f), ["-24"]);
    assert_eq!(f.evidence_total, 1, "values below the 1st percentile");
    assert!(f.title.contains("skewed to the left"), "{}", f.title);
    assert!(f.title.ends_with("; 1 value beyond the 1st percentile (-19.1)"), "{}", f.title);
}

#[test]
fn skewed_evidence_is_the_tail_largest_first() {
    // 1.5..=990.5 and then 10,000.5..=10,009.5 (halves, so not an identifier): the 99th percentile
    // is 990.5 + 0.01 * 9,010 = 1,080.6 and the ten large values lie beyond it. Three are shown,
    // largest first; all ten are counted.
    let xs: Vec<f64> = (1..=990).chain(10_000..=10_009).map(|i| f64::from(i) + 0.5).collect();
    let cells: Vec<String> = xs.iter().map(|x| x.to_string()).collect();
    let opts = Options { evidence_limit: 3, ..Options::default() };
    let r = run_with(&column("x", &cells), &opts);
    let want = skewness(&xs);
    let f = expect(&r, "skewed", Severity::Info, &["x"], want, 2.0, &[1001, 1000, 999]);
    assert_eq!(values(f), ["10009.5", "10008.5", "10007.5"]);
    assert_eq!(f.evidence_total, 10);
    assert!(f.title.ends_with("; 10 values beyond the 99th percentile (1080.6)"), "{}", f.title);
}

/// When the top 1% is tied (capital-gain's 99,999 cap), nothing lies strictly beyond the 99th
/// percentile: the finding says "0 values beyond the 99th percentile (99999)" and shows no
/// evidence, although the tail is right there.
#[test]
fn skewed_shows_a_tied_tail() {
    // 80 zeros (lines 2 to 81), 1.5..=18.5 (82 to 99) and two 99,999s (100 and 101).
    let mut cells = vec!["0".to_string(); 80];
    cells.extend((1..=18).map(|i| format!("{i}.5")));
    cells.extend(["99999", "99999"].map(String::from));
    let r = run(&column("x", &cells));
    let f = one(&r, "skewed");
    assert!(!f.title.contains(" 0 values beyond"), "the tail is not empty: {}", f.title);
    assert!(f.evidence_total >= 2, "evidence_total {}", f.evidence_total);
    let lines: Vec<u64> = f.evidence.iter().map(|e| e.line).collect();
    assert!(lines.starts_with(&[100, 101]), "the 99,999s should lead the evidence: {:?}", f.evidence);
}

// ---------------------------------------------------------------------------------------------
// Numeric checks on mostly-numeric columns
// ---------------------------------------------------------------------------------------------

/// 0.5..=20.5, a word, then 1000 (lines 2 to 24): the numeric values, and the input.
fn numbers_and_a_word() -> (Vec<f64>, Vec<u8>) {
    let mut cells: Vec<String> = (0..=20).map(|i| format!("{i}.5")).collect();
    cells.push("oops".into());
    cells.push("1000".into());
    let xs: Vec<f64> = (0..=20).map(|i| f64::from(i) + 0.5).chain([1000.0]).collect();
    (xs, column("x", &cells))
}

#[test]
fn numeric_checks_run_on_a_mostly_numeric_column_with_a_word() {
    let (xs, input) = numbers_and_a_word();
    let r = run(&input);
    assert_eq!(r.columns[0].ty, "categorical", "the word makes it a string");
    let f = expect(&r, "mixed-types", Severity::Warning, &["x"], 1.0 / 23.0, 0.0, &[23]);
    assert_eq!(values(f), ["oops"]);

    // Over the 22 numbers: Q1 = 5.75, Q3 = 16.25, IQR = 10.5; 1000 lies 979.5 = 93.3 IQR above
    // 20.5.
    let f = expect(&r, "outliers", Severity::Info, &["x"], 1.0 / 22.0, 0.0, &[24]);
    assert_eq!(values(f), ["1000"]);
    assert_eq!(f.evidence_total, 1);
    assert!(f.title.contains("1000 lies above 20.5 with nothing between (a gap of 93.3 IQR)"), "{}", f.title);

    // The skewness of the numbers alone; the 99th percentile is 20.5 + 0.79 * 979.5 = 794.305.
    let want = skewness(&xs);
    let f = expect(&r, "skewed", Severity::Info, &["x"], want, 2.0, &[24]);
    assert_eq!(values(f), ["1000"]);
    assert_eq!(f.evidence_total, 1);
    assert!(f.title.contains("; 1 value beyond the 99th percentile (794.305)"), "{}", f.title);
}

#[test]
fn numeric_checks_near_miss_a_mostly_string_column() {
    // The same 22 numbers with 23 words ('oops' and 22 more): strings dominate, so neither
    // numeric check runs, though both would fire on the numbers.
    let (_, input) = numbers_and_a_word();
    let mut input = String::from_utf8(input).unwrap();
    for i in 0..22 {
        let _ = writeln!(input, "word{i}");
    }
    let r = run(input.as_bytes());
    assert_eq!(r.columns[0].ty, "categorical");
    one(&r, "mixed-types");
    none(&r, "outliers");
    none(&r, "skewed");
}

// ---------------------------------------------------------------------------------------------
// rare-negatives
// ---------------------------------------------------------------------------------------------

/// 300 rows of `fare,tax,total,temp` (row r on line r + 1), all positive except: fare, tax and
/// total (or only fare, when `siblings` is false) on rows 30 and 70, and temp alone on row 50.
fn charges(siblings: bool) -> Vec<u8> {
    let mut s = String::from("fare,tax,total,temp\n");
    for r in 1..=300 {
        let fare = 5.0 + f64::from(r % 17);
        let (mut fare, mut tax, mut total) = (fare, 0.5, fare + 0.5);
        if r == 30 || r == 70 {
            fare = -fare;
            if siblings {
                tax = -0.5;
                total = fare - 0.5;
            }
        }
        let temp = if r == 50 { -3.0 } else { 10.0 + f64::from(r % 11) };
        let _ = writeln!(s, "{fare},{tax},{total},{temp}");
    }
    s.into_bytes()
}

#[test]
fn rare_negatives_fires_on_rows_negative_in_sibling_columns() {
    let r = run(&charges(true));
    let f = expect(&r, "rare-negatives", Severity::Info, &["fare", "tax", "total"], 2.0 / 300.0, 0.0, &[31, 71]);
    assert_eq!(values(f), ["fare -18, tax -0.5, total -18.5", "fare -7, tax -0.5, total -7.5"]);
    assert_eq!(f.evidence_total, 2);
    assert_eq!(
        f.title,
        "2 rows (0.67%) are negative in two or more of 'fare', 'tax', 'total', columns otherwise never negative"
    );
}

#[test]
fn rare_negatives_near_miss_one_column_alone() {
    // fare is negative on rows 30 and 70 and temp on row 50, but no row in two columns.
    let r = run(&charges(false));
    none(&r, "rare-negatives");
}

// ---------------------------------------------------------------------------------------------
// class-imbalance
// ---------------------------------------------------------------------------------------------

/// `x,y` with `a` rows labelled a, then `b` rows labelled b; x is the row number.
fn classes(a: usize, b: usize) -> Vec<u8> {
    let mut s = String::from("x,y\n");
    for i in 1..=a + b {
        let _ = writeln!(s, "{i},{}", if i <= a { "a" } else { "b" });
    }
    s.into_bytes()
}

#[test]
fn class_imbalance_fires_below_one_fifth() {
    let r = run_with(&classes(11, 2), &labelled("y"));
    // Rarest class first.
    let f = expect(&r, "class-imbalance", Severity::Warning, &["y"], 2.0 / 11.0, 0.2, &[13, 2]);
    assert_eq!(
        values(f),
        ["class 'b': 2 rows (15.4%), first on this line", "class 'a': 11 rows (84.6%), first on this line"]
    );
    assert_eq!(f.evidence_total, 2, "evidence_total is the rarest class's count");
}

#[test]
fn class_imbalance_near_miss_exactly_one_fifth() {
    let r = run_with(&classes(10, 2), &labelled("y"));
    none(&r, "class-imbalance");
}

#[test]
fn label_checks_need_a_label() {
    let r = run_with(&classes(11, 2), &Options { propose_roles: false, ..Options::default() });
    none(&r, "class-imbalance");
    none(&r, "conflicting-labels");
    assert_eq!(r.label, None);
    assert!(r.bias.roles.label.is_none());
}

/// A column named like a label (here `y`) is proposed as the label by default, and the label
/// checks then run on it; the report says it was proposed.
#[test]
fn a_label_is_proposed_from_the_column_name_by_default() {
    let r = run(&classes(11, 2));
    assert_eq!(r.label.as_deref(), Some("y"));
    let role = r.bias.roles.label.as_ref().unwrap();
    assert_eq!((role.name.as_str(), role.proposed), ("y", true));
    expect(&r, "class-imbalance", Severity::Warning, &["y"], 2.0 / 11.0, 0.2, &[13, 2]);
}

// ---------------------------------------------------------------------------------------------
// conflicting-labels
// ---------------------------------------------------------------------------------------------

#[test]
fn conflicting_labels_fires_on_identical_features_with_different_labels() {
    // (1, a) is labelled yes, no, yes: one group of 3 rows out of 6.
    let r = run_with(b"x,z,y\n1,a,yes\n2,b,no\n1,a,no\n3,c,yes\n1,a,yes\n2,b,no\n", &labelled("y"));
    let f = expect(&r, "conflicting-labels", Severity::Error, &["y"], 0.5, 0.0, &[4]);
    assert_eq!(values(f), ["label 'no' but line 2 has the same features with label 'yes'"]);
    assert_eq!(f.evidence_total, 3);
    assert_eq!(f.title, "1 group of identical features carries different 'y' labels (3 rows, 50%)");
    assert!(!f.approximate);
}

#[test]
fn conflicting_labels_near_miss_features_differ_in_one_field() {
    let r = run_with(b"x,z,y\n1,a,yes\n2,b,no\n1,b,no\n3,c,yes\n1,a,yes\n", &labelled("y"));
    none(&r, "conflicting-labels");
}

/// Regression: a missing label (empty, NA) used to be hashed like any other label, so unlabelled
/// copies of a labelled row counted as conflicts, while class-imbalance skips missing labels.
#[test]
fn conflicting_labels_ignore_missing_labels() {
    let r = run_with(b"x,y\n1,yes\n1,\n1,NA\n2,no\n", &labelled("y"));
    none(&r, "conflicting-labels");
}

/// Regression: identical JSON objects whose keys come in another order are one feature group.
#[test]
fn conflicting_labels_json_ignores_key_order() {
    let r = run_with(b"{\"x\":1,\"z\":\"a\",\"y\":\"p\"}\n{\"z\":\"a\",\"x\":1,\"y\":\"q\"}\n", &labelled("y"));
    expect(&r, "conflicting-labels", Severity::Error, &["y"], 1.0, 0.0, &[2]);
}

/// Regression: the titles of empty-column and constant-column used to hard-code the default
/// threshold's meaning ("all N values are missing", "has one value"), so under a threshold
/// override they were false.
#[test]
fn titles_stay_true_under_threshold_overrides() {
    let mut s = String::from("a,b\n");
    for i in 1..=19 {
        let _ = writeln!(s, "{i},");
    }
    s.push_str("20,v\n");
    let opts = Options { thresholds: [("empty-column".to_string(), 0.9)].into(), ..Options::default() };
    let r = run_with(s.as_bytes(), &opts);
    let f = expect(&r, "empty-column", Severity::Warning, &["b"], 0.95, 0.9, &[2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    assert_eq!(f.title, "'b' is almost empty: 19 of 20 values are missing (95%)");

    let opts = Options { thresholds: [("constant-column".to_string(), 3.0)].into(), ..Options::default() };
    let r = run_with(b"a,b\n1,0\n2,1\n3,0\n4,1\n", &opts);
    let f = expect(&r, "constant-column", Severity::Warning, &["b"], 2.0, 3.0, &[2, 3, 4, 5]);
    assert_eq!(f.title, "'b' has only 2 distinct values in 4 rows: '0', '1'");
}

// ---------------------------------------------------------------------------------------------
// Records over the limit in CSV
// ---------------------------------------------------------------------------------------------

/// Regression: the CSV parser used to start with a 4 KiB record buffer and only check the limit
/// when that buffer filled, so with `max_record_bytes` below 4096 records up to ~4 KiB were read,
/// not skipped.
#[test]
fn unreadable_data_csv_record_over_a_small_limit() {
    let input = format!("a,b\n1,x\n2,{}\n3,z\n", "y".repeat(2000));
    let r = run_with(input.as_bytes(), &Options { max_record_bytes: 1024, ..Options::default() });
    expect(&r, "unreadable-data", Severity::Error, &[], 1.0, 0.0, &[3]);
}

#[test]
fn unreadable_data_csv_record_exactly_at_and_just_over_a_small_limit() {
    // One column, so the record's bytes are the line's bytes.
    let input = |n: usize| format!("a\nx\n{}\nz\n", "y".repeat(n)).into_bytes();
    let opts = Options { max_record_bytes: 100, ..Options::default() };
    let r = run_with(&input(100), &opts);
    none(&r, "unreadable-data");
    assert_eq!(r.rows, 3);
    let r = run_with(&input(101), &opts);
    let f = expect(&r, "unreadable-data", Severity::Error, &[], 1.0, 0.0, &[3]);
    assert_eq!(values(f), ["record larger than 100 bytes; skipped"]);
    assert_eq!(r.rows, 2, "the long record is skipped");
}

// ---------------------------------------------------------------------------------------------
// Findings in general
// ---------------------------------------------------------------------------------------------

/// A CSV on which most checks fire, several with more evidence rows than the limit.
fn kitchen_sink() -> Vec<u8> {
    let mut s = String::from("id,name,,city,score,notes,age,flag,y\n");
    for i in 1..=60 {
        let name = if i % 2 == 0 { format!(" n{i}") } else { format!("n{i}") };
        // Quarters (60 distinct values, a continuous column) and one value far past a gap.
        let score = if i == 60 { 1_000_000.0 } else { f64::from(i) / 4.0 };
        let age = match i % 4 {
            0 => "NA".to_string(),
            1 => "unknown".to_string(),
            _ => (20 + i).to_string(),
        };
        let y = if i <= 55 { "a" } else { "b" };
        let _ = writeln!(s, "{i},{name},e,Paris,{score},,{age},yes,{y}");
    }
    // Duplicates and a conflict: copies of line 2 with the same and the other label.
    for _ in 0..15 {
        s.push_str("1,n1,e,Paris,1,,unknown,yes,a\n");
    }
    s.push_str("1,n1,e,Paris,1,,unknown,yes,b\n");
    // Ragged rows.
    for _ in 0..12 {
        s.push_str("1,2\n");
    }
    s.into_bytes()
}

#[test]
fn every_finding_is_complete_and_evidence_is_capped() {
    let input = kitchen_sink();
    for limit in [1usize, 3, 10] {
        let opts = Options { label: Some("y".into()), header: Some(true), evidence_limit: limit, ..Options::default() };
        let r = run_with(&input, &opts);
        let fired: Vec<&str> = ids(&r);
        for id in [
            "ragged-rows",
            "bad-header",
            "empty-column",
            "constant-column",
            "missing-values",
            "duplicate-rows",
            "mixed-types",
            "whitespace",
            "outliers",
            "skewed",
            "class-imbalance",
            "conflicting-labels",
        ] {
            assert!(fired.contains(&id), "limit {limit}: expected '{id}' to fire; fired: {fired:?}");
        }
        for f in &r.findings {
            let id = f.id;
            let meta = registry::meta(id).unwrap_or_else(|| panic!("finding id '{id}' is not in the registry"));
            assert!(!f.id.is_empty());
            assert!(!f.title.trim().is_empty(), "{id}: empty title");
            assert!(!f.explanation.trim().is_empty(), "{id}: empty explanation");
            assert!(!f.metric_name.trim().is_empty(), "{id}: empty metric_name");
            assert_eq!(f.explanation, meta.why, "{id}: explanation");
            // label-leakage raised by one value alone reports that value's purity against its
            // `value_purity` parameter, and escalates recodings and near-certain leaks to errors.
            let one_value = id == "label-leakage" && f.metric_name != meta.threshold.metric;
            if one_value {
                assert_eq!(f.metric_name, "share of the value's rows with one label class", "{id}: metric_name");
                assert_eq!(f.threshold, meta.param("value_purity"), "{id}: threshold");
            } else {
                assert_eq!(f.metric_name, meta.threshold.metric, "{id}: metric_name");
                assert_eq!(f.threshold, meta.threshold.default, "{id}: threshold");
            }
            assert_eq!(f.comparison, meta.threshold.comparison, "{id}: comparison");
            if id == "label-leakage" {
                assert!(f.severity >= meta.severity, "{id}: severity");
            } else {
                assert_eq!(f.severity, meta.severity, "{id}: severity");
            }
            assert!(f.metric.is_finite(), "{id}: metric {}", f.metric);
            assert!(
                f.comparison.fires(f.metric, f.threshold),
                "{id}: metric {} does not cross its threshold",
                f.metric
            );
            assert!(f.evidence.len() <= limit, "{id}: {} evidence rows with evidence_limit {limit}", f.evidence.len());
            assert!(f.evidence.iter().all(|e| e.line >= 1), "{id}: line 0 in evidence {:?}", f.evidence);
            assert!(
                f.evidence_total >= f.evidence.len() as u64,
                "{id}: evidence_total {} < {} rows shown",
                f.evidence_total,
                f.evidence.len()
            );
        }
        // Where there is more to show than the limit, the limit is reached exactly.
        for id in ["ragged-rows", "missing-values", "duplicate-rows", "constant-column", "empty-column"] {
            for f in r.findings.iter().filter(|f| f.id == id) {
                assert_eq!(
                    f.evidence.len(),
                    limit.min(f.evidence_total as usize),
                    "{id} evidence rows at limit {limit}"
                );
            }
        }
        // Findings are sorted worst first.
        let sev: Vec<Severity> = r.findings.iter().map(|f| f.severity).collect();
        let mut sorted = sev.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(sev, sorted, "findings not sorted by severity");
        assert_eq!(
            (r.summary.error, r.summary.warning, r.summary.info),
            (
                sev.iter().filter(|s| **s == Severity::Error).count() as u64,
                sev.iter().filter(|s| **s == Severity::Warning).count() as u64,
                sev.iter().filter(|s| **s == Severity::Info).count() as u64
            )
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Options: thresholds, severities, disable, unknown ids
// ---------------------------------------------------------------------------------------------

/// 'b' is missing in 1 of 4 rows (25%).
const QUARTER_MISSING: &[u8] = b"a,b\n1,x\n2,\n3,y\n4,z\n";

#[test]
fn threshold_overrides_move_the_line() {
    let at = |t: f64| Options { thresholds: [("missing-values".to_string(), t)].into(), ..Options::default() };
    // 0.25 > 0.25 is false: at the threshold it does not fire.
    none(&run_with(QUARTER_MISSING, &at(0.25)), "missing-values");
    let r = run_with(QUARTER_MISSING, &at(0.2499));
    expect(&r, "missing-values", Severity::Warning, &["b"], 0.25, 0.2499, &[3]);
    // A count check: two ragged rows fire at the default (> 0) but not at > 2.
    let ragged = b"a,b\n1,2\n3,4,5\n6\n7,8\n";
    let opts = Options { thresholds: [("ragged-rows".to_string(), 2.0)].into(), ..Options::default() };
    none(&run_with(ragged, &opts), "ragged-rows");
    let opts = Options { thresholds: [("ragged-rows".to_string(), 1.0)].into(), ..Options::default() };
    expect(&run_with(ragged, &opts), "ragged-rows", Severity::Error, &[], 2.0, 1.0, &[3, 4]);
}

#[test]
fn severity_overrides_change_severity_order_and_summary() {
    let base = run(QUARTER_MISSING);
    assert_eq!(one(&base, "missing-values").severity, Severity::Warning);
    assert_eq!(base.summary.error, 0);

    let opts = Options { severity: [("missing-values".to_string(), Severity::Error)].into(), ..Options::default() };
    let r = run_with(QUARTER_MISSING, &opts);
    let f = one(&r, "missing-values");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(r.findings[0].id, "missing-values", "an error sorts first");
    assert_eq!(r.summary.error, 1);
    assert_eq!(r.worst(), Some(Severity::Error));

    let opts = Options { severity: [("ragged-rows".to_string(), Severity::Info)].into(), ..Options::default() };
    let r = run_with(b"a,b\n1,2\n3\n", &opts);
    assert_eq!(one(&r, "ragged-rows").severity, Severity::Info);
}

#[test]
fn disable_skips_a_check() {
    let opts = Options { disable: vec!["missing-values".into()], ..Options::default() };
    let r = run_with(QUARTER_MISSING, &opts);
    none(&r, "missing-values");
    // The profile still counts the missing value.
    assert_eq!(r.columns[1].missing, 1);
    let opts = Options { disable: vec!["conflicting-labels".into()], ..labelled("y") };
    let r = run_with(b"x,y\n1,a\n1,b\n", &opts);
    none(&r, "conflicting-labels");
}

#[test]
fn overrides_from_json_config() {
    let opts: Options = serde_json::from_str(
        r#"{"thresholds": {"missing-values": 0.3}, "severity": {"whitespace": "error"}, "disable": ["constant-column"]}"#,
    )
    .unwrap();
    let r = run_with(b"a,b,c\n1,x,k\n2,, k\n3,y,k\n4,z,k\n", &opts);
    none(&r, "missing-values");
    none(&r, "constant-column");
    expect(&r, "whitespace", Severity::Error, &["c"], 0.25, 0.0, &[3]);
}

#[test]
fn unknown_check_ids_are_rejected() {
    let bad: [Options; 3] = [
        Options { thresholds: [("missing-value".to_string(), 0.1)].into(), ..Options::default() },
        Options { severity: [("duplicates".to_string(), Severity::Info)].into(), ..Options::default() },
        Options { disable: vec!["ragged-rows".into(), "no-such-check".into()], ..Options::default() },
    ];
    for (opts, id) in bad.into_iter().zip(["missing-value", "duplicates", "no-such-check"]) {
        match Session::new(opts) {
            Ok(_) => panic!("Session::new accepted unknown check id '{id}'"),
            Err(e) => assert!(e.contains(&format!("'{id}'")), "message should name '{id}': {e}"),
        }
    }
    let nan = Options { thresholds: [("skewed".to_string(), f64::NAN)].into(), ..Options::default() };
    assert!(Session::new(nan).is_err(), "a NaN threshold must be rejected");
    // Every registry id is accepted everywhere, and disabling them all leaves no finding (the
    // kitchen sink proposes `y` as the label and `age` as a sensitive column).
    let all: Vec<String> = registry::ALL.iter().map(|(m, _)| m.id.to_string()).collect();
    let opts = Options {
        thresholds: all.iter().map(|id| (id.clone(), 0.5)).collect(),
        severity: all.iter().map(|id| (id.clone(), Severity::Info)).collect(),
        disable: all.clone(),
        ..Options::default()
    };
    let before = run_with(&kitchen_sink(), &Options::default());
    // (proxy-for-sensitive needs 100 rows; this fixture has fewer.)
    for id in ["conflicting-labels", "underrepresented-group"] {
        assert!(ids(&before).contains(&id), "with nothing disabled '{id}' fires; fired: {:?}", ids(&before));
    }
    let r = run_with(&kitchen_sink(), &opts);
    assert!(r.findings.is_empty(), "everything disabled, yet: {:?}", ids(&r));
}

// ---------------------------------------------------------------------------------------------
// Percentages in titles
// ---------------------------------------------------------------------------------------------

#[test]
fn percentages_have_one_decimal_and_no_trailing_zero() {
    for (share, want) in [
        (0.0, "0%"),
        (2.0 / 13.0, "15.4%"),
        (0.02, "2%"),
        (0.125, "12.5%"),
        (0.25, "25%"),
        (0.0007, "0.07%"),
        (0.999, "99.9%"),
        (1.0, "100%"),
    ] {
        assert_eq!(pct(share), want, "pct({share})");
    }
}

/// Regression: rounding made a share that is neither none nor all read as one of them (9,998
/// distinct ids in 9,999 rows was "(100%)", one duplicate in 100,000 rows "(0.00%)").
#[test]
fn percentages_never_round_to_all_or_nothing() {
    for share in [0.9995, 0.9999, 0.999_999] {
        assert_ne!(pct(share), "100%", "pct({share})");
    }
    for share in [0.000_01, 0.000_001] {
        let p = pct(share);
        assert!(p.trim_end_matches('%').parse::<f64>().unwrap_or(1.0) > 0.0, "pct({share}) = {p}");
    }
}

// ---------------------------------------------------------------------------------------------
// Snapshots of the renderings
// ---------------------------------------------------------------------------------------------

const SMALL: &[u8] = b"id,name,age,city,score,notes\n\
1,Ada,36,London,0.5,\n\
2,Bob,?,London,0.7,\n\
3, Cy,41,London,0.7,\n\
4,Dee,unknown,London,12.5,\n\
2,Bob,?,London,0.7,\n\
5,Eve,29,London,0.6\n\
6,Fay ,33,London,0.4,\n\
7,Gus,38,London,0.5,\n";

fn snapshot(file: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(file);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        eprintln!("wrote {}", path.display());
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("cannot read snapshot {}: {e}\nrun with UPDATE_SNAPSHOTS=1 to create it", path.display())
    });
    if expected != actual {
        panic!(
            "rendering differs from snapshot {}\n{}\nIf the change is intended, review it and rerun with UPDATE_SNAPSHOTS=1 \
             (UPDATE_SNAPSHOTS=1 cargo test --test main it::checks::snapshot).",
            path.display(),
            diff(&expected, actual, &format!("snapshot {file}"), "actual")
        );
    }
}

/// The report's version string is replaced so that a version bump does not churn snapshots.
fn unversioned(r: &Report, s: &str) -> String {
    s.replace(&format!("datalint {}", r.datalint), "datalint VERSION")
}

#[test]
fn snapshot_text_and_markdown() {
    let r = run_with(SMALL, &Options { name: Some("small.csv".into()), ..Options::default() });
    // What the snapshot must show, so a rewrite with UPDATE_SNAPSHOTS cannot silently lose it.
    for id in [
        "ragged-rows",
        "empty-column",
        "constant-column",
        "missing-values",
        "duplicate-rows",
        "mixed-types",
        "whitespace",
    ] {
        one(&r, id);
    }
    snapshot("checks_small.txt", &unversioned(&r, &r.to_text()));
    snapshot("checks_small.md", &unversioned(&r, &r.to_markdown()));
}

/// Files concatenated with their headers: the header's copies are one `bad-header` warning with
/// their lines, and are not profiled as data (no duplicate row, no mixed types, not counted).
#[test]
fn a_repeated_header_is_one_finding_and_not_data() {
    let r = run(b"a,b,c\n1,x,2.5\n2,y,3.5\na,b,c\n3,z,4.5\n a , b , c \n4,w,5.5\n5,v,6.5\n");
    assert_eq!(r.rows, 5);
    let f = one(&r, "bad-header");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.evidence.iter().map(|e| e.line).collect::<Vec<_>>(), [4, 6]);
    assert!(f.title.starts_with("the header repeats as a data row 2 times (line 4, 6)"), "{}", f.title);
    none(&r, "duplicate-rows");
    none(&r, "mixed-types");
}

//! Invariances: the report does not depend on how the input was chunked (for any bytes, without
//! panicking), and profiles of two parts merge into the profile of the whole.

use datalint::profile::column::Column;
use datalint::report::Report;
use datalint::{Merge, Options, Profile, Session};
use flate2::write::GzEncoder;
use flate2::Compression;
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::Value;
use std::io::Write;

// ---------------------------------------------------------------------------------------------
// Chunking invariance

fn run_whole(bytes: &[u8], opts: &Options) -> String {
    let mut s = Session::new(opts.clone()).unwrap();
    s.feed(bytes);
    s.finish().to_json()
}

/// Feeds `bytes` with chunk sizes taken from `sizes` in turn (cycled).
fn run_sizes(bytes: &[u8], opts: &Options, sizes: &[usize]) -> String {
    let mut s = Session::new(opts.clone()).unwrap();
    let mut rest = bytes;
    let mut i = 0;
    while !rest.is_empty() {
        let n = sizes.get(i % sizes.len().max(1)).copied().unwrap_or(1).clamp(1, rest.len());
        i += 1;
        let (a, b) = rest.split_at(n);
        s.feed(a);
        rest = b;
    }
    s.finish().to_json()
}

fn first_diff(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    (0..w.len().max(g.len()))
        .find(|&i| w.get(i) != g.get(i))
        .map(|i| format!("JSON line {}: whole {:?} vs chunked {:?}", i + 1, w.get(i), g.get(i)))
        .unwrap_or_default()
}

/// Whole, 1-byte and the given chunking all give the same JSON (and none panics).
fn invariant(bytes: &[u8], opts: &Options, sizes: &[usize]) -> Result<(), TestCaseError> {
    let want = run_whole(bytes, opts);
    for (mode, got) in [("1-byte", run_sizes(bytes, opts, &[1])), ("chunks", run_sizes(bytes, opts, sizes))] {
        prop_assert!(got == want, "{} run differs ({:?}): {}", mode, sizes, first_diff(&want, &got));
    }
    Ok(())
}

fn concat(parts: Vec<&'static [u8]>) -> Vec<u8> {
    parts.concat()
}

fn csv_token() -> impl Strategy<Value = &'static [u8]> {
    prop::sample::select(vec![
        &b"a"[..],
        b"1",
        b"-2.5",
        b"007",
        b"2024-01-02",
        b"true",
        b"NA",
        b"?",
        b" ",
        b",",
        b",",
        b",",
        b";",
        b"\t",
        b"|",
        b"\"",
        b"\"\"",
        b"\"x,y\"",
        b"\n",
        b"\n",
        b"\n",
        b"\r\n",
        b"\r",
        b"\xff",
        b"\xc3\xa9",
        b"\xe6\x9d\xb1",
        b"\xef\xbb\xbf",
        b"name,age,city\n",
    ])
}

fn csv_ish() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(csv_token(), 0..80).prop_map(concat)
}

fn json_token() -> impl Strategy<Value = &'static [u8]> {
    prop::sample::select(vec![
        &b"{"[..],
        b"}",
        b"[",
        b"]",
        b"\"a\"",
        b"\"b\"",
        b":",
        b",",
        b"1",
        b"-0.5e3",
        b"12345678901234567890",
        b"null",
        b"true",
        b"\"x\\\"y\"",
        b"\"]}{[\"",
        b"\\",
        b"\"",
        b" ",
        b"\n",
        b"\n",
        b"\r\n",
        b"{\"a\":1}",
        b"{\"a\":{\"b\":[1,2]},\"c\":null}\n",
        b"{\"a\":\"NA\",\"d\":\"\"}\n",
        b"{}",
        b"\xff",
        b"\xc3\xa9",
    ])
}

fn jsonl_ish() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(json_token(), 0..80).prop_map(concat)
}

fn prefix() -> impl Strategy<Value = &'static [u8]> {
    prop::sample::select(vec![
        &b""[..],
        b"",
        b"\x1f\x8b",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xfe\xff",
        b"[",
        b"{",
    ])
}

fn name() -> impl Strategy<Value = Option<String>> {
    prop::option::of(
        prop::sample::select(vec!["x.csv", "x.tsv", "x.jsonl", "x.json", "x.csv.gz", "x.txt"]).prop_map(String::from),
    )
}

fn sizes() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(1usize..40, 1..12)
}

fn opts(name: Option<String>) -> Options {
    Options { name, ..Options::default() }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn config(cases: u32) -> Config {
    Config { cases, failure_persistence: None, ..Config::default() }
}

proptest! {
    #![proptest_config(config(160))]

    #[test]
    fn csv_ish_bytes_are_chunk_invariant(data in csv_ish(), name in name(), sizes in sizes()) {
        invariant(&data, &opts(name), &sizes)?;
    }

    #[test]
    fn jsonl_ish_bytes_are_chunk_invariant(data in jsonl_ish(), sizes in sizes()) {
        invariant(&data, &Options::default(), &sizes)?;
    }

    #[test]
    fn json_array_ish_bytes_are_chunk_invariant(data in jsonl_ish(), close in any::<bool>(), sizes in sizes()) {
        let mut bytes = b"[".to_vec();
        bytes.extend_from_slice(&data);
        if close {
            bytes.push(b']');
        }
        invariant(&bytes, &Options::default(), &sizes)?;
    }

    #[test]
    fn utf16_csv_ish_is_chunk_invariant(data in csv_ish(), le in any::<bool>(), sizes in sizes()) {
        // Decoded lossily to a string, then written as UTF-16 with a BOM; sometimes with a byte
        // cut off the end.
        let text = String::from_utf8_lossy(&data);
        let mut bytes = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
        for u in text.encode_utf16() {
            bytes.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        if data.len() % 3 == 0 {
            bytes.pop();
        }
        invariant(&bytes, &Options::default(), &sizes)?;
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Random bytes, including gzip magic and byte-order marks in front: no panic, same JSON.
    #[test]
    fn random_bytes_are_chunk_invariant(
        pre in prefix(),
        body in prop::collection::vec(any::<u8>(), 0..300),
        name in name(),
        sizes in sizes(),
    ) {
        let mut bytes = pre.to_vec();
        bytes.extend_from_slice(&body);
        invariant(&bytes, &opts(name), &sizes)?;
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Valid gzip of CSV-ish bytes: same JSON in any chunking.
    #[test]
    fn gzip_of_csv_ish_is_chunk_invariant(data in csv_ish(), sizes in sizes()) {
        invariant(&gzip(&data), &Options::default(), &sizes)?;
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Cut or damaged gzip: never a panic, the same JSON in any chunking, and a gzip error
    /// whenever the stream was cut.
    #[test]
    fn broken_gzip_is_chunk_invariant(data in csv_ish(), cut in 0.0f64..1.0, flip in prop::option::of(any::<prop::sample::Index>()), sizes in sizes()) {
        let mut gz = gzip(&data);
        let keep = 2 + ((gz.len() - 2) as f64 * cut) as usize;
        gz.truncate(keep);
        if let Some(i) = flip {
            let i = i.index(gz.len());
            gz[i] ^= 0x5a;
        }
        invariant(&gz, &Options::default(), &sizes)?;
        if flip.is_none() {
            let v: Value = serde_json::from_str(&run_whole(&gz, &Options::default())).unwrap();
            let gzip_errors = v["errors"].as_array().unwrap().iter().filter(|e| e["kind"] == "gzip").count();
            prop_assert_eq!(gzip_errors, 1);
        }
    }
}

#[test]
fn broken_gzip_regression() {
    // Found by `random_bytes_are_chunk_invariant`: a valid gzip header, then corrupt deflate data.
    // Fed whole, nothing was decoded before the error; fed byte by byte, one byte was.
    let bad = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 0xb2, 0x58, 0x40, 0x9e, 0x69, 0x63, 0, 0, 0, 0, 0, 0, 0];
    let want = run_whole(&bad, &Options::default());
    let got = run_sizes(&bad, &Options::default(), &[1]);
    assert!(got == want, "{}", first_diff(&want, &got));
}

// ---------------------------------------------------------------------------------------------
// Merge

use super::rng::Rng;

/// Records of a generated CSV (one physical line each): duplicates within and across any split,
/// missing values of several kinds, numbers, categories and a label.
fn records(n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng(seed);
    let mut out: Vec<String> = Vec::with_capacity(n);
    for i in 0..n {
        if i > 10 && rng.below(8) == 0 {
            // A copy of an earlier record, from anywhere before.
            let j = rng.below(i as u64) as usize;
            let copy = out[j].clone();
            out.push(copy);
            continue;
        }
        let age = match rng.below(15) {
            0 => "NA".to_string(),
            1 => String::new(),
            _ => (18 + rng.below(60)).to_string(),
        };
        let income = match rng.below(20) {
            0 => "?".to_string(),
            _ => format!("{}", (rng.below(2_000_000) as f64) / 7.0 + 1e4),
        };
        let city = ["Paris", "Rome", "Oslo", " Lima", "Kyiv", "null"][rng.below(6) as usize];
        let label = ["yes", "no"][rng.below(2) as usize];
        out.push(format!("{age},{income},{city},{label}"));
    }
    out
}

const HEADER: &str = "age,income,city,label";

fn csv(records: &[String]) -> String {
    let mut s = format!("{HEADER}\n");
    for r in records {
        s.push_str(r);
        s.push('\n');
    }
    s
}

fn profile_of(text: &str, opts: &Options) -> (Profile, datalint::report::Source) {
    let mut s = Session::new(opts.clone()).unwrap();
    for c in text.as_bytes().chunks(4093) {
        s.feed(c);
    }
    let (p, source, _) = s.finish_profile();
    (p, source)
}

/// Moves every line-bearing piece of a column's evidence by `by` lines (what the second half's
/// lines are in the whole file).
fn shift_column(c: &mut Column, by: u64) {
    c.first_line += by;
    if c.first_absent > 0 {
        c.first_absent += by;
    }
    for e in c.ev_missing.iter_mut().chain(c.ev_whitespace.iter_mut()).chain(c.ev_family.iter_mut().flatten()) {
        e.line += by;
    }
    for e in c.extremes.low.iter_mut().chain(c.extremes.high.iter_mut()) {
        e.line += by;
    }
}

/// A column report as JSON without the floating-point moments (compared with a tolerance).
fn column_json(r: &Report, name: &str) -> (Value, [Option<f64>; 3]) {
    let c = r.columns.iter().find(|c| c.name == name).unwrap();
    let mut v = serde_json::to_value(c).unwrap();
    for k in ["mean", "std", "skewness"] {
        v.as_object_mut().unwrap().remove(k);
    }
    (v, [c.mean, c.std, c.skewness])
}

fn assert_close(what: &str, got: Option<f64>, want: Option<f64>, tol: f64) {
    match (got, want) {
        (Some(g), Some(w)) => assert!((g - w).abs() <= tol * w.abs().max(f64::MIN_POSITIVE), "{what}: {g} vs {w}"),
        (g, w) => assert_eq!(g, w, "{what}"),
    }
}

/// Everything in the merged report that does not depend on lines equals the whole's; moments
/// within `1e-12` relative.
fn assert_reports_match(merged: &Report, whole: &Report) {
    assert_eq!(merged.rows, whole.rows);
    assert_eq!(merged.columns.len(), whole.columns.len());
    assert_eq!(
        serde_json::to_value(&merged.duplicates).unwrap(),
        serde_json::to_value(&whole.duplicates).unwrap(),
        "duplicate counts"
    );
    for c in &whole.columns {
        let (mv, mm) = column_json(merged, &c.name);
        let (wv, wm) = column_json(whole, &c.name);
        assert_eq!(mv, wv, "column {}", c.name);
        assert_close(&format!("{} mean", c.name), mm[0], wm[0], 1e-12);
        assert_close(&format!("{} std", c.name), mm[1], wm[1], 1e-12);
        assert_close(&format!("{} skewness", c.name), mm[2], wm[2], 1e-9);
    }
    assert_eq!(merged.approximate, whole.approximate);
    // Findings: the same checks fire on the same columns with the same totals.
    let key = |r: &Report| {
        r.findings.iter().map(|f| (f.id, f.columns.clone(), f.evidence_total, f.approximate)).collect::<Vec<_>>()
    };
    assert_eq!(key(merged), key(whole));
    for (m, w) in merged.findings.iter().zip(&whole.findings) {
        assert!(
            (m.metric - w.metric).abs() <= 1e-9 * w.metric.abs().max(1.0),
            "{}: {} vs {}",
            w.id,
            m.metric,
            w.metric
        );
    }
}

/// Splits at record `k`, profiles both halves (each with the header), merges.
fn merged_halves(recs: &[String], k: usize, opts: &Options) -> (Profile, Profile, datalint::report::Source) {
    let (whole, source) = profile_of(&csv(recs), opts);
    let (mut a, sa) = profile_of(&csv(&recs[..k]), opts);
    let (mut b, sb) = profile_of(&csv(&recs[k..]), opts);
    assert_eq!((sa.header, sb.header), (Some(true), Some(true)), "both halves must be read with their header");
    // The second half's line L is line L + k of the whole file (one header line in both).
    for c in &mut b.columns {
        shift_column(c, k as u64);
    }
    a.merge(b);
    (a, whole, source)
}

#[test]
fn merged_halves_equal_the_whole() {
    let recs = records(3000, 5);
    let opts = Options { label: Some("label".into()), ..Options::default() };
    for k in [1, 777, 1500, 2999] {
        let (mut merged, mut whole, source) = merged_halves(&recs, k, &opts);
        // Duplicates across the halves exist for this split.
        let first: std::collections::HashSet<&String> = recs[..k].iter().collect();
        if (100..2900).contains(&k) {
            assert!(recs[k..].iter().any(|r| first.contains(r)), "split {k} has no cross-half duplicate");
        }

        // Line-bearing evidence, shifted by the offset, is the whole's.
        for w in &whole.columns {
            let m = merged.columns.iter().find(|c| c.name == w.name).unwrap();
            assert_eq!(m.first_line, w.first_line, "{}", w.name);
            assert_eq!(m.ev_missing, w.ev_missing, "{} missing evidence (split {k})", w.name);
            assert_eq!(m.ev_whitespace, w.ev_whitespace, "{} whitespace evidence (split {k})", w.name);
            assert_eq!(m.ev_family, w.ev_family, "{} type evidence (split {k})", w.name);
            assert_eq!(m.extremes.low, w.extremes.low, "{} low extremes (split {k})", w.name);
            assert_eq!(m.extremes.high, w.extremes.high, "{} high extremes (split {k})", w.name);
        }
        // Rows wait in batches for their lookups: read after a flush (sealing flushes too).
        merged.duplicates.flush();
        whole.duplicates.flush();
        assert_eq!(merged.duplicates.repeats(), whole.duplicates.repeats(), "split {k}");

        merged.seal();
        let mr = datalint::report_for(&merged, source.clone(), &opts);
        let wr = datalint::report_for(&whole, source, &opts);
        assert!(wr.duplicates.rows > 0);
        assert_reports_match(&mr, &wr);
    }
}

#[test]
fn merged_profile_reports_without_resealing() {
    let recs = records(3000, 5);
    let opts = Options::default();
    let (merged, whole, source) = merged_halves(&recs, 1500, &opts);
    let mr = datalint::report_for(&merged, source.clone(), &opts);
    let wr = datalint::report_for(&whole, source, &opts);
    let m = mr.columns.iter().find(|c| c.name == "income").unwrap();
    let w = wr.columns.iter().find(|c| c.name == "income").unwrap();
    assert_eq!(m.quantiles, w.quantiles);
}

/// JSON Lines whose keys come and go: `head` only in records 0..600, `late` in some records
/// after 1200, the rest everywhere.
fn drifting_lines() -> Vec<String> {
    let mut rng = Rng(17);
    (0..2000)
        .map(|i| {
            let head = if i < 600 { format!(",\"head\":{}", rng.below(5)) } else { String::new() };
            let late =
                if i > 1200 && rng.below(3) == 0 { format!(",\"late\":{}", rng.below(9)) } else { String::new() };
            let v = if rng.below(10) == 0 { "null".to_string() } else { format!("{}", rng.below(1000) as f64 / 8.0) };
            format!(
                "{{\"user\":{{\"id\":{},\"tier\":\"t{}\"}},\"v\":{v},\"tags\":[{}]{head}{late}}}",
                rng.below(300),
                rng.below(3),
                "1,".repeat(rng.below(4) as usize).trim_end_matches(',')
            )
        })
        .collect()
}

fn jsonl(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// Profiles records `..k` and `k..` (JSON Lines: line = record + 1), shifts the second's lines
/// by `k`, merges.
fn merged_jsonl(lines: &[String], k: usize, opts: &Options) -> Profile {
    let (mut a, _) = profile_of(&jsonl(&lines[..k]), opts);
    let (mut b, _) = profile_of(&jsonl(&lines[k..]), opts);
    b.first_row_line += k as u64;
    for c in &mut b.columns {
        shift_column(c, k as u64);
    }
    a.merge(b);
    a
}

#[test]
fn merged_jsonl_halves_equal_the_whole() {
    // Keys appear in different halves (schema drift), so column sets differ between the halves.
    let lines = drifting_lines();
    let opts = Options::default();
    let (whole, source) = profile_of(&jsonl(&lines), &opts);
    for k in [600, 1500] {
        let mut a = merged_jsonl(&lines, k, &opts);
        assert_eq!(a.first_row_line, whole.first_row_line);
        for w in &whole.columns {
            let m = a.columns.iter().find(|c| c.name == w.name).unwrap();
            assert_eq!(m.first_line, w.first_line, "{}", w.name);
            assert_eq!(m.ev_missing, w.ev_missing, "{}", w.name);
        }
        a.seal();
        let mr = datalint::report_for(&a, source.clone(), &opts);
        let wr = datalint::report_for(&whole, source.clone(), &opts);
        assert_eq!(
            mr.columns.iter().map(|c| &c.name).collect::<Vec<_>>(),
            wr.columns.iter().map(|c| &c.name).collect::<Vec<_>>()
        );
        assert!(wr.findings.iter().any(|f| f.id == "schema-drift"));
        assert_reports_match(&mr, &wr);
    }
}

#[test]

fn merged_jsonl_schema_drift_lines() {
    let lines = drifting_lines();
    let opts = Options::default();
    let (whole, _) = profile_of(&jsonl(&lines), &opts);
    let mut wrong = Vec::new();
    for k in [600, 1500] {
        let a = merged_jsonl(&lines, k, &opts);
        for w in &whole.columns {
            let m = a.columns.iter().find(|c| c.name == w.name).unwrap();
            if m.first_absent != w.first_absent {
                wrong.push(format!(
                    "split {k}, key '{}': merged {} vs whole {}",
                    w.name, m.first_absent, w.first_absent
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "first record without the key:\n{}", wrong.join("\n"));
}

#[test]

fn merged_halves_with_a_repeated_header_name() {
    let recs: Vec<String> = (0..200).map(|i| format!("{i},{},{}", i * 2, i % 3)).collect();
    let text = |rs: &[String]| format!("k,k,v\n{}\n", rs.join("\n"));
    let opts = Options::default();
    let (whole, source) = profile_of(&text(&recs), &opts);
    let (mut a, _) = profile_of(&text(&recs[..100]), &opts);
    let (b, _) = profile_of(&text(&recs[100..]), &opts);
    a.merge(b);
    let mr = datalint::report_for(&a, source.clone(), &opts);
    let wr = datalint::report_for(&whole, source, &opts);
    let shape = |r: &Report| r.columns.iter().map(|c| (c.name.clone(), c.present, c.max)).collect::<Vec<_>>();
    assert_eq!(shape(&mr), shape(&wr));
}

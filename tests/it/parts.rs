//! One input read as byte ranges on threads (`datalint::parts::read`, the CLI's `--jobs`) gives
//! the one-pass report: every field equal, floating-point figures (moments merged in another
//! order) within 1e-9 relative. On the real Adult file, on generated CSV whose quoted fields hold
//! line breaks across the cuts (so the speculative range starts are wrong and read again), on
//! JSON Lines whose keys come and go, with errors spread over the ranges, in 1-byte chunks.

use datalint::parts::{self, Plan, Reading};
use datalint::{Options, Report, Session};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

use super::rng::Rng;

pub(super) fn one_pass(bytes: &[u8], opts: &Options, chunk: usize) -> Report {
    let mut s = Session::new(opts.clone()).unwrap();
    for c in bytes.chunks(chunk) {
        s.feed(c);
    }
    s.finish()
}

fn ranged(bytes: &[u8], opts: &Options, jobs: usize, min_range: u64, chunk: usize) -> (Report, Reading) {
    let plan = Plan { jobs, min_range, chunk };
    parts::read(&bytes, opts, plan, &mut |_| {}).unwrap()
}

/// Every difference between two JSON trees, floats within `1e-9` relative (plus `1e-12`).
fn differences(a: &Value, b: &Value, path: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => differences(p, q, &format!("{path}/{k}"), out),
                    _ => out.push(format!("{path}/{k}: in one report only")),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                out.push(format!("{path}: {} vs {} items", x.len(), y.len()));
            }
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                differences(p, q, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Number(x), Value::Number(y)) if x != y => {
            let (p, q) = (x.as_f64().unwrap_or(f64::NAN), y.as_f64().unwrap_or(f64::NAN));
            let both_float = !(x.is_u64() || x.is_i64()) || !(y.is_u64() || y.is_i64());
            // Near zero (a skewness of 1e-5) the round-off is absolute: 1e-12 besides the relative 1e-9.
            if !(both_float && (p - q).abs() <= 1e-9 * p.abs().max(q.abs()) + 1e-12) {
                out.push(format!("{path}: {x} vs {y}"));
            }
        }
        _ if a != b => out.push(format!("{path}: {a} vs {b}")),
        _ => {}
    }
}

pub(super) fn assert_same(got: &Report, want: &Report, what: &str) {
    let (g, w) =
        (serde_json::from_str::<Value>(&got.to_json()).unwrap(), serde_json::from_str(&want.to_json()).unwrap());
    let mut out = Vec::new();
    differences(&g, &w, "", &mut out);
    assert!(out.is_empty(), "{what}: {} difference(s) from the one-pass report:\n{}", out.len(), out.join("\n"));
}

pub(super) fn adult() -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/adult.csv");
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e} (CI lays shared/ beside the clone)", p.display()))
}

#[test]
fn adult_in_ranges_is_the_one_pass_report() {
    let bytes = adult();
    let opts = Options { name: Some("adult.csv".into()), ..Options::default() };
    let whole = one_pass(&bytes, &opts, 1 << 20);
    assert!(whole.findings.len() > 3 && whole.rows > 30_000);
    for jobs in [2, 3, 8] {
        let (r, reading) = ranged(&bytes, &opts, jobs, 64 * 1024, 1 << 20);
        assert_eq!(reading.ranges, jobs, "jobs {jobs}: {reading:?}");
        assert_same(&r, &whole, &format!("adult.csv, {jobs} ranges"));
    }
    // With a label, its classes and the groups by sex and race are merged across the ranges.
    let labelled = Options { label: Some("income".into()), ..opts.clone() };
    let whole = one_pass(&bytes, &labelled, 1 << 20);
    assert_eq!(whole.label.as_deref(), Some("income"));
    let (r, reading) = ranged(&bytes, &labelled, 3, 64 * 1024, 1 << 20);
    assert_eq!(reading.ranges, 3);
    assert_same(&r, &whole, "adult.csv with --label income, 3 ranges");
}

#[test]
fn adult_in_ranges_fed_in_small_chunks() {
    let bytes = adult();
    let opts = Options { name: Some("adult.csv".into()), ..Options::default() };
    let whole = one_pass(&bytes, &opts, 1);
    for chunk in [1, 7] {
        let (r, reading) = ranged(&bytes, &opts, 3, 256 * 1024, chunk);
        assert_eq!(reading.ranges, 3, "{reading:?}");
        assert_same(&r, &whole, &format!("adult.csv, 3 ranges fed {chunk} byte(s) at a time"));
    }
}

/// CSV whose `note` field is quoted and holds `lines` line breaks: most line starts are inside a
/// quoted field, so most speculative range starts are wrong. One record holds a quoted field of
/// `huge` line breaks (a range can fall wholly inside it). Ragged rows and a bad number here
/// and there give errors in every range.
pub(super) fn quoted_csv(rows: usize, lines: usize, huge: usize) -> Vec<u8> {
    let mut rng = Rng(7);
    let mut out = String::from("id,note,score,city\r\n");
    for i in 0..rows {
        // Two words at most (not free text) over many line breaks.
        let breaks = "\n".repeat(1 + rng.below(lines as u64) as usize);
        let note =
            if i == rows / 3 { format!("z{}z", "\n".repeat(huge)) } else { format!("{}{breaks}{}", i % 5, i % 3) };
        let score =
            if rng.below(200) == 0 { "n/a".to_string() } else { format!("{:.2}", rng.below(10_000) as f64 / 7.0) };
        let city = ["Oslo", "Lima", "Pune"][rng.below(3) as usize];
        if rng.below(500) == 0 {
            out.push_str(&format!("{i},\"{note}\",{score}\r\n"));
        } else {
            out.push_str(&format!("{i},\"{note}\",{score},{city}\r\n"));
        }
        if i % 997 == 0 {
            // A duplicate row, its copy in another range when the cut falls between.
            out.push_str(&format!("{},\"x\",1.00,Oslo\r\n", i % 3));
        }
    }
    out.into_bytes()
}

#[test]
fn quoted_line_breaks_across_every_cut_are_read_again() {
    let bytes = quoted_csv(60_000, 40, 30_000);
    let opts = Options { name: Some("notes.csv".into()), ..Options::default() };
    let whole = one_pass(&bytes, &opts, 1 << 20);
    assert!(whole.errors_by_kind.values().sum::<u64>() > 20, "the fixture should hold errors");
    for jobs in [2, 3, 8] {
        let (r, reading) = ranged(&bytes, &opts, jobs, 32 * 1024, 64 * 1024);
        assert!(reading.ranges >= 2, "jobs {jobs}: {reading:?}");
        assert!(reading.reread >= 1, "jobs {jobs}: no range was read again: {reading:?}");
        assert_same(&r, &whole, &format!("quoted line breaks, {jobs} jobs"));
    }
    let whole = one_pass(&bytes, &opts, 1);
    let (r, _) = ranged(&bytes, &opts, 8, 32 * 1024, 1);
    assert_same(&r, &whole, "quoted line breaks, 8 jobs, 1-byte chunks");
}

/// JSON Lines whose keys come and go (`head` early, `late` late), nested objects, lists, nulls,
/// an invalid line and a non-object line now and then, blank lines.
pub(super) fn drifting_jsonl(n: usize) -> Vec<u8> {
    let mut rng = Rng(11);
    let mut out = String::new();
    for i in 0..n {
        if i % 1500 == 7 {
            out.push_str("{\"user\": oops}\n");
            continue;
        }
        if i % 2100 == 9 {
            out.push_str("[1, 2]\n\n");
            continue;
        }
        let head = if i < n / 4 { format!(",\"head\":{}", rng.below(5)) } else { String::new() };
        let late =
            if i > n * 2 / 3 && rng.below(3) == 0 { format!(",\"late\":\"t{}\"", rng.below(9)) } else { String::new() };
        let v = if rng.below(10) == 0 { "null".to_string() } else { format!("{}", rng.below(1000) as f64 / 8.0) };
        out.push_str(&format!(
            "{{\"user\":{{\"id\":{},\"tier\":\"t{}\"}},\"v\":{v},\"tags\":[{}]{head}{late}}}\n",
            rng.below(3000),
            rng.below(3),
            "1,".repeat(rng.below(4) as usize).trim_end_matches(',')
        ));
    }
    out.into_bytes()
}

#[test]
fn jsonl_in_ranges_is_the_one_pass_report() {
    let bytes = drifting_jsonl(30_000);
    let opts = Options { name: Some("drift.jsonl".into()), ..Options::default() };
    let whole = one_pass(&bytes, &opts, 1 << 20);
    assert!(whole.findings.iter().any(|f| f.id == "schema-drift"));
    for jobs in [2, 3, 8] {
        let (r, reading) = ranged(&bytes, &opts, jobs, 64 * 1024, 1 << 20);
        assert_eq!(reading.ranges, jobs, "jobs {jobs}: {reading:?}");
        assert_same(&r, &whole, &format!("drifting JSON Lines, {jobs} ranges"));
    }
    let whole = one_pass(&bytes, &opts, 1);
    let (r, _) = ranged(&bytes, &opts, 3, 64 * 1024, 1);
    assert_same(&r, &whole, "drifting JSON Lines, 3 ranges, 1-byte chunks");
}

#[test]
fn input_that_does_not_split_is_read_in_one_pass() {
    let csv = quoted_csv(3000, 3, 5);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, &csv).unwrap();
    let gz = gz.finish().unwrap();
    let array = format!("[{}]", (0..20_000).map(|i| format!("{{\"a\":{i}}}")).collect::<Vec<_>>().join(",\n"));
    let lone_cr = String::from_utf8(quoted_csv(3000, 1, 1)).unwrap().replace("\r\n", "\r").into_bytes();
    for (name, bytes) in [("n.csv.gz", gz), ("a.json", array.into_bytes()), ("cr.csv", lone_cr)] {
        let opts = Options { name: Some(name.into()), ..Options::default() };
        let (r, reading) = ranged(&bytes, &opts, 4, 4096, 1 << 16);
        assert_eq!(reading.ranges, 1, "{name}: {reading:?}");
        assert!(reading.one_pass.is_some(), "{name}: {reading:?}");
        assert_same(&r, &one_pass(&bytes, &opts, 1 << 16), name);
    }
}

#[test]
fn cli_jobs_give_the_one_pass_report() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/adult.csv");
    let run = |jobs: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_datalint"))
            .args(["check", "--format", "json", "--no-progress", "--jobs", jobs])
            .arg(&path)
            .env("DATALINT_MIN_RANGE", "200000")
            .env("DATALINT_READING", "1")
            .output()
            .unwrap();
        assert!(out.status.code().is_some_and(|c| c < 2), "{}", String::from_utf8_lossy(&out.stderr));
        (serde_json::from_slice::<Value>(&out.stdout).unwrap(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (one, _) = run("1");
    let (four, log) = run("4");
    assert!(log.contains("reading ranges 4"), "{log}");
    let mut out = Vec::new();
    differences(&four, &one, "", &mut out);
    assert!(out.is_empty(), "--jobs 4 differs from --jobs 1:\n{}", out.join("\n"));
}

/// Several files given together are checked as one dataset: the Adult file cut into three CSV
/// files that each repeat the header gives the report of the whole file (apart from its name
/// and a note saying which lines each file holds), on 1 and 3 threads; drifting JSON Lines cut
/// into four files, one without its last line break, likewise. A file whose header differs,
/// compressed files and standard input among them are refused with the reason.
#[test]
fn several_files_are_checked_as_one_dataset() {
    let dir = std::env::temp_dir().join(format!("datalint-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |args: &[&std::path::Path], jobs: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_datalint"))
            .args(["check", "--format", "json", "--no-progress", "--jobs", jobs])
            .args(args)
            .env("DATALINT_MIN_RANGE", "100000")
            .output()
            .unwrap();
        (out.status.code(), out.stdout, String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let json = |b: &[u8]| serde_json::from_slice::<Value>(b).unwrap();
    // The name and the note on the files differ; everything else is the one file's report.
    let same = |mut got: Value, mut want: Value, what: &str| {
        let note = got["notes"].as_array_mut().unwrap().pop().unwrap();
        assert!(note.as_str().unwrap().contains("files read as one dataset"), "{what}: {note}");
        for v in [&mut got, &mut want] {
            v["source"]["name"] = Value::Null;
            v["options"]["name"] = Value::Null;
        }
        let mut out = Vec::new();
        differences(&got, &want, "", &mut out);
        assert!(out.is_empty(), "{what}:\n{}", out.join("\n"));
    };

    let whole = adult();
    let whole_path = dir.join("adult.csv");
    std::fs::write(&whole_path, &whole).unwrap();
    let (_, want, _) = run(&[&whole_path], "1");
    let nl = whole.iter().position(|&b| b == b'\n').unwrap() + 1;
    let (header, body) = whole.split_at(nl);
    let cut = |at: usize| at + body[at..].iter().position(|&b| b == b'\n').unwrap() + 1;
    let (a, b) = (cut(body.len() / 3), cut(2 * body.len() / 3));
    let mut paths = Vec::new();
    for (i, piece) in [&body[..a], &body[a..b], &body[b..]].into_iter().enumerate() {
        let p = dir.join(format!("adult-{i}.csv"));
        // The second file's header has Windows line endings: still the same header.
        let h =
            if i == 1 { String::from_utf8_lossy(header).replace('\n', "\r\n").into_bytes() } else { header.to_vec() };
        std::fs::write(&p, [h.as_slice(), piece].concat()).unwrap();
        paths.push(p);
    }
    let refs: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
    for jobs in ["1", "3"] {
        let (code, got, err) = run(&refs, jobs);
        assert!(code.is_some_and(|c| c < 2), "{err}");
        same(json(&got), json(&want), &format!("adult in 3 files, --jobs {jobs}"));
    }

    let drift = drifting_jsonl(12_000);
    let jpath = dir.join("drift.jsonl");
    std::fs::write(&jpath, &drift).unwrap();
    let (_, jwant, _) = run(&[&jpath], "1");
    let mut jpaths = Vec::new();
    let mut from = 0;
    for i in 0..4 {
        let to = if i == 3 { drift.len() } else { cut_line(&drift, (i + 1) * drift.len() / 4) };
        let mut piece = drift[from..to].to_vec();
        if i == 1 {
            // No last line break: one is read in its place.
            piece.pop();
        }
        let p = dir.join(format!("drift-{i}.jsonl"));
        std::fs::write(&p, piece).unwrap();
        jpaths.push(p);
        from = to;
    }
    let refs: Vec<&std::path::Path> = jpaths.iter().map(|p| p.as_path()).collect();
    for jobs in ["1", "3"] {
        let (code, got, err) = run(&refs, jobs);
        assert!(code.is_some_and(|c| c < 2), "{err}");
        let mut got = json(&got);
        let mut want = json(&jwant);
        // The source's byte counts are the files' (one line break fewer).
        for v in [&mut got, &mut want] {
            v["source"]["bytes"] = Value::Null;
            v["source"]["decoded_bytes"] = Value::Null;
        }
        same(got, want, &format!("drifting JSON Lines in 4 files, --jobs {jobs}"));
    }

    // Refusals.
    let penguins = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/penguins.csv");
    let (code, _, err) = run(&[&paths[0], &penguins], "2");
    assert_eq!(code, Some(2));
    assert!(err.contains("is not the header of adult-0.csv"), "{err}");
    let gz = dir.join("a.csv.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut enc, &whole).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    let (code, _, err) = run(&[&gz, &gz], "2");
    assert_eq!(code, Some(2));
    assert!(err.contains("uncompressed"), "{err}");
    let (code, _, err) = run(&[&paths[0], std::path::Path::new("-")], "2");
    assert_eq!(code, Some(2));
    assert!(err.contains("standard input"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

fn cut_line(b: &[u8], at: usize) -> usize {
    at + b[at..].iter().position(|&c| c == b'\n').unwrap() + 1
}

/// CSV with a free-text column: `rows` rows, the first `short` of them with nothing else, the
/// rest with a padding column of `pad` bytes (so the text values thin out after the start).
fn text_csv(rows: usize, short: usize, pad: usize) -> Vec<u8> {
    const WORDS: [&str; 16] = [
        "the", "model", "answer", "is", "data", "quality", "review", "label", "sample", "drift", "token", "source",
        "shift", "bias", "prompt", "reply",
    ];
    let mut rng = Rng(5);
    let mut out = String::from("id,comment,pad\n");
    for i in 0..rows {
        let n = 3 + rng.below(9) as usize;
        let words: Vec<&str> = (0..n).map(|_| WORDS[rng.below(16) as usize]).collect();
        let pad = if i < short { String::new() } else { "x".repeat(pad) };
        out.push_str(&format!("{i},{},{pad}\n", words.join(" ")));
    }
    out.into_bytes()
}

/// A text column's samples of the first values (200,000) need not be complete before the cut:
/// later ranges start as soon as the probes have decided, and the first range runs on past the
/// point where its samples are estimated to fill. The report is the one-pass report.
#[test]
fn text_ranges_start_before_the_samples_fill() {
    let bytes = text_csv(500_000, 0, 0);
    let opts = Options { name: Some("text.csv".into()), ..Options::default() };
    let whole = one_pass(&bytes, &opts, 1 << 20);
    assert!(whole.text.fields.iter().any(|f| f.column == "comment"), "the fixture should have a text field");
    for jobs in [2, 3, 8] {
        let (r, reading) = ranged(&bytes, &opts, jobs, 1 << 20, 1 << 20);
        assert!(reading.ranges >= 2, "jobs {jobs}: {reading:?}");
        assert!(reading.head_bytes <= 2 << 20, "jobs {jobs}: the head waited for the samples: {reading:?}");
        assert_same_sketched(&r, &whole, &bytes, &format!("text column, {jobs} jobs"));
    }
}

/// [`assert_same`], with the columns' top values that the report says are Misra–Gries sketches
/// checked against their bound instead: each listed count at most the stated amount below the
/// value's true count (counted here from the simple, unquoted CSV `bytes`) and never above it.
fn assert_same_sketched(got: &Report, want: &Report, bytes: &[u8], what: &str) {
    let text = std::str::from_utf8(bytes).unwrap();
    let mut lines = text.lines();
    let names: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let mut g = serde_json::to_value(got).unwrap();
    let mut w = serde_json::to_value(want).unwrap();
    for note in &want.approximate {
        let Some((col, rest)) = note.strip_prefix("columns.").and_then(|n| n.split_once(".distinct:")) else {
            continue;
        };
        let Some(bound) =
            rest.split("each at most ").nth(1).and_then(|r| r.split(' ').next()).and_then(|b| b.parse::<u64>().ok())
        else {
            continue;
        };
        let j = names.iter().position(|n| *n == col).unwrap();
        let mut truth = std::collections::HashMap::new();
        for r in &rows {
            *truth.entry(r[j].trim()).or_insert(0u64) += 1;
        }
        let ci = got.columns.iter().position(|c| c.name == col).unwrap();
        for entry in g["columns"][ci]["top"].as_array().unwrap() {
            let (v, c) = (entry[0].as_str().unwrap(), entry[1].as_u64().unwrap());
            let t = truth[v];
            assert!(c <= t && c + bound >= t, "{what}: {col} top {v:?} counted {c}, true {t}, bound {bound}");
        }
        g["columns"][ci]["top"] = Value::Null;
        w["columns"][ci]["top"] = Value::Null;
    }
    let mut out = Vec::new();
    differences(&g, &w, "", &mut out);
    assert!(out.is_empty(), "{what}: {} difference(s) from the one-pass report:\n{}", out.len(), out.join("\n"));
}

/// When the estimate is short (text values thin out after the start), the first range ends
/// before its samples fill; the driver sees it and reads the input in one pass: the same report.
#[test]
fn a_short_estimate_of_the_samples_is_read_again_in_one_pass() {
    let bytes = text_csv(230_000, 40_000, 90);
    let opts = Options { name: Some("thinning.csv".into()), ..Options::default() };
    let whole = one_pass(&bytes, &opts, 1 << 20);
    let (r, reading) = ranged(&bytes, &opts, 2, 1 << 20, 1 << 20);
    assert!(reading.one_pass.as_deref().is_some_and(|w| w.contains("did not fill")), "{reading:?}");
    assert_same(&r, &whole, "thinning text column, 2 jobs");
}

/// `compare --jobs`: each file read as byte ranges on every core gives the comparison of one pass
/// each (the row sample is a bottom-k sample by line, so it merges exactly): on the two halves of
/// the Adult file and on two halves of drifting JSON Lines.
#[test]
fn compare_on_every_core_is_the_one_pass_comparison() {
    let dir = std::env::temp_dir().join(format!("datalint-cmp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let halves = |bytes: &[u8], header: bool, ext: &str| {
        let nl = if header { bytes.iter().position(|&b| b == b'\n').unwrap() + 1 } else { 0 };
        let mid = cut_line(bytes, bytes.len() / 2);
        let (a, b) = (dir.join(format!("a.{ext}")), dir.join(format!("b.{ext}")));
        std::fs::write(&a, &bytes[..mid]).unwrap();
        std::fs::write(&b, [&bytes[..nl], &bytes[mid..]].concat()).unwrap();
        (a, b)
    };
    let run = |a: &PathBuf, b: &PathBuf, jobs: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_datalint"))
            .args(["compare", "--format", "json", "--fail-on", "never", "--jobs", jobs])
            .arg(a)
            .arg(b)
            .env("DATALINT_MIN_RANGE", "100000")
            .env("DATALINT_READING", "1")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        (serde_json::from_slice::<Value>(&out.stdout).unwrap(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    for (bytes, header, ext) in [(adult(), true, "csv"), (drifting_jsonl(90_000), false, "jsonl")] {
        let (a, b) = halves(&bytes, header, ext);
        let (one, _) = run(&a, &b, "1");
        let (three, log) = run(&a, &b, "3");
        assert!(log.contains("ranges 3"), "{ext}: {log}");
        let mut out = Vec::new();
        differences(&three, &one, "", &mut out);
        assert!(out.is_empty(), "{ext}: compare --jobs 3 differs from --jobs 1:\n{}", out.join("\n"));
    }
    std::fs::remove_dir_all(&dir).ok();
}

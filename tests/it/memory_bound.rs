//! Class 1 of the hardening issue: the memory budget covers all state, on every input shape.
//!
//! Each shape is generated into a temporary file and run through the CLI with a small budget;
//! the CLI reports its own peak resident memory (`DATALINT_PEAK_RSS`), which must stay within
//! the budget plus [`CONSTANT_MIB`]: the stated constant for the program itself, its one record
//! in flight and the report (README: "Memory").
//!
//! Memory is asserted here, time never is: peak RSS does not depend on the machine's load.

use datalint::{Options, Session};
use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

/// What a run may use above its `--memory-mib` budget: the binary, the allocator's slack, one
/// record in flight (a 16 MiB record is held whole) and the report being written.
const CONSTANT_MIB: u64 = 40;

/// A file in a fresh temporary folder, written by `fill`.
fn temp_file(name: &str, fill: impl FnOnce(&mut dyn Write)) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("datalint-mem-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let mut w = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    fill(&mut w);
    w.flush().unwrap();
    path
}

/// Runs `datalint check` with the budget and extra arguments; returns (peak KiB, report bytes,
/// stdout).
fn peak(path: &PathBuf, budget_mib: u64, extra: &[&str]) -> (u64, usize, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_datalint"))
        .arg("check")
        .arg(path)
        .args(["--memory-mib", &budget_mib.to_string(), "--format", "json", "--no-progress"])
        .args(extra)
        .env("DATALINT_PEAK_RSS", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let kib = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak-rss-kib "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak in stderr: {stderr}"));
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
    (kib, out.stdout.len(), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn within(shape: &str, kib: u64, budget_mib: u64) {
    let limit = (budget_mib + CONSTANT_MIB) * 1024;
    eprintln!("{shape}: peak {:.1} MiB at a {budget_mib} MiB budget", kib as f64 / 1024.0);
    assert!(kib <= limit, "{shape}: peak {kib} KiB over {limit} KiB (budget {budget_mib} MiB + {CONSTANT_MIB} MiB)");
}

#[test]
fn json_keys_of_100_kb_each_stay_within_the_budget_and_the_report_stays_small() {
    // Each line brings a new 100 KB key: without caps every key is kept in the key index, the
    // dropped-key list, the error log and the report.
    let path = temp_file("keys.jsonl", |w| {
        let pad = "x".repeat(100_000);
        for i in 0..300 {
            writeln!(w, "{{\"k{i}_{pad}\": {i}}}").unwrap();
        }
    });
    let (kib, report, stdout) = peak(&path, 8, &[]);
    within("300 JSONL keys of 100 KB", kib, 8);
    assert!(report < 2_000_000, "report of {report} bytes");
    let r: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let notes = r["notes"].as_array().unwrap();
    assert!(notes.iter().any(|n| n.as_str().unwrap().contains("column names longer than 256 bytes")), "{notes:?}");
    assert!(notes.iter().any(|n| n.as_str().unwrap().contains("Only the first 64 columns were profiled")), "{notes:?}");
    // Records that differ only in keys past the limit are not duplicates of each other.
    assert!(r["findings"].as_array().unwrap().iter().all(|f| f["id"] != "duplicate-rows"));
}

#[test]
fn five_thousand_columns_stay_within_the_budget() {
    let path = temp_file("wide.csv", |w| {
        writeln!(w, "{}", (0..5000).map(|i| format!("c{i}")).collect::<Vec<_>>().join(",")).unwrap();
        for r in 0..40 {
            writeln!(w, "{}", (0..5000).map(|i| (r * i).to_string()).collect::<Vec<_>>().join(",")).unwrap();
        }
    });
    let (kib, _, stdout) = peak(&path, 8, &[]);
    within("5,000 columns", kib, 8);
    let r: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(r["columns"].as_array().unwrap().len(), 64);
}

#[test]
fn one_comma_dense_record_of_16_mib_stays_within_the_budget() {
    let path = temp_file("commas.csv", |w| {
        w.write_all(b"a,b\n1,2\n").unwrap();
        w.write_all(&vec![b','; 16 * 1024 * 1024 - 64]).unwrap();
        w.write_all(b"\n3,4\n").unwrap();
    });
    let (kib, _, stdout) = peak(&path, 8, &[]);
    within("a 16 MiB record of commas", kib, 8);
    assert!(
        stdout.contains(&format!("{} fields where the header has 2", 16 * 1024 * 1024 - 64 + 1)),
        "exact field count"
    );
}

#[test]
fn long_values_and_long_error_lines_stay_within_the_budget() {
    // 60 values of 1 MB in one text column, and 2,000 invalid JSON lines of 20 KB each.
    let path = temp_file("long.jsonl", |w| {
        for i in 0..60 {
            writeln!(w, "{{\"t\": \"{}{i}\"}}", "word ".repeat(200_000)).unwrap();
        }
        for i in 0..2000 {
            writeln!(w, "{{\"t\": \"{}{i}", "y".repeat(20_000)).unwrap();
        }
    });
    let (kib, report, _) = peak(&path, 8, &[]);
    within("1 MB values and 20 KB bad lines", kib, 8);
    assert!(report < 2_000_000, "report of {report} bytes");
}

/// A record with more fields than are held is folded: its field count is exact however it is
/// fed, and the fields past the held ones still decide whether two rows are duplicates.
#[test]
fn a_record_of_100_000_fields_is_counted_exactly_in_any_chunking() {
    let wide = |last: &str| format!("{}{last}\n", ",".repeat(99_999));
    let mut data = String::from("a,b\n");
    data.push_str(&wide("x"));
    data.push_str(&wide("x"));
    data.push_str(&wide("y"));
    for chunk in [1usize, 7, 4096, usize::MAX] {
        let mut s = Session::new(Options { name: Some("w.csv".into()), ..Options::default() }).unwrap();
        for part in data.as_bytes().chunks(chunk.min(data.len())) {
            s.feed(part);
        }
        let r = s.finish();
        let ragged = r.findings.iter().find(|f| f.id == "ragged-rows").expect("ragged-rows");
        assert!(
            ragged.evidence.iter().all(|e| e.value.contains("100000 fields where the header has 2")),
            "{:?}",
            ragged.evidence
        );
        let dup = r.findings.iter().find(|f| f.id == "duplicate-rows").expect("the first two rows are the same");
        assert_eq!(dup.evidence.len(), 1, "the third row differs only in its last field: {:?}", dup.evidence);
        assert_eq!(dup.evidence[0].line, 3);
    }
}

/// Error messages are cut in their middle at 512 bytes, keeping both ends.
#[test]
fn error_messages_are_cut_in_the_middle() {
    let long = format!("start {} end", "z".repeat(100_000));
    let e = datalint::error::Error::new(datalint::error::ErrorKind::InvalidJson, Default::default(), long);
    assert!(e.message.len() <= 512 + 40, "{}", e.message.len());
    assert!(e.message.starts_with("start zzz") && e.message.ends_with("zzz end"));
    assert!(e.message.contains("bytes cut"));
    let short = datalint::error::Error::new(datalint::error::ErrorKind::InvalidJson, Default::default(), "short");
    assert_eq!(short.message, "short");
}

/// A single text value of 12 MB: its record is held whole and the text analyses read it, but the
/// repetition ratios (several times the text in flight) read only its first 256 KiB; at a budget
/// too small for such a record, it is skipped and the report says why.
#[test]
fn a_text_value_of_12_mb_stays_within_the_budget() {
    let make = || {
        temp_file("big.jsonl", |w| {
            let mut x = 1u64;
            let mut words = String::new();
            while words.len() < 12_000_000 {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                words.push_str(["alpha", "beta", "gamma", "delta", "eps"][(x >> 60) as usize % 5]);
                words.push_str(&((x >> 40) % 300).to_string());
                words.push(' ');
            }
            writeln!(w, "{{\"t\": \"{words}\"}}").unwrap();
            writeln!(w, "{{\"t\": \"short\"}}").unwrap();
        })
    };
    let (kib, _, stdout) = peak(&make(), 64, &[]);
    within("a 12 MB text value", kib, 64);
    let r: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(r["rows"], 2);
    let notes = r["notes"].to_string();
    assert!(
        notes.contains("1 text values longer than 256 KiB were checked for repetition on their first 256 KiB"),
        "{notes}"
    );

    let (kib, _, stdout) = peak(&make(), 8, &[]);
    within("a 12 MB text value, budget 8 MiB", kib, 8);
    let r: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(r["rows"], 1);
    assert!(r["notes"].to_string().contains("Records longer than 2.1 MB were skipped"), "{}", r["notes"]);
}

/// Keys past the column limit: the first 1,000 distinct ones are listed as input errors (held by
/// hash), and every one is counted in a note, so the report says how much was not profiled.
#[test]
fn keys_past_the_limit_are_all_counted_though_only_the_first_thousand_are_listed() {
    let mut data = String::new();
    for i in 0..1200 {
        data.push_str(&format!("{{\"k{i}\": {i}}}\n"));
    }
    for chunk in [7usize, usize::MAX] {
        let mut s =
            Session::new(Options { name: Some("k.jsonl".into()), max_columns: 16, ..Options::default() }).unwrap();
        for part in data.as_bytes().chunks(chunk.min(data.len())) {
            s.feed(part);
        }
        let r = s.finish();
        assert_eq!(r.errors_by_kind.get("too-many-columns"), Some(&1000));
        let note = "1,184 keys past the first 16 columns were met in the records and not profiled";
        assert_eq!(r.notes.iter().filter(|n| n.starts_with(note)).count(), 1, "{:?}", r.notes);
    }
    // Near miss: under a thousand distinct keys past the limit, each is listed and no note is needed.
    let mut s = Session::new(Options { name: Some("k.jsonl".into()), max_columns: 16, ..Options::default() }).unwrap();
    s.feed(data.lines().take(500).collect::<Vec<_>>().join("\n").as_bytes());
    let r = s.finish();
    assert_eq!(r.errors_by_kind.get("too-many-columns"), Some(&484));
    assert!(!r.notes.iter().any(|n| n.contains("keys past the first")));
}

//! Inputs the fuzzer found (fuzz/regressions/), replayed the way the fuzz target reads them, so
//! that each stays fixed in the ordinary test run. Layout of a fuzz input: byte 0 picks the
//! options, byte 1 the chunking, byte 2 its size or seed; the rest is the data (fuzz/README.md).

use datalint::{Options, Session};
use std::path::PathBuf;

fn options(b: u8) -> Options {
    let names = [None, Some("f.csv"), Some("f.tsv"), Some("f.jsonl"), Some("f.json"), Some("f.csv.gz")];
    Options {
        name: names.get(usize::from(b & 7) % 6).copied().flatten().map(String::from),
        label: (b & 0x08 != 0).then(|| "a".to_string()),
        memory_budget: if b & 0x10 != 0 { 1 << 20 } else { Options::default().memory_budget },
        evidence_limit: usize::from((b >> 5) & 7) + 1,
        ..Options::default()
    }
}

#[test]
fn every_saved_fuzz_input_runs_to_a_report() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let [o, _, size, data @ ..] = bytes.as_slice() else { continue };
        for chunk in [usize::MAX, 1, usize::from(*size).max(1)] {
            let mut s = Session::new(options(*o)).unwrap();
            for c in data.chunks(chunk.min(data.len().max(1))) {
                s.feed(c);
            }
            let r = s.finish();
            assert!(r.to_json().contains("\"rows\""), "{}", path.display());
            let _ = (r.to_text(), r.to_markdown());
        }
        n += 1;
    }
    assert!(n >= 2, "expected the saved regressions in {}", dir.display());
}

/// The plain form of the first crash: 620 columns under the smallest budget.
#[test]
fn many_columns_under_a_tiny_budget() {
    let mut csv = (0..620).map(|i| format!("c{i}")).collect::<Vec<_>>().join(",");
    csv.push('\n');
    csv.push_str(&(0..620).map(|i| i.to_string()).collect::<Vec<_>>().join(","));
    csv.push('\n');
    let mut s = Session::new(Options { memory_budget: 1 << 20, ..Options::default() }).unwrap();
    s.feed(csv.as_bytes());
    let r = s.finish();
    // A 1 MiB budget profiles 16 columns (half the budget at 64 KiB a column, at least 16): the
    // rest are counted, and the report says why.
    assert_eq!(r.columns.len(), datalint::profile::columns_within(1 << 20));
    assert_eq!(r.columns.len(), 16);
    assert!(r.notes.iter().any(|n| n.contains("Only the first 16 columns were profiled")), "{:?}", r.notes);
    let f = r.findings.iter().find(|f| f.id == "unreadable-data").expect("unreadable-data");
    assert!(f.evidence.iter().any(|e| e.value.contains("620 columns; only the first 16")), "{:?}", f.evidence);
}

/// Column names longer than 256 bytes are cut with a hash: two long names sharing their first
/// 256 bytes stay distinct, and the report says how many were cut.
#[test]
fn long_column_names_are_cut_and_stay_distinct() {
    let long = "x".repeat(10_000);
    let csv = format!("{long}a,{long}b,c\n1,2,3\n");
    let mut s = Session::new(Options::default()).unwrap();
    s.feed(csv.as_bytes());
    let r = s.finish();
    assert_eq!(r.columns.len(), 3);
    assert!(r.columns[0].name.len() <= 256 && r.columns[1].name.len() <= 256);
    assert_ne!(r.columns[0].name, r.columns[1].name);
    assert!(r.notes.iter().any(|n| n.starts_with("2 column names longer than 256 bytes")), "{:?}", r.notes);
}

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
        evidence_limit: usize::from((b >> 5) & 7),
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
    assert_eq!(s.finish().columns.len(), 620);
}

//! Hardening (issue 13, class 2): the reason is never lost. The ingest log keeps every error
//! kind's count and the first few of each kind in full, so a late kind keeps its evidence after
//! a flood of another.

use datalint::{Options, Report, Session};

/// A gzip member holding `data` in one stored deflate block (so it can be cut at a known byte).
fn gzip_stored(data: &[u8]) -> Vec<u8> {
    assert!(data.len() <= 0xffff);
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 1];
    let len = data.len() as u16;
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(data);
    out.extend_from_slice(&[0; 8]); // CRC and size: never reached when the stream is cut
    out
}

fn run(input: &[u8], opts: &Options, chunk: usize) -> Report {
    let mut s = Session::new(opts.clone()).expect("options");
    for c in input.chunks(chunk) {
        s.feed(c);
    }
    s.finish()
}

/// 1,500 invalid JSON lines, then a line over the record limit, then valid lines; gzipped and
/// cut before the end, so a gzip error comes last.
fn flood_then_late_kinds() -> Vec<u8> {
    let mut data = String::new();
    data.push_str("{\"a\":\"ok\"}\n");
    for i in 0..1500 {
        data.push_str(&format!("{{bad {i}\n"));
    }
    data.push_str(&format!("{{\"a\":\"{}\"}}\n", "y".repeat(2000)));
    for i in 0..50 {
        data.push_str(&format!("{{\"a\":\"v{i}\"}}\n"));
    }
    // Cut just after the line holding v25 (the header is 11 bytes, the block length 4).
    let keep = data.find("v25\"}\n").expect("v25") + 6;
    let gz = gzip_stored(data.as_bytes());
    gz[..11 + 4 + keep].to_vec()
}

#[test]
fn reasons_a_late_kind_keeps_its_evidence_and_count_after_a_thousand_others() {
    let opts = Options { max_record_bytes: 1024, ..Options::default() };
    let input = flood_then_late_kinds();
    let whole = run(&input, &opts, input.len());
    let small = run(&input, &opts, 7);
    assert_eq!(whole.to_json(), small.to_json(), "chunking changes the report");
    let r = whole;
    assert_eq!(r.errors_by_kind.get("invalid-json"), Some(&1500));
    assert_eq!(r.errors_by_kind.get("too-large"), Some(&1));
    assert_eq!(r.errors_by_kind.get("gzip"), Some(&1));
    assert_eq!(r.errors_total, r.errors_by_kind.values().sum::<u64>());
    assert_eq!(r.errors.iter().filter(|e| e.kind == "invalid-json").count(), 10, "ten of a kind kept");
    let large = r.errors.iter().find(|e| e.kind == "too-large").expect("too-large kept");
    assert_eq!(large.line, 1502);
    assert!(r.errors.iter().any(|e| e.kind == "gzip"), "gzip kept: {:?}", r.errors);

    // The unreadable-data finding has evidence for both of its kinds that occurred.
    let f = r.findings.iter().find(|f| f.id == "unreadable-data").expect("unreadable-data fires");
    assert_eq!(f.evidence_total, 2);
    assert!(f.evidence.iter().any(|e| e.line == 1502 && e.value.contains("longer than 1024")), "{:?}", f.evidence);
    assert!(f.evidence.iter().any(|e| e.value.starts_with("gzip stream is truncated")), "{:?}", f.evidence);
    let inv = r.findings.iter().find(|f| f.id == "invalid-json-line").expect("invalid-json-line fires");
    assert_eq!(inv.evidence_total, 1500);

    // The renderings name every kind with its count and an example.
    let text = r.to_text();
    for want in ["invalid-json: 1,500", "too-large: 1", "gzip: 1", "line 1502"] {
        assert!(text.contains(want), "text lacks {want:?}:\n{text}");
    }
    let md = r.to_markdown();
    for want in ["invalid-json: 1,500", "too-large: 1", "gzip: 1", "line 1502"] {
        assert!(md.contains(want), "markdown lacks {want:?}");
    }
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).expect("json");
    assert_eq!(json["errors_by_kind"]["too-large"], 1);
    assert_eq!(json["errors_by_kind"]["invalid-json"], 1500);
}

#[test]
fn reasons_near_miss_ten_of_a_kind_are_all_kept() {
    let mut data = String::from("{\"a\":1}\n");
    for i in 0..10 {
        data.push_str(&format!("{{bad {i}\n"));
    }
    let r = run(data.as_bytes(), &Options::default(), 3);
    assert_eq!(r.errors_by_kind.get("invalid-json"), Some(&10));
    assert_eq!(r.errors.len(), 10);
}

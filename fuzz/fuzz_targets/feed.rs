//! Feeds arbitrary bytes to a `datalint::Session` under varied options and chunkings, then
//! renders the report in every format. Any panic is a bug: the engine runs in wasm, where a
//! panic kills the instance.
//!
//! Input layout: byte 0 picks options, byte 1 picks the chunking, byte 2 is the chunking's
//! parameter; the rest is the data fed to the session.
//!
//! `FEED_FORMAT=csv|jsonl|json|gz` pins the format for a run, so that time spent fuzzing can be
//! counted per format: the name hint is then chosen within the format (bit 0 of byte 0), and for
//! `gz` the data is gzip-compressed by the target unless it already starts with the gzip magic, so
//! that mutations reach the engine behind the decoder rather than only the decoder's CRC check.

#![no_main]

use datalint::{Options, Session};
use libfuzzer_sys::fuzz_target;
use std::io::Write;
use std::sync::OnceLock;

#[derive(Clone, Copy, PartialEq)]
enum Pinned {
    Any,
    Csv,
    Jsonl,
    Json,
    Gz,
}

fn pinned() -> Pinned {
    static P: OnceLock<Pinned> = OnceLock::new();
    *P.get_or_init(|| match std::env::var("FEED_FORMAT").as_deref() {
        Ok("csv") => Pinned::Csv,
        Ok("jsonl") => Pinned::Jsonl,
        Ok("json") => Pinned::Json,
        Ok("gz") => Pinned::Gz,
        Ok(other) if !other.is_empty() => panic!("FEED_FORMAT must be csv, jsonl, json or gz"),
        _ => Pinned::Any,
    })
}

const NAMES: [Option<&str>; 6] =
    [None, Some("in.csv"), Some("in.tsv"), Some("in.jsonl"), Some("in.json"), Some("in.csv.gz")];

fuzz_target!(|input: &[u8]| {
    let (head, data) = input.split_at(input.len().min(3));
    let b0 = head.first().copied().unwrap_or(0);
    let b1 = head.get(1).copied().unwrap_or(0);
    let b2 = head.get(2).copied().unwrap_or(0);

    // Byte 0: bits 0-2 name hint (mod 6), bit 3 label column "a", bit 4 1 MiB budget,
    // bits 5-7 evidence_limit 1..=8.
    let mut opts = Options::default();
    let pin = pinned();
    let name = match pin {
        Pinned::Any => NAMES[usize::from(b0 & 7) % NAMES.len()],
        Pinned::Csv => [Some("in.csv"), Some("in.tsv")][usize::from(b0 & 1)],
        Pinned::Jsonl => Some("in.jsonl"),
        Pinned::Json => Some("in.json"),
        Pinned::Gz => [Some("in.csv.gz"), Some("in.jsonl.gz"), None, Some("in.json.gz")]
            [usize::from(b0 & 3)],
    };
    opts.name = name.map(String::from);
    let packed;
    let data = if pin == Pinned::Gz && !data.starts_with(&[0x1f, 0x8b]) {
        let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(data).expect("in-memory gzip");
        packed = z.finish().expect("in-memory gzip");
        &packed[..]
    } else {
        data
    };
    if b0 & 0x08 != 0 {
        opts.label = Some("a".into());
    }
    if b0 & 0x10 != 0 {
        opts.memory_budget = 1024 * 1024;
    }
    opts.evidence_limit = usize::from(b0 >> 5) + 1;

    let mut session = match Session::new(opts) {
        Ok(s) => s,
        Err(e) => panic!("valid options rejected: {e}"),
    };

    // Byte 1 (mod 4): 0 whole input at once, 1 one byte at a time, 2 fixed chunks of
    // 1 + (b2 % 64) bytes, 3 pseudo-random chunk sizes 1..=32 from a generator seeded by b2.
    // An empty feed is also sent now and then to check that it is harmless.
    match b1 % 4 {
        0 => session.feed(data),
        1 => {
            for byte in data {
                session.feed(std::slice::from_ref(byte));
            }
        }
        2 => {
            for chunk in data.chunks(1 + usize::from(b2 % 64)) {
                session.feed(chunk);
            }
        }
        _ => {
            let mut state = u32::from(b2) | 0x100;
            let mut rest = data;
            while !rest.is_empty() {
                // xorshift32
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                let n = (1 + (state % 32) as usize).min(rest.len());
                let (chunk, tail) = rest.split_at(n);
                session.feed(chunk);
                if state & 0x700 == 0 {
                    session.feed(&[]);
                }
                rest = tail;
            }
        }
    }
    let _ = session.progress();

    let report = session.finish();
    // to_json falls back to `{"error": ...}` if serialisation fails; that must not happen.
    let json = report.to_json();
    match serde_json::from_str::<serde_json::Value>(&json) {
        Ok(v) => assert!(v.get("rows").is_some(), "report JSON lacks rows: {json}"),
        Err(e) => panic!("report JSON does not parse ({e}): {json}"),
    }
    let _ = report.to_text();
    let _ = report.to_markdown();
});

//! Saved states (`datalint::state`, the CLI's `check --state-out` and `merge`): an input cut into
//! shards, each shard checked by its own session, its state written to bytes and read back, and
//! the states merged give the one-pass report (every field equal; floating-point moments, merged
//! in another order, within 1e-9 relative). On the real Adult file in 2, 3 and 8 shards, on CSV
//! whose quoted fields hold line breaks, on drifting JSON Lines, in 1-byte chunks; and the merge
//! refuses, with the reason, states that are not consecutive parts of one input, and bytes that
//! are not a state (every truncation, flipped bytes), without panicking.

use super::parts::{adult, assert_same, drifting_jsonl, one_pass, quoted_csv};
use datalint::parts::LineBreaks;
use datalint::state::{self, Saved, Start};
use datalint::{Options, Report, Session};
use std::path::PathBuf;
use std::process::Command;

/// Cut offsets for `n` shards: each nominal cut `k·len/n` moved on to the first offset `cut`
/// accepts (a line start, a record start).
fn cuts(bytes: &[u8], n: usize, cut: impl Fn(&[u8], usize) -> bool) -> Vec<usize> {
    let mut out = vec![0];
    for k in 1..n {
        let mut at = (k * bytes.len() / n).max(*out.last().unwrap() + 1);
        while at < bytes.len() && !cut(bytes, at) {
            at += 1;
        }
        if at < bytes.len() {
            out.push(at);
        }
    }
    out.push(bytes.len());
    out.dedup();
    out
}

fn line_start(b: &[u8], at: usize) -> bool {
    b.get(at - 1) == Some(&b'\n')
}

/// One shard's state, written to bytes and read back.
fn shard_state(shard: &[u8], first: Option<&Saved>, start: Start, opts: &Options, chunk: usize) -> Saved {
    let mut s = match first {
        Some(f) => state::later_session(f, start, Some(opts)).unwrap(),
        None => Session::new(opts.clone()).unwrap(),
    };
    let mut lines = LineBreaks::default();
    for c in shard.chunks(chunk) {
        lines.push(c);
        s.feed(c);
    }
    let saved = Saved::of(s, start, lines, first.is_some());
    let bytes = saved.to_bytes().unwrap();
    Saved::from_bytes(&bytes).unwrap()
}

/// The states of `bytes` cut at `cuts` (the first read first, the rest after it, as separate
/// processes would).
fn states(bytes: &[u8], cuts: &[usize], opts: &Options, chunk: usize, jsonl: bool) -> Vec<Saved> {
    let mut out: Vec<Saved> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut before = LineBreaks::default();
        before.push(&bytes[..a]);
        let line = 1 + if jsonl { before.newlines } else { before.breaks };
        let start = Start { line, byte: a as u64 };
        let s = shard_state(&bytes[a..b], out.first(), start, opts, chunk);
        out.push(s);
    }
    out
}

fn merged(bytes: &[u8], cuts: &[usize], opts: &Options, chunk: usize, jsonl: bool) -> Result<Report, String> {
    state::merge(states(bytes, cuts, opts, chunk, jsonl), None)
}

#[test]
fn adult_in_shards_is_the_one_pass_report() {
    let bytes = adult();
    for label in [None, Some("income")] {
        let opts = Options { name: Some("adult.csv".into()), label: label.map(String::from), ..Options::default() };
        let whole = one_pass(&bytes, &opts, 1 << 20);
        for n in [2, 3, 8] {
            let c = cuts(&bytes, n, line_start);
            assert_eq!(c.len(), n + 1);
            let r = merged(&bytes, &c, &opts, 1 << 16, false).unwrap();
            assert_same(&r, &whole, &format!("adult in {n} shards, label {label:?}"));
        }
    }
    // 1-byte chunks, 3 shards.
    let opts = Options { name: Some("adult.csv".into()), ..Options::default() };
    let head = &bytes[..bytes.len() / 8];
    let whole = one_pass(head, &opts, 1);
    let r = merged(head, &cuts(head, 3, line_start), &opts, 1, false).unwrap();
    assert_same(&r, &whole, "the first eighth of adult in 3 shards, 1-byte chunks");
}

#[test]
fn quoted_line_breaks_merge_when_cut_between_records_and_are_refused_inside_one() {
    // Records end with \r\n; the quoted fields hold bare \n: a cut after \r\n is between records.
    let bytes = quoted_csv(20_000, 12, 3_000);
    let opts = Options { name: Some("notes.csv".into()), ..Options::default() };
    let whole = one_pass(&bytes, &opts, 1 << 20);
    let record_start = |b: &[u8], at: usize| b.get(at - 2..at) == Some(b"\r\n");
    for n in [2, 3, 8] {
        let r = merged(&bytes, &cuts(&bytes, n, record_start), &opts, 1 << 16, false).unwrap();
        assert_same(&r, &whole, &format!("quoted line breaks in {n} shards"));
    }
    // Cut at bare line starts: most fall inside a quoted field, and the merge says so.
    let inside = |b: &[u8], at: usize| b.get(at - 1) == Some(&b'\n') && b.get(at - 2) != Some(&b'\r');
    let err = merged(&bytes, &cuts(&bytes, 3, inside), &opts, 1 << 16, false).unwrap_err();
    assert!(err.contains("ends inside a record"), "{err}");
}

#[test]
fn jsonl_in_shards_is_the_one_pass_report() {
    let bytes = drifting_jsonl(30_000);
    let opts = Options { name: Some("drift.jsonl".into()), ..Options::default() };
    let whole = one_pass(&bytes, &opts, 1 << 20);
    for n in [2, 4, 8] {
        let r = merged(&bytes, &cuts(&bytes, n, line_start), &opts, 1 << 16, true).unwrap();
        assert_same(&r, &whole, &format!("drifting JSON Lines in {n} shards"));
    }
    // In 3 shards the key `late` (from two thirds on) is first met a few lines before the second
    // cut: the single pass decides whether it is free text on its first 64 values, across the
    // cut, which neither part saw whole. The merge refuses rather than guess, naming the column.
    let err = merged(&bytes, &cuts(&bytes, 3, line_start), &opts, 1 << 16, true).unwrap_err();
    assert!(err.contains("text column 'late'"), "{err}");
    let whole = one_pass(&bytes, &opts, 1);
    let r = merged(&bytes, &cuts(&bytes, 4, line_start), &opts, 1, true).unwrap();
    assert_same(&r, &whole, "drifting JSON Lines in 4 shards, 1-byte chunks");
}

#[test]
fn states_that_are_not_consecutive_parts_are_refused() {
    let bytes = adult();
    let opts = Options { name: Some("adult.csv".into()), ..Options::default() };
    let c = cuts(&bytes, 4, line_start);
    let err = |mut v: Vec<Saved>, f: &dyn Fn(&mut Vec<Saved>)| {
        f(&mut v);
        state::merge(v, None).unwrap_err()
    };
    let all = || states(&bytes, &c, &opts, 1 << 16, false);
    assert!(err(all(), &|v| drop(v.remove(2))).contains("not consecutive"));
    assert!(err(all(), &|v| v.swap(1, 2)).contains("not consecutive"));
    assert!(err(all(), &|v| v.swap(0, 1)).contains("first state is of a later part"));
    assert!(err(all(), &|v| v.clear()).contains("no states"));
    // A later part read with other options.
    let other = Options { label: Some("income".into()), ..opts.clone() };
    let v = all();
    assert!(state::later_session(&v[0], Start::default(), Some(&other)).is_err());
    // A part checked on its own (no --after) in a later place.
    let mut v = all();
    let lone = shard_state(&bytes[c[1]..c[2]], None, Start::default(), &opts, 1 << 16);
    v[1] = lone;
    assert!(state::merge(v, None).unwrap_err().contains("state 2 is of a first part"));
    // A first part too short to head others (text values below the sample size).
    let text =
        std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/self-instruct-davinci.jsonl"))
            .unwrap();
    let j = Options { name: Some("x.jsonl".into()), ..Options::default() };
    let first = shard_state(&text[..text.len() / 2], None, Start::default(), &j, 1 << 16);
    let e = state::later_session(&first, Start::default(), Some(&j)).err().unwrap();
    assert!(e.contains("fewer than 200,000 values of a text column"), "{e}");
}

#[test]
fn bytes_that_are_not_a_state_are_refused_without_panicking() {
    let bytes = adult();
    let opts = Options { name: Some("adult.csv".into()), ..Options::default() };
    let s = shard_state(&bytes[..40_000], None, Start::default(), &opts, 1 << 16);
    let good = s.to_bytes().unwrap();
    assert!(Saved::from_bytes(&good).is_ok());
    // Every truncation (sampled: every length near the ends, and a stride through the middle).
    let n = good.len();
    let lens = (0..64).chain((64..n - 64).step_by(97)).chain(n - 64..n);
    for len in lens {
        assert!(Saved::from_bytes(&good[..len]).is_err(), "truncated to {len} bytes was read");
    }
    // A byte flipped anywhere: the checksum refuses it.
    for at in (0..n).step_by(131) {
        let mut bad = good.clone();
        bad[at] ^= 0x5a;
        assert!(Saved::from_bytes(&bad).is_err(), "a flipped byte at {at} was read");
    }
    // A payload that is valid postcard framing but garbage inside, with a correct checksum.
    let mut rng = super::rng::Rng(3);
    for _ in 0..200 {
        let len = rng.below(4096) as usize;
        let payload: Vec<u8> = (0..len).map(|_| rng.below(256) as u8).collect();
        let mut b = state::MAGIC.to_vec();
        b.extend_from_slice(&state::VERSION.to_le_bytes());
        b.extend_from_slice(&(len as u64).to_le_bytes());
        b.extend_from_slice(&payload);
        b.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&payload).to_le_bytes());
        assert!(Saved::from_bytes(&b).is_err());
    }
    // Another format version, another engine version.
    let mut v2 = good.clone();
    v2[8] = 2;
    assert!(Saved::from_bytes(&v2).err().unwrap().contains("format version 2"));
    let mut other = s;
    other.engine = "0.0.1".into();
    let e = Saved::from_bytes(&other.to_bytes().unwrap()).err().unwrap();
    assert!(e.contains("written by datalint 0.0.1"), "{e}");
}

/// The shard script: 8 shards of the real Adult file, each checked by its own process, merged,
/// and set against the whole-file report (the script exits 0 only when they agree).
#[test]
fn shard_script_merges_eight_processes_into_the_whole_file_report() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("bash")
        .arg(root.join("scripts/shards"))
        .arg(root.join("../shared/data/adult.csv"))
        .arg("8")
        .env("DATALINT", env!("CARGO_BIN_EXE_datalint"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("8 shards") && text.contains("same report"), "{text}");
}

/// `check --state-out` refuses a label or sensitive column the part does not have, as `check`
/// does (exit 2, no state written).
#[test]
fn state_out_refuses_unknown_roles() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out_path = std::env::temp_dir().join(format!("datalint-roles-{}.state", std::process::id()));
    for flag in ["--label", "--sensitive"] {
        let out = Command::new(env!("CARGO_BIN_EXE_datalint"))
            .args(["check", flag, "no-such-column", "--state-out"])
            .arg(&out_path)
            .arg(root.join("../shared/data/adult.csv"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("'no-such-column' not found"));
        assert!(!out_path.exists());
    }
}

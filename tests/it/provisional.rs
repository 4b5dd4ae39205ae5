//! Provisional reports (`Session::snapshot`): the findings of the data read so far, marked as
//! such, while the session goes on; the final report is byte for byte the one without snapshots.
//! And the CLI's provisional findings (`DATALINT_PROVISIONAL=1`), on stderr, with stdout unchanged.

use datalint::{Options, Report, Session};
use std::path::PathBuf;
use std::process::Command;

fn shared(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data").join(name)
}

fn read(name: &str) -> Vec<u8> {
    let p = shared(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e} (CI lays shared/ beside the clone)", p.display()))
}

/// The final report fed in `chunk`s, a snapshot taken after every `every`-th chunk (never with
/// `every` 0); also the snapshots.
fn fed(bytes: &[u8], opts: &Options, chunk: usize, every: usize) -> (Report, Vec<Report>) {
    let mut s = Session::new(opts.clone()).unwrap();
    let mut snaps = Vec::new();
    for (i, c) in bytes.chunks(chunk).enumerate() {
        s.feed(c);
        if every > 0 && i % every == every - 1 {
            let p = s.progress();
            if let Some(r) = s.snapshot() {
                let mark = r.provisional.expect("a snapshot is marked provisional");
                assert_eq!((mark.bytes_read, mark.rows), (p.bytes, p.rows), "how far it had got");
                assert_eq!(r.rows, p.rows);
                snaps.push(r);
            }
        }
    }
    (s.finish(), snaps)
}

fn snapshots_leave_the_final_report_alone(name: &str, opts: &Options) -> Vec<Report> {
    let bytes = read(name);
    let (plain, _) = fed(&bytes, opts, 64 * 1024, 0);
    assert!(plain.provisional.is_none());
    let json = plain.to_json();
    assert!(!json.contains("\"provisional\""), "a final report has no provisional field");
    let mut all = Vec::new();
    for (chunk, every) in [(64 * 1024, 1), (4096, 37), (1 << 20, 1)] {
        let (r, snaps) = fed(&bytes, opts, chunk, every);
        assert!(!snaps.is_empty(), "{name}: snapshots were taken ({chunk}-byte chunks)");
        assert_eq!(r.to_json(), json, "{name}: final report with snapshots every {every} chunk(s) of {chunk}");
        assert_eq!(r.to_markdown(), plain.to_markdown());
        all.extend(snaps);
    }
    all
}

#[test]
fn snapshots_do_not_change_the_final_report_of_adult() {
    let opts = Options { name: Some("adult.csv".into()), ..Options::default() };
    let snaps = snapshots_leave_the_final_report_alone("adult.csv", &opts);
    // Rows grow from snapshot to snapshot within one feeding, and the JSON says it is provisional.
    let first = snaps.first().unwrap();
    assert!(first.rows > 0 && first.rows < 32_561);
    let v: serde_json::Value = serde_json::from_str(&first.to_json()).unwrap();
    assert_eq!(v["provisional"]["rows"], first.rows);
    assert!(v["provisional"]["bytes_read"].as_u64().unwrap() > 0);
    assert!(v["provisional"].get("total_bytes").is_none(), "the session does not know the size");
    // Early findings are already there: the '?' missing values show from the first megabyte.
    assert!(first.findings.iter().any(|f| f.id == "missing-values"), "{:?}", first.findings);
}

#[test]
fn snapshots_do_not_change_the_final_report_of_jsonl() {
    let opts = Options { name: Some("self-instruct-davinci.jsonl".into()), ..Options::default() };
    let snaps = snapshots_leave_the_final_report_alone("self-instruct-davinci.jsonl", &opts);
    assert!(snaps.iter().all(|r| r.provisional.is_some() && r.source.format == Some("jsonl")));
}

#[test]
fn a_snapshot_of_everything_read_has_the_final_findings() {
    // adult.csv ends with a line break: every record has been read when the last chunk is fed.
    let bytes = read("adult.csv");
    let opts = Options { name: Some("adult.csv".into()), label: Some("Salary".into()), ..Options::default() };
    let mut s = Session::new(opts.clone()).unwrap();
    assert!(s.snapshot().is_none(), "nothing read, nothing to show");
    s.feed(b"age");
    assert!(s.snapshot().is_none(), "no record yet");
    let opts = Options { name: Some("adult.csv".into()), label: Some("Salary".into()), ..Options::default() };
    let mut s2 = Session::new(opts).unwrap();
    s2.feed(&bytes);
    let snap = s2.snapshot().unwrap();
    let last = s2.finish();
    let key = |r: &Report| r.findings.iter().map(|f| (f.id, f.title.clone())).collect::<Vec<_>>();
    assert_eq!(key(&snap), key(&last));
    assert_eq!(snap.rows, last.rows);
}

#[test]
fn no_snapshot_where_a_copy_would_not_fit_in_the_budget() {
    // A 1 MiB budget: the profile of adult.csv takes more than half of it, so no copy is made
    // (the default budget has room for one: see above), and the report is the same.
    let bytes = read("adult.csv");
    let opts = Options { memory_budget: 1024 * 1024, ..Options::default() };
    let (plain, _) = fed(&bytes, &opts, 1 << 20, 0);
    let (r, snaps) = fed(&bytes, &opts, 1 << 20, 1);
    assert!(snaps.is_empty(), "the whole profile does not fit twice in 1 MiB");
    assert_eq!(r.to_json(), plain.to_json());
}

fn cli(file: &PathBuf, env: &[(&str, &str)], extra: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_datalint"))
        .arg("check")
        .arg(file)
        .args(["--format", "text", "--no-progress"])
        .args(extra)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn cli_shows_provisional_findings_on_stderr_and_the_same_report_on_stdout() {
    let adult = shared("adult.csv");
    let (want, quiet) = cli(&adult, &[("DATALINT_PROVISIONAL", "0")], &["--jobs", "1"]);
    assert!(!quiet.contains("PROVISIONAL"), "{quiet}");
    for jobs in ["1", "2"] {
        let env = [("DATALINT_PROVISIONAL", "1"), ("DATALINT_PROVISIONAL_MS", "0"), ("DATALINT_MIN_RANGE", "65536")];
        let (got, err) = cli(&adult, &env, &["--jobs", jobs]);
        assert_eq!(got, want, "--jobs {jobs}: the final report is unchanged");
        let first = err.lines().find(|l| l.starts_with("PROVISIONAL")).unwrap_or_else(|| panic!("no block in {err}"));
        // "PROVISIONAL — from 7,617 rows / 25% read · 0.01 s · the final report follows"
        assert!(first.contains(" rows") && first.contains("% read") && first.contains(" s · "), "{first}");
        assert!(err.contains("missing-values"), "findings listed:\n{err}");
        assert!(err.contains("(snapshot made in "), "{err}");
        assert!(err.lines().filter(|l| l.starts_with("PROVISIONAL")).count() >= 2, "updated as it reads:\n{err}");
    }
}

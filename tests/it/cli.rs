//! The `datalint` binary end to end: formats, exit codes, stdin, config, explain.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_datalint"))
}

fn adult() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/adult.csv").to_string_lossy().into_owned()
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn text_report_on_adult_reads_at_a_glance() {
    // Without --no-propose, Salary is proposed as the label; its one conflicting pair in 32,561
    // rows is info, so adult passes the default gate either way.
    let plain = run(&["check", &adult(), "--no-propose"]);
    assert_eq!(plain.status.code(), Some(0), "no error-severity finding without a label");
    assert!(!stdout(&plain).contains("BIAS"), "no roles, no bias section:\n{}", stdout(&plain));
    let o = run(&["check", &adult()]);
    assert_eq!(o.status.code(), Some(0), "adult passes the default gate");
    let out = stdout(&o);
    let head: Vec<&str> = out.lines().take(2).collect();
    assert!(head[0].starts_with("datalint ") && head[0].contains("adult.csv (csv, delimiter comma"), "{}", head[0]);
    assert!(head[1].starts_with("32,561 rows × 15 columns"), "{}", head[1]);
    for needle in [
        "FINDINGS",
        "missing-values",
        "'workclass', 'occupation' are missing in the same rows: 1,836–1,843 rows (up to 5.7%): '?' (1,836)",
        "COLUMNS",
        "duplicate-rows",
        "conflicting-labels",
        "BIAS  label 'Salary' (proposed from its name)",
        "label-disparity",
        "'relationship' is a proxy for 'sex'",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in\n{out}");
    }
}

#[test]
fn json_report_has_the_documented_shape() {
    let o = run(&["check", &adult(), "--format", "json", "--label", "Salary"]);
    assert_eq!(o.status.code(), Some(0), "one conflicting pair in 32,561 rows is info: adult passes the gate");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["datalint"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["source"]["name"], "adult.csv");
    assert_eq!(v["source"]["format"], "csv");
    assert_eq!(v["source"]["delimiter"], ",");
    assert_eq!(v["source"]["bytes"], 3_974_475);
    assert_eq!(v["rows"], 32_561);
    let age = &v["columns"][0];
    for key in [
        "name",
        "type",
        "type_counts",
        "missing",
        "distinct",
        "distinct_exact",
        "min",
        "max",
        "mean",
        "std",
        "quantiles",
        "top",
        "histogram",
    ] {
        assert!(age.get(key).is_some(), "column field {key}");
    }
    assert_eq!(age["quantiles"]["p50"], 37.0);
    let f = &v["findings"][0];
    for key in ["id", "severity", "columns", "title", "explanation", "metric", "threshold", "evidence"] {
        assert!(f.get(key).is_some(), "finding field {key}");
    }
    assert!(f["evidence"][0]["line"].as_u64().unwrap() > 1);
    assert!(v["errors"].as_array().unwrap().is_empty());
}

#[test]
fn markdown_report_pastes_into_a_review() {
    let o = run(&["check", &adult(), "--format", "markdown"]);
    let out = stdout(&o);
    assert!(out.starts_with("# datalint report: adult.csv"));
    assert!(out.contains("| severity | check | finding | metric | threshold |"));
    assert!(out.contains("## Columns"));
    // Dataset values are escaped: '<=50K' cannot open an HTML tag in a rendered review.
    assert!(out.contains("\\<=50K"), "{out}");
}

#[test]
fn exit_codes() {
    assert_eq!(run(&["check", &adult(), "--fail-on", "warning"]).status.code(), Some(1));
    assert_eq!(run(&["check", &adult(), "--fail-on", "never", "--label", "Salary"]).status.code(), Some(0));
    let missing = run(&["check", "/nonexistent/data.csv"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot open /nonexistent/data.csv"));
}

#[test]
fn reads_stdin_in_chunks_with_a_name_hint() {
    let mut child = bin()
        .args(["check", "-", "--name", "rows.jsonl", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    std::thread::spawn(move || {
        for i in 0..5000 {
            writeln!(stdin, "{{\"id\": {i}, \"user\": {{\"age\": {}}}, \"tags\": [1, 2]}}", 20 + i % 50).unwrap();
        }
    });
    let o = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["source"]["format"], "jsonl");
    assert_eq!(v["rows"], 5000);
    let names: Vec<&str> = v["columns"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["id", "user.age", "tags"]);
}

#[test]
fn config_overrides_thresholds_and_rejects_typos() {
    let dir = std::env::temp_dir().join(format!("datalint-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.json");
    std::fs::write(&good, r#"{"thresholds": {"missing-values": 0.5}, "severity": {"duplicate-rows": "error"}}"#)
        .unwrap();
    let o = run(&["check", &adult(), "--format", "json", "--config", good.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert!(!ids.contains(&"missing-values"), "threshold 0.5 silences 5.6% missing");
    assert_eq!(v["findings"][0]["id"], "duplicate-rows");
    assert_eq!(v["findings"][0]["severity"], "error");
    assert_eq!(o.status.code(), Some(1));
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"thresholds": {"missing-value": 0.5}}"#).unwrap();
    let o = run(&["check", &adult(), "--config", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown check id 'missing-value'"));
}

#[test]
fn explain_shows_the_registered_words() {
    let o = run(&["explain", "missing-values"]);
    let out = stdout(&o);
    assert!(out.contains("Why it matters for training"));
    assert!(out.contains(datalint::checks::registry::meta("missing-values").unwrap().why));
    let all = stdout(&run(&["explain"]));
    assert_eq!(all.lines().count(), datalint::checks::registry::ALL.len());
    assert_eq!(run(&["explain", "nope"]).status.code(), Some(2));
}

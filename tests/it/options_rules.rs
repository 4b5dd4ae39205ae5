//! Hardening (issue 13, class 6): options fail loudly. Every out-of-range option fails with a
//! message naming its field (and exactly at the limit passes); the CLI exits 2 on them, on a
//! config that is not an object, and on an unknown `--sensitive` column; roles given twice or
//! twice over are merged with a note.

use datalint::{Options, Session};
use std::collections::BTreeMap;
use std::process::{Command, Output};

fn rejected(opts: Options, field: &str) {
    match Session::new(opts) {
        Ok(_) => panic!("options accepted; want an error naming {field}"),
        Err(e) => assert!(e.contains(field), "message {e:?} does not name {field}"),
    }
}

fn accepted(opts: Options) {
    if let Err(e) = Session::new(opts) {
        panic!("options rejected: {e}");
    }
}

fn threshold(id: &str, v: f64) -> Options {
    Options { thresholds: BTreeMap::from([(id.to_string(), v)]), ..Options::default() }
}

#[test]
fn options_thresholds_negative_nan_infinite_or_share_over_one_fail() {
    for v in [-0.1, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        rejected(threshold("outliers", v), "thresholds.outliers");
    }
    rejected(threshold("missing-values", 1.01), "thresholds.missing-values");
    rejected(threshold("missingness-disparity", 1.5), "thresholds.missingness-disparity");
    // Near misses: 0 and exactly 1 for a share; a count or statistic above 1.
    accepted(threshold("missing-values", 1.0));
    accepted(threshold("missing-values", 0.0));
    accepted(threshold("skewed", 5.0));
    accepted(threshold("ragged-rows", 3.0));
}

#[test]
fn options_sizes_fail_outside_their_range_and_pass_at_the_limits() {
    let o = Options::default;
    rejected(Options { max_record_bytes: 0, ..o() }, "max_record_bytes");
    rejected(Options { max_record_bytes: (1 << 30) + 1, ..o() }, "max_record_bytes");
    accepted(Options { max_record_bytes: 1, ..o() });
    accepted(Options { max_record_bytes: 1 << 30, ..o() });

    rejected(Options { memory_budget: (1 << 20) - 1, ..o() }, "memory_budget");
    rejected(Options { memory_budget: (64 << 30) + 1, ..o() }, "memory_budget");
    accepted(Options { memory_budget: 1 << 20, ..o() });
    accepted(Options { memory_budget: 64 << 30, ..o() });

    rejected(Options { max_columns: 0, ..o() }, "max_columns");
    rejected(Options { max_columns: 100_001, ..o() }, "max_columns");
    accepted(Options { max_columns: 1, ..o() });
    accepted(Options { max_columns: 100_000, ..o() });

    rejected(Options { evidence_limit: 0, ..o() }, "evidence_limit");
    rejected(Options { evidence_limit: 10_001, ..o() }, "evidence_limit");
    rejected(Options { evidence_limit: 100_000_000_000, ..o() }, "evidence_limit");
    accepted(Options { evidence_limit: 1, ..o() });
    accepted(Options { evidence_limit: 10_000, ..o() });
}

#[test]
fn options_a_config_must_be_an_object() {
    for text in ["[]", "[null, null, \"Salary\"]", "3", "\"label\"", "true", "null"] {
        let e = Options::from_json(text).err().unwrap_or_else(|| panic!("{text} accepted"));
        assert!(e.contains("JSON object"), "{text}: {e}");
    }
    let o = Options::from_json("{\"label\": \"y\", \"evidence_limit\": 3}").expect("an object");
    assert_eq!((o.label.as_deref(), o.evidence_limit), (Some("y"), 3));
    assert!(Options::from_json("{\"evidence_limt\": 3}").unwrap_err().contains("evidence_limt"));
}

#[test]
fn options_roles_given_twice_are_merged_with_a_note() {
    let csv = b"sex,race,y\nf,a,1\nm,b,0\nf,a,1\nm,b,0\n";
    let run = |o: Options| {
        let mut s = Session::new(o).expect("options");
        s.feed(csv);
        s.finish()
    };
    let twice = run(Options { sensitive: Some(vec!["sex".into(), "sex".into(), "race".into()]), ..Options::default() });
    let names: Vec<&str> = twice.bias.roles.sensitive.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["sex", "race"]);
    assert!(twice.notes.iter().any(|n| n.contains("'sex' was given more than once")), "{:?}", twice.notes);

    let both =
        run(Options { label: Some("y".into()), sensitive: Some(vec!["y".into(), "sex".into()]), ..Options::default() });
    let names: Vec<&str> = both.bias.roles.sensitive.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["sex"]);
    assert!(
        both.notes.iter().any(|n| n.contains("'y' was given as both the label and a sensitive column")),
        "{:?}",
        both.notes
    );

    // Near miss: distinct roles, no note.
    let plain = run(Options { label: Some("y".into()), sensitive: Some(vec!["sex".into()]), ..Options::default() });
    assert!(
        !plain.notes.iter().any(|n| n.contains("more than once") || n.contains("given as both")),
        "{:?}",
        plain.notes
    );
}

// ---- the CLI ------------------------------------------------------------------------------

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_datalint")).args(args).output().expect("run datalint")
}

fn temp(name: &str, body: &str) -> String {
    let dir = std::env::temp_dir().join(format!("datalint-options-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let p = dir.join(name);
    std::fs::write(&p, body).expect("write");
    p.to_string_lossy().into_owned()
}

#[test]
fn options_cli_exits_2_naming_the_field() {
    let data = temp("d.csv", "sex,y\nf,1\nm,0\n");
    for (config, field) in [
        ("{\"evidence_limit\": 100000000000}", "evidence_limit"),
        ("{\"max_record_bytes\": 0}", "max_record_bytes"),
        ("{\"memory_budget\": 1000}", "memory_budget"),
        ("{\"max_columns\": 0}", "max_columns"),
        ("{\"thresholds\": {\"missing-values\": 2}}", "thresholds.missing-values"),
        ("{\"thresholds\": {\"outliers\": -1}}", "thresholds.outliers"),
        ("[\"x\"]", "JSON object"),
        ("42", "JSON object"),
    ] {
        let cfg = temp("c.json", config);
        let o = cli(&["check", &data, "--config", &cfg]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{config}: {err}");
        assert!(err.contains(field), "{config}: stderr {err:?} does not name {field}");
    }
    let o = cli(&["check", &data, "--memory-mib", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("memory_budget"));
    // Near miss: at the limits.
    let cfg = temp(
        "ok.json",
        "{\"evidence_limit\": 10000, \"max_columns\": 100000, \"thresholds\": {\"missing-values\": 1}}",
    );
    assert_eq!(cli(&["check", &data, "--config", &cfg, "--fail-on", "never"]).status.code(), Some(0));
}

#[test]
fn options_cli_unknown_sensitive_exits_2_like_an_unknown_label() {
    let data = temp("s.csv", "sex,y\nf,1\nm,0\n");
    let label = cli(&["check", &data, "--label", "nope"]);
    assert_eq!(label.status.code(), Some(2));
    let o = cli(&["check", &data, "--sensitive", "sex,nope"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("sensitive column 'nope' not found"), "{err}");
    // Near miss: known columns, and "" for none.
    assert_eq!(cli(&["check", &data, "--sensitive", "sex", "--fail-on", "never"]).status.code(), Some(0));
    assert_eq!(cli(&["check", &data, "--sensitive", "", "--fail-on", "never"]).status.code(), Some(0));

    // The comparison holds its roles to the reference's columns the same way.
    let o = cli(&["compare", &data, &data, "--sensitive", "nope"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("sensitive column 'nope' not found in the reference"), "{err}");
    let o = cli(&["compare", &data, &data, "--label", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("label column 'nope' not found in the reference"));
    let ok = cli(&["compare", &data, &data, "--label", "y", "--sensitive", "sex", "--fail-on", "never"]);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
}

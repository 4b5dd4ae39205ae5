//! Label proposals that do not mislead (issue 11, item 6): weak names are not proposed, a
//! proposed label with a 1:1 recoding is dropped (and the report says so), what rests on a
//! proposed label is capped at warning, every output says the label was proposed, and only a
//! favourable value given makes a group "disadvantaged".

use datalint::{Options, Report, Session, Severity};
use std::fmt::Write as _;
use std::process::Command;

fn run_with(input: &[u8], opts: &Options) -> Report {
    let mut s = Session::new(opts.clone()).unwrap();
    s.feed(input);
    s.finish()
}

fn run(input: &[u8]) -> Report {
    run_with(input, &Options::default())
}

fn labelled(l: &str) -> Options {
    Options { label: Some(l.into()), ..Options::default() }
}

/// A diamonds-like table: carat, price and the x, y, z widths.
fn diamonds(n: usize) -> Vec<u8> {
    let mut s = String::from("carat,price,x,y,z\n");
    for i in 0..n {
        let w = 3.0 + (i % 37) as f64 * 0.1;
        let _ =
            writeln!(s, "{:.2},{},{w:.2},{:.2},{:.2}", 0.2 + (i % 23) as f64 * 0.05, 300 + i * 7, w + 0.03, w * 0.6);
    }
    s.into_bytes()
}

#[test]
fn a_single_letter_beside_its_siblings_is_not_proposed_as_the_label() {
    let r = run(&diamonds(200));
    assert_eq!(r.label, None, "y beside x and z is a width, not a label");
    assert!(r.bias.roles.label.is_none());
    assert!(!r.findings.iter().any(|f| f.id == "class-imbalance" || f.id == "label-leakage"));
    // The rule is the run of letters, not the letter: y beside x alone is still proposed, and a
    // given y beside x and z is used.
    let r = run(b"x,y\n1,a\n2,b\n3,a\n");
    assert_eq!(r.label.as_deref(), Some("y"));
    let r = run_with(&diamonds(50), &labelled("y"));
    assert_eq!(r.label.as_deref(), Some("y"));
    assert!(datalint::roles::among_letters("y", &["x".into(), "y".into(), "z".into()]));
    assert!(!datalint::roles::among_letters("y", &["x".into(), "y".into()]));
    assert!(!datalint::roles::among_letters("label", &["k".into(), "label".into(), "m".into()]));
}

/// `class` (0/1/2) with `class_name` (a/b/c) recoding it 1:1, and a feature.
fn recoded(n: usize) -> Vec<u8> {
    let mut s = String::from("f,class,class_name\n");
    for i in 0..n {
        let c = (i * 7 + i / 5) % 3;
        let _ = writeln!(s, "{},{c},{}", i % 11, ["a", "b", "c"][c]);
    }
    s.into_bytes()
}

#[test]
fn a_proposed_label_with_a_one_to_one_recoding_is_dropped_and_the_report_says_so() {
    let r = run(&recoded(90));
    assert_eq!(r.label, None, "class has a 1:1 recoding: no label");
    assert!(r.bias.roles.label.is_none());
    assert!(
        r.notes.iter().any(|n| n.contains("'class' was not taken as the label") && n.contains("'class_name'")),
        "{:?}",
        r.notes
    );
    assert!(!r.findings.iter().any(|f| f.id == "label-leakage"), "no label, no leakage error");
    assert!(r.findings.iter().any(|f| f.id == "duplicate-columns"), "the pair is reported as duplicate columns");
    for text in [r.to_text(), r.to_markdown(), r.to_json()] {
        assert!(text.contains("1:1 recoding of it"), "{text}");
    }
    // Given, it stays the label (and the recoding is label-leakage's).
    let r = run_with(&recoded(90), &labelled("class"));
    assert_eq!(r.label.as_deref(), Some("class"));
    assert!(r.notes.iter().all(|n| !n.contains("not taken as the label")));
    assert_eq!(r.findings.iter().find(|f| f.id == "label-leakage").map(|f| f.severity), Some(Severity::Error));
    // Too few rows to tell a recoding from chance: kept.
    assert_eq!(run(&recoded(12)).label.as_deref(), Some("class"));
}

/// `f,y`: every value of f carries both labels, so every row is in a conflicting group.
fn conflicting(n: usize) -> Vec<u8> {
    let mut s = String::from("f,y\n");
    for i in 0..n {
        let _ = writeln!(s, "{},{}", i % 3, if (i / 3) % 2 == 0 { "yes" } else { "no" });
    }
    s.into_bytes()
}

#[test]
fn findings_resting_on_a_proposed_label_are_capped_at_warning() {
    let given = run_with(&conflicting(60), &labelled("y"));
    let f = given.findings.iter().find(|f| f.id == "conflicting-labels").unwrap();
    assert_eq!(f.severity, Severity::Error, "given: the check's own severity");
    let proposed = run(&conflicting(60));
    assert!(proposed.bias.roles.label.as_ref().unwrap().proposed);
    let f = proposed.findings.iter().find(|f| f.id == "conflicting-labels").unwrap();
    assert_eq!(f.severity, Severity::Warning, "proposed: capped");
    assert_eq!(proposed.summary.error, 0);
    // Every output says the label was proposed.
    let note = proposed.notes.iter().find(|n| n.contains("proposed from its name, not given")).unwrap();
    assert!(note.contains("conflicting-labels") && note.contains("at most a warning"), "{note}");
    assert!(proposed.to_text().contains("label 'y' (proposed from its name, not given)"));
    assert!(proposed.to_markdown().contains("label 'y' (proposed from its name, not given)"));
    let v: serde_json::Value = serde_json::from_str(&proposed.to_json()).unwrap();
    assert_eq!(v["roles"]["label"]["proposed"], true);
    assert!(v["notes"][0].as_str().unwrap().contains("proposed from its name"));
    assert!(given.notes.iter().all(|n| !n.contains("proposed from its name")));
    assert!(given.to_text().contains("label 'y' (given)"));
}

/// `sex,y`: F 20% yes, M 40% yes, 1,000 rows each.
fn rates() -> Vec<u8> {
    let mut s = String::from("sex,y\n");
    for (g, yes) in [("F", 200), ("M", 400)] {
        for i in 0..1000 {
            let _ = writeln!(s, "{g},{}", if i < yes { "yes" } else { "no" });
        }
    }
    s.into_bytes()
}

fn disparity(r: &Report) -> &datalint::Finding {
    r.findings.iter().find(|f| f.id == "label-disparity").unwrap()
}

#[test]
fn without_a_favourable_value_groups_are_named_by_their_rates() {
    let r = run_with(&rates(), &labelled("y"));
    let f = disparity(&r);
    assert!(f.title.starts_with("rate of y = yes by sex: M 40% vs F 20% (ratio 0.50;"), "{}", f.title);
    assert!(f.title.ends_with("no favourable value given)"), "{}", f.title);
    assert!(!f.title.contains("disadvantaged") && !f.title.contains("'yes'"));
    assert_eq!(r.bias.bias[0].reference_line, None, "no line: a lower rate is not known to be worse");
    let text = r.to_text();
    assert!(text.contains("Compared the rate of y = yes across groups. No favourable value was given"), "{text}");
    assert!(!text.contains("(disadvantaged: below the line)"), "{text}");
}

#[test]
fn the_favourable_value_says_which_groups_are_disadvantaged() {
    let fav = |v: &str| Options { favourable: Some(v.into()), ..labelled("y") };
    // yes is good: F (20%) is below 0.8 × 40%.
    let r = run_with(&rates(), &fav("yes"));
    let f = disparity(&r);
    assert!(
        f.title.starts_with("F has the lowest rate of the favourable y = yes by sex: 20% vs M 40% (impact ratio 0.50;"),
        "{}",
        f.title
    );
    let line = r.bias.bias[0].reference_line.unwrap();
    assert!((line - 0.32).abs() < 1e-12);
    let text = r.to_text();
    assert!(text.contains("Favourable value: y = yes."), "{text}");
    let f_row = text.lines().find(|l| l.trim_start().starts_with("F ")).unwrap();
    assert!(f_row.contains("disadvantaged"), "{f_row}");
    // no is good: the comparison flips to M (60% vs F 80%: impact ratio 0.75).
    let r = run_with(&rates(), &fav("no"));
    let f = disparity(&r);
    assert_eq!(f.outcome.as_deref(), Some("no"));
    assert!(f.title.starts_with("M has the lowest rate of the favourable y = no by sex: 60% vs F 80%"), "{}", f.title);
    close(f.metric, 0.75);
    // It takes precedence over --outcome; a value that is not a class is an input error.
    let r = run_with(&rates(), &Options { outcome: Some("yes".into()), ..fav("no") });
    assert_eq!(disparity(&r).outcome.as_deref(), Some("no"));
    let r = run_with(&rates(), &fav("maybe"));
    assert!(
        r.errors.iter().any(|e| e.message.starts_with("favourable value 'maybe' is not a class")),
        "{:?}",
        r.errors
    );
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} vs {b}");
}

#[test]
fn cli_favourable_flag_and_the_default_wording() {
    let dir = std::env::temp_dir().join(format!("datalint-labels-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("rates.csv");
    std::fs::write(&path, rates()).unwrap();
    let out = |extra: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_datalint"))
            .args(["check", path.to_str().unwrap(), "--label", "y", "--no-progress"])
            .args(extra)
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let plain = out(&[]);
    assert!(plain.contains("rate of y = yes by sex: M 40% vs F 20%"), "{plain}");
    assert!(plain.contains("No favourable value was given"), "{plain}");
    assert!(!plain.contains("(disadvantaged: below the line)"), "{plain}");
    let fav = out(&["--favourable", "yes"]);
    assert!(fav.contains("F has the lowest rate of the favourable y = yes"), "{fav}");
    assert!(fav.contains("(disadvantaged: below the line)"), "{fav}");
    let md = out(&["--favourable", "no", "--format", "markdown"]);
    assert!(md.contains("M has the lowest rate of the favourable y = no"), "{md}");
    assert!(md.contains("### rate of y = no by sex"), "{md}");
    // --outcome still works.
    let o = out(&["--outcome", "no"]);
    assert!(o.contains("rate of y = no by sex"), "{o}");
    let _ = std::fs::remove_dir_all(&dir);
}

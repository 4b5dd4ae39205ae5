//! The calibration panel (tests/calibration/panel.json): every finding on six real files, judged
//! by hand as signal, wrong severity, noise or false. This test runs the engine as the CLI does
//! (default options), matches each finding to its entry by the rule in tests/calibration/README.md
//! (id, columns, title with numbers masked, entry title as a prefix), prints the signal rate of
//! error and warning findings per file and overall, and fails when a finding labelled `false`
//! comes back or a file's gate fails where the panel says a reviewer would not block it.

use datalint::{Options, Session};
use serde_json::Value;

fn mask(title: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for c in title.chars() {
        let digit = c.is_ascii_digit();
        if digit || (in_number && (c == ',' || c == '.')) {
            if !in_number {
                out.push('#');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(c);
        }
    }
    out
}

fn matches(entry: &Value, finding: &Value) -> bool {
    entry["id"] == finding["id"]
        && entry["columns"] == finding["columns"]
        && mask(finding["title"].as_str().unwrap_or("")).starts_with(&mask(entry["title"].as_str().unwrap_or("")))
}

fn report(name: &str) -> Value {
    let path = format!("{}/../shared/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e} (CI lays shared/ beside the clone)"));
    let mut s = Session::new(Options { name: Some(name.into()), ..Options::default() }).unwrap();
    for c in data.chunks(64 * 1024) {
        s.feed(c);
    }
    serde_json::to_value(s.finish()).unwrap()
}

#[test]
fn panel_signal_rate_and_no_false_finding() {
    let path = format!("{}/tests/calibration/panel.json", env!("CARGO_MANIFEST_DIR"));
    let panel: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let (mut signal, mut gated) = (0, 0);
    let mut problems = Vec::new();
    for (name, entries) in panel["files"].as_object().unwrap() {
        let r = report(name);
        let mut unused: Vec<&Value> = entries.as_array().unwrap().iter().collect();
        let (mut sig, mut gate) = (0, 0);
        let mut new = Vec::new();
        for f in r["findings"].as_array().unwrap() {
            let severity = f["severity"].as_str().unwrap();
            let Some(k) = unused.iter().position(|e| matches(e, f)) else {
                new.push(format!("[{severity}] {} {}: {}", f["id"], f["columns"], f["title"]));
                if severity != "info" {
                    gate += 1;
                }
                continue;
            };
            let e = unused.remove(k);
            let label = e["label"].as_str().unwrap();
            if label == "false" {
                problems.push(format!("{name}: a finding labelled false came back: {} {}", f["id"], f["title"]));
            }
            if severity != "info" {
                gate += 1;
                let judged_here = e["severity"] == f["severity"] && label == "signal";
                let moved_right = label == "wrong-severity" && e["should_be"] == f["severity"];
                if judged_here || moved_right {
                    sig += 1;
                }
            }
        }
        let errors = r["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "error").count();
        let allowed = panel["gate_fails"].as_array().is_some_and(|a| a.iter().any(|n| n == name));
        if errors > 0 && !allowed {
            problems.push(format!(
                "{name}: the default gate fails ({errors} error finding(s)) where no reviewer would block it"
            ));
        }
        println!(
            "{name:40} {sig:>3} / {gate:>3} signal  {}  new {}  gone {}",
            if gate > 0 { format!("{:>3.0}%", 100.0 * sig as f64 / gate as f64) } else { " n/a".into() },
            new.len(),
            unused.len()
        );
        for n in &new {
            println!("    new (unjudged, counted as not signal) {n}");
        }
        for e in &unused {
            println!("    gone {} {} ({}): {}", e["id"], e["columns"], e["label"], e["title"]);
        }
        signal += sig;
        gated += gate;
    }
    println!(
        "overall: {signal} / {gated} error and warning findings are signal ({:.0}%)",
        100.0 * signal as f64 / gated.max(1) as f64
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

//! Hardening (issue 13, class 3): output is safe in every format and on every path. Headers and
//! values full of terminal escapes (CSI, OSC 8 hyperlinks), BEL, BS, lone CR, C1 controls and bidi
//! overrides, and Markdown syntax behind line breaks, go through check and compare in text and
//! Markdown, and through the CLI's stdout and stderr: no raw control or bidi character comes out,
//! every Markdown table row keeps its cells, and no value starts a line.

use datalint::fmt::is_unsafe;
use datalint::{Compare, Options, Session};
use std::process::Command;

const NASTY: &[&str] = &[
    "\x1b[2J",
    "\x1b]8;;http://x\x07link\x1b]8;;\x07",
    "bell\x07",
    "back\x08space",
    "lone\rCR",
    "\u{202e}evil",
    "\u{9b}31m",
    "\u{2066}iso\u{2069}\u{200e}\u{200f}",
    "\r- PWN list",
    "\n# PWN heading",
    "\r\n```",
    "\n    PWN code",
    "\r1. PWN",
    "\n> PWN quote",
    "|PWN|pipe|",
];

/// A CSV whose header names and values hold every nasty string; quoted, so LF and CR are data.
fn nasty_csv() -> Vec<u8> {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = String::new();
    let header: Vec<String> = (0..4).map(|i| q(&format!("col{i}{}", NASTY[i % NASTY.len()]))).collect();
    out.push_str(&header.join(","));
    out.push_str(",const\x1b[31m,y\n");
    for r in 0..60 {
        let cells: Vec<String> = (0..4).map(|i| q(&format!("{}{}", NASTY[(r + i) % NASTY.len()], r % 7))).collect();
        out.push_str(&cells.join(","));
        out.push_str(&format!(",{},{}\n", q("same\u{202e}\x1b[5m"), r % 2));
    }
    out.push_str(&q("ragged\x1b[2J\r- PWN"));
    out.push('\n');
    out.into_bytes()
}

/// JSONL whose keys and values hold the nasty strings, and a broken line.
fn nasty_jsonl() -> Vec<u8> {
    let mut out = String::new();
    for r in 0..40 {
        let mut obj = serde_json::Map::new();
        for (i, n) in NASTY.iter().enumerate().take(5) {
            obj.insert(
                format!("k{i}{n}"),
                serde_json::Value::String(format!("{}{}", NASTY[(r + i) % NASTY.len()], r % 5)),
            );
        }
        obj.insert(
            "text".into(),
            serde_json::Value::String(format!(
                "a longer answer with words {} and more words here {r}",
                NASTY[r % NASTY.len()]
            )),
        );
        out.push_str(&serde_json::Value::Object(obj).to_string());
        out.push('\n');
    }
    out.push_str("{not json \u{1b}[2J\n");
    out.into_bytes()
}

fn check(input: &[u8], name: &str) -> datalint::Report {
    let mut s = Session::new(Options { name: Some(name.into()), ..Options::default() }).expect("options");
    s.feed(input);
    s.finish()
}

fn assert_no_raw(what: &str, out: &str) {
    if let Some((i, c)) = out.char_indices().find(|&(_, c)| c != '\n' && is_unsafe(c)) {
        let from = out.get(i.saturating_sub(60)..i).unwrap_or("");
        panic!("{what}: raw U+{:04X} after {from:?}", c as u32);
    }
}

/// Unescaped `|` in a Markdown line (a backslash escapes the next character).
fn pipes(line: &str) -> usize {
    let (mut n, mut esc) = (0, false);
    for c in line.chars() {
        match c {
            _ if esc => esc = false,
            '\\' => esc = true,
            '|' => n += 1,
            _ => {}
        }
    }
    n
}

fn assert_markdown_safe(what: &str, md: &str) {
    assert_no_raw(what, md);
    // Tables: consecutive lines starting with '|' all have the header's number of cells.
    let mut want: Option<usize> = None;
    for line in md.lines() {
        if line.starts_with('|') {
            let n = pipes(line);
            match want {
                None => want = Some(n),
                Some(w) => assert_eq!(n, w, "{what}: table row with {n} cells, header has {w}: {line:?}"),
            }
        } else {
            want = None;
        }
        // No value starts a line: the injected markers never open one.
        let t = line.trim_start_matches(['-', ' ', '>', '#']);
        assert!(!line.starts_with("```") && !line.starts_with("~~~"), "{what}: code fence from a value: {line:?}");
        assert!(!line.starts_with("    "), "{what}: indented code block from a value: {line:?}");
        assert!(!t.starts_with("PWN") && !line.starts_with("1. PWN"), "{what}: a value starts a line: {line:?}");
    }
}

#[test]
fn safety_check_text_and_markdown_on_nasty_csv_and_jsonl() {
    for (input, name) in [(nasty_csv(), "nasty.csv"), (nasty_jsonl(), "nasty.jsonl")] {
        let r = check(&input, name);
        assert!(!r.findings.is_empty(), "{name}: want findings whose titles carry the names");
        assert!(r.errors_total > 0, "{name}: want input errors");
        assert_no_raw(&format!("{name} text"), &r.to_text());
        assert_markdown_safe(&format!("{name} markdown"), &r.to_markdown());
        // JSON keeps the data as it is, escaped by serde.
        let json = r.to_json();
        assert_no_raw(&format!("{name} json"), &json.replace('\n', ""));
        let v: serde_json::Value = serde_json::from_str(&json).expect("json");
        assert!(v["columns"]
            .as_array()
            .is_some_and(|c| c.iter().any(|c| c["name"].as_str().is_some_and(|n| n.contains('\x1b')))));
    }
}

#[test]
fn safety_compare_text_and_markdown() {
    let a = nasty_csv();
    let mut b = nasty_csv();
    b.extend_from_slice(b"\"\x1b[2Jx\",\"\rCR\",\"\xe2\x80\xae\",\"- PWN\",other\x07,1\n");
    let mut c = Compare::new(Options::default(), "ref\x1b[2J.csv", "cand\u{202e}.csv").expect("options");
    c.feed_reference(&a);
    c.feed_candidate(&b);
    let r = c.finish();
    assert_no_raw("compare text", &r.to_text());
    assert_markdown_safe("compare markdown", &r.to_markdown());
}

#[test]
fn safety_the_cli_stdout_and_stderr() {
    let dir = std::env::temp_dir().join(format!("datalint-safety-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("nasty.csv");
    std::fs::write(&path, nasty_csv()).expect("write");
    let path = path.to_string_lossy().into_owned();
    for format in ["text", "markdown"] {
        let o = Command::new(env!("CARGO_BIN_EXE_datalint"))
            .args(["check", &path, "--format", format, "--fail-on", "never", "--no-progress"])
            .output()
            .expect("run");
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        let out = String::from_utf8_lossy(&o.stdout);
        assert_no_raw(&format!("cli {format} stdout"), &out);
        if format == "markdown" {
            assert_markdown_safe("cli markdown", &out);
        }
        assert_no_raw("cli stderr", &String::from_utf8_lossy(&o.stderr));
    }
    // Errors that quote the file's column names go through the escaper too.
    for args in [["--label", "nope\x1b[2J"], ["--sensitive", "nope"]] {
        let o = Command::new(env!("CARGO_BIN_EXE_datalint")).args(["check", &path]).args(args).output().expect("run");
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("not found") && err.contains("\\x1b"), "{err}");
        assert_no_raw("cli stderr on an unknown column", &err.replace('\n', ""));
    }
}

//! Tests of the parent module.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use super::*;

fn expected() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/text_repetition_expected.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn data(name: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/");
    std::fs::read_to_string(format!("{path}{name}")).unwrap()
}

/// The value at `field` (`response`, `target` or `instances[k].output`) of a JSON line.
fn value(row: &serde_json::Value, field: &str) -> String {
    let v = match field.strip_prefix("instances[") {
        Some(rest) => {
            let k: usize = rest.split(']').next().unwrap().parse().unwrap();
            &row["instances"][k]["output"]
        }
        None => &row[field],
    };
    v.as_str().unwrap().to_string()
}

fn reference_values() -> Vec<(serde_json::Value, String)> {
    let exp = expected();
    let mut files = std::collections::HashMap::new();
    let mut out = Vec::new();
    for rec in exp["values"].as_array().unwrap() {
        let file = rec["file"].as_str().unwrap().to_string();
        let lines = files.entry(file.clone()).or_insert_with(|| data(&file));
        let line = lines.lines().nth(rec["line"].as_u64().unwrap() as usize - 1).unwrap();
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        out.push((rec.clone(), value(&row, rec["field"].as_str().unwrap())));
    }
    out
}

fn flat(g: &Gopher) -> Vec<f64> {
    g.named().into_iter().map(|(_, v)| v).collect()
}

fn flat_json(rec: &serde_json::Value) -> Vec<f64> {
    let mut v: Vec<f64> = ["dup_para_frac", "dup_para_char_frac", "dup_line_frac", "dup_line_char_frac"]
        .iter()
        .map(|k| rec[k].as_f64().unwrap())
        .collect();
    for k in ["top_ngram_char_frac", "dup_ngram_char_frac"] {
        v.extend(rec[k].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()));
    }
    v
}

/// datatrove's reason for the first ratio over its limit.
fn datatrove_reason(ratio: &str) -> String {
    if let Some(n) = ratio.strip_prefix("top_").and_then(|r| r.strip_suffix("gram_char_frac")) {
        format!("top_{n}_gram")
    } else if let Some(n) = ratio.strip_prefix("dup_").and_then(|r| r.strip_suffix("gram_char_frac")) {
        format!("duplicated_{n}_n_grams")
    } else {
        ratio.to_string()
    }
}

#[test]
fn matches_datatrove_on_the_self_instruct_values() {
    let exp = expected();
    assert_eq!(flat_json(&exp["limits"]), flat(&LIMITS));
    assert_eq!(exp["min_words"].as_u64().unwrap() as usize, MIN_WORDS);
    let values = reference_values();
    assert!(values.len() >= 200, "only {} values", values.len());
    let mut worst = 0.0f64;
    let mut flagged = 0;
    for (rec, text) in &values {
        let g = gopher(text);
        assert!(g.is_some(), "{rec}: under {MIN_WORDS} words");
        let g = g.unwrap();
        for (i, (got, want)) in flat(&g).into_iter().zip(flat_json(rec)).enumerate() {
            let d = (got - want).abs();
            worst = worst.max(d);
            assert!(
                d <= 1e-9,
                "{} line {} {}: ratio {} = {got}, reference {want}",
                rec["file"],
                rec["line"],
                rec["field"],
                g.named()[i].0
            );
        }
        let ours = g.exceeded().first().map(|e| datatrove_reason(e.ratio));
        let theirs = rec["verdict"].as_str().map(str::to_string);
        assert_eq!(ours, theirs, "{} line {} {}", rec["file"], rec["line"], rec["field"]);
        flagged += usize::from(ours.is_some());
        let span = repeated_span(text);
        if let Some((s, e)) = span {
            assert!(s < e && text.is_char_boundary(s) && text.is_char_boundary(e));
        }
    }
    println!("repetition: {} values, max abs diff {worst:e}, {flagged} over a limit", values.len());
}

#[test]
fn a_looping_answer_exceeds_dup_line_frac() {
    let mut text = String::from("Here is the answer you asked for, in a few words.\n");
    for _ in 0..12 {
        text.push_str("The company has been in business for over 20 years.\n");
    }
    let g = gopher(&text).unwrap();
    let names: Vec<&str> = g.exceeded().iter().map(|e| e.ratio).collect();
    assert!(names.contains(&"dup_line_frac"), "{names:?}");
    assert!(g.dup_line_frac > LIMITS.dup_line_frac);
    let (s, e) = repeated_span(&text).unwrap();
    assert_eq!(&text[s..e], "The company has been in business for over 20 years.");
}

#[test]
fn varied_prose_does_not() {
    let text = "Rivers carve valleys slowly, grinding stone into sand over thousands of years. \
        Farmers learned early that floodplains were fertile, so cities grew beside great waters. \
        Trade followed the currents downstream, carrying grain, timber and news between distant towns. \
        Engineers later built dams to tame spring floods and to turn falling water into electricity. \
        Today ecologists argue about how much of that control was wise, and which wetlands to restore.";
    let g = gopher(text).unwrap();
    assert!(g.exceeded().is_empty(), "{:?}", g.exceeded());
    assert_eq!(g.dup_line_frac, 0.0);
    assert_eq!(g.dup_ngram_char_frac, [0.0; 6]);
    assert_eq!(repeated_span(text), None);
}

#[test]
fn short_values_are_skipped() {
    assert_eq!(gopher("one two three"), None);
    assert_eq!(gopher(""), None);
}

#[test]
fn splits_as_python() {
    assert_eq!(lines("a\n\n\nb"), ["a", "b"]);
    assert_eq!(lines("\na\n"), ["", "a", ""]);
    assert_eq!(lines(""), [""]);
    assert_eq!(paragraphs(" a\nb\n\n\nc \n\n"), ["a\nb", "c"]);
    assert_eq!(paragraphs("\n\n"), [""]);
    let w: Vec<&str> =
        words("a\u{1f}b\u{a0}c  d\u{3000}").iter().map(|&(s, e)| &"a\u{1f}b\u{a0}c  d\u{3000}"[s..e]).collect();
    assert_eq!(w, ["a", "b", "c", "d"]);
}

#[test]
fn concatenated_ngrams_collide_as_in_datatrove() {
    // "".join(["ab", "c", ...]) == "".join(["a", "bc", ...]): datatrove counts it as a repeat.
    let mut text = String::from("ab c d e f ");
    text.push_str("a bc d e f ");
    for i in 0..50 {
        text.push_str(&format!("w{i} "));
    }
    let g = gopher(&text).unwrap();
    let len = text.chars().count() as f64;
    assert_eq!(g.dup_ngram_char_frac[0], 6.0 / len);
}

#[test]
fn no_panic_on_odd_unicode() {
    let odd = ["", "\n\n\n", "\u{0}\u{1c}\u{1d}\u{85}\u{2028}", "é\u{301} 😀 \u{feff} ᄀᄀ  \r\n", "😀😀😀 "];
    for base in odd {
        for reps in [1, 30, 120] {
            let text = format!("{base} x ").repeat(reps);
            if let Some(g) = gopher(&text) {
                assert!(flat(&g).iter().all(|v| v.is_finite() && *v >= 0.0));
            }
            if let Some((s, e)) = repeated_span(&text) {
                assert!(s <= e && text.is_char_boundary(s) && text.is_char_boundary(e), "{text:?}");
            }
        }
    }
    let emoji = "😀 ".repeat(60);
    let (s, e) = repeated_span(&emoji).unwrap();
    assert!(emoji.is_char_boundary(s) && emoji.is_char_boundary(e) && s < e);
}

/// Cost per KB: `cargo test --release --lib -- --ignored cost --nocapture`.
#[test]
#[ignore]
fn cost() {
    let values: Vec<String> = reference_values().into_iter().map(|(_, t)| t).collect();
    let bytes: usize = values.iter().map(String::len).sum();
    let start = std::time::Instant::now();
    let rounds = 20;
    let mut sink = 0.0;
    for _ in 0..rounds {
        for v in &values {
            sink += gopher(v).map_or(0.0, |g| g.dup_line_frac);
        }
    }
    let us = start.elapsed().as_secs_f64() * 1e6 / rounds as f64;
    println!(
        "gopher: {:.1} µs per KB over {} values, {bytes} bytes ({sink})",
        us / (bytes as f64 / 1024.0),
        values.len()
    );
}

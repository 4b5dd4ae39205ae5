//! The text family on planted truths (each artefact fires on exactly its rows, decoys stay
//! quiet), on the real Self-Instruct files (a base model against an instruction-tuned one), and
//! the fixes to tabular checks on prose. Every fixture runs whole and in 1-byte chunks.

use datalint::{Finding, Options, Report, Session, Severity};
use serde_json::json;
use std::fmt::Write as _;

fn run_with(input: &[u8], opts: &Options) -> Report {
    let mut whole = Session::new(opts.clone()).unwrap();
    whole.feed(input);
    let whole = whole.finish();
    let mut bytes = Session::new(opts.clone()).unwrap();
    for b in input.chunks(1) {
        bytes.feed(b);
    }
    let bytes = bytes.finish();
    assert_eq!(whole.to_json(), bytes.to_json(), "report differs between one feed and 1-byte feeds");
    whole
}

fn jsonl(rows: &[serde_json::Value]) -> Vec<u8> {
    let mut s = String::new();
    for r in rows {
        let _ = writeln!(s, "{r}");
    }
    s.into_bytes()
}

fn run_jsonl(rows: &[serde_json::Value]) -> Report {
    run_with(&jsonl(rows), &Options { name: Some("data.jsonl".into()), ..Options::default() })
}

fn findings<'a>(r: &'a Report, id: &str) -> Vec<&'a Finding> {
    r.findings.iter().filter(|f| f.id == id).collect()
}

fn lines(f: &Finding) -> Vec<u64> {
    f.evidence.iter().map(|e| e.line).collect()
}

/// A varied, finished answer of `words` words for row `i`: pseudo-words of two or three
/// syllables (tens of thousands of them), so that samples compress and repeat like prose.
fn prose(i: usize, words: usize) -> String {
    const SYL: &[&str] = &[
        "ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "qui", "ro", "su", "ta", "ve", "wi",
        "xo", "yu", "za", "bre", "cla", "dro", "fli", "gra", "ple", "sto", "tri", "vor", "ment", "tion", "ly", "er",
        "an", "is", "ous", "al", "ing", "ed",
    ];
    let mut x = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut out = Vec::new();
    for _ in 0..words {
        let n = 2 + (next() % 2) as usize;
        let w: String = (0..n).map(|_| SYL[(next() % SYL.len() as u64) as usize]).collect();
        out.push(w);
    }
    format!("{}.", out.join(" "))
}

/// 40 instruction rows (lines 1..=40) with varied prompts and answers.
fn instruction_rows() -> Vec<serde_json::Value> {
    (0..40)
        .map(|i| {
            json!({
                "instruction": format!("Describe item {i} in a few plain words for a reader {}", prose(i + 100, 6)),
                "input": "",
                "output": format!("Item {i}: {}", prose(i, 20)),
            })
        })
        .collect()
}

#[test]
fn each_answer_artefact_fires_on_exactly_its_rows() {
    let mut rows = instruction_rows();
    rows[2]["output"] = json!("As an AI language model, I cannot describe this item for you.");
    rows[5]["output"] = json!("<No Output>");
    rows[7]["output"] = json!("N/A");
    rows[9]["output"] = rows[9]["instruction"].clone();
    rows[11]["output"] = json!(format!("{}\n\n### Instruction: describe the next item", prose(11, 20)));
    rows[13]["output"] = json!(format!("{}\nInput: another one\nOutput: more", prose(13, 20)));
    rows[17]["output"] = json!("Here is the code:\n```python\nfor i in range(17):\n    total +=");
    // Only punctuation is empty; a one-word label is a complete answer.
    rows[19]["output"] = json!("...");
    rows[21]["output"] = json!("Positive.");
    let r = run_jsonl(&rows);
    assert_eq!(r.text.shape, Some("instruction"));
    let f = findings(&r, "refusal");
    assert_eq!(f.len(), 1, "{:#?}", r.findings);
    assert_eq!(lines(f[0]), [3]);
    assert_eq!(f[0].columns, ["output"]);
    let f = findings(&r, "empty-output");
    assert_eq!(f.len(), 1);
    assert_eq!(lines(f[0]), [6, 8, 20]);
    assert_eq!(f[0].severity, Severity::Warning);
    let f = findings(&r, "output-echoes-input");
    assert_eq!(lines(f[0]), [10]);
    let f = findings(&r, "prompt-scaffolding");
    assert_eq!(lines(f[0]), [12, 14]);
    let f = findings(&r, "truncated-output");
    assert_eq!(lines(f[0]), [18], "an unclosed code fence");
    // Nothing else of the family fires on these rows.
    for id in
        ["repetitive-text", "chat-structure", "identical-preference", "length-bias", "low-diversity", "garbled-text"]
    {
        assert!(findings(&r, id).is_empty(), "{id} fired: {:#?}", findings(&r, id));
    }
    // Prose is not an identifier, a mixed column, or padded.
    for id in ["id-like-column", "mixed-types", "whitespace"] {
        assert!(findings(&r, id).is_empty(), "{id} fired on prose: {:#?}", findings(&r, id));
    }
}

#[test]
fn a_clean_instruction_set_raises_nothing_of_the_family() {
    let r = run_jsonl(&instruction_rows());
    let family: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| datalint::checks::registry::meta(f.id).is_some_and(|m| m.family == "text"))
        .map(|f| f.id)
        .collect();
    assert!(family.is_empty(), "{family:?}");
    let out = r.text.fields.iter().find(|f| f.column == "output").unwrap();
    assert_eq!(out.role.map(|r| r.name()), Some("answer"));
    assert_eq!(out.values, 40);
}

#[test]
fn truncation_on_a_length_plateau() {
    let mut rows = instruction_rows();
    // Six long answers cut at the same length (within 2%), without a final full stop.
    for (k, i) in [20, 22, 24, 26, 28, 30].iter().enumerate() {
        let mut t = prose(*i, 80);
        t.truncate(400 + k);
        rows[*i]["output"] = json!(t.trim_end_matches('.').trim_end());
    }
    let r = run_jsonl(&rows);
    let f = findings(&r, "truncated-output");
    assert_eq!(lines(f[0]), [21, 23, 25, 27, 29, 31]);
}

#[test]
fn chats_sharegpt_and_transcripts() {
    let good = json!([{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}]);
    let two_users = json!([{"role": "user", "content": "Hi"}, {"role": "user", "content": "Hello?"}, {"role": "assistant", "content": "Yes."}]);
    let ends_user = json!([{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hey."}, {"role": "user", "content": "Bye"}]);
    let empty_turn = json!([{"role": "user", "content": "Hi"}, {"role": "assistant", "content": ""}]);
    let mut rows: Vec<serde_json::Value> = (0..10).map(|_| json!({ "messages": good })).collect();
    rows[3] = json!({ "messages": two_users });
    rows[6] = json!({ "messages": ends_user });
    rows[8] = json!({ "messages": empty_turn });
    let r = run_jsonl(&rows);
    assert_eq!(r.text.shape, Some("chat"));
    let f = findings(&r, "chat-structure");
    assert_eq!(lines(f[0]), [4, 7, 9]);
    assert_eq!(
        f[0].evidence.iter().map(|e| e.value.as_str()).collect::<Vec<_>>(),
        [
            "turn 2: two user turns in a row",
            "the chat ends with a user turn, not the assistant",
            "turn 2 (assistant) is empty"
        ]
    );
    let names: Vec<&str> = r.text.fields.iter().map(|f| f.column.as_str()).collect();
    assert!(names.contains(&"messages[assistant]"), "{names:?}");

    let sharegpt = json!([{"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Hello!"}]);
    let r = run_jsonl(&(0..5).map(|_| json!({ "conversations": sharegpt })).collect::<Vec<_>>());
    assert!(findings(&r, "chat-structure").is_empty());
    assert_eq!(r.text.rows.as_ref().unwrap().chats, 5);

    let t = "\n\nHuman: What is 2+2?\n\nAssistant: 4.";
    let bad = "\n\nHuman: What is 2+2?\n\nHuman: Anyone?";
    let rows: Vec<_> = (0..5).map(|i| json!({ "chosen": if i == 2 { bad } else { t }, "rejected": "\n\nHuman: What is 2+2?\n\nAssistant: 5." })).collect();
    let r = run_jsonl(&rows);
    assert_eq!(r.text.shape, Some("preference"));
    assert_eq!(lines(findings(&r, "chat-structure")[0]), [3]);
}

#[test]
fn preference_pairs_identical_and_length_bias() {
    let mut rows: Vec<serde_json::Value> = (0..50)
        .map(|i| {
            json!({ "prompt": format!("Question {i}: {}", prose(i + 7, 8)), "chosen": prose(i, 30), "rejected": prose(i + 1000, 12) })
        })
        .collect();
    rows[4]["rejected"] = rows[4]["chosen"].clone();
    let r = run_jsonl(&rows);
    assert_eq!(lines(findings(&r, "identical-preference")[0]), [5]);
    let f = findings(&r, "length-bias");
    assert_eq!(f.len(), 1);
    assert!((f[0].metric - 49.0 / 50.0).abs() < 1e-12, "{}", f[0].metric);
    // Balanced lengths: no length bias.
    let rows: Vec<_> = (0..50)
        .map(|i| json!({ "prompt": format!("Q{i} {}", prose(i, 6)), "chosen": prose(i, if i % 2 == 0 { 30 } else { 10 }), "rejected": prose(i + 500, 20) }))
        .collect();
    let r = run_jsonl(&rows);
    assert!(findings(&r, "length-bias").is_empty());
}

#[test]
fn a_templated_set_trips_low_diversity_and_a_varied_one_does_not() {
    let rows: Vec<_> = (0..200)
        .map(|i| {
            let answer = if i % 10 < 6 { format!("Sure, here is {}", prose(i, 15)) } else { prose(i, 18) };
            json!({ "instruction": format!("Task {i}: {}", prose(i + 300, 8)), "output": answer })
        })
        .collect();
    let r = run_jsonl(&rows);
    let f = findings(&r, "low-diversity");
    assert_eq!(f.len(), 1, "{:#?}", r.findings);
    assert_eq!(f[0].columns, ["output"]);
    assert!((f[0].metric - 0.6).abs() < 1e-12);
    let rows: Vec<_> = (0..200)
        .map(|i| json!({ "instruction": format!("Task {i}: {}", prose(i + 300, 8)), "output": prose(i, 18) }))
        .collect();
    assert!(findings(&run_jsonl(&rows), "low-diversity").is_empty());
}

#[test]
fn conflicting_answers_and_language_mismatch() {
    let mut rows = instruction_rows();
    rows[30]["instruction"] = rows[3]["instruction"].clone();
    let r = run_jsonl(&rows);
    let f = findings(&r, "conflicting-answers");
    assert_eq!(lines(f[0]), [31]);
}

#[test]
fn free_text_is_never_proposed_as_the_label() {
    let rows: Vec<_> = (0..40).map(|i| json!({ "instruction": prose(i + 50, 9), "target": prose(i, 20) })).collect();
    let r = run_jsonl(&rows);
    assert_eq!(r.label, None, "a free-text `target` is an answer, not a label");
    assert!(r.bias.roles.label.is_none());
    // A short categorical `target` still is one.
    let rows: Vec<_> = (0..40).map(|i| json!({ "x": i, "target": if i % 2 == 0 { "yes" } else { "no" } })).collect();
    let r = run_jsonl(&rows);
    assert_eq!(r.label.as_deref(), Some("target"));
}

#[test]
fn numbers_and_booleans_among_answers_are_not_mixed_types() {
    let mut rows = instruction_rows();
    rows[1]["output"] = json!(42);
    rows[2]["output"] = json!(false);
    let r = run_jsonl(&rows);
    assert!(findings(&r, "mixed-types").is_empty(), "{:#?}", findings(&r, "mixed-types"));
}

#[test]
fn transcripts_that_start_with_a_newline_are_not_whitespace() {
    let rows: Vec<_> = (0..30)
        .map(|i| json!({ "text": format!("\n\nHuman: {}\n\nAssistant: {}", prose(i, 8), prose(i + 1, 12)) }))
        .collect();
    let r = run_jsonl(&rows);
    assert!(findings(&r, "whitespace").is_empty(), "{:#?}", findings(&r, "whitespace"));
    assert_eq!(r.text.rows.as_ref().unwrap().chats, 30);
}

fn real(name: &str) -> Report {
    let path = format!("{}/../shared/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut s = Session::new(Options { name: Some(name.into()), ..Options::default() }).unwrap();
    for c in data.chunks(64 * 1024) {
        s.feed(c);
    }
    s.finish()
}

fn count(r: &Report, id: &str) -> u64 {
    findings(r, id)
        .iter()
        .filter(|f| f.columns.iter().any(|c| c == "response") || f.columns.is_empty())
        .map(|f| f.evidence_total)
        .sum()
}

/// The same 252 prompts answered by a raw base model (davinci) and an instruction-tuned one
/// (text-davinci-003): the base model lights up, the tuned one stays mostly quiet.
#[test]
fn self_instruct_base_model_lights_up_and_the_tuned_model_stays_quiet() {
    let base = real("self-instruct-davinci.jsonl");
    let tuned = real("self-instruct-text-davinci-003.jsonl");
    eprintln!("{:<22} {:>8} {:>8}", "check (response)", "davinci", "003");
    for id in
        ["repetitive-text", "output-echoes-input", "prompt-scaffolding", "truncated-output", "refusal", "empty-output"]
    {
        eprintln!("{:<22} {:>8} {:>8}", id, count(&base, id), count(&tuned, id));
    }
    assert_eq!(base.label, None, "the free-text `target` is not proposed as the label");
    assert!(count(&base, "repetitive-text") > 150);
    assert!(count(&base, "prompt-scaffolding") > 150);
    assert!(count(&base, "truncated-output") > 100);
    assert!(count(&base, "output-echoes-input") > 50);
    for id in ["prompt-scaffolding", "truncated-output", "refusal"] {
        assert!(count(&tuned, id) <= 5, "{id}: {}", count(&tuned, id));
    }
    assert!(count(&tuned, "output-echoes-input") * 5 < count(&base, "output-echoes-input"));
    assert!(count(&tuned, "repetitive-text") * 5 < count(&base, "repetitive-text"));
}

#[test]
fn seed_tasks_with_nested_instances() {
    let r = real("self-instruct-seed-tasks.jsonl");
    assert_eq!(r.text.shape, Some("instruction"));
    let names: Vec<&str> = r.text.fields.iter().map(|f| f.column.as_str()).collect();
    assert_eq!(names, ["instruction", "instances[].input", "instances[].output"]);
    let out = r.text.fields.iter().find(|f| f.column == "instances[].output").unwrap();
    assert_eq!(out.values, 175);
}

/// The engine's artefact counts on both Self-Instruct files against an independent Python
/// transcription of the same rules (tests/reference/text_artefacts.py; repetition from
/// datatrove's own filter), field by field.
#[test]
fn self_instruct_artefact_counts_match_the_python_reference() {
    let path = format!("{}/tests/reference/text_artefacts_expected.json", env!("CARGO_MANIFEST_DIR"));
    let want: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for name in ["self-instruct-davinci.jsonl", "self-instruct-text-davinci-003.jsonl"] {
        let r = real(name);
        for field in ["response", "target"] {
            let f = r.text.fields.iter().find(|f| f.column == field).unwrap();
            let acc = f.artefacts.clone();
            let got = json!({
                "refusal": acc.refusals, "placeholders": acc.placeholders, "short": acc.short,
                "scaffolding": acc.scaffolding, "truncated": acc.truncated, "repetitive": f.repetition.repetitive,
            });
            assert_eq!(got, want[name][field], "{name} {field}");
        }
        let rows = r.text.rows.as_ref().unwrap();
        assert_eq!(json!(rows.echoes), want[name]["echoes"], "{name} echoes");
    }
}

/// PII and secrets in an answer field: each planted kind fires on exactly its rows with masked
/// evidence; off-by-one numbers and decoys (ISBNs, dates, versions, order ids, private IPs) raise
/// nothing above info.
#[test]
fn pii_fires_on_exactly_its_rows_and_decoys_stay_quiet() {
    let mut rows = instruction_rows();
    let plant = |rows: &mut Vec<serde_json::Value>, i: usize, s: &str| {
        rows[i]["output"] = json!(format!("{} {s} end.", prose(i, 8)));
    };
    plant(&mut rows, 1, "pay with 4111 1111 1111 1111 today");
    plant(&mut rows, 2, "or 4111 1111 1111 1112 (off by one)");
    plant(&mut rows, 3, "IBAN DE89 3704 0044 0532 0130 00 please");
    plant(&mut rows, 4, "IBAN DE89 3704 0044 0532 0130 01 (off by one)");
    plant(&mut rows, 5, "SSN 536-22-1234 on file");
    plant(&mut rows, 6, "SSN 666-22-1234 is invalid");
    plant(&mut rows, 7, "key AKIAZ7QXW3PLM9KD2HVB in the config");
    plant(&mut rows, 8, "write to jane.doe@example.com soon");
    plant(
        &mut rows,
        9,
        "ISBN 978-3-16-148410-0, on 2024-01-15, version 1.2.3.4, order ORD-2024-000123, host 192.168.1.20",
    );
    let r = run_jsonl(&rows);
    let pii = findings(&r, "pii");
    let got: Vec<(String, Severity, Vec<u64>)> = pii.iter().map(|f| (f.title.clone(), f.severity, lines(f))).collect();
    assert_eq!(
        got,
        [
            ("'output': 1 values hold a payment card number".into(), Severity::Error, vec![2]),
            ("'output': 1 values hold an IBAN".into(), Severity::Error, vec![4]),
            ("'output': 1 values hold a US social security number".into(), Severity::Error, vec![6]),
            ("'output': 1 values hold an API key or token".into(), Severity::Error, vec![8]),
            ("'output': 1 values hold an e-mail address".into(), Severity::Warning, vec![9]),
        ]
        .into_iter()
        .map(|(t, s, l): (String, Severity, Vec<u64>)| (t, s, l))
        .collect::<Vec<_>>()
    );
    // Masked: the kind, the position and at most the last 4 characters, never the whole value.
    let card = &pii[0].evidence[0].value;
    assert!(card.starts_with("card (visa) at char") && card.ends_with("1111"), "{card}");
    assert!(!card.contains("4111 1111"), "{card}");
    let report = r.to_text() + &r.to_markdown() + &r.to_json();
    for secret in ["4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "536-22-1234", "AKIAZ7QXW3PLM9KD2HVB"] {
        assert!(!report.contains(secret), "{secret} leaked into the report");
    }
}

/// Near-copies (one word changed in 60) and an exact copy after normalisation fire
/// near-duplicates on exactly their rows; varied answers do not.
#[test]
fn near_duplicates_fire_on_planted_copies() {
    let mut rows: Vec<serde_json::Value> = (0..40)
        .map(|i| json!({ "instruction": format!("Task {i}: {}", prose(i + 400, 8)), "output": prose(i, 60) }))
        .collect();
    let base = prose(5, 60);
    let words: Vec<&str> = base.split(' ').collect();
    for (row, at) in [(12, 58), (25, 1)] {
        let mut w = words.clone();
        w[at] = "changed";
        rows[row]["output"] = json!(w.join(" "));
    }
    rows[33]["output"] = json!(base.to_uppercase().replace('.', "!"));
    let r = run_jsonl(&rows);
    let f = findings(&r, "near-duplicates");
    assert_eq!(f.len(), 1, "{:#?}", f);
    let mut got = lines(f[0]);
    got.sort_unstable();
    got.dedup();
    assert_eq!(got, [13, 26, 34], "{:#?}", f[0].evidence);
    let d = &r.text.fields.iter().find(|x| x.column == "output").unwrap().duplicates;
    assert_eq!((d.exact, d.near_clusters, d.rows_in_clusters, d.shingle_words), (1, 1, 4, 5));
    let varied: Vec<_> = (0..40).map(|i| json!({ "instruction": prose(i + 400, 8), "output": prose(i, 60) })).collect();
    assert!(findings(&run_jsonl(&varied), "near-duplicates").is_empty());
}

/// What the calibration panel (tests/calibration/) showed to be false on the real files: an empty
/// `input` in instruction data is no gap, an array column's constant length is no constant value,
/// one-word answers and digit grids are no duplicates, and a table's repeated pipes are no loop.
#[test]
fn instruction_data_quirks_are_not_findings() {
    let mut rows: Vec<serde_json::Value> = (0..60)
        .map(|i| {
            json!({
                "instruction": format!("Task {i}: {}", prose(i + 700, 8)),
                "input": if i % 3 == 0 { "".to_string() } else { prose(i + 900, 6) },
                "instances": [{ "input": prose(i + 50, 5), "output": if i % 2 == 0 { "Positive" } else { "Negative" } }],
                "output": if i % 2 == 0 { "Positive".to_string() } else { "Negative".to_string() },
            })
        })
        .collect();
    let grid = (0..12)
        .map(|r| format!("| {} |  |  |  | {} |  |  |  |", r % 9 + 1, (r * 7) % 9 + 1))
        .collect::<Vec<_>>()
        .join("\n");
    rows[10]["output"] = json!(format!("{grid}\n{}", prose(10, 20)));
    let r = run_jsonl(&rows);
    for id in ["missing-values", "constant-column", "near-duplicates", "repetitive-text"] {
        assert!(findings(&r, id).is_empty(), "{id}: {:#?}", findings(&r, id));
    }
    let out = r.text.fields.iter().find(|f| f.column == "output").unwrap();
    assert_eq!(out.duplicates.exact, 0, "one-word answers are left out of duplicate detection");
    assert_eq!((out.repetition.repetitive, out.repetition.markup_only), (1, 1), "the grid is over a limit, as markup");
}

/// Severity scales with size: one refusal among 300 answers (0.3%) is a note; three among 40
/// (7.5%) a warning. The steps are the check's params (1% of the answers, or 50 of them).
#[test]
fn artefact_severity_scales_with_share_and_count() {
    let many: Vec<serde_json::Value> = (0..300)
        .map(|i| {
            json!({
                "instruction": format!("Describe item {i} for a reader {}", prose(i + 500, 6)),
                "input": "",
                "output": if i == 7 { "As an AI language model, I cannot do that.".to_string() } else { format!("Item {i}: {}", prose(i, 20)) },
            })
        })
        .collect();
    let r = run_jsonl(&many);
    let f = findings(&r, "refusal");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Info, "{}", f[0].title);
    let mut few = instruction_rows();
    for i in [3, 9, 20] {
        few[i]["output"] = json!("As an AI language model, I cannot do that.");
    }
    let r = run_jsonl(&few);
    let f = findings(&r, "refusal");
    assert_eq!(f[0].severity, Severity::Warning);
}

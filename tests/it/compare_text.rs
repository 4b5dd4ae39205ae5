//! `datalint compare` on real model-written text (Self-Instruct): the raw base model (davinci)
//! against the instruction-tuned one (text-davinci-003) on the same 252 prompts, and
//! text-davinci-003's responses against the person's answers (`--map target=response`).

use datalint::report::compare::CompareReport;
use datalint::{Compare, Options};
use std::path::PathBuf;

fn data(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data").join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn run(reference: &str, candidate: &str, opts: Options) -> CompareReport {
    let mut c = Compare::new(opts, reference, candidate).unwrap_or_else(|e| panic!("{e}"));
    c.feed_reference(&data(reference));
    c.feed_candidate(&data(candidate));
    c.finish()
}

#[test]
fn the_base_models_responses_are_degenerate_beside_the_tuned_ones() {
    let r = run("self-instruct-davinci.jsonl", "self-instruct-text-davinci-003.jsonl", Options::default());
    let t = r.comparison.text.iter().find(|t| t.column == "response").unwrap_or_else(|| panic!("no response field"));
    let (Some(base), Some(tuned)) = (&t.diversity.0, &t.diversity.1) else { panic!("no diversity") };
    // Reading the files: davinci runs on into "Input: ... Output: ..." loops, thousands of
    // characters of repeated scaffolding; text-davinci-003 answers in a few sentences.
    assert!(
        base.compression_ratio > 5.0 * tuned.compression_ratio,
        "{} vs {}",
        base.compression_ratio,
        tuned.compression_ratio
    );
    assert!(base.distinct[1] < 0.5 * tuned.distinct[1]);
    assert!(t.chars_mean.0.unwrap_or(0.0) > 5.0 * t.chars_mean.1.unwrap_or(f64::MAX));
    // The tuned set is the more varied: no collapse is reported for it.
    assert!(
        !r.findings.iter().any(|f| f.id == "diversity-collapse"),
        "{:?}",
        r.findings.iter().map(|f| &f.title).collect::<Vec<_>>()
    );
    // The prompts are the same 252: every instruction is a copy (info: under 500 values).
    let ins = r.comparison.text.iter().find(|t| t.column == "instruction").map(|t| (t.copied, t.examined.0));
    assert_eq!(ins, Some((252, 252)));
    assert!(r.findings.iter().filter(|f| f.id == "copied-text").all(|f| f.severity == datalint::Severity::Info));
}

#[test]
fn the_models_answers_against_the_persons() {
    let mut opts = Options::default();
    opts.map_columns.insert("target".into(), "response".into());
    let f = "self-instruct-text-davinci-003.jsonl";
    let r = run(f, f, opts);
    let t = r.comparison.text.iter().find(|t| t.column == "target").unwrap_or_else(|| panic!("no target field"));
    let (Some(person), Some(model)) = (&t.diversity.0, &t.diversity.1) else { panic!("no diversity") };
    // The model's answers are longer and less varied than the person's, at the same tokens.
    assert!(model.distinct[1] < person.distinct[1] && model.compression_ratio > person.compression_ratio);
    assert!(t.chars_mean.1 > t.chars_mean.0);
    // A few answers are word for word the person's (the model reproduces the seed answer).
    assert!((5..=20).contains(&t.copied), "{} copied answers", t.copied);
    assert!(r.notes.iter().any(|n| n.contains("'response' is compared with the reference's 'target'")));
}

"""Reference values for src/profile/text/repetition.rs and src/profile/text/diversity.rs.

Regenerate from the repository root (packages pinned in requirements-text-repetition.txt):

    python3 -m venv /tmp/venv-rep
    /tmp/venv-rep/bin/pip install -r tests/reference/requirements-text-repetition.txt
    /tmp/venv-rep/bin/pip install --no-deps diversity==0.3.1
    /tmp/venv-rep/bin/python tests/reference/text_repetition.py > tests/reference/text_repetition_expected.json

Values: the `response` and `target` fields of self-instruct-davinci.jsonl and
self-instruct-text-davinci-003.jsonl, and `instances[k].output` of self-instruct-seed-tasks.jsonl,
read from ../shared/data/ (or the folder given as the first argument).

Repetition (per value of at least 50 words): datatrove 0.10.1's own GopherRepetitionFilter pieces
are called -- its paragraph and line regexes (`paragraph_exp`, `_line_splitter`), `find_duplicates`,
`get_n_grams`, `find_top_duplicate`, `find_all_duplicate` -- with one substitution: the word split.
datatrove assigns English to spaCy's rule-based tokenizer (`spacy.blank("en")`, which also splits
off punctuation and contractions); datalint splits words on Unicode whitespace, Python's
`str.split()`, and that is what is passed here. `verdict` is datatrove's `filter()` itself, run with
`split_into_words` replaced by the same whitespace split. If spaCy happens to be installed, the
script also reports (in `spacy_divergence`) how far the ratios move under datatrove's real English
tokenizer; it is informational, the Rust tests do not use it.

Diversity (per column): the first 100,000 tokens of the column's values joined by one space and
split on ' ' (as `diversity` does), re-joined by one space. distinct-n = distinct n-grams / n-grams
for n = 1..4; NDS is `diversity.ngram_diversity_score` (rounded to 3 decimals by the package);
compression ratio = UTF-8 bytes / len(gzip.compress(bytes, compresslevel=9)). `package_compression`
is `diversity.compression_ratio` for comparison: it gzips the gzip output a second time (inside a
GzipFile that records a file name), so it runs slightly below the single-gzip figure.
"""
import gzip
import importlib.util
import json
import os
import re
import sys

import nltk
from datatrove.pipeline.filters import gopher_repetition_filter as grf

DATA = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
MIN_WORDS = 50
SAMPLE_TOKENS = 100_000


def load_module(name):
    """Load one file of the installed `diversity` package without its heavy __init__."""
    spec = importlib.util.find_spec("diversity")
    folder = spec.submodule_search_locations[0]
    s = importlib.util.spec_from_file_location(f"diversity_{name}", os.path.join(folder, f"{name}.py"))
    m = importlib.util.module_from_spec(s)
    s.loader.exec_module(m)
    return m


ngram_diversity_score = load_module("ngram_diversity").ngram_diversity_score
package_compression_ratio = load_module("compression").compression_ratio

FILTER = grf.GopherRepetitionFilter()


def words_of(text):
    return text.split()


def ratios(text, words):
    n = len(text)
    paragraphs = FILTER.paragraph_exp.split(text.strip())
    para_dups, para_chars = grf.find_duplicates(paragraphs)
    lines = FILTER._line_splitter.split(text)
    line_dups, line_chars = grf.find_duplicates(lines)
    top = []
    for k, _ in FILTER.top_n_grams:
        grams = grf.get_n_grams(words, k)
        top.append(grf.find_top_duplicate(grams) / n if grams else 0.0)
    dup = [grf.find_all_duplicate(words, k) / n for k, _ in FILTER.dup_n_grams]
    return {
        "dup_para_frac": para_dups / len(paragraphs),
        "dup_para_char_frac": para_chars / n,
        "dup_line_frac": line_dups / len(lines),
        "dup_line_char_frac": line_chars / n,
        "top_ngram_char_frac": top,
        "dup_ngram_char_frac": dup,
    }


def verdict(text):
    saved = grf.split_into_words
    grf.split_into_words = lambda t, language=None: t.split()
    try:
        from datatrove.data import Document

        v = FILTER.filter(Document(text=text, id="x"))
    finally:
        grf.split_into_words = saved
    return True if v is True else v[1]


def columns():
    cols = {}
    for name in ("self-instruct-davinci.jsonl", "self-instruct-text-davinci-003.jsonl"):
        with open(os.path.join(DATA, name), encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                row = json.loads(line)
                for field in ("response", "target"):
                    cols.setdefault((name, field), []).append((i, field, row[field]))
    name = "self-instruct-seed-tasks.jsonl"
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            row = json.loads(line)
            for k, inst in enumerate(row["instances"]):
                cols.setdefault((name, "output"), []).append((i, f"instances[{k}].output", inst["output"]))
    return cols


def diversity_figures(values):
    tokens = " ".join(values).split(" ")[:SAMPLE_TOKENS]
    text = " ".join(tokens)
    distinct = []
    for n in range(1, 5):
        grams = list(nltk.ngrams(tokens, n))
        distinct.append(len(set(grams)) / len(grams))
    raw = text.encode("utf-8")
    return {
        "tokens": len(tokens),
        "distinct": distinct,
        "nds": ngram_diversity_score([text]),
        "compression_ratio": len(raw) / len(gzip.compress(raw, compresslevel=9)),
        "package_compression": package_compression_ratio([text]),
    }


def spacy_divergence(values):
    try:
        import spacy  # noqa: F401
        from datatrove.utils.text import split_into_words
    except ImportError:
        return None
    import spacy

    worst, changed, verdicts = 0.0, 0, 0
    for text in values:
        saved = grf.split_into_words
        try:
            grf.split_into_words = lambda t, language=None: split_into_words(t, "eng")
            from datatrove.data import Document

            v = FILTER.filter(Document(text=text, id="x"))
        finally:
            grf.split_into_words = saved
        verdicts += (True if v is True else v[1]) != verdict(text)
        a = ratios(text, words_of(text))
        b = ratios(text, split_into_words(text, "eng"))
        fa = a["top_ngram_char_frac"] + a["dup_ngram_char_frac"]
        fb = b["top_ngram_char_frac"] + b["dup_ngram_char_frac"]
        worst = max(worst, max(abs(x - y) for x, y in zip(fa, fb)))
        la = [x > l for x, (_, l) in zip(fa, FILTER.top_n_grams + FILTER.dup_n_grams)]
        lb = [x > l for x, (_, l) in zip(fb, FILTER.top_n_grams + FILTER.dup_n_grams)]
        changed += la != lb
    return {
        "spacy": spacy.__version__,
        "values": len(values),
        "max_abs_diff_ngram_ratios": worst,
        "values_with_other_ngram_verdicts": changed,
        "values_with_other_filter_verdict": verdicts,
    }


def main():
    out = {
        "limits": {
            "dup_para_frac": FILTER.dup_para_frac,
            "dup_para_char_frac": FILTER.dup_para_char_frac,
            "dup_line_frac": FILTER.dup_line_frac,
            "dup_line_char_frac": FILTER.dup_line_char_frac,
            "top_ngram_char_frac": [l for _, l in FILTER.top_n_grams],
            "dup_ngram_char_frac": [l for _, l in FILTER.dup_n_grams],
        },
        "min_words": MIN_WORDS,
        "sample_tokens": SAMPLE_TOKENS,
        "values": [],
        "columns": [],
    }
    long_values = []
    for (name, field), vals in columns().items():
        for line, path, text in vals:
            words = words_of(text)
            if len(words) < MIN_WORDS:
                continue
            long_values.append(text)
            rec = {"file": name, "line": line, "field": path, "words": len(words)}
            rec.update(ratios(text, words))
            rec["verdict"] = verdict(text)
            out["values"].append(rec)
        col = {"file": name, "field": field, "values": len(vals)}
        col.update(diversity_figures([t for _, _, t in vals]))
        out["columns"].append(col)
    # All five columns as one stream, the largest last, so that the 100,000-token cap falls inside it.
    everything = [t for vals in reversed(list(columns().values())) for _, _, t in vals]
    col = {"file": "*", "field": "all five columns, in reverse order", "values": len(everything)}
    col.update(diversity_figures(everything))
    out["columns"].append(col)
    div = spacy_divergence(long_values)
    if div is not None:
        out["spacy_divergence"] = div
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

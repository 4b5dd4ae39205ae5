"""Reference counts of the text family's generation artefacts on the real Self-Instruct files.

An independent transcription of the rules stated in the README (and in each check's `summary`),
in plain Python with no packages, so that the engine's counts can be checked against a second
implementation. Repetition comes from datatrove's own functions, through the values committed by
text_repetition.py. Regenerate with:

    python3 tests/reference/text_artefacts.py > tests/reference/text_artefacts_expected.json
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"

REFUSALS = [
    "as an ai language model", "as a language model", "as an ai model", "as an ai assistant",
    "as an artificial intelligence", "i'm sorry, but i cannot", "i'm sorry, but i can't",
    "i am sorry, but i cannot", "i'm sorry, i cannot", "i'm sorry, i can't", "i apologize, but i cannot",
    "i cannot fulfill", "i can't fulfill", "i cannot comply", "i'm unable to provide", "i am unable to provide",
    "i'm not able to provide", "i don't have personal opinions", "i do not have personal opinions",
    "i don't have personal experiences", "i do not have personal experiences", "i don't have personal feelings",
    "i don't have the ability to browse", "i cannot browse the internet", "i don't have access to real-time",
    "my knowledge cutoff", "my training data only goes", "as of my last update", "as of my last knowledge update",
    "openai's use-case policy", "openai's content policy", "it goes against my programming",
]
PLACEHOLDERS = {"n/a", "na", "none", "null", "nil", "-", "<no output>", "<nooutput>", "<noinput>", "no output", "(empty)", "empty"}
TEMPLATE = ["### instruction:", "### response:", "### input:", "[inst]", "[/inst]", "<<sys>>", "<|im_start|>", "<|im_end|>", "<|endoftext|>"]
LINE_MARKERS = ["input:", "output:", "user:", "assistant:", "human:"]
NUMBERED = re.compile(r"(?i)(^|[^0-9])[0-9]{1,2}\.\s*instruction:")
FINISHED = set('.!?"\')]}>”’»。！？:;')


def words(t):
    return t.split()


def plain_words(t):
    return [w for w in re.split(r"[\W_]+", t.lower()) if w]


def refusal(t):
    low = t.replace("’", "'").lower()
    return any(p in low for p in REFUSALS)


def scaffolding(t):
    low = t.lower()
    if any(m in low for m in TEMPLATE) or NUMBERED.search(t):
        return True
    lines = t.split("\n")
    return any(l.lstrip().lower().startswith(m) for l in lines[1:] for m in LINE_MARKERS)


def finished(t):
    t = t.rstrip()
    return not t or t.endswith("```") or t[-1] in FINISHED


def truncated(values):
    # Fences: lines that start with ``` (after leading spaces).
    unfinished = []
    for t in values:
        if t and not finished(t):
            fences = sum(1 for l in t.split("\n") if l.lstrip().startswith("```"))
            unfinished.append((len(t), len(words(t)), fences % 2 == 1))
    long = sorted(c for c, w, _ in unfinished if w >= 50)
    n = 0
    for chars, w, unbalanced in unfinished:
        plateau = sum(1 for x in long if chars * 0.98 <= x <= chars * 1.02)
        if unbalanced or (w >= 50 and plateau >= 5):
            n += 1
    return n


REWRITE_VERBS = (
    "rewrit", "rephras", "paraphras", "correct", "fix", "edit", "proofread", "convert", "reformat", "format",
    "improv", "revis", "simplif", "shorten", "modif", "chang", "replac", "remov", "delet", "sort", "reorder",
    "capitaliz", "punctuat", "complet", "fill", "expand", "polish", "transform",
)


def starts_with_copy(a, p):
    """The answer starts with the whole prompt and goes on; a prompt under 8 words (a title, a
    phrase to complete) only when the answer repeats it again later."""
    if not p or len(a) <= len(p) or a[: len(p)] != p:
        return False
    return len(p) >= 8 or any(a[i : i + len(p)] == p for i in range(1, len(a) - len(p) + 1))


def echo(answer, prompt):
    a, p = plain_words(answer), plain_words(prompt)
    if len(p) < 3 or not a:
        return False
    if a == p:
        return True
    if starts_with_copy(a, p):
        return True
    sa, sp = set(a), set(p)
    return len(sa & sp) / len(sa | sp) >= 0.8


def counts(name):
    rows = [json.loads(l) for l in open(DATA / name, encoding="utf-8")]
    out = {}
    for field in ["response", "target"]:
        vals = [str(r[field]).strip() for r in rows]
        out[field] = {
            "refusal": sum(refusal(v) for v in vals),
            "placeholders": sum(1 for v in vals if not v or (len(v) <= 16 and v.lower() in PLACEHOLDERS)),
            "short": sum(1 for v in vals if v and v.lower() not in PLACEHOLDERS and len(v) < 10),
            "scaffolding": sum(scaffolding(v) for v in vals if not (v.lstrip().startswith(("Human:", "Assistant:")))),
            "truncated": truncated(vals),
            "repetitive": repetitive(name, field),
        }
    echoes = 0
    for r in rows:
        a = str(r["response"]).strip()
        # A rewrite task (fix, correct, convert, ...) answers with its input changed: against
        # the input only a byte-identical copy counts (a bug fix may change only punctuation).
        rewrite = any(w.startswith(v) for w in plain_words(r["instruction"]) for v in REWRITE_VERBS)
        for p, name in [(r["instruction"], "instruction"), (r["input"], "input")]:
            p = str(p).strip()
            if rewrite and name == "input" and len(plain_words(p)) >= 3:
                hit = a == p or starts_with_copy(plain_words(a), plain_words(p))
            else:
                hit = echo(a, p)
            if hit:
                echoes += 1
                break
    out["echoes"] = echoes
    return out


def repetitive(name, field):
    """Values over a Gopher limit, by datatrove's own filter (text_repetition.py's verdicts)."""
    ref = json.loads((ROOT / "tests/reference/text_repetition_expected.json").read_text())
    # datatrove's filter returns True to keep a document, or the name of the first ratio over its limit.
    return sum(1 for v in ref["values"] if v["file"] == name and v["field"] == field and isinstance(v["verdict"], str))


if __name__ == "__main__":
    result = {name: counts(name) for name in ["self-instruct-davinci.jsonl", "self-instruct-text-davinci-003.jsonl"]}
    json.dump(result, sys.stdout, indent=1)
    print()

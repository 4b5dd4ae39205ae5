"""Independent expected values for src/profile/text/minhash.rs, computed with datasketch and datatrove.

Set up and run from the repository root:

    python3 -m venv /tmp/venv-mh && /tmp/venv-mh/bin/pip install -r tests/reference/requirements-text-minhash.txt
    /tmp/venv-mh/bin/python tests/reference/text_minhash.py > tests/reference/text_minhash_expected.json

What is computed here, and what the Rust test compares:

- `a`, `b`: the permutation parameters of datasketch's legacy scheme for seed SEED, drawn by datasketch
  itself (`MinHash(num_perm=128, seed=SEED, scheme="legacy").permutations`, numpy's
  `RandomState(SEED).randint(1, 2**61 - 1)` / `randint(0, 2**61 - 1)`, interleaved). The Rust
  `MinHasher::new(SEED)` must draw the same.
- per text: `normalised` is datatrove's `simplify_text(text)` with its default `TextNormConfig`;
  `shingles` are the 32-bit hashes of the word n-grams of `normalised` (words: `str.split()`, an
  n-gram is its words joined by one space, hashed with xxh3-64 and truncated to the low 32 bits; a
  text with fewer than n words gives one shingle of all its words, an empty one none);
  `signature` is datasketch's `MinHash(scheme="legacy", permutations=(a, b), hashfunc=identity)`
  after `update(int(h))` for every shingle hash h, i.e. numpy's
  `np.bitwise_and((a * hv + b) % _mersenne_prime, _max_hash)` in uint64 (where `a * hv` wraps).
- `jaccard_next`: datasketch's `jaccard` of each signature with the next one.

datasketch 2.0.0's *default* scheme is "affine32" (fmix32 pre-mix, then a*h+b mod 2^32); the
"a*h+b mod 2^61-1" of datalint's requirement is the "legacy" scheme, so it is named explicitly here.
"""
import json
import os
import sys
from importlib.metadata import PackageNotFoundError, version

import numpy as np
import xxhash
from datasketch import MinHash

try:
    import datatrove
    from datatrove.utils.text import simplify_text
except ImportError:  # the signatures do not need datatrove; the normalisation check does
    datatrove = None
    simplify_text = None

SEED = 1
NUM_PERM = 128
P = (1 << 61) - 1
DATA = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/self-instruct-text-davinci-003.jsonl"

# Edge cases for the normalisation (and for empty and short texts).
EXTRA = [
    "",
    "   ",
    "!!! ... ???",
    "Héllo, Wörld! Crème brûlée à la carte.",
    "Pi is 3.14159, e is 2,71828 and a million is 1,000,000 (or 1.000.000).",
    "Version 2.0.0-rc1 released on 2024-01-15 at 10:30.",
    "ΟΔΟΣ ΣΟΦΙΑΣ Σ",
    "İstanbul'da ışık; DİYARBAKIR",
    "हिन्दी में लिखा गया वाक्य है।",
    "Fullwidth ＡＢＣ １２３ and Arabic digits ٣٫١٤ and ١،٢",
    "tabs\tand\nnewlines\r\nand\u00a0nbsp\u2003em space",
    "quotes “double” ‘single’ «guillemets» „low“ — dash – en dash … ellipsis",
    "control\x07chars\x1fand\x7fdel\x85nel",
    "a \u0301 b combining acute alone",
    "\u0301leading mark",
    "naïve café résumé coöperate Zürich São Paulo Ångström",
    "one two",
    "emoji 🙂 and ZWJ 👩‍💻 and zero\u200bwidth",
]


def _version(name):
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def shingle_hashes(normalised, n):
    words = normalised.split()
    if not words:
        return []
    if len(words) < n:
        return [xxhash.xxh3_64_intdigest(" ".join(words).encode("utf-8")) & 0xFFFFFFFF]
    return [
        xxhash.xxh3_64_intdigest(" ".join(words[i : i + n]).encode("utf-8")) & 0xFFFFFFFF
        for i in range(len(words) - n + 1)
    ]


def main():
    texts = []
    with open(DATA, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                texts.append(json.loads(line)["response"])
    texts += EXTRA

    a, b = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="legacy").permutations
    # The product a*h (a < 2^61, h < 2^32) overflows uint64 almost always; numpy wraps it silently.
    wraps = 0
    products = 0

    out_texts = []
    sketches = []
    for i, text in enumerate(texts):
        if simplify_text is not None:
            normalised = simplify_text(text)
        else:
            normalised = None
        # Alternate the shingle size so both 5-word and 3-word shingles are covered.
        n = 5 if i % 2 == 0 else 3
        hs = shingle_hashes(normalised if normalised is not None else text, n)
        m = MinHash(num_perm=NUM_PERM, scheme="legacy", hashfunc=lambda x: x, permutations=(a, b))
        for h in hs:
            m.update(int(h))
        # update_batch goes through a different numpy path; it must agree.
        m2 = MinHash(num_perm=NUM_PERM, scheme="legacy", hashfunc=lambda x: x, permutations=(a, b))
        m2.update_batch([int(h) for h in hs])
        assert np.array_equal(m.hashvalues, m2.hashvalues)
        for h in hs:
            for ak in a:
                products += 1
                wraps += int(ak) * h >= 1 << 64
        sketches.append(m)
        out_texts.append(
            {
                "text": text,
                "normalised": normalised,
                "n": n,
                "shingles": [int(h) for h in hs],
                "signature": [int(v) for v in m.hashvalues],
            }
        )

    # What the textbook (a*h + b) mod (2^61 - 1), in exact integers, would give instead.
    exact_agree = 0
    exact_total = 0
    for t in out_texts:
        for k in range(NUM_PERM):
            if not t["shingles"]:
                continue
            exact = min(((int(a[k]) * h + int(b[k])) % P) & 0xFFFFFFFF for h in t["shingles"])
            exact_total += 1
            exact_agree += exact == t["signature"][k]

    jaccard_next = [float(sketches[i].jaccard(sketches[i + 1])) for i in range(len(sketches) - 1)]
    doc = {
        "about": "expected values for src/profile/text/minhash.rs; made by tests/reference/text_minhash.py",
        "versions": {name: _version(name) for name in ("datasketch", "numpy", "datatrove", "regex", "xxhash")},
        "data": os.path.basename(DATA),
        "seed": SEED,
        "a": [int(x) for x in a],
        "b": [int(x) for x in b],
        "wrapping_products": {"wrapped": wraps, "total": products},
        "exact_integer_formula_agreement": {"agree": exact_agree, "total": exact_total},
        "texts": out_texts,
        "jaccard_next": jaccard_next,
    }
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=None, separators=(",", ":"))
    sys.stdout.write("\n")
    print(
        "texts %d, products wrapped %d of %d, exact-integer formula agrees on %d of %d signature values"
        % (len(out_texts), wraps, products, exact_agree, exact_total),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()

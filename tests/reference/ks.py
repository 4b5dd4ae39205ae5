"""Expected values for the two-sample Kolmogorov-Smirnov port (src/analysis/compare/ks.rs),
computed with scipy 1.17.1 (numpy 2.x), not from datalint's code.

Run from the repository root:

    python3 tests/reference/ks.py > tests/reference/ks_expected.json

Semantics (scipy.stats.ks_2samp, alternative='two-sided', method='auto'):
- D from the two ECDFs evaluated at all data points (searchsorted side='right');
- exact when max(n1, n2) <= 10000: D rounded to h / lcm(n1, n2), n1 == n2 by the square method,
  otherwise the inside method; if that fails (floating-point error or a value outside [0, 1])
  scipy switches to the asymptotic method, with the rounded D;
- asymptotic: kstwo.sf(D, round(n1 * n2 / (n1 + n2))); p clipped to [0, 1].

Output: {"scipy": version, "p_value": [{n1, n2, d, p, method, note}], "samples": [{a, b, d, p,
method, note}]}, every float as a decimal string (see `num`). `p_value` cases give D directly: their p is computed by `scipy_p` below, which is
ks_2samp's own code after D (it calls scipy's private helpers `_attempt_exact_2kssamp` and
`kstwo.sf`); the script checks that it agrees exactly with `scipy.stats.ks_2samp` on every
`samples` case. `samples` cases are small samples from a fixed numpy seed, with ties.
"""
import json
import math
import sys
import warnings

import numpy as np
import scipy
from scipy import stats
from scipy.stats import _stats_py
from scipy.stats import distributions

MAX_AUTO_N = 10000


def scipy_p(n1, n2, d):
    """ks_2samp's two-sided, method='auto' p-value for D = d; returns (p, method)."""
    g = math.gcd(n1, n2)
    mode = "exact" if max(n1, n2) <= MAX_AUTO_N else "asymp"
    prob = -np.inf
    if mode == "exact":
        success, d, prob = _stats_py._attempt_exact_2kssamp(n1, n2, g, d, "two-sided")
        if not success:
            mode = "asymp"
    if mode == "asymp":
        m, n = sorted([float(n1), float(n2)], reverse=True)
        en = m * n / (m + n)
        prob = distributions.kstwo.sf(d, np.round(en))
    prob = float(np.clip(prob, 0, 1))
    return prob, ("exact" if mode == "exact" else "asymptotic")


def num(x):
    """A float as its shortest round-trip decimal string: read back exactly with Rust's `str::parse`
    (serde_json's own float parsing, without `float_roundtrip`, may be one ulp off)."""
    return repr(float(x))


def asymp_n(n1, n2):
    m, n = sorted([float(n1), float(n2)], reverse=True)
    return int(np.round(m * n / (m + n)))


def p_value_cases():
    cases = []

    def add(n1, n2, d, note):
        p, method = scipy_p(n1, n2, float(d))
        cases.append({"n1": n1, "n2": n2, "d": num(d), "p": num(p), "method": method, "note": note})

    # Tiny sizes: every lattice value of D.
    for n1, n2 in [(1, 1), (1, 2), (2, 2), (1, 10), (3, 5), (4, 6), (5, 5), (2, 7), (6, 8), (10, 10)]:
        lcm = n1 * n2 // math.gcd(n1, n2)
        for h in range(0, lcm + 1):
            add(n1, n2, h / lcm, "tiny n, every lattice D")
    for n1, n2 in [(7, 10), (9, 10), (3, 9), (8, 8)]:
        lcm = n1 * n2 // math.gcd(n1, n2)
        for h in [1, 2, lcm // 4, lcm // 2, lcm - 1, lcm]:
            add(n1, n2, h / lcm, "tiny n")
    # D given off the lattice (rounded to h / lcm by scipy), and D = i/n1 - j/n2 as floats.
    add(7, 10, 0.3001, "off-lattice D")
    add(7, 10, 3 / 7 - 1 / 10, "D as i/n1 - j/n2")
    add(100, 110, 0.5454545454545454, "scipy doc example")
    add(105, 95, 0.10927318295739348, "scipy doc example")
    # Equal sizes: square method; D = 1/n is where scipy's result can leave [0, 1].
    for n in [20, 50, 100, 333, 1000, 4096, 10000]:
        for d in [1 / n, 2 / n, 0.05, 0.1, 0.3, 0.6, 1.0]:
            add(n, n, d, "equal sizes (square method)")
    # Unequal sizes: inside method.
    # (Large D costs O(n1 n2) here; the two largest pairs keep to D <= 0.3 so the Rust test stays quick
    # in a debug build.)
    for n1, n2 in [(30, 45), (200, 150), (1000, 999), (2500, 4000), (9999, 3000), (10000, 9999), (10000, 1),
                   (10000, 37)]:
        big = n1 * n2 > 20_000_000
        for d in [0.0, 0.004, 0.02, 0.05, 0.1, 0.3] + ([] if big else [0.95, 1.0]):
            add(n1, n2, d, "unequal sizes (inside method)")
    # Asymptotic region.
    for n1, n2 in [(10001, 10000), (16281, 16280), (50000, 20000), (10001, 3), (20000, 1),
                   (1000000, 1000000), (3000000, 3000000), (1000000000, 1000000000), (1000000000, 7)]:
        for d in [0.0, 1e-7, 0.001, 0.005, 0.01, 0.02, 0.05, 0.2, 0.5, 0.7, 1.0]:
            add(n1, n2, d, "asymptotic")
    # Branch cut-offs of _kolmogn (n = round(n1 n2 / (n1 + n2))), just below and above each.
    below, above = 1 - 1e-9, 1 + 1e-9
    for n1, n2 in [(10001, 25), (20000, 101), (10001, 141), (16281, 16280), (50000, 20000), (500000, 200001),
                   (3000000, 3000000)]:
        n = asymp_n(n1, n2)
        for c in [0.754693, 2.2, 4.0, 18.0, 370.0]:
            x = math.sqrt(c / n)
            if x < 1:
                for f in [below, above]:
                    add(n1, n2, x * f, f"n x^2 = {c} (n = {n})")
        x = (1.4 / n) ** (2 / 3)
        for f in [below, above]:
            add(n1, n2, x * f, f"n x^1.5 = 1.4 (n = {n})")
        for t in [0.4, 0.5, 0.75, 1.0, 1.5]:
            add(n1, n2, t / n, f"n x = {t} (n = {n})")
        for x in [1 - 1.5 / n, 1 - 0.5 / n, 0.5, 0.5 * above]:
            add(n1, n2, x, f"x near 1 or 1/2 (n = {n})")
    return cases


def sample_cases():
    rng = np.random.default_rng(20240611)
    cases = []

    def add(a, b, note):
        a = np.sort(np.asarray(a, dtype=float))
        b = np.sort(np.asarray(b, dtype=float))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = stats.ks_2samp(a, b)
        p, method = scipy_p(len(a), len(b), float(r.statistic))
        assert p == float(r.pvalue), (a, b, p, r)
        cases.append({"a": [num(x) for x in a], "b": [num(x) for x in b], "d": num(r.statistic),
                      "p": num(r.pvalue), "method": method, "note": note})

    for n1, n2 in [(1, 1), (1, 5), (3, 4), (5, 5), (8, 12), (20, 30), (40, 40), (17, 60), (2, 9), (10, 10)]:
        add(rng.normal(size=n1), rng.normal(size=n2), "normal vs normal")
        add(rng.normal(size=n1), rng.normal(0.8, 1.0, size=n2), "shifted normal")
        add(np.round(rng.normal(size=n1), 1), np.round(rng.normal(size=n2), 1), "ties (1 decimal)")
        add(rng.integers(0, 3, size=n1), rng.integers(0, 3, size=n2), "heavy ties (integers 0..2)")
    x = rng.normal(size=25)
    add(x, x, "identical samples, D = 0")
    add(x, np.concatenate([x, x]), "same values, different counts")
    add(rng.uniform(0, 1, 12), rng.uniform(2, 3, 15), "disjoint samples, D = 1")
    add([1.0] * 6, [1.0] * 9, "all equal")
    add([0.0, 1.0, 1.0, 2.0], [1.0, 1.0, 1.0], "ties at the maximum")
    add(rng.normal(size=300), rng.normal(0.1, 1.0, size=250), "larger exact case")
    return cases


def main():
    out = {
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "p_value": p_value_cases(),
        "samples": sample_cases(),
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

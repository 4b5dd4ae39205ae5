"""Independent expected values for `datalint compare REFERENCE CANDIDATE`, computed with pinned
scipy, pandas, numpy and SDMetrics (tests/reference/requirements-compare.txt).

Run from the repository root:

    python3 tests/reference/compare.py ../shared/data/adult.csv > tests/reference/compare_expected.json

(about 7 minutes on 2 cores; NewRowSynthesis and the DCR dominate). Formulas and library quirks
an independent reimplementation must copy are listed in tests/reference/compare-conventions.md.

Conventions (mirroring datalint's documented behaviour, as tests/reference/adult.py does):
- the file is read as text; column names and values are trimmed of surrounding whitespace;
  blank lines are skipped; the empty string and NA N/A n/a NaN nan null NULL Null None none nil ?
  are missing (NaN here);
- a column is numeric when every non-missing value in the WHOLE file parses as a number
  (pd.to_numeric), else categorical; numeric values are float64, categorical values are the
  trimmed strings;
- split "halves": data row i (0-based, header excluded) goes to reference A when i is even, to
  candidate B when i is odd; "small": reference = first 3,000 rows of A, candidate = first 2,000
  rows of B; "dcr": reference = all of A, candidate = first 2,000 rows of B;
- missing values are skipped in every per-column figure (missing_change is over rows);
- pairs: every pair (a, b) of columns with a before b in file order; pair figures use the rows
  where both a and b are present, except the SDMetrics metrics, which get the raw columns (NaN
  included) and apply their own NaN rules.
"""
import json
import math
import sys
import warnings
from importlib.metadata import version

import numpy as np
import pandas as pd
import scipy
import scipy.stats as ss
from scipy.spatial.distance import jensenshannon
from scipy.stats.contingency import association

warnings.filterwarnings("ignore", category=FutureWarning)
warnings.filterwarnings("ignore", category=pd.errors.SettingWithCopyWarning)

import sdmetrics  # noqa: E402
from sdmetrics.column_pairs import ContingencySimilarity, CorrelationSimilarity  # noqa: E402
from sdmetrics.reports.single_table import QualityReport  # noqa: E402
from sdmetrics.reports import QualityReport as UnifiedQualityReport  # noqa: E402
from sdmetrics.single_column import KSComplement, TVComplement  # noqa: E402
from sdmetrics.single_table import NewRowSynthesis  # noqa: E402
from sdmetrics.single_table.privacy import DCRBaselineProtection  # noqa: E402
from sdmetrics.single_table.privacy.dcr_utils import calculate_dcr  # noqa: E402

PATH = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/adult.csv"
MISSING = {"", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "Null", "None", "none", "nil", "?"}
DECILES = [i / 10 for i in range(1, 10)]  # 0.1 ... 0.9, the same doubles as the literals
PSI_FLOOR = 0.0001
STD_FLOOR = 0.001
TOP_K = 10
OTHER = "(other)"
N_BINS = 10
SPLIT = (
    "data rows are numbered from 0 (header excluded, blank lines skipped); row i goes to the "
    "reference A when i is even and to the candidate B when i is odd. halves: A vs B. small: "
    "first 3000 rows of A vs first 2000 rows of B. dcr: all of A vs first 2000 rows of B."
)


def f(x):
    """A JSON float (Python repr precision) or None for NaN/inf."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


# ---------------------------------------------------------------- load
raw = pd.read_csv(PATH, dtype=str, keep_default_na=False, skip_blank_lines=True)
raw.columns = [c.strip() for c in raw.columns]
COLS = list(raw.columns)
data = pd.DataFrame(index=raw.index)
KIND = {}
for c in COLS:
    t = raw[c].str.strip()
    t = t.where(~t.isin(MISSING), None)
    present = t.dropna()
    nums = pd.to_numeric(present, errors="coerce")
    if len(present) > 0 and nums.notna().all():
        KIND[c] = "numeric"
        data[c] = pd.to_numeric(t, errors="coerce").astype("float64")
    else:
        KIND[c] = "categorical"
        data[c] = t.astype(object).where(t.notna(), np.nan)
NUMERIC = [c for c in COLS if KIND[c] == "numeric"]
META = {"columns": {c: {"sdtype": "numerical" if KIND[c] == "numeric" else "categorical"} for c in COLS}}

A = data.iloc[0::2].reset_index(drop=True)
B = data.iloc[1::2].reset_index(drop=True)


# ---------------------------------------------------------------- per column
def ks(ref, cand):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        res = ss.ks_2samp(ref, cand)  # method='auto'
    fell_back = any("Exact calculation unsuccessful" in str(x.message) for x in w)
    method = "exact" if max(len(ref), len(cand)) <= 10000 and not fell_back else "asymptotic"
    return float(res.statistic), float(res.pvalue), method


def psi(ref, cand):
    edges = np.unique(np.quantile(ref, DECILES))
    k = len(edges) + 1
    cr = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=k)
    cc = np.bincount(np.searchsorted(edges, cand, side="left"), minlength=k)
    p = np.where(cr > 0, cr / len(ref), PSI_FLOOR)
    q = np.where(cc > 0, cc / len(cand), PSI_FLOOR)
    return float(np.sum((q - p) * np.log(q / p))), edges


def numeric_figures(r_all, c_all):
    r = r_all.dropna().to_numpy(float)
    c = c_all.dropna().to_numpy(float)
    d, p, method = ks(r, c)
    sr, sc = float(np.std(r)), float(np.std(c))
    mr, mc = float(np.mean(r)), float(np.mean(c))
    lo, hi = float(r.min()), float(r.max())
    psi_v, edges = psi(r, c)
    rng = hi - lo
    cov = max(0.0, 1 - (max(c.min() - lo, 0.0) + max(hi - c.max(), 0.0)) / rng) if rng > 0 else None
    return {
        "kind": "numeric",
        "n": [len(r), len(c)],
        "ks": d,
        "ks_p": p,
        "ks_method": method,
        "wasserstein": float(ss.wasserstein_distance(r, c)),
        "wasserstein_norm": float(ss.wasserstein_distance(r, c)) / max(sr, STD_FLOOR),
        "psi": psi_v,
        "psi_edges": [float(e) for e in edges],
        "mean_ref": mr,
        "mean_cand": mc,
        "std_ref": sr,
        "std_cand": sc,
        "mean_shift": (mc - mr) / max(sr, STD_FLOOR),
        "std_ratio": sc / sr if sr > 0 else None,
        "range_coverage": f(cov),
        "outside_share": float(np.mean((c < lo) | (c > hi))),
        "missing_change": float(c_all.isna().mean() - r_all.isna().mean()),
        "ks_complement": float(KSComplement.compute(r_all, c_all)),
    }


def pooled_chi2_p(cr, cc):
    """cr, cc: counts over the same (sorted) categories. Pool expected < 5 in either row."""
    table = np.array([cr, cc], dtype=float)
    n = table.sum()
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / n
    small = (expected < 5).any(axis=0)
    cols = [table[:, ~small]]
    if small.any():
        cols.append(table[:, small].sum(axis=1, keepdims=True))
    t = np.hstack(cols)
    if t.shape[1] < 2:
        return 1.0, int(small.sum()), t.shape[1]
    return float(ss.chi2_contingency(t, correction=False).pvalue), int(small.sum()), t.shape[1]


def categorical_figures(r_all, c_all):
    r = r_all.dropna()
    c = c_all.dropna()
    vr, vc = r.value_counts(), c.value_counts()
    cats = sorted(set(vr.index) | set(vc.index))
    cr = np.array([vr.get(k, 0) for k in cats], dtype=float)
    cc = np.array([vc.get(k, 0) for k in cats], dtype=float)
    p, q = cr / cr.sum(), cc / cc.sum()
    chi2_p, pooled, ncols = pooled_chi2_p(cr, cc)
    ref_set = set(vr.index)
    return {
        "kind": "categorical",
        "n": [len(r), len(c)],
        "categories": [len(vr), len(vc), len(cats)],
        "tvd": float(0.5 * np.abs(p - q).sum()),
        "js": float(jensenshannon(p, q, base=2)),
        "chi2_p": chi2_p,
        "chi2_pooled_categories": pooled,
        "chi2_columns": ncols,
        "category_coverage": float(np.mean([k in set(vc.index) for k in vr.index])),
        "new_share": float(np.mean(~c.isin(ref_set))),
        "missing_change": float(c_all.isna().mean() - r_all.isna().mean()),
        "tv_complement": float(TVComplement.compute(r_all, c_all)),
    }


# ---------------------------------------------------------------- pairs
def cramer_labels(ref_col, cand_col, numeric):
    """Category labels for the Cramér's V tables (missing stays NaN, dropped later)."""
    if numeric:
        edges = np.histogram_bin_edges(ref_col.dropna().to_numpy(float), N_BINS)

        def lab(s):
            idx = np.clip(np.searchsorted(edges, s.to_numpy(float), side="right") - 1, 0, N_BINS - 1)
            return pd.Series(idx.astype(float), index=s.index).where(s.notna(), np.nan)

        return lab(ref_col), lab(cand_col)
    vc = ref_col.dropna().value_counts()
    top = [k for k, _ in sorted(vc.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_K]]
    keep = set(top)

    def lab(s):
        return s.where(s.isna() | s.isin(keep), OTHER)

    return lab(ref_col), lab(cand_col)


def cramers_v(x, y):
    ok = x.notna() & y.notna()
    table = pd.crosstab(x[ok], y[ok]).to_numpy()
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    if min(table.shape) < 2:
        return None
    return float(association(table, method="cramer", correction=False))


def pair_figures(R, C, a, b):
    out = {"a": a, "b": b}
    if KIND[a] == "numeric" and KIND[b] == "numeric":
        out["pearson_ref"] = float(R[[a, b]].corr().iloc[0, 1])
        out["pearson_cand"] = float(C[[a, b]].corr().iloc[0, 1])
        out["spearman_ref"] = float(R[[a, b]].corr(method="spearman").iloc[0, 1])
        out["spearman_cand"] = float(C[[a, b]].corr(method="spearman").iloc[0, 1])
        out["correlation_similarity"] = f(
            CorrelationSimilarity.compute(R[[a, b]], C[[a, b]], coefficient="Pearson")
        )
        return out
    la_r, la_c = cramer_labels(R[a], C[a], KIND[a] == "numeric")
    lb_r, lb_c = cramer_labels(R[b], C[b], KIND[b] == "numeric")
    out["cramer_ref"] = cramers_v(la_r, lb_r)
    out["cramer_cand"] = cramers_v(la_c, lb_c)
    cont = [c for c in (a, b) if KIND[c] == "numeric"]
    out["contingency_similarity"] = f(
        ContingencySimilarity.compute(
            R[[a, b]].copy(), C[[a, b]].copy(), continuous_column_names=cont or None, num_discrete_bins=N_BINS
        )
    )
    return out


# ---------------------------------------------------------------- table level
def new_row_synthesis_check(R, C, tol=0.01):
    """Own implementation of NewRowSynthesis (used only as a cross-check)."""
    cats = [c for c in COLS if KIND[c] == "categorical"]
    key = lambda df: df[cats].fillna("\x1e<NA>\x1e").astype(str).agg("\x1f".join, axis=1)  # noqa: E731
    groups = {k: g[NUMERIC].to_numpy(float) for k, g in R.assign(_k=key(R)).groupby("_k")}
    new = 0
    ck = key(C)
    cn = C[NUMERIC].to_numpy(float)
    for i in range(len(C)):
        g = groups.get(ck.iloc[i])
        if g is None:
            new += 1
            continue
        s = cn[i]
        ok = np.ones(len(g), dtype=bool)
        for j in range(len(NUMERIC)):
            if np.isnan(s[j]):
                ok &= np.isnan(g[:, j])
            else:
                ok &= np.abs(g[:, j] - s[j]) <= abs(tol * s[j])
        if not ok.any():
            new += 1
    return new / len(C), new


def quality_scores(R, C):
    rep = QualityReport()
    rep.generate(R, C, META, verbose=False)
    props = rep.get_properties().set_index("Property")["Score"]
    det = rep.get_details("Column Pair Trends")
    uni = UnifiedQualityReport()
    uni.generate({"t": R}, {"t": C}, {"tables": {"t": META}}, verbose=False)
    uprops = uni.get_properties().set_index("Property")["Score"]
    meets = det["Meets Threshold?"].astype("boolean").fillna(False)
    loose = QualityReport()
    loose.real_correlation_threshold = 0
    loose.real_association_threshold = 0
    loose.generate(R, C, META, verbose=False)
    loose_pairs = loose.get_properties().set_index("Property")["Score"]["Column Pair Trends"]
    return {
        "sdmetrics_version": sdmetrics.__version__,
        "report": "sdmetrics.reports.single_table.QualityReport (deprecated alias; "
        "sdmetrics.reports.QualityReport gives the same property scores)",
        "column_shapes": float(props["Column Shapes"]),
        "column_pair_trends": float(props["Column Pair Trends"]),
        "overall": float(rep.get_score()),
        "unified_column_shapes": float(uprops["Column Shapes"]),
        "unified_column_pair_trends": float(uprops["Column Pair Trends"]),
        "unified_overall": float(uni.get_score()),
        "column_pair_trends_no_threshold": float(loose_pairs),
        "pairs_total": int(len(det)),
        "pairs_contributing": int(meets.sum()),
        "weak_pairs_left_out": True,
        "weak_pair_rule": "a pair counts in Column Pair Trends only when the REAL data's "
        "|Pearson r| > 0.5 (CorrelationSimilarity, numeric-numeric) or the REAL data's "
        "Cramer's V (correction=False) > 0.3 (ContingencySimilarity, all other pairs); "
        "QualityReport defaults real_correlation_threshold=0.5, real_association_threshold=0.3",
        "contributing_pairs": [
            [r["Column 1"], r["Column 2"], r["Metric"], float(r["Score"])]
            for _, r in det[meets].iterrows()
        ],
    }


def case(R, C):
    out = {"rows": [len(R), len(C)], "columns": {}}
    for c in COLS:
        fig = numeric_figures if KIND[c] == "numeric" else categorical_figures
        out["columns"][c] = fig(R[c], C[c])
    out["pairs"] = [pair_figures(R, C, a, b) for i, a in enumerate(COLS) for b in COLS[i + 1 :]]
    nrs = NewRowSynthesis.compute_breakdown(R, C, META, numerical_match_tolerance=0.01)
    own, own_new = new_row_synthesis_check(R, C)
    assert own_new == nrs["num_new_rows"], (own_new, nrs)
    out["new_row_synthesis"] = {
        "score": float(nrs["score"]),
        "num_new_rows": int(nrs["num_new_rows"]),
        "num_matched_rows": int(nrs["num_matched_rows"]),
        "numerical_match_tolerance": 0.01,
    }
    out["scores"] = quality_scores(R, C)
    return out


def dcr_own(C, R):
    """Own DCR implementation (cross-check for calculate_dcr)."""
    per = []
    for c in COLS:
        if KIND[c] == "numeric":
            per.append(("n", R[c].to_numpy(float), C[c].to_numpy(float), float(R[c].max() - R[c].min())))
        else:
            per.append(("c", R[c].to_numpy(object), C[c].to_numpy(object), None))
    out = np.empty(len(C))
    for i in range(len(C)):
        tot = np.zeros(len(R))
        for kind, rv, cv, rng in per:
            x = cv[i]
            if kind == "n":
                if np.isnan(x):
                    d = np.where(np.isnan(rv), 0.0, 1.0)
                else:
                    diff = np.abs(rv - x)
                    d = (diff > 0).astype(float) if rng == 0 else np.minimum(diff / rng, 1.0)
                    d = np.where(np.isnan(rv), 1.0, d)
            else:
                rn = pd.isna(rv)
                d = np.where(rn, 0.0, 1.0) if pd.isna(x) else np.where(rn | (rv != x), 1.0, 0.0)
            tot += d
        out[i] = (tot / len(per)).min()
    return out


def dcr_section(R, C):
    s = calculate_dcr(dataset=C, reference_dataset=R, metadata=META).to_numpy(float)
    own = dcr_own(C, R)
    max_dev = float(np.max(np.abs(own - s)))
    assert max_dev < 1e-12, max_dev
    DCRBaselineProtection._seed = 0
    np.random.seed(0)
    base = DCRBaselineProtection.compute_breakdown(R, C, {"tables": {"t": META}}, "t")
    return {
        "rows": [len(R), len(C)],
        "values": [float(f"{v:.12g}") for v in s],
        "median": float(np.median(s)),
        "mean": float(np.mean(s)),
        "share_below_0_01": float(np.mean(s < 0.01)),
        "exact_zero": int(np.sum(s == 0)),
        "own_implementation_max_abs_dev": max_dev,
        "baseline_protection_rough": {
            "note": "random; rough figure only (seeded here with DCRBaselineProtection._seed=0 and "
            "np.random.seed(0), which sdmetrics does not do by default)",
            "params": {"num_rows_subsample": None, "num_iterations": 1},
            "score": f(base["score"]),
            "median_dcr_synthetic": f(base["median_DCR_to_real_data"]["synthetic_data"]),
            "median_dcr_random_baseline": f(base["median_DCR_to_real_data"]["random_data_baseline"]),
        },
    }


def main():
    out = {
        "versions": {
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "scipy": scipy.__version__,
            "sdmetrics": sdmetrics.__version__,
            "scikit-learn": version("scikit-learn"),
        },
        "split": SPLIT,
        "halves": case(A, B),
        "small": case(A.iloc[:3000].reset_index(drop=True), B.iloc[:2000].reset_index(drop=True)),
        "dcr": dcr_section(A, B.iloc[:2000].reset_index(drop=True)),
    }
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()

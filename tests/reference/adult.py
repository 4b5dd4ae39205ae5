"""Independent expected values for tests/it/adult.rs, computed with pandas and numpy.

Run from the repository root:  python3 tests/reference/adult.py > tests/reference/adult_expected.json

Semantics mirrored from datalint's documented behaviour, not its code: values are compared after
trimming surrounding whitespace; '?' (and the other default missing tokens) and empty cells are
missing; quantiles use numpy's default linear interpolation; std is the sample std (ddof=1);
skewness is pandas' adjusted Fisher-Pearson G1.
"""
import json
import sys

import numpy as np
import pandas as pd

PATH = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/adult.csv"
MISSING = {"", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "Null", "None", "none", "nil", "?"}
QS = {"p1": 0.01, "p5": 0.05, "p25": 0.25, "p50": 0.5, "p75": 0.75, "p95": 0.95, "p99": 0.99}

raw = pd.read_csv(PATH, dtype=str, keep_default_na=False, skip_blank_lines=True)
raw.columns = [c.strip() for c in raw.columns]
out = {"rows": int(len(raw)), "duplicate_rows": int(raw.duplicated().sum()), "columns": {}}

trimmed = raw.apply(lambda s: s.str.strip())
for name in raw.columns:
    t = trimmed[name]
    missing = t.isin(MISSING)
    present = t[~missing]
    col = {
        "missing": int(missing.sum()),
        "whitespace": int((raw[name] != t).sum()),
        "distinct": int(present.nunique()),
        "missing_tokens": {k: int(v) for k, v in t[missing].value_counts().items()},
    }
    vc = present.value_counts()
    top = sorted(vc.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    col["top"] = [[k, int(v)] for k, v in top]
    lengths = present.str.len()
    col["length"] = {"min": int(lengths.min()), "mean": float(lengths.mean()), "max": int(lengths.max())}
    nums = pd.to_numeric(present, errors="coerce")
    if nums.notna().all() and len(nums) > 0:
        x = nums.to_numpy(dtype=float)
        col["numeric"] = {
            "count": int(len(x)),
            "min": float(x.min()),
            "max": float(x.max()),
            "mean": float(x.mean()),
            "std": float(pd.Series(x).std(ddof=1)),
            "skewness": float(pd.Series(x).skew()),
            "zeros": int((x == 0).sum()),
            "negatives": int((x < 0).sum()),
            "quantiles": {k: float(np.quantile(x, q)) for k, q in QS.items()},
        }
    out["columns"][name] = col

# Conflicting labels: identical features (raw cells), different Salary.
features = [c for c in raw.columns if c != "Salary"]
label = trimmed["Salary"]
g = raw.assign(_label=label).groupby(features, dropna=False)["_label"].agg(["nunique", "size"])
conf = g[g["nunique"] > 1]
out["conflicting_label_groups"] = int(len(conf))
out["conflicting_label_rows"] = int(conf["size"].sum())
out["label_classes"] = {k: int(v) for k, v in label.value_counts().items()}

json.dump(out, sys.stdout, indent=1, sort_keys=True)
print()

"""Independent expected values for the bias analysis on UCI Adult (tests/it/bias.rs), computed with
pandas and scipy, not from datalint's code.

Run from the repository root:

    python3 tests/reference/adult_bias.py > tests/reference/adult_bias_expected.json

(an optional first argument is the path of adult.csv; default ../shared/data/adult.csv).

Semantics, from datalint's documentation (README "Bias and fairness"):
- values are compared after trimming surrounding whitespace; empty cells and the default missing
  tokens ('?', NA, null, ...) are missing;
- the label is Salary and the outcome compared is '>50K';
- a group is a distinct (trimmed) value of the sensitive column; rows where the sensitive value is
  missing belong to no group (they are counted as `unknown`); a group's share is its count over
  the rows whose sensitive value is known;
- age is bucketed into <18, 18-24, 25-34, 35-44, 45-54, 55-64, 65+ (lower bounds inclusive);
- rate = rows with the outcome / rows of the group with a (non-missing) label; groups with fewer
  than 30 labelled rows are too small to judge: parity difference (max - min rate) and impact
  ratio (min / max rate) are taken over the others;
- chi-square of an outcome: the outcome class against the rest, over the same groups the impact
  ratio compares (30+ labelled rows): the groups x 2 table [rows with the outcome, labelled rows
  without it], scipy.stats.chi2_contingency(correction=False) (Pearson, no continuity
  correction), dof = judged groups - 1; Cramer's V of that table =
  sqrt(chi2 / (n * (min(rows, cols) - 1))) = sqrt(chi2 / n), n the labelled rows of the judged
  groups. Small groups (e.g. marital-status = Married-AF-spouse, 23 rows; native-country's
  countries under 30 rows) are left out of the test as they are out of the impact ratio;
- intersections: the same figures for the pair race x sex, groups named "<race> & <sex>";
- proxies: for a categorical column, Bergsma's (2013) bias-corrected Cramer's V of the crosstab of
  the column against the sensitive one (rows where both are present; empty rows and columns
  dropped): chi2 from chi2_contingency(correction=False), phi2 = chi2 / n,
  phi2corr = max(0, phi2 - (k - 1)(r - 1) / (n - 1)), kcorr = k - (k - 1)^2 / (n - 1),
  rcorr = r - (r - 1)^2 / (n - 1), V = sqrt(phi2corr / min(kcorr - 1, rcorr - 1));
  for a numeric column, the correlation ratio eta = sqrt(SS_between / SS_total) over the groups of
  the sensitive one (rows where both are present);
- missingness of a column by group: rows of the group where the column is missing / rows of the
  group, for groups of 30+ rows; p-value: chi2_contingency(correction=False) of the table
  group x [missing, present] over those groups.
"""
import json
import sys

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency

PATH = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/adult.csv"
MISSING = {"", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "Null", "None", "none", "nil", "?"}
LABEL = "Salary"
OUTCOME = ">50K"
MIN_GROUP = 30
AGE_BINS = [(18, "<18"), (25, "18-24"), (35, "25-34"), (45, "35-44"), (55, "45-54"), (65, "55-64"), (np.inf, "65+")]
SENSITIVE = ["sex", "race", "marital-status", "native-country", "age"]

raw = pd.read_csv(PATH, dtype=str, keep_default_na=False, skip_blank_lines=True)
raw.columns = [c.strip() for c in raw.columns]
df = raw.apply(lambda s: s.str.strip())
df = df.mask(df.isin(MISSING))  # missing -> NaN


def age_bin(x):
    for upper, name in AGE_BINS:
        if x < upper:
            return name
    return "65+"


def groups_of(col):
    """The group of each row (NaN where the sensitive value is missing)."""
    s = df[col]
    if col == "age":
        num = pd.to_numeric(s, errors="raise")
        return num.map(lambda x: age_bin(x) if pd.notna(x) else np.nan)
    return s


def drop_empty(table):
    t = np.asarray(table, dtype=float)
    return t[t.sum(axis=1) > 0][:, t.sum(axis=0) > 0]


def cramers_v(table):
    """Pearson's chi-square (no continuity correction), dof, p and plain Cramer's V."""
    t = drop_empty(table)
    chi2, p, dof, _ = chi2_contingency(t, correction=False)
    n = t.sum()
    return float(chi2), int(dof), float(p), float(np.sqrt(chi2 / (n * (min(t.shape) - 1))))


def outcome_test(groups):
    """The outcome class against the rest, over the judged groups (30+ labelled rows)."""
    table = [[x["positives"], x["labelled"] - x["positives"]] for x in groups if not x["too_small"]]
    return cramers_v(table)


def bergsma_v(table):
    """Bergsma's (2013) bias-corrected Cramer's V."""
    t = drop_empty(table)
    chi2, _, _, _ = chi2_contingency(t, correction=False)
    n = t.sum()
    r, k = t.shape
    phi2corr = max(0.0, chi2 / n - (k - 1) * (r - 1) / (n - 1))
    kcorr = k - (k - 1) ** 2 / (n - 1)
    rcorr = r - (r - 1) ** 2 / (n - 1)
    return float(np.sqrt(phi2corr / min(kcorr - 1, rcorr - 1)))


out = {
    "source": "UCI Adult (../shared/data/adult.csv)",
    "rows": int(len(df)),
    "first_line_of_row_0": 2,
    "label": LABEL,
    "outcome": OUTCOME,
    "min_group": MIN_GROUP,
    "sensitive": {},
}

label = df[LABEL]
for col in SENSITIVE:
    g = groups_of(col)
    known = g.notna()
    total_known = int(known.sum())
    groups = []
    for value, idx in g[known].groupby(g[known]).groups.items():
        lab = label.loc[idx]
        labelled = int(lab.notna().sum())
        positives = int((lab == OUTCOME).sum())
        groups.append(
            {
                "value": value,
                "count": int(len(idx)),
                "first_line": int(min(idx)) + 2,
                "share": len(idx) / total_known,
                "labelled": labelled,
                "positives": positives,
                "rate": positives / labelled if labelled else None,
                "too_small": labelled < MIN_GROUP,
            }
        )
    judged = [x["rate"] for x in groups if not x["too_small"]]
    chi2, dof, p, v = outcome_test(groups)
    out["sensitive"][col] = {
        "unknown": int((~known).sum()),
        "groups": sorted(groups, key=lambda x: x["value"]),
        "parity_difference": max(judged) - min(judged),
        "impact_ratio": min(judged) / max(judged),
        "chi2": chi2,
        "dof": dof,
        "p_value": p,
        "cramers_v": v,
    }

# The intersection race x sex: groups "race & sex", the same figures.
g = df["race"] + " & " + df["sex"]
known = g.notna()
groups = []
for value, idx in g[known].groupby(g[known]).groups.items():
    lab = label.loc[idx]
    labelled = int(lab.notna().sum())
    positives = int((lab == OUTCOME).sum())
    groups.append(
        {
            "value": value,
            "count": int(len(idx)),
            "share": len(idx) / int(known.sum()),
            "labelled": labelled,
            "positives": positives,
            "rate": positives / labelled,
            "too_small": labelled < MIN_GROUP,
        }
    )
judged = [x["rate"] for x in groups if not x["too_small"]]
chi2, dof, p, v = outcome_test(groups)
out["intersections"] = {
    "race & sex": {
        "groups": sorted(groups, key=lambda x: x["value"]),
        "parity_difference": max(judged) - min(judged),
        "impact_ratio": min(judged) / max(judged),
        "chi2": chi2,
        "dof": dof,
        "p_value": p,
        "cramers_v": v,
    }
}

# Proxies.
both = df["relationship"].notna() & df["sex"].notna()
tab = pd.crosstab(df.loc[both, "relationship"], df.loc[both, "sex"])
v = bergsma_v(tab.to_numpy())
# Evidence: per value of relationship (30+ rows), its most common sex, largest values first.
rel_evidence = []
for value, row in tab.iterrows():
    n = int(row.sum())
    if n >= MIN_GROUP:
        first = int(df.index[both & (df["relationship"] == value)].min()) + 2
        rel_evidence.append({"value": value, "rows": n, "top": row.idxmax(), "top_rows": int(row.max()), "first_line": first})
rel_evidence.sort(key=lambda e: -e["rows"])
hours = pd.to_numeric(df["hours-per-week"], errors="raise")
both = hours.notna() & df["sex"].notna()
h, s = hours[both], df.loc[both, "sex"]
grand = h.mean()
ss_total = float(((h - grand) ** 2).sum())
ss_between = float(sum(len(x) * (x.mean() - grand) ** 2 for _, x in h.groupby(s)))
out["proxies"] = {
    "relationship": {"sensitive": "sex", "measure": "cramers_v_corrected", "value": v, "evidence": rel_evidence},
    "hours-per-week": {"sensitive": "sex", "measure": "correlation_ratio", "value": float(np.sqrt(ss_between / ss_total))},
}

# Missingness of workclass by age bin.
ages = groups_of("age")
wc_missing = df["workclass"].isna()
mgroups = []
for value, idx in ages.groupby(ages).groups.items():
    n = int(len(idx))
    if n < MIN_GROUP:
        continue
    miss = wc_missing.loc[idx]
    m = int(miss.sum())
    first = int(miss[miss].index.min()) + 2 if m else None
    mgroups.append({"value": value, "count": n, "missing": m, "rate": m / n, "first_missing_line": first})
rates = [x["rate"] for x in mgroups]
_, _, mp, _ = cramers_v([[x["missing"], x["count"] - x["missing"]] for x in mgroups])
out["missingness"] = {
    "workclass": {
        "sensitive": "age",
        "groups": sorted(mgroups, key=lambda x: x["value"]),
        "difference": max(rates) - min(rates),
        "ratio": max(rates) / min(rates) if min(rates) > 0 else None,
        "p_value": mp,
    }
}

json.dump(out, sys.stdout, indent=1, sort_keys=True)
print()

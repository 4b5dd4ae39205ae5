// The Bias section's plain sentences: what each figure means (title attributes, the legend and
// the glossary). Every number in them is the engine's: a check's `params` (from the worker's
// check list) or the threshold in force (report.options); none is typed here.
import { h } from "./dom.js";
import { fmtFigure, fmtInt, fmtNum } from "./format.js";

const LD = "label-disparity";
const MD = "missingness-disparity";

/**
 * The words for a report: `checks` is the worker's check list (with each check's params and
 * threshold), `options` the report's options in force.
 */
export function biasWords(checks, options) {
  const metas = new Map((Array.isArray(checks) ? checks : []).map((c) => [c.id, c]));
  const param = (id, name) => {
    const p = metas.get(id)?.params?.find((x) => x.name === name);
    return Number.isFinite(p?.value) ? p.value : null;
  };
  const thresholds = options?.thresholds ?? {};
  const threshold = (id) => (Number.isFinite(thresholds[id]) ? thresholds[id] : metas.get(id)?.threshold?.default ?? null);
  const unit = (id) => metas.get(id)?.threshold?.unit;
  const impactDefault = metas.get(LD)?.threshold?.default ?? null;
  const rows = param(LD, "min_group_rows");
  const maxP = param(LD, "max_p_value");
  const minV = param(LD, "min_cramers_v");
  const minSmd = param(LD, "min_smd");

  const w = {
    /** label-disparity's threshold in force, and that of the other checks. */
    impact: threshold(LD),
    threshold,
    /** A figure in a check's threshold unit. */
    fmtIn: (id, x) => fmtFigure(x, unit(id)),
    /** The rule an impact-ratio threshold stands for: the engine's default is the four-fifths rule. */
    ruleName: (t) => (t === impactDefault ? "the four-fifths rule" : `the impact ratio threshold of ${fmtNum(t)}`),
    /** The chart's reference line, by the threshold it was drawn with. */
    lineName: (t) => (t === impactDefault ? "four-fifths line" : `${fmtNum(t)} line`),
    /** "groups under N rows" (N: label-disparity's min_group_rows). */
    small: rows !== null ? `groups under ${fmtInt(rows)} rows` : "groups too small to judge",
    underRows: rows !== null ? `under ${fmtInt(rows)} rows` : "too few rows",
    judgedRows: rows !== null ? `groups of ${fmtInt(rows)} or more rows` : "the groups large enough to judge",
    enoughRows: rows !== null ? `${fmtInt(rows)} or more labelled rows` : "enough labelled rows",
    judgedShort: rows !== null ? `groups of ${fmtInt(rows)}+ rows` : "groups large enough to judge",
    missing: {
      rows: param(MD, "min_group_rows"),
      ratio: param(MD, "min_ratio"),
      maxP: param(MD, "max_p_value"),
    },
  };
  const t = w.impact;
  w.explain = {
    parity: `Statistical parity difference: the highest outcome rate minus the lowest, among ${w.judgedRows} (0 means equal rates).`,
    impact: `Disparate impact ratio: the lowest outcome rate divided by the highest (1 means equal rates)${t !== null ? `; below ${fmtNum(t)} fails ${w.ruleName(t)}` : ""}.`,
    chi2: `Pearson's chi-square statistic for independence of group and outcome (the outcome class against the rest), over ${w.judgedRows}: the larger, the less the outcome looks independent of the group.`,
    dof: "Degrees of freedom of the chi-square test: the number of judged groups minus 1.",
    p: `The chance of a difference at least this large if the label did not depend on the group${maxP !== null ? `; under ${fmtNum(maxP)} counts as evidence` : ""}.`,
    v: `The strength of the association between group and outcome, from 0 (none) to 1 (the group decides the outcome)${minV !== null ? `; a disparity needs at least ${fmtNum(minV)}` : ""}.`,
    meanDiff: `The highest group mean minus the lowest, among ${w.judgedRows}, in the label's units.`,
    meanRatio: "The lowest group mean divided by the highest (1 means equal means).",
    eta: "Correlation ratio η: how much of the label's variation the groups explain, from 0 (none) to 1 (all).",
    smd: `Standardised mean difference: the gap between the highest and lowest group means in standard deviations${minSmd !== null ? `; a disparity needs at least ${fmtNum(minSmd)}` : ""}.`,
    cramersProxy:
      "Cramér's V between this column and the sensitive one, with Bergsma's bias correction (sparse tables of few rows per value do not look associated): 0 independent, 1 one determines the other.",
    etaProxy: "Correlation ratio η: how much of this numeric column's variation the sensitive groups explain (0 to 1).",
  };
  return w;
}

/** "What the figures mean": the glossary under the section's lede. */
export function glossary(w) {
  const det = h("details", "bias-glossary");
  det.append(h("summary", null, "What the figures mean"));
  const dl = h("dl");
  const t = w.impact;
  const name = t !== null ? w.lineName(t) : "reference line";
  const line =
    t !== null
      ? `${fmtFigure(t, "share")} of the highest outcome rate among the judged groups (the label-disparity threshold in force, ${fmtNum(t)}): a group below it is selected at less than ${fmtNum(t)} times the rate of the best-off group (${w.ruleName(t)}).`
      : "The label-disparity threshold times the highest outcome rate among the judged groups.";
  for (const [k, text] of [
    [`${name[0].toUpperCase()}${name.slice(1)}`, line],
    ["Parity difference", w.explain.parity],
    ["Impact ratio", w.explain.impact],
    ["Chi-square, dof", `${w.explain.chi2} ${w.explain.dof}`],
    ["p-value", w.explain.p],
    ["Cramér's V", w.explain.v],
    ["SMD", `For a numeric label. ${w.explain.smd}`],
    ["Too small", `${w.small[0].toUpperCase()}${w.small.slice(1)} are shown but never judged: their rates are too noisy.`],
  ]) {
    const d = h("div");
    d.append(h("dt", null, k), h("dd", null, text));
    dl.append(d);
  }
  det.append(dl);
  return det;
}

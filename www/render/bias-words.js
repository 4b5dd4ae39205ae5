// The Bias section's plain sentences: what each figure means (title attributes, the legend and
// the glossary). The engine's numbers in them come from bias-rules.js, so they are typed once.
import { h } from "./dom.js";
import { FOUR_FIFTHS, MAX_P, MIN_GROUP } from "./bias-rules.js";

export const EXPLAIN = {
  parity: `Statistical parity difference: the highest outcome rate minus the lowest, among groups of ${MIN_GROUP} or more rows (0 means equal rates).`,
  impact: `Disparate impact ratio: the lowest outcome rate divided by the highest (1 means equal rates); below ${FOUR_FIFTHS} fails the four-fifths rule.`,
  chi2: `Pearson's chi-square statistic for independence of group and outcome (the outcome class against the rest), over the groups of ${MIN_GROUP} or more rows: the larger, the less the outcome looks independent of the group.`,
  dof: "Degrees of freedom of the chi-square test: the number of judged groups minus 1.",
  p: `The chance of a difference at least this large if the label did not depend on the group; under ${MAX_P} counts as evidence.`,
  v: "The strength of the association between group and outcome, from 0 (none) to 1 (the group decides the outcome); 0.1 is small, 0.3 medium, 0.5 large.",
  meanDiff: `The highest group mean minus the lowest, among groups of ${MIN_GROUP} or more rows, in the label's units.`,
  meanRatio: "The lowest group mean divided by the highest (1 means equal means).",
  eta: "Correlation ratio η: how much of the label's variation the groups explain, from 0 (none) to 1 (all).",
  smd: "Standardised mean difference: the gap between the highest and lowest group means in standard deviations; 0.5 is a medium effect.",
  cramersProxy:
    "Cramér's V between this column and the sensitive one, with Bergsma's bias correction (sparse tables of few rows per value do not look associated): 0 independent, 1 one determines the other.",
  etaProxy: "Correlation ratio η: how much of this numeric column's variation the sensitive groups explain (0 to 1).",
};

/** "What the figures mean": the glossary under the section's lede. */
export function glossary() {
  const det = h("details", "bias-glossary");
  det.append(h("summary", null, "What the figures mean"));
  const dl = h("dl");
  for (const [k, text] of [
    ["Four-fifths line", `${FOUR_FIFTHS * 100}% of the highest outcome rate among the judged groups: a group below it is selected at less than four fifths the rate of the best-off group (the usual screen for adverse impact).`],
    ["Parity difference", EXPLAIN.parity],
    ["Impact ratio", EXPLAIN.impact],
    ["Chi-square, dof", `${EXPLAIN.chi2} ${EXPLAIN.dof}`],
    ["p-value", EXPLAIN.p],
    ["Cramér's V", EXPLAIN.v],
    ["SMD", `For a numeric label. ${EXPLAIN.smd}`],
    ["Too small", `Groups under ${MIN_GROUP} rows are shown but never judged: their rates are too noisy.`],
  ]) {
    const d = h("div");
    d.append(h("dt", null, k), h("dd", null, text));
    dl.append(d);
  }
  det.append(dl);
  return det;
}

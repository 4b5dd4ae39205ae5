// SEAM: the engine's bias decisions, RE-DERIVED on the page. Everything here copies a rule or a
// constant of the engine (src/bias.rs, src/checks/*) so that the drawing code can say why a
// group or an entry is (not) a finding. This file is meant to be deleted once the engine sends
// what it decided; each export names the report field that replaces it:
//
//   MIN_GROUP, MAX_P, MIN_V, MIN_SMD,       the engine's constants: from the ready message
//   FOUR_FIFTHS, MAX_CLASSES                  (or its glossary sentences)
//   BIAS_CHECK_IDS, biasCheckIds            the registry's family field (already in checks)
//   thresholdsInForce                       report.options (the thresholds in force)
//   extremes                                disparity.lowest / disparity.highest
//   fourFifths, belowLine                   disparity.reference_line
//   judgement                               disparity.judgement { fires, reasons }
//   labelClasses                            roles.label.numeric
//   findingForColumn, disparityFinding      finding.outcome and finding.columns (no title text)
//
// Nothing here builds DOM. Only render/bias*.js and element/roles.js import it.
import { isRateEntry, valueOf } from "./bias-entry.js";

// The engine's constants (src/bias.rs): groups under MIN_GROUP rows are not judged; a disparity
// is a finding when the impact ratio is below the threshold, p < MAX_P and V >= MIN_V (a
// categorical label), or the standardised mean difference is at least MIN_SMD (a numeric one).
export const MIN_GROUP = 30;
export const MAX_P = 0.001;
export const MIN_V = 0.1;
export const MIN_SMD = 0.5;
export const FOUR_FIFTHS = 0.8;
export const MAX_CLASSES = 20;

/** The bias family's check ids, for when the worker's check list is not at hand. */
export const BIAS_CHECK_IDS = ["underrepresented-group", "label-disparity", "proxy-for-sensitive", "missingness-disparity"];

/** The bias family's check ids, from the worker's check list (`checks`, or null before ready). */
export function biasCheckIds(checks) {
  const ids = (checks ?? []).filter((c) => c.family === "bias").map((c) => c.id);
  return new Set(ids.length ? ids : BIAS_CHECK_IDS);
}

/**
 * The thresholds a report ran with, for the bias checks: what was sent (`sent`, the run's
 * options.thresholds), else the engine's defaults, else the registry's.
 */
export function thresholdsInForce(sent, checks, defaults) {
  const out = {};
  for (const id of biasCheckIds(checks)) {
    const meta = (checks ?? []).find((c) => c.id === id);
    const def = defaults?.thresholds?.[id] ?? meta?.threshold?.default;
    out[id] = Number.isFinite(sent[id]) ? sent[id] : def;
  }
  return out;
}

/** The groups of an entry that are judged: not too small, with a value. */
export function judged(d) {
  return d.groups.filter((g) => !g.too_small && valueOf(d, g) !== null);
}

/** Lowest and highest judged groups of an entry. */
export function extremes(d) {
  const js = judged(d);
  if (!js.length) return { lo: null, hi: null, judged: js };
  let lo = js[0];
  let hi = js[0];
  for (const g of js) {
    if (valueOf(d, g) < valueOf(d, lo)) lo = g;
    if (valueOf(d, g) > valueOf(d, hi)) hi = g;
  }
  return { lo, hi, judged: js };
}

/** The four-fifths line of a rate entry: 80% of the highest judged rate (null when not drawn). */
export function fourFifths(d) {
  if (!isRateEntry(d)) return null;
  const { hi, judged: js } = extremes(d);
  if (!hi || js.length < 2) return null;
  return FOUR_FIFTHS * valueOf(d, hi);
}

/** Whether a judged group falls below the line. */
export function belowLine(d, g, line) {
  return line !== null && !g.too_small && valueOf(d, g) !== null && valueOf(d, g) < line;
}

/**
 * Whether an entry makes a label-disparity finding, and why (not). `finding`: the entry's
 * label-disparity finding, if any. Returns { state, reasons }: state "too-few-groups",
 * "fires", "passes", or "below-line-no-finding" with reasons among "p_value" and "effect_size".
 */
export function judgement(d, finding, impactThreshold) {
  if (judged(d).length < 2) return { state: "too-few-groups", reasons: [] };
  if (finding) return { state: "fires", reasons: [] };
  const ir = d.impact_ratio;
  if (isRateEntry(d) && Number.isFinite(ir) && ir < impactThreshold) {
    const reasons = [];
    if (!(d.p_value < MAX_P)) reasons.push("p_value");
    if (!(d.cramers_v >= MIN_V)) reasons.push("effect_size");
    return { state: "below-line-no-finding", reasons };
  }
  return { state: "passes", reasons: [] };
}

/** The label's classes, from the label column's most common values (null: numeric or absent). */
export function labelClasses(report, labelName) {
  if (labelName === null || labelName === undefined || labelName === "") return null;
  const col = report.columns.find((c) => c.name === labelName);
  if (!col) return null;
  if ((col.type === "integer" || col.type === "float") && col.distinct > MAX_CLASSES) return null;
  return (Array.isArray(col.top) ? col.top : []).map(([v]) => String(v));
}

function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The finding (of `list`, items { f, i }) for a pair of columns of check `id`. */
export function pairFinding(list, id, columns) {
  return list.find(({ f }) => f.id === id && sameList(f.columns ?? [], columns));
}

/** Whether a finding belongs to the card of sensitive column `name`. */
export function findingForColumn(f, name) {
  const cols = Array.isArray(f.columns) ? f.columns : [];
  switch (f.id) {
    case "underrepresented-group":
      return cols[0] === name;
    case "label-disparity":
      return cols.length === 1 && cols[0] === name;
    case "proxy-for-sensitive":
    case "missingness-disparity":
      return cols[1] === name;
    default:
      return cols.includes(name);
  }
}

/** The label-disparity finding of one bias or intersection entry, if any (matched by title). */
export function disparityFinding(list, d, several) {
  return list.find(
    ({ f }) =>
      f.id === "label-disparity" &&
      sameList(f.columns ?? [], d.sensitive) &&
      (!several || !isRateEntry(d) || String(f.title).startsWith(`'${d.outcome}' rate by `)),
  );
}

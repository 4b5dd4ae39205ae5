// Reading one entry of report.bias / report.intersections: an outcome rate per group (a
// categorical label) or a mean per group (a numeric one).
import { colText, fmtNum, fmtRate, quoted } from "./format.js";

/** Whether an entry compares an outcome rate (true) or a mean (false). */
export function isRateEntry(d) {
  return d.outcome !== null && d.outcome !== undefined;
}

/** A group's figure in an entry: its rate or its mean (null when absent). */
export function valueOf(d, g) {
  const v = isRateEntry(d) ? g.rate : g.mean;
  return Number.isFinite(v) ? v : null;
}

/** A group's figure as text: a rate in percent, a mean as a number. */
export function fmtValue(d, v) {
  return isRateEntry(d) ? fmtRate(v) : fmtNum(v);
}

/** "‘>50K’ rate by sex", "mean ‘hours’ by race × sex". */
export function describeEntry(d) {
  const by = d.sensitive.map(colText).join(" × ");
  return isRateEntry(d) ? `${quoted(d.outcome)} rate by ${by}` : `mean ${quoted(d.label)} by ${by}`;
}

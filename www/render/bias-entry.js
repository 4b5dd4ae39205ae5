// Reading one entry of report.bias / report.intersections: an outcome rate per group (a
// categorical label) or a mean per group (a numeric one), with what the engine decided about it
// (its lowest and highest groups, its reference line and its judgement). Nothing is decided here.
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

/** A label class as the engine's titles name it: "Salary = >50K". */
export function outcomeName(d) {
  return `${colText(d.label)} = ${String(d.outcome) === "" ? "(empty)" : String(d.outcome)}`;
}

/** "rate of Salary = >50K by sex", "mean ‘hours’ by race × sex". */
export function describeEntry(d) {
  const by = d.sensitive.map(colText).join(" × ");
  return isRateEntry(d) ? `rate of ${outcomeName(d)} by ${by}` : `mean ${quoted(d.label)} by ${by}`;
}

/**
 * Whether the compared class is the favourable value the person named: only then does the
 * engine draw a reference line, and a group below it is disadvantaged. Without one, groups are
 * shown by their rates and none is called disadvantaged.
 */
export function isFavourableEntry(d) {
  return isRateEntry(d) && referenceLine(d) !== null;
}

/** The group of an entry whose value is `value` (a group value string), or null. */
export function groupOf(d, value) {
  if (value === null || value === undefined) return null;
  return d.groups.find((g) => String(g.value) === String(value)) ?? null;
}

/** The entry's lowest and highest judged groups, as the engine named them (null: fewer than two). */
export function extremes(d) {
  return { lo: groupOf(d, d.lowest), hi: groupOf(d, d.highest) };
}

/** The groups the engine judged (not flagged too small), with a figure. */
export function judgedGroups(d) {
  return d.groups.filter((g) => !g.too_small && valueOf(d, g) !== null);
}

/** The engine's reference line of a rate entry (threshold in force × highest rate), or null. */
export function referenceLine(d) {
  return Number.isFinite(d.reference_line) ? d.reference_line : null;
}

/** Whether a judged group's bar ends left of the reference line (where the line is drawn). */
export function belowLine(d, g) {
  const line = referenceLine(d);
  const v = valueOf(d, g);
  return line !== null && !g.too_small && v !== null && v < line;
}

/** One of the entry's judgement reasons by its test (judged_groups, impact_ratio, ...), or null. */
export function reason(d, test) {
  return d.judgement?.reasons?.find((r) => r.test === test) ?? null;
}

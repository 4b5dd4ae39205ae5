// Which finding goes with which part of the Bias section, by data only: the finding's check id,
// its columns and (label-disparity) its outcome, never its title.
import { isRateEntry } from "./bias-entry.js";

function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const columnsOf = (f) => (Array.isArray(f.columns) ? f.columns : []);

/** The finding (of `list`, items { f, i }) of check `id` whose columns are exactly `columns`. */
export function pairFinding(list, id, columns) {
  return list.find(({ f }) => f.id === id && sameList(columnsOf(f), columns));
}

/** The label-disparity finding of one bias or intersection entry: same columns, same outcome. */
export function disparityFinding(list, d) {
  const outcome = isRateEntry(d) ? String(d.outcome) : null;
  return list.find(({ f }) => f.id === "label-disparity" && sameList(columnsOf(f), d.sensitive) && (f.outcome ?? null) === outcome);
}

/**
 * Whether a finding belongs to the card of sensitive column `name`: a finding about that column
 * alone (its representation or its outcome rates), or a pair whose sensitive column (the second,
 * as in report.proxies and report.missingness) it is. Pairs of label-disparity are intersections.
 */
export function findingForColumn(f, name) {
  const cols = columnsOf(f);
  if (cols.length === 1) return cols[0] === name;
  return cols.length === 2 && f.id !== "label-disparity" && cols[1] === name;
}

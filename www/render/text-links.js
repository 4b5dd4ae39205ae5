// Which finding goes with which figure of the Text section, by data only: the finding's check id
// and its columns (and, for a count the engine splits by kind, its metric), never its title.
//
// FIGURE_CHECK names the check that reads each figure of report.text: it says where a figure is
// judged, not how (the thresholds, units and verdicts stay the engine's).
import { h } from "./dom.js";
import { severityMark } from "./severity.js";

/** Per field: which check judges which figure (report.text.fields[i].*). */
export const FIGURE_CHECK = {
  repetitive: "repetitive-text",
  refusals: "refusal",
  placeholders: "empty-output",
  short: "empty-output",
  empty: "empty-output",
  scaffolding: "prompt-scaffolding",
  link_only: "prompt-scaffolding",
  truncated: "truncated-output",
  damage: "garbled-text",
  pii: "pii",
  duplicates: "near-duplicates",
  diversity: "low-diversity",
};

/** Per dataset (report.text.rows.*): which check judges which figure. */
export const ROW_CHECK = {
  echoes: "output-echoes-input",
  conflicting: "conflicting-answers",
  language_mismatch: "language-mismatch",
  chat_errors: "chat-structure",
  identical_pairs: "identical-preference",
  chosen_longer: "length-bias",
};

const columnsOf = (f) => (Array.isArray(f.columns) ? f.columns : []);

/** The text-family check ids, from the engine's check list (its `family` field). */
export function textCheckIds(checks) {
  return new Set((Array.isArray(checks) ? checks : []).filter((c) => c.family === "text").map((c) => c.id));
}

/** The findings of `ids` with their index in report.findings (the order of the cards): { f, i }. */
export function indexedFindings(report, ids) {
  const out = [];
  report.findings.forEach((f, i) => {
    if (ids.has(f.id)) out.push({ f, i });
  });
  return out;
}

/** The findings (items { f, i }) of check `id` about field `column` alone. */
export function fieldFindings(items, id, column) {
  return items.filter(({ f }) => f.id === id && columnsOf(f).length === 1 && columnsOf(f)[0] === column);
}

/** The findings of check `id` whatever their columns (the dataset-wide figures). */
export function checkFindings(items, id) {
  return items.filter(({ f }) => f.id === id);
}

/**
 * The one finding of check `id` about `column` whose metric is `count` (a count the engine splits
 * into one finding per kind, PII): null when none or several match.
 */
export function findingByCount(items, id, column, count) {
  const hits = fieldFindings(items, id, column).filter(({ f }) => f.metric === count);
  return hits.length === 1 ? hits[0] : null;
}

/**
 * A small button that opens a finding's card in Findings (the element handles the click); `plain`
 * leaves out the severity mark (a line number in a table of them).
 */
export function findingLink(item, text, { plain = false } = {}) {
  const b = h("button", `text-flink${plain ? " plain" : ""} sev-${item.f.severity}`);
  b.setAttribute("type", "button");
  b.setAttribute("data-finding-index", String(item.i));
  b.setAttribute("data-id", item.f.id);
  b.setAttribute("title", `${item.f.title}: open its card in Findings (evidence rows)`);
  if (!plain) b.append(severityMark(item.f.severity));
  b.append(text ?? item.f.id);
  const arrow = h("span", null, " ↗");
  arrow.setAttribute("aria-hidden", "true");
  b.append(arrow);
  return b;
}

/** A cell's links to the findings of a figure, or a dash. */
export function findingLinks(items, text) {
  const span = h("span", "text-flinks");
  if (!items.length) {
    span.append(h("span", "muted", "–"));
    return span;
  }
  for (const it of items) span.append(findingLink(it, text));
  return span;
}

// The Text section of a datalint report (report.text): the dataset's shape, the figures across
// rows, and per text field its lengths (a histogram), diversity, openers, languages, artefact
// counts with the examples its findings carry, duplicates with the near-duplicate pairs side by
// side, PII counts by kind, and what was approximate.
//
// Drawing only: what is judged, and why, is the engine's (its findings, their units and
// thresholds). Dataset values are text (see dom.js). No event listeners either: the element
// listens on the report container and reads the data-* attributes set here (data-finding-index
// opens a finding's card, a chip's data-column a column's card).
import { h, pill, testid, columnName } from "./dom.js";
import { colText, fmtFig, fmtInt, fmtNum, plural } from "./format.js";
import { findingsList } from "./bias-tables.js";
import { lengthHistogram } from "./text-chart.js";
import { FIGURE_CHECK, ROW_CHECK, fieldFindings, findingLinks, indexedFindings, textCheckIds } from "./text-links.js";
import { artefactsTable, duplicatesCard, languagesCard, openersCard, rowsCard, subCard } from "./text-tables.js";

export { textCheckIds } from "./text-links.js";

/** What each shape of dataset is, in words (report.text.shape). */
const SHAPES = {
  instruction: "an instruction set (instruction, optional input, answer)",
  "prompt-response": "prompts and responses",
  chat: "chats (lists of messages)",
  preference: "preference pairs (a chosen and a rejected answer)",
  transcript: "transcripts (dialogue turns in text)",
};

/** What each role of a field is, in words (report.text.fields[i].role). */
const ROLES = {
  instruction: "the instruction",
  input: "the instruction's input",
  prompt: "the prompt",
  system: "the system prompt",
  answer: "the answer",
  chat: "a chat",
  chosen: "the chosen answer",
  rejected: "the rejected answer",
  instances: "the instances",
  "user-turns": "the user's turns",
  "assistant-turns": "the assistant's turns",
};

function kv(dl, key, value, title, id) {
  const d = h("div", "kv");
  if (title) d.setAttribute("title", title);
  if (id) d.setAttribute("data-figure", id);
  d.append(h("dt", null, key), h("dd", null, value));
  dl.append(d);
}

function figures(field) {
  const dl = testid(h("dl", "kvs text-kvs"), "text-figures");
  kv(dl, "Values", fmtInt(field.values), "Values of the field (rows that have it)", "values");
  kv(dl, "Empty", fmtInt(field.empty), "Empty values", "empty");
  const c = Array.isArray(field.chars) ? field.chars : null;
  if (c) {
    kv(dl, "Chars min", fmtInt(c[0]), "Fewest characters in a value", "chars_min");
    kv(dl, "Chars mean", fmtNum(c[1]), "Mean characters per value", "chars_mean");
    kv(dl, "Chars max", fmtInt(c[2]), "Most characters in a value", "chars_max");
  }
  kv(dl, "Words median", fmtInt(field.words_median), "Median words per value", "words_median");
  kv(dl, "Words p90", fmtInt(field.words_p90), "90th percentile of words per value", "words_p90");
  kv(dl, "Words max", fmtInt(field.words_max), "Most words in a value", "words_max");
  kv(
    dl,
    "Vocabulary",
    `${field.vocabulary_exact ? "" : "≈ "}${fmtInt(field.vocabulary)}`,
    field.vocabulary_exact ? "Distinct words" : "Distinct words (estimated)",
    "vocabulary",
  );
  return dl;
}

/** Distinct-n, NDS and compression ratio over the first tokens; null when the engine sent none. */
function diversityCard(field, items) {
  const d = field.diversity;
  if (!d) return null;
  const box = subCard("Diversity", "diversity", `Over the first ${plural(d.tokens, "token", "tokens")} of the field.`);
  box.setAttribute("data-testid", "text-diversity");
  const dl = h("dl", "kvs text-kvs");
  const distinct = Array.isArray(d.distinct) ? d.distinct : [];
  distinct.forEach((v, k) => {
    kv(dl, `Distinct-${k + 1}`, fmtFig(v), `Distinct ${k + 1}-grams over all ${k + 1}-grams`, `distinct-${k + 1}`);
  });
  kv(dl, "NDS", fmtFig(d.nds), "Normalised diversity score", "nds");
  kv(dl, "Compression ratio", fmtFig(d.compression_ratio), "Size of the text over its compressed size (higher is more repetitive)", "compression_ratio");
  box.append(dl);
  const links = fieldFindings(items, FIGURE_CHECK.diversity, field.column);
  if (links.length) {
    const p = h("p", "small text-finding-line");
    p.append(findingLinks(links));
    box.append(p);
  }
  return box;
}

function lengthCard(field) {
  const chart = lengthHistogram(field);
  if (!chart) return null;
  const box = subCard("Length", "length", "Values by length in characters; each bucket twice as wide as the one before.");
  const fig = h("figure", "chart-box");
  fig.append(chart);
  box.append(fig);
  return box;
}

function approximateNote(field) {
  const list = Array.isArray(field.approximate) ? field.approximate : [];
  if (!list.length) return null;
  const box = testid(h("div", "text-approx small"), "text-approximate");
  box.append(h("span", "approx", "≈ approximate"));
  const ul = h("ul");
  for (const a of list) ul.append(h("li", null, a));
  box.append(ul);
  return box;
}

function fieldHead(field, count) {
  const head = h("header", "text-field-head");
  const title = h("h3", "text-field-name");
  title.append(columnName(field.column));
  head.append(title);
  const role = h("span", "tag text-role", field.role ? field.role : "free text");
  role.setAttribute("data-role", field.role ?? "");
  role.setAttribute("title", field.role ? `Read as ${ROLES[field.role] ?? field.role}` : "Free text without a role");
  head.append(role);
  if (field.derived_from !== null && field.derived_from !== undefined) {
    const from = h("span", "tag", `from ${colText(field.derived_from)}`);
    from.setAttribute("title", `Not a column: the turns of ${colText(field.derived_from)}`);
    head.append(from);
  } else {
    const chip = h("button", "chip");
    chip.setAttribute("type", "button");
    chip.setAttribute("data-column", field.column);
    chip.setAttribute("title", "Show this column's profile");
    chip.append("Column ↗");
    head.append(chip);
  }
  head.append(h("span", "grow"));
  if (count) head.append(pill(plural(count, "finding", "findings"), "sev-warning"));
  return head;
}

/** One text field as a card: figures, then charts and tables in two columns. */
function fieldBlock(field, items) {
  const mine = items.filter(({ f }) => Array.isArray(f.columns) && f.columns.length === 1 && f.columns[0] === field.column);
  const card = testid(h("article", "text-field card"), "text-field");
  card.setAttribute("data-column", field.column);
  card.setAttribute("data-role", field.role ?? "");
  card.append(fieldHead(field, mine.length), figures(field));
  const grid = h("div", "text-field-grid");
  const left = h("div", "text-col");
  const right = h("div", "text-col");
  for (const part of [lengthCard(field), diversityCard(field, items), openersCard(field), languagesCard(field)]) if (part) left.append(part);
  for (const part of [artefactsTable(field, items), duplicatesCard(field, items)]) if (part) right.append(part);
  grid.append(left, right);
  card.append(grid);
  const approx = approximateNote(field);
  if (approx) card.append(approx);
  if (mine.length) card.append(findingsList(mine));
  return card;
}

/**
 * The Text section, or null when the report has no text fields. ctx: { checks: the engine's
 * check list (its families) }.
 */
export function renderText(report, ctx = {}) {
  const text = report?.text;
  const fields = Array.isArray(text?.fields) ? text.fields : [];
  if (!fields.length) return null;
  const ids = textCheckIds(ctx.checks);
  const items = indexedFindings(report, ids);

  const sec = testid(h("section", "block text"), "text-section");
  sec.setAttribute("part", "text-section");
  sec.setAttribute("aria-label", "Text");
  const head = h("div", "block-head");
  head.append(h("h2", null, "Text"), pill(plural(items.length, "finding", "findings"), items.length ? "sev-warning" : ""));
  sec.append(head);

  const lede = testid(h("p", "bias-lede"), "text-shape");
  lede.setAttribute("data-shape", text.shape ?? "");
  const names = fields.map((f) => colText(f.column)).join(", ");
  lede.textContent = text.shape
    ? `Read as ${SHAPES[text.shape] ?? text.shape}: ${plural(fields.length, "text field", "text fields")} (${names}).`
    : `${plural(fields.length, "text field", "text fields")} (${names}), with no dataset shape recognised.`;
  sec.append(lede);

  const rows = rowsCard(text.rows, items);
  if (rows) sec.append(rows);
  const list = h("div", "text-fields");
  for (const f of fields) list.append(fieldBlock(f, items));
  sec.append(list);

  // Text findings shown nowhere above (a check added later, a column that is not a field).
  const fieldNames = new Set(fields.map((f) => f.column));
  const rowIds = new Set(Object.values(ROW_CHECK));
  const rest = items.filter(({ f }) => {
    const cols = Array.isArray(f.columns) ? f.columns : [];
    if (rowIds.has(f.id) && text.rows) return false;
    return !(cols.length === 1 && fieldNames.has(cols[0]));
  });
  if (rest.length) {
    const card = h("div", "bias-block card");
    card.setAttribute("data-block", "other");
    const hd = h("div", "bias-block-head");
    hd.append(h("h3", null, "Other text findings"), pill(fmtInt(rest.length)));
    card.append(hd, findingsList(rest));
    sec.append(card);
  }
  return sec;
}

// The Text section's tables: a field's artefact counts (with the examples its findings carry),
// its openers and languages, its near-duplicate pairs side by side, and the dataset-wide row
// figures. Drawing only: every count is the engine's, every example a finding's evidence value
// (already masked by the engine where it is personal data), shown as text.
import { bar, h, testid, valueNode } from "./dom.js";
import { fmtFig, fmtInt, fmtNum, fmtPct, plural, truncate } from "./format.js";
import { FIGURE_CHECK, ROW_CHECK, checkFindings, fieldFindings, findingByCount, findingLink, findingLinks } from "./text-links.js";

/** Evidence rows shown under an artefact (the finding's card has them all). */
const EXAMPLES = 2;
/** Characters of an example shown here (the card shows the whole evidence value). */
const EXAMPLE_CHARS = 160;

const th = (text, cls, title) => {
  const c = h("th", cls, text);
  if (title) c.setAttribute("title", title);
  return c;
};

/** A card inside a field block, with a heading and an optional note. */
export function subCard(title, id, note) {
  const box = h("section", "text-sub");
  box.setAttribute("data-block", id);
  box.append(h("h4", null, title));
  if (note) box.append(h("p", "muted small", note));
  return box;
}

/** The first evidence rows of the findings `items` as a list: line and (shortened) value. */
function examples(items) {
  const ev = items.flatMap(({ f }) => (Array.isArray(f.evidence) ? f.evidence : [])).slice(0, EXAMPLES);
  if (!ev.length) return null;
  const ul = testid(h("ul", "text-examples"), "text-examples");
  for (const e of ev) {
    const li = h("li");
    const full = e.value === null || e.value === undefined ? "" : String(e.value);
    const v = valueNode(truncate(full, EXAMPLE_CHARS), "val small-val");
    if (full.length > EXAMPLE_CHARS) v.setAttribute("title", "Shortened here; the finding's card shows the whole evidence value");
    li.append(h("span", "muted", `line ${fmtInt(e.line)} `), v);
    ul.append(li);
  }
  return ul;
}

/** A row's breakdown (per limit, per phrase): inline when short, folded when long. */
function detail(parts) {
  if (parts.length <= 2) return h("span", "muted small text-art-detail", parts.join(" · "));
  const det = h("details", "muted small text-art-detail");
  det.append(h("summary", null, `${parts.length} ${parts.what}`));
  const ul = h("ul");
  for (const p of parts) ul.append(h("li", null, p));
  det.append(ul);
  return det;
}

/**
 * The artefact rows of a field: { key, label, title, count, links (finding items), detail }.
 * `items`: the text-family findings with their index.
 */
function artefactRows(field, items) {
  const a = field.artefacts ?? {};
  const d = field.damage ?? {};
  const rep = field.repetition ?? {};
  const col = field.column;
  const of = (key) => fieldFindings(items, FIGURE_CHECK[key], col);
  const rows = [];
  const add = (key, label, title, count, links, detail) => {
    if (Number.isFinite(count)) rows.push({ key, label, title, count, links, detail });
  };
  const ratios = Object.entries(rep.by_ratio ?? {}).filter(([, c]) => c > 0);
  add(
    "repetitive",
    "Repetitive",
    `Values over one of the repetition limits, of the ${fmtInt(rep.checked)} values long enough to be checked`,
    rep.repetitive,
    of("repetitive"),
    ratios.length ? Object.assign(ratios.map(([k, c]) => `${k}: ${fmtInt(c)}`), { what: "limits" }) : null,
  );
  const phrases = Array.isArray(a.refusal_phrases) ? a.refusal_phrases : [];
  add(
    "refusals",
    "Refusals",
    "Values holding a refusal or an AI disclaimer",
    a.refusals,
    of("refusals"),
    phrases.length ? Object.assign(phrases.map((p) => `‘${p.value}’ ×${fmtInt(p.count)}`), { what: "phrases" }) : null,
  );
  add("placeholders", "Placeholders", "Values that are only a placeholder", a.placeholders, of("placeholders"));
  add("short", "Short", "Values shorter than the engine's floor for an answer", a.short, of("short"));
  add("scaffolding", "Template markers", "Values that run on into prompt-template markers", a.scaffolding, of("scaffolding"));
  add("link_only", "Link only", "Prompts that are only a link", a.link_only, of("link_only"));
  add("unfinished", "Unfinished", "Values that do not end like finished text (not judged on their own)", a.unfinished, []);
  add("truncated", "Truncated", "Unfinished values with an unclosed code fence or a length shared by other cut-off values", a.truncated, of("truncated"));
  const garbled = of("damage");
  add("controls", "Control characters", "Values holding C0 control characters", d.controls, garbled);
  add("replacement_characters", "Replacement characters", "Values holding U+FFFD (bytes that were not text)", d.replacement_characters, garbled);
  add("mojibake", "Mojibake", "Values holding mojibake (UTF-8 read in another encoding)", d.mojibake, garbled);
  add("mixed_scripts", "Mixed scripts", "Values with a word mixing scripts", d.mixed_scripts, garbled);
  add("unbalanced_fences", "Unbalanced code fences", "Values with an odd number of ``` fences", d.unbalanced_fences, garbled);
  const pii = Object.entries(field.pii ?? {});
  if (!pii.some(([, c]) => c > 0)) add("pii", "Personal data", "Values holding personal data or secrets", 0, []);
  for (const [kind, count] of pii) {
    const one = findingByCount(items, FIGURE_CHECK.pii, col, count);
    add(`pii:${kind}`, `PII: ${kind}`, `Values holding ${kind} (the evidence shows at most its last characters)`, count, one ? [one] : of("pii"));
  }
  return rows;
}

/**
 * A field's artefact counts: the non-zero ones in a table (count, share of values, the finding
 * and its first evidence rows), the zero ones named on one line.
 */
export function artefactsTable(field, items) {
  const box = subCard("Artefacts", "artefacts");
  box.setAttribute("data-testid", "text-artefacts");
  const rows = artefactRows(field, items);
  const found = rows.filter((r) => r.count > 0);
  const none = rows.filter((r) => r.count === 0);
  if (found.length) {
    const table = h("table", "text-table");
    const thead = h("thead");
    const tr = h("tr");
    tr.append(th("Artefact"), th("Values", "num"), th("Share", "num", `Of the field's ${fmtInt(field.values)} values`), th("Finding and examples"));
    thead.append(tr);
    const tbody = h("tbody");
    for (const r of found) {
      const row = testid(h("tr", r.links.length ? "has-finding" : null), "text-artefact");
      row.setAttribute("data-kind", r.key);
      row.setAttribute("data-count", String(r.count));
      const name = h("td", "text-art-name");
      name.setAttribute("title", r.title);
      name.append(h("span", "strong", r.label));
      if (r.detail) name.append(detail(r.detail));
      const share = h("td", "num share");
      const s = field.values ? r.count / field.values : 0;
      share.append(bar(Math.min(1, s), 44, { cls: "share-bar" }), h("span", null, fmtPct(s)));
      const fcell = h("td", "text-art-finding");
      fcell.append(findingLinks(r.links));
      const ex = examples(r.links);
      if (ex) fcell.append(ex);
      row.append(name, h("td", "num", fmtInt(r.count)), share, fcell);
      tbody.append(row);
    }
    table.append(thead, tbody);
    const wrap = h("div", "table-scroll text-table-wrap");
    wrap.append(table);
    box.append(wrap);
  }
  if (none.length) box.append(h("p", "muted small text-none", `None: ${none.map((r) => r.label.toLowerCase()).join(", ")}.`));
  return box;
}

/** A list of { value, count } with a bar each, as shares of `total`. */
function shareList(list, total, id, cls) {
  const ul = testid(h("ul", `text-shares ${cls ?? ""}`), id);
  const max = Math.max(1, ...list.map((x) => x.count));
  for (const { value, count } of list) {
    const li = h("li");
    li.setAttribute("data-value", String(value));
    li.setAttribute("data-count", String(count));
    const s = total ? count / total : 0;
    // The bar is scaled to the most common entry, the text gives the share.
    li.append(valueNode(value, "val small-val"), bar(count / max, 64, { cls: "share-bar" }), h("span", "num", `${fmtInt(count)} · ${fmtPct(s)}`));
    ul.append(li);
  }
  return ul;
}

/** The most common first words of a field, each with its share of the values that have one. */
export function openersCard(field) {
  const list = Array.isArray(field.openers) ? field.openers : [];
  if (!list.length) return null;
  const box = subCard("Openers", "openers", `The most common first words, of ${plural(field.openers_total, "value", "values")} that start with words.`);
  box.append(shareList(list, field.openers_total, "text-openers"));
  return box;
}

/** The languages detected in a field, with their share of the values checked. */
export function languagesCard(field) {
  const list = Array.isArray(field.languages) ? field.languages : [];
  if (!list.length) return null;
  const box = subCard("Languages", "languages", `Of ${plural(field.language_checked, "value", "values")} checked.`);
  box.append(shareList(list, field.language_checked, "text-languages"));
  return box;
}

/**
 * Duplicates of a field: exact copies after normalisation, near-duplicate pairs and clusters,
 * and the most similar pairs side by side (line ↔ line and the estimate; the lines are not
 * re-read: each links to the near-duplicates finding, whose evidence names them).
 */
export function duplicatesCard(field, items) {
  const d = field.duplicates;
  if (!d) return null;
  const links = fieldFindings(items, FIGURE_CHECK.duplicates, field.column);
  const sampled = d.not_sampled > 0 ? `; ${plural(d.not_sampled, "value", "values")} past the sample were not compared` : "";
  const box = subCard(
    "Duplicates",
    "duplicates",
    `Near: estimated Jaccard similarity of ${fmtInt(d.shingle_words)}-word shingles at least ${fmtNum(d.threshold)}, over ${plural(d.examined, "value", "values")}${sampled}.`,
  );
  box.setAttribute("data-testid", "text-duplicates");
  const dl = h("dl", "kvs text-kvs");
  const kv = (k, v, title) => {
    const div = h("div", "kv");
    if (title) div.setAttribute("title", title);
    div.append(h("dt", null, k), h("dd", null, v));
    dl.append(div);
  };
  kv("Exact", fmtInt(d.exact), "Values equal to an earlier one after normalisation");
  kv("Near pairs", fmtInt(d.near_pairs));
  kv("Clusters", fmtInt(d.near_clusters));
  kv("Rows in clusters", fmtInt(d.rows_in_clusters));
  box.append(dl);
  const pairs = Array.isArray(d.examples) ? d.examples : [];
  if (pairs.length) {
    const table = testid(h("table", "text-table text-pairs"), "text-pairs");
    const thead = h("thead");
    const tr = h("tr");
    tr.append(th("Line A", "num"), th("", "pair-sep"), th("Line B"), th("Estimated Jaccard", "num"));
    thead.append(tr);
    const tbody = h("tbody");
    const lineCell = (line, cls) => {
      const td = h("td", cls);
      if (links.length) td.append(findingLink(links[0], `line ${fmtInt(line)}`, { plain: true }));
      else td.append(h("span", null, `line ${fmtInt(line)}`));
      return td;
    };
    for (const p of pairs) {
      const row = testid(h("tr"), "text-pair");
      row.setAttribute("data-line-a", String(p.line_a));
      row.setAttribute("data-line-b", String(p.line_b));
      const sep = h("td", "pair-sep", "↔");
      sep.setAttribute("aria-label", "near-duplicate of");
      row.append(lineCell(p.line_a, "num"), sep, lineCell(p.line_b, null), h("td", "num strong", fmtFig(p.estimate)));
      tbody.append(row);
    }
    table.append(thead, tbody);
    const wrap = h("div", "table-scroll text-table-wrap");
    wrap.append(table);
    box.append(wrap);
  }
  if (links.length) {
    const p = h("p", "small text-finding-line");
    p.append(findingLinks(links));
    box.append(p);
  }
  return box;
}

/** The dataset-wide figures of report.text.rows as a small table; null when there are none. */
export function rowsCard(rows, items) {
  if (!rows) return null;
  const box = h("div", "text-rows card");
  box.setAttribute("data-block", "rows");
  const head = h("div", "bias-block-head");
  head.append(h("h3", null, "Across rows"), h("span", "muted small", `${plural(rows.rows, "row", "rows")}`));
  box.append(head);
  const table = testid(h("table", "text-table"), "text-rows");
  const thead = h("thead");
  const tr = h("tr");
  tr.append(th("Figure"), th("Rows", "num"), th("Of", "num"), th("Share", "num"), th("Finding"));
  thead.append(tr);
  const tbody = h("tbody");
  const line = (key, label, title, count, of, links) => {
    const row = testid(h("tr", links.length ? "has-finding" : null), "text-row-figure");
    row.setAttribute("data-kind", key);
    row.setAttribute("data-count", String(count));
    const name = h("td", "strong", label);
    name.setAttribute("title", title);
    const share = of ? count / of : null;
    const fcell = h("td");
    fcell.append(findingLinks(links));
    row.append(name, h("td", "num", fmtInt(count)), h("td", "num muted", of ? fmtInt(of) : "–"), h("td", "num", share === null ? "–" : fmtPct(share)), fcell);
    tbody.append(row);
  };
  const by = (key) => checkFindings(items, ROW_CHECK[key]);
  if (rows.echo_checked > 0) line("echoes", "Answers echoing the prompt", "Answers that start with or mostly repeat their prompt, of the rows compared", rows.echoes, rows.echo_checked, by("echoes"));
  // Prompts are compared for conflicts where rows pair a prompt with an answer (the rows whose
  // echo was checked); the engine sends no count of its own for that.
  if (rows.echo_checked > 0 || rows.conflicting_rows > 0) line("conflicting", "Prompts with different answers", `${plural(rows.conflicting_prompts, "prompt appears", "prompts appear")} with different answers; the count is of the rows in those groups`, rows.conflicting_rows, rows.rows, by("conflicting"));
  if (rows.language_checked > 0) line("language_mismatch", "Answer in another language", "Rows whose answer is in another language than their prompt, of the rows where both were detected", rows.language_mismatch, rows.language_checked, by("language_mismatch"));
  if (rows.chats > 0) line("chat_errors", "Malformed chats", "Chats with a structural error", rows.chat_errors, rows.chats, by("chat_errors"));
  if (rows.pairs > 0) {
    line("identical_pairs", "Identical chosen and rejected", "Preference pairs whose chosen and rejected answers are the same", rows.identical_pairs, rows.pairs, by("identical_pairs"));
    line("chosen_longer", "Chosen answer longer", "Preference pairs whose chosen answer is the longer one", rows.chosen_longer, rows.pairs, by("chosen_longer"));
  }
  table.append(thead, tbody);
  const wrap = h("div", "table-scroll text-table-wrap");
  wrap.append(table);
  box.append(wrap);
  if (rows.pairs > 0 && Number.isFinite(rows.median_length_ratio)) {
    const p = testid(h("p", "small"), "text-length-ratio");
    p.append("Median length ratio, chosen to rejected: ", h("strong", null, fmtFig(rows.median_length_ratio)));
    box.append(p);
  }
  return box;
}


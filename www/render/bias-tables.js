// The Bias section's tables: the groups of a sensitive column, and the intersections, proxies
// and missingness blocks, each a card with a wide table that folds long lists.
import { bar, h, pill, svg, testid } from "./dom.js";
import { severityMark } from "./severity.js";
import { colText, fmtFig, fmtInt, fmtNum, fmtP, fmtRate, fmtShare, quoted, shown, truncate } from "./format.js";
import { belowLine, extremes, fmtValue, isFavourableEntry, isRateEntry, judgedGroups, reason, referenceLine, valueOf } from "./bias-entry.js";
import { disparityFinding, pairFinding } from "./bias-links.js";

function findingLink({ f, i }, text) {
  const b = h("button", "bias-flink");
  b.setAttribute("type", "button");
  b.setAttribute("data-finding-index", String(i));
  b.setAttribute("title", "Open this finding's card in Findings (evidence rows)");
  b.append(text ?? "View");
  const arrow = h("span", null, " ↗");
  arrow.setAttribute("aria-hidden", "true");
  b.append(arrow);
  return b;
}

/**
 * The bias findings of a card, one line each: a link to the finding's card in Findings (where
 * its evidence is), not the card again. The full title shows on hover and wraps on narrow screens.
 */
export function findingsList(items) {
  const ul = testid(h("ul", "bias-findings"), "bias-findings");
  for (const item of items) {
    const li = h("li", `bias-finding sev-${item.f.severity}`);
    li.setAttribute("data-id", item.f.id);
    const b = h("button", "bias-fline");
    b.setAttribute("type", "button");
    b.setAttribute("data-finding-index", String(item.i));
    b.setAttribute("title", `${item.f.title}: open its card in Findings`);
    const arrow = h("span", "bias-farrow", "↗");
    arrow.setAttribute("aria-hidden", "true");
    b.append(severityMark(item.f.severity), h("code", "check-id", item.f.id), h("span", "bias-ftitle", item.f.title), arrow);
    li.append(b);
    ul.append(li);
  }
  return ul;
}

/** Rows shown at first in a long table; the rest behind a "show all" button (no scroll box). */
const ROWS_SHOWN = 8;

/**
 * Hides the rows of a long table past the first ROWS_SHOWN (never a row with a finding) and adds
 * a button that shows them all; the element handles the click (data-action="show-rows").
 */
function limitRows(card, tbody, what) {
  const rows = [...tbody.children];
  let keep = ROWS_SHOWN;
  rows.forEach((r, k) => {
    if (r.classList.contains("has-finding")) keep = Math.max(keep, k + 1);
  });
  if (rows.length <= keep + 2) return;
  for (const r of rows.slice(keep)) {
    r.hidden = true;
    r.classList.add("extra-row");
  }
  const more = testid(h("button", "btn small more-rows", `Show all ${fmtInt(rows.length)} ${what}`), "show-more-rows");
  more.setAttribute("type", "button");
  more.setAttribute("data-action", "show-rows");
  more.setAttribute("aria-expanded", "false");
  more.setAttribute("data-more", `Show all ${fmtInt(rows.length)} ${what}`);
  more.setAttribute("data-less", `Show the first ${fmtInt(keep)}`);
  card.append(more);
}

/**
 * `w`: the section's words (bias-words.js); `classes`: the label's classes (report.roles.label).
 * With no favourable value and a label of two classes, the other class's rate is shown beside
 * the compared one (each class's rate; the rows with a label split between the two).
 */
export function groupTable(name, rep, entries, w, classes = []) {
  const table = testid(h("table", "bias-table"), "bias-table");
  table.setAttribute("data-sensitive", name);
  const cap = h("caption", "vh", `Groups of ${colText(name)}`);
  const thead = h("thead");
  const tr = h("tr");
  tr.append(h("th", null, "Group"), h("th", "num", "Rows"), h("th", "num", "Share"));
  const other = (d) =>
    isRateEntry(d) && !isFavourableEntry(d) && classes.length === 2 && entries.length === 1 ? classes.find((c) => c !== String(d.outcome)) ?? null : null;
  for (const d of entries) {
    const th = h("th", "num", isRateEntry(d) ? `${truncate(d.outcome, 18)} rate` : `Mean ${truncate(d.label, 14)}`);
    th.setAttribute("title", isRateEntry(d) ? `Share of the group's labelled rows whose ${colText(d.label)} is ${quoted(d.outcome)}` : `Mean of ${colText(d.label)} in the group`);
    tr.append(th);
    const o = other(d);
    if (o !== null) {
      const th2 = testid(h("th", "num", `${truncate(o, 18)} rate`), "other-class-rate");
      th2.setAttribute("title", `Share of the group's labelled rows whose ${colText(d.label)} is ${quoted(o)} (the other class)`);
      tr.append(th2);
    }
  }
  thead.append(tr);
  const tbody = h("tbody");
  // Rows: the representation's groups (all of them), with each entry's rate by value.
  const groups = rep ? rep.groups : entries[0]?.groups ?? [];
  const byValue = entries.map((d) => new Map(d.groups.map((g) => [String(g.value), g])));
  for (const g of groups) {
    const row = h("tr", g.too_small ? "small" : null);
    const cell = h("td", "grp");
    cell.append(h("span", "grp-name", shown(g.value)));
    if (g.too_small) {
      const tag = h("span", "tag small-tag", "too small");
      tag.setAttribute("title", `${w.underRows[0].toUpperCase()}${w.underRows.slice(1)}: shown, not judged for disparities`);
      cell.append(" ", tag);
    }
    const share = h("td", "num share");
    share.append(bar(g.share ?? 0, 44, { cls: "share-bar" }), h("span", null, fmtShare(g.share)));
    row.append(cell, h("td", "num", fmtInt(g.count)), share);
    entries.forEach((d, k) => {
      const eg = byValue[k].get(String(g.value));
      const v = eg ? valueOf(d, eg) : null;
      const below = eg && belowLine(d, eg);
      const td = h("td", `num${below ? " below" : ""}`, v === null ? "–" : below ? `▼ ${fmtValue(d, v)}` : fmtValue(d, v));
      const t = reason(d, "impact_ratio")?.threshold ?? w.impact;
      if (below) td.setAttribute("title", `Below the ${w.lineName(t)} (${fmtRate(referenceLine(d))}): disadvantaged`);
      row.append(td);
      if (other(d) !== null) row.append(h("td", "num", v === null ? "–" : fmtValue(d, 1 - v)));
    });
    tbody.append(row);
  }
  table.append(cap, thead, tbody);
  if (rep && rep.unknown > 0) {
    const tfoot = h("tfoot");
    const fr = h("tr");
    const c = h("td", "muted", `${fmtInt(rep.unknown)} ${rep.unknown === 1 ? "row has" : "rows have"} no ${colText(name)} value and ${rep.unknown === 1 ? "is" : "are"} in no group.`);
    c.setAttribute("colspan", String(3 + entries.length + entries.filter((d) => other(d) !== null).length));
    fr.append(c);
    tfoot.append(fr);
    table.append(tfoot);
  }
  const wrap = h("div", `table-scroll bias-table-wrap${groups.length > 14 ? " tall" : ""}`);
  wrap.append(table);
  return wrap;
}

/**
 * A table cell with a bar of `value` out of `max`, marked at `threshold` (null: no mark); the
 * bar is filled as over when the row is a finding (`over`).
 */
function barCell(value, max, threshold, over) {
  const td = h("td", "num barcell");
  const box = bar(value / (max || 1), 64, { cls: "mini-bar", fill: over ? "sb-fill over" : "sb-fill" });
  if (threshold !== null && threshold <= max) {
    const x = String(Math.min(63, (threshold / (max || 1)) * 64).toFixed(1));
    box.append(svg("rect", { class: "sb-threshold", x, y: "0", width: "1.5", height: "8" }));
  }
  td.append(box);
  return td;
}

/** Copies each header's text onto its column's cells (data-label), for the stacked narrow layout. */
function labelCells(table) {
  const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent);
  for (const row of table.querySelectorAll("tbody tr")) {
    [...row.children].forEach((td, i) => td.setAttribute("data-label", heads[i] ?? ""));
  }
  return table;
}

/** A group's figures kept on one line ("0% · 39 rows"): a long group name wraps before them. */
function figs(...nodes) {
  const span = h("span", "grp-figs");
  span.append(...nodes);
  return span;
}

function chipFor(name) {
  const chip = h("button", "chip");
  chip.setAttribute("type", "button");
  chip.setAttribute("data-column", name);
  chip.setAttribute("title", "Show this column's profile");
  chip.append(colText(name));
  return chip;
}

function findingCell(item) {
  const td = h("td", "fcell");
  if (item) td.append(findingLink(item, "finding"));
  else td.append(h("span", "muted", "–"));
  return td;
}

export function blockCard(title, id, count, intro) {
  const card = h("div", "bias-block card");
  const head = h("div", "bias-block-head");
  head.append(h("h3", null, title));
  if (count !== null) head.append(pill(fmtInt(count)));
  card.append(head);
  if (intro) card.append(h("p", "muted small bias-intro", intro));
  card.setAttribute("data-block", id);
  return card;
}

export function intersectionsBlock(report, ctx) {
  const list = Array.isArray(report.intersections) ? report.intersections : [];
  if (!list.length) return null;
  const w = ctx.words;
  const rate = isRateEntry(list[0]);
  const several = new Set(list.map((d) => d.outcome)).size > 1;
  const rows = list.map((d) => ({ d, item: disparityFinding(ctx.findings, d), hi: extremes(d).hi, judged: judgedGroups(d) }));
  // Pairs with a finding first, then the most unequal.
  rows.sort((a, b) => (b.item ? 1 : 0) - (a.item ? 1 : 0) || (rate ? (a.d.impact_ratio ?? 1) - (b.d.impact_ratio ?? 1) : (b.d.smd ?? 0) - (a.d.smd ?? 0)));
  const card = blockCard(
    "Intersections",
    "intersections",
    list.length,
    `Each pair of sensitive columns together; only ${w.judgedShort} are judged. A pair is a finding only where it is more unequal than each of its columns alone.`,
  );
  const table = testid(h("table", "bias-wide"), "intersections-table");
  const thead = h("thead");
  const tr = h("tr");
  tr.append(h("th", null, "Columns"));
  if (several) tr.append(h("th", null, "Outcome"));
  const effect = h("th", "num", rate ? "Impact ratio" : "SMD");
  effect.setAttribute("title", rate ? w.explain.impact : w.explain.smd);
  const judgedTh = h("th", "num", "Judged");
  judgedTh.setAttribute("title", `The ${w.judgedRows}, of all the pair's groups`);
  tr.append(h("th", null, rate ? "Lowest rates" : "Lowest means"), h("th", null, rate ? "Highest rate" : "Highest mean"), effect);
  if (rate) {
    const v = h("th", "num", "Cramér's V");
    v.setAttribute("title", w.explain.v);
    tr.append(v);
  }
  tr.append(judgedTh, h("th", null, "Finding"));
  thead.append(tr);
  const tbody = h("tbody");
  for (const { d, item, hi, judged } of rows) {
    const row = h("tr", item ? "has-finding" : null);
    row.setAttribute("data-sensitive", d.sensitive.join(" & "));
    row.append(h("td", "pair", d.sensitive.map(colText).join(" × ")));
    if (several) row.append(h("td", null, isRateEntry(d) ? shown(d.outcome) : "–"));
    const worst = [...judged].sort((a, b) => valueOf(d, a) - valueOf(d, b)).slice(0, 3);
    const lowCell = h("td", "grps");
    for (const g of worst) {
      const line = h("div", "grp-line");
      line.append(h("span", "grp-name", shown(g.value)), " ", figs(h("strong", null, fmtValue(d, valueOf(d, g))), h("span", "muted", ` · ${fmtInt(g.count)} rows`)));
      lowCell.append(line);
    }
    if (!worst.length) lowCell.append(h("span", "muted", "no group has enough rows"));
    const hiCell = h("td", "grps");
    if (hi) {
      const line = h("div", "grp-line");
      line.append(h("span", "grp-name", shown(hi.value)), " ", figs(h("strong", null, fmtValue(d, valueOf(d, hi))), h("span", "muted", ` · ${fmtInt(hi.count)} rows`)));
      hiCell.append(line);
    }
    row.append(lowCell, hiCell);
    if (rate) {
      const ir = d.impact_ratio;
      // Marked where the engine found it under the threshold in force.
      const td = h("td", `num${isFavourableEntry(d) && reason(d, "impact_ratio")?.holds ? " below" : ""}`, Number.isFinite(ir) ? fmtFig(ir) : "–");
      row.append(td, h("td", "num", fmtFig(d.cramers_v)));
    } else {
      row.append(h("td", "num", fmtFig(d.smd)));
    }
    row.append(h("td", "num", `${fmtInt(judged.length)} of ${fmtInt(d.groups.length)}`), findingCell(item));
    tbody.append(row);
  }
  return finishTable(card, table, thead, tbody, "pairs");
}

/** Puts a block's table in its card, labels its cells for narrow screens, and folds long tables. */
function finishTable(card, table, thead, tbody, unit) {
  table.append(thead, tbody);
  labelCells(table);
  const wrap = h("div", "table-scroll bias-table-wrap");
  wrap.append(table);
  card.append(wrap);
  limitRows(card, tbody, unit);
  return card;
}

export function proxiesBlock(report, ctx) {
  const list = Array.isArray(report.proxies) ? report.proxies : [];
  if (!list.length) return null;
  const w = ctx.words;
  const id = "proxy-for-sensitive";
  const t = w.threshold(id);
  const card = blockCard(
    "Proxies",
    "proxies",
    list.length,
    `How strongly each other column tells the sensitive group: a model can rebuild the group from a strong proxy even without the sensitive column. A finding from ${w.fmtIn(id, t)} (the mark on the bars).`,
  );
  const table = testid(h("table", "bias-wide"), "proxies-table");
  const thead = h("thead");
  const tr = h("tr");
  const measureTh = h("th", null, "Measure");
  measureTh.setAttribute("title", `${w.explain.cramersProxy} ${w.explain.etaProxy}`);
  tr.append(h("th", null, "Column"), h("th", null, "Sensitive"), measureTh, h("th", "num", "Value"), h("th", "num", ""), h("th", null, "Finding"));
  thead.append(tr);
  const tbody = h("tbody");
  const sorted = [...list].sort((a, b) => b.value - a.value);
  for (const p of sorted) {
    const item = pairFinding(ctx.findings, id, [p.column, p.sensitive]);
    const row = h("tr", item ? "has-finding" : null);
    row.setAttribute("data-column", p.column);
    row.setAttribute("data-sensitive", p.sensitive);
    const c = h("td");
    c.append(chipFor(p.column));
    const cramers = String(p.measure).startsWith("cramers_v");
    const m = h(
      "td",
      "muted",
      p.measure === "cramers_v_corrected" ? "Cramér's V (corrected)" : cramers ? "Cramér's V" : p.measure === "correlation_ratio" ? "correlation ratio η" : String(p.measure),
    );
    m.setAttribute("title", cramers ? w.explain.cramersProxy : w.explain.etaProxy);
    row.append(c, h("td", "colref", colText(p.sensitive)), m, h("td", `num strong${item ? " over" : ""}`, fmtFig(p.value)), barCell(p.value, 1, Number.isFinite(t) ? t : null, !!item), findingCell(item));
    tbody.append(row);
  }
  return finishTable(card, table, thead, tbody, "rows");
}

export function missingnessBlock(report, ctx) {
  const list = Array.isArray(report.missingness) ? report.missingness : [];
  if (!list.length) return null;
  const w = ctx.words;
  const id = "missingness-disparity";
  const t = w.threshold(id);
  const { rows: minRows, ratio: minRatio, maxP } = w.missing;
  const also = [minRatio !== null ? `the highest rate at least ${fmtNum(minRatio)} times the lowest` : null, maxP !== null ? `p < ${fmtNum(maxP)} (not chance)` : null].filter(Boolean);
  const sorted = [...list].sort((a, b) => b.difference - a.difference);
  const maxGap = Math.max(...sorted.map((m) => m.difference), Number.isFinite(t) ? t : 0, 0.01);
  const card = blockCard(
    "Missingness by group",
    "missingness",
    list.length,
    `Columns missing more often for some groups${minRows !== null ? ` (groups of ${fmtInt(minRows)}+ rows)` : ""}, largest gap first. A finding from a gap of ${w.fmtIn(id, t)} (the mark on the bars)${also.length ? `, with ${also.join(" and ")}` : ""}.`,
  );
  const table = testid(h("table", "bias-wide"), "missingness-table");
  const thead = h("thead");
  const tr = h("tr");
  const gapTh = h("th", "num", "Gap");
  gapTh.setAttribute("title", "The highest missing rate minus the lowest, in percentage points");
  const ratioTh = h("th", "num", "Ratio");
  ratioTh.setAttribute("title", "The highest missing rate divided by the lowest (– when the lowest is 0%)");
  const pTh = h("th", "num", "p-value");
  pTh.setAttribute("title", "Chi-square test of group against missingness: the chance of gaps this large if missingness did not depend on the group");
  tr.append(h("th", null, "Column"), h("th", null, "By"), h("th", null, "Most missing"), h("th", null, "Least missing"), gapTh, h("th", "num", ""), ratioTh, pTh, h("th", null, "Finding"));
  thead.append(tr);
  const tbody = h("tbody");
  for (const m of sorted) {
    const item = pairFinding(ctx.findings, id, [m.column, m.sensitive]);
    const row = h("tr", item ? "has-finding" : null);
    row.setAttribute("data-column", m.column);
    row.setAttribute("data-sensitive", m.sensitive);
    const hi = m.groups[0];
    const lo = m.groups[m.groups.length - 1];
    const c = h("td");
    c.append(chipFor(m.column));
    const grp = (g) => {
      const td = h("td", "grps");
      if (!g) return td;
      const line = h("div", "grp-line");
      line.append(h("span", "grp-name", shown(g.value)), " ", figs(h("strong", null, fmtRate(g.rate)), h("span", "muted", ` · ${fmtInt(g.missing)} of ${fmtInt(g.count)}`)));
      td.append(line);
      return td;
    };
    row.append(
      c,
      h("td", "colref", colText(m.sensitive)),
      grp(hi),
      grp(lo),
      h("td", `num strong${item ? " over" : ""}`, w.fmtIn(id, m.difference)),
      barCell(m.difference, maxGap, Number.isFinite(t) ? t : null, !!item),
      h("td", "num", Number.isFinite(m.ratio) ? `×${fmtNum(m.ratio)}` : "–"),
      h("td", "num", fmtP(m.p_value)),
      findingCell(item),
    );
    tbody.append(row);
  }
  return finishTable(card, table, thead, tbody, "rows");
}

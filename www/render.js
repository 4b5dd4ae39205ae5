// Pure functions that build the DOM of a datalint report.
//
// THE RULE OF THIS FILE: every dataset value (column names, cell values, titles, messages, file
// names) is untrusted and is only ever displayed as text. Nodes are built with
// document.createElement / createElementNS (SVG), text with textContent, attributes with
// setAttribute under constant attribute names, and trees with append. Never innerHTML,
// outerHTML, insertAdjacentHTML, document.write, or an href/src built from data: the only URLs
// set here are blob: URLs made by URL.createObjectURL (the download links), and that is checked.

const SVG_NS = "http://www.w3.org/2000/svg";

// ---------------------------------------------------------------------------------------------
// Node helpers (constant tag names and attribute names only)

/** An element with an optional class and text. */
export function h(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.setAttribute("class", cls);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** An SVG element with an optional class. */
export function s(tag, cls) {
  const node = document.createElementNS(SVG_NS, tag);
  if (cls) node.setAttribute("class", cls);
  return node;
}

function testid(node, id) {
  node.setAttribute("data-testid", id);
  return node;
}

function part(node, name) {
  node.setAttribute("part", name);
  return node;
}

// ---------------------------------------------------------------------------------------------
// Formatting

const INT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const FRAC1 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const FRAC2 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const SIG3 = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });
const COMPACT = new Intl.NumberFormat("en-US", { notation: "compact", maximumSignificantDigits: 3 });

export function fmtInt(n) {
  return n === null || n === undefined || Number.isNaN(n) ? "–" : INT.format(n);
}

/** A figure for people: thousands separators, a few significant digits, exponent when tiny/huge. */
export function fmtNum(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  const a = Math.abs(x);
  if (Number.isInteger(x) && a < 1e15) return INT.format(x);
  if (a >= 1e9 || (a > 0 && a < 1e-4)) return x.toExponential(2);
  if (a >= 10000) return INT.format(x);
  if (a >= 1000) return FRAC1.format(x);
  if (a >= 1) return FRAC2.format(x);
  return SIG3.format(x);
}

/** A short figure for tight spaces (chart ticks, quantile tables): 27.1K, 1.03M. */
export function fmtShort(x) {
  if (x === null || x === undefined || !Number.isFinite(x)) return fmtNum(x);
  return Math.abs(x) >= 10000 && Math.abs(x) < 1e15 ? COMPACT.format(x) : fmtNum(x);
}

export function fmtPct(share) {
  if (share === null || share === undefined || Number.isNaN(share)) return "–";
  const p = share * 100;
  if (p === 0) return "0%";
  if (p === 100) return "100%";
  if (p < 0.1) return "<0.1%";
  if (p > 99.9) return ">99.9%";
  return `${p < 10 ? p.toFixed(1) : p.toFixed(0)}%`;
}

// ---- Metrics: formatted the way the engine's titles print them ---------------------------------

/**
 * What kind of figure a check's metric is, from the engine's metric name (the registry's words)
 * and, failing that, its magnitude: "share" (a fraction of rows or values, shown in percent),
 * "points" (a difference of two rates, in percentage points), "count" (a whole number of things)
 * or "stat" (a ratio or statistic, a few decimals).
 */
export function metricKind(name, value, threshold) {
  const n = String(name ?? "").toLowerCase();
  if (/\bdifference\b/.test(n) && /\brates?\b/.test(n)) return "points";
  if (/\bshares?\b|\bper non-missing\b|\bfraction\b|\bproportion\b/.test(n)) return "share";
  if (/\bratio\b|\/|\bskewness\b|\bassociation\b|\bcorrelation\b|\bcram/.test(n)) return "stat";
  if (Number.isInteger(value) && Number.isInteger(threshold ?? 0)) return "count";
  return "stat";
}

function trimmed(x, opts) {
  return new Intl.NumberFormat("en-US", { useGrouping: true, ...opts }).format(x);
}

/** One figure of a kind; `extra` adds digits (to tell apart a metric and a threshold that round alike). */
function fmtKind(x, kind, extra = 0) {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  if (kind === "count") return Number.isInteger(x) ? INT.format(x) : fmtKind(x, "stat", extra);
  if (kind === "share" || kind === "points") {
    // Rounded to 12 digits first: 0.07 * 100 is 7.000000000000001.
    const p = Number((x * 100).toPrecision(12));
    const unit = kind === "share" ? "%" : " pts";
    if (p === 0) return `0${unit}`;
    const a = Math.abs(p);
    const body =
      a >= 1 ? trimmed(p, { maximumFractionDigits: 1 + extra }) : trimmed(p, { maximumSignificantDigits: 2 + extra });
    return `${body}${unit}`;
  }
  const a = Math.abs(x);
  if (x === 0) return "0";
  if (a >= 100) return trimmed(x, { maximumFractionDigits: 1 + extra });
  if (a >= 1) return trimmed(x, { maximumFractionDigits: 2 + extra });
  return trimmed(x, { maximumSignificantDigits: 3 + extra });
}

/**
 * A finding's metric and threshold as people read them: shares in percent ("0.0061%", "5.6%"),
 * counts with separators, ratios and statistics with two or three significant decimals; never
 * an exponent. When the two would print alike but differ, both get more digits.
 */
export function fmtMetric(value, threshold, name) {
  const kind = metricKind(name, value, threshold);
  let extra = 0;
  let v = fmtKind(value, kind);
  let t = fmtKind(threshold, kind);
  while (v === t && value !== threshold && extra < 6 && Number.isFinite(value) && Number.isFinite(threshold)) {
    extra += 1;
    v = fmtKind(value, kind, extra);
    t = fmtKind(threshold, kind, extra);
  }
  return { value: v, threshold: t, kind };
}

export function fmtBytes(n) {
  if (n === null || n === undefined || !Number.isFinite(n)) return "–";
  if (n < 1000) return `${fmtInt(n)} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i += 1;
  }
  return `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ${units[i]}`;
}

export function fmtDuration(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "–";
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const sec = ms / 1000;
  if (sec < 60) return `${sec < 10 ? sec.toFixed(1) : sec.toFixed(0)} s`;
  const m = Math.floor(sec / 60);
  const r = Math.round(sec - m * 60);
  if (m < 60) return `${m} min ${r} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

function plural(n, one, many) {
  return `${fmtInt(n)} ${n === 1 ? one : many}`;
}

const DELIMITERS = { ",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe" };

/** A cell value as shown: the exact text, with the empty string made visible. */
function valueNode(value, cls = "val") {
  const text = value === null || value === undefined ? "" : String(value);
  if (text === "") return h("span", `${cls} empty`, "(empty)");
  return h("code", cls, text);
}

function columnName(name) {
  if (name === "") return h("span", "colname empty", "(empty name)");
  return h("span", "colname", name);
}

// ---------------------------------------------------------------------------------------------
// Severity

export const SEVERITIES = ["error", "warning", "info"];
const RANK = { info: 0, warning: 1, error: 2 };
const SEVERITY_WORD = { error: "Error", warning: "Warning", info: "Info" };
const SEVERITY_ICON = { error: "✕", warning: "!", info: "i" };

export function severityBadge(severity) {
  const b = h("span", `badge sev-${severity in RANK ? severity : "info"}`);
  b.setAttribute("data-severity", String(severity));
  const icon = h("span", "badge-icon", SEVERITY_ICON[severity] ?? "i");
  icon.setAttribute("aria-hidden", "true");
  b.append(icon, h("span", "badge-text", SEVERITY_WORD[severity] ?? String(severity)));
  return b;
}

/** How many findings are at or above `level` (error|warning|info). */
export function countAtOrAbove(report, level) {
  const min = RANK[level];
  return report.findings.filter((f) => (RANK[f.severity] ?? 0) >= min).length;
}

// ---------------------------------------------------------------------------------------------
// Verdict (fail-on)

export function renderVerdict(report, failOn) {
  if (!(failOn in RANK)) return null;
  const n = countAtOrAbove(report, failOn);
  const fail = n > 0;
  const box = part(testid(h("div", `verdict ${fail ? "fail" : "pass"}`), "verdict"), "verdict");
  box.setAttribute("data-verdict", fail ? "fail" : "pass");
  const mark = h("span", "verdict-mark", fail ? "✕ Fail" : "✓ Pass");
  const text = h(
    "span",
    "verdict-text",
    fail
      ? `fails: ${plural(n, "finding", "findings")} at or above ${failOn}`
      : `passes: no findings at or above ${failOn}`,
  );
  box.append(mark, text);
  return box;
}

// ---------------------------------------------------------------------------------------------
// Summary

function stat(value, label, cls) {
  const d = h("div", `stat${cls ? ` ${cls}` : ""}`);
  d.append(h("span", "stat-value", value), h("span", "stat-label", label));
  return d;
}

function downloadLink(url, filename, text, id) {
  // Only blob: URLs made by URL.createObjectURL ever become an href.
  if (typeof url !== "string" || !url.startsWith("blob:")) return null;
  const a = part(testid(h("a", "btn small"), id), id);
  a.setAttribute("href", url);
  a.setAttribute("download", filename);
  const icon = h("span", "dl-icon", "↓");
  icon.setAttribute("aria-hidden", "true");
  a.append(icon, text);
  return a;
}

/**
 * The report's header: file, format, counts by severity, input errors, and the downloads.
 * `meta`: { elapsedMs, memoryBytes, failOn, downloads: { json, markdown, jsonName, markdownName } }
 */
export function renderSummary(report, meta = {}) {
  const src = report.source ?? {};
  const sec = part(testid(h("section", "summary card"), "summary"), "summary");
  sec.setAttribute("aria-label", "Summary");

  const top = h("div", "summary-top");
  const titleBox = h("div", "summary-title");
  const name = h("h2", "file-name", src.name ?? "(unnamed input)");
  const facts = [];
  if (src.format) facts.push(String(src.format).toUpperCase());
  if (src.delimiter) facts.push(`${DELIMITERS[src.delimiter] ?? JSON.stringify(src.delimiter)}-delimited`);
  if (src.header === true) facts.push("header row");
  if (src.header === false) facts.push("no header row");
  if (src.encoding) facts.push(String(src.encoding).toUpperCase());
  if (src.compressed) facts.push(`gzip, ${fmtBytes(src.decoded_bytes)} decoded`);
  facts.push(fmtBytes(src.bytes));
  if (Number.isFinite(meta.elapsedMs)) facts.push(`checked in ${fmtDuration(meta.elapsedMs)}`);
  const sub = h("p", "file-facts", facts.join(" · "));
  titleBox.append(name, sub);
  if (report.label !== null && report.label !== undefined) {
    const lab = h("p", "file-facts");
    lab.append("Label column: ", columnName(report.label));
    titleBox.append(lab);
  }
  top.append(titleBox);

  const dl = meta.downloads;
  if (dl) {
    const box = h("div", "downloads");
    const j = downloadLink(dl.json, dl.jsonName, "Download JSON", "download-json");
    const m = downloadLink(dl.markdown, dl.markdownName, "Download Markdown", "download-markdown");
    if (j) box.append(j);
    if (m) box.append(m);
    top.append(box);
  }
  sec.append(top);

  const summary = report.summary ?? { error: 0, warning: 0, info: 0 };
  const stats = h("div", "stats");
  stats.append(
    stat(fmtInt(report.rows), report.rows === 1 ? "row" : "rows"),
    stat(fmtInt(report.columns.length), report.columns.length === 1 ? "column" : "columns"),
  );
  for (const sev of SEVERITIES) {
    const n = summary[sev] ?? 0;
    const word = sev === "error" ? "errors" : sev === "warning" ? "warnings" : "info";
    const t = stat(fmtInt(n), word, `sev sev-${sev}${n ? "" : " zero"}`);
    t.setAttribute("data-severity", sev);
    t.setAttribute("data-count", String(n));
    stats.append(t);
  }
  const ie = stat(fmtInt(report.errors_total ?? 0), "input errors", `inerr${report.errors_total ? "" : " zero"}`);
  ie.setAttribute("data-testid", "input-errors-count");
  stats.append(ie);
  sec.append(stats);

  const notes = [];
  if (report.duplicates && report.duplicates.rows > 0) {
    notes.push(
      `${report.duplicates.exact ? "" : "~"}${plural(report.duplicates.rows, "duplicate row", "duplicate rows")}`,
    );
  }
  if (Number.isFinite(meta.memoryBytes) && meta.memoryBytes > 0) {
    notes.push(`engine memory ${fmtBytes(meta.memoryBytes)}`);
  }
  notes.push(`datalint ${report.datalint}`);
  sec.append(h("p", "summary-notes", notes.join(" · ")));

  if (Array.isArray(report.approximate) && report.approximate.length) {
    const d = h("details", "approx-list");
    d.append(
      h(
        "summary",
        null,
        `≈ ${plural(report.approximate.length, "figure is", "figures are")} approximate (the memory budget was reached)`,
      ),
    );
    const ul = h("ul");
    for (const a of report.approximate) ul.append(h("li", null, a));
    d.append(ul);
    sec.append(d);
  }
  return sec;
}

// ---------------------------------------------------------------------------------------------
// Findings

const COMPARISON_TEXT = { ">": ">", ">=": "≥", "<": "<", "<=": "≤" };

/** A finding's columns as one short line of text: "a, b, c +11 more". */
export function columnsText(columns, max = 3) {
  const cols = Array.isArray(columns) ? columns.map((c) => (c === "" ? "(empty name)" : String(c))) : [];
  if (cols.length <= max) return cols.join(", ");
  return `${cols.slice(0, max).join(", ")} +${fmtInt(cols.length - max)} more`;
}

/** The compact severity mark of a line: the icon shows, the word is for screen readers. */
export function severityMark(severity) {
  const b = severityBadge(severity);
  b.classList.add("mark");
  return b;
}

/** A finding's figure against its threshold, e.g. "missing share = 5.6% (> 1%)". */
function metricLine(f) {
  const m = fmtMetric(f.metric, f.threshold, f.metric_name);
  const metric = part(testid(h("p", "metric"), "metric"), "metric");
  metric.setAttribute("title", `${f.metric_name} = ${f.metric} (fires when ${f.comparison} ${f.threshold})`);
  metric.append(
    h("span", "metric-name", f.metric_name),
    " = ",
    h("strong", "metric-value", m.value),
    " ",
    h("span", "metric-threshold", `(${COMPARISON_TEXT[f.comparison] ?? f.comparison} ${m.threshold})`),
  );
  return metric;
}

/**
 * One finding as a card: its title, its figure against the threshold, its columns and evidence.
 * `index` is its place in report.findings; `sharedExplanation` is the text its check group shows
 * once (the card repeats its own explanation only if it differs).
 */
export function renderFinding(f, index, sharedExplanation) {
  const li = part(testid(h("li", `finding card sev-${f.severity}`), "finding"), "finding");
  li.setAttribute("data-id", f.id);
  li.setAttribute("data-severity", f.severity);
  if (Number.isInteger(index)) li.setAttribute("data-index", String(index));

  const head = h("div", "finding-head");
  head.append(h("h4", "finding-title", f.title));
  if (f.approximate) {
    const ap = h("span", "approx", "≈ approximate");
    ap.setAttribute("title", "This figure comes from a sketch (the memory budget was reached)");
    head.append(ap);
  }
  li.append(head, metricLine(f));

  // One line under the title: the evidence (opens to a full-width table) and the columns.
  const foot = h("div", "finding-foot");
  if (Array.isArray(f.columns) && f.columns.length) {
    const cols = h("div", "finding-columns");
    cols.append(h("span", "muted small", f.columns.length === 1 ? "Column" : "Columns"));
    for (const c of f.columns) {
      const chip = h("button", "chip");
      chip.setAttribute("type", "button");
      chip.setAttribute("data-column", c);
      chip.setAttribute("title", "Show this column's profile");
      chip.append(columnName(c));
      cols.append(chip);
    }
    foot.append(cols);
  }

  const ev = Array.isArray(f.evidence) ? f.evidence : [];
  if (ev.length) {
    const det = part(testid(h("details", "evidence"), "evidence"), "evidence");
    const total = f.evidence_total ?? ev.length;
    const sum = h("summary", null);
    sum.append(h("span", "evidence-label", "Evidence"));
    sum.append(
      h(
        "span",
        "muted",
        total > ev.length
          ? ` · ${plural(ev.length, "row", "rows")} shown, ${fmtInt(total)} in all`
          : ` · ${plural(ev.length, "row", "rows")}`,
      ),
    );
    det.append(sum);
    const table = h("table", "evidence-table");
    const thead = h("thead");
    const tr = h("tr");
    tr.append(h("th", "num", "Line"), h("th", null, "Value"));
    thead.append(tr);
    const tbody = h("tbody");
    for (const e of ev) {
      const row = h("tr");
      const value = h("td", "value-cell");
      value.append(valueNode(e.value));
      row.append(h("td", "num", fmtInt(e.line)), value);
      tbody.append(row);
    }
    table.append(thead, tbody);
    if (total > ev.length) {
      const tfoot = h("tfoot");
      const fr = h("tr");
      const cell = h("td", "muted", `${fmtInt(total)} in all`);
      cell.setAttribute("colspan", "2");
      fr.append(cell);
      tfoot.append(fr);
      table.append(tfoot);
    }
    det.append(table);
    foot.prepend(det);
  }
  if (f.explanation && f.explanation !== sharedExplanation) li.append(h("p", "explanation", f.explanation));
  if (foot.children.length) li.append(foot);
  return li;
}

const SEVERITY_PLURAL = { error: ["error", "errors"], warning: ["warning", "warnings"], info: ["info", "info"] };

/**
 * The overview: one line per finding (severity, check id, title, columns), grouped by severity,
 * each a button that opens its card (data-finding-index; the element does the scrolling).
 */
export function renderOverview(report) {
  const box = part(testid(h("nav", "overview card"), "findings-overview"), "findings-overview");
  box.setAttribute("aria-label", "Overview of the findings");
  const head = h("div", "ov-head");
  head.append(h("h3", null, "Overview"), h("span", "muted small", "one line per finding · select one to open its card"));
  box.append(head);
  for (const sev of SEVERITIES) {
    const items = [];
    report.findings.forEach((f, i) => {
      if (f.severity === sev) items.push([f, i]);
    });
    if (!items.length) continue;
    const group = h("div", `ov-group sev-${sev}`);
    group.setAttribute("data-severity", sev);
    const gh = h("h4", "ov-sev");
    const [one, many] = SEVERITY_PLURAL[sev];
    gh.append(severityBadge(sev), h("span", "ov-count", plural(items.length, one, many)));
    const list = h("ul", "ov-list");
    let prev = null;
    for (const [f, i] of items) {
      const li = h("li");
      const b = testid(h("button", "ov-row"), "overview-row");
      b.setAttribute("type", "button");
      b.setAttribute("data-finding-index", String(i));
      b.setAttribute("data-id", f.id);
      b.setAttribute("title", "Open this finding's card");
      const cols = columnsText(f.columns, 2);
      // A run of the same check: its id is dimmed after the first line, to read as a group.
      b.append(
        severityMark(f.severity),
        h("code", `check-id ov-id${f.id === prev ? " repeat" : ""}`, f.id),
        h("span", "ov-title", f.title),
        h("span", `ov-cols${cols ? "" : " none"}`, cols || "whole file"),
      );
      li.append(b);
      list.append(li);
      prev = f.id;
    }
    group.append(gh, list);
    box.append(group);
  }
  return box;
}

/** Consecutive findings of the same check (the report orders them by severity, then check). */
function checkGroups(findings) {
  const groups = [];
  findings.forEach((f, i) => {
    const last = groups[groups.length - 1];
    if (last && last.id === f.id) last.items.push([f, i]);
    else groups.push({ id: f.id, items: [[f, i]] });
  });
  return groups;
}

/**
 * The Findings section: the overview, then the cards grouped by check, each group saying once
 * what its check looks for and why it matters (the engine's words: `checks` is the worker's
 * check list from its ready message, the explanation is the report's).
 */
export function renderFindings(report, checks = []) {
  const sec = part(testid(h("section", "block findings-block"), "findings-section"), "findings-section");
  sec.setAttribute("aria-label", "Findings");
  sec.setAttribute("data-section", "findings");
  const head = h("div", "block-head");
  head.append(h("h2", null, "Findings"), h("span", "count-pill", fmtInt(report.findings.length)));
  sec.append(head);
  if (report.findings.length) sec.append(renderOverview(report));
  const list = part(testid(h("ol", "findings"), "findings"), "findings");
  if (!report.findings.length) {
    const ok = h("li", "card empty-state");
    ok.append(h("strong", null, "✓ No findings."), " No check crossed its threshold.");
    list.append(ok);
  }
  const metas = new Map((Array.isArray(checks) ? checks : []).map((c) => [c.id, c]));
  for (const g of checkGroups(report.findings)) {
    const first = g.items[0][0];
    const meta = metas.get(g.id);
    const li = part(testid(h("li", `check-group sev-${first.severity}`), "check-group"), "check-group");
    li.setAttribute("data-check", g.id);
    const gh = h("div", "group-head");
    const title = h("h3", "group-id");
    title.append(h("code", null, g.id));
    gh.append(severityBadge(first.severity), title, h("span", "grow"));
    gh.append(h("span", "count-pill", plural(g.items.length, "finding", "findings")));
    li.append(gh);
    const explanation = first.explanation || meta?.why || "";
    if (explanation || meta?.summary) {
      const why = part(testid(h("details", "why"), "check-why"), "check-why");
      const sum = h("summary");
      if (meta?.summary) sum.append(h("span", "why-what", meta.summary), " ");
      if (explanation) sum.append(h("span", "why-toggle", "Why it matters"));
      why.append(sum);
      if (explanation) why.append(h("p", "explanation", explanation));
      li.append(why);
    }
    const cards = h("ol", "group-cards");
    for (const [f, i] of g.items) cards.append(renderFinding(f, i, explanation));
    li.append(cards);
    list.append(li);
  }
  sec.append(list);
  return sec;
}

// ---------------------------------------------------------------------------------------------
// Input errors

export function renderInputErrors(report) {
  const total = report.errors_total ?? 0;
  if (!total) return null;
  const sec = part(testid(h("section", "block"), "input-errors"), "input-errors");
  sec.setAttribute("aria-label", "Input errors");
  sec.setAttribute("data-section", "input-errors");
  const head = h("div", "block-head");
  head.append(h("h2", null, "Input errors"), h("span", "count-pill sev-error", fmtInt(total)));
  sec.append(head);
  const card = h("div", "card table-card");
  const wrap = h("div", "table-scroll");
  const table = h("table", "errors-table");
  const thead = h("thead");
  const tr = h("tr");
  tr.append(h("th", "num", "Line"), h("th", "num", "Byte offset"), h("th", null, "Kind"), h("th", null, "Message"));
  thead.append(tr);
  const tbody = h("tbody");
  for (const e of report.errors) {
    const row = h("tr");
    const kind = h("td");
    kind.append(h("code", null, e.kind));
    row.append(h("td", "num", fmtInt(e.line)), h("td", "num", fmtInt(e.offset)), kind, h("td", "msg", e.message));
    tbody.append(row);
  }
  table.append(thead, tbody);
  wrap.append(table);
  card.append(wrap);
  if (total > report.errors.length) {
    card.append(h("p", "muted small table-note", `The first ${fmtInt(report.errors.length)} are listed; ${fmtInt(total)} in all.`));
  }
  sec.append(card);
  return sec;
}

// ---------------------------------------------------------------------------------------------
// Columns

const NUMERIC_TYPES = new Set(["integer", "float"]);

export function isNumericColumn(col) {
  return NUMERIC_TYPES.has(col.type) && col.mean !== null && col.mean !== undefined;
}

function kv(dl, key, value, title) {
  const d = h("div", "kv");
  if (title) d.setAttribute("title", title);
  d.append(h("dt", null, key), h("dd", null, value));
  dl.append(d);
}

function truncate(text, max) {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}

// The charts have no viewBox: x and widths are percentages and heights are pixels, so they
// stretch to the card's width while their text keeps its size.

function pct(v) {
  return `${(Math.round(v * 1000) / 1000).toString()}%`;
}

/** An SVG histogram from histogram.edges/counts, with a <title> for assistive technology. */
export function histogramChart(col) {
  const hist = col.histogram;
  if (!hist || !Array.isArray(hist.counts) || !hist.counts.length) return null;
  const plotH = 72;
  const H = plotH + 18;
  const n = hist.counts.length;
  const max = Math.max(1, ...hist.counts);
  const svg = part(testid(s("svg", "chart histogram"), "histogram"), "chart");
  svg.setAttribute("width", "100%");
  svg.setAttribute("height", String(H));
  svg.setAttribute("role", "img");
  const total = hist.counts.reduce((a, b) => a + b, 0);
  const title = s("title");
  title.textContent =
    `Histogram of ${col.name === "" ? "(empty name)" : col.name}: ${fmtInt(total)} values from ` +
    `${fmtNum(hist.edges[0])} to ${fmtNum(hist.edges[hist.edges.length - 1])} in ${n} bins` +
    `${hist.exact ? "" : " (approximate)"}`;
  svg.append(title);
  const bw = 100 / n;
  for (let i = 0; i < n; i += 1) {
    const c = hist.counts[i];
    const bh = c === 0 ? 0 : Math.max(2, (c / max) * plotH);
    const g = s("g", "bin");
    const t = s("title");
    t.textContent = `${fmtNum(hist.edges[i])} to ${fmtNum(hist.edges[i + 1])}: ${fmtInt(c)}`;
    const hit = s("rect", "bin-hit");
    hit.setAttribute("x", pct(i * bw));
    hit.setAttribute("y", "0");
    hit.setAttribute("width", pct(bw));
    hit.setAttribute("height", String(plotH));
    const r = s("rect", "bar");
    r.setAttribute("x", pct(i * bw));
    r.setAttribute("y", String(plotH - bh));
    r.setAttribute("width", pct(bw));
    r.setAttribute("height", String(bh));
    g.append(t, hit, r);
    svg.append(g);
  }
  const axis = s("line", "axis");
  axis.setAttribute("x1", "0");
  axis.setAttribute("x2", "100%");
  axis.setAttribute("y1", String(plotH + 0.5));
  axis.setAttribute("y2", String(plotH + 0.5));
  svg.append(axis);
  const lo = s("text", "tick");
  lo.setAttribute("x", "0");
  lo.setAttribute("y", String(H - 3));
  lo.textContent = fmtShort(hist.edges[0]);
  const hi = s("text", "tick");
  hi.setAttribute("x", "100%");
  hi.setAttribute("y", String(H - 3));
  hi.setAttribute("text-anchor", "end");
  hi.textContent = fmtShort(hist.edges[hist.edges.length - 1]);
  svg.append(lo, hi);
  return svg;
}

/** Horizontal SVG bars of the top values, with a <title> and a <desc> listing them. */
export function topValuesChart(col, rows) {
  const top = Array.isArray(col.top) ? col.top : [];
  if (!top.length) return null;
  const rowH = 20;
  const labelW = 40; // % of the width for the value
  const countW = 16; // % for the count
  const barMax = 100 - labelW - countW;
  const max = Math.max(1, ...top.map((t) => t[1]));
  const base = col.present - col.missing > 0 ? col.present - col.missing : rows;
  const svg = part(testid(s("svg", "chart bars"), "top-values-chart"), "chart");
  svg.setAttribute("width", "100%");
  svg.setAttribute("height", String(top.length * rowH));
  svg.setAttribute("role", "img");
  const title = s("title");
  title.textContent = `Most common values of ${col.name === "" ? "(empty name)" : col.name}${col.top_exact ? "" : " (approximate counts)"}`;
  const desc = s("desc");
  desc.textContent = top.map(([v, c]) => `${v === "" ? "(empty)" : v}: ${fmtInt(c)}`).join("; ");
  svg.append(title, desc);
  top.forEach(([value, count], i) => {
    const y = i * rowH;
    const g = s("g", "bar-row");
    const t = s("title");
    t.textContent = `${value === "" ? "(empty)" : value}: ${fmtInt(count)} (${fmtPct(base ? count / base : 0)})`;
    const label = s("text", value === "" ? "bar-label empty" : "bar-label");
    label.setAttribute("x", "0");
    label.setAttribute("y", String(y + 14));
    label.textContent = value === "" ? "(empty)" : truncate(value.replace(/\s+/g, " "), 16);
    const track = s("rect", "track");
    track.setAttribute("x", pct(labelW));
    track.setAttribute("y", String(y + 4));
    track.setAttribute("width", pct(barMax));
    track.setAttribute("height", "12");
    track.setAttribute("rx", "2");
    const bar = s("rect", "bar");
    bar.setAttribute("x", pct(labelW));
    bar.setAttribute("y", String(y + 4));
    bar.setAttribute("width", pct(Math.max(0.6, (count / max) * barMax)));
    bar.setAttribute("height", "12");
    bar.setAttribute("rx", "2");
    const num = s("text", "bar-count");
    num.setAttribute("x", "100%");
    num.setAttribute("y", String(y + 14));
    num.setAttribute("text-anchor", "end");
    num.textContent = fmtInt(count);
    g.append(t, label, track, bar, num);
    svg.append(g);
  });
  return svg;
}

/** One column's profile as a card. */
export function renderColumn(col, report) {
  const rows = report.rows;
  const card = part(testid(h("article", "column card"), "column-card"), "column-card");
  card.setAttribute("data-column", col.name);
  card.setAttribute("data-type", col.type);

  const head = h("header", "column-head");
  const name = h("h3", "column-name");
  name.append(columnName(col.name));
  head.append(name);
  const tags = h("div", "tags");
  tags.append(h("span", `type type-${col.type}`, col.type));
  if (report.label !== null && report.label !== undefined && report.label === col.name) {
    tags.append(h("span", "type label-tag", "label"));
  }
  head.append(tags);
  card.append(head);

  // Missing share, as a number and a thin bar.
  const miss = h("div", "missing");
  const share = col.missing_share ?? 0;
  const missText = h("div", "missing-text");
  if (col.missing > 0) {
    missText.append(
      h("span", "strong", `${fmtPct(share)} missing`),
      h("span", "muted", ` · ${fmtInt(col.missing)} of ${fmtInt(col.present)}`),
    );
  } else {
    missText.append(h("span", "muted", `No missing values · ${fmtInt(col.present)} present`));
  }
  const tokens = Object.entries(col.missing_tokens ?? {}).filter(([, c]) => c > 0);
  if (tokens.length) {
    const tk = h("span", "muted tokens");
    tk.append(" (");
    tokens.forEach(([tok, c], i) => {
      if (i) tk.append(", ");
      tk.append(valueNode(tok, "val small-val"), ` ×${fmtInt(c)}`);
    });
    tk.append(")");
    missText.append(tk);
  }
  const meter = s("svg", "meter");
  meter.setAttribute("viewBox", "0 0 100 4");
  meter.setAttribute("preserveAspectRatio", "none");
  meter.setAttribute("aria-hidden", "true");
  const track = s("rect", "meter-track");
  track.setAttribute("width", "100");
  track.setAttribute("height", "4");
  const fill = s("rect", "meter-fill");
  fill.setAttribute("width", Math.min(100, Math.max(share > 0 ? 1 : 0, share * 100)).toFixed(2));
  fill.setAttribute("height", "4");
  meter.append(track, fill);
  miss.append(missText, meter);
  card.append(miss);

  const dl = h("dl", "kvs");
  kv(dl, "distinct", `${col.distinct_exact ? "" : "~"}${fmtInt(col.distinct)}`, col.distinct_exact ? null : "estimated (HyperLogLog)");
  const numeric = isNumericColumn(col);
  if (numeric) {
    kv(dl, "min", fmtNum(col.min));
    kv(dl, "mean", fmtNum(col.mean));
    kv(dl, "max", fmtNum(col.max));
    kv(dl, "std", fmtNum(col.std));
    if (col.skewness !== null && col.skewness !== undefined) kv(dl, "skew", fmtNum(col.skewness));
    if (col.zeros) kv(dl, "zeros", fmtInt(col.zeros));
    if (col.negatives) kv(dl, "negative", fmtInt(col.negatives));
  } else if (col.length) {
    kv(dl, "length", `${fmtInt(col.length.min)}–${fmtInt(col.length.max)}`, `mean ${fmtNum(col.length.mean)} characters`);
  }
  if (col.whitespace) kv(dl, "padded", fmtInt(col.whitespace), "values with leading or trailing whitespace");
  if (col.overflow) kv(dl, "overflow", fmtInt(col.overflow));
  card.append(dl);

  if (numeric && col.quantiles && Object.keys(col.quantiles).length) {
    const q = h("table", "quantiles");
    const hr = h("tr");
    const vr = h("tr");
    const order = Object.keys(col.quantiles).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    for (const k of order) {
      hr.append(h("th", null, k));
      const cell = h("td", null, fmtShort(col.quantiles[k]));
      cell.setAttribute("title", fmtNum(col.quantiles[k]));
      vr.append(cell);
    }
    const thead = h("thead");
    thead.append(hr);
    const tbody = h("tbody");
    tbody.append(vr);
    q.append(thead, tbody);
    const box = h("div", "quantiles-box");
    const wrap = h("div", "table-scroll");
    wrap.append(q);
    box.append(h("span", "label", col.quantiles_exact ? "Quantiles" : "Quantiles (approximate)"), wrap);
    card.append(box);
  }

  const chart = numeric ? histogramChart(col) : topValuesChart(col, rows);
  if (chart) {
    const fig = h("figure", "chart-box");
    if (numeric) {
      fig.append(h("figcaption", "label", col.histogram.exact ? "Distribution" : "Distribution (approximate)"));
    } else {
      fig.append(h("figcaption", "label", col.top_exact ? "Most common values" : "Most common values (approximate counts)"));
    }
    fig.append(chart);
    card.append(fig);
  }

  if (numeric && Array.isArray(col.top) && col.top.length) {
    const box = h("div", "top-inline");
    box.append(h("span", "label", "Most common"));
    const list = h("ul", "pairs");
    for (const [v, c] of col.top.slice(0, 6)) {
      const li = h("li", "pair");
      li.append(valueNode(v, "val small-val"), h("span", "muted", ` ×${fmtInt(c)}`));
      list.append(li);
    }
    box.append(list);
    card.append(box);
  }
  if (!chart && col.type === "empty") card.append(h("p", "muted small", "Every value is missing."));
  return card;
}

export function renderColumnsHead(report) {
  const head = h("div", "block-head");
  head.append(h("h2", null, "Columns"), h("span", "count-pill", fmtInt(report.columns.length)));
  return head;
}

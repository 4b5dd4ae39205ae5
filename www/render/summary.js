// The report's header (file, format, counts, downloads) and the fail-on verdict above it.
import { h, part, testid, columnName } from "./dom.js";
import { fmtBytes, fmtDuration, fmtInt, plural } from "./format.js";
import { RANK, SEVERITIES, countAtOrAbove } from "./severity.js";

const DELIMITERS = { ",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe" };

/** The pass/fail line for a fail-on level, or null when the level is not one. */
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
  if (src.format_reason) {
    // Why the file was read in its format, in the engine's words.
    const why = testid(h("p", "file-facts format-reason", `Read as ${String(src.format ?? "").toUpperCase()}: ${src.format_reason}`), "format-reason");
    titleBox.append(why);
  }
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

  // The engine's notes on the roles: a label proposed rather than given (and the cap on what
  // rests on it), a proposed label dropped, which class was compared, the favourable value.
  if (Array.isArray(report.notes) && report.notes.length) {
    const ul = testid(h("ul", "role-notes"), "report-notes");
    for (const n of report.notes) ul.append(h("li", "muted small", String(n)));
    sec.append(ul);
  }

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


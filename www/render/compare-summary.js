// The comparison's header: the two files, the scores, how many columns drift, the copy rate,
// the findings by severity, the downloads and the engine's notes; and the Schema section (the
// columns only one file has, or that changed type).
import { button, h, part, testid } from "./dom.js";
import { fmtBytes, fmtDuration, fmtInt, fmtShare, plural } from "./format.js";
import { SEVERITIES } from "./severity.js";
import { figure, section, table } from "./compare-table.js";

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

/** One file's line: its name, size, rows, columns and its own findings. */
function fileLine(role, r) {
  const src = r?.source ?? {};
  const p = testid(h("p", "cmp-file"), `${role}-facts`);
  const s = r?.summary ?? {};
  p.append(
    h("span", `cmp-role ${role}`, role === "reference" ? "Reference" : "Candidate"),
    h("strong", "cmp-file-name", src.name ?? "(unnamed input)"),
    h(
      "span",
      "muted",
      ` · ${fmtBytes(src.bytes)} · ${plural(r?.rows ?? 0, "row", "rows")} · ${plural(r?.columns?.length ?? 0, "column", "columns")} · its own check: ${plural(s.error ?? 0, "error", "errors")}, ${plural(s.warning ?? 0, "warning", "warnings")}, ${fmtInt(s.info ?? 0)} info`,
    ),
  );
  return p;
}

const score = (x) => (Number.isFinite(x) ? `${x.toFixed(1)}%` : "–");

/**
 * The header. `meta`: { elapsedMs, memoryBytes, downloads: { json, markdown, jsonName,
 * markdownName } }; the "Copy Markdown" button is data-action="copy-markdown" (the element
 * handles it).
 */
export function renderCompareSummary(report, meta = {}) {
  const sec = part(testid(h("section", "summary card cmp-summary"), "compare-summary"), "summary");
  sec.setAttribute("aria-label", "Summary");
  sec.setAttribute("data-section", "summary");
  const top = h("div", "summary-top");
  const title = h("div", "summary-title");
  title.append(h("h2", "file-name", "Comparison"), fileLine("reference", report.reference), fileLine("candidate", report.candidate));
  if (Number.isFinite(meta.elapsedMs)) title.append(h("p", "file-facts", `compared in ${fmtDuration(meta.elapsedMs)}`));
  top.append(title);
  const dl = meta.downloads;
  if (dl) {
    const box = h("div", "downloads");
    const j = downloadLink(dl.json, dl.jsonName, "Download JSON", "download-json");
    const m = downloadLink(dl.markdown, dl.markdownName, "Download Markdown", "download-markdown");
    if (j) box.append(j);
    if (m) box.append(m);
    const copy = button("Copy Markdown", "btn small", "copy-markdown");
    copy.setAttribute("data-action", "copy-markdown");
    box.append(copy);
    top.append(box);
  }
  sec.append(top);

  const sc = report.scores ?? {};
  const stats = testid(h("div", "stats"), "compare-stats");
  const overall = figure(score(sc.overall), "quality score");
  overall.setAttribute("data-testid", "score-overall");
  stats.append(overall, figure(score(sc.column_shapes), "column shapes"), figure(score(sc.column_pair_trends), "column pair trends"));
  const [nd, nt] = Array.isArray(report.drifted) ? report.drifted : [0, 0];
  const drift = figure(`${fmtInt(nd)} of ${fmtInt(nt)}`, "columns drift", nd ? "cmp-bad" : null);
  drift.setAttribute("data-testid", "drifted-count");
  stats.append(drift);
  if (report.copies) {
    const fired = (report.findings ?? []).some((f) => f.id === "copied-rows");
    stats.append(figure(fmtShare(report.copies.rate), "rows copied", fired ? "cmp-bad" : null));
  }
  const summary = report.summary ?? {};
  for (const sev of SEVERITIES) {
    const n = summary[sev] ?? 0;
    const word = sev === "error" ? "errors" : sev === "warning" ? "warnings" : "info";
    const t = figure(fmtInt(n), word, `sev sev-${sev}${n ? "" : " zero"}`);
    t.setAttribute("data-severity", sev);
    t.setAttribute("data-count", String(n));
    stats.append(t);
  }
  sec.append(stats);
  if (sc.method) sec.append(h("p", "summary-notes", `Scores: ${sc.method}.`));
  const notes = [];
  if (Number.isFinite(meta.memoryBytes) && meta.memoryBytes > 0) notes.push(`engine memory ${fmtBytes(meta.memoryBytes)}`);
  notes.push(`datalint ${report.datalint}`);
  sec.append(h("p", "summary-notes", notes.join(" · ")));
  if (Array.isArray(report.notes) && report.notes.length) {
    const ul = testid(h("ul", "role-notes"), "report-notes");
    for (const n of report.notes) ul.append(h("li", "muted small", String(n)));
    sec.append(ul);
  }
  return sec;
}

const CHANGE = { missing: "only in the reference", extra: "only in the candidate", retyped: "type changed" };

/** The Schema section, or null when both files have the same columns of the same types. */
export function renderCompareSchema(report) {
  const schema = Array.isArray(report.schema) ? report.schema : [];
  if (!schema.length) return null;
  const sec = section("schema", "Schema", fmtInt(schema.length));
  const rows = schema.map((c) => {
    const name = h("span");
    name.append(h("code", "val", c.column === "" ? "(empty name)" : String(c.column)));
    return [name, CHANGE[c.change] ?? c.change, c.reference_type ?? "–", c.candidate_type ?? "–", { text: fmtInt(c.line), cls: "num" }];
  });
  sec.append(testid(table(["Column", "Change", "Reference type", "Candidate type", ["Line", "num"]], rows), "schema-table"));
  return sec;
}

// The Findings section: the overview (one line per finding), then the cards grouped by check.
import { h, part, testid, valueNode, columnName } from "./dom.js";
import { fmtInt, fmtMetric, plural } from "./format.js";
import { SEVERITIES, severityBadge, severityMark } from "./severity.js";

const COMPARISON_TEXT = { ">": ">", ">=": "≥", "<": "<", "<=": "≤" };

/** A finding's columns as one short line of text: "a, b, c +11 more". */
export function columnsText(columns, max = 3) {
  const cols = Array.isArray(columns) ? columns.map((c) => (c === "" ? "(empty name)" : String(c))) : [];
  if (cols.length <= max) return cols.join(", ");
  return `${cols.slice(0, max).join(", ")} +${fmtInt(cols.length - max)} more`;
}

/** A finding's figure against its threshold, e.g. "missing share = 5.6% (> 1%)". */
function metricLine(f) {
  const m = fmtMetric(f.metric, f.threshold, f.unit);
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


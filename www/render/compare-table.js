// A plain table for the comparison's sections: header cells and rows of cells, each cell a
// string (set as text) or a node; cells whose text is a figure are right-aligned (class num).
import { h } from "./dom.js";

/**
 * `head`: [text | [text, "num"]]; `rows`: arrays of cells, a cell a string, a node, or
 * { node | text, cls }. Returns the <table> in a horizontally scrolling box.
 */
export function table(head, rows, cls = "cmp-table") {
  const t = h("table", cls);
  const thead = h("thead");
  const tr = h("tr");
  for (const c of head) {
    const [text, cellCls] = Array.isArray(c) ? c : [c, null];
    const th = h("th", cellCls, text);
    th.setAttribute("scope", "col");
    tr.append(th);
  }
  thead.append(tr);
  const tbody = h("tbody");
  for (const r of rows) {
    const row = h("tr");
    for (const c of r) row.append(cell(c));
    tbody.append(row);
  }
  t.append(thead, tbody);
  const box = h("div", "table-scroll");
  box.append(t);
  return box;
}

function cell(c) {
  if (c instanceof Node) {
    const td = h("td");
    td.append(c);
    return td;
  }
  if (c && typeof c === "object") {
    const td = h("td", c.cls ?? null, c.node ? undefined : c.text);
    if (c.node) td.append(c.node);
    return td;
  }
  return h("td", null, c === null || c === undefined ? "–" : String(c));
}

/** A labelled figure for a row of stats: the value large, its label small. */
export function figure(value, label, cls) {
  const d = h("div", `stat${cls ? ` ${cls}` : ""}`);
  d.append(h("span", "stat-value", value), h("span", "stat-label", label));
  return d;
}

/** A section with a heading (h2) and a count, the way the check's sections look. */
export function section(name, title, count) {
  const sec = h("section", `block cmp-${name}`);
  sec.setAttribute("data-section", name);
  sec.setAttribute("data-testid", `compare-${name}`);
  sec.setAttribute("aria-label", title);
  const head = h("div", "block-head");
  head.append(h("h2", null, title));
  if (count !== undefined && count !== null) head.append(h("span", "count-pill", String(count)));
  sec.append(head);
  return sec;
}

// The Input errors section: the lines the reader skipped, with their positions.
import { h, part, testid } from "./dom.js";
import { fmtInt } from "./format.js";

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
    const kinds = Object.entries(report.errors_by_kind ?? {}).map(([k, n]) => `${k} ${fmtInt(n)}`).join(", ");
    card.append(h("p", "muted small table-note", `The first of each kind are listed; ${fmtInt(total)} in all (${kinds}).`));
  }
  sec.append(card);
  return sec;
}


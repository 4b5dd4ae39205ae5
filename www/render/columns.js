// The Columns section: one card per column profile.
import { bar, h, part, testid, valueNode, columnName } from "./dom.js";
import { fmtInt, fmtNum, fmtPct, fmtShort } from "./format.js";
import { histogramChart, topValuesChart } from "./charts.js";

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
  const meter = bar(share, 100, { cls: "meter", height: 4, track: "meter-track", fill: "meter-fill", digits: 2, stretch: true });
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

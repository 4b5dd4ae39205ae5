// The comparison's Columns section: one row per shared column with the test its drift verdict
// reads (the engine's verdict, figure and threshold), the other figures, and the two shapes
// overlaid (compare-charts.js).
import { columnName, h, testid } from "./dom.js";
import { fmtFig, fmtInt, fmtP, fmtPct, fmtPoints, plural, shown, truncate } from "./format.js";
import { shapeChart, shapeLegend } from "./compare-charts.js";
import { section } from "./compare-table.js";

const COMPARISON_TEXT = { ">": ">", ">=": "≥", "<": "<", "<=": "≤" };
const FIGURE_NAMES = {
  ks_p: "KS p",
  chi2_p: "χ² p",
  wasserstein_norm: "Wasserstein (normalised)",
  js: "Jensen-Shannon",
  ks: "KS D",
  psi: "PSI",
  tvd: "TVD",
};

/** A figure by its field name: p-values as the engine prints them, the rest to 3 digits. */
function fig(by, x) {
  return by.endsWith("_p") ? fmtP(x) : fmtFig(x);
}

function driftCell(col) {
  const d = col.drift ?? {};
  const box = h("div", "cmp-drift");
  const verdict = h("span", `cmp-verdict ${d.drifted ? "drifted" : "same"}`, d.drifted ? "drifts" : "no drift");
  box.append(verdict);
  const name = FIGURE_NAMES[d.by] ?? d.by ?? "";
  const line = h("span", "cmp-drift-figure small");
  line.append(`${name} = `, h("strong", null, fig(d.by ?? "", d.value)), ` (drifts when ${COMPARISON_TEXT[d.comparison] ?? d.comparison} ${fig(d.by ?? "", d.threshold)})`);
  box.append(line);
  return box;
}

function pairs(dl, items) {
  for (const [label, value] of items) {
    if (value === null || value === undefined || value === "") continue;
    const dd = h("dd");
    if (value instanceof Node) dd.append(value);
    else dd.textContent = String(value);
    dl.append(h("dt", null, label), dd);
  }
}

/** "reference → candidate" for a pair of figures. */
const arrow = (a, b, f) => `${f(a)} → ${f(b)}`;

function figures(col) {
  const dl = h("dl", "cmp-figs");
  if (col.kind === "numeric") {
    pairs(dl, [
      ["KS D", col.ks === null ? null : `${fmtFig(col.ks)} (p ${fmtP(col.ks_p)}, ${col.ks_method ?? "–"})`],
      ["Wasserstein", col.wasserstein_norm === null ? null : `${fmtFig(col.wasserstein_norm)} of the range`],
      ["PSI", col.psi === null ? null : fmtFig(col.psi)],
      ["Mean shift", col.mean_shift === null ? null : `${fmtFig(col.mean_shift)} std`],
      ["Std ratio", col.std_ratio === null ? null : fmtFig(col.std_ratio)],
      ["Range covered", col.range_coverage === null ? null : fmtPct(col.range_coverage)],
      ["Outside the range", col.outside_share === null ? null : fmtPct(col.outside_share)],
      ["Outside p5–p95", Array.isArray(col.tail) ? arrow(col.tail[0], col.tail[1], fmtPct) : null],
    ]);
  } else {
    const lost = Array.isArray(col.lost_categories) && col.lost_categories.length ? h("span", "cmp-lost") : null;
    if (lost) {
      // A few, each cut short (the whole value in its tooltip); the engine lists at most 10.
      col.lost_categories.slice(0, 3).forEach((v, i) => {
        if (i) lost.append(" ");
        const code = h("code", "val", truncate(shown(v), 32));
        code.setAttribute("title", shown(v));
        lost.append(code);
      });
      if (col.lost_categories.length > 3) lost.append(` +${fmtInt(col.lost_categories.length - 3)} more`);
    }
    pairs(dl, [
      ["TVD", col.tvd === null ? null : fmtFig(col.tvd)],
      ["Jensen-Shannon", col.js === null ? null : fmtFig(col.js)],
      ["χ² p", col.chi2_p === null ? null : fmtP(col.chi2_p)],
      ["Categories kept", col.category_coverage === null ? null : fmtPct(col.category_coverage)],
      ["In new categories", col.new_share === null ? null : fmtPct(col.new_share)],
      ["Lost", lost],
    ]);
  }
  if (Array.isArray(col.top)) {
    const top = h("span");
    const code = h("code", "val", truncate(shown(col.top[0]), 32));
    code.setAttribute("title", shown(col.top[0]));
    top.append(code, ` ${fmtPct(col.top[2])} → ${fmtPct(col.top[1])}`);
    pairs(dl, [["Top value", top]]);
  }
  pairs(dl, [
    ["Distinct", Array.isArray(col.distinct) ? `${fmtFig(col.distinct[1])} → ${fmtFig(col.distinct[0])} at equal size` : null],
    ["Missing change", fmtPoints(col.missing_change)],
  ]);
  if (col.exact === false) pairs(dl, [["Figures", "≈ approximate (sketches)"]]);
  return dl;
}

/** The Columns section, or null when no column was compared. */
export function renderCompareColumns(report) {
  const cols = Array.isArray(report.columns) ? report.columns : [];
  if (!cols.length) return null;
  const drifted = Array.isArray(report.drifted) ? report.drifted : [cols.filter((c) => c.drift?.drifted).length, cols.length];
  const sec = section("columns", "Columns", `${fmtInt(drifted[0])} of ${fmtInt(drifted[1])} drift`);
  const intro = h("p", "muted small", "Each column's reference and candidate values, by the test its verdict reads. Shapes: the reference's share per bin or category, the candidate's over it.");
  sec.append(intro, shapeLegend());
  const t = testid(h("table", "cmp-table cmp-columns"), "compare-columns-table");
  const thead = h("thead");
  const hr = h("tr");
  for (const name of ["Column", "Drift", "Figures (reference → candidate)", "Shapes"]) {
    const th = h("th", null, name);
    th.setAttribute("scope", "col");
    hr.append(th);
  }
  thead.append(hr);
  const tbody = h("tbody");
  for (const col of cols) {
    const tr = testid(h("tr", `cmp-col${col.drift?.drifted ? " drifted" : ""}`), "compare-column");
    tr.setAttribute("data-column", col.name);
    tr.setAttribute("data-kind", col.kind);
    tr.setAttribute("data-drifted", col.drift?.drifted ? "true" : "false");
    const name = h("th", "cmp-col-name");
    name.setAttribute("scope", "row");
    name.append(columnName(col.name), h("span", "muted small cmp-kind", `${col.kind} · ${col.test}`));
    name.append(h("span", "muted small cmp-kind", `${plural(col.n_reference, "value", "values")} → ${fmtInt(col.n_candidate)}`));
    const drift = h("td");
    drift.append(driftCell(col));
    const figs = h("td");
    figs.append(figures(col));
    const chart = h("td", "cmp-shape");
    const c = shapeChart(col);
    if (c) chart.append(c);
    else chart.append(h("span", "muted small", "no shapes"));
    tr.append(name, drift, figs, chart);
    tbody.append(tr);
  }
  t.append(thead, tbody);
  const scroll = h("div", "table-scroll card table-card");
  scroll.append(t);
  sec.append(scroll);
  return sec;
}

// The comparison's shape charts: a column's reference and candidate shares overlaid, over the
// engine's bin edges (numbers) or side by side per category (categories), as inline SVG. No
// viewBox: x and widths are percentages and heights pixels, as in charts.js.
import { h, s, svg, svgPercent as pct, testid } from "./dom.js";
import { colText, fmtPct, fmtShort, shown, truncate } from "./format.js";

const PLOT_H = 64;
const TICK_H = 16;

function titled(node, text) {
  const t = s("title");
  t.textContent = text;
  node.append(t);
  return node;
}

/** The legend the charts share: which colour is which file. */
export function shapeLegend() {
  const box = h("p", "cmp-legend small");
  const ref = h("span", "cmp-swatch ref");
  const cand = h("span", "cmp-swatch cand");
  ref.setAttribute("aria-hidden", "true");
  cand.setAttribute("aria-hidden", "true");
  box.append(ref, "reference ", cand, "candidate");
  return box;
}

/** The two share series over bin edges: the reference filled, the candidate over it. */
function overlaidHistogram(col, shapes) {
  const n = Math.min(shapes.reference.length, shapes.candidate.length, shapes.edges.length - 1);
  if (n < 1) return null;
  const edges = shapes.edges;
  const max = Math.max(1e-12, ...shapes.reference.slice(0, n), ...shapes.candidate.slice(0, n));
  const box = testid(svg("svg", { class: "chart cmp-chart cmp-hist", width: "100%", height: PLOT_H + TICK_H, role: "img" }), "compare-histogram");
  box.setAttribute("data-column", col.name);
  titled(box, `${colText(col.name)}: shares of the reference and the candidate in ${n} bins from ${fmtShort(edges[0])} to ${fmtShort(edges[n])}`);
  const bw = 100 / n;
  const height = (v) => (v > 0 ? Math.max(1, (v / max) * PLOT_H) : 0);
  for (let i = 0; i < n; i += 1) {
    const r = shapes.reference[i];
    const c = shapes.candidate[i];
    const g = svg("g", { class: "cmp-bin" });
    titled(g, `${fmtShort(edges[i])} to ${fmtShort(edges[i + 1])}: reference ${fmtPct(r)}, candidate ${fmtPct(c)}`);
    g.append(
      svg("rect", { class: "bin-hit", x: pct(i * bw), y: 0, width: pct(bw), height: PLOT_H }),
      svg("rect", { class: "ref", x: pct(i * bw), y: PLOT_H - height(r), width: pct(bw), height: height(r) }),
      svg("rect", { class: "cand", x: pct(i * bw + bw * 0.2), y: PLOT_H - height(c), width: pct(bw * 0.6), height: height(c) }),
    );
    box.append(g);
  }
  box.append(svg("line", { class: "axis", x1: 0, x2: "100%", y1: PLOT_H + 0.5, y2: PLOT_H + 0.5 }));
  const lo = svg("text", { class: "tick", x: 0, y: PLOT_H + TICK_H - 3 });
  lo.textContent = fmtShort(edges[0]);
  const hi = svg("text", { class: "tick", x: "100%", y: PLOT_H + TICK_H - 3, "text-anchor": "end" });
  hi.textContent = fmtShort(edges[n]);
  box.append(lo, hi);
  return box;
}

/** Paired bars per category: the reference's share beside the candidate's. */
function pairedBars(col, shapes) {
  const names = shapes.categories;
  const n = Math.min(names.length, shapes.reference.length, shapes.candidate.length);
  if (n < 1) return null;
  const labels = n <= 8;
  const H = PLOT_H + (labels ? TICK_H : 0);
  const max = Math.max(1e-12, ...shapes.reference.slice(0, n), ...shapes.candidate.slice(0, n));
  const box = testid(svg("svg", { class: "chart cmp-chart cmp-cats", width: "100%", height: H, role: "img" }), "compare-categories");
  box.setAttribute("data-column", col.name);
  titled(box, `${colText(col.name)}: shares of ${n} categories in the reference and the candidate`);
  const desc = s("desc");
  desc.textContent = names
    .slice(0, n)
    .map((v, i) => `${shown(v)}: reference ${fmtPct(shapes.reference[i])}, candidate ${fmtPct(shapes.candidate[i])}`)
    .join("; ");
  box.append(desc);
  const slot = 100 / n;
  const height = (v) => (v > 0 ? Math.max(1, (v / max) * PLOT_H) : 0);
  for (let i = 0; i < n; i += 1) {
    const r = shapes.reference[i];
    const c = shapes.candidate[i];
    const x = i * slot;
    const g = svg("g", { class: "cmp-bin" });
    g.setAttribute("data-category", names[i]);
    titled(g, `${shown(names[i])}: reference ${fmtPct(r)}, candidate ${fmtPct(c)}`);
    g.append(
      svg("rect", { class: "bin-hit", x: pct(x), y: 0, width: pct(slot), height: PLOT_H }),
      svg("rect", { class: "ref", x: pct(x + slot * 0.1), y: PLOT_H - height(r), width: pct(slot * 0.4), height: height(r) }),
      svg("rect", { class: "cand solid", x: pct(x + slot * 0.5), y: PLOT_H - height(c), width: pct(slot * 0.4), height: height(c) }),
    );
    if (labels) {
      const t = svg("text", { class: "tick", x: pct(x + slot / 2), y: H - 3, "text-anchor": "middle" });
      t.textContent = truncate(shown(names[i]).replace(/\s+/g, " "), Math.max(3, Math.floor(40 / n)));
      g.append(t);
    }
    box.append(g);
  }
  box.append(svg("line", { class: "axis", x1: 0, x2: "100%", y1: PLOT_H + 0.5, y2: PLOT_H + 0.5 }));
  return box;
}

/** A column's shape chart, or null when the engine sent no shapes. */
export function shapeChart(col) {
  const shapes = col.shapes;
  if (!shapes || !Array.isArray(shapes.reference) || !Array.isArray(shapes.candidate)) return null;
  if (Array.isArray(shapes.edges) && shapes.edges.length > 1) return overlaidHistogram(col, shapes);
  if (Array.isArray(shapes.categories) && shapes.categories.length) return pairedBars(col, shapes);
  return null;
}

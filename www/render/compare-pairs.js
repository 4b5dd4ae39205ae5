// The comparison's Pairs section: the relationship between every two columns as three matrix
// heat maps (reference, candidate, difference), a cell's colour from |value| (Pearson's r for
// two numbers, Cramér's V otherwise), and the pairs that changed most as a table.
import { columnName, h, svg, testid } from "./dom.js";
import { colText, fmtFig, fmtInt, truncate } from "./format.js";
import { section, table } from "./compare-table.js";

const MEASURE = { pearson: "Pearson's r", cramer: "Cramér's V" };
const MATRICES = [
  ["reference", "Reference", (p) => p.reference],
  ["candidate", "Candidate", (p) => p.candidate],
  ["difference", "Difference (candidate − reference)", (p) => p.difference],
];

/** The columns the pairs name, in the report's column order (then any others, as met). */
function axisNames(report, pairs) {
  const seen = new Set();
  for (const p of pairs) {
    seen.add(p.a);
    seen.add(p.b);
  }
  const names = [];
  for (const c of report.columns ?? []) {
    if (seen.has(c.name) && !names.includes(c.name)) names.push(c.name);
  }
  for (const n of seen) if (!names.includes(n)) names.push(n);
  return names;
}

const num = (x) => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

function cellTitle(p) {
  const m = MEASURE[p.measure] ?? p.measure;
  let t = `${colText(p.a)} × ${colText(p.b)} (${m}): reference ${fmtFig(num(p.reference))}, candidate ${fmtFig(num(p.candidate))}, difference ${fmtFig(num(p.difference))}`;
  if (p.spearman_reference !== null && p.spearman_reference !== undefined) {
    t += `; Spearman ${fmtFig(num(p.spearman_reference))} → ${fmtFig(num(p.spearman_candidate))}`;
  }
  if (p.similarity !== null && p.similarity !== undefined) t += `; similarity ${fmtFig(p.similarity)}`;
  return t;
}

/**
 * One lower-triangle matrix without its diagonal: rows are names[1..], columns names[..n-1], and
 * row j, column i (i < j) holds the pair of names[i] and names[j].
 */
function heatmap(names, byKey, which, label, value) {
  const n = names.length;
  const cell = n <= 10 ? 34 : n <= 20 ? 22 : n <= 40 ? 14 : 9;
  const labels = names.map((name) => truncate(colText(name), 16));
  const longest = Math.max(1, ...labels.map((l) => Array.from(l).length));
  // Room for the labels: about 6 px a character, the column labels slanted at 50 degrees.
  const left = Math.min(118, 10 + longest * 6.2);
  const top = Math.min(96, 14 + longest * 4.8);
  // The slanted labels reach right of the last column by about the height they take.
  const W = left + (n - 1) * cell + top;
  const H = top + (n - 1) * cell + 4;
  const box = testid(svg("svg", { class: `cmp-heatmap ${which}`, width: W, height: H, role: "img" }), "pair-heatmap");
  box.setAttribute("data-matrix", which);
  const title = svg("title");
  title.textContent = `${label}: the relationship of every two columns, darker for a larger absolute value`;
  box.append(title);
  for (let k = 1; k < n; k += 1) {
    const rl = svg("text", { class: "hm-label", x: left - 6, y: top + (k - 1) * cell + cell / 2 + 4, "text-anchor": "end" });
    rl.textContent = labels[k];
    const cx = left + (k - 1) * cell + cell / 2;
    const cl = svg("text", { class: "hm-label", x: cx, y: top - 6, transform: `rotate(-50 ${cx} ${top - 6})` });
    cl.textContent = labels[k - 1];
    box.append(rl, cl);
  }
  for (let j = 1; j < n; j += 1) {
    for (let i = 0; i < j; i += 1) {
      const x = left + i * cell;
      const y = top + (j - 1) * cell;
      const p = byKey.get(`${names[i]}\u0000${names[j]}`) ?? byKey.get(`${names[j]}\u0000${names[i]}`);
      if (!p) {
        box.append(svg("rect", { class: "hm-absent", x, y, width: cell - 1, height: cell - 1 }));
        continue;
      }
      const v = num(value(p));
      const g = svg("g", { class: "hm-cell" });
      g.setAttribute("data-a", p.a);
      g.setAttribute("data-b", p.b);
      g.setAttribute("data-measure", p.measure);
      g.setAttribute("data-value", v === null ? "" : String(v));
      const t = svg("title");
      t.textContent = cellTitle(p);
      const strength = v === null ? 0 : Math.min(1, Math.abs(v));
      const rect = svg("rect", {
        class: v === null ? "hm-none" : `hm-fill ${p.measure}`,
        x,
        y,
        width: cell - 1,
        height: cell - 1,
        "fill-opacity": v === null ? undefined : (0.06 + 0.94 * strength).toFixed(3),
      });
      g.append(t, rect);
      if (cell >= 34 && v !== null) {
        const txt = svg("text", { class: `hm-value${strength > 0.55 ? " on-dark" : ""}`, x: x + cell / 2, y: y + cell / 2 + 4, "text-anchor": "middle" });
        txt.textContent = Math.abs(v) < 0.005 ? "0" : v.toFixed(2).replace(/^(-?)0\./, "$1.");
        g.append(txt);
      }
      box.append(g);
    }
  }
  const fig = h("figure", "cmp-hm-fig");
  fig.append(h("figcaption", "cmp-hm-caption", label), box);
  return fig;
}

/** The Pairs section, or null when no pair was compared. */
export function renderComparePairs(report) {
  const pairs = Array.isArray(report.pairs) ? report.pairs : [];
  if (!pairs.length) return null;
  const sec = section("pairs", "Pairs", fmtInt(pairs.length));
  const score = report.scores?.column_pair_trends;
  sec.append(
    h(
      "p",
      "muted small",
      `How strongly every two columns go together: Pearson's r for two numeric columns, Cramér's V otherwise; a cell is darker for a larger absolute value, and its tooltip gives the figures.${Number.isFinite(score) ? ` Column pair trends score: ${score.toFixed(1)}%.` : ""}`,
    ),
  );
  const names = axisNames(report, pairs);
  const byKey = new Map(pairs.map((p) => [`${p.a}\u0000${p.b}`, p]));
  const maps = testid(h("div", "cmp-heatmaps"), "pair-heatmaps");
  for (const [which, label, value] of MATRICES) maps.append(heatmap(names, byKey, which, label, value));
  sec.append(maps);

  const changed = pairs
    .filter((p) => num(p.difference) !== null)
    .sort((x, y) => Math.abs(y.difference) - Math.abs(x.difference))
    .slice(0, 10);
  if (changed.length) {
    sec.append(h("h3", "cmp-sub", "The pairs that changed most"));
    const rows = changed.map((p) => {
      const ab = h("span");
      ab.append(columnName(p.a), " × ", columnName(p.b));
      return [
        ab,
        MEASURE[p.measure] ?? p.measure,
        { text: fmtFig(num(p.reference)), cls: "num" },
        { text: fmtFig(num(p.candidate)), cls: "num" },
        { text: fmtFig(num(p.difference)), cls: "num" },
        { text: p.similarity === null || p.similarity === undefined ? "–" : fmtFig(p.similarity), cls: "num" },
      ];
    });
    const t = table(["Pair", "Measure", ["Reference", "num"], ["Candidate", "num"], ["Difference", "num"], ["Similarity", "num"]], rows);
    testid(t, "pairs-changed");
    sec.append(t);
  }
  return sec;
}

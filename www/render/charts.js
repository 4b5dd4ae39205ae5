// Column profile charts: a histogram for numeric columns, the most common values for the others.
// No viewBox: x and widths are percentages and heights are pixels, so they stretch to the card's
// width while their text keeps its size.
import { part, s, testid, svgPercent as pct } from "./dom.js";
import { fmtInt, fmtNum, fmtPct, fmtShort, truncate } from "./format.js";

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

// The length histogram of a text field: the engine's power-of-two character-length buckets
// (report.text.fields[i].length_histogram, each { below, count }: values with fewer characters
// than `below` and at least the previous power of two; buckets without values are left out by the
// engine and drawn here as empty bars, so the axis doubles at every step).
//
// No viewBox: x and widths are percentages and heights are pixels (as charts.js), so the chart
// stretches to the card's width while its text keeps its size.
import { part, s, testid, svgPercent as pct } from "./dom.js";
import { colText, fmtInt, fmtPct, fmtShort } from "./format.js";

/** The lower bound of a power-of-two bucket: half its upper bound (0 for the bucket of empty values). */
function lowerOf(below) {
  return below > 1 ? below / 2 : 0;
}

/** The engine's buckets with the empty ones between them put back (in order, none dropped). */
export function lengthBuckets(hist) {
  const list = (Array.isArray(hist) ? hist : []).filter((b) => Number.isFinite(b.below) && Number.isFinite(b.count));
  const out = [];
  for (const b of list) {
    const prev = out[out.length - 1];
    if (prev) {
      let next = prev.below * 2;
      // At most 64 steps: 2^64 is past any length.
      for (let k = 0; next < b.below && k < 64; k += 1, next *= 2) out.push({ below: next, count: 0, filled: true });
    }
    out.push({ below: b.below, count: b.count });
  }
  return out;
}

function text(cls, x, y, anchor, value) {
  const t = s("text", cls);
  t.setAttribute("x", x);
  t.setAttribute("y", String(y));
  if (anchor) t.setAttribute("text-anchor", anchor);
  t.textContent = value;
  return t;
}

/**
 * An SVG histogram of a field's value lengths in characters, with a <title> for assistive
 * technology and one per bar; null without buckets.
 */
export function lengthHistogram(field) {
  const buckets = lengthBuckets(field.length_histogram);
  if (!buckets.length) return null;
  const plotH = 72;
  const H = plotH + 18;
  const n = buckets.length;
  const total = buckets.reduce((a, b) => a + b.count, 0);
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const svg = part(testid(s("svg", "chart histogram"), "length-histogram"), "chart");
  svg.setAttribute("data-column", field.column);
  svg.setAttribute("width", "100%");
  svg.setAttribute("height", String(H));
  svg.setAttribute("role", "img");
  const title = s("title");
  title.textContent =
    `Length of ${colText(field.column)} in characters: ${fmtInt(total)} values from ` +
    `${fmtInt(lowerOf(buckets[0].below))} to under ${fmtInt(buckets[n - 1].below)} characters, ` +
    `in ${n} buckets that double in width`;
  svg.append(title);
  const bw = 100 / n;
  buckets.forEach((b, i) => {
    const g = s("g", "bin");
    g.setAttribute("data-below", String(b.below));
    g.setAttribute("data-count", String(b.count));
    const t = s("title");
    const range = b.below === 1 ? "empty (0 characters)" : `${fmtInt(lowerOf(b.below))} to ${fmtInt(b.below - 1)} characters`;
    t.textContent = `${range}: ${fmtInt(b.count)} values (${fmtPct(total ? b.count / total : 0)})`;
    const hit = s("rect", "bin-hit");
    hit.setAttribute("x", pct(i * bw));
    hit.setAttribute("y", "0");
    hit.setAttribute("width", pct(bw));
    hit.setAttribute("height", String(plotH));
    const bh = b.count === 0 ? 0 : Math.max(2, (b.count / max) * plotH);
    const r = s("rect", "bar");
    r.setAttribute("x", pct(i * bw));
    r.setAttribute("y", String(plotH - bh));
    r.setAttribute("width", pct(bw));
    r.setAttribute("height", String(bh));
    g.append(t, hit, r);
    svg.append(g);
  });
  const axis = s("line", "axis");
  axis.setAttribute("x1", "0");
  axis.setAttribute("x2", "100%");
  axis.setAttribute("y1", String(plotH + 0.5));
  axis.setAttribute("y2", String(plotH + 0.5));
  svg.append(axis);
  // Ticks at the bucket edges (every other one when there are many), the ends always.
  const step = n > 12 ? 3 : n > 7 ? 2 : 1;
  const y = H - 3;
  svg.append(text("tick", "0", y, null, fmtShort(lowerOf(buckets[0].below))));
  for (let i = step; i < n; i += step) svg.append(text("tick", pct(i * bw), y, "middle", fmtShort(buckets[i - 1].below)));
  svg.append(text("tick", "100%", y, "end", fmtShort(buckets[n - 1].below)));
  return svg;
}

// The Bias section's chart: outcome rate (or mean) per group, one row per group, label above
// its bar, with the engine's reference line (the four-fifths line at the default threshold);
// and its legend.
import { h, s, testid, svgPercent as pct } from "./dom.js";
import { fmtFigure, fmtInt, fmtNum, fmtRate, fmtTick, plural, quoted, shown, truncate } from "./format.js";
import { belowLine, describeEntry, extremes, fmtValue, isRateEntry, reason, referenceLine, valueOf } from "./bias-entry.js";
import { biasWords } from "./bias-words.js";

let patternSeq = 0;

function niceMax(v) {
  if (!(v > 0)) return 0.01;
  const exp = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * exp >= v - 1e-12) return m * exp;
  return 10 * exp;
}

/** The threshold the entry's line was drawn with, and the line's name. */
function lineOf(d, w) {
  const t = reason(d, "impact_ratio")?.threshold ?? w.impact;
  return { t, name: Number.isFinite(t) ? w.lineName(t) : "reference line" };
}

/**
 * An SVG of the outcome rate per group with the engine's reference line (the threshold in force
 * times the highest judged rate); groups the engine did not judge hatched and greyed; groups
 * below the line highlighted and marked with ▼. No viewBox: x is in percentages, y in pixels, so
 * text keeps its size at any width. `w`: the section's words (bias-words.js).
 */
export function biasChart(d, w = biasWords(null, null)) {
  const rate = isRateEntry(d);
  const groups = d.groups;
  const vals = groups.map((g) => valueOf(d, g));
  const present = vals.filter((v) => v !== null);
  const line = referenceLine(d);
  const { name: lineName } = lineOf(d, w);
  const { hi, lo } = extremes(d);
  const dmin = rate ? 0 : Math.min(0, ...present);
  const top = Math.max(0, ...present);
  const dmax = rate ? Math.min(1, niceMax(top)) : niceMax(top);
  const span = dmax - dmin || 1;
  const x = (v) => Math.max(0, Math.min(100, ((v - dmin) / span) * 100));

  const many = groups.length > 15;
  const rowH = many ? 25 : 29;
  const barH = many ? 8 : 10;
  const textY = many ? 10 : 11;
  const barY = many ? 14 : 15;
  const TOP = line !== null ? 20 : 6;
  const plotH = groups.length * rowH;
  const H = TOP + plotH + 18;

  const svg = testid(s("svg", `chart bchart${many ? " many" : ""}`), "bias-chart");
  svg.setAttribute("data-sensitive", d.sensitive.join(" & "));
  if (rate) svg.setAttribute("data-outcome", String(d.outcome));
  if (line !== null) svg.setAttribute("data-reference-line", String(line));
  svg.setAttribute("part", "bias-chart");
  svg.setAttribute("width", "100%");
  svg.setAttribute("height", String(H));
  svg.setAttribute("role", "img");

  const below = groups.filter((g) => belowLine(d, g));
  const small = groups.filter((g) => g.too_small);
  const title = s("title");
  let t = `${describeEntry(d)}, per group`;
  if (hi && lo && hi !== lo) t += `: from ${shown(lo.value)} ${fmtValue(d, valueOf(d, lo))} to ${shown(hi.value)} ${fmtValue(d, valueOf(d, hi))}`;
  if (line !== null) {
    t += `. ${lineName[0].toUpperCase()}${lineName.slice(1)} at ${fmtRate(line)}: ${below.length ? `${plural(below.length, "group", "groups")} below it (${below.map((g) => shown(g.value)).join(", ")})` : "no group below it"}`;
  }
  if (small.length) t += `. ${plural(small.length, "group has", "groups have")} ${w.underRows} and ${small.length === 1 ? "is" : "are"} not judged`;
  title.textContent = `${t}.`;
  const desc = s("desc");
  desc.textContent = groups
    .map((g) => `${shown(g.value)}: ${fmtValue(d, valueOf(d, g))} of ${fmtInt(g.count)} rows${g.too_small ? " (too small to judge)" : belowLine(d, g) ? ` (below the ${lineName})` : ""}`)
    .join("; ");
  svg.append(title, desc);

  // Hatching for groups too small to judge.
  const pid = `dl-hatch-${(patternSeq += 1)}`;
  const defs = s("defs");
  const pat = s("pattern");
  pat.setAttribute("id", pid);
  pat.setAttribute("patternUnits", "userSpaceOnUse");
  pat.setAttribute("width", "6");
  pat.setAttribute("height", "6");
  pat.setAttribute("patternTransform", "rotate(45)");
  const pbg = s("rect", "hatch-bg");
  pbg.setAttribute("width", "6");
  pbg.setAttribute("height", "6");
  const pln = s("rect", "hatch-line");
  pln.setAttribute("width", "2.5");
  pln.setAttribute("height", "6");
  pat.append(pbg, pln);
  defs.append(pat);
  svg.append(defs);

  // Gridlines and ticks: 0, half, max (and the axis minimum when means go negative).
  const ticks = dmin < 0 ? [dmin, 0, dmax] : [0, dmax / 2, dmax];
  const grid = s("g", "bc-grid");
  grid.setAttribute("aria-hidden", "true");
  ticks.forEach((v, k) => {
    const gx = pct(x(v));
    const gl = s("line", "bc-gridline");
    gl.setAttribute("x1", gx);
    gl.setAttribute("x2", gx);
    gl.setAttribute("y1", String(TOP + barY - 3));
    gl.setAttribute("y2", String(TOP + plotH));
    const tx = s("text", "tick");
    tx.setAttribute("x", gx);
    tx.setAttribute("y", String(TOP + plotH + 13));
    tx.setAttribute("text-anchor", k === 0 ? "start" : k === ticks.length - 1 ? "end" : "middle");
    tx.textContent = fmtTick(v, rate);
    grid.append(gl, tx);
  });
  svg.append(grid);

  groups.forEach((g, i) => {
    const v = vals[i];
    const y0 = TOP + i * rowH;
    const isBelow = belowLine(d, g);
    const cls = ["bc-row"];
    if (g.too_small) cls.push("small");
    if (isBelow) cls.push("below");
    if (g === hi && line !== null) cls.push("top");
    const row = s("g", cls.join(" "));
    row.setAttribute("data-group", String(g.value));
    const tip = s("title");
    tip.textContent =
      `${shown(g.value)}: ${rate ? `${fmtRate(v)} of ${fmtInt(g.count)} rows have ${quoted(d.outcome)}` : `mean ${fmtNum(v)} over ${fmtInt(g.count)} rows`}` +
      (g.too_small ? ` (${w.underRows}: too small to judge)` : isBelow ? ` (below the ${lineName}, ${fmtRate(line)})` : g === hi && line !== null ? " (the highest rate)" : "");
    const hit = s("rect", "bc-hit");
    hit.setAttribute("x", "0");
    hit.setAttribute("y", String(y0));
    hit.setAttribute("width", "100%");
    hit.setAttribute("height", String(rowH));
    const label = s("text", "bc-label");
    label.setAttribute("x", "0");
    label.setAttribute("y", String(y0 + textY));
    label.textContent = truncate(shown(g.value), 34);
    const value = s("text", "bc-value");
    value.setAttribute("x", "100%");
    value.setAttribute("y", String(y0 + textY));
    value.setAttribute("text-anchor", "end");
    if (g.too_small) value.textContent = `${fmtValue(d, v)} · n=${fmtInt(g.count)}, not judged`;
    else value.textContent = isBelow ? `▼ ${fmtValue(d, v)}` : fmtValue(d, v);
    const track = s("rect", "bc-track");
    track.setAttribute("x", "0");
    track.setAttribute("y", String(y0 + barY));
    track.setAttribute("width", "100%");
    track.setAttribute("height", String(barH));
    track.setAttribute("rx", "2");
    row.append(tip, hit, track);
    if (v !== null) {
      const x0 = x(Math.min(0, v));
      const x1 = x(Math.max(0, v));
      const bar = s("rect", "bc-bar");
      bar.setAttribute("x", pct(x0));
      bar.setAttribute("y", String(y0 + barY));
      bar.setAttribute("width", pct(Math.max(v === 0 ? 0 : 0.4, x1 - x0)));
      bar.setAttribute("height", String(barH));
      bar.setAttribute("rx", "2");
      // A presentation attribute: the stylesheet leaves the fill of small groups' bars alone.
      if (g.too_small) bar.setAttribute("fill", `url(#${pid})`);
      row.append(bar);
    }
    row.append(label, value);
    svg.append(row);
  });

  if (line !== null) {
    const lx = x(line);
    const ref = testid(s("g", "bc-ref"), "bias-chart-line");
    const l = s("line", "bc-refline");
    l.setAttribute("x1", pct(lx));
    l.setAttribute("x2", pct(lx));
    l.setAttribute("y1", String(TOP - 4));
    l.setAttribute("y2", String(TOP + plotH));
    const lt = s("text", "bc-reftext");
    lt.setAttribute("x", pct(lx));
    lt.setAttribute("y", "11");
    const right = lx > 55;
    lt.setAttribute("text-anchor", right ? "end" : "start");
    lt.setAttribute("dx", right ? "-4" : "4");
    lt.textContent = `${lineName} · ${fmtRate(line)}`;
    ref.append(l, lt);
    svg.append(ref);
  }
  return svg;
}

/** The chart's key: the line, the groups below it, the hatched small groups. */
export function chartLegend(d, w = biasWords(null, null)) {
  const line = referenceLine(d);
  const { t, name: lineName } = lineOf(d, w);
  const box = h("div", "bc-legend");
  const item = (cls, text, mark) => {
    const it = h("span", "bc-key");
    const sw = h("span", `bc-swatch ${cls}`, mark ?? "");
    sw.setAttribute("aria-hidden", "true");
    it.append(sw, text);
    box.append(it);
  };
  if (line !== null) {
    const { hi } = extremes(d);
    item("ok", "at or above the line");
    item("below", `▼ below the ${lineName}: disadvantaged`);
    const of = hi ? ` (${shown(hi.value)}, ${fmtRate(valueOf(d, hi))})` : "";
    item("ref", `${lineName}: ${Number.isFinite(t) ? fmtFigure(t, "share") : "the threshold"} of the highest rate${of}`);
  } else if (!isRateEntry(d)) {
    item("ok", `mean ${quoted(d.label)} per group`);
  }
  if (d.groups.some((g) => g.too_small)) item("small", `hatched: ${w.underRows}, shown but not judged`);
  return box;
}

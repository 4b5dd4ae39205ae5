// The Bias section of a datalint report: the roles (label, outcome, sensitive columns) with their
// controls, and per sensitive column the outcome rate per group against the four-fifths line,
// the table behind it, the figures and the bias-family findings; then intersections, proxies
// and missingness by group.
//
// THE RULE OF render.js HOLDS HERE: every dataset value (column names, group values, classes,
// titles) is untrusted and only ever displayed as text. Nodes are built with createElement /
// createElementNS, text with textContent, attributes with setAttribute under constant attribute
// names, trees with append. Never innerHTML and friends. No event listeners either: the element
// (datalint-check.js) listens on the report container and reads the data-* attributes set here.

import { h, s, fmtInt, fmtNum, severityMark } from "./render.js";

/** The bias family's check ids, for when the worker's check list is not at hand. */
export const BIAS_CHECK_IDS = ["underrepresented-group", "label-disparity", "proxy-for-sensitive", "missingness-disparity"];

// The engine's constants (src/bias.rs): groups under MIN_GROUP rows are not judged; a disparity
// is a finding when the impact ratio is below the threshold, p < MAX_P and V >= MIN_V (a
// categorical label), or the standardised mean difference is at least MIN_SMD (a numeric one).
const MIN_GROUP = 30;
const MAX_P = 0.001;
const MIN_V = 0.1;
const MIN_SMD = 0.5;
const FOUR_FIFTHS = 0.8;
const MAX_CLASSES = 20;

// ---------------------------------------------------------------------------------------------
// Helpers

function testid(node, id) {
  node.setAttribute("data-testid", id);
  return node;
}

function truncate(text, max) {
  const chars = Array.from(String(text));
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join("");
}

function pct(v) {
  return `${(Math.round(v * 1000) / 1000).toString()}%`;
}

function shown(value) {
  const t = value === null || value === undefined ? "" : String(value);
  return t === "" ? "(empty)" : t;
}

function colText(name) {
  return name === "" ? "(empty name)" : String(name);
}

/** A rate as a percentage with one decimal: 30.6%, 0%, <0.1%. */
export function fmtRate(r) {
  if (r === null || r === undefined || !Number.isFinite(r)) return "–";
  const p = r * 100;
  if (p === 0) return "0%";
  if (p === 100) return "100%";
  if (p < 0.1) return "<0.1%";
  if (p > 99.9) return ">99.9%";
  return `${p.toFixed(1)}%`;
}

/** A share of rows: 85.4%, 0.96%, <0.01%. */
function fmtShare(r) {
  if (r === null || r === undefined || !Number.isFinite(r)) return "–";
  const p = r * 100;
  if (p === 0) return "0%";
  if (p < 0.01) return "<0.01%";
  if (p < 1) return `${p.toFixed(2)}%`;
  return `${p.toFixed(1)}%`;
}

/** A p-value as the engine's titles print it. */
export function fmtP(p) {
  if (p === null || p === undefined || !Number.isFinite(p)) return "–";
  if (p < 1e-300) return "< 1e-300";
  if (p < MAX_P) return p.toExponential(1);
  return p.toFixed(3);
}

const SIG3 = new Intl.NumberFormat("en-US", { minimumSignificantDigits: 3, maximumSignificantDigits: 3 });

/** An effect size or ratio with three significant digits: 0.210, 0.0996, 0. */
function fmtFig(x) {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  if (x === 0) return "0";
  if (Math.abs(x) >= 1000 || Math.abs(x) < 1e-4) return fmtNum(x);
  return SIG3.format(x);
}

/** An axis tick: 0%, 25%, 12.5%. */
function fmtTick(v, rate) {
  if (!rate) return fmtNum(v);
  const p = Math.round(v * 1000) / 10;
  return `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
}

function fmtPoints(d) {
  if (d === null || d === undefined || !Number.isFinite(d)) return "–";
  return `${(d * 100).toFixed(1)} pts`;
}

function plural(n, one, many) {
  return `${fmtInt(n)} ${n === 1 ? one : many}`;
}

function quoted(text) {
  return `‘${text}’`;
}

/** A role badge: proposed by the engine from the column's name, or chosen by the person. */
function roleBadge(proposed) {
  const b = h("span", `role-badge ${proposed ? "proposed" : "chosen"}`, proposed ? "proposed from its name" : "chosen");
  b.setAttribute(
    "title",
    proposed
      ? "datalint proposed this role because of the column's name; untick or change it below"
      : "Chosen in the settings (not proposed by datalint)",
  );
  return b;
}

function pill(text, cls) {
  return h("span", `count-pill${cls ? ` ${cls}` : ""}`, text);
}

function isRateEntry(d) {
  return d.outcome !== null && d.outcome !== undefined;
}

function valueOf(d, g) {
  const v = isRateEntry(d) ? g.rate : g.mean;
  return Number.isFinite(v) ? v : null;
}

function fmtValue(d, v) {
  return isRateEntry(d) ? fmtRate(v) : fmtNum(v);
}

function judged(d) {
  return d.groups.filter((g) => !g.too_small && valueOf(d, g) !== null);
}

/** Lowest and highest judged groups of an entry. */
function extremes(d) {
  const js = judged(d);
  if (!js.length) return { lo: null, hi: null, judged: js };
  let lo = js[0];
  let hi = js[0];
  for (const g of js) {
    if (valueOf(d, g) < valueOf(d, lo)) lo = g;
    if (valueOf(d, g) > valueOf(d, hi)) hi = g;
  }
  return { lo, hi, judged: js };
}

/** The four-fifths line of a rate entry: 80% of the highest judged rate (null when not drawn). */
function fourFifths(d) {
  if (!isRateEntry(d)) return null;
  const { hi, judged: js } = extremes(d);
  if (!hi || js.length < 2) return null;
  return FOUR_FIFTHS * valueOf(d, hi);
}

function belowLine(d, g, line) {
  return line !== null && !g.too_small && valueOf(d, g) !== null && valueOf(d, g) < line;
}

function describeEntry(d) {
  const by = d.sensitive.map(colText).join(" × ");
  return isRateEntry(d) ? `${quoted(d.outcome)} rate by ${by}` : `mean ${quoted(d.label)} by ${by}`;
}

// Plain sentences for the figures: the title attributes and the legend.
const EXPLAIN = {
  parity:
    "Statistical parity difference: the highest outcome rate minus the lowest, among groups of 30 or more rows (0 means equal rates).",
  impact:
    "Disparate impact ratio: the lowest outcome rate divided by the highest (1 means equal rates); below 0.8 fails the four-fifths rule.",
  chi2: "Pearson's chi-square statistic for independence of group and outcome (the outcome class against the rest), over the groups of 30 or more rows: the larger, the less the outcome looks independent of the group.",
  dof: "Degrees of freedom of the chi-square test: the number of judged groups minus 1.",
  p: "The chance of a difference at least this large if the label did not depend on the group; under 0.001 counts as evidence.",
  v: "The strength of the association between group and outcome, from 0 (none) to 1 (the group decides the outcome); 0.1 is small, 0.3 medium, 0.5 large.",
  meanDiff: "The highest group mean minus the lowest, among groups of 30 or more rows, in the label's units.",
  meanRatio: "The lowest group mean divided by the highest (1 means equal means).",
  eta: "Correlation ratio η: how much of the label's variation the groups explain, from 0 (none) to 1 (all).",
  smd: "Standardised mean difference: the gap between the highest and lowest group means in standard deviations; 0.5 is a medium effect.",
  cramersProxy:
    "Cramér's V between this column and the sensitive one, with Bergsma's bias correction (sparse tables of few rows per value do not look associated): 0 independent, 1 one determines the other.",
  etaProxy: "Correlation ratio η: how much of this numeric column's variation the sensitive groups explain (0 to 1).",
};

// ---------------------------------------------------------------------------------------------
// Findings of the bias family

/** The bias-family findings with their index in report.findings (the order of the cards). */
function biasFindings(report, biasIds) {
  const out = [];
  report.findings.forEach((f, i) => {
    if (biasIds.has(f.id)) out.push({ f, i });
  });
  return out;
}

function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Whether a finding belongs to the card of sensitive column `name`. */
function findingForColumn(f, name) {
  const cols = Array.isArray(f.columns) ? f.columns : [];
  switch (f.id) {
    case "underrepresented-group":
      return cols[0] === name;
    case "label-disparity":
      return cols.length === 1 && cols[0] === name;
    case "proxy-for-sensitive":
    case "missingness-disparity":
      return cols[1] === name;
    default:
      return cols.includes(name);
  }
}

/** The label-disparity finding of one bias or intersection entry, if any. */
function disparityFinding(list, d, several) {
  return list.find(
    ({ f }) =>
      f.id === "label-disparity" &&
      sameList(f.columns ?? [], d.sensitive) &&
      (!several || !isRateEntry(d) || String(f.title).startsWith(`'${d.outcome}' rate by `)),
  );
}

function findingLink({ f, i }, text) {
  const b = h("button", "bias-flink");
  b.setAttribute("type", "button");
  b.setAttribute("data-finding-index", String(i));
  b.setAttribute("title", "Open this finding's card in Findings (evidence rows)");
  b.append(text ?? "View");
  const arrow = h("span", null, " ↗");
  arrow.setAttribute("aria-hidden", "true");
  b.append(arrow);
  return b;
}

/**
 * The bias findings of a card, one line each: a link to the finding's card in Findings (where
 * its evidence is), not the card again. The full title shows on hover and wraps on narrow screens.
 */
function findingsList(items) {
  const ul = testid(h("ul", "bias-findings"), "bias-findings");
  for (const item of items) {
    const li = h("li", `bias-finding sev-${item.f.severity}`);
    li.setAttribute("data-id", item.f.id);
    const b = h("button", "bias-fline");
    b.setAttribute("type", "button");
    b.setAttribute("data-finding-index", String(item.i));
    b.setAttribute("title", `${item.f.title}: open its card in Findings`);
    const arrow = h("span", "bias-farrow", "↗");
    arrow.setAttribute("aria-hidden", "true");
    b.append(severityMark(item.f.severity), h("code", "check-id", item.f.id), h("span", "bias-ftitle", item.f.title), arrow);
    li.append(b);
    ul.append(li);
  }
  return ul;
}

/** Rows shown at first in a long table; the rest behind a "show all" button (no scroll box). */
const ROWS_SHOWN = 8;

/**
 * Hides the rows of a long table past the first ROWS_SHOWN (never a row with a finding) and adds
 * a button that shows them all; the element handles the click (data-action="show-rows").
 */
function limitRows(card, tbody, what) {
  const rows = [...tbody.children];
  let keep = ROWS_SHOWN;
  rows.forEach((r, k) => {
    if (r.classList.contains("has-finding")) keep = Math.max(keep, k + 1);
  });
  if (rows.length <= keep + 2) return;
  for (const r of rows.slice(keep)) {
    r.hidden = true;
    r.classList.add("extra-row");
  }
  const more = testid(h("button", "btn small more-rows", `Show all ${fmtInt(rows.length)} ${what}`), "show-more-rows");
  more.setAttribute("type", "button");
  more.setAttribute("data-action", "show-rows");
  more.setAttribute("aria-expanded", "false");
  more.setAttribute("data-more", `Show all ${fmtInt(rows.length)} ${what}`);
  more.setAttribute("data-less", `Show the first ${fmtInt(keep)}`);
  card.append(more);
}

// ---------------------------------------------------------------------------------------------
// The chart: outcome rate (or mean) per group, one row per group, label above its bar

let patternSeq = 0;

function niceMax(v) {
  if (!(v > 0)) return 0.01;
  const exp = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * exp >= v - 1e-12) return m * exp;
  return 10 * exp;
}

/**
 * An SVG of the outcome rate per group with the four-fifths line (80% of the highest judged
 * rate); groups under 30 rows hatched and greyed; groups below the line highlighted and marked
 * with ▼. No viewBox: x is in percentages, y in pixels, so text keeps its size at any width.
 */
export function biasChart(d) {
  const rate = isRateEntry(d);
  const groups = d.groups;
  const vals = groups.map((g) => valueOf(d, g));
  const present = vals.filter((v) => v !== null);
  const line = fourFifths(d);
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
  svg.setAttribute("part", "bias-chart");
  svg.setAttribute("width", "100%");
  svg.setAttribute("height", String(H));
  svg.setAttribute("role", "img");

  const below = groups.filter((g) => belowLine(d, g, line));
  const small = groups.filter((g) => g.too_small);
  const title = s("title");
  let t = `${describeEntry(d)}, per group`;
  if (hi && lo && hi !== lo) t += `: from ${shown(lo.value)} ${fmtValue(d, valueOf(d, lo))} to ${shown(hi.value)} ${fmtValue(d, valueOf(d, hi))}`;
  if (line !== null) {
    t += `. Four-fifths line at ${fmtRate(line)}: ${below.length ? `${plural(below.length, "group", "groups")} below it (${below.map((g) => shown(g.value)).join(", ")})` : "no group below it"}`;
  }
  if (small.length) t += `. ${plural(small.length, "group has", "groups have")} under ${MIN_GROUP} rows and ${small.length === 1 ? "is" : "are"} not judged`;
  title.textContent = `${t}.`;
  const desc = s("desc");
  desc.textContent = groups
    .map((g) => `${shown(g.value)}: ${fmtValue(d, valueOf(d, g))} of ${fmtInt(g.count)} rows${g.too_small ? " (too small to judge)" : belowLine(d, g, line) ? " (below the four-fifths line)" : ""}`)
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
    const isBelow = belowLine(d, g, line);
    const cls = ["bc-row"];
    if (g.too_small) cls.push("small");
    if (isBelow) cls.push("below");
    if (g === hi && line !== null) cls.push("top");
    const row = s("g", cls.join(" "));
    const tip = s("title");
    tip.textContent =
      `${shown(g.value)}: ${rate ? `${fmtRate(v)} of ${fmtInt(g.count)} rows have ${quoted(d.outcome)}` : `mean ${fmtNum(v)} over ${fmtInt(g.count)} rows`}` +
      (g.too_small ? ` (under ${MIN_GROUP} rows: too small to judge)` : isBelow ? ` (below the four-fifths line, ${fmtRate(line)})` : g === hi && line !== null ? " (the highest rate)" : "");
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
    const ref = s("g", "bc-ref");
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
    lt.textContent = `four-fifths line · ${fmtRate(line)}`;
    ref.append(l, lt);
    svg.append(ref);
  }
  return svg;
}

function chartLegend(d) {
  const line = fourFifths(d);
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
    item("below", "▼ below the four-fifths line");
    item("ref", `four-fifths line: 80% of the highest rate (${shown(hi.value)}, ${fmtRate(valueOf(d, hi))})`);
  } else if (!isRateEntry(d)) {
    item("ok", `mean ${quoted(d.label)} per group`);
  }
  if (d.groups.some((g) => g.too_small)) item("small", `hatched: under ${MIN_GROUP} rows, shown but not judged`);
  return box;
}

// ---------------------------------------------------------------------------------------------
// Figures

function figure(dl, name, value, explain, cls) {
  const d = h("div", `bfig${cls ? ` ${cls}` : ""}`);
  d.setAttribute("title", explain);
  d.append(h("dt", null, name), h("dd", null, value));
  dl.append(d);
}

function figures(d, impactThreshold) {
  const dl = testid(h("dl", "bias-figures"), "bias-figures");
  if (isRateEntry(d)) {
    figure(dl, "Parity difference", fmtPoints(d.parity_difference), EXPLAIN.parity);
    const ir = d.impact_ratio;
    figure(
      dl,
      "Impact ratio",
      Number.isFinite(ir) ? `${fmtFig(ir)}${ir < impactThreshold ? " ✕" : " ✓"}` : "–",
      EXPLAIN.impact,
      Number.isFinite(ir) ? (ir < impactThreshold ? "bad" : "good") : "",
    );
    figure(dl, "Chi-square", fmtNum(d.chi2), EXPLAIN.chi2);
    figure(dl, "dof", fmtNum(d.dof), EXPLAIN.dof);
    figure(dl, "p-value", fmtP(d.p_value), EXPLAIN.p);
    figure(dl, "Cramér's V", fmtFig(d.cramers_v), EXPLAIN.v);
  } else {
    figure(dl, "Difference of means", fmtNum(d.parity_difference), EXPLAIN.meanDiff);
    if (Number.isFinite(d.impact_ratio)) figure(dl, "Ratio of means", fmtFig(d.impact_ratio), EXPLAIN.meanRatio);
    // Older engines put a numeric label's correlation ratio in cramers_v.
    const eta = Number.isFinite(d.correlation_ratio) ? d.correlation_ratio : d.cramers_v;
    if (Number.isFinite(eta)) figure(dl, "Correlation ratio", fmtFig(eta), EXPLAIN.eta);
    figure(dl, "SMD", fmtFig(d.smd), EXPLAIN.smd, Number.isFinite(d.smd) ? (Math.abs(d.smd) >= MIN_SMD ? "bad" : "good") : "");
  }
  return dl;
}

/** One plain sentence: does this entry make a label-disparity finding, and why (not). */
function verdict(d, finding, impactThreshold) {
  const { judged: js } = extremes(d);
  const p = h("p", "bias-verdict");
  if (js.length < 2) {
    p.classList.add("neutral");
    p.textContent = `Fewer than two groups have ${MIN_GROUP} or more labelled rows: nothing to compare.`;
    return p;
  }
  if (!isRateEntry(d)) {
    const smd = d.smd;
    if (finding) {
      p.classList.add("bad");
      p.textContent = `The group means differ by ${fmtFig(smd)} standard deviations (at least ${MIN_SMD}): a label-disparity finding.`;
    } else {
      p.classList.add("good");
      p.textContent = `The group means differ by ${fmtFig(smd)} standard deviations, under ${MIN_SMD}: no finding.`;
    }
    return p;
  }
  const ir = d.impact_ratio;
  const lowest = `the lowest rate is ${fmtRate(ir)} of the highest`;
  const irText = `${lowest} (impact ratio ${fmtFig(ir)})`;
  const rule = impactThreshold === FOUR_FIFTHS ? "the four-fifths rule" : `the impact ratio threshold of ${fmtFig(impactThreshold)}`;
  if (finding) {
    p.classList.add("bad");
    p.textContent = `Fails ${rule}: ${irText}; the difference is significant (p ${fmtP(d.p_value)}) and not negligible (V ${fmtFig(d.cramers_v)}).`;
  } else if (Number.isFinite(ir) && ir < impactThreshold) {
    p.classList.add("warn");
    const why = [];
    if (!(d.p_value < MAX_P)) why.push(`p ${fmtP(d.p_value)} is not under ${MAX_P} (it could be chance)`);
    if (!(d.cramers_v >= MIN_V)) why.push(`Cramér's V ${fmtFig(d.cramers_v)} is under ${MIN_V} (a negligible association over all groups)`);
    p.textContent = `Fails ${rule} (${lowest}, impact ratio ${fmtFig(ir)}), yet no finding: ${why.length ? why.join(" and ") : "see the findings"}.`;
  } else {
    p.classList.add("good");
    p.textContent = `Passes ${rule}: ${irText}.`;
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// The table behind a sensitive column's charts

function shareBar(share) {
  const svg = s("svg", "share-bar");
  svg.setAttribute("width", "44");
  svg.setAttribute("height", "8");
  svg.setAttribute("aria-hidden", "true");
  const tr = s("rect", "sb-track");
  tr.setAttribute("width", "44");
  tr.setAttribute("height", "8");
  tr.setAttribute("rx", "2");
  const f = s("rect", "sb-fill");
  f.setAttribute("width", String(Math.max(share > 0 ? 1 : 0, Math.min(44, share * 44)).toFixed(1)));
  f.setAttribute("height", "8");
  f.setAttribute("rx", "2");
  svg.append(tr, f);
  return svg;
}

function groupTable(name, rep, entries) {
  const table = testid(h("table", "bias-table"), "bias-table");
  table.setAttribute("data-sensitive", name);
  const cap = h("caption", "vh", `Groups of ${colText(name)}`);
  const thead = h("thead");
  const tr = h("tr");
  tr.append(h("th", null, "Group"), h("th", "num", "Rows"), h("th", "num", "Share"));
  const lines = entries.map(fourFifths);
  for (const d of entries) {
    const th = h("th", "num", isRateEntry(d) ? `${truncate(d.outcome, 18)} rate` : `Mean ${truncate(d.label, 14)}`);
    th.setAttribute("title", isRateEntry(d) ? `Share of the group's labelled rows whose ${colText(d.label)} is ${quoted(d.outcome)}` : `Mean of ${colText(d.label)} in the group`);
    tr.append(th);
  }
  thead.append(tr);
  const tbody = h("tbody");
  // Rows: the representation's groups (all of them), with each entry's rate by value.
  const groups = rep ? rep.groups : entries[0]?.groups ?? [];
  const byValue = entries.map((d) => new Map(d.groups.map((g) => [String(g.value), g])));
  for (const g of groups) {
    const row = h("tr", g.too_small ? "small" : null);
    const cell = h("td", "grp");
    cell.append(h("span", "grp-name", shown(g.value)));
    if (g.too_small) {
      const tag = h("span", "tag small-tag", "too small");
      tag.setAttribute("title", `Under ${MIN_GROUP} rows: shown, not judged for disparities`);
      cell.append(" ", tag);
    }
    const share = h("td", "num share");
    share.append(shareBar(g.share ?? 0), h("span", null, fmtShare(g.share)));
    row.append(cell, h("td", "num", fmtInt(g.count)), share);
    entries.forEach((d, k) => {
      const eg = byValue[k].get(String(g.value));
      const v = eg ? valueOf(d, eg) : null;
      const below = eg && belowLine(d, eg, lines[k]);
      const td = h("td", `num${below ? " below" : ""}`, v === null ? "–" : below ? `▼ ${fmtValue(d, v)}` : fmtValue(d, v));
      if (below) td.setAttribute("title", `Below the four-fifths line (${fmtRate(lines[k])})`);
      row.append(td);
    });
    tbody.append(row);
  }
  table.append(cap, thead, tbody);
  if (rep && rep.unknown > 0) {
    const tfoot = h("tfoot");
    const fr = h("tr");
    const c = h("td", "muted", `${fmtInt(rep.unknown)} ${rep.unknown === 1 ? "row has" : "rows have"} no ${colText(name)} value and ${rep.unknown === 1 ? "is" : "are"} in no group.`);
    c.setAttribute("colspan", String(3 + entries.length));
    fr.append(c);
    tfoot.append(fr);
    table.append(tfoot);
  }
  const wrap = h("div", `table-scroll bias-table-wrap${groups.length > 14 ? " tall" : ""}`);
  wrap.append(table);
  return wrap;
}

// ---------------------------------------------------------------------------------------------
// One sensitive column

function entryBlock(d, finding, impactThreshold) {
  const box = h("div", "bias-entry");
  const { lo, hi } = extremes(d);
  const head = h("p", "bias-headline");
  head.append(h("strong", null, describeEntry(d)));
  if (lo && hi && lo !== hi) {
    head.append(`: ${shown(lo.value)} ${fmtValue(d, valueOf(d, lo))} vs ${shown(hi.value)} ${fmtValue(d, valueOf(d, hi))}`);
  }
  box.append(head, verdict(d, finding, impactThreshold));
  const fig = h("figure", "bias-chart-box");
  fig.append(biasChart(d), chartLegend(d));
  box.append(fig, figures(d, impactThreshold));
  return box;
}

function columnCard(name, role, rep, entries, items, ctx) {
  const groupsN = rep ? rep.groups.length : entries[0]?.groups.length ?? 0;
  const card = testid(h("article", `bias-col card${groupsN > 15 ? " wide" : ""}${groupsN > 15 && entries.length === 1 ? " split" : ""}`), "bias-column");
  card.setAttribute("data-sensitive", name);
  const head = h("header", "bias-col-head");
  const title = h("h3", "bias-col-name", colText(name));
  head.append(title);
  if (role) head.append(roleBadge(role.proposed));
  if (role && Array.isArray(role.bins) && role.bins.length) {
    const bins = h("span", "tag", "age bands");
    bins.setAttribute("title", `Numeric, grouped in bands: ${role.bins.join(", ")}`);
    head.append(bins);
  }
  head.append(h("span", "grow"));
  head.append(h("span", "muted small", `${plural(groupsN, "group", "groups")}`));
  if (items.length) head.append(pill(plural(items.length, "finding", "findings"), "sev-warning"));
  card.append(head);

  const several = entries.length > 1;
  if (!entries.length) {
    card.append(
      h(
        "p",
        "muted small",
        ctx.hasLabel
          ? "No outcome comparison for this column."
          : "No label column: the outcome rate per group needs one (choose it under Label column). Representation:",
      ),
    );
  } else if (!several) {
    card.append(entryBlock(entries[0], disparityFinding(ctx.findings, entries[0], false), ctx.impactThreshold));
  } else {
    // Several classes compared in turn: the worst first and open, the others folded.
    const ordered = [...entries].sort((a, b) => (a.impact_ratio ?? 1) - (b.impact_ratio ?? 1));
    ordered.forEach((d, k) => {
      const det = h("details", "bias-outcome");
      if (k === 0) det.setAttribute("open", "");
      const sum = h("summary");
      const f = disparityFinding(ctx.findings, d, true);
      sum.append(h("span", "strong", `${quoted(d.outcome)} rate`), h("span", "muted", ` · impact ratio ${fmtFig(d.impact_ratio)}`));
      if (f) sum.append(" ", pill("finding", "sev-warning"));
      det.append(sum, entryBlock(d, f, ctx.impactThreshold));
      card.append(det);
    });
  }
  card.append(groupTable(name, rep, entries));
  if (items.length) card.append(findingsList(items));
  return card;
}

// ---------------------------------------------------------------------------------------------
// Intersections, proxies, missingness

function barCell(value, max, threshold) {
  const td = h("td", "num barcell");
  const svg = s("svg", "mini-bar");
  svg.setAttribute("width", "64");
  svg.setAttribute("height", "8");
  svg.setAttribute("aria-hidden", "true");
  const tr = s("rect", "sb-track");
  tr.setAttribute("width", "64");
  tr.setAttribute("height", "8");
  tr.setAttribute("rx", "2");
  const over = threshold !== null && value >= threshold;
  const f = s("rect", over ? "sb-fill over" : "sb-fill");
  f.setAttribute("width", String(Math.max(value > 0 ? 1 : 0, Math.min(64, (value / (max || 1)) * 64)).toFixed(1)));
  f.setAttribute("height", "8");
  f.setAttribute("rx", "2");
  svg.append(tr, f);
  if (threshold !== null && threshold <= max) {
    const t = s("rect", "sb-threshold");
    t.setAttribute("x", String(Math.min(63, (threshold / (max || 1)) * 64).toFixed(1)));
    t.setAttribute("y", "0");
    t.setAttribute("width", "1.5");
    t.setAttribute("height", "8");
    svg.append(t);
  }
  td.append(svg);
  return td;
}

/** Copies each header's text onto its column's cells (data-label), for the stacked narrow layout. */
function labelCells(table) {
  const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent);
  for (const row of table.querySelectorAll("tbody tr")) {
    [...row.children].forEach((td, i) => td.setAttribute("data-label", heads[i] ?? ""));
  }
  return table;
}

/** A group's figures kept on one line ("0% · 39 rows"): a long group name wraps before them. */
function figs(...nodes) {
  const span = h("span", "grp-figs");
  span.append(...nodes);
  return span;
}

function chipFor(name) {
  const chip = h("button", "chip");
  chip.setAttribute("type", "button");
  chip.setAttribute("data-column", name);
  chip.setAttribute("title", "Show this column's profile");
  chip.append(colText(name));
  return chip;
}

function findingCell(item) {
  const td = h("td", "fcell");
  if (item) td.append(findingLink(item, "finding"));
  else td.append(h("span", "muted", "–"));
  return td;
}

function blockCard(title, id, count, intro) {
  const card = h("div", "bias-block card");
  const head = h("div", "bias-block-head");
  head.append(h("h3", null, title));
  if (count !== null) head.append(pill(fmtInt(count)));
  card.append(head);
  if (intro) card.append(h("p", "muted small bias-intro", intro));
  card.setAttribute("data-block", id);
  return card;
}

function intersectionsBlock(report, ctx) {
  const list = Array.isArray(report.intersections) ? report.intersections : [];
  if (!list.length) return null;
  const rate = isRateEntry(list[0]);
  const several = new Set(list.map((d) => d.outcome)).size > 1;
  const rows = list.map((d) => ({ d, item: disparityFinding(ctx.findings, d, several), ex: extremes(d) }));
  // Pairs with a finding first, then the most unequal.
  rows.sort((a, b) => (b.item ? 1 : 0) - (a.item ? 1 : 0) || (rate ? (a.d.impact_ratio ?? 1) - (b.d.impact_ratio ?? 1) : (b.d.smd ?? 0) - (a.d.smd ?? 0)));
  const card = blockCard(
    "Intersections",
    "intersections",
    list.length,
    `Each pair of sensitive columns together; only groups of ${MIN_GROUP}+ rows are judged. A pair is a finding only where it is more unequal than each of its columns alone.`,
  );
  const table = testid(h("table", "bias-wide"), "intersections-table");
  const thead = h("thead");
  const tr = h("tr");
  tr.append(h("th", null, "Columns"));
  if (several) tr.append(h("th", null, "Outcome"));
  const effect = h("th", "num", rate ? "Impact ratio" : "SMD");
  effect.setAttribute("title", rate ? EXPLAIN.impact : EXPLAIN.smd);
  const judgedTh = h("th", "num", "Judged");
  judgedTh.setAttribute("title", `Groups with ${MIN_GROUP} or more rows, of all the pair's groups`);
  tr.append(h("th", null, rate ? "Lowest rates" : "Lowest means"), h("th", null, rate ? "Highest rate" : "Highest mean"), effect);
  if (rate) {
    const v = h("th", "num", "Cramér's V");
    v.setAttribute("title", EXPLAIN.v);
    tr.append(v);
  }
  tr.append(judgedTh, h("th", null, "Finding"));
  thead.append(tr);
  const tbody = h("tbody");
  for (const { d, item, ex } of rows) {
    const row = h("tr", item ? "has-finding" : null);
    row.setAttribute("data-sensitive", d.sensitive.join(" & "));
    row.append(h("td", "pair", d.sensitive.map(colText).join(" × ")));
    if (several) row.append(h("td", null, isRateEntry(d) ? shown(d.outcome) : "–"));
    const worst = [...ex.judged].sort((a, b) => valueOf(d, a) - valueOf(d, b)).slice(0, 3);
    const lowCell = h("td", "grps");
    for (const g of worst) {
      const line = h("div", "grp-line");
      line.append(h("span", "grp-name", shown(g.value)), " ", figs(h("strong", null, fmtValue(d, valueOf(d, g))), h("span", "muted", ` · ${fmtInt(g.count)} rows`)));
      lowCell.append(line);
    }
    if (!worst.length) lowCell.append(h("span", "muted", "no group has enough rows"));
    const hiCell = h("td", "grps");
    if (ex.hi) {
      const line = h("div", "grp-line");
      line.append(h("span", "grp-name", shown(ex.hi.value)), " ", figs(h("strong", null, fmtValue(d, valueOf(d, ex.hi))), h("span", "muted", ` · ${fmtInt(ex.hi.count)} rows`)));
      hiCell.append(line);
    }
    row.append(lowCell, hiCell);
    if (rate) {
      const ir = d.impact_ratio;
      const td = h("td", `num${Number.isFinite(ir) && ir < FOUR_FIFTHS ? " below" : ""}`, Number.isFinite(ir) ? fmtFig(ir) : "–");
      row.append(td, h("td", "num", fmtFig(d.cramers_v)));
    } else {
      row.append(h("td", "num", fmtFig(d.smd)));
    }
    row.append(h("td", "num", `${fmtInt(ex.judged.length)} of ${fmtInt(d.groups.length)}`), findingCell(item));
    tbody.append(row);
  }
  return finishTable(card, table, thead, tbody, "pairs");
}

/** Puts a block's table in its card, labels its cells for narrow screens, and folds long tables. */
function finishTable(card, table, thead, tbody, unit) {
  table.append(thead, tbody);
  labelCells(table);
  const wrap = h("div", "table-scroll bias-table-wrap");
  wrap.append(table);
  card.append(wrap);
  limitRows(card, tbody, unit);
  return card;
}

function proxiesBlock(report, ctx) {
  const list = Array.isArray(report.proxies) ? report.proxies : [];
  if (!list.length) return null;
  const t = ctx.thresholds["proxy-for-sensitive"];
  const card = blockCard(
    "Proxies",
    "proxies",
    list.length,
    `How strongly each other column tells the sensitive group: a model can rebuild the group from a strong proxy even without the sensitive column. A finding from ${fmtNum(t)} (the mark on the bars).`,
  );
  const table = testid(h("table", "bias-wide"), "proxies-table");
  const thead = h("thead");
  const tr = h("tr");
  const measureTh = h("th", null, "Measure");
  measureTh.setAttribute("title", `${EXPLAIN.cramersProxy} ${EXPLAIN.etaProxy}`);
  tr.append(h("th", null, "Column"), h("th", null, "Sensitive"), measureTh, h("th", "num", "Value"), h("th", "num", ""), h("th", null, "Finding"));
  thead.append(tr);
  const tbody = h("tbody");
  const sorted = [...list].sort((a, b) => b.value - a.value);
  for (const p of sorted) {
    const item = ctx.findings.find(({ f }) => f.id === "proxy-for-sensitive" && sameList(f.columns ?? [], [p.column, p.sensitive]));
    const row = h("tr", item ? "has-finding" : null);
    row.setAttribute("data-column", p.column);
    row.setAttribute("data-sensitive", p.sensitive);
    const c = h("td");
    c.append(chipFor(p.column));
    const cramers = String(p.measure).startsWith("cramers_v");
    const m = h(
      "td",
      "muted",
      p.measure === "cramers_v_corrected" ? "Cramér's V (corrected)" : cramers ? "Cramér's V" : p.measure === "correlation_ratio" ? "correlation ratio η" : String(p.measure),
    );
    m.setAttribute("title", cramers ? EXPLAIN.cramersProxy : EXPLAIN.etaProxy);
    row.append(c, h("td", "colref", colText(p.sensitive)), m, h("td", `num strong${Number.isFinite(t) && p.value >= t ? " over" : ""}`, fmtFig(p.value)), barCell(p.value, 1, Number.isFinite(t) ? t : null), findingCell(item));
    tbody.append(row);
  }
  return finishTable(card, table, thead, tbody, "rows");
}

function missingnessBlock(report, ctx) {
  const list = Array.isArray(report.missingness) ? report.missingness : [];
  if (!list.length) return null;
  const t = ctx.thresholds["missingness-disparity"];
  const sorted = [...list].sort((a, b) => b.difference - a.difference);
  const maxGap = Math.max(...sorted.map((m) => m.difference), Number.isFinite(t) ? t : 0, 0.01);
  const card = blockCard(
    "Missingness by group",
    "missingness",
    list.length,
    `Columns missing more often for some groups (groups of ${MIN_GROUP}+ rows), largest gap first. A finding from a gap of ${fmtRate(t)} (the mark on the bars), with the highest rate at least twice the lowest and p < ${MAX_P} (not chance).`,
  );
  const table = testid(h("table", "bias-wide"), "missingness-table");
  const thead = h("thead");
  const tr = h("tr");
  const gapTh = h("th", "num", "Gap");
  gapTh.setAttribute("title", "The highest missing rate minus the lowest, in percentage points");
  const ratioTh = h("th", "num", "Ratio");
  ratioTh.setAttribute("title", "The highest missing rate divided by the lowest (– when the lowest is 0%)");
  const pTh = h("th", "num", "p-value");
  pTh.setAttribute("title", "Chi-square test of group against missingness: the chance of gaps this large if missingness did not depend on the group");
  tr.append(h("th", null, "Column"), h("th", null, "By"), h("th", null, "Most missing"), h("th", null, "Least missing"), gapTh, h("th", "num", ""), ratioTh, pTh, h("th", null, "Finding"));
  thead.append(tr);
  const tbody = h("tbody");
  for (const m of sorted) {
    const item = ctx.findings.find(({ f }) => f.id === "missingness-disparity" && sameList(f.columns ?? [], [m.column, m.sensitive]));
    const row = h("tr", item ? "has-finding" : null);
    row.setAttribute("data-column", m.column);
    row.setAttribute("data-sensitive", m.sensitive);
    const hi = m.groups[0];
    const lo = m.groups[m.groups.length - 1];
    const c = h("td");
    c.append(chipFor(m.column));
    const grp = (g) => {
      const td = h("td", "grps");
      if (!g) return td;
      const line = h("div", "grp-line");
      line.append(h("span", "grp-name", shown(g.value)), " ", figs(h("strong", null, fmtRate(g.rate)), h("span", "muted", ` · ${fmtInt(g.missing)} of ${fmtInt(g.count)}`)));
      td.append(line);
      return td;
    };
    row.append(
      c,
      h("td", "colref", colText(m.sensitive)),
      grp(hi),
      grp(lo),
      h("td", `num strong${Number.isFinite(t) && m.difference >= t ? " over" : ""}`, fmtPoints(m.difference)),
      barCell(m.difference, maxGap, Number.isFinite(t) ? t : null),
      h("td", "num", Number.isFinite(m.ratio) ? `×${fmtNum(m.ratio)}` : "–"),
      h("td", `num${Number.isFinite(m.p_value) && m.p_value >= MAX_P ? " muted" : ""}`, fmtP(m.p_value)),
      findingCell(item),
    );
    tbody.append(row);
  }
  return finishTable(card, table, thead, tbody, "rows");
}

// ---------------------------------------------------------------------------------------------
// Roles and their controls

/** The label's classes, from the label column's most common values (null: numeric or absent). */
export function labelClasses(report, labelName) {
  if (labelName === null || labelName === undefined || labelName === "") return null;
  const col = report.columns.find((c) => c.name === labelName);
  if (!col) return null;
  if ((col.type === "integer" || col.type === "float") && col.distinct > MAX_CLASSES) return null;
  return (Array.isArray(col.top) ? col.top : []).map(([v]) => String(v));
}

/**
 * Fills the outcome <select>: "automatic" (value "") and the label's classes. `auto` describes
 * what the engine chose when nothing is asked for; `value` is the class asked for ("" = none).
 */
export function fillOutcomeSelect(select, report, labelName, value, auto) {
  const classes = labelClasses(report, labelName);
  const opts = [];
  const first = h("option", null, "");
  first.setAttribute("value", "");
  opts.push(first);
  const col = report.columns.find((c) => c.name === labelName);
  if (!labelName) {
    first.textContent = "— (no label column)";
  } else if (!col) {
    first.textContent = "automatic";
  } else if (!classes) {
    first.textContent = "— (a numeric label: group means are compared)";
  } else {
    const two = classes.length === 2;
    first.textContent = auto ? `automatic: ${auto}` : two ? "automatic: the rarer class" : "automatic: each class in turn";
    for (const c of classes) {
      const o = h("option", null, c === "" ? "(empty)" : c);
      o.setAttribute("value", c);
      opts.push(o);
    }
  }
  if (value && !opts.some((o) => o.getAttribute("value") === value)) {
    const o = h("option", null, `${value} (not a class here)`);
    o.setAttribute("value", value);
    opts.push(o);
  }
  select.replaceChildren(...opts);
  select.value = value ?? "";
  select.disabled = opts.length < 2;
}

/** What the engine compared when no outcome was asked for, in words (null: nothing). */
export function autoOutcomeText(report) {
  const outs = [...new Set((report.bias ?? []).filter(isRateEntry).map((d) => d.outcome))];
  if (!outs.length) return null;
  if (outs.length === 1) return `${outs[0]} (the rarer class)`;
  return `each class in turn (${outs.length})`;
}

function rolesCard(report, ctx) {
  const roles = report.roles ?? {};
  const card = testid(h("div", "bias-roles card"), "bias-roles");
  card.setAttribute("part", "bias-roles");
  const head = h("div", "bias-block-head");
  head.append(h("h3", null, "Roles"), h("span", "muted small", "which columns the comparisons use"));
  card.append(head);
  const grid = h("div", "roles-grid");

  // Label
  const lab = h("div", "role-row");
  lab.append(h("span", "role-key", "Label"));
  const labVal = h("div", "role-val");
  const label = roles.label;
  if (label && label.name !== undefined) {
    labVal.append(h("code", "role-name", colText(label.name)), roleBadge(label.proposed));
    const col = report.columns.find((c) => c.name === label.name);
    if (col && Array.isArray(col.top) && col.top.length && labelClasses(report, label.name)) {
      const known = col.present - col.missing;
      const cls = col.top
        .slice(0, 4)
        .map(([v, n]) => `${v === "" ? "(empty)" : v} ${fmtRate(known > 0 ? n / known : 0)}`)
        .join(" · ");
      labVal.append(h("span", "muted small", `${cls}${col.top.length > 4 ? " · …" : ""}`));
    }
  } else {
    labVal.append(h("span", "muted", "none"));
  }
  const change = h("button", "btn small link-btn", "Change…");
  change.setAttribute("type", "button");
  change.setAttribute("data-action", "focus-label");
  change.setAttribute("title", "The label is chosen with Label column, in the settings above");
  labVal.append(change);
  lab.append(labVal);

  // Outcome
  const out = h("div", "role-row");
  const outKey = h("label", "role-key", "Outcome");
  const select = testid(h("select", "outcome-select"), "outcome-select");
  select.setAttribute("part", "outcome-select");
  select.setAttribute("id", "dl-outcome-select");
  outKey.setAttribute("for", "dl-outcome-select");
  select.setAttribute("aria-label", "Outcome: the label class whose rate is compared across groups");
  // What "automatic" chose is known only from a report that ran without an outcome asked for.
  const auto = ctx.labelValue === (label?.name ?? "") && !ctx.outcomeSent ? autoOutcomeText(report) : null;
  fillOutcomeSelect(select, report, ctx.labelValue, ctx.outcome ?? "", auto);
  const outVal = h("div", "role-val");
  outVal.append(select, h("span", "muted small", "the label class whose rate is compared"));
  out.append(outKey, outVal);

  // Sensitive
  const sen = h("div", "role-row");
  sen.append(h("span", "role-key", "Sensitive"));
  const senVal = h("div", "role-val");
  const byName = new Map((roles.sensitive ?? []).map((r) => [r.name, r]));
  const checked = new Set(ctx.sensitive ?? [...byName.keys()]);
  const boxes = h("div", "sens-list");
  boxes.setAttribute("role", "group");
  boxes.setAttribute("aria-label", "Sensitive columns");
  const names = report.columns.map((c) => c.name).filter((n) => n !== "");
  const labelName = ctx.labelValue || label?.name;
  // The report's sensitive columns first (in their order), then the others.
  const ordered = [...(roles.sensitive ?? []).map((r) => r.name).filter((n) => names.includes(n)), ...names.filter((n) => !byName.has(n))];
  for (const n of ordered) {
    const item = h("label", `sens-item${checked.has(n) ? " on" : ""}`);
    const box = testid(h("input"), "sensitive-checkbox");
    box.setAttribute("type", "checkbox");
    box.setAttribute("data-column", n);
    if (checked.has(n)) box.setAttribute("checked", "");
    if (n === labelName) {
      box.setAttribute("disabled", "");
      item.setAttribute("title", "The label column cannot also be sensitive");
    }
    item.append(box, h("span", "sens-name", colText(n)));
    const r = byName.get(n);
    if (r) item.append(h("span", `mini-badge ${r.proposed ? "proposed" : "chosen"}`, r.proposed ? "proposed" : "chosen"));
    boxes.append(item);
  }
  senVal.append(boxes);
  sen.append(senVal);

  grid.append(lab, out, sen);
  card.append(grid);

  const foot = h("div", "roles-foot");
  const pending = testid(h("span", "dirty", "Roles changed: re-run to apply"), "roles-dirty");
  pending.hidden = true;
  const rerun = testid(h("button", "btn small", "Re-run"), "bias-rerun");
  rerun.setAttribute("type", "button");
  rerun.setAttribute("data-action", "rerun");
  foot.append(
    h("span", "muted small grow", "Proposed roles come from column names (sex, race, age, income, ...). Tick or untick columns, or pick the outcome class, then re-run."),
    pending,
    rerun,
  );
  card.append(foot);
  return card;
}

// ---------------------------------------------------------------------------------------------
// The section

function glossary() {
  const det = h("details", "bias-glossary");
  det.append(h("summary", null, "What the figures mean"));
  const dl = h("dl");
  for (const [k, text] of [
    ["Four-fifths line", "80% of the highest outcome rate among the judged groups: a group below it is selected at less than four fifths the rate of the best-off group (the usual screen for adverse impact)."],
    ["Parity difference", EXPLAIN.parity],
    ["Impact ratio", EXPLAIN.impact],
    ["Chi-square, dof", `${EXPLAIN.chi2} ${EXPLAIN.dof}`],
    ["p-value", EXPLAIN.p],
    ["Cramér's V", EXPLAIN.v],
    ["SMD", `For a numeric label. ${EXPLAIN.smd}`],
    ["Too small", `Groups under ${MIN_GROUP} rows are shown but never judged: their rates are too noisy.`],
  ]) {
    const d = h("div");
    d.append(h("dt", null, k), h("dd", null, text));
    dl.append(d);
  }
  det.append(dl);
  return det;
}

/**
 * The Bias section, or null when the report has no bias fields (an older engine).
 * ctx: { biasIds: Set, labelValue: the label <select>'s value, sensitive: checked names or null
 * (the report's), outcome: the class asked for ("" or null: automatic), outcomeSent: the class
 * the report was asked for (null: none), thresholds: by check id }
 */
export function renderBias(report, ctx = {}) {
  if (!report || !report.roles) return null;
  const biasIds = ctx.biasIds instanceof Set && ctx.biasIds.size ? ctx.biasIds : new Set(BIAS_CHECK_IDS);
  const thresholds = ctx.thresholds ?? {};
  const impactThreshold = Number.isFinite(thresholds["label-disparity"]) ? thresholds["label-disparity"] : FOUR_FIFTHS;
  const findings = biasFindings(report, biasIds);
  const roles = report.roles;
  const label = roles.label;
  const bias = Array.isArray(report.bias) ? report.bias : [];
  const reps = Array.isArray(report.representation) ? report.representation : [];

  const sec = testid(h("section", "block bias"), "bias-section");
  sec.setAttribute("part", "bias-section");
  sec.setAttribute("aria-label", "Bias");
  const head = h("div", "block-head");
  head.append(h("h2", null, "Bias"), pill(plural(findings.length, "finding", "findings"), findings.length ? "sev-warning" : ""));
  sec.append(head);

  const intro = h("p", "bias-lede");
  const sens = roles.sensitive ?? [];
  const outs = [...new Set(bias.filter(isRateEntry).map((d) => d.outcome))];
  if (!sens.length) {
    intro.textContent = "No sensitive column is in play: tick the columns that describe people's groups (sex, race, age, ...) under Roles and re-run.";
  } else if (!label) {
    intro.textContent = `How ${sens.map((r) => colText(r.name)).join(", ")} ${sens.length === 1 ? "is" : "are"} represented, and what goes missing by group. With a label column, the outcome rate per group is compared too.`;
  } else if (outs.length === 1) {
    intro.textContent = `How often each group has ${colText(label.name)} = ${quoted(outs[0])}, per sensitive column, against the four-fifths line; groups under ${MIN_GROUP} rows are drawn hatched and not judged.`;
  } else if (outs.length > 1) {
    intro.textContent = `The rate of each class of ${colText(label.name)} per group, per sensitive column, against the four-fifths line; groups under ${MIN_GROUP} rows are drawn hatched and not judged.`;
  } else {
    intro.textContent = `The mean of ${colText(label.name)} per group, per sensitive column; groups under ${MIN_GROUP} rows are drawn hatched and not judged.`;
  }
  sec.append(intro);
  if (sens.length) sec.append(glossary());
  sec.append(rolesCard(report, ctx));

  const cols = h("div", "bias-cols");
  const byName = new Map(sens.map((r) => [r.name, r]));
  const names = [...sens.map((r) => r.name)];
  for (const r of reps) if (!byName.has(r.sensitive) && !names.includes(r.sensitive)) names.push(r.sensitive);
  const cctx = { findings, impactThreshold, hasLabel: !!label };
  for (const name of names) {
    const rep = reps.find((r) => r.sensitive === name) ?? null;
    const entries = bias.filter((d) => d.sensitive.length === 1 && d.sensitive[0] === name);
    const items = findings.filter(({ f }) => findingForColumn(f, name));
    cols.append(columnCard(name, byName.get(name), rep, entries, items, cctx));
  }
  // Entries of `bias` whose column is not among the roles (not expected): shown all the same.
  for (const d of bias) {
    if (d.sensitive.length === 1 && names.includes(d.sensitive[0])) continue;
    cols.append(columnCard(d.sensitive.join(" & "), null, null, [d], [], cctx));
  }
  if (cols.children.length) sec.append(cols);

  const ictx = { findings, thresholds };
  const more = [intersectionsBlock(report, ictx), proxiesBlock(report, ictx), missingnessBlock(report, ictx)].filter(Boolean);
  for (const m of more) sec.append(m);

  // Bias findings not shown anywhere above (a check added later, a column not in the roles).
  const placed = new Set();
  for (const name of names) for (const it of findings) if (findingForColumn(it.f, name)) placed.add(it.i);
  for (const d of report.intersections ?? []) {
    const it = disparityFinding(findings, d, true) ?? disparityFinding(findings, d, false);
    if (it) placed.add(it.i);
  }
  for (const it of findings) if (it.f.id === "label-disparity" && (it.f.columns ?? []).length > 1) placed.add(it.i);
  const rest = findings.filter((it) => !placed.has(it.i));
  if (rest.length) {
    const card = blockCard("Other bias findings", "other", rest.length, null);
    card.append(findingsList(rest));
    sec.append(card);
  }
  return sec;
}

// ---------------------------------------------------------------------------------------------
// Styles (adopted by the element with its own)

export const BIAS_CSS = `
/* Bias */
.bias { display: grid; gap: 12px; }
.bias > .block-head { margin-bottom: 0; }
.bias > .block-body { display: grid; gap: 12px; min-width: 0; }
.bias-lede { font-size: 13px; color: var(--dl-muted); max-width: 100ch; }
.bias .grow { flex: 1; }
.bias h3 { font-size: 15px; }
.role-badge, .mini-badge {
  display: inline-block; font-size: 11px; font-weight: 600; line-height: 16px; padding: 1px 8px; border-radius: 999px;
  border: 1px solid; white-space: nowrap; letter-spacing: 0; text-transform: none;
}
.role-badge.proposed, .mini-badge.proposed { color: var(--dl-info); background: var(--dl-info-bg); border-color: var(--dl-info-border); }
.role-badge.chosen, .mini-badge.chosen { color: var(--dl-pass); background: var(--dl-pass-bg); border-color: var(--dl-pass-border); }
.mini-badge { font-size: 10px; line-height: 14px; padding: 0 6px; }

/* Roles */
.bias-roles { padding: 12px 16px; display: grid; gap: 10px; }
.bias-block-head { display: flex; align-items: baseline; gap: 10px; flex-wrap: wrap; }
.roles-grid { display: grid; gap: 8px; }
.role-row { display: grid; grid-template-columns: 84px minmax(0, 1fr); gap: 4px 12px; align-items: center; }
.role-key { font-size: 12px; font-weight: 600; color: var(--dl-muted); text-transform: uppercase; letter-spacing: 0.04em; }
.role-val { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; min-width: 0; }
.role-name { font-weight: 600; font-size: 13.5px; overflow-wrap: anywhere; }
.role-val select { min-width: 200px; max-width: 100%; }
.link-btn { min-height: 26px; padding: 1px 9px; font-size: 12px; font-weight: 600; }
.sens-list { display: flex; flex-wrap: wrap; gap: 6px; max-height: 156px; overflow-y: auto; padding: 2px; }
.sens-item {
  display: inline-flex; align-items: center; gap: 6px; padding: 3px 9px 3px 6px; border-radius: 7px; cursor: pointer;
  border: 1px solid var(--dl-border); background: var(--dl-card); font-size: 12.5px; max-width: 100%; min-height: 28px;
}
.sens-item.on { border-color: var(--dl-accent); background: var(--dl-accent-soft); }
.sens-item:has(input:focus-visible) { outline: 2px solid var(--dl-accent); outline-offset: 1px; }
.sens-item:has(input[disabled]) { opacity: 0.55; cursor: not-allowed; }
.sens-item input { appearance: auto; -webkit-appearance: checkbox; display: inline-block; width: 15px; height: 15px; margin: 0; accent-color: var(--dl-accent); flex: none; }
.sens-name { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12px; overflow-wrap: anywhere; }
.roles-foot { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; border-top: 1px solid var(--dl-border); padding-top: 10px; }
.roles-foot .grow { flex: 1 1 240px; }

/* A sensitive column */
.bias-cols { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 430px), 1fr)); gap: 12px; align-items: start; }
.bias-col { padding: 14px 16px; display: grid; gap: 10px; min-width: 0; }
.bias-col.wide { grid-column: 1 / -1; }
.bias-col-head { display: flex; align-items: center; flex-wrap: wrap; gap: 6px 8px; }
.bias-col-name { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 15px; overflow-wrap: anywhere; min-width: 0; }
.count-pill.sev-warning { background: var(--dl-warning-bg); border-color: var(--dl-warning-border); color: var(--dl-warning); }
.bias-entry { display: grid; gap: 8px; min-width: 0; }
.bias-headline { font-size: 13.5px; overflow-wrap: anywhere; }
.bias-verdict { font-size: 12.5px; padding: 6px 10px; border-radius: 7px; border: 1px solid var(--dl-border); background: var(--dl-surface); overflow-wrap: anywhere; }
.bias-verdict.bad { background: var(--dl-warning-bg); border-color: var(--dl-warning-border); color: var(--dl-warning); }
.bias-verdict.warn { background: var(--dl-info-bg); border-color: var(--dl-info-border); color: var(--dl-info); }
.bias-verdict.good { background: var(--dl-pass-bg); border-color: var(--dl-pass-border); color: var(--dl-pass); }
.bias-verdict.neutral { color: var(--dl-muted); }
.bias-outcome { border-top: 1px solid var(--dl-border); padding-top: 8px; }
.bias-outcome > summary { font-size: 13px; padding: 2px 0; }
.bias-outcome[open] > summary { margin-bottom: 8px; }
.bias-chart-box { display: grid; gap: 6px; min-width: 0; }

/* The chart */
.bchart { display: block; width: 100%; overflow: visible; }
.bchart text { font-family: inherit; paint-order: stroke; stroke: var(--dl-card); stroke-width: 3px; stroke-linejoin: round; }
.bc-hit { fill: transparent; }
.bc-row:hover .bc-hit { fill: var(--dl-surface); }
.bc-track { fill: var(--dl-track); }
.bc-row:not(.small) .bc-bar { fill: var(--dl-bar); }
.bc-row.below .bc-bar { fill: var(--dl-warning-solid); }
.bc-row.top .bc-bar { fill: var(--dl-accent); }
.bc-row.small .bc-bar { stroke: var(--dl-border-strong); stroke-width: 1px; }
.hatch-bg { fill: var(--dl-track); }
.hatch-line { fill: var(--dl-muted); opacity: 0.55; }
.bc-label { font-size: 12px; fill: var(--dl-fg); }
.bchart.many .bc-label, .bchart.many .bc-value { font-size: 11px; }
.bc-value { font-size: 12px; font-weight: 600; fill: var(--dl-fg); font-variant-numeric: tabular-nums; }
.bc-row.below .bc-value { fill: var(--dl-warning); font-weight: 700; }
.bc-row.small .bc-label { fill: var(--dl-muted); font-style: italic; }
.bc-row.small .bc-value { fill: var(--dl-muted); font-weight: 400; font-size: 11px; }
.bc-gridline { stroke: var(--dl-border); stroke-width: 1; }
.bc-refline { stroke: var(--dl-error-solid); stroke-width: 1.5; stroke-dasharray: 4 3; }
.bc-reftext { font-size: 11px; font-weight: 700; fill: var(--dl-error); }
.bc-legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 11.5px; color: var(--dl-muted); }
.bc-key { display: inline-flex; align-items: center; gap: 5px; }
.bc-swatch { display: inline-block; width: 16px; height: 9px; border-radius: 2px; font-size: 0; flex: none; }
.bc-swatch.ok { background: var(--dl-bar); }
.bc-swatch.below { background: var(--dl-warning-solid); }
.bc-swatch.ref { width: 0; height: 12px; border-left: 2px dashed var(--dl-error-solid); border-radius: 0; }
.bc-swatch.small { background: repeating-linear-gradient(45deg, var(--dl-muted) 0 2px, var(--dl-track) 2px 5px); opacity: 0.8; }

/* Figures */
.bias-figures { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 6px; }
.bfig { padding: 5px 9px; border-radius: 7px; background: var(--dl-surface); border: 1px solid var(--dl-border); cursor: help; min-width: 0; }
.bfig dt { font-size: 11px; line-height: 1.3; color: var(--dl-muted); font-weight: 500; }
.bfig dd { font-size: 14px; font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.bfig.bad { background: var(--dl-warning-bg); border-color: var(--dl-warning-border); }
.bfig.bad dd { color: var(--dl-warning); }
.bfig.good dd { color: var(--dl-pass); }

/* Tables */
.bias-table-wrap { border: 1px solid var(--dl-border); border-radius: 8px; }
.bias-table-wrap.tall { max-height: 360px; overflow-y: auto; }
.bias-table, .bias-wide { width: 100%; }
.bias-table thead th, .bias-wide thead th { position: sticky; top: 0; background: var(--dl-card); z-index: 1; }
.bias-table td, .bias-wide td { vertical-align: middle; }
.bias-table tr.small td { color: var(--dl-muted); }
.bias-table .grp, .bias-wide .grps, .grp-name { overflow-wrap: break-word; }
.share-bar, .mini-bar { display: inline-block; vertical-align: middle; margin-right: 6px; }
.sb-track { fill: var(--dl-track); }
.sb-fill { fill: var(--dl-bar); }
.sb-fill.over { fill: var(--dl-warning-solid); }
.sb-threshold { fill: var(--dl-error-solid); }
td.below { color: var(--dl-warning); font-weight: 700; }
td.over { color: var(--dl-warning); }
.small-tag { font-size: 10px; padding: 0 6px; white-space: nowrap; }
.bias-wide tr.has-finding td:first-child { box-shadow: inset 3px 0 0 var(--dl-warning-solid); }
.bias-wide .pair, .bias-wide .colref { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12px; white-space: nowrap; }
.bias-wide .pair { white-space: normal; min-width: 130px; max-width: 200px; }
.grp-figs { white-space: nowrap; }
.grp-line { overflow-wrap: break-word; }
.bias-wide .chip { white-space: nowrap; overflow-wrap: normal; }
.barcell { width: 76px; }
.fcell { white-space: nowrap; }
.bias-block { padding: 12px 16px 14px; display: grid; gap: 8px; min-width: 0; }
.bias-intro { max-width: 110ch; }

/* Findings in the section: one line each, a link to the finding's card */
.bias-findings { list-style: none; display: grid; gap: 2px; border-top: 1px solid var(--dl-border); padding-top: 8px; }
.bias-fline {
  appearance: none; font: inherit; font-size: 12.5px; line-height: 18px; margin: 0; width: 100%; text-align: left; cursor: pointer;
  display: grid; grid-template-columns: auto auto minmax(0, 1fr) auto; gap: 8px; align-items: center;
  padding: 4px 8px; border-radius: 6px; border: 1px solid transparent; background: transparent; color: var(--dl-fg);
}
.bias-fline:hover { background: var(--dl-accent-soft); border-color: var(--dl-accent-soft); }
.bias-fline:focus-visible { outline: 2px solid var(--dl-accent); outline-offset: 1px; }
.bias-fline .check-id { font-size: 11.5px; }
.bias-ftitle { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.bias-farrow { color: var(--dl-accent); font-weight: 700; }
.more-rows { justify-self: start; }
.bias-flink {
  appearance: none; font: inherit; font-size: 12px; font-weight: 600; margin: 0; padding: 2px 8px; border-radius: 6px; cursor: pointer;
  color: var(--dl-accent); background: transparent; border: 1px solid var(--dl-border); white-space: nowrap; line-height: 18px;
}
.bias-flink:hover { border-color: var(--dl-accent); background: var(--dl-accent-soft); }
.bias-flink:focus-visible { outline: 2px solid var(--dl-accent); outline-offset: 1px; }
.finding { transition: box-shadow 0.3s; }
.finding.flash { box-shadow: 0 0 0 3px var(--dl-accent); }

.bias-glossary { font-size: 12.5px; }
.bias-glossary > summary { font-weight: 600; color: var(--dl-accent); display: inline-block; }
.bias-glossary dl { display: grid; gap: 4px; margin-top: 8px; max-width: 110ch; }
.bias-glossary dl > div { display: grid; grid-template-columns: 150px minmax(0, 1fr); gap: 10px; }
.bias-glossary dt { font-weight: 600; }
.bias-glossary dd { color: var(--dl-muted); }

@container (min-width: 960px) {
  .bias-col.split { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); column-gap: 16px; }
  .bias-col.split > * { grid-column: 1 / -1; }
  .bias-col.split > .bias-entry { grid-column: 1; grid-row: 2; }
  /* The table takes the chart's height and scrolls within it. */
  .bias-col.split > .bias-table-wrap { grid-column: 2; grid-row: 2; max-height: none; contain: size; overflow: auto; }
}
@container (max-width: 400px) {
  .bias-figures { grid-template-columns: repeat(2, minmax(0, 1fr)); }
}
@container (max-width: 560px) {
  .bias-roles, .bias-col, .bias-block { padding: 12px; }
  .role-row { grid-template-columns: minmax(0, 1fr); }
  .role-val select { min-width: 0; width: 100%; }
  .bias-table th, .bias-table td, .bias-wide th, .bias-wide td { padding: 5px 7px; }
  .bias-table .share-bar { display: none; }
  /* Wide tables become one small card per row, each cell labelled with its header. */
  .bias-wide thead { display: none; }
  .bias-wide, .bias-wide tbody, .bias-wide tr, .bias-wide td { display: block; width: auto; }
  .bias-wide tr { padding: 6px 0; border-bottom: 1px solid var(--dl-border); }
  .bias-wide tbody tr:last-child { border-bottom: 0; }
  .bias-wide td { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; border: 0; padding: 2px 10px; text-align: right; white-space: normal; }
  .bias-wide td::before { content: attr(data-label); flex: none; max-width: 40%; text-align: left; font-size: 11.5px; font-weight: 600; color: var(--dl-muted); }
  .bias-wide td[data-label=""]::before { content: none; }
  .bias-wide td[data-label=""] { justify-content: flex-end; }
  .bias-wide td.grps { display: block; text-align: left; }
  .bias-wide td.grps::before { display: block; max-width: none; }
  .bias-wide .pair { white-space: normal; font-weight: 600; max-width: none; }
  .bias-wide tr.has-finding td:first-child { box-shadow: none; }
  .bias-wide tr.has-finding { box-shadow: inset 3px 0 0 var(--dl-warning-solid); }
  .barcell { width: auto; }
  .bias-glossary dl > div { grid-template-columns: minmax(0, 1fr); gap: 0; }
}
`;

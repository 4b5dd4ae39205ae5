// Every number and short text the page shows is formatted here, and only here.
//
// Percentages come in a few deliberate styles, each named for where it is read:
//   fmtPct    a share in a column card or a chart tooltip: 5.6%, 12%, <0.1%
//   fmtRate   an outcome rate per group, one decimal: 30.6%, <0.1%
//   fmtShare  a group's share of rows, finer under 1%: 0.96%, <0.01%
//   fmtPoints a difference of two rates: 19.6 pts
//   fmtFigure a figure in the unit the engine gives it (finding.unit, threshold.unit)
// The strings are the page's as they were; merging the styles would change what people read.

const INT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const FRAC1 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const FRAC2 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const SIG3 = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });
const FIG3 = new Intl.NumberFormat("en-US", { minimumSignificantDigits: 3, maximumSignificantDigits: 3 });
const COMPACT = new Intl.NumberFormat("en-US", { notation: "compact", maximumSignificantDigits: 3 });

const missing = (x) => x === null || x === undefined || Number.isNaN(x);

// ---- Plain numbers -----------------------------------------------------------------------------

export function fmtInt(n) {
  return missing(n) ? "–" : INT.format(n);
}

/** A figure for people: thousands separators, a few significant digits, exponent when tiny/huge. */
export function fmtNum(x) {
  if (missing(x)) return "–";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  const a = Math.abs(x);
  if (Number.isInteger(x) && a < 1e15) return INT.format(x);
  if (a >= 1e9 || (a > 0 && a < 1e-4)) return x.toExponential(2);
  if (a >= 10000) return INT.format(x);
  if (a >= 1000) return FRAC1.format(x);
  if (a >= 1) return FRAC2.format(x);
  return SIG3.format(x);
}

/** A short figure for tight spaces (chart ticks, quantile tables): 27.1K, 1.03M. */
export function fmtShort(x) {
  if (x === null || x === undefined || !Number.isFinite(x)) return fmtNum(x);
  return Math.abs(x) >= 10000 && Math.abs(x) < 1e15 ? COMPACT.format(x) : fmtNum(x);
}

/** An effect size or ratio with three significant digits: 0.210, 0.0996, 0. */
export function fmtFig(x) {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  if (x === 0) return "0";
  if (Math.abs(x) >= 1000 || Math.abs(x) < 1e-4) return fmtNum(x);
  return FIG3.format(x);
}

/** A p-value as the engine's titles print it (its fmt_p: an exponent under 0.001). */
export function fmtP(p) {
  if (p === null || p === undefined || !Number.isFinite(p)) return "–";
  if (p < 1e-300) return "< 1e-300";
  if (p < 0.001) return p.toExponential(1);
  return p.toFixed(3);
}

// ---- Shares and rates --------------------------------------------------------------------------

/** A share in a column card or tooltip: one decimal under 10%, none above. */
export function fmtPct(share) {
  if (missing(share)) return "–";
  const p = share * 100;
  if (p === 0) return "0%";
  if (p === 100) return "100%";
  if (p < 0.1) return "<0.1%";
  if (p > 99.9) return ">99.9%";
  return `${p < 10 ? p.toFixed(1) : p.toFixed(0)}%`;
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
export function fmtShare(r) {
  if (r === null || r === undefined || !Number.isFinite(r)) return "–";
  const p = r * 100;
  if (p === 0) return "0%";
  if (p < 0.01) return "<0.01%";
  if (p < 1) return `${p.toFixed(2)}%`;
  return `${p.toFixed(1)}%`;
}

/** A difference of two rates in percentage points: 19.6 pts. */
export function fmtPoints(d) {
  if (d === null || d === undefined || !Number.isFinite(d)) return "–";
  return `${(d * 100).toFixed(1)} pts`;
}

/** An axis tick: 0%, 25%, 12.5% on a rate axis, a plain figure otherwise. */
export function fmtTick(v, rate) {
  if (!rate) return fmtNum(v);
  const p = Math.round(v * 1000) / 10;
  return `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
}

// ---- A finding's metric, in its unit -----------------------------------------------------------

function trimmed(x, opts) {
  return new Intl.NumberFormat("en-US", { useGrouping: true, ...opts }).format(x);
}

/**
 * One figure in the engine's unit (a finding's `unit`, a check's `threshold.unit`): "share" (a
 * fraction of rows or values, in percent), "points" (a difference of two rates, in percentage
 * points), "count" (a whole number of things), "ratio" or "statistic" (a few decimals; so is
 * any unit this page does not know). `extra` adds digits (to tell apart a metric and a
 * threshold that round alike). Never an exponent.
 */
export function fmtFigure(x, unit, extra = 0) {
  if (missing(x)) return "–";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  if (unit === "count") return Number.isInteger(x) ? INT.format(x) : fmtFigure(x, "statistic", extra);
  if (unit === "share" || unit === "points") {
    // Rounded to 12 digits first: 0.07 * 100 is 7.000000000000001.
    const p = Number((x * 100).toPrecision(12));
    const sign = unit === "share" ? "%" : " pts";
    if (p === 0) return `0${sign}`;
    const a = Math.abs(p);
    const body =
      a >= 1 ? trimmed(p, { maximumFractionDigits: 1 + extra }) : trimmed(p, { maximumSignificantDigits: 2 + extra });
    return `${body}${sign}`;
  }
  const a = Math.abs(x);
  if (x === 0) return "0";
  if (a >= 100) return trimmed(x, { maximumFractionDigits: 1 + extra });
  if (a >= 1) return trimmed(x, { maximumFractionDigits: 2 + extra });
  return trimmed(x, { maximumSignificantDigits: 3 + extra });
}

/**
 * A finding's metric and threshold as people read them: shares in percent ("0.0061%", "5.6%"),
 * counts with separators, ratios and statistics with two or three significant decimals; never
 * an exponent. When the two would print alike but differ, both get more digits.
 */
export function fmtMetric(value, threshold, unit) {
  let extra = 0;
  let v = fmtFigure(value, unit);
  let t = fmtFigure(threshold, unit);
  while (v === t && value !== threshold && extra < 6 && Number.isFinite(value) && Number.isFinite(threshold)) {
    extra += 1;
    v = fmtFigure(value, unit, extra);
    t = fmtFigure(threshold, unit, extra);
  }
  return { value: v, threshold: t, unit };
}

// ---- Sizes and times ---------------------------------------------------------------------------

export function fmtBytes(n) {
  if (n === null || n === undefined || !Number.isFinite(n)) return "–";
  if (n < 1000) return `${fmtInt(n)} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i += 1;
  }
  return `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ${units[i]}`;
}

export function fmtDuration(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "–";
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const sec = ms / 1000;
  if (sec < 60) return `${sec < 10 ? sec.toFixed(1) : sec.toFixed(0)} s`;
  const m = Math.floor(sec / 60);
  const r = Math.round(sec - m * 60);
  if (m < 60) return `${m} min ${r} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Read speed: "12 MB/s" ("–" before any bytes). */
export function fmtSpeed(bytesPerSecond) {
  const rate = bytesPerSecond;
  return rate > 0 ? `${(rate / 1e6).toFixed(rate >= 1e7 ? 0 : 1)} MB/s` : "–";
}

// ---- Words -------------------------------------------------------------------------------------

/** A count and its noun: "1 row", "2,000 rows". */
export function plural(n, one, many) {
  return `${fmtInt(n)} ${n === 1 ? one : many}`;
}

/** At most `max` characters (code points), the last an ellipsis when cut. */
export function truncate(text, max) {
  const chars = Array.from(String(text));
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join("");
}

/** A value as text, the empty string made visible. */
export function shown(value) {
  const t = value === null || value === undefined ? "" : String(value);
  return t === "" ? "(empty)" : t;
}

/** A column name as text, the empty name made visible. */
export function colText(name) {
  return name === "" ? "(empty name)" : String(name);
}

export function quoted(text) {
  return `‘${text}’`;
}

// <datalint-check>: the whole in-browser UI of datalint, as one custom element.
//
// The element owns a Web Worker (worker.js) that runs the engine (WebAssembly); the page never
// reads the file itself: it hands the File handle to the worker, which slices it. Everything is
// rendered inside a shadow root with its own styles, so a host page's CSS cannot reach it.
// Dataset values are untrusted and only ever displayed as text (see render.js).
//
// Attributes: label (initial label column), fail-on (error|warning|info), theme (light|dark),
// no-sample (hides the sample button, e.g. where samples/ is not served).
// Events (bubbling, composed): datalint-ready, datalint-progress, datalint-report, datalint-error.
// API: check(fileOrBlob, name?) -> Promise<report|null>, cancel(), rerun(); read-only
// properties report, ready, busy, lastMemoryBytes.
import { MSG } from "./protocol.js";
import {
  h,
  s,
  fmtBytes,
  fmtDuration,
  fmtInt,
  fmtMetric,
  fmtNum,
  renderColumn,
  renderColumnsHead,
  renderFindings,
  renderInputErrors,
  renderSummary,
  renderVerdict,
  severityBadge,
} from "./render.js";
import { BIAS_CHECK_IDS, BIAS_CSS, autoOutcomeText, fillOutcomeSelect, renderBias } from "./bias.js";

const WORKER_URL = new URL("./worker.js", import.meta.url);
const SAMPLE_URL = new URL("./samples/adult-2000.csv", import.meta.url);
const SAMPLE_NAME = "adult-2000.csv";
const FAIL_LEVELS = new Set(["error", "warning", "info"]);
const COLUMN_CAP = 120; // column cards rendered at first; the rest on demand

// ---------------------------------------------------------------------------------------------
// Styles

const LIGHT = `
  --dl-bg: #ffffff;
  --dl-surface: #f5f7fa;
  --dl-card: #ffffff;
  --dl-border: #e1e5eb;
  --dl-border-strong: #c3cad5;
  --dl-fg: #17202c;
  --dl-muted: #5a6474;
  --dl-accent: #2b50d0;
  --dl-accent-hover: #2142b3;
  --dl-accent-fg: #ffffff;
  --dl-accent-soft: #eaeefc;
  --dl-error: #b42318;
  --dl-error-bg: #fdecea;
  --dl-error-border: #f4b8b1;
  --dl-error-solid: #c8291c;
  --dl-warning: #8a4d00;
  --dl-warning-bg: #fff4de;
  --dl-warning-border: #efc878;
  --dl-warning-solid: #c27803;
  --dl-info: #1d5ca4;
  --dl-info-bg: #e8f1fc;
  --dl-info-border: #aac8ec;
  --dl-info-solid: #2f74c7;
  --dl-pass: #17692f;
  --dl-pass-bg: #e7f5ea;
  --dl-pass-border: #a8d8b4;
  --dl-pass-solid: #1f8a3d;
  --dl-bar: #5b78e3;
  --dl-bar-hover: #2b50d0;
  --dl-track: #edf0f5;
  --dl-shadow: 0 1px 2px rgba(16, 24, 40, 0.05), 0 1px 3px rgba(16, 24, 40, 0.07);
  color-scheme: light;
`;
const DARK = `
  --dl-bg: #12161c;
  --dl-surface: #1a1f27;
  --dl-card: #1b2029;
  --dl-border: #2b323d;
  --dl-border-strong: #3c4552;
  --dl-fg: #e7eaf0;
  --dl-muted: #9ba5b5;
  --dl-accent: #7d9bff;
  --dl-accent-hover: #9bb2ff;
  --dl-accent-fg: #0d1220;
  --dl-accent-soft: #1f2a47;
  --dl-error: #ff8f85;
  --dl-error-bg: #3a1c1c;
  --dl-error-border: #6b2f2b;
  --dl-error-solid: #f0645a;
  --dl-warning: #f5bd5f;
  --dl-warning-bg: #352813;
  --dl-warning-border: #6a4d1a;
  --dl-warning-solid: #e3a13b;
  --dl-info: #8cc2ff;
  --dl-info-bg: #16283f;
  --dl-info-border: #2c4a70;
  --dl-info-solid: #5a9ff0;
  --dl-pass: #7fd69a;
  --dl-pass-bg: #14301e;
  --dl-pass-border: #2b5a39;
  --dl-pass-solid: #3fb364;
  --dl-bar: #6f8cf0;
  --dl-bar-hover: #9bb2ff;
  --dl-track: #262d38;
  --dl-shadow: 0 1px 2px rgba(0, 0, 0, 0.3);
  color-scheme: dark;
`;

const CSS = `
:host {
  all: initial;
  display: block;
  ${LIGHT}
}
:host([hidden]) { display: none; }
:host([theme="dark"]) { ${DARK} }
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"])) { ${DARK} }
}

/* The root resets everything a host page could make it inherit, then sets it explicitly.
   Only px units: rem would follow the host page's root font size. */
.root {
  all: initial;
  display: block;
  container-type: inline-size;
  box-sizing: border-box;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
  font-size: 14px;
  font-weight: 400;
  font-style: normal;
  line-height: 1.5;
  letter-spacing: normal;
  word-spacing: normal;
  text-align: left;
  text-transform: none;
  text-indent: 0;
  white-space: normal;
  color: var(--dl-fg);
  background: var(--dl-bg);
  border-radius: 14px;
  padding: 16px;
  visibility: visible;
  cursor: auto;
  -webkit-font-smoothing: antialiased;
}
.root *, .root *::before, .root *::after { box-sizing: border-box; }
[hidden], :host([no-sample]) .sample-only { display: none !important; }
h2, h3, p, ol, ul, dl, dd, dt, figure, table, caption { margin: 0; padding: 0; }
h2 { font-size: 18px; line-height: 1.3; font-weight: 700; }
h3 { font-size: 15px; line-height: 1.35; font-weight: 600; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 12.5px; }
a { color: var(--dl-accent); }
.muted { color: var(--dl-muted); }
.small { font-size: 12px; }
.strong { font-weight: 600; }
.vh {
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
.stack > * + * { margin-top: 16px; }

/* Buttons and fields */
.btn {
  appearance: none; -webkit-appearance: none;
  display: inline-flex; align-items: center; justify-content: center; gap: 6px;
  font: inherit; font-size: 14px; font-weight: 600; line-height: 20px;
  padding: 8px 14px; margin: 0; min-height: 38px;
  color: var(--dl-fg); background: var(--dl-card);
  border: 1px solid var(--dl-border-strong); border-radius: 8px;
  cursor: pointer; text-decoration: none; white-space: nowrap;
  transition: background-color 0.12s, border-color 0.12s, box-shadow 0.12s;
}
.btn:hover { background: var(--dl-surface); border-color: var(--dl-muted); }
.btn:focus-visible, .btn:has(input:focus-visible) { outline: 2px solid var(--dl-accent); outline-offset: 2px; }
.btn.primary { background: var(--dl-accent); border-color: var(--dl-accent); color: var(--dl-accent-fg); }
.btn.primary:hover { background: var(--dl-accent-hover); border-color: var(--dl-accent-hover); }
.btn[disabled], .btn[aria-disabled="true"] { opacity: 0.5; cursor: not-allowed; pointer-events: none; }
.btn.small { font-size: 13px; padding: 5px 10px; min-height: 32px; }
.btn.attention { box-shadow: 0 0 0 3px var(--dl-accent-soft); }
.dl-icon { font-weight: 700; }
select, input[type="number"], input[type="search"], textarea {
  font: inherit; font-size: 14px; color: var(--dl-fg); background: var(--dl-card);
  border: 1px solid var(--dl-border-strong); border-radius: 7px; padding: 6px 9px; margin: 0;
  min-height: 36px; max-width: 100%;
}
select:focus-visible, input:focus-visible, textarea:focus-visible { outline: 2px solid var(--dl-accent); outline-offset: 1px; border-color: var(--dl-accent); }
textarea { display: block; width: 100%; min-height: 120px; resize: vertical; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; line-height: 1.45; }
details > summary { cursor: pointer; list-style: none; }
details > summary::-webkit-details-marker { display: none; }
details > summary::before {
  content: ""; display: inline-block; width: 0; height: 0; margin-right: 8px; vertical-align: 2px;
  border-style: solid; border-width: 4px 0 4px 6px; border-color: transparent transparent transparent currentColor;
  transition: transform 0.12s;
}
details[open] > summary::before { transform: rotate(90deg); }
summary:focus-visible { outline: 2px solid var(--dl-accent); outline-offset: 2px; border-radius: 4px; }

.card {
  background: var(--dl-card); border: 1px solid var(--dl-border); border-radius: 10px;
  box-shadow: var(--dl-shadow);
}

/* Intake */
.drop {
  display: flex; flex-direction: column; align-items: center; text-align: center; gap: 10px;
  padding: 30px 20px 22px;
  border: 2px dashed var(--dl-border-strong); border-radius: 12px; background: var(--dl-surface);
  transition: background-color 0.12s, border-color 0.12s;
}
.drop:focus-visible { outline: 2px solid var(--dl-accent); outline-offset: 2px; }
.drop.over { border-color: var(--dl-accent); background: var(--dl-accent-soft); }
.drop-icon { width: 44px; height: 44px; color: var(--dl-accent); }
.drop-icon * { fill: none; stroke: currentColor; stroke-width: 1.8; stroke-linecap: round; stroke-linejoin: round; }
.drop-title { font-size: 17px; font-weight: 700; }
.drop-sub { color: var(--dl-muted); font-size: 13px; }
.drop-actions { display: flex; flex-wrap: wrap; gap: 10px; justify-content: center; margin-top: 4px; }
.cite { font-size: 12px; color: var(--dl-muted); max-width: 640px; }
.cite a { color: inherit; text-decoration: underline; text-underline-offset: 2px; }
.root.has-report .drop { flex-direction: row; flex-wrap: wrap; text-align: left; padding: 14px 16px; gap: 8px 16px; }
.root.has-report .drop-icon { width: 32px; height: 32px; flex: none; }
.root.has-report .drop-text { flex: 1 1 220px; }
.root.has-report .drop-title { font-size: 15px; }
.root.has-report .drop-actions { margin-top: 0; }
.root.has-report .cite { flex-basis: 100%; }
.paste { margin-top: 10px; }
.paste > summary { font-size: 13px; font-weight: 600; color: var(--dl-accent); display: inline-block; padding: 2px 0; }
.paste-body { margin-top: 8px; display: grid; gap: 8px; justify-items: start; }

/* Alert, status */
.alert {
  display: flex; gap: 10px; align-items: flex-start;
  padding: 10px 12px 10px 14px; border-radius: 8px;
  background: var(--dl-error-bg); color: var(--dl-error); border: 1px solid var(--dl-error-border);
}
.alert-icon { flex: none; font-weight: 800; width: 20px; height: 20px; border-radius: 50%; display: inline-grid; place-items: center; background: var(--dl-error-solid); color: #fff; font-size: 12px; margin-top: 1px; }
.alert-msg { flex: 1; font-weight: 500; overflow-wrap: anywhere; white-space: pre-wrap; }
.alert-close { appearance: none; border: 0; background: transparent; color: inherit; font: inherit; font-size: 18px; line-height: 1; cursor: pointer; padding: 2px 4px; border-radius: 4px; }
.alert-close:focus-visible { outline: 2px solid currentColor; }
.status { font-size: 13px; color: var(--dl-muted); }
.status:empty, .report:empty { display: none; }

/* Progress */
.progress { padding: 14px 16px; }
.progress-head { display: flex; align-items: center; gap: 12px; margin-bottom: 10px; }
.progress-title { flex: 1; font-weight: 600; overflow-wrap: anywhere; }
progress {
  appearance: none; -webkit-appearance: none; display: block; width: 100%; height: 10px;
  border: 0; border-radius: 999px; overflow: hidden; background: var(--dl-track); color: var(--dl-accent);
}
progress::-webkit-progress-bar { background: var(--dl-track); border-radius: 999px; }
progress::-webkit-progress-value { background: var(--dl-accent); border-radius: 999px; transition: width 0.15s; }
progress::-moz-progress-bar { background: var(--dl-accent); border-radius: 999px; }
.progress-stats { display: flex; flex-wrap: wrap; gap: 6px 22px; margin-top: 10px; font-size: 13px; }
.progress-stats > div { display: flex; gap: 6px; }
.progress-stats dt { color: var(--dl-muted); }
.progress-stats dd { font-weight: 600; font-variant-numeric: tabular-nums; }

/* Settings */
.settings { padding: 12px 16px; }
.settings-row { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 16px; }
.field { display: inline-flex; align-items: center; gap: 8px; font-weight: 600; font-size: 13px; }
.field select { min-width: 160px; font-weight: 400; }
.settings-row .spacer { flex: 1; }
.dirty { font-size: 12px; font-weight: 600; color: var(--dl-accent); background: var(--dl-accent-soft); padding: 3px 9px; border-radius: 999px; }
.thresholds { margin-top: 10px; border-top: 1px solid var(--dl-border); padding-top: 10px; }
.thresholds > summary { font-size: 13px; font-weight: 600; }
.thresholds > summary .muted { font-weight: 400; }
.th-intro { font-size: 12px; color: var(--dl-muted); margin: 8px 0 10px; }
.th-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 290px), 1fr)); gap: 10px; }
.th { border: 1px solid var(--dl-border); border-radius: 8px; padding: 10px 12px; background: var(--dl-card); display: flex; flex-direction: column; gap: 6px; }
.th.changed { border-color: var(--dl-accent); background: var(--dl-accent-soft); }
.th-head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.th-head code { font-weight: 600; font-size: 13px; }
.th-summary { font-size: 12px; color: var(--dl-muted); }
.th-field { display: grid; grid-template-columns: minmax(0, 1fr) auto; align-items: center; gap: 4px 10px; font-size: 12.5px; margin-top: auto; padding-top: 6px; border-top: 1px dashed var(--dl-border); }
.th-rule { display: grid; font-weight: 500; }
.th-field input { width: 96px; min-height: 32px; padding: 4px 8px; font-variant-numeric: tabular-nums; text-align: right; }
.th-default { font-size: 11.5px; color: var(--dl-muted); font-weight: 400; }
.th-field input:invalid, .th-field input[aria-invalid="true"] { border-color: var(--dl-error-solid); box-shadow: 0 0 0 2px var(--dl-error-bg); }
.th.invalid { border-color: var(--dl-error-solid); background: var(--dl-error-bg); }
.th-error { font-size: 12px; font-weight: 600; color: var(--dl-error); }
.tag { font-size: 11px; font-weight: 600; padding: 1px 7px; border-radius: 999px; background: var(--dl-surface); color: var(--dl-muted); border: 1px solid var(--dl-border); }
.th-actions { margin-top: 10px; }

/* Severity */
.sev-error { --sev: var(--dl-error); --sev-bg: var(--dl-error-bg); --sev-border: var(--dl-error-border); --sev-solid: var(--dl-error-solid); }
.sev-warning { --sev: var(--dl-warning); --sev-bg: var(--dl-warning-bg); --sev-border: var(--dl-warning-border); --sev-solid: var(--dl-warning-solid); }
.sev-info { --sev: var(--dl-info); --sev-bg: var(--dl-info-bg); --sev-border: var(--dl-info-border); --sev-solid: var(--dl-info-solid); }
.badge {
  display: inline-flex; align-items: center; gap: 5px; flex: none;
  padding: 1px 9px 1px 3px; border-radius: 999px; font-size: 11.5px; font-weight: 700; line-height: 18px;
  text-transform: uppercase; letter-spacing: 0.04em;
  background: var(--sev-bg); color: var(--sev); border: 1px solid var(--sev-border);
}
.badge-icon { width: 16px; height: 16px; border-radius: 50%; display: inline-grid; place-items: center; background: var(--sev-solid); color: #fff; font-size: 10px; font-weight: 800; line-height: 1; text-transform: none; }
.badge.sev-warning .badge-icon { border-radius: 3px; }
.badge.sev-info .badge-icon { font-family: Georgia, "DejaVu Serif", serif; font-style: italic; }

/* Verdict */
.verdict { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; padding: 12px 16px; border-radius: 10px; font-size: 15px; font-weight: 600; border: 1px solid; }
.verdict.fail { background: var(--dl-error-bg); border-color: var(--dl-error-border); color: var(--dl-error); }
.verdict.pass { background: var(--dl-pass-bg); border-color: var(--dl-pass-border); color: var(--dl-pass); }
.verdict-mark { padding: 2px 10px; border-radius: 6px; color: #fff; font-size: 13px; text-transform: uppercase; letter-spacing: 0.05em; }
.verdict.fail .verdict-mark { background: var(--dl-error-solid); }
.verdict.pass .verdict-mark { background: var(--dl-pass-solid); }

/* Summary */
.summary { padding: 16px 18px; }
.summary-top { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: flex-start; justify-content: space-between; }
.summary-title { min-width: 0; flex: 1 1 280px; }
.file-name { font-size: 20px; overflow-wrap: anywhere; }
.file-facts { color: var(--dl-muted); font-size: 13px; margin-top: 2px; }
.downloads { display: flex; gap: 8px; flex-wrap: wrap; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(104px, 1fr)); gap: 8px; margin-top: 14px; }
.stat { display: flex; flex-direction: column; padding: 9px 12px; border-radius: 8px; background: var(--dl-surface); border: 1px solid var(--dl-border); border-top-width: 3px; }
.stat-value { font-size: 22px; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
.stat-label { font-size: 12px; color: var(--dl-muted); font-weight: 500; }
.stat.sev { border-top-color: var(--sev-solid); background: var(--sev-bg); }
.stat.sev .stat-value, .stat.sev .stat-label { color: var(--sev); }
.stat.sev.zero { background: var(--dl-surface); border-top-color: var(--dl-border); }
.stat.sev.zero .stat-value, .stat.sev.zero .stat-label { color: var(--dl-muted); }
.stat.inerr:not(.zero) { border-top-color: var(--dl-error-solid); }
.stat.inerr:not(.zero) .stat-value { color: var(--dl-error); }
.summary-notes { margin-top: 10px; font-size: 12px; color: var(--dl-muted); }
.approx-list { margin-top: 8px; font-size: 12.5px; }
.approx-list ul { margin: 6px 0 0 20px; color: var(--dl-muted); }

/* Blocks */
.block-head { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; margin-bottom: 10px; }
.count-pill { font-size: 12px; font-weight: 700; padding: 1px 9px; border-radius: 999px; background: var(--dl-surface); border: 1px solid var(--dl-border); color: var(--dl-muted); font-variant-numeric: tabular-nums; }
.count-pill.sev-error { background: var(--dl-error-bg); border-color: var(--dl-error-border); color: var(--dl-error); }
.block-head .grow { flex: 1; }

/* Jump bar: sticks to the top of the window while the report scrolls under it */
.jumpbar {
  position: sticky; top: 0; z-index: 5;
  display: flex; align-items: center; gap: 6px 14px;
  margin: -4px -8px 0; padding: 6px 8px;
  background: var(--dl-bg); border-bottom: 1px solid var(--dl-border);
  box-shadow: 0 6px 8px -8px rgba(16, 24, 40, 0.25);
}
/* Reading down, the bar tucks away; scrolling up a little brings it back (see #updateBarTuck). */
.jumpbar { transition: opacity 0.15s, transform 0.15s, visibility 0s; }
.jumpbar.tucked { visibility: hidden; opacity: 0; transform: translateY(-70%); transition: opacity 0.15s, transform 0.15s, visibility 0s 0.15s; }
@media (prefers-reduced-motion: reduce) { .jumpbar, .jumpbar.tucked { transition: none; } }
@media print { .jumpbar { position: static; } }
.jb-file { font-weight: 700; font-size: 13px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 32%; min-width: 0; }
.jb-list { list-style: none; display: flex; gap: 4px; overflow-x: auto; scrollbar-width: none; min-width: 0; flex: 1; }
.jb-list::-webkit-scrollbar { display: none; }
.jb-link {
  appearance: none; font: inherit; font-size: 13px; font-weight: 600; line-height: 18px; margin: 0;
  display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; cursor: pointer;
  padding: 5px 10px; border-radius: 7px; border: 1px solid transparent; background: transparent; color: var(--dl-muted);
}
.jb-link:hover { color: var(--dl-accent); background: var(--dl-accent-soft); }
.jb-link:focus-visible { outline: 2px solid var(--dl-accent); outline-offset: 1px; }
.jb-link[aria-current="true"] { color: var(--dl-accent); background: var(--dl-accent-soft); border-color: var(--dl-accent-soft); }
.jb-count { font-size: 11.5px; font-weight: 700; padding: 0 7px; border-radius: 999px; background: var(--dl-surface); border: 1px solid var(--dl-border); color: var(--dl-muted); font-variant-numeric: tabular-nums; }
.jb-link.bad .jb-count { background: var(--dl-error-bg); border-color: var(--dl-error-border); color: var(--dl-error); }
.report > [data-section], .finding, .column, .check-group { scroll-margin-top: 64px; }
.block-toggle { min-height: 28px; padding: 2px 10px; font-size: 12px; }
.block.collapsed > .block-head { margin-bottom: 0; }
h2[tabindex="-1"]:focus, .finding[tabindex="-1"]:focus { outline: none; }

/* A compact severity mark: the icon shows, the word is for screen readers. */
.badge.mark { padding: 1px; }
.badge.mark .badge-text { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

/* Overview: one line per finding */
.overview { padding: 12px 14px 10px; margin-bottom: 14px; display: grid; gap: 8px; }
.ov-head { display: flex; align-items: baseline; gap: 6px 10px; flex-wrap: wrap; }
.ov-group { display: grid; gap: 2px; }
.ov-group + .ov-group { border-top: 1px solid var(--dl-border); padding-top: 8px; }
.ov-sev { display: flex; align-items: center; gap: 8px; font-size: 12.5px; font-weight: 600; color: var(--sev); margin-bottom: 2px; }
.ov-list { list-style: none; display: grid; }
.ov-row {
  appearance: none; font: inherit; font-size: 13px; line-height: 18px; margin: 0; width: 100%; text-align: left; cursor: pointer;
  display: grid; grid-template-columns: 18px minmax(120px, 190px) minmax(0, 1fr) minmax(0, 210px); gap: 10px; align-items: center;
  padding: 4px 8px; border-radius: 6px; border: 1px solid transparent; background: transparent; color: var(--dl-fg);
}
.ov-row:hover { background: var(--dl-accent-soft); }
.ov-row:hover .ov-title { color: var(--dl-accent); }
.ov-row:focus-visible { outline: 2px solid var(--dl-accent); outline-offset: 0; }
.ov-id { font-size: 12px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.ov-id.repeat { opacity: 0.45; }
.ov-title { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.ov-cols { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 11.5px; color: var(--dl-muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; text-align: right; }
.ov-cols.none { font-family: inherit; font-style: italic; }

/* Findings, grouped by check */
.findings { list-style: none; display: grid; gap: 14px; }
.check-group { display: grid; gap: 8px; min-width: 0; }
.group-head { display: flex; align-items: center; gap: 8px 10px; flex-wrap: wrap; }
.group-head .grow { flex: 1; }
.group-id code { font-size: 14px; font-weight: 700; color: var(--dl-fg); }
.why { font-size: 13px; color: var(--dl-muted); max-width: 100ch; margin-top: -4px; }
.why > summary { display: block; padding: 1px 0; }
.why > summary::before { display: none; }
.why-toggle { color: var(--dl-accent); font-weight: 600; white-space: nowrap; }
.why-toggle::after { content: " ▸"; }
.why[open] .why-toggle::after { content: " ▾"; }
.why > .explanation { margin-top: 4px; padding: 8px 12px; border-left: 3px solid var(--sev-border); background: var(--dl-surface); border-radius: 0 6px 6px 0; color: var(--dl-fg); }
.group-cards { list-style: none; display: grid; gap: 6px; }
.finding { padding: 10px 14px 9px; border-left: 4px solid var(--sev-solid); display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 5px 16px; min-width: 0; }
.finding > * { grid-column: 1 / -1; min-width: 0; }
.finding > .finding-head { grid-column: 1; grid-row: 1; }
.finding > .metric { grid-column: 2; grid-row: 1; align-self: start; padding-top: 1px; }
.finding-head { display: flex; align-items: baseline; gap: 10px; flex-wrap: wrap; }
h4 { margin: 0; padding: 0; }
.finding-title { font-size: 14.5px; line-height: 1.4; font-weight: 600; overflow-wrap: anywhere; }
.check-id { color: var(--dl-muted); font-size: 12.5px; }
.approx { font-size: 11.5px; font-weight: 600; padding: 1px 8px; border-radius: 999px; border: 1px dashed var(--dl-border-strong); color: var(--dl-muted); }
.metric { font-size: 13px; color: var(--dl-muted); font-variant-numeric: tabular-nums; text-align: right; max-width: 340px; }
.metric-value { color: var(--dl-fg); font-weight: 700; white-space: nowrap; }
.metric-threshold { white-space: nowrap; }
.finding-foot { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 22px; }
.finding-foot > .evidence[open] { flex-basis: 100%; }
.finding-columns { display: flex; flex-wrap: wrap; align-items: center; gap: 5px; min-width: 0; }
.finding-columns > .muted { margin-right: 3px; }
.chip {
  appearance: none; font: inherit; font-size: 12px; line-height: 18px; margin: 0;
  padding: 1px 8px; border-radius: 6px; cursor: pointer; max-width: 100%; overflow-wrap: anywhere; text-align: left;
  background: var(--dl-surface); color: var(--dl-fg); border: 1px solid var(--dl-border);
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
.chip:hover { border-color: var(--dl-accent); color: var(--dl-accent); }
.chip:focus-visible { outline: 2px solid var(--dl-accent); outline-offset: 1px; }
.explanation { font-size: 13px; color: var(--dl-muted); max-width: 88ch; }
.evidence > summary { font-size: 13px; font-weight: 600; color: var(--dl-accent); display: inline-block; }
.evidence > summary .muted { font-weight: 400; }
.evidence-table { margin-top: 8px; }
.empty-state { padding: 16px; color: var(--dl-pass); }
.empty-state strong { margin-right: 4px; }

/* Tables */
table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
th { text-align: left; font-weight: 600; font-size: 12px; color: var(--dl-muted); padding: 5px 10px; border-bottom: 1px solid var(--dl-border); white-space: nowrap; }
td { padding: 5px 10px; border-bottom: 1px solid var(--dl-border); vertical-align: top; }
tbody tr:last-child td { border-bottom: 0; }
tfoot td { border-bottom: 0; border-top: 1px solid var(--dl-border); font-size: 12px; }
.num { text-align: right; white-space: nowrap; }
.evidence-table, .errors-table { width: 100%; max-width: 760px; }
.evidence-table th.num, .evidence-table td.num { width: 80px; }
.value-cell { overflow-wrap: anywhere; }
.val {
  display: inline-block; max-width: 100%; max-height: 7.5em; overflow: auto; vertical-align: top;
  white-space: pre-wrap; overflow-wrap: anywhere; padding: 0 4px; border-radius: 4px;
  background: var(--dl-surface); border: 1px solid var(--dl-border);
}
.val.empty, .colname.empty { font-style: italic; color: var(--dl-muted); background: none; border: 0; padding: 0; }
.small-val { font-size: 12px; padding: 0 4px; border: 0; }
.table-card { padding: 4px 6px; }
.table-scroll { overflow-x: auto; }
.table-note { padding: 6px 10px; }
.errors-table { max-width: none; }
.errors-table .msg { overflow-wrap: anywhere; min-width: 200px; }

/* Columns */
.columns-tools { display: flex; align-items: center; gap: 10px; }
.columns-tools input { min-height: 32px; padding: 4px 9px; width: 200px; }
.columns-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 310px), 1fr)); gap: 12px; }
.column { padding: 14px 16px; display: grid; gap: 10px; align-content: start; min-width: 0; transition: box-shadow 0.3s; }
.column.flash { box-shadow: 0 0 0 3px var(--dl-accent); }
.column-head { display: flex; align-items: flex-start; justify-content: space-between; gap: 8px; }
.column-name { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 14px; overflow-wrap: anywhere; min-width: 0; }
.tags { display: flex; gap: 4px; flex: none; }
.type { font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; padding: 1px 7px; border-radius: 5px; background: var(--dl-surface); border: 1px solid var(--dl-border); color: var(--dl-muted); }
.type-integer, .type-float { color: var(--dl-accent); border-color: var(--dl-accent-soft); background: var(--dl-accent-soft); }
.label-tag { color: var(--dl-pass); background: var(--dl-pass-bg); border-color: var(--dl-pass-border); }
.missing-text { font-size: 13px; }
.meter { display: block; width: 100%; height: 4px; margin-top: 5px; border-radius: 2px; overflow: hidden; }
.meter-track { fill: var(--dl-track); }
.meter-fill { fill: var(--dl-warning-solid); }
.kvs { display: grid; grid-template-columns: repeat(auto-fill, minmax(78px, 1fr)); gap: 8px 10px; }
.kv { min-width: 0; }
.kv dt, .label { display: block; font-size: 11px; font-weight: 500; color: var(--dl-muted); text-transform: uppercase; letter-spacing: 0.04em; }
.kv dd { font-size: 13.5px; font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.quantiles-box { display: grid; gap: 2px; }
.quantiles { width: 100%; min-width: 260px; table-layout: fixed; font-size: 12px; }
.quantiles th, .quantiles td { text-align: center; padding: 3px 4px; font-size: 11.5px; }
.quantiles th { font-weight: 600; }
.quantiles td { border-bottom: 0; }
.chart-box { display: grid; gap: 4px; }
.chart { display: block; width: 100%; overflow: visible; }
.chart text { font-family: inherit; }
.histogram .bar { fill: var(--dl-bar); stroke: var(--dl-card); stroke-width: 1px; }
.histogram .bin-hit { fill: transparent; }
.histogram .bin:hover .bar { fill: var(--dl-bar-hover); }
.axis { stroke: var(--dl-border-strong); stroke-width: 1; }
.tick { font-size: 10.5px; fill: var(--dl-muted); font-variant-numeric: tabular-nums; }
.bars .track { fill: var(--dl-track); }
.bars .bar { fill: var(--dl-bar); }
.bars .bar-row:hover .bar { fill: var(--dl-bar-hover); }
.bar-label { font-size: 11px; fill: var(--dl-fg); }
.bar-label.empty { font-style: italic; fill: var(--dl-muted); }
.bar-count { font-size: 11px; fill: var(--dl-muted); font-variant-numeric: tabular-nums; }
.top-inline { display: grid; gap: 4px; }
.pairs { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12.5px; }
.pair { white-space: nowrap; }
.more { margin-top: 12px; }

@container (max-width: 860px) {
  .ov-row { grid-template-columns: 18px minmax(100px, 160px) minmax(0, 1fr); row-gap: 0; }
  .ov-cols { grid-column: 3; text-align: left; }
}
@container (max-width: 560px) {
  .root { padding: 12px; }
  .drop { padding: 22px 14px 18px; }
  .summary { padding: 14px; }
  .file-name { font-size: 18px; }
  .stats { grid-template-columns: repeat(3, minmax(0, 1fr)); }
  .stat { padding: 7px 9px; }
  .stat-value { font-size: 19px; }
  .settings-row .spacer { display: none; }
  .field { width: 100%; justify-content: space-between; }
  .field select { flex: 1; min-width: 0; }
  .finding { padding: 10px 12px 9px 12px; }
  .finding > .metric { grid-column: 1 / -1; grid-row: auto; text-align: left; max-width: none; }
  .jb-file { display: none; }
  .jumpbar { margin: -4px -4px 0; padding: 6px 4px; }
  .overview { padding: 10px 8px 8px; }
  .ov-row { grid-template-columns: 18px auto minmax(0, 1fr); gap: 1px 8px; padding: 5px 6px; }
  .ov-row > .badge { grid-row: 1; }
  .ov-id { grid-column: 2; grid-row: 1; }
  .ov-cols { grid-column: 3; grid-row: 1; text-align: right; }
  .ov-title { grid-column: 2 / -1; grid-row: 2; white-space: normal; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; }
  .jb-list li:has(> [data-jump="summary"]) { display: none; }
  .jb-link { padding: 4px 7px; font-size: 12.5px; gap: 4px; }
  .jb-count { padding: 0 5px; }
  .why:not([open]) .why-what { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
  .columns-tools { order: 5; flex-basis: 100%; min-width: 0; }
  .columns-tools input { width: 100%; }
  .progress-head { flex-wrap: wrap; }
}
`;

let sharedSheet = null;
function adoptStyles(root) {
  if ("adoptedStyleSheets" in Document.prototype && "replaceSync" in CSSStyleSheet.prototype) {
    if (!sharedSheet) {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(CSS + BIAS_CSS);
    }
    root.adoptedStyleSheets = [sharedSheet];
  } else {
    const style = document.createElement("style");
    style.textContent = CSS + BIAS_CSS;
    root.append(style);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function mark(node, id) {
  node.setAttribute("data-testid", id);
  node.setAttribute("part", id);
  return node;
}

function button(text, cls, id) {
  const b = h("button", cls, text);
  b.setAttribute("type", "button");
  if (id) mark(b, id);
  return b;
}

/** Download names: the input's name without path, compression and extension. */
function baseName(name) {
  let b = String(name || "data").split(/[\\/]/).pop();
  b = b.replace(/\.gz$/i, "").replace(/\.(csv|tsv|tab|txt|jsonl|ndjson|json)$/i, "");
  b = b.replace(/[^\w.-]+/g, "_").replace(/^[._-]+/, "").slice(0, 120);
  return b || "data";
}

/** A name for pasted text, from what it looks like (the engine sniffs the content anyway). */
function pastedName(text) {
  const t = text.trimStart();
  if (t.startsWith("[")) return "pasted.json";
  if (t.startsWith("{")) return "pasted.jsonl";
  return "pasted.csv";
}

/** Gives a report section a body that its head's Collapse button folds (the element handles it). */
function collapsible(section) {
  const head = section.querySelector(":scope > .block-head");
  if (!head) return section;
  const name = section.getAttribute("data-section") ?? "part";
  const body = h("div", "block-body");
  body.setAttribute("id", `dl-body-${name}`);
  while (head.nextSibling) body.append(head.nextSibling);
  if (!head.querySelector(":scope > .grow")) head.append(h("span", "grow"));
  const toggle = button("Collapse", "btn small block-toggle");
  toggle.setAttribute("data-action", "toggle-section");
  toggle.setAttribute("data-testid", `toggle-${name}`);
  toggle.setAttribute("aria-expanded", "true");
  toggle.setAttribute("aria-controls", `dl-body-${name}`);
  head.append(toggle);
  section.append(body);
  return section;
}

function setExpanded(section, open) {
  const body = section.querySelector(":scope > .block-body");
  const toggle = section.querySelector(':scope > .block-head > [data-action="toggle-section"]');
  if (!body || !toggle) return;
  body.hidden = !open;
  section.classList.toggle("collapsed", !open);
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
  toggle.textContent = open ? "Collapse" : "Expand";
}

/**
 * Scrolls a part of the report to the top of the window (under the jump bar, by its
 * scroll-margin): smoothly over a short way, at once over a long one or when motion is reduced.
 */
function scrollToNode(node) {
  const far = Math.abs(node.getBoundingClientRect().top) > 1600;
  const still = typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
  node.scrollIntoView({ behavior: far || still ? "auto" : "smooth", block: "start" });
}

/** A short ring around a card that was just scrolled to. */
function flash(node) {
  node.classList.remove("flash");
  void node.offsetWidth;
  node.classList.add("flash");
  setTimeout(() => node.classList.remove("flash"), 1400);
}

function uploadIcon() {
  const svg = s("svg", "drop-icon");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const p1 = s("path");
  p1.setAttribute("d", "M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z");
  const p2 = s("path");
  p2.setAttribute("d", "M14 3v5h5");
  const p3 = s("path");
  p3.setAttribute("d", "M12 17v-6m-2.5 2.5L12 11l2.5 2.5");
  svg.append(p1, p2, p3);
  return svg;
}

// ---------------------------------------------------------------------------------------------
// The element

class DatalintCheck extends HTMLElement {
  static get observedAttributes() {
    return ["label", "fail-on", "theme"];
  }

  #root;
  #ui = {};
  #worker = null;
  #ready = false;
  #checks = null;
  #defaults = null;
  #version = null;
  #busy = false;
  #run = null; // { file, name, options, key, started, resolve }
  #file = null;
  #fileName = null;
  #report = null;
  #reportMeta = null;
  #lastRunKey = null;
  // Roles the person chose (the Bias section's controls); unchosen ones are the engine's proposal.
  #labelChosen = false; // the label <select> (or the label attribute) was set: send it, "none" too
  #sensitive = null; // names ticked as sensitive, or null: the engine proposes them
  #outcome = null; // the label class asked for, or null: the engine chooses
  #lastMemoryBytes = 0;
  #urls = [];
  #tick = null;
  #columnsShown = 0;
  #scrollPending = false;
  #lastScrollY = 0;
  #barHoldUntil = 0; // the bar stays out (not tucked) until then: after a jump it was used for
  #onScroll = () => {
    if (this.#scrollPending || !this.#ui.jumpBar) return;
    this.#scrollPending = true;
    requestAnimationFrame(() => {
      this.#scrollPending = false;
      this.#updateBarTuck();
      this.#updateJumpBar();
    });
  };
  #outstanding = 0; // starts posted to the current worker whose "done" has not arrived yet

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: "open" });
    adoptStyles(shadow);
    this.#root = this.#buildShell();
    shadow.append(this.#root);
  }

  connectedCallback() {
    if (!this.hasAttribute("data-state")) this.setAttribute("data-state", "idle");
    if (!this.#worker) this.#startWorker();
    window.addEventListener("scroll", this.#onScroll, { passive: true });
  }

  disconnectedCallback() {
    window.removeEventListener("scroll", this.#onScroll);
    this.#stopWorker();
    this.#endRun(null);
    for (const u of this.#urls) URL.revokeObjectURL(u);
    this.#urls = [];
  }

  attributeChangedCallback(name, oldValue, value) {
    if (oldValue === value) return;
    if (name === "label") {
      this.#selectLabel(value ?? "");
      this.#labelChosen = (value ?? "") !== "";
      this.#syncRoleControls();
    } else if (name === "fail-on") {
      this.#renderVerdict();
    }
    // theme: handled by :host([theme]) in the stylesheet.
  }

  // ---- public API ----------------------------------------------------------------------------

  /** The latest report object (the README's JSON shape), or null. */
  get report() {
    return this.#report;
  }

  /** Whether the engine in the current worker has loaded. */
  get ready() {
    return this.#ready;
  }

  /** Whether a check is running. */
  get busy() {
    return this.#busy;
  }

  /** Bytes of WebAssembly memory the engine held at the latest progress/report message. */
  get lastMemoryBytes() {
    return this.#lastMemoryBytes;
  }

  /** The engine's check registry (id, summary, why, threshold, needs_label), once ready. */
  get checks() {
    return this.#checks;
  }

  /**
   * Checks a File or Blob with the current settings (label select and thresholds). A check
   * already running is cancelled. Resolves to the report, or to null on error or cancel (errors
   * are shown in the alert region and dispatched as datalint-error).
   */
  check(fileOrBlob, name) {
    if (!(fileOrBlob instanceof Blob)) {
      return Promise.reject(new TypeError("check() takes a File or a Blob"));
    }
    const fileName = String(name ?? fileOrBlob.name ?? "data");
    this.#clearAlert();
    let options;
    try {
      options = this.#options();
    } catch (err) {
      this.#fail(err.message);
      this.#updateDirty();
      if (err.input) {
        // Show the field to fix: the thresholds open, the field marked and focused.
        this.#ui.thDetails.open = true;
        err.input.focus({ preventScroll: true });
      }
      return Promise.resolve(null);
    }
    if (this.#busy) this.#abort("Replaced by a new check.");
    if (!this.#worker) this.#startWorker();
    this.#file = fileOrBlob;
    this.#fileName = fileName;
    return new Promise((resolve) => {
      this.#run = { file: fileOrBlob, name: fileName, options, key: JSON.stringify(options), started: performance.now(), resolve };
      this.#setBusy(true);
      this.#showProgress(fileOrBlob, fileName);
      this.#outstanding += 1;
      this.#worker.postMessage({ type: MSG.START, file: fileOrBlob, name: fileName, options });
    });
  }

  /** Re-checks the last File (the same handle, not re-read by the page) with the current settings. */
  rerun() {
    if (!this.#file) return Promise.resolve(null);
    return this.check(this.#file, this.#fileName);
  }

  /** Cancels the running check: terminates the worker and starts a fresh one. */
  cancel() {
    if (!this.#busy) return;
    this.#abort("Cancelled.");
  }

  // ---- worker --------------------------------------------------------------------------------

  #startWorker() {
    this.#ready = false;
    this.#outstanding = 0;
    let worker;
    try {
      worker = new Worker(WORKER_URL, { type: "module" });
    } catch (err) {
      this.#fail(`The engine could not start: ${err?.message ?? err}`);
      return;
    }
    this.#worker = worker;
    worker.onmessage = (e) => {
      if (worker === this.#worker) this.#onMessage(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      if (worker !== this.#worker) return;
      const message = `The engine stopped: ${e.message || "the worker failed to load"}`;
      this.#stopWorker();
      this.#fail(message);
      this.#endRun(null);
    };
    worker.onmessageerror = () => {
      if (worker !== this.#worker) return;
      this.#fail("The engine sent a message that could not be read.");
    };
  }

  #stopWorker() {
    if (this.#worker) {
      this.#worker.onmessage = null;
      this.#worker.onerror = null;
      this.#worker.terminate();
      this.#worker = null;
    }
    this.#ready = false;
  }

  #onMessage(m) {
    if (!m || typeof m !== "object") return;
    switch (m.type) {
      case MSG.READY:
        this.#ready = true;
        this.#version = m.version;
        if (!this.#checks) {
          this.#checks = Array.isArray(m.checks) ? m.checks : [];
          this.#defaults = m.defaults ?? {};
          this.#buildThresholds();
        }
        this.#emit("datalint-ready", { version: m.version });
        break;
      case MSG.PROGRESS:
        if (!this.#run) return;
        if (Number.isFinite(m.memoryBytes)) this.#lastMemoryBytes = m.memoryBytes;
        this.#updateProgress(m);
        this.#emit("datalint-progress", m);
        break;
      case MSG.REPORT:
        if (!this.#run) return;
        this.#onReport(m);
        break;
      case MSG.ERROR:
        if (!this.#run) return;
        this.#fail(m.message || "The check failed.");
        this.#endRun(null, "error");
        break;
      case MSG.DONE:
        // A run ends with its report or error; "done" trails it and may arrive after the next
        // run has started, so it only ends a run that got neither (never expected).
        this.#outstanding = Math.max(0, this.#outstanding - 1);
        if (this.#outstanding === 0 && this.#run) this.#endRun(null);
        break;
      default:
        break;
    }
  }

  #onReport(m) {
    const run = this.#run;
    if (Number.isFinite(m.memoryBytes)) this.#lastMemoryBytes = m.memoryBytes;
    for (const u of this.#urls) URL.revokeObjectURL(u);
    const json = URL.createObjectURL(new Blob([m.json ?? JSON.stringify(m.report, null, 2)], { type: "application/json" }));
    const markdown = URL.createObjectURL(new Blob([m.markdown ?? ""], { type: "text/markdown" }));
    this.#urls = [json, markdown];
    const base = baseName(run.name);
    this.#report = m.report;
    this.#lastRunKey = run.key;
    this.#reportMeta = {
      elapsedMs: m.elapsedMs,
      memoryBytes: m.memoryBytes,
      downloads: { json, markdown, jsonName: `${base}.datalint.json`, markdownName: `${base}.datalint.md` },
    };
    this.#fillLabelOptions(m.report);
    // An unchosen label shows what the engine proposed (and is still not sent).
    if (!this.#labelChosen) this.#ui.labelSelect.value = m.report.roles?.label?.name ?? "";
    this.#renderReport();
    this.#setStatus("");
    this.#emit("datalint-report", m.report);
    this.#endRun(m.report, "done");
  }

  #endRun(result, state) {
    const run = this.#run;
    this.#run = null;
    this.#setBusy(false, state);
    this.#ui.progress.hidden = true;
    if (this.#tick) {
      clearInterval(this.#tick);
      this.#tick = null;
    }
    this.#updateDirty();
    if (run) run.resolve(result);
  }

  #abort(statusText) {
    this.#stopWorker();
    this.#endRun(null, "cancelled");
    this.#setStatus(statusText);
    this.#startWorker();
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #fail(message) {
    this.#ui.alertMsg.textContent = message;
    this.#ui.alert.hidden = false;
    if (this.isConnected) this.#ui.alert.scrollIntoView({ block: "nearest" });
    if (this.isConnected) this.setAttribute("data-state", "error");
    this.#emit("datalint-error", { message });
  }

  #clearAlert() {
    this.#ui.alertMsg.textContent = "";
    this.#ui.alert.hidden = true;
  }

  #setStatus(text) {
    this.#ui.status.textContent = text;
  }

  #setBusy(busy, state) {
    this.#busy = busy;
    this.#ui.cancel.disabled = !busy;
    this.#ui.sample.disabled = busy;
    this.#ui.pasteCheck.disabled = busy;
    this.#ui.rerun.disabled = busy || !this.#file;
    const biasRerun = this.#ui.report.querySelector('[data-action="rerun"]');
    if (biasRerun) biasRerun.disabled = busy || !this.#file;
    if (!this.isConnected) return;
    if (busy) this.setAttribute("data-state", "checking");
    else if (state) this.setAttribute("data-state", state);
    else if (this.getAttribute("data-state") === "checking") this.setAttribute("data-state", this.#report ? "done" : "idle");
  }

  // ---- options -------------------------------------------------------------------------------

  #options() {
    const options = {};
    const label = this.#ui.labelSelect.value;
    // Roles go out only once the person has set them; otherwise the engine proposes them from
    // the column names. "none" as a chosen label turns proposing off, so the sensitive columns
    // in play are then sent explicitly.
    if (this.#labelChosen) {
      if (label !== "") options.label = label;
      else options.propose_roles = false;
    }
    let sensitive = this.#sensitive;
    if (sensitive === null && options.propose_roles === false && this.#report?.roles) {
      sensitive = (this.#report.roles.sensitive ?? []).map((r) => r.name);
    }
    if (sensitive !== null) options.sensitive = sensitive.filter((n) => label === "" || n !== label);
    if (this.#outcome !== null && options.propose_roles !== false) options.outcome = this.#outcome;
    const thresholds = {};
    for (const input of this.#ui.thresholdInputs) {
      const id = input.getAttribute("data-check");
      const def = Number(input.getAttribute("data-default"));
      if (input.validity.badInput || (input.value.trim() !== "" && !Number.isFinite(Number(input.value)))) {
        const err = new Error(`The threshold for ${id} is not a number.`);
        err.input = input;
        throw err;
      }
      if (input.value.trim() === "") continue; // empty means the default
      // Range checks are the engine's: it rejects what it cannot use, and the alert says why.
      const v = Number(input.value);
      if (v !== def) thresholds[id] = v;
    }
    if (Object.keys(thresholds).length) options.thresholds = thresholds;
    return options;
  }

  #optionsKeySafe() {
    try {
      return JSON.stringify(this.#options());
    } catch {
      return "invalid";
    }
  }

  #updateDirty() {
    // A field differs from its default when it holds another number, text that is not a number
    // (the browser then reports an empty value with validity.badInput), or nothing at all.
    const invalid = (i) => i.validity.badInput || (i.value.trim() !== "" && !Number.isFinite(Number(i.value)));
    const changed = this.#ui.thresholdInputs.filter(
      (i) => invalid(i) || i.value.trim() === "" || Number(i.value) !== Number(i.getAttribute("data-default")),
    );
    let bad = 0;
    for (const i of this.#ui.thresholdInputs) {
      const isBad = invalid(i);
      if (isBad) bad += 1;
      const row = i.closest(".th");
      if (row) {
        row.classList.toggle("changed", changed.includes(i));
        row.classList.toggle("invalid", isBad);
        const note = row.querySelector(".th-error");
        if (note) note.hidden = !isBad;
      }
      if (isBad) i.setAttribute("aria-invalid", "true");
      else i.removeAttribute("aria-invalid");
    }
    const parts = [];
    if (changed.length) parts.push(`${changed.length} changed`);
    if (bad) parts.push(`${bad} not a number`);
    this.#ui.thCount.textContent = parts.length ? ` · ${parts.join(", ")}` : "";
    this.#ui.thReset.disabled = changed.length === 0;
    const dirty = this.#report !== null && this.#lastRunKey !== null && this.#optionsKeySafe() !== this.#lastRunKey;
    this.#ui.dirty.hidden = !dirty;
    this.#ui.rerun.classList.toggle("primary", dirty);
    this.#ui.rerun.classList.toggle("attention", dirty);
    this.#updateRolesDirty(dirty);
  }

  #selectLabel(name) {
    const sel = this.#ui.labelSelect;
    if (name !== "" && ![...sel.options].some((o) => o.value === name)) {
      const opt = h("option", null, name);
      opt.setAttribute("value", name);
      sel.append(opt);
    }
    sel.value = name;
  }

  #fillLabelOptions(report) {
    const sel = this.#ui.labelSelect;
    const current = sel.value;
    const none = h("option", null, "none");
    none.setAttribute("value", "");
    const opts = [none];
    const names = report.columns.map((c) => c.name);
    for (const n of names) {
      if (n === "") continue;
      const o = h("option", null, n);
      o.setAttribute("value", n);
      opts.push(o);
    }
    if (current !== "" && !names.includes(current)) {
      const o = h("option", null, `${current} (not in this file)`);
      o.setAttribute("value", current);
      opts.push(o);
    }
    sel.replaceChildren(...opts);
    sel.value = current;
  }

  #buildThresholds() {
    const grid = this.#ui.thGrid;
    grid.replaceChildren();
    this.#ui.thresholdInputs = [];
    const overrides = this.#defaults?.thresholds ?? {};
    for (const c of this.#checks) {
      const def = Number.isFinite(overrides[c.id]) ? overrides[c.id] : c.threshold?.default;
      const row = h("div", "th");
      row.setAttribute("data-check", c.id);
      const head = h("div", "th-head");
      head.append(h("code", null, c.id), severityBadge(c.severity));
      if (c.needs_label) head.append(h("span", "tag", "needs a label column"));
      const summary = h("p", "th-summary", c.summary);
      if (c.why) summary.setAttribute("title", c.why);
      const field = h("label", "th-field");
      const input = h("input");
      input.setAttribute("type", "number");
      input.setAttribute("step", "any");
      input.setAttribute("inputmode", "decimal");
      input.setAttribute("value", String(def));
      input.setAttribute("data-default", String(def));
      input.setAttribute("data-check", c.id);
      input.setAttribute("data-testid", "threshold-input");
      input.setAttribute("part", "threshold-input");
      input.setAttribute("aria-label", `${c.id} threshold (${c.threshold?.metric ?? "metric"} ${c.threshold?.comparison ?? ""})`);
      input.addEventListener("input", () => this.#updateDirty());
      input.addEventListener("change", () => this.#updateDirty());
      const rule = h("span", "th-rule");
      const shown = fmtMetric(def, def, c.threshold?.metric);
      const plain = fmtNum(def);
      rule.append(
        h("span", null, `fires when ${c.threshold?.metric ?? "the metric"} ${c.threshold?.comparison ?? ">"}`),
        h("span", "th-default", `default ${plain}${def !== 0 && shown.value !== plain ? ` (${shown.value})` : ""}`),
      );
      field.append(rule, input);
      const bad = h("p", "th-error", "Not a number: correct it, or reset to the defaults.");
      bad.hidden = true;
      row.append(head, summary, field, bad);
      grid.append(row);
      this.#ui.thresholdInputs.push(input);
    }
    this.#ui.thLoading.hidden = true;
    this.#updateDirty();
  }

  // ---- bias section --------------------------------------------------------------------------

  /** The bias family's check ids, from the worker's check list. */
  #biasIds() {
    const ids = (this.#checks ?? []).filter((c) => c.family === "bias").map((c) => c.id);
    return new Set(ids.length ? ids : BIAS_CHECK_IDS);
  }

  /** The options the shown report ran with. */
  #lastRunOptions() {
    try {
      return JSON.parse(this.#lastRunKey ?? "{}") ?? {};
    } catch {
      return {};
    }
  }

  /** The thresholds the shown report ran with, for the bias checks. */
  #biasThresholds() {
    const sent = this.#lastRunOptions().thresholds ?? {};
    const out = {};
    for (const id of this.#biasIds()) {
      const meta = (this.#checks ?? []).find((c) => c.id === id);
      const def = this.#defaults?.thresholds?.[id] ?? meta?.threshold?.default;
      out[id] = Number.isFinite(sent[id]) ? sent[id] : def;
    }
    return out;
  }

  #onLabelChange() {
    this.#labelChosen = true;
    this.#syncRoleControls();
  }

  /** After the label changed: the outcome's classes are the new label's, and it is not sensitive. */
  #syncRoleControls() {
    this.#outcome = null;
    const label = this.#ui.labelSelect.value;
    const report = this.#report;
    const sel = this.#ui.report.querySelector('[data-testid="outcome-select"]');
    if (sel && report) {
      const auto = label === (report.roles?.label?.name ?? "") && !this.#lastRunOptions().outcome ? autoOutcomeText(report) : null;
      fillOutcomeSelect(sel, report, label, "", auto);
    }
    // The label cannot also be a sensitive column.
    for (const box of this.#ui.report.querySelectorAll('[data-testid="sensitive-checkbox"]')) {
      const isLabel = label !== "" && box.getAttribute("data-column") === label;
      box.disabled = isLabel;
      if (isLabel && box.checked) {
        box.checked = false;
        this.#sensitiveChanged();
      }
    }
    this.#updateDirty();
  }

  #sensitiveChanged() {
    const boxes = [...this.#ui.report.querySelectorAll('[data-testid="sensitive-checkbox"]')];
    for (const b of boxes) b.closest(".sens-item")?.classList.toggle("on", b.checked);
    this.#sensitive = boxes.filter((b) => b.checked).map((b) => b.getAttribute("data-column") ?? "");
  }

  #onBiasChange(e) {
    const t = e.target;
    const id = t?.getAttribute?.("data-testid");
    if (id === "sensitive-checkbox") {
      this.#sensitiveChanged();
      this.#updateDirty();
    } else if (id === "outcome-select") {
      this.#outcome = t.value === "" ? null : t.value;
      this.#updateDirty();
    }
  }

  /** Clicks in the report: finding links, the jump bar, section toggles, long tables, roles. */
  #onReportClick(e) {
    const link = e.target.closest?.("button[data-finding-index]");
    if (link) {
      this.#revealFinding(Number(link.getAttribute("data-finding-index")));
      return;
    }
    const jump = e.target.closest?.("button[data-jump]");
    if (jump) {
      this.#jumpTo(jump.getAttribute("data-jump"));
      return;
    }
    const actionButton = e.target.closest?.("button[data-action]");
    const action = actionButton?.getAttribute("data-action");
    if (action === "toggle-section") {
      const sec = actionButton.closest("[data-section]");
      if (sec) setExpanded(sec, actionButton.getAttribute("aria-expanded") !== "true");
    } else if (action === "show-rows") {
      const block = actionButton.closest(".bias-block");
      const showing = actionButton.getAttribute("aria-expanded") === "true";
      for (const r of block?.querySelectorAll("tr.extra-row") ?? []) r.hidden = showing;
      actionButton.setAttribute("aria-expanded", showing ? "false" : "true");
      actionButton.textContent = actionButton.getAttribute(showing ? "data-more" : "data-less") ?? "";
      if (showing) block?.scrollIntoView({ block: "nearest" });
    } else if (action === "rerun") {
      this.rerun();
    } else if (action === "focus-label") {
      this.#ui.labelSelect.scrollIntoView({ behavior: "smooth", block: "center" });
      this.#ui.labelSelect.focus({ preventScroll: true });
    }
  }

  /** The roles part of a run's options, to tell a pending change of roles. */
  static #roleKey(o) {
    return JSON.stringify([o.label ?? null, o.propose_roles ?? true, o.sensitive ?? null, o.outcome ?? null]);
  }

  #updateRolesDirty(dirty) {
    const note = this.#ui.report.querySelector('[data-testid="roles-dirty"]');
    if (!note) return;
    let changed = false;
    if (dirty) {
      try {
        changed = DatalintCheck.#roleKey(this.#options()) !== DatalintCheck.#roleKey(this.#lastRunOptions());
      } catch {
        changed = false;
      }
    }
    note.hidden = !changed;
    const btn = this.#ui.report.querySelector('[data-action="rerun"]');
    if (btn) {
      btn.classList.toggle("primary", changed);
      btn.disabled = this.#busy || !this.#file;
    }
  }

  // ---- progress ------------------------------------------------------------------------------

  #showProgress(file, name) {
    const ui = this.#ui;
    ui.progressTitle.textContent = `Checking ${name}`;
    ui.progressBar.removeAttribute("value");
    ui.progressBar.setAttribute("max", "1");
    ui.progressBar.setAttribute("aria-label", "Bytes checked");
    ui.stat.bytes.textContent = `0 B of ${fmtBytes(file.size)}`;
    ui.stat.rows.textContent = "0";
    ui.stat.speed.textContent = "–";
    ui.stat.left.textContent = "–";
    ui.stat.elapsed.textContent = "0 ms";
    ui.progress.hidden = false;
    this.#setStatus("");
    if (this.#tick) clearInterval(this.#tick);
    this.#tick = setInterval(() => {
      if (this.#run) ui.stat.elapsed.textContent = fmtDuration(performance.now() - this.#run.started);
    }, 250);
  }

  #updateProgress(m) {
    const ui = this.#ui;
    const total = Number(m.total) || 0;
    const bytes = Number(m.bytes) || 0;
    const frac = total > 0 ? Math.min(1, bytes / total) : 1;
    ui.progressBar.setAttribute("value", String(frac));
    ui.progressBar.setAttribute("aria-valuetext", `${Math.round(frac * 100)}%`);
    ui.stat.bytes.textContent = `${fmtBytes(bytes)} of ${fmtBytes(total)} (${Math.round(frac * 100)}%)`;
    ui.stat.rows.textContent = fmtInt(m.rows);
    const sec = (Number(m.elapsedMs) || 0) / 1000;
    const rate = sec > 0 ? bytes / sec : 0;
    ui.stat.speed.textContent = rate > 0 ? `${(rate / 1e6).toFixed(rate >= 1e7 ? 0 : 1)} MB/s` : "–";
    ui.stat.left.textContent = rate > 0 ? (bytes >= total ? "finishing" : fmtDuration(((total - bytes) / rate) * 1000)) : "–";
    if (this.#run) ui.stat.elapsed.textContent = fmtDuration(performance.now() - this.#run.started);
  }

  // ---- report --------------------------------------------------------------------------------

  #renderReport() {
    const report = this.#report;
    const out = this.#ui.report;
    out.replaceChildren();
    this.#ui.jumpBar = null;
    if (!report) return;
    this.#root.classList.add("has-report");
    const jump = this.#renderJumpBar(report);
    out.append(jump);
    this.#ui.jumpBar = jump;
    this.#ui.verdictSlot = h("div", "verdict-slot");
    out.append(this.#ui.verdictSlot);
    this.#renderVerdict();
    const summary = renderSummary(report, this.#reportMeta);
    summary.setAttribute("data-section", "summary");
    out.append(summary);
    out.append(collapsible(renderFindings(report, this.#checks ?? [])));
    const bias = renderBias(report, {
      biasIds: this.#biasIds(),
      labelValue: this.#ui.labelSelect.value,
      sensitive: this.#sensitive,
      outcome: this.#outcome,
      outcomeSent: this.#lastRunOptions().outcome ?? null,
      thresholds: this.#biasThresholds(),
    });
    if (bias) {
      bias.setAttribute("data-section", "bias");
      out.append(collapsible(bias));
    }

    const colSec = mark(h("section", "block"), "columns");
    colSec.setAttribute("aria-label", "Columns");
    colSec.setAttribute("data-section", "columns");
    const head = renderColumnsHead(report);
    if (report.columns.length > 6) {
      head.append(h("span", "grow"));
      const tools = h("label", "columns-tools");
      const filter = mark(h("input"), "column-filter");
      filter.setAttribute("type", "search");
      filter.setAttribute("placeholder", "Filter columns");
      filter.setAttribute("aria-label", "Filter columns by name");
      filter.addEventListener("input", () => this.#filterColumns(filter.value));
      tools.append(filter);
      head.append(tools);
      this.#ui.columnFilter = filter;
    } else {
      this.#ui.columnFilter = null;
    }
    colSec.append(head);
    const grid = h("div", "columns-grid");
    this.#ui.columnsGrid = grid;
    colSec.append(grid);
    this.#columnsShown = 0;
    this.#showColumns(Math.min(COLUMN_CAP, report.columns.length));
    if (report.columns.length > COLUMN_CAP) {
      const more = button(`Show all ${fmtInt(report.columns.length)} columns`, "btn more", "show-all-columns");
      more.addEventListener("click", () => {
        this.#showColumns(report.columns.length);
        more.remove();
      });
      colSec.append(more);
      this.#ui.moreColumns = more;
    } else {
      this.#ui.moreColumns = null;
    }
    out.append(collapsible(colSec));
    // Input errors last: the lines the reader skipped, each also behind a finding above.
    const errors = renderInputErrors(report);
    if (errors) out.append(collapsible(errors));
    this.#updateJumpBar();
  }

  /** The "jump to" bar: sticks to the top of the window while the report scrolls. */
  #renderJumpBar(report) {
    const nav = mark(h("nav", "jumpbar"), "jump-bar");
    nav.setAttribute("aria-label", "Jump to a part of the report");
    const list = h("ul", "jb-list");
    const item = (section, text, count, cls) => {
      const li = h("li");
      const b = button("", `jb-link${cls ? ` ${cls}` : ""}`);
      b.setAttribute("data-jump", section);
      b.setAttribute("data-testid", `jump-${section}`);
      b.append(h("span", "jb-text", text));
      if (count !== null && count !== undefined) b.append(h("span", "jb-count", fmtInt(count)));
      li.append(b);
      list.append(li);
    };
    item("summary", "Summary", null);
    item("findings", "Findings", report.findings.length);
    if (report.roles) {
      const ids = this.#biasIds();
      item("bias", "Bias", report.findings.filter((f) => ids.has(f.id)).length);
    }
    item("columns", "Columns", report.columns.length);
    if (report.errors_total) item("input-errors", "Input errors", report.errors_total, "bad");
    const file = h("span", "jb-file", report.source?.name ?? "");
    nav.append(file, list);
    return nav;
  }

  /**
   * Once the report's top has scrolled past, the bar sticks to the top of the window while one
   * scrolls up (to go somewhere) and tucks away while one reads down; it stays while it has focus
   * and just after one of its jumps.
   */
  #updateBarTuck() {
    const bar = this.#ui.jumpBar;
    if (!bar) return;
    const y = window.scrollY;
    const dy = y - this.#lastScrollY;
    this.#lastScrollY = y;
    const stuck = this.#ui.report.getBoundingClientRect().top < 0;
    const focused = bar.contains(this.shadowRoot?.activeElement ?? null);
    if (!stuck || focused || performance.now() < this.#barHoldUntil) bar.classList.remove("tucked");
    else if (dy > 4) bar.classList.add("tucked");
    else if (dy < -4) bar.classList.remove("tucked");
  }

  /** Keeps the bar out for a moment: a jump's own scrolling does not tuck it away. */
  #holdBar() {
    this.#barHoldUntil = performance.now() + 1200;
    this.#ui.jumpBar?.classList.remove("tucked");
  }

  /** Marks the bar's link of the part of the report at the top of the window. */
  #updateJumpBar() {
    const bar = this.#ui.jumpBar;
    if (!bar || !bar.isConnected) return;
    const top = bar.getBoundingClientRect().bottom + 80;
    let current = "summary";
    for (const sec of this.#ui.report.querySelectorAll(":scope > [data-section]")) {
      if (sec.getBoundingClientRect().top <= top) current = sec.getAttribute("data-section");
    }
    for (const b of bar.querySelectorAll("button[data-jump]")) {
      if (b.getAttribute("data-jump") === current) b.setAttribute("aria-current", "true");
      else b.removeAttribute("aria-current");
    }
  }

  #jumpTo(section) {
    const target = [...this.#ui.report.querySelectorAll(":scope > [data-section]")].find((s) => s.getAttribute("data-section") === section);
    if (!target) return;
    setExpanded(target, true);
    this.#holdBar();
    scrollToNode(target);
    const heading = target.querySelector("h2");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    }
  }

  /** Opens finding number `i` (its place in report.findings): scrolls to its card, opens its evidence. */
  #revealFinding(i) {
    const card = [...this.#ui.report.querySelectorAll('[data-testid="finding"]')].find((c) => c.getAttribute("data-index") === String(i));
    if (!card) return;
    const sec = card.closest("[data-section]");
    if (sec) setExpanded(sec, true);
    const ev = card.querySelector('[data-testid="evidence"]');
    if (ev) ev.open = true;
    this.#holdBar();
    scrollToNode(card);
    flash(card);
    card.setAttribute("tabindex", "-1");
    card.focus({ preventScroll: true });
  }

  #showColumns(upTo) {
    const report = this.#report;
    const grid = this.#ui.columnsGrid;
    for (let i = this.#columnsShown; i < upTo; i += 1) grid.append(renderColumn(report.columns[i], report));
    this.#columnsShown = Math.max(this.#columnsShown, upTo);
    if (this.#ui.columnFilter) this.#filterColumns(this.#ui.columnFilter.value);
  }

  #filterColumns(text) {
    const q = text.trim().toLowerCase();
    for (const card of this.#ui.columnsGrid.children) {
      const name = (card.getAttribute("data-column") ?? "").toLowerCase();
      card.hidden = q !== "" && !name.includes(q);
    }
  }

  #revealColumn(name) {
    const report = this.#report;
    if (!report) return;
    if (this.#columnsShown < report.columns.length) {
      this.#showColumns(report.columns.length);
      this.#ui.moreColumns?.remove();
    }
    if (this.#ui.columnFilter && this.#ui.columnFilter.value) {
      this.#ui.columnFilter.value = "";
      this.#filterColumns("");
    }
    // Compared as strings, never put into a selector.
    const card = [...this.#ui.columnsGrid.children].find((c) => c.getAttribute("data-column") === name);
    if (!card) return;
    const sec = card.closest("[data-section]");
    if (sec) setExpanded(sec, true);
    this.#holdBar();
    scrollToNode(card);
    flash(card);
  }

  #renderVerdict() {
    const slot = this.#ui.verdictSlot;
    if (!slot || !this.#report) return;
    const failOn = (this.getAttribute("fail-on") ?? "").trim().toLowerCase();
    const v = FAIL_LEVELS.has(failOn) ? renderVerdict(this.#report, failOn) : null;
    slot.replaceChildren(...(v ? [v] : []));
    slot.hidden = !v;
  }

  // ---- intake --------------------------------------------------------------------------------

  async #checkSample() {
    const btn = this.#ui.sample;
    btn.disabled = true;
    btn.textContent = "Loading the sample…";
    this.#clearAlert();
    try {
      const res = await fetch(SAMPLE_URL);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const blob = await res.blob();
      btn.textContent = "Try a sample";
      await this.check(new File([blob], SAMPLE_NAME, { type: "text/csv" }), SAMPLE_NAME);
    } catch (err) {
      btn.textContent = "Try a sample";
      btn.disabled = this.#busy;
      this.#fail(`Could not load the sample: ${err?.message ?? err}`);
    }
  }

  #checkText(text) {
    if (!text || !text.trim()) {
      this.#fail("There is no text to check: paste CSV or JSONL first.");
      return;
    }
    const name = pastedName(text);
    const type = name.endsWith(".csv") ? "text/csv" : "application/x-ndjson";
    this.check(new File([text], name, { type }), name);
  }

  #onPaste(e) {
    const t = e.target;
    const tag = t?.tagName;
    if (tag === "TEXTAREA" || tag === "INPUT" || tag === "SELECT") return;
    const data = e.clipboardData;
    if (!data) return;
    if (data.files && data.files.length) {
      e.preventDefault();
      this.check(data.files[0]);
      return;
    }
    const text = data.getData("text/plain");
    if (text) {
      e.preventDefault();
      this.#checkText(text);
    }
  }

  #buildShell() {
    const ui = this.#ui;
    const root = h("div", "root stack");
    root.setAttribute("part", "root");

    // Intake: drop zone, picker, sample, paste.
    const intake = h("section", "intake");
    intake.setAttribute("aria-label", "Choose data to check");
    const drop = mark(h("div", "drop"), "dropzone");
    drop.setAttribute("tabindex", "0");
    drop.setAttribute("aria-label", "Drop zone: drop a file here, or focus it and paste CSV or JSONL text");
    const text = h("div", "drop-text");
    text.append(
      h("p", "drop-title", "Drop a dataset here"),
      h("p", "drop-sub", "CSV, TSV, JSONL or JSON, gzipped or not. It is checked in this tab: nothing is uploaded."),
    );
    const actions = h("div", "drop-actions");
    const pick = h("label", "btn primary");
    pick.setAttribute("part", "file-label");
    const input = mark(h("input", "vh"), "file-input");
    input.setAttribute("type", "file");
    input.setAttribute("accept", ".csv,.tsv,.tab,.txt,.jsonl,.ndjson,.json,.gz,text/csv,text/tab-separated-values,application/json,application/x-ndjson,application/gzip");
    pick.append(input, "Choose a file");
    const sample = button("Try a sample", "btn sample-only", "sample-button");
    actions.append(pick, sample);
    const cite = mark(h("p", "cite sample-only"), "sample-citation");
    const doi = h("a", null, "doi:10.24432/C5XW20");
    doi.setAttribute("href", "https://doi.org/10.24432/C5XW20");
    doi.setAttribute("target", "_blank");
    doi.setAttribute("rel", "noopener noreferrer");
    cite.append(
      "Sample: the first 2,000 rows of the UCI Adult (Census Income) dataset, by Barry Becker and Ronny Kohavi, UCI Machine Learning Repository (1996), ",
      doi,
      ", licensed CC BY 4.0.",
    );
    drop.append(uploadIcon(), text, actions, cite);

    const paste = mark(h("details", "paste"), "paste-panel");
    const pasteSummary = h("summary", null, "Or paste CSV or JSONL text");
    const pasteBody = h("div", "paste-body");
    const textarea = mark(h("textarea"), "paste-input");
    textarea.setAttribute("rows", "6");
    textarea.setAttribute("spellcheck", "false");
    textarea.setAttribute("aria-label", "CSV or JSONL text to check");
    textarea.setAttribute("placeholder", "name,age\nAda,36\nAlan,41");
    const pasteCheck = button("Check pasted text", "btn", "paste-check");
    pasteBody.append(textarea, pasteCheck);
    paste.append(pasteSummary, pasteBody);
    intake.append(drop, paste);

    // Settings: label column, thresholds, re-run.
    const settings = mark(h("section", "settings card"), "settings");
    settings.setAttribute("aria-label", "Settings");
    const row = h("div", "settings-row");
    const field = h("label", "field");
    const select = mark(h("select"), "label-select");
    const none = h("option", null, "none");
    none.setAttribute("value", "");
    select.append(none);
    field.append("Label column", select);
    const dirty = mark(h("span", "dirty", "Settings changed: re-run to apply"), "settings-dirty");
    dirty.hidden = true;
    const rerun = button("Re-run", "btn", "rerun");
    rerun.disabled = true;
    rerun.setAttribute("title", "Check the same file again with these settings");
    row.append(field, h("span", "spacer"), dirty, rerun);
    const th = mark(h("details", "thresholds"), "thresholds");
    const thSummary = mark(h("summary", null, "Thresholds"), "thresholds-toggle");
    const thCount = h("span", "muted", "");
    thSummary.append(thCount);
    const thIntro = h(
      "p",
      "th-intro",
      "Each check fires when its figure crosses its threshold. Changed thresholds are sent with the next check; the defaults come from the engine.",
    );
    const thLoading = h("p", "muted small", "Loading the engine…");
    const thGrid = mark(h("div", "th-grid"), "threshold-grid");
    const thActions = h("div", "th-actions");
    const thReset = button("Reset to defaults", "btn small", "reset-thresholds");
    thReset.disabled = true;
    thActions.append(thReset);
    th.append(thSummary, thIntro, thLoading, thGrid, thActions);
    settings.append(row, th);

    // Alert, status, progress.
    const alert = mark(h("div", "alert"), "alert");
    alert.setAttribute("role", "alert");
    alert.hidden = true;
    const alertIcon = h("span", "alert-icon", "!");
    alertIcon.setAttribute("aria-hidden", "true");
    const alertMsg = h("span", "alert-msg");
    const alertClose = button("×", "alert-close");
    alertClose.setAttribute("aria-label", "Dismiss");
    alert.append(alertIcon, alertMsg, alertClose);
    const status = mark(h("p", "status"), "status");
    status.setAttribute("role", "status");

    const progress = mark(h("section", "progress card"), "progress");
    progress.setAttribute("aria-label", "Progress");
    progress.hidden = true;
    const phead = h("div", "progress-head");
    const ptitle = h("span", "progress-title");
    const cancel = button("Cancel", "btn small", "cancel");
    cancel.disabled = true;
    phead.append(ptitle, cancel);
    const bar = mark(h("progress"), "progress-bar");
    const stats = h("dl", "progress-stats");
    const stat = {};
    for (const [key, label] of [
      ["bytes", "Read"],
      ["rows", "Rows"],
      ["speed", "Speed"],
      ["left", "Time left"],
      ["elapsed", "Elapsed"],
    ]) {
      const d = h("div");
      d.setAttribute("data-stat", key);
      const dd = h("dd", null, "–");
      d.append(h("dt", null, label), dd);
      stats.append(d);
      stat[key] = dd;
    }
    progress.append(phead, bar, stats);

    const report = mark(h("div", "report stack"), "report");
    report.setAttribute("aria-live", "off");

    root.append(intake, alert, status, settings, progress, report);

    Object.assign(ui, {
      drop,
      input,
      sample,
      textarea,
      pasteCheck,
      labelSelect: select,
      rerun,
      dirty,
      thGrid,
      thDetails: th,
      thCount,
      thLoading,
      thReset,
      thresholdInputs: [],
      alert,
      alertMsg,
      status,
      progress,
      progressTitle: ptitle,
      progressBar: bar,
      stat,
      cancel,
      report,
      verdictSlot: null,
      jumpBar: null,
      columnsGrid: null,
      columnFilter: null,
      moreColumns: null,
    });

    // Wiring.
    input.addEventListener("change", () => {
      const f = input.files && input.files[0];
      if (f) this.check(f);
      input.value = "";
    });
    sample.addEventListener("click", () => this.#checkSample());
    pasteCheck.addEventListener("click", () => this.#checkText(textarea.value));
    cancel.addEventListener("click", () => this.cancel());
    rerun.addEventListener("click", () => this.rerun());
    select.addEventListener("change", () => this.#onLabelChange());
    thReset.addEventListener("click", () => {
      for (const i of ui.thresholdInputs) i.value = i.getAttribute("data-default");
      this.#updateDirty();
    });
    alertClose.addEventListener("click", () => this.#clearAlert());

    const over = (on) => drop.classList.toggle("over", on);
    drop.addEventListener("dragenter", (e) => {
      e.preventDefault();
      over(true);
    });
    drop.addEventListener("dragover", (e) => {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
      over(true);
    });
    drop.addEventListener("dragleave", (e) => {
      if (!drop.contains(e.relatedTarget)) over(false);
    });
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      over(false);
      const dt = e.dataTransfer;
      if (dt && dt.files && dt.files.length) this.check(dt.files[0]);
      else if (dt) this.#checkText(dt.getData("text/plain"));
    });
    root.addEventListener("paste", (e) => this.#onPaste(e));
    report.addEventListener("click", (e) => {
      const chip = e.target.closest?.("button.chip");
      if (chip) this.#revealColumn(chip.getAttribute("data-column") ?? "");
      this.#onReportClick(e);
    });
    report.addEventListener("change", (e) => this.#onBiasChange(e));
    return root;
  }
}

if (!customElements.get("datalint-check")) {
  customElements.define("datalint-check", DatalintCheck);
}

export { DatalintCheck };

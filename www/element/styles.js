// The element's stylesheet: light and dark palettes and the layout of every part. The Bias and
// Text sections' rules are in bias-styles.js and text-styles.js; adoptStyles() puts all three
// into a shadow root.
import { BIAS_CSS } from "./bias-styles.js";
import { TEXT_CSS } from "./text-styles.js";

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

/* Provisional findings of a running check */
.provisional-banner {
  padding: 10px 14px; border-radius: 8px; font-size: 14px;
  background: var(--dl-warning-bg); color: var(--dl-warning); border: 1px dashed var(--dl-warning-border);
}
.report[data-provisional] .findings-block { opacity: 0.85; }

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
export function adoptStyles(root) {
  if ("adoptedStyleSheets" in Document.prototype && "replaceSync" in CSSStyleSheet.prototype) {
    if (!sharedSheet) {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(CSS + BIAS_CSS + TEXT_CSS);
    }
    root.adoptedStyleSheets = [sharedSheet];
  } else {
    const style = document.createElement("style");
    style.textContent = CSS + BIAS_CSS + TEXT_CSS;
    root.append(style);
  }
}

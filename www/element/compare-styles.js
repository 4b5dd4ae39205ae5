// <datalint-compare>'s own rules, on top of the element's stylesheet (styles.js): the two drop
// zones, the reference and candidate colours of the shape charts and heat maps, the tables.
import { adoptStyles } from "./styles.js";

const CSS = `
:host { --cmp-ref: #98a2b3; --cmp-cand: #2b50d0; --cmp-pearson: #2b50d0; --cmp-cramer: #7a3fc4; --cmp-diff: #c2410c; }
:host([theme="dark"]) { --cmp-ref: #6b7587; --cmp-cand: #8aa6ff; --cmp-pearson: #7d9bff; --cmp-cramer: #b98cf0; --cmp-diff: #fb923c; }
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"])) { --cmp-ref: #6b7587; --cmp-cand: #8aa6ff; --cmp-pearson: #7d9bff; --cmp-cramer: #b98cf0; --cmp-diff: #fb923c; }
}
.cmp-zones { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; }
.cmp-drop { padding: 18px 16px; gap: 8px; }
.cmp-drop .drop-sub { max-width: 42ch; }
.cmp-drop.chosen { border-style: solid; border-color: var(--dl-accent); }
.cmp-chosen { overflow-wrap: anywhere; }
.cmp-drop.chosen .cmp-chosen { color: var(--dl-fg); font-weight: 600; }
.cmp-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 10px; margin-top: 12px; }
.cmp-file { margin-top: 4px; font-size: 13px; overflow-wrap: anywhere; }
.cmp-role { display: inline-block; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; padding: 0 6px; margin-right: 6px; border-radius: 4px; color: #fff; }
.cmp-role.reference { background: var(--cmp-ref); }
.cmp-role.candidate { background: var(--cmp-cand); }
.stat.cmp-bad { border-top-color: var(--dl-warning-solid); }
.stat.cmp-bad .stat-value { color: var(--dl-warning); }
.cmp-stats { margin-top: 8px; }
.cmp-sub { margin: 14px 0 6px; font-size: 14px; }
.cmp-legend { display: flex; align-items: center; gap: 6px; margin: 6px 0 8px; color: var(--dl-muted); }
.cmp-swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; }
.cmp-swatch.ref { background: var(--cmp-ref); }
.cmp-swatch.cand { background: var(--cmp-cand); margin-left: 10px; }
.cmp-table { width: auto; max-width: 100%; }
.cmp-table td, .cmp-table th { padding-right: 18px; }
table.cmp-columns { width: 100%; }
.cmp-columns th[scope="row"] { color: var(--dl-fg); font-size: 13px; white-space: normal; vertical-align: top; min-width: 120px; }
.cmp-col.drifted th[scope="row"] { box-shadow: inset 3px 0 0 var(--dl-warning-solid); }
.cmp-col.flash { outline: 3px solid var(--dl-accent); }
.cmp-kind { display: block; font-weight: 400; }
.cmp-drift { display: grid; gap: 2px; min-width: 150px; }
.cmp-verdict { justify-self: start; font-size: 12px; font-weight: 700; padding: 0 8px; border-radius: 999px; border: 1px solid var(--dl-border); }
.cmp-verdict.drifted { color: var(--dl-warning); background: var(--dl-warning-bg); border-color: var(--dl-warning-border); }
.cmp-verdict.same { color: var(--dl-pass); background: var(--dl-pass-bg); border-color: var(--dl-pass-border); }
.cmp-figs { display: grid; grid-template-columns: auto 1fr; gap: 1px 10px; font-size: 12px; min-width: 220px; }
.cmp-figs dt { color: var(--dl-muted); white-space: nowrap; }
.cmp-figs dd { font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.cmp-shape { width: 32%; min-width: 200px; }
.cmp-chart .ref { fill: var(--cmp-ref); fill-opacity: 0.75; }
.cmp-chart .cand { fill: var(--cmp-cand); fill-opacity: 0.55; }
.cmp-chart .cand.solid { fill-opacity: 0.9; }
.cmp-chart .bin-hit { fill: transparent; }
.cmp-chart .cmp-bin:hover .bin-hit { fill: var(--dl-track); }
.cmp-chart .axis { stroke: var(--dl-border-strong); stroke-width: 1px; }
.cmp-chart .tick { font-size: 10.5px; fill: var(--dl-muted); }
.cmp-heatmaps { display: flex; flex-wrap: wrap; gap: 12px 20px; overflow-x: auto; }
.cmp-hm-fig { margin: 0; }
.cmp-hm-caption { font-size: 13px; font-weight: 600; margin-bottom: 2px; }
.cmp-heatmap { display: block; }
.cmp-heatmap .hm-label { font-size: 10.5px; fill: var(--dl-muted); }
.cmp-heatmap .hm-diag { fill: var(--dl-surface); }
.cmp-heatmap .hm-absent { fill: none; }
.cmp-columns tbody tr:last-child th { border-bottom: 0; }
.cmp-heatmap .hm-none { fill: var(--dl-surface); stroke: var(--dl-border); }
.cmp-heatmap .hm-fill.pearson { fill: var(--cmp-pearson); }
.cmp-heatmap .hm-fill.cramer { fill: var(--cmp-cramer); }
.cmp-heatmap.difference .hm-fill { fill: var(--cmp-diff); }
.cmp-heatmap .hm-cell:hover rect { stroke: var(--dl-fg); stroke-width: 1px; }
.cmp-heatmap .hm-value { font-size: 10px; fill: var(--dl-fg); pointer-events: none; }
.cmp-heatmap .hm-value.on-dark { fill: #fff; }
.cmp-details { margin-top: 10px; }
.cmp-details > summary { font-size: 13px; font-weight: 600; color: var(--dl-accent); display: inline-block; }
.cmp-details .table-scroll { margin-top: 6px; }
.cmp-text-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 12px; }
.cmp-text-card { padding: 10px 14px; }
.cmp-text-card .cmp-sub { margin-top: 0; }
.cmp-openers { margin-top: 6px; }
.cmp-copied { margin-top: 6px; font-size: 13px; }
.cmp-copied.bad strong { color: var(--dl-warning); }
`;

let sheet = null;

/** The element's stylesheet and the comparison's rules, into `root` (a shadow root). */
export function adoptCompareStyles(root) {
  adoptStyles(root);
  if ("adoptedStyleSheets" in root && "replaceSync" in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else {
    const style = document.createElement("style");
    style.textContent = CSS;
    root.append(style);
  }
}

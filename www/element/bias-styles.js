// The Bias section's stylesheet (render/bias*.js draw it), adopted with the element's own
// (styles.js).

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

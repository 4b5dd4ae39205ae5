// The Text section's stylesheet (render/text*.js draw it), adopted with the element's own
// (styles.js). Finding lists, block cards and lede reuse the Bias section's rules.

export const TEXT_CSS = `
/* Text */
.text { display: grid; gap: 12px; }
.text > .block-head { margin-bottom: 0; }
.text > .block-body { display: grid; gap: 12px; min-width: 0; }
.text .grow { flex: 1; }
.text h3 { font-size: 15px; }
.text-fields { display: grid; gap: 12px; }
.text-field { padding: 14px 16px; display: grid; gap: 12px; min-width: 0; transition: box-shadow 0.3s; }
.text-field-head { display: flex; align-items: center; flex-wrap: wrap; gap: 6px 8px; }
.text-field-name { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 15px; overflow-wrap: anywhere; min-width: 0; }
.text-role { color: var(--dl-info); background: var(--dl-info-bg); border-color: var(--dl-info-border); }
.text-role[data-role=""] { color: var(--dl-muted); background: var(--dl-surface); border-color: var(--dl-border); }
.text-kvs { grid-template-columns: repeat(auto-fill, minmax(112px, 1fr)); }
.text-field-grid { display: grid; grid-template-columns: minmax(0, 5fr) minmax(0, 7fr); gap: 12px 16px; align-items: start; }
.text-col { display: grid; gap: 12px; min-width: 0; align-content: start; }
.text-sub { display: grid; gap: 6px; min-width: 0; border: 1px solid var(--dl-border); border-radius: 8px; padding: 10px 12px; }
.text-sub h4 { font-size: 13px; }
.text-sub > p { margin: 0; }
.text-table-wrap { border-top: 1px solid var(--dl-border); }
.text-table { width: 100%; }
.text-table td { vertical-align: top; }
.text-table tr.has-finding td:first-child { box-shadow: inset 3px 0 0 var(--dl-warning-solid); }
.text-art-name { min-width: 120px; }
.text-art-name > .strong { display: block; }
.text-art-detail { display: block; overflow-wrap: anywhere; }
details.text-art-detail > summary { cursor: pointer; }
details.text-art-detail ul { list-style: none; margin-top: 2px; }
.text-art-finding { min-width: 160px; }
.text-none { margin: 0; }
.text-examples { list-style: none; display: grid; gap: 3px; margin-top: 4px; font-size: 12px; }
.text-examples li { overflow-wrap: anywhere; }
.text-examples .val { max-height: 4.5em; }
.text-flinks { display: inline-flex; flex-wrap: wrap; gap: 4px; }
.text-flink {
  display: inline-flex; align-items: center; gap: 5px; font: inherit; font-size: 12px; font-weight: 600; line-height: 18px;
  padding: 1px 8px; border-radius: 6px; border: 1px solid var(--dl-border); background: var(--dl-card); color: var(--dl-accent); cursor: pointer;
  font-variant-numeric: tabular-nums; white-space: nowrap;
}
.text-flink.plain { font-weight: 500; padding: 0 6px; }
.text-flink:hover { border-color: var(--dl-accent); background: var(--dl-accent-soft); }
.text-flink:focus-visible { outline: 2px solid var(--dl-accent); outline-offset: 1px; }
.text-finding-line { margin: 0; }
.text-shares { list-style: none; display: grid; gap: 3px; font-size: 12.5px; }
.text-shares li { display: grid; grid-template-columns: minmax(0, 1fr) 64px minmax(84px, auto); align-items: center; gap: 8px; }
.text-shares li .val { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 100%; }
.text-shares .share-bar { margin: 0; }
.text-shares .num { color: var(--dl-muted); font-size: 12px; }
.text-pairs .pair-sep { width: 24px; text-align: center; color: var(--dl-muted); padding-left: 2px; padding-right: 2px; }
.text-rows { padding: 12px 16px 14px; display: grid; gap: 8px; min-width: 0; }
.text-rows .text-table { max-width: 860px; }
.text-approx { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 10px; color: var(--dl-muted); }
.text-approx ul { margin: 0 0 0 18px; }

@container (max-width: 860px) {
  .text-field-grid { grid-template-columns: minmax(0, 1fr); }
  .text-field, .text-rows { padding: 12px; }
}
`;

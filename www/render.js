// The report renderer's public API: pure functions from the report JSON (README §The JSON
// report) to DOM, one module per part under render/. The element (element/*) imports the
// renderer through this file only.
//
// Every dataset value is untrusted and is only ever displayed as text: see render/dom.js.
export { bar, button, columnName, h, mark, part, pill, s, svg, svgPercent, testid, valueNode } from "./render/dom.js";
export {
  colText,
  fmtBytes,
  fmtDuration,
  fmtFig,
  fmtFigure,
  fmtInt,
  fmtMetric,
  fmtNum,
  fmtP,
  fmtPct,
  fmtPoints,
  fmtRate,
  fmtShare,
  fmtShort,
  fmtSpeed,
  fmtTick,
  plural,
  quoted,
  shown,
  truncate,
} from "./render/format.js";
export { SEVERITIES, countAtOrAbove, severityBadge, severityMark } from "./render/severity.js";
export { renderSummary, renderVerdict } from "./render/summary.js";
export { columnsText, renderFinding, renderFindings, renderOverview } from "./render/findings.js";
export { biasCheckIds, renderBias, roleBadge } from "./render/bias.js";
export { biasChart } from "./render/bias-chart.js";
export { renderText, textCheckIds } from "./render/text.js";
export { lengthHistogram } from "./render/text-chart.js";
export { histogramChart, topValuesChart } from "./render/charts.js";
export { isNumericColumn, renderColumn, renderColumnsHead } from "./render/columns.js";
export { renderInputErrors } from "./render/errors.js";
// The comparison of two files (<datalint-compare>).
export { renderCompareBias } from "./render/compare-bias.js";
export { shapeChart, shapeLegend } from "./render/compare-charts.js";
export { renderCompareColumns } from "./render/compare-columns.js";
export { renderCompareCopies } from "./render/compare-copies.js";
export { renderComparePairs } from "./render/compare-pairs.js";
export { renderCompareSchema, renderCompareSummary } from "./render/compare-summary.js";
export { renderCompareText } from "./render/compare-text.js";

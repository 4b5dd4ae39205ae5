// The comparison's Bias section: per sensitive column (or two together), the gap in the label's
// outcome rate and the impact ratio in the reference and in the candidate.
import { columnName, h } from "./dom.js";
import { fmtFig, fmtInt, fmtPoints, shown } from "./format.js";
import { section, table } from "./compare-table.js";

const pairOf = (v) => (Array.isArray(v) ? v : [null, null]);

/** The Bias section, or null when there was no label and sensitive column to compare. */
export function renderCompareBias(report) {
  const bias = Array.isArray(report.bias) ? report.bias : [];
  if (!bias.length) return null;
  const sec = section("bias", "Bias", fmtInt(bias.length));
  sec.append(h("p", "muted small", "The label's outcome rate across the groups of each sensitive column: the largest gap between two groups and the impact ratio (lowest rate / highest), in the reference → the candidate."));
  const rows = bias.map((b) => {
    const cols = h("span");
    (b.sensitive ?? []).forEach((c, i) => {
      if (i) cols.append(" × ");
      cols.append(columnName(c));
    });
    const outcome = h("span");
    outcome.append(columnName(b.label));
    if (b.outcome !== null && b.outcome !== undefined) outcome.append(" = ", h("code", "val", shown(b.outcome)));
    const [pr, pc] = pairOf(b.parity_difference);
    const [ir, ic] = pairOf(b.impact_ratio);
    const groups = h("span");
    groups.append(h("code", "val", shown(b.lowest ?? "–")), " / ", h("code", "val", shown(b.highest ?? "–")));
    return [cols, outcome, { text: `${fmtPoints(pr)} → ${fmtPoints(pc)}`, cls: "num" }, { text: `${fmtFig(ir)} → ${fmtFig(ic)}`, cls: "num" }, groups];
  });
  sec.append(table(["Sensitive", "Outcome", ["Outcome gap", "num"], ["Impact ratio", "num"], "Lowest / highest (candidate)"], rows));
  return sec;
}

// Severity badges and the fail-on count.
import { h } from "./dom.js";

export const SEVERITIES = ["error", "warning", "info"];
export const RANK = { info: 0, warning: 1, error: 2 };
const SEVERITY_WORD = { error: "Error", warning: "Warning", info: "Info" };
const SEVERITY_ICON = { error: "✕", warning: "!", info: "i" };

export function severityBadge(severity) {
  const b = h("span", `badge sev-${severity in RANK ? severity : "info"}`);
  b.setAttribute("data-severity", String(severity));
  const icon = h("span", "badge-icon", SEVERITY_ICON[severity] ?? "i");
  icon.setAttribute("aria-hidden", "true");
  b.append(icon, h("span", "badge-text", SEVERITY_WORD[severity] ?? String(severity)));
  return b;
}

/** How many findings are at or above `level` (error|warning|info). */
export function countAtOrAbove(report, level) {
  const min = RANK[level];
  return report.findings.filter((f) => (RANK[f.severity] ?? 0) >= min).length;
}

/** The compact severity mark of a line: the icon shows, the word is for screen readers. */
export function severityMark(severity) {
  const b = severityBadge(severity);
  b.classList.add("mark");
  return b;
}

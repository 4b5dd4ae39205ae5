// The comparison's Copies section: candidate rows equal to a reference row against the
// reference's own repeat rate, the distance to the closest record (DCR) medians against the
// reference's own and random rows', the closest pairs, and the copied lines.
import { h, testid } from "./dom.js";
import { fmtFig, fmtInt, fmtShare, plural } from "./format.js";
import { figure, section, table } from "./compare-table.js";

/** The Copies section (says so when the engine did not look for copies). */
export function renderCompareCopies(report) {
  const c = report.copies;
  const sec = section("copies", "Copies", c ? fmtInt(c.count) : "–");
  if (!c) {
    sec.append(h("p", "muted", "Copies were not looked for."));
    return sec;
  }
  const stats = testid(h("div", "stats cmp-stats"), "copies-stats");
  // Marked only when the engine's copied-rows check fired: the page judges nothing itself.
  const fired = (report.findings ?? []).some((f) => f.id === "copied-rows");
  const rate = figure(fmtShare(c.rate), `of candidate rows copy a reference row (${plural(c.count, "row", "rows")})`, fired ? "cmp-bad" : null);
  rate.setAttribute("data-testid", "copies-rate");
  stats.append(rate, figure(fmtShare(c.reference_rate), "the reference repeats its own rows"));
  if (c.within_tolerance !== null && c.within_tolerance !== undefined) {
    stats.append(figure(fmtShare(c.within_tolerance), "of sampled candidate rows match a reference row within 1%"));
  }
  sec.append(stats, h("p", "muted small", `Method: ${c.method}.`));

  const d = c.dcr;
  if (d) {
    sec.append(h("h3", "cmp-sub", "Distance to the closest reference record (DCR)"));
    const dcr = testid(h("div", "stats cmp-stats"), "dcr-stats");
    dcr.append(
      figure(fmtFig(d.candidate_median), "candidate median"),
      figure(fmtFig(d.reference_median), "reference's own median (held-out rows)"),
      figure(fmtFig(d.random_median), "random rows' median"),
      figure(fmtFig(d.baseline_protection), "baseline protection (candidate / random, at most 1)"),
      figure(`${fmtShare(d.candidate_close)} vs ${fmtShare(d.reference_close)}`, "very close rows: candidate vs reference"),
    );
    sec.append(dcr, h("p", "muted small", `${fmtInt(d.candidate_rows)} candidate rows measured against ${fmtInt(d.reference_rows)} reference rows.`));
    if (Array.isArray(d.closest) && d.closest.length) {
      const rows = d.closest.map(([cand, ref, dist]) => [{ text: fmtInt(cand), cls: "num" }, { text: fmtInt(ref), cls: "num" }, { text: fmtFig(dist), cls: "num" }]);
      const det = h("details", "cmp-details");
      det.append(h("summary", null, `The ${plural(rows.length, "closest pair", "closest pairs")}`));
      det.append(testid(table([["Candidate line", "num"], ["Reference line", "num"], ["DCR", "num"]], rows), "dcr-closest"));
      sec.append(det);
    }
  }

  const ev = Array.isArray(c.evidence) ? c.evidence : [];
  if (ev.length) {
    const det = h("details", "cmp-details");
    det.open = true;
    det.append(h("summary", null, `Copied lines: ${plural(ev.length, "line", "lines")} shown${c.count > ev.length ? `, ${fmtInt(c.count)} in all` : ""}`));
    const rows = ev.map((e) => [{ text: fmtInt(e.line), cls: "num" }, { node: h("code", "val", String(e.value ?? "")) }]);
    det.append(testid(table([["Candidate line", "num"], "What it copies"], rows), "copies-evidence"));
    sec.append(det);
  }
  return sec;
}

// The comparison's Text section: per free-text column, the diversity of both files measured at
// the same number of tokens, the most common openers, and the candidate texts that copy a
// reference text.
import { columnName, h, testid } from "./dom.js";
import { fmtFig, fmtInt, fmtPct, fmtShare, plural, shown } from "./format.js";
import { section, table } from "./compare-table.js";

const pairOf = (v) => (Array.isArray(v) ? v : [null, null]);

function diversityTable(t) {
  const [r, c] = pairOf(t.diversity);
  const rows = [];
  for (let k = 0; k < 4; k += 1) {
    rows.push([`distinct-${k + 1}`, { text: fmtFig(r?.distinct?.[k]), cls: "num" }, { text: fmtFig(c?.distinct?.[k]), cls: "num" }]);
  }
  rows.push(["NDS (distinct-1 + … + distinct-4)", { text: fmtFig(r?.nds), cls: "num" }, { text: fmtFig(c?.nds), cls: "num" }]);
  rows.push(["gzip compression ratio", { text: fmtFig(r?.compression_ratio), cls: "num" }, { text: fmtFig(c?.compression_ratio), cls: "num" }]);
  return testid(table(["At equal tokens", ["Reference", "num"], ["Candidate", "num"]], rows), "text-diversity");
}

function opener(o) {
  if (!Array.isArray(o) || o[0] === null || o[0] === undefined) return h("span", "muted", "–");
  const s = h("span");
  s.append(h("code", "val", shown(o[0])), ` ${fmtPct(o[1])}`);
  return s;
}

function textCard(t, report) {
  const card = testid(h("div", "card cmp-text-card"), "compare-text-column");
  card.setAttribute("data-column", t.column);
  const head = h("h3", "cmp-sub");
  head.append(columnName(t.column));
  card.append(head);
  const [vr, vc] = pairOf(t.values);
  const [cr, cc] = pairOf(t.chars_mean);
  const [wr, wc] = pairOf(t.words_median);
  card.append(
    h(
      "p",
      "muted small",
      `${fmtInt(vr)} → ${fmtInt(vc)} values · mean ${fmtFig(cr)} → ${fmtFig(cc)} characters · median ${fmtInt(wr)} → ${fmtInt(wc)} words · diversity at ${plural(t.tokens, "token", "tokens")} each`,
    ),
  );
  card.append(diversityTable(t));
  const [or, oc] = pairOf(t.top_opener);
  const op = h("p", "small cmp-openers");
  op.append("Most common opener: reference ", opener(or), ", candidate ", opener(oc));
  card.append(op);
  const [ex] = pairOf(t.examined);
  // Marked only when the engine's copied-text check fired on this column.
  const fired = (report.findings ?? []).some((f) => f.id === "copied-text" && (f.columns ?? []).includes(t.column));
  const copied = testid(h("p", `cmp-copied${fired ? " bad" : ""}`), "text-copied");
  copied.append(h("strong", null, plural(t.copied, "candidate text", "candidate texts")), ` copy a reference text (${fmtShare(ex ? t.copied / ex : 0)} of ${fmtInt(ex)} examined)`);
  card.append(copied);
  if (t.copies_note) card.append(h("p", "muted small", t.copies_note));
  if (Array.isArray(t.copied_pairs) && t.copied_pairs.length) {
    const rows = t.copied_pairs.map(([cand, ref, sim]) => [{ text: fmtInt(cand), cls: "num" }, { text: fmtInt(ref), cls: "num" }, { text: fmtFig(sim), cls: "num" }]);
    const det = h("details", "cmp-details");
    det.append(h("summary", null, `Copied texts: ${plural(rows.length, "pair", "pairs")}`));
    det.append(testid(table([["Candidate line", "num"], ["Reference line", "num"], ["Similarity", "num"]], rows), "text-copied-pairs"));
    card.append(det);
  }
  return card;
}

/** The Text section, or null when neither file has a free-text column in common. */
export function renderCompareText(report) {
  const text = Array.isArray(report.text) ? report.text : [];
  if (!text.length) return null;
  const sec = section("text", "Text", fmtInt(text.length));
  sec.append(h("p", "muted small", "Free-text columns: diversity is measured on the same number of tokens from each file, so a larger file does not look more diverse."));
  const grid = h("div", "cmp-text-grid");
  for (const t of text) grid.append(textCard(t, report));
  sec.append(grid);
  return sec;
}

// The Bias section of a datalint report: the roles card (built by the element and passed in),
// and per sensitive column the outcome rate per group against the four-fifths line, the table
// behind it, the figures and the bias-family findings; then intersections, proxies and
// missingness by group.
//
// Drawing only: what is judged, and why, is the engine's (each entry's judgement, lowest and
// highest groups and reference line; the options in force; the checks' params). Dataset values
// are text (see dom.js). No event listeners either: the element listens on the report container
// and reads the data-* attributes set here.
import { h, pill, testid } from "./dom.js";
import { colText, fmtFig, fmtInt, fmtNum, fmtP, fmtPoints, fmtRate, plural, quoted, shown } from "./format.js";
import { describeEntry, extremes, fmtValue, isFavourableEntry, isRateEntry, outcomeName, reason, valueOf } from "./bias-entry.js";
import { disparityFinding, findingForColumn } from "./bias-links.js";
import { biasWords, glossary } from "./bias-words.js";
import { biasChart, chartLegend } from "./bias-chart.js";
import { blockCard, findingsList, groupTable, intersectionsBlock, missingnessBlock, proxiesBlock } from "./bias-tables.js";

/** A role badge: proposed by the engine from the column's name, or chosen by the person. */
export function roleBadge(proposed) {
  const b = h("span", `role-badge ${proposed ? "proposed" : "chosen"}`, proposed ? "proposed from its name" : "chosen");
  b.setAttribute(
    "title",
    proposed
      ? "datalint proposed this role because of the column's name; untick or change it below"
      : "Chosen in the settings (not proposed by datalint)",
  );
  return b;
}

/** The bias-family findings with their index in report.findings (the order of the cards). */
function biasFindings(report, biasIds) {
  const out = [];
  report.findings.forEach((f, i) => {
    if (biasIds.has(f.id)) out.push({ f, i });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Figures

function figure(dl, name, value, explain, cls) {
  const d = h("div", `bfig${cls ? ` ${cls}` : ""}`);
  d.setAttribute("title", explain);
  d.append(h("dt", null, name), h("dd", null, value));
  dl.append(d);
}

/** "bad" or "good" as the engine's reason `test` holds or not ("" without that reason). */
function held(d, test) {
  const r = reason(d, test);
  return r ? (r.holds ? "bad" : "good") : "";
}

function figures(d, w) {
  const E = w.explain;
  const dl = testid(h("dl", "bias-figures"), "bias-figures");
  if (isRateEntry(d)) {
    figure(dl, "Parity difference", fmtPoints(d.parity_difference), E.parity);
    const ir = d.impact_ratio;
    const mark = held(d, "impact_ratio");
    figure(dl, "Impact ratio", Number.isFinite(ir) ? `${fmtFig(ir)}${mark === "bad" ? " ✕" : mark === "good" ? " ✓" : ""}` : "–", E.impact, mark);
    figure(dl, "Chi-square", fmtNum(d.chi2), E.chi2);
    figure(dl, "dof", fmtNum(d.dof), E.dof);
    figure(dl, "p-value", fmtP(d.p_value), E.p);
    figure(dl, "Cramér's V", fmtFig(d.cramers_v), E.v);
  } else {
    figure(dl, "Difference of means", fmtNum(d.parity_difference), E.meanDiff);
    if (Number.isFinite(d.impact_ratio)) figure(dl, "Ratio of means", fmtFig(d.impact_ratio), E.meanRatio);
    // Older engines put a numeric label's correlation ratio in cramers_v.
    const eta = Number.isFinite(d.correlation_ratio) ? d.correlation_ratio : d.cramers_v;
    if (Number.isFinite(eta)) figure(dl, "Correlation ratio", fmtFig(eta), E.eta);
    figure(dl, "SMD", fmtFig(d.smd), E.smd, held(d, "smd"));
  }
  return dl;
}

/** Why an unmet reason keeps an entry from being a finding, in words. */
function whyNot(r) {
  const v = r.value;
  const t = r.threshold;
  switch (r.test) {
    case "p_value":
      return `p ${fmtP(v)} is not under ${fmtNum(t)} (it could be chance)`;
    case "cramers_v":
      return `Cramér's V ${fmtFig(v)} is under ${fmtNum(t)} (a negligible association over all groups)`;
    case "worse_than_columns":
      return "the pair is not more unequal than each of its columns alone";
    default:
      return Number.isFinite(v) ? `${r.test} ${fmtFig(v)} is not ${r.comparison} ${fmtNum(t)}` : `${r.test} does not hold`;
  }
}

/**
 * One plain sentence: does this entry make a label-disparity finding, and why (not); all from
 * the engine's judgement of the entry (null when the engine sent none).
 */
function verdict(d, w) {
  const j = d.judgement;
  if (!j || !Array.isArray(j.reasons)) return null;
  const p = testid(h("p", "bias-verdict"), "bias-verdict");
  p.setAttribute("data-fires", j.fires ? "true" : "false");
  const groups = reason(d, "judged_groups");
  if (groups && !groups.holds) {
    p.classList.add("neutral");
    p.textContent = `Fewer than ${fmtInt(groups.threshold)} groups have ${w.enoughRows}: nothing to compare.`;
    return p;
  }
  if (!isRateEntry(d)) {
    const smd = reason(d, "smd");
    const size = `The group means differ by ${fmtFig(smd?.value ?? Math.abs(d.smd))} standard deviations`;
    if (j.fires) {
      p.classList.add("bad");
      p.textContent = `${size}${smd ? ` (at least ${fmtNum(smd.threshold)})` : ""}: a label-disparity finding.`;
    } else {
      p.classList.add("good");
      p.textContent = `${size}${smd ? `, under ${fmtNum(smd.threshold)}` : ""}: no finding.`;
    }
    return p;
  }
  const ir = reason(d, "impact_ratio");
  const value = ir?.value ?? d.impact_ratio;
  if (!isFavourableEntry(d)) {
    // No favourable value: the rates are compared, no group is called disadvantaged.
    p.classList.add("neutral");
    p.setAttribute("data-favourable", "none");
    const diff = `The rates of ${outcomeName(d)} differ: the lowest is ${fmtRate(value)} of the highest (ratio ${fmtFig(value)})`;
    const tail = "No favourable value is chosen, so no group is called disadvantaged; choose it under Roles to apply the four-fifths rule.";
    p.textContent = j.fires
      ? `${diff}, significantly (p ${fmtP(d.p_value)}) and not negligibly (V ${fmtFig(d.cramers_v)}): a label-disparity finding. ${tail}`
      : `${diff}: no finding. ${tail}`;
    return p;
  }
  const lowest = `the lowest rate is ${fmtRate(value)} of the highest`;
  const irText = `${lowest} (impact ratio ${fmtFig(value)})`;
  const rule = ir ? w.ruleName(ir.threshold) : "the impact ratio threshold";
  if (j.fires) {
    p.classList.add("bad");
    p.textContent = `Fails ${rule}: ${irText}; the difference is significant (p ${fmtP(d.p_value)}) and not negligible (V ${fmtFig(d.cramers_v)}).`;
  } else if (ir?.holds) {
    p.classList.add("warn");
    const why = j.reasons.filter((r) => !r.holds).map(whyNot);
    p.textContent = `Fails ${rule} (${lowest}, impact ratio ${fmtFig(value)}), yet no finding: ${why.length ? why.join(" and ") : "see the findings"}.`;
  } else {
    p.classList.add("good");
    p.textContent = `Passes ${rule}: ${irText}.`;
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// One sensitive column

function entryBlock(d, w) {
  const box = h("div", "bias-entry");
  const { lo, hi } = extremes(d);
  const head = h("p", "bias-headline");
  head.append(h("strong", null, describeEntry(d)));
  if (lo && hi && lo !== hi && isRateEntry(d) && !isFavourableEntry(d)) {
    // Named by their rates, highest first: which is worse off is not known.
    head.append(`: ${shown(hi.value)} ${fmtValue(d, valueOf(d, hi))} vs ${shown(lo.value)} ${fmtValue(d, valueOf(d, lo))}`);
  } else if (lo && hi && lo !== hi) {
    head.append(`: ${shown(lo.value)} ${fmtValue(d, valueOf(d, lo))} vs ${shown(hi.value)} ${fmtValue(d, valueOf(d, hi))}`);
  }
  box.append(head);
  const v = verdict(d, w);
  if (v) box.append(v);
  const fig = h("figure", "bias-chart-box");
  fig.append(biasChart(d, w), chartLegend(d, w));
  box.append(fig, figures(d, w));
  return box;
}

function columnCard(name, role, rep, entries, items, ctx) {
  const groupsN = rep ? rep.groups.length : entries[0]?.groups.length ?? 0;
  const card = testid(h("article", `bias-col card${groupsN > 15 ? " wide" : ""}${groupsN > 15 && entries.length === 1 ? " split" : ""}`), "bias-column");
  card.setAttribute("data-sensitive", name);
  const head = h("header", "bias-col-head");
  const title = h("h3", "bias-col-name", colText(name));
  head.append(title);
  if (role) head.append(roleBadge(role.proposed));
  if (role && Array.isArray(role.bins) && role.bins.length) {
    const bins = h("span", "tag", "age bands");
    bins.setAttribute("title", `Numeric, grouped in bands: ${role.bins.join(", ")}`);
    head.append(bins);
  }
  head.append(h("span", "grow"));
  head.append(h("span", "muted small", `${plural(groupsN, "group", "groups")}`));
  if (items.length) head.append(pill(plural(items.length, "finding", "findings"), "sev-warning"));
  card.append(head);

  const several = entries.length > 1;
  if (!entries.length) {
    card.append(
      h(
        "p",
        "muted small",
        ctx.hasLabel
          ? "No outcome comparison for this column."
          : "No label column: the outcome rate per group needs one (choose it under Label column). Representation:",
      ),
    );
  } else if (!several) {
    card.append(entryBlock(entries[0], ctx.words));
  } else {
    // Several classes compared in turn: the worst first and open, the others folded.
    const ordered = [...entries].sort((a, b) => (a.impact_ratio ?? 1) - (b.impact_ratio ?? 1));
    ordered.forEach((d, k) => {
      const det = h("details", "bias-outcome");
      if (k === 0) det.setAttribute("open", "");
      const sum = h("summary");
      const f = disparityFinding(ctx.findings, d);
      sum.append(h("span", "strong", `rate of ${outcomeName(d)}`), h("span", "muted", ` · impact ratio ${fmtFig(d.impact_ratio)}`));
      if (f) sum.append(" ", pill("finding", "sev-warning"));
      det.append(sum, entryBlock(d, ctx.words));
      card.append(det);
    });
  }
  card.append(groupTable(name, rep, entries, ctx.words, ctx.classes));
  if (items.length) card.append(findingsList(items));
  return card;
}

/** The bias family's check ids, from the engine's check list (its `family` field). */
export function biasCheckIds(checks) {
  return new Set((Array.isArray(checks) ? checks : []).filter((c) => c.family === "bias").map((c) => c.id));
}

/**
 * The Bias section, or null when the report has no bias fields (an older engine).
 * ctx: { checks: the engine's check list (families, params, thresholds), roles: the roles card
 * with its controls (element/roles.js), placed under the glossary }. The thresholds in force are
 * the report's own (report.options).
 */
export function renderBias(report, ctx = {}) {
  if (!report || !report.roles) return null;
  const biasIds = biasCheckIds(ctx.checks);
  const words = biasWords(ctx.checks, report.options);
  const findings = biasFindings(report, biasIds);
  const roles = report.roles;
  const label = roles.label;
  const bias = Array.isArray(report.bias) ? report.bias : [];
  const reps = Array.isArray(report.representation) ? report.representation : [];

  const sec = testid(h("section", "block bias"), "bias-section");
  sec.setAttribute("part", "bias-section");
  sec.setAttribute("aria-label", "Bias");
  const head = h("div", "block-head");
  head.append(h("h2", null, "Bias"), pill(plural(findings.length, "finding", "findings"), findings.length ? "sev-warning" : ""));
  sec.append(head);

  const intro = h("p", "bias-lede");
  const line = words.impact !== null ? words.lineName(words.impact) : "reference line";
  const sens = roles.sensitive ?? [];
  const outs = [...new Set(bias.filter(isRateEntry).map((d) => d.outcome))];
  if (!sens.length) {
    intro.textContent = "No sensitive column is in play: tick the columns that describe people's groups (sex, race, age, ...) under Roles and re-run.";
  } else if (!label) {
    intro.textContent = `How ${sens.map((r) => colText(r.name)).join(", ")} ${sens.length === 1 ? "is" : "are"} represented, and what goes missing by group. With a label column, the outcome rate per group is compared too.`;
  } else if (outs.length === 1 && bias.some(isFavourableEntry)) {
    intro.textContent = `How often each group has the favourable ${colText(label.name)} = ${shown(outs[0])}, per sensitive column, against the ${line}: a group below it is disadvantaged; ${words.small} are drawn hatched and not judged.`;
  } else if (outs.length === 1) {
    intro.textContent = `How often each group has ${colText(label.name)} = ${shown(outs[0])}, per sensitive column, with each class's rate in the table. No favourable value is chosen, so no group is called disadvantaged (choose it under Roles); ${words.small} are drawn hatched and not judged.`;
  } else if (outs.length > 1) {
    intro.textContent = `The rate of each class of ${colText(label.name)} per group, per sensitive column, against the ${line}; ${words.small} are drawn hatched and not judged.`;
  } else {
    intro.textContent = `The mean of ${colText(label.name)} per group, per sensitive column; ${words.small} are drawn hatched and not judged.`;
  }
  sec.append(intro);
  if (sens.length) sec.append(glossary(words));
  if (ctx.roles) sec.append(ctx.roles);

  const cols = h("div", "bias-cols");
  const byName = new Map(sens.map((r) => [r.name, r]));
  const names = [...sens.map((r) => r.name)];
  for (const r of reps) if (!byName.has(r.sensitive) && !names.includes(r.sensitive)) names.push(r.sensitive);
  const classes = Array.isArray(label?.classes) ? label.classes.map((c) => String(c.value)) : [];
  const cctx = { findings, words, hasLabel: !!label, classes };
  for (const name of names) {
    const rep = reps.find((r) => r.sensitive === name) ?? null;
    const entries = bias.filter((d) => d.sensitive.length === 1 && d.sensitive[0] === name);
    const items = findings.filter(({ f }) => findingForColumn(f, name));
    cols.append(columnCard(name, byName.get(name), rep, entries, items, cctx));
  }
  // Entries of `bias` whose column is not among the roles (not expected): shown all the same.
  for (const d of bias) {
    if (d.sensitive.length === 1 && names.includes(d.sensitive[0])) continue;
    cols.append(columnCard(d.sensitive.join(" & "), null, null, [d], [], cctx));
  }
  if (cols.children.length) sec.append(cols);

  const ictx = { findings, words };
  const more = [intersectionsBlock(report, ictx), proxiesBlock(report, ictx), missingnessBlock(report, ictx)].filter(Boolean);
  for (const m of more) sec.append(m);

  // Bias findings not shown anywhere above (a check added later, a column not in the roles).
  const placed = new Set();
  for (const name of names) for (const it of findings) if (findingForColumn(it.f, name)) placed.add(it.i);
  for (const d of report.intersections ?? []) {
    const it = disparityFinding(findings, d);
    if (it) placed.add(it.i);
  }
  const rest = findings.filter((it) => !placed.has(it.i));
  if (rest.length) {
    const card = blockCard("Other bias findings", "other", rest.length, null);
    card.append(findingsList(rest));
    sec.append(card);
  }
  return sec;
}


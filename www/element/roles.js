// The roles the Bias section compares by (label, outcome class, sensitive columns): what the
// person chose, the Roles card with its controls, and the roles part of a run's options.
// Unchosen roles are the engine's proposal and are not sent.
import { colText, fmtRate, h, roleBadge, testid } from "../render.js";
import { isRateEntry } from "../render/bias-entry.js";

export class RoleControls {
  labelChosen = false; // the label <select> (or the label attribute) was set: send it, "none" too
  sensitive = null; // names ticked as sensitive, or null: the engine proposes them
  outcome = null; // the label class asked for, or null: the engine chooses
  favourable = undefined; // the label value that is the good outcome; null: not sure (compare each class); undefined: as the shown report ran
  #report; // the report container the card is drawn in

  constructor(reportContainer) {
    this.#report = reportContainer;
  }

  /**
   * The roles part of a run's options, added to `options`. `label` is the label <select>'s
   * value; `report` the shown report (for the sensitive columns in play).
   */
  addTo(options, label, report) {
    // Roles go out only once the person has set them; otherwise the engine proposes them from
    // the column names. "none" as a chosen label turns proposing off, so the sensitive columns
    // in play are then sent explicitly.
    if (this.labelChosen) {
      if (label !== "") options.label = label;
      else options.propose_roles = false;
    }
    let sensitive = this.sensitive;
    if (sensitive === null && options.propose_roles === false && report?.roles) {
      sensitive = (report.roles.sensitive ?? []).map((r) => r.name);
    }
    if (sensitive !== null) options.sensitive = sensitive.filter((n) => label === "" || n !== label);
    if (this.outcome !== null && options.propose_roles !== false) options.outcome = this.outcome;
    const favourable = this.favourable === undefined ? report?.options?.favourable ?? null : this.favourable;
    if (favourable !== null && options.propose_roles !== false) options.favourable = favourable;
  }

  /** The Roles card for a report. `outcomeSent`: the class the report was asked for (null: none). */
  card(report, labelValue, outcomeSent) {
    const favourable = this.favourable === undefined ? report?.options?.favourable ?? null : this.favourable;
    return rolesCard(report, { labelValue, sensitive: this.sensitive, outcome: this.outcome, outcomeSent, favourable });
  }

  /** After the label changed: the outcome's classes are the new label's, and it is not sensitive. */
  sync(label, report, outcomeSent) {
    this.outcome = null;
    this.favourable = null;
    const fav = this.#report.querySelector('[data-testid="favourable-select"]');
    if (fav && report) fillFavourableSelect(fav, report, label, null);
    const sel = this.#report.querySelector('[data-testid="outcome-select"]');
    if (sel && report) {
      const auto = label === (report.roles?.label?.name ?? "") && !outcomeSent ? autoOutcomeText(report) : null;
      fillOutcomeSelect(sel, report, label, "", auto);
    }
    // The label cannot also be a sensitive column.
    for (const box of this.#report.querySelectorAll('[data-testid="sensitive-checkbox"]')) {
      const isLabel = label !== "" && box.getAttribute("data-column") === label;
      box.disabled = isLabel;
      if (isLabel && box.checked) {
        box.checked = false;
        this.#sensitiveChanged();
      }
    }
  }

  #sensitiveChanged() {
    const boxes = [...this.#report.querySelectorAll('[data-testid="sensitive-checkbox"]')];
    for (const b of boxes) b.closest(".sens-item")?.classList.toggle("on", b.checked);
    this.sensitive = boxes.filter((b) => b.checked).map((b) => b.getAttribute("data-column") ?? "");
  }

  /** A change event in the report; true when it changed a role. */
  onChange(e) {
    const t = e.target;
    const id = t?.getAttribute?.("data-testid");
    if (id === "sensitive-checkbox") {
      this.#sensitiveChanged();
      return true;
    }
    if (id === "outcome-select") {
      this.outcome = t.value === "" ? null : t.value;
      return true;
    }
    if (id === "favourable-select") {
      this.favourable = t.value === "" ? null : t.value;
      return true;
    }
    return false;
  }

  /**
   * Shows or hides the card's "Roles changed" note: `next` and `last` are the options of the
   * next run and of the shown report (null when the settings are not dirty or are invalid).
   */
  showPending(next, last, rerunDisabled) {
    const note = this.#report.querySelector('[data-testid="roles-dirty"]');
    if (!note) return;
    const changed = next !== null && last !== null && roleKey(next) !== roleKey(last);
    note.hidden = !changed;
    const btn = this.#report.querySelector('[data-action="rerun"]');
    if (btn) {
      btn.classList.toggle("primary", changed);
      btn.disabled = rerunDisabled;
    }
  }
}

/** The roles part of a run's options, to tell a pending change of roles. */
function roleKey(o) {
  return JSON.stringify([o.label ?? null, o.propose_roles ?? true, o.sensitive ?? null, o.outcome ?? null, o.favourable ?? null]);
}

/**
 * The label's classes as the engine listed them (report.roles.label), when `labelName` is the
 * report's label: { numeric, classes: [{ value, count }] or null }; null for another column (the
 * engine has not looked at it as a label yet).
 */
function labelRole(report, labelName) {
  const label = report.roles?.label;
  if (!label || !labelName || label.name !== labelName) return null;
  return { numeric: label.numeric === true, classes: Array.isArray(label.classes) ? label.classes : null };
}

/**
 * Fills the outcome <select>: "automatic" (value "") and the label's classes. `auto` describes
 * what the engine chose when nothing is asked for; `value` is the class asked for ("" = none).
 */
export function fillOutcomeSelect(select, report, labelName, value, auto) {
  const role = labelRole(report, labelName);
  const classes = role?.classes?.map((c) => String(c.value)) ?? null;
  const opts = [];
  const first = h("option", null, "");
  first.setAttribute("value", "");
  opts.push(first);
  if (!labelName) {
    first.textContent = "— (no label column)";
  } else if (!role) {
    const known = report.columns.some((c) => c.name === labelName);
    first.textContent = known ? "automatic (re-run to list this label's classes)" : "automatic";
  } else if (role.numeric) {
    first.textContent = "— (a numeric label: group means are compared)";
  } else {
    // What "automatic" picks is the engine's to say: known only from a report that ran with it.
    first.textContent = auto ? `automatic: ${auto}` : "automatic";
    for (const c of classes ?? []) {
      const o = h("option", null, c === "" ? "(empty)" : c);
      o.setAttribute("value", c);
      opts.push(o);
    }
  }
  setOptions(select, opts, value);
}

/**
 * Puts `opts` in `select` and selects `value`, adding it as "(not a class here)" when no option
 * has it (a value from the settings that this file's label does not hold); disabled with no
 * choice to make.
 */
function setOptions(select, opts, value) {
  if (value && !opts.some((o) => o.getAttribute("value") === value)) {
    const o = h("option", null, `${value} (not a class here)`);
    o.setAttribute("value", value);
    opts.push(o);
  }
  select.replaceChildren(...opts);
  select.value = value ?? "";
  select.disabled = opts.length < 2;
}

/**
 * Fills the favourable-value <select>: "not sure: compare each class" (value "", the default:
 * no group is called disadvantaged) and the label's classes. `value`: the value chosen (null:
 * not sure).
 */
export function fillFavourableSelect(select, report, labelName, value) {
  const role = labelRole(report, labelName);
  const first = h("option", null, "not sure: compare each class");
  first.setAttribute("value", "");
  const opts = [first];
  if (!labelName) first.textContent = "— (no label column)";
  else if (role?.numeric) first.textContent = "— (a numeric label: group means are compared)";
  for (const c of role && !role.numeric ? role.classes ?? [] : []) {
    const v = String(c.value);
    const o = h("option", null, v === "" ? "(empty)" : v);
    o.setAttribute("value", v);
    opts.push(o);
  }
  setOptions(select, opts, value);
}

/** What the engine compared when no outcome was asked for, in words (null: nothing). */
export function autoOutcomeText(report) {
  const outs = [...new Set((report.bias ?? []).filter(isRateEntry).map((d) => d.outcome))];
  if (!outs.length) return null;
  if (outs.length === 1) return String(outs[0]);
  return `each class in turn (${outs.length})`;
}

function rolesCard(report, ctx) {
  const roles = report.roles ?? {};
  const card = testid(h("div", "bias-roles card"), "bias-roles");
  card.setAttribute("part", "bias-roles");
  const head = h("div", "bias-block-head");
  head.append(h("h3", null, "Roles"), h("span", "muted small", "which columns the comparisons use"));
  card.append(head);
  const grid = h("div", "roles-grid");

  // Label
  const lab = h("div", "role-row");
  lab.append(h("span", "role-key", "Label"));
  const labVal = h("div", "role-val");
  const label = roles.label;
  if (label && label.name !== undefined) {
    labVal.append(h("code", "role-name", colText(label.name)), roleBadge(label.proposed));
    const col = report.columns.find((c) => c.name === label.name);
    const classes = labelRole(report, label.name)?.classes;
    if (col && classes?.length) {
      const known = col.present - col.missing;
      const cls = classes
        .slice(0, 4)
        .map((c) => `${c.value === "" ? "(empty)" : c.value} ${fmtRate(known > 0 ? c.count / known : 0)}`)
        .join(" · ");
      labVal.append(h("span", "muted small", `${cls}${classes.length > 4 ? " · …" : ""}`));
    }
  } else {
    labVal.append(h("span", "muted", "none"));
  }
  const change = h("button", "btn small link-btn", "Change…");
  change.setAttribute("type", "button");
  change.setAttribute("data-action", "focus-label");
  change.setAttribute("title", "The label is chosen with Label column, in the settings above");
  labVal.append(change);
  lab.append(labVal);

  // Outcome
  const out = h("div", "role-row");
  const outKey = h("label", "role-key", "Outcome");
  const select = testid(h("select", "outcome-select"), "outcome-select");
  select.setAttribute("part", "outcome-select");
  select.setAttribute("id", "dl-outcome-select");
  outKey.setAttribute("for", "dl-outcome-select");
  select.setAttribute("aria-label", "Outcome: the label class whose rate is compared across groups");
  // What "automatic" chose is known only from a report that ran without an outcome asked for.
  const auto = ctx.labelValue === (label?.name ?? "") && !ctx.outcomeSent ? autoOutcomeText(report) : null;
  fillOutcomeSelect(select, report, ctx.labelValue, ctx.outcome ?? "", auto);
  const outVal = h("div", "role-val");
  outVal.append(select, h("span", "muted small", "the label class whose rate is compared"));
  out.append(outKey, outVal);

  // Favourable value: which label value is the good outcome (only then is a group with a lower
  // rate of it called disadvantaged).
  const fav = h("div", "role-row");
  const favKey = h("label", "role-key", "Favourable");
  const favSelect = testid(h("select", "favourable-select"), "favourable-select");
  favSelect.setAttribute("part", "favourable-select");
  favSelect.setAttribute("id", "dl-favourable-select");
  favKey.setAttribute("for", "dl-favourable-select");
  favSelect.setAttribute("aria-label", "Favourable value: the label value that is the good outcome for a person");
  fillFavourableSelect(favSelect, report, ctx.labelValue, ctx.favourable ?? null);
  const favVal = h("div", "role-val");
  favVal.append(
    favSelect,
    h("span", "muted small", "which label value is good for the person; groups with a lower rate of it are disadvantaged (four-fifths rule)"),
  );
  fav.append(favKey, favVal);

  // Sensitive
  const sen = h("div", "role-row");
  sen.append(h("span", "role-key", "Sensitive"));
  const senVal = h("div", "role-val");
  const byName = new Map((roles.sensitive ?? []).map((r) => [r.name, r]));
  const checked = new Set(ctx.sensitive ?? [...byName.keys()]);
  const boxes = h("div", "sens-list");
  boxes.setAttribute("role", "group");
  boxes.setAttribute("aria-label", "Sensitive columns");
  const names = report.columns.map((c) => c.name).filter((n) => n !== "");
  const labelName = ctx.labelValue || label?.name;
  // The report's sensitive columns first (in their order), then the others.
  const ordered = [...(roles.sensitive ?? []).map((r) => r.name).filter((n) => names.includes(n)), ...names.filter((n) => !byName.has(n))];
  for (const n of ordered) {
    const item = h("label", `sens-item${checked.has(n) ? " on" : ""}`);
    const box = testid(h("input"), "sensitive-checkbox");
    box.setAttribute("type", "checkbox");
    box.setAttribute("data-column", n);
    if (checked.has(n)) box.setAttribute("checked", "");
    if (n === labelName) {
      box.setAttribute("disabled", "");
      item.setAttribute("title", "The label column cannot also be sensitive");
    }
    item.append(box, h("span", "sens-name", colText(n)));
    const r = byName.get(n);
    if (r) item.append(h("span", `mini-badge ${r.proposed ? "proposed" : "chosen"}`, r.proposed ? "proposed" : "chosen"));
    boxes.append(item);
  }
  senVal.append(boxes);
  sen.append(senVal);

  grid.append(lab, out, fav, sen);
  card.append(grid);

  const foot = h("div", "roles-foot");
  const pending = testid(h("span", "dirty", "Roles changed: re-run to apply"), "roles-dirty");
  pending.hidden = true;
  const rerun = testid(h("button", "btn small", "Re-run"), "bias-rerun");
  rerun.setAttribute("type", "button");
  rerun.setAttribute("data-action", "rerun");
  foot.append(
    h("span", "muted small grow", "Proposed roles come from column names (sex, race, age, income, ...). Tick or untick columns, pick the outcome class or the favourable value, then re-run."),
    pending,
    rerun,
  );
  card.append(foot);
  return card;
}

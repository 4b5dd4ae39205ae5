// The settings card's fields: the label <select>, the thresholds form (built from the engine's
// check list), which fields differ from their defaults, and the thresholds part of a run's
// options. The element keeps the run state; these functions read and mark the fields in `ui`
// (see shell.js).
import { fmtMetric, fmtNum, h, severityBadge } from "../render.js";

/** Whether a threshold field holds text that is not a number. */
function invalid(i) {
  return i.validity.badInput || (i.value.trim() !== "" && !Number.isFinite(Number(i.value)));
}

/**
 * The thresholds that differ from the defaults, by check id. Throws an Error with `input` set to
 * the first field that is not a number.
 */
export function readThresholds(ui) {
  const thresholds = {};
  for (const input of ui.thresholdInputs) {
    const id = input.getAttribute("data-check");
    const def = Number(input.getAttribute("data-default"));
    if (invalid(input)) {
      const err = new Error(`The threshold for ${id} is not a number.`);
      err.input = input;
      throw err;
    }
    if (input.value.trim() === "") continue; // empty means the default
    // Range checks are the engine's: it rejects what it cannot use, and the alert says why.
    const v = Number(input.value);
    if (v !== def) thresholds[id] = v;
  }
  return thresholds;
}

/** Marks changed and invalid threshold fields, the count in the summary and the reset button. */
export function markThresholds(ui) {
  // A field differs from its default when it holds another number, text that is not a number
  // (the browser then reports an empty value with validity.badInput), or nothing at all.
  const changed = ui.thresholdInputs.filter(
    (i) => invalid(i) || i.value.trim() === "" || Number(i.value) !== Number(i.getAttribute("data-default")),
  );
  let bad = 0;
  for (const i of ui.thresholdInputs) {
    const isBad = invalid(i);
    if (isBad) bad += 1;
    const row = i.closest(".th");
    if (row) {
      row.classList.toggle("changed", changed.includes(i));
      row.classList.toggle("invalid", isBad);
      const note = row.querySelector(".th-error");
      if (note) note.hidden = !isBad;
    }
    if (isBad) i.setAttribute("aria-invalid", "true");
    else i.removeAttribute("aria-invalid");
  }
  const parts = [];
  if (changed.length) parts.push(`${changed.length} changed`);
  if (bad) parts.push(`${bad} not a number`);
  ui.thCount.textContent = parts.length ? ` · ${parts.join(", ")}` : "";
  ui.thReset.disabled = changed.length === 0;
}

/** Puts every threshold field back to its default. */
export function resetThresholds(ui) {
  for (const i of ui.thresholdInputs) i.value = i.getAttribute("data-default");
}

/** Marks the settings as differing from the shown report's (the Re-run button asks to be used). */
export function markDirty(ui, dirty) {
  ui.dirty.hidden = !dirty;
  ui.rerun.classList.toggle("primary", dirty);
  ui.rerun.classList.toggle("attention", dirty);
}

/** Selects `name` in the label <select>, adding it as an option when the list lacks it. */
export function selectLabel(sel, name) {
  if (name !== "" && ![...sel.options].some((o) => o.value === name)) {
    const opt = h("option", null, name);
    opt.setAttribute("value", name);
    sel.append(opt);
  }
  sel.value = name;
}

/** The label <select>'s options: none and the report's columns (keeping the current choice). */
export function fillLabelOptions(sel, report) {
  const current = sel.value;
  const none = h("option", null, "none");
  none.setAttribute("value", "");
  const opts = [none];
  const names = report.columns.map((c) => c.name);
  for (const n of names) {
    if (n === "") continue;
    const o = h("option", null, n);
    o.setAttribute("value", n);
    opts.push(o);
  }
  if (current !== "" && !names.includes(current)) {
    const o = h("option", null, `${current} (not in this file)`);
    o.setAttribute("value", current);
    opts.push(o);
  }
  sel.replaceChildren(...opts);
  sel.value = current;
}

/**
 * Builds one field per check from the engine's check list (`checks`) and default options
 * (`defaults`); `onEdit` runs on every edit.
 */
export function buildThresholds(ui, checks, defaults, onEdit) {
  const grid = ui.thGrid;
  grid.replaceChildren();
  ui.thresholdInputs = [];
  const overrides = defaults?.thresholds ?? {};
  for (const c of checks) {
    const def = Number.isFinite(overrides[c.id]) ? overrides[c.id] : c.threshold?.default;
    const row = h("div", "th");
    row.setAttribute("data-check", c.id);
    const head = h("div", "th-head");
    head.append(h("code", null, c.id), severityBadge(c.severity));
    if (c.needs_label) head.append(h("span", "tag", "needs a label column"));
    const summary = h("p", "th-summary", c.summary);
    if (c.why) summary.setAttribute("title", c.why);
    const field = h("label", "th-field");
    const input = h("input");
    input.setAttribute("type", "number");
    input.setAttribute("step", "any");
    input.setAttribute("inputmode", "decimal");
    input.setAttribute("value", String(def));
    input.setAttribute("data-default", String(def));
    input.setAttribute("data-check", c.id);
    input.setAttribute("data-testid", "threshold-input");
    input.setAttribute("part", "threshold-input");
    input.setAttribute("aria-label", `${c.id} threshold (${c.threshold?.metric ?? "metric"} ${c.threshold?.comparison ?? ""})`);
    input.addEventListener("input", onEdit);
    input.addEventListener("change", onEdit);
    const rule = h("span", "th-rule");
    const shown = fmtMetric(def, def, c.threshold?.unit);
    const plain = fmtNum(def);
    rule.append(
      h("span", null, `fires when ${c.threshold?.metric ?? "the metric"} ${c.threshold?.comparison ?? ">"}`),
      h("span", "th-default", `default ${plain}${def !== 0 && shown.value !== plain ? ` (${shown.value})` : ""}`),
    );
    field.append(rule, input);
    const bad = h("p", "th-error", "Not a number: correct it, or reset to the defaults.");
    bad.hidden = true;
    row.append(head, summary, field, bad);
    grid.append(row);
    ui.thresholdInputs.push(input);
  }
  ui.thLoading.hidden = true;
}

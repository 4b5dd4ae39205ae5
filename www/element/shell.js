// The element's fixed parts, built once: intake (drop zone, picker, sample, paste), the alert
// and status lines, the settings card, the progress card and the (empty) report container.
// buildShell() returns the root and `ui`, the parts the element and its modules update; the
// element wires their events.
import { button, h, mark, s } from "../render.js";

function uploadIcon() {
  const svg = s("svg", "drop-icon");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const p1 = s("path");
  p1.setAttribute("d", "M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z");
  const p2 = s("path");
  p2.setAttribute("d", "M14 3v5h5");
  const p3 = s("path");
  p3.setAttribute("d", "M12 17v-6m-2.5 2.5L12 11l2.5 2.5");
  svg.append(p1, p2, p3);
  return svg;
}

export function buildShell() {
  const ui = {};
  const root = h("div", "root stack");
  root.setAttribute("part", "root");

  // Intake: drop zone, picker, sample, paste.
  const intake = h("section", "intake");
  intake.setAttribute("aria-label", "Choose data to check");
  const drop = mark(h("div", "drop"), "dropzone");
  drop.setAttribute("tabindex", "0");
  drop.setAttribute("aria-label", "Drop zone: drop a file here, or focus it and paste CSV or JSONL text");
  const text = h("div", "drop-text");
  text.append(
    h("p", "drop-title", "Drop a dataset here"),
    h("p", "drop-sub", "CSV, TSV, JSONL or JSON, gzipped or not. It is checked in this tab: nothing is uploaded."),
  );
  const actions = h("div", "drop-actions");
  const pick = h("label", "btn primary");
  pick.setAttribute("part", "file-label");
  const input = mark(h("input", "vh"), "file-input");
  input.setAttribute("type", "file");
  input.setAttribute("accept", ".csv,.tsv,.tab,.txt,.jsonl,.ndjson,.json,.gz,text/csv,text/tab-separated-values,application/json,application/x-ndjson,application/gzip");
  pick.append(input, "Choose a file");
  const sample = button("Try a sample", "btn sample-only", "sample-button");
  actions.append(pick, sample);
  const cite = mark(h("p", "cite sample-only"), "sample-citation");
  const doi = h("a", null, "doi:10.24432/C5XW20");
  doi.setAttribute("href", "https://doi.org/10.24432/C5XW20");
  doi.setAttribute("target", "_blank");
  doi.setAttribute("rel", "noopener noreferrer");
  cite.append(
    "Sample: the first 2,000 rows of the UCI Adult (Census Income) dataset, by Barry Becker and Ronny Kohavi, UCI Machine Learning Repository (1996), ",
    doi,
    ", licensed CC BY 4.0.",
  );
  drop.append(uploadIcon(), text, actions, cite);

  const paste = mark(h("details", "paste"), "paste-panel");
  const pasteSummary = h("summary", null, "Or paste CSV or JSONL text");
  const pasteBody = h("div", "paste-body");
  const textarea = mark(h("textarea"), "paste-input");
  textarea.setAttribute("rows", "6");
  textarea.setAttribute("spellcheck", "false");
  textarea.setAttribute("aria-label", "CSV or JSONL text to check");
  textarea.setAttribute("placeholder", "name,age\nAda,36\nAlan,41");
  const pasteCheck = button("Check pasted text", "btn", "paste-check");
  pasteBody.append(textarea, pasteCheck);
  paste.append(pasteSummary, pasteBody);
  intake.append(drop, paste);

  // Settings: label column, thresholds, re-run.
  const settings = mark(h("section", "settings card"), "settings");
  settings.setAttribute("aria-label", "Settings");
  const row = h("div", "settings-row");
  const field = h("label", "field");
  const select = mark(h("select"), "label-select");
  const none = h("option", null, "none");
  none.setAttribute("value", "");
  select.append(none);
  field.append("Label column", select);
  const dirty = mark(h("span", "dirty", "Settings changed: re-run to apply"), "settings-dirty");
  dirty.hidden = true;
  const rerun = button("Re-run", "btn", "rerun");
  rerun.disabled = true;
  rerun.setAttribute("title", "Check the same file again with these settings");
  row.append(field, h("span", "spacer"), dirty, rerun);
  const th = mark(h("details", "thresholds"), "thresholds");
  const thSummary = mark(h("summary", null, "Thresholds"), "thresholds-toggle");
  const thCount = h("span", "muted", "");
  thSummary.append(thCount);
  const thIntro = h(
    "p",
    "th-intro",
    "Each check fires when its figure crosses its threshold. Changed thresholds are sent with the next check; the defaults come from the engine.",
  );
  const thLoading = h("p", "muted small", "Loading the engine…");
  const thGrid = mark(h("div", "th-grid"), "threshold-grid");
  const thActions = h("div", "th-actions");
  const thReset = button("Reset to defaults", "btn small", "reset-thresholds");
  thReset.disabled = true;
  thActions.append(thReset);
  th.append(thSummary, thIntro, thLoading, thGrid, thActions);
  settings.append(row, th);

  // Alert, status, progress.
  const alert = mark(h("div", "alert"), "alert");
  alert.setAttribute("role", "alert");
  alert.hidden = true;
  const alertIcon = h("span", "alert-icon", "!");
  alertIcon.setAttribute("aria-hidden", "true");
  const alertMsg = h("span", "alert-msg");
  const alertClose = button("×", "alert-close");
  alertClose.setAttribute("aria-label", "Dismiss");
  alert.append(alertIcon, alertMsg, alertClose);
  const status = mark(h("p", "status"), "status");
  status.setAttribute("role", "status");

  const progress = mark(h("section", "progress card"), "progress");
  progress.setAttribute("aria-label", "Progress");
  progress.hidden = true;
  const phead = h("div", "progress-head");
  const ptitle = h("span", "progress-title");
  const cancel = button("Cancel", "btn small", "cancel");
  cancel.disabled = true;
  phead.append(ptitle, cancel);
  const bar = mark(h("progress"), "progress-bar");
  const stats = h("dl", "progress-stats");
  const stat = {};
  for (const [key, label] of [
    ["bytes", "Read"],
    ["rows", "Rows"],
    ["speed", "Speed"],
    ["left", "Time left"],
    ["elapsed", "Elapsed"],
  ]) {
    const d = h("div");
    d.setAttribute("data-stat", key);
    const dd = h("dd", null, "–");
    d.append(h("dt", null, label), dd);
    stats.append(d);
    stat[key] = dd;
  }
  progress.append(phead, bar, stats);

  const report = mark(h("div", "report stack"), "report");
  report.setAttribute("aria-live", "off");

  root.append(intake, alert, status, settings, progress, report);

  Object.assign(ui, {
    drop,
    input,
    sample,
    textarea,
    pasteCheck,
    labelSelect: select,
    rerun,
    dirty,
    thGrid,
    thDetails: th,
    thCount,
    thLoading,
    thReset,
    thresholdInputs: [],
    alert,
    alertMsg,
    alertClose,
    status,
    progress,
    progressTitle: ptitle,
    progressBar: bar,
    stat,
    cancel,
    report,
    verdictSlot: null,
    jumpBar: null,
    columnsGrid: null,
    columnFilter: null,
    moreColumns: null,
  });
  return { root, ui };
}

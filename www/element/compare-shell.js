// <datalint-compare>'s fixed parts, built once: two drop zones (reference, candidate) with their
// pickers and chosen names, the Compare / Swap / Cancel buttons, the alert and status lines, the
// progress card (the same parts as the check's, so Progress drives it) and the report container.
import { button, h, mark } from "../render.js";

const ACCEPT = ".csv,.tsv,.tab,.txt,.jsonl,.ndjson,.json,.gz,text/csv,text/tab-separated-values,application/json,application/x-ndjson,application/gzip";

function zone(role, title, sub) {
  const drop = mark(h("div", `drop cmp-drop ${role}`), `${role}-dropzone`);
  drop.setAttribute("tabindex", "0");
  drop.setAttribute("data-role", role);
  drop.setAttribute("aria-label", `${title}: drop a file here or choose one`);
  const text = h("div", "drop-text");
  text.append(h("p", "drop-title", title), h("p", "drop-sub", sub));
  const pick = h("label", "btn primary");
  const input = mark(h("input", "vh"), `${role}-input`);
  input.setAttribute("type", "file");
  input.setAttribute("accept", ACCEPT);
  pick.append(input, "Choose a file");
  const chosen = mark(h("p", "cmp-chosen muted small", "No file chosen"), `${role}-name`);
  drop.append(text, pick, chosen);
  return { drop, input, chosen };
}

export function buildCompareShell() {
  const root = h("div", "root stack cmp-root");
  root.setAttribute("part", "root");
  const intake = h("section", "intake cmp-intake");
  intake.setAttribute("aria-label", "Choose the two files to compare");
  const ref = zone("reference", "Reference", "The data the candidate should resemble: the real data, the training split, last month's data.");
  const cand = zone("candidate", "Candidate", "The data to judge against it: synthetic data, the test split, new data.");
  const pair = h("div", "cmp-zones");
  pair.append(ref.drop, cand.drop);
  const actions = h("div", "cmp-actions");
  const run = button("Compare", "btn primary", "compare-button");
  run.disabled = true;
  const swap = button("Swap", "btn", "swap-button");
  swap.disabled = true;
  swap.setAttribute("title", "Make the candidate the reference and the other way round");
  actions.append(run, swap, h("span", "muted small", "Both files are read in this tab, one slice at a time: nothing is uploaded."));
  intake.append(pair, actions);

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

  const report = mark(h("div", "report stack"), "compare-report");
  report.setAttribute("aria-live", "off");
  root.append(intake, alert, status, progress, report);
  return {
    root,
    ui: {
      zones: { reference: ref, candidate: cand },
      run,
      swap,
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
    },
  };
}

// <datalint-check>: the whole in-browser UI of datalint, as one custom element.
//
// The element owns a Web Worker (worker.js) that runs the engine (WebAssembly); the page never
// reads the file itself: it hands the File handle to the worker, which slices it. Everything is
// rendered inside a shadow root with its own styles, so a host page's CSS cannot reach it.
// Dataset values are untrusted and only ever displayed as text (see render/dom.js).
//
// This file holds the element's attributes, public API, events and run state; each other job
// has its module under element/ (bridge, shell, settings, roles, progress, intake, report view,
// jump bar, styles) and the drawing of the report is under render/ (through render.js).
//
// Attributes: label (initial label column), fail-on (error|warning|info), theme (light|dark),
// no-sample (hides the sample button, e.g. where samples/ is not served), workers (how many Web
// Workers read one large file: default min(navigator.hardwareConcurrency, 4), at most 8; "1" reads
// every file on one worker; no SharedArrayBuffer or cross-origin isolation is needed), min-range
// (the smallest byte range a worker is given, default 8 MiB: for tests), simd ("off" loads the
// engine's baseline build even where the browser runs WebAssembly SIMD; read when the engine
// starts). data-engine says which build loaded: "simd128" or "baseline" (worker.js).
// After a report, data-reading holds how the file was read as JSON ({ workers, ranges, reread,
// headBytes, onePass, ... }: protocol.js); also the `reading` property.
// Events (bubbling, composed): datalint-ready, datalint-progress, datalint-provisional (the
// provisional report of a long check, until datalint-report), datalint-report, datalint-error.
// API: check(fileOrBlob, name?) -> Promise<report|null>, cancel(), rerun(); read-only
// properties report, ready, busy, lastMemoryBytes, checks.
import { WorkerBridge } from "./element/bridge.js";
import { buildShell } from "./element/shell.js";
import { adoptStyles } from "./element/styles.js";
import { buildThresholds, fillLabelOptions, markDirty, markThresholds, readThresholds, resetThresholds, selectLabel } from "./element/settings.js";
import { RoleControls } from "./element/roles.js";
import { Progress } from "./element/progress.js";
import { attachIntake } from "./element/intake.js";
import { ReportView } from "./element/report-view.js";
import { MAX_WORKERS, MIN_RANGE } from "./protocol.js";

/** Download names: the input's name without path, compression and extension. */
function baseName(name) {
  let b = String(name || "data").split(/[\\/]/).pop();
  b = b.replace(/\.gz$/i, "").replace(/\.(csv|tsv|tab|txt|jsonl|ndjson|json)$/i, "");
  b = b.replace(/[^\w.-]+/g, "_").replace(/^[._-]+/, "").slice(0, 120);
  return b || "data";
}

class DatalintCheck extends HTMLElement {
  static get observedAttributes() {
    return ["label", "fail-on", "theme"];
  }

  #root;
  #ui;
  #bridge;
  #roles;
  #progress;
  #view;
  #busy = false;
  #run = null; // { file, name, options, key, started, resolve }
  #file = null;
  #fileName = null;
  #report = null;
  #reportMeta = null;
  #lastRunKey = null;
  #lastMemoryBytes = 0;
  #reading = null;
  #urls = [];
  #onScroll;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: "open" });
    adoptStyles(shadow);
    const { root, ui } = buildShell();
    this.#root = root;
    this.#ui = ui;
    this.#roles = new RoleControls(ui.report);
    this.#progress = new Progress(ui);
    this.#view = new ReportView(ui, {
      activeElement: () => this.shadowRoot?.activeElement ?? null,
      rerun: () => this.rerun(),
    });
    this.#onScroll = this.#view.bar.onScroll;
    this.#bridge = new WorkerBridge({
      ready: (first, m) => this.#onReady(first, m),
      progress: (m) => this.#onProgress(m),
      provisional: (m) => this.#onProvisional(m),
      report: (m) => this.#run && this.#onReport(m),
      error: (m) => this.#onError(m),
      orphanDone: () => this.#run && this.#endRun(null),
      failed: (message, { stopped }) => {
        this.#fail(message);
        if (stopped) this.#endRun(null);
      },
    }, { simd: () => this.getAttribute("simd") !== "off" });
    this.#wire();
    shadow.append(root);
  }

  connectedCallback() {
    if (!this.hasAttribute("data-state")) this.setAttribute("data-state", "idle");
    if (!this.#bridge.running) this.#bridge.start();
    window.addEventListener("scroll", this.#onScroll, { passive: true });
  }

  disconnectedCallback() {
    window.removeEventListener("scroll", this.#onScroll);
    this.#bridge.stop();
    this.#endRun(null);
    for (const u of this.#urls) URL.revokeObjectURL(u);
    this.#urls = [];
  }

  attributeChangedCallback(name, oldValue, value) {
    if (oldValue === value) return;
    if (name === "label") {
      selectLabel(this.#ui.labelSelect, value ?? "");
      this.#roles.labelChosen = (value ?? "") !== "";
      this.#syncRoleControls();
    } else if (name === "fail-on") {
      this.#view.renderVerdict(this.getAttribute("fail-on"));
    }
    // theme: handled by :host([theme]) in the stylesheet.
  }

  // ---- public API ----------------------------------------------------------------------------

  /** The latest report object (the README's JSON shape), or null. */
  get report() {
    return this.#report;
  }

  /** Whether the engine in the current worker has loaded. */
  get ready() {
    return this.#bridge.ready;
  }

  /**
   * How many workers a large file is split across: the workers attribute, else
   * min(navigator.hardwareConcurrency, 4); between 1 and 8.
   */
  get workers() {
    const attr = Number.parseInt(this.getAttribute("workers") ?? "", 10);
    const n = Number.isFinite(attr) ? attr : Math.min(navigator.hardwareConcurrency || 1, 4);
    return Math.max(1, Math.min(MAX_WORKERS, n));
  }

  /** How the last report's file was read: { workers, ranges, reread, headBytes, onePass, ... }. */
  get reading() {
    return this.#reading;
  }

  /** Whether a check is running. */
  get busy() {
    return this.#busy;
  }

  /** Bytes of WebAssembly memory the engine held at the latest progress/report message. */
  get lastMemoryBytes() {
    return this.#lastMemoryBytes;
  }

  /** The engine's check registry (id, summary, why, threshold, needs_label), once ready. */
  get checks() {
    return this.#bridge.checks;
  }

  /**
   * Checks a File or Blob with the current settings (label select and thresholds). A check
   * already running is cancelled. Resolves to the report, or to null on error or cancel (errors
   * are shown in the alert region and dispatched as datalint-error).
   */
  check(fileOrBlob, name) {
    if (!(fileOrBlob instanceof Blob)) {
      return Promise.reject(new TypeError("check() takes a File or a Blob"));
    }
    const fileName = String(name ?? fileOrBlob.name ?? "data");
    this.#clearAlert();
    let options;
    try {
      options = this.#options();
    } catch (err) {
      this.#fail(err.message);
      this.#updateDirty();
      if (err.input) {
        // Show the field to fix: the thresholds open, the field marked and focused.
        this.#ui.thDetails.open = true;
        err.input.focus({ preventScroll: true });
      }
      return Promise.resolve(null);
    }
    if (this.#busy) this.#abort("Replaced by a new check.");
    if (!this.#bridge.running) this.#bridge.start();
    this.#file = fileOrBlob;
    this.#fileName = fileName;
    return new Promise((resolve) => {
      this.#run = { file: fileOrBlob, name: fileName, options, key: JSON.stringify(options), started: performance.now(), resolve };
      this.#setBusy(true);
      this.#progress.show(fileOrBlob, fileName, () => (this.#run ? performance.now() - this.#run.started : null));
      this.#setStatus("");
      this.#progress.startTicking();
      const minRange = Number.parseInt(this.getAttribute("min-range") ?? "", 10);
      this.#bridge.startCheck(fileOrBlob, fileName, options, {
        workers: this.workers,
        minRange: Number.isFinite(minRange) && minRange > 0 ? minRange : MIN_RANGE,
      });
    });
  }

  /** Re-checks the last File (the same handle, not re-read by the page) with the current settings. */
  rerun() {
    if (!this.#file) return Promise.resolve(null);
    return this.check(this.#file, this.#fileName);
  }

  /** Cancels the running check: terminates the worker and starts a fresh one. */
  cancel() {
    if (!this.#busy) return;
    this.#abort("Cancelled.");
  }

  // ---- the worker's messages -----------------------------------------------------------------

  #onReady(first, m) {
    if (m.engine) this.setAttribute("data-engine", m.engine);
    if (first) {
      buildThresholds(this.#ui, this.#bridge.checks, this.#bridge.defaults, () => this.#updateDirty());
      this.#updateDirty();
    }
    this.#emit("datalint-ready", { version: m.version });
  }

  #onProgress(m) {
    if (!this.#run) return;
    if (Number.isFinite(m.memoryBytes)) this.#lastMemoryBytes = m.memoryBytes;
    this.#progress.update(m);
    this.#emit("datalint-progress", m);
  }

  /** Provisional findings of the data read so far (protocol.js): shown until the report. */
  #onProvisional(m) {
    if (!this.#run || !m.report) return;
    if (Number.isFinite(m.memoryBytes)) this.#lastMemoryBytes = m.memoryBytes;
    this.#root.classList.add("has-report");
    this.#view.renderProvisional(m, { checks: this.#bridge.checks });
    this.#emit("datalint-provisional", m.report);
  }

  #onError(m) {
    if (!this.#run) return;
    this.#fail(m.message || "The check failed.");
    this.#endRun(null, "error");
  }

  #onReport(m) {
    const run = this.#run;
    if (Number.isFinite(m.memoryBytes)) this.#lastMemoryBytes = m.memoryBytes;
    for (const u of this.#urls) URL.revokeObjectURL(u);
    const json = URL.createObjectURL(new Blob([m.json ?? JSON.stringify(m.report, null, 2)], { type: "application/json" }));
    const markdown = URL.createObjectURL(new Blob([m.markdown ?? ""], { type: "text/markdown" }));
    this.#urls = [json, markdown];
    const base = baseName(run.name);
    this.#report = m.report;
    this.#reading = m.reading ?? null;
    if (this.#reading && this.isConnected) this.setAttribute("data-reading", JSON.stringify(this.#reading));
    this.#lastRunKey = run.key;
    this.#reportMeta = {
      elapsedMs: m.elapsedMs,
      memoryBytes: m.memoryBytes,
      downloads: { json, markdown, jsonName: `${base}.datalint.json`, markdownName: `${base}.datalint.md` },
    };
    fillLabelOptions(this.#ui.labelSelect, m.report);
    // An unchosen label shows what the engine proposed (and is still not sent).
    if (!this.#roles.labelChosen) this.#ui.labelSelect.value = m.report.roles?.label?.name ?? "";
    this.#renderReport();
    this.#setStatus("");
    this.#emit("datalint-report", m.report);
    this.#endRun(m.report, "done");
  }

  // ---- run state -----------------------------------------------------------------------------

  #endRun(result, state) {
    const run = this.#run;
    this.#run = null;
    this.#setBusy(false, state);
    this.#progress.hide();
    // Cancelled or failed: provisional findings give way to the last report (or to none).
    if (this.#view.provisional) this.#renderReport();
    this.#updateDirty();
    if (run) run.resolve(result);
  }

  #abort(statusText) {
    this.#bridge.stop();
    this.#endRun(null, "cancelled");
    this.#setStatus(statusText);
    this.#bridge.start();
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #fail(message) {
    this.#ui.alertMsg.textContent = message;
    this.#ui.alert.hidden = false;
    if (this.isConnected) this.#ui.alert.scrollIntoView({ block: "nearest" });
    if (this.isConnected) this.setAttribute("data-state", "error");
    this.#emit("datalint-error", { message });
  }

  #clearAlert() {
    this.#ui.alertMsg.textContent = "";
    this.#ui.alert.hidden = true;
  }

  #setStatus(text) {
    this.#ui.status.textContent = text;
  }

  #setBusy(busy, state) {
    const ui = this.#ui;
    this.#busy = busy;
    ui.cancel.disabled = !busy;
    ui.sample.disabled = busy;
    ui.pasteCheck.disabled = busy;
    ui.rerun.disabled = busy || !this.#file;
    const biasRerun = ui.report.querySelector('[data-action="rerun"]');
    if (biasRerun) biasRerun.disabled = busy || !this.#file;
    if (!this.isConnected) return;
    if (busy) this.setAttribute("data-state", "checking");
    else if (state) this.setAttribute("data-state", state);
    else if (this.getAttribute("data-state") === "checking") this.setAttribute("data-state", this.#report ? "done" : "idle");
  }

  // ---- settings and roles --------------------------------------------------------------------

  /** The next run's options: the roles the person set and the thresholds that differ. */
  #options() {
    const options = {};
    this.#roles.addTo(options, this.#ui.labelSelect.value, this.#report);
    const thresholds = readThresholds(this.#ui);
    if (Object.keys(thresholds).length) options.thresholds = thresholds;
    return options;
  }

  #optionsKeySafe() {
    try {
      return JSON.stringify(this.#options());
    } catch {
      return "invalid";
    }
  }

  /** The options the shown report ran with, as the engine echoes them (report.options). */
  #lastRunOptions() {
    return this.#report?.options ?? {};
  }

  #updateDirty() {
    markThresholds(this.#ui);
    const dirty = this.#report !== null && this.#lastRunKey !== null && this.#optionsKeySafe() !== this.#lastRunKey;
    markDirty(this.#ui, dirty);
    let next = null;
    if (dirty) {
      try {
        next = this.#options();
      } catch {
        next = null;
      }
    }
    this.#roles.showPending(next, this.#report ? this.#lastRunOptions() : null, this.#busy || !this.#file);
  }

  #onLabelChange() {
    this.#roles.labelChosen = true;
    this.#syncRoleControls();
  }

  #syncRoleControls() {
    this.#roles.sync(this.#ui.labelSelect.value, this.#report, this.#lastRunOptions().outcome);
    this.#updateDirty();
  }

  // ---- the report ----------------------------------------------------------------------------

  #renderReport() {
    const report = this.#report;
    const checks = this.#bridge.checks;
    if (report) this.#root.classList.add("has-report");
    const outcomeSent = this.#lastRunOptions().outcome ?? null;
    this.#view.render(report, this.#reportMeta, {
      checks,
      roles: report?.roles ? this.#roles.card(report, this.#ui.labelSelect.value, outcomeSent) : null,
      failOn: this.getAttribute("fail-on"),
    });
  }

  #wire() {
    const ui = this.#ui;
    attachIntake(this.#root, ui, {
      check: (file, name) => this.check(file, name),
      fail: (message) => this.#fail(message),
      clearAlert: () => this.#clearAlert(),
      busy: () => this.#busy,
    });
    ui.cancel.addEventListener("click", () => this.cancel());
    ui.rerun.addEventListener("click", () => this.rerun());
    ui.labelSelect.addEventListener("change", () => this.#onLabelChange());
    ui.thReset.addEventListener("click", () => {
      resetThresholds(ui);
      this.#updateDirty();
    });
    ui.alertClose.addEventListener("click", () => this.#clearAlert());
    ui.report.addEventListener("click", (e) => this.#view.onClick(e));
    ui.report.addEventListener("change", (e) => {
      if (this.#roles.onChange(e)) this.#updateDirty();
    });
  }
}

if (!customElements.get("datalint-check")) {
  customElements.define("datalint-check", DatalintCheck);
}

export { DatalintCheck };

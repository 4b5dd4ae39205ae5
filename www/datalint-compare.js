// <datalint-compare>: compare two datasets in the browser, a reference (real data, train, old
// data) and a candidate (synthetic data, test, new data), as `datalint compare` does.
//
// Like <datalint-check>, it owns a Web Worker (worker.js, the "compare" message of protocol.js)
// that reads both files itself with File.slice(), the reference first, and runs the engine's
// Comparison; it renders inside a shadow root, and dataset values are only ever text. The
// worker starts when the element is first shown (or asked to compare), so a page that hosts it
// hidden beside <datalint-check> loads the engine once until the comparison is wanted.
//
// Attributes: theme (light|dark), simd ("off": the engine's baseline build, as on
// <datalint-check>; data-engine names the build that loaded). Events (bubbling, composed): datalint-ready, datalint-progress,
// datalint-report (the comparison report, as `datalint compare --format json`), datalint-error.
// API: compare(reference, candidate) -> Promise<report|null>, cancel(); read-only properties
// report, markdown, ready, busy, lastMemoryBytes.
import { WorkerBridge } from "./element/bridge.js";
import { buildCompareShell } from "./element/compare-shell.js";
import { adoptCompareStyles } from "./element/compare-styles.js";
import { CompareView } from "./element/compare-view.js";
import { Progress } from "./element/progress.js";

/** Download names: the input's name without path, compression and extension. */
function baseName(name) {
  let b = String(name || "data").split(/[\\/]/).pop();
  b = b.replace(/\.gz$/i, "").replace(/\.(csv|tsv|tab|txt|jsonl|ndjson|json)$/i, "");
  b = b.replace(/[^\w.-]+/g, "_").replace(/^[._-]+/, "").slice(0, 60);
  return b || "data";
}

class DatalintCompare extends HTMLElement {
  #root;
  #ui;
  #bridge;
  #progress;
  #view;
  #files = { reference: null, candidate: null };
  #run = null; // { names, started, resolve }
  #report = null;
  #markdown = null;
  #lastMemoryBytes = 0;
  #urls = [];
  #shown = null; // a ResizeObserver that starts the worker once the element has a size

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: "open" });
    adoptCompareStyles(shadow);
    const { root, ui } = buildCompareShell();
    this.#root = root;
    this.#ui = ui;
    this.#progress = new Progress(ui);
    this.#view = new CompareView(ui, { copyMarkdown: (b) => this.#copyMarkdown(b) });
    this.#bridge = new WorkerBridge({
      ready: (first, m) => {
        if (m.engine) this.setAttribute("data-engine", m.engine);
        this.#emit("datalint-ready", { version: m.version });
      },
      progress: (m) => this.#onProgress(m),
      report: (m) => this.#run && this.#onReport(m),
      error: (m) => this.#run && (this.#fail(m.message || "The comparison failed."), this.#endRun(null, "error")),
      orphanDone: () => this.#run && this.#endRun(null),
      failed: (message, { stopped }) => {
        this.#fail(message);
        if (stopped) this.#endRun(null, "error");
      },
    }, { simd: () => this.getAttribute("simd") !== "off" });
    this.#wire();
    shadow.append(root);
  }

  connectedCallback() {
    if (!this.hasAttribute("data-state")) this.setAttribute("data-state", "idle");
    if (this.#bridge.running || this.#shown) return;
    // Hidden (display: none) the element has no size; the engine loads once it is shown.
    this.#shown = new ResizeObserver((entries) => {
      if (!entries.some((e) => e.contentRect.width > 0)) return;
      this.#shown?.disconnect();
      this.#shown = null;
      if (!this.#bridge.running) this.#bridge.start();
    });
    this.#shown.observe(this);
  }

  disconnectedCallback() {
    this.#shown?.disconnect();
    this.#shown = null;
    this.#bridge.stop();
    this.#endRun(null);
    for (const u of this.#urls) URL.revokeObjectURL(u);
    this.#urls = [];
  }

  // ---- public API ----------------------------------------------------------------------------

  /** The latest comparison report (as `datalint compare --format json`), or null. */
  get report() {
    return this.#report;
  }

  /** The latest comparison as the engine's Markdown, or null. */
  get markdown() {
    return this.#markdown;
  }

  /** Whether the engine in the current worker has loaded. */
  get ready() {
    return this.#bridge.ready;
  }

  get busy() {
    return this.#run !== null;
  }

  get lastMemoryBytes() {
    return this.#lastMemoryBytes;
  }

  /**
   * Compares `candidate` with `reference` (Files or Blobs; a Blob is named "reference" /
   * "candidate"). A comparison already running is cancelled. Resolves to the report, or null on
   * error or cancel (errors are shown and dispatched as datalint-error).
   */
  compare(reference, candidate) {
    if (!(reference instanceof Blob) || !(candidate instanceof Blob)) {
      return Promise.reject(new TypeError("compare() takes two Files or Blobs"));
    }
    this.#files = { reference, candidate };
    this.#showChosen();
    return this.#start();
  }

  /** Cancels the running comparison: terminates the worker (a fresh one starts with the next). */
  cancel() {
    if (!this.#run) return;
    this.#bridge.stop();
    this.#endRun(null, "cancelled");
    this.#ui.status.textContent = "Cancelled.";
  }

  // ---- runs ----------------------------------------------------------------------------------

  #start() {
    const { reference, candidate } = this.#files;
    if (!reference || !candidate) return Promise.resolve(null);
    if (this.#run) this.cancel();
    this.#clearAlert();
    this.#ui.status.textContent = "";
    const names = [String(reference.name ?? "reference"), String(candidate.name ?? "candidate")];
    if (!this.#bridge.running) this.#bridge.start();
    return new Promise((resolve) => {
      this.#run = { names, started: performance.now(), resolve };
      this.#setBusy(true);
      this.#progress.show({ size: reference.size + candidate.size }, names[0], () => (this.#run ? performance.now() - this.#run.started : null));
      this.#ui.progressTitle.textContent = `Comparing ${names[1]} with ${names[0]}`;
      this.#progress.startTicking();
      this.#bridge.startCompare(reference, candidate, names[0], names[1], {});
    });
  }

  #onProgress(m) {
    if (!this.#run) return;
    if (Number.isFinite(m.memoryBytes)) this.#lastMemoryBytes = m.memoryBytes;
    this.#progress.update(m);
    const [ref, cand] = this.#run.names;
    this.#ui.progressTitle.textContent = m.phase === "candidate" ? `Reading the candidate, ${cand}` : `Reading the reference, ${ref}`;
    this.#emit("datalint-progress", m);
  }

  #onReport(m) {
    const run = this.#run;
    if (Number.isFinite(m.memoryBytes)) this.#lastMemoryBytes = m.memoryBytes;
    for (const u of this.#urls) URL.revokeObjectURL(u);
    const json = URL.createObjectURL(new Blob([m.json ?? JSON.stringify(m.report, null, 2)], { type: "application/json" }));
    const markdown = URL.createObjectURL(new Blob([m.markdown ?? ""], { type: "text/markdown" }));
    this.#urls = [json, markdown];
    const base = `${baseName(run.names[1])}-vs-${baseName(run.names[0])}`;
    this.#report = m.report;
    this.#markdown = m.markdown ?? "";
    this.#root.classList.add("has-report");
    this.#view.render(m.report, {
      elapsedMs: m.elapsedMs,
      memoryBytes: m.memoryBytes,
      downloads: { json, markdown, jsonName: `${base}.datalint-compare.json`, markdownName: `${base}.datalint-compare.md` },
    });
    this.#emit("datalint-report", m.report);
    this.#endRun(m.report, "done");
  }

  #endRun(result, state) {
    const run = this.#run;
    this.#run = null;
    this.#setBusy(false, state);
    this.#progress.hide();
    if (run) run.resolve(result);
  }

  #setBusy(busy, state) {
    const ui = this.#ui;
    const both = Boolean(this.#files.reference && this.#files.candidate);
    ui.cancel.disabled = !busy;
    ui.run.disabled = busy || !both;
    ui.swap.disabled = busy || !both;
    if (!this.isConnected) return;
    if (busy) this.setAttribute("data-state", "comparing");
    else if (state) this.setAttribute("data-state", state);
    else if (this.getAttribute("data-state") === "comparing") this.setAttribute("data-state", this.#report ? "done" : "idle");
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #fail(message) {
    this.#ui.alertMsg.textContent = message;
    this.#ui.alert.hidden = false;
    if (this.isConnected) this.setAttribute("data-state", "error");
    this.#emit("datalint-error", { message });
  }

  #clearAlert() {
    this.#ui.alertMsg.textContent = "";
    this.#ui.alert.hidden = true;
  }

  async #copyMarkdown(b) {
    if (this.#markdown === null) return;
    try {
      await navigator.clipboard.writeText(this.#markdown);
      this.#ui.status.textContent = "The Markdown report is on the clipboard.";
    } catch (err) {
      this.#ui.status.textContent = `Could not copy: ${err?.message ?? err}. Use Download Markdown instead.`;
    }
    b.focus({ preventScroll: true });
  }

  // ---- intake --------------------------------------------------------------------------------

  #showChosen() {
    for (const role of ["reference", "candidate"]) {
      const f = this.#files[role];
      const z = this.#ui.zones[role];
      z.chosen.textContent = f ? `${f.name ?? role} · ${f.size.toLocaleString("en-US")} bytes` : "No file chosen";
      z.drop.classList.toggle("chosen", Boolean(f));
    }
    this.#setBusy(this.#run !== null);
  }

  /** A file chosen or dropped for `role`; the comparison starts once both are there. */
  #choose(role, file) {
    this.#files = { ...this.#files, [role]: file };
    this.#showChosen();
    if (this.#files.reference && this.#files.candidate) this.#start();
  }

  #wire() {
    const ui = this.#ui;
    for (const role of ["reference", "candidate"]) {
      const { drop, input } = ui.zones[role];
      input.addEventListener("change", () => {
        const f = input.files && input.files[0];
        input.value = "";
        if (f) this.#choose(role, f);
      });
      const over = (on) => drop.classList.toggle("over", on);
      drop.addEventListener("dragenter", (e) => {
        e.preventDefault();
        over(true);
      });
      drop.addEventListener("dragover", (e) => {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
        over(true);
      });
      drop.addEventListener("dragleave", (e) => {
        if (!drop.contains(e.relatedTarget)) over(false);
      });
      drop.addEventListener("drop", (e) => {
        e.preventDefault();
        over(false);
        const files = e.dataTransfer?.files;
        if (!files || !files.length) return;
        // Two files dropped together: the first is the reference, the second the candidate.
        if (files.length >= 2) this.compare(files[0], files[1]);
        else this.#choose(role, files[0]);
      });
    }
    ui.run.addEventListener("click", () => this.#start());
    ui.swap.addEventListener("click", () => {
      const { reference, candidate } = this.#files;
      this.#files = { reference: candidate, candidate: reference };
      this.#showChosen();
      this.#start();
    });
    ui.cancel.addEventListener("click", () => this.cancel());
    ui.alertClose.addEventListener("click", () => this.#clearAlert());
    ui.report.addEventListener("click", (e) => this.#view.onClick(e));
  }
}

if (!customElements.get("datalint-compare")) {
  customElements.define("datalint-compare", DatalintCompare);
}

export { DatalintCompare };

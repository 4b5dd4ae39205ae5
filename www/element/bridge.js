// The element's side of the worker (protocol.js): starts and terminates it, keeps what its ready
// message said, posts starts and counts the ones whose "done" has not arrived. Messages of a
// terminated worker are dropped. Cancel = terminate and start a fresh one (the element decides).
// A check split across several workers (protocol.js, "Several workers") also starts helpers,
// kept warm between checks and terminated with the first worker.
import { MAX_WORKERS, MIN_RANGE, MSG } from "../protocol.js";

const WORKER_URL = new URL("../worker.js", import.meta.url);
/** The worker's URL: `?simd=off` keeps it on the engine's baseline build (worker.js). */
function workerUrl(simd) {
  if (simd) return WORKER_URL;
  const url = new URL(WORKER_URL);
  url.searchParams.set("simd", "off");
  return url;
}

export class WorkerBridge {
  #worker = null;
  #helpers = []; // the other workers of a split check, started on the first one that needs them
  #outstanding = 0; // starts posted to the current worker whose "done" has not arrived yet
  #on;
  ready = false;
  version = null;
  engine = null; // the engine build that loaded: "simd128" or "baseline" (worker.js)
  checks = null; // the engine's check registry, from the first ready message
  defaults = null; // the engine's default options, likewise

  /**
   * `on`: { ready(firstTime), progress(m), provisional(m), report(m), error(m), orphanDone(), failed(message,
   * {stopped}) }: `failed` reports a worker that could not start (stopped false), stopped
   * (stopped true), or sent what could not be read (stopped false).
   */
  #simd;
  constructor(on, { simd = () => true } = {}) {
    this.#on = on;
    this.#simd = simd;
  }
  #url = WORKER_URL;

  get running() {
    return this.#worker !== null;
  }

  start() {
    this.ready = false;
    this.#outstanding = 0;
    let worker;
    try {
      // Helpers load the same build as the first worker (read when it starts).
      this.#url = workerUrl(this.#simd());
      worker = new Worker(this.#url, { type: "module" });
    } catch (err) {
      this.#on.failed(`The engine could not start: ${err?.message ?? err}`, { stopped: false });
      return;
    }
    this.#worker = worker;
    worker.onmessage = (e) => {
      if (worker === this.#worker) this.#onMessage(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      if (worker !== this.#worker) return;
      const message = `The engine stopped: ${e.message || "the worker failed to load"}`;
      this.stop();
      this.#on.failed(message, { stopped: true });
    };
    worker.onmessageerror = () => {
      if (worker !== this.#worker) return;
      this.#on.failed("The engine sent a message that could not be read.", { stopped: false });
    };
  }

  stop() {
    for (const h of this.#helpers) {
      h.onmessage = null;
      h.onerror = null;
      h.terminate();
    }
    this.#helpers = [];
    if (this.#worker) {
      this.#worker.onmessage = null;
      this.#worker.onerror = null;
      this.#worker.terminate();
      this.#worker = null;
    }
    this.ready = false;
  }

  /** How many workers the last check was given (1: one worker, as without splitting). */
  workers = 1;

  /**
   * Posts a start: the worker reads `file` itself (the page never does). `split`: { workers,
   * minRange }: a file of at least 2 × minRange bytes is split across that many workers.
   */
  startCheck(file, name, options, split = {}) {
    this.#outstanding += 1;
    const minRange = split.minRange || MIN_RANGE;
    const n = Math.max(1, Math.min(MAX_WORKERS, Math.floor(split.workers || 1)));
    const ports = n > 1 && file.size >= 2 * minRange ? this.#ports(n - 1) : [];
    this.workers = ports.length + 1;
    if (ports.length === 0) {
      this.#worker.postMessage({ type: MSG.START, file, name, options });
      return;
    }
    this.#worker.postMessage({ type: MSG.START, file, name, options, helpers: ports, minRange }, ports);
  }

  /** `n` helpers started (or kept, or the surplus ended), each sent one end of a fresh channel: the other ends. */
  #ports(n) {
    // Fewer than last time: the others are not kept (each holds an engine).
    for (const extra of this.#helpers.splice(n)) {
      extra.onerror = null;
      extra.terminate();
    }
    while (this.#helpers.length < n) {
      let helper;
      try {
        helper = new Worker(this.#url, { type: "module" });
      } catch {
        break; // fewer workers, then
      }
      helper.onmessage = null; // its "ready" says nothing the first worker has not said
      helper.onerror = (e) => {
        e.preventDefault?.();
        if (!this.#helpers.includes(helper)) return;
        const message = `The engine stopped: ${e.message || "a worker failed to load"}`;
        this.stop();
        this.#on.failed(message, { stopped: true });
      };
      this.#helpers.push(helper);
    }
    return this.#helpers.slice(0, n).map((helper) => {
      const channel = new MessageChannel();
      helper.postMessage({ type: MSG.SERVE, port: channel.port2 }, [channel.port2]);
      return channel.port1;
    });
  }

  /** Posts a compare: the worker reads the reference, then the candidate (protocol.js). */
  startCompare(reference, candidate, referenceName, candidateName, options) {
    this.#outstanding += 1;
    this.#worker.postMessage({ type: MSG.COMPARE, reference, candidate, referenceName, candidateName, options });
  }

  #onMessage(m) {
    if (!m || typeof m !== "object") return;
    switch (m.type) {
      case MSG.READY: {
        this.ready = true;
        this.version = m.version;
        this.engine = m.engine ?? null;
        const first = !this.checks;
        if (first) {
          this.checks = Array.isArray(m.checks) ? m.checks : [];
          this.defaults = m.defaults ?? {};
        }
        this.#on.ready(first, m);
        break;
      }
      case MSG.PROGRESS:
        this.#on.progress(m);
        break;
      case MSG.PROVISIONAL:
        this.#on.provisional?.(m);
        break;
      case MSG.REPORT:
        this.#on.report(m);
        break;
      case MSG.ERROR:
        this.#on.error(m);
        break;
      case MSG.DONE:
        // A run ends with its report or error; "done" trails it and may arrive after the next
        // run has started, so it only ends a run that got neither (never expected).
        this.#outstanding = Math.max(0, this.#outstanding - 1);
        if (this.#outstanding === 0) this.#on.orphanDone();
        break;
      default:
        break;
    }
  }
}

// Runs the engine off the main thread. See protocol.js for the messages.
import init, { Comparison, LineCounter, Session, checks, defaultOptions, memoryBytes, version } from "./pkg/datalint.js";
import { CHUNK_SIZE, MIN_RANGE, MSG, PART, PROGRESS_EVERY_MS, PROVISIONAL_EVERY_MS, PROVISIONAL_FIRST_MS } from "./protocol.js";

// The engine comes in two builds of the same code with the same bindings (scripts/lib.sh,
// build_wasm): datalint_simd_bg.wasm uses WebAssembly's 128-bit SIMD instructions (Chromium 91,
// Firefox 89, Safari 16.4 and later); datalint_bg.wasm does not, for the browsers before them.
// The SIMD build is taken where the browser validates a SIMD instruction, unless the worker's URL
// says `?simd=off` (the element's simd="off"); if it fails to load, the baseline build is.
const SIMD_PROBE = new Uint8Array([
  // A module whose one function pushes i32.const 0, splats it to an i8x16 and narrows it
  // (the probe of the wasm-feature-detect project).
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);
function simdSupported() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}
const BASELINE = new URL("./pkg/datalint_bg.wasm", import.meta.url);
const SIMD = new URL("./pkg/datalint_simd_bg.wasm", import.meta.url);
const wantSimd = new URL(import.meta.url).searchParams.get("simd") !== "off" && simdSupported();
async function load() {
  if (wantSimd) {
    try {
      await init({ module_or_path: SIMD });
      return "simd128";
    } catch {
      // A package copied without its SIMD build, or a browser that validates but cannot compile it.
    }
  }
  await init({ module_or_path: BASELINE });
  return "baseline";
}

const ready = load().then(
  (engine) => postMessage({ type: MSG.READY, version: version(), checks: checks(), defaults: defaultOptions(), engine }),
  (err) => {
    // Say so at once, not only when the next check is asked for.
    postMessage({ type: MSG.ERROR, message: `the engine failed to load: ${err?.message ?? err}` });
    throw err;
  },
);

async function check({ file, name, options, chunkSize, helpers, minRange }) {
  const size = chunkSize || CHUNK_SIZE;
  const started = performance.now();
  const session = new Session({ ...options, name });
  try {
    if (Array.isArray(helpers) && helpers.length > 0) {
      await ranged(session, file, name, options, size, started, helpers, minRange || MIN_RANGE);
    } else {
      await run(session, file, name, size, started);
    }
  } finally {
    // Free the engine's memory even when a check fails: the worker lives on.
    session.free();
    for (const port of helpers ?? []) port.close();
  }
}

/** The message when the browser cannot read the chosen file (NotReadableError, NotFoundError, ...). */
function unreadable(name) {
  const what = name ? `The file ${name}` : "The file";
  return `${what} could not be read: it may have changed or moved since it was chosen. Choose it again to check its current contents.`;
}

/**
 * One slice of the file. A File is a snapshot of the file on disk as it was when chosen: once the
 * file changes, moves or goes, reading it fails with a DOMException (Chromium: NotReadableError,
 * "The requested file could not be read, typically due to permission problems that have occurred
 * after a reference to a file was acquired."). That is said plainly instead.
 */
async function readSlice(file, name, start, end) {
  try {
    return await file.slice(start, end).arrayBuffer();
  } catch (err) {
    // Reading a Blob fails only with a DOMException (NotReadableError, NotFoundError, ...).
    if (err instanceof DOMException) throw new Error(unreadable(name));
    throw err;
  }
}

/**
 * The slices of `chunk` bytes of [from, to), in order, as [start, end, ArrayBuffer]: the next one
 * is read while the engine takes this one. Reading a File goes through the browser's file
 * process and costs about as much as counting a slice's lines, so it overlaps the engine's work
 * instead of waiting on it; one slice ahead, so at most two are in memory (backpressure holds:
 * a slice is read only once the engine took the one before the last).
 */
async function* slices(file, name, from, to, chunk) {
  const read = (at) => {
    if (at >= to) return null;
    const p = readSlice(file, name, at, Math.min(at + chunk, to));
    p.catch(() => {}); // a stop between reads leaves it unread: not an unhandled rejection
    return p;
  };
  let at = from;
  let next = read(at);
  while (next) {
    const end = Math.min(at + chunk, to);
    const buf = await next;
    next = read(end);
    yield [at, end, buf];
    at = end;
  }
}

async function run(session, file, name, size, started, reading = null, from = 0) {
  let offset = from;
  let lastProgress = 0;
  const progress = () => {
    const p = session.progress();
    postMessage({
      type: MSG.PROGRESS,
      bytes: p.bytes,
      total: file.size,
      rows: p.rows,
      errors: p.errors,
      elapsedMs: performance.now() - started,
      memoryBytes: memoryBytes(),
    });
  };
  // Provisional findings of a long check: the first after PROVISIONAL_FIRST_MS, then at growing
  // intervals, each at least ten times what the last cost (the engine copies its profile).
  let nextSnapshot = PROVISIONAL_FIRST_MS;
  let snapshots = 0;
  const provisional = () => {
    const t = performance.now();
    const report = session.snapshot(file.size);
    const cost = performance.now() - t;
    const every = PROVISIONAL_EVERY_MS[Math.min(snapshots, PROVISIONAL_EVERY_MS.length - 1)];
    nextSnapshot = performance.now() - started + Math.max(every, 10 * cost);
    if (!report) return; // no record yet, or no room in the budget for a copy
    snapshots += 1;
    const p = report.provisional;
    postMessage({
      type: MSG.PROVISIONAL,
      report,
      bytes: p.bytes_read,
      total: file.size,
      rows: p.rows,
      elapsedMs: performance.now() - started,
      memoryBytes: memoryBytes(),
    });
  };
  for await (const [, end, buf] of slices(file, name, from, file.size, size)) {
    session.feed(new Uint8Array(buf));
    offset = end;
    const now = performance.now();
    if (now - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = now;
      progress();
    }
    if (offset < file.size && now - started >= nextSnapshot) provisional();
  }
  progress();
  const report = session.finish();
  postMessage({
    type: MSG.REPORT,
    report,
    markdown: session.markdown(),
    json: session.json(),
    elapsedMs: performance.now() - started,
    memoryBytes: memoryBytes(),
    reading: reading ?? readingOf({ workers: 1 }),
  });
}

/**
 * Compares two files (protocol.js, "compare"): all of the reference, then all of the candidate,
 * each read in slices with the same backpressure as a check, into one engine Comparison.
 */
async function compare({ reference, candidate, referenceName, candidateName, options, chunkSize }) {
  const size = chunkSize || CHUNK_SIZE;
  const started = performance.now();
  const c = new Comparison(options ?? {}, referenceName, candidateName);
  try {
    let lastProgress = 0;
    let phase = "reference";
    const progress = () => {
      const p = c.progress();
      const ref = { ...p.reference, total: reference.size };
      const cand = { ...p.candidate, total: candidate.size };
      postMessage({
        type: MSG.PROGRESS,
        phase,
        bytes: ref.bytes + cand.bytes,
        total: reference.size + candidate.size,
        rows: ref.rows + cand.rows,
        errors: ref.errors + cand.errors,
        reference: ref,
        candidate: cand,
        elapsedMs: performance.now() - started,
        memoryBytes: memoryBytes(),
      });
    };
    for (const [which, file, name, feed] of [
      ["reference", reference, referenceName, (b) => c.feedReference(b)],
      ["candidate", candidate, candidateName, (b) => c.feedCandidate(b)],
    ]) {
      phase = which;
      for await (const [, , buf] of slices(file, name, 0, file.size, size)) {
        feed(new Uint8Array(buf));
        const now = performance.now();
        if (now - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = now;
          progress();
        }
      }
    }
    progress();
    const report = c.finish();
    postMessage({
      type: MSG.REPORT,
      kind: "compare",
      report,
      markdown: c.markdown(),
      json: c.json(),
      elapsedMs: performance.now() - started,
      memoryBytes: memoryBytes(),
    });
  } finally {
    c.free();
  }
}

// ---- one file on several workers (protocol.js, "Several workers") -----------------------------
// This worker (the first) reads the start of the file until the engine knows its head, cuts the
// rest into ranges at line starts, reads the first range at once while the helpers count the
// lines before their starts and then read their ranges (each with its own engine, primed with
// the head),
// verifies each range's start against where the range before truly ended (reading a range again
// when a quoted field ran across the cut), and merges the ranges' states into the report. The
// same protocol as the CLI's `--jobs` (src/parts.rs); nothing is shared but messages.

/** What the report message says of how the file was read. */
function readingOf({ workers, ranges = 1, reread = 0, headBytes = 0, onePass = null }) {
  return {
    workers,
    ranges,
    reread,
    headBytes,
    onePass,
    crossOriginIsolated: self.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer,
  };
}

/** Feeds `bytes` to `s` in pieces of at most `chunk` bytes. */
function feedIn(s, bytes, chunk) {
  if (bytes.length <= chunk) s.feed(bytes);
  else for (let o = 0; o < bytes.length; o += chunk) s.feed(bytes.subarray(o, Math.min(bytes.length, o + chunk)));
}

/**
 * Feeds `s` on from `from`, line by line, until it stands between two records (where the next
 * range truly starts) or at the end of the file; resolves to that offset.
 */
async function extend(file, name, s, from, chunk, counted) {
  let at = from;
  let buf = new Uint8Array(0);
  while (!s.atBoundary() && at < file.size) {
    if (buf.length === 0) {
      buf = new Uint8Array(await readSlice(file, name, at, Math.min(file.size, at + 64 * 1024)));
      if (buf.length === 0) break;
    }
    const i = buf.indexOf(10);
    const cut = i >= 0 ? i + 1 : buf.length;
    feedIn(s, buf.subarray(0, cut), chunk);
    buf = buf.subarray(cut);
    at += cut;
    counted?.(cut);
  }
  return at;
}

/** Feeds `s` the bytes [from, to) in slices of `chunk` (read one ahead: [`slices`]). */
async function pump(file, name, s, from, to, chunk, each) {
  for await (const [at, end, buf] of slices(file, name, from, to, chunk)) {
    if (buf.byteLength !== end - at) throw new Error(`${name}: the file ended at byte ${at + buf.byteLength}, before byte ${end}: did it change while read?`);
    s.feed(new Uint8Array(buf));
    each?.();
  }
}

/**
 * Slices in which lines are counted: nothing but reading is done with them, and the browser
 * reads a File faster in slices of 8 MiB than of 1 MiB (headless Chromium on the 2-core test
 * machine: 100 MB in 0.27–0.29 s against 0.42–0.59 s).
 */
const COUNT_SLICE = 8 << 20;

/** Line breaks in [from, to): { breaks, newlines, loneCr } (CSV's rule and `\n` alone). */
async function countLines(file, name, from, to, tick) {
  const c = new LineCounter();
  try {
    for await (const [, , buf] of slices(file, name, from, to, COUNT_SLICE)) {
      // Into the engine a chunk at a time: its memory grows by a chunk, not by a slice.
      const bytes = new Uint8Array(buf);
      for (let o = 0; o < bytes.length; o += CHUNK_SIZE) c.push(bytes.subarray(o, o + CHUNK_SIZE));
      if (tick) tick();
    }
    return { breaks: c.breaks, newlines: c.newlines, loneCr: c.loneCr };
  } finally {
    c.free();
  }
}

/** The first line start at or after `at` (a byte after a `\n`), or the file's size. */
async function lineStart(file, name, at) {
  if (at === 0) return 0;
  for (let base = at; base - 1 < file.size; ) {
    const buf = new Uint8Array(await readSlice(file, name, base - 1, Math.min(file.size, base - 1 + 64 * 1024)));
    if (buf.length === 0) break;
    const i = buf.indexOf(10);
    if (i >= 0) return base + i;
    base += buf.length;
  }
  return file.size;
}

/** The first worker's side of its helpers: requests over MessagePorts, answered by id. */
class Helpers {
  #ports;
  #waiting = new Map(); // id -> { resolve, reject, progress }
  #next = 0;

  constructor(ports) {
    this.#ports = ports;
    for (const port of ports) {
      port.onmessage = (e) => this.#onMessage(e.data);
      port.start?.();
    }
  }

  get size() {
    return this.#ports.length;
  }

  /** Posts `msg` to helper `k`; resolves to its answer; `progress(m)` gets its progress messages. */
  ask(k, msg, progress) {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject, progress });
      this.#ports[k].postMessage({ ...msg, id });
    });
  }

  #onMessage(m) {
    const w = this.#waiting.get(m?.id);
    if (!w) return;
    if (m.type === PART.PROGRESS) {
      w.progress?.(m);
      return;
    }
    this.#waiting.delete(m.id);
    if (m.type === PART.FAILED) w.reject(new Error(m.message));
    else w.resolve(m);
  }
}

async function ranged(session, file, name, options, size, started, ports, minRange) {
  const helpers = new Helpers(ports);
  const workers = helpers.size + 1;
  const len = file.size;
  let reading = readingOf({ workers });
  if (len < 2 * minRange) {
    reading.onePass = `the input is shorter than ${2 * minRange} bytes`;
    return run(session, file, name, size, started, reading);
  }
  // The progress of every range, summed: this worker's own bytes and rows, and each helper's.
  const others = new Map(); // range -> { bytes, rows, errors, memoryBytes }
  let own = { bytes: 0, rows: 0, errors: 0 };
  let ownSession = session;
  let shown = 0;
  let lastProgress = 0;
  const progress = (force) => {
    const now = performance.now();
    if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    if (ownSession) own = ownSession.progress();
    let bytes = own.bytes;
    let rows = own.rows;
    let errors = own.errors;
    let memory = memoryBytes();
    for (const o of others.values()) {
      bytes += o.bytes;
      rows += o.rows;
      errors += o.errors;
      memory += o.memoryBytes || 0;
    }
    // Monotonic, and never past the file (ranges read on past their ends to a record boundary).
    shown = Math.max(shown, Math.min(len, bytes));
    postMessage({ type: MSG.PROGRESS, bytes: shown, total: len, rows, errors, elapsedMs: now - started, memoryBytes: memory });
  };
  // Provisional findings: of the first session only (the start, then the first range).
  let nextSnapshot = PROVISIONAL_FIRST_MS;
  let snapshots = 0;
  const provisional = () => {
    if (performance.now() - started < nextSnapshot) return;
    const t = performance.now();
    const report = session.snapshot(len);
    const cost = performance.now() - t;
    const every = PROVISIONAL_EVERY_MS[Math.min(snapshots, PROVISIONAL_EVERY_MS.length - 1)];
    nextSnapshot = performance.now() - started + Math.max(every, 10 * cost);
    if (!report) return;
    snapshots += 1;
    const p = report.provisional;
    postMessage({ type: MSG.PROVISIONAL, report, bytes: p.bytes_read, total: len, rows: p.rows, elapsedMs: performance.now() - started, memoryBytes: memoryBytes() });
  };

  // 1. The start, in blocks of 1 MiB (fed in chunks), until the head is known (or half the file).
  const block = Math.max(size, 1 << 20);
  let fed = 0;
  let head;
  // An early head (the text probes decided, their samples of the first values not yet full)
  // will do when the first range can run on past where its samples fill (`need` bytes on, with
  // a margin) and leave at least `minRange` after it: as the native driver (src/parts.rs).
  let need = 0;
  const margin = (n) => (n === 0 ? 0 : n + Math.floor(n / 2) + (1 << 20));
  while (fed < len && fed < len / 2) {
    const end = Math.min(fed + block, len);
    feedIn(session, new Uint8Array(await readSlice(file, name, fed, end)), size);
    fed = end;
    progress(false);
    provisional();
    const early = session.earlyHead();
    if (early && fed + margin(early.need) + minRange <= len) {
      head = early.head;
      need = early.need;
      break;
    }
    head = session.head();
    if (head) break;
  }
  reading.headBytes = fed;
  const onePass = (why) => {
    reading.onePass = why;
    return run(session, file, name, size, started, reading, fed);
  };
  if (!head) {
    return onePass("not splittable: compressed, not UTF-8, a JSON array, or the samples of the first values not complete in the first half");
  }
  const csv = Session.headFormat(head) === "csv";
  const rest = len - fed;
  const n = Math.max(1, Math.min(workers, Math.floor(rest / minRange)));
  if (n < 2) return onePass("too little left after the start to split");

  // 2. The range starts: the line starts at or after the nominal cuts, placed for even work (a
  //    byte read while the samples fill costs SAMPLE_EXTRA more: src/parts.rs, even_work); with
  //    an early head, the first cut no sooner than where its samples should have filled.
  const firstEnd = fed + margin(need);
  if (firstEnd + minRange > len) return onePass("too little left after the start to split");
  const SAMPLE_EXTRA = 0.75;
  const sampled = Math.min(need, rest);
  const total = rest + sampled * SAMPLE_EXTRA;
  // Each helper first counts the lines of the range before its own (step 3), which costs about
  // COUNT_EXTRA of that range's work (on the benchmark file, 100 MB counted in 0.3-0.4 s against
  // 4.6 s to check it): this worker's range, read meanwhile, takes that much more work.
  const COUNT_EXTRA = 0.08;
  const w0 = (total * (1 + (COUNT_EXTRA * (n - 1)) / n)) / n;
  const wk = w0 - (COUNT_EXTRA * total) / n;
  let nominal = [];
  for (let k = 1; k < n; k += 1) {
    const w = w0 + (k - 1) * wk;
    const off = w <= sampled * (1 + SAMPLE_EXTRA) ? w / (1 + SAMPLE_EXTRA) : w - sampled * SAMPLE_EXTRA;
    nominal.push(fed + Math.min(Math.floor(off), rest));
  }
  if (nominal.length && nominal[0] < firstEnd) {
    const after = len - firstEnd;
    const m = Math.max(1, Math.min(n - 1, Math.floor(after / minRange)));
    nominal = [firstEnd];
    for (let k = 1; k < m; k += 1) nominal.push(firstEnd + Math.floor((after * k) / m));
  }
  const starts = [fed];
  for (const c of nominal) {
    const g = await lineStart(file, name, c);
    if (g > starts[starts.length - 1] && g < len) starts.push(g);
  }
  if (starts.length < 2) return onePass("too little left after the start to split");
  const ends = [...starts.slice(1), len];

  // 3. The line breaks before each start: helper k counts those of the range before its own
  //    ([0, starts[1]) for the first) while this worker already reads its range; the helpers read
  //    theirs once every count is in. (Counting reads the File once more: here it overlaps this
  //    worker's reading instead of coming before it, and the cuts gave this range more bytes
  //    for it: COUNT_EXTRA above.)
  const counted = Promise.all(
    starts.slice(1).map((s, i) => helpers.ask(i, { type: PART.COUNT, file, name, start: i === 0 ? 0 : starts[i], end: s })),
  );
  let stopped = false;
  const mine = (async () => {
    await pump(file, name, session, fed, ends[0], size, () => {
      if (stopped) throw new Error("stopped");
      progress(false);
      provisional();
    });
    return await extend(file, name, session, ends[0], size);
  })();
  mine.catch(() => {}); // when a helper failed first, its error is the one said
  let counts;
  try {
    counts = await counted;
  } catch (err) {
    stopped = true;
    throw err;
  }
  const linesOf = (c) => (csv ? c.breaks : c.newlines);
  if (csv && counts.some((c) => c.loneCr)) {
    // This worker's range began where its session stood, so what it read holds: it reads on
    // to the end in one pass.
    reading.onePass = "a lone carriage return ends CSV lines: a range could start inside a line";
    return run(session, file, name, size, started, reading, await mine);
  }
  const lineAt = [1];
  let before = 0;
  for (const c of counts) {
    before += linesOf(c);
    lineAt.push(1 + before);
  }

  // 4. The ranges: the helpers read theirs while this worker reads on in the first.
  const theirs = starts.slice(1).map((s, i) => {
    const k = i + 1;
    return helpers.ask(k - 1, { type: PART.READ, file, name, head, start: s, end: ends[k], line: lineAt[k], chunkSize: size }, (m) => {
      others.set(k, m);
      progress(false);
    });
  });
  // A helper's failure ends the check at once (not when this worker's range is done).
  const failed = Promise.all(theirs).then(() => new Promise(() => {}));
  const finished = mine.then((stop) => {
    own = session.progress();
    ownSession = null;
    const full = session.samplesFull();
    // This range's state stays in its session, which the others are merged into (step 6).
    session.endPart();
    return { state: null, stop, full };
  });
  finished.catch(() => {});
  let first;
  try {
    first = await Promise.race([finished, failed]);
  } catch (err) {
    stopped = true;
    throw err;
  }
  const results = [first, ...(await Promise.all(theirs))];
  for (const [i, r] of results.entries()) if (i > 0) others.set(i, r);
  progress(true);

  // 5. Each range's start against where the one before truly ended; a range is read again from
  //    there when they differ (a quoted field across the cut), or dropped when a record swallowed it.
  const parts = [];
  let stop = fed;
  for (const [k, r] of results.entries()) {
    const [s, e] = [starts[k], ends[k]];
    if (k === 0 || stop === s) {
      parts.push(r.state);
      stop = r.stop;
      continue;
    }
    if (stop >= e) continue;
    reading.reread += 1;
    const line = lineAt[k] + linesOf(await countLines(file, name, s, stop));
    const again = Session.part(head, stop, line);
    try {
      await pump(file, name, again, stop, e, size);
      const end = await extend(file, name, again, e, size);
      parts.push(again.finishPart());
      stop = end;
    } finally {
      again.free();
    }
  }
  reading.ranges = parts.length;

  // 6. The merge, here; parts that cannot agree (or a first range whose samples did not fill
  //    where the early head said they would) are read again in one pass.
  let merged;
  try {
    if (need > 0 && !first.full) {
      throw new Error("the text samples of the first values did not fill within the first range (the estimate of where they would was short)");
    }
    // parts[0] is this worker's range (always kept): its state is in `session`.
    merged = session.mergedWith(parts.slice(1));
  } catch (err) {
    const why = String(err?.message ?? err);
    const again = new Session({ ...options, name });
    try {
      reading = { ...readingOf({ workers }), headBytes: reading.headBytes, onePass: why };
      return await run(again, file, name, size, started, reading);
    } finally {
      again.free();
    }
  }
  try {
    shown = len;
    progress(true);
    postMessage({
      type: MSG.REPORT,
      report: merged.report(),
      markdown: merged.markdown(),
      json: merged.json(),
      elapsedMs: performance.now() - started,
      memoryBytes: memoryBytes(),
      reading,
    });
  } finally {
    merged.free();
  }
}

// ---- a helper: serves the first worker's requests over a MessagePort ---------------------------

async function serve(port) {
  port.onmessage = async (e) => {
    const m = e.data;
    try {
      await ready;
      if (m.type === PART.COUNT) {
        port.postMessage({ type: PART.DONE, id: m.id, ...(await countLines(m.file, m.name, m.start, m.end)) });
      } else if (m.type === PART.READ) {
        await readPart(port, m);
      }
    } catch (err) {
      port.postMessage({ type: PART.FAILED, id: m?.id, message: String(err?.message ?? err) });
    }
  };
  port.start?.();
}

async function readPart(port, { id, file, name, head, start, end, line, chunkSize }) {
  const size = chunkSize || CHUNK_SIZE;
  const s = Session.part(head, start, line);
  try {
    let last = 0;
    const report = (type) => {
      const p = s.progress();
      return { type, id, bytes: p.bytes, rows: p.rows, errors: p.errors, memoryBytes: memoryBytes() };
    };
    await pump(file, name, s, start, end, size, () => {
      const now = performance.now();
      if (now - last >= PROGRESS_EVERY_MS) {
        last = now;
        port.postMessage(report(PART.PROGRESS));
      }
    });
    const stop = await extend(file, name, s, end, size);
    const done = report(PART.DONE);
    const state = s.finishPart();
    port.postMessage({ ...done, state, stop }, [state.buffer]);
  } finally {
    s.free();
  }
}

onmessage = async (e) => {
  const msg = e.data;
  if (msg?.type === MSG.SERVE && msg.port) return serve(msg.port);
  if (msg?.type !== MSG.START && msg?.type !== MSG.COMPARE) return;
  try {
    await ready;
    if (msg.type === MSG.COMPARE) await compare(msg);
    else await check(msg);
  } catch (err) {
    postMessage({ type: MSG.ERROR, message: String(err?.message ?? err) });
  }
  postMessage({ type: MSG.DONE });
};

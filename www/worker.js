// Runs the engine off the main thread. See protocol.js for the messages.
import init, { Comparison, Session, checks, defaultOptions, memoryBytes, version } from "./pkg/datalint.js";
import { CHUNK_SIZE, MSG, PROGRESS_EVERY_MS, PROVISIONAL_EVERY_MS, PROVISIONAL_FIRST_MS } from "./protocol.js";

const ready = init({ module_or_path: new URL("./pkg/datalint_bg.wasm", import.meta.url) }).then(
  () => postMessage({ type: MSG.READY, version: version(), checks: checks(), defaults: defaultOptions() }),
  (err) => {
    // Say so at once, not only when the next check is asked for.
    postMessage({ type: MSG.ERROR, message: `the engine failed to load: ${err?.message ?? err}` });
    throw err;
  },
);

async function check({ file, name, options, chunkSize }) {
  const size = chunkSize || CHUNK_SIZE;
  const started = performance.now();
  const session = new Session({ ...options, name });
  try {
    await run(session, file, name, size, started);
  } finally {
    // Free the engine's memory even when a check fails: the worker lives on.
    session.free();
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

async function run(session, file, name, size, started) {
  let offset = 0;
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
  while (offset < file.size) {
    const end = Math.min(offset + size, file.size);
    // The next slice is read only after the engine has taken this one.
    const buf = await readSlice(file, name, offset, end);
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
      let offset = 0;
      while (offset < file.size) {
        const end = Math.min(offset + size, file.size);
        // The next slice is read only after the engine has taken this one.
        feed(new Uint8Array(await readSlice(file, name, offset, end)));
        offset = end;
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

onmessage = async (e) => {
  const msg = e.data;
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

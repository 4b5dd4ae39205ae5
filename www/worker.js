// Runs the engine off the main thread. See protocol.js for the messages.
import init, { Session, checks, defaultOptions, memoryBytes, version } from "./pkg/datalint.js";
import { CHUNK_SIZE, MSG, PROGRESS_EVERY_MS } from "./protocol.js";

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
    await run(session, file, size, started);
  } finally {
    // Free the engine's memory even when a check fails: the worker lives on.
    session.free();
  }
}

async function run(session, file, size, started) {
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
  while (offset < file.size) {
    const end = Math.min(offset + size, file.size);
    // The next slice is read only after the engine has taken this one.
    const buf = await file.slice(offset, end).arrayBuffer();
    session.feed(new Uint8Array(buf));
    offset = end;
    const now = performance.now();
    if (now - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = now;
      progress();
    }
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

onmessage = async (e) => {
  const msg = e.data;
  if (msg?.type !== MSG.START) return;
  try {
    await ready;
    await check(msg);
  } catch (err) {
    postMessage({ type: MSG.ERROR, message: String(err?.message ?? err) });
  }
  postMessage({ type: MSG.DONE });
};

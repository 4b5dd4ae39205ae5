// The message protocol between <datalint-check> (the page side) and worker.js.
//
// Page -> worker
//   { type: "start", file: File|Blob, name: string, options: object, chunkSize?: number }
//       Check one file. The worker reads it itself with File.slice(), one chunk at a time, one
//       chunk ahead of the engine: the next is read while the engine takes this one, and none
//       further until it has (backpressure): a multi-GB file never sits in memory. To cancel,
//       the page terminates the worker.
//       With `helpers` (MessagePorts, one per other worker the page started) and `minRange`
//       (bytes), the worker splits the file across them: see "Several workers" below.
//   { type: "serve", port: MessagePort }
//       Sent to each other worker of a split check: it serves the first worker's requests on the
//       port (PART below) and sends the page nothing else (but "ready").
//   { type: "compare", reference: File|Blob, candidate: File|Blob, referenceName: string,
//     candidateName: string, options: object, chunkSize?: number }
//       Compare two files (<datalint-compare>): the worker reads all of the reference, then all of
//       the candidate, in slices with the same backpressure, into one engine Comparison.
//
// Worker -> page
//   { type: "ready", version, checks, defaults }        once, after the engine has loaded
//       (engine: "simd128" or "baseline", the build that loaded: worker.js)
//   { type: "progress", bytes, total, rows, errors, elapsedMs, memoryBytes }   at most every 100 ms
//       for a compare, bytes, total, rows and errors are of both files together, and it also has
//       phase ("reference" | "candidate": the file being read) and reference and candidate
//       ({ bytes, total, rows, errors } each)
//   { type: "provisional", report, bytes, total, rows, elapsedMs, memoryBytes }
//       a check of a large file only: the engine's report of the records read so far (its
//       `provisional` field says how far: { bytes_read, rows, total_bytes }), first after about
//       PROVISIONAL_FIRST_MS, then every PROVISIONAL_EVERY_MS or more (at least ten times what one
//       costs; each copies the profile). Its findings may still change: the "report" message
//       replaces it. Never sent for a compare.
//   { type: "report", report, markdown, json, elapsedMs, memoryBytes }
//       the engine's report as an object, and rendered by the engine as Markdown and JSON text
//       (for a compare: the comparison report, as `datalint compare --format json`, and
//       kind: "compare")
//   { type: "error", message }                          options rejected, file unreadable, ...
//   { type: "done" }                                    after "report" or "error"
//   A check's "report" also has `reading`: { workers, ranges, reread, headBytes, onePass,
//   crossOriginIsolated, sharedArrayBuffer } (how the file was read; onePass says why it was not
//   split, or null).
//
// Several workers (no SharedArrayBuffer, no cross-origin isolation: only messages)
//   The page starts N-1 more workers, sends each a "serve" with one end of a MessageChannel and
//   the first worker the "start" with the other ends. The first worker reads the start of the file
//   until the engine knows its head (format, header, first values: Session.head()), cuts the rest
//   into ranges at line starts, and reads the first range at once while it asks over the ports
//   (helper k first counts the lines of range k-1, from byte 0 for the first helper; once every
//   count is in, each reads its own range from the line its start is on):
//     { type: "count", id, file, name, start, end }   -> { type: "part-done", id, breaks, newlines, loneCr }
//     { type: "read", id, file, name, head, start, end, line, chunkSize }
//         -> { type: "part-progress", id, bytes, rows, errors, memoryBytes }  at most every 100 ms
//         -> { type: "part-done", id, bytes, rows, errors, memoryBytes, state, stop }
//            (state: Session.finishPart() bytes, transferred; stop: where the range truly ended)
//     any request may get { type: "part-failed", id, message } instead.
//   It re-reads a range whose start was inside a quoted field, merges the states into its own
//   (Session.endPart, session.mergedWith) and sends the page one "progress" stream (all workers'
//   bytes summed), provisional findings of its own range, and the report, as one worker would.
//   Each worker reads its range in slices, one ahead of its engine. Cancel:
//   the page terminates every worker. Gzip, JSON arrays, text datasets whose first values do not
//   fit in the first half, and files under 2 × minRange are read by the first worker alone.

export const CHUNK_SIZE = 1 << 20; // 1 MiB
export const MIN_RANGE = 8 << 20; // the smallest byte range a worker is given (as the CLI's)
export const MAX_WORKERS = 8;
export const PROGRESS_EVERY_MS = 100;
export const PROVISIONAL_FIRST_MS = 1000;
export const PROVISIONAL_EVERY_MS = [2000, 3000, 4000];

export const MSG = Object.freeze({
  START: "start",
  COMPARE: "compare",
  READY: "ready",
  PROGRESS: "progress",
  PROVISIONAL: "provisional",
  REPORT: "report",
  ERROR: "error",
  DONE: "done",
  SERVE: "serve",
});

export const PART = Object.freeze({
  COUNT: "count",
  READ: "read",
  PROGRESS: "part-progress",
  DONE: "part-done",
  FAILED: "part-failed",
});

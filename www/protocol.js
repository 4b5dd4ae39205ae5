// The message protocol between <datalint-check> (the page side) and worker.js.
//
// Page -> worker
//   { type: "start", file: File|Blob, name: string, options: object, chunkSize?: number }
//       Check one file. The worker reads it itself with File.slice(), one chunk at a time, and
//       reads the next chunk only once the engine has taken the last (backpressure): a multi-GB
//       file never sits in memory. To cancel, the page terminates the worker.
//   { type: "compare", reference: File|Blob, candidate: File|Blob, referenceName: string,
//     candidateName: string, options: object, chunkSize?: number }
//       Compare two files (<datalint-compare>): the worker reads all of the reference, then all of
//       the candidate, in slices with the same backpressure, into one engine Comparison.
//
// Worker -> page
//   { type: "ready", version, checks, defaults }        once, after the engine has loaded
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

export const CHUNK_SIZE = 1 << 20; // 1 MiB
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
});

// One file, several workers (the element's `workers` attribute): the page splits the File into
// byte ranges, one a Web Worker, and merges their states in wasm. The report from 1, 2, 3 and 8
// workers equals the CLI's one-pass (`--jobs 1`) report, every field (floats within 1e-9
// relative: moments merge in another order), on the Adult file, on generated CSV whose quoted
// fields hold line breaks across the cuts (so ranges are read again), and on JSON Lines whose keys
// come and go. The page is not cross-origin isolated and has no SharedArrayBuffer: only messages.
// Cancel with several workers terminates every one of them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ADULT, CLI, ROOT, benchFile, chooseFile, launch, nextReport, openPage, startServer } from "./harness.mjs";

const DATA = join(ROOT, "target/e2e-data");
const T = { timeout: 10 * 60_000 };

let server;
let browser;
let page;
let context;
let log;

before(async () => {
  mkdirSync(DATA, { recursive: true });
  server = await startServer();
  browser = await launch();
  ({ context, page, log } = await openPage(browser, server.url));
}, { timeout: 60_000 });

after(async () => {
  await context?.close();
  await browser?.close();
  server?.stop();
});

/** A small deterministic generator (xorshift), so the fixtures are the same on every run. */
function rng(seed) {
  let s = BigInt(seed) || 1n;
  const mask = (1n << 64n) - 1n;
  return (n) => {
    s ^= (s << 13n) & mask;
    s ^= s >> 7n;
    s ^= (s << 17n) & mask;
    return Number(s % BigInt(n));
  };
}

/**
 * CSV whose `note` field is quoted and holds up to `lines` line breaks (most line starts are
 * inside a quoted field, so most guessed range starts are wrong); one record holds `huge` line
 * breaks (a range can fall wholly inside it); ragged rows, bad numbers and duplicates here and
 * there (as tests/it/parts.rs's quoted_csv).
 */
function quotedCsv(rows, lines, huge) {
  const below = rng(7);
  const out = ["id,note,score,city\r\n"];
  for (let i = 0; i < rows; i += 1) {
    const breaks = "\n".repeat(1 + below(lines));
    const note = i === Math.floor(rows / 3) ? `z${"\n".repeat(huge)}z` : `${i % 5}${breaks}${i % 3}`;
    const score = below(200) === 0 ? "n/a" : (below(10_000) / 7).toFixed(2);
    const city = ["Oslo", "Lima", "Pune"][below(3)];
    out.push(below(500) === 0 ? `${i},"${note}",${score}\r\n` : `${i},"${note}",${score},${city}\r\n`);
    if (i % 997 === 0) out.push(`${i % 3},"x",1.00,Oslo\r\n`);
  }
  return out.join("");
}

/** JSON Lines whose keys come and go, with invalid and non-object lines (tests/it/parts.rs). */
function driftingJsonl(n) {
  const below = rng(11);
  const out = [];
  for (let i = 0; i < n; i += 1) {
    if (i % 1500 === 7) {
      out.push('{"user": oops}\n');
      continue;
    }
    if (i % 2100 === 9) {
      out.push("[1, 2]\n\n");
      continue;
    }
    const head = i < n / 4 ? `,"head":${below(5)}` : "";
    const late = i > (n * 2) / 3 && below(3) === 0 ? `,"late":"t${below(9)}"` : "";
    const v = below(10) === 0 ? "null" : String(below(1000) / 8);
    const tags = "1,".repeat(below(4)).replace(/,$/, "");
    out.push(`{"user":{"id":${below(3000)},"tier":"t${below(3)}"},"v":${v},"tags":[${tags}]${head}${late}}\n`);
  }
  return out.join("");
}

/** The CLI's one-pass JSON report. */
function cli(path) {
  const out = execFileSync(CLI, ["check", path, "--format", "json", "--fail-on", "never", "--no-progress", "--jobs", "1"], {
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out.toString());
}

/** Every difference between two reports; floats within 1e-9 relative (plus 1e-12 absolute). */
function differences(got, want, path = "", out = []) {
  if (typeof want === "number" && typeof got === "number") {
    const floats = !Number.isInteger(want) || !Number.isInteger(got);
    if (got !== want && !(floats && Math.abs(got - want) <= 1e-9 * Math.max(Math.abs(got), Math.abs(want)) + 1e-12)) {
      out.push(`${path}: page ${got} vs CLI ${want}`);
    }
  } else if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) out.push(`${path}: page ${got?.length} items vs CLI ${want.length}`);
    else want.forEach((w, i) => differences(got[i], w, `${path}[${i}]`, out));
  } else if (want && typeof want === "object") {
    if (!got || typeof got !== "object") out.push(`${path}: page ${JSON.stringify(got)} vs CLI object`);
    else for (const k of new Set([...Object.keys(want), ...Object.keys(got)])) differences(got[k], want[k], `${path}/${k}`, out);
  } else if (got !== want) {
    out.push(`${path}: page ${JSON.stringify(got)} vs CLI ${JSON.stringify(want)}`);
  }
  return out;
}

/** Checks `path` on `workers` workers (ranges of at least `minRange` bytes): { report, reading }. */
async function checkWith(path, workers, minRange) {
  await page.waitForFunction(() => document.querySelector("datalint-check").ready === true);
  await page.evaluate(
    ([w, m]) => {
      const el = document.querySelector("datalint-check");
      el.setAttribute("workers", String(w));
      el.setAttribute("min-range", String(m));
    },
    [workers, minRange],
  );
  const got = nextReport(page);
  await chooseFile(page, path);
  const report = await got;
  const reading = JSON.parse(await page.locator("datalint-check").getAttribute("data-reading"));
  return { report, reading };
}

/** The report on 1, 2, 3 and 8 workers equals the CLI's; resolves to the readings. */
async function sameOnEveryCount(path, minRange) {
  const want = cli(path);
  const readings = [];
  for (const workers of [1, 2, 3, 8]) {
    const { report, reading } = await checkWith(path, workers, minRange);
    const diff = differences(report, want);
    assert.deepEqual(diff.slice(0, 20), [], `${path} on ${workers} workers: ${diff.length} difference(s) from the CLI's report`);
    assert.equal(reading.workers, workers, JSON.stringify(reading));
    assert.equal(reading.crossOriginIsolated, false, "the worker is not cross-origin isolated");
    assert.equal(reading.sharedArrayBuffer, "undefined", "no SharedArrayBuffer in the worker");
    if (workers === 1) assert.equal(reading.ranges, 1);
    else assert.ok(reading.ranges >= 2 && reading.onePass === null, `${path} on ${workers} workers was split: ${JSON.stringify(reading)}`);
    readings.push(reading);
    console.log(`# ${path.split("/").pop()}, ${workers} worker(s): ${JSON.stringify(reading)}`);
  }
  return readings;
}

test("the page is not cross-origin isolated and has no SharedArrayBuffer", T, async () => {
  assert.equal(await page.evaluate(() => self.crossOriginIsolated), false);
  assert.equal(await page.evaluate(() => typeof SharedArrayBuffer), "undefined");
  assert.equal(await page.evaluate(() => document.querySelector("datalint-check").workers >= 1), true);
});

test("adult.csv on 1, 2, 3 and 8 workers gives the CLI's report", T, async () => {
  const readings = await sameOnEveryCount(ADULT, 256 * 1024);
  assert.deepEqual(
    readings.map((r) => r.ranges),
    [1, 2, 3, 8],
  );
  assert.deepEqual(log.errors, []);
});

test("CSV with quoted line breaks across the cuts: ranges are read again, the report is the CLI's", T, async () => {
  const path = join(DATA, "workers-quoted.csv");
  writeFileSync(path, quotedCsv(60_000, 40, 30_000));
  const readings = await sameOnEveryCount(path, 32 * 1024);
  const reread = readings.map((r) => r.reread);
  console.log(`# quoted CSV (${statSync(path).size} bytes): ranges read again on 1/2/3/8 workers: ${reread.join("/")}`);
  assert.ok(reread.slice(1).every((n) => n >= 1), `a range was read again on every split: ${reread}`);
  assert.deepEqual(log.errors, []);
});

test("JSON Lines whose keys come and go on 1, 2, 3 and 8 workers gives the CLI's report", T, async () => {
  const path = join(DATA, "workers-drift.jsonl");
  writeFileSync(path, driftingJsonl(30_000));
  const readings = await sameOnEveryCount(path, 64 * 1024);
  assert.deepEqual(
    readings.map((r) => r.ranges),
    [1, 2, 3, 8],
  );
  assert.deepEqual(log.errors, []);
});

test("CSV with some lines ended by a lone carriage return: the first worker reads on in one pass; the report is the CLI's", T, async () => {
  // Every 50th line break of the Adult file a lone \r: cuts fall on \n, but a range could then
  // start inside a line, so the counts (which the helpers make while the first worker already
  // reads its range) stop the split, and the first worker's session reads on to the end.
  const path = join(DATA, "workers-lone-cr.csv");
  let n = 0;
  writeFileSync(path, readFileSync(ADULT, "utf8").replace(/\n/g, () => (++n % 50 === 0 ? "\r" : "\n")));
  const want = cli(path);
  for (const workers of [2, 3]) {
    const { report, reading } = await checkWith(path, workers, 256 * 1024);
    assert.deepEqual(differences(report, want).slice(0, 20), [], `${workers} workers`);
    assert.equal(reading.ranges, 1, JSON.stringify(reading));
    assert.match(reading.onePass, /lone carriage return/);
    assert.ok(reading.headBytes > 0, JSON.stringify(reading));
  }
  assert.deepEqual(log.errors, []);
});

test("gzip is read by one worker, as before", T, async () => {
  const path = join(DATA, "workers-adult.csv.gz");
  execFileSync("sh", ["-c", `gzip -c -1 '${ADULT}' > '${path}'`]);
  const { report, reading } = await checkWith(path, 3, 64 * 1024);
  assert.deepEqual(differences(report, cli(path)).slice(0, 20), []);
  assert.equal(reading.ranges, 1);
  assert.match(reading.onePass, /not splittable/);
});

test("Cancel with 3 workers terminates every worker; the next check splits and runs", T, async () => {
  const big = benchFile(200);
  const size = statSync(big).size;
  await page.evaluate(() => {
    const el = document.querySelector("datalint-check");
    el.setAttribute("workers", "3");
    el.removeAttribute("min-range");
    window.__progress = [];
    el.addEventListener("datalint-progress", (e) => window.__progress.push(e.detail.bytes));
  });
  const before = new Set(page.workers());
  await chooseFile(page, big);
  await page.waitForFunction((s) => (window.__progress.at(-1) ?? 0) > 0.2 * s, size, { timeout: 120_000, polling: 50 });
  const running = page.workers();
  assert.ok(running.length >= 3, `three workers while checking (${running.length})`);
  const closed = new Set();
  for (const w of running) w.on("close", () => closed.add(w));
  const at = await page.evaluate(() => window.__progress.at(-1));
  await page.locator('datalint-check [data-testid="cancel"]').click();
  assert.equal(await page.locator("datalint-check").getAttribute("data-state"), "cancelled");
  const count = await page.evaluate(() => window.__progress.length);
  await page.waitForTimeout(2000);
  assert.equal(await page.evaluate(() => window.__progress.length), count, "no progress after Cancel");
  for (const w of running) assert.ok(closed.has(w) || !page.workers().includes(w), `worker ${w.url()} terminated`);
  console.log(`# cancelled at ${((100 * at) / size).toFixed(1)}% of ${(size / 1e6).toFixed(0)} MB on 3 workers; ${before.size} worker(s) before`);
  assert.equal(await page.evaluate(() => document.querySelector("datalint-check").busy), false);

  const { report, reading } = await checkWith(ADULT, 3, 256 * 1024);
  assert.equal(reading.ranges, 3);
  assert.equal(report.rows, cli(ADULT).rows);
  assert.deepEqual(log.errors, []);
});

test("a 200 MB file on 2 workers: the progress bar sums them to the whole file; rows as the CLI's", T, async () => {
  const big = benchFile(200);
  const size = statSync(big).size;
  await page.evaluate(() => {
    window.__summed = [];
    const el = document.querySelector("datalint-check");
    el.addEventListener("datalint-progress", (e) => {
      window.__summed.push({ bytes: e.detail.bytes, total: e.detail.total, memoryBytes: e.detail.memoryBytes });
    });
  });
  const t0 = performance.now();
  const { report, reading } = await checkWith(big, 2, 8 << 20);
  const seconds = (performance.now() - t0) / 1000;
  const progress = await page.evaluate(() => window.__summed);
  assert.equal(reading.ranges, 2, JSON.stringify(reading));
  assert.equal(report.source.bytes, size);
  assert.equal(report.rows, cli(big).rows);
  for (let i = 1; i < progress.length; i += 1) assert.ok(progress[i].bytes >= progress[i - 1].bytes, "monotonic");
  assert.equal(progress.at(-1).bytes, size, "the sum ends at the whole file");
  assert.ok(progress.every((p) => p.total === size));
  const memory = Math.max(...progress.map((p) => p.memoryBytes));
  console.log(
    `# 200 MB on 2 workers: ${(size / 1e6 / seconds).toFixed(1)} MB/s (${seconds.toFixed(1)} s, file chosen to report), ` +
      `${progress.length} progress events, summed wasm memory up to ${(memory / 2 ** 20).toFixed(0)} MiB, ${JSON.stringify(reading)}`,
  );
  assert.deepEqual(log.errors, []);
});

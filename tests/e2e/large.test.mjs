// Large files: Cancel stops a check mid-way (and the page goes on working), and a 500 MB file is
// checked to the end with the engine's WebAssembly memory under 256 MiB throughout.
// The figures of the 500 MB run (rows, MB/s, peak wasm memory) are printed, never compared with a
// speed: the machine is shared.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT, benchFile, chooseFile, launch, nextReport, openPage, screenshot, startServer } from "./harness.mjs";

const MIB = 1024 * 1024;
const MEMORY_LIMIT = 256 * MIB;
const SMALL = join(ROOT, "www/samples/adult-2000.csv");

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
  server?.stop();
});

const el = (id) => `datalint-check [data-testid="${id}"]`;

/** Records the element's events in the page: window.__events = { progress, reports, errors }. */
function recordEvents(page) {
  return page.evaluate(() => {
    const host = document.querySelector("datalint-check");
    const ev = { progress: [], reports: 0, errors: [] };
    window.__events = ev;
    host.addEventListener("datalint-progress", (e) =>
      ev.progress.push({ bytes: e.detail.bytes, total: e.detail.total, rows: e.detail.rows, memoryBytes: e.detail.memoryBytes }),
    );
    host.addEventListener("datalint-report", () => (ev.reports += 1));
    host.addEventListener("datalint-error", (e) => ev.errors.push(e.detail.message));
  });
}

const events = (page) => page.evaluate(() => window.__events);

/** The benchmark CSV numbers its rows from 1 in its first field: the last line's id is the row count. */
function lastId(path) {
  const size = statSync(path).size;
  const fd = openSync(path, "r");
  const buf = Buffer.alloc(4096);
  const n = readSync(fd, buf, 0, buf.length, Math.max(0, size - buf.length));
  closeSync(fd);
  const lines = buf.subarray(0, n).toString("utf8").trimEnd().split("\n");
  return Number(lines[lines.length - 1].split(",")[0]);
}

test("Cancel stops a 200 MB check mid-way; nothing arrives afterwards; a small file then checks fine", { timeout: 5 * 60_000 }, async () => {
  const big = benchFile(200);
  const size = statSync(big).size;
  assert.ok(size >= 200e6);
  const { context, page, log } = await openPage(browser, server.url);
  try {
    await recordEvents(page);
    const [first] = page.workers();
    assert.ok(first, "the element's worker");
    let firstClosed = false;
    first.on("close", () => (firstClosed = true));

    await chooseFile(page, big);
    await page.waitForFunction(
      () => {
        const p = window.__events.progress.at(-1);
        return p && p.bytes / p.total > 0.05;
      },
      null,
      { timeout: 120_000, polling: 50 },
    );
    assert.equal(await page.locator("datalint-check").getAttribute("data-state"), "checking");
    await page.locator(el("cancel")).click();
    const atCancel = await events(page);
    const last = atCancel.progress.at(-1);
    assert.ok(last.bytes < size * 0.9, `cancelled mid-way (at ${((100 * last.bytes) / size).toFixed(1)}%)`);

    const host = page.locator("datalint-check");
    assert.equal(await host.getAttribute("data-state"), "cancelled");
    assert.equal(await page.evaluate(() => document.querySelector("datalint-check").busy), false);
    assert.equal(await page.locator(el("status")).textContent(), "Cancelled.");
    assert.equal(await page.locator(el("progress")).isHidden(), true);
    assert.equal(await page.locator(el("cancel")).isDisabled(), true);

    await page.waitForTimeout(2000);
    const later = await events(page);
    assert.equal(later.reports, 0, "no report after Cancel");
    assert.deepEqual(later.errors, [], "no error after Cancel");
    assert.equal(later.progress.length, atCancel.progress.length, "no progress after Cancel: it stopped advancing");
    assert.equal(firstClosed, true, "the worker that was checking was terminated");
    assert.equal(await page.locator(el("summary")).count(), 0, "no report of the big file is shown");
    console.log(`# cancelled at ${((100 * last.bytes) / size).toFixed(1)}% of ${(size / 1e6).toFixed(0)} MB`);

    await page.waitForFunction(() => document.querySelector("datalint-check").ready === true);
    const got = nextReport(page);
    await chooseFile(page, SMALL);
    const report = await got;
    assert.equal(report.rows, 2000);
    assert.equal(await host.getAttribute("data-state"), "done");
    await page.locator(el("summary")).filter({ hasText: "adult-2000.csv" }).waitFor();
    assert.equal(await page.locator(el("alert")).isHidden(), true);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test("a 500 MB file is checked to the end with wasm memory under 256 MiB throughout", { timeout: 10 * 60_000 }, async () => {
  const big = benchFile(500);
  const size = statSync(big).size;
  assert.ok(size >= 500e6);
  const { context, page, log } = await openPage(browser, server.url);
  try {
    // One engine's memory: on one worker (split across N workers, each range's engine holds up
    // to the budget, and the element reports their sum: see workers.test.mjs).
    await page.evaluate(() => document.querySelector("datalint-check").setAttribute("workers", "1"));
    await recordEvents(page);
    const t0 = performance.now();
    const got = nextReport(page, "datalint-check", 9 * 60_000);
    await chooseFile(page, big);
    const report = await got;
    const seconds = (performance.now() - t0) / 1000;
    const ev = await events(page);
    const lastMemory = await page.evaluate(() => document.querySelector("datalint-check").lastMemoryBytes);
    const memories = ev.progress.map((p) => p.memoryBytes);
    const maxMemory = Math.max(lastMemory, ...memories);
    const mbs = size / 1e6 / seconds;
    console.log(
      `# 500 MB: ${report.rows.toLocaleString("en-US")} rows, ${(size / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s = ` +
        `${mbs.toFixed(1)} MB/s, max wasm memory ${(maxMemory / MIB).toFixed(1)} MiB over ${ev.progress.length} progress events`,
    );

    assert.equal(report.source.bytes, size);
    assert.equal(report.rows, lastId(big), "every row counted");
    assert.equal(ev.errors.length, 0);
    assert.ok(ev.progress.length >= 10, `progress was reported along the way (${ev.progress.length} events)`);
    assert.ok(memories.every((m) => Number.isFinite(m) && m > 0), "every progress event carries the memory");
    const over = memories.filter((m) => m >= MEMORY_LIMIT);
    assert.deepEqual(over, [], "wasm memory at every progress event < 256 MiB");
    assert.ok(lastMemory > 0 && lastMemory < MEMORY_LIMIT, `lastMemoryBytes ${lastMemory} < 256 MiB`);
    // Progress is monotonic and ends at the whole file.
    for (let i = 1; i < ev.progress.length; i += 1) assert.ok(ev.progress[i].bytes >= ev.progress[i - 1].bytes);
    assert.equal(ev.progress.at(-1).bytes, size);
    await page.locator(el("summary")).filter({ hasText: "bench-500mb.csv" }).waitFor();
    assert.match(await page.locator(el("summary")).textContent(), new RegExp(`${report.rows.toLocaleString("en-US")}\\s*rows`));
    await screenshot(page, "large-500mb-report");
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

// The engine's two builds (scripts/lib.sh, build_wasm): worker.js loads the SIMD128 build where
// the browser validates a WebAssembly SIMD instruction, the baseline build when the element says
// simd="off" or when the SIMD build cannot be loaded. Both give the CLI's report, on one worker
// and split across workers (the helpers load the first worker's build).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { ADULT, assertSameReport, chooseFile, cliReport, launch, nextReport, openPage, startServer } from "./harness.mjs";

const T = { timeout: 5 * 60_000 };

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

/** The wasm files the page fetched, by name. */
const wasmFetched = (log) => log.requests.map((r) => r.url.split("/").pop()).filter((n) => n.endsWith(".wasm"));

/** Checks adult.csv with the element `selector` on `workers` workers; asserts the CLI's report. */
async function checkAdult(page, selector, workers) {
  await page.evaluate(
    ([sel, w]) => {
      const el = document.querySelector(sel);
      el.setAttribute("workers", String(w));
      el.setAttribute("min-range", String(256 * 1024));
    },
    [selector, workers],
  );
  const got = nextReport(page, selector);
  await chooseFile(page, ADULT, selector);
  const report = await got;
  assertSameReport(report, cliReport(ADULT, ["--no-progress", "--jobs", "1"]), `${selector} on ${workers} worker(s)`, 1e-9);
  const reading = JSON.parse(await page.locator(selector).getAttribute("data-reading"));
  assert.equal(reading.workers, workers);
  return reading;
}

test("the SIMD128 build loads where the browser has WebAssembly SIMD, and gives the CLI's report", T, async () => {
  const { context, page, log } = await openPage(browser, server.url);
  try {
    assert.equal(await page.evaluate(() => WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]))), true);
    assert.equal(await page.locator("datalint-check").getAttribute("data-engine"), "simd128");
    assert.deepEqual([...new Set(wasmFetched(log))], ["datalint_simd_bg.wasm"]);
    await checkAdult(page, "datalint-check", 1);
    const reading = await checkAdult(page, "datalint-check", 2);
    assert.equal(reading.ranges, 2);
    // The first worker and its helper each fetched the SIMD build, and nothing else.
    assert.deepEqual([...new Set(wasmFetched(log))], ["datalint_simd_bg.wasm"], "the helpers load the same build");
    assert.ok(wasmFetched(log).length >= 2, `fetches: ${wasmFetched(log)}`);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('simd="off" loads the baseline build, on every worker; its report is the CLI\'s', T, async () => {
  const { context, page, log } = await openPage(browser, server.url);
  try {
    const before = wasmFetched(log).length;
    await page.evaluate(() => {
      const el = document.createElement("datalint-check");
      el.id = "baseline";
      el.setAttribute("simd", "off");
      document.body.append(el);
    });
    await page.waitForFunction(() => document.querySelector("#baseline").ready === true, null, { timeout: 30_000 });
    assert.equal(await page.locator("#baseline").getAttribute("data-engine"), "baseline");
    await checkAdult(page, "#baseline", 1);
    const reading = await checkAdult(page, "#baseline", 3);
    assert.equal(reading.ranges, 3);
    assert.deepEqual([...new Set(wasmFetched(log).slice(before))], ["datalint_bg.wasm"], "every worker of the element loads the baseline build");
    assert.ok(wasmFetched(log).length - before >= 3, `fetches: ${wasmFetched(log).slice(before)}`);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test("a SIMD build that cannot be fetched falls back to the baseline build", T, async () => {
  const context = await browser.newContext();
  await context.route("**/datalint_simd_bg.wasm", (route) => route.fulfill({ status: 404, body: "" }));
  const page = await context.newPage();
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => document.querySelector("datalint-check")?.ready === true, null, { timeout: 30_000 });
    assert.equal(await page.locator("datalint-check").getAttribute("data-engine"), "baseline");
    await checkAdult(page, "datalint-check", 1);
  } finally {
    await context.close();
  }
});

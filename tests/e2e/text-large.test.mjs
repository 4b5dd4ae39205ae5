// A 50,000-row instruction set (generated here, deterministic: instruction, input and output of
// realistic lengths, with planted refusals and placeholders) checked in Chromium through the page,
// with the engine's WebAssembly memory under the default budget (256 MiB) at every progress event.
// The figures (time, MB/s, peak wasm memory) are printed, never compared with a speed: the machine
// is shared.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, chooseFile, launch, nextReport, openPage, screenshot, startServer } from "./harness.mjs";
import { planted, writeInstructionSet } from "./instruction-set.mjs";

const MIB = 1024 * 1024;
const MEMORY_LIMIT = 256 * MIB; // the engine's default memory budget (report.options.memory_budget)
const ROWS = 50_000;

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

test("a 50,000-row instruction set is checked in the page, planted artefacts found, wasm memory under 256 MiB", { timeout: 5 * 60_000 }, async () => {
  const dir = join(ROOT, "target/e2e-data");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "instructions-50k.jsonl");
  const size = writeInstructionSet(file, ROWS);
  const want = planted(ROWS);
  const { context, page, log } = await openPage(browser, server.url);
  try {
    await page.evaluate(() => {
      const ev = { memory: [] };
      window.__events = ev;
      document.querySelector("datalint-check").addEventListener("datalint-progress", (e) => ev.memory.push(e.detail.memoryBytes));
    });
    const t0 = performance.now();
    const got = nextReport(page, "datalint-check", 4 * 60_000);
    await chooseFile(page, file);
    const report = await got;
    const seconds = (performance.now() - t0) / 1000;
    const memories = await page.evaluate(() => window.__events.memory);
    const lastMemory = await page.evaluate(() => document.querySelector("datalint-check").lastMemoryBytes);
    const peak = Math.max(lastMemory, ...memories);
    console.log(
      `# 50k instructions: ${report.rows.toLocaleString("en-US")} rows, ${(size / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s = ` +
        `${(size / 1e6 / seconds).toFixed(1)} MB/s, peak wasm memory ${(peak / MIB).toFixed(1)} MiB over ${memories.length} progress events`,
    );

    assert.equal(report.rows, ROWS);
    assert.equal(report.source.bytes, size);
    assert.equal(report.options.memory_budget, MEMORY_LIMIT, "the default budget was in force");
    assert.equal(report.text.shape, "instruction");
    const output = report.text.fields.find((f) => f.column === "output");
    assert.equal(output?.role, "answer");
    assert.equal(output.values, ROWS);
    assert.equal(output.artefacts.refusals, want.refusals, "every planted refusal");
    assert.equal(output.artefacts.placeholders, want.placeholders, "every planted placeholder");
    const refusal = report.findings.find((f) => f.id === "refusal");
    assert.deepEqual(refusal?.columns, ["output"]);
    assert.equal(refusal.evidence_total, want.refusals);
    const empty = report.findings.find((f) => f.id === "empty-output");
    assert.deepEqual(empty?.columns, ["output"]);

    assert.ok(memories.every((m) => Number.isFinite(m) && m > 0), "every progress event carries the memory");
    assert.deepEqual(memories.filter((m) => m >= MEMORY_LIMIT), [], "wasm memory at every progress event < 256 MiB");
    assert.ok(lastMemory > 0 && lastMemory < MEMORY_LIMIT, `lastMemoryBytes ${lastMemory} < 256 MiB`);

    // The page draws it: the output field's block with the planted counts.
    const block = page.locator(`${el("text-field")}[data-column="output"]`);
    await block.waitFor();
    const counts = await block.locator('[data-testid="text-artefact"]').evaluateAll((rows) =>
      Object.fromEntries(rows.map((r) => [r.getAttribute("data-kind"), Number(r.getAttribute("data-count"))])),
    );
    assert.equal(counts.refusals, want.refusals);
    assert.equal(counts.placeholders, want.placeholders);
    await screenshot(page, "text-50k-report");
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

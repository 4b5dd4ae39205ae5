// Hostile shapes through the page (issue 13, classes 1 and 7): the CLI's adversarial inputs are
// chosen one after another in one tab. Each ends in a report, the tab survives, no page error is
// logged, and the engine's WebAssembly memory (which only grows, so the last figure is the peak
// of all runs) stays within the default 256 MiB budget plus the stated constant for the record in
// flight. The figures are printed; memory is asserted, time never is.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { OUT, ROOT, chooseFile, launch, nextReport, openPage, startServer } from "./harness.mjs";

const MIB = 1024 * 1024;
const BUDGET = 256 * MIB;
/** Above the budget: one record in flight (held whole, parsed, and copied by the text analyses). */
const CONSTANT = 64 * MIB;

const DATA = join(OUT, "hostile");
mkdirSync(DATA, { recursive: true });

function write(name, data) {
  const path = join(DATA, name);
  writeFileSync(path, data);
  return path;
}

/** A deterministic word stream (no two runs differ). */
function words(bytes) {
  const parts = [];
  let x = 1n;
  let n = 0;
  const w = ["alpha", "beta", "gamma", "delta", "eps"];
  while (n < bytes) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    const s = `${w[Number(x >> 60n) % 5]}${Number((x >> 40n) % 300n)} `;
    parts.push(s);
    n += s.length;
  }
  return parts.join("");
}

const SHAPES = [
  {
    name: "keys.jsonl: 300 lines, each with a new 100 KB key",
    file: () => {
      const pad = "x".repeat(100_000);
      return write("keys.jsonl", Array.from({ length: 300 }, (_, i) => `{"k${i}_${pad}": ${i}}\n`).join(""));
    },
    check: (r) => assert.ok(r.columns.length <= 2000 && r.columns.every((c) => c.name.length <= 256)),
  },
  {
    name: "wide.csv: 5,000 columns",
    file: () => {
      const head = Array.from({ length: 5000 }, (_, i) => `c${i}`).join(",");
      const rows = Array.from({ length: 40 }, (_, r) => Array.from({ length: 5000 }, (_, i) => r * i).join(","));
      return write("wide.csv", [head, ...rows, ""].join("\n"));
    },
    check: (r) => assert.ok(r.columns.length >= 2000),
  },
  {
    name: "commas.csv: one record of 16 MiB of commas",
    file: () => write("commas.csv", Buffer.concat([Buffer.from("a,b\n1,2\n"), Buffer.alloc(16 * MIB - 64, ","), Buffer.from("\n3,4\n")])),
    check: (r) => assert.equal(r.rows, 3),
  },
  {
    name: "bigtext.jsonl: one text value of 12 MB",
    file: () => write("bigtext.jsonl", `{"t": "${words(12_000_000)}"}\n{"t": "short"}\n`),
    check: (r) => assert.equal(r.rows, 2),
  },
  {
    name: "deep.jsonl: 100,000-deep nesting, then a good line",
    file: () => write("deep.jsonl", `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}\n{"a": 1}\n`),
    check: (r) => assert.equal(r.rows, 1),
  },
  {
    name: "bomb.csv.gz: 200 MB of rows from 200 KB of gzip",
    file: () => write("bomb.csv.gz", gzipSync(Buffer.from("a,b\n" + "1,2\n".repeat(50 * MIB)), { level: 9 })),
    check: (r) => assert.equal(r.rows, 50 * MIB),
  },
  {
    name: "image.png: binary content",
    file: () => {
      const b = Buffer.alloc(200_000);
      for (let i = 0; i < b.length; i++) b[i] = (i * 2654435761) >>> 24;
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
      return write("image.png.csv", b);
    },
    check: (r) => assert.ok(r.findings.some((f) => f.id === "unreadable-data")),
  },
];

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

test("hostile shapes one after another: a report for each, the tab survives, wasm memory within the budget", { timeout: 10 * 60_000 }, async () => {
  const { context, page, log } = await openPage(browser, server.url);
  try {
    await page.evaluate(() => {
      window.__peak = 0;
      document.querySelector("datalint-check").addEventListener("datalint-progress", (e) => {
        if (Number.isFinite(e.detail.memoryBytes)) window.__peak = Math.max(window.__peak, e.detail.memoryBytes);
      });
    });
    for (const shape of SHAPES) {
      const path = shape.file();
      await page.waitForFunction(() => document.querySelector("datalint-check").ready === true);
      const got = nextReport(page, "datalint-check", 300_000);
      await chooseFile(page, path);
      const detail = await got;
      const report = detail.report ?? detail;
      shape.check(report);
      const meta = await page.evaluate(() => document.querySelector("datalint-check").lastMemoryBytes ?? null);
      const peak = Math.max(await page.evaluate(() => window.__peak), Number(meta) || 0, Number(detail.memoryBytes) || 0);
      console.log(`# ${shape.name}: ${report.rows} rows, ${report.findings.length} findings, wasm memory ${(peak / MIB).toFixed(1)} MiB so far`);
      assert.ok(peak <= BUDGET + CONSTANT, `${shape.name}: wasm memory ${(peak / MIB).toFixed(1)} MiB over ${(BUDGET + CONSTANT) / MIB} MiB`);
      assert.equal(await page.locator("datalint-check").getAttribute("data-state"), "done");
    }
    // The tab is still usable: a normal file checks as always.
    const got = nextReport(page);
    await chooseFile(page, join(ROOT, "www/samples/adult-2000.csv"));
    const detail = await got;
    assert.equal((detail.report ?? detail).rows, 2000);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

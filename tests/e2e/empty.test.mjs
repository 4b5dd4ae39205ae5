// Empty and contentless input is an error, not a clean report: an empty file, a header-only CSV
// and a .json holding only a byte-order mark each show one error finding (empty-input), the
// fail-on banner fails, and the page goes on checking the next file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, assertSameReport, chooseFile, cliReport, launch, nextReport, openPage, startServer } from "./harness.mjs";

const T = { timeout: 60_000 };
const DIR = join(ROOT, "target/e2e-data");
mkdirSync(DIR, { recursive: true });
const CASES = [
  { name: "empty.csv", bytes: Buffer.alloc(0) },
  { name: "header-only.csv", bytes: Buffer.from("a,b,c\n") },
  { name: "bom-only.json", bytes: Buffer.from([0xef, 0xbb, 0xbf]) },
];
let server;
let browser;
let page;
let log;

const el = (id) => `datalint-check [data-testid="${id}"]`;

before(async () => {
  server = await startServer();
  browser = await launch();
  ({ page, log } = await openPage(browser, server.url));
  await page.evaluate(() => document.querySelector("datalint-check").setAttribute("fail-on", "error"));
}, T);

after(async () => {
  await browser?.close();
  server?.stop();
});

async function check(name, buffer) {
  const got = nextReport(page);
  await chooseFile(page, { name, mimeType: "application/octet-stream", buffer });
  return got;
}

for (const c of CASES) {
  test(`${c.name}: one error finding, empty-input, on the page as in the CLI`, T, async () => {
    const path = join(DIR, c.name);
    writeFileSync(path, c.bytes);
    const report = await check(c.name, c.bytes);
    assertSameReport(report, cliReport(path));
    assert.equal(report.findings.length, 1);
    assert.equal(report.findings[0].id, "empty-input");
    assert.equal(report.findings[0].severity, "error");
    assert.equal(report.summary.error, 1);

    const cards = page.locator(el("finding"));
    assert.equal(await cards.count(), 1);
    assert.equal(await cards.first().getAttribute("data-id"), "empty-input");
    assert.equal(await cards.first().getAttribute("data-severity"), "error");
    assert.equal(await page.locator(`${el("overview-row")}[data-id="empty-input"]`).count(), 1);
    const errors = page.locator(`${el("summary")} [data-severity="error"]`);
    assert.equal(await errors.getAttribute("data-count"), "1");
    const verdict = page.locator(el("verdict"));
    assert.equal(await verdict.getAttribute("data-verdict"), "fail");
    assert.match(await verdict.textContent(), /1 finding at or above error/);
    assert.equal(await page.locator("datalint-check").getAttribute("data-state"), "done");
    if (c.name.endsWith(".json")) {
      // Read as CSV, and the summary says why.
      assert.match(await page.locator(el("format-reason")).textContent(), /^Read as CSV: .*empty/);
    }
  });
}

test("the page stays usable: the sample checks afterwards, with no error finding", T, async () => {
  const got = nextReport(page);
  await page.locator(el("sample-button")).click();
  const report = await got;
  assert.equal(report.rows, 2000);
  assert.equal(report.findings.filter((f) => f.id === "empty-input").length, 0);
  assert.equal(await page.locator(`${el("finding")}[data-id="empty-input"]`).count(), 0);
  assert.equal(await page.locator(el("verdict")).getAttribute("data-verdict"), report.summary.error > 0 ? "fail" : "pass");
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.dialogs, []);
});

// Broken inputs and failures: the page shows input errors with their lines and the matching
// findings, stays usable afterwards, and shows an alert (then recovers) when a check fails.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  OUT,
  ROOT,
  assertSameReport,
  chooseFile,
  cliReport,
  launch,
  nextReport,
  openPage,
  screenshot,
  startServer,
} from "./harness.mjs";

const DATA = join(OUT, "data");
mkdirSync(DATA, { recursive: true });

// Line 4 has too few fields, line 5 an invalid UTF-8 byte (0xFF), line 6 too many fields. Lines 2
// and 3 hold accented UTF-8, so the file reads as UTF-8 with one bad byte (a file whose only
// non-ASCII bytes are invalid UTF-8 reads as windows-1252).
const BAD_CSV = join(DATA, "ragged-invalid-utf8.csv");
writeFileSync(
  BAD_CSV,
  Buffer.concat([
    Buffer.from("id,name,score\n1,Adé,3.5\n2,Alán,4.0\n3,Grace\n4,B"),
    Buffer.from([0xff]),
    Buffer.from("ob,2.0\n5,Linus,1.0,extra\n6,Ken,2.5\n7,Barbara,3.0\n"),
  ]),
);
// Line 3 is cut short, line 4 is not JSON, line 5 is an array.
const BAD_JSONL = join(DATA, "broken-lines.jsonl");
writeFileSync(
  BAD_JSONL,
  '{"id":1,"name":"Ada"}\n{"id":2,"name":"Alan"}\n{"id":3,"name":\nnot json at all\n[1,2,3]\n{"id":4,"name":"Grace"}\n',
);
const GOOD = join(ROOT, "www/samples/adult-2000.csv");
const EDITED = join(DATA, "edited-after-choosing.csv");

// Each test and hook fails after a minute rather than hanging the run.
const T = { timeout: 60_000 };

let server;
let browser;
let page;
let log;

before(async () => {
  server = await startServer();
  browser = await launch();
  ({ page, log } = await openPage(browser, server.url));
}, T);

after(async () => {
  await browser?.close();
  server?.stop();
});

const el = (id) => `datalint-check [data-testid="${id}"]`;

async function check(path) {
  const got = nextReport(page);
  await chooseFile(page, path);
  return got;
}

/** The input-errors table as [{ line, offset, kind, message }] of displayed text. */
function shownErrors() {
  return page.locator(`${el("input-errors")} tbody tr`).evaluateAll((rows) =>
    rows.map((r) => {
      const [line, offset, kind, message] = [...r.cells].map((c) => c.textContent);
      return { line, offset, kind, message };
    }),
  );
}

async function evidenceLines(id) {
  const card = page.locator(`${el("finding")}[data-id="${id}"]`);
  assert.equal(await card.count(), 1, `one ${id} finding card`);
  await card.locator('[data-testid="evidence"] > summary').click();
  return card.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.cells[0].textContent));
}

async function assertGoodReportShown(name) {
  await page.locator(`${el("summary")} .file-name`).filter({ hasText: name }).waitFor();
  assert.equal(await page.locator(el("alert")).isHidden(), true, "no alert");
  assert.equal(await page.locator(el("input-errors")).count(), 0, "no input errors section");
  assert.equal(await page.locator(el("input-errors-count")).locator(".stat-value").textContent(), "0");
  assert.equal(await page.locator("datalint-check").getAttribute("data-state"), "done");
}

test("a CSV with ragged rows and an invalid UTF-8 byte: input errors by line, and their findings", T, async () => {
  const report = await check(BAD_CSV);
  assertSameReport(report, cliReport(BAD_CSV));
  assert.equal(await page.locator(el("input-errors-count")).locator(".stat-value").textContent(), "3");
  const errors = await shownErrors();
  assert.deepEqual(
    errors.map((e) => [e.line, e.kind]),
    [
      ["4", "ragged-row"],
      ["5", "invalid-utf8"],
      ["6", "ragged-row"],
    ],
  );
  assert.match(errors[0].message, /2 fields where the header has 3/);
  assert.match(errors[2].message, /4 fields where the header has 3/);
  assert.match(errors[1].message, /invalid UTF-8/);
  assert.deepEqual(await evidenceLines("ragged-rows"), ["4", "6"]);
  assert.deepEqual(await evidenceLines("invalid-encoding"), ["5"]);
  const ids = await page.locator(el("finding")).evaluateAll((cs) => cs.map((c) => [c.getAttribute("data-id"), c.getAttribute("data-severity")]));
  assert.deepEqual(ids.slice(0, 2), [
    ["ragged-rows", "error"],
    ["invalid-encoding", "error"],
  ]);
  await screenshot(page, "malformed-csv");
});

test("a JSONL with broken lines: input errors by line, and the invalid-json-line finding", T, async () => {
  const report = await check(BAD_JSONL);
  assertSameReport(report, cliReport(BAD_JSONL));
  assert.equal(report.rows, 3);
  const errors = await shownErrors();
  assert.deepEqual(
    errors.map((e) => [e.line, e.kind]),
    [
      ["3", "invalid-json"],
      ["4", "invalid-json"],
      ["5", "not-an-object"],
    ],
  );
  assert.deepEqual(await evidenceLines("invalid-json-line"), ["3", "4", "5"]);
  assert.equal(await page.locator(`${el("finding")}[data-id="invalid-json-line"]`).getAttribute("data-severity"), "error");
  await screenshot(page, "malformed-jsonl");
});

test("a good file checked right after shows its report, without the previous errors", T, async () => {
  const report = await check(GOOD);
  assert.equal(report.rows, 2000);
  assert.equal(report.errors_total, 0);
  await assertGoodReportShown("adult-2000.csv");
  assert.match(await page.locator(el("summary")).textContent(), /2,000\s*rows/);
});

test("the file changing on disk after it was chosen: the worker's read fails, an alert says so, the next check works", T, async () => {
  writeFileSync(EDITED, "a,b\n1,2\n3,4\n");
  await check(EDITED);
  // The File handle is a snapshot: once the file on disk changes, reading it fails in the worker.
  writeFileSync(EDITED, "a,b\n1,2\n3,4\n5,6\n7,8\n");
  const failed = page.evaluate(
    () =>
      new Promise((res) => {
        const host = document.querySelector("datalint-check");
        host.addEventListener("datalint-error", (e) => res(e.detail.message), { once: true });
        host.addEventListener("datalint-report", () => res("unexpected report"), { once: true });
        setTimeout(() => res("no datalint-error within 20 s"), 20_000);
      }),
  );
  await page.locator(el("rerun")).click();
  const message = await failed;
  assert.doesNotMatch(message, /^(unexpected report|no datalint-error within)/);
  const alert = page.locator(el("alert"));
  await alert.waitFor({ state: "visible" });
  assert.equal(await alert.getAttribute("role"), "alert");
  assert.equal((await alert.textContent()).includes(message), true, `the alert shows the message: ${message}`);
  assert.equal(await page.locator("datalint-check").getAttribute("data-state"), "error");
  assert.equal(await page.evaluate(() => document.querySelector("datalint-check").busy), false);
  assert.equal(await page.locator(el("progress")).isHidden(), true);
  await screenshot(page, "malformed-worker-error");

  const report = await check(GOOD);
  assert.equal(report.rows, 2000);
  await assertGoodReportShown("adult-2000.csv");
});

test("a threshold that is not a number: an alert, no check starts, and the next check works once fixed", T, async () => {
  await page.locator(el("thresholds-toggle")).click();
  const input = page.locator(`${el("threshold-input")}[data-check="missing-values"]`);
  const def = await input.getAttribute("data-default");
  await input.fill("1e999"); // beyond a double: the browser reports it as bad input
  assert.equal(await input.evaluate((i) => i.validity.badInput), true);
  let reports = 0;
  await page.exposeFunction("__countReport", () => (reports += 1));
  await page.evaluate(() => document.querySelector("datalint-check").addEventListener("datalint-report", () => window.__countReport()));
  await chooseFile(page, GOOD);
  const alert = page.locator(el("alert"));
  await alert.waitFor({ state: "visible" });
  assert.match(await alert.textContent(), /threshold for missing-values is not a number/);
  assert.equal(await page.locator("datalint-check").getAttribute("data-state"), "error");
  assert.equal(await page.locator(el("progress")).isHidden(), true, "no check started");
  await page.waitForTimeout(300);
  assert.equal(reports, 0);

  await input.fill(def);
  const report = await check(GOOD);
  assert.equal(report.rows, 2000);
  await assertGoodReportShown("adult-2000.csv");
  assert.equal(reports, 1);
  await page.locator(el("thresholds-toggle")).click();
});

test("a label column missing from the file (set by attribute): an input error names it, the report still shows", T, async () => {
  await page.evaluate(() => document.querySelector("datalint-check").setAttribute("label", "no_such_column"));
  const report = await page.evaluate(async () => {
    const host = document.querySelector("datalint-check");
    return host.check(new File(["a,b\n1,2\n3,4\n"], "small.csv", { type: "text/csv" }));
  });
  assert.ok(report, "check() resolves to the report");
  assert.equal(report.label, "no_such_column");
  const errors = await shownErrors();
  assert.equal(errors.length, 1);
  assert.equal(errors[0].kind, "unknown-column");
  assert.match(errors[0].message, /label column 'no_such_column' not found; columns are: a, b/);
  assert.equal(
    await page.locator(`${el("label-select")} option:checked`).textContent(),
    "no_such_column (not in this file)",
  );

  await page.evaluate(() => document.querySelector("datalint-check").setAttribute("label", ""));
  const good = await check(GOOD);
  assert.equal(good.rows, 2000);
  await assertGoodReportShown("adult-2000.csv");
});

test("no console errors, page errors or dialogs along the way", T, () => {
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.dialogs, []);
});

// www/embed.html puts the element in a host page with deliberately hostile global CSS
// (button/input/select/svg/table/summary hidden, Comic Sans, red text, rotated sections). None of
// it may reach inside the element; the host listens to the element's events.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, chooseFile, launch, nextReport, openPage, screenshot, startServer } from "./harness.mjs";

// Each test and hook fails after a minute rather than hanging the run.
const T = { timeout: 60_000 };

let server;
let browser;
let page;
let log;

before(async () => {
  server = await startServer();
  browser = await launch();
  ({ page, log } = await openPage(browser, `${server.url}embed.html`));
}, T);

after(async () => {
  await browser?.close();
  server?.stop();
});

const el = (id) => `datalint-check [data-testid="${id}"]`;

/** Computed style and box of the element matched by a locator. */
function look(locator) {
  return locator.evaluate((n) => {
    const cs = getComputedStyle(n);
    const r = n.getBoundingClientRect();
    return {
      display: cs.display,
      visibility: cs.visibility,
      color: cs.color,
      font: cs.fontFamily,
      size: cs.fontSize,
      transform: cs.transform,
      textTransform: cs.textTransform,
      width: r.width,
      height: r.height,
    };
  });
}

function assertShown(s, what) {
  assert.notEqual(s.display, "none", `${what} is not display:none`);
  assert.equal(s.visibility, "visible", `${what} is visible`);
  assert.ok(s.width > 0 && s.height > 0, `${what} has a box: ${s.width}x${s.height}`);
  assert.notEqual(s.color, "rgb(255, 0, 0)", `${what} is not the host's red`);
  assert.doesNotMatch(s.font, /Comic/, `${what} is not in the host's font`);
}

test("the host's hostile CSS is in force on the host page itself", T, async () => {
  const h1 = await page.locator("h1").evaluate((n) => getComputedStyle(n).backgroundColor);
  assert.equal(h1, "rgb(0, 255, 0)", "the host's h1 is lime: the stylesheet applies");
  const status = await page.locator("#host-status").textContent();
  assert.equal(status, "host: waiting for a report");
});

test("the element's controls are visible and styled by the element, not the host", T, async () => {
  const label = await look(page.locator('datalint-check [part="file-label"]'));
  assertShown(label, "the 'Choose a file' button");
  assert.equal(label.textTransform, "none");
  assertShown(await look(page.locator(el("sample-button"))), "the sample button");
  assertShown(await look(page.locator(el("label-select"))), "the label select");
  assertShown(await look(page.locator(el("rerun"))), "the re-run button");
  assertShown(await look(page.locator(el("thresholds-toggle"))), "the thresholds summary");
  assertShown(await look(page.locator('datalint-check [data-testid="paste-panel"] > summary')), "the paste summary");
  assertShown(await look(page.locator("datalint-check svg.drop-icon")), "the upload icon");
  const title = await look(page.locator("datalint-check .drop-title"));
  assertShown(title, "the drop title");
  assert.equal(title.size, "17px", "the element's own font size, not the host's 30px root");
  const intake = await look(page.locator("datalint-check section.intake"));
  assert.equal(intake.transform, "none", "sections are not rotated");
  // The label attribute selects the label column before any file.
  assert.equal(await page.locator(el("label-select")).inputValue(), "Salary");
});

test("a person can click the controls: the sample button checks the sample", T, async () => {
  // The events bubble out of the element (a host may listen on an ancestor).
  await page.evaluate(() => {
    window.__bubbled = [];
    document.body.addEventListener("datalint-report", (e) => window.__bubbled.push(e.detail.findings.length));
  });
  const got = nextReport(page);
  await page.locator(el("sample-button")).click();
  const report = await got;
  assert.equal(report.rows, 2000);
  assert.equal(report.label, "Salary");
  const n = report.findings.length;
  assert.ok(n > 0);
  await page.locator("#host-status").filter({ hasText: "host received" }).waitFor();
  assert.equal(await page.locator("#host-status").textContent(), `host received ${n} ${n === 1 ? "finding" : "findings"}`);
  assert.equal(await page.locator(el("finding")).count(), n);
  assert.deepEqual(await page.evaluate(() => window.__bubbled), [n], "the report event reached document.body");
});

test("checking a file through the file input works; the host shows the number of findings", T, async () => {
  const file = join(ROOT, "www/samples/adult-2000.csv");
  // A different file: the first 40 lines, so the count differs from the sample's.
  const small = { name: "adult-40.csv", mimeType: "text/csv", buffer: Buffer.from(readFileSync(file, "utf8").split("\n").slice(0, 41).join("\n")) };
  const got = nextReport(page);
  await chooseFile(page, small);
  const report = await got;
  assert.equal(report.source.name, "adult-40.csv");
  assert.equal(report.rows, 40);
  const n = report.findings.length;
  await page.locator("#host-status").filter({ hasText: `host received ${n} ` }).waitFor();
  assert.equal(await page.locator("#host-status").textContent(), `host received ${n} ${n === 1 ? "finding" : "findings"}`);
  assert.equal(await page.locator(el("finding")).count(), n);
  // fail-on="warning": the verdict is shown.
  const verdict = page.locator(el("verdict"));
  assertShown(await look(verdict), "the verdict");
  const atOrAbove = report.findings.filter((f) => f.severity !== "info").length;
  assert.equal(await verdict.getAttribute("data-verdict"), atOrAbove ? "fail" : "pass");
});

test("the report's charts, tables and disclosure widgets are visible despite the host's CSS", T, async () => {
  assertShown(await look(page.locator(el("histogram")).first()), "a histogram");
  assertShown(await look(page.locator(el("top-values-chart")).first()), "a top-values chart");
  assertShown(await look(page.locator("datalint-check table.quantiles").first()), "a quantiles table");
  const ev = page.locator(el("evidence")).first();
  await ev.locator("summary").click();
  assertShown(await look(ev.locator("table")), "an evidence table");
  assertShown(await look(page.locator(el("download-json"))), "the JSON download link");
  assertShown(await look(page.locator("datalint-check .file-name")), "the file name heading");
  await screenshot(page, "embed-report");
});

test("no console errors, page errors or dialogs", T, () => {
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.dialogs, []);
});

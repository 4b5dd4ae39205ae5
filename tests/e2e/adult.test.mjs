// The real UCI Adult file through the page's file input: what the page shows, and that the report
// the element hands out equals the native CLI's JSON report for the same file, field by field.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { basename } from "node:path";
import {
  ADULT,
  CLI,
  assertSameReport,
  cliReport,
  downloadText,
  loadReport,
  screenshot,
} from "./harness.mjs";

// Each test and hook fails after a minute rather than hanging the run.
const T = { timeout: 60_000 };

let server;
let browser;
let page;
let log;
let report; // the detail of the datalint-report event
let cli; // the CLI's JSON report for the same file

before(async () => {
  ({ server, browser, page, log, report } = await loadReport(ADULT));
  cli = cliReport(ADULT);
}, T);

after(async () => {
  await browser?.close();
  server?.stop();
});

const el = (id) => `datalint-check [data-testid="${id}"]`;

test("the summary shows the file's name, 32,561 rows and 15 columns", T, async () => {
  const summary = page.locator(el("summary"));
  await summary.waitFor();
  const text = await summary.textContent();
  assert.match(text, /adult\.csv/);
  assert.match(text, /32,561\s*rows/);
  assert.match(text, /15\s*columns/);
  assert.equal(await page.locator("datalint-check").getAttribute("data-state"), "done");
  assert.equal(await page.locator(el("alert")).isHidden(), true, "no alert");
});

test("one column card per column, in the file's order", T, async () => {
  const cards = page.locator(el("column-card"));
  assert.equal(await cards.count(), 15);
  const names = await cards.evaluateAll((cs) => cs.map((c) => c.getAttribute("data-column")));
  assert.deepEqual(names, cli.columns.map((c) => c.name));
  const types = await cards.evaluateAll((cs) => cs.map((c) => c.getAttribute("data-type")));
  assert.deepEqual(types, cli.columns.map((c) => c.type));
  // Numeric columns get a histogram, the others their most common values.
  assert.equal(await page.locator(`${el("column-card")}[data-column="age"] [data-testid="histogram"]`).count(), 1);
  assert.equal(await page.locator(`${el("column-card")}[data-column="sex"] [data-testid="top-values-chart"]`).count(), 1);
  assert.equal(await page.locator(el("show-all-columns")).count(), 0, "15 columns are all shown at once");
});

test("the datalint-report event carries the CLI's report for the same file, field by field", T, () => {
  assert.equal(report.source.name, basename(ADULT), "the page names the input by its file name");
  assert.equal(cli.source.name, report.source.name, "the CLI is given the same name");
  assert.equal(report.rows, 32561);
  assert.equal(report.columns.length, 15);
  assert.ok(report.findings.length > 0, "the Adult file has findings");
  assertSameReport(report, cli);
});

test("the element's report property is the event's report", T, async () => {
  const prop = await page.evaluate(() => document.querySelector("datalint-check").report);
  assert.deepEqual(prop, report);
});

test("one finding card per finding, with its id, severity, title and metric", T, async () => {
  const cards = page.locator(el("finding"));
  assert.equal(await cards.count(), report.findings.length);
  const shown = await cards.evaluateAll((cs) =>
    cs.map((c) => ({
      id: c.getAttribute("data-id"),
      severity: c.getAttribute("data-severity"),
      title: c.querySelector(".finding-title")?.textContent,
      metric: c.querySelector('[data-testid="metric"]')?.textContent ?? "",
    })),
  );
  shown.forEach((s, i) => {
    const f = report.findings[i];
    assert.equal(s.id, f.id, `finding ${i}`);
    assert.equal(s.severity, f.severity, `finding ${i}`);
    assert.equal(s.title, f.title, `finding ${i}`);
    assert.ok(s.metric.startsWith(f.metric_name), `finding ${i} shows its metric name: ${s.metric}`);
  });
  // The counts by severity in the summary are the report's.
  for (const sev of ["error", "warning", "info"]) {
    const n = await page.locator(`${el("summary")} .stat[data-severity="${sev}"]`).getAttribute("data-count");
    assert.equal(Number(n), report.summary[sev], sev);
  }
  const missing = page.locator(`${el("finding")}[data-id="missing-values"]`).first();
  assert.match(await missing.textContent(), /workclass/);
});

test("evidence tables start collapsed and open on a click", T, async () => {
  const ev = page.locator(`${el("finding")}[data-id="missing-values"] [data-testid="evidence"]`).first();
  assert.equal(await ev.evaluate((d) => d.open), false);
  const table = ev.locator("table");
  assert.equal(await table.isVisible(), false);
  await ev.locator("summary").click();
  assert.equal(await table.isVisible(), true);
  // The first evidence row is the CLI's first evidence line for that finding.
  const f = cli.findings.find((x) => x.id === "missing-values");
  const firstLine = await table.locator("tbody tr").first().locator("td").first().textContent();
  assert.equal(firstLine, f.evidence[0].line.toLocaleString("en-US"));
  await ev.locator("summary").click();
  assert.equal(await table.isVisible(), false);
});

test("the report is written to target/e2e/adult-report.png (full page)", T, async () => {
  const path = await screenshot(page, "adult-report");
  assert.ok(path.endsWith("adult-report.png"));
});

test("the JSON download is the engine's JSON report", T, async () => {
  const { href, name, text } = await downloadText(page, "download-json");
  assert.match(href, /^blob:http:\/\/127\.0\.0\.1:\d+\//);
  assert.equal(name, "adult.datalint.json");
  const parsed = JSON.parse(text);
  assert.deepEqual(parsed, report, "the download is the report the event carried");
  assertSameReport(parsed, cli);
});

test("the Markdown download is the CLI's Markdown report, byte for byte", T, async () => {
  const { href, name, text } = await downloadText(page, "download-markdown");
  assert.match(href, /^blob:/);
  assert.equal(name, "adult.datalint.md");
  const want = execFileSync(CLI, ["check", ADULT, "--format", "markdown", "--fail-on", "never"]).toString();
  assert.ok(text.length > 1000, "a real report");
  assert.match(text, /^# datalint report: adult\.csv/);
  assert.equal(text.trimEnd(), want.trimEnd());
});

test("no console errors, page errors or dialogs", T, () => {
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.dialogs, []);
});

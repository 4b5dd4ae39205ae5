// "Compare two files" on the page: two generated CSV files with planted differences (the
// candidate's `income` keeps its mean but has half its spread, and 50 of its 1,000 rows copy a
// reference row) are set on <datalint-compare>'s two inputs. The page must show the planted
// findings, the overlaid shapes, the pair heat maps, the copies and the text field; show values
// only as text (one category is markup); make no request while comparing; and hand out the
// report `datalint compare REF CAND --format json` prints for the same files, field by field.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, assertSameReport, downloadText, launch, nextReport, openPage, screenshot, startServer } from "./harness.mjs";
import { writeComparePair } from "./compare-data.mjs";

// Each test and hook fails after a minute rather than hanging the run.
const T = { timeout: 60_000 };
const EL = "datalint-compare";
const el = (id) => `${EL} [data-testid="${id}"]`;

let dir;
let files;
let server;
let browser;
let page;
let log;
let origin;
let report; // the detail of the element's datalint-report event
let cli; // the CLI's JSON report for the same two files
let during; // requests made between setting the files and the report

const compareCli = (format) =>
  execFileSync(CLI, ["compare", files.reference, files.candidate, "--format", format, "--fail-on", "never"], { maxBuffer: 64 << 20 }).toString();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "datalint-compare-"));
  files = writeComparePair(dir);
  cli = JSON.parse(compareCli("json"));
  server = await startServer();
  origin = new URL(server.url).origin;
  browser = await launch();
  ({ page, log } = await openPage(browser, server.url));
  // The page opens in "Check a file"; the comparison is the other mode.
  assert.equal(await page.locator(EL).isVisible(), false, "the compare element starts hidden");
  await page.locator('label[for="mode-compare"]').click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.ready === true, EL, { timeout: 30_000 });
  const mark = log.mark();
  const got = nextReport(page, EL);
  await page.locator(el("reference-input")).setInputFiles(files.reference);
  await page.locator(el("candidate-input")).setInputFiles(files.candidate);
  report = await got;
  const end = log.mark();
  during = log.requests.filter((r) => r.at > mark && r.at < end);
}, T);

after(async () => {
  await browser?.close();
  server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the mode switch shows the compare element and hides the check", T, async () => {
  assert.equal(await page.locator(EL).isVisible(), true);
  assert.equal(await page.locator("datalint-check").isVisible(), false);
  assert.equal(await page.locator(EL).getAttribute("data-state"), "done");
  assert.equal(await page.locator(el("alert")).isHidden(), true, "no alert");
});

test("the report the page hands out is the CLI's `compare --format json`, field by field", T, async () => {
  assert.equal(report.reference.source.name, "ref.csv");
  assert.equal(report.candidate.source.name, "cand.csv");
  assert.equal(report.reference.rows, 1000);
  assert.equal(report.candidate.rows, 1000);
  // Nothing is left out: the two engines read the same bytes with the same options.
  assertSameReport(report, cli);
  const prop = await page.evaluate((sel) => document.querySelector(sel).report, EL);
  assert.deepEqual(prop, report, "the element's report property is the event's report");
});

test("the JSON download is the same report, and the Markdown download is the CLI's Markdown", T, async () => {
  const json = await downloadText(page, "download-json", EL);
  assert.match(json.href, /^blob:http:\/\/127\.0\.0\.1:\d+\//);
  assert.equal(json.name, "cand-vs-ref.datalint-compare.json");
  const parsed = JSON.parse(json.text);
  assert.deepEqual(parsed, report);
  assertSameReport(parsed, cli);
  const md = await downloadText(page, "download-markdown", EL);
  assert.equal(md.name, "cand-vs-ref.datalint-compare.md");
  assert.ok(md.text.length > 500, "a real report");
  assert.equal(md.text.trimEnd(), compareCli("markdown").trimEnd());
  const prop = await page.evaluate((sel) => document.querySelector(sel).markdown, EL);
  assert.equal(prop, md.text);
});

test("the summary names both files and shows the scores and counts of the report", T, async () => {
  assert.match(await page.locator(el("reference-facts")).textContent(), /ref\.csv.*1,000 rows · 6 columns/);
  assert.match(await page.locator(el("candidate-facts")).textContent(), /cand\.csv.*1,000 rows · 6 columns/);
  assert.equal(await page.locator(el("score-overall")).locator(".stat-value").textContent(), `${report.scores.overall.toFixed(1)}%`);
  assert.equal(await page.locator(el("drifted-count")).locator(".stat-value").textContent(), `${report.drifted[0]} of ${report.drifted[1]}`);
  for (const sev of ["error", "warning", "info"]) {
    const n = await page.locator(`${el("compare-summary")} .stat[data-severity="${sev}"]`).getAttribute("data-count");
    assert.equal(Number(n), report.summary[sev], sev);
  }
});

test("the planted differences are findings on the page: tail-collapse and drift on income, copied rows", T, async () => {
  const ids = report.findings.map((f) => f.id);
  for (const id of ["tail-collapse", "drift", "copied-rows", "copied-text"]) assert.ok(ids.includes(id), `the engine found ${id}: ${ids}`);
  assert.deepEqual(report.findings.find((f) => f.id === "tail-collapse").columns, ["income"]);
  assert.deepEqual(report.findings.find((f) => f.id === "drift").columns, ["income"]);
  // One card per finding, in the report's order, with its title and columns as text.
  const cards = page.locator(el("finding"));
  assert.equal(await cards.count(), report.findings.length);
  const shown = await cards.evaluateAll((cs) => cs.map((c) => [c.getAttribute("data-id"), c.querySelector(".finding-title")?.textContent]));
  assert.deepEqual(shown, report.findings.map((f) => [f.id, f.title]));
  for (const id of ["tail-collapse", "drift"]) {
    const card = page.locator(`${el("finding")}[data-id="${id}"]`);
    assert.equal(await card.locator('button.chip[data-column="income"]').count(), 1, `${id} names income`);
  }
  const copied = report.findings.find((f) => f.id === "copied-rows");
  assert.match(await page.locator(`${el("finding")}[data-id="copied-rows"]`).textContent(), /50 candidate rows/);
  assert.equal(copied.evidence.length > 0, true);
});

test("one row per column with its drift verdict and its shapes: overlaid histograms and paired bars", T, async () => {
  const rows = page.locator(el("compare-column"));
  assert.equal(await rows.count(), report.columns.length);
  const seen = await rows.evaluateAll((rs) => rs.map((r) => [r.getAttribute("data-column"), r.getAttribute("data-drifted")]));
  assert.deepEqual(seen, report.columns.map((c) => [c.name, String(c.drift.drifted)]));
  assert.equal(seen.find(([n]) => n === "income")[1], "true", "income drifts");
  for (const col of report.columns) {
    const row = page.locator(`${el("compare-column")}[data-column="${col.name}"]`);
    if (col.kind === "numeric") {
      const hist = row.locator('[data-testid="compare-histogram"]');
      assert.equal(await hist.count(), 1, `${col.name} has a histogram`);
      const bins = col.shapes.edges.length - 1;
      assert.equal(await hist.locator("rect.ref").count(), bins);
      assert.equal(await hist.locator("rect.cand").count(), bins);
    } else {
      const bars = row.locator('[data-testid="compare-categories"]');
      assert.equal(await bars.count(), 1, `${col.name} has paired bars`);
      assert.equal(await bars.locator("rect.ref").count(), col.shapes.categories.length);
    }
  }
  // The candidate's income bars are taller in the middle: half the spread, the same mean.
  const income = report.columns.find((c) => c.name === "income");
  assert.ok(income.std_ratio < 0.6, `std ratio ${income.std_ratio}`);
});

test("the pair heat maps: reference, candidate and difference, one cell per pair", T, async () => {
  const maps = page.locator(el("pair-heatmap"));
  assert.equal(await maps.count(), 3);
  assert.deepEqual(await maps.evaluateAll((ms) => ms.map((m) => m.getAttribute("data-matrix"))), ["reference", "candidate", "difference"]);
  for (const [i, key] of ["reference", "candidate", "difference"].entries()) {
    const cells = maps.nth(i).locator("g.hm-cell");
    assert.equal(await cells.count(), report.pairs.length, key);
    const got = await cells.evaluateAll((cs) => cs.map((c) => [c.getAttribute("data-a"), c.getAttribute("data-b"), c.getAttribute("data-value")]));
    for (const p of report.pairs) {
      const cell = got.find(([a, b]) => a === p.a && b === p.b);
      assert.ok(cell, `${key}: a cell for ${p.a} × ${p.b}`);
      assert.equal(cell[2], p[key] === null ? "" : String(p[key]), `${key}: ${p.a} × ${p.b}`);
    }
  }
  // A stronger relationship is a darker cell: the darkest reference cell is the strongest pair.
  const shade = await maps
    .nth(0)
    .locator("g.hm-cell")
    .evaluateAll((cs) => cs.map((c) => [c.getAttribute("data-a"), c.getAttribute("data-b"), Number(c.querySelector("rect").getAttribute("fill-opacity"))]));
  assert.ok(shade.every(([, , o]) => o > 0 && o <= 1));
  const darkest = shade.reduce((m, x) => (x[2] > m[2] ? x : m));
  const strongest = report.pairs.reduce((m, p) => (Math.abs(p.reference ?? 0) > Math.abs(m.reference ?? 0) ? p : m));
  assert.deepEqual(darkest.slice(0, 2), [strongest.a, strongest.b]);
  assert.equal(await page.locator(el("pairs-changed")).locator("tbody tr").count(), Math.min(10, report.pairs.length));
});

test("copies: the rate against the reference's own, the DCR medians and the copied lines", T, async () => {
  assert.equal(report.copies.count, 50);
  assert.match(await page.locator(el("copies-rate")).textContent(), /^5\.0%/);
  const dcr = await page.locator(el("dcr-stats")).textContent();
  assert.match(dcr, /candidate median/);
  assert.match(dcr, /random rows' median/);
  const ev = page.locator(`${el("copies-evidence")} tbody tr`);
  assert.equal(await ev.count(), report.copies.evidence.length);
  const first = await ev.first().locator("td").allTextContents();
  assert.deepEqual(first, [report.copies.evidence[0].line.toLocaleString("en-US"), report.copies.evidence[0].value]);
});

test("the text field: diversity at equal tokens and the copied texts", T, async () => {
  const card = page.locator(`${el("compare-text-column")}[data-column="note"]`);
  assert.equal(await card.count(), 1);
  const t = report.text.find((x) => x.column === "note");
  assert.match(await card.textContent(), new RegExp(`diversity at ${t.tokens.toLocaleString("en-US")} tokens each`));
  assert.equal(await card.locator('[data-testid="text-diversity"] tbody tr').count(), 6);
  assert.match(await card.locator('[data-testid="text-copied"]').textContent(), /^50 candidate texts copy a reference text/);
});

test("values are text: the markup category is shown, never parsed", T, async () => {
  const city = page.locator(`${el("compare-column")}[data-column="city"]`);
  const desc = await city.locator('[data-testid="compare-categories"] desc').textContent();
  assert.match(desc, /<i>Évora<\/i>: reference/);
  const titles = await city.locator("g.cmp-bin title").allTextContents();
  assert.ok(titles.some((t) => t.startsWith("<i>Évora</i>: reference")), titles.join(" | "));
  // No element was made from the data: no <i> anywhere in the element's shadow root.
  const italics = await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelectorAll("i").length, EL);
  assert.equal(italics, 0);
});

test("no request while comparing, and none to another origin at all", T, () => {
  assert.deepEqual(during, [], "requests between setting the files and the report");
  const foreign = log.requests.filter((r) => new URL(r.url).origin !== origin);
  assert.deepEqual(foreign, []);
});

test("the comparison is written to target/e2e/compare-report.png (full page)", T, async () => {
  const path = await screenshot(page, "compare-report");
  assert.ok(path.endsWith("compare-report.png"));
});

test("no console errors, page errors or dialogs", T, () => {
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.dialogs, []);
});

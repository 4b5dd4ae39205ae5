// The Bias section for the real UCI Adult file: proposed roles, one chart per sensitive column
// with the four-fifths line, the tables, and re-running with other roles on the same file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { ADULT, loadReport, nextReport, screenshot } from "./harness.mjs";

const T = { timeout: 60_000 };
let server;
let browser;
let page;
let log;
let report;

before(async () => {
  ({ server, browser, page, log, report } = await loadReport(ADULT));
}, T);

after(async () => {
  await browser?.close();
  server?.stop();
});

const el = (id) => `datalint-check [data-testid="${id}"]`;

test("the engine proposed the label and five sensitive columns from their names", T, () => {
  assert.deepEqual(report.roles.label, {
    name: "Salary",
    proposed: true,
    numeric: false,
    classes: [
      { value: "<=50K", count: 24720 },
      { value: ">50K", count: 7841 },
    ],
  });
  assert.deepEqual(
    report.roles.sensitive.map((r) => r.name),
    ["age", "marital-status", "race", "sex", "native-country"],
  );
});

test("the Bias section renders, with the roles shown as proposals", T, async () => {
  const section = page.locator(el("bias-section"));
  await section.waitFor();
  const roles = await page.locator(el("bias-roles")).textContent();
  assert.match(roles, /Salary/);
  assert.match(roles, /proposed/);
  for (const name of ["age", "marital-status", "race", "sex", "native-country"]) {
    const box = page.locator(`${el("sensitive-checkbox")}[data-column="${name}"]`);
    assert.equal(await box.isChecked(), true, `${name} is ticked`);
  }
});

test("one outcome-rate chart per sensitive column, with the four-fifths line and the figures", T, async () => {
  for (const d of report.bias) {
    const chart = page.locator(`${el("bias-chart")}[data-sensitive="${d.sensitive.join(" & ")}"]`).first();
    assert.equal(await chart.count(), 1, `a chart for ${d.sensitive}`);
  }
  const sex = page.locator(`${el("bias-chart")}[data-sensitive="sex"]`).first();
  const text = await sex.textContent();
  assert.match(text, /four-fifths line/);
  assert.match(text, /Female/);
  assert.match(text, /Male/);
  const entry = report.bias.find((d) => d.sensitive[0] === "sex");
  assert.equal(entry.outcome, ">50K");
  // 80% of the highest judged rate (Male, 30.6%) is 24.5%: the line's label says so.
  assert.match(text, /24\.5%/);
  const table = await page.locator(`${el("bias-table")}[data-sensitive="sex"]`).first().textContent();
  assert.match(table, /10\.9%/);
  assert.match(table, /30\.6%/);
});

test("the proxies, missingness and intersections tables show the engine's tables", T, async () => {
  const proxies = await page.locator(el("proxies-table")).textContent();
  assert.match(proxies, /relationship/);
  const missing = await page.locator(el("missingness-table")).textContent();
  assert.match(missing, /workclass/);
  const inter = page.locator(el("intersections-table"));
  assert.ok((await inter.count()) >= 1);
  await screenshot(page, "adult-bias");
});

test("re-running with only 'sex' as sensitive keeps the file and shows one chart", T, async () => {
  for (const name of ["age", "marital-status", "race", "native-country"]) {
    await page.locator(`${el("sensitive-checkbox")}[data-column="${name}"]`).uncheck();
  }
  const mark = log.mark();
  const got = nextReport(page);
  await page.locator(el("bias-rerun")).click();
  const again = await got;
  assert.deepEqual(
    again.roles.sensitive.map((r) => [r.name, r.proposed]),
    [["sex", false]],
  );
  assert.equal(again.bias.length, 1);
  assert.equal(await page.locator(el("bias-chart")).count(), 1);
  assert.equal(log.requests.filter((r) => r.at > mark).length, 0, "the re-run read the same File: no request");
  assert.equal(log.errors.length, 0, log.errors.join("\n"));
});

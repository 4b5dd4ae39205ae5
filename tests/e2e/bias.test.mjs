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

test("one outcome-rate chart per sensitive column; with no favourable value, rates only and no line", T, async () => {
  for (const d of report.bias) {
    const chart = page.locator(`${el("bias-chart")}[data-sensitive="${d.sensitive.join(" & ")}"]`).first();
    assert.equal(await chart.count(), 1, `a chart for ${d.sensitive}`);
  }
  const sex = page.locator(`${el("bias-chart")}[data-sensitive="sex"]`).first();
  const text = await sex.textContent();
  assert.match(text, /rate of Salary = >50K by sex/);
  assert.match(text, /Female/);
  assert.match(text, /Male/);
  // No favourable value given: the engine draws no line, and nothing is "below" it.
  assert.doesNotMatch(text, /four-fifths line|below the/);
  assert.equal(await sex.getAttribute("data-reference-line"), null);
  assert.equal(await sex.locator("g.bc-row.below").count(), 0);
  const entry = report.bias.find((d) => d.sensitive[0] === "sex");
  assert.equal(entry.outcome, ">50K");
  assert.equal(entry.reference_line, null);
  // Each class's rate: >50K and <=50K per group.
  const tableLoc = page.locator(`${el("bias-table")}[data-sensitive="sex"]`).first();
  const table = await tableLoc.textContent();
  assert.match(table, /10\.9%/);
  assert.match(table, /30\.6%/);
  assert.match(await tableLoc.locator('[data-testid="other-class-rate"]').textContent(), /<=50K rate/);
  assert.match(table, /89\.1%/);
  assert.match(table, /69\.4%/);
  const verdict = page.locator(`${el("bias-column")}[data-sensitive="sex"] [data-testid="bias-verdict"]`).first();
  assert.equal(await verdict.getAttribute("data-favourable"), "none");
  assert.match(await verdict.textContent(), /no group is called disadvantaged/);
  // The page says the label was proposed, as the engine's notes do.
  assert.match(await page.locator(el("report-notes")).textContent(), /The label 'Salary' was proposed from its name, not given/);
});

test("the favourable-value control: 'not sure' by default; choosing >50K re-runs with the four-fifths line", T, async () => {
  const fav = page.locator(el("favourable-select"));
  assert.equal(await fav.inputValue(), "");
  assert.equal((await fav.locator("option").first().textContent()).trim(), "not sure: compare each class");
  assert.deepEqual(await fav.locator("option").evaluateAll((os) => os.map((o) => o.value)), ["", "<=50K", ">50K"]);
  await fav.selectOption(">50K");
  const got = nextReport(page);
  await page.locator(el("bias-rerun")).click();
  const again = await got;
  assert.equal(again.options.favourable, ">50K");
  const entry = again.bias.find((d) => d.sensitive[0] === "sex");
  assert.ok(Math.abs(entry.reference_line - 0.8 * entry.groups.find((g) => g.value === "Male").rate) < 1e-12);
  const sex = page.locator(`${el("bias-chart")}[data-sensitive="sex"]`).first();
  await sex.waitFor();
  const text = await sex.textContent();
  assert.match(text, /four-fifths line/);
  // 80% of the highest judged rate (Male, 30.6%) is 24.5%: the line's label says so.
  assert.match(text, /24\.5%/);
  assert.deepEqual(await sex.locator("g.bc-row.below").evaluateAll((rs) => rs.map((r) => r.getAttribute("data-group"))), ["Female"]);
  const legend = await page.locator(`${el("bias-column")}[data-sensitive="sex"] .bc-legend`).first().textContent();
  assert.match(legend, /below the four-fifths line: disadvantaged/);
  const f = again.findings.find((x) => x.id === "label-disparity" && x.columns[0] === "sex");
  assert.match(f.title, /^Female has the lowest rate of the favourable Salary = >50K by sex/);
  assert.equal(await page.locator(el("favourable-select")).inputValue(), ">50K", "the choice is kept");
  await screenshot(page, "adult-bias-favourable");
  // Back to "not sure" for the tests below.
  await page.locator(el("favourable-select")).selectOption("");
  const back = nextReport(page);
  await page.locator(el("bias-rerun")).click();
  assert.equal((await back).options.favourable, null);
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

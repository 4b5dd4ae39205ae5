// A label-disparity threshold other than the default, set in the page's thresholds form: the
// report echoes it, each chart draws the engine's reference line (threshold × highest judged
// rate) where the bars say it is, marks below it exactly the groups under it, and the verdict
// and the findings agree with what is drawn.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ADULT, OUT, assertSameReport, cliReport, loadReport, nextReport, screenshot } from "./harness.mjs";

const T = { timeout: 90_000 };
const THRESHOLD = 0.3; // sex (impact ratio 0.36) and race (0.35) stop firing; age and marital-status still do
let server;
let browser;
let page;
let log;
let first;
let report;

const el = (id) => `datalint-check [data-testid="${id}"]`;

before(async () => {
  ({ server, browser, page, log, report: first } = await loadReport(ADULT));
  await page.locator(el("thresholds-toggle")).click();
  await page.locator(`${el("threshold-input")}[data-check="label-disparity"]`).fill(String(THRESHOLD));
  // The line is drawn only once the favourable value is named.
  await page.locator(el("favourable-select")).selectOption(">50K");
  const got = nextReport(page);
  await page.locator(el("rerun")).click();
  report = await got;
}, T);

after(async () => {
  await browser?.close();
  server?.stop();
});

/** What one chart draws: the line's x, each group row's class, bar width and data-group. */
function drawn(sensitive) {
  return page.locator(`${el("bias-chart")}[data-sensitive="${sensitive}"]`).first().evaluate((svg) => {
    const pct = (a) => (a === null ? null : Number(String(a).replace("%", "")));
    const line = svg.querySelector('[data-testid="bias-chart-line"] line');
    const label = svg.querySelector('[data-testid="bias-chart-line"] text');
    return {
      lineX: line ? pct(line.getAttribute("x1")) : null,
      lineText: label?.textContent ?? null,
      rows: [...svg.querySelectorAll("g.bc-row")].map((r) => ({
        group: r.getAttribute("data-group"),
        below: r.classList.contains("below"),
        width: pct(r.querySelector(".bc-bar")?.getAttribute("width") ?? null),
      })),
    };
  });
}

const disparityFindings = (r, columns) =>
  r.findings.filter((f) => f.id === "label-disparity" && JSON.stringify(f.columns) === JSON.stringify(columns));

test("the report echoes the threshold set in the form, and is the CLI's report with that threshold", T, () => {
  assert.equal(first.options.thresholds["label-disparity"], 0.8);
  assert.equal(report.options.thresholds["label-disparity"], THRESHOLD);
  const config = join(OUT, "bias-threshold.config.json");
  writeFileSync(config, JSON.stringify({ thresholds: { "label-disparity": THRESHOLD } }));
  assertSameReport(report, cliReport(ADULT, ["--config", config, "--favourable", ">50K"]));
});

test("each chart's line is drawn at reference_line, and exactly the groups under it are marked", T, async () => {
  for (const d of report.bias) {
    const name = d.sensitive.join(" & ");
    const hi = d.groups.find((g) => g.value === d.highest);
    assert.ok(hi, `${name}: the highest group is one of the groups`);
    assert.ok(Math.abs(d.reference_line - THRESHOLD * hi.rate) < 1e-12, `${name}: reference_line is the threshold × the highest rate`);
    const got = await drawn(name);
    assert.notEqual(got.lineX, null, `${name}: a line is drawn`);
    // Bars start at 0: the line sits at the same fraction of the highest bar as the threshold.
    const hiRow = got.rows.find((r) => r.group === String(hi.value));
    assert.ok(Math.abs(got.lineX / hiRow.width - THRESHOLD) < 1e-3, `${name}: line at ${got.lineX}% vs highest bar ${hiRow.width}%`);
    assert.match(got.lineText, new RegExp(`^${THRESHOLD} line · `), `${name}: the line is named by its threshold`);
    const want = d.groups.filter((g) => !g.too_small && g.rate < d.reference_line).map((g) => String(g.value));
    assert.deepEqual(got.rows.filter((r) => r.below).map((r) => r.group), want, `${name}: the groups marked below the line`);
    for (const r of got.rows) {
      const g = d.groups.find((x) => String(x.value) === r.group);
      if (g.too_small) continue;
      assert.equal(r.width < got.lineX, r.below, `${name}/${r.group}: its bar ends ${r.below ? "left" : "right"} of the line`);
    }
  }
});

test("the verdict and the findings agree with the line: sex no longer fires, age still does", T, async () => {
  const sexBefore = first.bias.find((d) => d.sensitive[0] === "sex");
  assert.equal(sexBefore.judgement.fires, true);
  assert.equal(disparityFindings(first, ["sex"]).length, 1);
  for (const d of report.bias) {
    const name = d.sensitive.join(" & ");
    const card = page.locator(`${el("bias-column")}[data-sensitive="${name}"]`);
    const verdict = card.locator('[data-testid="bias-verdict"]');
    assert.equal(await verdict.getAttribute("data-fires"), String(d.judgement.fires), `${name}: the verdict is the engine's`);
    const findings = disparityFindings(report, d.sensitive);
    assert.equal(findings.length, d.judgement.fires ? 1 : 0, `${name}: a finding exactly when the judgement fires`);
    const listed = await card.locator('[data-testid="bias-findings"] li[data-id="label-disparity"]').count();
    assert.equal(listed, findings.length, `${name}: the card lists its finding`);
    if (findings.length) assert.equal(findings[0].threshold, THRESHOLD, `${name}: the finding's threshold is the one in force`);
    const impact = d.judgement.reasons.find((r) => r.test === "impact_ratio");
    assert.equal(impact.threshold, THRESHOLD);
    const got = await drawn(name);
    if (!impact.holds) assert.equal(got.rows.filter((r) => r.below).length, 0, `${name}: passes, so no group is below the line`);
  }
  const sex = report.bias.find((d) => d.sensitive[0] === "sex");
  assert.equal(sex.judgement.fires, false);
  const sexDrawn = await drawn("sex");
  assert.deepEqual(sexDrawn.rows.filter((r) => r.below), []);
  const sexVerdict = await page.locator(`${el("bias-column")}[data-sensitive="sex"] [data-testid="bias-verdict"]`).textContent();
  assert.match(sexVerdict, new RegExp(`^Passes the impact ratio threshold of ${THRESHOLD}`));
  assert.equal(report.bias.find((d) => d.sensitive[0] === "age").judgement.fires, true);
  const cards = await page.locator(`${el("finding")}[data-id="label-disparity"]`).count();
  assert.equal(cards, report.findings.filter((f) => f.id === "label-disparity").length);
  await screenshot(page, "bias-threshold");
});

test("no console errors, page errors or dialogs", T, () => {
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.dialogs, []);
});

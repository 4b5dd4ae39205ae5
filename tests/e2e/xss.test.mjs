// Dataset values are untrusted: a CSV whose header, cells and file name hold HTML and script must
// be shown as text. Nothing runs, no dialog opens, and no element is created from the data.
//
// The page's CSP forbids inline script, so `window.__pwned` staying undefined is not enough on its
// own (a CSP would also stop an injected handler): the test also counts the elements inside the
// shadow root and requires that no console error (a CSP violation report) was logged.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { OUT, loadReport, screenshot } from "./harness.mjs";

const IMG = `<img src=x onerror="window.__pwned=1">`;
const SCRIPT = `<script>window.__pwned=2</script>`;
const SVG = `<svg onload="window.__pwned=3">`;
const JS_URL = `javascript:alert(1)`;
const BOLD = `"><b>bold</b>`;
const IFRAME = `<iframe srcdoc="<script>window.__pwned=5</script>"></iframe>`;
const LINK = `<a href="javascript:window.__pwned=6">click</a>`;
// Seven payload columns (with n, eight: enough for the column filter to appear).
const PAYLOADS = [IMG, SCRIPT, SVG, JS_URL, BOLD, IFRAME, LINK];
// A file name is data too (no "/" allowed in a file name, so the <img> payload).
const FILE_NAME = `"><img src=x onerror="window.__pwned=4">.csv`;

const DATA = join(OUT, "data");
mkdirSync(DATA, { recursive: true });
const FILE = join(DATA, FILE_NAME);

const quote = (s) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
{
  // Header: n and the five payloads. Cells: the payloads, some padded with a space (evidence of
  // the whitespace finding), some with a suffix; column n is numeric but for one <script> cell (the
  // evidence of the mixed-types finding).
  const lines = [["n", ...PAYLOADS].map(quote).join(",")];
  for (let i = 0; i < 40; i += 1) {
    const n = i === 7 ? SCRIPT : String(i * 3);
    const cells = PAYLOADS.map((p, j) => ((i + j) % 4 === 0 ? ` ${p}` : i % 3 ? p : `${p}${i}`));
    lines.push([n, ...cells].map(quote).join(","));
  }
  writeFileSync(FILE, `${lines.join("\n")}\n`);
}

// Each test and hook fails after a minute rather than hanging the run.
const T = { timeout: 60_000 };

let server;
let browser;
let page;
let log;
let report;

before(async () => {
  ({ server, browser, page, log, report } = await loadReport(FILE));
  // Open every evidence table, the thresholds and the paste panel so that everything is rendered
  // and laid out, then click the chip of each payload column (reveals its card by name).
  await page.locator('datalint-check [data-testid="evidence"]').evaluateAll((ds) => ds.forEach((d) => (d.open = true)));
  await page.locator('datalint-check [data-testid="thresholds"]').evaluate((d) => (d.open = true));
  for (const name of PAYLOADS) {
    await page.locator("datalint-check button.chip").filter({ hasText: name }).first().click();
  }
  await page.waitForTimeout(500); // time for an <img src=x> to fail and fire onerror
  await screenshot(page, "xss-report");
  const filter = page.locator('datalint-check [data-testid="column-filter"]');
  await filter.fill(BOLD);
  assert.deepEqual(await visibleCards(), [BOLD], "the filter matches the name as text");
  await filter.fill("");
}, T);

function visibleCards() {
  return page
    .locator('datalint-check [data-testid="column-card"]:not([hidden])')
    .evaluateAll((cs) => cs.map((c) => c.getAttribute("data-column")));
}

after(async () => {
  await browser?.close();
  server?.stop();
});

test("the report is of the hostile file", T, () => {
  assert.equal(report.source.name, FILE_NAME);
  assert.deepEqual(
    report.columns.map((c) => c.name),
    ["n", ...PAYLOADS],
  );
  const mixed = report.findings.find((f) => f.id === "mixed-types");
  assert.deepEqual(mixed.evidence.map((e) => e.value), [SCRIPT]);
});

test("nothing ran: window.__pwned is undefined, no dialog, no console error (no CSP violation)", T, async () => {
  assert.equal(await page.evaluate(() => typeof window.__pwned), "undefined");
  assert.deepEqual(log.dialogs, []);
  assert.deepEqual(log.errors, []);
});

test("no element was created from the data, in the shadow root or the page", T, async () => {
  const found = await page.evaluate(() => {
    const host = document.querySelector("datalint-check");
    const roots = [host.shadowRoot, document];
    const out = { dangerous: [], handlers: [], links: [], srcs: [], svgs: [] };
    for (const root of roots) {
      for (const n of root.querySelectorAll("img, script, b, iframe, object, embed, frame, foreignObject, base, meta[http-equiv='refresh']")) {
        if (root === document && (n.tagName === "SCRIPT" || n.tagName === "META")) continue; // the page's own
        out.dangerous.push(n.outerHTML.slice(0, 120));
      }
      for (const n of root.querySelectorAll("*")) {
        for (const a of n.getAttributeNames()) if (/^on/i.test(a)) out.handlers.push(`${n.tagName} ${a}`);
      }
      for (const a of root.querySelectorAll("[href]")) {
        const href = a.getAttribute("href");
        const ok = href.startsWith("blob:") || href === "https://doi.org/10.24432/C5XW20" || (root === document && href === "data:,");
        if (!ok) out.links.push(href);
      }
      for (const n of root.querySelectorAll("[src], [srcdoc], [formaction], [action]")) {
        if (!(root === document && n.tagName === "SCRIPT")) out.srcs.push(n.tagName);
      }
    }
    // Every <svg> inside the element is one of its own: the upload icon, charts or meters.
    for (const svg of host.shadowRoot.querySelectorAll("svg")) {
      const cls = svg.getAttribute("class") ?? "";
      if (!/^(drop-icon|chart histogram|chart bars|meter)$/.test(cls)) out.svgs.push(cls);
    }
    return out;
  });
  assert.deepEqual(found.dangerous, [], "img/script/b/iframe/... elements");
  assert.deepEqual(found.handlers, [], "on* attributes");
  assert.deepEqual(found.links, [], "hrefs other than blob: downloads and the citation");
  assert.deepEqual(found.srcs, [], "src/srcdoc/action attributes");
  assert.deepEqual(found.svgs, [], "svg elements the element did not make");
  assert.equal(await page.locator('datalint-check a[href^="javascript:"]').count(), 0);
});

test("the payloads are shown literally, as text", T, async () => {
  // Column cards: their names, exactly.
  const cards = await page.locator('datalint-check [data-testid="column-card"]').evaluateAll((cs) =>
    cs.map((c) => ({ attr: c.getAttribute("data-column"), name: c.querySelector(".column-name").textContent })),
  );
  assert.deepEqual(
    cards.map((c) => c.attr),
    ["n", ...PAYLOADS],
  );
  assert.deepEqual(
    cards.map((c) => c.name),
    ["n", ...PAYLOADS],
  );
  // The mixed-types evidence cell holds the <script> cell's text.
  const cell = page.locator('datalint-check [data-testid="finding"][data-id="mixed-types"] .value-cell');
  assert.equal(await cell.textContent(), SCRIPT);
  assert.equal(await cell.isVisible(), true);
  // Whitespace evidence and finding titles quote the values and names.
  const ws = await page.locator('datalint-check [data-testid="finding"][data-id="whitespace"]').textContent();
  for (const p of PAYLOADS) assert.ok(ws.includes(p), `whitespace finding shows ${p}`);
  // The file name, in the summary and in the download names.
  assert.equal(await page.locator("datalint-check .file-name").textContent(), FILE_NAME);
  const dl = await page.locator('datalint-check [data-testid="download-json"]').getAttribute("download");
  assert.match(dl, /^[\w.-]+\.datalint\.json$/, `download name is sanitised: ${dl}`);
  // The label select lists the names as option text.
  const options = await page.locator('datalint-check [data-testid="label-select"] option').allTextContents();
  for (const p of PAYLOADS) assert.ok(options.includes(p), `label option ${p}`);
  // The payload really is in the visible text of the report.
  const text = await page.locator('datalint-check [data-testid="report"]').innerText();
  for (const p of [IMG, SCRIPT, BOLD]) assert.ok(text.includes(p), `visible text includes ${p}`);
});

test("a finding's column chip reveals the card whose name is a payload (names are never put into a selector)", T, async () => {
  assert.equal((await visibleCards()).length, 8, "the filter was cleared");
  const card = page.locator('datalint-check [data-testid="column-card"]').nth(5);
  assert.equal(await card.getAttribute("data-column"), BOLD);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator("datalint-check button.chip").filter({ hasText: BOLD }).first().click();
  await page.waitForFunction(() => {
    const c = document.querySelector("datalint-check").shadowRoot.querySelectorAll('[data-testid="column-card"]')[5];
    const r = c.getBoundingClientRect();
    return r.top >= 0 && r.top < innerHeight;
  });
  assert.deepEqual(log.errors, []);
});

// The Text section for a real LLM dataset (Self-Instruct with davinci's answers, JSONL): one block
// per text field with the engine's figures, the answer field's length histogram and artefact
// counts, links to the findings' cards by check id and columns; the report the page got is the
// CLI's. Then a hostile instruction set: its payloads (in values, evidence and a field's name) are
// shown as text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { OUT, ROOT, assertSameReport, chooseFile, cliReport, loadReport, nextReport, openPage, screenshot } from "./harness.mjs";

const FILE = resolve(ROOT, "../shared/data/self-instruct-davinci.jsonl");
const T = { timeout: 60_000 };

let server;
let browser;
let page;
let log;
let report;
let cli;

before(async () => {
  ({ server, browser, page, log, report } = await loadReport(FILE));
  cli = cliReport(FILE);
}, T);

after(async () => {
  await browser?.close();
  server?.stop();
});

const el = (id) => `datalint-check [data-testid="${id}"]`;
const tid = (id) => `[data-testid="${id}"]`; // inside a located part
const fmt = (n) => n.toLocaleString("en-US");

test("the report the page got is the CLI's JSON report for the same file, field by field", T, () => {
  assert.ok(report.text, "the report has a text section");
  assert.ok(report.text.fields.length > 0);
  assertSameReport(report, cli);
});

test("the Text section has one block per text field, in the engine's order, with its figures", T, async () => {
  const section = page.locator(el("text-section"));
  await section.waitFor();
  assert.equal(await page.locator(el("jump-text")).count(), 1, "a Text entry in the jump bar");
  assert.equal(await page.locator(el("text-shape")).getAttribute("data-shape"), report.text.shape);
  const blocks = page.locator(el("text-field"));
  assert.equal(await blocks.count(), report.text.fields.length);
  const shown = await blocks.evaluateAll((bs) => bs.map((b) => ({ column: b.getAttribute("data-column"), role: b.getAttribute("data-role") })));
  assert.deepEqual(
    shown,
    report.text.fields.map((f) => ({ column: f.column, role: f.role ?? "" })),
  );
  for (let i = 0; i < report.text.fields.length; i += 1) {
    const f = report.text.fields[i];
    const figs = await blocks.nth(i).locator(tid("text-figures")).evaluate((dl) =>
      Object.fromEntries([...dl.querySelectorAll("[data-figure]")].map((d) => [d.getAttribute("data-figure"), d.querySelector("dd").textContent])),
    );
    assert.equal(figs.values, fmt(f.values), `${f.column} values`);
    assert.equal(figs.empty, fmt(f.empty), `${f.column} empty`);
    assert.equal(figs.words_median, fmt(f.words_median), `${f.column} words median`);
    assert.equal(figs.words_p90, fmt(f.words_p90), `${f.column} words p90`);
    assert.equal(figs.words_max, fmt(f.words_max), `${f.column} words max`);
    assert.equal(figs.chars_max, fmt(f.chars[2]), `${f.column} chars max`);
  }
});

test("the answer field shows its length histogram and its repetitive, scaffolding and truncated counts", T, async () => {
  const f = report.text.fields.find((x) => x.column === "response");
  assert.equal(f.role, "answer");
  const block = page.locator(`${el("text-field")}[data-column="response"]`);
  const hist = block.locator(tid("length-histogram"));
  assert.equal(await hist.count(), 1);
  // The engine's buckets, in order, with the empty ones between them drawn at zero.
  const bins = await hist.evaluate((svg) => [...svg.querySelectorAll("g.bin")].map((g) => [Number(g.getAttribute("data-below")), Number(g.getAttribute("data-count"))]));
  assert.deepEqual(
    bins.filter(([, c]) => c > 0),
    f.length_histogram.map((b) => [b.below, b.count]),
  );
  for (let k = 1; k < bins.length; k += 1) assert.equal(bins[k][0], bins[k - 1][0] * 2, "the buckets double");
  const counts = await block.locator(tid("text-artefact")).evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.getAttribute("data-kind"), { count: Number(r.getAttribute("data-count")), text: r.children[1].textContent }])),
  );
  assert.ok(f.repetition.repetitive > 0 && f.artefacts.scaffolding > 0 && f.artefacts.truncated > 0, "the file has them");
  assert.deepEqual(counts.repetitive, { count: f.repetition.repetitive, text: fmt(f.repetition.repetitive) });
  assert.deepEqual(counts.scaffolding, { count: f.artefacts.scaffolding, text: fmt(f.artefacts.scaffolding) });
  assert.deepEqual(counts.truncated, { count: f.artefacts.truncated, text: fmt(f.artefacts.truncated) });
  // Diversity is drawn when the engine sends it, and not otherwise.
  assert.equal(await block.locator(tid("text-diversity")).count(), f.diversity ? 1 : 0);
  assert.equal(await block.locator(tid("text-pairs")).count(), f.duplicates.examples.length ? 1 : 0);
});

test("a count's finding link opens that finding's card (same check id and columns), evidence open", T, async () => {
  const row = page.locator(`${el("text-field")}[data-column="response"] ${tid("text-artefact")}[data-kind="truncated"]`);
  const link = row.locator("button[data-finding-index]").first();
  const index = Number(await link.getAttribute("data-finding-index"));
  const f = report.findings[index];
  assert.equal(f.id, "truncated-output");
  assert.deepEqual(f.columns, ["response"]);
  // The examples under the count are the finding's first evidence rows.
  const examples = await row.locator(`${tid("text-examples")} li`).allTextContents();
  assert.ok(examples.length > 0);
  assert.ok(examples[0].includes(`line ${f.evidence[0].line}`));
  await link.click();
  const card = page.locator(`${el("finding")}[data-index="${index}"]`);
  await page.waitForFunction(
    (i) => {
      const c = document.querySelector("datalint-check").shadowRoot.querySelector(`[data-testid="finding"][data-index="${i}"]`);
      const r = c.getBoundingClientRect();
      return r.top >= 0 && r.top < innerHeight;
    },
    index,
  );
  assert.equal(await card.getAttribute("data-id"), "truncated-output");
  assert.equal(await card.locator(tid("evidence")).evaluate((d) => d.open), true);
});

test("the dataset-wide figures: answers echoing their prompt, linked to output-echoes-input", T, async () => {
  const rows = report.text.rows;
  const tr = page.locator(`${el("text-row-figure")}[data-kind="echoes"]`);
  assert.equal(Number(await tr.getAttribute("data-count")), rows.echoes);
  const i = Number(await tr.locator("button[data-finding-index]").first().getAttribute("data-finding-index"));
  assert.equal(report.findings[i].id, "output-echoes-input");
});

test("diversity and near-duplicate pairs are drawn when the engine sends them, with links by check id and column", T, async () => {
  // The engine's figures for these are still being filled in: the renderer is given the report
  // with a diversity and two pairs added to the answer field, and a near-duplicates finding of it.
  const out = await page.evaluate(async (r) => {
    const { renderText } = await import("./render.js");
    const f = r.text.fields.find((x) => x.column === "response");
    f.diversity = { tokens: 100000, distinct: [0.0912, 0.412, 0.73, 0.88], nds: 2.31, compression_ratio: 3.12 };
    f.duplicates.examples = [
      { line_a: 12, line_b: 40, estimate: 0.91 },
      { line_a: 7, line_b: 233, estimate: 0.84 },
    ];
    const sec = renderText(r, { checks: document.querySelector("datalint-check").checks });
    const block = [...sec.querySelectorAll('[data-testid="text-field"]')].find((b) => b.getAttribute("data-column") === "response");
    const div = block.querySelector('[data-testid="text-diversity"]');
    const pairs = [...block.querySelectorAll('[data-testid="text-pair"]')];
    return {
      diversity: div && Object.fromEntries([...div.querySelectorAll("[data-figure]")].map((d) => [d.getAttribute("data-figure"), d.querySelector("dd").textContent])),
      note: div?.textContent ?? "",
      pairs: pairs.map((p) => ({
        text: p.textContent,
        links: [...p.querySelectorAll("button[data-finding-index]")].map((b) => Number(b.getAttribute("data-finding-index"))),
      })),
    };
  }, structuredClone(report));
  assert.deepEqual(out.diversity, {
    "distinct-1": "0.0912",
    "distinct-2": "0.412",
    "distinct-3": "0.730",
    "distinct-4": "0.880",
    nds: "2.31",
    compression_ratio: "3.12",
  });
  assert.match(out.note, /first 100,000 tokens/);
  assert.equal(out.pairs.length, 2);
  assert.match(out.pairs[0].text, /line 12.*↔.*line 40.*0\.91/);
  const near = report.findings.findIndex((f) => f.id === "near-duplicates" && f.columns.length === 1 && f.columns[0] === "response");
  assert.ok(near >= 0);
  assert.deepEqual(out.pairs[0].links, [near, near], "each line opens the field's near-duplicates finding");
});

test("the Text section is written to target/e2e/text-section.png", T, async () => {
  await page.evaluate(() => window.scrollTo(0, 0));
  const section = page.locator(el("text-section"));
  // The sticky jump bar would cover the section's top in an element screenshot.
  await page.locator(el("jump-bar")).evaluate((b) => (b.style.visibility = "hidden"));
  await section.screenshot({ path: join(OUT, "text-section.png") });
  await page.locator(el("jump-bar")).evaluate((b) => (b.style.visibility = ""));
  await screenshot(page, "text-report");
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.dialogs, []);
});

// ---- A hostile instruction set --------------------------------------------------------------

const IMG = `<img src=x onerror="window.__pwned=1">`;
const SCRIPT = `<script>window.__pwned=2</script>`;
const NOTES = `${IMG} notes`; // a free-text field whose name is a payload

function hostileFile() {
  const dir = join(OUT, "data");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "hostile-instructions.jsonl");
  const rows = [];
  for (let i = 0; i < 40; i += 1) {
    const instruction = i % 2 ? `${IMG} describe the picture number ${i} in a few sentences for a child` : `Explain ${SCRIPT} tag number ${i} and what it does in a web page`;
    let output = `Here is an answer about item ${i}: ${IMG} is an image tag and ${SCRIPT} is a script tag; both are shown as text. It has more words ${i}.`;
    if (i % 5 === 0) output = `I'm sorry, but as an AI language model I cannot help with ${IMG} number ${i}.`;
    rows.push(JSON.stringify({ instruction, input: "", output, [NOTES]: `${IMG} free text note ${i} with several words of commentary about row ${i}` }));
  }
  writeFileSync(path, `${rows.join("\n")}\n`);
  return path;
}

test("an instruction set holding HTML shows it as text: values, evidence and a field's name", T, async () => {
  const { context, page: p, log: plog } = await openPage(browser, server.url);
  try {
    const got = nextReport(p);
    await chooseFile(p, hostileFile());
    const r = await got;
    assert.ok(r.text.fields.some((f) => f.column === NOTES), "the payload-named column is a text field");
    const refusal = r.findings.find((f) => f.id === "refusal");
    assert.ok(refusal && refusal.evidence[0].value.includes(IMG), "the refusal evidence quotes the payload");
    const section = p.locator(el("text-section"));
    await section.waitFor();
    await p.waitForTimeout(300); // time for an <img src=x> to fail and fire onerror
    const text = await section.innerText();
    assert.ok(text.includes(NOTES), "the field's name, literally");
    assert.ok(text.includes(IMG), "an opener or example, literally");
    const example = await p.locator(`${el("text-field")}[data-column="output"] ${tid("text-artefact")}[data-kind="refusals"] ${tid("text-examples")}`).textContent();
    assert.ok(example.includes(IMG), "the refusal's evidence, literally");
    const found = await p.evaluate(() => {
      const root = document.querySelector("datalint-check").shadowRoot;
      const out = { dangerous: [], handlers: [] };
      for (const n of root.querySelectorAll("img, script, b, iframe, object, embed")) out.dangerous.push(n.tagName);
      for (const n of root.querySelectorAll("*")) for (const a of n.getAttributeNames()) if (/^on/i.test(a)) out.handlers.push(`${n.tagName} ${a}`);
      return out;
    });
    assert.deepEqual(found, { dangerous: [], handlers: [] });
    assert.equal(await p.evaluate(() => typeof window.__pwned), "undefined");
    assert.deepEqual(plog.errors, []);
    assert.deepEqual(plog.dialogs, []);
  } finally {
    await context.close();
  }
});

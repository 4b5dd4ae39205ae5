// "Nothing is uploaded": every request the page and its worker make goes to the page's own
// origin, none at all happens while a file is checked, and the CSP stops requests elsewhere.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { ADULT, OUT, ROOT, chooseFile, launch, nextReport, openPage, startServer } from "./harness.mjs";

// Each test and hook fails after a minute rather than hanging the run.
const T = { timeout: 60_000 };

let server;
let browser;
let page;
let log;
let origin;
// Another origin (another port) that counts what reaches it: proof that a blocked request never
// left the browser, which example.com (unreachable from a sandbox anyway) cannot give.
let sink;
let sinkHits = [];
let sinkOrigin;
const failed = new Map(); // url -> failure text, for requests the browser reported as failed

before(async () => {
  server = await startServer();
  origin = new URL(server.url).origin;
  sink = createServer((req, res) => {
    sinkHits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "access-control-allow-origin": "*", "content-type": "text/plain" });
    res.end("ok");
  });
  await new Promise((r) => sink.listen(0, "127.0.0.1", r));
  sinkOrigin = `http://127.0.0.1:${sink.address().port}`;
  browser = await launch();
  ({ page, log } = await openPage(browser, server.url));
  page.context().on("requestfailed", (r) => failed.set(r.url(), r.failure()?.errorText ?? ""));
}, T);

after(async () => {
  writeFileSync(join(OUT, "network-log.json"), JSON.stringify({ requests: log?.requests, errors: log?.errors }, null, 2));
  await browser?.close();
  server?.stop();
  sink?.close();
});

const path = (url) => new URL(url).pathname;

test("the page and its worker load only from the page's origin", T, () => {
  const paths = log.requests.map((r) => path(r.url));
  // The worker's own requests are in the log too (the context records them).
  // The engine's SIMD128 build: this Chromium validates WebAssembly SIMD (engines.test.mjs).
  for (const p of ["/", "/datalint-check.js", "/render.js", "/protocol.js", "/worker.js", "/pkg/datalint.js", "/pkg/datalint_simd_bg.wasm"]) {
    assert.ok(paths.includes(p), `${p} was requested: ${paths.join(" ")}`);
  }
  const foreign = log.requests.filter((r) => new URL(r.url).origin !== origin);
  assert.deepEqual(foreign, [], `every request is to ${origin}`);
});

test("index.html and worker.js are served with the CSP header", T, () => {
  for (const p of ["/", "/worker.js"]) {
    const res = log.responses.find((r) => path(r.url) === p);
    assert.ok(res, `a response for ${p}`);
    assert.equal(res.status, 200);
    const csp = res.headers["content-security-policy"];
    assert.ok(csp, `${p} carries a Content-Security-Policy header`);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /connect-src 'self'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  }
});

test("no request at all between choosing a file and its report", T, async () => {
  const mark = log.mark();
  const got = nextReport(page);
  await chooseFile(page, ADULT);
  const report = await got;
  const end = log.mark();
  assert.equal(report.rows, 32561);
  const during = log.requests.filter((r) => r.at > mark && r.at < end);
  assert.deepEqual(during, [], "requests while checking");
  // The download links are object URLs of the page, not addresses elsewhere.
  const href = await page.locator('datalint-check [data-testid="download-json"]').getAttribute("href");
  assert.equal(new URL(href).origin, origin);
});

test("the CSP blocks requests to other origins from the page", T, async () => {
  const errorsBefore = log.errors.length;
  const result = await page.evaluate(async (sinkOrigin) => {
    const out = {};
    const attempt = async (name, url) => {
      try {
        await fetch(url, { mode: "no-cors" });
        out[name] = "resolved";
      } catch (e) {
        out[name] = `rejected: ${e}`;
      }
    };
    await attempt("example", "https://example.com/");
    await attempt("sink", `${sinkOrigin}/fetch`);
    navigator.sendBeacon(`${sinkOrigin}/beacon`, "x");
    out.image = await new Promise((res) => {
      const img = new Image();
      img.onload = () => res("loaded");
      img.onerror = () => res("blocked");
      img.src = `${sinkOrigin}/pixel.png`;
    });
    return out;
  }, sinkOrigin);
  assert.match(result.example, /^rejected: TypeError/, "fetch of https://example.com/ rejects");
  assert.match(result.sink, /^rejected: TypeError/, "fetch of another origin rejects");
  assert.equal(result.image, "blocked");
  await page.waitForTimeout(500);
  assert.deepEqual(sinkHits, [], "nothing reached the other origin");
  // It is the CSP that stopped them, and said so.
  const csp = log.errors.slice(errorsBefore).filter((e) => /Content Security Policy/.test(e));
  for (const what of ["https://example.com/", `${sinkOrigin}/fetch`, `${sinkOrigin}/beacon`]) {
    assert.ok(csp.some((e) => e.includes(what) && /connect-src/.test(e)), `connect-src blocked ${what}: ${csp.join(" | ")}`);
  }
  assert.ok(csp.some((e) => e.includes(`${sinkOrigin}/pixel.png`) && /img-src/.test(e)), "img-src blocked the image");
});

test("the CSP blocks requests to other origins from the worker", T, async () => {
  const workers = page.workers();
  assert.equal(workers.length, 1, "the element runs one worker");
  const before = log.requests.length;
  const result = await workers[0].evaluate(async (urls) => {
    const out = [];
    for (const url of urls) {
      try {
        await fetch(url, { mode: "no-cors" });
        out.push("resolved");
      } catch (e) {
        out.push(`rejected: ${e}`);
      }
    }
    return out;
  }, ["https://example.com/from-worker", `${sinkOrigin}/from-worker`]);
  assert.match(result[0], /^rejected: TypeError/);
  assert.match(result[1], /^rejected: TypeError/);
  await page.waitForTimeout(200);
  assert.deepEqual(sinkHits, [], "nothing reached the other origin");
  const sent = log.requests.slice(before).filter((r) => new URL(r.url).origin !== origin);
  assert.deepEqual(sent, []);
  // The worker still works after the attempt.
  const got = nextReport(page);
  await chooseFile(page, join(ROOT, "www/samples/adult-2000.csv"));
  assert.equal((await got).rows, 2000);
});

test("over the whole run, every request was same-origin or blocked by the CSP before leaving", T, () => {
  for (const r of log.requests) {
    if (new URL(r.url).origin === origin) continue;
    assert.match(failed.get(r.url) ?? "not failed", /^(csp|net::ERR_BLOCKED_BY_CSP)$/, `${r.url} was blocked by the CSP`);
  }
  assert.deepEqual(sinkHits, []);
});

test("nothing but the CSP reports was logged as an error, and no dialog opened", T, () => {
  const other = log.errors.filter((e) => !/Content Security Policy/.test(e));
  assert.deepEqual(other, []);
  assert.deepEqual(log.dialogs, []);
});

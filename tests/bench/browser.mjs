// Browser benchmark (not a test): checks a generated CSV with datalint in a Web Worker and parses
// the same File with Papaparse in a Web Worker, in one headless Chromium, and prints both
// throughputs and their ratio.
//
//   node tests/bench/browser.mjs [MB]        (default 200; needs scripts/serve's build of www/pkg)
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { statSync } from "node:fs";
import { ROOT, benchFile, launch } from "../e2e/harness.mjs";

const mb = Number(process.argv[2] || 200);
const file = benchFile(mb);
const size = statSync(file).size;

const PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title>
<input type="file" id="f"><script type="module" src="/bench.js"></script>`;
const BENCH_JS = `
import { MSG } from "/protocol.js";
function datalint(file) {
  return new Promise((resolve, reject) => {
    const w = new Worker("/worker.js", { type: "module" });
    let t0;
    w.onmessage = (e) => {
      const m = e.data;
      if (m.type === MSG.READY) { t0 = performance.now(); w.postMessage({ type: MSG.START, file, name: file.name, options: {} }); }
      else if (m.type === MSG.REPORT) { const ms = performance.now() - t0; w.terminate(); resolve({ ms, rows: m.report.rows, memoryBytes: m.memoryBytes }); }
      else if (m.type === MSG.ERROR) { w.terminate(); reject(new Error(m.message)); }
    };
  });
}
function papaparse(file) {
  return new Promise((resolve) => {
    const w = new Worker("/papa-worker.js");
    w.onmessage = (e) => { w.terminate(); resolve(e.data); };
    w.postMessage(file);
  });
}
window.runBench = async () => {
  const file = document.getElementById("f").files[0];
  const out = [];
  for (let i = 0; i < 2; i++) {
    out.push({ tool: "papaparse", ...(await papaparse(file)) });
    out.push({ tool: "datalint", ...(await datalint(file)) });
  }
  return out;
};`;
const PAPA_WORKER = `importScripts("/papaparse.min.js");
onmessage = (e) => {
  const t0 = performance.now();
  let rows = 0;
  Papa.parse(e.data, {
    chunkSize: 1 << 20,
    chunk: (res) => { rows += res.data.length; },
    complete: () => postMessage({ ms: performance.now() - t0, rows }),
  });
};`;

const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
const server = createServer(async (req, res) => {
  const path = new URL(req.url, "http://x").pathname;
  const inline = { "/": PAGE, "/bench.js": BENCH_JS, "/papa-worker.js": PAPA_WORKER }[path];
  try {
    const body =
      inline ??
      (path === "/papaparse.min.js"
        ? await readFile(join(ROOT, "node_modules/papaparse/papaparse.min.js"))
        : await readFile(join(ROOT, "www", path)));
    res.writeHead(200, { "content-type": TYPES[extname(path)] || (inline ? "text/html" : "application/octet-stream") });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.setInputFiles("#f", file);
  const runs = await page.evaluate(() => window.runBench());
  const mbs = (r) => size / 1e6 / (r.ms / 1000);
  console.log(`file         ${file} (${(size / 1e6).toFixed(1)} MB)`);
  for (const r of runs) {
    const mem = r.memoryBytes ? `, wasm memory ${(r.memoryBytes / 2 ** 20).toFixed(0)} MiB` : "";
    console.log(`${r.tool.padEnd(12)} ${mbs(r).toFixed(1).padStart(7)} MB/s  (${(r.ms / 1000).toFixed(2)} s, ${r.rows} rows${mem})`);
  }
  const best = (tool) => Math.max(...runs.filter((r) => r.tool === tool).map(mbs));
  console.log(`ratio        ${(best("datalint") / best("papaparse")).toFixed(2)} (datalint full check / Papaparse bare parse, best of 2 each)`);
} finally {
  await browser.close();
  server.close();
}

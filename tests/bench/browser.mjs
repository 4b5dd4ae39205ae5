// Browser benchmark (not a test): checks a generated CSV with datalint in a Web Worker and parses
// the same File with Papaparse in a Web Worker, in one headless Chromium, and prints both
// throughputs and their ratio; datalint also on 2 workers (and more: WORKERS=2,4), the file split
// across them as the element splits it (protocol.js, "Several workers"), and the engine's baseline
// build (no SIMD128) against its SIMD128 build on one worker.
//
//   node tests/bench/browser.mjs [MB]        (default 200; needs scripts/serve's build of www/pkg)
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { statSync } from "node:fs";
import { ROOT, benchFile, launch } from "../e2e/harness.mjs";

const mb = Number(process.argv[2] || 200);
const counts = (process.env.WORKERS ?? "2").split(",").map(Number).filter((n) => n > 1);
const file = benchFile(mb);
const size = statSync(file).size;

const PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title>
<input type="file" id="f"><script type="module" src="/bench.js"></script>`;
const BENCH_JS = `
import { MIN_RANGE, MSG } from "/protocol.js";
function datalint(file, url = "/worker.js") {
  return new Promise((resolve, reject) => {
    const w = new Worker(url, { type: "module" });
    let t0, engine;
    w.onmessage = (e) => {
      const m = e.data;
      if (m.type === MSG.READY) { engine = m.engine; t0 = performance.now(); w.postMessage({ type: MSG.START, file, name: file.name, options: {} }); }
      else if (m.type === MSG.REPORT) { const ms = performance.now() - t0; w.terminate(); resolve({ ms, rows: m.report.rows, memoryBytes: m.memoryBytes, engine }); }
      else if (m.type === MSG.ERROR) { w.terminate(); reject(new Error(m.message)); }
    };
  });
}
// The same check split across n workers: all started and loaded before the clock starts.
async function datalintOn(file, n) {
  const ws = Array.from({ length: n }, () => new Worker("/worker.js", { type: "module" }));
  const ready = ws.map((w) => new Promise((res, rej) => {
    w.onmessage = (e) => (e.data.type === MSG.READY ? res() : e.data.type === MSG.ERROR && rej(new Error(e.data.message)));
  }));
  await Promise.all(ready);
  try {
    return await new Promise((resolve, reject) => {
      const ports = ws.slice(1).map((h) => {
        const c = new MessageChannel();
        h.postMessage({ type: MSG.SERVE, port: c.port2 }, [c.port2]);
        return c.port1;
      });
      const t0 = performance.now();
      ws[0].onmessage = (e) => {
        const m = e.data;
        if (m.type === MSG.REPORT) resolve({ ms: performance.now() - t0, rows: m.report.rows, memoryBytes: m.memoryBytes, reading: m.reading });
        else if (m.type === MSG.ERROR) reject(new Error(m.message));
      };
      ws[0].postMessage({ type: MSG.START, file, name: file.name, options: {}, helpers: ports, minRange: MIN_RANGE }, ports);
    });
  } finally {
    ws.forEach((w) => w.terminate());
  }
}
function papaparse(file) {
  return new Promise((resolve) => {
    const w = new Worker("/papa-worker.js");
    w.onmessage = (e) => { w.terminate(); resolve(e.data); };
    w.postMessage(file);
  });
}
window.runBench = async (counts) => {
  const file = document.getElementById("f").files[0];
  const out = [];
  for (let i = 0; i < 2; i++) {
    out.push({ tool: "papaparse", ...(await papaparse(file)) });
    out.push({ tool: "datalint", ...(await datalint(file)) });
    // The engine's baseline build (no SIMD128), as a browser without WebAssembly SIMD loads it.
    out.push({ tool: "baseline", ...(await datalint(file, "/worker.js?simd=off")) });
    for (const n of counts) out.push({ tool: \`datalint×\${n}\`, ...(await datalintOn(file, n)) });
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
  const runs = await page.evaluate((c) => window.runBench(c), counts);
  const mbs = (r) => size / 1e6 / (r.ms / 1000);
  console.log(`file         ${file} (${(size / 1e6).toFixed(1)} MB)`);
  for (const r of runs) {
    const mem = r.memoryBytes ? `, wasm memory ${(r.memoryBytes / 2 ** 20).toFixed(0)} MiB` : "";
    const how = (r.reading ? `, ${r.reading.ranges} ranges` : "") + (r.engine ? `, ${r.engine} build` : "");
    console.log(`${r.tool.padEnd(12)} ${mbs(r).toFixed(1).padStart(7)} MB/s  (${(r.ms / 1000).toFixed(2)} s, ${r.rows} rows${mem}${how})`);
  }
  const best = (tool) => Math.max(...runs.filter((r) => r.tool === tool).map(mbs));
  console.log(`ratio        ${(best("datalint") / best("papaparse")).toFixed(2)} (datalint full check / Papaparse bare parse, best of 2 each)`);
  console.log(`ratio        ${(best("datalint") / best("baseline")).toFixed(2)} (datalint, SIMD128 build / baseline build, one worker each)`);
  for (const n of counts) {
    const t = `datalint×${n}`;
    console.log(`ratio        ${(best(t) / best("papaparse")).toFixed(2)} (${t} / Papaparse), ${(best(t) / best("datalint")).toFixed(2)} (${t} / one worker)`);
  }
} finally {
  await browser.close();
  server.close();
}

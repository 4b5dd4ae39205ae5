// Static guarantees of the page's code: dataset values can only ever be rendered as text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "./harness.mjs";

const WWW = join(ROOT, "www");

/** Every .js file under `dir`, in every folder at any depth (the generated www/pkg/ too). */
function walk(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...walk(path));
    } else if (entry.name.endsWith(".js")) {
      out.push(path);
    }
  }
  return out;
}

const sources = walk(WWW).map((path) => ({ f: relative(WWW, path), text: readFileSync(path, "utf8") }));

test("no HTML-parsing sinks in the page's code", () => {
  const files = sources.map((s) => s.f);
  for (const f of ["datalint-check.js", "worker.js", "protocol.js", "render.js"]) assert.ok(files.includes(f), `${f} is checked`);
  for (const dir of ["element/", "render/"]) assert.ok(files.some((f) => f.startsWith(dir)), `the files under www/${dir} are checked`);
  const sinks = /\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|srcdoc|new Function|\beval\(/;
  for (const { f, text } of sources) {
    const code = text.replace(/\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
    assert.doesNotMatch(code, sinks, `${f} uses an HTML-parsing sink`);
  }
});

test("the page declares a Content-Security-Policy that forbids other origins and inline script", () => {
  for (const page of ["index.html", "embed.html"]) {
    const html = readFileSync(join(WWW, page), "utf8");
    const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
    assert.ok(csp, `${page} has a CSP meta`);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.match(csp, /connect-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline'[^;]*script|script-src[^;]*unsafe-inline|https?:|\*/);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${page} has no inline script`);
  }
});

test("the page holds no copy of the engine's rules: no bias constants, no seams left", () => {
  // The engine sends its thresholds (report.options), params (checks()), units and judgements;
  // a number here that equals one of its rules would be a second copy that can drift.
  const rules = /\b(MIN_GROUP|MAX_P|MIN_V|MIN_SMD|FOUR_FIFTHS|MAX_CLASSES|metricKind)\b|(?<![\d.])0?\.(8|001)(?!\d)|\bSEAM\b/;
  for (const { f, text } of sources) {
    // Generated code, the printing rules, and stylesheets (CSS opacities are not rules).
    if (f.startsWith("pkg/") || f === "render/format.js" || f.endsWith("styles.js")) continue;
    const code = text.replace(/\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
    assert.doesNotMatch(code, rules, `${f} holds a copy of an engine rule`);
  }
  assert.ok(!sources.some((s) => s.f === "render/bias-rules.js"), "render/bias-rules.js is gone");
});

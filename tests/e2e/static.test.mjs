// Static guarantees of the page's code: dataset values can only ever be rendered as text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./harness.mjs";

const WWW = join(ROOT, "www");
const sources = readdirSync(WWW)
  .filter((f) => f.endsWith(".js"))
  .map((f) => ({ f, text: readFileSync(join(WWW, f), "utf8") }));

test("no HTML-parsing sinks in the page's code", () => {
  assert.ok(sources.length >= 4, "datalint-check.js, render.js, worker.js, protocol.js");
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

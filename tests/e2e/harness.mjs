// Shared set-up for the browser tests: the static server, Debian's Chromium through
// playwright-core, request logging, and helpers to drive <datalint-check>.
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const ADULT = resolve(ROOT, "../shared/data/adult.csv");
export const OUT = join(ROOT, "target/e2e");
export const CLI = join(ROOT, "target/release/datalint");
mkdirSync(OUT, { recursive: true });

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Starts scripts/server.mjs on a free loopback port; resolves to { url, stop }. */
export function startServer() {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "scripts/server.mjs"), "0"], { stdio: ["ignore", "pipe", "inherit"] });
    let buf = "";
    child.stdout.on("data", (d) => {
      buf += d;
      const m = buf.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolveStart({ url: m[0], stop: () => child.kill() });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

export async function launch() {
  const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: run scripts/test, which installs it`);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/**
 * A fresh page on the served app with every request, console error and page error recorded.
 * `log.requests` holds { url, at } with `at` a monotonic counter shared with `mark()`;
 * `log.responses` holds { url, status, headers }.
 */
export async function openPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const log = { requests: [], responses: [], errors: [], dialogs: [], tick: 0 };
  context.on("request", (r) => log.requests.push({ url: r.url(), at: log.tick++ }));
  context.on("response", (r) => log.responses.push({ url: r.url(), status: r.status(), headers: r.headers() }));
  page.on("console", (m) => m.type() === "error" && log.errors.push(m.text()));
  page.on("pageerror", (e) => log.errors.push(String(e)));
  page.on("dialog", async (d) => {
    log.dialogs.push(d.message());
    await d.dismiss();
  });
  log.mark = () => log.tick++;
  await page.goto(url);
  try {
    await page.waitForFunction(() => customElements.get("datalint-check") !== undefined, null, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector("datalint-check")?.ready === true, null, { timeout: 30_000 });
  } catch (err) {
    // Say why: a module that failed to load or an engine that did not start logs an error.
    throw new Error(`${url}: the element did not become ready (${err.message.split("\n")[0]}); page errors: ${JSON.stringify(log.errors)}`);
  }
  return { context, page, log };
}

/**
 * Resolves when the element dispatches datalint-report (or rejects on datalint-error, or when
 * no report arrives within `timeoutMs`: a broken page fails the test instead of hanging it).
 */
export function nextReport(page, selector = "datalint-check", timeoutMs = 120_000) {
  return page.evaluate(
    ([sel, ms]) =>
      new Promise((res, rej) => {
        const el = document.querySelector(sel);
        const ok = (e) => {
          cleanup();
          res(e.detail);
        };
        const bad = (e) => {
          cleanup();
          rej(new Error(e.detail?.message ?? "datalint-error"));
        };
        const timer = setTimeout(() => {
          cleanup();
          rej(new Error(`no datalint-report within ${ms} ms`));
        }, ms);
        const cleanup = () => {
          clearTimeout(timer);
          el.removeEventListener("datalint-report", ok);
          el.removeEventListener("datalint-error", bad);
        };
        el.addEventListener("datalint-report", ok);
        el.addEventListener("datalint-error", bad);
      }),
    [selector, timeoutMs],
  );
}

/**
 * The set-up most test files share: the server, Chromium, a fresh page on the app and `file`
 * chosen through the file input. Resolves to { server, browser, page, log, report } with the
 * report of the datalint-report event; on failure stops what it started before rethrowing.
 */
export async function loadReport(file) {
  const server = await startServer();
  let browser;
  try {
    browser = await launch();
    const { page, log } = await openPage(browser, server.url);
    const got = nextReport(page);
    await chooseFile(page, file);
    const report = await got;
    return { server, browser, page, log, report };
  } catch (err) {
    await browser?.close();
    server.stop();
    throw err;
  }
}

/** Chooses a file through the element's file input (what a person does with the picker). */
export async function chooseFile(page, files, selector = "datalint-check") {
  const input = page.locator(`${selector} [data-testid="file-input"]`);
  await input.setInputFiles(files);
}

/** The CLI's JSON report for the same file, for field-by-field comparison. */
export function cliReport(path, args = []) {
  const out = execFileSync(CLI, ["check", path, "--format", "json", "--fail-on", "never", ...args], {
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out.toString());
}

/** Generates the deterministic benchmark CSV of `mb` MB (reused when present); returns its path. */
export function benchFile(mb) {
  const dir = join(ROOT, "target/e2e-data");
  return execFileSync(CLI, ["bench", "--mb", String(mb), "--dir", dir, "--generate-only"]).toString().trim();
}

/**
 * Deep comparison with a relative tolerance for floats: the wasm engine and the native CLI run
 * the same code, but libm's pow/exp may differ in the last bit between the two targets.
 */
export function assertSameReport(got, want, path = "report", rel = 1e-12) {
  if (typeof want === "number" && typeof got === "number") {
    const tol = rel * Math.max(1, Math.abs(want));
    if (Math.abs(got - want) > tol) throw new Error(`${path}: page ${got} vs CLI ${want}`);
    return;
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length)
      throw new Error(`${path}: page has ${got?.length} items, CLI ${want.length}`);
    want.forEach((w, i) => assertSameReport(got[i], w, `${path}[${i}]`, rel));
    return;
  }
  if (want && typeof want === "object") {
    if (!got || typeof got !== "object") throw new Error(`${path}: page ${JSON.stringify(got)} vs CLI object`);
    const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
    for (const k of keys) assertSameReport(got[k], want[k], `${path}.${k}`, rel);
    return;
  }
  if (got !== want) throw new Error(`${path}: page ${JSON.stringify(got)} vs CLI ${JSON.stringify(want)}`);
}

/**
 * Clicks one of the report's download links (data-testid download-json or download-markdown) and
 * resolves to { href, name, text } of what the browser saved. The page's CSP (connect-src 'self')
 * blocks fetch() of blob: URLs, so the file is read the way a person gets it: as a download.
 */
export async function downloadText(page, testid, selector = "datalint-check") {
  const link = page.locator(`${selector} [data-testid="${testid}"]`);
  const href = await link.getAttribute("href");
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const path = await download.path();
  return { href, name: download.suggestedFilename(), text: readFileSync(path, "utf8") };
}

/** Writes a full-page screenshot to target/e2e/NAME.png; returns its path. */
export async function screenshot(page, name) {
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

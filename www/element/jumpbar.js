// The "jump to" bar over the report: one link per part, with counts. It sticks to the top of
// the window while the report scrolls, tucks away while one reads down and comes back when one
// scrolls up; the link of the part at the top of the window is marked current.
import { button, fmtInt, h, mark } from "../render.js";

/**
 * The bar for a report; `biasIds`, `textIds`: the bias and text families' check ids (their
 * findings are counted).
 */
export function renderJumpBar(report, biasIds, textIds = new Set()) {
  const nav = mark(h("nav", "jumpbar"), "jump-bar");
  nav.setAttribute("aria-label", "Jump to a part of the report");
  const list = h("ul", "jb-list");
  const item = (section, text, count, cls) => {
    const li = h("li");
    const b = button("", `jb-link${cls ? ` ${cls}` : ""}`);
    b.setAttribute("data-jump", section);
    b.setAttribute("data-testid", `jump-${section}`);
    b.append(h("span", "jb-text", text));
    if (count !== null && count !== undefined) b.append(h("span", "jb-count", fmtInt(count)));
    li.append(b);
    list.append(li);
  };
  item("summary", "Summary", null);
  item("findings", "Findings", report.findings.length);
  if (report.roles) {
    item("bias", "Bias", report.findings.filter((f) => biasIds.has(f.id)).length);
  }
  if (Array.isArray(report.text?.fields) && report.text.fields.length) {
    item("text", "Text", report.findings.filter((f) => textIds.has(f.id)).length);
  }
  item("columns", "Columns", report.columns.length);
  if (report.errors_total) item("input-errors", "Input errors", report.errors_total, "bad");
  const file = h("span", "jb-file", report.source?.name ?? "");
  nav.append(file, list);
  return nav;
}

/** The bar's behaviour on scroll. `ui.jumpBar` is the current bar (null: no report). */
export class JumpBar {
  #ui;
  #activeElement;
  #scrollPending = false;
  #lastScrollY = 0;
  #holdUntil = 0; // the bar stays out (not tucked) until then: after a jump it was used for

  /** `activeElement()`: the focused element in the shadow root (the bar stays while focused). */
  constructor(ui, activeElement) {
    this.#ui = ui;
    this.#activeElement = activeElement;
  }

  /** A window scroll listener: updates once per frame. */
  onScroll = () => {
    if (this.#scrollPending || !this.#ui.jumpBar) return;
    this.#scrollPending = true;
    requestAnimationFrame(() => {
      this.#scrollPending = false;
      this.#updateTuck();
      this.updateCurrent();
    });
  };

  /**
   * Once the report's top has scrolled past, the bar sticks to the top of the window while one
   * scrolls up (to go somewhere) and tucks away while one reads down; it stays while it has focus
   * and just after one of its jumps.
   */
  #updateTuck() {
    const bar = this.#ui.jumpBar;
    if (!bar) return;
    const y = window.scrollY;
    const dy = y - this.#lastScrollY;
    this.#lastScrollY = y;
    const stuck = this.#ui.report.getBoundingClientRect().top < 0;
    const focused = bar.contains(this.#activeElement());
    if (!stuck || focused || performance.now() < this.#holdUntil) bar.classList.remove("tucked");
    else if (dy > 4) bar.classList.add("tucked");
    else if (dy < -4) bar.classList.remove("tucked");
  }

  /** Keeps the bar out for a moment: a jump's own scrolling does not tuck it away. */
  hold() {
    this.#holdUntil = performance.now() + 1200;
    this.#ui.jumpBar?.classList.remove("tucked");
  }

  /** Marks the bar's link of the part of the report at the top of the window. */
  updateCurrent() {
    const bar = this.#ui.jumpBar;
    if (!bar || !bar.isConnected) return;
    const top = bar.getBoundingClientRect().bottom + 80;
    let current = "summary";
    for (const sec of this.#ui.report.querySelectorAll(":scope > [data-section]")) {
      if (sec.getBoundingClientRect().top <= top) current = sec.getAttribute("data-section");
    }
    for (const b of bar.querySelectorAll("button[data-jump]")) {
      if (b.getAttribute("data-jump") === current) b.setAttribute("aria-current", "true");
      else b.removeAttribute("aria-current");
    }
  }
}

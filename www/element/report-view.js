// The report as laid out in the element: the jump bar, the verdict slot, the summary, findings,
// bias, text, columns and input-error sections (each foldable), column paging and filtering, and the
// clicks that move around it (finding links, jumps, column chips, section toggles, long tables).
import {
  biasCheckIds,
  button,
  fmtInt,
  h,
  mark,
  renderBias,
  renderColumn,
  renderColumnsHead,
  renderFindings,
  renderInputErrors,
  renderSummary,
  renderText,
  renderVerdict,
  textCheckIds,
} from "../render.js";
import { JumpBar, renderJumpBar } from "./jumpbar.js";

const COLUMN_CAP = 120; // column cards rendered at first; the rest on demand
const FAIL_LEVELS = new Set(["error", "warning", "info"]);

/** Gives a report section a body that its head's Collapse button folds (the element handles it). */
export function collapsible(section) {
  const head = section.querySelector(":scope > .block-head");
  if (!head) return section;
  const name = section.getAttribute("data-section") ?? "part";
  const body = h("div", "block-body");
  body.setAttribute("id", `dl-body-${name}`);
  while (head.nextSibling) body.append(head.nextSibling);
  if (!head.querySelector(":scope > .grow")) head.append(h("span", "grow"));
  const toggle = button("Collapse", "btn small block-toggle");
  toggle.setAttribute("data-action", "toggle-section");
  toggle.setAttribute("data-testid", `toggle-${name}`);
  toggle.setAttribute("aria-expanded", "true");
  toggle.setAttribute("aria-controls", `dl-body-${name}`);
  head.append(toggle);
  section.append(body);
  return section;
}

export function setExpanded(section, open) {
  const body = section.querySelector(":scope > .block-body");
  const toggle = section.querySelector(':scope > .block-head > [data-action="toggle-section"]');
  if (!body || !toggle) return;
  body.hidden = !open;
  section.classList.toggle("collapsed", !open);
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
  toggle.textContent = open ? "Collapse" : "Expand";
}

/**
 * Scrolls a part of the report to the top of the window (under the jump bar, by its
 * scroll-margin): smoothly over a short way, at once over a long one or when motion is reduced.
 */
function scrollToNode(node) {
  const far = Math.abs(node.getBoundingClientRect().top) > 1600;
  const still = typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
  node.scrollIntoView({ behavior: far || still ? "auto" : "smooth", block: "start" });
}

/** A short ring around a card that was just scrolled to. */
function flash(node) {
  node.classList.remove("flash");
  void node.offsetWidth;
  node.classList.add("flash");
  setTimeout(() => node.classList.remove("flash"), 1400);
}

export class ReportView {
  #ui;
  #host;
  #report = null;
  #columnsShown = 0;
  bar;

  /**
   * `ui`: the shell's parts (report, labelSelect; this view sets jumpBar, verdictSlot,
   * columnsGrid, columnFilter, moreColumns). `host`: { activeElement(), rerun() }.
   */
  constructor(ui, host) {
    this.#ui = ui;
    this.#host = host;
    this.bar = new JumpBar(ui, host.activeElement);
  }

  /**
   * Draws `report`. `meta`: the summary's { elapsedMs, memoryBytes, downloads }; `ctx`: { checks
   * (the engine's check list), roles (the Roles card), failOn }.
   */
  render(report, meta, ctx) {
    const out = this.#ui.report;
    this.#report = report;
    out.replaceChildren();
    out.removeAttribute("data-provisional");
    this.#ui.jumpBar = null;
    if (!report) return;
    const jump = renderJumpBar(report, biasCheckIds(ctx.checks), textCheckIds(ctx.checks));
    out.append(jump);
    this.#ui.jumpBar = jump;
    this.#ui.verdictSlot = h("div", "verdict-slot");
    out.append(this.#ui.verdictSlot);
    this.renderVerdict(ctx.failOn);
    const summary = renderSummary(report, meta);
    summary.setAttribute("data-section", "summary");
    out.append(summary);
    out.append(collapsible(renderFindings(report, ctx.checks ?? [])));
    const bias = renderBias(report, { checks: ctx.checks, roles: ctx.roles });
    if (bias) {
      bias.setAttribute("data-section", "bias");
      out.append(collapsible(bias));
    }
    const text = renderText(report, { checks: ctx.checks });
    if (text) {
      text.setAttribute("data-section", "text");
      out.append(collapsible(text));
    }

    const colSec = mark(h("section", "block"), "columns");
    colSec.setAttribute("aria-label", "Columns");
    colSec.setAttribute("data-section", "columns");
    const head = renderColumnsHead(report);
    if (report.columns.length > 6) {
      head.append(h("span", "grow"));
      const tools = h("label", "columns-tools");
      const filter = mark(h("input"), "column-filter");
      filter.setAttribute("type", "search");
      filter.setAttribute("placeholder", "Filter columns");
      filter.setAttribute("aria-label", "Filter columns by name");
      filter.addEventListener("input", () => this.#filterColumns(filter.value));
      tools.append(filter);
      head.append(tools);
      this.#ui.columnFilter = filter;
    } else {
      this.#ui.columnFilter = null;
    }
    colSec.append(head);
    const grid = h("div", "columns-grid");
    this.#ui.columnsGrid = grid;
    colSec.append(grid);
    this.#columnsShown = 0;
    this.#showColumns(Math.min(COLUMN_CAP, report.columns.length));
    if (report.columns.length > COLUMN_CAP) {
      const more = button(`Show all ${fmtInt(report.columns.length)} columns`, "btn more", "show-all-columns");
      more.addEventListener("click", () => {
        this.#showColumns(report.columns.length);
        more.remove();
      });
      colSec.append(more);
      this.#ui.moreColumns = more;
    } else {
      this.#ui.moreColumns = null;
    }
    out.append(collapsible(colSec));
    // Input errors last: the lines the reader skipped, each also behind a finding above.
    const errors = renderInputErrors(report);
    if (errors) out.append(collapsible(errors));
    this.bar.updateCurrent();
  }

  /** Whether a provisional report is shown (see renderProvisional). */
  get provisional() {
    return this.#ui.report.hasAttribute("data-provisional");
  }

  /**
   * Draws the findings of a provisional report (the worker's "provisional" message `m`: report,
   * bytes, total, rows) under a banner saying how far the reading had got; `render` of the final
   * report replaces it. The report root carries data-provisional="N" (N: percent read).
   */
  renderProvisional(m, ctx) {
    const out = this.#ui.report;
    const report = m.report;
    this.#report = null;
    this.#ui.jumpBar = null;
    this.#ui.verdictSlot = null;
    const total = Number(m.total) || 0;
    const pct = total > 0 ? Math.min(100, Math.floor((100 * (Number(m.bytes) || 0)) / total)) : 0;
    const banner = mark(h("div", "provisional-banner"), "provisional");
    banner.setAttribute("role", "status");
    banner.append(
      h("strong", null, `Provisional — ${pct}% read`),
      ` · findings from the first ${fmtInt(report.rows)} rows, updated as the check runs; they may still change. The full report replaces them when the check ends.`,
    );
    out.replaceChildren(banner, renderFindings(report, ctx.checks ?? []));
    out.setAttribute("data-provisional", String(pct));
  }

  /** The fail-on verdict over the report, for `failOn` (the attribute's value, or null). */
  renderVerdict(failOn) {
    const slot = this.#ui.verdictSlot;
    if (!slot || !this.#report) return;
    const level = (failOn ?? "").trim().toLowerCase();
    const v = FAIL_LEVELS.has(level) ? renderVerdict(this.#report, level) : null;
    slot.replaceChildren(...(v ? [v] : []));
    slot.hidden = !v;
  }

  /** Clicks in the report: finding links, the jump bar, section toggles, long tables, roles. */
  onClick(e) {
    const chip = e.target.closest?.("button.chip");
    if (chip) this.#revealColumn(chip.getAttribute("data-column") ?? "");
    const link = e.target.closest?.("button[data-finding-index]");
    if (link) {
      this.#revealFinding(Number(link.getAttribute("data-finding-index")));
      return;
    }
    const jump = e.target.closest?.("button[data-jump]");
    if (jump) {
      this.#jumpTo(jump.getAttribute("data-jump"));
      return;
    }
    const actionButton = e.target.closest?.("button[data-action]");
    const action = actionButton?.getAttribute("data-action");
    if (action === "toggle-section") {
      const sec = actionButton.closest("[data-section]");
      if (sec) setExpanded(sec, actionButton.getAttribute("aria-expanded") !== "true");
    } else if (action === "show-rows") {
      const block = actionButton.closest(".bias-block");
      const showing = actionButton.getAttribute("aria-expanded") === "true";
      for (const r of block?.querySelectorAll("tr.extra-row") ?? []) r.hidden = showing;
      actionButton.setAttribute("aria-expanded", showing ? "false" : "true");
      actionButton.textContent = actionButton.getAttribute(showing ? "data-more" : "data-less") ?? "";
      if (showing) block?.scrollIntoView({ block: "nearest" });
    } else if (action === "rerun") {
      this.#host.rerun();
    } else if (action === "focus-label") {
      this.#ui.labelSelect.scrollIntoView({ behavior: "smooth", block: "center" });
      this.#ui.labelSelect.focus({ preventScroll: true });
    }
  }

  #jumpTo(section) {
    const target = [...this.#ui.report.querySelectorAll(":scope > [data-section]")].find((s) => s.getAttribute("data-section") === section);
    if (!target) return;
    setExpanded(target, true);
    this.bar.hold();
    scrollToNode(target);
    const heading = target.querySelector("h2");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    }
  }

  /** Opens finding number `i` (its place in report.findings): scrolls to its card, opens its evidence. */
  #revealFinding(i) {
    const card = [...this.#ui.report.querySelectorAll('[data-testid="finding"]')].find((c) => c.getAttribute("data-index") === String(i));
    if (!card) return;
    const sec = card.closest("[data-section]");
    if (sec) setExpanded(sec, true);
    const ev = card.querySelector('[data-testid="evidence"]');
    if (ev) ev.open = true;
    this.bar.hold();
    scrollToNode(card);
    flash(card);
    card.setAttribute("tabindex", "-1");
    card.focus({ preventScroll: true });
  }

  #showColumns(upTo) {
    const report = this.#report;
    const grid = this.#ui.columnsGrid;
    for (let i = this.#columnsShown; i < upTo; i += 1) grid.append(renderColumn(report.columns[i], report));
    this.#columnsShown = Math.max(this.#columnsShown, upTo);
    if (this.#ui.columnFilter) this.#filterColumns(this.#ui.columnFilter.value);
  }

  #filterColumns(text) {
    const q = text.trim().toLowerCase();
    for (const card of this.#ui.columnsGrid.children) {
      const name = (card.getAttribute("data-column") ?? "").toLowerCase();
      card.hidden = q !== "" && !name.includes(q);
    }
  }

  #revealColumn(name) {
    const report = this.#report;
    if (!report) return;
    if (this.#columnsShown < report.columns.length) {
      this.#showColumns(report.columns.length);
      this.#ui.moreColumns?.remove();
    }
    if (this.#ui.columnFilter && this.#ui.columnFilter.value) {
      this.#ui.columnFilter.value = "";
      this.#filterColumns("");
    }
    // Compared as strings, never put into a selector.
    const card = [...this.#ui.columnsGrid.children].find((c) => c.getAttribute("data-column") === name);
    if (!card) return;
    const sec = card.closest("[data-section]");
    if (sec) setExpanded(sec, true);
    this.bar.hold();
    scrollToNode(card);
    flash(card);
  }
}

// <datalint-compare>'s report: the summary, then the Schema, Findings, Columns, Pairs, Copies,
// Text and Bias sections (each foldable, as in the check's report), and the clicks inside it
// (section toggles, overview lines, column chips, Copy Markdown).
import {
  renderCompareBias,
  renderCompareColumns,
  renderCompareCopies,
  renderComparePairs,
  renderCompareSchema,
  renderCompareSummary,
  renderCompareText,
  renderFindings,
} from "../render.js";
import { collapsible, setExpanded } from "./report-view.js";

export class CompareView {
  #ui;
  #host;

  /** `ui`: the shell's parts (report). `host`: { copyMarkdown(button) }. */
  constructor(ui, host) {
    this.#ui = ui;
    this.#host = host;
  }

  /** Draws the comparison `report`; `meta` as renderCompareSummary takes it. */
  render(report, meta) {
    const out = this.#ui.report;
    out.replaceChildren();
    if (!report) return;
    out.append(renderCompareSummary(report, meta));
    const schema = renderCompareSchema(report);
    if (schema) out.append(collapsible(schema));
    // The comparison's findings carry their own explanations: no check list is needed.
    out.append(collapsible(renderFindings(report, [])));
    for (const sec of [renderCompareColumns(report), renderComparePairs(report), renderCompareCopies(report), renderCompareText(report), renderCompareBias(report)]) {
      if (sec) out.append(collapsible(sec));
    }
  }

  onClick(e) {
    const chip = e.target.closest?.("button.chip");
    if (chip) {
      this.#reveal(this.#find('[data-testid="compare-column"]', "data-column", chip.getAttribute("data-column") ?? ""));
      return;
    }
    const link = e.target.closest?.("button[data-finding-index]");
    if (link) {
      const card = this.#find('[data-testid="finding"]', "data-index", link.getAttribute("data-finding-index") ?? "");
      const ev = card?.querySelector('[data-testid="evidence"]');
      if (ev) ev.open = true;
      this.#reveal(card);
      return;
    }
    const action = e.target.closest?.("button[data-action]");
    const name = action?.getAttribute("data-action");
    if (name === "toggle-section") {
      const sec = action.closest("[data-section]");
      if (sec) setExpanded(sec, action.getAttribute("aria-expanded") !== "true");
    } else if (name === "copy-markdown") {
      this.#host.copyMarkdown(action);
    }
  }

  /** The first element matching `selector` whose `attr` equals `value` (compared as strings). */
  #find(selector, attr, value) {
    return [...this.#ui.report.querySelectorAll(selector)].find((n) => n.getAttribute(attr) === value) ?? null;
  }

  #reveal(node) {
    if (!node) return;
    const sec = node.closest("[data-section]");
    if (sec) setExpanded(sec, true);
    node.scrollIntoView({ block: "center" });
    node.classList.remove("flash");
    void node.offsetWidth;
    node.classList.add("flash");
    setTimeout(() => node.classList.remove("flash"), 1400);
  }
}

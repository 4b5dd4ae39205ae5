// Node helpers for everything under render/ and element/.
//
// THE RULE OF THE PAGE: every dataset value (column names, cell values, titles, messages, file
// names) is untrusted and is only ever displayed as text. Nodes are built with
// document.createElement / createElementNS (SVG), text with textContent, attributes with
// setAttribute under constant attribute names, and trees with append. Never innerHTML,
// outerHTML, insertAdjacentHTML, document.write, or an href/src built from data: the only URLs
// set are blob: URLs made by URL.createObjectURL (the download links), and that is checked.
// tests/e2e/static.test.mjs fails on an HTML-parsing sink anywhere under www/.

const SVG_NS = "http://www.w3.org/2000/svg";

/** An element with an optional class and text. */
export function h(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.setAttribute("class", cls);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** An SVG element with an optional class. */
export function s(tag, cls) {
  const node = document.createElementNS(SVG_NS, tag);
  if (cls) node.setAttribute("class", cls);
  return node;
}

/** An SVG element with attributes, set in the order given (constant names only). */
export function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  return node;
}

export function testid(node, id) {
  node.setAttribute("data-testid", id);
  return node;
}

export function part(node, name) {
  node.setAttribute("part", name);
  return node;
}

/** Both a test id and a CSS ::part() name. */
export function mark(node, id) {
  return part(testid(node, id), id);
}

/** A <button type="button">, optionally marked. */
export function button(text, cls, id) {
  const b = h("button", cls, text);
  b.setAttribute("type", "button");
  if (id) mark(b, id);
  return b;
}

/**
 * An x or width in an SVG without viewBox, as a percentage of its width ("12.5%"): the charts
 * stretch to the card's width while their text keeps its size.
 */
export function svgPercent(v) {
  return `${(Math.round(v * 1000) / 1000).toString()}%`;
}

/**
 * A thin horizontal bar: a track of `width` and a fill of `share` (0..1) of it, at least one
 * unit when the share is not 0. `stretch` draws it in a viewBox that stretches to its box (no
 * width, height or corner radius); otherwise it is `width` × `height` pixels with rounded ends.
 */
export function bar(share, width, { cls, height = 8, track = "sb-track", fill = "sb-fill", digits = 1, stretch = false } = {}) {
  const box = stretch
    ? svg("svg", { class: cls, viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "none", "aria-hidden": "true" })
    : svg("svg", { class: cls, width, height, "aria-hidden": "true" });
  const rx = stretch ? undefined : "2";
  const len = Math.max(share > 0 ? 1 : 0, Math.min(width, share * width)).toFixed(digits);
  box.append(svg("rect", { class: track, width, height, rx }), svg("rect", { class: fill, width: len, height, rx }));
  return box;
}

/** A cell value as shown: the exact text, with the empty string made visible. */
export function valueNode(value, cls = "val") {
  const text = value === null || value === undefined ? "" : String(value);
  if (text === "") return h("span", `${cls} empty`, "(empty)");
  return h("code", cls, text);
}

/** A column name as shown, the empty name made visible. */
export function columnName(name) {
  if (name === "") return h("span", "colname empty", "(empty name)");
  return h("span", "colname", name);
}

/** A count in a pill: "12", "3 findings". */
export function pill(text, cls) {
  return h("span", `count-pill${cls ? ` ${cls}` : ""}`, text);
}

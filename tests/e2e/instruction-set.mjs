// A deterministic instruction set for the browser tests: JSONL rows of { instruction, input,
// output } of realistic lengths (an instruction of a sentence or two, an input half the time, an
// answer of a few sentences to a few paragraphs), written from a seeded generator so every run
// and every machine gets the same bytes. A few answers are planted: refusals and placeholders.
import { writeFileSync } from "node:fs";

/** mulberry32: a small seeded generator of floats in [0, 1). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ["ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "pi", "an", "tu", "mor", "es", "li", "qua", "ber", "no", "shi", "gal", "fen"];
const VERBS = ["Write", "Explain", "Summarize", "List", "Describe", "Classify", "Translate", "Rewrite", "Compare", "Suggest"];
const REFUSAL = "I'm sorry, but as an AI language model I cannot help with that request.";
const PLACEHOLDER = "<no output>";

/** Every REFUSAL_EVERY-th row's answer is a refusal, every PLACEHOLDER_EVERY-th a placeholder. */
export const REFUSAL_EVERY = 250;
export const PLACEHOLDER_EVERY = 333;

/** How many answers of `rows` are planted refusals and placeholders (rows numbered from 1). */
export function planted(rows) {
  let refusals = 0;
  let placeholders = 0;
  for (let i = 1; i <= rows; i += 1) {
    if (i % REFUSAL_EVERY === 0) refusals += 1;
    else if (i % PLACEHOLDER_EVERY === 0) placeholders += 1;
  }
  return { refusals, placeholders };
}

/** Writes `rows` rows to `path`; returns its size in bytes. */
export function writeInstructionSet(path, rows, seed = 7) {
  const r = rng(seed);
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  // A vocabulary of 4,000 made-up words, drawn with a Zipf-like skew (common words repeat).
  const vocab = [];
  for (let k = 0; k < 4000; k += 1) {
    let w = "";
    const n = 1 + (k % 3) + (k % 7 === 0 ? 1 : 0);
    for (let j = 0; j < n; j += 1) w += SYLLABLES[(k * 7 + j * 13 + Math.floor(k / 20)) % SYLLABLES.length];
    vocab.push(w);
  }
  const word = () => vocab[Math.floor(vocab.length * r() ** 2.2)];
  const sentence = (lo, hi) => {
    const n = int(lo, hi);
    const words = [];
    for (let j = 0; j < n; j += 1) words.push(word());
    const s = words.join(" ");
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
  const text = (sentences) => Array.from({ length: sentences }, () => sentence(6, 22)).join(" ");
  const lines = [];
  for (let i = 1; i <= rows; i += 1) {
    const instruction = `${VERBS[int(0, VERBS.length - 1)]} ${sentence(6, 24).toLowerCase()}`;
    const input = r() < 0.5 ? "" : text(int(1, 4));
    let output;
    if (i % REFUSAL_EVERY === 0) output = REFUSAL;
    else if (i % PLACEHOLDER_EVERY === 0) output = PLACEHOLDER;
    else {
      const paragraphs = int(1, 2);
      output = Array.from({ length: paragraphs }, () => text(int(2, 5))).join("\n\n");
    }
    lines.push(JSON.stringify({ instruction, input, output }));
  }
  const body = `${lines.join("\n")}\n`;
  writeFileSync(path, body);
  return Buffer.byteLength(body);
}

// Two small CSV files with planted differences, for the compare browser test: a reference of
// 1,000 rows and a candidate of 1,000 rows in which `income` keeps its mean but has half its
// spread (its tails gone), and 5% of the rows (50) are copies of reference rows. The other
// columns are drawn alike in both. Deterministic (a seeded PRNG), so the CLI and the page read
// the same bytes on every run.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
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

/** A standard normal draw (Box-Muller). */
function normal(r) {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

// One category looks like markup: the page must show it as text, never parse it.
const CITIES = ["Lisbon", "Porto", "Braga", "Coimbra", "Faro", "<i>Évora</i>"];
const CITY_W = [0.35, 0.25, 0.15, 0.12, 0.08, 0.05];
const WORDS = ["the", "order", "arrived", "late", "quickly", "box", "was", "damaged", "great", "service", "would", "buy", "again", "price", "too", "high", "support", "helpful", "refund", "slow"];

function pick(r, items, weights) {
  let x = r();
  for (let i = 0; i < items.length; i += 1) {
    x -= weights[i];
    if (x < 0) return items[i];
  }
  return items[items.length - 1];
}

function row(r, incomeSd) {
  const age = Math.round(Math.min(90, Math.max(18, 40 + 12 * normal(r))));
  const income = Math.round(50000 + incomeSd * normal(r));
  const city = pick(r, CITIES, CITY_W);
  const score = (r() * 10).toFixed(2);
  const n = 6 + Math.floor(r() * 10);
  const note = Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]).join(" ");
  const label = r() < 0.3 + (income > 60000 ? 0.2 : 0) ? "yes" : "no";
  return [age, income, city, score, note, label];
}

const HEADER = "age,income,city,score,note,label";

/** Writes ref.csv and cand.csv into `dir`; returns their paths and what was planted. */
export function writeComparePair(dir, { rows = 1000, copied = 50 } = {}) {
  const r = rng(20240601);
  const ref = [];
  for (let i = 0; i < rows; i += 1) ref.push(row(r, 15000));
  const cand = [];
  for (let i = 0; i < rows - copied; i += 1) cand.push(row(r, 7500));
  // Copies of reference rows, spread through the candidate.
  const copies = [];
  for (let i = 0; i < copied; i += 1) copies.push(ref[(i * 37 + 11) % rows]);
  copies.forEach((c, i) => cand.splice(Math.floor(((i + 1) * cand.length) / (copied + 1)), 0, c));
  const text = (rs) => `${HEADER}\n${rs.map((x) => x.join(",")).join("\n")}\n`;
  const reference = join(dir, "ref.csv");
  const candidate = join(dir, "cand.csv");
  writeFileSync(reference, text(ref));
  writeFileSync(candidate, text(cand));
  return { reference, candidate, rows, copied };
}

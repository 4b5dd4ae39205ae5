//! Tests of the parent module.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use super::*;
use serde_json::Value;

const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/text_minhash_expected.json");

fn u64s(v: &Value) -> Vec<u64> {
    v.as_array().unwrap().iter().map(|x| x.as_u64().unwrap()).collect()
}

/// Signatures bit-identical to datasketch 2.0.0 (legacy scheme) on the reference texts, (a, b)
/// identical to datasketch's own for the seed, shingles identical to the Python ones, and
/// `normalise` identical to datatrove's `simplify_text`.
#[test]
fn matches_datasketch_and_datatrove() {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(REFERENCE).unwrap()).unwrap();
    let hasher = MinHasher::new(doc["seed"].as_u64().unwrap());
    let (a, b) = hasher.permutations();
    assert_eq!(a, &u64s(&doc["a"])[..], "a differs from datasketch's");
    assert_eq!(b, &u64s(&doc["b"])[..], "b differs from datasketch's");
    assert_eq!(MinHasher::new(SEED).permutations(), hasher.permutations());

    let texts = doc["texts"].as_array().unwrap();
    assert!(texts.len() >= 200);
    let (mut values, mut norm_checked, mut norm_mismatch) = (0, 0, Vec::new());
    let mut sigs = Vec::new();
    let mut buf = Vec::new();
    for t in texts {
        let shingle_hashes: Vec<u32> = u64s(&t["shingles"]).iter().map(|&h| u32::try_from(h).unwrap()).collect();
        let expected: Vec<u32> = u64s(&t["signature"]).iter().map(|&h| u32::try_from(h).unwrap()).collect();
        let sig = hasher.signature(&shingle_hashes);
        assert_eq!(&sig.0[..], &expected[..], "signature of {:?}", t["text"]);
        values += expected.len();
        sigs.push(sig);
        if let Some(norm) = t["normalised"].as_str() {
            let n = t["n"].as_u64().unwrap() as usize;
            shingles(norm, n, &mut buf);
            assert_eq!(buf, shingle_hashes, "shingles of {norm:?}");
            norm_checked += 1;
            let ours = normalise(t["text"].as_str().unwrap());
            if ours != norm {
                norm_mismatch.push((ours, norm.to_owned()));
            }
        }
    }
    for (i, j) in doc["jaccard_next"].as_array().unwrap().iter().enumerate() {
        assert_eq!(sigs[i].jaccard(&sigs[i + 1]), j.as_f64().unwrap());
    }
    eprintln!(
        "datasketch: {} signatures, {values} hash values identical; datatrove simplify_text: {} of {norm_checked} \
         texts identical",
        texts.len(),
        norm_checked - norm_mismatch.len()
    );
    assert!(norm_checked >= 200, "datatrove outputs missing from the reference");
    assert!(norm_mismatch.is_empty(), "normalise differs from datatrove: {norm_mismatch:#?}");
}

#[test]
fn normalise_examples() {
    assert_eq!(normalise("Héllo, World!  3.14 and 1,000,000"), "hello world 0 and 0 0");
    assert_eq!(normalise("  Crème\tbrûlée\n"), "creme brulee");
    assert_eq!(normalise("a1b22c 3.x .5"), "a0b0c 0 x 0");
    assert_eq!(normalise("ΟΔΟΣ"), "οδος");
    assert_eq!(normalise(""), "");
    assert_eq!(normalise("...!?"), "");
    assert_eq!(exact_key(&normalise("Hello, WORLD")), exact_key(&normalise("hello world!")));
}

#[test]
fn shingle_edges() {
    let mut out = vec![7];
    shingles("", 5, &mut out);
    assert!(out.is_empty());
    shingles("one two", 5, &mut out);
    assert_eq!(out, vec![xxh3_64(b"one two") as u32]);
    shingles("a b c d e f", 5, &mut out);
    assert_eq!(out, vec![xxh3_64(b"a b c d e") as u32, xxh3_64(b"b c d e f") as u32]);
    let mut spaced = Vec::new();
    shingles("  a  b c\td e\u{a0}f ", 5, &mut spaced);
    assert_eq!(spaced, out);
    shingles("a b c", 0, &mut out);
    assert_eq!(out.len(), 3);
    assert_eq!(shingle_size(12.0), 3);
    assert_eq!(shingle_size(30.0), 5);
    assert_eq!(shingle_size(f64::NAN), 5);
}

#[test]
fn mersenne_reduction_is_exact() {
    let mut x = 0x0123_4567_89AB_CDEFu64;
    for v in [0, 1, MERSENNE - 1, MERSENNE, MERSENNE + 1, 2 * MERSENNE, u64::MAX, u64::MAX - 1] {
        assert_eq!(mod_mersenne(v), v % MERSENNE);
    }
    for _ in 0..100_000 {
        x = splitmix(&mut x);
        assert_eq!(mod_mersenne(x), x % MERSENNE);
    }
}

#[test]
fn no_panic_on_odd_input() {
    let hasher = MinHasher::default();
    let mut buf = Vec::new();
    let mut nd = NearDuplicates::new(10);
    for (i, text) in
        ["", " ", "\u{301}", "\u{301} \u{301}", "１２３", "\0\u{7f}\u{85}", "ǅ", "ﬃ", "\u{10FFFF}", "a\u{200d}"]
            .iter()
            .enumerate()
    {
        let norm = normalise(text);
        shingles(&norm, 5, &mut buf);
        let sig = hasher.signature(&buf);
        assert_eq!(sig.is_empty(), buf.is_empty());
        let _ = exact_key(&norm);
        nd.push(i as u64, sig);
    }
    nd.push(99, hasher.signature(&[]));
    let report = nd.finish(THRESHOLD);
    assert_eq!((report.examined, report.skipped), (10, 1));
    let empty = NearDuplicates::new(0);
    assert_eq!(empty.finish(THRESHOLD).clusters.len(), 0);
    let _ = NearDuplicates::default().finish(f64::NAN);
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A bijection on u32 (MurmurHash3's finaliser): distinct counters give distinct shingles.
fn fmix32(mut h: u32) -> u32 {
    h ^= h >> 16;
    h = h.wrapping_mul(0x85EB_CA6B);
    h ^= h >> 13;
    h = h.wrapping_mul(0xC2B2_AE35);
    h ^ (h >> 16)
}

/// E|X/k − J| for X ~ Binomial(k, J): the mean absolute error of a perfect k-permutation
/// MinHash at Jaccard J.
fn binomial_mae(j: f64, k: usize) -> f64 {
    let mut total = 0.0;
    for x in 0..=k {
        let ln_choose = (1..=x).map(|i| ((k - x + i) as f64 / i as f64).ln()).sum::<f64>();
        let p = if j <= 0.0 {
            if x == 0 {
                1.0
            } else {
                0.0
            }
        } else if j >= 1.0 {
            if x == k {
                1.0
            } else {
                0.0
            }
        } else {
            (ln_choose + x as f64 * j.ln() + (k - x) as f64 * (1.0 - j).ln()).exp()
        };
        total += p * (x as f64 / k as f64 - j).abs();
    }
    total
}

/// Planted pairs of exactly known Jaccard in [0.3, 1]: accuracy of the estimate, LSH candidate
/// rate per decile against 1 − (1 − s^8)^16, precision and recall at 0.8.
#[test]
fn planted_pairs() {
    const PER_DECILE: usize = 1500;
    let hasher = MinHasher::new(SEED);
    let mut rng = 0x5EED_u64;
    let mut counter = 0u32;
    let mut fresh = || {
        counter += 1;
        fmix32(counter)
    };
    let (mut abs_sum, mut err_sum, mut expected_mae, mut within, mut pairs) = (0.0, 0.0, 0.0, 0usize, 0usize);
    let (mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize);
    let mut report = Vec::new();
    for decile in 0..7 {
        let lo = 0.3 + 0.1 * decile as f64;
        let (mut candidates, mut curve, mut j_sum, mut est_sum) = (0usize, 0.0, 0.0, 0.0);
        for _ in 0..PER_DECILE {
            let union = 40 + (splitmix(&mut rng) % 81) as usize;
            let i_min = (lo * union as f64 - 1e-9).ceil() as usize;
            let i_max = if decile == 6 { union } else { ((lo + 0.1) * union as f64 - 1e-9).ceil() as usize - 1 };
            let inter = i_min + (splitmix(&mut rng) % (i_max - i_min + 1) as u64) as usize;
            let only = union - inter;
            let only_a = if only == 0 { 0 } else { (splitmix(&mut rng) % (only as u64 + 1)) as usize };
            let common: Vec<u32> = (0..inter).map(|_| fresh()).collect();
            let mut a = common.clone();
            let mut b = common;
            a.extend((0..only_a).map(|_| fresh()));
            b.extend((0..only - only_a).map(|_| fresh()));
            let j = inter as f64 / union as f64;
            let (sa, sb) = (hasher.signature(&a), hasher.signature(&b));
            let est = sa.jaccard(&sb);
            let sigma = (j * (1.0 - j) / PERMUTATIONS as f64).sqrt();
            abs_sum += (est - j).abs();
            err_sum += est - j;
            expected_mae += binomial_mae(j, PERMUTATIONS);
            within += usize::from((est - j).abs() <= 3.0 * sigma + 1e-12);
            pairs += 1;
            let candidate = sa.bands().iter().zip(sb.bands().iter()).any(|(x, y)| x == y);
            candidates += usize::from(candidate);
            curve += 1.0 - (1.0 - j.powi(ROWS as i32)).powi(BANDS as i32);
            j_sum += j;
            est_sum += est;
            match (est >= THRESHOLD, j >= THRESHOLD) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fnn += 1,
                _ => {}
            }
        }
        let n = PER_DECILE as f64;
        report.push((lo, candidates as f64 / n, curve / n, est_sum / n - j_sum / n));
    }
    let mae = abs_sum / pairs as f64;
    let expected_mae = expected_mae / pairs as f64;
    let bias = err_sum / pairs as f64;
    let share = within as f64 / pairs as f64;
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fnn) as f64;
    eprintln!("planted pairs: {pairs}; MAE {mae:.4} (a perfect 128-permutation MinHash: {expected_mae:.4}); bias {bias:+.4}; within 3σ {:.2} %", 100.0 * share);
    for (lo, rate, curve, bias) in &report {
        eprintln!(
            "  J in [{lo:.1}, {:.1}{}: candidate rate {rate:.3}, curve {curve:.3}, diff {:+.3}; mean estimate − J {bias:+.4}",
            lo + 0.1,
            if *lo > 0.85 { "]" } else { ")" },
            rate - curve
        );
    }
    eprintln!(
        "  estimate >= 0.8 against J >= 0.8: precision {precision:.3}, recall {recall:.3} (tp {tp}, fp {fp}, fn {fnn})"
    );
    assert!(pairs >= 1000);
    // The literal "MAE ≤ 0.02" cannot hold for any 128-permutation MinHash with J spread over
    // [0.3, 1]: its error is binomial with σ = sqrt(J(1−J)/128), up to 0.044, and E|error| is
    // `expected_mae` (≈ 0.028). Held instead: the MAE of a perfect MinHash within 0.002, and
    // the mean error (bias) within 0.02 overall and per decile.
    assert!((mae - expected_mae).abs() <= 0.002, "MAE {mae} vs {expected_mae}");
    assert!(bias.abs() <= 0.02, "bias {bias}");
    assert!(share >= 0.99, "within 3σ: {share}");
    for (lo, rate, curve, bias) in report {
        assert!((rate - curve).abs() <= 0.05, "decile {lo}: candidate rate {rate} vs curve {curve}");
        assert!(bias.abs() <= 0.02, "decile {lo}: bias {bias}");
    }
}

fn words(seed: u64, n: usize) -> Vec<String> {
    let mut s = seed;
    // Letters only: digits would all normalise to `0`.
    (0..n)
        .map(|_| {
            let mut v = splitmix(&mut s) % 5000;
            let mut w = String::new();
            for _ in 0..3 {
                w.push(char::from(b'a' + (v % 26) as u8));
                v /= 26;
            }
            w
        })
        .collect()
}

fn signature_of(hasher: &MinHasher, text: &str) -> Signature {
    let mut buf = Vec::new();
    shingles(&normalise(text), SHINGLE_WORDS, &mut buf);
    hasher.signature(&buf)
}

/// A column: for each of 12 base texts, 3 paraphrases (one word or two adjacent ones changed, punctuation
/// and case changed), among 200 unrelated texts.
fn column(hasher: &MinHasher) -> (Vec<(u64, Signature)>, Vec<Vec<u64>>) {
    let mut rows = Vec::new();
    let mut groups = Vec::new();
    let mut line = 1u64;
    let mut s = 77u64;
    for base in 0..12u64 {
        let w = words(1000 + base, 120);
        let mut group = Vec::new();
        for variant in 0..4 {
            let mut v = w.clone();
            if variant > 0 {
                let at = (splitmix(&mut s) % 120) as usize;
                v[at] = format!("changed{}", ["", "one", "two", "three"][variant]);
                if variant == 3 {
                    v[(at + 1) % 120] = "another".into();
                    v[0] = v[0].to_uppercase();
                }
            }
            let text = v.join(if variant == 2 { ", " } else { " " });
            rows.push((line, signature_of(hasher, &text)));
            group.push(line);
            line += 1;
        }
        groups.push(group);
        for k in 0..17 {
            rows.push((line, signature_of(hasher, &words(50_000 + base * 100 + k, 120).join(" "))));
            line += 1;
        }
    }
    (rows, groups)
}

#[test]
fn paraphrased_near_copies_cluster() {
    let hasher = MinHasher::new(SEED);
    let (rows, groups) = column(&hasher);
    let mut nd = NearDuplicates::new(SAMPLE_VALUES);
    for (line, sig) in rows.iter().cloned() {
        nd.push(line, sig);
    }
    let report = nd.finish(THRESHOLD);
    eprintln!(
        "paraphrases: {} clusters, {} rows; pairs {:?}",
        report.clusters.len(),
        report.rows_in_clusters,
        &report.pairs[..3]
    );
    let mut clusters = report.clusters.clone();
    clusters.sort();
    let mut expected = groups;
    expected.sort();
    assert_eq!(clusters, expected);
    assert_eq!(report.rows_in_clusters, 48);
    assert_eq!(report.examined, rows.len() as u64);
    assert!(report.pairs.len() <= EXAMPLE_PAIRS && !report.pairs.is_empty());
    assert!(report.pairs.windows(2).all(|p| p[0].2 >= p[1].2));
    assert!(report.pairs.iter().all(|p| p.0 < p.1 && p.2 >= THRESHOLD));
    assert!(nd.heap_bytes() >= rows.len() * 520);
    // A threshold of 1 keeps only identical signatures: none here.
    assert!(nd.finish(1.0).clusters.is_empty());
}

#[test]
fn merge_of_parts_is_the_whole() {
    let hasher = MinHasher::new(SEED);
    let (mut rows, _) = column(&hasher);
    // Exact duplicates (after normalisation) too.
    rows.push((1000, rows[0].1.clone()));
    rows.push((1001, rows[1].1.clone()));
    for cap in [SAMPLE_VALUES, 150, 0] {
        let mut whole = NearDuplicates::new(cap);
        for (line, sig) in rows.iter().cloned() {
            whole.push(line, sig);
        }
        for split in [0, 1, 100, 170, rows.len()] {
            let mut left = NearDuplicates::new(cap);
            let mut right = NearDuplicates::new(cap);
            for (i, (line, sig)) in rows.iter().cloned().enumerate() {
                if i < split {
                    left.push(line, sig);
                } else {
                    right.push(line, sig);
                }
            }
            left.merge(right);
            assert_eq!(left.finish(THRESHOLD), whole.finish(THRESHOLD), "cap {cap}, split {split}");
        }
        let mut identity = NearDuplicates::default();
        identity.merge(whole.clone());
        assert_eq!(identity.finish(THRESHOLD), whole.finish(THRESHOLD));
        let mut w = whole.clone();
        w.merge(NearDuplicates::default());
        assert_eq!(w.finish(THRESHOLD), whole.finish(THRESHOLD));
    }
    let mut whole = NearDuplicates::new(150);
    for (line, sig) in rows.iter().cloned() {
        whole.push(line, sig);
    }
    let r = whole.finish(THRESHOLD);
    assert_eq!((r.examined, r.skipped), (150, rows.len() as u64 - 150));
    let mut full = NearDuplicates::new(SAMPLE_VALUES);
    for (line, sig) in rows.iter().cloned() {
        full.push(line, sig);
    }
    let r = full.finish(THRESHOLD);
    assert!(r.pairs.iter().take(2).all(|p| p.2 == 1.0));
    assert!(r.clusters.iter().any(|c| c.contains(&1000) && c.contains(&1)));
}

/// Cost of `signature` for a 100-word value; run with
/// `cargo test --release --lib minhash::tests::timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing() {
    let hasher = MinHasher::new(SEED);
    let texts: Vec<String> = (0..2000).map(|i| words(i, 100).join(" ")).collect();
    let mut buf = Vec::new();
    let t0 = std::time::Instant::now();
    let mut all = Vec::new();
    for t in &texts {
        shingles(&normalise(t), SHINGLE_WORDS, &mut buf);
        all.push(buf.clone());
    }
    let t1 = std::time::Instant::now();
    let mut acc = 0u64;
    for s in &all {
        acc = acc.wrapping_add(u64::from(hasher.signature(s).0[0]));
    }
    let t2 = std::time::Instant::now();
    let mut nd = NearDuplicates::new(SAMPLE_VALUES);
    for (i, s) in all.iter().enumerate() {
        nd.push(i as u64, hasher.signature(s));
    }
    let t3 = std::time::Instant::now();
    let _ = nd.finish(THRESHOLD);
    let t4 = std::time::Instant::now();
    let per = |d: std::time::Duration| d.as_secs_f64() * 1e6 / texts.len() as f64;
    eprintln!(
        "per 100-word value: normalise+shingles {:.2} µs, signature {:.2} µs, finish {:.2} µs ({acc})",
        per(t1 - t0),
        per(t2 - t1),
        per(t4 - t3)
    );
    // finish() at the full sample: random signatures, with every tenth one a near-copy.
    let mut nd = NearDuplicates::new(SAMPLE_VALUES);
    let mut s = 1u64;
    let mut last = Signature([0; PERMUTATIONS]);
    for line in 0..SAMPLE_VALUES as u64 {
        let mut sig = Signature(std::array::from_fn(|_| splitmix(&mut s) as u32));
        if line % 10 == 1 {
            sig = last.clone();
            sig.0[(line % 128) as usize] ^= 1;
        }
        last = sig.clone();
        nd.push(line, sig);
    }
    let t5 = std::time::Instant::now();
    let r = nd.finish(THRESHOLD);
    eprintln!(
        "finish over {} values: {:.2} s, {} clusters; heap {} MB",
        r.examined,
        t5.elapsed().as_secs_f64(),
        r.clusters.len(),
        nd.heap_bytes() / 1_000_000
    );
}

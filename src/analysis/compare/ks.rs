//! Two-sample Kolmogorov–Smirnov test: a port of `scipy.stats.ks_2samp` (scipy 1.17.1),
//! two-sided alternative, `method='auto'`.
//!
//! What follows scipy, function by function:
//! - the statistic: `ks_2samp`'s D, the largest gap between the two ECDFs evaluated at every data
//!   point (`searchsorted(side='right')`, so ties are handled as scipy does);
//! - the method: exact when max(n1, n2) <= 10,000, else asymptotic. Exact rounds D to h / lcm(n1, n2)
//!   (`_attempt_exact_2kssamp`) and uses `_compute_prob_outside_square` when n1 == n2 and
//!   `_compute_outer_prob_inside_method` otherwise; when that result is not finite or falls outside
//!   [0, 1] scipy switches to the asymptotic method (with the rounded D) and so does this port;
//! - asymptotic: `kstwo.sf(D, round(n1 n2 / (n1 + n2)))`, i.e. `_kolmogn(n, x, cdf=False)` of
//!   `scipy/stats/_ksstats.py` with its branches (Ruben–Gambino for n x <= 1 and n x >= n - 1,
//!   `_kolmogn_DMTW`, `_kolmogn_Pomeranz`, `_kolmogn_PelzGood`) and `scipy.special.smirnov`
//!   (the xsf/cephes one-sided Smirnov: the exact Birnbaum–Tingey sum for n <= 10^6, the
//!   exp(-(6nx+1)^2 / 18n) approximation beyond);
//! - the p-value is clipped to [0, 1].
//!
//! Accuracy: on the 528 cases of `tests/reference/ks_expected.json` (made with scipy 1.17.1 by
//! `tests/reference/ks.py`; the test below asserts relative 1e-9, absolute 1e-300 for p below
//! 1e-300) D and the method agree exactly and the worst relative p error is 7.2e-12 (the Smirnov sum
//! at n = 500,000). The exact methods repeat scipy's operations in scipy's order and agree to ~1 ulp;
//! that matters, as scipy's square method lands a hair above 1 for D = 1/n and then switches to
//! asymptotic, and so does this port. `smirnov` is the one deliberate difference: xsf sums in
//! double-double, this port in f64 with each term taken through logs (relative error ~1e-13 at
//! n ~ 10^4, ~1e-11 at n ~ 10^6); Pomeranz and DMTW differ from numpy in summation order only.
//!
//! Nothing here panics or allocates without bound: the exact methods (O(n) memory, O(n1 n2) time at
//! worst, ~0.5 s for 10,000 x 9,999 with D near 1 in a release build) only run under the 10,000
//! rule; the asymptotic branches are O(1) in memory, the matrix method only runs for n <= 100,000 (a
//! matrix of at most ~120 x 120), the Smirnov sum for n <= 10^6 (at most n terms).

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KsMethod {
    Exact,
    Asymptotic,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Ks {
    pub d: f64,
    pub p: f64,
    pub method: KsMethod,
}

/// scipy's `MAX_AUTO_N`: 'auto' is exact when both sizes are at most this.
const MAX_AUTO_N: u64 = 10_000;

/// D of two samples sorted ascending (no NaN); None when either is empty. NaN if a value is NaN
/// (scipy's default `nan_policy='propagate'`).
pub fn statistic(a: &[f64], b: &[f64]) -> Option<f64> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    if a.iter().chain(b).any(|x| x.is_nan()) {
        return Some(f64::NAN);
    }
    let (n1, n2) = (a.len() as f64, b.len() as f64);
    // Walk the distinct values of the union; at each, i and j are searchsorted(.., side='right').
    let (mut i, mut j) = (0usize, 0usize);
    let (mut max_s, mut min_s) = (f64::NEG_INFINITY, f64::INFINITY);
    loop {
        let v = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) => x.min(y),
            (Some(&x), None) => x,
            (None, Some(&y)) => y,
            (None, None) => break,
        };
        let (i0, j0) = (i, j);
        i += a.get(i..).map_or(0, |rest| rest.iter().take_while(|&&x| x <= v).count());
        j += b.get(j..).map_or(0, |rest| rest.iter().take_while(|&&y| y <= v).count());
        if i == i0 && j == j0 {
            // Unsorted input: still make progress rather than loop.
            i += 1;
        }
        let diff = i as f64 / n1 - j as f64 / n2;
        max_s = max_s.max(diff);
        min_s = min_s.min(diff);
    }
    let min_s = (-min_s).clamp(0.0, 1.0);
    Some(if min_s > max_s { min_s } else { max_s })
}

/// scipy's two-sided p-value for D with sample sizes n1, n2 (auto method), and the method used.
/// NaN when D is NaN or a size is 0 (scipy refuses empty samples); D is taken within [0, 1].
pub fn p_value(d: f64, n1: u64, n2: u64) -> (f64, KsMethod) {
    p_and_d(d, n1, n2).0
}

/// Both (sorted inputs).
pub fn ks_2samp(a: &[f64], b: &[f64]) -> Option<Ks> {
    let d = statistic(a, b)?;
    let ((p, method), d) = p_and_d(d, a.len() as u64, b.len() as u64);
    Some(Ks { d, p, method })
}

/// The p-value and method, and D as scipy reports it (rounded to h / lcm when exact was tried).
fn p_and_d(d: f64, n1: u64, n2: u64) -> ((f64, KsMethod), f64) {
    let exact = n1.max(n2) <= MAX_AUTO_N;
    let method = if exact { KsMethod::Exact } else { KsMethod::Asymptotic };
    if n1 == 0 || n2 == 0 || d.is_nan() {
        return ((f64::NAN, method), d);
    }
    let mut d = d.clamp(0.0, 1.0);
    if exact {
        let (p, rounded) = exact_p(d, n1, n2);
        d = rounded;
        if let Some(p) = p {
            return ((p.clamp(0.0, 1.0), KsMethod::Exact), d);
        }
    }
    let (m, n) = (n1.max(n2) as f64, n1.min(n2) as f64);
    let en = (m * n / (m + n)).round_ties_even();
    ((kstwo_sf(d, en).clamp(0.0, 1.0), KsMethod::Asymptotic), d)
}

/// `_attempt_exact_2kssamp`, two-sided: (Some(p) on success, D rounded to h / lcm).
/// Sizes are at most 10,000 here, so lcm < 10^8 and all the integer arithmetic is exact.
fn exact_p(d: f64, n1: u64, n2: u64) -> (Option<f64>, f64) {
    let g = gcd(n1, n2);
    let lcm = (n1 / g) * n2;
    let h = (d * lcm as f64).round_ties_even() as u64; // numpy rounds half to even
    let d = h as f64 / lcm as f64;
    if h == 0 {
        return (Some(1.0), d);
    }
    let p = if n1 == n2 { prob_outside_square(n1, h) } else { outer_prob_inside_method(n1, n2, g, h) };
    // scipy: a floating-point error or a result outside [0, 1] means "switch to asymptotic".
    ((0.0..=1.0).contains(&p).then_some(p), d)
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `_compute_prob_outside_square`: Pr(D_{n,n} >= h/n), 0 < h, by the Horner-like alternating sum.
fn prob_outside_square(n: u64, h: u64) -> f64 {
    let nf = n as f64;
    let mut p = 0.0;
    for k in (0..=n / h).rev() {
        let kh = (k * h) as f64;
        let p1 = (0..h).map(|j| j as f64).fold(1.0, |p1, j| (nf - kh - j) * p1 / (nf + kh + j + 1.0));
        p = p1 * (1.0 - p);
    }
    2.0 * p
}

/// `_compute_outer_prob_inside_method` (scipy's pythran code, Viehmann's 1-p recursion): the
/// proportion of lattice paths from (0,0) to (m,n) that leave |x/m - y/n| < h / lcm(m, n).
fn outer_prob_inside_method(m: u64, n: u64, g: u64, h: u64) -> f64 {
    let (m, n) = if m < n { (n, m) } else { (m, n) };
    let (mg, ng) = ((m / g) as i64, (n / g) as i64);
    let (n, h) = (n as i64, h as i64);
    let mut minj: i64 = 0;
    let mut maxj: i64 = div_ceil(h, mg).min(n + 1);
    let mut curlen = maxj - minj;
    let len_a = (2 * maxj + 2).min(n + 1);
    let mut a: Vec<f64> = (0..len_a).map(|k| if k < maxj { 0.0 } else { 1.0 }).collect();
    for i in 1..=(m as i64) {
        let (lastminj, lastlen) = (minj, curlen);
        minj = ((ng * i - h).div_euclid(mg) + 1).max(0).min(n);
        maxj = div_ceil(ng * i + h, mg).min(n + 1);
        if maxj <= minj {
            return 1.0;
        }
        let mut val = if minj == 0 { 0.0 } else { 1.0 };
        let fi = i as f64;
        // The window only slides up (minj >= lastminj), so A[jj] can be overwritten in place after
        // A[jj + shift] is read. Entries past the previous window are 1 (scipy keeps them so).
        let shift = (minj - lastminj).max(0) as usize;
        let mut j = minj as f64;
        for jj in 0..(maxj - minj) as usize {
            let prev = a.get(jj + shift).copied().unwrap_or(1.0);
            val = (prev * fi + val * j) / (fi + j);
            if let Some(slot) = a.get_mut(jj) {
                *slot = val;
            }
            j += 1.0;
        }
        curlen = maxj - minj;
        // Set the carried-over elements past the shorter window to 1 (empty when it did not shrink).
        a.iter_mut().take(lastlen.max(0) as usize).skip(curlen.max(0) as usize).for_each(|v| *v = 1.0);
    }
    usize::try_from(maxj - minj - 1).ok().and_then(|k| a.get(k)).copied().unwrap_or(f64::NAN)
}

fn div_ceil(a: i64, b: i64) -> i64 {
    -(-a).div_euclid(b)
}

// ---------------------------------------------------------------------------------------------
// kstwo.sf: the two-sided one-sample Kolmogorov distribution (scipy/stats/_ksstats.py)

const E128: i64 = 128;
/// 2^128 and 2^-128 (scipy's `_EP128`, `_EM128`).
const EP128: f64 = 3.402_823_669_209_385e38;
const EM128: f64 = 2.938_735_877_055_719e-39;

/// `kstwo.sf(x, n)`, i.e. `_kolmogn(n, x, cdf=False)` inside the support (0.5/n, 1); NaN for n < 1.
fn kstwo_sf(x: f64, nf: f64) -> f64 {
    if x.is_nan() || nf.is_nan() || nf < 1.0 {
        return f64::NAN;
    }
    if x <= 0.5 / nf {
        return 1.0;
    }
    if x >= 1.0 {
        return 0.0;
    }
    // nf >= 1 is a rounded f64; saturate absurd sizes rather than wrap (no branch loops over them).
    let n = nf.min(9.0e15) as u64;
    let t = nf * x;
    if t <= 1.0 {
        // Ruben–Gambino: 1/2n < x <= 1/n.
        let cdf = if n <= 140 {
            (1..=n).map(|i| i as f64 * (1.0 / nf) * (2.0 * t - 1.0)).product::<f64>()
        } else {
            (log_nfactorial_div_n_pow_n(nf) + nf * (2.0 * t - 1.0).ln()).exp()
        };
        return clip(1.0 - cdf);
    }
    if t >= nf - 1.0 {
        return clip(2.0 * (1.0 - x).powf(nf));
    }
    let nxsquared = t * x;
    if x >= 0.5 || (n <= 140 && nxsquared > 4.0) || (n > 140 && (2.2..370.0).contains(&nxsquared)) {
        return clip(2.0 * smirnov(n, x));
    }
    let cdf = if n <= 140 && nxsquared <= 0.754693 {
        kolmogn_dmtw(n, x)
    } else if n <= 140 {
        kolmogn_pomeranz(n, x)
    } else if nxsquared >= 370.0 {
        1.0
    } else if n <= 100_000 && nf * x.powf(1.5) <= 1.4 {
        kolmogn_dmtw(n, x)
    } else {
        kolmogn_pelz_good(nf, x)
    };
    clip(1.0 - cdf)
}

fn clip(p: f64) -> f64 {
    p.clamp(0.0, 1.0)
}

/// x * 2^e, the scale applied in three steps so that no factor overflows.
fn ldexp(x: f64, e: i64) -> f64 {
    let e = e.clamp(-3000, 3000) as i32;
    let third = 2f64.powi(e / 3);
    x * third * third * 2f64.powi(e - 2 * (e / 3))
}

/// log(n! / n^n) by Stirling's series (`_log_nfactorial_div_n_pow_n`).
fn log_nfactorial_div_n_pow_n(n: f64) -> f64 {
    #[allow(clippy::excessive_precision)] // scipy's literals, as written there
    #[rustfmt::skip]
    const STIRLING: [f64; 8] = [-2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
        8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3,
        8.3333333333333333333e-2];
    let rn = 1.0 / n;
    let z = rn / n;
    let poly = STIRLING.iter().fold(0.0, |acc, &c| acc * z + c);
    n.ln() / 2.0 - n + (2.0 * std::f64::consts::PI).ln() / 2.0 + rn * poly
}

/// Pr(D_n <= d) by the Durbin matrix (Marsaglia–Tsang–Wang), `_kolmogn_DMTW`. Callers keep
/// n d small (k = ceil(n d) <= ~60), so the matrix is at most ~120 x 120.
fn kolmogn_dmtw(n: u64, d: f64) -> f64 {
    if d >= 1.0 {
        return 1.0;
    }
    let nd = n as f64 * d;
    if nd <= 0.5 {
        return 0.0;
    }
    let k = nd.ceil() as usize;
    let h = k as f64 - nd;
    let m = 2 * k - 1;
    let mut v: Vec<f64> = (1..=m).map(|j| 1.0 - h.powi(j as i32)).collect();
    let mut w = vec![0.0; m];
    let mut fac = 1.0;
    for (j, (wj, vj)) in w.iter_mut().zip(v.iter_mut()).enumerate() {
        *wj = fac;
        fac /= (j + 1) as f64;
        *vj *= fac;
    }
    let tt = (2.0 * h - 1.0).max(0.0).powi(m as i32) - 2.0 * h.powi(m as i32);
    if let Some(last) = v.last_mut() {
        *last = (1.0 + tt) * fac;
    }
    // H (row-major): column c >= 1 holds w[0..] from row c - 1 down, column 0 is v, the last row v reversed.
    let at = |r: usize, c: usize| r * m + c;
    let mut hm = vec![0.0; m * m];
    for c in 1..m {
        for (r, &wv) in (c - 1..m).zip(&w) {
            set(&mut hm, at(r, c), wv);
        }
    }
    for (r, (&vv, &vr)) in v.iter().zip(v.iter().rev()).enumerate() {
        set(&mut hm, at(r, 0), vv);
        set(&mut hm, at(m - 1, r), vr);
    }
    let mut hpwr = vec![0.0; m * m];
    (0..m).for_each(|i| set(&mut hpwr, at(i, i), 1.0));
    let (mut nn, mut expnt, mut hexpnt) = (n, 0i64, 0i64);
    while nn > 0 {
        if nn % 2 == 1 {
            hpwr = matmul(&hpwr, &hm, m);
            expnt += hexpnt;
        }
        hm = matmul(&hm, &hm, m);
        hexpnt *= 2;
        if hm.get(at(k - 1, k - 1)).is_some_and(|x| x.abs() > EP128) {
            hm.iter_mut().for_each(|x| *x /= EP128);
            hexpnt += E128;
        }
        nn /= 2;
    }
    let mut p = hpwr.get((k - 1) * m + k - 1).copied().unwrap_or(0.0);
    let nf = n as f64;
    for i in 1..=n {
        p = i as f64 * p / nf;
        if p.abs() < EM128 {
            p *= EP128;
            expnt -= E128;
        }
    }
    clip(ldexp(p, expnt))
}

fn set(v: &mut [f64], i: usize, x: f64) {
    if let Some(slot) = v.get_mut(i) {
        *slot = x;
    }
}

/// Product of two m x m row-major matrices.
fn matmul(a: &[f64], b: &[f64], m: usize) -> Vec<f64> {
    let mut out = vec![0.0; m * m];
    for (row, out_row) in a.chunks_exact(m).zip(out.chunks_exact_mut(m)) {
        for (&x, b_row) in row.iter().zip(b.chunks_exact(m)) {
            out_row.iter_mut().zip(b_row).for_each(|(y, &z)| *y += x * z);
        }
    }
    out
}

/// Row bounds of the Pomeranz recursion (`_pomeranz_compute_j1j2`).
fn pomeranz_j1j2(i: i64, n: i64, ll: i64, ceilf: i64, roundf: i64) -> (i64, i64) {
    let (j1, j2) = if i == 0 {
        (-ll - ceilf - 1, ll + ceilf - 1)
    } else {
        let (half, odd) = ((i + 1) / 2, (i + 1) % 2 == 0);
        if odd {
            if half == n + 1 {
                (n - ll - ceilf - 1, n + ll + ceilf - 1)
            } else {
                (half - 1 - ll - roundf - 1, half + ll - 1 + ceilf - 1)
            }
        } else {
            (half - 1 - ll - 1, half + ll + roundf - 1)
        }
    };
    ((j1 + 2).max(0), j2.min(n))
}

/// Pr(D_n <= x) by Pomeranz's recursion, `_kolmogn_Pomeranz` (called for n <= 140).
fn kolmogn_pomeranz(n: u64, x: f64) -> f64 {
    let ni = n as i64;
    let nf = n as f64;
    let t = nf * x;
    let ll = t.floor() as i64;
    let f = t - ll as f64;
    let g = f.min(1.0 - f);
    let ceilf = i64::from(f > 0.0);
    let roundf = i64::from(f > 0.5);
    let npwrs = (2 * (ll + 1)).max(1) as usize;
    // (r^m / m!) for m < npwrs, built as scipy does: each from the previous one.
    let powers = |r: f64| -> Vec<f64> {
        let next = |&(m, p): &(usize, f64)| Some((m + 1, p * r / (m + 1) as f64));
        std::iter::successors(Some((0, 1.0)), next).take(npwrs).map(|(_, p)| p).collect()
    };
    let gpower = powers(g / nf);
    let twogpower = powers(2.0 * g / nf);
    let onem2gpower = powers((1.0 - 2.0 * g) / nf);

    let mut v0 = vec![0.0; npwrs];
    let mut v1 = vec![0.0; npwrs];
    set(&mut v1, 0, 1.0);
    let (mut v0s, mut v1s) = (0i64, 0i64);
    let mut expnt = 0i64;
    let (mut j1, _) = pomeranz_j1j2(0, ni, ll, ceilf, roundf);
    for i in 1..(2 * ni + 2) {
        let k1 = j1;
        std::mem::swap(&mut v0, &mut v1);
        std::mem::swap(&mut v0s, &mut v1s);
        v1.iter_mut().for_each(|x| *x = 0.0);
        let (new_j1, j2) = pomeranz_j1j2(i, ni, ll, ceilf, roundf);
        j1 = new_j1;
        let edge = i == 1 || i == 2 * ni + 1;
        let pwrs = if edge {
            &gpower
        } else if i % 2 == 1 {
            &twogpower
        } else {
            &onem2gpower
        };
        let ln2 = j2 - k1 + 1;
        if ln2 > 0 {
            // conv = convolve(V0[k1 - V0s ..][..ln2], pwrs[..ln2]); V1[..] = conv[j1 - k1 ..][..j2 - j1 + 1]
            let src = k1 - v0s;
            let at = |idx: i64| usize::try_from(src + idx).ok().and_then(|u| v0.get(u)).copied().unwrap_or(0.0);
            let conv_start = j1 - k1;
            let conv_len = j2 - j1 + 1;
            let pw = |idx: i64| usize::try_from(idx).ok().and_then(|u| pwrs.get(u)).copied().unwrap_or(0.0);
            for (c, slot) in (conv_start..conv_start + conv_len).zip(v1.iter_mut()) {
                *slot = ((c - (ln2 - 1)).max(0)..=c.min(ln2 - 1)).map(|q| at(q) * pw(c - q)).sum();
            }
            let vmax = v1.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if 0.0 < vmax && vmax < EM128 {
                v1.iter_mut().for_each(|x| *x *= EP128);
                expnt -= E128;
            }
            v1s = v0s + j1 - k1;
        }
    }
    let mut ans = usize::try_from(ni - v1s).ok().and_then(|u| v1.get(u)).copied().unwrap_or(0.0);
    for m in 1..=n {
        if ans.abs() > EP128 {
            ans *= EM128;
            expnt += E128;
        }
        ans *= m as f64;
    }
    clip(ldexp(ans, expnt))
}

/// Pelz–Good approximation of Pr(D_n <= x), `_kolmogn_PelzGood` (0 < x < 1 from the caller).
fn kolmogn_pelz_good(n: f64, x: f64) -> f64 {
    use std::f64::consts::PI;
    let sqrt2pi = (2.0 * PI).sqrt();
    let (pi2, pi4, pi6) = (PI * PI, PI.powi(4), PI.powi(6));
    let z = n.sqrt() * x;
    let (z2, z3, z4, z6) = (z.powi(2), z.powi(3), z.powi(4), z.powi(6));
    let qlog = -pi2 / 8.0 / z2;
    if qlog < -708.0 {
        return 0.0;
    }
    let q = qlog.exp();
    let (k1a, k1b) = (-z2, pi2 / 4.0);
    let k2a = 6.0 * z6 + 2.0 * z4;
    let k2b = (2.0 * z4 - 5.0 * z2) * pi2 / 4.0;
    let k2c = pi4 * (1.0 - 2.0 * z2) / 16.0;
    let k3d = pi6 * (5.0 - 30.0 * z2) / 64.0;
    let k3c = pi4 * (-60.0 * z2 + 212.0 * z4) / 16.0;
    let k3b = pi2 * (135.0 * z4 - 96.0 * z6) / 4.0;
    let k3a = -30.0 * z6 - 90.0 * z.powi(8);

    let mut k = [0.0f64; 4];
    // z < sqrt(18) where this is called, so maxk <= 22; the cap only guards the loop.
    let maxk = (16.0 * z / PI).ceil().clamp(0.0, 1000.0) as i32;
    for kk in (1..=maxk).rev() {
        let m = f64::from(2 * kk - 1);
        let (m2, m4, m6) = (m * m, m.powi(4), m.powi(6));
        let qpower = q.powi(8 * kk);
        let coeffs = [1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
        for (s, c) in k.iter_mut().zip(coeffs) {
            *s = *s * qpower + c;
        }
    }
    let denominators = [z, 6.0 * z4, 72.0 * z.powi(7), 6480.0 * z.powi(10)];
    for (s, den) in k.iter_mut().zip(denominators) {
        *s = *s * q * sqrt2pi / den;
    }
    let q = (-pi2 / 2.0 / z2).exp();
    let sqrt3z = 3f64.sqrt() * z;
    let (mut k2extra, mut k3extra) = (0.0, 0.0);
    for kk in (1..=maxk).rev() {
        let ks = f64::from(kk);
        let qp = q.powi(kk * kk);
        let kspi = PI * ks;
        k2extra += ks * ks * qp;
        k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * (ks * ks) * qp;
    }
    let [k0, k1, k2, k3] = k;
    let k2 = k2 + k2extra * (pi2 * sqrt2pi / (-36.0 * z3));
    let k3 = k3 + k3extra * (pi2 * sqrt2pi / (216.0 * z6));
    k0 + k1 / n.powf(0.5) + k2 / n + k3 / n.powf(1.5)
}

// ---------------------------------------------------------------------------------------------
// scipy.special.smirnov (xsf/cephes): the one-sided Smirnov survival function Pr(D_n^+ > x).

/// Above this n, `smirnov` uses the closed-form approximation (xsf `SMIRNOV_MAX_COMPUTE_N`).
const SMIRNOV_MAX_COMPUTE_N: u64 = 1_000_000;
/// cephes `MINLOG`.
const MINLOG: f64 = -7.083_964_185_322_641e2;

/// `smirnov(n, x)`. Of xsf's two sums this ports the lower (all terms positive) one: the upper
/// sum is only chosen for x < 0.5 / sqrt(n) or n x < 1, never reached from `kolmogn_sf`.
fn smirnov(n: u64, x: f64) -> f64 {
    if x.is_nan() || !(0.0..=1.0).contains(&x) || n == 0 {
        return f64::NAN;
    }
    let nf = n as f64;
    if n == 1 {
        return 1.0 - x;
    }
    if x == 0.0 {
        return 1.0;
    }
    if x == 1.0 {
        return 0.0;
    }
    // n x = nxfl + alpha exactly (n x as an unevaluated sum hi + lo).
    let hi = nf * x;
    let lo = nf.mul_add(x, -hi);
    let mut nxfl = hi.floor();
    let mut alpha = (hi - nxfl) + lo;
    if alpha < 0.0 {
        nxfl -= 1.0;
        alpha += 1.0;
    }
    if alpha >= 1.0 {
        nxfl += 1.0;
        alpha = 0.0;
    }
    if nxfl == 0.0 || (nxfl == 1.0 && alpha == 0.0) {
        // x <= 1/n
        let cdf = x * (1.0 + x).powf(nf - 1.0);
        return clip(1.0 - cdf);
    }
    if -2.0 * nf * x * x < MINLOG {
        return 0.0;
    }
    if nxfl >= nf - 1.0 {
        return clip((1.0 - x).powf(nf));
    }
    if n > SMIRNOV_MAX_COMPUTE_N {
        let logp = -(6.0 * nf * x + 1.0).powi(2) / 18.0 / nf;
        let sf = if logp < -std::f64::consts::LN_2 { logp.exp() } else { 1.0 + logp.exp_m1() };
        return clip(sf);
    }
    // Lower sum: sum_{v=0}^{floor(n(1-x))} C(n,v) x (x + v/n)^(v-1) (1 - x - v/n)^(n-v),
    // excluding the last term when n(1-x) is an integer. Each term is exp(log of it); C(n, v) is
    // carried as mantissa * 2^exponent.
    let nxfl_u = nxfl as u64;
    let n_terms = n - nxfl_u; // v < n(1 - x) strictly
    let vmid = n / 2;
    let first = (1.0 - x).powf(nf) / x;
    let mut sum = first;
    let (mut c_man, mut c_exp) = (1.0f64, 0i64);
    update_binomial(&mut c_man, &mut c_exp, n, 0);
    let ln2 = std::f64::consts::LN_2;
    for v in 1..n_terms {
        let vf = v as f64;
        let t1 = ((vf + nxfl) + alpha) / nf; // x + v/n
        let t2 = ((nf - vf - nxfl) - alpha) / nf; // 1 - x - v/n
        let log_term = c_man.ln() + c_exp as f64 * ln2 + (vf - 1.0) * t1.ln() + (nf - vf) * t2.ln();
        let term = log_term.exp();
        if term.is_finite() && term != 0.0 {
            sum += term;
            if 4.0 * (n_terms - v) as f64 * term < f64::EPSILON * sum && v != n_terms - 1 {
                break;
            }
        } else if v > vmid {
            break;
        }
        update_binomial(&mut c_man, &mut c_exp, n, v);
    }
    clip(x * sum)
}

/// C(n, j+1) = C(n, j) (n - j) / (j + 1), kept as man * 2^expo with man within 2^-500..2^500 (C
/// rises to ~2^n and falls back).
fn update_binomial(man: &mut f64, expo: &mut i64, n: u64, j: u64) {
    *man *= (n - j) as f64 / (j as f64 + 1.0);
    let shift = if *man > 2f64.powi(500) {
        500
    } else if *man < 2f64.powi(-500) {
        -500
    } else {
        0
    };
    *man *= 2f64.powi(-shift);
    *expo += i64::from(shift);
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use serde_json::Value;

    const REFERENCE: &str = include_str!("../../../tests/reference/ks_expected.json");

    /// Floats are stored as strings: Rust's parse is exact, serde_json's may be one ulp off.
    fn num(v: &Value) -> f64 {
        v.as_str().unwrap().parse().unwrap()
    }

    fn method(v: &Value) -> KsMethod {
        match v.as_str() {
            Some("exact") => KsMethod::Exact,
            _ => KsMethod::Asymptotic,
        }
    }

    /// Relative error against scipy; below 1e-300, 0 within an absolute 1e-300 and infinite beyond.
    fn p_error(p: f64, expected: f64) -> f64 {
        let diff = (p - expected).abs();
        if expected.abs() < 1e-300 {
            if diff <= 1e-300 {
                0.0
            } else {
                f64::INFINITY
            }
        } else {
            diff / expected.abs()
        }
    }

    #[test]
    fn matches_scipy() {
        let doc: Value = serde_json::from_str(REFERENCE).unwrap();
        let mut worst = (0.0f64, String::new());
        let mut failures = Vec::new();
        let mut count = 0;
        for c in doc["p_value"].as_array().unwrap() {
            let (n1, n2, d) = (c["n1"].as_u64().unwrap(), c["n2"].as_u64().unwrap(), num(&c["d"]));
            let expected = num(&c["p"]);
            let (p, m) = p_value(d, n1, n2);
            let err = p_error(p, expected);
            let what = format!(
                "p_value({d:e}, {n1}, {n2}) = {p:e} ({m:?}), scipy {expected:e} {} [{}]",
                c["method"], c["note"]
            );
            if err > worst.0 {
                worst = (err, what.clone());
            }
            if err > 1e-9 || m != method(&c["method"]) {
                failures.push(what);
            }
            count += 1;
        }
        for c in doc["samples"].as_array().unwrap() {
            let floats = |v: &Value| v.as_array().unwrap().iter().map(num).collect::<Vec<_>>();
            let (a, b) = (floats(&c["a"]), floats(&c["b"]));
            let (d, expected) = (num(&c["d"]), num(&c["p"]));
            let ks = ks_2samp(&a, &b).unwrap();
            let err = p_error(ks.p, expected);
            let what =
                format!("ks_2samp n=({}, {}) = {ks:?}, scipy d={d:e} p={expected:e} {}", a.len(), b.len(), c["method"]);
            if err > worst.0 {
                worst = (err, what.clone());
            }
            if err > 1e-9 || ks.d != d || ks.method != method(&c["method"]) {
                failures.push(what);
            }
            count += 1;
        }
        eprintln!("{count} cases; worst relative error {:e}: {}", worst.0, worst.1);
        assert!(count >= 60);
        assert!(failures.is_empty(), "{} of {count} cases differ from scipy:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn edges_never_panic() {
        assert_eq!(statistic(&[], &[1.0]), None);
        assert_eq!(ks_2samp(&[1.0], &[]), None);
        assert!(statistic(&[f64::NAN], &[1.0]).unwrap().is_nan());
        assert_eq!(statistic(&[f64::NEG_INFINITY, 0.0], &[f64::INFINITY]), Some(1.0));
        assert!(p_value(f64::NAN, 5, 5).0.is_nan());
        assert!(p_value(0.5, 0, 5).0.is_nan());
        assert_eq!(p_value(-1.0, 5, 7), (1.0, KsMethod::Exact));
        assert_eq!(p_value(0.0, 1_000_000_000, 1_000_000_000), (1.0, KsMethod::Asymptotic));
        for d in [f64::INFINITY, 2.0, 1.0, 0.5, 1e-3, 1e-5, 1e-9] {
            for (n1, n2) in [(1, 1), (10_000, 10_000), (10_001, 1), (u64::MAX, u64::MAX), (u64::MAX, 1), (1 << 40, 3)] {
                let (p, _) = p_value(d, n1, n2);
                assert!((0.0..=1.0).contains(&p), "p_value({d}, {n1}, {n2}) = {p}");
            }
        }
        // Unsorted input: no panic, no endless loop.
        assert!(statistic(&[3.0, 1.0, 2.0], &[0.5, 5.0, -1.0]).is_some());
    }

    #[test]
    fn serializes_lowercase() {
        let ks = Ks { d: 0.5, p: 0.25, method: KsMethod::Exact };
        assert_eq!(serde_json::to_string(&ks).unwrap(), r#"{"d":0.5,"p":0.25,"method":"exact"}"#);
    }
}

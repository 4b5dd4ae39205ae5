//! Placeholder until the scipy port lands (replaced by the port; same interface).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KsMethod {
    Exact,
    Asymptotic,
}
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Ks {
    pub d: f64,
    pub p: f64,
    pub method: KsMethod,
}
pub fn statistic(a: &[f64], b: &[f64]) -> Option<f64> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let (mut i, mut j, mut d) = (0usize, 0usize, 0f64);
    let (n, m) = (a.len() as f64, b.len() as f64);
    while i < a.len() && j < b.len() {
        let x = a.get(i).copied().unwrap_or(0.0).min(b.get(j).copied().unwrap_or(0.0));
        while a.get(i).is_some_and(|&v| v <= x) {
            i += 1;
        }
        while b.get(j).is_some_and(|&v| v <= x) {
            j += 1;
        }
        d = d.max((i as f64 / n - j as f64 / m).abs());
    }
    Some(d)
}
pub fn p_value(d: f64, n1: u64, n2: u64) -> (f64, KsMethod) {
    let en = (n1 as f64 * n2 as f64 / (n1 + n2).max(1) as f64).round();
    let t = d * en.sqrt();
    let mut s = 0.0;
    for k in 1..100 {
        let k = k as f64;
        s += 2.0 * (-1f64).powf(k - 1.0) * (-2.0 * k * k * t * t).exp();
    }
    (s.clamp(0.0, 1.0), KsMethod::Asymptotic)
}
pub fn ks_2samp(a: &[f64], b: &[f64]) -> Option<Ks> {
    let d = statistic(a, b)?;
    let (p, method) = p_value(d, a.len() as u64, b.len() as u64);
    Some(Ks { d, p, method })
}

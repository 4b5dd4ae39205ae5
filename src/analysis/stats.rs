//! Pure statistics, as scipy computes them. No profile, no policy: tables and moments in,
//! figures out.
//!
//! - Pearson's chi-square test of independence (no continuity correction; empty rows and columns
//!   dropped), p-value from the chi-square survival function (statrs);
//! - Cramér's V = √(χ² / (n·(min(r,c)−1))), and Bergsma's (2013) bias-corrected V;
//! - the correlation ratio η = √(SS_between / SS_total);
//! - the standardised mean difference (largest minus smallest group mean, over the pooled
//!   within-group standard deviation).

use crate::profile::merge::Merge;
use crate::profile::moments::Moments;
use statrs::distribution::{ChiSquared, ContinuousCDF};

/// Pearson's chi-square on a table (rows × cols), dropping empty rows and columns:
/// (χ², dof, p, Cramér's V, n).
pub fn chi_square(table: &[Vec<u64>]) -> Option<(f64, u64, f64, f64)> {
    let cols = table.first().map_or(0, Vec::len);
    let rows: Vec<&Vec<u64>> = table.iter().filter(|r| r.iter().any(|&x| x > 0)).collect();
    let keep: Vec<usize> = (0..cols).filter(|&c| rows.iter().any(|r| r.get(c).copied().unwrap_or(0) > 0)).collect();
    let (r, c) = (rows.len(), keep.len());
    if r < 2 || c < 2 {
        return None;
    }
    let row_sums: Vec<f64> =
        rows.iter().map(|row| keep.iter().map(|&j| row.get(j).copied().unwrap_or(0) as f64).sum()).collect();
    let col_sums: Vec<f64> =
        keep.iter().map(|&j| rows.iter().map(|row| row.get(j).copied().unwrap_or(0) as f64).sum()).collect();
    let n: f64 = row_sums.iter().sum();
    let mut chi2 = 0.0;
    for (row, rs) in rows.iter().zip(&row_sums) {
        for (&j, cs) in keep.iter().zip(&col_sums) {
            let expected = rs * cs / n;
            let d = row.get(j).copied().unwrap_or(0) as f64 - expected;
            chi2 += d * d / expected;
        }
    }
    let dof = ((r - 1) * (c - 1)) as u64;
    let p = ChiSquared::new(dof as f64).map(|d| d.sf(chi2)).ok()?;
    let v = (chi2 / (n * (r.min(c) - 1) as f64)).sqrt();
    Some((chi2, dof, p, v))
}

/// Cramér's V with Bergsma's (2013) bias correction, for proxies: the plain V of a sparse table
/// (many values, few rows each) is biased upwards and would call independent columns proxies.
pub fn cramers_v_corrected(table: &[Vec<u64>]) -> Option<f64> {
    let rows: Vec<&Vec<u64>> = table.iter().filter(|r| r.iter().any(|&x| x > 0)).collect();
    let cols = table.first().map_or(0, Vec::len);
    let k = (0..cols).filter(|&c| rows.iter().any(|r| r.get(c).copied().unwrap_or(0) > 0)).count() as f64;
    let r = rows.len() as f64;
    let n: f64 = rows.iter().map(|row| row.iter().sum::<u64>() as f64).sum();
    let (chi2, _, _, _) = chi_square(table)?;
    if n < 2.0 {
        return None;
    }
    let phi2 = (chi2 / n - (k - 1.0) * (r - 1.0) / (n - 1.0)).max(0.0);
    let kc = k - (k - 1.0).powi(2) / (n - 1.0);
    let rc = r - (r - 1.0).powi(2) / (n - 1.0);
    let d = (kc - 1.0).min(rc - 1.0);
    (d > 0.0).then(|| (phi2 / d).sqrt())
}

/// The correlation ratio η of a numeric variable over groups, from per-group moments.
pub fn correlation_ratio(groups: &[Moments]) -> Option<f64> {
    let mut all = Moments::default();
    groups.iter().for_each(|m| all.merge(m.clone()));
    let n = all.count() as f64;
    let grand = all.mean()?;
    let total = all.std()?.powi(2) * (n - 1.0);
    if total <= 0.0 {
        return None;
    }
    let between: f64 = groups.iter().filter_map(|m| m.mean().map(|mu| m.count() as f64 * (mu - grand).powi(2))).sum();
    Some((between / total).clamp(0.0, 1.0).sqrt())
}

/// Standardised mean difference between the groups with the highest and lowest mean, over the
/// groups with at least `min_group` values.
pub fn smd(groups: &[&Moments], min_group: u64) -> Option<f64> {
    let judged: Vec<&&Moments> = groups.iter().filter(|m| m.count() >= min_group).collect();
    let hi = judged.iter().max_by(|a, b| a.mean().unwrap_or(0.0).total_cmp(&b.mean().unwrap_or(0.0)))?;
    let lo = judged.iter().min_by(|a, b| a.mean().unwrap_or(0.0).total_cmp(&b.mean().unwrap_or(0.0)))?;
    let dof: f64 = judged.iter().map(|m| m.count() as f64 - 1.0).sum();
    let pooled: f64 =
        judged.iter().map(|m| m.std().unwrap_or(0.0).powi(2) * (m.count() as f64 - 1.0)).sum::<f64>() / dof;
    let (h, l) = (hi.mean()?, lo.mean()?);
    (pooled > 0.0).then(|| (h - l) / pooled.sqrt())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn chi_square_of_a_2x2_table_matches_scipy() {
        // scipy.stats.chi2_contingency([[10, 20], [30, 40]], correction=False): expected counts
        // 12, 18, 28, 42, so χ² = 1/3 + 2/9 + 1/7 + 2/21; with one degree of freedom
        // p = erfc(√(χ²/2)).
        let (chi2, dof, p, _) = chi_square(&[vec![10, 20], vec![30, 40]]).unwrap();
        assert!((chi2 - 0.793_650_793_650_793_6).abs() < 1e-12);
        assert_eq!(dof, 1);
        assert!((p - 0.372_998_483_613_487_14).abs() < 1e-9);
    }

    #[test]
    fn degenerate_tables_have_no_test() {
        assert!(chi_square(&[vec![1, 2]]).is_none());
        assert!(chi_square(&[vec![0, 3], vec![0, 4]]).is_none());
    }
}

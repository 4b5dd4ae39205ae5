//! Combining accumulators of consecutive parts of one input.

/// Combine two accumulators of the same kind: `a.merge(b)` describes the concatenation of the
/// inputs `a` and `b` saw.
///
/// Laws every implementation keeps (and tests check, exactly or within the stated error):
/// - identity: `Default::default()` merged with `x`, or `x` merged with the default, is `x`;
/// - parts: pushing a sequence into one accumulator equals pushing its halves into two and
///   merging them, in order.
pub trait Merge {
    fn merge(&mut self, other: Self);
}

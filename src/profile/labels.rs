//! The label column's classes: one accumulator, read by `class-imbalance` (counts and first
//! lines) and by the group accumulators (each row's class slot).
//!
//! Memory: at most [`MAX_CLASSES_COUNTED`] class names with a count and a first line each. Past
//! that the label is taken as continuous: `overflow` is set and later classes share one pooled
//! slot.

use super::table::Index;

/// Label values counted one by one before the label is taken as continuous.
pub const MAX_CLASSES_COUNTED: usize = 100;

/// Classes of the label column in first-seen order: count and first line of each.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct LabelClasses {
    pub index: Index,
    /// Rows per slot (the last slot pools classes past the cap).
    counts: Vec<u64>,
    /// First line per slot.
    first: Vec<u64>,
    /// More distinct values than [`MAX_CLASSES_COUNTED`] were seen.
    pub overflow: bool,
}

impl Default for LabelClasses {
    fn default() -> LabelClasses {
        let slots = MAX_CLASSES_COUNTED + 1;
        LabelClasses {
            index: Index::new(MAX_CLASSES_COUNTED),
            counts: vec![0; slots],
            first: vec![0; slots],
            overflow: false,
        }
    }
}

impl LabelClasses {
    /// Counts one (non-missing, trimmed) label value and returns its slot.
    pub fn push(&mut self, value: &str, line: u64) -> usize {
        self.push_hashed(value, super::frequency::hash_str(value), line)
    }

    /// [`push`](Self::push) of a value whose xxh3 hash the caller has.
    pub fn push_hashed(&mut self, value: &str, hash: u64, line: u64) -> usize {
        let slot = self.index.slot_hashed(value, hash);
        if slot >= MAX_CLASSES_COUNTED {
            self.overflow = true;
        }
        self.count(slot, 1, line);
        slot
    }

    fn count(&mut self, slot: usize, n: u64, line: u64) {
        if let Some(c) = self.counts.get_mut(slot) {
            *c += n;
        }
        if let Some(f) = self.first.get_mut(slot) {
            if line > 0 && (*f == 0 || line < *f) {
                *f = line;
            }
        }
    }

    /// The named classes (not the pooled slot): value, rows, first line; in first-seen order.
    pub fn classes(&self) -> impl Iterator<Item = (&str, u64, u64)> + '_ {
        self.index.names.iter().enumerate().map(|(i, name)| {
            (name.as_str(), self.counts.get(i).copied().unwrap_or(0), self.first.get(i).copied().unwrap_or(0))
        })
    }

    /// Merges the classes of the input that follows and returns, for each of its slots, the slot
    /// it now has here (so that tables keyed by class slot can be merged too).
    pub fn merge_mapped(&mut self, o: LabelClasses) -> Vec<usize> {
        self.overflow |= o.overflow;
        let map: Vec<usize> = (0..=MAX_CLASSES_COUNTED)
            .map(|i| match o.index.names.get(i) {
                Some(name) => self.index.slot(name),
                None => MAX_CLASSES_COUNTED,
            })
            .collect();
        for (i, &to) in map.iter().enumerate() {
            let (n, f) = (o.counts.get(i).copied().unwrap_or(0), o.first.get(i).copied().unwrap_or(0));
            if n > 0 {
                if to >= MAX_CLASSES_COUNTED {
                    self.overflow = true;
                }
                self.count(to, n, f);
            }
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_halves_count_like_the_whole() {
        let values = ["a", "b", "a", "c", "b", "a"];
        let mut whole = LabelClasses::default();
        values.iter().enumerate().for_each(|(i, v)| {
            whole.push(v, i as u64 + 2);
        });
        let mut a = LabelClasses::default();
        let mut b = LabelClasses::default();
        values[..3].iter().enumerate().for_each(|(i, v)| {
            a.push(v, i as u64 + 2);
        });
        values[3..].iter().enumerate().for_each(|(i, v)| {
            b.push(v, i as u64 + 5);
        });
        a.merge_mapped(b);
        assert_eq!(a.classes().collect::<Vec<_>>(), whole.classes().collect::<Vec<_>>());
        assert!(!a.overflow);
    }

    #[test]
    fn too_many_classes_overflow() {
        let mut c = LabelClasses::default();
        (0..=MAX_CLASSES_COUNTED).for_each(|i| {
            c.push(&i.to_string(), 2);
        });
        assert!(c.overflow);
    }
}

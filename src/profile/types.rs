//! The type lattice: how many values of each kind a column holds, and their join.

use super::merge::Merge;
use crate::value::Kind;
use serde::Serialize;

/// How many values of each kind a column holds. The column's type is their join in this lattice
/// (most specific first):
///
/// ```text
///   boolean   integer ─▶ float   date ─▶ datetime
///        ╲          ╲      │         ╱
///         ╰──────────▶ categorical / text ◀──╯
/// ```
/// A column of integers and floats is `float`; of dates and datetimes, `datetime`; anything
/// else that mixes families joins at the string level (`categorical`, or `text` if free text
/// dominates), and `mixed-types` points at the minority values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct TypeCounts {
    pub boolean: u64,
    pub integer: u64,
    pub float: u64,
    pub date: u64,
    pub datetime: u64,
    pub categorical: u64,
    pub text: u64,
}

/// Families of kinds that do not mix without loss.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Family {
    Numeric = 0,
    Boolean = 1,
    Temporal = 2,
    String = 3,
}

pub const FAMILIES: [Family; 4] = [Family::Numeric, Family::Boolean, Family::Temporal, Family::String];

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::Numeric => "numeric",
            Family::Boolean => "boolean",
            Family::Temporal => "date/time",
            Family::String => "string",
        }
    }
}

impl TypeCounts {
    pub fn add(&mut self, k: &Kind) {
        match k {
            Kind::Missing => {}
            Kind::Boolean => self.boolean += 1,
            Kind::Integer(_) | Kind::BigInteger(_) => self.integer += 1,
            Kind::Float { .. } => self.float += 1,
            Kind::Date => self.date += 1,
            Kind::DateTime => self.datetime += 1,
            Kind::Categorical => self.categorical += 1,
            Kind::Text => self.text += 1,
        }
    }
    pub fn family(&self, f: Family) -> u64 {
        match f {
            Family::Numeric => self.integer + self.float,
            Family::Boolean => self.boolean,
            Family::Temporal => self.date + self.datetime,
            Family::String => self.categorical + self.text,
        }
    }
    pub fn total(&self) -> u64 {
        FAMILIES.iter().map(|&f| self.family(f)).sum()
    }
    /// The family holding the most values (ties: the more specific family).
    pub fn dominant(&self) -> Option<Family> {
        FAMILIES.iter().copied().filter(|&f| self.family(f) > 0).max_by_key(|&f| (self.family(f), 3 - f as u8))
    }
    /// The lattice join of all values seen; `"empty"` when there are none.
    pub fn inferred(&self) -> &'static str {
        let present: Vec<Family> = FAMILIES.iter().copied().filter(|&f| self.family(f) > 0).collect();
        match present.as_slice() {
            [] => "empty",
            [Family::Numeric] => {
                if self.float > 0 {
                    "float"
                } else {
                    "integer"
                }
            }
            [Family::Boolean] => "boolean",
            [Family::Temporal] => {
                if self.datetime > 0 {
                    "datetime"
                } else {
                    "date"
                }
            }
            // One family of strings, or a mix of families: joined at the string level.
            _ => {
                if self.text > self.categorical {
                    "text"
                } else {
                    "categorical"
                }
            }
        }
    }
}

impl Merge for TypeCounts {
    fn merge(&mut self, o: TypeCounts) {
        self.boolean += o.boolean;
        self.integer += o.integer;
        self.float += o.float;
        self.date += o.date;
        self.datetime += o.datetime;
        self.categorical += o.categorical;
        self.text += o.text;
    }
}

//! Serde adapters for the saved-state format ([`crate::state`]): fields the engine keeps as
//! `&'static str` (names from fixed tables: a language code, a Gopher ratio, an encoding) are
//! written as strings and read back interned, and fields whose own serde form is the report's
//! (options, roles: fields skipped when empty) are written as their JSON text, which reads back
//! with the report's own rules.

use serde::{Deserialize, Deserializer};
use std::collections::BTreeSet;
use std::sync::Mutex;

/// Every distinct name read back from a state, leaked once: the set is bounded by the distinct
/// names in the states read (a handful of fixed tables in practice).
static INTERNED: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

/// The `'static` copy of `s`, made once per distinct string.
pub fn intern(s: &str) -> &'static str {
    let mut set = INTERNED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(&k) = set.get(s) {
        return k;
    }
    let k: &'static str = Box::leak(s.to_owned().into_boxed_str());
    set.insert(k);
    k
}

/// A name from a fixed table. Written as this alias in a field that derives `Deserialize` with
/// [`name`] or [`opt_name`]: serde borrows a field written `&'static str` from the input,
/// whatever its `with`, and the state's bytes do not live that long.
pub type Name = &'static str;

/// `#[serde(with = "crate::wire::name")]` on a `&'static str`.
pub mod name {
    use crate::wire::intern;
    use serde::{Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(v: &&'static str, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(v)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
        Ok(intern(&String::deserialize(d)?))
    }
}

/// `#[serde(with = "crate::wire::opt_name")]` on an `Option<&'static str>`.
pub mod opt_name {
    use crate::wire::intern;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    pub fn serialize<S: Serializer>(v: &Option<&'static str>, s: S) -> Result<S::Ok, S::Error> {
        v.serialize(s)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.map(|s| intern(&s)))
    }
}

/// `#[serde(with = "crate::wire::name_pair")]` on a `(&'static str, &'static str)`.
pub mod name_pair {
    use crate::wire::intern;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    pub fn serialize<S: Serializer>(v: &(&'static str, &'static str), s: S) -> Result<S::Ok, S::Error> {
        v.serialize(s)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<(&'static str, &'static str), D::Error> {
        let (a, b) = <(String, String)>::deserialize(d)?;
        Ok((intern(&a), intern(&b)))
    }
}

/// `#[serde(with = "crate::wire::names")]` on a `Vec<&'static str>`.
pub mod names {
    use crate::wire::intern;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    pub fn serialize<S: Serializer>(v: &[&'static str], s: S) -> Result<S::Ok, S::Error> {
        v.serialize(s)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<&'static str>, D::Error> {
        Ok(Vec::<String>::deserialize(d)?.iter().map(|s| intern(s)).collect())
    }
}

/// `#[serde(deserialize_with = "crate::wire::opt_names")]` on an `Option<Vec<&'static str>>`.
pub fn opt_names<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<&'static str>>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(d)?.map(|v| v.iter().map(|s| intern(s)).collect()))
}

/// `#[serde(with = "crate::wire::name_counts")]` on a `BTreeMap<&'static str, V>`.
pub mod name_counts {
    use crate::wire::intern;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;
    pub fn serialize<S: Serializer, V: Serialize>(v: &BTreeMap<&'static str, V>, s: S) -> Result<S::Ok, S::Error> {
        v.serialize(s)
    }
    pub fn deserialize<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
        d: D,
    ) -> Result<BTreeMap<&'static str, V>, D::Error> {
        Ok(BTreeMap::<String, V>::deserialize(d)?.into_iter().map(|(k, v)| (intern(&k), v)).collect())
    }
}

/// `#[serde(with = "crate::wire::json")]`: the field as its JSON text (its report form, with the
/// report's rules for absent fields), for types whose serde form skips fields.
pub mod json {
    use serde::de::DeserializeOwned;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    pub fn serialize<S: Serializer, T: Serialize>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(v).map_err(serde::ser::Error::custom)?;
        s.serialize_str(&text)
    }
    pub fn deserialize<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<T, D::Error> {
        let text = String::deserialize(d)?;
        serde_json::from_str(&text).map_err(serde::de::Error::custom)
    }
}

/// `#[serde(with = "crate::wire::array")]` on a `[T; N]` of any length (serde's own impls stop
/// at 32): a sequence of `N` values.
pub mod array {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    pub fn serialize<S: Serializer, T: Serialize, const N: usize>(v: &[T; N], s: S) -> Result<S::Ok, S::Error> {
        v.as_slice().serialize(s)
    }
    pub fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>, const N: usize>(
        d: D,
    ) -> Result<[T; N], D::Error> {
        let v = Vec::<T>::deserialize(d)?;
        let n = v.len();
        v.try_into().map_err(|_| serde::de::Error::invalid_length(n, &"an array of the engine's fixed length"))
    }
}

/// An entry of a hash table keyed by a hash the engine already has: the hash is its first field.
pub trait Hashed {
    fn hash(&self) -> u64;
}
impl<A> Hashed for (u64, A) {
    fn hash(&self) -> u64 {
        self.0
    }
}
impl<A, B> Hashed for (u64, A, B) {
    fn hash(&self) -> u64 {
        self.0
    }
}

/// `#[serde(with = "crate::wire::table")]` on a `hashbrown::HashTable` whose entries carry their
/// hash ([`Hashed`]): the entries in the table's order, inserted back under their hashes.
pub mod table {
    use crate::wire::Hashed;
    use hashbrown::HashTable;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    pub fn serialize<S: Serializer, T: Serialize>(v: &HashTable<T>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter())
    }
    pub fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de> + Hashed>(
        d: D,
    ) -> Result<HashTable<T>, D::Error> {
        let v = Vec::<T>::deserialize(d)?;
        let mut t = HashTable::with_capacity(v.len());
        for e in v {
            let h = e.hash();
            t.insert_unique(h, e, Hashed::hash);
        }
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use crate::wire::intern;

    #[test]
    fn interned_names_are_shared() {
        let a = intern("eng");
        let b = intern(&String::from("eng"));
        assert!(std::ptr::eq(a, b));
    }
}

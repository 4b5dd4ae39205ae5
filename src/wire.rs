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

/// `#[serde(with = "crate::wire::map")]` on a `HashMap`: read back into a table of its whole
/// size at once. serde's own `HashMap` impl reserves at most 1 MiB of entries ahead (a guard
/// against a forged length) and grows from there, rehashing every entry at each doubling: the
/// row-hash maps of a part of a large file hold hundreds of thousands of entries, and their
/// rehashing was most of the time a merge spent reading a part's state. The pairs are read into
/// a vector first (it grows by copying, not rehashing). Written as serde writes a map: the state's
/// bytes are unchanged.
pub mod map {
    use serde::de::{MapAccess, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::HashMap;
    use std::hash::{BuildHasher, Hash};
    use std::marker::PhantomData;

    pub fn serialize<S: Serializer, K: Serialize, V: Serialize, H>(
        v: &HashMap<K, V, H>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_map(v)
    }

    pub fn deserialize<'de, D, K, V, H>(d: D) -> Result<HashMap<K, V, H>, D::Error>
    where
        D: Deserializer<'de>,
        K: Deserialize<'de> + Eq + Hash,
        V: Deserialize<'de>,
        H: BuildHasher + Default,
    {
        struct Pairs<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for Pairs<K, V> {
            type Value = Vec<(K, V)>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                // serde's guard: at most 1 MiB reserved on the word of the input's length.
                let ahead = (1 << 20) / std::mem::size_of::<(K, V)>().max(1);
                let mut v = Vec::with_capacity(m.size_hint().unwrap_or(0).min(ahead));
                while let Some(kv) = m.next_entry()? {
                    v.push(kv);
                }
                Ok(v)
            }
        }
        let pairs = d.deserialize_map(Pairs::<K, V>(PhantomData))?;
        let mut out = HashMap::with_capacity_and_hasher(pairs.len(), H::default());
        out.extend(pairs);
        Ok(out)
    }
}

/// `#[serde(with = "crate::wire::set")]` on a `HashSet`: as [`map`], for sets.
pub mod set {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::HashSet;
    use std::hash::{BuildHasher, Hash};

    pub fn serialize<S: Serializer, T: Serialize, H>(v: &HashSet<T, H>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v)
    }

    pub fn deserialize<'de, D, T, H>(d: D) -> Result<HashSet<T, H>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de> + Eq + Hash,
        H: BuildHasher + Default,
    {
        let v = Vec::<T>::deserialize(d)?;
        let mut out = HashSet::with_capacity_and_hasher(v.len(), H::default());
        out.extend(v);
        Ok(out)
    }
}

#[cfg(test)]
// Tests fail by panicking; the no-panic lints are for the engine, not for them.
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use crate::wire::intern;
    use foldhash::fast::FixedState;
    use std::collections::{HashMap, HashSet};

    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Plain {
        m: HashMap<u64, (u64, String), FixedState>,
        s: HashSet<u64, FixedState>,
    }

    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Sized {
        #[serde(with = "crate::wire::map")]
        m: HashMap<u64, (u64, String), FixedState>,
        #[serde(with = "crate::wire::set")]
        s: HashSet<u64, FixedState>,
    }

    #[test]
    fn maps_and_sets_read_back_whole_in_serdes_own_bytes() {
        let m: HashMap<u64, (u64, String), FixedState> =
            (0..200_000u64).map(|i| (i * 7919, (i, i.to_string()))).collect();
        let s: HashSet<u64, FixedState> = (0..200_000u64).map(|i| i ^ 0xdead_beef).collect();
        let plain = Plain { m: m.clone(), s: s.clone() };
        let bytes = postcard::to_allocvec(&plain).unwrap();
        let sized = Sized { m, s };
        // The same bytes as serde's own impls, both ways.
        assert_eq!(postcard::to_allocvec(&sized).unwrap(), bytes);
        let back: Sized = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, sized);
        assert_eq!(postcard::from_bytes::<Plain>(&postcard::to_allocvec(&back).unwrap()).unwrap(), plain);
        // Read into a table of its size at once: no more room than one built for that size.
        let want = HashMap::<u64, (u64, String), FixedState>::with_capacity_and_hasher(200_000, FixedState::default());
        assert_eq!(back.m.capacity(), want.capacity());
    }

    #[test]
    fn a_forged_length_is_an_error_not_an_allocation() {
        // A map that claims 2^62 entries and holds one.
        let mut bytes = Vec::new();
        let mut n: u64 = 1 << 62;
        while n >= 0x80 {
            bytes.push((n as u8) | 0x80);
            n >>= 7;
        }
        bytes.push(n as u8);
        bytes.extend_from_slice(&[1, 2]);
        let mut set_bytes = bytes.clone();
        set_bytes.truncate(set_bytes.len() - 1);
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct M(#[serde(with = "crate::wire::map")] HashMap<u64, u64, FixedState>);
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct S(#[serde(with = "crate::wire::set")] HashSet<u64, FixedState>);
        assert!(postcard::from_bytes::<M>(&bytes).is_err());
        assert!(postcard::from_bytes::<S>(&set_bytes).is_err());
    }

    #[test]
    fn interned_names_are_shared() {
        let a = intern("eng");
        let b = intern(&String::from("eng"));
        assert!(std::ptr::eq(a, b));
    }
}

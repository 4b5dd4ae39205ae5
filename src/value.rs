//! Classifying one cell: the per-value step of type inference.
//!
//! Every non-missing value gets exactly one [`Kind`]; a column's type is the join of its values'
//! kinds in the type lattice (the profile's `TypeCounts::inferred`).

/// What one cell holds.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    Missing,
    Boolean,
    /// An integer of magnitude at most 2^53: every one is exactly a double.
    Integer(i64),
    /// An integer of magnitude beyond 2^53 (a snowflake id, a hash in digits), of any length:
    /// counted by its text (see [`integer_text`]) so distinct counts and top values stay exact;
    /// the value, rounded to the nearest double (infinite past its range), feeds the statistics.
    BigInteger(f64),
    /// A float (`overflow` is true when out of the range of a double, as `1e999`).
    Float {
        value: f64,
        overflow: bool,
    },
    Date,
    DateTime,
    Categorical,
    Text,
}

/// The missing-value tokens, with a fast rejection path (length and first byte) so that the
/// common case, a value that is not a token, costs two comparisons.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct MissingTokens {
    tokens: Vec<Box<str>>,
    max_len: usize,
    #[serde(with = "crate::wire::array")]
    first: [bool; 256],
}

impl MissingTokens {
    pub fn new<S: AsRef<str>>(tokens: &[S]) -> MissingTokens {
        let mut m = MissingTokens { tokens: Vec::new(), max_len: 0, first: [false; 256] };
        for t in tokens {
            let t = t.as_ref();
            if let Some(&b) = t.as_bytes().first() {
                m.max_len = m.max_len.max(t.len());
                if let Some(slot) = m.first.get_mut(usize::from(b)) {
                    *slot = true;
                }
                m.tokens.push(t.into());
            }
        }
        m
    }

    /// Whether a trimmed value is empty or one of the tokens.
    #[inline]
    pub fn contains(&self, s: &str) -> bool {
        match s.as_bytes().first() {
            None => true,
            Some(&b) => {
                s.len() <= self.max_len
                    && self.first.get(usize::from(b)).copied().unwrap_or(false)
                    && self.tokens.iter().any(|t| &**t == s)
            }
        }
    }
}

/// Classify a value that has already been trimmed and found not missing.
#[inline]
pub fn classify(s: &str) -> Kind {
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return Kind::Missing;
    };
    if first.is_ascii_digit() || first == b'-' || first == b'+' || first == b'.' {
        if let Some(k) = classify_number(s) {
            return k;
        }
        if b.len() >= 10 {
            if let Some(k) = classify_temporal(b) {
                return k;
            }
        }
    }
    if b.len() <= 5 && is_bool(b) {
        return Kind::Boolean;
    }
    if is_text(s) {
        Kind::Text
    } else {
        Kind::Categorical
    }
}

fn is_bool(b: &[u8]) -> bool {
    // Most values start with another letter: one test instead of four comparisons.
    matches!(b.first(), Some(b't' | b'T' | b'f' | b'F' | b'y' | b'Y' | b'n' | b'N'))
        && ["true", "false", "yes", "no"].iter().any(|w| w.as_bytes().eq_ignore_ascii_case(b))
}

/// Free text rather than a category: long, or several words.
fn is_text(s: &str) -> bool {
    if s.len() > 48 {
        return true;
    }
    if !s.is_ascii() {
        return s.split_whitespace().take(5).count() >= 5;
    }
    // ASCII: the words `split_whitespace` would count, by bytes (its whitespace in ASCII is
    // tab, line feed, vertical tab, form feed, carriage return and space).
    let mut words = 0;
    let mut in_word = false;
    for &c in s.as_bytes() {
        let space = matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
        words += usize::from(!space && !in_word);
        in_word = !space;
    }
    words >= 5
}

fn classify_number(s: &str) -> Option<Kind> {
    let b = s.as_bytes();
    let digits = match b.first() {
        Some(b'-') | Some(b'+') => b.get(1..).unwrap_or(&[]),
        _ => b,
    };
    if digits.is_empty() {
        return None;
    }
    if digits.iter().all(u8::is_ascii_digit) {
        // Leading zeros mark an identifier (zip code, account number), not a quantity.
        if digits.len() > 1 && digits.first() == Some(&b'0') {
            return Some(Kind::Categorical);
        }
        return integer(s);
    }
    // Only decimal notation: "inf", "nan", "0x10" are not numbers here. A sign past the first
    // byte belongs to an exponent (a date's dashes end the search without a parse).
    let mut seen_digit = false;
    let mut prev = 0u8;
    for &c in digits {
        match c {
            b'0'..=b'9' => seen_digit = true,
            b'.' | b'e' | b'E' => {}
            b'-' | b'+' if matches!(prev, b'e' | b'E') => {}
            _ => return None,
        }
        prev = c;
    }
    if !seen_digit {
        return None;
    }
    let v = parse_float(s)?;
    if !v.is_finite() {
        // "1e999": out of range for f64; counted as an overflow and kept out of the statistics.
        return Some(Kind::Float { value: v, overflow: true });
    }
    Some(Kind::Float { value: v, overflow: false })
}

/// The powers of ten a double holds exactly.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// `s.parse::<f64>()`, to the last bit, with the commonest case taken first: a plain decimal
/// (`-123.4567`, no exponent) of at most 19 digits whose digits make an integer `m` ≤ 2^53 and
/// that has `k` ≤ 22 decimals is `m / 10^k`. Both are exact doubles and IEEE division rounds
/// correctly, so that is the correctly rounded value std's parser also returns (Clinger's fast
/// path, which std takes too, after its general parse). Anything else goes to std.
pub fn parse_float(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let (neg, digits) = match b.first() {
        Some(b'-') => (true, b.get(1..).unwrap_or(&[])),
        Some(b'+') => (false, b.get(1..).unwrap_or(&[])),
        _ => (false, b),
    };
    let std = || s.parse::<f64>().ok();
    let (mut m, mut n, mut decimals, mut point) = (0u64, 0usize, 0usize, false);
    for &c in digits {
        match c {
            b'0'..=b'9' if n < 19 => {
                m = m * 10 + u64::from(c - b'0');
                n += 1;
                decimals += usize::from(point);
            }
            b'.' if !point => point = true,
            _ => return std(),
        }
    }
    match EXACT_POWERS_OF_TEN.get(decimals) {
        Some(&p) if n > 0 && m <= EXACT_INTEGER => {
            let v = m as f64 / p;
            Some(if neg { -v } else { v })
        }
        _ => std(),
    }
}

/// The largest magnitude up to which every integer is exactly a double.
pub const EXACT_INTEGER: u64 = 1 << 53;

/// The kind of an integer written in decimal digits with an optional sign: [`Kind::Integer`] up
/// to 2^53 in magnitude, [`Kind::BigInteger`] beyond (never wrapped, never a float).
pub fn integer(s: &str) -> Option<Kind> {
    match s.parse::<i64>() {
        Ok(v) if v.unsigned_abs() <= EXACT_INTEGER => Some(Kind::Integer(v)),
        Ok(v) => Some(Kind::BigInteger(v as f64)),
        Err(_) => Some(Kind::BigInteger(s.parse::<f64>().ok()?)),
    }
}

/// Whether `s` is an optional sign followed by decimal digits.
pub fn is_integer_text(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit())
}

/// An integer's text as it is counted: without a leading `+` or leading zeros (`-0` is `0`).
/// Two texts are the same integer exactly when their normalised texts are equal.
pub fn integer_text(s: &str) -> std::borrow::Cow<'_, str> {
    let (neg, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..).unwrap_or("")),
        Some(b'+') => (false, s.get(1..).unwrap_or("")),
        _ => (false, s),
    };
    let digits = rest.trim_start_matches('0');
    if digits.is_empty() {
        return "0".into();
    }
    if neg {
        if digits.len() + 1 == s.len() {
            s.into()
        } else {
            format!("-{digits}").into()
        }
    } else {
        digits.into()
    }
}

fn two(b: &[u8], i: usize) -> Option<u32> {
    let x = b.get(i)?;
    let y = b.get(i + 1)?;
    if x.is_ascii_digit() && y.is_ascii_digit() {
        Some(u32::from(x - b'0') * 10 + u32::from(y - b'0'))
    } else {
        None
    }
}

fn year_of(b: &[u8]) -> u32 {
    b.iter().fold(0u32, |acc, &c| acc * 10 + u32::from(c.saturating_sub(b'0')))
}

/// Days in a month of the proleptic Gregorian calendar: 2024-02-30 and 2023-02-29 are not dates.
pub fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `YYYY-MM-DD` or `YYYY/MM/DD`, optionally followed by `T` or a space and `HH:MM[:SS[.f]]` with an
/// optional `Z` or `±HH:MM` offset.
fn classify_temporal(b: &[u8]) -> Option<Kind> {
    let year = b.get(0..4)?;
    if !year.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sep = *b.get(4)?;
    if (sep != b'-' && sep != b'/') || b.get(7) != Some(&sep) {
        return None;
    }
    let month = two(b, 5)?;
    let day = two(b, 8)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year_of(year), month) {
        return None;
    }
    if b.len() == 10 {
        return Some(Kind::Date);
    }
    let t = *b.get(10)?;
    if t != b'T' && t != b' ' {
        return None;
    }
    let hour = two(b, 11)?;
    let minute = two(b, 14)?;
    if b.get(13) != Some(&b':') || hour > 23 || minute > 59 {
        return None;
    }
    let mut i = 16;
    if b.get(i) == Some(&b':') {
        let second = two(b, i + 1)?;
        if second > 60 {
            return None;
        }
        i += 3;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return None;
            }
        }
    }
    match b.get(i..)? {
        [] | [b'Z'] => Some(Kind::DateTime),
        [s, h1, h2, b':', m1, m2] if (*s == b'+' || *s == b'-') => {
            let ok = [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit());
            ok.then_some(Kind::DateTime)
        }
        _ => None,
    }
}

#[cfg(test)]
// Tests fail by panicking; the no-panic lints are for the engine, not for them.
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        /// The fast path gives std's double to the last bit, or std's refusal.
        #[test]
        fn parse_float_is_std(s in "[+-]?[0-9]{0,22}(\\.[0-9]{0,24})?([eE][+-]?[0-9]{1,3})?") {
            let ours = parse_float(&s).map(f64::to_bits);
            let std = s.parse::<f64>().ok().map(f64::to_bits);
            prop_assert_eq!(ours, std, "{}", s);
        }
    }

    #[test]
    fn parse_float_edges() {
        for s in [
            "-0.0",
            "+.5",
            "5.",
            ".",
            "",
            "-",
            "9007199254740993.5",
            "0.1",
            "123456789012345678.9",
            "1.7976931348623157",
            "0.0000000000000000000001",
            "00000000000000000000001.5",
        ] {
            assert_eq!(parse_float(s).map(f64::to_bits), s.parse::<f64>().ok().map(f64::to_bits), "{s}");
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(classify("42"), Kind::Integer(42));
        assert_eq!(classify("-7"), Kind::Integer(-7));
        assert_eq!(classify("007"), Kind::Categorical);
        assert_eq!(classify("0"), Kind::Integer(0));
        assert_eq!(classify("3.5"), Kind::Float { value: 3.5, overflow: false });
        assert_eq!(classify("1e3"), Kind::Float { value: 1000.0, overflow: false });
        assert_eq!(classify("99999999999999999999"), Kind::BigInteger(1e20));
        assert_eq!(classify("9007199254740992"), Kind::Integer(1 << 53));
        assert_eq!(classify("-9007199254740992"), Kind::Integer(-(1 << 53)));
        assert!(matches!(classify("9007199254740993"), Kind::BigInteger(_)));
        assert!(matches!(classify("-9007199254740993"), Kind::BigInteger(_)));
        assert_eq!(integer_text("+12345678901234567890"), "12345678901234567890");
        assert_eq!(integer_text("-12345678901234567890"), "-12345678901234567890");
        assert_eq!(integer_text("-0"), "0");
        assert_eq!(classify("inf"), Kind::Categorical);
        assert_eq!(classify("1-2"), Kind::Categorical);
        assert_eq!(classify("TRUE"), Kind::Boolean);
        assert_eq!(classify("2024-02-29"), Kind::Date);
        assert_eq!(classify("2024-02-29T10:11:12.5Z"), Kind::DateTime);
        assert_eq!(classify("2024-02-29 10:11+02:00"), Kind::DateTime);
        assert_eq!(classify("2024-13-01"), Kind::Categorical);
        assert_eq!(classify("2024-02-30"), Kind::Categorical);
        assert_eq!(classify("2023-02-29"), Kind::Categorical);
        assert_eq!(classify("1900-02-29"), Kind::Categorical);
        assert_eq!(classify("2000-02-29"), Kind::Date);
        assert_eq!(classify("2024-04-31T10:00"), Kind::Categorical);
        assert_eq!(classify("2024-12-31"), Kind::Date);
        assert_eq!(classify("Married-civ-spouse"), Kind::Categorical);
        assert_eq!(classify("the quick brown fox jumps"), Kind::Text);
        assert_eq!(classify("-"), Kind::Categorical);
    }

    #[test]
    fn ascii_words_as_split_whitespace() {
        for s in [
            "a b c d e",
            "a\x0bb\x0cc\rd\te",
            "  a  b c d",
            "a b c d e\n",
            "x",
            "",
            "a\x1fb c d e",
            "Married-civ-spouse",
        ] {
            assert_eq!(is_text(s), s.split_whitespace().take(5).count() >= 5, "{s:?}");
        }
        for s in ["t", "no", "No", "nope", "YES", "False", "f", "yess"] {
            assert_eq!(is_bool(s.as_bytes()), ["true", "false", "yes", "no"].iter().any(|w| w.eq_ignore_ascii_case(s)));
        }
    }
}

//! One pass over a value's bytes that feeds every per-value measure that only needs byte counts:
//! word starts and control characters (for [`super::column`]'s length figures, on ASCII values),
//! backticks (whether a code fence can be there), and what the PII families need before their
//! patterns are worth running (digits, dots, colons, `@`, dashes, and the byte pairs that every
//! key prefix holds).
//!
//! The loop compares each byte with the one before it and adds into `u8` lanes over chunks of 255
//! bytes, with no branch and no early exit, so the compiler vectorises it (it replaced a scalar
//! word count and a second pass for the PII census; on the benchmark's free-text column the two
//! cost about three times as much).

/// Byte counts of one value. Counts are over bytes, so on non-ASCII text only the ASCII figures
/// are meaningful (`words` and `controls` are read for ASCII values only).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Census {
    /// Starts of runs of non-whitespace bytes (ASCII whitespace as `str::split_whitespace`:
    /// space, `\t` `\n` `\v` `\f` `\r`): the word count of an ASCII value.
    pub words: usize,
    /// C0 control bytes other than `\t`, `\n` and `\r`.
    pub controls: usize,
    pub digits: usize,
    pub dots: usize,
    pub colons: usize,
    pub dashes: usize,
    pub backticks: usize,
    pub at: bool,
    /// Every key prefix that the secret patterns search holds an `_` or a `-` (`ghp_`, `hf_`,
    /// `sk_live_`, `xoxb-`), an uppercase letter followed by an uppercase letter or a digit
    /// (`AKIA`, `ASIA`, `A3T`, `AIza`) or a lowercase letter followed by an uppercase one (`eyJ`):
    /// without any of these no key can be in the value.
    pub key_marks: usize,
}

#[inline]
fn space(b: u8) -> bool {
    b == b' ' || b.wrapping_sub(b'\t') < 5
}

impl Census {
    /// Counts `bytes` in one branch-free pass.
    pub fn of(bytes: &[u8]) -> Census {
        let mut c = Census::default();
        let Some(&first) = bytes.first() else { return c };
        // The first byte has no predecessor: it is counted as if after a space.
        let mut acc = Lanes::default();
        acc.add(b' ', first);
        c.absorb(&acc);
        let rest = bytes.get(1..).unwrap_or(&[]);
        for (prev, cur) in bytes.chunks(255).zip(rest.chunks(255)) {
            let mut acc = Lanes::default();
            for (&p, &b) in prev.iter().zip(cur) {
                acc.add(p, b);
            }
            c.absorb(&acc);
        }
        c.at = bytes.contains(&b'@');
        c
    }

    fn absorb(&mut self, l: &Lanes) {
        self.words += usize::from(l.words);
        self.controls += usize::from(l.controls);
        self.digits += usize::from(l.digits);
        self.dots += usize::from(l.dots);
        self.colons += usize::from(l.colons);
        self.dashes += usize::from(l.dashes);
        self.backticks += usize::from(l.backticks);
        self.key_marks += usize::from(l.key_marks);
    }
}

/// Per-chunk counters: at most 255 additions each, so `u8` cannot overflow.
#[derive(Default)]
struct Lanes {
    words: u8,
    controls: u8,
    digits: u8,
    dots: u8,
    colons: u8,
    dashes: u8,
    backticks: u8,
    key_marks: u8,
}

impl Lanes {
    #[inline]
    fn add(&mut self, p: u8, b: u8) {
        let upper = |x: u8| x.wrapping_sub(b'A') < 26;
        let digit = |x: u8| x.wrapping_sub(b'0') < 10;
        self.words += u8::from(space(p) & !space(b));
        self.controls += u8::from((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r'));
        self.digits += u8::from(digit(b));
        self.dots += u8::from(b == b'.');
        self.colons += u8::from(b == b':');
        self.dashes += u8::from(b == b'-');
        self.backticks += u8::from(b == b'`');
        let pair = (upper(p) & (upper(b) | digit(b))) | ((p.wrapping_sub(b'a') < 26) & upper(b));
        self.key_marks += u8::from(pair | (b == b'_') | (b == b'-'));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definitions, byte by byte.
    fn slow(text: &str) -> Census {
        let bytes = text.as_bytes();
        let count = |f: &dyn Fn(u8) -> bool| bytes.iter().filter(|&&b| f(b)).count();
        let key_marks = bytes
            .iter()
            .enumerate()
            .filter(|&(i, &b)| {
                let p = i.checked_sub(1).and_then(|j| bytes.get(j)).copied().unwrap_or(b' ');
                b == b'_'
                    || b == b'-'
                    || (p.is_ascii_uppercase() && (b.is_ascii_uppercase() || b.is_ascii_digit()))
                    || (p.is_ascii_lowercase() && b.is_ascii_uppercase())
            })
            .count();
        Census {
            words: if text.is_ascii() { text.split_whitespace().count() } else { 0 },
            controls: count(&|b| b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r'),
            digits: count(&|b| b.is_ascii_digit()),
            dots: count(&|b| b == b'.'),
            colons: count(&|b| b == b':'),
            dashes: count(&|b| b == b'-'),
            backticks: count(&|b| b == b'`'),
            at: bytes.contains(&b'@'),
            key_marks,
        }
    }

    #[test]
    fn matches_the_plain_definitions() {
        let long = "word ".repeat(300) + "AKIA1234 x_y a-b ```code``` 1.2:3 @ \u{1}\t\r\n eyJ";
        for t in ["", " ", "a", "  two words  ", "\u{b}x\u{c}y\u{7}", long.as_str(), "I am NASA A3T hf_x"] {
            let mut got = Census::of(t.as_bytes());
            if !t.is_ascii() {
                got.words = 0;
            }
            assert_eq!(got, slow(t), "{t:?}");
        }
    }

    #[test]
    fn every_key_prefix_leaves_a_mark() {
        for p in [
            "AKIA",
            "ASIA",
            "ABIA",
            "ACCA",
            "A3T",
            "ghp_",
            "github_pat_",
            "xoxb-",
            "xoxp-",
            "sk_live_",
            "rk_live_",
            "AIza",
            "hf_",
            "eyJ",
        ] {
            assert!(Census::of(format!("see {p}").as_bytes()).key_marks > 0, "{p}");
        }
        assert_eq!(Census::of(b"the model data, really. I think so").key_marks, 0);
    }
}

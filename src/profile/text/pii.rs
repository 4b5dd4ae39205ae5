//! PII and secrets in a text value, each candidate validated beyond its shape: e-mail addresses
//! (dotted domain), phone numbers, payment cards (Luhn and a known network), IBANs (the country's
//! length and mod-97), US SSNs (Presidio's invalidation rules), public IP addresses (parsed by
//! `std::net`, special-purpose ranges excluded), private-key blocks and API keys by gitleaks'
//! prefixes with an entropy floor.
//!
//! Memory: a [`Detector`] holds six compiled patterns (built once, shared by all values);
//! [`Detector::scan`] keeps nothing between values and allocates only while it has candidates.
//!
//! Cost: `scan` runs on every value of every free-text column, so each family sits behind a cheap
//! gate read in one vectorised pass over the bytes (an `@` for e-mail; 9 or more ASCII digits for
//! cards, IBANs, SSNs and phones; 3 dots for IPv4; `::` or 7 colons for IPv6). Cards, SSNs and IBANs
//! are found by one hand-written walk over the digit groups (a regex without a literal prefix
//! costs about 2 µs per KB on its own); key prefixes by one alternation whose literal prefixes the
//! `regex` crate searches with its SIMD / Aho–Corasick prefilter; private keys by the literal
//! `-----BEGIN`. Measured with the ignored test `cost_per_kb` (release, x86-64, English prose
//! without PII, 3 KB values): about 1 µs per KB.
//!
//! `regex` has no look-around, so every boundary ("not inside a longer number or word") is checked
//! in code on the characters around a match.
//!
//! Hand-written rather than a crate, and why: this module may not add dependencies (it is one file
//! of a crate whose manifest others own), and each check is short: Luhn and mod-97 are a dozen
//! lines; `Ipv4Addr::is_global` / `Ipv6Addr::is_global` are still unstable in `std`, so the
//! special-purpose ranges are listed here from the IANA registries; the IBAN lengths are copied
//! from the SWIFT IBAN registry (the `iban_validate` crate, which builds for wasm32, could replace
//! that table and the mod-97 if the manifest gains it).

use regex::Regex;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

/// What a hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PiiKind {
    /// An e-mail address whose domain has a dot and an alphabetic top-level label.
    Email,
    /// A phone number: `+` and 9–15 digits, or a North American number with separators.
    Phone,
    /// A payment card number: 13–19 digits, Luhn-valid, with a known network's prefix and length.
    Card,
    /// An IBAN: a registered country, that country's length and a valid mod-97 check.
    Iban,
    /// A US Social Security number written `AAA-GG-SSSS` (or with spaces or dots), not invalid by
    /// Presidio's rules.
    Ssn,
    /// A public (globally routable) IPv4 or IPv6 address.
    IpAddress,
    /// A PEM/OpenSSH/PGP private-key block.
    PrivateKey,
    /// An API key or token recognised by its issuer's prefix, with enough entropy.
    Secret,
}

impl PiiKind {
    /// Every kind, in declaration order.
    pub const ALL: [PiiKind; 8] = [
        PiiKind::Email,
        PiiKind::Phone,
        PiiKind::Card,
        PiiKind::Iban,
        PiiKind::Ssn,
        PiiKind::IpAddress,
        PiiKind::PrivateKey,
        PiiKind::Secret,
    ];

    /// The kind's stable name (the same as its serialised form).
    pub fn name(self) -> &'static str {
        match self {
            PiiKind::Email => "email",
            PiiKind::Phone => "phone",
            PiiKind::Card => "card",
            PiiKind::Iban => "iban",
            PiiKind::Ssn => "ssn",
            PiiKind::IpAddress => "ip-address",
            PiiKind::PrivateKey => "private-key",
            PiiKind::Secret => "secret",
        }
    }

    /// Whether a hit of this kind is an error: secrets, private keys, cards, IBANs and SSNs.
    pub fn is_severe(self) -> bool {
        matches!(self, PiiKind::Secret | PiiKind::PrivateKey | PiiKind::Card | PiiKind::Iban | PiiKind::Ssn)
    }

    /// Which of two overlapping hits is kept: the lower rank (severe kinds first), then the longer.
    fn rank(self) -> u8 {
        match self {
            PiiKind::PrivateKey => 0,
            PiiKind::Secret => 1,
            PiiKind::Iban => 2,
            PiiKind::Card => 3,
            PiiKind::Ssn => 4,
            PiiKind::Email => 5,
            PiiKind::IpAddress => 6,
            PiiKind::Phone => 7,
        }
    }
}

/// One finding in a value: its kind, its byte range in the value (always on char boundaries) and a
/// static detail (card network, key issuer, IBAN country, `ipv4`/`ipv6`, phone style; `""` if
/// none). The matched text itself is never stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PiiHit {
    /// What was found.
    pub kind: PiiKind,
    /// Byte offset of the first byte of the match in the value.
    pub start: usize,
    /// Byte offset one past the last byte of the match.
    pub end: usize,
    /// E.g. `"visa"`, `"aws-access-key-id"`, `"github-token"`, `"jwt"`, `"rsa-private-key"`, `"DE"`.
    pub detail: &'static str,
}

/// The compiled patterns, built once and shared by every value scanned. A pattern that failed to
/// compile is `None` and its family is skipped (it cannot fail with these literals; the engine still
/// never panics).
#[derive(Clone, Debug)]
pub struct Detector {
    email: Option<Regex>,
    phone: Option<Regex>,
    ipv4: Option<Regex>,
    ipv6: Option<Regex>,
    private_key: Option<Regex>,
    secret: Option<Regex>,
}

/// Local part, `@`, one or more dotted labels, an alphabetic top-level label. The local part is
/// unbounded here (so a match always starts at the beginning of its run) and capped in code.
const EMAIL: &str = r"[A-Za-z0-9._%+\-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}";

/// International (`+`, country code, up to six groups, checked for 9–15 digits in code) or North
/// American (NANP: area and exchange codes start 2–9, separators required).
const PHONE: &str = concat!(
    r"\+[1-9][0-9]{0,2}(?:[ .\-]?\(?[0-9]{1,6}\)?){1,6}",
    r"|(?:1[ .\-])?(?:\([2-9][0-9]{2}\)[ .\-]?|[2-9][0-9]{2}[ .\-])[2-9][0-9]{2}[ .\-][0-9]{4}"
);

/// A dotted quad; octets are range-checked by `Ipv4Addr::from_str`.
const IPV4: &str = r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}";

/// Colon-separated hex groups (at least two colons), optionally ending in a dotted quad; the
/// address is then parsed by `Ipv6Addr::from_str`, which rejects times like `12:30:45`.
const IPV6: &str = r"(?:[0-9A-Fa-f]{1,4})?(?::(?:[0-9A-Fa-f]{1,4})?){2,7}(?:\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})?";

/// A private-key header, as gitleaks' `private-key` rule (`-----BEGIN … PRIVATE KEY-----`).
const PRIVATE_KEY: &str = r"-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----";

/// gitleaks' rules (cmd/generate/config/rules/*.go), one alternation so the literal prefixes are
/// searched together: aws-access-token, github-pat / -oauth / -app-token / -refresh-token /
/// -fine-grained-pat, slack-bot-token / slack-user-token, stripe-access-token (live keys only),
/// gcp-api-key, huggingface-access-token, jwt (here `eyJ`, the base64 of `{"`, and three parts).
const SECRET: &str = concat!(
    r"(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}",
    r"|gh[pousr]_[0-9A-Za-z]{36}",
    r"|github_pat_[0-9A-Za-z_]{82}",
    r"|xoxb-[0-9]{10,13}-[0-9]{10,13}[A-Za-z0-9\-]*",
    r"|xoxp(?:-[0-9]{10,13}){3}-[A-Za-z0-9\-]{28,34}",
    r"|[sr]k_live_[0-9A-Za-z]{24,99}",
    r"|AIza[0-9A-Za-z_\-]{35}",
    r"|hf_[A-Za-z]{34}",
    r"|eyJ[0-9A-Za-z_\-]{14,}\.eyJ[0-9A-Za-z_\-]{14,}\.[0-9A-Za-z_\-]{10,}={0,2}"
);

/// Shannon entropy floor, in bits per character, of a key's random part (gitleaks' `entropy = 3`).
pub const SECRET_MIN_ENTROPY: f64 = 3.0;

/// Fewest ASCII digits a value needs before the card, IBAN, SSN and phone searches run.
const MIN_DIGITS: usize = 9;

impl Default for Detector {
    fn default() -> Detector {
        Detector::new()
    }
}

impl Detector {
    /// Compiles every pattern once. Never panics: a pattern that fails to build disables its family.
    pub fn new() -> Detector {
        let build = |pattern: &str| Regex::new(pattern).ok();
        Detector {
            email: build(EMAIL),
            phone: build(PHONE),
            ipv4: build(IPV4),
            ipv6: build(IPV6),
            private_key: build(PRIVATE_KEY),
            secret: build(SECRET),
        }
    }

    /// Appends the hits in `text` to `out`, in order of position, with no two overlapping (of two
    /// overlapping candidates the severe kind wins, then the longer). Never panics, on any input.
    pub fn scan(&self, text: &str, out: &mut Vec<PiiHit>) {
        let census = Census::of(text.as_bytes());
        let mut found = Vec::new();
        if census.at {
            self.emails(text, &mut found);
        }
        if census.digits >= MIN_DIGITS {
            digit_groups(text, &mut found);
            self.phones(text, &mut found);
        }
        if census.digits >= 4 && census.dots >= 3 {
            self.ipv4s(text, &mut found);
        }
        if census.colons >= 7 || (census.colons >= 2 && text.contains("::")) {
            self.ipv6s(text, &mut found);
        }
        self.private_keys(text, &mut found);
        self.secrets(text, &mut found);
        resolve(found, out);
    }

    /// E-mail addresses: the local part starts at a non-address character, is at most 64 bytes and
    /// does not end in a dot; the domain is dotted with an alphabetic top-level label that is not an
    /// image extension (`icon@2x.png` is a file name).
    fn emails(&self, text: &str, found: &mut Vec<PiiHit>) {
        let Some(re) = &self.email else { return };
        let bytes = text.as_bytes();
        for m in re.find_iter(text) {
            let Some(at) = m.as_str().find('@') else { continue };
            // Leading dots are punctuation before the address ("see...jo@x.org").
            let lead = m.as_str().bytes().take_while(|&b| b == b'.').count();
            let start = m.start() + lead;
            let local = at.saturating_sub(lead);
            let last_local = (m.start() + at).checked_sub(1).and_then(|i| bytes.get(i));
            let local_ok = (1..=64).contains(&local) && last_local != Some(&b'.');
            let after_ok = !bytes.get(m.end()).is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            let tld = m.as_str().rsplit('.').next().unwrap_or_default();
            let file = IMAGE_EXTENSIONS.iter().any(|e| tld.eq_ignore_ascii_case(e));
            if local_ok && after_ok && !file && !glued_before(text, start) {
                found.push(PiiHit { kind: PiiKind::Email, start, end: m.end(), detail: "" });
            }
        }
    }

    /// Phone numbers: international ones carry 9–15 digits (E.164's maximum is 15); a North
    /// American one needs its separators (a bare 10-digit run is an id as often as a phone).
    fn phones(&self, text: &str, found: &mut Vec<PiiHit>) {
        let Some(re) = &self.phone else { return };
        for m in re.find_iter(text) {
            let digits = m.as_str().bytes().filter(u8::is_ascii_digit).count();
            let international = m.as_str().starts_with('+');
            let count_ok = if international { (9..=15).contains(&digits) } else { true };
            if count_ok && !glued_before(text, m.start()) && !glued_after(text, m.end()) {
                let detail = if international { "international" } else { "north-american" };
                found.push(PiiHit { kind: PiiKind::Phone, start: m.start(), end: m.end(), detail });
            }
        }
    }

    /// Public IPv4 addresses: a dotted quad not inside a longer dotted number or word, parsed by
    /// `Ipv4Addr::from_str` (which rejects octets over 255 and leading zeros), outside the
    /// special-purpose ranges, and not a version (preceded by `v`, `ver` or `version`). A `:port`
    /// after it does not glue it (`8.8.8.8:53`).
    fn ipv4s(&self, text: &str, found: &mut Vec<PiiHit>) {
        let Some(re) = &self.ipv4 else { return };
        for m in re.find_iter(text) {
            let port = text.get(m.end()..).is_some_and(|rest| rest.starts_with(':'));
            let glued = glued_before(text, m.start()) || (glued_after(text, m.end()) && !port);
            if glued || after_version_word(text, m.start()) {
                continue;
            }
            if Ipv4Addr::from_str(m.as_str()).is_ok_and(is_public_v4) {
                found.push(PiiHit { kind: PiiKind::IpAddress, start: m.start(), end: m.end(), detail: "ipv4" });
            }
        }
    }

    /// Public IPv6 addresses: a colon-hex run not touching other word characters, parsed by
    /// `Ipv6Addr::from_str`, global unicast and not documentation or IETF protocol space.
    fn ipv6s(&self, text: &str, found: &mut Vec<PiiHit>) {
        let Some(re) = &self.ipv6 else { return };
        let bytes = text.as_bytes();
        let word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_' || *b == b':';
        for m in re.find_iter(text) {
            let before = m.start().checked_sub(1).and_then(|i| bytes.get(i));
            if before.is_some_and(word) || bytes.get(m.end()).is_some_and(word) {
                continue;
            }
            if Ipv6Addr::from_str(m.as_str()).is_ok_and(is_public_v6) {
                found.push(PiiHit { kind: PiiKind::IpAddress, start: m.start(), end: m.end(), detail: "ipv6" });
            }
        }
    }

    /// Private-key blocks: the header, through the next `-----END …-----` line when that comes
    /// before the next header. Linear: the END search resumes where it stopped.
    fn private_keys(&self, text: &str, found: &mut Vec<PiiHit>) {
        let Some(re) = &self.private_key else { return };
        let mut ends = EndMarkers { text, next: None, exhausted: false };
        let mut next = re.find_at(text, 0);
        while let Some(m) = next {
            let label = m.as_str().trim_start_matches("-----BEGIN ");
            let label = label.split("PRIVATE KEY").next().unwrap_or_default().trim();
            let detail = match label {
                "RSA" => "rsa-private-key",
                "OPENSSH" => "openssh-private-key",
                "EC" => "ec-private-key",
                "DSA" => "dsa-private-key",
                "ENCRYPTED" => "encrypted-private-key",
                "PGP" => "pgp-private-key",
                _ => "private-key",
            };
            let following = re.find_at(text, m.end());
            let end = match ends.after(m.end()) {
                Some((at, end)) if following.is_none_or(|f| at < f.start()) => end,
                _ => m.end(),
            };
            found.push(PiiHit { kind: PiiKind::PrivateKey, start: m.start(), end, detail });
            next = if end > m.end() { re.find_at(text, end) } else { following };
        }
    }

    /// API keys by prefix: not glued to a preceding word character nor followed by one (a fixed
    /// length key inside a longer token is not that key), not a documented placeholder, and with at
    /// least [`SECRET_MIN_ENTROPY`] bits per character in the part after the prefix.
    fn secrets(&self, text: &str, found: &mut Vec<PiiHit>) {
        let Some(re) = &self.secret else { return };
        let bytes = text.as_bytes();
        let word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
        for m in re.find_iter(text) {
            let token = m.as_str();
            let before = m.start().checked_sub(1).and_then(|i| bytes.get(i));
            let after = bytes.get(m.end());
            if before.is_some_and(word) || after.is_some_and(word) {
                continue;
            }
            let (detail, prefix) = secret_issuer(token);
            if detail == "google-api-key" && after == Some(&b'-') {
                continue;
            }
            // AWS documents AKIAIOSFODNN7EXAMPLE; gitleaks allowlists keys ending in EXAMPLE.
            if detail == "aws-access-key-id" && token.ends_with("EXAMPLE") {
                continue;
            }
            if entropy(token.get(prefix..).unwrap_or(token)) >= SECRET_MIN_ENTROPY {
                found.push(PiiHit { kind: PiiKind::Secret, start: m.start(), end: m.end(), detail });
            }
        }
    }
}

/// File extensions that look like top-level domains after an `@` in asset names (`logo@2x.png`).
const IMAGE_EXTENSIONS: [&str; 9] = ["png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "tiff"];

/// What one pass over a value's bytes says about which families can occur in it.
struct Census {
    digits: usize,
    dots: usize,
    colons: usize,
    at: bool,
}

impl Census {
    /// Counts ASCII digits, dots and colons and looks for an `@`. The counts run over chunks of
    /// 255 bytes into `u8` lanes so the compiler vectorises the loop (about 0.2 µs per KB against
    /// 2.5 for a plain `usize` loop); the `@` is a `memchr`.
    fn of(bytes: &[u8]) -> Census {
        let (mut digits, mut dots, mut colons) = (0usize, 0usize, 0usize);
        for chunk in bytes.chunks(255) {
            let (mut d, mut p, mut c) = (0u8, 0u8, 0u8);
            for &b in chunk {
                d += u8::from(b.wrapping_sub(b'0') < 10);
                p += u8::from(b == b'.');
                c += u8::from(b == b':');
            }
            digits += usize::from(d);
            dots += usize::from(p);
            colons += usize::from(c);
        }
        Census { digits, dots, colons, at: bytes.contains(&b'@') }
    }
}

/// The first ASCII digit at or after `from`: 16-byte blocks are tested without early exit (so they
/// vectorise), then the block that has one is searched.
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut offset = 0;
    for block in rest.chunks(16) {
        if block.iter().fold(false, |any, b| any | (b.wrapping_sub(b'0') < 10)) {
            return block.iter().position(u8::is_ascii_digit).map(|k| from + offset + k);
        }
        offset += block.len();
    }
    None
}

/// The character before `pos` joins the match to a longer token: a letter, digit or `_`; or `-`
/// after a letter or digit (`ORD-2024`); or `.`, `,`, `/`, `:` after a digit (`1.2`, `1,5`).
fn glued_before(text: &str, pos: usize) -> bool {
    let Some(head) = text.get(..pos) else { return true };
    let mut chars = head.chars().rev();
    match chars.next() {
        None => false,
        Some(c) if c.is_alphanumeric() || c == '_' => true,
        Some('-') => chars.next().is_some_and(|c| c.is_alphanumeric() || c == '_'),
        Some('.' | ',' | '/' | ':') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(_) => false,
    }
}

/// The character at `pos` joins the match to a longer token (the mirror of [`glued_before`]).
fn glued_after(text: &str, pos: usize) -> bool {
    let Some(tail) = text.get(pos..) else { return true };
    let mut chars = tail.chars();
    match chars.next() {
        None => false,
        Some(c) if c.is_alphanumeric() || c == '_' => true,
        Some('-') => chars.next().is_some_and(|c| c.is_alphanumeric() || c == '_'),
        Some('.' | ',' | '/' | ':') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(_) => false,
    }
}

/// Whether the word before `pos` (past spaces, `:`, `=` and `.`) is `v`, `ver` or `version`
/// (any case): then a dotted quad is a version number, not an address. `v1.2.3.4` is already
/// rejected as glued to the `v`.
fn after_version_word(text: &str, pos: usize) -> bool {
    let Some(head) = text.get(..pos) else { return false };
    let bytes = head.as_bytes();
    let mut k = bytes.len();
    // At most 8 separators, then at most 8 letters: bounded work per candidate.
    for _ in 0..8 {
        match k.checked_sub(1).and_then(|i| bytes.get(i)) {
            Some(b' ' | b':' | b'=' | b'.' | b'\t') => k -= 1,
            _ => break,
        }
    }
    let word_end = k;
    while word_end - k < 8 && k.checked_sub(1).and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_alphabetic) {
        k -= 1;
    }
    // Only ASCII bytes were stepped over, so `k..word_end` lies on char boundaries.
    let word = head.get(k..word_end).unwrap_or_default();
    ["v", "ver", "version"].iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// Digit groups joined by single separators (space, `-`, `.`), read in one pass; each run is then
/// searched for cards and SSNs, and each run glued to two capital letters is tried as an IBAN. A
/// separator joins two groups only when digits follow it.
fn digit_groups(text: &str, found: &mut Vec<PiiHit>) {
    let bytes = text.as_bytes();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut seps: Vec<u8> = Vec::new();
    let mut i = 0;
    while let Some(first) = next_digit(bytes, i) {
        i = first;
        // An IBAN starts with two capital letters glued to its two check digits.
        let country = first.checked_sub(2).and_then(|k| bytes.get(k..first));
        if country.is_some_and(|c| c.iter().all(u8::is_ascii_uppercase))
            && bytes.get(first + 1).is_some_and(u8::is_ascii_digit)
        {
            let start = first - 2;
            if let Some((end, code)) = iban_at(bytes, start).filter(|_| !glued_before(text, start)) {
                found.push(PiiHit { kind: PiiKind::Iban, start, end, detail: code });
            }
        }
        groups.clear();
        seps.clear();
        let mut total = 0;
        loop {
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            groups.push((start, i));
            total += i - start;
            match (bytes.get(i), bytes.get(i + 1)) {
                (Some(&sep @ (b' ' | b'-' | b'.')), Some(next)) if next.is_ascii_digit() => {
                    seps.push(sep);
                    i += 1;
                }
                _ => break,
            }
        }
        if total >= MIN_DIGITS {
            Run { text, groups: &groups, seps: &seps }.search(found);
        }
    }
}

/// One run of digit groups and the separators between them (`seps[k]` joins groups `k`, `k+1`).
struct Run<'a> {
    text: &'a str,
    groups: &'a [(usize, usize)],
    seps: &'a [u8],
}

impl Run<'_> {
    /// Whether a window may start at group `i`: at the run's start, not glued to a word; inside the
    /// run, only after a space (a space-separated number is its own token; `-` or `.` is not).
    fn open_left(&self, i: usize) -> bool {
        match i.checked_sub(1) {
            None => self.groups.first().is_some_and(|g| !glued_before(self.text, g.0)),
            Some(k) => self.seps.get(k) == Some(&b' '),
        }
    }

    /// Whether a window may end at group `j` (the mirror of [`Run::open_left`]).
    fn open_right(&self, j: usize) -> bool {
        if j + 1 >= self.groups.len() {
            self.groups.last().is_some_and(|g| !glued_after(self.text, g.1))
        } else {
            self.seps.get(j) == Some(&b' ')
        }
    }

    /// Group `k`'s digit count.
    fn len(&self, k: usize) -> usize {
        self.groups.get(k).map_or(0, |g| g.1 - g.0)
    }

    /// Cards (greedy: at each start the longest valid window), then SSNs.
    fn search(&self, found: &mut Vec<PiiHit>) {
        let n = self.groups.len();
        let mut i = 0;
        while i < n {
            let mut hit = None;
            if self.open_left(i) {
                for j in (i..n.min(i + 5)).rev() {
                    if let Some(brand) = self.open_right(j).then(|| self.card(i, j)).flatten() {
                        hit = Some((j, brand));
                        break;
                    }
                }
            }
            match hit {
                Some((j, brand)) => {
                    let (start, end) = (self.groups.get(i).map_or(0, |g| g.0), self.groups.get(j).map_or(0, |g| g.1));
                    found.push(PiiHit { kind: PiiKind::Card, start, end, detail: brand });
                    i = j + 1;
                }
                None => i += 1,
            }
        }
        for i in 0..n.saturating_sub(2) {
            if self.len(i) == 3
                && self.len(i + 1) == 2
                && self.len(i + 2) == 4
                && self.open_left(i)
                && self.open_right(i + 2)
            {
                if let (Some(&a), Some(&b), Some(first), Some(last)) =
                    (self.seps.get(i), self.seps.get(i + 1), self.groups.get(i), self.groups.get(i + 2))
                {
                    let digits = self.digits(i, i + 2);
                    if a == b && ssn_valid(&digits) {
                        found.push(PiiHit { kind: PiiKind::Ssn, start: first.0, end: last.1, detail: "" });
                    }
                }
            }
        }
    }

    /// The digit values of groups `i..=j`, in order.
    fn digits(&self, i: usize, j: usize) -> Vec<u8> {
        let bytes = self.text.as_bytes();
        let span = self.groups.get(i..=j).unwrap_or_default();
        span.iter().flat_map(|&(s, e)| bytes.get(s..e).unwrap_or_default()).map(|b| b.wrapping_sub(b'0')).collect()
    }

    /// The card network if groups `i..=j` are a card: one group of 13–19 digits, or groups split by
    /// one repeated space or dash with a first group of 4 and the rest of 3–6 (4-4-4-4, Amex 4-6-5,
    /// Diners 4-6-4, 4-4-4-4-3); Luhn-valid with a known network's prefix and length.
    fn card(&self, i: usize, j: usize) -> Option<&'static str> {
        if i != j {
            let sep = *self.seps.get(i)?;
            let same = self.seps.get(i..j)?.iter().all(|&s| s == sep);
            let shape = self.len(i) == 4 && (i + 1..=j).all(|k| (3..=6).contains(&self.len(k)));
            if sep == b'.' || !same || !shape {
                return None;
            }
        }
        let total: usize = (i..=j).map(|k| self.len(k)).sum();
        if !(13..=19).contains(&total) {
            return None;
        }
        let digits = self.digits(i, j);
        if luhn(&digits) {
            card_network(&digits)
        } else {
            None
        }
    }
}

/// The Luhn (mod 10) check over digit values: double every second digit from the right.
fn luhn(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (k, &d) in digits.iter().rev().enumerate() {
        let d = u32::from(d);
        sum += if k % 2 == 1 {
            let twice = d * 2;
            if twice > 9 {
                twice - 9
            } else {
                twice
            }
        } else {
            d
        };
    }
    sum.is_multiple_of(10)
}

/// The network whose issuer prefix (IIN) and length fit, after the IIN table on Wikipedia's
/// "Payment card number": Visa 4 (13, 16, 19 digits), Mastercard 51–55 and 2221–2720 (16), Amex
/// 34, 37 (15), Discover 6011, 644–649, 65 (16–19), JCB 3528–3589 (16–19), Diners 300–305, 3095,
/// 36, 38, 39 (14–19), UnionPay 62 (16–19), Maestro 5018, 5020, 5038, 5893, 6304, 6759, 6761–6763
/// (13–19). An unknown prefix is not a card: a Luhn-valid 16-digit id is one in ten.
fn card_network(digits: &[u8]) -> Option<&'static str> {
    let prefix = |k: usize| digits.iter().take(k).fold(0u32, |acc, &d| acc * 10 + u32::from(d));
    let (p2, p3, p4) = (prefix(2), prefix(3), prefix(4));
    let n = digits.len();
    if digits.first() == Some(&4) && matches!(n, 13 | 16 | 19) {
        Some("visa")
    } else if ((51..=55).contains(&p2) || (2221..=2720).contains(&p4)) && n == 16 {
        Some("mastercard")
    } else if matches!(p2, 34 | 37) && n == 15 {
        Some("amex")
    } else if (p4 == 6011 || (644..=649).contains(&p3) || p2 == 65) && (16..=19).contains(&n) {
        Some("discover")
    } else if (3528..=3589).contains(&p4) && (16..=19).contains(&n) {
        Some("jcb")
    } else if ((300..=305).contains(&p3) || p4 == 3095 || matches!(p2, 36 | 38 | 39)) && (14..=19).contains(&n) {
        Some("diners")
    } else if p2 == 62 && (16..=19).contains(&n) {
        Some("unionpay")
    } else if matches!(p4, 5018 | 5020 | 5038 | 5893 | 6304 | 6759 | 6761 | 6762 | 6763) {
        Some("maestro")
    } else {
        None
    }
}

/// Presidio's `UsSsnRecognizer.invalidate_result` (presidio-analyzer, predefined_recognizers/
/// country_specific/us/us_ssn_recognizer.py), on the nine digits once the caller has checked the
/// delimiters are the same ("if there are delimiters, make sure both delimiters are the same"):
/// not all one digit; group `00` or serial `0000` invalid; and invalid if the digits start with
/// `000`, `666`, `123456789`, `98765432` or `078051120` (the area 000 and 666, the famous samples).
fn ssn_valid(digits: &[u8]) -> bool {
    if digits.len() != 9 {
        return false;
    }
    let all_same = digits.windows(2).all(|w| w.first() == w.last());
    let group_zero = digits.get(3..5) == Some(&[0, 0][..]);
    let serial_zero = digits.get(5..9) == Some(&[0, 0, 0, 0][..]);
    let samples: [&[u8]; 5] =
        [&[0, 0, 0], &[6, 6, 6], &[1, 2, 3, 4, 5, 6, 7, 8, 9], &[9, 8, 7, 6, 5, 4, 3, 2], &[0, 7, 8, 0, 5, 1, 1, 2, 0]];
    let sample = samples.iter().any(|s| digits.starts_with(s));
    !(all_same || group_zero || serial_zero || sample)
}

/// Total IBAN length per country, from the SWIFT IBAN registry (ISO 13616), sorted by code.
const IBAN_LENGTHS: [(&str, u8); 89] = [
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BI", 27),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DJ", 27),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FK", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HN", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("LY", 25),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MN", 20),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NI", 28),
    ("NL", 18),
    ("NO", 15),
    ("OM", 23),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("RU", 33),
    ("SA", 24),
    ("SC", 31),
    ("SD", 18),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("SO", 23),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
    ("YE", 30),
];

/// Reads an IBAN starting at `start` (country letters, check digits, then the BBAN with single
/// spaces allowed after every fourth character) and returns its end and country when it has the
/// country's exact length, is not followed by a letter, digit or `_`, and passes mod-97.
fn iban_at(bytes: &[u8], start: usize) -> Option<(usize, &'static str)> {
    let country = bytes.get(start..start + 2)?;
    let index = IBAN_LENGTHS.binary_search_by(|(code, _)| code.as_bytes().cmp(country)).ok()?;
    let &(code, len) = IBAN_LENGTHS.get(index)?;
    let len = usize::from(len);
    let mut chars = [0u8; 34];
    let (mut n, mut i) = (0, start);
    while n < len {
        let b = *bytes.get(i)?;
        if b.is_ascii_uppercase() || b.is_ascii_digit() {
            *chars.get_mut(n)? = b;
            n += 1;
            i += 1;
        } else if b == b' ' && n.is_multiple_of(4) && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        } else {
            return None;
        }
    }
    if bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_') {
        return None;
    }
    let iban = chars.get(..len)?;
    // ISO 13616: move the first four characters to the end, letters become 10..35, remainder 1.
    let (head, bban) = iban.split_at_checked(4)?;
    let mut rem = 0u32;
    for &c in bban.iter().chain(head) {
        rem = if c.is_ascii_digit() {
            (rem * 10 + u32::from(c - b'0')) % 97
        } else {
            (rem * 100 + u32::from(c - b'A') + 10) % 97
        };
    }
    (rem == 1).then_some((i, code))
}

/// Globally routable IPv4, i.e. outside the IANA IPv4 Special-Purpose Address Registry (RFC 6890
/// and successors): 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.0.0/24, 192.0.2/24,
/// 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24, 224/4 (multicast), 240/4 and the broadcast
/// address. (`Ipv4Addr::is_global` is unstable; this is its list.)
fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(a == 0
        || ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_documentation()
        || ip.is_multicast()
        || ip.is_broadcast()
        || a >= 240
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19)))
}

/// Globally routable IPv6: within global unicast 2000::/3, minus documentation (2001:db8::/32 and
/// 3fff::/20, RFC 9637) and IETF protocol assignments (2001::/23, e.g. Teredo). An IPv4-mapped
/// address (`::ffff:a.b.c.d`) is judged as its IPv4 address.
fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let [s0, s1, ..] = ip.segments();
    (s0 & 0xe000) == 0x2000 && !(s0 == 0x2001 && (s1 == 0x0db8 || s1 < 0x0200)) && (s0 & 0xfff0) != 0x3ff0
}

/// The `-----END …-----` lines of a value, found left to right and remembered, so that every
/// header's search together reads the value about once.
struct EndMarkers<'a> {
    text: &'a str,
    /// The last line found: where `-----END ` starts and where its closing `-----` ends.
    next: Option<(usize, usize)>,
    /// No END line follows the last search's start.
    exhausted: bool,
}

impl EndMarkers<'_> {
    /// The first END line starting at or after `from`.
    fn after(&mut self, from: usize) -> Option<(usize, usize)> {
        if let Some((at, end)) = self.next.filter(|&(at, _)| at >= from) {
            return Some((at, end));
        }
        if self.exhausted {
            return None;
        }
        let found = self.text.get(from..).and_then(|rest| {
            let at = rest.find("-----END ")?;
            let label = at + "-----END ".len();
            let close = rest.get(label..)?.find("-----")?;
            Some((from + at, from + label + close + "-----".len()))
        });
        self.next = found;
        self.exhausted = found.is_none();
        found
    }
}

/// The issuer of a key matched by [`SECRET`] and the length of its fixed prefix.
fn secret_issuer(token: &str) -> (&'static str, usize) {
    const ISSUERS: [(&str, &str, usize); 14] = [
        ("AKIA", "aws-access-key-id", 4),
        ("ASIA", "aws-access-key-id", 4),
        ("ABIA", "aws-access-key-id", 4),
        ("ACCA", "aws-access-key-id", 4),
        ("A3T", "aws-access-key-id", 4),
        ("github_pat_", "github-token", 11),
        ("gh", "github-token", 4),
        ("xoxb-", "slack-bot-token", 5),
        ("xoxp-", "slack-user-token", 5),
        ("sk_live_", "stripe-live-key", 8),
        ("rk_live_", "stripe-live-key", 8),
        ("AIza", "google-api-key", 4),
        ("hf_", "huggingface-token", 3),
        ("eyJ", "jwt", 0),
    ];
    ISSUERS.iter().find(|(prefix, _, _)| token.starts_with(prefix)).map_or(("", 0), |&(_, detail, skip)| (detail, skip))
}

/// Shannon entropy in bits per character of `s`'s bytes (0 for the empty string).
pub fn entropy(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in s.bytes() {
        if let Some(c) = counts.get_mut(usize::from(b)) {
            *c += 1;
        }
    }
    let n = s.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

/// Keeps a non-overlapping subset of the candidates (severe kinds first, then the longer, then the
/// earlier) and appends it to `out` in order of position. O(k log k) in the candidates.
fn resolve(mut found: Vec<PiiHit>, out: &mut Vec<PiiHit>) {
    if found.len() < 2 {
        out.append(&mut found);
        return;
    }
    let span = |h: &PiiHit| h.end.saturating_sub(h.start);
    found.sort_by(|a, b| (a.kind.rank(), span(b), a.start).cmp(&(b.kind.rank(), span(a), b.start)));
    // Kept hits by start; they never overlap, so they are sorted by end too.
    let mut kept: BTreeMap<usize, PiiHit> = BTreeMap::new();
    for hit in found {
        let clash_before = kept.range(..hit.start).next_back().is_some_and(|(_, k)| k.end > hit.start);
        let clash_after = kept.range(hit.start..).next().is_some_and(|(_, k)| k.start < hit.end);
        if !clash_before && !clash_after {
            kept.insert(hit.start, hit);
        }
    }
    out.extend(kept.into_values());
}

/// Evidence text for a hit: kind (and detail), the 1-based character position in the value, and at
/// most the last 4 non-space characters of the match (fewer for short matches: never more than half
/// of its characters; none for a private-key block, whose end is dashes), never the whole value.
/// E.g. `"card (visa) at char 13, ends 4242"`.
pub fn masked(text: &str, hit: &PiiHit) -> String {
    let mut s = String::from(hit.kind.name());
    if !hit.detail.is_empty() {
        let _ = write!(s, " ({})", hit.detail);
    }
    if let Some(head) = text.get(..hit.start) {
        let _ = write!(s, " at char {}", head.chars().count() + 1);
    }
    if let Some(matched) = text.get(hit.start..hit.end).filter(|_| hit.kind != PiiKind::PrivateKey) {
        let keep = (matched.chars().count() / 2).min(4);
        let tail: Vec<char> = matched.chars().rev().filter(|c| !c.is_whitespace()).take(keep).collect();
        if !tail.is_empty() {
            s.push_str(", ends ");
            s.extend(tail.iter().rev());
        }
    }
    s
}

impl Detector {
    /// `text` with every hit replaced by `[kind …last 4]`: how values that hold personal data or
    /// secrets appear anywhere in a report (top values, other checks' evidence).
    pub fn redact<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        let mut hits = Vec::new();
        self.scan(text, &mut hits);
        if hits.is_empty() {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for h in &hits {
            if h.start < at {
                continue;
            }
            out.push_str(text.get(at..h.start).unwrap_or(""));
            let matched = text.get(h.start..h.end).unwrap_or("");
            let keep = if h.kind == PiiKind::PrivateKey { 0 } else { (matched.chars().count() / 2).min(4) };
            let tail: String = {
                let t: Vec<char> = matched.chars().rev().filter(|c| !c.is_whitespace()).take(keep).collect();
                t.into_iter().rev().collect()
            };
            let _ = write!(out, "[{} …{tail}]", h.kind.name());
            at = h.end;
        }
        out.push_str(text.get(at..).unwrap_or(""));
        std::borrow::Cow::Owned(out)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn redact_replaces_each_hit() {
        let d = Detector::new();
        assert_eq!(d.redact("pay 4111 1111 1111 1111 now"), "pay [card …1111] now");
        assert_eq!(d.redact("nothing here"), "nothing here");
    }
    use std::sync::OnceLock;

    fn detector() -> &'static Detector {
        static D: OnceLock<Detector> = OnceLock::new();
        D.get_or_init(Detector::new)
    }

    fn hits(text: &str) -> Vec<PiiHit> {
        let mut out = Vec::new();
        detector().scan(text, &mut out);
        out
    }

    fn kinds(text: &str) -> Vec<PiiKind> {
        hits(text).iter().map(|h| h.kind).collect()
    }

    /// The one hit in `text`, which must be of `kind` and cover exactly `needle`.
    fn only(text: &str, kind: PiiKind, needle: &str) -> PiiHit {
        let found = hits(text);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        let hit = found[0].clone();
        assert_eq!(hit.kind, kind, "{text:?}: {found:?}");
        assert_eq!(&text[hit.start..hit.end], needle, "{text:?}");
        hit
    }

    /// A deterministic pseudo-random string over `alphabet` (xorshift), so no real-looking key
    /// appears as a literal in the source.
    fn fake(prefix: &str, alphabet: &str, n: usize, seed: u64) -> String {
        let chars: Vec<char> = alphabet.chars().collect();
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut s = prefix.to_string();
        for _ in 0..n {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.push(chars[(x % chars.len() as u64) as usize]);
        }
        s
    }

    const ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const LETTERS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    const B64URL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    fn base64url(data: &[u8]) -> String {
        let table = B64URL.as_bytes();
        let mut out = String::new();
        for chunk in data.chunks(3) {
            let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for k in 0..=chunk.len() {
                out.push(table[((n >> (18 - 6 * k)) & 63) as usize] as char);
            }
        }
        out
    }

    /// An IBAN for `country` and `bban` with correct check digits (whatever the length).
    fn make_iban(country: &str, bban: &str) -> String {
        let moved = format!("{bban}{country}00");
        let mut rem = 0u32;
        for c in moved.bytes() {
            rem = if c.is_ascii_digit() {
                (rem * 10 + u32::from(c - b'0')) % 97
            } else {
                (rem * 100 + u32::from(c - b'A') + 10) % 97
            };
        }
        format!("{country}{:02}{bban}", 98 - rem)
    }

    /// The same string with its last digit moved up by one (mod 10).
    fn off_by_one(s: &str) -> String {
        let mut chars: Vec<char> = s.chars().collect();
        let k = chars.iter().rposition(char::is_ascii_digit).unwrap();
        chars[k] = char::from(b'0' + (chars[k] as u8 - b'0' + 1) % 10);
        chars.into_iter().collect()
    }

    #[test]
    fn kinds_names_and_severity() {
        let names: Vec<&str> = PiiKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names, ["email", "phone", "card", "iban", "ssn", "ip-address", "private-key", "secret"]);
        for kind in PiiKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), serde_json::Value::from(kind.name()));
        }
        let severe: Vec<PiiKind> = PiiKind::ALL.into_iter().filter(|k| k.is_severe()).collect();
        assert_eq!(severe, [PiiKind::Card, PiiKind::Iban, PiiKind::Ssn, PiiKind::PrivateKey, PiiKind::Secret]);
    }

    const CARDS: [(&str, &str); 12] = [
        ("4111111111111111", "visa"),
        ("4111 1111 1111 1111", "visa"),
        ("4111-1111-1111-1111", "visa"),
        ("4222222222222", "visa"),
        ("5555555555554444", "mastercard"),
        ("5105 1051 0510 5100", "mastercard"),
        ("2223003122003222", "mastercard"),
        ("378282246310005", "amex"),
        ("3782 822463 10005", "amex"),
        ("6011111111111117", "discover"),
        ("3530111333300000", "jcb"),
        ("30569309025904", "diners"),
    ];

    #[test]
    fn valid_cards_fire_with_their_network() {
        for (card, network) in CARDS {
            let text = format!("Paid with {card} yesterday.");
            let hit = only(&text, PiiKind::Card, card);
            assert_eq!(hit.detail, network, "{card}");
        }
        only("4111111111111111", PiiKind::Card, "4111111111111111");
        only("card:4111111111111111,", PiiKind::Card, "4111111111111111");
        only("(4111 1111 1111 1111)", PiiKind::Card, "4111 1111 1111 1111");
        // A space-separated neighbour is its own token.
        only("4111 1111 1111 1111 2031", PiiKind::Card, "4111 1111 1111 1111");
    }

    #[test]
    fn off_by_one_cards_do_not_fire() {
        for (card, _) in CARDS {
            let bad = off_by_one(card);
            assert!(hits(&format!("Paid with {bad} yesterday.")).is_empty(), "{bad}");
        }
    }

    #[test]
    fn cards_inside_longer_tokens_do_not_fire() {
        for text in [
            "99994111111111111111",
            "41111111111111110000",
            "ID4111111111111111",
            "4111111111111111X",
            "ORD-4111111111111111",
            "4111-1111-1111-1111-2031",
            "12.4111111111111111",
            "4111111111111111,5",
            "4111.1111.1111.1111",
            "4111 1111-1111 1111",
            "411 11111 1111 1111",
        ] {
            assert!(!kinds(text).contains(&PiiKind::Card), "{text}: {:?}", hits(text));
        }
    }

    const IBANS: [(&str, &str); 8] = [
        ("DE89370400440532013000", "DE"),
        ("DE89 3704 0044 0532 0130 00", "DE"),
        ("GB82WEST12345698765432", "GB"),
        ("GB82 WEST 1234 5698 7654 32", "GB"),
        ("FR1420041010050500013M02606", "FR"),
        ("NL91ABNA0417164300", "NL"),
        ("BE68539007547034", "BE"),
        ("NO9386011117947", "NO"),
    ];

    #[test]
    fn valid_ibans_fire_with_their_country() {
        for (iban, country) in IBANS {
            let text = format!("IBAN: {iban}, ref 7");
            let hit = only(&text, PiiKind::Iban, iban);
            assert_eq!(hit.detail, country);
        }
        let made = make_iban("CH", "00762011623852957");
        only(&made, PiiKind::Iban, &made);
    }

    #[test]
    fn invalid_ibans_do_not_fire() {
        for (iban, _) in IBANS {
            let bad = off_by_one(iban);
            assert!(hits(&bad).is_empty(), "{bad}: {:?}", hits(&bad));
        }
        // Valid mod-97, wrong length for the country (DE is 22), and an unregistered country.
        let short = make_iban("DE", "37040044053201300");
        let long = make_iban("DE", "3704004405320130001");
        let unknown = make_iban("ZZ", "370400440532013000");
        for text in [short.as_str(), long.as_str(), unknown.as_str()] {
            assert!(hits(text).is_empty(), "{text}: {:?}", hits(text));
        }
        for text in ["XDE89370400440532013000", "DE89370400440532013000X", "DE89 3704 0044 0532 0130 0"] {
            assert!(hits(text).is_empty(), "{text}: {:?}", hits(text));
        }
    }

    #[test]
    fn ssns_follow_presidio() {
        for ssn in ["536-22-1234", "536 22 1234", "536.22.1234", "772-45-6789"] {
            only(&format!("SSN {ssn}."), PiiKind::Ssn, ssn);
        }
        for bad in [
            "000-12-3456", // area 000
            "666-12-3456", // area 666
            "123-00-4567", // group 00
            "123-45-0000", // serial 0000
            "111-11-1111", // one repeated digit
            "123-45 6789", // mixed delimiters
            "536-22.1234", // mixed delimiters
            "123-45-6789", // Presidio's sample 123456789
            "987-65-4321", // starts with Presidio's sample 98765432
            "078-05-1120", // the Woolworth wallet card
            "536221234",   // undelimited: Presidio scores it "very weak"; not reported
            "1-536-22-1234",
            "536-22-1234-5",
        ] {
            assert!(hits(bad).is_empty(), "{bad}: {:?}", hits(bad));
        }
    }

    #[test]
    fn public_ips_fire_and_reserved_ranges_do_not() {
        for (ip, family) in [
            ("8.8.8.8", "ipv4"),
            ("1.1.1.1", "ipv4"),
            ("93.184.216.34", "ipv4"),
            ("2001:4860:4860::8888", "ipv6"),
            ("2606:4700:4700::1111", "ipv6"),
            ("::ffff:8.8.4.4", "ipv6"),
        ] {
            let text = format!("resolver {ip}.");
            let hit = only(&text, PiiKind::IpAddress, ip);
            assert_eq!(hit.detail, family);
            assert!(!hit.kind.is_severe());
        }
        for ip in [
            "10.0.0.1",
            "172.16.5.4",
            "192.168.1.254",
            "127.0.0.1",
            "0.0.0.0",
            "169.254.10.20",
            "100.64.1.1",
            "192.0.0.8",
            "192.0.2.1",
            "198.51.100.7",
            "203.0.113.9",
            "198.18.0.1",
            "224.0.0.251",
            "255.255.255.255",
            "240.1.2.3",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "ff02::1",
            "2001:db8::1",
            "2001::1",
            "3fff::1",
            "::ffff:10.0.0.1",
            "256.1.1.1",
            "08.8.8.8",
        ] {
            assert!(hits(&format!("host {ip} up")).is_empty(), "{ip}: {:?}", hits(ip));
        }
    }

    #[test]
    fn private_key_blocks_fire() {
        for (header, detail) in [
            ("-----BEGIN RSA PRIVATE KEY-----", "rsa-private-key"),
            ("-----BEGIN OPENSSH PRIVATE KEY-----", "openssh-private-key"),
            ("-----BEGIN PRIVATE KEY-----", "private-key"),
            ("-----BEGIN EC PRIVATE KEY-----", "ec-private-key"),
            ("-----BEGIN ENCRYPTED PRIVATE KEY-----", "encrypted-private-key"),
            ("-----BEGIN PGP PRIVATE KEY BLOCK-----", "pgp-private-key"),
        ] {
            let hit = only(&format!("key: {header}"), PiiKind::PrivateKey, header);
            assert_eq!(hit.detail, detail);
        }
        let body = fake("", B64URL, 64, 7);
        let block = format!("-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----");
        let text = format!("conf {block} done");
        let hit = only(&text, PiiKind::PrivateKey, &block);
        assert_eq!(masked(&text, &hit), "private-key (rsa-private-key) at char 6");
        // Two headers, one END: the first block stops at its header.
        let two = "-----BEGIN PRIVATE KEY-----\nx\n-----BEGIN RSA PRIVATE KEY-----\ny\n-----END RSA PRIVATE KEY-----";
        let found = hits(two);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].end, "-----BEGIN PRIVATE KEY-----".len());
        assert_eq!(found[1].end, two.len());
        assert!(hits("-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----").is_empty());
    }

    /// One fake key per gitleaks format, with its expected detail.
    fn fake_keys() -> Vec<(String, &'static str)> {
        let header = base64url(br#"{"alg":"HS256","typ":"JWT"}"#);
        let payload = base64url(br#"{"sub":"1234567890","name":"Jane Roe","iat":1516239022}"#);
        let signature = fake("", B64URL, 43, 11);
        vec![
            (fake("AKIA", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 1), "aws-access-key-id"),
            (fake("ASIA", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 2), "aws-access-key-id"),
            (fake("ghp_", ALNUM, 36, 3), "github-token"),
            (fake("gho_", ALNUM, 36, 4), "github-token"),
            (
                format!(
                    "{}-{}-{}",
                    fake("xoxb-", "0123456789", 12, 5),
                    fake("", "0123456789", 13, 6),
                    fake("", ALNUM, 24, 7)
                ),
                "slack-bot-token",
            ),
            (fake("sk_live_", ALNUM, 24, 8), "stripe-live-key"),
            (fake("rk_live_", ALNUM, 40, 9), "stripe-live-key"),
            (fake("AIza", B64URL, 35, 10), "google-api-key"),
            (fake("hf_", LETTERS, 34, 12), "huggingface-token"),
            (format!("{header}.{payload}.{signature}"), "jwt"),
        ]
    }

    #[test]
    fn fake_keys_fire_with_their_issuer() {
        for (key, issuer) in fake_keys() {
            let (_, prefix) = secret_issuer(&key);
            assert!(entropy(&key[prefix..]) >= SECRET_MIN_ENTROPY, "{key}");
            for text in [key.clone(), format!("token=\"{key}\";"), format!("export KEY={key}\n")] {
                let hit = only(&text, PiiKind::Secret, &key);
                assert_eq!(hit.detail, issuer, "{key}");
            }
        }
    }

    #[test]
    fn weak_or_glued_keys_do_not_fire() {
        let ghp = fake("ghp_", ALNUM, 36, 3);
        for text in [
            "AKIAAAAAAAAAAAAAAAAA".to_string(),
            "AKIAABABABABABABABAB".to_string(),
            "AKIAIOSFODNN7EXAMPLE".to_string(),
            format!("hf_{}", "a".repeat(34)),
            format!("sk_live_{}", "0".repeat(24)),
            format!("x{ghp}"),
            format!("{ghp}x"),
            ghp[..ghp.len() - 1].to_string(),
            fake("sk_test_", ALNUM, 24, 8),
            "eyJhbGciOiJIUzI1NiJ9 is not a JWT".to_string(),
        ] {
            assert!(hits(&text).is_empty(), "{text}: {:?}", hits(&text));
        }
    }

    #[test]
    fn emails_need_a_dotted_domain() {
        only("a@b.co", PiiKind::Email, "a@b.co");
        let text = "write to jane.doe@example.org today";
        let hit = only(text, PiiKind::Email, "jane.doe@example.org");
        assert_eq!((hit.start, hit.end), (9, 29));
        only("<mailto:J.Smith+news@mail.example.co.uk>", PiiKind::Email, "J.Smith+news@mail.example.co.uk");
        only("Ünïcödé ... bob@corp.io!", PiiKind::Email, "bob@corp.io");
        for text in
            ["a@localhost", "user@", "@example.com", "x@y", "logo@2x.png", "a@b.c", "a@b.co1", "me@host_name.com"]
        {
            assert!(!kinds(text).contains(&PiiKind::Email), "{text}: {:?}", hits(text));
        }
    }

    #[test]
    fn phones_fire_at_a_lower_severity() {
        for phone in
            ["+1 415 555 2671", "(415) 555-2671", "+44 20 7946 0958", "415-555-2671", "+14155552671", "1-800-555-0199"]
        {
            let hit = only(&format!("Call {phone} now"), PiiKind::Phone, phone);
            assert!(!hit.kind.is_severe());
        }
        for text in ["+1 23", "555-2671", "0415-555-2671", "415-555-26711", "12+415 555 2671", "+1234567890123456789"] {
            assert!(hits(text).is_empty(), "{text}: {:?}", hits(text));
        }
    }

    /// Values that look numeric or structured but hold no PII: no hit at all, not even a phone.
    const DECOYS: [&str; 44] = [
        "978-3-16-148410-0",
        "ISBN 9783161484100",
        "ISBN-13: 978-0-306-40615-7",
        "ISBN 0-306-40615-2",
        "2024-01-15",
        "15/01/2024",
        "15.01.2024",
        "01/15/2024 10:30 AM",
        "2024-01-15T10:30:00Z",
        "2024-01-15 10:30:00.123456",
        "10:30:45",
        "at 23:59:59.999",
        "v1.2.3.4",
        "version 1.2.3.4",
        "Version: 1.2.3.4",
        "ver. 10.0.19041.1",
        "build 1.2.3.4.5",
        "1.2.3",
        "1.24.0-rc.1",
        "ORD-2024-000123",
        "#12345678",
        "order #1234567890123",
        "INV-2024-000123-01",
        "123e4567-e89b-12d3-a456-426614174000",
        "550e8400-e29b-41d4-a716-446655440000",
        "9fceb02d0ae598e95dc970b74767f19372d61af8",
        "commit 9fceb02",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "10.0.0.1",
        "192.168.1.254",
        "172.16.5.4",
        "127.0.0.1",
        "fe80::1%eth0",
        "$1,234,567.89",
        "1,000,000,000",
        "population 8 336 817 in 2020",
        "1700000000000",
        "37.7749, -122.4194",
        "99.95% of 123456789 rows",
        "std::vec::Vec",
        "a::b::c",
        "ratio 16:9 at 1920x1080",
        "tracking 1Z999AA10123456784",
        "Q3 2023 revenue: 12 345 678 USD",
    ];

    #[test]
    fn decoys_raise_nothing() {
        for text in DECOYS {
            assert!(hits(text).is_empty(), "{text}: {:?}", hits(text));
        }
    }

    #[test]
    fn planted_truth_fires_on_exactly_its_rows() {
        let keys = fake_keys();
        let mut rows: Vec<(String, Vec<PiiKind>)> = vec![
            ("The weather was fine and nobody wrote anything down.".into(), vec![]),
            ("Pay with 4111 1111 1111 1111 please".into(), vec![PiiKind::Card]),
            ("Pay with 4111 1111 1111 1112 please".into(), vec![]),
            ("Transfer to DE89 3704 0044 0532 0130 00 today".into(), vec![PiiKind::Iban]),
            ("Transfer to DE89 3704 0044 0532 0130 01 today".into(), vec![]),
            ("SSN 536-22-1234 on file".into(), vec![PiiKind::Ssn]),
            ("SSN 666-22-1234 on file".into(), vec![PiiKind::Ssn; 0]),
            ("Mail jo@example.com or call (415) 555-2671".into(), vec![PiiKind::Email, PiiKind::Phone]),
            ("Server 8.8.8.8 and gateway 192.168.0.1".into(), vec![PiiKind::IpAddress]),
            ("-----BEGIN OPENSSH PRIVATE KEY-----".into(), vec![PiiKind::PrivateKey]),
        ];
        for (key, _) in &keys {
            rows.push((format!("creds: {key}"), vec![PiiKind::Secret]));
        }
        for decoy in DECOYS {
            rows.push((decoy.to_string(), vec![]));
        }
        for (text, expected) in &rows {
            assert_eq!(&kinds(text), expected, "{text}");
        }
        // Everything in one value: each found once, in order of position.
        let all: String = rows.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join("\n");
        let expected: Vec<PiiKind> = rows.iter().flat_map(|(_, k)| k.clone()).collect();
        assert_eq!(kinds(&all), expected);
    }

    #[test]
    fn overlaps_keep_the_severe_kind() {
        // The card's digits are also an e-mail's local part: the card (an error) is kept.
        let found = hits("4111111111111111@example.com");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, PiiKind::Card);
        // An IPv4-mapped IPv6 address is reported once, as the longer match.
        only("::ffff:8.8.4.4", PiiKind::IpAddress, "::ffff:8.8.4.4");
    }

    #[test]
    fn ip_with_a_port_fires_and_longer_dotted_numbers_do_not() {
        only("dns 8.8.8.8:53 ok", PiiKind::IpAddress, "8.8.8.8");
        only("[2001:4860:4860::8888]:443", PiiKind::IpAddress, "2001:4860:4860::8888");
        for text in ["10.0.0.1:8080", "8.8.8.8.8", "1.8.8.8.8", "x8.8.8.8", "8.8.8.8a", "v 8.8.8.8", "ver: 8.8.8.8"] {
            assert!(hits(text).is_empty(), "{text}: {:?}", hits(text));
        }
    }

    #[test]
    fn masked_shows_kind_position_and_a_short_tail() {
        let text = "Card number 4111111111111111 ok";
        let hit = only(text, PiiKind::Card, "4111111111111111");
        assert_eq!(masked(text, &hit), "card (visa) at char 13, ends 1111");
        let text = "ÄÖ a@b.co";
        let hit = only(text, PiiKind::Email, "a@b.co");
        assert_eq!(masked(text, &hit), "email at char 4, ends .co");
        let text = "DE89 3704 0044 0532 0130 00";
        let hit = only(text, PiiKind::Iban, text);
        assert_eq!(masked(text, &hit), "iban (DE) at char 1, ends 3000");
        let bogus = PiiHit { kind: PiiKind::Secret, start: 1, end: 99, detail: "" };
        assert_eq!(masked("é", &bogus), "secret");
    }

    /// Checks every invariant of `scan` and `masked` on one value.
    fn check_invariants(text: &str) {
        let found = hits(text);
        let mut last_end = 0;
        for hit in &found {
            assert!(hit.start < hit.end && hit.end <= text.len(), "{text:?}: {hit:?}");
            assert!(text.is_char_boundary(hit.start) && text.is_char_boundary(hit.end), "{text:?}: {hit:?}");
            assert!(hit.start >= last_end, "overlap or disorder in {text:?}: {found:?}");
            last_end = hit.end;
            let matched = &text[hit.start..hit.end];
            let evidence = masked(text, hit);
            let shown = evidence.rsplit_once(", ends ").map_or(0, |(_, tail)| tail.chars().count());
            assert!(shown <= 4 && shown * 2 <= matched.chars().count(), "{evidence} for {matched:?}");
            if matched.chars().count() >= 6 {
                assert!(!evidence.contains(matched), "{evidence} shows {matched:?}");
            }
        }
        // Appending never disturbs what is already in `out`.
        let mut out = vec![PiiHit { kind: PiiKind::Email, start: 0, end: 0, detail: "sentinel" }];
        detector().scan(text, &mut out);
        assert_eq!(out[0].detail, "sentinel");
        assert_eq!(&out[1..], &found[..]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn never_panics_on_any_string(text in "\\PC{0,300}") {
            check_invariants(&text);
        }

        #[test]
        fn never_panics_on_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            check_invariants(&String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn never_panics_on_pii_like_text(parts in proptest::collection::vec(prop::sample::select(vec![
            "0", "1", "4", "5", "9", "4111", "1111", "536", "22", " ", "-", ".", ":", "::", "@", "+",
            "(", ")", "a", "Z", "DE89", "GB82", "AKIA", "ghp_", "hf_", "eyJ", "sk_live_", "xoxb-",
            "AIza", "-----BEGIN ", "PRIVATE KEY-----", "-----END ", "é", "€", "😀", "\n", "x.co", "v",
        ]), 0..80)) {
            check_invariants(&parts.concat());
        }
    }

    /// Realistic English prose with no PII (a few years and counts, as prose has).
    const PROSE: &str = "The committee met on a grey Tuesday morning to discuss the proposal for the \
        new library wing. Several members argued that the budget, which had grown by almost a third \
        since 2019, should be spent on staff rather than on bricks; others pointed out that the old \
        reading room leaked whenever it rained and that nobody could work there in winter. After two \
        hours of debate they agreed to commission a survey of 40 local schools, to ask how often \
        pupils used the building, and to meet again in six weeks. The chair thanked everyone for \
        their patience, reminded them that minutes would be circulated by Friday, and closed the \
        meeting at half past eleven. Outside, the rain had stopped, and a few people lingered on the \
        steps talking about the football results and the price of coffee in the new cafe. ";

    /// Cost on PII-free English text, as 3 KB values and as one-sentence values (where the fixed
    /// cost per call shows). Run with
    /// `cargo test --release --lib profile::text::pii -- --ignored --nocapture cost_per_kb`.
    #[test]
    #[ignore]
    fn cost_per_kb() {
        let detector = Detector::new();
        let long = PROSE.repeat(4);
        let sentences: Vec<&str> = PROSE.split_inclusive(". ").collect();
        let mut out = Vec::new();
        for (label, values) in [("3 KB values", vec![long.as_str()]), ("sentences", sentences)] {
            let bytes: usize = values.iter().map(|v| v.len()).sum();
            let rounds = 40_000_000 / bytes;
            let start = std::time::Instant::now();
            for _ in 0..rounds {
                for value in &values {
                    out.clear();
                    detector.scan(std::hint::black_box(value), &mut out);
                }
            }
            let elapsed = start.elapsed();
            assert!(out.is_empty());
            let kb = (bytes * rounds) as f64 / 1024.0;
            let mean = bytes / values.len();
            eprintln!("pii scan, {label} (mean {mean} bytes): {:.2} µs per KB", elapsed.as_secs_f64() * 1e6 / kb);
        }
    }
}

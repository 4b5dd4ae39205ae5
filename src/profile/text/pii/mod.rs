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

use super::census::Census;
use regex::Regex;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

/// What a hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
        self.scan_counted(text, &Census::of(text.as_bytes()), out);
    }

    /// [`Detector::scan`] given the value's byte census (computed once for the value by the
    /// caller): a family's patterns run only when the census allows a match.
    pub fn scan_counted(&self, text: &str, census: &Census, out: &mut Vec<PiiHit>) {
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
        // `-----BEGIN … PRIVATE KEY-----` holds ten dashes.
        if census.dashes >= 10 {
            self.private_keys(text, &mut found);
        }
        if census.key_marks > 0 {
            self.secrets(text, &mut found);
        }
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

mod validate;
use validate::*;

#[cfg(test)]
mod tests;

//! The validators behind each kind: Luhn and card networks, IBAN lengths and mod-97, SSN rules,
//! public IP ranges, key issuers and entropy (see the parent module).
use std::net::{Ipv4Addr, Ipv6Addr};

/// The Luhn (mod 10) check over digit values: double every second digit from the right.
pub(super) fn luhn(digits: &[u8]) -> bool {
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
pub(super) fn card_network(digits: &[u8]) -> Option<&'static str> {
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
pub(super) fn ssn_valid(digits: &[u8]) -> bool {
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
pub(super) const IBAN_LENGTHS: [(&str, u8); 89] = [
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
pub(super) fn iban_at(bytes: &[u8], start: usize) -> Option<(usize, &'static str)> {
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
pub(super) fn is_public_v4(ip: Ipv4Addr) -> bool {
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
pub(super) fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let [s0, s1, ..] = ip.segments();
    (s0 & 0xe000) == 0x2000 && !(s0 == 0x2001 && (s1 == 0x0db8 || s1 < 0x0200)) && (s0 & 0xfff0) != 0x3ff0
}

/// The `-----END …-----` lines of a value, found left to right and remembered, so that every
/// header's search together reads the value about once.
pub(super) struct EndMarkers<'a> {
    pub(super) text: &'a str,
    /// The last line found: where `-----END ` starts and where its closing `-----` ends.
    pub(super) next: Option<(usize, usize)>,
    /// No END line follows the last search's start.
    pub(super) exhausted: bool,
}

impl EndMarkers<'_> {
    /// The first END line starting at or after `from`.
    pub(super) fn after(&mut self, from: usize) -> Option<(usize, usize)> {
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
pub(super) fn secret_issuer(token: &str) -> (&'static str, usize) {
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

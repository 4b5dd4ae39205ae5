//! Tests of the parent module.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

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
    for text in ["a@localhost", "user@", "@example.com", "x@y", "logo@2x.png", "a@b.c", "a@b.co1", "me@host_name.com"] {
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

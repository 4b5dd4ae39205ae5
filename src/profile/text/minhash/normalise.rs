//! datatrove's text normalisation and word shingles (see the parent module).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use xxhash_rust::xxh3::xxh3_64;

// ---------------------------------------------------------------------------------------------
// Normalisation

/// datatrove's text simplification: `simplify_text(text)` of `datatrove/utils/text.py`
/// (datatrove 0.10.1) with its default `TextNormConfig` (lowercase, norm_numbers,
/// remove_punctuation, norm_whitespace, norm_unicode_diacritics on; weekdays and month names off).
///
/// Steps, in datatrove's order: `str.lower()` (full Unicode lowercasing, final sigma included, as
/// `str::to_lowercase`); `\p{Nd}+([.,،٫⎖⎗⎘]\p{Nd}+)?` to `0`; `PUNCTUATION` to spaces; trim and
/// `\s+` to one space; NFD and drop `Mn`; trim. Unicode tables: `Nd` is the `regex` module's
/// (Unicode 17), marks are unicode-normalization's `M` (Unicode 18) less `Mc` and `Me`; Python
/// 3.11's `unicodedata` is Unicode 14, so characters assigned since may differ.
/// Agrees with datatrove on all 270 texts of `tests/reference/text_minhash_expected.json`.
pub fn normalise(text: &str) -> String {
    let mut out = String::new();
    normalise_into(text, &mut out);
    out
}

/// [`normalise`] into a buffer the caller reuses (cleared first): no allocation per value once the
/// buffer has grown, for ASCII text.
pub fn normalise_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        normalise_ascii(text.as_bytes(), out);
    } else {
        *out = normalise_unicode(text);
    }
}

fn normalise_unicode(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut space = false;
    let mut chars = lower.chars();
    while let Some(c) = chars.next() {
        if is_decimal_digit(c) {
            skip_digits(&mut chars);
            let mut look = chars.clone();
            if look.next().is_some_and(is_number_separator) {
                let mut after = look.clone();
                if after.next().is_some_and(is_decimal_digit) {
                    chars = after;
                    skip_digits(&mut chars);
                }
            }
            push_word_char(&mut out, &mut space, '0');
        } else if is_space_like(c) {
            space = true;
        } else {
            push_word_char(&mut out, &mut space, c);
        }
    }
    if out.is_ascii() {
        // No decompositions and no marks: NFD is the identity and nothing is dropped.
        return out;
    }
    let mut stripped = String::with_capacity(out.len());
    stripped.extend(out.nfd().filter(|&c| !is_nonspacing_mark(c)));
    // Dropping a mark that stood alone between spaces or at an end leaves a double or an outer
    // space; datatrove strips the ends again but keeps the double space (so do we).
    if stripped.starts_with(' ') || stripped.ends_with(' ') {
        stripped.trim_matches(' ').to_owned()
    } else {
        stripped
    }
}

/// [`normalise`] of ASCII text in one pass over its bytes, with the same steps: ASCII lowercasing,
/// digit runs (with one optional `.` or `,` decimal part) to `0`, datatrove's punctuation and
/// whitespace to one space. No NFD step: ASCII has no marks.
fn normalise_ascii(b: &[u8], out: &mut String) {
    static SPACE_LIKE: std::sync::OnceLock<[bool; 128]> = std::sync::OnceLock::new();
    let table = SPACE_LIKE.get_or_init(|| {
        let mut t = [false; 128];
        for (i, slot) in t.iter_mut().enumerate() {
            *slot = is_space_like(char::from(i as u8));
        }
        t
    });
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    out.reserve(b.len());
    let mut space = false;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c.is_ascii_digit() {
            i += 1;
            while digit(i) {
                i += 1;
            }
            if matches!(b.get(i), Some(b'.' | b',')) && digit(i + 1) {
                i += 1;
                while digit(i) {
                    i += 1;
                }
            }
            push_word_char(out, &mut space, '0');
            continue;
        }
        if table.get(usize::from(c)).copied().unwrap_or(false) {
            space = true;
        } else {
            push_word_char(out, &mut space, char::from(c.to_ascii_lowercase()));
        }
        i += 1;
    }
}

fn push_word_char(out: &mut String, space: &mut bool, c: char) {
    if *space && !out.is_empty() {
        out.push(' ');
    }
    *space = false;
    out.push(c);
}

fn skip_digits(chars: &mut std::str::Chars<'_>) {
    loop {
        let mut look = chars.clone();
        match look.next() {
            Some(d) if is_decimal_digit(d) => *chars = look,
            _ => break,
        }
    }
}

fn in_ranges(table: &[(u32, u32)], c: char) -> bool {
    let cp = u32::from(c);
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Unicode general category `Nd`.
fn is_decimal_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(&DECIMAL_DIGITS, c)
    }
}

/// The decimal separators of datatrove's `NUMBERS_PATTERN`.
fn is_number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '\u{060C}' | '\u{066B}' | '\u{2396}' | '\u{2397}' | '\u{2398}')
}

/// A character that ends a word: datatrove's `PUNCTUATION` (turned into spaces) or whitespace
/// (Python's `\s`; it also counts U+001C–U+001F, which `PUNCTUATION` already has).
fn is_space_like(c: char) -> bool {
    if c.is_ascii() {
        // All ASCII punctuation, all controls (0–8 and 11–31 and 127 are in PUNCTUATION; 9 and 10
        // are whitespace) and the space.
        return c.is_ascii_punctuation() || c.is_ascii_control() || c == ' ';
    }
    let cp = u32::from(c);
    (0x80..=0x9F).contains(&cp) || PUNCTUATION.binary_search(&cp).is_ok() || c.is_whitespace()
}

/// Unicode general category `Mn`.
fn is_nonspacing_mark(c: char) -> bool {
    !c.is_ascii() && is_combining_mark(c) && !in_ranges(&SPACING_OR_ENCLOSING_MARKS, c)
}

// ---------------------------------------------------------------------------------------------
// Shingles

/// 32-bit hashes of the word n-grams of a normalised text (n = 5, or 3 for short columns:
/// [`shingle_size`]); a text with fewer than n words gives one shingle of all its words, an empty
/// text none. Words are separated by whitespace; an n-gram is its words joined by one space, and
/// its hash is the low 32 bits of its xxh3-64. `out` is cleared first. No allocation per shingle
/// (an n-gram is a slice of the text; only a text with irregular spacing is copied once).
pub fn shingles(normalised: &str, n: usize, out: &mut Vec<u32>) {
    out.clear();
    let n = n.max(1);
    let collapsed: String;
    let text = if is_single_spaced(normalised) {
        normalised
    } else {
        collapsed = normalised.split_whitespace().collect::<Vec<_>>().join(" ");
        collapsed.as_str()
    };
    if text.is_empty() {
        return;
    }
    let words = WordSpans { bytes: text.as_bytes(), pos: 0 };
    let mut ends = words.clone().skip(n - 1);
    for (start, _) in words {
        let Some((_, end)) = ends.next() else { break };
        if let Some(gram) = text.get(start..end) {
            out.push(shingle_hash(gram));
        }
    }
    if out.is_empty() {
        out.push(shingle_hash(text));
    }
}

fn shingle_hash(gram: &str) -> u32 {
    // Truncation intended: the low 32 bits.
    xxh3_64(gram.as_bytes()) as u32
}

/// Words separated by exactly one ASCII space, no space at either end, no other whitespace.
fn is_single_spaced(text: &str) -> bool {
    !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !text.chars().any(|c| c != ' ' && c.is_whitespace())
}

/// Byte spans of the words of a single-spaced text.
#[derive(Clone)]
struct WordSpans<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Iterator for WordSpans<'_> {
    type Item = (usize, usize);
    fn next(&mut self) -> Option<(usize, usize)> {
        let rest = self.bytes.get(self.pos..)?;
        let skip = rest.iter().position(|&b| b != b' ')?;
        let start = self.pos + skip;
        let len = self.bytes.get(start..)?.iter().position(|&b| b == b' ').unwrap_or(self.bytes.len() - start);
        self.pos = start + len;
        Some((start, start + len))
    }
}

/// Exact duplicates after normalisation: 64-bit hash of the normalised text (xxh3).
pub fn exact_key(normalised: &str) -> u64 {
    xxh3_64(normalised.as_bytes())
}

/// datatrove's `PUNCTUATION` beyond ASCII and the C1 controls (U+0080–U+009F), sorted.
const PUNCTUATION: [u32; 34] = [
    0x00AB, 0x00B4, 0x00BB, 0x2013, 0x2014, 0x2019, 0x201C, 0x201D, 0x201E, 0x2026, 0x2236, 0x2501, 0x25BA, 0x3001,
    0x3002, 0x3008, 0x3009, 0x300A, 0x300B, 0x300C, 0x300D, 0x3010, 0x3011, 0xFF01, 0xFF05, 0xFF08, 0xFF09, 0xFF0C,
    0xFF0E, 0xFF11, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF5E,
];

/// Unicode `Nd` (decimal digits) ranges, sorted.
const DECIMAL_DIGITS: [(u32, u32); 72] = [
    (0x30, 0x39),
    (0x660, 0x669),
    (0x6F0, 0x6F9),
    (0x7C0, 0x7C9),
    (0x966, 0x96F),
    (0x9E6, 0x9EF),
    (0xA66, 0xA6F),
    (0xAE6, 0xAEF),
    (0xB66, 0xB6F),
    (0xBE6, 0xBEF),
    (0xC66, 0xC6F),
    (0xCE6, 0xCEF),
    (0xD66, 0xD6F),
    (0xDE6, 0xDEF),
    (0xE50, 0xE59),
    (0xED0, 0xED9),
    (0xF20, 0xF29),
    (0x1040, 0x1049),
    (0x1090, 0x1099),
    (0x17E0, 0x17E9),
    (0x1810, 0x1819),
    (0x1946, 0x194F),
    (0x19D0, 0x19D9),
    (0x1A80, 0x1A89),
    (0x1A90, 0x1A99),
    (0x1B50, 0x1B59),
    (0x1BB0, 0x1BB9),
    (0x1C40, 0x1C49),
    (0x1C50, 0x1C59),
    (0xA620, 0xA629),
    (0xA8D0, 0xA8D9),
    (0xA900, 0xA909),
    (0xA9D0, 0xA9D9),
    (0xA9F0, 0xA9F9),
    (0xAA50, 0xAA59),
    (0xABF0, 0xABF9),
    (0xFF10, 0xFF19),
    (0x104A0, 0x104A9),
    (0x10D30, 0x10D39),
    (0x10D40, 0x10D49),
    (0x11066, 0x1106F),
    (0x110F0, 0x110F9),
    (0x11136, 0x1113F),
    (0x111D0, 0x111D9),
    (0x112F0, 0x112F9),
    (0x11450, 0x11459),
    (0x114D0, 0x114D9),
    (0x11650, 0x11659),
    (0x116C0, 0x116C9),
    (0x116D0, 0x116E3),
    (0x11730, 0x11739),
    (0x118E0, 0x118E9),
    (0x11950, 0x11959),
    (0x11BF0, 0x11BF9),
    (0x11C50, 0x11C59),
    (0x11D50, 0x11D59),
    (0x11DA0, 0x11DA9),
    (0x11DE0, 0x11DE9),
    (0x11F50, 0x11F59),
    (0x16130, 0x16139),
    (0x16A60, 0x16A69),
    (0x16AC0, 0x16AC9),
    (0x16B50, 0x16B59),
    (0x16D70, 0x16D79),
    (0x1CCF0, 0x1CCF9),
    (0x1D7CE, 0x1D7FF),
    (0x1E140, 0x1E149),
    (0x1E2F0, 0x1E2F9),
    (0x1E4F0, 0x1E4F9),
    (0x1E5F1, 0x1E5FA),
    (0x1E950, 0x1E959),
    (0x1FBF0, 0x1FBF9),
];

/// Unicode `Mc` and `Me` (spacing and enclosing marks) ranges, sorted: `M` less these is `Mn`.
const SPACING_OR_ENCLOSING_MARKS: [(u32, u32); 201] = [
    (0x488, 0x489),
    (0x903, 0x903),
    (0x93B, 0x93B),
    (0x93E, 0x940),
    (0x949, 0x94C),
    (0x94E, 0x94F),
    (0x982, 0x983),
    (0x9BE, 0x9C0),
    (0x9C7, 0x9C8),
    (0x9CB, 0x9CC),
    (0x9D7, 0x9D7),
    (0xA03, 0xA03),
    (0xA3E, 0xA40),
    (0xA83, 0xA83),
    (0xABE, 0xAC0),
    (0xAC9, 0xAC9),
    (0xACB, 0xACC),
    (0xB02, 0xB03),
    (0xB3E, 0xB3E),
    (0xB40, 0xB40),
    (0xB47, 0xB48),
    (0xB4B, 0xB4C),
    (0xB57, 0xB57),
    (0xBBE, 0xBBF),
    (0xBC1, 0xBC2),
    (0xBC6, 0xBC8),
    (0xBCA, 0xBCC),
    (0xBD7, 0xBD7),
    (0xC01, 0xC03),
    (0xC41, 0xC44),
    (0xC82, 0xC83),
    (0xCBE, 0xCBE),
    (0xCC0, 0xCC4),
    (0xCC7, 0xCC8),
    (0xCCA, 0xCCB),
    (0xCD5, 0xCD6),
    (0xCF3, 0xCF3),
    (0xD02, 0xD03),
    (0xD3E, 0xD40),
    (0xD46, 0xD48),
    (0xD4A, 0xD4C),
    (0xD57, 0xD57),
    (0xD82, 0xD83),
    (0xDCF, 0xDD1),
    (0xDD8, 0xDDF),
    (0xDF2, 0xDF3),
    (0xF3E, 0xF3F),
    (0xF7F, 0xF7F),
    (0x102B, 0x102C),
    (0x1031, 0x1031),
    (0x1038, 0x1038),
    (0x103B, 0x103C),
    (0x1056, 0x1057),
    (0x1062, 0x1064),
    (0x1067, 0x106D),
    (0x1083, 0x1084),
    (0x1087, 0x108C),
    (0x108F, 0x108F),
    (0x109A, 0x109C),
    (0x1715, 0x1715),
    (0x1734, 0x1734),
    (0x17B6, 0x17B6),
    (0x17BE, 0x17C5),
    (0x17C7, 0x17C8),
    (0x1923, 0x1926),
    (0x1929, 0x192B),
    (0x1930, 0x1931),
    (0x1933, 0x1938),
    (0x1A19, 0x1A1A),
    (0x1A55, 0x1A55),
    (0x1A57, 0x1A57),
    (0x1A61, 0x1A61),
    (0x1A63, 0x1A64),
    (0x1A6D, 0x1A72),
    (0x1ABE, 0x1ABE),
    (0x1B04, 0x1B04),
    (0x1B35, 0x1B35),
    (0x1B3B, 0x1B3B),
    (0x1B3D, 0x1B41),
    (0x1B43, 0x1B44),
    (0x1B82, 0x1B82),
    (0x1BA1, 0x1BA1),
    (0x1BA6, 0x1BA7),
    (0x1BAA, 0x1BAA),
    (0x1BE7, 0x1BE7),
    (0x1BEA, 0x1BEC),
    (0x1BEE, 0x1BEE),
    (0x1BF2, 0x1BF3),
    (0x1C24, 0x1C2B),
    (0x1C34, 0x1C35),
    (0x1CE1, 0x1CE1),
    (0x1CF7, 0x1CF7),
    (0x20DD, 0x20E0),
    (0x20E2, 0x20E4),
    (0x302E, 0x302F),
    (0xA670, 0xA672),
    (0xA823, 0xA824),
    (0xA827, 0xA827),
    (0xA880, 0xA881),
    (0xA8B4, 0xA8C3),
    (0xA952, 0xA953),
    (0xA983, 0xA983),
    (0xA9B4, 0xA9B5),
    (0xA9BA, 0xA9BB),
    (0xA9BE, 0xA9C0),
    (0xAA2F, 0xAA30),
    (0xAA33, 0xAA34),
    (0xAA4D, 0xAA4D),
    (0xAA7B, 0xAA7B),
    (0xAA7D, 0xAA7D),
    (0xAAEB, 0xAAEB),
    (0xAAEE, 0xAAEF),
    (0xAAF5, 0xAAF5),
    (0xABE3, 0xABE4),
    (0xABE6, 0xABE7),
    (0xABE9, 0xABEA),
    (0xABEC, 0xABEC),
    (0x11000, 0x11000),
    (0x11002, 0x11002),
    (0x11082, 0x11082),
    (0x110B0, 0x110B2),
    (0x110B7, 0x110B8),
    (0x1112C, 0x1112C),
    (0x11145, 0x11146),
    (0x11182, 0x11182),
    (0x111B3, 0x111B5),
    (0x111BF, 0x111C0),
    (0x111CE, 0x111CE),
    (0x1122C, 0x1122E),
    (0x11232, 0x11233),
    (0x11235, 0x11235),
    (0x112E0, 0x112E2),
    (0x11302, 0x11303),
    (0x1133E, 0x1133F),
    (0x11341, 0x11344),
    (0x11347, 0x11348),
    (0x1134B, 0x1134D),
    (0x11357, 0x11357),
    (0x11362, 0x11363),
    (0x113B8, 0x113BA),
    (0x113C2, 0x113C2),
    (0x113C5, 0x113C5),
    (0x113C7, 0x113CA),
    (0x113CC, 0x113CD),
    (0x113CF, 0x113CF),
    (0x11435, 0x11437),
    (0x11440, 0x11441),
    (0x11445, 0x11445),
    (0x114B0, 0x114B2),
    (0x114B9, 0x114B9),
    (0x114BB, 0x114BE),
    (0x114C1, 0x114C1),
    (0x115AF, 0x115B1),
    (0x115B8, 0x115BB),
    (0x115BE, 0x115BE),
    (0x11630, 0x11632),
    (0x1163B, 0x1163C),
    (0x1163E, 0x1163E),
    (0x116AC, 0x116AC),
    (0x116AE, 0x116AF),
    (0x116B6, 0x116B6),
    (0x1171E, 0x1171E),
    (0x11720, 0x11721),
    (0x11726, 0x11726),
    (0x1182C, 0x1182E),
    (0x11838, 0x11838),
    (0x11930, 0x11935),
    (0x11937, 0x11938),
    (0x1193D, 0x1193D),
    (0x11940, 0x11940),
    (0x11942, 0x11942),
    (0x119D1, 0x119D3),
    (0x119DC, 0x119DF),
    (0x119E4, 0x119E4),
    (0x11A39, 0x11A39),
    (0x11A57, 0x11A58),
    (0x11A97, 0x11A97),
    (0x11B61, 0x11B61),
    (0x11B65, 0x11B65),
    (0x11B67, 0x11B67),
    (0x11C2F, 0x11C2F),
    (0x11C3E, 0x11C3E),
    (0x11CA9, 0x11CA9),
    (0x11CB1, 0x11CB1),
    (0x11CB4, 0x11CB4),
    (0x11D8A, 0x11D8E),
    (0x11D93, 0x11D94),
    (0x11D96, 0x11D96),
    (0x11EF5, 0x11EF6),
    (0x11F03, 0x11F03),
    (0x11F34, 0x11F35),
    (0x11F3E, 0x11F3F),
    (0x11F41, 0x11F41),
    (0x1612A, 0x1612C),
    (0x16F51, 0x16F87),
    (0x16FF0, 0x16FF1),
    (0x1D165, 0x1D166),
    (0x1D16D, 0x1D172),
    (0x1D250, 0x1D252),
    (0x1D25F, 0x1D25F),
    (0x1D280, 0x1D281),
];

//! Turning the raw byte stream into UTF-8-ish bytes: gzip, byte-order marks, UTF-16,
//! windows-1252, and binary content named as such.
//!
//! Memory: a gzip window (32 KiB plus the inflater's state), at most one decoded slice of
//! [`GZ_SLICE`] compressed bytes (deflate expands at most ~1032×, so ≤ 8.3 MiB), and the first
//! [`WINDOW`] decoded bytes while the encoding is decided.
//!
//! The encoding is decided once, from exactly the first [`WINDOW`] bytes after gzip (or the whole
//! input if shorter), so the decision does not depend on how the input was chunked: a byte-order
//! mark; a known binary signature; NUL bytes (UTF-16 without a byte-order mark when they fall on
//! every other byte, else binary); valid UTF-8 (a multi-byte character cut at the window's end
//! counts as valid); else, when the invalid sequences outnumber the valid multi-byte characters,
//! windows-1252 (Excel's "CSV" on Western systems; a superset of Latin-1's printable range),
//! decoded by `encoding_rs`. Invalid UTF-8 in a file decided as UTF-8 is passed through
//! untouched: the parsers report it with its position.

use crate::error::{Error, ErrorKind, Position};
use flate2::write::GzDecoder;
use std::io::Write;

/// Compressed bytes handed to the inflater at a time.
const GZ_SLICE: usize = 8 * 1024;

/// Decoded bytes looked at to decide the encoding.
pub const WINDOW: usize = 64 * 1024;

enum Text {
    /// Not decided yet: holds up to [`WINDOW`] leading bytes.
    Sniff(Vec<u8>),
    Utf8,
    Utf16 {
        le: bool,
        carry: Vec<u8>,
    },
    /// A single-byte legacy encoding (windows-1252), decoded by `encoding_rs`.
    Legacy(Box<encoding_rs::Decoder>),
    /// Binary content: nothing more is decoded.
    Binary,
}

/// Where the gzip stream is.
enum Gz {
    /// Inside a member (its header, deflate data or trailer).
    Member(Box<GzDecoder<Vec<u8>>>),
    /// After a member's trailer: another member, NUL padding (as gzip(1) accepts), or the end.
    Between { padding: bool },
}

/// One gzip member's decoded size and the last compressed bytes it was given, to tell a stream
/// cut short (inside its data or its 8-byte CRC/size trailer) from a checksum mismatch.
#[derive(Default)]
struct Member {
    out: u64,
    tail: Vec<u8>,
}

/// Streaming decoder. Feed bytes, get UTF-8-ish bytes through the callback.
pub struct Decoder {
    gzip: Option<Option<Gz>>,
    member: Member,
    head: Vec<u8>,
    text: Text,
    /// Compressed bytes consumed (for gzip error offsets).
    raw_in: u64,
    /// Compressed bytes waiting to make up a whole slice: the inflater is always handed the same
    /// slices whatever the chunking, so what it decodes before an error does not depend on it.
    gz_pending: Vec<u8>,
    /// Decoded bytes emitted.
    pub out_bytes: u64,
    /// Newlines in the decoded bytes emitted (for error positions).
    pub out_lines: u64,
    pub encoding: &'static str,
    pub compressed: bool,
    failed: bool,
    /// What the encoding decision wants the report to say (drained by the caller).
    pub notes: Vec<String>,
    /// Set when the content is binary: what it looks like.
    pub binary: Option<String>,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder {
            gzip: None,
            member: Member::default(),
            head: Vec::new(),
            text: Text::Sniff(Vec::new()),
            raw_in: 0,
            gz_pending: Vec::new(),
            out_bytes: 0,
            out_lines: 0,
            encoding: "utf-8",
            compressed: false,
            failed: false,
            notes: Vec::new(),
            binary: None,
        }
    }
}

impl Decoder {
    /// A decoder for a later byte range of an uncompressed UTF-8 input whose encoding the first
    /// range decided: it passes bytes through, counting from `out_bytes` and `out_lines` (what
    /// the ranges before it decoded).
    pub fn resumed(encoding: &'static str, out_bytes: u64, out_lines: u64) -> Decoder {
        Decoder { gzip: Some(None), text: Text::Utf8, encoding, out_bytes, out_lines, ..Decoder::default() }
    }

    /// Whether the input is plain UTF-8 (with or without a byte-order mark, not compressed), so
    /// that any byte range of it decodes on its own; `None` while undecided.
    pub fn plain_utf8(&self) -> Option<bool> {
        match (&self.gzip, &self.text) {
            (None, _) | (_, Text::Sniff(_)) => None,
            (Some(Some(_)), _) => Some(false),
            (Some(None), Text::Utf8) => Some(!self.failed && self.binary.is_none()),
            _ => Some(false),
        }
    }

    /// Feeds raw bytes; decoded bytes go to `out`, problems to `err`.
    pub fn feed(&mut self, mut data: &[u8], out: &mut dyn FnMut(&[u8]), err: &mut dyn FnMut(Error)) {
        if self.failed {
            return;
        }
        if self.gzip.is_none() {
            // Decide gzip on the first two bytes (magic 1f 8b).
            let need = 2usize.saturating_sub(self.head.len());
            let take = need.min(data.len());
            self.head.extend_from_slice(data.get(..take).unwrap_or(&[]));
            data = data.get(take..).unwrap_or(&[]);
            if self.head.len() < 2 {
                return;
            }
            let head = std::mem::take(&mut self.head);
            if head == [0x1f, 0x8b] {
                self.compressed = true;
                self.gzip = Some(Some(Gz::Between { padding: false }));
            } else {
                self.gzip = Some(None);
            }
            self.feed_inner(&head, out, err);
        }
        self.feed_inner(data, out, err);
    }

    fn feed_inner(&mut self, data: &[u8], out: &mut dyn FnMut(&[u8]), err: &mut dyn FnMut(Error)) {
        match &mut self.gzip {
            Some(Some(_)) => {
                let mut data = data;
                if !self.gz_pending.is_empty() {
                    let take = (GZ_SLICE - self.gz_pending.len()).min(data.len());
                    let (head, rest) = data.split_at(take);
                    self.gz_pending.extend_from_slice(head);
                    data = rest;
                    if self.gz_pending.len() < GZ_SLICE {
                        return;
                    }
                    let piece = std::mem::take(&mut self.gz_pending);
                    if !self.inflate(&piece, out, err) {
                        return;
                    }
                }
                let mut pieces = data.chunks_exact(GZ_SLICE);
                for piece in pieces.by_ref() {
                    if !self.inflate(piece, out, err) {
                        return;
                    }
                }
                self.gz_pending.extend_from_slice(pieces.remainder());
            }
            _ => self.text(data, out, err),
        }
    }

    /// Hands one slice to the inflater, member by member; false once the stream has failed.
    fn inflate(&mut self, piece: &[u8], out: &mut dyn FnMut(&[u8]), err: &mut dyn FnMut(Error)) -> bool {
        let mut buf = piece;
        // Each turn consumes bytes or changes state (a member's end, or its start), so this ends.
        while !buf.is_empty() {
            if self.failed {
                return false;
            }
            let Some(Some(gz)) = &mut self.gzip else {
                return false;
            };
            match gz {
                Gz::Between { padding } => {
                    let zeros = buf.iter().take_while(|&&b| b == 0).count();
                    if zeros > 0 {
                        // NUL padding after the last member (tape blocks, preallocated files):
                        // gzip(1) accepts it, and so do we.
                        *padding = true;
                        self.raw_in += zeros as u64;
                        buf = buf.get(zeros..).unwrap_or(&[]);
                    } else if *padding {
                        self.gzip_failed_msg(
                            format!(
                                "data after the zero padding that ends the gzip stream (compressed byte {}); ignored",
                                self.raw_in
                            ),
                            out,
                            err,
                        );
                        return false;
                    } else {
                        *gz = Gz::Member(Box::new(GzDecoder::new(Vec::new())));
                        self.member = Member::default();
                    }
                }
                Gz::Member(dec) => {
                    let res = dec.write(buf);
                    let decoded = std::mem::take(dec.get_mut());
                    match res {
                        Ok(0) => {
                            // The member's trailer is complete: check it, then look for the next.
                            let fin = dec.try_finish();
                            let decoded2 = std::mem::take(dec.get_mut());
                            *gz = Gz::Between { padding: false };
                            self.member_out(&decoded, out, err);
                            self.member_out(&decoded2, out, err);
                            if let Err(e) = fin {
                                self.member_failed(e, out, err);
                                return false;
                            }
                        }
                        Ok(n) => {
                            let (used, rest) = buf.split_at(n.min(buf.len()));
                            self.member.tail.extend_from_slice(used);
                            let cut = self.member.tail.len().saturating_sub(8);
                            self.member.tail.drain(..cut);
                            self.raw_in += used.len() as u64;
                            buf = rest;
                            self.member_out(&decoded, out, err);
                        }
                        Err(e) => {
                            self.member_out(&decoded, out, err);
                            self.gzip_failed(e, out, err);
                            return false;
                        }
                    }
                }
            }
        }
        !self.failed
    }

    fn member_out(&mut self, decoded: &[u8], out: &mut dyn FnMut(&[u8]), err: &mut dyn FnMut(Error)) {
        self.member.out += decoded.len() as u64;
        self.text(decoded, out, err);
    }

    /// A member whose end could not be verified: cut short, or a checksum mismatch. The last four
    /// bytes of a whole member are its decoded size (mod 2^32); if they are not, it was cut.
    fn member_failed(&mut self, e: std::io::Error, out: &mut dyn FnMut(&[u8]), err: &mut dyn FnMut(Error)) {
        let size = (self.member.out as u32).to_le_bytes();
        let whole = self.member.tail.len() == 8 && self.member.tail.get(4..) == Some(&size[..]);
        if whole {
            self.gzip_failed(e, out, err);
        } else {
            self.gzip_failed_msg(
                format!(
                    "gzip stream is truncated: it ends at compressed byte {} before its data and 8-byte CRC/size trailer are complete (a cut download or copy?); reading stopped there",
                    self.raw_in
                ),
                out,
                err,
            );
        }
    }

    fn gzip_failed(&mut self, e: std::io::Error, out: &mut dyn FnMut(&[u8]), err: &mut dyn FnMut(Error)) {
        let msg = format!("gzip stream is corrupt near compressed byte {}: {e}; reading stopped there", self.raw_in);
        self.gzip_failed_msg(msg, out, err);
    }

    fn gzip_failed_msg(&mut self, msg: String, out: &mut dyn FnMut(&[u8]), err: &mut dyn FnMut(Error)) {
        self.failed = true;
        // Nothing more will be decoded: decide the encoding on what was, so that the error's
        // position counts every byte before it.
        if matches!(self.text, Text::Sniff(_)) {
            self.decide(true, out, err);
        }
        err(Error::new(ErrorKind::Gzip, Position { byte: self.out_bytes, line: self.out_lines + 1, record: 0 }, msg));
    }

    fn text(&mut self, data: &[u8], out: &mut dyn FnMut(&[u8]), err: &mut dyn FnMut(Error)) {
        if data.is_empty() {
            return;
        }
        if let Text::Sniff(buf) = &mut self.text {
            let take = WINDOW.saturating_sub(buf.len()).min(data.len());
            let (head, rest) = data.split_at(take);
            buf.extend_from_slice(head);
            if buf.len() < WINDOW {
                return;
            }
            self.decide(false, out, err);
            return self.text(rest, out, err);
        }
        match &mut self.text {
            Text::Utf16 { le, carry } => {
                let le = *le;
                carry.extend_from_slice(data);
                let even = carry.len() & !1;
                let units: Vec<u16> = carry
                    .get(..even)
                    .unwrap_or(&[])
                    .chunks_exact(2)
                    .map(|p| match p {
                        [a, b] if le => u16::from_le_bytes([*a, *b]),
                        [a, b] => u16::from_be_bytes([*a, *b]),
                        _ => 0,
                    })
                    .collect();
                // Keep an unfinished surrogate pair for the next call.
                let keep_pair = units.last().is_some_and(|u| (0xD800..0xDC00).contains(u));
                let use_units = if keep_pair { units.len() - 1 } else { units.len() };
                let rest_from = use_units * 2;
                let mut s = String::with_capacity(use_units * 3);
                for r in char::decode_utf16(units.get(..use_units).unwrap_or(&[]).iter().copied()) {
                    match r {
                        Ok(c) => s.push(c),
                        Err(e) => {
                            err(Error::new(
                                ErrorKind::InvalidUtf16,
                                Position {
                                    byte: self.out_bytes + s.len() as u64,
                                    line: self.out_lines + 1 + s.bytes().filter(|&b| b == b'\n').count() as u64,
                                    record: 0,
                                },
                                format!(
                                    "unpaired UTF-16 surrogate {:#06x}; replaced with U+FFFD",
                                    e.unpaired_surrogate()
                                ),
                            ));
                            s.push(char::REPLACEMENT_CHARACTER);
                        }
                    }
                }
                let rest = carry.get(rest_from..).unwrap_or(&[]).to_vec();
                *carry = rest;
                self.emit(s.as_bytes(), out);
            }
            Text::Legacy(dec) => {
                let s = legacy(dec, data, false);
                self.emit(&s, out);
            }
            Text::Binary => {}
            _ => self.emit(data, out),
        }
    }

    /// Decides the encoding from the window held in `Text::Sniff` (`complete`: the whole input),
    /// then passes the window on.
    fn decide(&mut self, complete: bool, out: &mut dyn FnMut(&[u8]), err: &mut dyn FnMut(Error)) {
        let Text::Sniff(buf) = &mut self.text else { return };
        let buf = std::mem::take(buf);
        let (text, skip, enc) = match buf.as_slice() {
            [0xef, 0xbb, 0xbf, ..] => (Text::Utf8, 3, "utf-8 (bom)"),
            [0xff, 0xfe, ..] => (Text::Utf16 { le: true, carry: Vec::new() }, 2, "utf-16le"),
            [0xfe, 0xff, ..] => (Text::Utf16 { le: false, carry: Vec::new() }, 2, "utf-16be"),
            w => match sniff_encoding(w, complete) {
                Sniffed::Utf8 => (Text::Utf8, 0, "utf-8"),
                Sniffed::Utf16 { le } => {
                    self.notes.push(format!(
                        "Read as UTF-16 {} without a byte-order mark: NUL bytes fall on every other byte of the first {}. Byte offsets count the stream transcoded to UTF-8.",
                        if le { "little-endian" } else { "big-endian" },
                        crate::fmt::human_bytes(w.len() as u64)
                    ));
                    let enc = if le { "utf-16le (no bom)" } else { "utf-16be (no bom)" };
                    (Text::Utf16 { le, carry: Vec::new() }, 0, enc)
                }
                Sniffed::Windows1252 { invalid } => {
                    self.notes.push(format!(
                        "Read as windows-1252 (what Excel writes on Western systems; it covers Latin-1): the first {} hold {invalid} byte sequence{} that {} not valid UTF-8 and no UTF-8 multi-byte characters to outweigh them. Byte offsets count the stream transcoded to UTF-8.",
                        crate::fmt::human_bytes(w.len() as u64),
                        if invalid == 1 { "" } else { "s" },
                        if invalid == 1 { "is" } else { "are" },
                    ));
                    let dec = encoding_rs::WINDOWS_1252.new_decoder_without_bom_handling();
                    (Text::Legacy(Box::new(dec)), 0, "windows-1252")
                }
                Sniffed::Binary(what) => {
                    err(Error::new(
                        ErrorKind::Binary,
                        Position { byte: 0, line: 1, record: 0 },
                        format!("{what}: this is not CSV or JSON text, and nothing of it was read"),
                    ));
                    self.binary = Some(what);
                    (Text::Binary, 0, "binary")
                }
            },
        };
        self.text = text;
        self.encoding = enc;
        self.text(buf.get(skip..).unwrap_or(&[]), out, err);
    }

    fn emit(&mut self, data: &[u8], out: &mut dyn FnMut(&[u8])) {
        self.out_bytes += data.len() as u64;
        self.out_lines += super::line_feeds(data);
        out(data);
    }

    /// Flushes what is held back; reports a truncated gzip stream or a dangling UTF-16 byte.
    pub fn finish(&mut self, out: &mut dyn FnMut(&[u8]), err: &mut dyn FnMut(Error)) {
        if self.gzip.is_none() {
            // Fewer than two bytes in all.
            let head = std::mem::take(&mut self.head);
            self.gzip = Some(None);
            self.text(&head, out, err);
        }
        if !self.gz_pending.is_empty() {
            let piece = std::mem::take(&mut self.gz_pending);
            self.inflate(&piece, out, err);
        }
        if !self.failed {
            if let Some(Some(Gz::Member(dec))) = &mut self.gzip {
                let res = dec.try_finish();
                let decoded = std::mem::take(dec.get_mut());
                self.member_out(&decoded, out, err);
                if let Err(e) = res {
                    self.member_failed(e, out, err);
                }
            }
        }
        if matches!(self.text, Text::Sniff(_)) {
            self.decide(true, out, err);
        }
        match &mut self.text {
            Text::Utf16 { .. } => self.finish_utf16(err),
            Text::Legacy(dec) => {
                let s = legacy(dec, &[], true);
                self.emit(&s, out);
            }
            _ => {}
        }
    }

    fn finish_utf16(&mut self, err: &mut dyn FnMut(Error)) {
        if let Text::Utf16 { carry, .. } = &mut self.text {
            if !carry.is_empty() {
                carry.clear();
                err(Error::new(
                    ErrorKind::InvalidUtf16,
                    Position { byte: self.out_bytes, line: self.out_lines + 1, record: 0 },
                    "UTF-16 input ends in the middle of a character; the last bytes were dropped",
                ));
            }
        }
    }
}

/// Decodes `src` with a streaming `encoding_rs` decoder (state carries across calls).
fn legacy(dec: &mut encoding_rs::Decoder, mut src: &[u8], last: bool) -> Vec<u8> {
    let mut out = Vec::new();
    // Each turn either consumes all input or fills its output; the guard is belt and braces.
    for _ in 0..64 {
        let need = dec.max_utf8_buffer_length(src.len()).unwrap_or(src.len().saturating_mul(3)).max(16);
        let from = out.len();
        out.resize(from + need, 0);
        let (res, read, written, _) = dec.decode_to_utf8(src, out.get_mut(from..).unwrap_or(&mut []), last);
        out.truncate(from + written);
        src = src.get(read..).unwrap_or(&[]);
        if res == encoding_rs::CoderResult::InputEmpty {
            break;
        }
    }
    out
}

/// What the first bytes say the content is (the byte-order marks are handled before).
#[derive(Debug, PartialEq, Eq)]
pub enum Sniffed {
    Utf8,
    Utf16 { le: bool },
    Windows1252 { invalid: u64 },
    Binary(String),
}

/// Known binary signatures: (magic bytes, what it is, whether the magic alone is enough; a weak
/// one needs NUL bytes in the window too, as text can start with these letters).
const SIGNATURES: &[(&[u8], &str, bool)] = &[
    (b"PK\x03\x04", "a ZIP archive (an .xlsx or other Office file?)", true),
    (b"PK\x05\x06", "an empty ZIP archive", true),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 compound file (an old .xls workbook?)", true),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", true),
    (b"\xff\xd8\xff", "a JPEG image", true),
    (b"GIF87a", "a GIF image", false),
    (b"GIF89a", "a GIF image", false),
    (b"%PDF-", "a PDF document", true),
    (b"\x7fELF", "an ELF executable", true),
    (b"SQLite format 3\x00", "an SQLite database", true),
    (b"PAR1", "a Parquet file", false),
    (b"ARROW1", "an Arrow IPC file", true),
    (b"Obj\x01", "an Avro container file", true),
    (b"ORC", "an ORC file", false),
    (b"\x93NUMPY", "a NumPy .npy array", true),
    (b"\x89HDF\r\n\x1a\n", "an HDF5 file", true),
    (b"\x1f\x8b", "a gzip stream inside the gzip stream (compressed twice?)", true),
    (b"BZh", "a bzip2 archive (decompress it first)", false),
    (b"\xfd7zXZ\x00", "an xz archive (decompress it first)", true),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive (decompress it first)", true),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", true),
    (b"\x80\x04\x95", "a Python pickle", true),
    (b"\x80\x05\x95", "a Python pickle", true),
];

/// Decides the encoding of `w`, the first bytes after gzip (`complete`: the whole input).
pub fn sniff_encoding(w: &[u8], complete: bool) -> Sniffed {
    let nuls = w.iter().filter(|&&b| b == 0).count();
    for &(magic, what, strong) in SIGNATURES {
        if w.starts_with(magic) && (strong || nuls > 0) {
            return Sniffed::Binary(format!("this looks like {what}"));
        }
    }
    if w.len() >= 262 && w.get(257..262) == Some(b"ustar") {
        return Sniffed::Binary("this looks like a tar archive".into());
    }
    if nuls > 0 {
        let pairs = w.len() / 2;
        let even = w.iter().step_by(2).take(pairs).filter(|&&b| b == 0).count();
        let odd = w.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        // UTF-16 text: the ASCII characters (digits, delimiters, line breaks) have a zero high
        // byte, which falls on every other byte and (almost) never on the others.
        if pairs >= 2 && odd * 8 >= pairs && even * 16 <= odd {
            return Sniffed::Utf16 { le: true };
        }
        if pairs >= 2 && even * 8 >= pairs && odd * 16 <= even {
            return Sniffed::Utf16 { le: false };
        }
        // A stray NUL in a large text is left to the parsers; at 1% of the bytes it is binary.
        if nuls * 100 >= w.len() {
            return Sniffed::Binary(format!(
                "this looks like binary data ({} of the first {} bytes are NUL, without the pattern of UTF-16 text)",
                nuls,
                w.len()
            ));
        }
    }
    let (mut valid, mut invalid) = (0u64, 0u64);
    let mut rest = w;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid += s.bytes().filter(|&b| b >= 0xc0).count() as u64;
                break;
            }
            Err(e) => {
                let (ok, bad) = rest.split_at(e.valid_up_to());
                valid += ok.iter().filter(|&&b| b >= 0xc0).count() as u64;
                match e.error_len() {
                    Some(n) => {
                        invalid += 1;
                        rest = bad.get(n..).unwrap_or(&[]);
                    }
                    None => {
                        // Cut at the window's end: valid so far unless the input ends there.
                        if complete {
                            invalid += 1;
                        }
                        break;
                    }
                }
            }
        }
    }
    if invalid > valid {
        Sniffed::Windows1252 { invalid }
    } else {
        Sniffed::Utf8
    }
}

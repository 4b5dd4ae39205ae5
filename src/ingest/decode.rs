//! Turning the raw byte stream into UTF-8-ish bytes: gzip, byte-order marks, UTF-16.
//!
//! Memory: a gzip window (32 KiB plus the inflater's state) and at most one decoded slice of
//! [`GZ_SLICE`] compressed bytes (deflate expands at most ~1032×, so ≤ 8.3 MiB).
//! Invalid UTF-8 is passed through untouched: the parsers report it with its position.

use crate::error::{Error, ErrorKind, Position};
use flate2::write::MultiGzDecoder;
use std::io::Write;

/// Compressed bytes handed to the inflater at a time.
const GZ_SLICE: usize = 8 * 1024;

#[derive(Debug)]
enum Text {
    /// Not decided yet: holds up to 3 leading bytes.
    Sniff(Vec<u8>),
    Utf8,
    Utf16 {
        le: bool,
        carry: Vec<u8>,
    },
}

/// Streaming decoder. Feed bytes, get UTF-8-ish bytes through the callback.
pub struct Decoder {
    gzip: Option<Option<MultiGzDecoder<Vec<u8>>>>,
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
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder {
            gzip: None,
            head: Vec::new(),
            text: Text::Sniff(Vec::new()),
            raw_in: 0,
            gz_pending: Vec::new(),
            out_bytes: 0,
            out_lines: 0,
            encoding: "utf-8",
            compressed: false,
            failed: false,
        }
    }
}

impl Decoder {
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
                self.gzip = Some(Some(MultiGzDecoder::new(Vec::new())));
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

    /// Hands one slice to the inflater; false once the stream has failed.
    fn inflate(&mut self, piece: &[u8], out: &mut dyn FnMut(&[u8]), err: &mut dyn FnMut(Error)) -> bool {
        let Some(Some(gz)) = &mut self.gzip else {
            return false;
        };
        if self.failed {
            return false;
        }
        let res = gz.write_all(piece);
        let decoded = std::mem::take(gz.get_mut());
        self.raw_in += piece.len() as u64;
        self.text(&decoded, out, err);
        if let Err(e) = res {
            self.gzip_failed(e, err);
            return false;
        }
        true
    }

    fn gzip_failed(&mut self, e: std::io::Error, err: &mut dyn FnMut(Error)) {
        self.failed = true;
        err(Error::new(
            ErrorKind::Gzip,
            Position { byte: self.out_bytes, line: self.out_lines + 1, record: 0 },
            format!("gzip stream is corrupt near compressed byte {}: {e}; reading stopped there", self.raw_in),
        ));
    }

    fn text(&mut self, data: &[u8], out: &mut dyn FnMut(&[u8]), err: &mut dyn FnMut(Error)) {
        if data.is_empty() {
            return;
        }
        if let Text::Sniff(buf) = &mut self.text {
            buf.extend_from_slice(data);
            if buf.len() < 3 {
                return;
            }
            let buf = std::mem::take(buf);
            let (text, skip, enc) = match buf.as_slice() {
                [0xef, 0xbb, 0xbf, ..] => (Text::Utf8, 3, "utf-8 (bom)"),
                [0xff, 0xfe, ..] => (Text::Utf16 { le: true, carry: Vec::new() }, 2, "utf-16le"),
                [0xfe, 0xff, ..] => (Text::Utf16 { le: false, carry: Vec::new() }, 2, "utf-16be"),
                _ => (Text::Utf8, 0, "utf-8"),
            };
            self.text = text;
            self.encoding = enc;
            return self.text(buf.get(skip..).unwrap_or(&[]), out, err);
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
            _ => self.emit(data, out),
        }
    }

    fn emit(&mut self, data: &[u8], out: &mut dyn FnMut(&[u8])) {
        self.out_bytes += data.len() as u64;
        self.out_lines += data.iter().filter(|&&b| b == b'\n').count() as u64;
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
        if let Some(Some(gz)) = &mut self.gzip {
            if !self.failed {
                let res = gz.try_finish();
                let decoded = std::mem::take(gz.get_mut());
                self.text(&decoded, out, err);
                if let Err(e) = res {
                    self.gzip_failed(e, err);
                }
            }
        }
        match &mut self.text {
            Text::Sniff(buf) => {
                // Fewer than three bytes in all: a lone UTF-16 byte-order mark is still one.
                let buf = std::mem::take(buf);
                match buf.as_slice() {
                    [0xff, 0xfe, rest @ ..] | [0xfe, 0xff, rest @ ..] => {
                        let le = buf.first() == Some(&0xff);
                        self.encoding = if le { "utf-16le" } else { "utf-16be" };
                        self.text = Text::Utf16 { le, carry: rest.to_vec() };
                        self.finish_utf16(err);
                    }
                    _ => {
                        self.text = Text::Utf8;
                        self.emit(&buf, out);
                    }
                }
            }
            Text::Utf16 { .. } => self.finish_utf16(err),
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

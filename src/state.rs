//! Saved states: one part of an input (a shard checked by its own process, a worker's slice of a
//! file) as bytes, and the merge of any number of them, in order, into the report of the whole.
//! This is how datalint runs beyond one process: `datalint check SHARD --state-out PART.state`
//! maps, `datalint merge PART.state…` reduces (any engine that can run a command per shard and
//! collect files can drive it: Spark, Ray, Dask, a shell loop).
//!
//! ## The protocol
//! The parts are consecutive pieces of one input, each cut at a record start (a line start for
//! JSON Lines; for CSV a line start outside quotes):
//! 1. The first part is checked as an input of its own. Its state carries, besides its profile,
//!    the *head* (see [`crate::parts::Head`]): the format, the header or keys, the roles, the text
//!    family's decisions with their samples of the first values, the first-seen indexes.
//! 2. Every later part is checked with that head (`--after FIRST.state`) and told where it starts
//!    in the whole (`--first-line`, `--first-byte`), so it reads as the single pass would have read
//!    it there: the file's physical line numbers, the header's names, the same decisions.
//! 3. [`merge`] checks that the parts follow each other (each starts where the one before ended,
//!    each but the last ended between two records, all were read with the same options and engine)
//!    and merges them in order ([`crate::parts::merge`]): exact figures are those of one pass,
//!    sketches stay within their stated error, evidence keeps the earliest rows, error positions
//!    count the whole input's records. Parts that could not agree (a later part that pooled a group
//!    or class the single pass would have kept, a text column decided apart, JSON keys past the
//!    column limit) are refused, naming why, rather than merged into a different report.
//!
//! The head is complete once the first part has shown its first record and, for text columns,
//! [`crate::profile::text::column::SAMPLE_VALUES`] values (the samples of first values). A first
//! part with fewer text values than that cannot head later parts (the state says so, and
//! `--after` refuses it): make the first shard larger, or check the input in one process.
//!
//! ## The format (version 1)
//! | bytes | what |
//! |---|---|
//! | 0–7 | magic `DLSTATE\0` |
//! | 8–9 | format version, u16 little-endian (1) |
//! | 10–17 | payload length `n`, u64 little-endian |
//! | 18 – 18+n | payload: [`Saved`] in postcard 1 encoding (serde's data model; wire format at <https://postcard.jamesmunns.com/wire-format>) |
//! | 18+n – 26+n | xxh3-64 of the payload, u64 little-endian |
//!
//! The payload's layout is that of the engine's accumulators, so a state is read only by the
//! engine version that wrote it ([`Saved::engine`]); another version, another magic or format
//! version, a short or over-long file and a checksum mismatch are each refused with a message
//! saying which. Reading never panics and allocates no more than the bytes given warrant.

use crate::options::Options;
use crate::parts::{Head, LineBreaks, Part};
use crate::report::Report;
use crate::Session;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

pub const MAGIC: [u8; 8] = *b"DLSTATE\0";
pub const VERSION: u16 = 1;
const PREFIX: usize = 8 + 2 + 8;

/// Where a part starts in the whole input: its first byte's physical line (1-based) and raw byte
/// offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Start {
    pub line: u64,
    pub byte: u64,
}

impl Default for Start {
    fn default() -> Start {
        Start { line: 1, byte: 0 }
    }
}

/// One part's saved state: see the module doc.
#[derive(Serialize, Deserialize)]
pub struct Saved {
    /// The engine version that wrote it (`CARGO_PKG_VERSION`).
    pub engine: String,
    pub part: Part,
    pub start: Start,
    /// Line breaks in the part's bytes (CSV's rule and `\n` alone: see [`LineBreaks`]), so that
    /// the merge can tell where the part ended.
    pub lines: LineBreaks,
    /// The part ended between two records (not inside a quoted field or a record).
    pub at_boundary: bool,
    /// Read with a first part's head (`--after`): a later part.
    pub later: bool,
    /// What later parts need, when this is a first part whose head was complete.
    pub head: Option<Head>,
    /// Why a first part has no head (to say so when `--after` is given it).
    pub no_head: Option<String>,
}

impl Saved {
    /// Ends `session` (fed the part's bytes; `lines` counted over the same bytes) and keeps its
    /// state. `later`: the session was made by [`Session::part`].
    pub fn of(session: Session, start: Start, lines: LineBreaks, later: bool) -> Saved {
        let head = if later { None } else { session.head() };
        let no_head = match (&head, later) {
            (None, false) => Some(session.why_no_head()),
            _ => None,
        };
        let at_boundary = session.at_boundary();
        let part = session.finish_part();
        Saved { engine: env!("CARGO_PKG_VERSION").to_string(), part, start, lines, at_boundary, later, head, no_head }
    }

    /// Where the part ended: the line and byte the next part starts at.
    pub fn end(&self) -> Start {
        let breaks = match self.part.source.format {
            Some("jsonl") | Some("json") => self.lines.newlines,
            _ => self.lines.breaks,
        };
        Start { line: self.start.line + breaks, byte: self.start.byte + self.part.bytes }
    }

    /// The state as bytes (see the module doc for the layout).
    pub fn to_bytes(&self) -> Result<Vec<u8>, String> {
        let payload = postcard::to_allocvec(self).map_err(|e| format!("the state could not be written: {e}"))?;
        let mut out = Vec::with_capacity(PREFIX + payload.len() + 8);
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&payload);
        out.extend_from_slice(&xxh3_64(&payload).to_le_bytes());
        Ok(out)
    }

    /// Reads a state written by [`Saved::to_bytes`], refusing anything else with the reason.
    pub fn from_bytes(bytes: &[u8]) -> Result<Saved, String> {
        let magic = bytes.get(..8).ok_or("not a datalint state: shorter than its 18-byte prefix")?;
        if magic != MAGIC {
            return Err("not a datalint state: its first 8 bytes are not DLSTATE\\0".into());
        }
        let version = bytes.get(8..10).and_then(|b| <[u8; 2]>::try_from(b).ok()).map(u16::from_le_bytes);
        let version = version.ok_or("a datalint state cut short in its prefix (at byte 8)")?;
        if version != VERSION {
            return Err(format!("a datalint state of format version {version}; this engine reads version {VERSION}"));
        }
        let len = bytes.get(10..18).and_then(|b| <[u8; 8]>::try_from(b).ok()).map(u64::from_le_bytes);
        let len = len.ok_or("a datalint state cut short in its prefix (at byte 10)")?;
        let end = u64::try_from(PREFIX).ok().and_then(|p| p.checked_add(len)).and_then(|e| usize::try_from(e).ok());
        let (payload, sum) = match end.and_then(|e| Some((bytes.get(PREFIX..e)?, bytes.get(e..)?))) {
            Some(x) => x,
            None => {
                return Err(format!(
                    "a datalint state cut short: its payload is {len} bytes, the file holds {} after the prefix",
                    bytes.len().saturating_sub(PREFIX)
                ))
            }
        };
        let sum = <[u8; 8]>::try_from(sum).map(u64::from_le_bytes).map_err(|_| {
            format!(
                "a datalint state whose checksum (at byte {}) is {} bytes long, not 8",
                PREFIX as u64 + len,
                sum.len()
            )
        })?;
        if xxh3_64(payload) != sum {
            return Err("a datalint state whose checksum does not match its payload (damaged or altered)".into());
        }
        // The engine version is the payload's first field: read it first, so that a state of
        // another version is named as such rather than failing somewhere in its layout.
        #[derive(Deserialize)]
        struct Engine {
            engine: String,
        }
        let mine = env!("CARGO_PKG_VERSION");
        match postcard::take_from_bytes::<Engine>(payload) {
            Ok((e, _)) if e.engine != mine => {
                return Err(format!(
                    "a state written by datalint {}; this is datalint {mine}, which reads only its own states",
                    e.engine.chars().take(40).collect::<String>()
                ))
            }
            Ok(_) => {}
            Err(e) => return Err(format!("a datalint state whose payload does not read: {e}")),
        }
        let mut saved: Saved =
            postcard::from_bytes(payload).map_err(|e| format!("a datalint state whose payload does not read: {e}"))?;
        saved.part.profile.retool(&saved.part.opts);
        Ok(saved)
    }
}

/// Two option sets that read an input the same way: all but the name the report gives it.
fn same_reading(a: &Options, b: &Options) -> bool {
    let json = |o: &Options| serde_json::to_value(Options { name: None, ..o.clone() }).ok();
    json(a) == json(b)
}

/// The head a later part is read with, from the first part's state.
pub fn head_of(first: &Saved) -> Result<&Head, String> {
    if first.later {
        return Err("that state is of a later part: --after takes the first part's state".into());
    }
    first.head.as_ref().ok_or_else(|| {
        format!(
            "the first part cannot head later parts: {}",
            first.no_head.as_deref().unwrap_or("its start was not read far enough")
        )
    })
}

/// A session for a later part, read as the whole input would be read at `start`: the head of
/// `first`, and the options the first part was read with (`opts`, when given, must read the same
/// way apart from the name).
pub fn later_session(first: &Saved, start: Start, opts: Option<&Options>) -> Result<Session, String> {
    let head = head_of(first)?;
    if let Some(o) = opts {
        if !same_reading(o, &head.opts) {
            return Err(
                "the options differ from those the first part was read with: give every part the same options".into()
            );
        }
    }
    let mut head = head.clone();
    if let Some(o) = opts {
        head.opts.name = o.name.clone().or(head.opts.name);
    }
    Ok(Session::part(&head, start.byte, start.line))
}

/// Merges saved parts, in input order, into the report of the whole (see the module doc). `name`
/// replaces the name the report gives the input.
pub fn merge(states: Vec<Saved>, name: Option<String>) -> Result<Report, String> {
    let first = states.first().ok_or("no states to merge")?;
    if first.later {
        return Err("the first state is of a later part (read with --after): give the first part's state first".into());
    }
    let opts = first.part.opts.clone();
    let mut prev_end = first.end();
    for (i, s) in states.iter().enumerate().skip(1) {
        let n = i + 1;
        if !s.later {
            return Err(format!(
                "state {n} is of a first part: every part after the first is checked with --after FIRST.state"
            ));
        }
        if !same_reading(&s.part.opts, &opts) {
            return Err(format!("state {n} was read with other options than state 1"));
        }
        if s.start != prev_end {
            return Err(format!(
                "state {n} starts at line {}, byte {}, but the part before it ended at line {}, byte {}: the states are not consecutive parts of one input (missing, out of order, or --first-line/--first-byte wrong)",
                s.start.line, s.start.byte, prev_end.line, prev_end.byte
            ));
        }
        prev_end = s.end();
    }
    if let Some((i, s)) = states.iter().enumerate().rev().skip(1).find(|(_, s)| !s.at_boundary) {
        return Err(format!(
            "state {} ends inside a record (a quoted field open at line {}): parts must be cut between records",
            i + 1,
            s.end().line
        ));
    }
    let parts: Vec<Part> = states.into_iter().map(|s| s.part).collect();
    let (profile, mut source, opts) = crate::parts::merge(parts)?;
    if name.is_some() {
        source.name = name;
    }
    Ok(crate::report_for(&profile, source, &opts))
}

/// A [`Head`] or a [`Part`] handed between the workers of one page (or threads of one process)
/// built from the same engine: postcard bytes without the file framing of [`Saved`] (no version
/// or checksum: both ends are the same build, and nothing is stored).
/// Heads and parts as bare postcard bytes (no framing, checksum or version: for messages between
/// the workers of one page, which run the same engine; files use [`Saved`]).
pub mod raw {
    use crate::parts::{Head, Part};

    pub fn head_to_bytes(head: &Head) -> Result<Vec<u8>, String> {
        postcard::to_allocvec(head).map_err(|e| format!("the head could not be written: {e}"))
    }

    pub fn head_from_bytes(bytes: &[u8]) -> Result<Head, String> {
        postcard::from_bytes(bytes).map_err(|e| format!("the head does not read: {e}"))
    }

    pub fn part_to_bytes(part: &Part) -> Result<Vec<u8>, String> {
        postcard::to_allocvec(part).map_err(|e| format!("the part could not be written: {e}"))
    }

    /// A part read back, its tools rebuilt from its options (as [`super::Saved::from_bytes`] does).
    pub fn part_from_bytes(bytes: &[u8]) -> Result<Part, String> {
        let mut part: Part = postcard::from_bytes(bytes).map_err(|e| format!("the part does not read: {e}"))?;
        part.profile.retool(&part.opts);
        Ok(part)
    }
}

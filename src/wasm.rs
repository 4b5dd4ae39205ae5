//! Browser bindings: a thin wrapper over [`crate::Session`] for the Web Worker. No logic lives
//! here; everything the page shows comes from the engine.
//!
//! ```js
//! import init, { Session, checks } from "datalint";
//! await init();
//! const s = new Session({ name: "data.csv", label: "y" });   // throws Error on bad options
//! s.feed(new Uint8Array(chunk));                               // any chunk size
//! s.progress();                                                // { bytes, rows, errors }
//! s.snapshot(file.size);                                       // a provisional report, or null
//! const report = s.finish();                                   // the JSON report as an object
//! ```

use crate::checks::registry;
use crate::{Options, Session as Inner};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The options the page passed: absent means the defaults; anything but a plain object (an
/// array would be read field by field in order) is refused, as the CLI's `--config` refuses it.
/// `Session::new` / `Compare::new` then validate them as for the CLI.
fn options_of(options: JsValue) -> Result<Options, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    if !options.is_object() || js_sys::Array::is_array(&options) {
        return Err(JsError::new("options: the options must be an object of fields, not an array or a single value"));
    }
    serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&format!("options: {e}")))
}

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

/// One input being checked.
#[wasm_bindgen]
pub struct Session {
    inner: Option<Inner>,
    /// This byte range's state, ended by [`Session::end_part`], for [`Session::merged_with`].
    part: Option<crate::parts::Part>,
    report: Option<crate::Report>,
}

#[wasm_bindgen]
impl Session {
    /// `options`: the same fields as the CLI's `--config` JSON (all optional).
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Session, JsError> {
        let opts = options_of(options)?;
        let inner = Inner::new(opts).map_err(|e| JsError::new(&format!("options: {e}")))?;
        Ok(Session { inner: Some(inner), part: None, report: None })
    }

    /// Feeds the next bytes. Chunks may be of any size and split anywhere.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), JsError> {
        match self.inner.as_mut() {
            Some(s) => {
                s.feed(chunk);
                Ok(())
            }
            None => Err(JsError::new("this session has finished; start a new one")),
        }
    }

    /// `{ bytes, rows, errors }` so far.
    pub fn progress(&self) -> Result<JsValue, JsError> {
        match self.inner.as_ref() {
            Some(s) => to_js(&s.progress()),
            None => Err(JsError::new("this session has finished")),
        }
    }

    /// A provisional report of the records read so far (the report object with a `provisional`
    /// field: `{ bytes_read, rows, total_bytes }`), the session going on unchanged; `null` before
    /// the first record or when a copy of the profile would not fit in the memory budget. It
    /// costs a copy of the profile and an analysis: call it every few seconds, not per chunk.
    /// `total`: the input's size, for the report to say how far the reading had got.
    pub fn snapshot(&self, total: Option<f64>) -> Result<JsValue, JsError> {
        let Some(s) = self.inner.as_ref() else {
            return Err(JsError::new("this session has finished"));
        };
        match s.snapshot() {
            Some(mut report) => {
                if let Some(p) = report.provisional.as_mut() {
                    p.total_bytes = total.filter(|t| t.is_finite() && *t >= 0.0).map(|t| t as u64);
                }
                to_js(&report)
            }
            None => Ok(JsValue::NULL),
        }
    }

    /// Ends the input and returns the report (the same object as the CLI's JSON report).
    pub fn finish(&mut self) -> Result<JsValue, JsError> {
        match self.inner.take() {
            Some(s) => {
                let report = s.finish();
                let js = to_js(&report);
                self.report = Some(report);
                js
            }
            None => Err(JsError::new("this session has already finished")),
        }
    }

    /// What later byte ranges of the input need (see the `parts` module), as bytes to post to
    /// the workers that read them ([`Session::part`]): `undefined` until the start is read far
    /// enough, and for input that is not split (compressed, not UTF-8, a JSON array).
    pub fn head(&self) -> Result<Option<Vec<u8>>, JsError> {
        let Some(s) = self.inner.as_ref() else {
            return Err(JsError::new("this session has finished"));
        };
        s.head().map(|h| crate::state::raw::head_to_bytes(&h)).transpose().map_err(|e| JsError::new(&e))
    }

    /// [`Session::head`] once the text probes have decided, before the text samples of the
    /// first values are complete (see `datalint::Session::early_head`): `{ head, need }`, where
    /// `need` is about how many more bytes the first range must read for them to fill;
    /// `undefined` until then, and for input that is not split.
    #[wasm_bindgen(js_name = earlyHead)]
    pub fn early_head(&self) -> Result<JsValue, JsError> {
        let Some(s) = self.inner.as_ref() else {
            return Err(JsError::new("this session has finished"));
        };
        let Some((h, need)) = s.early_head() else { return Ok(JsValue::UNDEFINED) };
        let bytes = crate::state::raw::head_to_bytes(&h).map_err(|e| JsError::new(&e))?;
        let out = js_sys::Object::new();
        js_sys::Reflect::set(&out, &"head".into(), &js_sys::Uint8Array::from(bytes.as_slice()))
            .map_err(|_| JsError::new("could not build the head"))?;
        js_sys::Reflect::set(&out, &"need".into(), &JsValue::from_f64(need as f64))
            .map_err(|_| JsError::new("could not build the head"))?;
        Ok(out.into())
    }

    /// Whether the text family's samples of the first values are complete (the first range of
    /// an early head must end with them so).
    #[wasm_bindgen(js_name = samplesFull)]
    pub fn samples_full(&self) -> Result<bool, JsError> {
        let Some(s) = self.inner.as_ref() else {
            return Err(JsError::new("this session has finished"));
        };
        Ok(s.samples_full())
    }

    /// The format a head (from [`Session::head`]) says: `"csv"` or `"jsonl"`, whose line
    /// numbers count line breaks differently ([`LineCounter`]).
    #[wasm_bindgen(js_name = headFormat)]
    pub fn head_format(head: &[u8]) -> Result<String, JsError> {
        let head = crate::state::raw::head_from_bytes(head).map_err(|e| JsError::new(&e))?;
        Ok(match head.ingest.kind {
            crate::ingest::HeadKind::Csv { .. } => "csv",
            crate::ingest::HeadKind::Jsonl { .. } => "jsonl",
        }
        .to_string())
    }

    /// A session for a later byte range of the input whose start `head` describes: it starts at
    /// a record boundary at raw byte `byte`, on physical line `line` (1-based). Feed it the range,
    /// then on, line by line, until [`Session::at_boundary`]; end it with [`Session::finish_part`].
    pub fn part(head: &[u8], byte: f64, line: f64) -> Result<Session, JsError> {
        let head = crate::state::raw::head_from_bytes(head).map_err(|e| JsError::new(&e))?;
        let (byte, line) = (whole(byte, "byte")?, whole(line, "line")?);
        Ok(Session { inner: Some(Inner::part(&head, byte, line.max(1))), part: None, report: None })
    }

    /// Between two records: where this session's byte range may end.
    #[wasm_bindgen(js_name = atBoundary)]
    pub fn at_boundary(&self) -> Result<bool, JsError> {
        self.inner.as_ref().map(Inner::at_boundary).ok_or_else(|| JsError::new("this session has finished"))
    }

    /// Ends this byte range; its state as bytes, to merge with the others ([`Session::merged`]).
    #[wasm_bindgen(js_name = finishPart)]
    pub fn finish_part(&mut self) -> Result<Vec<u8>, JsError> {
        match self.inner.take() {
            Some(s) => crate::state::raw::part_to_bytes(&s.finish_part()).map_err(|e| JsError::new(&e)),
            None => Err(JsError::new("this session has already finished")),
        }
    }

    /// The byte ranges' states (from [`Session::finish_part`], in file order) merged into the
    /// report of the whole: a finished session, whose [`Session::report`], `markdown()` and
    /// `json()` are those one session reading the whole input gives. Throws when the parts
    /// cannot agree (then read the input in one pass).
    pub fn merged(parts: js_sys::Array) -> Result<Session, JsError> {
        Session::merge(Vec::with_capacity(parts.length() as usize), parts)
    }

    /// Ends this byte range as [`Session::finish_part`] does, but keeps its state in the session
    /// instead of writing it out as bytes: for the worker that merges the parts, which merges
    /// them into its own ([`Session::merged_with`]) without writing its own state and reading it
    /// back (about a third of the merge's time in the browser on a 200 MB file).
    #[wasm_bindgen(js_name = endPart)]
    pub fn end_part(&mut self) -> Result<(), JsError> {
        match self.inner.take() {
            Some(s) => {
                self.part = Some(s.finish_part());
                Ok(())
            }
            None => Err(JsError::new("this session has already finished")),
        }
    }

    /// [`Session::merged`] of this session's part (ended by [`Session::end_part`]) followed by
    /// the states of the later ranges (from [`Session::finish_part`], in file order). The part is
    /// used up, whether the merge succeeds or throws.
    #[wasm_bindgen(js_name = mergedWith)]
    pub fn merged_with(&mut self, later: js_sys::Array) -> Result<Session, JsError> {
        let mine = self.part.take().ok_or_else(|| JsError::new("call endPart() first"))?;
        let mut all = Vec::with_capacity(later.length() as usize + 1);
        all.push(mine);
        Session::merge(all, later)
    }

    fn merge(mut all: Vec<crate::parts::Part>, states: js_sys::Array) -> Result<Session, JsError> {
        for p in states.iter() {
            let bytes = js_sys::Uint8Array::new(&p).to_vec();
            all.push(crate::state::raw::part_from_bytes(&bytes).map_err(|e| JsError::new(&e))?);
        }
        let report = crate::parts::report(all).map_err(|e| JsError::new(&e))?;
        Ok(Session { inner: None, part: None, report: Some(report) })
    }

    /// The finished report as an object (what [`Session::finish`] returned).
    pub fn report(&self) -> Result<JsValue, JsError> {
        self.report.as_ref().map(to_js).unwrap_or_else(|| Err(JsError::new("call finish() first")))
    }

    /// The finished report as Markdown (the same text as `datalint check --format markdown`).
    pub fn markdown(&self) -> Result<String, JsError> {
        self.report.as_ref().map(crate::Report::to_markdown).ok_or_else(|| JsError::new("call finish() first"))
    }

    /// The finished report as pretty-printed JSON (the same text as `--format json`).
    pub fn json(&self) -> Result<String, JsError> {
        self.report.as_ref().map(crate::Report::to_json).ok_or_else(|| JsError::new("call finish() first"))
    }
}

/// A whole number of a JS number (an offset or a line), refused when it is not one.
fn whole(v: f64, what: &str) -> Result<u64, JsError> {
    if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= 9_007_199_254_740_991.0 {
        Ok(v as u64)
    } else {
        Err(JsError::new(&format!("{what}: not a whole number of 0 or more: {v}")))
    }
}

/// Counts line breaks as the parsers do, over bytes given in any chunks: a CSV line ends at
/// `\n`, `\r\n` or a lone `\r` (`breaks`), a JSON Lines line at `\n` (`newlines`). What a page
/// counts to give each byte range its first physical line.
#[wasm_bindgen]
#[derive(Default)]
pub struct LineCounter {
    inner: crate::parts::LineBreaks,
}

#[wasm_bindgen]
impl LineCounter {
    #[wasm_bindgen(constructor)]
    pub fn new() -> LineCounter {
        LineCounter::default()
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.inner.push(bytes);
    }

    /// Line breaks of the CSV rule.
    #[wasm_bindgen(getter)]
    pub fn breaks(&self) -> f64 {
        self.inner.breaks as f64
    }

    /// `\n` bytes.
    #[wasm_bindgen(getter)]
    pub fn newlines(&self) -> f64 {
        self.inner.newlines as f64
    }

    /// A lone `\r` was met (a CSV file whose lines it ends is not split).
    #[wasm_bindgen(getter, js_name = loneCr)]
    pub fn lone_cr(&self) -> bool {
        self.inner.lone_cr
    }
}

/// Two files compared: a reference and a candidate.
///
/// ```js
/// const c = new Comparison(options, "real.csv", "synthetic.csv");
/// c.feedReference(new Uint8Array(chunk));   // all of the reference, in chunks
/// c.feedCandidate(new Uint8Array(chunk));   // all of the candidate
/// c.progress();                            // { reference: {bytes, rows, errors}, candidate: {...} }
/// const report = c.finish();               // the same object as `datalint compare --format json`
/// ```
#[wasm_bindgen]
pub struct Comparison {
    inner: Option<crate::Compare>,
    report: Option<crate::report::compare::CompareReport>,
}

#[derive(Serialize)]
struct BothProgress {
    reference: crate::Progress,
    candidate: crate::Progress,
}

#[wasm_bindgen]
impl Comparison {
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue, reference_name: String, candidate_name: String) -> Result<Comparison, JsError> {
        let opts = options_of(options)?;
        let inner = crate::Compare::new(opts, &reference_name, &candidate_name)
            .map_err(|e| JsError::new(&format!("options: {e}")))?;
        Ok(Comparison { inner: Some(inner), report: None })
    }

    #[wasm_bindgen(js_name = feedReference)]
    pub fn feed_reference(&mut self, chunk: &[u8]) -> Result<(), JsError> {
        self.inner.as_mut().map(|c| c.feed_reference(chunk)).ok_or_else(|| JsError::new("this comparison has finished"))
    }

    #[wasm_bindgen(js_name = feedCandidate)]
    pub fn feed_candidate(&mut self, chunk: &[u8]) -> Result<(), JsError> {
        self.inner.as_mut().map(|c| c.feed_candidate(chunk)).ok_or_else(|| JsError::new("this comparison has finished"))
    }

    pub fn progress(&self) -> Result<JsValue, JsError> {
        match self.inner.as_ref() {
            Some(c) => {
                let (reference, candidate) = c.progress();
                to_js(&BothProgress { reference, candidate })
            }
            None => Err(JsError::new("this comparison has finished")),
        }
    }

    /// Ends both inputs and returns the comparison report.
    pub fn finish(&mut self) -> Result<JsValue, JsError> {
        match self.inner.take() {
            Some(c) => {
                let report = c.finish();
                let js = to_js(&report);
                self.report = Some(report);
                js
            }
            None => Err(JsError::new("this comparison has already finished")),
        }
    }

    /// The finished comparison as Markdown (as `datalint compare --format markdown`).
    pub fn markdown(&self) -> Result<String, JsError> {
        self.report.as_ref().map(|r| r.to_markdown()).ok_or_else(|| JsError::new("call finish() first"))
    }

    /// The finished comparison as pretty-printed JSON (as `--format json`).
    pub fn json(&self) -> Result<String, JsError> {
        self.report.as_ref().map(|r| r.to_json()).ok_or_else(|| JsError::new("call finish() first"))
    }
}

/// Every check's registered words: id, family, severity, summary, why, example, threshold.
#[wasm_bindgen]
pub fn checks() -> Result<JsValue, JsError> {
    let metas: Vec<&registry::CheckMeta> = registry::all_metas().collect();
    to_js(&metas)
}

/// The default options, as the page's controls start from them.
#[wasm_bindgen(js_name = defaultOptions)]
pub fn default_options() -> Result<JsValue, JsError> {
    to_js(&Options::default())
}

/// Bytes of linear memory the module holds (it only grows): what a multi-GB file costs.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size::<0>() * 65536) as f64
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

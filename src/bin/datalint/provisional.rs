//! Provisional findings while a long check runs (`check --format text` with stdout on a
//! terminal): the findings of the records read so far ([`Session::snapshot`]), drawn on stderr
//! after about a second and redrawn every few seconds, erased when the final report is printed to
//! stdout (which they never change).
//!
//! `DATALINT_PROVISIONAL=1` forces them whatever stdout is (`0` turns them off); when stderr is
//! not a terminal each block is appended instead of redrawn, and the first block's elapsed time
//! is the time to first provisional findings. `DATALINT_PROVISIONAL_MS` sets the first delay and
//! the shortest interval (tests set it to 0).

use datalint::{Session, Severity};
use indicatif::ProgressBar;
use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Findings listed in a block; the rest are counted.
const SHOWN: usize = 12;
/// Characters of a drawn line (lines are cut so that none wraps on an 80-column terminal and
/// the redraw can count them).
const WIDTH: usize = 79;

pub struct Provisional {
    started: Instant,
    total: Option<u64>,
    /// Redraw in place (stderr is a terminal), or append.
    in_place: bool,
    bar: Option<ProgressBar>,
    /// Fixed interval (`DATALINT_PROVISIONAL_MS`); else 2, 3, then 4 s, at least ten times
    /// what the last snapshot cost.
    fixed: Option<Duration>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    next: Duration,
    shown: u32,
    /// Lines of the block on screen (in place only).
    lines: usize,
}

/// Whether provisional findings are wanted: text format on a terminal, or forced.
pub fn wanted(text_format: bool) -> bool {
    match std::env::var("DATALINT_PROVISIONAL").ok().as_deref() {
        Some("0") => false,
        Some(v) if !v.is_empty() => true,
        _ => text_format && std::io::stdout().is_terminal(),
    }
}

impl Provisional {
    /// `started`: when the check began; `total`: the input's size when known.
    pub fn new(started: Instant, total: Option<u64>, bar: Option<ProgressBar>) -> Provisional {
        let ms = std::env::var("DATALINT_PROVISIONAL_MS").ok().and_then(|v| v.parse::<u64>().ok());
        let first = ms.map_or(Duration::from_secs(1), Duration::from_millis);
        Provisional {
            started,
            total,
            in_place: std::io::stderr().is_terminal(),
            bar,
            fixed: ms.map(Duration::from_millis),
            state: Mutex::new(State { next: first, ..State::default() }),
        }
    }

    /// Called after each chunk the session takes; `read`: bytes read of the whole input so far
    /// (more than the session's own when ranges are read on other threads too).
    pub fn look(&self, session: &Session, read: u64) {
        let Ok(mut st) = self.state.lock() else { return };
        let at = self.started.elapsed();
        if at < st.next {
            return;
        }
        let Some(mut report) = session.snapshot() else {
            // Nothing read yet, or no room in the budget for a copy: try again later.
            st.next = at + self.fixed.unwrap_or(Duration::from_secs(2));
            return;
        };
        if let Some(p) = report.provisional.as_mut() {
            p.total_bytes = self.total;
        }
        let cost = self.started.elapsed().saturating_sub(at);
        st.shown += 1;
        // Growing intervals (2, 3, 4 s), and at least ten times what a snapshot costs: the
        // snapshots take at most a tenth of the time.
        let every = self.fixed.unwrap_or_else(|| Duration::from_secs(1 + u64::from(st.shown.min(3))).max(cost * 10));
        st.next = self.started.elapsed() + every;
        let mut block = self.block(&report, read, at);
        if !self.in_place {
            // Appended to a log: what the snapshot cost, for measurements.
            block.push_str(&format!("  (snapshot made in {:.3} s)\n", cost.as_secs_f64()));
        }
        self.draw(&mut st, &block);
    }

    fn block(&self, report: &datalint::Report, read: u64, at: Duration) -> String {
        let p = report.provisional.unwrap_or_default();
        let part = if p.bytes_read < read { " of the first range" } else { "" };
        let how_far = match self.total.filter(|&t| t > 0) {
            Some(t) => format!("{:.0}% read", (read as f64 / t as f64 * 100.0).min(100.0)),
            None => format!("{} read", datalint::fmt::human_bytes(read)),
        };
        let mut o = format!(
            "PROVISIONAL — from {} rows{part} / {how_far} · {:.2} s · the final report follows\n",
            datalint::fmt::num(p.rows),
            at.as_secs_f64()
        );
        if report.findings.is_empty() {
            o.push_str("  no findings so far\n");
        }
        for f in report.findings.iter().take(SHOWN) {
            let sev = match f.severity {
                Severity::Error => "✖ error  ",
                Severity::Warning => "▲ warning",
                Severity::Info => "● info   ",
            };
            let cols = if f.columns.is_empty() { String::new() } else { format!(" [{}]", f.columns.join(", ")) };
            let line = format!("  {sev} {:<21} {}{cols}", f.id, f.title);
            o.push_str(&cut(&datalint::fmt::terminal(&line), WIDTH));
            o.push('\n');
        }
        if report.findings.len() > SHOWN {
            o.push_str(&format!("  … {} more\n", report.findings.len() - SHOWN));
        }
        o
    }

    fn draw(&self, st: &mut State, block: &str) {
        let write = || {
            let mut err = std::io::stderr().lock();
            if self.in_place && st.lines > 0 {
                let _ = write!(err, "\x1b[{}A\x1b[J", st.lines);
            }
            let _ = err.write_all(block.as_bytes());
            let _ = err.flush();
        };
        match &self.bar {
            Some(b) => b.suspend(write),
            None => write(),
        }
        if self.in_place {
            st.lines = block.lines().count();
        }
    }

    /// Erases the block drawn in place, before the final report is printed.
    pub fn clear(&self) {
        let Ok(mut st) = self.state.lock() else { return };
        if self.in_place && st.lines > 0 {
            let n = std::mem::take(&mut st.lines);
            let erase = || {
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\x1b[{n}A\x1b[J");
                let _ = err.flush();
            };
            match &self.bar {
                Some(b) => b.suspend(erase),
                None => erase(),
            }
        }
    }
}

/// The first `max` characters of a line, `…` marking a cut.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut o: String = s.chars().take(max.saturating_sub(1)).collect();
    o.push('…');
    o
}

//! The datalint command line: `datalint check FILE`, `datalint explain [ID]`, `datalint bench`.
//!
//! Exit codes: 0 clean (nothing at or above `--fail-on`), 1 findings at or above `--fail-on`,
//! 2 the input or the options could not be read.

use clap::{Parser, Subcommand, ValueEnum};
use datalint::checks::registry;
use datalint::{Options, Session, Severity};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

mod bench;
mod provisional;

#[derive(Parser)]
#[command(name = "datalint", version, about = "A linter for training datasets (CSV, TSV, JSONL, JSON; gzip)")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Subcommand)]
enum Cmd {
    /// Check a dataset (a path, or - for standard input) and print a report. Several paths are
    /// checked as one dataset (`data/train-*.jsonl`): read one after the other, on every core.
    Check {
        #[arg(required = true, num_args = 1.., value_name = "FILE")]
        files: Vec<String>,
        /// The label column (default: proposed from the column names, e.g. label, target, class,
        /// outcome, income, salary, y).
        #[arg(long)]
        label: Option<String>,
        /// Sensitive columns, comma-separated (default: proposed from the names, e.g. sex,
        /// gender, race, age, religion, nationality, native-country, marital-status); "" for none.
        #[arg(long)]
        sensitive: Option<String>,
        /// The label class whose rate is compared across groups (default: the rarer of two).
        /// Comparing a class does not say which groups are worse off: see --favourable.
        #[arg(long)]
        outcome: Option<String>,
        /// The label value that is the good outcome (e.g. ">50K", or "0" for two_year_recid):
        /// its rate is compared, and groups with a lower rate of it are called disadvantaged
        /// (four-fifths rule). Without it no group is called disadvantaged. Takes precedence
        /// over --outcome.
        #[arg(long)]
        favourable: Option<String>,
        /// Do not propose a label or sensitive columns from column names.
        #[arg(long)]
        no_propose: bool,
        #[arg(long, value_enum, default_value = "text")]
        format: OutFormat,
        /// Exit with 1 when a finding is at least this severe.
        #[arg(long, value_enum, default_value = "error")]
        fail_on: FailOn,
        /// A JSON file of options (thresholds, severity, missing_tokens, memory_budget, ...).
        #[arg(long)]
        config: Option<PathBuf>,
        /// The name to report and to guess the format from (useful with -).
        #[arg(long)]
        name: Option<String>,
        /// Memory budget in MiB for the profile.
        #[arg(long)]
        memory_mib: Option<u64>,
        /// Never draw a progress bar.
        #[arg(long)]
        no_progress: bool,
        /// Threads: the file is read as byte ranges, one a thread, and merged into the same
        /// report as one pass (uncompressed UTF-8 CSV and JSON Lines; other input is read on one
        /// thread). Default: all cores. Each range's profile holds up to the memory budget.
        #[arg(long)]
        jobs: Option<usize>,
        /// Write this part's state to a file instead of printing a report: the map step of a
        /// check spread over processes or machines (`datalint merge` reduces). One thread.
        #[arg(long, value_name = "PART.state")]
        state_out: Option<PathBuf>,
        /// This file is a later part of an input whose first part's state is given: it is read
        /// as the whole input would be read there (its header, roles and decisions).
        #[arg(long, value_name = "FIRST.state", requires = "state_out")]
        after: Option<PathBuf>,
        /// The physical line this part starts on in the whole input (with --after).
        #[arg(long, default_value_t = 1, requires = "after")]
        first_line: u64,
        /// The byte offset this part starts at in the whole input (with --after).
        #[arg(long, default_value_t = 0, requires = "after")]
        first_byte: u64,
    },
    /// Merge the states of consecutive parts of one input (`check --state-out`), in input order,
    /// into its report: the same report a single check of the whole input gives.
    Merge {
        #[arg(required = true, value_name = "PART.state")]
        states: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: OutFormat,
        /// Exit with 1 when a finding is at least this severe.
        #[arg(long, value_enum, default_value = "error")]
        fail_on: FailOn,
        /// The name to report the input by (default: the first part's).
        #[arg(long)]
        name: Option<String>,
    },
    /// Compare a candidate dataset (synthetic data, a test split, new data) with a reference (its
    /// real source, train, old data) and print the comparison.
    Compare {
        reference: String,
        candidate: String,
        /// The label column (both files).
        #[arg(long)]
        label: Option<String>,
        /// Sensitive columns, comma-separated; "" for none.
        #[arg(long)]
        sensitive: Option<String>,
        /// The label value that is the good outcome (its rate is compared across groups).
        #[arg(long)]
        favourable: Option<String>,
        /// Do not propose a label or sensitive columns from column names.
        #[arg(long)]
        no_propose: bool,
        #[arg(long, value_enum, default_value = "text")]
        format: OutFormat,
        /// Exit with 1 when a comparison finding is at least this severe.
        #[arg(long, value_enum, default_value = "error")]
        fail_on: FailOn,
        /// A JSON file of options (as for check).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Memory budget in MiB for both profiles together.
        #[arg(long)]
        memory_mib: Option<u64>,
        /// Compare the candidate's column CAND with the reference's column REF (repeatable),
        /// e.g. --map target=response to set a model's responses against a person's.
        #[arg(long = "map", value_name = "REF=CAND")]
        map: Vec<String>,
        /// Threads: each file is read as byte ranges on this many threads (as `check --jobs`),
        /// one file after the other. Default: all cores.
        #[arg(long)]
        jobs: Option<usize>,
    },
    /// Explain a check (or list them all).
    Explain { id: Option<String> },
    /// Generate a deterministic CSV and measure throughput and memory against a bare csv-core parse.
    Bench {
        /// Size of the generated file in MB.
        #[arg(long, default_value_t = 100)]
        mb: u64,
        /// Where to keep generated files (reused when present).
        #[arg(long, default_value = "bench-data")]
        dir: PathBuf,
        /// Only write the file (if missing) and print its path.
        #[arg(long)]
        generate_only: bool,
    },
}

/// glibc's malloc serves a block of 128 KiB or more with its own mapping, returned to the system
/// when freed; but each such free raises that threshold (up to 32 MiB), so that later blocks of
/// the same size come from the heap, whose freed middle is never returned. The profile grows
/// large vectors and tables and frees them when a column moves to its sketch, so with that
/// adjustment the process kept tens of MiB it no longer used: on the 100 MB bench file with two
/// ranges, peak RSS 193–218 MiB with it, 150–156 MiB without, at the same speed (5 interleaved
/// runs each; 107 → 91 MiB on one thread). Setting the threshold turns the adjustment off.
fn malloc_returns_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` sets one of glibc's allocator tunables; it takes no pointers, is called
    // before any other thread exists, and a refused value (return 0) leaves glibc's default.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

fn main() -> ExitCode {
    malloc_returns_large_blocks();
    let _peak = bench::PeakOnExit;
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Check {
            files,
            label,
            sensitive,
            outcome,
            favourable,
            no_propose,
            format,
            fail_on,
            config,
            name,
            memory_mib,
            no_progress,
            jobs,
            state_out,
            after,
            first_line,
            first_byte,
        } => {
            let roles = Roles { label, sensitive, outcome, favourable, no_propose };
            let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
            if files.len() > 1 {
                if state_out.is_some() {
                    return fail("--state-out takes one file (one part): check each shard in its own run");
                }
                return match check_files(
                    &files,
                    roles,
                    format,
                    fail_on,
                    config.as_deref(),
                    name,
                    memory_mib,
                    no_progress,
                    jobs,
                ) {
                    Ok(code) => code,
                    Err(msg) => fail(&msg),
                };
            }
            let file = files.into_iter().next().unwrap_or_default();
            if let Some(out) = state_out {
                let start = datalint::state::Start { line: first_line, byte: first_byte };
                let mut opts = match options(roles, config.as_deref(), memory_mib) {
                    Ok(o) => o,
                    Err(msg) => return fail(&msg),
                };
                opts.name = name.or(opts.name).or_else(|| (file != "-").then(|| file_name(&file)));
                return match save_state(&file, opts, after.as_deref(), start, &out, no_progress) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(msg) => fail(&msg),
                };
            }
            match check(&file, roles, format, fail_on, config.as_deref(), name, memory_mib, no_progress, jobs) {
                Ok(code) => code,
                Err(msg) => fail(&msg),
            }
        }
        Cmd::Compare {
            reference,
            candidate,
            label,
            sensitive,
            favourable,
            no_propose,
            format,
            fail_on,
            config,
            memory_mib,
            map,
            jobs,
        } => {
            let roles = Roles { label, sensitive, outcome: None, favourable, no_propose };
            let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
            match compare(&reference, &candidate, roles, format, fail_on, config.as_deref(), memory_mib, &map, jobs) {
                Ok(code) => code,
                Err(msg) => fail(&msg),
            }
        }
        Cmd::Merge { states, format, fail_on, name } => match merge(&states, format, fail_on, name) {
            Ok(code) => code,
            Err(msg) => fail(&msg),
        },
        Cmd::Explain { id } => explain(id.as_deref()),
        Cmd::Bench { mb, dir, generate_only } => match bench::run(mb, &dir, generate_only) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&format!("bench: {e}")),
        },
    }
}

/// The one way a message reaches stderr: through the terminal escaper, since messages carry
/// file-derived text (column names, file names, parse errors). Exits 2.
fn fail(msg: &str) -> ExitCode {
    eprintln!("datalint: {}", datalint::fmt::terminal(msg));
    ExitCode::from(2)
}

/// Role flags of `check`.
struct Roles {
    label: Option<String>,
    sensitive: Option<String>,
    outcome: Option<String>,
    favourable: Option<String>,
    no_propose: bool,
}

#[allow(clippy::too_many_arguments)]
fn check(
    file: &str,
    roles: Roles,
    format: OutFormat,
    fail_on: FailOn,
    config: Option<&Path>,
    name: Option<String>,
    memory_mib: Option<u64>,
    no_progress: bool,
    jobs: usize,
) -> Result<ExitCode, String> {
    let mut opts = options(roles, config, memory_mib)?;
    opts.name = name.or(opts.name).or_else(|| (file != "-").then(|| file_name(file)));
    let sensitive = opts.sensitive.clone().unwrap_or_default();
    let bar = |len| (!no_progress && std::io::stderr().is_terminal()).then(|| progress_bar(len));
    let provisional = provisional::wanted(matches!(format, OutFormat::Text)).then(Instant::now);
    let report = read_file(file, &opts, jobs, &bar, provisional)?;
    roles_present(&report, report.label.as_deref(), &sensitive, "")?;
    let out = match format {
        OutFormat::Text => report.to_text(),
        OutFormat::Json => report.to_json() + "\n",
        OutFormat::Markdown => report.to_markdown(),
    };
    Ok(emit(&out, report.worst(), fail_on))
}

/// Reads a state file (`check --state-out`), naming the file in any error.
fn read_state(path: &Path) -> Result<datalint::state::Saved, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    datalint::state::Saved::from_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// `check --state-out`: one part checked in one pass and its state written.
fn save_state(
    file: &str,
    opts: datalint::Options,
    after: Option<&Path>,
    start: datalint::state::Start,
    out: &Path,
    no_progress: bool,
) -> Result<(), String> {
    let mut session = match after {
        Some(first) => datalint::state::later_session(&read_state(first)?, start, Some(&opts))?,
        None => Session::new(opts)?,
    };
    let (mut input, len) = open(file)?;
    let bar = (!no_progress && std::io::stderr().is_terminal()).then(|| progress_bar(len));
    let mut buf = vec![0u8; 1 << 20];
    let mut lines = datalint::parts::LineBreaks::default();
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("read error in {file} after {} bytes: {e}", session.progress().bytes)),
        };
        let chunk = buf.get(..n).unwrap_or(&[]);
        lines.push(chunk);
        session.feed(chunk);
        show_progress(&bar, &session);
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let saved = datalint::state::Saved::of(session, start, lines, after.is_some());
    // A label or sensitive column the part does not have fails here, as it fails `check`.
    let profile = &saved.part.profile;
    if profile.rows > 0 {
        let names = || profile.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ");
        let opts = &saved.part.opts;
        if let Some(l) = opts.label.as_deref().filter(|l| profile.column(l).is_none()) {
            return Err(format!("label column '{l}' not found; the columns are: {}", names()));
        }
        let sensitive = opts.sensitive.clone().unwrap_or_default();
        if let Some(s) = sensitive.iter().map(|s| s.trim()).find(|s| !s.is_empty() && profile.column(s).is_none()) {
            return Err(format!("sensitive column '{s}' not found; the columns are: {}", names()));
        }
    }
    let bytes = saved.to_bytes()?;
    std::fs::write(out, bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))
}

/// `datalint merge`: the report of consecutive parts' states.
fn merge(states: &[PathBuf], format: OutFormat, fail_on: FailOn, name: Option<String>) -> Result<ExitCode, String> {
    let saved = states.iter().map(|p| read_state(p)).collect::<Result<Vec<_>, _>>()?;
    let report = datalint::state::merge(saved, name)?;
    let out = match format {
        OutFormat::Text => report.to_text(),
        OutFormat::Json => report.to_json() + "\n",
        OutFormat::Markdown => report.to_markdown(),
    };
    Ok(emit(&out, report.worst(), fail_on))
}

/// `check A B C…`: several files checked as one dataset (see `datalint::parts::Concat`): CSV
/// files sharing a header, or JSON Lines, uncompressed; read as byte ranges on `jobs` threads.
#[allow(clippy::too_many_arguments)]
fn check_files(
    files: &[String],
    roles: Roles,
    format: OutFormat,
    fail_on: FailOn,
    config: Option<&Path>,
    name: Option<String>,
    memory_mib: Option<u64>,
    no_progress: bool,
    jobs: usize,
) -> Result<ExitCode, String> {
    if files.iter().any(|f| f == "-") {
        return Err("standard input (-) is checked on its own, not with other files".into());
    }
    let first = files.first().ok_or("no file")?;
    let mut opts = options(roles, config, memory_mib)?;
    // The first file's name decides the format (as for one file); the report names them all.
    opts.name = opts.name.or_else(|| Some(file_name(first)));
    let sensitive = opts.sensitive.clone().unwrap_or_default();
    // What the files are: the first MiB of the first one, read as one input.
    let mut probe = Session::new(opts.clone())?;
    let mut f = std::fs::File::open(first).map_err(|e| format!("cannot open {first}: {e}"))?;
    let mut head = vec![0u8; 1 << 20];
    let n = read_full(&mut f, &mut head).map_err(|e| format!("read error in {first}: {e}"))?;
    probe.feed(head.get(..n).unwrap_or(&[]));
    let source = probe.finish().source;
    let csv_header = match (source.format, source.compressed) {
        (_, true) => return Err("several files are checked as one dataset when they are uncompressed (CSV or JSON Lines); these are compressed: decompress them, or check each".into()),
        (Some("csv"), _) => source.header == Some(true),
        (Some("jsonl"), _) => false,
        (f, _) => {
            return Err(format!(
                "several files are checked as one dataset when they are CSV or JSON Lines; {first} reads as {}",
                f.unwrap_or("an unknown format")
            ))
        }
    };
    let mut srcs = Vec::with_capacity(files.len());
    for path in files {
        let file = std::fs::File::open(path).map_err(|e| format!("cannot open {path}: {e}"))?;
        let len = file.metadata().map_err(|e| format!("cannot read {path}: {e}"))?.len();
        srcs.push((file_name(path), FileAt { file, len }));
    }
    let all = datalint::parts::Concat::new(srcs, csv_header)?;
    let len = datalint::parts::ReadAt::len(&all);
    let bar = (!no_progress && std::io::stderr().is_terminal()).then(|| progress_bar(Some(len)));
    let mut plan = datalint::parts::Plan { jobs, ..Default::default() };
    if let Some(n) = std::env::var("DATALINT_MIN_RANGE").ok().and_then(|v| v.parse().ok()) {
        plan.min_range = n;
    }
    let mut show = |at: u64| {
        if let Some(b) = &bar {
            b.set_position(at);
        }
    };
    let (mut report, reading) = datalint::parts::read(&all, &opts, plan, &mut show)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if std::env::var_os("DATALINT_READING").is_some() {
        eprintln!(
            "reading ranges {} reread {} one-pass {}",
            reading.ranges,
            reading.reread,
            reading.one_pass.as_deref().unwrap_or("-")
        );
    }
    // Which lines each file holds (line numbers count across the files in order).
    let jsonl = source.format == Some("jsonl");
    let mut line = 1u64;
    let mut spans = Vec::new();
    let mut buf = vec![0u8; 1 << 20];
    for (path, (from, to)) in files.iter().zip(all.spans()) {
        let mut breaks = datalint::parts::LineBreaks::default();
        let mut at = from;
        while at < to {
            let want = buf.len().min((to - at) as usize);
            let n = datalint::parts::ReadAt::read_at(&all, at, buf.get_mut(..want).unwrap_or(&mut []))?;
            if n == 0 {
                break;
            }
            breaks.push(buf.get(..n).unwrap_or(&[]));
            at += n as u64;
        }
        let lines = if jsonl { breaks.newlines } else { breaks.breaks };
        spans.push(format!("{} lines {}–{}", file_name(path), line, (line + lines).saturating_sub(1).max(line)));
        line += lines;
    }
    let shown = if spans.len() > 20 {
        let n = spans.len();
        let mut s: Vec<String> = spans.iter().take(10).cloned().collect();
        s.push(format!("… {} more …", n - 15));
        s.extend(spans.iter().skip(n - 5).cloned());
        s
    } else {
        spans
    };
    report.notes.push(format!(
        "{} files read as one dataset, in the order given{}: line numbers count across them ({})",
        files.len(),
        if csv_header { ", each file's repeated header line dropped" } else { "" },
        shown.join(", ")
    ));
    report.source.name = Some(name.unwrap_or_else(|| {
        format!(
            "{} … {} ({} files)",
            file_name(first),
            files.last().map(|l| file_name(l)).unwrap_or_default(),
            files.len()
        )
    }));
    roles_present(&report, report.label.as_deref(), &sensitive, "")?;
    let out = match format {
        OutFormat::Text => report.to_text(),
        OutFormat::Json => report.to_json() + "\n",
        OutFormat::Markdown => report.to_markdown(),
    };
    Ok(emit(&out, report.worst(), fail_on))
}

/// Reads until `buf` is full or the input ends; the bytes read.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(buf.get_mut(got..).unwrap_or(&mut [])) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// A file read at any offset, for the range driver.
struct FileAt {
    file: std::fs::File,
    len: u64,
}
// (`bench` reads its file through it too.)

impl datalint::parts::ReadAt for FileAt {
    fn len(&self) -> u64 {
        self.len
    }
    fn read_at(&self, at: u64, buf: &mut [u8]) -> Result<usize, String> {
        #[cfg(unix)]
        let r = std::os::unix::fs::FileExt::read_at(&self.file, buf, at);
        #[cfg(windows)]
        let r = std::os::windows::fs::FileExt::seek_read(&self.file, buf, at);
        r.map_err(|e| format!("read error at byte {at}: {e}"))
    }
}

/// Reads a file (or standard input) through a session; with `jobs` > 1 a regular file is read
/// by `datalint::parts::read`, as byte ranges on that many threads once its start is read.
/// `DATALINT_MIN_RANGE` (bytes) sets the smallest range (default 8 MiB; tests set it small).
/// With `provisional` (when the check began), provisional findings are drawn on stderr while it
/// reads (see `provisional.rs`; with ranges, from the first range's session).
fn read_file(
    file: &str,
    opts: &datalint::Options,
    jobs: usize,
    bar: &dyn Fn(Option<u64>) -> Option<ProgressBar>,
    provisional: Option<Instant>,
) -> Result<datalint::Report, String> {
    let shown =
        |len, bar: &Option<ProgressBar>| provisional.map(|t| provisional::Provisional::new(t, len, bar.clone()));
    if jobs > 1 && file != "-" {
        let f = std::fs::File::open(file).map_err(|e| format!("cannot open {file}: {e}"))?;
        let meta = f.metadata().map_err(|e| format!("cannot read {file}: {e}"))?;
        if meta.is_file() {
            let src = FileAt { file: f, len: meta.len() };
            let bar = bar(Some(meta.len()));
            let mut plan = datalint::parts::Plan { jobs, ..Default::default() };
            if let Some(n) = std::env::var("DATALINT_MIN_RANGE").ok().and_then(|v| v.parse().ok()) {
                plan.min_range = n;
            }
            let mut show = |at: u64| {
                if let Some(b) = &bar {
                    b.set_position(at);
                }
            };
            let prov = shown(Some(meta.len()), &bar);
            let look = |s: &Session, read: u64| prov.iter().for_each(|p| p.look(s, read));
            let (report, reading) = datalint::parts::read_looking(&src, opts, plan, &mut show, Some(&look))
                .map_err(|e| format!("{file}: {e}"))?;
            prov.iter().for_each(provisional::Provisional::clear);
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            if std::env::var_os("DATALINT_READING").is_some() {
                eprintln!(
                    "reading ranges {} reread {} head-bytes {} one-pass {}",
                    reading.ranges,
                    reading.reread,
                    reading.head_bytes,
                    reading.one_pass.as_deref().unwrap_or("-")
                );
            }
            return Ok(report);
        }
    }
    let mut session = Session::new(opts.clone())?;
    let (mut input, len) = open(file)?;
    let bar = bar(len);
    let prov = shown(len, &bar);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("read error in {file} after {} bytes: {e}", session.progress().bytes)),
        };
        session.feed(buf.get(..n).unwrap_or(&[]));
        show_progress(&bar, &session);
        if let Some(p) = &prov {
            p.look(&session, session.progress().bytes);
        }
    }
    prov.iter().for_each(provisional::Provisional::clear);
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(session.finish())
}

fn show_progress(bar: &Option<ProgressBar>, session: &Session) {
    if let Some(b) = bar {
        let p = session.progress();
        b.set_position(p.bytes);
        b.set_message(format!("{} rows", p.rows));
    }
}

/// A label or sensitive column named on the command line that the data does not have fails the
/// run (exit 2), naming the columns there are. `which` names the file in a comparison.
fn roles_present(
    report: &datalint::Report,
    label: Option<&str>,
    sensitive: &[String],
    which: &str,
) -> Result<(), String> {
    if report.rows == 0 {
        return Ok(());
    }
    let has = |name: &str| report.columns.iter().any(|c| c.name == name);
    let names = || report.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ");
    if let Some(label) = label.filter(|l| !has(l)) {
        return Err(format!("label column '{label}' not found{which}; the columns are: {}", names()));
    }
    // A sensitive column that is not there fails as an unknown label does.
    if let Some(s) = sensitive.iter().map(|s| s.trim()).find(|s| !s.is_empty() && !has(s)) {
        return Err(format!("sensitive column '{s}' not found{which}; the columns are: {}", names()));
    }
    Ok(())
}

/// Writes the report and returns the exit code for its worst finding.
fn emit(out: &str, worst: Option<Severity>, fail_on: FailOn) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (| head) is not an error worth a message.
    let _ = stdout.write_all(out.as_bytes());
    let threshold = match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let fail = matches!((worst, threshold), (Some(w), Some(t)) if w >= t);
    if fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A file (or standard input) and its length when known.
fn open(file: &str) -> Result<(Box<dyn Read>, Option<u64>), String> {
    Ok(if file == "-" {
        (Box::new(std::io::stdin().lock()), None)
    } else {
        let f = std::fs::File::open(file).map_err(|e| format!("cannot open {file}: {e}"))?;
        let len = f.metadata().ok().map(|m| m.len());
        (Box::new(f), len)
    })
}

/// Feeds a whole file to `feed`.
fn pump(file: &str, mut feed: impl FnMut(&[u8])) -> Result<(), String> {
    let (mut input, _) = open(file)?;
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("read error in {file} after {total} bytes: {e}")),
        };
        total += n as u64;
        feed(buf.get(..n).unwrap_or(&[]));
    }
}

#[allow(clippy::too_many_arguments)]
fn compare(
    reference: &str,
    candidate: &str,
    roles: Roles,
    format: OutFormat,
    fail_on: FailOn,
    config: Option<&Path>,
    memory_mib: Option<u64>,
    map: &[String],
    jobs: usize,
) -> Result<ExitCode, String> {
    if reference == "-" && candidate == "-" {
        return Err("only one of the two files can be standard input".into());
    }
    let mut opts = options(roles, config, memory_mib)?;
    let (label, sensitive) = (opts.label.clone(), opts.sensitive.clone().unwrap_or_default());
    for m in map {
        let Some((r, c)) = m.split_once('=').filter(|(r, c)| !r.trim().is_empty() && !c.trim().is_empty()) else {
            return Err(format!(
                "--map {m:?}: expected REF=CAND (a reference column name, '=', a candidate column name)"
            ));
        };
        opts.map_columns.insert(r.trim().to_string(), c.trim().to_string());
    }
    let regular = |f: &str| f != "-" && std::fs::metadata(f).is_ok_and(|m| m.is_file());
    let report = if jobs > 1 && regular(reference) && regular(candidate) {
        // Each file on every core, one after the other.
        let mut plan = datalint::parts::Plan { jobs, ..Default::default() };
        if let Some(n) = std::env::var("DATALINT_MIN_RANGE").ok().and_then(|v| v.parse().ok()) {
            plan.min_range = n;
        }
        let read = |path: &str| -> Result<_, String> {
            let each = datalint::Compare::options_for(&opts, &file_name(path));
            let file = std::fs::File::open(path).map_err(|e| format!("cannot open {path}: {e}"))?;
            let len = file.metadata().map_err(|e| format!("cannot read {path}: {e}"))?.len();
            let (profile, reading) =
                datalint::parts::read_profile(&FileAt { file, len }, &each, plan, &mut |_| {}, None)
                    .map_err(|e| format!("{path}: {e}"))?;
            if std::env::var_os("DATALINT_READING").is_some() {
                eprintln!(
                    "reading {} ranges {} reread {} one-pass {}",
                    file_name(path),
                    reading.ranges,
                    reading.reread,
                    reading.one_pass.as_deref().unwrap_or("-")
                );
            }
            Ok(profile)
        };
        let r = read(reference)?;
        let c = read(candidate)?;
        datalint::Compare::of_profiles(&opts, r, c)
    } else {
        let mut cmp = datalint::Compare::new(opts, &file_name(reference), &file_name(candidate))?;
        pump(reference, |b| cmp.feed_reference(b))?;
        pump(candidate, |b| cmp.feed_candidate(b))?;
        cmp.finish()
    };
    roles_present(&report.reference, label.as_deref(), &sensitive, " in the reference")?;
    let out = match format {
        OutFormat::Text => report.to_text(),
        OutFormat::Json => report.to_json() + "\n",
        OutFormat::Markdown => report.to_markdown(),
    };
    Ok(emit(&out, report.worst(), fail_on))
}

/// The options from a config file and the role flags.
fn options(roles: Roles, config: Option<&Path>, memory_mib: Option<u64>) -> Result<Options, String> {
    let mut opts: Options = match config {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("cannot read config {}: {e}", p.display()))?;
            Options::from_json(&text).map_err(|e| format!("config {}: {e}", p.display()))?
        }
        None => Options::default(),
    };
    if roles.label.is_some() {
        opts.label = roles.label;
    }
    if let Some(s) = roles.sensitive {
        opts.sensitive = Some(s.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect());
    }
    if roles.outcome.is_some() {
        opts.outcome = roles.outcome;
    }
    if roles.favourable.is_some() {
        opts.favourable = roles.favourable;
    }
    if roles.no_propose {
        opts.propose_roles = false;
    }
    if let Some(m) = memory_mib {
        opts.memory_budget = m.saturating_mul(1024 * 1024);
    }
    Ok(opts)
}

fn file_name(path: &str) -> String {
    Path::new(path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.to_string())
}

fn progress_bar(len: Option<u64>) -> ProgressBar {
    let started = Instant::now();
    let _ = started;
    match len {
        Some(n) => {
            let b = ProgressBar::new(n);
            if let Ok(s) =
                ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {bytes_per_sec} eta {eta} · {msg}")
            {
                b.set_style(s);
            }
            b
        }
        None => {
            let b = ProgressBar::new_spinner();
            if let Ok(s) = ProgressStyle::with_template("{spinner} {bytes} {bytes_per_sec} · {msg}") {
                b.set_style(s);
            }
            b
        }
    }
}

fn explain(id: Option<&str>) -> ExitCode {
    match id {
        None => {
            for (m, _) in registry::ALL {
                println!("{:<20} {:<8} {}", m.id, m.severity.name(), m.summary);
            }
            ExitCode::SUCCESS
        }
        Some(id) => match registry::meta(id) {
            Some(m) => {
                println!("{} ({}, default severity {})\n", m.id, m.family, m.severity.name());
                println!("What it checks\n  {}\n", m.summary);
                println!("Why it matters for training\n  {}\n", m.why);
                println!("Example\n  {}\n", m.example);
                println!(
                    "Threshold\n  fires when {} {} {} (override: {{\"thresholds\": {{\"{}\": N}}}} in --config)",
                    m.threshold.metric,
                    m.threshold.comparison.symbol(),
                    m.threshold.default,
                    m.id
                );
                if m.needs_label {
                    println!("  needs a label: --label, or one proposed from the column names (its findings are then at most a warning)");
                }
                if !m.params.is_empty() {
                    println!("\nFixed figures of the rule");
                    for p in m.params {
                        println!("  {} = {}: {}", p.name, p.value, p.meaning);
                    }
                }
                ExitCode::SUCCESS
            }
            None => fail(&format!("no check '{id}'; `datalint explain` lists them")),
        },
    }
}

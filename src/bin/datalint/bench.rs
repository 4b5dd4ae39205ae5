//! `datalint bench`: a deterministic generated CSV, checked in full and parsed bare with
//! csv-core, with throughput, their ratio and peak memory.

use datalint::{Options, Session};
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// A small deterministic generator (SplitMix64).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const CITIES: [&str; 8] = ["Lisbon", "Oslo", "Lagos", "Lima", "Pune", "Osaka", "Quito", "Perth"];
const WORDS: [&str; 12] =
    ["the", "model", "data", "quality", "review", "label", "sample", "drift", "token", "source", "shift", "bias"];

/// Writes `mb` MB of CSV: ids, ages, incomes (skewed), scores (floats), a category, a date, free
/// text, a boolean and a label; with planted problems (missing tokens, a few strings in a
/// numeric column, duplicate rows, outliers, whitespace).
pub fn generate(path: &Path, mb: u64) -> std::io::Result<u64> {
    let target = mb * 1_000_000;
    let mut w = BufWriter::with_capacity(1 << 20, File::create(path)?);
    let header = "id,age,income,score,city,signup,comment,active,label\n";
    w.write_all(header.as_bytes())?;
    let mut written = header.len() as u64;
    let mut rng = Rng(42);
    let mut i: u64 = 0;
    let mut last = String::new();
    while written < target {
        i += 1;
        let line = if i.is_multiple_of(5000) && !last.is_empty() {
            last.clone()
        } else {
            let age = if rng.below(200) == 0 { "NA".to_string() } else { (18 + rng.below(70)).to_string() };
            let income = if rng.below(1000) == 0 {
                "unknown".to_string()
            } else {
                format!("{:.2}", (rng.unit() * 3.0).exp() * 10_000.0 + if rng.below(10_000) == 0 { 5e6 } else { 0.0 })
            };
            let score = format!("{:.4}", rng.unit() * 100.0 - 20.0);
            let city = CITIES.get(rng.below(8) as usize).copied().unwrap_or("Lima");
            let city = if rng.below(100) == 0 { format!(" {city}") } else { city.to_string() };
            let signup = format!("20{:02}-{:02}-{:02}", 10 + rng.below(15), 1 + rng.below(12), 1 + rng.below(28));
            let n = 3 + rng.below(12) as usize;
            let comment: Vec<&str> =
                (0..n).map(|_| WORDS.get(rng.below(12) as usize).copied().unwrap_or("x")).collect();
            let active = if rng.below(2) == 0 { "true" } else { "false" };
            let label = if rng.below(4) == 0 { "yes" } else { "no" };
            format!("{i},{age},{income},{score},{city},{signup},\"{}, really\",{active},{label}\n", comment.join(" "))
        };
        w.write_all(line.as_bytes())?;
        written += line.len() as u64;
        last = line;
    }
    w.flush()?;
    Ok(written)
}

/// With `DATALINT_PEAK_RSS` set, prints the process's peak resident memory to stderr when it
/// ends (`peak-rss-kib N`): the memory tests read it to hold every input shape to the budget.
pub struct PeakOnExit;

impl Drop for PeakOnExit {
    fn drop(&mut self) {
        if std::env::var_os("DATALINT_PEAK_RSS").is_some() {
            if let Some(mib) = peak_rss_mib() {
                eprintln!("peak-rss-kib {}", (mib * 1024.0).round() as u64);
            }
        }
    }
}

fn peak_rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn for_each_chunk(path: &Path, mut f: impl FnMut(&[u8])) -> std::io::Result<u64> {
    let mut file = File::open(path)?;
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(total);
        }
        total += n as u64;
        f(buf.get(..n).unwrap_or(&[]));
    }
}

/// Bare csv-core: count records and fields, nothing else.
fn bare_parse(path: &Path) -> std::io::Result<(u64, u64)> {
    let mut rdr = csv_core::Reader::new();
    let mut out = vec![0u8; 1 << 16];
    let mut ends = vec![0usize; 1024];
    let mut records = 0u64;
    let mut bytes = 0;
    let mut step = |mut input: &[u8], records: &mut u64| loop {
        let (res, nin, _, _) = rdr.read_record(input, &mut out, &mut ends);
        input = input.get(nin..).unwrap_or(&[]);
        match res {
            csv_core::ReadRecordResult::Record => *records += 1,
            csv_core::ReadRecordResult::InputEmpty | csv_core::ReadRecordResult::End => break,
            _ => {}
        }
    };
    bytes += for_each_chunk(path, |c| step(c, &mut records))?;
    step(&[], &mut records);
    Ok((bytes, records))
}

pub fn run(mb: u64, dir: &Path, generate_only: bool) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let path: PathBuf = dir.join(format!("bench-{mb}mb.csv"));
    if !path.exists() {
        eprintln!("generating {} ...", datalint::fmt::terminal(&path.display().to_string()));
        generate(&path, mb).map_err(|e| e.to_string())?;
    }
    if generate_only {
        println!("{}", path.display());
        return Ok(());
    }
    let rss_before = rss_mib().unwrap_or(0.0);
    // Warm the page cache so both runs read from memory.
    for_each_chunk(&path, |_| {}).map_err(|e| e.to_string())?;

    let t = Instant::now();
    let (bytes, records) = bare_parse(&path).map_err(|e| e.to_string())?;
    let bare_s = t.elapsed().as_secs_f64();
    let peak_after_bare = peak_rss_mib().unwrap_or(0.0);

    // The full check, and the same check without the text family for its share of the time:
    // each run three times in the order A B B A A B (so neither gains from running second on
    // a warm heap), best of each, after one uncounted run that warms the heap and the caches.
    let check = |text: bool| -> Result<(f64, datalint::Report), String> {
        let t = Instant::now();
        let mut s = Session::new(Options { name: Some("bench.csv".into()), text, ..Options::default() })?;
        for_each_chunk(&path, |c| s.feed(c)).map_err(|e| e.to_string())?;
        let report = s.finish();
        Ok((t.elapsed().as_secs_f64(), report))
    };
    let (mut full_s, mut no_text_s) = (f64::INFINITY, f64::INFINITY);
    let mut report = None;
    check(false)?;
    for text in [true, false, false, true, true, false] {
        let (secs, r) = check(text)?;
        if text {
            full_s = full_s.min(secs);
            report = Some(r);
        } else {
            no_text_s = no_text_s.min(secs);
        }
    }
    let report = report.ok_or("no run")?;
    let peak = peak_rss_mib().unwrap_or(0.0);

    // The same full check on every core (`check --jobs`, byte ranges on threads merged into the
    // one-pass report): best of 3, its own peak memory (the kernel's high-water mark is reset
    // first, where it can be).
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let peak_reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let mut all_s = f64::INFINITY;
    let mut ranges = 1;
    for _ in 0..3 {
        let f = File::open(&path).map_err(|e| e.to_string())?;
        let len = f.metadata().map_err(|e| e.to_string())?.len();
        let src = crate::FileAt { file: f, len };
        let opts = Options { name: Some("bench.csv".into()), ..Options::default() };
        let plan = datalint::parts::Plan { jobs, ..Default::default() };
        let t = Instant::now();
        let (r, reading) = datalint::parts::read(&src, &opts, plan, &mut |_| {})?;
        all_s = all_s.min(t.elapsed().as_secs_f64());
        ranges = reading.ranges;
        if r.rows != report.rows {
            return Err(format!("all cores read {} rows, one thread {}", r.rows, report.rows));
        }
    }
    let all_peak = peak_rss_mib().unwrap_or(0.0);
    let text_fields: Vec<&str> = report.text.fields.iter().map(|f| f.column.as_str()).collect();

    let mbs = |secs: f64| bytes as f64 / 1e6 / secs.max(1e-9);
    println!(
        "file              {} ({:.1} MB, {} records)",
        path.display(),
        bytes as f64 / 1e6,
        records.saturating_sub(1)
    );
    println!("bare csv-core     {:>8.1} MB/s  ({bare_s:.2} s)", mbs(bare_s));
    println!("full check        {:>8.1} MB/s  ({full_s:.2} s, best of 3)", mbs(full_s));
    println!("ratio             {:>8.1} %  (full check / bare parse)", 100.0 * bare_s / full_s);
    println!(
        "all cores         {:>8.1} MB/s  ({all_s:.2} s, best of 3; {jobs} threads, {ranges} ranges; {:.1} % of bare csv-core, {:.2}x one thread; peak RSS {all_peak:.1} MiB{})",
        mbs(all_s),
        100.0 * bare_s / all_s,
        full_s / all_s,
        if peak_reset { "" } else { ", process-wide" }
    );
    println!(
        "without text      {:>8.1} MB/s  ({no_text_s:.2} s, best of 3, interleaved after a warm-up); the text family ({}) takes {:.1} % of the full check, +{:.1} % over the check without it",
        mbs(no_text_s),
        if text_fields.is_empty() { "no text field".to_string() } else { format!("fields: {}", text_fields.join(", ")) },
        100.0 * (full_s - no_text_s).max(0.0) / full_s,
        100.0 * (full_s - no_text_s) / no_text_s.max(1e-9)
    );
    println!("peak RSS          {peak:>8.1} MiB  (process; {rss_before:.1} MiB before, {peak_after_bare:.1} MiB after the bare parse)");
    println!(
        "report            {} rows, {} findings, {} approximate figures",
        report.rows,
        report.findings.len(),
        report.approximate.len()
    );
    Ok(())
}

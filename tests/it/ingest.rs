//! Ingest, case by case. Every input is run whole, in 1-byte chunks (with empty feeds in between)
//! and in seeded random chunkings, and all runs must give the same report JSON; then each case
//! checks what it is about.

use datalint::finding::Finding;
use datalint::report::{ColumnReport, ErrorReport, Report};
use datalint::{Options, Session};
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;

// ---------------------------------------------------------------------------------------------
// Harness

use super::rng::Rng;

fn run_whole(bytes: &[u8], opts: &Options) -> Report {
    let mut s = Session::new(opts.clone()).unwrap();
    s.feed(bytes);
    s.finish()
}

/// Feeds `bytes` in chunks whose sizes `next` chooses; `empty` interleaves empty feeds.
fn run_chunked(bytes: &[u8], opts: &Options, empty: bool, mut next: impl FnMut() -> usize) -> Report {
    let mut s = Session::new(opts.clone()).unwrap();
    let mut rest = bytes;
    while !rest.is_empty() {
        let n = next().clamp(1, rest.len());
        let (a, b) = rest.split_at(n);
        if empty {
            s.feed(&[]);
        }
        s.feed(a);
        rest = b;
    }
    s.finish()
}

/// The first differing line of two JSON texts, with a little context, for failure messages.
fn first_diff(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    for i in 0..w.len().max(g.len()) {
        if w.get(i) != g.get(i) {
            let from = i.saturating_sub(3);
            return format!(
                "first difference at JSON line {}:\n  whole:   {:?}\n  chunked: {:?}\n  context (whole): {:?}",
                i + 1,
                w.get(i),
                g.get(i),
                w.get(from..=i.min(w.len().saturating_sub(1)))
            );
        }
    }
    "no line differs".into()
}

/// Runs the input in every mode, asserts the report JSON is identical, returns the report.
fn check_with(bytes: &[u8], opts: &Options) -> Report {
    let whole = run_whole(bytes, opts);
    let want = whole.to_json();
    let mut modes: Vec<(String, Report)> = vec![("1-byte chunks".into(), run_chunked(bytes, opts, true, || 1))];
    for (seed, max) in [(1u64, 3u64), (2, 97), (3, 9000), (4, 70_000)] {
        let mut rng = Rng(seed);
        modes.push((
            format!("random chunks (seed {seed}, max {max})"),
            run_chunked(bytes, opts, false, || 1 + rng.below(max) as usize),
        ));
    }
    for (mode, r) in modes {
        let got = r.to_json();
        assert!(got == want, "{mode} differs from the whole-buffer run: {}", first_diff(&want, &got));
    }
    whole
}

fn check(bytes: &[u8]) -> Report {
    check_with(bytes, &Options::default())
}

fn col<'a>(r: &'a Report, name: &str) -> &'a ColumnReport {
    r.columns.iter().find(|c| c.name == name).unwrap_or_else(|| {
        panic!("no column {name:?}; columns are {:?}", r.columns.iter().map(|c| &c.name).collect::<Vec<_>>())
    })
}

fn names(r: &Report) -> Vec<&str> {
    r.columns.iter().map(|c| c.name.as_str()).collect()
}

fn errors<'a>(r: &'a Report, kind: &str) -> Vec<&'a ErrorReport> {
    r.errors.iter().filter(|e| e.kind == kind).collect()
}

fn error_lines(r: &Report, kind: &str) -> Vec<u64> {
    errors(r, kind).iter().map(|e| e.line).collect()
}

fn finding<'a>(r: &'a Report, id: &str, column: Option<&str>) -> Option<&'a Finding> {
    r.findings.iter().find(|f| f.id == id && column.is_none_or(|c| f.columns.iter().any(|x| x == c)))
}

fn evidence_lines(f: &Finding) -> Vec<u64> {
    f.evidence.iter().map(|e| e.line).collect()
}

/// Lines of the missing-values evidence for one column.
fn missing_lines(r: &Report, column: &str) -> Vec<u64> {
    let f =
        finding(r, "missing-values", Some(column)).unwrap_or_else(|| panic!("no missing-values finding for {column}"));
    evidence_lines(f)
}

fn count_of(c: &ColumnReport, value: &str) -> u64 {
    c.top.iter().find(|(v, _)| v == value).map_or(0, |(_, n)| *n)
}

fn offset_of(text: &[u8], needle: &[u8]) -> u64 {
    text.windows(needle.len()).position(|w| w == needle).unwrap() as u64
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// CSV: delimiters

#[test]
fn csv_sniffs_each_delimiter() {
    for d in [',', ';', '\t', '|'] {
        let text = format!("name{d}age{d}city\nann{d}31{d}Paris\nbob{d}42{d}Rome\ncy{d}7{d}Oslo\n");
        let r = check(text.as_bytes());
        assert_eq!(r.source.format, Some("csv"));
        assert_eq!(r.source.delimiter, Some(d.to_string()), "delimiter {d:?}");
        assert_eq!(r.source.header, Some(true));
        assert_eq!(names(&r), ["name", "age", "city"], "delimiter {d:?}");
        assert_eq!(r.rows, 3);
        let age = col(&r, "age");
        assert_eq!(age.ty, "integer");
        assert_eq!((age.min, age.max), (Some(7.0), Some(42.0)));
        assert_eq!(count_of(col(&r, "city"), "Paris"), 1);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
    }
}

#[test]
fn csv_sniffing_ignores_delimiters_inside_quotes_and_decimal_commas() {
    let r = check(b"name;price;note\n\"Smith, J\";1,5;\"a;b\"\nDoe;2,25;plain\n");
    assert_eq!(r.source.delimiter.as_deref(), Some(";"));
    assert_eq!(names(&r), ["name", "price", "note"]);
    assert_eq!(count_of(col(&r, "name"), "Smith, J"), 1);
    assert_eq!(count_of(col(&r, "note"), "a;b"), 1);
    assert_eq!(count_of(col(&r, "price"), "2,25"), 1);

    // One comma in each data value, but the pipe is on every line.
    let r = check(b"who|score\nx, y|1\nz, w|2\n");
    assert_eq!(r.source.delimiter.as_deref(), Some("|"));
    assert_eq!(names(&r), ["who", "score"]);
    assert_eq!(count_of(col(&r, "who"), "x, y"), 1);
}

#[test]
fn csv_forced_delimiter_and_tsv_name() {
    let opts = Options { delimiter: Some(';'), ..Options::default() };
    let r = check_with(b"a,b;c\n1,2;3\n", &opts);
    assert_eq!(names(&r), ["a,b", "c"]);

    let opts = Options { name: Some("data.tsv".into()), ..Options::default() };
    let r = check_with(b"a,b\tc\n1,2\t3\n", &opts);
    assert_eq!(r.source.delimiter.as_deref(), Some("\t"));
    assert_eq!(names(&r), ["a,b", "c"]);
}

// ---------------------------------------------------------------------------------------------
// CSV: RFC 4180 quoting and line numbers

#[test]
fn csv_rfc4180_quoting_and_record_lines() {
    let text = "id,text,n\n\
                1,\"a,b\",10\n\
                2,\"say \"\"hi\"\"\",20\n\
                3,\"multi\nline\nvalue\",\n\
                4,plain,NA\n\
                5,\"\"\"quoted\"\" start\",50\n\
                6,x,60,extra\n";
    // Lines: 1 header, 2-3 ids 1-2, 4-6 id 3 (three physical lines), 7 id 4, 8 id 5, 9 id 6.
    let r = check(text.as_bytes());
    assert_eq!(r.rows, 6);
    assert_eq!(names(&r), ["id", "text", "n"]);
    let t = col(&r, "text");
    for v in ["a,b", "say \"hi\"", "multi\nline\nvalue", "plain", "\"quoted\" start", "x"] {
        assert_eq!(count_of(t, v), 1, "value {v:?} in {:?}", t.top);
    }
    let n = col(&r, "n");
    assert_eq!(n.missing, 2);
    assert_eq!(n.missing_tokens.get(""), Some(&1));
    assert_eq!(n.missing_tokens.get("NA"), Some(&1));
    // The multi-line record is on line 4 (where it starts), the next one on line 7.
    assert_eq!(missing_lines(&r, "n"), [4, 7]);
    // The ragged row after the quoted newlines is on line 9, and its offset is where it starts.
    let ragged = errors(&r, "ragged-row");
    assert_eq!(ragged.len(), 1);
    assert_eq!(ragged[0].line, 9);
    assert_eq!(ragged[0].offset, offset_of(text.as_bytes(), b"6,x,60"));
    // The ragged row's fields are still profiled.
    assert_eq!(n.max, Some(60.0));
    assert_eq!(col(&r, "id").max, Some(6.0));
}

#[test]
fn csv_quoted_field_spanning_chunk_and_sniff_window() {
    // A quoted field with newlines that straddles the 64 KiB sniff window.
    let mut text = String::from("id,body,n\n");
    let mut line = 2u64;
    let mut i = 0;
    while text.len() < 65_000 {
        text.push_str(&format!("{i},plain {i},{}\n", i % 7));
        i += 1;
        line += 1;
    }
    let start_line = line;
    text.push_str(&format!("{i},\"{}\n,\"\"x\"\"\n{}\",\n", "y".repeat(2000), "z".repeat(2000)));
    i += 1;
    line += 3;
    text.push_str(&format!("{i},after,NA\n"));
    // Report every missing value, however rare.
    let opts = Options { thresholds: [("missing-values".to_string(), 0.0)].into(), ..Options::default() };
    let r = check_with(text.as_bytes(), &opts);
    assert_eq!(r.rows, i + 1);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(missing_lines(&r, "n"), [start_line, line]);
}

#[test]
fn csv_crlf_lf_and_mixed_line_endings_agree() {
    let lf = "a,b\n1,x\n2,\n3,\"q\nr\"\n\n4,NA\n";
    let crlf = lf.replace('\n', "\r\n");
    let mut mixed = String::new();
    for (i, l) in lf.split_inclusive('\n').enumerate() {
        mixed.push_str(if i % 2 == 0 { l } else { l.strip_suffix('\n').unwrap() });
        if i % 2 == 1 {
            mixed.push_str("\r\n");
        }
    }
    let reports: Vec<Report> = [lf, crlf.as_str(), mixed.as_str()].iter().map(|t| check(t.as_bytes())).collect();
    for (r, which) in reports.iter().zip(["LF", "CRLF", "mixed"]) {
        assert_eq!(r.rows, 4, "{which}");
        assert_eq!(names(r), ["a", "b"], "{which}");
        assert!(r.errors.is_empty(), "{which}: {:?}", r.errors);
        assert_eq!(missing_lines(r, "b"), [3, 7], "{which}");
        assert_eq!(col(r, "a").max, Some(4.0), "{which}");
        assert!(
            col(r, "b").top.iter().all(|(v, _)| v == "x" || v.starts_with("q\n") || v.starts_with("q\r\n")),
            "{which}: {:?}",
            col(r, "b").top
        );
    }
    // Apart from the quoted line break (kept as written), the columns are the same.
    let a = |r: &Report| serde_json::to_value(col(r, "a")).unwrap();
    assert_eq!(a(&reports[0]), a(&reports[1]));
    assert_eq!(a(&reports[0]), a(&reports[2]));
    assert_eq!(
        serde_json::to_value(&reports[0].findings).unwrap(),
        serde_json::to_value(&reports[2].findings).unwrap()
    );
}

// ---------------------------------------------------------------------------------------------
// CSV: header

#[test]
fn csv_header_detected_or_not() {
    let r = check(b"x,y\n1,2\n3,4\n");
    assert_eq!(r.source.header, Some(true));
    assert_eq!(names(&r), ["x", "y"]);
    assert_eq!(r.rows, 2);

    let r = check(b"1,2,3\n4,5,6\n");
    assert_eq!(r.source.header, Some(false));
    assert_eq!(names(&r), ["column_1", "column_2", "column_3"]);
    assert_eq!(r.rows, 2);
    assert_eq!(col(&r, "column_1").min, Some(1.0));

    // All strings, and a first-row value recurs below it: data, not a header.
    let r = check(b"bob,paris\nbob,rome\n");
    assert_eq!(r.source.header, Some(false));
    assert_eq!(names(&r), ["column_1", "column_2"]);
    assert_eq!(count_of(col(&r, "column_1"), "bob"), 2);

    // Forced either way.
    let r = check_with(b"x,y\n1,2\n", &Options { header: Some(false), ..Options::default() });
    assert_eq!(r.source.header, Some(false));
    assert_eq!(names(&r), ["column_1", "column_2"]);
    assert_eq!(r.rows, 2);
    let r = check_with(b"1,2\n3,4\n", &Options { header: Some(true), ..Options::default() });
    assert_eq!(names(&r), ["1", "2"]);
    assert_eq!(r.rows, 1);
}

#[test]
fn csv_utf8_bom_is_stripped() {
    let text = b"\xEF\xBB\xBFname,age\nann,3\nbob,4\n";
    let r = check(text);
    assert_eq!(r.source.encoding, "utf-8 (bom)");
    assert_eq!(names(&r), ["name", "age"]);
    assert_eq!(r.source.header, Some(true));
    assert_eq!(r.source.decoded_bytes, text.len() as u64 - 3);
    assert_eq!(col(&r, "age").max, Some(4.0));
}

#[test]
fn csv_utf16_le_and_be_with_bom() {
    let text = "name,city\nZoë,Kraków\n😀 smile,東京\nx,y,z\nÅse,\"São\nPaulo\"\n";
    for le in [true, false] {
        let r = check(&utf16(text, le));
        assert_eq!(r.source.encoding, if le { "utf-16le" } else { "utf-16be" });
        assert_eq!(r.source.header, Some(true));
        assert_eq!(names(&r), ["name", "city"]);
        assert_eq!(r.rows, 4);
        for v in ["Zoë", "😀 smile", "x", "Åse"] {
            assert_eq!(count_of(col(&r, "name"), v), 1, "{v} in {:?}", col(&r, "name").top);
        }
        for v in ["Kraków", "東京", "y", "São\nPaulo"] {
            assert_eq!(count_of(col(&r, "city"), v), 1, "{v} in {:?}", col(&r, "city").top);
        }
        assert_eq!(r.source.decoded_bytes, text.len() as u64);
        // Positions are in the decoded (UTF-8) stream.
        let e = errors(&r, "ragged-row");
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].line, e[0].offset), (4, offset_of(text.as_bytes(), b"x,y,z")));
        assert!(errors(&r, "invalid-utf16").is_empty());
    }
}

#[test]
fn utf16_unpaired_surrogate_and_odd_length_are_reported() {
    let mut bytes = utf16("a,b\n1,x\n2,", true);
    bytes.extend_from_slice(&0xD800u16.to_le_bytes()); // a lone high surrogate
    bytes.extend_from_slice(&utf16("y\n3,z\n", true)[2..]);
    let r = check(&bytes);
    let e = errors(&r, "invalid-utf16");
    assert_eq!(e.len(), 1, "{:?}", r.errors);
    assert_eq!(e[0].line, 3);
    assert_eq!(r.rows, 3);
    assert_eq!(count_of(col(&r, "b"), "\u{fffd}y"), 1);

    let mut bytes = utf16("a,b\n1,x\n", false);
    bytes.push(0x00);
    let r = check(&bytes);
    assert_eq!(error_lines(&r, "invalid-utf16"), [3]);
    assert_eq!(r.rows, 1);
}

#[test]
fn utf16_bom_only_is_an_empty_file() {
    for bom in [&[0xFF, 0xFE][..], &[0xFE, 0xFF][..]] {
        let r = check(bom);
        assert!(r.source.encoding.starts_with("utf-16"), "{}", r.source.encoding);
        assert_eq!(r.rows, 0);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
    }
}

// ---------------------------------------------------------------------------------------------
// CSV: invalid UTF-8, ragged rows, unclosed quotes

#[test]
fn csv_invalid_utf8_is_reported_and_reading_goes_on() {
    // UTF-8 multi-byte characters (ö, é) outweigh the invalid bytes: the file is read as UTF-8
    // with errors, not as windows-1252.
    let text = b"name,val\n\xc3\xb6k\xc3\xb6,1\nbad\xff,2\n\xc3\xb6k2,3\nfine,\xc3\n";
    let r = check(text);
    assert_eq!(r.rows, 4);
    let e = errors(&r, "invalid-utf8");
    assert_eq!(e.len(), 2, "{:?}", r.errors);
    // The error's offset is within its record: at or after where the record starts, at or before
    // the bad byte.
    let rec = offset_of(text, b"bad\xff");
    assert_eq!(e[0].line, 3);
    assert!((rec..=rec + 3).contains(&e[0].offset), "offset {} not in {rec}..={}", e[0].offset, rec + 3);
    assert!(e[0].message.contains("field 1"), "{}", e[0].message);
    let rec = offset_of(text, b"fine,");
    assert_eq!(e[1].line, 5);
    assert!((rec..=rec + 5).contains(&e[1].offset), "offset {} not in {rec}..={}", e[1].offset, rec + 5);
    assert!(e[1].message.contains("field 2"), "{}", e[1].message);
    assert_eq!(count_of(col(&r, "name"), "bad\u{fffd}"), 1);
    assert_eq!(col(&r, "val").max, Some(3.0));
    let f = finding(&r, "invalid-encoding", None).unwrap();
    assert_eq!(evidence_lines(f), [3, 5]);
    assert_eq!(f.evidence_total, 2);
}

#[test]
fn csv_ragged_rows_name_their_lines_and_later_rows_count() {
    let text = "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n";
    let r = check(text.as_bytes());
    assert_eq!(r.rows, 4);
    let e = errors(&r, "ragged-row");
    assert_eq!(e.iter().map(|e| e.line).collect::<Vec<_>>(), [3, 4]);
    assert_eq!(e[0].offset, offset_of(text.as_bytes(), b"4,5"));
    assert!(e[0].message.contains("2 fields where the header has 3"), "{}", e[0].message);
    assert!(e[1].message.contains("4 fields where the header has 3"), "{}", e[1].message);
    // The short row's missing cell counts as missing; later rows are profiled.
    assert_eq!(col(&r, "c").present, 4);
    assert_eq!(col(&r, "c").missing, 1);
    assert_eq!(col(&r, "a").max, Some(10.0));
    assert_eq!(col(&r, "c").max, Some(12.0));
    let f = finding(&r, "ragged-rows", None).unwrap();
    assert_eq!(evidence_lines(f), [3, 4]);
    assert_eq!(f.evidence_total, 2);
}

#[test]
fn csv_unclosed_quote_names_the_line_where_the_record_starts() {
    for tail in ["\n", ""] {
        let text = format!("a,b\n1,2\n3,\"open\n4,5\n6,7{tail}");
        let r = check(text.as_bytes());
        let e = errors(&r, "unclosed-quote");
        assert_eq!(e.len(), 1, "{:?}", r.errors);
        assert_eq!(e[0].line, 3);
        assert_eq!(e[0].offset, offset_of(text.as_bytes(), b"3,\"open"));
        assert!(e[0].message.contains("line 3"), "{}", e[0].message);
        // Everything from the quote on is one record.
        assert_eq!(r.rows, 2);
        // (Values are counted trimmed.)
        assert_eq!(count_of(col(&r, "b"), "open\n4,5\n6,7"), 1, "{:?}", col(&r, "b").top);
        assert!(finding(&r, "ragged-rows", None).is_some());
    }
}

#[test]
fn csv_stray_quote_in_unquoted_last_field_is_not_an_unclosed_quote() {
    // csv-core reads `4"5` as a plain field; nothing is left open.
    let r = check(b"a,b\n1,2\n3,4\"5");
    assert_eq!(r.rows, 2);
    assert_eq!(count_of(col(&r, "b"), "4\"5"), 1);
    assert!(errors(&r, "unclosed-quote").is_empty(), "{:?}", r.errors);
}

#[test]
fn csv_unclosed_quote_after_stray_quote_is_reported() {
    let r = check(b"a,b\nx\"y,\"open\n1,2\n");
    assert_eq!(error_lines(&r, "unclosed-quote"), [2], "{:?}", r.errors);
}

// ---------------------------------------------------------------------------------------------
// CSV: blank lines, no trailing newline, empty and header-only input

#[test]
fn csv_blank_lines_are_skipped_and_lines_stay_right() {
    let r = check(b"a,b\n\n1,\n\n\n3,NA\n\n5,x\n\n");
    assert_eq!(r.rows, 3);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(missing_lines(&r, "b"), [3, 6]);

    let r = check(b"\r\n\na,b\r\n\r\n1,\r\n2,y\r\n");
    assert_eq!(names(&r), ["a", "b"]);
    assert_eq!(r.rows, 2);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(missing_lines(&r, "b"), [5]);
}

#[test]
fn csv_without_trailing_newline() {
    for text in [&b"a,b\n1,2\n3,4"[..], b"a,b\r\n1,2\r\n3,4"] {
        let r = check(text);
        assert_eq!(r.rows, 2);
        assert_eq!(col(&r, "b").max, Some(4.0));
        assert!(r.errors.is_empty(), "{:?}", r.errors);
    }
    // A missing value on the unterminated last line is on the right line.
    let r = check(b"a,b\n1,2\n3,");
    assert_eq!(missing_lines(&r, "b"), [3]);
    assert_eq!(r.rows, 2);
}

#[test]
fn empty_input() {
    let r = check(b"");
    assert_eq!(r.rows, 0);
    assert!(r.columns.is_empty());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.errors_total, 0);
    assert_eq!(r.source.bytes, 0);
    // Only whitespace and newlines: nothing either.
    let r = check(b"\n\r\n\n");
    assert_eq!(r.rows, 0);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
}

#[test]
fn csv_header_only() {
    for text in [&b"a,b,c\n"[..], b"a,b,c\r\n\r\n"] {
        let r = check(text);
        assert_eq!(r.source.header, Some(true));
        assert_eq!(names(&r), ["a", "b", "c"]);
        assert_eq!(r.rows, 0);
        assert!(r.columns.iter().all(|c| c.present == 0 && c.missing == 0));
        assert!(r.errors.is_empty(), "{:?}", r.errors);
    }
}

#[test]
fn csv_header_only_without_trailing_newline() {
    let r = check(b"a,b,c");
    assert_eq!(r.source.header, Some(true));
    assert_eq!(names(&r), ["a", "b", "c"]);
    assert_eq!(r.rows, 0);
}

#[test]
fn csv_crlf_offsets_count_every_byte() {
    let text = b"a,b\r\n1,2\r\n\r\n3\r\n4,5\r\n";
    let r = check(text);
    assert_eq!(r.rows, 3);
    let e = errors(&r, "ragged-row");
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].line, e[0].offset), (4, offset_of(text, b"3\r\n")));
}

#[test]

fn csv_bare_cr_line_endings_count_lines() {
    let r = check(b"a,b\r1,\r3,4\r5,NA\r");
    assert_eq!(r.rows, 3);
    assert_eq!(missing_lines(&r, "b"), [2, 4]);
}

#[test]
fn records_over_the_size_limit_are_skipped_and_reported() {
    let opts = Options { max_record_bytes: 1024, ..Options::default() };
    let big = "x".repeat(3000);

    let text = format!("a,b\n1,2\n3,{big}\n4,NA\n5,\"{big}\n{big}\"\n6,\n7,8\n");
    let r = check_with(text.as_bytes(), &opts);
    let e = errors(&r, "too-large");
    assert_eq!(e.iter().map(|e| e.line).collect::<Vec<_>>(), [3, 5], "{:?}", r.errors);
    assert_eq!(e[0].offset, offset_of(text.as_bytes(), b"3,xxx"));
    assert_eq!(e[1].offset, offset_of(text.as_bytes(), b"5,\"xxx"));
    assert_eq!(r.rows, 4);
    assert_eq!(missing_lines(&r, "b"), [4, 7]);
    assert_eq!(col(&r, "a").max, Some(7.0));
    assert_eq!(evidence_lines(finding(&r, "unreadable-data", None).unwrap()), [3, 5]);

    let text = format!("{{\"a\":1}}\n{{\"a\":\"{big}\"}}\n{{\"a\":null}}\n{{\"a\":2}}\n");
    let r = check_with(text.as_bytes(), &opts);
    assert_eq!(error_lines(&r, "too-large"), [2]);
    assert_eq!(r.rows, 3);
    assert_eq!(missing_lines(&r, "a"), [3]);

    let text = format!("[{{\"a\":1}},\n{{\"a\":\"{big}\"}},\n{{\"a\":null}},{{\"a\":2}}]");
    let r = check_with(text.as_bytes(), &opts);
    assert_eq!(error_lines(&r, "too-large"), [2]);
    assert_eq!(r.rows, 3);
    assert_eq!(missing_lines(&r, "a"), [3]);
}

#[test]
fn csv_columns_beyond_the_limit_are_reported_once() {
    let opts = Options { max_columns: 2, ..Options::default() };
    let r = check_with(b"a,b,c,d\n1,2,3,4\n5,6,7,8\n", &opts);
    assert_eq!(names(&r), ["a", "b"]);
    assert_eq!(r.rows, 2);
    assert_eq!(errors(&r, "too-many-columns").len(), 1);
    assert!(errors(&r, "ragged-row").is_empty());
}

#[test]

fn jsonl_keys_beyond_the_limit_are_reported() {
    let opts = Options { max_columns: 2, ..Options::default() };
    let r = check_with(b"{\"a\":1,\"b\":2,\"c\":3}\n{\"a\":1,\"b\":2,\"d\":4}\n", &opts);
    assert_eq!(names(&r), ["a", "b"]);
    // One error per dropped key ('c' and 'd'), each naming it.
    let dropped = errors(&r, "too-many-columns");
    assert_eq!(dropped.len(), 2, "{:?}", r.errors);
    assert!(dropped[0].message.contains("'c'") && dropped[1].message.contains("'d'"));
    assert!(finding(&r, "unreadable-data", None).is_some());
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

#[test]
fn jsonl_flattens_skips_and_reports() {
    let text = concat!(
        "{\"user\":{\"age\":30,\"name\":\"ann\"},\"tags\":[\"a\",\"b\"],\"ok\":true}\n",
        "\n",
        "{\"user\":{\"age\":41,\"name\":\"bob\"},\"tags\":[],\"ok\":false,\"extra\":1}\n",
        "not json\n",
        "[1,2]\n",
        "{\"user\":{\"age\":null,\"name\":\"cy\"},\"tags\":[\"x\"],\"ok\":true}\r\n",
        "   \n",
        "\"str\"\n",
        "{\"user\":{\"age\":25,\"name\":\"di\"},\"tags\":[\"p\",\"q\",[\"r\"]],\"ok\":true}",
    );
    let r = check(text.as_bytes());
    assert_eq!(r.source.format, Some("jsonl"));
    assert_eq!(r.rows, 4);
    assert_eq!(names(&r), ["user.age", "user.name", "tags", "ok", "extra"]);
    let age = col(&r, "user.age");
    assert_eq!((age.present, age.missing), (4, 1));
    assert_eq!(age.missing_tokens.get("null"), Some(&1));
    assert_eq!(age.ty, "integer");
    assert_eq!((age.min, age.max), (Some(25.0), Some(41.0)));
    assert_eq!(missing_lines(&r, "user.age"), [6]);
    let tags = col(&r, "tags");
    assert!(tags.array_lengths);
    assert_eq!((tags.min, tags.max, tags.mean), (Some(0.0), Some(3.0), Some(1.5)));
    assert_eq!(col(&r, "ok").ty, "boolean");
    assert_eq!(col(&r, "extra").present, 1);
    // Invalid and non-object lines, with their lines and offsets.
    assert_eq!(error_lines(&r, "invalid-json"), [4]);
    assert_eq!(errors(&r, "invalid-json")[0].offset, offset_of(text.as_bytes(), b"not json"));
    assert_eq!(error_lines(&r, "not-an-object"), [5, 8]);
    assert_eq!(errors(&r, "not-an-object")[1].offset, offset_of(text.as_bytes(), b"\"str\""));
    let f = finding(&r, "invalid-json-line", None).unwrap();
    assert_eq!(evidence_lines(f), [4, 5, 8]);
    // A key in only some rows: schema drift, pointing at the first record without it.
    let f = finding(&r, "schema-drift", None).unwrap();
    assert_eq!(f.columns, ["extra"]);
    assert_eq!(evidence_lines(f), [1]);
    assert!((f.metric - 0.25).abs() < 1e-12);
}

#[test]
fn jsonl_keys_in_all_rows_do_not_drift() {
    let r = check(b"{\"a\":1,\"b\":\"x\"}\n{\"b\":\"y\",\"a\":2}\n");
    assert_eq!(r.rows, 2);
    assert!(finding(&r, "schema-drift", None).is_none());
}

#[test]
fn jsonl_invalid_utf8_offset_is_the_bad_byte() {
    let text = b"{\"a\":\"\xc3\xb6k\"}\n{\"a\":\"b\xffd\"}\n{\"a\":\"z\"}\n";
    let r = check(text);
    assert_eq!(r.rows, 3);
    let e = errors(&r, "invalid-utf8");
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].line, e[0].offset), (2, offset_of(text, b"\xff")));
    assert_eq!(count_of(col(&r, "a"), "b\u{fffd}d"), 1);
}

#[test]
fn jsonl_invalid_utf8_offset_with_leading_whitespace() {
    let text = b"{\"a\":\"\xc3\xb6k\"}\n    {\"a\":\"b\xffd\"}\n";
    let r = check(text);
    let e = errors(&r, "invalid-utf8");
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].line, e[0].offset), (2, offset_of(text, b"\xff")));
}

// ---------------------------------------------------------------------------------------------
// JSON: one top-level array

const ARRAY: &str = r#"[
  {
    "id": 1,
    "text": "brackets ] [ and braces } { inside",
    "q": "she said \"hi\" \\ ok"
  },
  {"id": 2, "text": "x", "q": null},
  42,
  {
    "id": 3, "text": "}", "q": "\"]"
  },
  {
    "id": 4,
    "text": oops
  },
  {"id": 5, "text": "[{\"nested\": 1}]", "q": "\\"}
]
"#;

#[test]
fn json_array_of_objects_pretty_printed() {
    let r = check(ARRAY.as_bytes());
    assert_eq!(r.source.format, Some("json"));
    assert_eq!(r.rows, 4);
    assert_eq!(names(&r), ["id", "text", "q"]);
    let text = col(&r, "text");
    for v in ["brackets ] [ and braces } { inside", "x", "}", "[{\"nested\": 1}]"] {
        assert_eq!(count_of(text, v), 1, "{v:?} in {:?}", text.top);
    }
    let q = col(&r, "q");
    for v in ["she said \"hi\" \\ ok", "\"]", "\\"] {
        assert_eq!(count_of(q, v), 1, "{v:?} in {:?}", q.top);
    }
    // Element lines: the one with q = null starts on line 7.
    assert_eq!(missing_lines(&r, "q"), [7]);
    assert_eq!(col(&r, "id").max, Some(5.0));
    // 42 is not an object (line 8); the broken element's error points at the bad line (14).
    assert_eq!(error_lines(&r, "not-an-object"), [8]);
    assert_eq!(errors(&r, "not-an-object")[0].offset, offset_of(ARRAY.as_bytes(), b"42"));
    assert_eq!(error_lines(&r, "invalid-json"), [14]);
    assert_eq!(r.errors.len(), 2, "{:?}", r.errors);
}

#[test]
fn json_array_truncated_or_unclosed() {
    let text = "[{\"a\":1},\n{\"a\":2,\n\"b\":\"x";
    let r = check(text.as_bytes());
    assert_eq!(r.rows, 1);
    let e = errors(&r, "invalid-json");
    assert_eq!(e.len(), 1, "{:?}", r.errors);
    assert_eq!((e[0].line, e[0].offset), (2, offset_of(text.as_bytes(), b"{\"a\":2")));
    assert!(e[0].message.contains("line 2"), "{}", e[0].message);

    let r = check(b"[{\"a\":1},{\"a\":2}");
    assert_eq!(r.rows, 2);
    assert_eq!(errors(&r, "invalid-json").len(), 1, "{:?}", r.errors);
    assert!(errors(&r, "invalid-json")[0].message.contains("never closed"));

    let r = check(b"[{\"a\":1}]\n[{\"a\":2}]\n");
    assert_eq!(r.rows, 1);
    assert_eq!(error_lines(&r, "invalid-json"), [2]);

    let r = check(b"[]");
    assert_eq!(r.rows, 0);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
}

#[test]
fn json_name_with_jsonl_content_is_jsonl() {
    let opts = Options { name: Some("x.json".into()), ..Options::default() };
    let r = check_with(b"{\"a\":1}\n{\"a\":2}\n", &opts);
    assert_eq!(r.source.format, Some("jsonl"));
    assert_eq!(r.rows, 2);
}

// ---------------------------------------------------------------------------------------------
// gzip

/// A generated CSV of `n` rows, large enough to span several gzip slices.
fn generated_csv(n: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut s = String::from("id,score,city,note\n");
    for i in 0..n {
        let score =
            if rng.below(20) == 0 { "NA".to_string() } else { format!("{}", (rng.unit() * 1000.0).round() / 10.0) };
        let city = ["Paris", "Rome", "Oslo", "Lima", "Kyiv"][rng.below(5) as usize];
        let note =
            if rng.below(10) == 0 { "\"a, \"\"quoted\"\"\nnote\"".to_string() } else { format!("n{}", rng.below(50)) };
        s.push_str(&format!("{i},{score},{city},{note}\n"));
    }
    s
}

/// The report with the fields that depend on the raw bytes (size, compression) blanked.
fn content(r: &Report) -> serde_json::Value {
    let mut v = serde_json::to_value(r).unwrap();
    v["source"]["bytes"] = serde_json::Value::Null;
    v["source"]["compressed"] = serde_json::Value::Null;
    v
}

#[test]
fn gzip_is_detected_by_magic_bytes() {
    let plain = generated_csv(4000, 7);
    let gz = gzip(plain.as_bytes());
    assert!(gz.len() > 3 * 8192, "want several gzip slices, got {} bytes", gz.len());
    let p = check(plain.as_bytes());
    let g = check(&gz);
    assert!(g.source.compressed);
    assert!(!p.source.compressed);
    assert_eq!(g.source.bytes, gz.len() as u64);
    assert_eq!(g.source.decoded_bytes, plain.len() as u64);
    assert_eq!(g.rows, 4000);
    assert_eq!(content(&g), content(&p));
    // A name saying otherwise does not matter: detection is by content.
    let g2 = check_with(&gz, &Options { name: Some("data.csv".into()), ..Options::default() });
    assert!(g2.source.compressed);
    assert_eq!(g2.rows, 4000);
}

#[test]
fn gzip_multi_member_utf16_and_jsonl_inside() {
    let a = "x,y\n1,a\n2,b\n";
    let b = "3,c\n4,d\n";
    let mut gz = gzip(a.as_bytes());
    gz.extend(gzip(b.as_bytes()));
    let r = check(&gz);
    assert_eq!(r.rows, 4);
    assert_eq!(col(&r, "x").max, Some(4.0));
    assert!(r.errors.is_empty(), "{:?}", r.errors);

    let r = check(&gzip(b""));
    assert!(r.source.compressed);
    assert_eq!(r.rows, 0);
    assert!(r.errors.is_empty(), "{:?}", r.errors);

    let r = check(&gzip(&utf16("name,city\nZoë,Kraków\n", true)));
    assert!(r.source.compressed);
    assert_eq!(r.source.encoding, "utf-16le");
    assert_eq!(count_of(col(&r, "city"), "Kraków"), 1);

    let r = check(&gzip(b"\xEF\xBB\xBF{\"a\":{\"b\":1}}\n{\"a\":{\"b\":2}}\n"));
    assert_eq!(r.source.format, Some("jsonl"));
    assert_eq!(r.source.encoding, "utf-8 (bom)");
    assert_eq!(names(&r), ["a.b"]);
    assert_eq!(r.rows, 2);
}

/// Runs in every mode (same JSON); asserts one gzip error and the unreadable-data finding.
fn corrupt_gzip_reports(bytes: &[u8], what: &str) -> Report {
    let r = check(bytes);
    assert_eq!(errors(&r, "gzip").len(), 1, "{what}: {:?}", r.errors);
    assert!(finding(&r, "unreadable-data", None).is_some(), "{what}");
    assert!(r.source.compressed, "{what}");
    r
}

#[test]
fn gzip_truncated_or_corrupt_is_an_error_not_a_panic() {
    let plain = generated_csv(3000, 11);
    let gz = gzip(plain.as_bytes());
    // Cut short.
    let r = corrupt_gzip_reports(&gz[..gz.len() / 2], "half");
    assert!(r.rows > 0 && r.rows < 3000, "{}", r.rows);
    corrupt_gzip_reports(&gz[..gz.len() - 4], "no ISIZE");
    corrupt_gzip_reports(&gz[..5], "header cut");
    corrupt_gzip_reports(&[0x1f, 0x8b], "magic only");
    // Corrupt deflate data.
    let mut bad = gz.clone();
    for b in &mut bad[200..260] {
        *b = !*b;
    }
    corrupt_gzip_reports(&bad, "flipped bytes");
    // A valid header, then a reserved deflate block type: fails in the middle of a write.
    let mut bad = gz[..10].to_vec();
    bad.extend_from_slice(&[0x07; 64]);
    let r = corrupt_gzip_reports(&bad, "reserved block type");
    assert_eq!(r.rows, 0);
    // Bad CRC in the trailer: the data decodes, then the check fails.
    let mut bad = gz.clone();
    let n = bad.len();
    bad[n - 8] ^= 0xFF;
    let r = corrupt_gzip_reports(&bad, "bad crc");
    assert_eq!(r.rows, 3000);
    // Not deflate after the magic bytes.
    corrupt_gzip_reports(b"\x1f\x8bthis is not gzip at all\n", "bad method");

    // Every cut of a small stream: no panic, an error unless the stream is whole.
    let small = gzip(b"a,b\n1,2\n3,4\n5,6\n");
    for cut in 2..small.len() {
        corrupt_gzip_reports(&small[..cut], &format!("cut at {cut}"));
    }
    assert!(check(&small).errors.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Missing tokens

#[test]
fn missing_tokens_counted_per_token() {
    let text = "id,v\n1,NA\n2,null\n3,?\n4,\n5, N/A \n6,None\n7,x\n8,NaN\n9,NA\n10,na\n";
    let r = check(text.as_bytes());
    let v = col(&r, "v");
    assert_eq!(v.present, 10);
    assert_eq!(v.missing, 8);
    let want: Vec<(&str, u64)> = vec![("", 1), ("?", 1), ("N/A", 1), ("NA", 2), ("NaN", 1), ("None", 1), ("null", 1)];
    let got: Vec<(&str, u64)> = v.missing_tokens.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    assert_eq!(got, want);
    // Tokens are case-sensitive: "na" is a value.
    assert_eq!(count_of(v, "na"), 1);
    assert_eq!(count_of(v, "x"), 1);
    assert!((v.missing_share - 0.8).abs() < 1e-12);
    assert_eq!(v.whitespace, 1);
    let f = finding(&r, "missing-values", Some("v")).unwrap();
    assert_eq!(evidence_lines(f), [2, 3, 4, 5, 6, 7, 9, 10]);
    assert_eq!(f.evidence_total, 8);
    assert!(f.title.contains("'NA' (2)"), "{}", f.title);
}

#[test]
fn missing_tokens_are_configurable() {
    let text = "id,v\n1,NA\n2,-\n3,\n4,missing\n5,ok\n";
    let opts = Options { missing_tokens: vec!["-".into(), "missing".into()], ..Options::default() };
    let r = check_with(text.as_bytes(), &opts);
    let v = col(&r, "v");
    assert_eq!(v.missing, 3);
    let got: Vec<(&str, u64)> = v.missing_tokens.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    assert_eq!(got, [("", 1), ("-", 1), ("missing", 1)]);
    assert_eq!(count_of(v, "NA"), 1);

    // No tokens at all: only empty cells are missing.
    let r = check_with(text.as_bytes(), &Options { missing_tokens: Vec::new(), ..Options::default() });
    assert_eq!(col(&r, "v").missing, 1);

    // JSON null is always missing, reported as "null".
    let r = check_with(b"{\"v\":null}\n{\"v\":\"-\"}\n{\"v\":1}\n", &opts);
    let got: Vec<(&str, u64)> = col(&r, "v").missing_tokens.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    assert_eq!(got, [("-", 1), ("null", 1)]);
}

// ---------------------------------------------------------------------------------------------
// Exact statistics against a slow reference

fn close(what: &str, got: Option<f64>, want: f64, tol: f64) {
    let got = got.unwrap_or_else(|| panic!("{what}: missing"));
    let scale = want.abs().max(f64::MIN_POSITIVE);
    assert!((got - want).abs() <= tol * scale, "{what}: got {got}, want {want}");
}

/// numpy's default ('linear') quantile of sorted values.
fn numpy_linear(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

#[test]
fn exact_statistics_match_a_slow_reference() {
    let mut rng = Rng(42);
    let mut text = String::from("i,x,tag\n");
    let mut xs: Vec<f64> = Vec::new();
    for i in 0..6000 {
        let cell = match rng.below(40) {
            0 => "NA".to_string(),
            1 => String::new(),
            2 => format!("{}", rng.below(100) as i64 - 50),
            _ => {
                // Skewed, mixed magnitudes, some negative, written in shortest round-trip form.
                let u = rng.unit();
                let v = (u * 8.0).exp() * if rng.below(5) == 0 { -1.0 } else { 1.0 } + 1e3;
                format!("{v}")
            }
        };
        if let Ok(v) = cell.parse::<f64>() {
            xs.push(v);
        }
        text.push_str(&format!("{i},{cell},t{}\n", rng.below(3)));
    }
    let r = check(text.as_bytes());
    let x = col(&r, "x");
    assert_eq!(x.ty, "float");
    assert!(x.quantiles_exact && x.distinct_exact);

    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    let m2 = xs.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    let m3 = xs.iter().map(|v| (v - mean).powi(3)).sum::<f64>() / n;
    let skew = m3 / m2.powf(1.5) * (n * (n - 1.0)).sqrt() / (n - 2.0);
    let mut sorted = xs.clone();
    sorted.sort_by(f64::total_cmp);

    assert_eq!(x.present - x.missing, xs.len() as u64);
    close("mean", x.mean, mean, 1e-9);
    close("std", x.std, var.sqrt(), 1e-9);
    close("skewness", x.skewness, skew, 1e-7);
    assert_eq!(x.min, Some(sorted[0]));
    assert_eq!(x.max, Some(*sorted.last().unwrap()));
    let want: Vec<(&str, f64)> =
        [("p1", 0.01), ("p5", 0.05), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p95", 0.95), ("p99", 0.99)].to_vec();
    assert_eq!(x.quantiles.len(), want.len());
    for (k, q) in want {
        close(k, x.quantiles.get(k).copied(), numpy_linear(&sorted, q), 1e-9);
    }
    let mut distinct = sorted.clone();
    distinct.dedup();
    assert_eq!(x.distinct, distinct.len() as u64);
    assert_eq!(x.zeros, xs.iter().filter(|&&v| v == 0.0).count() as u64);
    assert_eq!(x.negatives, xs.iter().filter(|&&v| v < 0.0).count() as u64);
    let h = x.histogram.as_ref().unwrap();
    assert!(h.exact);
    assert_eq!(h.counts.iter().sum::<u64>(), xs.len() as u64);
    assert_eq!(h.edges.len(), h.counts.len() + 1);
    // Each bin holds exactly the values in [edge_i, edge_i+1) (the last bin is closed).
    for (i, &c) in h.counts.iter().enumerate() {
        let (lo, hi) = (h.edges[i], h.edges[i + 1]);
        let last = i + 1 == h.counts.len();
        let want = xs.iter().filter(|&&v| v >= lo && (v < hi || (last && v <= hi))).count() as u64;
        assert!(want.abs_diff(c) <= 1, "bin {i} [{lo}, {hi}): {c} vs {want}");
    }
}

// ---------------------------------------------------------------------------------------------
// Memory budget: sketches and their stated errors

#[test]
fn memory_budget_switches_to_sketches_within_stated_error() {
    const N: usize = 60_000;
    let mut rng = Rng(9);
    let mut text = String::from("id,x,cat\n");
    let mut xs = Vec::with_capacity(N);
    for i in 0..N {
        // Positive, spread over six orders of magnitude.
        let x = (rng.unit() * 14.0).exp() * 0.01 + 0.001;
        xs.push(format!("{x}").parse::<f64>().unwrap());
        text.push_str(&format!("user-{i:06}-{},{x},c{}\n", rng.below(1000), rng.below(4)));
    }
    let opts = Options { memory_budget: 1024 * 1024, ..Options::default() };
    let r = check_with(text.as_bytes(), &opts);
    assert_eq!(r.rows, N as u64);

    let id = col(&r, "id");
    assert!(!id.distinct_exact && !id.top_exact);
    let sigma = datalint::profile::frequency::HLL_ERROR;
    let err = (id.distinct as f64 - N as f64).abs() / N as f64;
    assert!(err <= 4.0 * sigma, "id distinct {} vs {N}: {:.3}% off", id.distinct, err * 100.0);

    let x = col(&r, "x");
    assert!(!x.quantiles_exact);
    assert!(!x.histogram.as_ref().unwrap().exact);
    let mut distinct = xs.clone();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    if !x.distinct_exact {
        let d = distinct.len() as f64;
        let err = (x.distinct as f64 - d).abs() / d;
        assert!(err <= 4.0 * sigma, "x distinct {} vs {d}: {:.3}% off", x.distinct, err * 100.0);
    }
    // Moments stay exact.
    let mut sorted = xs.clone();
    sorted.sort_by(f64::total_cmp);
    assert_eq!(x.min, Some(sorted[0]));
    assert_eq!(x.max, Some(sorted[N - 1]));
    close("mean", x.mean, xs.iter().sum::<f64>() / N as f64, 1e-9);
    // DDSketch: each quantile within alpha (relative) of the values at its rank.
    let alpha = datalint::profile::quantiles::SKETCH_ALPHA;
    for (k, q) in datalint::profile::quantiles::QUANTILES {
        let got = x.quantiles[k];
        let h = (N - 1) as f64 * q;
        let (lo, hi) = (sorted[h.floor() as usize], sorted[h.ceil() as usize]);
        assert!(
            got >= lo * (1.0 - alpha) * (1.0 - 1e-12) && got <= hi * (1.0 + alpha) * (1.0 + 1e-12),
            "{k}: {got} not within {alpha} of [{lo}, {hi}]"
        );
    }

    // The small categorical column is still exact.
    let cat = col(&r, "cat");
    assert!(cat.distinct_exact);
    assert_eq!(cat.distinct, 4);

    // The report says what is approximate.
    assert!(r.approximate.iter().any(|a| a.starts_with("columns.id.distinct")), "{:#?}", r.approximate);
    assert!(r.approximate.iter().any(|a| a.starts_with("columns.x.quantiles")), "{:#?}", r.approximate);
    assert!(!r.approximate.iter().any(|a| a.starts_with("columns.cat.")), "{:#?}", r.approximate);
    if !r.duplicates.exact {
        assert!(r.approximate.iter().any(|a| a.starts_with("duplicates.rows")), "{:#?}", r.approximate);
    }
    // With the default budget everything is exact.
    let r = run_whole(text.as_bytes(), &Options::default());
    assert!(r.approximate.is_empty(), "{:#?}", r.approximate);
    assert_eq!(col(&r, "id").distinct, N as u64);
}

// ---------------------------------------------------------------------------------------------
// Input read for what it is (hardening class 5): every case whole, in 1-byte, 7-byte and random
// chunks, all giving the same report.

/// `check_with`, plus a run in 7-byte chunks that must give the same report.
fn check_all(bytes: &[u8], opts: &Options) -> Report {
    let whole = check_with(bytes, opts);
    let seven = run_chunked(bytes, opts, false, || 7).to_json();
    let want = whole.to_json();
    assert!(seven == want, "7-byte chunks differ from the whole-buffer run: {}", first_diff(&want, &seven));
    whole
}

fn named(name: &str) -> Options {
    Options { name: Some(name.into()), ..Options::default() }
}

fn kinds(r: &Report) -> Vec<&str> {
    r.errors.iter().map(|e| e.kind).collect()
}

#[test]
fn json_file_holding_a_scalar_or_an_empty_object_is_an_error() {
    for (text, kind) in [
        ("null", "null"),
        ("  \"hello\"\n", "a string"),
        ("42", "a number"),
        ("\n\n-1.5e3", "a number"),
        ("true", "a boolean"),
        ("{}", "an empty object"),
        (" { }\n", "an empty object"),
    ] {
        let r = check_all(text.as_bytes(), &named("data.json"));
        assert_eq!(r.source.format, Some("json"), "{text:?}");
        assert!(r.columns.is_empty(), "{text:?}: {:?}", names(&r));
        assert_eq!(r.rows, 0, "{text:?}");
        let e = errors(&r, "invalid-json");
        assert_eq!(e.len(), 1, "{text:?}: {:?}", r.errors);
        assert!(e[0].message.contains(&format!("holds {kind},")), "{text:?}: {}", e[0].message);
        let first = text.bytes().position(|b| !b.is_ascii_whitespace()).unwrap() as u64;
        assert_eq!(e[0].offset, first, "{text:?}");
        assert_eq!(e[0].line, 1 + text[..first as usize].matches('\n').count() as u64, "{text:?}");
        assert!(finding(&r, "invalid-json-line", None).is_some(), "{text:?}");
    }
    // Near misses: a real array, JSON Lines named .json, and a CSV named .json stay as they were.
    let r = check_all(b"[{\"a\": 1}, {\"a\": 2}]", &named("data.json"));
    assert_eq!((r.source.format, r.rows), (Some("json"), 2));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let r = check_all(b"{\"a\": 1}\n{\"a\": 2}\n", &named("data.json"));
    assert_eq!((r.source.format, r.rows), (Some("jsonl"), 2));
    let r = check_all(b"null,x\n1,2\n", &named("data.json"));
    assert_eq!(r.source.format, Some("csv"));
    assert_eq!(names(&r), ["null", "x"]);
    // Without the name, a lone number is CSV content as before.
    let r = check_all(b"42\n", &Options::default());
    assert_eq!(r.source.format, Some("csv"));
}

#[test]
fn json_array_misplaced_commas_are_errors_with_positions() {
    let text = "[\n  {\"a\": 1},\n  {\"a\": 2},\n]\n";
    let r = check_all(text.as_bytes(), &Options::default());
    assert_eq!(r.rows, 2);
    let e = errors(&r, "invalid-json");
    assert_eq!(e.len(), 1, "{:?}", r.errors);
    assert!(e[0].message.contains("trailing comma"), "{}", e[0].message);
    assert_eq!((e[0].line, e[0].offset), (3, offset_of(text.as_bytes(), b"},\n]") + 1));

    let text = b"[{\"a\":1},,{\"a\":2}]";
    let r = check_all(text, &Options::default());
    assert_eq!(r.rows, 2);
    let e = errors(&r, "invalid-json");
    assert_eq!(e.len(), 1, "{:?}", r.errors);
    assert!(e[0].message.contains("doubled comma"), "{}", e[0].message);
    assert_eq!((e[0].line, e[0].offset), (1, offset_of(text, b",,") + 1));

    let r = check_all(b"[,{\"a\":1}]", &Options::default());
    assert_eq!(kinds(&r), ["invalid-json"]);
    assert!(r.errors[0].message.contains("right after '['"), "{}", r.errors[0].message);
    assert_eq!(r.errors[0].offset, 1);

    let r = check_all(b"[{\"a\":1} {\"a\":2}]", &Options::default());
    assert_eq!(r.rows, 2);
    assert_eq!(kinds(&r), ["invalid-json"]);
    assert!(r.errors[0].message.contains("missing comma"), "{}", r.errors[0].message);

    let r = check_all(b"[{\"a\":1}, 7,]", &Options::default());
    assert_eq!(kinds(&r), ["not-an-object", "invalid-json"]);
    assert!(finding(&r, "invalid-json-line", None).is_some());

    // Near misses: commas inside strings and nested arrays, and whitespace around them.
    let r = check_all(b"[ {\"a\": \",,]\", \"b\": [1, 2]} ,\n {\"a\": \"x,\", \"b\": []} ]", &Options::default());
    assert_eq!(r.rows, 2);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let r = check_all(b"[]", &Options::default());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
}

fn utf16_no_bom(text: &str, le: bool) -> Vec<u8> {
    utf16(text, le)[2..].to_vec()
}

#[test]
fn utf16_without_a_bom_is_detected_by_its_nul_pattern() {
    let text = "name,city\nZoë,Kraków\n😀 smile,東京\nAnn,Paris\n";
    for le in [true, false] {
        let r = check_all(&utf16_no_bom(text, le), &Options::default());
        assert_eq!(r.source.encoding, if le { "utf-16le (no bom)" } else { "utf-16be (no bom)" });
        assert_eq!(names(&r), ["name", "city"]);
        assert_eq!(r.rows, 3);
        assert_eq!(count_of(col(&r, "city"), "Kraków"), 1);
        assert_eq!(count_of(col(&r, "city"), "東京"), 1);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert_eq!(r.source.decoded_bytes, text.len() as u64);
        assert!(
            r.notes.iter().any(|n| n.contains("UTF-16") && n.contains("without a byte-order mark")),
            "{:?}",
            r.notes
        );
        // Gzipped, and as JSON Lines.
        let r = check_all(&gzip(&utf16_no_bom(text, le)), &Options::default());
        assert_eq!(r.rows, 3);
        let r = check_all(&utf16_no_bom("{\"a\":\"é\"}\n{\"a\":\"b\"}\n", le), &Options::default());
        assert_eq!((r.source.format, r.rows), (Some("jsonl"), 2));
    }
    // With a BOM, as before: no note.
    let r = check_all(&utf16(text, true), &Options::default());
    assert_eq!(r.source.encoding, "utf-16le");
    assert!(r.notes.iter().all(|n| !n.contains("UTF-16")), "{:?}", r.notes);
    // Near miss: plain ASCII UTF-8 is UTF-8.
    let r = check_all(text.as_bytes(), &Options::default());
    assert_eq!(r.source.encoding, "utf-8");
    assert!(r.notes.iter().all(|n| !n.contains("Read as")), "{:?}", r.notes);
}

/// `text` in windows-1252 (the characters used here all exist in it).
fn cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '€' => 0x80,
            '’' => 0x92,
            c if (c as u32) < 0x100 => c as u32 as u8,
            c => panic!("{c} is not in this test's windows-1252 table"),
        })
        .collect()
}

#[test]
fn windows_1252_is_detected_decoded_and_named() {
    let text = "name,city,price\nJosé,Montréal,5€\nJürgen,Zürich,7€\nAnn’s,Besançon,3€\nÅse,Malmö,1€\n";
    let bytes = cp1252(text);
    let r = check_all(&bytes, &Options::default());
    assert_eq!(r.source.encoding, "windows-1252");
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(finding(&r, "invalid-encoding", None).is_none());
    assert_eq!(r.rows, 4);
    for v in ["José", "Jürgen", "Ann’s", "Åse"] {
        assert_eq!(count_of(col(&r, "name"), v), 1, "{v} in {:?}", col(&r, "name").top);
    }
    for v in ["Montréal", "Zürich", "Besançon", "Malmö"] {
        assert_eq!(count_of(col(&r, "city"), v), 1, "{v} in {:?}", col(&r, "city").top);
    }
    assert_eq!(count_of(col(&r, "price"), "5€"), 1);
    assert_eq!(r.source.decoded_bytes, text.len() as u64);
    assert!(r.notes.iter().any(|n| n.starts_with("Read as windows-1252")), "{:?}", r.notes);
    // Gzipped, and as JSON Lines.
    let r = check_all(&gzip(&bytes), &Options::default());
    assert_eq!((r.source.encoding, r.rows), ("windows-1252", 4));
    let r = check_all(&cp1252("{\"city\":\"Montréal\"}\n{\"city\":\"Zürich\"}\n"), &Options::default());
    assert_eq!((r.source.encoding, r.source.format, r.rows), ("windows-1252", Some("jsonl"), 2));
    assert_eq!(count_of(col(&r, "city"), "Zürich"), 1);
    assert!(r.errors.is_empty(), "{:?}", r.errors);

    // Near miss: the same text in UTF-8 stays UTF-8, with no note.
    let r = check_all(text.as_bytes(), &Options::default());
    assert_eq!(r.source.encoding, "utf-8");
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(r.notes.iter().all(|n| !n.contains("windows-1252")), "{:?}", r.notes);
    assert_eq!(count_of(col(&r, "city"), "Zürich"), 1);

    // Near miss: a multi-byte character cut by the end of the 64 KiB window is still UTF-8.
    let mut utf8 = b"name\n".to_vec();
    utf8.resize(65_535, b'a');
    utf8.extend_from_slice("é\nb\nc\n".as_bytes());
    let r = check_all(&utf8, &Options::default());
    assert_eq!(r.source.encoding, "utf-8");
    assert!(r.errors.is_empty(), "{:?}", r.errors);

    // A file decided as UTF-8 keeps reporting a later invalid byte as invalid UTF-8.
    let mut late = b"name,n\n".to_vec();
    while late.len() < 70_000 {
        late.extend_from_slice(b"abc,1\n");
    }
    let line = late.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    late.extend_from_slice(b"caf\xe9,2\n");
    let r = check_all(&late, &Options::default());
    assert_eq!(r.source.encoding, "utf-8");
    assert_eq!(error_lines(&r, "invalid-utf8"), [line]);
    assert!(finding(&r, "invalid-encoding", None).is_some());
}

#[test]
fn binary_content_is_named_in_one_error() {
    let mut zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
    zip.extend((0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let mut parquet = b"PAR1\x15\x04\x15\x10\x15\x14L\x15\x04\x15\x00\x12\x00\x00".to_vec();
    parquet.extend_from_slice(&[0u8; 64]);
    let mut nuls = Vec::new();
    for i in 0..3000u32 {
        nuls.extend_from_slice(&[0x00, 0x00, (i % 251) as u8, 0x17, 0x00, 0x01, 0x9c, 0x00, 0x00, 0x00, 0x42]);
    }
    let cases: [(&str, Vec<u8>, &str); 7] = [
        ("xlsx", zip.clone(), "ZIP archive"),
        ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec(), "PNG image"),
        ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n".to_vec(), "PDF document"),
        ("sqlite", b"SQLite format 3\x00\x10\x00\x01\x01".to_vec(), "SQLite database"),
        ("parquet", parquet, "Parquet file"),
        ("elf", b"\x7fELF\x02\x01\x01\x00\x00\x00".to_vec(), "ELF executable"),
        ("nuls", nuls, "binary data"),
    ];
    for (what, bytes, says) in cases {
        for opts in [named(&format!("data.{what}")), named("data.csv"), Options::default()] {
            let r = check_all(&bytes, &opts);
            assert_eq!(kinds(&r), ["binary"], "{what}: {:?}", r.errors);
            let e = &r.errors[0];
            assert!(e.message.contains(says) && e.message.contains("not CSV or JSON"), "{what}: {}", e.message);
            assert_eq!((e.line, e.offset), (1, 0));
            assert_eq!(r.rows, 0, "{what}");
            assert!(r.columns.is_empty(), "{what}");
            assert_eq!(r.source.encoding, "binary");
            assert!(r.source.format_reason.as_deref().unwrap_or("").starts_with("not read: "), "{what}");
            assert!(finding(&r, "unreadable-data", None).is_some(), "{what}");
        }
        // Gzipped too.
        let r = check_all(&gzip(&bytes), &Options::default());
        assert_eq!(kinds(&r), ["binary"], "{what} gzipped: {:?}", r.errors);
    }
    // Near misses: text that starts with a weak signature, and a stray NUL in a long text.
    let r = check_all(b"PAR1,PAR2\nx,y\n", &Options::default());
    assert_eq!(names(&r), ["PAR1", "PAR2"]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let mut text = b"a,b\n".to_vec();
    for i in 0..400 {
        text.extend_from_slice(format!("{i},value {i}\n").as_bytes());
    }
    text.extend_from_slice(b"9,x\x00y\n");
    let r = check_all(&text, &Options::default());
    assert_eq!(r.source.encoding, "utf-8");
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.rows, 401);
}

#[test]
fn header_is_decided_when_the_first_row_is_longer_than_the_sniff_window() {
    let n = 700;
    let header: Vec<String> = (0..n).map(|i| format!("{}_{i:04}", "a_rather_long_column_name".repeat(4))).collect();
    let numbers = |k: usize| (0..n).map(|i| (i * k % 97).to_string()).collect::<Vec<_>>().join(",");
    let mut text = header.join(",") + "\n";
    assert!(text.len() > 64 * 1024, "{}", text.len());
    for k in 1..=3 {
        text += &(numbers(k) + "\n");
    }
    let r = check_all(text.as_bytes(), &Options::default());
    assert_eq!(r.source.header, Some(true));
    assert_eq!(r.columns.len(), n);
    assert_eq!(r.columns[0].name, header[0]);
    assert_eq!(r.rows, 3);
    // Near miss: a wide first row of numbers is data, not a header.
    let mut text = String::new();
    for k in 1..=4 {
        text += &((0..n).map(|i| format!("{}.{}", i * k % 97, "1234567890".repeat(9))).collect::<Vec<_>>().join(",")
            + "\n");
    }
    assert!(text.find('\n').unwrap() > 64 * 1024);
    let r = check_all(text.as_bytes(), &Options::default());
    assert_eq!(r.source.header, Some(false));
    assert_eq!(r.rows, 4);
    assert_eq!(r.columns[0].name, "column_1");
}

#[test]
fn byte_order_marks_inside_the_stream_are_trimmed() {
    // Two gzip members, each a CSV file written with a UTF-8 BOM: the second header is a repeat.
    let mut gz = gzip(b"\xEF\xBB\xBFname,n\nann,1\nbob,2\n");
    gz.extend(gzip(b"\xEF\xBB\xBFname,n\ncid,3\n"));
    let r = check_all(&gz, &Options::default());
    assert_eq!(names(&r), ["name", "n"]);
    assert_eq!(r.rows, 3, "{:?}", r.errors);
    assert!(col(&r, "name").top.iter().all(|(v, _)| !v.contains('\u{feff}')), "{:?}", col(&r, "name").top);
    assert!(finding(&r, "bad-header", None).is_some(), "the repeated header is reported");
    // U+FEFF inside the first (quoted) header cell.
    let r = check_all("\"\u{feff}name\",n\nann,1\nbob,2\n".as_bytes(), &Options::default());
    assert_eq!(names(&r), ["name", "n"]);
    // JSON Lines with a BOM starting a later part.
    let r = check_all(b"{\"a\":1}\n\xEF\xBB\xBF{\"a\":2}\n", &Options::default());
    assert_eq!(r.rows, 2);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // Near miss: U+FEFF inside a value (not at a record's start) is data.
    let r = check_all("name,n\nann,x\u{feff}y\nbob,2\n".as_bytes(), &Options::default());
    assert_eq!(count_of(col(&r, "n"), "x\u{feff}y"), 1);
}

#[test]
fn gzip_nul_padding_is_accepted_and_a_cut_trailer_is_truncated() {
    let plain = generated_csv(300, 5);
    let gz = gzip(plain.as_bytes());
    let whole = check_all(&gz, &Options::default());
    assert!(whole.errors.is_empty());
    // NUL padding after the stream (as tar and preallocating writers leave it).
    for pad in [1usize, 8, 512, 20_000] {
        let mut padded = gz.clone();
        padded.resize(gz.len() + pad, 0);
        let r = check_all(&padded, &Options::default());
        assert!(r.errors.is_empty(), "padding {pad}: {:?}", r.errors);
        assert_eq!(r.rows, 300);
        assert_eq!(content(&r), content(&whole));
    }
    // Anything after the padding is still an error.
    let mut junk = gz.clone();
    junk.extend_from_slice(&[0, 0, 0, b'x']);
    let r = check_all(&junk, &Options::default());
    assert_eq!(kinds(&r), ["gzip"]);
    assert!(r.errors[0].message.contains("after the zero padding"), "{}", r.errors[0].message);
    assert_eq!(r.rows, 300);
    // Cut inside the 8-byte trailer, or inside the data: truncated, not a checksum mismatch.
    for cut in [1usize, 3, 4, 5, 8, 9, 100] {
        let r = check_all(&gz[..gz.len() - cut], &Options::default());
        let e = errors(&r, "gzip");
        assert_eq!(e.len(), 1, "cut {cut}: {:?}", r.errors);
        let m = &e[0].message;
        assert!(m.contains("truncated") && !m.contains("checksum"), "cut {cut}: {m}");
        if cut <= 8 {
            assert_eq!(r.rows, 300, "cut {cut}: the data is whole");
            assert_eq!(kinds(&r), ["gzip"], "cut {cut}");
            // The position is after everything decoded.
            assert_eq!(e[0].offset, plain.len() as u64, "cut {cut}");
        }
    }
    // Near miss: a whole stream with a wrong CRC is a checksum mismatch, not truncated.
    let mut bad = gz.clone();
    let n = bad.len();
    bad[n - 8] ^= 0xFF;
    let r = check_all(&bad, &Options::default());
    assert_eq!(kinds(&r), ["gzip"]);
    assert!(r.errors[0].message.contains("checksum") && !r.errors[0].message.contains("truncated"));
    // The same wrong CRC in a first member followed by a second one.
    let mut two = bad.clone();
    two.extend(gzip(b""));
    let r = check_all(&two, &Options::default());
    assert!(r.errors[0].message.contains("checksum"), "{}", r.errors[0].message);
}

//! The engine's floors, held to their order. Reads every `src/**/*.rs`, finds what each file
//! imports (`use` statements with `crate::`, `super::`, `self::` or child-module paths, and inline
//! `crate::`/`super::` paths in code; `datalint::` paths in the CLI), resolves each to the file
//! it names, and fails on
//! - an import against the declared layer order (an arrow that runs back up a floor), or across
//!   the two sides of the read floor (ingest and profile never import each other), and
//! - an import circle between files,
//!
//! naming the offending file, line and statement. `#[cfg(test)]` modules at the end of a file
//! are not read (their `super::` is the file itself), nor are paths built by macros (`$m`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The floors, bottom up: a file may import files on its own floor (and group) or below.
/// `lib.rs` is the `lib` floor; `wasm.rs` and `bin/` the drivers' floor.
const LAYERS: &[(&str, &[&str])] = &[
    ("base", &["error", "finding", "fmt", "options", "record", "roles", "value", "wire"]),
    ("read", &["ingest", "profile"]),
    ("analysis", &["analysis"]),
    ("checks", &["checks"]),
    ("report", &["report"]),
    ("lib", &["", "parts", "state"]),
    ("drivers", &["wasm", "bin"]),
];

/// Floors whose modules are separate sides that must not import each other.
const SIDES: &[&str] = &["read"];

/// A source file: its module path in the library (`["profile", "column"]`; `[]` for lib.rs) or,
/// for the CLI, `["bin", ...]`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Source {
    path: PathBuf,
    module: Vec<String>,
}

/// One import: the line it is on, the statement, and the file it resolves to.
#[derive(Clone, Debug)]
struct Edge {
    from: usize,
    to: usize,
    line: usize,
    text: String,
}

fn src_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs").to_string();
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem);
    }
    parts
}

fn sources(root: &Path) -> Vec<Source> {
    let mut files = Vec::new();
    walk(root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(root).unwrap().to_path_buf();
            Source { module: module_of(&rel), path: rel }
        })
        .collect()
}

/// The floor (index into LAYERS) and group of a module path.
fn floor(module: &[String]) -> Option<(usize, String)> {
    let top = module.first().map(String::as_str).unwrap_or("");
    LAYERS.iter().position(|(_, tops)| tops.contains(&top)).map(|i| {
        let group = if SIDES.contains(&LAYERS[i].0) { top.to_string() } else { LAYERS[i].0.to_string() };
        (i, group)
    })
}

/// Flattens a use tree (`a::{b, c::{d, e}}`) into paths.
fn flatten(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let t = tree.split(" as ").next().unwrap().trim();
        return if t.is_empty() { Vec::new() } else { vec![t.to_string()] };
    };
    let prefix = &tree[..open];
    let close = tree.rfind('}').unwrap_or(tree.len());
    let inner = &tree[open + 1..close];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts.into_iter().flat_map(flatten).map(|p| format!("{prefix}{p}")).collect()
}

/// The code of a file, without comments and without its trailing `#[cfg(test)]` module, with
/// each statement's first line number.
fn statements(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.starts_with("#[cfg(test)]") {
            break;
        }
        if line.starts_with("//") || line.is_empty() {
            continue;
        }
        let code = line.split(" //").next().unwrap();
        match pending.as_mut() {
            Some((_, s)) => s.push_str(code),
            None => pending = Some((i + 1, code.to_string())),
        }
        let done = pending.as_ref().is_some_and(|(_, s)| {
            !(s.starts_with("use ") || s.starts_with("pub use ") || s.starts_with("pub(crate) use "))
                || s.ends_with(';')
        });
        if done {
            out.extend(pending.take());
        }
    }
    out.extend(pending);
    out
}

/// The module paths a statement imports, relative to `module` (already made absolute: a list of
/// segments from the crate root).
fn imports(stmt: &str, module: &[String], is_bin: bool, index: &BTreeMap<Vec<String>, usize>) -> Vec<Vec<String>> {
    let mut paths: Vec<String> = Vec::new();
    let use_body = ["use ", "pub use ", "pub(crate) use "].iter().find_map(|p| stmt.strip_prefix(p));
    if let Some(body) = use_body {
        paths.extend(flatten(body.trim_end_matches(';')));
    } else {
        // Inline paths in code.
        let starts = if is_bin { vec!["datalint::"] } else { vec!["crate::", "super::"] };
        for start in starts {
            let mut rest = stmt;
            while let Some(at) = rest.find(start) {
                let before = rest[..at].chars().last();
                let tail = &rest[at..];
                let end = tail.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(tail.len());
                if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    paths.push(tail[..end].trim_end_matches(':').to_string());
                }
                rest = &tail[end.max(1)..];
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        let segs: Vec<&str> = p.split("::").map(str::trim).filter(|s| !s.is_empty()).collect();
        let Some(&first) = segs.first() else { continue };
        if segs.iter().any(|s| s.contains('$')) {
            continue;
        }
        let abs: Vec<String> = if is_bin {
            if first != "datalint" {
                continue;
            }
            segs[1..].iter().map(|s| s.to_string()).collect()
        } else {
            match first {
                "crate" => segs[1..].iter().map(|s| s.to_string()).collect(),
                "self" => module.iter().cloned().chain(segs[1..].iter().map(|s| s.to_string())).collect(),
                "super" => {
                    let ups = segs.iter().take_while(|s| **s == "super").count();
                    let base = &module[..module.len().saturating_sub(ups)];
                    base.iter().cloned().chain(segs[ups..].iter().map(|s| s.to_string())).collect()
                }
                // A child module (`use column::Column;` in profile/mod.rs), or another crate.
                _ => {
                    let child: Vec<String> = module.iter().cloned().chain([first.to_string()]).collect();
                    if !index.contains_key(&child) {
                        continue;
                    }
                    module.iter().cloned().chain(segs.iter().map(|s| s.to_string())).collect()
                }
            }
        };
        out.push(abs);
    }
    out
}

/// The file a path names: its longest prefix that is a module of the library.
fn resolve(path: &[String], index: &BTreeMap<Vec<String>, usize>) -> Option<usize> {
    (0..=path.len()).rev().find_map(|n| index.get(&path[..n]).copied())
}

fn graph(root: &Path) -> (Vec<Source>, Vec<Edge>) {
    let files = sources(root);
    let index: BTreeMap<Vec<String>, usize> = files
        .iter()
        .enumerate()
        .filter(|(_, f)| f.module.first().map(String::as_str) != Some("bin"))
        .map(|(i, f)| (f.module.clone(), i))
        .collect();
    let mut edges = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let text = std::fs::read_to_string(root.join(&f.path)).unwrap();
        let is_bin = f.module.first().map(String::as_str) == Some("bin");
        for (line, stmt) in statements(&text) {
            for p in imports(&stmt, &f.module, is_bin, &index) {
                if let Some(to) = resolve(&p, &index) {
                    if to != i {
                        edges.push(Edge { from: i, to, line, text: stmt.clone() });
                    }
                }
            }
        }
    }
    (files, edges)
}

/// Imports against the floors, as messages.
fn violations(files: &[Source], edges: &[Edge]) -> Vec<String> {
    let mut out = Vec::new();
    for e in edges {
        let (from, to) = (&files[e.from], &files[e.to]);
        let (Some((fl, fg)), Some((tl, tg))) = (floor(&from.module), floor(&to.module)) else {
            out.push(format!("src/{}: a module on no declared floor", from.path.display()));
            continue;
        };
        if tl > fl || (tl == fl && tg != fg) {
            out.push(format!(
                "src/{}:{}: `{}` imports src/{} ({} floor{}) from the {} floor{}",
                from.path.display(),
                e.line,
                e.text,
                to.path.display(),
                LAYERS[tl].0,
                if tl == fl { format!(", {tg} side") } else { String::new() },
                LAYERS[fl].0,
                if tl == fl { format!(", {fg} side") } else { String::new() },
            ));
        }
    }
    out
}

/// Import circles between files, each as the chain of statements that closes it.
fn cycles(files: &[Source], edges: &[Edge]) -> Vec<String> {
    let n = files.len();
    let mut adj: Vec<Vec<&Edge>> = vec![Vec::new(); n];
    for e in edges {
        adj[e.from].push(e);
    }
    // 0 = unvisited, 1 = on the stack, 2 = done.
    let mut state = vec![0u8; n];
    let mut stack: Vec<&Edge> = Vec::new();
    let mut found = BTreeSet::new();
    fn dfs<'a>(
        v: usize,
        adj: &[Vec<&'a Edge>],
        state: &mut [u8],
        stack: &mut Vec<&'a Edge>,
        files: &[Source],
        found: &mut BTreeSet<String>,
    ) {
        state[v] = 1;
        for &e in &adj[v] {
            match state[e.to] {
                0 => {
                    stack.push(e);
                    dfs(e.to, adj, state, stack, files, found);
                    stack.pop();
                }
                1 => {
                    let start = stack.iter().position(|s| s.from == e.to).unwrap_or(stack.len());
                    let chain: Vec<String> = stack[start..]
                        .iter()
                        .chain(std::iter::once(&e))
                        .map(|s| format!("src/{}:{} `{}`", files[s.from].path.display(), s.line, s.text))
                        .collect();
                    found.insert(chain.join(" → "));
                }
                _ => {}
            }
        }
        state[v] = 2;
    }
    for v in 0..n {
        if state[v] == 0 {
            dfs(v, &adj, &mut state, &mut stack, files, &mut found);
        }
    }
    found.into_iter().collect()
}

#[test]
fn imports_run_down_the_floors_and_never_in_a_circle() {
    let (files, edges) = graph(&src_dir());
    assert!(
        files.len() > 40 && edges.len() > 100,
        "the scan read the source: {} files, {} imports",
        files.len(),
        edges.len()
    );
    let mut problems = violations(&files, &edges);
    problems.extend(cycles(&files, &edges).into_iter().map(|c| format!("import circle: {c}")));
    assert!(problems.is_empty(), "{} import(s) against the floors:\n{}", problems.len(), problems.join("\n"));
}

/// The checker itself: an arrow back up, an import across the read floor, and a circle, planted
/// in a scratch copy of a small tree, are each named with their file and line.
#[test]
fn the_checker_names_a_planted_arrow_back_up_and_a_circle() {
    let dir = std::env::temp_dir().join(format!("datalint-layers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let write = |rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("lib.rs", "pub mod finding;\npub mod ingest;\npub mod profile;\npub mod report;\n");
    write("finding.rs", "// a comment: crate::report is fine here\nuse crate::report::Report;\n");
    write("ingest/mod.rs", "use crate::profile::Profile;\n");
    write("profile/mod.rs", "pub mod a;\npub mod b;\nuse a::A;\n");
    write("profile/a.rs", "use super::b::B;\n");
    write(
        "profile/b.rs",
        "pub fn f() { let _ = crate::profile::a::g(); }\n#[cfg(test)]\nmod t { use crate::report::X; }\n",
    );
    write("report/mod.rs", "use crate::{finding::Finding, profile::Profile};\n");
    let (files, edges) = graph(&dir);
    let v = violations(&files, &edges);
    let c = cycles(&files, &edges);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        v,
        [
            "src/finding.rs:2: `use crate::report::Report;` imports src/report/mod.rs (report floor) from the base floor",
            "src/ingest/mod.rs:1: `use crate::profile::Profile;` imports src/profile/mod.rs (read floor, profile side) \
             from the read floor, ingest side",
        ]
    );
    assert_eq!(
        c,
        [
            "src/finding.rs:2 `use crate::report::Report;` → \
             src/report/mod.rs:1 `use crate::{finding::Finding, profile::Profile};`",
            "src/profile/a.rs:1 `use super::b::B;` → src/profile/b.rs:1 `pub fn f() { let _ = crate::profile::a::g(); }`",
        ]
    );
}

//! The library's imports flow one way (issue 20): a module imports only modules of its
//! own or an earlier stage, no group of modules imports each other in a circle, and
//! nothing in the library knows the command line (`src/cmd/`, binary only).
//!
//! The check reads `src/` as text: every `crate::…` and `super::…` path outside comments
//! and string literals is resolved to the deepest module it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The library's stages, in the order data flows through them.
const STAGES: [&str; 7] = ["model", "source", "engine", "classify", "introspect", "report", "pipeline"];

type Module = Vec<String>;

#[test]
fn library_imports_flow_one_way_without_circles() {
    let problems = check(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path());
    assert!(problems.is_empty(), "layout problems:\n{}", problems.join("\n"));
}

#[test]
fn a_back_edge_and_a_circle_are_caught() {
    let dir = tempfile::tempdir().unwrap();
    let file = |path: &str, text: &str| {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    };
    file("lib.rs", "pub mod model;\npub mod engine;\n");
    file("model/mod.rs", "pub mod finding;\npub mod secret;\n");
    // A back-edge: the model (stage 0) reaching into the engine (stage 2).
    file(
        "model/finding.rs",
        "use crate::engine::scan::Scanner; // a comment: crate::report\nuse super::secret::Secret;\n",
    );
    // A circle inside one stage, one side through `super`.
    file("model/secret.rs", "use super::finding::Finding;\nconst URL: &str = \"crate::cmd\";\n");
    file("engine/mod.rs", "pub mod scan;\n");
    file("engine/scan.rs", "use crate::{model::{finding::Finding, secret}};\n");
    let problems = check(dir.path());
    assert!(problems.iter().any(|p| p.contains("model::finding imports engine::scan")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("circle") && p.contains("model::secret")), "{problems:?}");
    assert!(
        !problems.iter().any(|p| p.contains("report") || p.contains("cmd")),
        "comments and strings count: {problems:?}"
    );
    assert_eq!(problems.len(), 2, "{problems:?}");
}

/// Every layout problem under `src`, one line each.
fn check(src: &Path) -> Vec<String> {
    let files = library_files(src);
    let modules: BTreeSet<Module> = files.keys().cloned().collect();
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    let mut problems = Vec::new();
    for (module, path) in &files {
        let text = code_only(&std::fs::read_to_string(path).unwrap());
        if text.contains("clap") || text.contains("crate::cmd") {
            problems.push(format!("{} mentions the command line (clap or cmd)", name(module)));
        }
        // Inside `mod tests { … }`, `super` is the file's own module.
        let (code, tests) = text.split_at(text.find("mod tests").unwrap_or(text.len()));
        let mut in_tests = module.clone();
        in_tests.push("tests".to_string());
        let paths = references(module, code).into_iter().chain(references(&in_tests, tests));
        for target in paths.filter_map(|p| deepest_module(&modules, &p)) {
            let related = target.starts_with(module) || module.starts_with(&target);
            if !related {
                edges.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    for (from, targets) in &edges {
        for to in targets {
            if stage(from) < stage(to) {
                problems.push(format!("{} imports {}, a later stage", name(from), name(to)));
            }
        }
    }
    for circle in circles(&edges) {
        problems.push(format!("import circle: {}", circle.iter().map(name).collect::<Vec<_>>().join(" → ")));
    }
    problems
}

/// Library source files by module path (`src/main.rs` and `src/cmd/` are the binary).
fn library_files(src: &Path) -> BTreeMap<Module, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let relative: Vec<String> = path
                .strip_prefix(src)
                .unwrap()
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if relative[0] == "cmd" || relative == ["main.rs"] {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let mut module = relative;
                let last = module.pop().unwrap();
                if last != "mod.rs" && last != "lib.rs" {
                    module.push(last.trim_end_matches(".rs").to_string());
                }
                out.insert(module, path);
            }
        }
    }
    out
}

/// The text without comments and string literals, which may mention paths freely.
fn code_only(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |e| e + 2);
        } else if let Some(end) = raw_string_end(rest) {
            i += end;
        } else if rest.starts_with('"') {
            i += string_end(rest);
        } else if rest.starts_with("'\"'") {
            i += 3;
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Length of a raw string literal (`r"…"`, `r#"…"#`) starting `text`.
fn raw_string_end(text: &str) -> Option<usize> {
    let after_r = text.strip_prefix('r').or_else(|| text.strip_prefix("br"))?;
    let hashes = after_r.len() - after_r.trim_start_matches('#').len();
    let body = after_r[hashes..].strip_prefix('"')?;
    let close = format!("\"{}", "#".repeat(hashes));
    let prefix = text.len() - after_r.len() + hashes + 1;
    Some(prefix + body.find(&close).map_or(body.len(), |e| e + close.len()))
}

/// Length of a `"…"` literal starting `text`, escapes included.
fn string_end(text: &str) -> usize {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return i + 1,
            _ => {}
        }
    }
    text.len()
}

/// Every absolute module path `text` (code of `module`) refers to with `crate::`,
/// `super::` or `self::`, brace groups expanded.
fn references(module: &Module, text: &str) -> Vec<Module> {
    let mut out = Vec::new();
    for (at, _) in
        text.match_indices("crate::").chain(text.match_indices("super::")).chain(text.match_indices("self::"))
    {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let (base, rest) = if text[at..].starts_with("crate::") {
            (Vec::new(), &text[at + 7..])
        } else {
            let mut base = module.clone();
            let mut rest = &text[at..];
            loop {
                if let Some(r) = rest.strip_prefix("super::") {
                    base.pop();
                    rest = r;
                } else if let Some(r) = rest.strip_prefix("self::") {
                    rest = r;
                } else {
                    break;
                }
            }
            (base, rest)
        };
        expand(&base, rest, &mut out);
    }
    out
}

/// Expands one path (`a::b::{c, d::e}`) after `base` into module paths.
fn expand(base: &Module, text: &str, out: &mut Vec<Module>) {
    let mut path = base.clone();
    let mut rest = text;
    loop {
        if let Some(group) = rest.strip_prefix('{') {
            for item in split_group(group) {
                expand(&path, item.trim(), out);
            }
            return;
        }
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        path.push(rest[..end].to_string());
        match rest[end..].strip_prefix("::") {
            Some(next) => rest = next,
            None => break,
        }
    }
    out.push(path);
}

/// The comma-separated items of a brace group whose opening brace was just consumed.
fn split_group(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&text[start..i]);
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.into_iter().filter(|i| !i.trim().is_empty()).collect()
}

/// The deepest existing module a path names (`engine::scan::Scanner` → `engine::scan`).
fn deepest_module(modules: &BTreeSet<Module>, path: &Module) -> Option<Module> {
    (1..=path.len()).rev().map(|n| path[..n].to_vec()).find(|prefix| modules.contains(prefix))
}

fn stage(module: &Module) -> usize {
    module.first().and_then(|top| STAGES.iter().position(|s| s == top)).unwrap_or(usize::MAX)
}

fn name(module: &Module) -> String {
    module.join("::")
}

/// Groups of modules that reach each other (strongly connected components of two or
/// more), each listed once.
fn circles(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    let reach = |from: &Module| {
        let mut seen: BTreeSet<Module> = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(m) = stack.pop() {
            for next in edges.get(&m).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<&Module, BTreeSet<Module>> = edges.keys().map(|m| (m, reach(m))).collect();
    let mut found: BTreeSet<Vec<Module>> = BTreeSet::new();
    for (module, reached) in &reachable {
        if !reached.contains(*module) {
            continue;
        }
        let group: Vec<Module> = reached
            .iter()
            .filter(|other| reachable.get(other).is_some_and(|back| back.contains(*module)))
            .cloned()
            .collect();
        found.insert(group);
    }
    found.into_iter().collect()
}

//! Embeds every `detectors/*.toml` file, and every provider-vocabulary file in
//! `detectors/vocabulary/*.toml`, into the binary.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("detectors");
    embed(&dir, "embedded_detectors.rs");
    embed(&dir.join("vocabulary"), "embedded_vocabulary.rs");
}

/// Writes `&[(file name, include_str!(path)), …]` for the `*.toml` files of `dir` to
/// `OUT_DIR/out_name`, sorted by name.
fn embed(dir: &Path, out_name: &str) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{} directory exists: {e}", dir.display()))
        .map(|e| e.expect("readable detectors/ entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        // Provider impact classes are not detectors.
        .filter(|p| p.file_name().is_some_and(|n| n != "classes.toml"))
        .collect();
    files.sort();
    let mut out = String::from("&[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        writeln!(out, "    ({name:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    out.push(']');
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join(out_name);
    std::fs::write(dest, out).expect("write embedded file list");
}

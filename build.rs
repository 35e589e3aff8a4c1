//! Embeds every `detectors/*.toml` detector file and every `detectors/stores/*.toml` store
//! file into the binary.

use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Top-level files of `detectors/` that are not detector files: the impact classes and
/// the provider vocabulary (both embedded by the modules that read them).
const NOT_DETECTORS: &[&str] = &["classes.toml", "vocabulary.toml"];

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("detectors");
    embed(&dir, "embedded_detectors.rs", NOT_DETECTORS);
    embed(&dir.join("stores"), "embedded_stores.rs", &[]);
}

/// Writes `OUT_DIR/<out>`: a slice of (file name, contents) for the `.toml` files in `dir`
/// (subdirectories are not entered), `skip` left out.
fn embed(dir: &Path, out_name: &str, skip: &[&str]) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{} is readable: {e}", dir.display()))
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| !skip.iter().any(|s| p.file_name().is_some_and(|n| n == *s)))
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

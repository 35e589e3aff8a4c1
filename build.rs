//! Embeds every `detectors/*.toml` file into the binary.

use std::fmt::Write;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("detectors");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("detectors/ directory exists")
        .map(|e| e.expect("readable detectors/ entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && !p.ends_with("classes.toml"))
        .collect();
    files.sort();
    let mut out = String::from("&[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        writeln!(out, "    ({name:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    out.push(']');
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded_detectors.rs");
    std::fs::write(dest, out).expect("write embedded_detectors.rs");
}

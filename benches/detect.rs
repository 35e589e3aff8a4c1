//! Benchmarks: the generic-secret scorer alone, the extractors of structured credential
//! files, and the full built-in detector set (with and without decoding) over generated
//! source-like text and, when `BENCH_TREE` names a directory, over the first 32 MiB of
//! its text files.
//!
//! Run with `cargo bench --bench detect`, or
//! `BENCH_TREE=~/.cargo/registry/src cargo bench --bench detect -- tree` for real code.

use blastradius::engine::generic::{self, ValueContext};
use blastradius::engine::scan::Scanner;
use blastradius::model::finding::Source;
use blastradius::model::result::Origin;
use blastradius::source::extract::{self, Format};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

/// Values the scorer sees in practice: random tokens and the look-alikes it must reject.
const VALUES: &[&str] = &[
    "q7Wm2ZkR9vXb4TnL8pHs3Jd",
    "6947ccf25ec84d8dbc74254770f58904",
    "getPasswordFromVault",
    "${DB_PASSWORD}",
    "3f2b8c1e-9d4a-4b7e-8f21-6c5d9e0a1b2c",
    "sha512-Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4",
    "https://auth.internal/oauth/token",
    "2.14.0-rc.1",
    "1-V^Oq&g6@YYZYn9",
];

/// A tiny deterministic generator, so every run scans the same text.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn token(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        (0..len).map(|_| ALPHABET[(self.next() % 62) as usize] as char).collect()
    }
}

/// About `size` bytes of code and configuration: mostly ordinary lines, with keyword
/// hits (`token`, `password`, `key`), base64 blobs and the odd generic secret.
fn generated_input(size: usize) -> Vec<u8> {
    let mut rng = Lcg(42);
    let mut out = String::with_capacity(size + 256);
    while out.len() < size {
        let line = match rng.next() % 12 {
            0 => format!("let token = tokenizer.next_token(&input[{}..]);\n", rng.next() % 100),
            1 => format!("DB_PASSWORD={}\n", rng.token(24)),
            2 => format!("    \"integrity\": \"sha512-{}==\",\n", rng.token(86)),
            3 => format!("  api_key: ${{API_KEY_{}}}\n", rng.next() % 10),
            4 => format!("  data: {}\n", rng.token(64)),
            5 => "fn handle_request(req: &Request) -> Result<Response, Error> {\n".to_string(),
            6 => format!("    let cache_key = format!(\"user:{{}}\", {});\n", rng.next()),
            7 => "    // Authorization is checked by the middleware before this point.\n".to_string(),
            8 => format!("    const uploadUrl = \"https://cdn.internal/{}\";\n", rng.token(12)),
            _ => format!("    let value_{} = compute(&state, {})?;\n", rng.next() % 1000, rng.next() % 7),
        };
        out.push_str(&line);
    }
    out.into_bytes()
}

fn scorer(c: &mut Criterion) {
    let ctx = ValueContext { key: Some("DB_PASSWORD"), path: Some("config/.env") };
    c.bench_function("generic::likely_secret (9 values)", |b| {
        b.iter(|| VALUES.iter().filter(|v| generic::likely_secret(black_box(v.as_bytes()), &ctx)).count())
    });
}

/// About `size` bytes of a credential file in `format`: `.env` lines, or an MCP-style
/// JSON config and a kubeconfig-style YAML file with one entry per server or user.
fn structured_input(format: Format, size: usize) -> Vec<u8> {
    let mut rng = Lcg(7);
    let mut entries = Vec::new();
    let mut len = 0;
    while len < size {
        let (n, token) = (entries.len(), rng.token(32));
        let entry = match format {
            Format::Dotenv => format!("export SERVICE_{n}_API_KEY=\"{token}\"  # service {n}\nSERVICE_{n}_URL=https://svc{n}.internal\n"),
            Format::Json => format!("\"server{n}\": {{\"command\": \"npx\", \"args\": [\"-y\", \"mcp-{n}\"], \"env\": {{\"API_TOKEN\": \"{token}\"}}}}"),
            _ => format!("- name: user{n}\n  user:\n    token: {token}\n    client-key-data: {}\n", rng.token(64)),
        };
        len += entry.len();
        entries.push(entry);
    }
    match format {
        Format::Json => format!("{{\"mcpServers\": {{{}}}}}", entries.join(", ")).into_bytes(),
        Format::Yaml => format!("apiVersion: v1\nkind: Config\nusers:\n{}", entries.concat()).into_bytes(),
        _ => entries.concat().into_bytes(),
    }
}

fn extractors(c: &mut Criterion) {
    let mut group = c.benchmark_group("extractors, 64 KiB");
    for (name, format) in [("dotenv", Format::Dotenv), ("json", Format::Json), ("yaml", Format::Yaml)] {
        let input = structured_input(format, 64 << 10);
        assert!(!extract::extract(format, &input).expect("generated input parses").is_empty());
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function(name, |b| b.iter(|| extract::extract(format, black_box(&input)).map(|f| f.len())));
    }
    group.finish();
}

fn detector_set(c: &mut Criterion) {
    let scanner = Scanner::new(blastradius::engine::detect::DetectorSet::load(&[]).expect("built-in detectors load"));
    let input = generated_input(1 << 20);
    let mut group = c.benchmark_group("built-in detectors, 1 MiB generated input");
    group.throughput(Throughput::Bytes(input.len() as u64));
    group.sample_size(20);
    group.bench_function("DetectorSet::find_in", |b| {
        b.iter(|| scanner.detectors.find_in(black_box(&input), Some("src/app.rs")).len())
    });
    group.bench_function("decode::find_decoded", |b| {
        b.iter(|| {
            blastradius::engine::decode::find_decoded(&scanner.detectors, black_box(&input), Some("src/app.rs")).len()
        })
    });
    group.bench_function("Scanner::findings_in", |b| {
        let origin = Origin { path: "src/app.rs", source: Source::Workspace, commit: None };
        b.iter(|| scanner.findings_in(black_box(&input), origin).len())
    });
    group.finish();
}

/// Most bytes of `BENCH_TREE` loaded for the real-tree group.
const TREE_SAMPLE: usize = 32 << 20;

/// Text files under `root`, in path order, until [`TREE_SAMPLE`] bytes are loaded.
fn tree_sample(root: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut paths: Vec<_> = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .collect();
    paths.sort();
    let mut files = Vec::new();
    let mut total = 0;
    for path in paths {
        let Ok(bytes) = std::fs::read(&path) else { continue };
        if blastradius::source::walk::is_binary(&bytes) || bytes.len() > 1 << 20 {
            continue;
        }
        total += bytes.len();
        files.push((path.display().to_string(), bytes));
        if total >= TREE_SAMPLE {
            break;
        }
    }
    files
}

fn real_tree(c: &mut Criterion) {
    let Some(root) = std::env::var_os("BENCH_TREE") else { return };
    let files = tree_sample(std::path::Path::new(&root));
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let scanner = Scanner::new(blastradius::engine::detect::DetectorSet::load(&[]).expect("built-in detectors load"));
    let mut group = c.benchmark_group(format!("built-in detectors, tree ({} files)", files.len()));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("DetectorSet::find_in", |b| {
        b.iter(|| files.iter().map(|(path, buf)| scanner.detectors.find_in(buf, Some(path)).len()).sum::<usize>())
    });
    group.bench_function("decode::find_decoded", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(path, buf)| blastradius::engine::decode::find_decoded(&scanner.detectors, buf, Some(path)).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, scorer, extractors, detector_set, real_tree);
criterion_main!(benches);

//! Inputs that once crashed, hung or exhausted memory in a fuzz target (see
//! `scripts/fuzz.sh`), replayed through the same entry point on every `cargo test`.
//! `fixtures/fuzz-regressions/<target>/` holds the inputs of each target.

use blastradius::engine::detect::DetectorSet;
use blastradius::engine::scan::Scanner;
use blastradius::engine::spec::Validator;
use blastradius::model::finding::Source;
use blastradius::model::result::Origin;
use blastradius::source::extract::{self, Field, Format, Place};
use std::path::Path;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

static SCANNER: LazyLock<Scanner> = LazyLock::new(|| {
    Scanner::new(DetectorSet::new(blastradius::engine::vocabulary::load_detectors(&[]).unwrap()).unwrap())
});
static REACH_SCANNER: LazyLock<Scanner> =
    LazyLock::new(|| Scanner::new(blastradius::pipeline::reach::reach_detectors(&[]).unwrap()));

/// The longest any one input may take, debug build included.
const PER_INPUT: Duration = Duration::from_secs(10);

/// Same order as the fuzz crate's `TEXT_FORMATS`: the first byte of a `structured` input.
const TEXT_FORMATS: [Format; 10] = Format::TEXT;

/// Runs `check` on every regression input of `target`, each within [`PER_INPUT`].
/// Returns how many inputs there were.
fn replay(target: &str, check: impl Fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fuzz-regressions").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return 0 };
    let mut count = 0;
    for path in entries.map(|e| e.unwrap().path()) {
        let input = std::fs::read(&path).unwrap();
        let started = Instant::now();
        check(&input);
        assert!(started.elapsed() < PER_INPUT, "{} took {:?}", path.display(), started.elapsed());
        count += 1;
    }
    count
}

/// Fields point inside the buffer, and a verbatim field's bytes are its value.
fn check_fields(buf: &[u8], fields: &[Field]) {
    for field in fields {
        let Place::Bytes { offset, len, verbatim } = field.place else { continue };
        assert!(offset + len <= buf.len(), "field {} past the end", field.key);
        if verbatim {
            assert_eq!(&buf[offset..offset + len], field.value.as_bytes(), "field {}", field.key);
        }
    }
}

#[test]
fn extractors_replay_their_inputs() {
    let targets = [
        ("extract_dotenv", Format::Dotenv),
        ("extract_ini", Format::Ini),
        ("extract_json", Format::Json),
        ("extract_yaml", Format::Yaml),
        ("extract_toml", Format::Toml),
        ("extract_netrc", Format::Netrc),
        ("extract_pgpass", Format::Pgpass),
        ("extract_git_credentials", Format::GitCredentials),
        ("extract_raw", Format::Raw),
    ];
    for (target, format) in targets {
        replay(target, |input| {
            if let Ok(fields) = extract::extract(format, input) {
                check_fields(input, &fields);
            }
        });
    }
}

#[test]
fn sqlite_extractor_replays_its_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("credentials.db");
    replay("extract_sqlite", |input| {
        std::fs::write(&db, input).unwrap();
        if let Ok(fields) = extract::extract_sqlite(&db) {
            let origin = Origin { path: "credentials.db", source: Source::Home, commit: None };
            blastradius::engine::structured::scan_fields(&REACH_SCANNER, &fields, None, origin);
        }
    });
}

#[test]
fn history_replays_its_inputs() {
    replay("history", |input| {
        let text = String::from_utf8_lossy(input);
        check_fields(text.as_bytes(), &blastradius::source::home::history::fields(&text));
    });
}

#[test]
fn structured_scanning_replays_its_inputs() {
    replay("structured", |input| {
        let Some((&selector, buf)) = input.split_first() else { return };
        let format = TEXT_FORMATS[usize::from(selector) % TEXT_FORMATS.len()];
        let origin = Origin { path: "fuzz/input", source: Source::Home, commit: None };
        blastradius::engine::structured::scan_structured(&REACH_SCANNER, format, buf, origin);
    });
}

#[test]
fn engine_replays_its_inputs() {
    const PATHS: [&str; 6] = ["src/main.rs", ".env", "config/settings.yaml", "package.json", "notes.txt", "id_rsa"];
    replay("engine", |input| {
        let Some((&selector, buf)) = input.split_first() else { return };
        let path = PATHS[usize::from(selector) % PATHS.len()];
        let mut findings = SCANNER.findings_in(buf, Origin { path, source: Source::Workspace, commit: None });
        blastradius::classify::finish(&SCANNER, &mut findings);
    });
}

#[test]
fn decoders_replay_their_inputs() {
    replay("decode", |input| {
        for found in blastradius::engine::decode::find_decoded(&SCANNER.detectors, input, Some("fuzz/input")) {
            assert!(found.matched.start <= found.matched.end && found.matched.end <= input.len());
        }
    });
}

#[test]
fn jwt_decoding_replays_its_inputs() {
    replay("jwt", |input| {
        blastradius::engine::validate::jwt_header(input);
        blastradius::engine::validate::jwt_claims(&String::from_utf8_lossy(input));
        for validator in [Validator::Crc32Base62, Validator::Jwt, Validator::MixedClasses, Validator::BasicAuth] {
            blastradius::engine::validate::check(validator, input);
        }
    });
}

/// Nine levels of nine aliases: 9^9 strings if expanded.
fn billion_laughs() -> String {
    let mut text =
        String::from("l0: &l0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for level in 1..10 {
        let previous = format!("*l{}", level - 1);
        text.push_str(&format!("l{level}: &l{level} [{}]\n", vec![previous; 9].join(", ")));
    }
    text
}

/// One 20 kB anchored value aliased 10,000 times: 200 MB if expanded.
fn long_value_aliased() -> String {
    format!("a: &a \"{}\"\nb: [{}]\n", "x".repeat(20_000), vec!["*a"; 10_000].join(", "))
}

#[test]
fn yaml_alias_bombs_are_refused_quickly() {
    for (name, bomb) in [("billion laughs", billion_laughs()), ("long value aliased", long_value_aliased())] {
        let started = Instant::now();
        let result = extract::extract(Format::Yaml, bomb.as_bytes());
        assert!(result.is_err(), "{name}: expanded instead of being refused");
        assert!(started.elapsed() < Duration::from_secs(2), "{name}: took {:?}", started.elapsed());
    }
}

#[test]
fn yaml_alias_bomb_files_are_scanned_as_plain_text() {
    let bomb = billion_laughs();
    let origin = Origin { path: "bomb.yaml", source: Source::Workspace, commit: None };
    let started = Instant::now();
    let (_, error) = blastradius::engine::structured::scan_structured(&SCANNER, Format::Yaml, bomb.as_bytes(), origin);
    assert!(error.is_some(), "the bomb parsed");
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
}

#[test]
fn values_written_escaped_are_located_in_linear_time() {
    // Each value is written with an escape, so its decoded form is nowhere in the text:
    // locating each by a whole-text search would be quadratic.
    let entries: Vec<String> = (0..40_000).map(|i| format!("\"k{i}\": \"\\u0061{i}\"")).collect();
    let text = format!("{{{}}}", entries.join(", "));
    let started = Instant::now();
    let fields = extract::extract(Format::Json, text.as_bytes()).unwrap();
    assert_eq!(fields.len(), 40_000);
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
}

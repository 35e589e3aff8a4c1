//! Fingerprints: the stable identity of a credential, the same in every file, commit,
//! run and machine (baselines and code scanning match on it), and costly to invert.
//!
//! A fingerprint is published: committed in baselines, uploaded in SARIF. A plain hash
//! of the value would let anyone holding one test guesses offline at billions per second,
//! and a weak password falls to a dictionary. So the value goes through Argon2id, a
//! deliberately slow, memory-hard derivation, with fixed parameters (stability needs
//! them fixed) and a salt derived from a domain tag and the provider (so a table built
//! for one provider is no use for another, nor for other tools' hashes). Each guess then
//! costs an attacker [`MEMORY_KIB`] KiB of memory traffic and about a millisecond of CPU
//! instead of nanoseconds: some ten thousand times fewer guesses per second, even on a GPU.
//! That slows a dictionary; it does not stop one against a very weak password.
//!
//! A team that wants that stopped sets `BLASTRADIUS_FINGERPRINT_KEY`: the key becomes
//! Argon2's secret input, so without the key a fingerprint cannot be checked against any
//! guess. Keyed fingerprints match only scans with the same key.
//!
//! Only findings are fingerprinted, and each distinct value once per run ([`Fingerprinter`]
//! caches by a digest of provider and value), so the cost stays small.

use super::secret::Secret;
use argon2::{Algorithm, Argon2, Block, Params, Version};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The scheme's name, recorded in baselines next to the fingerprints it made.
pub const SCHEME: &str = "argon2id-v2";
/// The scheme's name for fingerprints made with `BLASTRADIUS_FINGERPRINT_KEY`.
pub const KEYED_SCHEME: &str = "argon2id-v2-keyed";
// The parameters below are part of the scheme: changing any of them changes every
// fingerprint, and that is a new [`SCHEME`] name and a baseline migration.

/// Memory one derivation (one guess) needs, in KiB. The trade: a scan pays this once per
/// distinct value found (about a millisecond), an attacker once per guess.
pub const MEMORY_KIB: u32 = 1024;
/// Passes over that memory.
pub const PASSES: u32 = 1;
/// Domain tag mixed into every salt: a fingerprint means nothing outside blastradius.
const DOMAIN: &[u8] = b"blastradius credential fingerprint v2";
/// Bytes of output (hex-encoded to 64 characters).
const OUTPUT: usize = 32;

/// Lanes (Argon2's parallelism).
const LANES: u32 = 1;

/// Makes fingerprints, each distinct value once.
pub struct Fingerprinter {
    key: Option<Secret>,
    /// Digest of provider and value → fingerprint. The digest, not the value, is the key
    /// so the cache holds no extra copy of any secret.
    cache: Mutex<HashMap<[u8; 32], Arc<str>>>,
}

impl Fingerprinter {
    /// Unkeyed when `key` is `None` or empty.
    pub fn new(key: Option<Secret>) -> Self {
        let key = key.filter(|k| !k.expose().is_empty());
        Fingerprinter { key, cache: Mutex::new(HashMap::new()) }
    }

    /// The scheme these fingerprints follow ([`SCHEME`] or [`KEYED_SCHEME`]).
    pub fn scheme(&self) -> &'static str {
        if self.key.is_some() {
            KEYED_SCHEME
        } else {
            SCHEME
        }
    }

    /// The fingerprint of `secret` found by a `provider` detector: 64 hex digits.
    pub fn of(&self, provider: &str, secret: &str) -> Arc<str> {
        let digest = cache_key(provider, secret);
        if let Some(known) = self.lock().get(&digest) {
            return known.clone();
        }
        // Derived outside the lock: the walker threads fingerprint in parallel.
        let derived: Arc<str> = derive(provider, secret, self.key.as_ref()).into();
        self.lock().entry(digest).or_insert(derived).clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<[u8; 32], Arc<str>>> {
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Default for Fingerprinter {
    fn default() -> Self {
        Fingerprinter::new(None)
    }
}

impl std::fmt::Debug for Fingerprinter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fingerprinter").field("scheme", &self.scheme()).finish_non_exhaustive()
    }
}

thread_local! {
    /// Argon2's working memory, kept per thread: allocating a fresh MiB per derivation
    /// lets the findings made in between split each freed block, and the heap grew by
    /// about a MiB per finding.
    static WORK_MEMORY: std::cell::RefCell<Vec<Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The derivation itself (no cache): Argon2id of the value, salted with the domain tag
/// and the provider, with `key` as Argon2's secret input when given.
pub fn derive(provider: &str, secret: &str, key: Option<&Secret>) -> String {
    let params = Params::new(MEMORY_KIB, PASSES, LANES, Some(OUTPUT)).expect("fixed Argon2 parameters are valid");
    let blocks_needed = params.block_count();
    let argon = match key {
        Some(key) => Argon2::new_with_secret(key.expose().as_bytes(), Algorithm::Argon2id, Version::V0x13, params)
            .expect("an Argon2 secret of any length up to 4 GiB is valid"),
        None => Argon2::new(Algorithm::Argon2id, Version::V0x13, params),
    };
    let mut out = [0u8; OUTPUT];
    WORK_MEMORY.with_borrow_mut(|blocks| {
        blocks.resize(blocks_needed, Block::default());
        argon
            .hash_password_into_with_memory(secret.as_bytes(), &salt(provider), &mut out, blocks.as_mut_slice())
            .expect("output, salt and memory sizes are valid")
    });
    out.iter().map(|b| format!("{b:02x}")).collect()
}

/// 32 bytes: SHA-256 of the domain tag and the provider.
fn salt(provider: &str) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(DOMAIN);
    hasher.update([0u8]);
    hasher.update(provider.as_bytes());
    hasher.finalize().into()
}

fn cache_key(provider: &str, secret: &str) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(provider.as_bytes());
    hasher.update([0u8]);
    hasher.update(secret.as_bytes());
    hasher.finalize().into()
}

/// Is `text` a fingerprint of the first scheme (an unsalted SHA-256 of provider and
/// value)? Those are 64 hex digits too: only the file holding them tells them apart, by
/// its version or scheme field.
pub fn is_hex_fingerprint(text: &str) -> bool {
    text.len() == 2 * OUTPUT && text.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_depend_on_provider_value_and_key() {
        let plain = Fingerprinter::default();
        let fp = plain.of("github", "hunter2");
        assert_eq!(fp, plain.of("github", "hunter2"), "cached");
        assert_eq!(&*fp, derive("github", "hunter2", None), "same as a fresh derivation");
        assert!(is_hex_fingerprint(&fp));
        assert_ne!(fp, plain.of("gitlab", "hunter2"));
        assert_ne!(fp, plain.of("github", "hunter3"));
        let keyed = Fingerprinter::new(Some(Secret::new("team key")));
        assert_ne!(keyed.of("github", "hunter2"), fp);
        assert_eq!(keyed.scheme(), KEYED_SCHEME);
        assert_eq!(Fingerprinter::new(Some(Secret::new(""))).scheme(), SCHEME, "an empty key is no key");
    }

    #[test]
    fn a_fingerprint_is_not_the_plain_hash_a_guess_can_be_checked_against() {
        let old = format!("{:x}", Sha256::digest(b"github\0hunter2"));
        assert_ne!(derive("github", "hunter2", None), old);
    }

    #[test]
    fn the_derivation_is_pinned() {
        // Baselines and code-scanning alerts depend on this exact value: a change here
        // is a new scheme, with a new name and a baseline migration. The value agrees with
        // the reference C implementation (argon2-cffi's `hash_secret_raw`, type ID).
        assert_eq!(derive("github", "hunter2", None), PINNED);
    }

    const PINNED: &str = "1134e04e57e523325adba8f92e7c63e89eaac348258f6b1fe3286513ae4be75a";
}

//! Random identifiers and tokens from the operating system's generator, the hex they are
//! written in, and the hash they are kept as. One home for them, below both `auth` and `logging`.

use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// The SHA-256 of a text, as hex (how tokens are kept: only their hash is stored).
pub(crate) fn sha256(s: &str) -> String {
    hex(&Sha256::digest(s.as_bytes()))
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `n` random bytes from the OS generator, as hex.
pub fn random_hex(n: usize) -> String {
    hex(&random_bytes(n))
}

/// `n` random bytes from the OS generator.
pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    OsRng.fill_bytes(&mut buf);
    buf
}

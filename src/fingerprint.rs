//! Hashes that stand for inputs, so that a rebuild can tell what changed without comparing
//! everything. Seeds are fixed: a hash means the same in every run of the same binary.

use std::hash::{BuildHasher, Hash, Hasher};

fn state() -> ahash::RandomState {
    ahash::RandomState::with_seeds(0x5b0d, 0xe11, 0x5ea4, 0xc4)
}

/// The hash of `value`.
pub fn of(value: &impl Hash) -> u64 {
    state().hash_one(value)
}

/// A hasher to feed several values into.
pub fn hasher() -> impl Hasher {
    state().build_hasher()
}

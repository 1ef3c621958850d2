//! Any bytes as an exchange package: read and verified (size, JSON, format, rounds,
//! fingerprints, signatures, chain), then compared with a held chain. Never a panic.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::package(data));

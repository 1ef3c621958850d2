//! Any text as a Markdown SLA: imported into sections and clauses; a successful import must
//! be a valid agreement, and its redline against itself must be empty. Never a panic.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::markdown(data));

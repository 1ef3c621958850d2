//! Any text as a plain-text SLA: every word imported in order, and two versions cut at a line
//! `=====` redlined with both texts whole. Never a panic.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::text(data));

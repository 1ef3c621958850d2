//! Any text as a clause library: the input is cut at a line `=====` into a clause file and an
//! agreement template; when the library loads, every template is drafted in each position
//! (which runs the wording through minijinja). Never a panic.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::template(data));

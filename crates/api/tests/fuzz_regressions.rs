//! Replays the fuzz targets' seeds, the real SLAs, and every input that once made a fuzz target
//! fail (`fuzz/regressions/<target>/`) through the same checks the fuzzers run
//! (`fuzz/checks.rs`), so a fixed crash stays fixed without running a fuzzer.
#![allow(clippy::unwrap_used)] // a panic is a failed test

#[path = "../../../fuzz/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file under the given folders (recursively), with its path.
fn inputs(folders: &[&str]) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let mut pending: Vec<PathBuf> = folders.iter().map(|f| repository().join(f)).collect();
    while let Some(folder) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.file_name().is_some_and(|n| n != ".gitkeep") {
                found.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    found
}

fn replay(folders: &[&str], check: fn(&[u8])) -> usize {
    let inputs = inputs(folders);
    for (path, bytes) in &inputs {
        let outcome = std::panic::catch_unwind(|| check(bytes));
        assert!(outcome.is_ok(), "{} fails its fuzz check", path.display());
    }
    inputs.len()
}

#[test]
fn package_inputs_that_once_failed_stay_fixed() {
    assert!(
        replay(
            &["fuzz/seeds/package", "fuzz/regressions/package"],
            checks::package
        ) >= 1
    );
}

#[test]
fn template_inputs_that_once_failed_stay_fixed() {
    assert!(
        replay(
            &["fuzz/seeds/template", "fuzz/regressions/template"],
            checks::template
        ) >= 1
    );
}

#[test]
fn markdown_inputs_that_once_failed_stay_fixed() {
    let replayed = replay(
        &["tests/corpus/real", "fuzz/regressions/markdown"],
        checks::markdown,
    );
    assert!(replayed >= 20, "{replayed}");
}

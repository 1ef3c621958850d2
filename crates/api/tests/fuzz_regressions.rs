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

#[test]
fn text_inputs_that_once_failed_stay_fixed() {
    let replayed = replay(
        &["fuzz/seeds/text", "tests/corpus/real", "fuzz/regressions/text"],
        checks::text,
    );
    assert!(replayed >= 20, "{replayed}");
}

/// Each pair of consecutive revisions of every real document, read as Markdown and as plain
/// text, through the fuzzers' checks: every word imported, and the redline between them
/// holding both versions' clause texts whole.
#[test]
fn every_revision_pair_in_the_corpus_passes_the_fuzz_checks() {
    let root = repository().join("tests/corpus/real");
    let mut pairs = 0;
    for folder in std::fs::read_dir(&root).unwrap() {
        let folder = folder.unwrap().path();
        if !folder.is_dir() {
            continue;
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        for pair in files.windows(2) {
            let mut both = std::fs::read(&pair[0]).unwrap();
            both.extend_from_slice(b"\n=====\n");
            both.extend_from_slice(&std::fs::read(&pair[1]).unwrap());
            for check in [checks::markdown, checks::text] {
                let outcome = std::panic::catch_unwind(|| check(&both));
                assert!(
                    outcome.is_ok(),
                    "{} after {} fails its fuzz check",
                    pair[1].display(),
                    pair[0].display()
                );
            }
            pairs += 1;
        }
    }
    assert!(pairs >= 60, "{pairs} pairs");
}

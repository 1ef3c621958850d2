//! Benchmark: `sla redline OLD NEW --json` as a user runs it — the whole release process, from
//! start to the last byte of JSON read — against `git diff --no-index --word-diff=porcelain`
//! on the same two files, in the same run, at about 100k and 1M words (generated from the real
//! corpus by `crates/redline/tests/support/pairs.rs`: 2 % of the sentences edited, one
//! paragraph deleted, one moved).
//!
//! Two kinds of file per size: plain text (a title, then one numbered paragraph per clause,
//! "3.12 Text…", blank lines between, as a text export of a contract reads) and agreement files
//! (SLA Studio's JSON). Reports the median of 7 runs of each tool, the ratio, the hunks our
//! JSON reports against the true edits (and how many clauses carry exactly their edits), git's
//! hunks, and the peak resident memory of one run of each process.
//!
//! Run with `cargo bench -p sla-cli --bench redline_process` (`-- 100000` for one size).

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark that cannot run its workload should stop loudly

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "../../redline/tests/support/pairs.rs"]
#[allow(dead_code)] // the generator's other helpers serve the redline crate's own tests
mod pairs;

const RUNS: usize = 7;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Runs `command` to the end, its output read through a pipe; returns the time and the output.
fn timed(command: &mut Command) -> (Duration, Vec<u8>) {
    let start = Instant::now();
    let output = command
        .stderr(Stdio::inherit())
        .output()
        .expect("the command runs");
    (start.elapsed(), output.stdout)
}

/// The peak resident memory of one run, in MB: `/proc/PID/status`'s high-water mark read every
/// half millisecond until the process ends.
fn peak_mb(command: &mut Command) -> f64 {
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the command starts");
    let status = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    while child.try_wait().expect("wait").is_none() {
        if let Ok(text) = std::fs::read_to_string(&status)
            && let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak_kb = peak_kb.max(kb);
        }
        std::thread::sleep(Duration::from_micros(500));
    }
    peak_kb as f64 / 1024.0
}

/// The hunks our JSON reports per changed clause (keyed by the clause's text start, which is
/// the same for both kinds of file), as `pairs::hunks_per_clause` counts them.
fn our_hunks(json: &[u8]) -> Vec<usize> {
    let redline: serde_json::Value = serde_json::from_slice(json).expect("sla printed JSON");
    let mut hunks = Vec::new();
    for clause in redline["clauses"].as_array().expect("clauses") {
        let edits = clause["words"]["edits"].as_array().map_or(0, Vec::len);
        hunks.push(match clause["kind"].as_str().unwrap_or("") {
            "inserted" | "deleted" | "moved" => 1,
            "modified" => edits,
            "moved_and_modified" => 1 + edits,
            _ => 0,
        });
    }
    hunks.retain(|&h| h > 0);
    hunks
}

/// A version as a plain-text contract: a title, then each clause as a numbered paragraph.
fn plain_text(agreement: &sla_model::Agreement) -> String {
    let mut out = format!("{}\n\n", agreement.title.as_str());
    for (s, section) in agreement.sections.iter().enumerate() {
        for (c, clause) in section.clauses.iter().enumerate() {
            out.push_str(&format!("{}.{} {}\n\n", s + 1, c + 1, clause.text));
        }
    }
    out
}

struct Figures {
    time: Duration,
    peak_mb: f64,
    hunks: usize,
}

fn sla(binary: &Path, old: &Path, new: &Path) -> (Figures, Vec<usize>) {
    let run = || {
        let mut command = Command::new(binary);
        command.arg("redline").arg(old).arg(new).arg("--json");
        command
    };
    let (_, json) = timed(&mut run());
    let hunks = our_hunks(&json);
    let time = median((0..RUNS).map(|_| timed(&mut run()).0).collect());
    let figures = Figures {
        time,
        peak_mb: peak_mb(&mut run()),
        hunks: hunks.iter().sum(),
    };
    (figures, hunks)
}

fn git(old: &Path, new: &Path) -> Figures {
    let run = || {
        let mut command = Command::new("git");
        command
            .args(["diff", "--no-index", "--no-color", "--word-diff=porcelain", "-U0"])
            .arg(old)
            .arg(new);
        command
    };
    let (_, porcelain) = timed(&mut run());
    let time = median((0..RUNS).map(|_| timed(&mut run()).0).collect());
    Figures {
        time,
        peak_mb: peak_mb(&mut run()),
        hunks: pairs::git_hunks(&String::from_utf8_lossy(&porcelain)),
    }
}

fn main() {
    let binary = Path::new(env!("CARGO_BIN_EXE_sla"));
    let sizes: Vec<usize> = match std::env::args().skip(1).find_map(|a| a.parse().ok()) {
        Some(size) => vec![size],
        None => vec![100_000, 1_000_000],
    };
    println!(
        "{:>9} {:>5} {:>8} {:>5} | {:>9} {:>7} {:>6} {:>9} | {:>9} {:>7} {:>6} | {:>6}",
        "words", "file", "size", "edits", "sla", "peak", "hunks", "exact", "git", "peak", "hunks", "ratio"
    );
    // `BENCH_FILES=DIR` keeps the generated files there, to profile or compare by hand.
    let kept = std::env::var_os("BENCH_FILES").map(std::path::PathBuf::from);
    let temporary = tempfile::tempdir().expect("a temporary folder");
    let dir = kept.as_deref().unwrap_or(temporary.path());
    for words in sizes {
        let pair = pairs::generate(words, 20_261_125);
        // Edits per changed clause, in the newer version's order, as a perfect redline has them.
        let mut truth: BTreeMap<&str, usize> = BTreeMap::new();
        for (clause, n) in &pair.edits_per_clause {
            truth.insert(clause.as_str(), *n);
        }
        let kinds: [(&str, String, String); 2] = [
            ("text", plain_text(&pair.old), plain_text(&pair.new)),
            ("json", pair.old.to_json_pretty(), pair.new.to_json_pretty()),
        ];
        for (kind, old_text, new_text) in kinds {
            let extension = if kind == "text" { "txt" } else { "json" };
            let old = dir.join(format!("old-{words}.{extension}"));
            let new = dir.join(format!("new-{words}.{extension}"));
            std::fs::write(&old, &old_text).expect("write");
            std::fs::write(&new, &new_text).expect("write");
            let (ours, per_clause) = sla(binary, &old, &new);
            let theirs = git(&old, &new);
            // A clause is exact when its hunks equal its true edits; compared as multisets,
            // since the text files' clauses carry ids by position rather than the pair's ids.
            let mut expected: Vec<usize> = truth.values().copied().collect();
            let mut reported = per_clause.clone();
            expected.sort_unstable();
            reported.sort_unstable();
            let exact = if expected == reported {
                format!("{} of {}", per_clause.len(), truth.len())
            } else {
                format!("differ ({} of {})", per_clause.len(), truth.len())
            };
            println!(
                "{:>9} {:>5} {:>5.1} MB {:>5} | {:>6.1} ms {:>4.0} MB {:>6} {:>9} | {:>6.1} ms {:>4.0} MB {:>6} | {:>6.2}",
                pair.words,
                kind,
                old_text.len() as f64 / 1e6,
                pair.true_edits(),
                ms(ours.time),
                ours.peak_mb,
                ours.hunks,
                exact,
                ms(theirs.time),
                theirs.peak_mb,
                theirs.hunks,
                ours.time.as_secs_f64() / theirs.time.as_secs_f64(),
            );
        }
    }
}

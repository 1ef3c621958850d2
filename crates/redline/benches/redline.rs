//! Benchmark: redlines of generated agreement pairs of about 10k, 100k and 1M words with a
//! known edit script (2 % of sentences edited: numbers, words, rewordings, inserted and
//! deleted sentences; one paragraph deleted, one moved; see `tests/support/pairs.rs`), side
//! by side with `git diff --no-index --word-diff=porcelain` on the same pair written one
//! paragraph per line, the tool a user would otherwise reach for. Reports the median time of
//! each, the hunks each reports against the true edits, and for ours how many clauses were
//! reported with exactly their edits. Run with `cargo bench -p sla-redline --bench redline`
//! (`-- 10000` for one size).

use std::process::Command;
use std::time::{Duration, Instant};

#[path = "../tests/support/pairs.rs"]
mod pairs;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sizes: Vec<usize> = match std::env::args().skip(1).find_map(|a| a.parse().ok()) {
        Some(size) => vec![size],
        None => vec![10_000, 100_000, 1_000_000],
    };
    println!(
        "{:>9} {:>7} {:>6} | {:>11} {:>6} {:>14} | {:>11} {:>6} | {:>7}",
        "words", "clauses", "edits", "sla-redline", "hunks", "exact clauses", "git", "hunks", "ratio"
    );
    for words in sizes {
        let pair = pairs::generate(words, 20_261_125);
        let runs = if words >= 1_000_000 { 5 } else { 11 };

        let mut redline = sla_redline::redline(&pair.old, &pair.new, None);
        let mut ours = Vec::new();
        for _ in 0..runs {
            let start = Instant::now();
            redline = sla_redline::redline(&pair.old, &pair.new, None);
            ours.push(start.elapsed());
        }
        let reported = pairs::hunks_per_clause(&redline);
        let exact = pair
            .edits_per_clause
            .iter()
            .filter(|(clause, n)| reported.get(*clause) == Some(n))
            .count();
        let our_hunks: usize = reported.values().sum();

        let dir = tempfile::tempdir()?;
        let (a, b) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
        let (old_text, new_text) = pair.texts();
        std::fs::write(&a, old_text)?;
        std::fs::write(&b, new_text)?;
        let mut git = Vec::new();
        let mut porcelain = String::new();
        for _ in 0..runs.min(5) {
            let start = Instant::now();
            let output = Command::new("git")
                .args(["diff", "--no-index", "--no-color", "--word-diff=porcelain", "-U0"])
                .arg(&a)
                .arg(&b)
                .output()?;
            git.push(start.elapsed());
            porcelain = String::from_utf8_lossy(&output.stdout).into_owned();
        }
        let (ours, git) = (median(ours), median(git));
        println!(
            "{:>9} {:>7} {:>6} | {:>8.2} ms {:>6} {:>6} of {:<5} | {:>8.1} ms {:>6} | {:>7.3}",
            pair.words,
            pair.old.sections.iter().map(|s| s.clauses.len()).sum::<usize>(),
            pair.true_edits(),
            ms(ours),
            our_hunks,
            exact,
            pair.edits_per_clause.len(),
            ms(git),
            pairs::git_hunks(&porcelain),
            ours.as_secs_f64() / git.as_secs_f64(),
        );
        println!("          edit script: {:?}", pair.edits);
    }
    Ok(())
}

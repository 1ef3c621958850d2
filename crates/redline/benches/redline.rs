//! Benchmark: the redline of a 100,000-word agreement against a counter-proposal with 75
//! edits (reworded phrases, changed numbers, inserted and deleted words), one per clause, and
//! the same pair through `git diff --no-index --word-diff` (one paragraph per line), the tool a
//! user would otherwise reach for. Reports the time of each and how many of the 75 edits each
//! splits into more than one hunk. Run with `cargo bench -p sla-redline --bench redline`.

use std::process::Command;
use std::time::{Duration, Instant};

use sla_model::{Agreement, AgreementId, Clause, ClauseId, PartyRole, Section, SectionId};

const RUNS: usize = 7;
const EDITS: usize = 75;
const WORDS: usize = 100_000;

/// A small deterministic generator, so every run measures the same pair.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

fn corpus_paragraphs() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/real");
    let mut paragraphs = Vec::new();
    for folder in ["commonpaper-sla", "commonpaper-csa", "basecamp-sla"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "md")) {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            if let Ok(agreement) =
                sla_import::import_markdown(&text, AgreementId::random(), "x", PartyRole::Customer, "")
            {
                for clause in agreement.sections.iter().flat_map(|s| &s.clauses) {
                    if clause.text.split_whitespace().count() >= 40 && !clause.text.contains('\n') {
                        paragraphs.push(clause.text.clone());
                    }
                }
            }
        }
    }
    paragraphs.sort();
    paragraphs.dedup();
    paragraphs
}

fn agreement(paragraphs: &[String]) -> Agreement {
    let mut agreement = Agreement::blank(
        AgreementId::random(),
        sla_model::Title::new("Benchmark").unwrap_or_else(|_| unreachable!()),
        PartyRole::Customer,
        "Vendor",
    );
    for (s, chunk) in paragraphs.chunks(20).enumerate() {
        agreement.sections.push(Section {
            id: SectionId::new(format!("s{s}")).unwrap_or_else(|_| unreachable!()),
            heading: format!("Part {}", s + 1),
            clauses: chunk
                .iter()
                .enumerate()
                .map(|(c, text)| Clause {
                    id: ClauseId::new(format!("clause-{}", s * 20 + c)).unwrap_or_else(|_| unreachable!()),
                    heading: format!("Clause {}", s * 20 + c + 1),
                    text: text.clone(),
                })
                .collect(),
        });
    }
    agreement
}

/// One realistic edit of a paragraph: reword a phrase (keeping a shared "the"/"of" inside
/// it), change a number, insert a qualifier, or delete a few words.
fn edit(text: &str, rng: &mut Lcg) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let at = 3 + rng.next(words.len().saturating_sub(12));
    let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
    match rng.next(4) {
        0 => {
            let replacement = [
                "within", "the", "period", "of", "notice", "given", "by", "either", "party",
            ];
            out.splice(at..at + 5, replacement.iter().map(|w| (*w).to_owned()));
        }
        1 => {
            out.insert(at, "ninety (90)".to_owned());
            out.remove(at + 1);
        }
        2 => out.insert(at, "reasonably and in good faith".to_owned()),
        _ => {
            out.drain(at..at + 3);
        }
    }
    out.join(" ")
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = corpus_paragraphs();
    if base.is_empty() {
        return Err("no corpus paragraphs found under tests/corpus/real".into());
    }
    let mut paragraphs = Vec::new();
    let mut words = 0;
    let mut n = 0;
    while words < WORDS {
        let text = format!("({}) {}", n + 1, base[n % base.len()]);
        words += text.split_whitespace().count();
        paragraphs.push(text);
        n += 1;
    }
    let mut rng = Lcg(20_261_125);
    let mut edited = paragraphs.clone();
    let mut targets = Vec::new();
    while targets.len() < EDITS {
        let i = rng.next(paragraphs.len());
        if !targets.contains(&i) {
            targets.push(i);
            edited[i] = edit(&paragraphs[i], &mut rng);
        }
    }
    let (old, new) = (agreement(&paragraphs), agreement(&edited));
    println!(
        "workload: {} words in {} clauses, {EDITS} edits (one per clause); median of {RUNS} runs",
        words,
        paragraphs.len()
    );

    let mut ours = Vec::new();
    let mut redline = sla_redline::redline(&old, &new, None);
    for _ in 0..RUNS {
        let start = Instant::now();
        redline = sla_redline::redline(&old, &new, None);
        ours.push(start.elapsed());
    }
    let changed: Vec<_> = redline.changed().collect();
    let our_split = changed.iter().filter(|c| c.words.edits.len() > 1).count();

    let dir = tempfile::tempdir()?;
    let (a, b) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
    std::fs::write(&a, paragraphs.join("\n") + "\n")?;
    std::fs::write(&b, edited.join("\n") + "\n")?;
    let mut git_times = Vec::new();
    let mut porcelain = String::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let output = Command::new("git")
            .args(["diff", "--no-index", "--no-color", "--word-diff=porcelain", "-U0"])
            .arg(&a)
            .arg(&b)
            .output()?;
        git_times.push(start.elapsed());
        porcelain = String::from_utf8_lossy(&output.stdout).into_owned();
    }
    // In porcelain output each changed line ends with `~`; within a line, runs of `-`/`+`
    // lines separated by ` ` context lines are separate hunks.
    let mut git_split = 0;
    let mut git_changed = 0;
    let mut hunks_in_line = 0;
    let mut in_change = false;
    for line in porcelain.lines().skip_while(|l| !l.starts_with("@@")) {
        match line.chars().next() {
            Some('@') => {}
            Some('-' | '+') if !in_change => {
                hunks_in_line += 1;
                in_change = true;
            }
            Some(' ') => in_change = false,
            Some('~') => {
                if hunks_in_line > 0 {
                    git_changed += 1;
                }
                if hunks_in_line > 1 {
                    git_split += 1;
                }
                hunks_in_line = 0;
                in_change = false;
            }
            _ => {}
        }
    }

    let (ours, git) = (median(ours), median(git_times));
    println!(
        "{:<34} {:>10} {:>16} {:>22}",
        "", "median", "changed clauses", "edits split in pieces"
    );
    println!(
        "{:<34} {:>8.1} ms {:>16} {:>22}",
        "sla-redline (clauses, then words)",
        ours.as_secs_f64() * 1e3,
        changed.len(),
        our_split
    );
    println!(
        "{:<34} {:>8.1} ms {:>16} {:>22}",
        "git diff --word-diff",
        git.as_secs_f64() * 1e3,
        git_changed,
        git_split
    );
    println!(
        "time ratio sla-redline / git: {:.2}",
        ours.as_secs_f64() / git.as_secs_f64()
    );

    // A second workload: one clause moved from the first section to the last.
    let mut moved = old.clone();
    let clause = moved.sections[0].clauses.remove(3);
    if let Some(last) = moved.sections.last_mut() {
        last.clauses.push(clause);
    }
    let redline = sla_redline::redline(&old, &moved, None);
    let kinds: Vec<_> = redline.changed().map(|c| c.kind).collect();
    let moved_text: Vec<String> = moved
        .sections
        .iter()
        .flat_map(|s| s.clauses.iter().map(|c| c.text.clone()))
        .collect();
    std::fs::write(&b, moved_text.join("\n") + "\n")?;
    let output = Command::new("git")
        .args(["diff", "--no-index", "--no-color", "--word-diff=porcelain", "-U0"])
        .arg(&a)
        .arg(&b)
        .output()?;
    let porcelain = String::from_utf8_lossy(&output.stdout);
    let changed_words: usize = porcelain
        .lines()
        .skip_while(|l| !l.starts_with("@@"))
        .filter(|l| l.starts_with('-') || l.starts_with('+'))
        .map(|l| l[1..].split_whitespace().count())
        .sum();
    println!(
        "one clause moved: sla-redline reports {kinds:?}; git word diff marks {changed_words} words deleted or inserted"
    );
    Ok(())
}

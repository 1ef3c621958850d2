//! Benchmark: two named workloads made into PDFs by sla-pdf in process, side by side with
//! Chromium's headless print-to-PDF of the same text as HTML (the route a user would take by
//! printing a web page):
//! - "agreement": an agreement of about 100 pages (generated from real corpus sentences);
//! - "redline": the full redline (unchanged clauses included) of a 100k-word pair with a known
//!   edit script, about 190 pages.
//!
//! Reports the median time of 5 runs and the peak memory of one run (ours: the growth of the
//! process's peak resident set while making the PDF, after the input was built; Chromium's:
//! the largest sum of resident memory over its whole process tree, sampled every 5 ms).
//! Run with `cargo bench -p sla-pdf --bench pdf`; without `chromium` on the PATH, only our
//! figures are printed.

#![allow(clippy::expect_used)] // a benchmark that cannot run its workload should stop loudly

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use sla_pdf::{Paper, RedlineDocument, Side, Version};
use sla_redline::PieceKind;

#[allow(dead_code)] // the generator's test helpers
#[path = "../../redline/tests/support/pairs.rs"]
mod pairs;

const RUNS: usize = 5;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// Runs `make` once and returns how far the process's peak resident memory rose above what
/// it held before (resetting the peak first, as Linux allows through clear_refs).
fn peak_growth_mb(make: impl FnOnce() -> Vec<u8>) -> f64 {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = status_kb("VmRSS:");
    let bytes = make();
    let peak = status_kb("VmHWM:");
    drop(bytes);
    peak.saturating_sub(before) as f64 / 1024.0
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

const STYLE: &str = "<style>@page{size:A4;margin:25mm} body{font-family:'Liberation Serif',serif;font-size:11pt;text-align:justify} h2{font-size:14pt} h3{font-size:11pt} ins{color:#0046b4} del{color:#be1414}</style>";

fn agreement_html(agreement: &sla_model::Agreement) -> String {
    let mut html = format!(
        "<!doctype html><meta charset=utf-8>{STYLE}<h1>{}</h1>",
        escape(agreement.title.as_str())
    );
    for (s, section) in agreement.sections.iter().enumerate() {
        let _ = write!(html, "<h2>{}. {}</h2>", s + 1, escape(&section.heading));
        for (c, clause) in section.clauses.iter().enumerate() {
            let text = sla_templates::clause_text(agreement, clause, sla_templates::RenderFormat::Text);
            let _ = write!(
                html,
                "<h3>{}.{} {}</h3><p>{}</p>",
                s + 1,
                c + 1,
                escape(&clause.heading),
                escape(&text)
            );
        }
    }
    html
}

fn redline_html(redline: &sla_redline::Redline) -> String {
    let mut html = format!("<!doctype html><meta charset=utf-8>{STYLE}<h1>Redline</h1>");
    for clause in &redline.clauses {
        let number = clause
            .new_number
            .as_ref()
            .or(clause.old_number.as_ref())
            .cloned()
            .unwrap_or_default();
        let _ = write!(html, "<h3>{number} {}</h3><p>", escape(&clause.heading));
        for piece in &clause.words.pieces {
            let text = escape(&piece.text);
            let _ = match piece.kind {
                PieceKind::Same => write!(html, "{text}"),
                PieceKind::Deleted => write!(html, "<del>{text}</del>"),
                PieceKind::Inserted => write!(html, "<ins>{text}</ins>"),
            };
        }
        html.push_str("</p>");
    }
    html
}

/// The resident memory of a process and all its descendants, in kB.
fn tree_rss_kb(root: u32) -> u64 {
    let page_kb = 4;
    let mut parents = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
                continue;
            };
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // The fields after the command name (which may hold spaces) start after ')'.
            let ppid = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1)?.parse::<u32>().ok());
            let rss = std::fs::read_to_string(format!("/proc/{pid}/statm"))
                .ok()
                .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
                .unwrap_or(0);
            if let Some(ppid) = ppid {
                parents.push((pid, ppid, rss * page_kb));
            }
        }
    }
    let mut tree = vec![root];
    let mut changed = true;
    while changed {
        changed = false;
        for (pid, ppid, _) in &parents {
            if tree.contains(ppid) && !tree.contains(pid) {
                tree.push(*pid);
                changed = true;
            }
        }
    }
    parents
        .iter()
        .filter(|(pid, _, _)| tree.contains(pid))
        .map(|(_, _, rss)| rss)
        .sum()
}

/// Chromium's headless print of `html`: (time, peak MB over its process tree, pages).
fn chromium(html: &str, dir: &Path) -> Option<(Duration, f64, usize)> {
    let input = dir.join("in.html");
    let output = dir.join("chromium.pdf");
    std::fs::write(&input, html).ok()?;
    let start = Instant::now();
    let mut child = Command::new("chromium")
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-pdf-header-footer",
            &format!("--user-data-dir={}", dir.join("profile").display()),
            &format!("--print-to-pdf={}", output.display()),
        ])
        .arg(&input)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    let mut peak = 0;
    while child.try_wait().ok()?.is_none() {
        peak = peak.max(tree_rss_kb(child.id()));
        std::thread::sleep(Duration::from_millis(5));
    }
    let elapsed = start.elapsed();
    let pages = pages(&std::fs::read(&output).ok()?);
    Some((elapsed, peak as f64 / 1024.0, pages))
}

/// Pages in a PDF, by its page objects.
fn pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    let compact = b"/Type/Page";
    let count = |n: &[u8]| {
        pdf.windows(n.len())
            .enumerate()
            .filter(|(i, w)| *w == n && pdf.get(i + n.len()) != Some(&b's'))
            .count()
    };
    count(needle) + count(compact)
}

fn report(name: &str, make: &dyn Fn() -> Vec<u8>, html: &str, dir: &Path) {
    let bytes = make();
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let pdf = make();
        times.push(start.elapsed());
        assert_eq!(pdf, bytes, "the same input gives the same bytes");
    }
    let ours = median(times);
    // Memory in a fresh process: freed memory reused within this one would hide the peak.
    let memory: f64 = Command::new(std::env::current_exe().expect("this benchmark's path"))
        .args(["--memory", name])
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(f64::NAN);
    println!(
        "{name:<10} sla-pdf   {:>5} pages {:>8.0} ms {:>7.1} MB peak {:>7} KB",
        pages(&bytes),
        ours.as_secs_f64() * 1e3,
        memory,
        bytes.len() / 1024
    );
    let mut runs = Vec::new();
    for _ in 0..3 {
        match chromium(html, dir) {
            Some(run) => runs.push(run),
            None => {
                println!("{name:<10} chromium  (not run: no `chromium` on the PATH)");
                return;
            }
        }
    }
    runs.sort_by_key(|run| run.0);
    let (time, peak, count) = runs[1];
    println!(
        "{name:<10} chromium  {count:>5} pages {:>8.0} ms {peak:>7.1} MB peak (median of 3; ratio sla-pdf/chromium: time {:.3})",
        time.as_secs_f64() * 1e3,
        ours.as_secs_f64() / time.as_secs_f64()
    );
}

fn printed_at() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_800_000_000).unwrap_or_default()
}

fn agreement_workload() -> (sla_model::Agreement, String) {
    let agreement = pairs::generate(52_000, 7).old;
    let html = agreement_html(&agreement);
    (agreement, html)
}

fn agreement_pdf(agreement: &sla_model::Agreement) -> Vec<u8> {
    let version = Version {
        agreement,
        round: None,
        printed_at: printed_at(),
    };
    sla_pdf::agreement_pdf(&version, Paper::A4).unwrap_or_default()
}

fn redline_workload() -> (sla_redline::Redline, String) {
    let pair = pairs::generate(100_000, 20_261_125);
    let redline = sla_redline::redline(&pair.old, &pair.new, None);
    let html = redline_html(&redline);
    (redline, html)
}

fn redline_pdf(redline: &sla_redline::Redline) -> Vec<u8> {
    let side = |label: &str| Side {
        label: label.to_owned(),
        fingerprint: None,
    };
    let document = RedlineDocument {
        title: "Benchmark".into(),
        from: side("old"),
        to: side("new"),
        redline,
        include_unchanged: true,
        printed_at: printed_at(),
    };
    sla_pdf::redline_pdf(&document, Paper::A4).unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--memory") {
        let growth = match args.get(at + 1).map(String::as_str) {
            Some("agreement") => {
                let (agreement, _) = agreement_workload();
                peak_growth_mb(|| agreement_pdf(&agreement))
            }
            _ => {
                let (redline, _) = redline_workload();
                peak_growth_mb(|| redline_pdf(&redline))
            }
        };
        println!("{growth}");
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (agreement, html) = agreement_workload();
    report("agreement", &|| agreement_pdf(&agreement), &html, dir.path());
    let (redline, html) = redline_workload();
    report("redline", &|| redline_pdf(&redline), &html, dir.path());
}

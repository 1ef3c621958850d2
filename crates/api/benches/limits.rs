//! Hostile inputs at and beyond each limit, each written to a file and read by a fresh process
//! the way SLA Studio reads it (a package through `read_package_file`, which checks the size
//! before reading; the other files read whole): which typed error refuses it, how long reading
//! and refusing take, and the peak memory of that whole process (VmHWM) — so a huge or deeply
//! nested file is shown to be refused quickly in bounded memory.
//!
//! `cargo bench -p sla-api --bench limits`
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark may panic on a broken setup

use std::process::Command;
use std::time::Instant;

use sla_model::{Agreement, AgreementId, Identity, PartyRole, Round, Title};

/// Each case: its name, and what it is.
const CASES: &[(&str, &str)] = &[
    (
        "package-65MB",
        "65 MB of spaces as a package (over the 64 MB limit)",
    ),
    ("package-nested", "100,000 nested JSON arrays as a package"),
    ("package-1001-rounds", "a signed, chained package of 1,001 rounds"),
    (
        "package-10M-clause",
        "one round whose clause holds 10,000,000 characters",
    ),
    (
        "package-60MB-message",
        "one round whose message is 60 MB (under the package limit)",
    ),
    ("markdown-33MB", "33 MB of Markdown (over the 32 MB limit)"),
    ("markdown-nested", "100,000 nested block quotes"),
    ("template-2MB", "a 2 MB clause file (over the 1 MB limit)"),
    ("template-nested", "a clause file with 100,000 nested arrays"),
];

fn agreement() -> Agreement {
    let mut agreement = Agreement::blank(
        AgreementId::parse("6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11").unwrap(),
        Title::new("Hosting SLA").unwrap(),
        PartyRole::Customer,
        "Cloudy Ltd",
    );
    agreement.parties.customer.name = "Acme".into();
    agreement
}

/// A chain of rounds signed like real ones (no validation: some cases break the limits).
fn signed_chain(count: u32, snapshot: &Agreement, message: &str) -> Vec<Round> {
    let key = Identity::from_secret([1; 32]);
    let mut rounds: Vec<Round> = Vec::new();
    for n in 1..=count {
        let mut round = Round {
            number: n,
            author: PartyRole::Customer,
            proposed_at: jiff::Timestamp::from_second(1_800_000_000).unwrap(),
            message: message.to_owned(),
            previous: rounds.last().map(Round::hash),
            snapshot: snapshot.clone(),
            comments: Vec::new(),
            signature: None,
        };
        key.sign(&mut round);
        rounds.push(round);
    }
    rounds
}

fn package_json(rounds: &[Round]) -> Vec<u8> {
    let package = serde_json::json!({
        "package_format": sla_exchange::PACKAGE_FORMAT,
        "agreement_id": rounds[0].snapshot.id,
        "rounds": rounds
            .iter()
            .map(|r| serde_json::json!({ "hash": r.hash(), "round": r }))
            .collect::<Vec<_>>(),
    });
    serde_json::to_vec(&package).unwrap()
}

fn input(case: &str) -> Vec<u8> {
    match case {
        "package-65MB" => vec![b' '; 65 * 1024 * 1024],
        "package-nested" => ("[".repeat(100_000) + &"]".repeat(100_000)).into_bytes(),
        "package-1001-rounds" => package_json(&signed_chain(1_001, &agreement(), "")),
        "package-10M-clause" => {
            let mut snapshot = agreement();
            snapshot.sections.push(
                serde_json::from_value(serde_json::json!({
                    "id": "s1", "heading": "Service levels",
                    "clauses": [{ "id": "c1", "heading": "Availability", "text": "a".repeat(10_000_000) }]
                }))
                .unwrap(),
            );
            package_json(&signed_chain(1, &snapshot, ""))
        }
        "package-60MB-message" => package_json(&signed_chain(1, &agreement(), &"m".repeat(60 * 1024 * 1024))),
        "markdown-33MB" => "Words and more words.\n"
            .repeat(33 * 1024 * 1024 / 22 + 1)
            .into_bytes(),
        "markdown-nested" => (">".repeat(100_000) + " deep\n").into_bytes(),
        "template-2MB" => format!("id = \"x\"\nsummary = \"{}\"\n", "s".repeat(2 * 1024 * 1024)).into_bytes(),
        "template-nested" => format!("id = {}1{}\n", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
        other => panic!("unknown case {other}"),
    }
}

/// Reads the input the way SLA Studio does; the outcome as text.
fn read(case: &str, bytes: &[u8]) -> String {
    let outcome = if case.starts_with("package") {
        sla_exchange::read_package(bytes)
            .map(drop)
            .map_err(|e| format!("{e:?}"))
    } else if case.starts_with("markdown") {
        let text = std::str::from_utf8(bytes).unwrap();
        sla_import::import_markdown(text, AgreementId::random(), "x", PartyRole::Customer, "y")
            .map(drop)
            .map_err(|e| format!("{e:?}"))
    } else {
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        sla_templates::Library::from_files(vec![("clauses/x.toml".into(), text)])
            .map(drop)
            .map_err(|e| format!("{e:?}"))
    };
    match outcome {
        Ok(()) => "accepted".to_owned(),
        Err(error) => error.chars().take(100).collect(),
    }
}

fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--case") {
        let (case, file) = (&args[2], &args[3]);
        let started = Instant::now();
        let file = std::path::Path::new(file);
        let outcome = if case.starts_with("package") {
            match sla_api::read_package_file(file) {
                Ok(bytes) => read(case, &bytes),
                Err(error) => error.message,
            }
        } else {
            read(case, &std::fs::read(file).unwrap())
        };
        let elapsed = started.elapsed();
        println!(
            "| {case} | {:.1} MB | {:.1} ms | {:.1} MB | {outcome} |",
            std::fs::metadata(file).unwrap().len() as f64 / 1_048_576.0,
            elapsed.as_secs_f64() * 1000.0,
            peak_kb() as f64 / 1024.0
        );
        return;
    }
    println!("| case | file | read and answered in | peak memory of the process | outcome |");
    println!("| --- | ---: | ---: | ---: | --- |");
    let folder = std::env::temp_dir().join(format!("sla-limits-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    for (case, what) in CASES {
        let file = folder.join(case);
        std::fs::write(&file, input(case)).unwrap();
        let output = Command::new(std::env::current_exe().unwrap())
            .arg("--case")
            .arg(case)
            .arg(&file)
            .output()
            .unwrap();
        std::fs::remove_file(&file).unwrap();
        print!("{}", String::from_utf8_lossy(&output.stdout));
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            println!(
                "| {case} | ({what}) | | | FAILED: {} |",
                stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("")
            );
        }
    }
    std::fs::remove_dir_all(&folder).unwrap();
}

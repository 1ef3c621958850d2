//! Crash safety, counted: a worker process does what the app does to a workspace — edits a
//! clause, proposes rounds, imports the other side's packages and their Word replies, writes
//! its own package file — and prints a line after each operation returns (what the app would
//! have shown the user as done). The harness kills it with SIGKILL at a random moment, again
//! and again; after each kill the database must pass `PRAGMA integrity_check`, every
//! acknowledged operation must still be there, every round must still match its fingerprint
//! and signature, a Word reply's round must never be stored without the draft that follows
//! it, and the package file must be whole (old or new, never half-written).
//!
//! The worker is this test binary run again with `CRASH_WORKER_DIR` set (the `crash_worker`
//! test does nothing otherwise). `CRASH_KILLS=N` sets the number of kills (default 100;
//! `scripts/test-all.sh` runs 1,000).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use sla_api::{Backend, TemplateRequest};
use sla_model::PartyRole;
use sla_templates::Position;

#[path = "support/word_file.rs"]
mod word_file;

const CLAUSE: &str = "review";
const PACKAGES: usize = 40;

fn now() -> Timestamp {
    Timestamp::now()
}

fn draft(backend: &Backend, counterparty: &str, role: PartyRole) -> String {
    let request = TemplateRequest {
        template: "saas-availability".into(),
        position: Position::Balanced,
        our_role: role,
        title: None,
        counterparty: counterparty.into(),
        our_name: "Acme Retail plc".into(),
        options: Default::default(),
        set: Default::default(),
    };
    backend
        .create_from_template(request, now())
        .unwrap()
        .id
        .to_string()
}

/// The edit number written into the clause, or 0.
fn edit_number(backend: &Backend, id: &str) -> u64 {
    let record = backend.open_agreement(id).unwrap();
    let clause = record
        .agreement
        .locate_clause(CLAUSE)
        .map(|(s, c)| &record.agreement.sections[s].clauses[c]);
    clause
        .and_then(|c| c.text.rsplit("Edit number ").next())
        .and_then(|tail| tail.trim_end_matches('.').parse().ok())
        .unwrap_or(0)
}

/// A Word reply to `docx` (our latest round exported for Word): the other side changed the
/// review clause without Track Changes.
fn word_reply(docx: &[u8]) -> Vec<u8> {
    let edit = |xml: String| {
        assert!(xml.contains(OUR_REVIEW), "the exported review clause");
        xml.replacen(OUR_REVIEW, THEIR_REVIEW, 1)
    };
    word_file::edited(docx, edit, &[])
}

const OUR_REVIEW: &str = "The parties review this Agreement every year.";
const THEIR_REVIEW: &str = "The parties review this Agreement every two years.";

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}").unwrap();
    out.flush().unwrap();
}

/// The worker: runs until killed.
#[test]
fn crash_worker() {
    let Ok(dir) = std::env::var("CRASH_WORKER_DIR") else {
        return;
    };
    let dir = PathBuf::from(dir);
    let id = std::env::var("CRASH_AGREEMENT").unwrap();
    let packages = PathBuf::from(std::env::var("CRASH_PACKAGES").unwrap());
    let mut seed: u64 = std::env::var("CRASH_SEED").unwrap().parse().unwrap();
    let backend = Backend::open(&dir);
    // Loads the clause library, as the app does before the user's first edit.
    backend.agreement_view(&id).unwrap();
    say("opened");
    let mut edited_since_round = false;
    loop {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        match (seed >> 33) % 8 {
            0..=3 => {
                let n = edit_number(&backend, &id) + 1;
                say(&format!("begin edit {n}"));
                let text = format!("{OUR_REVIEW} Edit number {n}.");
                backend
                    .set_clause_text(&id, CLAUSE, "Review", &text, now())
                    .unwrap();
                say(&format!("ack edit {n}"));
                edited_since_round = true;
            }
            4 | 5 if edited_since_round => {
                let r = backend.open_agreement(&id).unwrap().rounds.len() + 1;
                say(&format!("begin propose {r}"));
                backend.propose_round(&id, &format!("Round {r}"), now()).unwrap();
                say(&format!("ack propose {r}"));
                edited_since_round = false;
            }
            6 => {
                let held = backend.list_agreements().unwrap().len() - 1;
                if held < PACKAGES {
                    say(&format!("begin import {held}"));
                    let bytes = std::fs::read(packages.join(format!("{held}.slapkg"))).unwrap();
                    backend.import_package(&bytes, None, now()).unwrap();
                    say(&format!("ack import {held}"));
                }
            }
            7 if seed >> 40 & 1 == 0 => {
                // The other side answers our latest round in Word.
                let record = backend.open_agreement(&id).unwrap();
                let ours = record.summary.our_role;
                if record.rounds.last().is_some_and(|r| r.author == ours) {
                    let r = record.rounds.len() + 1;
                    say(&format!("begin reply {r}"));
                    let docx = backend.export_docx(&id, None, now()).unwrap();
                    let reply = word_reply(&docx);
                    let imported = backend
                        .import_word_reply(&id, &reply, "reply.docx", None, now())
                        .unwrap();
                    assert_eq!(imported.round, Some(u32::try_from(r).unwrap()));
                    say(&format!("ack reply {r}"));
                }
            }
            _ => {
                let rounds = backend.open_agreement(&id).unwrap().rounds.len();
                if rounds > 0 {
                    say(&format!("begin export {rounds}"));
                    backend.write_package(&id, &dir.join("ours.slapkg")).unwrap();
                    say(&format!("ack export {rounds}"));
                }
            }
        }
    }
}

/// What the worker acknowledged before it was killed, and what it was doing.
#[derive(Default)]
struct Acknowledged {
    edit: u64,
    rounds: usize,
    imports: Vec<usize>,
    export: usize,
    interrupted: Option<String>,
}

fn read_log(output: &str) -> Acknowledged {
    let mut acked = Acknowledged::default();
    for line in output.lines() {
        let words: Vec<&str> = line.split(' ').collect();
        match words.as_slice() {
            ["begin", op, _] => acked.interrupted = Some((*op).to_owned()),
            ["ack", op, n] => {
                acked.interrupted = None;
                let n: u64 = n.parse().unwrap();
                let count = usize::try_from(n).unwrap();
                match *op {
                    "edit" => acked.edit = n,
                    "propose" | "reply" => acked.rounds = count,
                    "import" => acked.imports.push(count),
                    "export" => acked.export = count,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    acked
}

/// Checks the workspace after a kill against everything acknowledged so far, then records in
/// `so_far` what the workspace now holds (what later kills must not lose).
fn check_after_crash(dir: &Path, id: &str, acked: &Acknowledged, so_far: &mut Acknowledged) {
    let db = rusqlite::Connection::open(dir.join(sla_store::DATABASE_FILE)).unwrap();
    let integrity: String = db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    drop(db);

    let backend = Backend::open(dir);
    let edit = edit_number(&backend, id);
    let record = backend.open_agreement(id).unwrap();
    let rounds = record.rounds.len();
    so_far.edit = so_far.edit.max(acked.edit);
    so_far.rounds = so_far.rounds.max(acked.rounds);
    so_far.imports.extend(&acked.imports);
    assert!(
        edit >= so_far.edit,
        "edit {} was acknowledged, the draft has {edit}",
        so_far.edit
    );
    assert!(
        rounds >= so_far.rounds,
        "round {} was acknowledged, {rounds} are stored",
        so_far.rounds
    );
    // Every stored round still matches its fingerprint and signature.
    let workspace = sla_store::Workspace::open(dir).unwrap();
    let agreement_id = sla_model::AgreementId::parse(id).unwrap();
    let stored = workspace.rounds(agreement_id).unwrap();
    for round in &stored {
        round.verify_signature().unwrap();
    }
    // A Word reply's round is stored with the draft that follows it: were the draft still our
    // round before it (no edit since), the reply's text would be missing from the draft.
    if let [.., before, latest] = stored.as_slice()
        && latest.author != record.summary.our_role
    {
        assert_ne!(
            record.agreement, before.snapshot,
            "round {} (a Word reply) is stored, but the draft is still round {}",
            latest.number, before.number
        );
    }
    let titles: Vec<String> = backend
        .list_agreements()
        .unwrap()
        .into_iter()
        .map(|a| a.counterparty)
        .collect();
    for k in &so_far.imports {
        assert!(
            titles.contains(&format!("Vendor {k}")),
            "import {k} was acknowledged and is gone"
        );
    }
    // The package file is whole: the old one or the new one.
    let package = dir.join("ours.slapkg");
    if package.exists() {
        let read = sla_exchange::read_package(&std::fs::read(&package).unwrap()).unwrap();
        so_far.export = so_far.export.max(acked.export);
        assert!(read.rounds.len() >= so_far.export);
    } else {
        assert_eq!(
            so_far.export.max(acked.export),
            0,
            "an acknowledged package file is gone"
        );
    }
    so_far.edit = edit;
    so_far.rounds = rounds;
}

#[test]
fn killing_the_workspace_writer_at_random_moments_loses_nothing_acknowledged() {
    let kills: usize = std::env::var("CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("workspace");
    let packages = root.path().join("packages");
    std::fs::create_dir_all(&packages).unwrap();
    // The other side's opening rounds, one agreement each, for the worker to import.
    let other = Backend::open(&root.path().join("vendor"));
    for k in 0..PACKAGES {
        let theirs = draft(&other, &format!("Customer {k}"), PartyRole::Provider);
        let mut agreement = other.open_agreement(&theirs).unwrap().agreement;
        agreement.parties.provider.name = format!("Vendor {k}");
        other.replace_draft(&agreement, now()).unwrap();
        other.propose_round(&theirs, "Opening", now()).unwrap();
        std::fs::write(
            packages.join(format!("{k}.slapkg")),
            other.export_package(&theirs).unwrap(),
        )
        .unwrap();
    }
    let id = draft(&Backend::open(&dir), "Cloudy Hosting Ltd", PartyRole::Customer);

    let started = Instant::now();
    let mut so_far = Acknowledged::default();
    let mut interrupted: std::collections::BTreeMap<String, usize> = Default::default();
    let mut random: u64 = 0x9E37_79B9_7F4A_7C15;
    for kill in 0..kills {
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "crash_worker", "--nocapture", "--test-threads=1"])
            .env("CRASH_WORKER_DIR", &dir)
            .env("CRASH_AGREEMENT", &id)
            .env("CRASH_PACKAGES", &packages)
            .env("CRASH_SEED", random.to_string())
            .stdout(Stdio::piped())
            .stderr(if std::env::var_os("CRASH_DEBUG").is_some() {
                Stdio::inherit()
            } else {
                Stdio::null()
            })
            .spawn()
            .unwrap();
        // Let it open the workspace, then kill it somewhere in the next 0–120 ms of work.
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut opened = false;
        let mut line = String::new();
        while !opened && std::io::BufRead::read_line(&mut stdout, &mut line).unwrap_or(0) > 0 {
            if std::env::var_os("CRASH_DEBUG").is_some() {
                eprintln!("worker said {line:?}");
            }
            opened = line.trim_end().ends_with("opened");
            line.clear();
        }
        std::thread::sleep(Duration::from_micros(random % 120_000));
        child.kill().unwrap();
        child.wait().unwrap();
        let mut output = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut output).unwrap();
        let acked = read_log(&output);
        let what = match (&acked.interrupted, opened) {
            (Some(op), _) => op.clone(),
            (None, true) => "between operations".into(),
            (None, false) => "before opening".into(),
        };
        *interrupted.entry(what).or_default() += 1;
        check_after_crash(&dir, &id, &acked, &mut so_far);
        if kill % 100 == 99 {
            eprintln!("{} kills, {:.0} s", kill + 1, started.elapsed().as_secs_f64());
        }
    }
    println!(
        "{kills} kills in {:.0} s; interrupted: {interrupted:?}; the workspace ended with edit {}, {} rounds, {} imported agreements; every check passed",
        started.elapsed().as_secs_f64(),
        so_far.edit,
        so_far.rounds,
        so_far.imports.len()
    );
    assert!(so_far.rounds > 0 && so_far.edit > 0);
}

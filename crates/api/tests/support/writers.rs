//! The word processors a counterparty answers in, driven as they would be: LibreOffice Writer
//! (Debian's, through python3-uno: `tests/tools/libreoffice_edit.py`) edits a file with Track
//! Changes on or off and saves it as .docx; pandoc converts .docx to .docx, keeping headings
//! and dropping content controls and custom properties. Both are installed by
//! scripts/setup.sh. Every run is bounded and ends its own processes.
#![allow(dead_code)] // each test file uses some of these

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One LibreOffice at a time in a test binary (two first starts at once can abort).
static ONE_OFFICE: Mutex<()> = Mutex::new(());

/// The longest a writer may take before the test fails (LibreOffice starts in about 2 s).
const WRITER_SECONDS: u64 = 180;

fn repository_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

/// Runs `command` in its own process group, killing the group if it outlasts the bound;
/// panics with its error output when it fails.
fn run_bounded(mut command: Command, what: &str, seconds: u64) {
    let mut child = command
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{what} is needed (scripts/setup.sh installs it): {e}"));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let group = i32::try_from(child.id()).unwrap();
            // The whole group: LibreOffice's children too.
            let _ = Command::new("kill")
                .arg("-KILL")
                .arg(format!("-{group}"))
                .status();
            let _ = child.wait();
            panic!("{what} took longer than {seconds} s and was ended");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{what} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}

/// One file for LibreOffice to edit: its bytes, the edits (see the script for their form),
/// whether Track Changes is on, and who edits.
pub struct Edit<'a> {
    pub docx: &'a [u8],
    pub author: &'a str,
    pub tracked: bool,
    pub edits: serde_json::Value,
}

/// Each file opened in one LibreOffice Writer, edited and saved as .docx.
pub fn libreoffice_edit_all(files: &[Edit<'_>]) -> Vec<Vec<u8>> {
    let _one = ONE_OFFICE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let folder = tempfile::tempdir().unwrap();
    let mut jobs = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let input = folder.path().join(format!("sent-{i}.docx"));
        std::fs::write(&input, file.docx).unwrap();
        jobs.push(serde_json::json!({
            "input": input,
            "output": folder.path().join(format!("reply-{i}.docx")),
            "author": file.author,
            "record": file.tracked,
            "edits": file.edits,
        }));
    }
    let job = folder.path().join("jobs.json");
    std::fs::write(&job, serde_json::json!({ "jobs": jobs }).to_string()).unwrap();
    // Debian's own Python: the only one that sees python3-uno.
    let mut command = Command::new("/usr/bin/python3");
    command
        .arg(repository_file("tests/tools/libreoffice_edit.py"))
        .arg(&job);
    run_bounded(
        command,
        "LibreOffice (libreoffice-writer-nogui and python3-uno)",
        WRITER_SECONDS + 5 * files.len() as u64,
    );
    (0..files.len())
        .map(|i| std::fs::read(folder.path().join(format!("reply-{i}.docx"))).unwrap())
        .collect()
}

/// `docx` opened in LibreOffice Writer, `edits` made with Track Changes on when `tracked`, by
/// `author`, and saved as .docx.
pub fn libreoffice_edit(docx: &[u8], author: &str, tracked: bool, edits: serde_json::Value) -> Vec<u8> {
    libreoffice_edit_all(&[Edit {
        docx,
        author,
        tracked,
        edits,
    }])
    .remove(0)
}

/// `docx` converted by pandoc from .docx to .docx.
pub fn through_pandoc(docx: &[u8]) -> Vec<u8> {
    let folder = tempfile::tempdir().unwrap();
    let (input, output) = (folder.path().join("sent.docx"), folder.path().join("pandoc.docx"));
    std::fs::write(&input, docx).unwrap();
    let mut command = Command::new("pandoc");
    command.arg(&input).arg("-o").arg(&output);
    run_bounded(command, "pandoc", WRITER_SECONDS);
    std::fs::read(&output).unwrap()
}

/// The words of a Word file's clauses (every revision accepted), in order.
pub fn clause_words(docx: &[u8]) -> Vec<String> {
    let reply = sla_docx::read_docx(docx).unwrap();
    sla_docx::segment(&reply, None)
        .clauses
        .iter()
        .flat_map(|c| &c.paragraphs)
        .flat_map(|p| {
            p.accepted()
                .split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Whether every word of `theirs` is in `ours`, in order; the first missing one otherwise.
pub fn in_order(theirs: &[String], ours: &[String]) -> Result<(), String> {
    let mut at = 0;
    for (i, word) in theirs.iter().enumerate() {
        match ours[at..].iter().position(|w| w == word) {
            Some(found) => at += found + 1,
            None => {
                return Err(format!(
                    "word {i}, “{word}”, is missing after its place (…{}…)",
                    theirs[i.saturating_sub(8)..(i + 8).min(theirs.len())].join(" ")
                ));
            }
        }
    }
    Ok(())
}

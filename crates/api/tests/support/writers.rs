//! The word processors a counterparty answers in, driven as they would be: LibreOffice Writer
//! (Debian's, through python3-uno: `tests/tools/libreoffice_edit.py`) edits a file with Track
//! Changes on or off and saves it as .docx; pandoc converts .docx to .docx, keeping headings
//! and dropping content controls and custom properties. Both are installed by
//! scripts/setup.sh. Every run is bounded and ends its own processes.

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
fn run_bounded(mut command: Command, what: &str) {
    let mut child = command
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{what} is needed (scripts/setup.sh installs it): {e}"));
    let deadline = Instant::now() + Duration::from_secs(WRITER_SECONDS);
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
            panic!("{what} took longer than {WRITER_SECONDS} s and was ended");
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

/// `docx` opened in LibreOffice Writer, `edits` made (see the script for their form) with
/// Track Changes on when `tracked`, by `author`, and saved as .docx.
pub fn libreoffice_edit(docx: &[u8], author: &str, tracked: bool, edits: serde_json::Value) -> Vec<u8> {
    let _one = ONE_OFFICE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let folder = tempfile::tempdir().unwrap();
    let (input, output, job) = (
        folder.path().join("sent.docx"),
        folder.path().join("reply.docx"),
        folder.path().join("job.json"),
    );
    std::fs::write(&input, docx).unwrap();
    let description = serde_json::json!({
        "input": input, "output": output, "author": author, "record": tracked, "edits": edits,
    });
    std::fs::write(&job, description.to_string()).unwrap();
    // Debian's own Python: the only one that sees python3-uno.
    let mut command = Command::new("/usr/bin/python3");
    command
        .arg(repository_file("tests/tools/libreoffice_edit.py"))
        .arg(&job);
    run_bounded(command, "LibreOffice (libreoffice-writer-nogui and python3-uno)");
    std::fs::read(&output).unwrap()
}

/// `docx` converted by pandoc from .docx to .docx.
pub fn through_pandoc(docx: &[u8]) -> Vec<u8> {
    let folder = tempfile::tempdir().unwrap();
    let (input, output) = (folder.path().join("sent.docx"), folder.path().join("pandoc.docx"));
    std::fs::write(&input, docx).unwrap();
    let mut command = Command::new("pandoc");
    command.arg(&input).arg("-o").arg(&output);
    run_bounded(command, "pandoc");
    std::fs::read(&output).unwrap()
}

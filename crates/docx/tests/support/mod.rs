//! What the Word-file tests share: a drafted agreement, its export as round 1, and the
//! package taken apart and put back together with parts changed.
#![allow(dead_code, clippy::unwrap_used)] // each test file uses some of these

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use sla_docx::{RoundMark, Version, agreement_docx};
use sla_model::{Agreement, AgreementId};
use sla_templates::{DraftRequest, Library, Position, draft};
use zip::write::SimpleFileOptions;

/// The balanced SaaS SLA between Acme Retail plc and Cloudy Hosting Ltd.
pub fn saas() -> Agreement {
    let request = DraftRequest {
        template: "saas-availability".into(),
        position: Position::Balanced,
        customer: "Acme Retail plc".into(),
        provider: "Cloudy Hosting Ltd".into(),
        ..DraftRequest::default()
    };
    draft(&Library::built_in().unwrap(), &request, AgreementId::random()).unwrap()
}

/// `agreement` as round `number` with the fingerprint `hash`, as the export names it.
pub fn version_as<'a>(agreement: &'a Agreement, number: u32, hash: &str) -> Version<'a> {
    Version {
        agreement,
        round: Some(RoundMark {
            number,
            hash: hash.to_owned(),
            description: format!("Round {number}, proposed by the provider on 3 March 2027"),
        }),
        created: jiff::Timestamp::from_second(1_804_000_000).unwrap(),
    }
}

/// `agreement` as round `number` with the fingerprint `hash`.
pub fn exported_as(agreement: &Agreement, number: u32, hash: &str) -> Vec<u8> {
    agreement_docx(&version_as(agreement, number, hash)).unwrap()
}

/// `agreement` as round 1, as [`exported`] exports it.
pub fn version(agreement: &Agreement) -> Version<'_> {
    version_as(agreement, 1, &"cd".repeat(32))
}

/// A reply's changes against round 1 of `agreement`.
pub fn mapped(agreement: &Agreement, docx: &[u8]) -> sla_docx::ReplyMapping {
    sla_docx::map_reply(&version(agreement), &sla_docx::read_docx(docx).unwrap()).unwrap()
}

/// `agreement` as round 1.
pub fn exported(agreement: &Agreement) -> Vec<u8> {
    agreement_docx(&version(agreement)).unwrap()
}

/// One part's text.
pub fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// The package with some parts replaced or added (`None` removes a part).
pub fn repackaged(docx: &[u8], changes: &[(&str, Option<&str>)]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    let mut written = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut content = String::new();
        entry.read_to_string(&mut content).unwrap();
        match changes.iter().find(|(n, _)| *n == name) {
            Some((_, None)) => continue,
            Some((_, Some(text))) => content = (*text).to_owned(),
            None => {}
        }
        out.start_file(name.clone(), options).unwrap();
        out.write_all(content.as_bytes()).unwrap();
        written.push(name);
    }
    for (name, text) in changes {
        if let Some(text) = text
            && !written.iter().any(|w| w == name)
        {
            out.start_file(*name, options).unwrap();
            out.write_all(text.as_bytes()).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

/// Runs of whitespace made one space.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One LibreOffice at a time in a test binary: two headless instances starting at once (each
/// with its own profile) can make one of them abort while it sets up its profile.
static LIBREOFFICE: Mutex<()> = Mutex::new(());

/// Converts `file` with LibreOffice (`soffice --headless --convert-to`, installed by
/// scripts/setup.sh) to `format` (`txt:Text`, `pdf`) in `out`, with its own profile folder.
/// A run that aborts is tried once more with a fresh profile (LibreOffice's first start
/// sometimes does: "Unspecified Application Error"); a second failure fails the test with
/// both runs' errors.
pub fn libreoffice_convert(file: &Path, format: &str, out: &Path) -> PathBuf {
    let _one_at_a_time = LIBREOFFICE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let run = |attempt: u32| {
        let profile = out.join(format!("lo-profile-{attempt}"));
        Command::new("soffice")
            .arg(format!("-env:UserInstallation=file://{}", profile.display()))
            .args(["--headless", "--convert-to", format, "--outdir"])
            .arg(out)
            .arg(file)
            .output()
            .unwrap_or_else(|e| {
                panic!("LibreOffice is needed (libreoffice-writer-nogui; scripts/setup.sh installs it): {e}")
            })
    };
    let first = run(1);
    let output = if first.status.success() {
        first
    } else {
        let second = run(2);
        assert!(
            second.status.success(),
            "soffice failed twice: {}\n---\n{}",
            String::from_utf8_lossy(&first.stderr),
            String::from_utf8_lossy(&second.stderr)
        );
        second
    };
    let extension = format.split(':').next().unwrap();
    let converted = out.join(file.file_stem().unwrap()).with_extension(extension);
    assert!(
        converted.exists(),
        "soffice wrote no {extension}: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    converted
}

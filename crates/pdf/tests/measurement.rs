//! The service level report and the draft claim letter as PDFs, read back with qpdf and
//! poppler: structure, the figures and the clauses they cite.

#![allow(clippy::unwrap_used)] // a panic is a failed test

use std::path::Path;
use std::process::Command;

use jiff::Timestamp;
use jiff::civil::date;
use sla_measure::{claim_letter, measure, read_incidents};
use sla_model::AgreementId;
use sla_pdf::{Document, Paper, ServiceReportDocument};
use sla_templates::{DraftRequest, Library, Position, draft};

fn run(program: &str, args: &[&str], file: &Path) -> String {
    let mut command = Command::new(program);
    command.args(args).arg(file);
    if program == "pdftotext" {
        command.arg("-");
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed (scripts/setup.sh installs it): {e}"));
    assert!(
        output.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text with line breaks and hyphenation undone, to search sentences in.
fn flat(text: &str) -> String {
    text.replace("-\n", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_report_and_the_claim_letter_read_back_with_their_figures() {
    let request = DraftRequest {
        template: "saas-availability".into(),
        position: Position::Balanced,
        customer: "Acme Retail plc".into(),
        provider: "Cloudy Hosting Ltd".into(),
        ..DraftRequest::default()
    };
    let agreement = draft(&Library::built_in().unwrap(), &request, AgreementId::random()).unwrap();
    // April 2027: 50 minutes down of 43,200 → 99.884 % (10 % credit); May: nothing.
    let log = "start,end,service,cause\n2027-04-06T09:00:00Z,2027-04-06T09:50:00Z,web,unplanned\n";
    let report = measure(
        &agreement,
        &read_incidents(log).unwrap(),
        None,
        "2027-04..2027-05",
    )
    .unwrap();
    let printed_at = Timestamp::from_second(1_800_000_000).unwrap();
    let folder = tempfile::tempdir().unwrap();

    let document = Document::ServiceReport(ServiceReportDocument {
        report: &report,
        agreement_id: agreement.id.to_string(),
        measured_against: "the agreed version: round 2".into(),
        printed_at,
    });
    let path = folder.path().join("report.pdf");
    std::fs::write(&path, document.pdf(Paper::A4).unwrap()).unwrap();
    run("qpdf", &["--check"], &path);
    let text = flat(&run("pdftotext", &["-layout"], &path));
    for expected in [
        "Service level report",
        "2027-04 99.884 % 50 min missed 10 %",
        "2027-05 100.000 % 0 min met none",
        "target 99.9 %; below: credit 10 %",
        "Availability = (43,200 minutes − 50 minutes) ÷ 43,200 minutes = 99.884 %",
        "a Service Credit of 10 % of the window's fees (clause 4.1), to be claimed by the end of 30 May 2027",
        "Measured against the agreed version: round 2",
    ] {
        assert!(text.contains(expected), "`{expected}` not in the report:\n{text}");
    }

    let letter = claim_letter(&report, date(2027, 5, 3)).unwrap();
    let path = folder.path().join("letter.pdf");
    std::fs::write(
        &path,
        Document::ClaimLetter(&letter, printed_at).pdf(Paper::A4).unwrap(),
    )
    .unwrap();
    run("qpdf", &["--check"], &path);
    let text = flat(&run("pdftotext", &[], &path));
    for expected in [
        "Acme Retail plc",
        "3 May 2027",
        "Dear Cloudy Hosting Ltd,",
        "In 2027-04, Availability was 99.884 % (50 minutes of Downtime in 43,200 minutes measured), against the target of 99.9 % in clause 2.1.",
        "Under clause 4.1 this gives a Service Credit of 10 % of the fees for 2027-04.",
        "whose last day is 30 May 2027",
        "For and on behalf of Acme Retail plc",
    ] {
        assert!(text.contains(expected), "`{expected}` not in the letter:\n{text}");
    }
    // No letter when there is nothing to claim.
    let quiet = measure(&agreement, &[], None, "2027-05").unwrap();
    assert!(claim_letter(&quiet, date(2027, 6, 1)).is_none());
}

//! The agreement PDF read back with the tools a recipient's side would use: qpdf checks its
//! structure, poppler lists its fonts and extracts its text page by page.

#![allow(clippy::unwrap_used)] // a panic is a failed test

use std::path::Path;
use std::process::Command;

use jiff::Timestamp;
use sla_model::{Agreement, AgreementId, Clause, ClauseId, PartyRole, Round, Section, SectionId};
use sla_pdf::{Paper, RoundInfo, Version, agreement_pdf};
use sla_templates::{DraftRequest, Library, Position, draft};

fn saas() -> Agreement {
    let request = DraftRequest {
        template: "saas-availability".into(),
        position: Position::Balanced,
        customer: "Acme Retail plc".into(),
        provider: "Cloudy Hosting Ltd".into(),
        ..DraftRequest::default()
    };
    draft(&Library::built_in().unwrap(), &request, AgreementId::random()).unwrap()
}

fn at() -> Timestamp {
    Timestamp::from_second(1_800_000_000).unwrap()
}

/// The agreement as round 1 (with its real fingerprint), as a PDF.
fn round_pdf(agreement: &Agreement, paper: Paper) -> (Vec<u8>, String) {
    let round = Round::new(1, PartyRole::Customer, at(), "Opening", None, agreement.clone()).unwrap();
    let hash = round.hash().to_string();
    let version = Version {
        agreement,
        round: Some(RoundInfo {
            number: 1,
            author: PartyRole::Customer,
            proposed_at: at(),
            hash: hash.clone(),
            agreed_at: None,
            signers: vec![sla_pdf::Signer {
                role: PartyRole::Customer,
                fingerprint: "12345 67890 12345 67890 12345 67890 12345 67890".into(),
                round: 1,
            }],
        }),
        printed_at: at(),
    };
    (agreement_pdf(&version, paper).unwrap(), hash)
}

fn tool(program: &str, args: &[&str], file: &Path) -> String {
    let mut command = Command::new(program);
    command.args(args).arg(file);
    if program == "pdftotext" {
        command.arg("-"); // to standard output
    }
    let output = command.output().unwrap_or_else(|e| {
        panic!("{program} is needed (poppler-utils, qpdf; scripts/setup.sh installs them): {e}")
    });
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn written(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.pdf");
    std::fs::write(&file, bytes).unwrap();
    (dir, file)
}

fn page_count(file: &Path) -> usize {
    let info = tool("pdfinfo", &[], file);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// The text with runs of whitespace made one space.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_round_reads_back_whole_with_its_fingerprint_on_every_page() {
    let mut agreement = saas();
    agreement.sections[0].clauses[0].text.push_str(
        " Fees are quoted in € and “credits” apply when availability is ≥ the target – as Müller agreed.",
    );
    let (bytes, hash) = round_pdf(&agreement, Paper::A4);
    let (_dir, file) = written(&bytes);

    let check = tool("qpdf", &["--check"], &file);
    assert!(check.contains("No syntax or stream encoding errors"), "{check}");
    let fonts = tool("pdffonts", &[], &file);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 3, "{fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name, type (two words), encoding, emb, sub, uni, object, generation
        assert_eq!(
            &columns[columns.len() - 5..columns.len() - 2],
            ["yes", "yes", "yes"],
            "{row}"
        );
    }
    let info = tool("pdfinfo", &[], &file);
    assert!(info.contains("Title:           SaaS Availability SLA"), "{info}");
    assert!(info.contains("JavaScript:      no"), "{info}");
    assert!(
        info.contains("Page size:       595.28 x 841.89 pts (A4)"),
        "{info}"
    );
    assert!(
        bytes.windows(b"pdfaid:part".len()).any(|w| w == b"pdfaid:part"),
        "the XMP metadata names PDF/A"
    );

    let pages = page_count(&file);
    assert!(pages >= 4, "{pages} pages");
    for page in 1..=pages {
        let number = page.to_string();
        let text = tool("pdftotext", &["-f", &number, "-l", &number, "-layout"], &file);
        assert!(
            text.contains(&hash),
            "page {page} lacks the fingerprint {hash}: {text}"
        );
        assert!(
            text.contains(&format!("Page {page} of {pages}")),
            "page {page}: {text}"
        );
    }
    let text = flat(&tool("pdftotext", &[], &file).replace("-\n", ""));
    assert!(
        text.contains(
            "Fees are quoted in € and “credits” apply when availability is ≥ the target – as Müller agreed."
        ),
        "{text}"
    );
    // Reading order: headings and their clauses in sequence, values written out.
    let order = [
        "Contents",
        "1. General",
        "1.1 Definitions",
        "2.1 Availability",
        "at least 99.9 %",
        "Signed for the Customer",
        "Acme Retail plc",
        "Signed for the Provider",
    ];
    let mut from = 0;
    for needle in order {
        let found = text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} not after byte {from}"));
        from += found + needle.len();
    }
}

#[test]
fn the_same_input_gives_the_same_bytes_and_letter_paper_is_letter() {
    let agreement = saas();
    let (first, _) = round_pdf(&agreement, Paper::A4);
    let (second, _) = round_pdf(&agreement, Paper::A4);
    assert!(first == second, "two PDFs of one round differ");
    let (letter, _) = round_pdf(&agreement, Paper::Letter);
    let (_dir, file) = written(&letter);
    assert!(tool("pdfinfo", &[], &file).contains("Page size:       612 x 792 pts (letter)"));
}

#[test]
fn the_outline_nests_clauses_under_their_sections() {
    let (bytes, _) = round_pdf(&saas(), Paper::A4);
    let (_dir, file) = written(&bytes);
    let json = tool("qpdf", &["--json", "--json-key=outlines"], &file);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let outlines = value["outlines"].as_array().unwrap();
    assert_eq!(outlines[0]["title"], "1. General");
    assert_eq!(outlines[0]["kids"][0]["title"], "1.1 Definitions");
    assert_eq!(outlines.last().unwrap()["title"], "Signatures");
}

fn clause(id: usize, heading: &str, text: String) -> Clause {
    Clause {
        id: ClauseId::new(format!("c{id}")).unwrap(),
        heading: heading.to_owned(),
        text,
    }
}

#[test]
fn hostile_text_gives_a_valid_pdf() {
    let mut agreement = saas();
    let hostile = [
        "<script>alert(1)</script> <img src=x onerror=alert(2)>".to_owned(),
        "Pay \u{202E}0001\u{202C} EUR \u{2066}now\u{2069} \u{200F}".to_owned(),
        "x".repeat(1_000_000),
        "\u{0}\u{7}control\u{1b}[31m characters".to_owned(),
    ];
    agreement.sections[0].clauses = hostile
        .iter()
        .enumerate()
        .map(|(i, text)| clause(i, "<b>Hostile</b>", text.clone()))
        .collect();
    // A round could not hold this text (the model caps a clause at 200,000 characters), so
    // print it as a draft: the layout must cope with whatever it is given.
    let version = Version {
        agreement: &agreement,
        round: None,
        printed_at: at(),
    };
    let bytes = agreement_pdf(&version, Paper::A4).unwrap();
    let (_dir, file) = written(&bytes);
    tool("qpdf", &["--check"], &file);
    let text = tool("pdftotext", &["-f", "3", "-l", "3"], &file);
    assert!(
        text.contains("<script>alert(1)</script>"),
        "markup is shown as text: {text}"
    );
    assert!(
        text.contains("Pay 0001 EUR now"),
        "bidi controls are dropped: {text}"
    );
    assert!(
        page_count(&file) > 100,
        "the million-character word runs over many pages"
    );
}

#[test]
fn five_thousand_clauses_give_a_valid_pdf() {
    let mut agreement = saas();
    let text = "The Provider shall keep the Service available and report on it each month.";
    agreement.sections = (0..100)
        .map(|s| Section {
            id: SectionId::new(format!("s{s}")).unwrap(),
            heading: format!("Part {s}"),
            clauses: (0..50)
                .map(|c| clause(s * 50 + c, "Clause", text.to_owned()))
                .collect(),
        })
        .collect();
    let (bytes, _) = round_pdf(&agreement, Paper::A4);
    let (_dir, file) = written(&bytes);
    tool("qpdf", &["--check"], &file);
    assert!(page_count(&file) > 200);
}

/// Pixels of a page rendered by poppler: (reddish, bluish) counts.
fn coloured_pixels(file: &Path, page: usize) -> (usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    let number = page.to_string();
    let status = Command::new("pdftoppm")
        .args(["-r", "50", "-f", &number, "-l", &number])
        .arg(file)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    let image = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let bytes = std::fs::read(image).unwrap();
    // P6 <width> <height> 255 <rgb bytes>: skip the three header lines.
    let mut newlines = 0;
    let start = bytes
        .iter()
        .position(|b| {
            newlines += usize::from(*b == b'\n');
            newlines == 3
        })
        .unwrap()
        + 1;
    let pixels = bytes[start..].chunks_exact(3);
    let red = pixels
        .clone()
        .filter(|p| p[0] > 150 && p[1] < 90 && p[2] < 90)
        .count();
    let blue = pixels.filter(|p| p[2] > 130 && p[0] < 80 && p[1] < 120).count();
    (red, blue)
}

#[test]
fn a_redline_shows_term_changes_first_then_the_marked_clauses() {
    let library = Library::built_in().unwrap();
    let old = saas();
    let mut new = old.clone();
    let (spec, _) = library.term("availability.target").unwrap();
    let value = sla_templates::term_value_from_text(spec, "99.5").unwrap();
    let id = sla_model::TermId::new("availability.target").unwrap();
    new.terms.get_mut(&id).unwrap().value = value;
    let (tiers_spec, _) = library.term("credits.tiers").unwrap();
    let tiers =
        "[{ below = 99.9, credit = 5 }, { below = 99.0, credit = 25 }, { below = 95.0, credit = 50 }]";
    let tiers = sla_templates::term_value_from_text(tiers_spec, tiers).unwrap();
    let tiers_id = sla_model::TermId::new("credits.tiers").unwrap();
    new.terms.get_mut(&tiers_id).unwrap().value = tiers;
    new.sections[0].clauses[0].text =
        new.sections[0].clauses[0]
            .text
            .replacen("means the service", "means the production service", 1);
    let redline = sla_redline::redline(&old, &new, Some(&library));
    let side = |label: &str| sla_pdf::Side {
        label: label.to_owned(),
        fingerprint: Some("ab".repeat(32)),
    };
    let document = sla_pdf::RedlineDocument {
        title: "SaaS Availability SLA".into(),
        from: side("round 1, proposed by the customer"),
        to: side("round 2, proposed by the provider"),
        redline: &redline,
        include_unchanged: false,
        printed_at: at(),
    };
    let bytes = sla_pdf::redline_pdf(&document, Paper::A4).unwrap();
    let (_dir, file) = written(&bytes);
    tool("qpdf", &["--check"], &file);
    let text = flat(&tool("pdftotext", &[], &file));
    let terms = text.find("Terms changed").unwrap();
    let target = text
        .find("Availability target 99.9 % 99.5 %")
        .unwrap_or_else(|| panic!("{text}"));
    let clauses = text.find("Clauses").unwrap();
    assert!(terms < target && target < clauses);
    assert!(text.contains("the provider"), "whom the change favours");
    // The credit tiers, row by row under the summary: only the changed credit is marked.
    assert!(
        text.contains("Service credit tiers the table below the table below"),
        "{text}"
    );
    assert!(
        text.contains("Achieved level below Service credit 99.9 % 10 % 5 % 99 % 25 %"),
        "{text}"
    );
    assert!(text.contains("1.1 Definitions — modified"), "{text}");
    assert!(
        text.contains("unchanged clauses]"),
        "unchanged clauses collapse: {text}"
    );
    // Page 2 holds the changes: red deletions and blue insertions are drawn.
    let (red, blue) = coloured_pixels(&file, 2);
    assert!(red > 20 && blue > 20, "red {red}, blue {blue}");
    let (red, blue) = coloured_pixels(&file, 1);
    assert!(
        red > 0 && blue > 0,
        "the legend on the title page shows both marks"
    );
}

#[test]
fn the_history_lists_every_round_with_its_fingerprint() {
    let agreement = saas();
    let first = Round::new(1, PartyRole::Customer, at(), "Opening", None, agreement.clone()).unwrap();
    let second = Round::new(
        2,
        PartyRole::Provider,
        Timestamp::from_second(1_800_086_400).unwrap(),
        "Counter-proposal",
        Some(first.hash()),
        agreement,
    )
    .unwrap();
    let rounds = [first, second];
    let document = sla_pdf::HistoryDocument {
        title: "SaaS Availability SLA".into(),
        agreement_id: rounds[0].snapshot.id.to_string(),
        rounds: &rounds,
        agreed: false,
        printed_at: at(),
    };
    let bytes = sla_pdf::history_pdf(&document, Paper::A4).unwrap();
    let (_dir, file) = written(&bytes);
    tool("qpdf", &["--check"], &file);
    let text = flat(&tool("pdftotext", &[], &file));
    for round in &rounds {
        assert!(text.contains(&round.hash().to_string()), "{text}");
    }
    assert!(text.contains("Round 2: the provider"), "{text}");
    assert!(text.contains("Message: Counter-proposal"), "{text}");
    assert!(
        text.contains(&format!("Chained to round 1: {}", rounds[0].hash())),
        "{text}"
    );
}

#[test]
fn characters_the_font_lacks_are_a_clear_error_not_a_box() {
    let mut agreement = saas();
    agreement.sections[0].clauses[0]
        .text
        .push_str(" The parties sign 服务水平协议 ✓ today.");
    let version = Version {
        agreement: &agreement,
        round: None,
        printed_at: at(),
    };
    let error = agreement_pdf(&version, Paper::A4).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("服 U+670D"), "{message}");
    assert!(message.contains("✓ U+2713"), "{message}");
    assert!(
        message.contains("The parties sign 服务"),
        "names where: {message}"
    );
    assert!(matches!(error, sla_pdf::PdfError::MissingGlyphs { .. }));
    let preview = sla_pdf::Document::Agreement(version).preview(Paper::A4, 2);
    assert!(preview.is_err(), "the preview says so before anything is saved");
}

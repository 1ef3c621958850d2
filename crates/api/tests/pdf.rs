//! PDFs from a workspace: the request the export dialog sends, its preview and its file name.
#![allow(clippy::unwrap_used)] // a panic is a failed test

use jiff::Timestamp;
use sla_api::{Backend, ErrorCode, PaperSize, PdfRequest, PreviewItem, TemplateRequest};
use sla_model::PartyRole;
use sla_templates::Position;

/// The SaaS SLA drafted in the balanced position, the customer's side; its id.
fn drafted(backend: &Backend, now: Timestamp) -> String {
    let request = TemplateRequest {
        template: "saas-availability".into(),
        position: Position::Balanced,
        our_role: PartyRole::Customer,
        title: None,
        counterparty: "Cloudy Hosting Ltd".into(),
        our_name: "Acme Retail plc".into(),
        options: Default::default(),
        set: Default::default(),
    };
    backend.create_from_template(request, now).unwrap().id.to_string()
}

#[test]
fn a_rounds_preview_and_pdf_carry_its_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let backend = Backend::open(dir.path());
    let now = Timestamp::from_second(1_800_000_000).unwrap();
    let id = drafted(&backend, now);
    let view = backend.propose_round(&id, "Opening", now).unwrap();
    let hash = view.record.rounds[0].hash.clone();

    let round = PdfRequest::Agreement { round: Some(1) };
    let preview = backend.pdf_preview(&id, &round, PaperSize::Letter, now).unwrap();
    assert_eq!((preview.width, preview.height), (612.0, 792.0));
    assert_eq!(preview.pages.len(), sla_api::PREVIEW_PAGES);
    assert!(preview.total_pages >= 4);
    for page in &preview.pages {
        let footer = page
            .items
            .iter()
            .any(|item| matches!(item, PreviewItem::Text { text, .. } if text.contains(&hash)));
        assert!(footer, "each previewed page carries the fingerprint");
    }
    let pdf = backend.pdf(&id, &round, PaperSize::A4, now).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(
        backend.pdf_file_name(&id, &round).unwrap(),
        "SaaS Availability SLA - round 1.pdf"
    );
    let redline = PdfRequest::Redline {
        from: Some(1),
        to: None,
        include_unchanged: false,
    };
    assert_eq!(
        backend.pdf_file_name(&id, &redline).unwrap(),
        "SaaS Availability SLA - redline round 1 to draft.pdf"
    );
    assert!(
        backend
            .pdf(&id, &redline, PaperSize::A4, now)
            .unwrap()
            .starts_with(b"%PDF-")
    );

    let missing = backend.pdf(&id, &PdfRequest::Agreement { round: Some(9) }, PaperSize::A4, now);
    assert_eq!(missing.unwrap_err().code, ErrorCode::NotFound);
}

/// The text pdftotext reads back, with what may differ from the typed text removed: spaces
/// and line breaks, hyphens (lines break inside words), and the bidi and zero-width
/// characters the PDF leaves out on purpose.
fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !c.is_whitespace()
                && *c != '-'
                && !matches!(*c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
        })
        .collect()
}

#[test]
fn hostile_text_prints_literally_in_the_agreement_and_redline_pdfs() {
    let payloads: Vec<String> = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile/payloads.txt"),
    )
    .unwrap()
    .lines()
    .filter(|l| !l.is_empty())
    .map(str::to_owned)
    .collect();
    assert!(payloads.len() >= 50);
    let dir = tempfile::tempdir().unwrap();
    let backend = Backend::open(dir.path());
    let now = Timestamp::from_second(1_800_000_000).unwrap();
    let id = drafted(&backend, now);
    let mut agreement = backend.open_agreement(&id).unwrap().agreement;
    agreement.title = sla_model::Title::new(payloads[0].clone()).unwrap();
    agreement.parties.customer.name = payloads[2].clone();
    agreement.parties.provider.name = payloads[4].clone();
    let in_text: Vec<&String> = payloads.iter().filter(|p| !p.contains("{{")).collect();
    let clauses: Vec<(usize, usize)> = agreement
        .sections
        .iter()
        .enumerate()
        .flat_map(|(s, section)| (0..section.clauses.len()).map(move |c| (s, c)))
        .collect();
    for (i, payload) in in_text.iter().enumerate() {
        let (s, c) = clauses[i % clauses.len()];
        agreement.sections[s].clauses[c]
            .text
            .push_str(&format!("\n\n{payload}"));
    }
    backend.replace_draft(&agreement, now).unwrap();
    backend.propose_round(&id, "Opening", now).unwrap();
    let (s, c) = clauses[0];
    agreement.sections[s].clauses[c]
        .text
        .push_str(&format!("\n\n{}", in_text[5]));
    backend.replace_draft(&agreement, now).unwrap();

    let text_of = |request: &PdfRequest| {
        let pdf = backend.pdf(&id, request, PaperSize::A4, now).unwrap();
        let file = dir.path().join("out.pdf");
        std::fs::write(&file, pdf).unwrap();
        let output = std::process::Command::new("pdftotext")
            .arg(&file)
            .arg("-")
            .output()
            .unwrap();
        assert!(output.status.success());
        comparable(&String::from_utf8(output.stdout).unwrap())
    };
    let printed = text_of(&PdfRequest::Agreement { round: Some(1) });
    let missing: Vec<&&String> = in_text
        .iter()
        .filter(|p| !printed.contains(&comparable(p)))
        .collect();
    assert!(missing.is_empty(), "not printed literally: {missing:?}");
    for payload in [&payloads[0], &payloads[2], &payloads[4]] {
        assert!(printed.contains(&comparable(payload)), "{payload}");
    }
    let redline = text_of(&PdfRequest::Redline {
        from: Some(1),
        to: None,
        include_unchanged: false,
    });
    assert!(
        redline.contains(&comparable(in_text[5])),
        "the inserted payload in the redline PDF"
    );
}

//! PDFs from a workspace: the request the export dialog sends, its preview and its file name.
#![allow(clippy::unwrap_used)] // a panic is a failed test

use jiff::Timestamp;
use sla_api::{Backend, ErrorCode, PaperSize, PdfRequest, PreviewItem, TemplateRequest};
use sla_model::PartyRole;
use sla_templates::Position;

#[test]
fn a_rounds_preview_and_pdf_carry_its_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let backend = Backend::open(dir.path());
    let now = Timestamp::from_second(1_800_000_000).unwrap();
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
    let id = backend.create_from_template(request, now).unwrap().id.to_string();
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

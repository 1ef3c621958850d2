//! A Word reply imported as the counterparty's round: the workspace file, the round, its
//! author, its comments and the draft; refusals that change nothing.

#![allow(clippy::unwrap_used)] // a panic is a failed test

use jiff::Timestamp;
use sla_api::{Backend, ErrorCode, TemplateRequest};
use sla_model::{CommentTarget, PartyRole};
use sla_templates::Position;

#[path = "support/word_file.rs"]
mod word_file;

fn at(minute: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + minute * 60).unwrap()
}

/// The customer's workspace with round 1 of the balanced SaaS SLA proposed; its id.
fn proposed(customer: &Backend) -> String {
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
    let id = customer
        .create_from_template(request, at(0))
        .unwrap()
        .id
        .to_string();
    customer.propose_round(&id, "Opening", at(1)).unwrap();
    id
}

/// The Word file with `edit` applied to its document text, and a comment on the first clause.
fn edited(docx: &[u8], edit: impl Fn(String) -> String) -> Vec<u8> {
    let comments: &[u8] = b"<w:comments xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
          <w:comment w:id=\"5\" w:author=\"Jane Counsel\" w:date=\"2027-03-05T10:00:00Z\"><w:p><w:r><w:t>We measure 99.5.</w:t></w:r></w:p></w:comment></w:comments>";
    word_file::edited(docx, edit, &[("word/comments.xml", comments)])
}

const TRACKED: &str = "w:author=\"Jane Counsel\" w:date=\"2027-03-05T10:00:00Z\"";

fn typed_over(value: &str) -> impl Fn(String) -> String + '_ {
    move |xml: String| {
        xml.replacen(
            "at least 99.9 % in each",
            &format!(
                "at least </w:t></w:r><w:del w:id=\"901\" {TRACKED}><w:r><w:delText>99.9</w:delText></w:r></w:del>\
                 <w:commentRangeStart w:id=\"5\"/><w:ins w:id=\"902\" {TRACKED}><w:r><w:t>{value}</w:t></w:r></w:ins>\
                 <w:commentRangeEnd w:id=\"5\"/><w:r><w:t xml:space=\"preserve\"> % in each"
            ),
            1,
        )
    }
}

#[test]
fn a_word_reply_becomes_the_providers_round() {
    let folder = tempfile::tempdir().unwrap();
    let customer = Backend::open(folder.path());
    let id = proposed(&customer);
    let docx = customer.export_docx(&id, None, at(2)).unwrap();

    // Unedited: nothing changes, no round.
    let none = customer
        .import_word_reply(&id, &docx, "round-1.docx", None, at(3))
        .unwrap();
    assert_eq!((none.round, none.changes.len()), (None, 0));

    // A value the term does not allow: refused naming the clause and the term; nothing stored.
    let error = customer
        .import_word_reply(&id, &edited(&docx, typed_over("150")), "reply.docx", None, at(3))
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(
        error.message.contains("clause 2.1") && error.message.contains("Availability target"),
        "{}",
        error.message
    );
    assert_eq!(customer.open_agreement(&id).unwrap().rounds.len(), 1);

    // Not a Word file.
    let error = customer
        .import_word_reply(&id, b"not a zip", "junk.docx", None, at(3))
        .unwrap_err();
    assert!(
        error.message.contains("not a Word document") && error.message.ends_with("Nothing was imported.")
    );

    // The counsel's reply: the provider's round 2, signed in this workspace, the draft follows.
    let imported = customer
        .import_word_reply(&id, &edited(&docx, typed_over("99.5")), "reply.docx", None, at(4))
        .unwrap();
    assert_eq!(imported.round, Some(2));
    assert_eq!(
        imported.changes,
        ["Availability target: 99.9 % → 99.5 % (tracked: Jane Counsel, 2027-03-05)"]
    );
    let record = customer.open_agreement(&id).unwrap();
    let round = &record.rounds[1];
    assert_eq!(round.author, PartyRole::Provider);
    assert_eq!(
        round.message,
        "From the Word file reply.docx, edited by Jane Counsel; imported into SLA Studio."
    );
    assert_eq!(
        record
            .agreement
            .percentage("availability.target")
            .unwrap()
            .thousandths(),
        99_500,
        "the draft is the new round"
    );
    let snapshot = customer.version(&id, Some(2)).unwrap();
    assert_eq!(
        snapshot.percentage("availability.target").unwrap().thousandths(),
        99_500
    );
    let review = customer.review(&id, Some(1), Some(2)).unwrap();
    assert!(
        review
            .comments
            .iter()
            .any(|c| c.text == "Jane Counsel: We measure 99.5."
                && c.target == CommentTarget::Clause("availability".into()))
    );

    // The same file again answers a round that is no longer the latest.
    let error = customer
        .import_word_reply(&id, &edited(&docx, typed_over("99.5")), "reply.docx", None, at(5))
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Conflict);
    assert_eq!(customer.open_agreement(&id).unwrap().rounds.len(), 2);
}

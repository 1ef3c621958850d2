//! Two workspaces, the customer's and the provider's, negotiating through exchange packages.
#![allow(clippy::unwrap_used)] // a panic is a failed test

use jiff::Timestamp;
use sla_api::{Backend, ErrorCode, TemplateRequest};
use sla_model::PartyRole;
use sla_templates::Position;

fn at(minute: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + minute * 60).unwrap()
}

/// The customer drafts the SaaS SLA from the library in `position`; its id.
fn customers_draft(customer: &Backend, position: Position) -> String {
    let request = TemplateRequest {
        template: "saas-availability".into(),
        position,
        our_role: PartyRole::Customer,
        title: None,
        counterparty: "Cloudy Hosting Ltd".into(),
        our_name: "Acme Retail plc".into(),
        options: Default::default(),
        set: Default::default(),
    };
    customer
        .create_from_template(request, at(0))
        .unwrap()
        .id
        .to_string()
}

#[test]
fn customer_and_provider_exchange_rounds_and_read_the_redline() {
    let (customer_dir, provider_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let customer = Backend::open(customer_dir.path());
    let provider = Backend::open(provider_dir.path());

    let id = customers_draft(&customer, Position::Customer);
    assert_eq!(
        customer.export_package(&id).unwrap_err().code,
        ErrorCode::Conflict,
        "no round yet"
    );
    let target = sla_model::CommentTarget::Term("availability.target".into());
    let empty = customer.add_comment(&id, &target, "   ", at(1)).unwrap_err();
    assert_eq!(empty.code, ErrorCode::InvalidInput);
    customer
        .add_comment(&id, &target, "Checkout must stay up.", at(1))
        .unwrap();
    let view = customer
        .add_comment(
            &id,
            &sla_model::CommentTarget::Agreement,
            "Draft for discussion",
            at(1),
        )
        .unwrap();
    assert_eq!(view.pending_comments.len(), 2);
    let view = customer
        .remove_comment(&id, view.pending_comments[1].seq)
        .unwrap();
    assert_eq!(view.pending_comments.len(), 1);
    assert_eq!(
        customer.remove_comment(&id, 9_999).unwrap_err().code,
        ErrorCode::NotFound
    );
    let view = customer
        .propose_round(&id, "Our opening position", at(1))
        .unwrap();
    assert_eq!(view.record.rounds.len(), 1);
    assert!(view.pending_comments.is_empty(), "the round carried the comment");
    assert_eq!(view.record.rounds[0].hash.len(), 64);
    let nothing = customer.propose_round(&id, "again", at(2)).unwrap_err();
    assert_eq!(nothing.code, ErrorCode::Conflict);
    let package1 = customer.export_package(&id).unwrap();
    assert!(
        package1.contains("Checkout must stay up."),
        "the package carries the comment"
    );

    // The provider receives it: the agreement appears in their workspace, with them as provider.
    let imported = provider.import_package(package1.as_bytes(), None, at(3)).unwrap();
    assert!(imported.created);
    assert_eq!(imported.summary.our_role, PartyRole::Provider);
    assert_eq!(imported.summary.counterparty, "Acme Retail plc");
    provider
        .set_term(&id, "availability.target", "99.9", at(4))
        .unwrap();
    provider.set_term(&id, "credits.cap", "20", at(4)).unwrap();
    provider
        .propose_round(&id, "Our counter-proposal", at(5))
        .unwrap();
    let package2 = provider.export_package(&id).unwrap();

    // A rewritten round is refused, naming it, and changes nothing.
    let before = customer.open_agreement(&id).unwrap();
    let tampered = package2.replace("Our opening position", "Whatever you like");
    let refused = customer
        .import_package(tampered.as_bytes(), None, at(6))
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput);
    assert_eq!(
        refused.message,
        "Round 1 does not match its fingerprint: it was changed after it was proposed"
    );
    assert_eq!(customer.open_agreement(&id).unwrap(), before);
    let oversized = vec![b' '; sla_exchange::MAX_PACKAGE_BYTES + 1];
    assert_eq!(
        customer.import_package(&oversized, None, at(6)).unwrap_err().code,
        ErrorCode::InvalidInput
    );

    let imported = customer.import_package(package2.as_bytes(), None, at(7)).unwrap();
    assert!(!imported.created && imported.draft_replaced);
    assert_eq!(imported.summary.latest_round, Some(2));
    let again = customer
        .import_package(package2.as_bytes(), None, at(8))
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);

    let review = customer.review(&id, Some(1), Some(2)).unwrap();
    assert_eq!(review.comments.len(), 1);
    assert_eq!(
        (
            review.comments[0].round,
            review.comments[0].author,
            review.comments[0].text.as_str()
        ),
        (1, PartyRole::Customer, "Checkout must stay up.")
    );
    assert_eq!(
        provider.review(&id, Some(1), Some(2)).unwrap().comments,
        review.comments,
        "it travelled in the package"
    );
    let history = review.history;
    let target = history.iter().find(|h| h.id == "availability.target").unwrap();
    let steps: Vec<_> = target
        .steps
        .iter()
        .map(|s| (s.round, s.author, s.value.clone().unwrap()))
        .collect();
    assert_eq!(
        steps,
        vec![
            (Some(1), Some(PartyRole::Customer), "99.95 %".to_owned()),
            (Some(2), Some(PartyRole::Provider), "99.9 %".to_owned())
        ]
    );
    let redline = customer.redline(&id, Some(1), Some(2)).unwrap();
    let target = redline
        .terms
        .iter()
        .find(|t| t.id == "availability.target")
        .unwrap();
    assert_eq!(
        (target.old.as_deref(), target.new.as_deref()),
        (Some("99.95 %"), Some("99.9 %"))
    );
    assert_eq!(target.favours, Some(PartyRole::Provider));
    assert!(redline.changed().any(|c| c.clause == "availability"));
    assert_eq!(
        customer.redline(&id, Some(2), None).unwrap().changed().count(),
        0,
        "the draft is round 2"
    );
    assert_eq!(
        customer.redline(&id, Some(9), None).unwrap_err().code,
        ErrorCode::NotFound
    );

    // Both answer round 2 at once: the provider's round 3 forks from the customer's.
    customer
        .set_term(&id, "availability.target", "99.95", at(9))
        .unwrap();
    customer.propose_round(&id, "Back to 99.95", at(10)).unwrap();
    provider.set_term(&id, "credits.cap", "15", at(9)).unwrap();
    provider.propose_round(&id, "A revised counter", at(10)).unwrap();
    let fork = customer
        .import_package(provider.export_package(&id).unwrap().as_bytes(), None, at(11))
        .unwrap_err();
    assert_eq!(fork.code, ErrorCode::Conflict);
    assert!(
        fork.message
            .starts_with("Round 3 in the package differs from round 3 in this workspace"),
        "{}",
        fork.message
    );
}

#[test]
fn each_change_of_a_counter_proposal_is_accepted_or_rejected_in_the_draft() {
    use sla_api::{ChangeRef, ChangeState, Decision, MoveDirection};
    let (customer_dir, provider_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let customer = Backend::open(customer_dir.path());
    let provider = Backend::open(provider_dir.path());
    let id = customers_draft(&customer, Position::Customer);
    customer.propose_round(&id, "Opening", at(1)).unwrap();
    provider
        .import_package(customer.export_package(&id).unwrap().as_bytes(), None, at(2))
        .unwrap();
    // The provider's counter: a lower target, a reworded clause, one clause removed, one
    // added, one moved.
    provider
        .set_term(&id, "availability.target", "99.9", at(3))
        .unwrap();
    provider
        .set_clause_text(
            &id,
            "reporting",
            "Reporting and monitoring",
            "The Provider will report on request.",
            at(3),
        )
        .unwrap();
    provider
        .remove_clause(&id, "scheduled-maintenance", at(3))
        .unwrap();
    provider
        .add_clause(
            &id,
            &sla_api::AddClause {
                clause: "out-of-scope".into(),
                position: Position::Provider,
                section: None,
            },
            at(3),
        )
        .unwrap();
    provider
        .move_clause(&id, "exclusions", MoveDirection::Down, at(3))
        .unwrap();
    provider.propose_round(&id, "Counter", at(4)).unwrap();
    customer
        .import_package(provider.export_package(&id).unwrap().as_bytes(), None, at(5))
        .unwrap();

    let review = customer.review(&id, Some(1), Some(2)).unwrap();
    let state_of = |review: &sla_api::Review, clause: &str| {
        let index = review
            .redline
            .clauses
            .iter()
            .position(|c| c.clause == clause)
            .unwrap();
        review.clause_states[index]
    };
    assert_eq!(
        state_of(&review, "reporting"),
        ChangeState::Accepted,
        "the draft is round 2"
    );
    assert_eq!(state_of(&review, "availability"), ChangeState::FollowsTerms);

    for clause in ["reporting", "scheduled-maintenance", "out-of-scope", "exclusions"] {
        customer
            .decide(
                &id,
                1,
                2,
                &ChangeRef::Clause(clause.into()),
                Decision::Reject,
                at(6),
            )
            .unwrap();
    }
    customer
        .decide(
            &id,
            1,
            2,
            &ChangeRef::Term("availability.target".into()),
            Decision::Reject,
            at(6),
        )
        .unwrap();
    let round1 = customer.version(&id, Some(1)).unwrap();
    let draft = customer.version(&id, None).unwrap();
    assert_eq!(
        draft.sections, round1.sections,
        "every clause is back as it was in round 1"
    );
    assert_eq!(
        draft
            .terms
            .get(&sla_model::TermId::new("availability.target").unwrap()),
        round1
            .terms
            .get(&sla_model::TermId::new("availability.target").unwrap())
    );
    let review = customer.review(&id, Some(1), Some(2)).unwrap();
    assert_eq!(state_of(&review, "reporting"), ChangeState::Rejected);
    assert!(
        review
            .term_states
            .iter()
            .zip(&review.redline.terms)
            .any(|(s, t)| t.id == "availability.target" && *s == ChangeState::Rejected)
    );

    // Changing one's mind: accept the rewording after all; then undo it.
    let view = customer
        .decide(
            &id,
            1,
            2,
            &ChangeRef::Clause("reporting".into()),
            Decision::Accept,
            at(7),
        )
        .unwrap();
    assert_eq!(
        view.history.undo.as_deref(),
        Some("accept the change to clause Reporting and monitoring")
    );
    assert_eq!(
        state_of(&customer.review(&id, Some(1), Some(2)).unwrap(), "reporting"),
        ChangeState::Accepted
    );
    customer.undo(&id, at(8)).unwrap();
    assert_eq!(
        state_of(&customer.review(&id, Some(1), Some(2)).unwrap(), "reporting"),
        ChangeState::Rejected
    );

    customer.decide_all(&id, 1, 2, Decision::Accept, at(9)).unwrap();
    assert_eq!(
        customer.version(&id, None).unwrap(),
        customer.version(&id, Some(2)).unwrap()
    );
    customer.decide_all(&id, 1, 2, Decision::Reject, at(10)).unwrap();
    assert_eq!(customer.version(&id, None).unwrap(), round1);
}

#[test]
fn accepting_the_other_sides_round_agrees_and_locks_the_agreement_on_both_sides() {
    let (customer_dir, provider_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let customer = Backend::open(customer_dir.path());
    let provider = Backend::open(provider_dir.path());
    let id = customers_draft(&customer, Position::Balanced);
    customer.propose_round(&id, "Balanced terms", at(1)).unwrap();
    assert_eq!(
        customer.accept_round(&id, at(2)).unwrap_err().code,
        ErrorCode::Conflict,
        "not one's own round"
    );
    provider
        .import_package(customer.export_package(&id).unwrap().as_bytes(), None, at(3))
        .unwrap();
    provider
        .add_comment(
            &id,
            &sla_model::CommentTarget::Agreement,
            "Agreed, thank you.",
            at(4),
        )
        .unwrap();
    let view = provider.accept_round(&id, at(4)).unwrap();
    assert!(
        view.pending_comments.is_empty(),
        "the acceptance carried the comment"
    );
    assert_eq!(view.record.summary.status, sla_store::AgreementStatus::Agreed);
    assert_eq!(view.record.rounds.len(), 2);
    let locked = provider
        .set_term(&id, "availability.target", "99.5", at(5))
        .unwrap_err();
    assert_eq!(locked.code, ErrorCode::Conflict);
    assert!(locked.message.contains("agreed and locked"), "{}", locked.message);

    let imported = customer
        .import_package(provider.export_package(&id).unwrap().as_bytes(), None, at(6))
        .unwrap();
    assert_eq!(imported.summary.status, sla_store::AgreementStatus::Agreed);
    let comments = customer.agreement_view(&id).unwrap().comments;
    assert_eq!(comments.len(), 1);
    assert_eq!(
        (comments[0].round, comments[0].text.as_str()),
        (2, "Agreed, thank you.")
    );
    assert_eq!(
        customer.propose_round(&id, "one more", at(7)).unwrap_err().code,
        ErrorCode::Conflict
    );
    assert_eq!(
        customer.version(&id, None).unwrap(),
        customer.version(&id, Some(1)).unwrap()
    );

    // The agreed version's PDF is round 1's text, with round 1's fingerprint, on both sides.
    let round_1 = customer.agreement_view(&id).unwrap().record.rounds[0]
        .hash
        .clone();
    let agreed = sla_api::PdfRequest::Agreement { round: None };
    for side in [&customer, &provider] {
        let preview = side
            .pdf_preview(&id, &agreed, sla_api::PaperSize::A4, at(8))
            .unwrap();
        let texts: Vec<&str> = preview.pages[0]
            .items
            .iter()
            .filter_map(|item| match item {
                sla_api::PreviewItem::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("Agreed version: round 1, accepted as final on")),
            "{texts:?}"
        );
        assert!(texts.iter().any(|t| t.contains(&round_1)), "{texts:?}");
        // Both parties' keys: the customer signed round 1, the provider's acceptance round 2.
        let customer_key = customer.workspace_info().unwrap().key_fingerprint;
        let provider_key = provider.workspace_info().unwrap().key_fingerprint;
        let signed = format!("Signed by the Customer (round 1) with the key {customer_key}");
        let accepted = format!("Accepted as final by the Provider (round 2) with the key {provider_key}");
        assert!(texts.contains(&signed.as_str()), "{texts:?}");
        assert!(texts.contains(&accepted.as_str()), "{texts:?}");
    }
    assert_eq!(
        customer.pdf_file_name(&id, &agreed).unwrap(),
        "SaaS Availability SLA - agreed.pdf"
    );
    assert_eq!(
        customer.package_file_name(&id).unwrap(),
        "SaaS Availability SLA - round 2.slapkg"
    );
    // The Word file and the measurement take the same agreed version: round 1, accepted in
    // round 2 by the provider.
    assert_eq!(
        customer.docx_file_name(&id, None).unwrap(),
        "SaaS Availability SLA - agreed.docx"
    );
    let docx = customer.export_docx(&id, None, at(9)).unwrap();
    let properties = sla_docx::read_docx(&docx).unwrap();
    assert_eq!(
        (properties.round, properties.fingerprint.as_deref()),
        (Some(1), Some(round_1.as_str()))
    );
    let (measured, agreed_on) = customer.agreed_version(&id).unwrap();
    assert_eq!(measured, customer.version(&id, Some(1)).unwrap());
    assert_eq!(
        agreed_on,
        at(4).to_zoned_datetime(jiff::tz::TimeZone::UTC).date(),
        "the day of the acceptance"
    );
}

#[test]
fn a_round_signed_with_a_new_key_is_refused_until_the_user_trusts_that_key() {
    let dirs = [(); 3].map(|()| tempfile::tempdir().unwrap());
    let customer = Backend::open(dirs[0].path());
    let provider = Backend::open(dirs[1].path());
    let id = customers_draft(&customer, Position::Customer);
    customer.propose_round(&id, "Opening", at(1)).unwrap();
    provider
        .import_package(customer.export_package(&id).unwrap().as_bytes(), None, at(2))
        .unwrap();
    provider
        .set_term(&id, "availability.target", "99.9", at(3))
        .unwrap();
    provider.propose_round(&id, "Counter", at(3)).unwrap();
    customer
        .import_package(provider.export_package(&id).unwrap().as_bytes(), None, at(4))
        .unwrap();
    let customer_key = customer.workspace_info().unwrap().key_fingerprint;
    let provider_key = provider.workspace_info().unwrap().key_fingerprint;
    let keys = customer.agreement_view(&id).unwrap().party_keys;
    assert_eq!(
        keys.iter()
            .map(|k| (k.role, k.fingerprint.as_str()))
            .collect::<Vec<_>>(),
        vec![
            (PartyRole::Customer, customer_key.as_str()),
            (PartyRole::Provider, provider_key.as_str())
        ]
    );
    let rounds = customer.agreement_view(&id).unwrap().record.rounds;
    assert_eq!(rounds[1].signed_by.as_deref(), Some(provider_key.as_str()));

    customer
        .set_term(&id, "availability.target", "99.95", at(5))
        .unwrap();
    customer.propose_round(&id, "Round 3", at(5)).unwrap();

    // The provider's counsel moves to a new laptop: a new workspace, a new key, and the
    // customer's package imported there.
    let laptop = Backend::open(dirs[2].path());
    let new_key = laptop.workspace_info().unwrap().key_fingerprint;
    assert_ne!(new_key, provider_key);
    laptop
        .import_package(customer.export_package(&id).unwrap().as_bytes(), None, at(5))
        .unwrap();
    laptop
        .set_term(&id, "availability.target", "99.8", at(6))
        .unwrap();
    laptop.propose_round(&id, "From my new laptop", at(6)).unwrap();
    let package = laptop.export_package(&id).unwrap();

    let check = customer.verify_package(package.as_bytes()).unwrap();
    let change = check.key_change.clone().unwrap();
    assert_eq!(
        (
            change.round,
            change.role,
            change.pinned_fingerprint.as_str(),
            change.new_fingerprint.as_str()
        ),
        (4, PartyRole::Provider, provider_key.as_str(), new_key.as_str())
    );
    assert_eq!(check.rounds[3].signed_by, new_key);

    let before = customer.open_agreement(&id).unwrap();
    let refused = customer
        .import_package(package.as_bytes(), None, at(7))
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::KeyChanged);
    assert_eq!(refused.key_change.as_deref(), Some(&change));
    assert!(refused.message.contains(&new_key), "{}", refused.message);
    assert_eq!(customer.open_agreement(&id).unwrap(), before, "nothing changed");
    let json = serde_json::to_string(&refused).unwrap();
    assert!(json.contains("\"key_change\":{\"round\":4"), "{json}");

    assert_eq!(
        customer
            .import_package(package.as_bytes(), Some("not a key"), at(7))
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
    let imported = customer
        .import_package(package.as_bytes(), Some(&change.new_key), at(8))
        .unwrap();
    assert_eq!(imported.summary.latest_round, Some(4));
    let keys = customer.agreement_view(&id).unwrap().party_keys;
    assert!(
        keys.iter()
            .any(|k| k.role == PartyRole::Provider && k.fingerprint == new_key)
    );
}

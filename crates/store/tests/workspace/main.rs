//! The workspace on a real SQLite file in a temporary folder.
#![allow(clippy::unwrap_used)] // test helpers may panic: a panic is a failed test

use jiff::Timestamp;
use sla_model::{AgreementId, Identity, PartyRole, Round, Title};
use sla_store::{AgreementStatus, DATABASE_FILE, StoreError, Workspace};

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + seconds).unwrap()
}

/// A round signed by the other side's key.
fn signed_by(identity: &Identity, mut round: Round) -> Round {
    identity.sign(&mut round);
    round
}

fn hashes(rounds: &[Round]) -> Vec<sla_model::RoundHash> {
    rounds.iter().map(Round::hash).collect()
}

fn title(text: &str) -> Title {
    Title::new(text).unwrap()
}

#[test]
fn created_agreements_are_listed_newest_first_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = {
        let mut ws = Workspace::open(dir.path()).unwrap();
        assert!(ws.list_agreements().unwrap().is_empty());
        let first = ws
            .create_agreement(title("Hosting SLA"), PartyRole::Customer, "Cloudy Ltd", at(1))
            .unwrap();
        let second = ws
            .create_agreement(title("Service desk SLA"), PartyRole::Provider, "Acme GmbH", at(2))
            .unwrap();
        (first, second)
    };
    let ws = Workspace::open(dir.path()).unwrap();
    let list = ws.list_agreements().unwrap();
    assert_eq!(list, vec![second.clone(), first.clone()]);
    assert_eq!(first.counterparty, "Cloudy Ltd");
    assert_eq!(first.status, AgreementStatus::Draft);
    assert_eq!(first.latest_round, None);
    assert_eq!(first.updated_at, at(1));

    let record = ws.agreement(second.id).unwrap();
    assert_eq!(record.agreement.title.as_str(), "Service desk SLA");
    assert_eq!(record.agreement.parties.customer.name, "Acme GmbH");
    assert_eq!(record.created_at, at(2));
    assert!(record.rounds.is_empty());
}

#[test]
fn rename_changes_title_and_last_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let a = ws
        .create_agreement(title("Old name"), PartyRole::Customer, "Vendor", at(1))
        .unwrap();
    let b = ws
        .create_agreement(title("Other"), PartyRole::Customer, "Vendor", at(2))
        .unwrap();
    let renamed = ws.rename_agreement(a.id, title("New name"), at(3)).unwrap();
    assert_eq!(renamed.title, "New name");
    assert_eq!(renamed.updated_at, at(3));
    assert_eq!(ws.agreement(a.id).unwrap().agreement.title.as_str(), "New name");
    let order: Vec<_> = ws.list_agreements().unwrap().into_iter().map(|s| s.id).collect();
    assert_eq!(order, vec![a.id, b.id]);
}

#[test]
fn unknown_ids_are_not_found_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.create_agreement(title("Kept"), PartyRole::Customer, "Vendor", at(1))
        .unwrap();
    let missing = AgreementId::random();
    assert!(matches!(ws.agreement(missing), Err(StoreError::NotFound(id)) if id == missing));
    assert!(matches!(
        ws.rename_agreement(missing, title("X"), at(2)),
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        ws.delete_agreement(missing),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(ws.count_agreements().unwrap(), 1);
}

#[test]
fn delete_removes_the_agreement_and_its_rounds() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let a = ws
        .create_agreement(title("Doomed"), PartyRole::Customer, "Vendor", at(1))
        .unwrap();
    let snapshot = ws.agreement(a.id).unwrap().agreement;
    ws.append_round(
        a.id,
        &Round::new(1, PartyRole::Customer, at(2), "Opening", None, snapshot).unwrap(),
    )
    .unwrap();
    ws.delete_agreement(a.id).unwrap();
    assert!(ws.list_agreements().unwrap().is_empty());
    assert!(matches!(ws.round(a.id, 1), Err(StoreError::NotFound(_))));
}

#[test]
fn rounds_are_numbered_in_order_and_frozen() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let a = ws
        .create_agreement(title("Hosting SLA"), PartyRole::Customer, "Cloudy Ltd", at(1))
        .unwrap();
    let mut draft = ws.agreement(a.id).unwrap().agreement;
    let round1 = Round::new(
        1,
        PartyRole::Customer,
        at(5),
        "First proposal",
        None,
        draft.clone(),
    )
    .unwrap();

    let out_of_order = Round::new(
        2,
        PartyRole::Customer,
        at(5),
        "",
        Some(round1.hash()),
        draft.clone(),
    )
    .unwrap();
    assert!(matches!(
        ws.append_round(a.id, &out_of_order),
        Err(StoreError::RoundOutOfOrder {
            proposed: 2,
            latest: 0
        })
    ));

    let summary = ws.append_round(a.id, &round1).unwrap();
    assert_eq!(summary.status, AgreementStatus::Negotiating);
    assert_eq!(summary.latest_round, Some(1));
    assert!(matches!(
        ws.append_round(a.id, &round1),
        Err(StoreError::RoundOutOfOrder { .. })
    ));

    draft.title = title("Hosting SLA (vendor edit)");
    ws.save_draft(&draft, at(6)).unwrap();
    assert_eq!(
        ws.round(a.id, 1).unwrap().hash(),
        round1.hash(),
        "a round is not changed by later draft edits"
    );
    let record = ws.agreement(a.id).unwrap();
    assert_eq!(record.rounds.len(), 1);
    assert_eq!(record.rounds[0].message, "First proposal");
    assert_eq!(record.summary.title, "Hosting SLA (vendor edit)");
}

/// The counterparty's round from a Word reply and the draft that follows it are one write: a
/// refused round leaves the draft as it was.
#[test]
fn a_round_and_its_draft_are_stored_together_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let a = ws
        .create_agreement(title("Hosting SLA"), PartyRole::Customer, "Cloudy Ltd", at(1))
        .unwrap();
    let draft = ws.agreement(a.id).unwrap().agreement;
    let round1 = Round::new(1, PartyRole::Customer, at(5), "Opening", None, draft.clone()).unwrap();
    ws.append_round(a.id, &round1).unwrap();

    let mut answer = draft.clone();
    answer.title = title("Hosting SLA (provider's text)");
    let elsewhere = Round::new(
        1,
        PartyRole::Customer,
        at(4),
        "Another opening",
        None,
        answer.clone(),
    )
    .unwrap();
    let broken = Round::new(
        2,
        PartyRole::Provider,
        at(6),
        "",
        Some(elsewhere.hash()),
        answer.clone(),
    )
    .unwrap();
    assert!(matches!(
        ws.append_round_with_draft(a.id, &broken, Some(&answer), at(6)),
        Err(StoreError::BrokenChain { .. })
    ));
    assert_eq!(
        ws.agreement(a.id).unwrap().agreement,
        draft,
        "a refused round leaves the draft"
    );

    let round2 = Round::new(
        2,
        PartyRole::Provider,
        at(6),
        "",
        Some(round1.hash()),
        answer.clone(),
    )
    .unwrap();
    let summary = ws
        .append_round_with_draft(a.id, &round2, Some(&answer), at(6))
        .unwrap();
    assert_eq!(summary.latest_round, Some(2));
    assert_eq!(summary.title, "Hosting SLA (provider's text)");
    assert_eq!(ws.agreement(a.id).unwrap().agreement, answer);
}

#[test]
fn an_invalid_draft_is_refused_and_the_stored_one_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let a = ws
        .create_agreement(title("Hosting SLA"), PartyRole::Customer, "Cloudy Ltd", at(1))
        .unwrap();
    let mut draft = ws.agreement(a.id).unwrap().agreement;
    draft.parties.provider.name = "bad\u{0}name".into();
    assert!(matches!(
        ws.save_draft(&draft, at(2)),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(
        ws.agreement(a.id).unwrap().agreement.parties.provider.name,
        "Cloudy Ltd"
    );
    assert_eq!(ws.list_agreements().unwrap()[0].updated_at, at(1));
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    let garbage = b"this is not a database, it is a shopping list: milk, eggs, 99.9 % uptime".repeat(20);
    std::fs::write(&path, &garbage).unwrap();
    let error = Workspace::open(dir.path()).unwrap_err();
    assert!(matches!(error, StoreError::NotAWorkspace { .. }), "{error}");
    assert!(error.to_string().contains("not a SQLite database"), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
}

#[test]
fn another_applications_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    {
        let conn = rusqlite_free_connection(&path);
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let error = Workspace::open(dir.path()).unwrap_err();
    assert!(matches!(error, StoreError::NotAWorkspace { .. }), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_workspace_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(Workspace::open(dir.path()).unwrap());
    {
        let conn = rusqlite_free_connection(&dir.path().join(DATABASE_FILE));
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let error = Workspace::open(dir.path()).unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::NewerSchema {
                found: 99,
                known: 4,
                ..
            }
        ),
        "{error}"
    );
}

#[test]
fn a_damaged_draft_is_reported_as_corrupt_and_the_list_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let a = ws
        .create_agreement(title("Damaged"), PartyRole::Customer, "Vendor", at(1))
        .unwrap();
    {
        let conn = rusqlite_free_connection(&dir.path().join(DATABASE_FILE));
        conn.execute(
            "UPDATE agreements SET draft_json = '{\"format_version\":1,' WHERE id = ?1",
            [a.id.to_string()],
        )
        .unwrap();
    }
    let error = ws.agreement(a.id).unwrap_err();
    assert!(matches!(error, StoreError::Corrupt { .. }), "{error}");
    assert_eq!(ws.list_agreements().unwrap().len(), 1);
}

#[test]
fn the_workspace_folder_is_created_and_uses_wal() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("team").join("ws");
    let ws = Workspace::open(&nested).unwrap();
    assert!(ws.database_path().exists());
    let conn = rusqlite_free_connection(&ws.database_path());
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

/// A second, independent connection to the file, as another process would have.
fn rusqlite_free_connection(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

#[test]
fn rounds_chain_by_fingerprint_and_tampering_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let a = ws
        .create_agreement(title("Hosting SLA"), PartyRole::Customer, "Cloudy Ltd", at(1))
        .unwrap();
    let draft = ws.agreement(a.id).unwrap().agreement;
    let round1 = Round::new(1, PartyRole::Customer, at(2), "Opening", None, draft.clone()).unwrap();
    ws.append_round(a.id, &round1).unwrap();
    let wrong = Round::new(
        1,
        PartyRole::Customer,
        at(3),
        "Another opening",
        None,
        draft.clone(),
    )
    .unwrap();
    let forked = Round::new(
        2,
        PartyRole::Provider,
        at(4),
        "Counter",
        Some(wrong.hash()),
        draft.clone(),
    )
    .unwrap();
    assert!(matches!(
        ws.append_round(a.id, &forked),
        Err(StoreError::BrokenChain {
            round: 2,
            previous: 1
        })
    ));
    let round2 = Round::new(
        2,
        PartyRole::Provider,
        at(4),
        "Counter",
        Some(round1.hash()),
        draft.clone(),
    )
    .unwrap();
    ws.append_round(a.id, &round2).unwrap();
    assert_eq!(hashes(&ws.rounds(a.id).unwrap()), hashes(&[round1, round2]));

    // Someone edits the database behind SLA Studio's back: the round no longer matches its fingerprint.
    let db = rusqlite::Connection::open(ws.database_path()).unwrap();
    db.execute(
        "UPDATE rounds SET message = 'Opening (edited)' WHERE number = 1",
        [],
    )
    .unwrap();
    drop(db);
    let error = ws.round(a.id, 1).unwrap_err();
    assert!(matches!(error, StoreError::Corrupt { .. }), "{error}");
    assert!(
        error
            .to_string()
            .contains("does not match its stored fingerprint"),
        "{error}"
    );
}

#[test]
fn imported_rounds_create_the_agreement_or_extend_it_and_keep_unsent_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let mut theirs = sla_model::Agreement::blank(
        sla_model::AgreementId::random(),
        title("Hosting SLA"),
        PartyRole::Customer,
        "Cloudy Ltd",
    );
    theirs.parties.customer.name = "Acme Retail plc".into();
    let them = Identity::generate().unwrap();
    let round1 = signed_by(
        &them,
        Round::new(1, PartyRole::Customer, at(2), "Opening", None, theirs.clone()).unwrap(),
    );
    // We are the provider: the customer's round 1 creates the agreement here.
    let imported = ws
        .import_rounds(
            theirs.id,
            std::slice::from_ref(&round1),
            PartyRole::Provider,
            None,
            at(3),
        )
        .unwrap();
    assert!(imported.created && imported.draft_replaced);
    assert_eq!(imported.summary.our_role, PartyRole::Provider);
    assert_eq!(imported.summary.counterparty, "Acme Retail plc");
    assert_eq!(ws.agreement(theirs.id).unwrap().agreement, theirs);

    // Our counter-proposal, then their round 3 while we have unsent edits: the edits stay.
    let mut ours = theirs.clone();
    ours.title = title("Hosting SLA (provider)");
    ws.save_draft(&ours, at(4)).unwrap();
    let round2 = Round::new(
        2,
        PartyRole::Provider,
        at(5),
        "Counter",
        Some(round1.hash()),
        ours.clone(),
    )
    .unwrap();
    ws.append_round(theirs.id, &round2).unwrap();
    let mut unsent = ours.clone();
    unsent.title = title("Hosting SLA (provider, unsent)");
    ws.save_draft(&unsent, at(6)).unwrap();
    let round3 = signed_by(
        &them,
        Round::new(
            3,
            PartyRole::Customer,
            at(7),
            "Back to you",
            Some(round2.hash()),
            theirs.clone(),
        )
        .unwrap(),
    );
    let imported = ws
        .import_rounds(
            theirs.id,
            std::slice::from_ref(&round3),
            PartyRole::Provider,
            None,
            at(8),
        )
        .unwrap();
    assert!(!imported.created && !imported.draft_replaced);
    assert_eq!(ws.agreement(theirs.id).unwrap().agreement.title, unsent.title);
    assert_eq!(ws.rounds(theirs.id).unwrap().len(), 3);

    // A batch with a bad round is refused whole.
    let round4 = signed_by(
        &them,
        Round::new(
            4,
            PartyRole::Customer,
            at(9),
            "",
            Some(round3.hash()),
            ours.clone(),
        )
        .unwrap(),
    );
    let bad5 = signed_by(
        &them,
        Round::new(
            5,
            PartyRole::Customer,
            at(10),
            "",
            Some(round3.hash()),
            theirs.clone(),
        )
        .unwrap(),
    );
    assert!(matches!(
        ws.import_rounds(theirs.id, &[round4, bad5], PartyRole::Provider, None, at(11)),
        Err(StoreError::BrokenChain {
            round: 5,
            previous: 4
        })
    ));
    assert_eq!(
        ws.rounds(theirs.id).unwrap().len(),
        3,
        "nothing of the batch was kept"
    );
}

#[test]
fn the_workspace_key_is_made_once_and_signs_every_round_proposed_here() {
    let dir = tempfile::tempdir().unwrap();
    let key = Workspace::open(dir.path()).unwrap().public_key();
    let mut ws = Workspace::open(dir.path()).unwrap();
    assert_eq!(ws.public_key(), key, "kept across restarts");
    let other = tempfile::tempdir().unwrap();
    assert_ne!(Workspace::open(other.path()).unwrap().public_key(), key);

    let a = ws
        .create_agreement(title("Hosting SLA"), PartyRole::Customer, "Cloudy Ltd", at(1))
        .unwrap();
    let draft = ws.agreement(a.id).unwrap().agreement;
    ws.append_round(
        a.id,
        &Round::new(1, PartyRole::Customer, at(2), "Opening", None, draft).unwrap(),
    )
    .unwrap();
    let stored = ws.round(a.id, 1).unwrap();
    assert_eq!(stored.verify_signature().unwrap(), key);
    assert_eq!(ws.party_keys(a.id).unwrap(), vec![(PartyRole::Customer, key)]);
    let record = ws.agreement(a.id).unwrap();
    assert_eq!(
        record.rounds[0].signed_by.as_deref(),
        Some(key.fingerprint().as_str())
    );

    // A signature altered in the file is reported as damage, not trusted.
    let db = rusqlite::Connection::open(ws.database_path()).unwrap();
    let json: String = db
        .query_row("SELECT signature_json FROM rounds WHERE number = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let signature = value["signature"].as_str().unwrap().to_owned();
    let first = if signature.starts_with('0') { "1" } else { "0" };
    value["signature"] = format!("{first}{}", &signature[1..]).into();
    let flipped = value.to_string();
    db.execute(
        "UPDATE rounds SET signature_json = ?1 WHERE number = 1",
        [&flipped],
    )
    .unwrap();
    drop(db);
    let error = ws.round(a.id, 1).unwrap_err();
    assert!(matches!(error, StoreError::Corrupt { .. }), "{error}");
}

#[test]
fn the_counterpartys_first_key_is_pinned_and_a_new_one_needs_the_users_acceptance() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let mut theirs = sla_model::Agreement::blank(
        AgreementId::random(),
        title("Hosting SLA"),
        PartyRole::Customer,
        "Cloudy Ltd",
    );
    theirs.parties.customer.name = "Acme Retail plc".into();
    let (them, mallory) = (Identity::generate().unwrap(), Identity::generate().unwrap());
    let round1 = signed_by(
        &them,
        Round::new(1, PartyRole::Customer, at(2), "Opening", None, theirs.clone()).unwrap(),
    );
    ws.import_rounds(
        theirs.id,
        std::slice::from_ref(&round1),
        PartyRole::Provider,
        None,
        at(3),
    )
    .unwrap();
    assert_eq!(
        ws.party_keys(theirs.id).unwrap(),
        vec![(PartyRole::Customer, them.public_key())],
        "first contact pins their key"
    );
    let mut ours = theirs.clone();
    ours.title = title("Hosting SLA, counter");
    let round2 = Round::new(
        2,
        PartyRole::Provider,
        at(4),
        "Counter",
        Some(round1.hash()),
        ours,
    )
    .unwrap();
    ws.append_round(theirs.id, &round2).unwrap();
    let round2 = ws.round(theirs.id, 2).unwrap();
    let mut later = theirs.clone();
    later.title = title("Hosting SLA, round 3");
    let round3 = |key: &Identity| {
        signed_by(
            key,
            Round::new(
                3,
                PartyRole::Customer,
                at(5),
                "Back",
                Some(round2.hash()),
                later.clone(),
            )
            .unwrap(),
        )
    };

    let error = ws
        .import_rounds(theirs.id, &[round3(&mallory)], PartyRole::Provider, None, at(6))
        .unwrap_err();
    let StoreError::KeyChanged {
        round,
        role,
        pinned,
        found,
    } = &error
    else {
        panic!("{error}");
    };
    assert_eq!(
        (*round, *role, *pinned, *found),
        (3, PartyRole::Customer, them.public_key(), mallory.public_key())
    );
    let message = error.to_string();
    assert!(message.contains(&mallory.public_key().fingerprint()), "{message}");
    assert!(message.contains(&them.public_key().fingerprint()), "{message}");
    assert_eq!(ws.rounds(theirs.id).unwrap().len(), 2, "nothing stored");

    // Trusting some other key does not let this one through either.
    assert!(matches!(
        ws.import_rounds(
            theirs.id,
            &[round3(&mallory)],
            PartyRole::Provider,
            Some(them.public_key()),
            at(6)
        ),
        Err(StoreError::KeyChanged { .. })
    ));
    // The user checked the new fingerprint with the customer and accepts it.
    ws.import_rounds(
        theirs.id,
        &[round3(&mallory)],
        PartyRole::Provider,
        Some(mallory.public_key()),
        at(7),
    )
    .unwrap();
    assert!(
        ws.party_keys(theirs.id)
            .unwrap()
            .contains(&(PartyRole::Customer, mallory.public_key()))
    );
    assert_eq!(ws.rounds(theirs.id).unwrap().len(), 3);

    // An unsigned round is refused whatever the user trusts.
    let unsigned = Round::new(
        4,
        PartyRole::Customer,
        at(8),
        "",
        Some(ws.round(theirs.id, 3).unwrap().hash()),
        theirs.clone(),
    )
    .unwrap();
    assert!(matches!(
        ws.import_rounds(theirs.id, &[unsigned], PartyRole::Provider, None, at(9)),
        Err(StoreError::Signature(sla_model::SignatureError::Unsigned {
            round: 4
        }))
    ));
}

//! Properties of deciding a redline change by change: whatever the edits between two versions
//! A and B, and in whatever order the changes are decided, accepting every change of
//! redline(A, B) turns A into B, and rejecting every change turns B back into A.

#![allow(clippy::unwrap_used)] // a panic is a failed test

use std::sync::LazyLock;

use proptest::prelude::*;
use sla_model::{Agreement, AgreementId, Clause, ClauseId, Section, SectionId};
use sla_templates::{DraftRequest, Library, Position, draft};

use crate::review::{Versions, adopt};
use crate::{ChangeRef, Decision};

fn drafted(library: &Library, position: Position) -> Agreement {
    let request = DraftRequest {
        template: "saas-availability".into(),
        position,
        customer: "Acme Retail plc".into(),
        provider: "Cloudy Hosting Ltd".into(),
        ..DraftRequest::default()
    };
    draft(library, &request, AgreementId::random()).unwrap()
}

/// The customer's and the provider's drafts of the SaaS SLA, made once.
static DRAFTS: LazyLock<(Agreement, Agreement)> = LazyLock::new(|| {
    let library = Library::built_in().unwrap();
    (
        drafted(&library, Position::Customer),
        drafted(&library, Position::Provider),
    )
});

/// One edit a counterparty might make, with the numbers that choose where.
#[derive(Clone, Debug)]
enum Edit {
    Reword(usize),
    Retitle(usize),
    Delete(usize),
    Insert {
        section: usize,
        at: usize,
    },
    InsertSection {
        at: usize,
    },
    Move {
        clause: usize,
        section: usize,
        at: usize,
    },
    TakeTerm(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let n = 0..64usize;
    prop_oneof![
        n.clone().prop_map(Edit::Reword),
        n.clone().prop_map(Edit::Retitle),
        n.clone().prop_map(Edit::Delete),
        (n.clone(), n.clone()).prop_map(|(section, at)| Edit::Insert { section, at }),
        n.clone().prop_map(|at| Edit::InsertSection { at }),
        (n.clone(), n.clone(), n.clone()).prop_map(|(clause, section, at)| Edit::Move {
            clause,
            section,
            at
        }),
        n.prop_map(Edit::TakeTerm),
    ]
}

/// Where the `n`th clause (counting across sections, wrapping) stands.
fn nth_clause(agreement: &Agreement, n: usize) -> (usize, usize) {
    let all: Vec<(usize, usize)> = agreement
        .sections
        .iter()
        .enumerate()
        .flat_map(|(s, section)| (0..section.clauses.len()).map(move |c| (s, c)))
        .collect();
    all[n % all.len()]
}

fn apply(agreement: &mut Agreement, edit: &Edit, other: &Agreement, serial: usize) {
    let clauses: usize = agreement.sections.iter().map(|s| s.clauses.len()).sum();
    let new_clause = || Clause {
        id: ClauseId::new(format!("added-{serial}")).unwrap(),
        heading: format!("Added clause {serial}"),
        text: format!("The Provider shall report on item {serial} each month."),
    };
    match *edit {
        Edit::Reword(n) => {
            let (s, c) = nth_clause(agreement, n);
            let text = &mut agreement.sections[s].clauses[c].text;
            *text = text.replacen("the ", "each ", 1) + " As amended.";
        }
        Edit::Retitle(n) => {
            let (s, c) = nth_clause(agreement, n);
            agreement.sections[s].clauses[c].heading.push_str(" (amended)");
        }
        Edit::Delete(n) if clauses > 2 => {
            let (s, c) = nth_clause(agreement, n);
            agreement.sections[s].clauses.remove(c);
        }
        Edit::Delete(_) => {}
        Edit::Insert { section, at } => {
            let sections = agreement.sections.len();
            let clauses = &mut agreement.sections[section % sections].clauses;
            clauses.insert(at % (clauses.len() + 1), new_clause());
        }
        Edit::InsertSection { at } => {
            let section = Section {
                id: SectionId::new(format!("added-section-{serial}")).unwrap(),
                heading: format!("Added section {serial}"),
                clauses: vec![new_clause()],
            };
            agreement
                .sections
                .insert(at % (agreement.sections.len() + 1), section);
        }
        Edit::Move { clause, section, at } => {
            let (s, c) = nth_clause(agreement, clause);
            let moving = agreement.sections[s].clauses.remove(c);
            let sections = agreement.sections.len();
            let clauses = &mut agreement.sections[section % sections].clauses;
            clauses.insert(at % (clauses.len() + 1), moving);
        }
        Edit::TakeTerm(n) => {
            let (id, term) = other.terms.iter().nth(n % other.terms.len()).unwrap();
            agreement.terms.insert(id.clone(), term.clone());
        }
    }
    agreement.sections.retain(|s| !s.clauses.is_empty());
}

/// Every change of the redline from `old` to `new`, in an order the seed shuffles.
fn changes(old: &Agreement, new: &Agreement, seed: u64) -> Vec<ChangeRef> {
    let redline = sla_redline::redline(old, new, None);
    let mut changes: Vec<ChangeRef> = redline
        .changed()
        .map(|c| ChangeRef::Clause(c.clause.clone()))
        .chain(redline.terms.iter().map(|t| ChangeRef::Term(t.id.clone())))
        .collect();
    let mut state = seed | 1;
    for i in (1..changes.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        changes.swap(i, (state % (i as u64 + 1)) as usize);
    }
    changes
}

fn decide_each(old: &Agreement, new: &Agreement, changes: &[ChangeRef], decision: Decision) -> Agreement {
    let versions = Versions::new(old, new);
    let mut draft = match decision {
        Decision::Accept => old.clone(),
        Decision::Reject => new.clone(),
    };
    for change in changes {
        adopt(&mut draft, &versions, change, decision).unwrap();
    }
    draft
}

/// Sections and their clauses by id: enough to read a failure.
fn outline(a: &Agreement) -> Vec<String> {
    a.sections
        .iter()
        .map(|s| {
            let clauses: Vec<&str> = s.clauses.iter().map(|c| c.id.as_str()).collect();
            format!("{}: {}", s.id.as_str(), clauses.join(" "))
        })
        .collect()
}

fn same_text(a: &Agreement, b: &Agreement) -> bool {
    a.sections == b.sections && a.terms == b.terms
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn accepting_every_change_gives_the_newer_version_and_rejecting_every_change_the_older(
        edits in proptest::collection::vec(edit(), 1..10),
        seed in any::<u64>(),
    ) {
        let (a, other) = &*DRAFTS;
        let mut b = a.clone();
        for (serial, edit) in edits.iter().enumerate() {
            apply(&mut b, edit, other, serial);
        }
        let changes = changes(a, &b, seed);

        let accepted = decide_each(a, &b, &changes, Decision::Accept);
        prop_assert!(same_text(&accepted, &b), "accepting {changes:?} gave\n{:#?}\ninstead of\n{:#?}", outline(&accepted), outline(&b));
        let rejected = decide_each(a, &b, &changes, Decision::Reject);
        prop_assert!(same_text(&rejected, a), "rejecting {changes:?} gave\n{:#?}\ninstead of\n{:#?}", outline(&rejected), outline(a));
        prop_assert_eq!(sla_redline::redline(&accepted, &b, None).changed().count(), 0);
    }
}

//! Accepting or rejecting the changes between two versions, one at a time or all at once. The
//! draft is what is decided: accepting a change makes that clause or term as in the newer
//! version, rejecting it makes it as in the older one (a rejected insertion goes, a rejected
//! deletion comes back where it stood, a rejected move moves back).

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

use sla_model::{Agreement, Clause, Section};
use sla_redline::{ClauseChangeKind, Redline};
use ts_rs::TS;

use crate::{ApiError, ErrorCode};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Accept,
    Reject,
}

/// What the draft holds for one change of the redline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeState {
    /// As in the newer version.
    Accepted,
    /// As in the older version.
    Rejected,
    /// Neither: edited since.
    Edited,
    /// The clause's own wording did not change; it reads differently only because a term it
    /// quotes changed (decide on the term).
    FollowsTerms,
}

/// One change of the redline: a clause (by its id in the newer version, or the older one's
/// for a deletion) or a term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum ChangeRef {
    Clause(String),
    Term(String),
}

/// A redline with, for each change, what the draft holds now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Review {
    pub redline: Redline,
    /// Parallel to `redline.clauses`.
    pub clause_states: Vec<ChangeState>,
    /// Parallel to `redline.terms`.
    pub term_states: Vec<ChangeState>,
    /// Every term that changed across the rounds and the draft, step by step.
    pub history: Vec<sla_redline::TermHistory>,
    /// The comments every round carried, oldest first.
    pub comments: Vec<RoundComment>,
}

/// A comment as a round carried it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct RoundComment {
    pub round: u32,
    pub author: sla_model::PartyRole,
    pub target: sla_model::CommentTarget,
    pub text: String,
}

/// The comments the rounds carried, oldest first.
pub fn round_comments(rounds: &[sla_model::Round]) -> Vec<RoundComment> {
    rounds
        .iter()
        .flat_map(|r| {
            r.comments.iter().map(|c| RoundComment {
                round: r.number,
                author: c.author,
                target: c.target.clone(),
                text: c.text.clone(),
            })
        })
        .collect()
}

/// A clause as one version has it: heading, text, section, and the clause before it (enough
/// to tell a move).
type Placed<'a> = (&'a str, &'a str, &'a str, Option<&'a str>);

fn clause_as_in<'a>(agreement: &'a Agreement, clause: &str) -> Option<Placed<'a>> {
    let (s, c) = agreement.locate_clause(clause)?;
    let section = &agreement.sections[s];
    let found = &section.clauses[c];
    let before = c.checked_sub(1).map(|b| section.clauses[b].id.as_str());
    Some((
        found.heading.as_str(),
        found.text.as_str(),
        section.id.as_str(),
        before,
    ))
}

pub fn review(
    redline: Redline,
    old: &Agreement,
    new: &Agreement,
    draft: &Agreement,
    history: Vec<sla_redline::TermHistory>,
    comments: Vec<RoundComment>,
) -> Review {
    let state = |is_new: bool, is_old: bool| match (is_new, is_old) {
        (true, _) => ChangeState::Accepted,
        (false, true) => ChangeState::Rejected,
        (false, false) => ChangeState::Edited,
    };
    let clause_states = redline
        .clauses
        .iter()
        .map(|change| {
            let draft_now = clause_as_in(draft, &change.clause);
            let old_id = change.old_clause.as_deref().unwrap_or(&change.clause);
            let (in_new, in_old) = (clause_as_in(new, &change.clause), clause_as_in(old, old_id));
            if in_new.is_some() && in_new == in_old {
                return ChangeState::FollowsTerms;
            }
            state(draft_now == in_new, draft_now == in_old)
        })
        .collect();
    let term_states = redline
        .terms
        .iter()
        .map(|change| {
            let value = |a: &Agreement| a.term_value(&change.id).cloned();
            let now = value(draft);
            state(now == value(new), now == value(old))
        })
        .collect();
    Review {
        redline,
        clause_states,
        term_states,
        history,
        comments,
    }
}

/// The two versions a redline compares, and the clauses it finds in the same place in both:
/// no decision moves those, so the others are placed around them.
pub struct Versions<'a> {
    old: &'a Agreement,
    new: &'a Agreement,
    unmoved: HashSet<String>,
}

impl<'a> Versions<'a> {
    pub fn new(old: &'a Agreement, new: &'a Agreement) -> Self {
        let unmoved = sla_redline::clause_changes(old, new)
            .into_iter()
            .filter(|c| matches!(c.kind, ClauseChangeKind::Unchanged | ClauseChangeKind::Modified))
            .map(|c| c.clause)
            .collect();
        Versions { old, new, unmoved }
    }
}

/// Makes one clause or term of the draft as it is in the newer version (accept) or the older
/// one (reject); returns the undo label.
pub fn adopt(
    draft: &mut Agreement,
    versions: &Versions<'_>,
    change: &ChangeRef,
    decision: Decision,
) -> Result<String, ApiError> {
    let (verb, source) = match decision {
        Decision::Accept => ("accept", versions.new),
        Decision::Reject => ("reject", versions.old),
    };
    match change {
        ChangeRef::Term(id) => {
            let source_term = source
                .terms
                .get_key_value(id.as_str())
                .map(|(k, t)| (k.clone(), t.clone()));
            let label = source_term
                .as_ref()
                .map(|(_, t)| t.label.clone())
                .or_else(|| draft.term(id).map(|t| t.label.clone()))
                .ok_or_else(|| {
                    ApiError::new(ErrorCode::NotFound, format!("No version has the term `{id}`."))
                })?;
            match source_term {
                Some((key, term)) => {
                    draft.terms.insert(key, term);
                }
                None => draft.terms.retain(|k, _| k.as_str() != id),
            }
            Ok(format!("{verb} the change to {label}"))
        }
        ChangeRef::Clause(id) => {
            let heading = [source, &*draft]
                .into_iter()
                .find_map(|a| {
                    a.locate_clause(id)
                        .map(|(s, c)| a.sections[s].clauses[c].heading.clone())
                })
                .ok_or_else(|| {
                    ApiError::new(ErrorCode::NotFound, format!("No version has the clause `{id}`."))
                })?;
            if let Some((s, c)) = draft.locate_clause(id) {
                draft.sections[s].clauses.remove(c);
            }
            if let Some((s, c)) = source.locate_clause(id) {
                let section = &source.sections[s];
                let clause = section.clauses[c].clone();
                let target = match draft.sections.iter().position(|d| d.id == section.id) {
                    Some(index) => index,
                    None => {
                        let at = place(&source.sections, s, |x| {
                            draft.sections.iter().position(|d| d.id == x.id)
                        })
                        .min(draft.sections.len());
                        draft.sections.insert(
                            at,
                            Section {
                                id: section.id.clone(),
                                heading: section.heading.clone(),
                                clauses: Vec::new(),
                            },
                        );
                        at
                    }
                };
                let index = clause_index(
                    &draft.sections[target].clauses,
                    &section.clauses,
                    c,
                    &versions.unmoved,
                );
                // The terms it quotes come with it.
                for reference in clause.term_references().unwrap_or_default() {
                    if !draft.terms.contains_key(&reference.term)
                        && let Some(term) = source.terms.get(&reference.term)
                    {
                        draft.terms.insert(reference.term.clone(), term.clone());
                    }
                }
                draft.sections[target].clauses.insert(index, clause);
            }
            draft.sections.retain(|section| !section.clauses.is_empty());
            Ok(format!("{verb} the change to clause {heading}"))
        }
    }
}

/// Where the `at`th clause of a section of the source goes among the draft's clauses of that
/// section: between the unmoved clauses that surround it in the source, and among the clauses
/// there, where the fewest stand on the wrong side of it by the source's order.
fn clause_index(draft: &[Clause], source: &[Clause], at: usize, unmoved: &HashSet<String>) -> usize {
    let in_draft = |c: &Clause| draft.iter().position(|d| d.id == c.id);
    let anchor = |c: &&Clause| unmoved.contains(c.id.as_str());
    let lo = source[..at]
        .iter()
        .rev()
        .filter(anchor)
        .find_map(in_draft)
        .map_or(0, |i| i + 1);
    let hi = source[at + 1..]
        .iter()
        .filter(anchor)
        .find_map(in_draft)
        .unwrap_or(draft.len())
        .max(lo);
    let rank: HashMap<&str, usize> = source
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let ranked = |d: &Clause, before: bool| {
        rank.get(d.id.as_str())
            .is_some_and(|r| if before { *r > at } else { *r < at })
    };
    let wrong_side = |i: usize| {
        draft[lo..i].iter().filter(|d| ranked(d, true)).count()
            + draft[i..hi].iter().filter(|d| ranked(d, false)).count()
    };
    (lo..=hi).min_by_key(|i| wrong_side(*i)).unwrap_or(lo)
}

/// Where the `at`th of the source's `items` goes among the draft's: after the nearest item
/// before it in the source that the draft has (`found` gives its index there), else before
/// the nearest one after it, else at the same index (or the end).
fn place<T>(items: &[T], at: usize, found: impl Fn(&T) -> Option<usize>) -> usize {
    if let Some(index) = items[..at].iter().rev().find_map(&found) {
        return index + 1;
    }
    if let Some(index) = items[at + 1..].iter().find_map(&found) {
        return index;
    }
    at
}

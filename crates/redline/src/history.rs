//! Each term's history across the rounds (99.9 % → 99.95 % → 99.9 %): the value in every
//! version where it changed, and who proposed it.

use std::collections::BTreeSet;

use serde::Serialize;
use sla_model::{Agreement, PartyRole};
use sla_templates::format;
use ts_rs::TS;

/// One version of the agreement in a history: a round, or the working draft.
#[derive(Clone, Copy, Debug)]
pub struct Version<'a> {
    /// The round number; `None` for the draft.
    pub round: Option<u32>,
    pub author: Option<PartyRole>,
    pub agreement: &'a Agreement,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct TermHistory {
    pub id: String,
    pub label: String,
    /// The first version, then each version whose value differs from the one before.
    pub steps: Vec<HistoryStep>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct HistoryStep {
    /// `None` for the draft.
    pub round: Option<u32>,
    pub author: Option<PartyRole>,
    /// The value written out; absent when the term did not exist in that version.
    pub value: Option<String>,
}

/// The terms whose value changed at least once across `versions` (oldest first).
pub fn term_history(versions: &[Version<'_>]) -> Vec<TermHistory> {
    let ids: BTreeSet<_> = versions.iter().flat_map(|v| v.agreement.terms.keys()).collect();
    let mut histories = Vec::new();
    for id in ids {
        let mut steps: Vec<HistoryStep> = Vec::new();
        let mut label = String::new();
        for version in versions {
            let term = version.agreement.terms.get(id);
            if let Some(term) = term {
                label.clone_from(&term.label);
            }
            let value = term.map(|t| format::term_value(&t.value));
            if steps.last().is_none_or(|last| last.value != value) {
                steps.push(HistoryStep {
                    round: version.round,
                    author: version.author,
                    value,
                });
            }
        }
        if steps.len() > 1 {
            histories.push(TermHistory {
                id: id.to_string(),
                label,
                steps,
            });
        }
    }
    histories
}

#[cfg(test)]
mod tests {
    use super::*;
    use sla_model::terms::Percentage;
    use sla_model::{AgreementId, Term, TermId, TermValue, Title};

    fn with_target(target: f64) -> Agreement {
        let mut agreement = Agreement::blank(
            AgreementId::random(),
            Title::new("SLA").unwrap(),
            PartyRole::Customer,
            "V",
        );
        agreement.terms.insert(
            TermId::new("availability.target").unwrap(),
            Term::new(
                "Availability target",
                TermValue::Percentage(Percentage::new(target).unwrap()),
            ),
        );
        agreement
    }

    #[test]
    fn a_term_that_went_back_and_forth_shows_each_step() {
        let (a, b, c) = (with_target(99.9), with_target(99.95), with_target(99.9));
        let d = c.clone();
        let versions = [
            Version {
                round: Some(1),
                author: Some(PartyRole::Provider),
                agreement: &a,
            },
            Version {
                round: Some(2),
                author: Some(PartyRole::Customer),
                agreement: &b,
            },
            Version {
                round: Some(3),
                author: Some(PartyRole::Provider),
                agreement: &c,
            },
            Version {
                round: None,
                author: None,
                agreement: &d,
            },
        ];
        let history = term_history(&versions);
        assert_eq!(history.len(), 1);
        let values: Vec<_> = history[0]
            .steps
            .iter()
            .map(|s| (s.round, s.value.clone().unwrap()))
            .collect();
        assert_eq!(
            values,
            vec![
                (Some(1), "99.9 %".into()),
                (Some(2), "99.95 %".into()),
                (Some(3), "99.9 %".into())
            ]
        );
        let unchanged = term_history(&versions[..1]);
        assert!(unchanged.is_empty());
    }
}

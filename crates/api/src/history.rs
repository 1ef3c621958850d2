//! Undo and redo of draft edits. Each agreement keeps, for as long as the app runs, the
//! drafts before and after each edit made through the [`crate::Backend`]. An undo only
//! applies when the stored draft is still the one the last edit left: if something else
//! (the CLI, another window) changed it since, the history is dropped rather than
//! overwriting that change.

use std::collections::HashMap;

use serde::Serialize;
use sla_model::{Agreement, AgreementId};
use ts_rs::TS;

use crate::{ApiError, ErrorCode};

/// How many edits of one agreement can be undone.
pub const MAX_UNDO_STEPS: usize = 200;

/// What Undo and Redo would do now, as the editor's buttons say it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct EditHistory {
    /// `change Availability target`, or absent when there is nothing to undo.
    pub undo: Option<String>,
    pub redo: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct Step {
    pub label: String,
    pub before: Agreement,
    pub after: Agreement,
}

#[derive(Debug, Default)]
struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

#[derive(Debug, Default)]
pub(crate) struct Histories(HashMap<AgreementId, History>);

/// Which way to walk the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Walk {
    Undo,
    Redo,
}

impl Histories {
    /// Records an edit; a new edit forgets what could be redone.
    pub fn record(&mut self, id: AgreementId, label: String, before: Agreement, after: Agreement) {
        let history = self.0.entry(id).or_default();
        history.redo.clear();
        history.undo.push(Step { label, before, after });
        if history.undo.len() > MAX_UNDO_STEPS {
            history.undo.remove(0);
        }
    }

    pub fn state(&self, id: AgreementId) -> EditHistory {
        self.0
            .get(&id)
            .map_or_else(EditHistory::default, |h| EditHistory {
                undo: h.undo.last().map(|s| s.label.clone()),
                redo: h.redo.last().map(|s| s.label.clone()),
            })
    }

    /// Takes the step to undo or redo, given the draft as stored now. The caller saves the
    /// step's target draft and then calls [`Histories::finish`], or [`Histories::put_back`] if
    /// saving failed.
    pub fn take(&mut self, id: AgreementId, walk: Walk, current: &Agreement) -> Result<Step, ApiError> {
        let what = match walk {
            Walk::Undo => "undo",
            Walk::Redo => "redo",
        };
        let history = self.0.entry(id).or_default();
        let stack = match walk {
            Walk::Undo => &mut history.undo,
            Walk::Redo => &mut history.redo,
        };
        let step = stack
            .pop()
            .ok_or_else(|| ApiError::new(ErrorCode::Conflict, format!("There is nothing to {what}.")))?;
        let expected = match walk {
            Walk::Undo => &step.after,
            Walk::Redo => &step.before,
        };
        if expected != current {
            self.0.remove(&id);
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!(
                    "The draft was changed outside this editor since your last edit, so there is nothing to {what}; its current text is shown."
                ),
            ));
        }
        Ok(step)
    }

    pub fn finish(&mut self, id: AgreementId, walk: Walk, step: Step) {
        let history = self.0.entry(id).or_default();
        match walk {
            Walk::Undo => history.redo.push(step),
            Walk::Redo => history.undo.push(step),
        }
    }

    pub fn put_back(&mut self, id: AgreementId, walk: Walk, step: Step) {
        let history = self.0.entry(id).or_default();
        match walk {
            Walk::Undo => history.undo.push(step),
            Walk::Redo => history.redo.push(step),
        }
    }

    pub fn forget(&mut self, id: AgreementId) {
        self.0.remove(&id);
    }
}

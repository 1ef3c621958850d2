//! The backend's draft edits: every change to a draft goes through [`Backend::edit`], which
//! validates the whole agreement, saves it in one transaction (autosave) and records it for
//! undo.

use jiff::Timestamp;
use sla_model::{Agreement, AgreementId};
use sla_store::AgreementSummary;
use sla_templates::Library;

use crate::backend::parse_id;
use crate::editing::{self, AddClause, LibraryClause, MoveDirection};
use crate::history::Walk;
use crate::view::AgreementView;
use crate::{ApiError, Backend, ErrorCode, ImportRequest};

impl Backend {
    /// Applies `change` to the stored draft; when it changed something, validates, saves and
    /// records the edit under the label `change` returns. Nothing is saved on an error.
    pub(crate) fn edit(
        &self,
        id: &str,
        now: Timestamp,
        change: impl FnOnce(&mut Agreement, &Library) -> Result<String, ApiError>,
    ) -> Result<AgreementView, ApiError> {
        let agreement_id = parse_id(id)?;
        let library = self.library()?;
        let mut workspace = self.workspace()?;
        let before = workspace.agreement(agreement_id)?.agreement;
        let mut draft = before.clone();
        let label = change(&mut draft, library)?;
        draft
            .validate()
            .map_err(|e| ApiError::new(ErrorCode::InvalidInput, e.to_string()))?;
        if draft != before {
            workspace.save_draft(&draft, now)?;
            self.histories()?.record(agreement_id, label, before, draft);
        }
        self.view_from(workspace, agreement_id, library)
    }

    /// Makes the draft the agreement given (read from a file the user keeps), as one edit
    /// that undo reverses. The agreement must be the same one (same id).
    pub fn replace_draft(&self, agreement: &Agreement, now: Timestamp) -> Result<AgreementView, ApiError> {
        let id = agreement.id.to_string();
        self.edit(&id, now, |draft, _| {
            *draft = agreement.clone();
            Ok("replace the draft with the file's text".into())
        })
    }

    /// The clause library's clauses, for the "Add clause" dialog.
    pub fn library_clauses(&self) -> Result<Vec<LibraryClause>, ApiError> {
        Ok(editing::library_clauses(self.library()?))
    }

    /// Replaces a clause's heading and text (paragraphs separated by blank lines, term
    /// references as `{{term.id}}`).
    pub fn set_clause_text(
        &self,
        id: &str,
        clause: &str,
        heading: &str,
        text: &str,
        now: Timestamp,
    ) -> Result<AgreementView, ApiError> {
        self.edit(id, now, |draft, _| {
            editing::set_clause_text(draft, clause, heading, text)
        })
    }

    pub fn add_clause(
        &self,
        id: &str,
        request: &AddClause,
        now: Timestamp,
    ) -> Result<AgreementView, ApiError> {
        self.edit(id, now, |draft, library| {
            editing::add_clause(draft, library, request)
        })
    }

    pub fn remove_clause(&self, id: &str, clause: &str, now: Timestamp) -> Result<AgreementView, ApiError> {
        self.edit(id, now, |draft, _| editing::remove_clause(draft, clause))
    }

    pub fn move_clause(
        &self,
        id: &str,
        clause: &str,
        direction: MoveDirection,
        now: Timestamp,
    ) -> Result<AgreementView, ApiError> {
        self.edit(id, now, |draft, _| editing::move_clause(draft, clause, direction))
    }

    /// Sets both parties' names and signatories and the effective date.
    pub fn set_parties(
        &self,
        id: &str,
        update: &crate::PartiesUpdate,
        now: Timestamp,
    ) -> Result<AgreementView, ApiError> {
        self.edit(id, now, |draft, _| crate::parties::set_parties(draft, update))
    }

    pub fn undo(&self, id: &str, now: Timestamp) -> Result<AgreementView, ApiError> {
        self.walk_history(id, Walk::Undo, now)
    }

    pub fn redo(&self, id: &str, now: Timestamp) -> Result<AgreementView, ApiError> {
        self.walk_history(id, Walk::Redo, now)
    }

    fn walk_history(&self, id: &str, walk: Walk, now: Timestamp) -> Result<AgreementView, ApiError> {
        let agreement_id = parse_id(id)?;
        let library = self.library()?;
        let mut workspace = self.workspace()?;
        let current = workspace.agreement(agreement_id)?.agreement;
        let step = self.histories()?.take(agreement_id, walk, &current)?;
        let target = match walk {
            Walk::Undo => &step.before,
            Walk::Redo => &step.after,
        };
        if let Err(error) = workspace.save_draft(target, now) {
            self.histories()?.put_back(agreement_id, walk, step);
            return Err(error.into());
        }
        self.histories()?.finish(agreement_id, walk, step);
        self.view_from(workspace, agreement_id, library)
    }

    /// Reads a Markdown SLA (the text of a file the user picked) into a new agreement.
    pub fn import_markdown(
        &self,
        request: &ImportRequest,
        now: Timestamp,
    ) -> Result<AgreementSummary, ApiError> {
        let ImportRequest {
            file_name,
            markdown,
            our_role,
            counterparty,
        } = request;
        let our_role = *our_role;
        let agreement =
            crate::files::document_agreement(file_name, file_name, markdown, our_role, counterparty.trim())?;
        crate::files::every_word_kept(file_name, file_name, markdown, &agreement)?;
        self.insert_agreement(&agreement, our_role, now)
    }

    /// Forgets the undo history of an agreement (after it was deleted).
    pub(crate) fn forget_history(&self, id: AgreementId) {
        if let Ok(mut histories) = self.histories() {
            histories.forget(id);
        }
    }
}

//! Redlines between two versions of an agreement (two rounds, or a round and the draft):
//! which clauses were inserted, deleted, moved or modified (aligned by their stable ids), the
//! words changed inside each modified clause, and each changed term with what it means and
//! whom it favours. Tauri-free; the app, the CLI and the PDF writer draw from the same result.

mod clauses;
mod history;
mod tables;
mod terms;
mod words;

use serde::Serialize;
use sla_model::Agreement;
use sla_templates::Library;
use ts_rs::TS;

pub use clauses::{
    ClauseChange, ClauseChangeKind, UnchangedClauses, clause_changes, clause_changes_with, similarity,
};
pub use history::{HistoryStep, TermHistory, Version, term_history};
pub use tables::{CellChange, RowChange, RowChangeKind, TableChange, table_change};
pub use terms::{TermChange, term_changes};
pub use words::{Edit, Piece, PieceKind, WordDiff, diff_words, tokens};

/// The whole redline from `old` to `new`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Redline {
    /// Every clause of both versions, in the newer version's order.
    pub clauses: Vec<ClauseChange>,
    pub terms: Vec<TermChange>,
}

impl Redline {
    /// The clauses that changed in any way.
    pub fn changed(&self) -> impl Iterator<Item = &ClauseChange> {
        self.clauses
            .iter()
            .filter(|c| c.kind != ClauseChangeKind::Unchanged)
    }
}

/// Compares two versions. `library` tells which party a higher value favours; without it,
/// only tables and schedules are judged.
pub fn redline(old: &Agreement, new: &Agreement, library: Option<&Library>) -> Redline {
    redline_with(old, new, library, UnchangedClauses::WithText)
}

/// [`redline`], with unchanged clauses carrying their text or not.
pub fn redline_with(
    old: &Agreement,
    new: &Agreement,
    library: Option<&Library>,
    unchanged: UnchangedClauses,
) -> Redline {
    Redline {
        clauses: clause_changes_with(old, new, unchanged),
        terms: term_changes(old, new, library),
    }
}

//! Agreements and their working drafts: list, create, read, save, rename, delete.

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use sla_model::{Agreement, AgreementId, ModelError, PartyRole, Title};

use crate::StoreError;
use crate::records::{AgreementRecord, AgreementStatus, AgreementSummary};

use super::{Workspace, timestamp};

impl Workspace {
    /// Every agreement, most recently changed first.
    pub fn list_agreements(&self) -> Result<Vec<AgreementSummary>, StoreError> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM agreements a ORDER BY a.updated_at_ms DESC, a.rowid DESC"
        ))?;
        let rows = statement.query_map([], summary_from_row)?;
        rows.map(|row| row?).collect()
    }

    pub fn count_agreements(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM agreements", [], |r| r.get(0))?)
    }

    /// Creates a blank agreement with the counterparty named and returns its summary.
    pub fn create_agreement(
        &mut self,
        title: Title,
        our_role: PartyRole,
        counterparty: &str,
        now: Timestamp,
    ) -> Result<AgreementSummary, StoreError> {
        let agreement = Agreement::blank(AgreementId::random(), title, our_role, counterparty);
        self.insert_agreement(&agreement, our_role, now)
    }

    /// Stores a new agreement (a blank one, or one read from a file) as a draft.
    pub fn insert_agreement(
        &mut self,
        agreement: &Agreement,
        our_role: PartyRole,
        now: Timestamp,
    ) -> Result<AgreementSummary, StoreError> {
        agreement.validate()?;
        let now_ms = now.as_millisecond();
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO agreements (id, title, our_role, counterparty, status, created_at_ms, updated_at_ms, draft_json)
             VALUES (?1, ?2, ?3, ?4, 'draft', ?5, ?5, ?6)",
            params![
                agreement.id.to_string(),
                agreement.title.as_str(),
                our_role.as_str(),
                agreement.parties.get(our_role.other()).name,
                now_ms,
                agreement.to_json(),
            ],
        )?;
        let summary = summary_of(&tx, agreement.id)?;
        tx.commit()?;
        Ok(summary)
    }

    /// The agreement's summary, working draft and rounds.
    pub fn agreement(&self, id: AgreementId) -> Result<AgreementRecord, StoreError> {
        let summary = summary_of(&self.conn, id)?;
        let (created_at_ms, draft_json): (i64, String) = self.conn.query_row(
            "SELECT created_at_ms, draft_json FROM agreements WHERE id = ?1",
            [id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let agreement = Agreement::from_json(&draft_json).map_err(|source| StoreError::Corrupt {
            id: id.to_string(),
            source,
        })?;
        Ok(AgreementRecord {
            summary,
            created_at: timestamp(created_at_ms, &id.to_string())?,
            agreement,
            rounds: self.round_summaries(id)?,
        })
    }

    /// Replaces the working draft, in one transaction. The draft must keep its id.
    pub fn save_draft(
        &mut self,
        agreement: &Agreement,
        now: Timestamp,
    ) -> Result<AgreementSummary, StoreError> {
        agreement.validate()?;
        let tx = self.write()?;
        write_draft(&tx, agreement, now)?;
        let summary = summary_of(&tx, agreement.id)?;
        tx.commit()?;
        Ok(summary)
    }

    /// Renames an agreement (its draft's title).
    pub fn rename_agreement(
        &mut self,
        id: AgreementId,
        title: Title,
        now: Timestamp,
    ) -> Result<AgreementSummary, StoreError> {
        let mut draft = self.agreement(id)?.agreement;
        draft.title = title;
        self.save_draft(&draft, now)
    }

    /// Deletes an agreement with its rounds.
    pub fn delete_agreement(&mut self, id: AgreementId) -> Result<(), StoreError> {
        let tx = self.write()?;
        let deleted = tx.execute("DELETE FROM agreements WHERE id = ?1", [id.to_string()])?;
        if deleted == 0 {
            return Err(StoreError::NotFound(id));
        }
        tx.commit()?;
        Ok(())
    }
}

pub(super) const SUMMARY_COLUMNS: &str = "a.id, a.title, a.our_role, a.counterparty, a.status, \
     (SELECT MAX(r.number) FROM rounds r WHERE r.agreement_id = a.id), a.updated_at_ms";

/// Replaces an agreement's working draft within a transaction; an agreed agreement is locked.
pub(super) fn write_draft(
    tx: &Transaction<'_>,
    agreement: &Agreement,
    now: Timestamp,
) -> Result<(), StoreError> {
    let current = summary_of(tx, agreement.id)?;
    if current.status == AgreementStatus::Agreed {
        return Err(StoreError::Locked(agreement.id));
    }
    tx.execute(
        "UPDATE agreements SET title = ?2, counterparty = ?3, updated_at_ms = ?4, draft_json = ?5 WHERE id = ?1",
        params![
            agreement.id.to_string(),
            agreement.title.as_str(),
            agreement.parties.get(current.our_role.other()).name,
            now.as_millisecond(),
            agreement.to_json(),
        ],
    )?;
    Ok(())
}

pub(super) fn summary_of(conn: &Connection, id: AgreementId) -> Result<AgreementSummary, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM agreements a WHERE a.id = ?1"
    ))?
    .query_row([id.to_string()], summary_from_row)
    .optional()?
    .ok_or(StoreError::NotFound(id))?
}

pub(super) fn summary_from_row(
    row: &rusqlite::Row<'_>,
) -> rusqlite::Result<Result<AgreementSummary, StoreError>> {
    let id: String = row.get(0)?;
    let title: String = row.get(1)?;
    let our_role: String = row.get(2)?;
    let counterparty: String = row.get(3)?;
    let status: String = row.get(4)?;
    let latest_round: Option<u32> = row.get(5)?;
    let updated_at_ms: i64 = row.get(6)?;
    Ok((|| {
        let corrupt = |field: &str, value: &str| StoreError::Corrupt {
            id: id.clone(),
            source: ModelError::invalid(field, format!("`{value}` is not valid")),
        };
        Ok(AgreementSummary {
            id: AgreementId::parse(&id).map_err(|_| corrupt("id", &id))?,
            our_role: PartyRole::parse(&our_role).ok_or_else(|| corrupt("our_role", &our_role))?,
            status: AgreementStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
            updated_at: timestamp(updated_at_ms, &id)?,
            title,
            counterparty,
            latest_round,
        })
    })())
}

//! Comments written for the next round, kept until it is proposed.

use jiff::Timestamp;
use rusqlite::params;
use sla_model::{AgreementId, ModelError};

use crate::StoreError;
use crate::records::{AgreementStatus, PendingComment};

use super::Workspace;
use super::agreements::summary_of;

impl Workspace {
    /// Writes a comment to be sent with our next round.
    pub fn add_pending_comment(
        &mut self,
        id: AgreementId,
        target: &sla_model::CommentTarget,
        text: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        let summary = summary_of(&tx, id)?;
        if summary.status == AgreementStatus::Agreed {
            return Err(StoreError::Locked(id));
        }
        let comment = sla_model::Comment {
            target: target.clone(),
            author: summary.our_role,
            text: text.to_owned(),
        };
        comment.validate("comment")?;
        tx.execute(
            "INSERT INTO pending_comments (agreement_id, target_json, text, created_at_ms) VALUES (?1, ?2, ?3, ?4)",
            params![
                id.to_string(),
                serde_json::to_string(target).unwrap_or_default(),
                text,
                now.as_millisecond()
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Takes back a comment not yet sent.
    pub fn remove_pending_comment(&mut self, id: AgreementId, seq: i64) -> Result<(), StoreError> {
        let tx = self.write()?;
        let removed = tx.execute(
            "DELETE FROM pending_comments WHERE agreement_id = ?1 AND seq = ?2",
            params![id.to_string(), seq],
        )?;
        if removed == 0 {
            return Err(StoreError::NotFound(id));
        }
        tx.commit()?;
        Ok(())
    }

    /// The comments waiting for our next round, oldest first.
    pub fn pending_comments(&self, id: AgreementId) -> Result<Vec<PendingComment>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT seq, target_json, text FROM pending_comments WHERE agreement_id = ?1 ORDER BY seq",
        )?;
        let rows = statement.query_map([id.to_string()], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        rows.map(|row| {
            let (seq, target, text) = row?;
            let target = serde_json::from_str(&target).map_err(|e| StoreError::Corrupt {
                id: format!("{id} comment {seq}"),
                source: ModelError::invalid("target", e.to_string()),
            })?;
            Ok(PendingComment { seq, target, text })
        })
        .collect()
    }
}

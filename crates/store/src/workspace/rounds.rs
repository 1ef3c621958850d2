//! Rounds: appended one at a time (with the draft they leave, in one transaction), read back
//! with their signatures, and imported from a package as a chain.

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use sla_model::{Agreement, AgreementId, ModelError, PartyRole, PublicKey, Round, RoundHash, RoundSignature};

use crate::StoreError;
use crate::records::{AgreementStatus, AgreementSummary, ImportedRounds, RoundSummary};

use super::agreements::{summary_of, write_draft};
use super::keys::{keys_to_pin, party_keys, pin_key};
use super::{Workspace, timestamp};

impl Workspace {
    /// Appends a round proposed here, signed with this workspace's key; it must be numbered
    /// one after the latest. Our key becomes the one our side is known by in this agreement.
    pub fn append_round(&mut self, id: AgreementId, round: &Round) -> Result<AgreementSummary, StoreError> {
        self.append_round_with_draft(id, round, None, Timestamp::UNIX_EPOCH)
    }

    /// [`Workspace::append_round`] and, in the same transaction, the working draft replaced
    /// by `draft` (when given): a crash leaves both or neither.
    pub fn append_round_with_draft(
        &mut self,
        id: AgreementId,
        round: &Round,
        draft: Option<&Agreement>,
        now: Timestamp,
    ) -> Result<AgreementSummary, StoreError> {
        if let Some(draft) = draft {
            draft.validate()?;
            if draft.id != id {
                return Err(ModelError::invalid("draft.id", "belongs to another agreement").into());
            }
        }
        let mut signed = round.clone();
        self.identity.sign(&mut signed);
        let public_key = self.identity.public_key();
        let tx = self.write()?;
        if let Some(draft) = draft {
            write_draft(&tx, draft, now)?;
        }
        insert_round(&tx, id, &signed)?;
        if summary_of(&tx, id)?.our_role == signed.author {
            pin_key(&tx, id, signed.author, public_key, signed.proposed_at)?;
        }
        let summary = summary_of(&tx, id)?;
        tx.commit()?;
        Ok(summary)
    }

    /// One round with its snapshot; its fingerprint is checked against the one stored.
    pub fn round(&self, id: AgreementId, number: u32) -> Result<Round, StoreError> {
        read_round(&self.conn, id, number)
    }

    /// Every round of an agreement, oldest first, each checked against its stored fingerprint.
    pub fn rounds(&self, id: AgreementId) -> Result<Vec<Round>, StoreError> {
        let latest = summary_of(&self.conn, id)?.latest_round.unwrap_or(0);
        (1..=latest).map(|n| read_round(&self.conn, id, n)).collect()
    }

    /// Stores rounds received from the counterparty, in one transaction: each must follow the
    /// last one held (number and fingerprint). When the agreement is new to this workspace it
    /// is created first, with the given side as ours. The working draft becomes the last
    /// round's snapshot unless it holds edits not yet proposed (then it is kept, and `false`
    /// is returned for `draft_replaced`).
    ///
    /// Every round must carry a valid signature. The first key each party signs with is
    /// pinned; a round signed with another key is refused ([`StoreError::KeyChanged`]) unless
    /// it is `trusted_key`, which the user accepted after seeing that error.
    pub fn import_rounds(
        &mut self,
        id: AgreementId,
        rounds: &[Round],
        our_role_if_new: PartyRole,
        trusted_key: Option<PublicKey>,
        now: Timestamp,
    ) -> Result<ImportedRounds, StoreError> {
        let Some(last) = rounds.last() else {
            return Err(ModelError::invalid("rounds", "there are no rounds to import").into());
        };
        let tx = self.write()?;
        let exists = tx
            .query_row("SELECT 1 FROM agreements WHERE id = ?1", [id.to_string()], |_| {
                Ok(())
            })
            .optional()?
            .is_some();
        let mut created = false;
        let mut draft_replaced = true;
        if exists {
            let latest = summary_of(&tx, id)?.latest_round.unwrap_or(0);
            let draft_json: String = tx.query_row(
                "SELECT draft_json FROM agreements WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )?;
            let draft = Agreement::from_json(&draft_json).map_err(|source| StoreError::Corrupt {
                id: id.to_string(),
                source,
            })?;
            let unsent = if latest == 0 {
                false
            } else {
                read_round(&tx, id, latest)?.snapshot != draft
            };
            draft_replaced = !unsent;
        } else {
            tx.execute(
                "INSERT INTO agreements (id, title, our_role, counterparty, status, created_at_ms, updated_at_ms, draft_json)
                 VALUES (?1, ?2, ?3, ?4, 'draft', ?5, ?5, ?6)",
                params![
                    id.to_string(),
                    last.snapshot.title.as_str(),
                    our_role_if_new.as_str(),
                    last.snapshot.parties.get(our_role_if_new.other()).name,
                    now.as_millisecond(),
                    last.snapshot.to_json(),
                ],
            )?;
            created = true;
        }
        for (role, key) in keys_to_pin(party_keys(&tx, id)?, rounds, trusted_key)? {
            pin_key(&tx, id, role, key, now)?;
        }
        for round in rounds {
            insert_round(&tx, id, round)?;
        }
        if summary_of(&tx, id)?.status == AgreementStatus::Agreed {
            // The agreed text is the draft from now on (set by `insert_round`).
            draft_replaced = true;
        }
        if draft_replaced {
            let our_role = summary_of(&tx, id)?.our_role;
            tx.execute(
                "UPDATE agreements SET draft_json = ?2, title = ?3, counterparty = ?4 WHERE id = ?1",
                params![
                    id.to_string(),
                    last.snapshot.to_json(),
                    last.snapshot.title.as_str(),
                    last.snapshot.parties.get(our_role.other()).name,
                ],
            )?;
        }
        tx.execute(
            "UPDATE agreements SET updated_at_ms = MAX(updated_at_ms, ?2) WHERE id = ?1",
            params![id.to_string(), now.as_millisecond()],
        )?;
        let summary = summary_of(&tx, id)?;
        tx.commit()?;
        Ok(ImportedRounds {
            summary,
            created,
            draft_replaced,
        })
    }

    pub(super) fn round_summaries(&self, id: AgreementId) -> Result<Vec<RoundSummary>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT number, author, proposed_at_ms, message, COALESCE(hash, ''), signature_json FROM rounds WHERE agreement_id = ?1 ORDER BY number",
        )?;
        let rows = statement.query_map([id.to_string()], |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        rows.map(|row| {
            let (number, author, proposed_at_ms, message, hash, signature) = row?;
            let what = format!("{id} round {number}");
            let signature = parse_signature(signature.as_deref(), &what)?;
            Ok(RoundSummary {
                number,
                author: PartyRole::parse(&author).ok_or_else(|| StoreError::Corrupt {
                    id: what.clone(),
                    source: ModelError::invalid("author", &author),
                })?,
                proposed_at: timestamp(proposed_at_ms, &what)?,
                message,
                hash,
                signed_by: signature.map(|s| s.key.fingerprint()),
            })
        })
        .collect()
    }
}

/// Appends one round inside a transaction: the agreement must not be agreed, the round must
/// be the next number and name the stored fingerprint of the round before.
pub(super) fn insert_round(tx: &Transaction<'_>, id: AgreementId, round: &Round) -> Result<(), StoreError> {
    round.validate()?;
    round.verify_signature()?;
    let signature_json = serde_json::to_string(&round.signature).unwrap_or_default();
    if round.snapshot.id != id {
        return Err(ModelError::invalid("snapshot.id", "belongs to another agreement").into());
    }
    let current = summary_of(tx, id)?;
    if current.status == AgreementStatus::Agreed {
        return Err(StoreError::Locked(id));
    }
    let latest = current.latest_round.unwrap_or(0);
    if round.number != latest + 1 {
        return Err(StoreError::RoundOutOfOrder {
            proposed: round.number,
            latest,
        });
    }
    if latest > 0 {
        let previous: Option<String> = tx.query_row(
            "SELECT hash FROM rounds WHERE agreement_id = ?1 AND number = ?2",
            params![id.to_string(), latest],
            |r| r.get(0),
        )?;
        if previous.as_deref() != round.previous.map(|h| h.to_hex()).as_deref() {
            return Err(StoreError::BrokenChain {
                round: round.number,
                previous: latest,
            });
        }
    }
    tx.execute(
        "INSERT INTO rounds (agreement_id, number, author, proposed_at_ms, message, snapshot_json, previous_hash, hash, comments_json, signature_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id.to_string(),
            round.number,
            round.author.as_str(),
            round.proposed_at.as_millisecond(),
            round.message,
            round.snapshot.to_json(),
            round.previous.map(|h| h.to_hex()),
            round.hash().to_hex(),
            serde_json::to_string(&round.comments).unwrap_or_else(|_| "[]".into()),
            signature_json,
        ],
    )?;
    // Our own round carries the comments written since the last one.
    if round.author == current.our_role {
        tx.execute(
            "DELETE FROM pending_comments WHERE agreement_id = ?1",
            [id.to_string()],
        )?;
    }
    // Agreed: the other side answered with exactly the text proposed to it.
    let agreed = latest > 0 && {
        let previous = read_round(tx, id, latest)?;
        previous.author != round.author && previous.snapshot == round.snapshot
    };
    tx.execute(
        "UPDATE agreements SET status = ?3, updated_at_ms = MAX(updated_at_ms, ?2) WHERE id = ?1",
        params![
            id.to_string(),
            round.proposed_at.as_millisecond(),
            if agreed { "agreed" } else { "negotiating" }
        ],
    )?;
    if agreed {
        tx.execute(
            "UPDATE agreements SET draft_json = ?2 WHERE id = ?1",
            params![id.to_string(), round.snapshot.to_json()],
        )?;
    }
    Ok(())
}

pub(super) fn read_round(conn: &Connection, id: AgreementId, number: u32) -> Result<Round, StoreError> {
    let row = conn
        .query_row(
            "SELECT author, proposed_at_ms, message, snapshot_json, previous_hash, hash, comments_json, signature_json FROM rounds WHERE agreement_id = ?1 AND number = ?2",
            params![id.to_string(), number],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                ))
            },
        )
        .optional()?
        .ok_or(StoreError::NotFound(id))?;
    let what = format!("{id} round {number}");
    let corrupt = |source| StoreError::Corrupt {
        id: what.clone(),
        source,
    };
    let author = PartyRole::parse(&row.0).ok_or_else(|| corrupt(ModelError::invalid("author", &row.0)))?;
    let snapshot = Agreement::from_json(&row.3).map_err(corrupt)?;
    let previous = row
        .4
        .as_deref()
        .map(RoundHash::parse)
        .transpose()
        .map_err(|e| corrupt(ModelError::invalid("previous_hash", e)))?;
    let mut round = Round::new(
        number,
        author,
        timestamp(row.1, &what)?,
        row.2,
        previous,
        snapshot,
    )
    .map_err(corrupt)?;
    round.comments = match row.6.as_deref() {
        Some(json) => {
            serde_json::from_str(json).map_err(|e| corrupt(ModelError::invalid("comments", e.to_string())))?
        }
        None => Vec::new(),
    };
    round.validate().map_err(corrupt)?;
    if row.5.as_deref() != Some(round.hash().to_hex().as_str()) {
        return Err(corrupt(ModelError::invalid(
            "hash",
            "the round's content does not match its stored fingerprint",
        )));
    }
    // Rounds stored before rounds were signed have no signature; any other must verify.
    round.signature = parse_signature(row.7.as_deref(), &what)?;
    if round.signature.is_some() {
        round
            .verify_signature()
            .map_err(|e| corrupt(ModelError::invalid("signature", e)))?;
    }
    Ok(round)
}

pub(super) fn parse_signature(json: Option<&str>, what: &str) -> Result<Option<RoundSignature>, StoreError> {
    match json {
        None | Some("null") => Ok(None),
        Some(json) => serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
            id: what.to_owned(),
            source: ModelError::invalid("signature", e.to_string()),
        }),
    }
}

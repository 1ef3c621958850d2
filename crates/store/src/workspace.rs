use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior, params};
use sla_model::{
    Agreement, AgreementId, Identity, ModelError, PartyRole, PublicKey, Round, RoundHash, RoundSignature,
    Title,
};

use crate::records::{
    AgreementRecord, AgreementStatus, AgreementSummary, ImportedRounds, PendingComment, RoundSummary,
};
use crate::schema::{APPLICATION_ID, latest_version, migrations};
use crate::{DATABASE_FILE, StoreError};

/// An open workspace. One connection; callers that share it across threads wrap it in a
/// mutex. Timestamps are passed in (never read from the system clock here) and kept to the
/// millisecond.
#[derive(Debug)]
pub struct Workspace {
    conn: Connection,
    folder: PathBuf,
    /// This workspace's key pair: made on first open, kept in the database.
    identity: Identity,
}

const SUMMARY_COLUMNS: &str = "a.id, a.title, a.our_role, a.counterparty, a.status, \
     (SELECT MAX(r.number) FROM rounds r WHERE r.agreement_id = a.id), a.updated_at_ms";

impl Workspace {
    /// Opens the workspace in `folder`, creating the folder and the database if needed and
    /// migrating an older schema forward.
    pub fn open(folder: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(folder).map_err(|source| StoreError::Folder {
            path: folder.to_path_buf(),
            source,
        })?;
        let path = folder.join(DATABASE_FILE);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(&path, flags)?;
        check_is_workspace(&conn, &path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > latest_version() {
            return Err(StoreError::NewerSchema {
                path,
                found: version,
                known: latest_version(),
            });
        }
        migrations()
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        let identity = load_or_create_identity(&mut conn)?;
        Ok(Self {
            conn,
            folder: folder.to_path_buf(),
            identity,
        })
    }

    /// The public half of this workspace's key pair, which signs every round it proposes.
    pub fn public_key(&self) -> PublicKey {
        self.identity.public_key()
    }

    /// The key each party of an agreement signs its rounds with (pinned on first contact).
    pub fn party_keys(&self, id: AgreementId) -> Result<Vec<(PartyRole, PublicKey)>, StoreError> {
        party_keys(&self.conn, id)
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    pub fn database_path(&self) -> PathBuf {
        self.folder.join(DATABASE_FILE)
    }

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

    /// Checks what [`Workspace::import_rounds`] would check of the rounds' signatures and
    /// keys, changing nothing.
    pub fn check_round_keys(
        &self,
        id: AgreementId,
        rounds: &[Round],
        trusted_key: Option<PublicKey>,
    ) -> Result<(), StoreError> {
        keys_to_pin(party_keys(&self.conn, id)?, rounds, trusted_key).map(drop)
    }

    fn round_summaries(&self, id: AgreementId) -> Result<Vec<RoundSummary>, StoreError> {
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

    /// A write transaction that takes the write lock at once (no upgrade deadlocks).
    fn write(&mut self) -> Result<Transaction<'_>, StoreError> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

/// Refuses files that are not SQLite, and SQLite databases of other applications.
fn check_is_workspace(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let not_a_workspace = |reason: String| StoreError::NotAWorkspace {
        path: path.to_path_buf(),
        reason,
    };
    let application_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| not_a_workspace(format!("it is not a SQLite database ({e})")))?;
    if application_id == APPLICATION_ID {
        return Ok(());
    }
    if application_id != 0 {
        return Err(not_a_workspace(format!(
            "it belongs to another application (id {application_id:#x})"
        )));
    }
    let tables: i64 = conn.query_row("SELECT COUNT(*) FROM sqlite_schema", [], |r| r.get(0))?;
    if tables > 0 {
        return Err(not_a_workspace(
            "it is a SQLite database of another application".into(),
        ));
    }
    Ok(())
}

/// Replaces an agreement's working draft within a transaction; an agreed agreement is locked.
fn write_draft(tx: &Transaction<'_>, agreement: &Agreement, now: Timestamp) -> Result<(), StoreError> {
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

fn summary_of(conn: &Connection, id: AgreementId) -> Result<AgreementSummary, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM agreements a WHERE a.id = ?1"
    ))?
    .query_row([id.to_string()], summary_from_row)
    .optional()?
    .ok_or(StoreError::NotFound(id))?
}

fn summary_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<AgreementSummary, StoreError>> {
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

fn timestamp(milliseconds: i64, what: &str) -> Result<Timestamp, StoreError> {
    Timestamp::from_millisecond(milliseconds).map_err(|e| StoreError::Corrupt {
        id: what.to_owned(),
        source: ModelError::invalid("timestamp", e),
    })
}

/// Appends one round inside a transaction: the agreement must not be agreed, the round must
/// be the next number and name the stored fingerprint of the round before.
fn insert_round(tx: &Transaction<'_>, id: AgreementId, round: &Round) -> Result<(), StoreError> {
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

fn read_round(conn: &Connection, id: AgreementId, number: u32) -> Result<Round, StoreError> {
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

fn parse_signature(json: Option<&str>, what: &str) -> Result<Option<RoundSignature>, StoreError> {
    match json {
        None | Some("null") => Ok(None),
        Some(json) => serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
            id: what.to_owned(),
            source: ModelError::invalid("signature", e.to_string()),
        }),
    }
}

/// The workspace's key pair, made and stored on first open.
fn load_or_create_identity(conn: &mut Connection) -> Result<Identity, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let stored: Option<Vec<u8>> = tx
        .query_row("SELECT secret_key FROM identity WHERE only_row = 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    let identity = match stored {
        Some(bytes) => {
            let secret: [u8; 32] = bytes.try_into().map_err(|_| StoreError::Corrupt {
                id: "identity".into(),
                source: ModelError::invalid("secret_key", "is not 32 bytes"),
            })?;
            Identity::from_secret(secret)
        }
        None => {
            let identity = Identity::generate().map_err(|e| ModelError::invalid("identity", e))?;
            tx.execute(
                "INSERT INTO identity (only_row, secret_key) VALUES (1, ?1)",
                [identity.secret().to_vec()],
            )?;
            identity
        }
    };
    tx.commit()?;
    Ok(identity)
}

fn party_keys(conn: &Connection, id: AgreementId) -> Result<Vec<(PartyRole, PublicKey)>, StoreError> {
    let mut statement =
        conn.prepare_cached("SELECT role, public_key FROM party_keys WHERE agreement_id = ?1 ORDER BY role")?;
    let rows = statement.query_map([id.to_string()], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    rows.map(|row| {
        let (role, key) = row?;
        let corrupt = |field: &str, value: &str| StoreError::Corrupt {
            id: format!("{id} keys"),
            source: ModelError::invalid(field, format!("`{value}` is not valid")),
        };
        Ok((
            PartyRole::parse(&role).ok_or_else(|| corrupt("role", &role))?,
            PublicKey::parse(&key).map_err(|_| corrupt("public_key", &key))?,
        ))
    })
    .collect()
}

/// Verifies each round's signature and applies key pinning: the first key a party signs
/// with is kept; a round signed with another is refused unless it is `trusted_key`. Returns
/// the keys to pin (first contact, or a new key the user trusted).
fn keys_to_pin(
    mut pinned: Vec<(PartyRole, PublicKey)>,
    rounds: &[Round],
    trusted_key: Option<PublicKey>,
) -> Result<Vec<(PartyRole, PublicKey)>, StoreError> {
    let mut new_pins = Vec::new();
    for round in rounds {
        let key = round.verify_signature()?;
        match pinned.iter_mut().find(|(role, _)| *role == round.author) {
            Some((_, held)) if *held == key => {}
            Some((_, held)) if trusted_key != Some(key) => {
                return Err(StoreError::KeyChanged {
                    round: round.number,
                    role: round.author,
                    pinned: *held,
                    found: key,
                });
            }
            Some((_, held)) => {
                *held = key;
                new_pins.push((round.author, key));
            }
            None => {
                pinned.push((round.author, key));
                new_pins.push((round.author, key));
            }
        }
    }
    Ok(new_pins)
}

/// Records the key a party of an agreement signs with (replacing an earlier one).
fn pin_key(
    tx: &Transaction<'_>,
    id: AgreementId,
    role: PartyRole,
    key: PublicKey,
    at: Timestamp,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO party_keys (agreement_id, role, public_key, pinned_at_ms) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (agreement_id, role) DO UPDATE SET public_key = excluded.public_key, pinned_at_ms = excluded.pinned_at_ms",
        params![id.to_string(), role.as_str(), key.to_hex(), at.as_millisecond()],
    )?;
    Ok(())
}

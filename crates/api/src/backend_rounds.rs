//! Negotiating in rounds: proposing the draft as the next round, writing the exchange package
//! that carries the rounds to the other side, importing theirs, and the redline between any
//! two versions.

use jiff::Timestamp;
use sla_model::{Agreement, Round};
use sla_redline::Redline;
use sla_store::ImportedRounds;

use crate::backend::parse_id;
use crate::view::AgreementView;
use crate::{ApiError, Backend, ErrorCode};

impl Backend {
    /// Freezes the draft into the next round, proposed by our side, chained to the round
    /// before by its fingerprint.
    pub fn propose_round(&self, id: &str, message: &str, now: Timestamp) -> Result<AgreementView, ApiError> {
        let agreement_id = parse_id(id)?;
        let library = self.library()?;
        let mut workspace = self.workspace()?;
        let record = workspace.agreement(agreement_id)?;
        let latest = match record.summary.latest_round {
            Some(n) => Some(workspace.round(agreement_id, n)?),
            None => None,
        };
        if let Some(latest) = &latest
            && latest.author == record.summary.our_role
            && latest.snapshot == record.agreement
        {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!(
                    "Nothing changed since you proposed round {}; edit the draft first.",
                    latest.number
                ),
            ));
        }
        let mut round = Round::new(
            latest.as_ref().map_or(1, |r| r.number + 1),
            record.summary.our_role,
            now,
            message.trim(),
            latest.as_ref().map(Round::hash),
            record.agreement,
        )
        .map_err(|e| ApiError::new(ErrorCode::InvalidInput, format!("Round message: {e}")))?;
        round.comments = unsent_comments(&workspace, agreement_id, record.summary.our_role)?;
        round
            .validate()
            .map_err(|e| ApiError::new(ErrorCode::InvalidInput, e.to_string()))?;
        workspace.append_round(agreement_id, &round)?;
        self.view_from(workspace, agreement_id, library)
    }

    /// Accepts the other side's latest round as it stands: our answering round carries exactly
    /// its text, and with both parties on the same text the agreement is agreed and locked.
    pub fn accept_round(&self, id: &str, now: Timestamp) -> Result<AgreementView, ApiError> {
        let agreement_id = parse_id(id)?;
        let library = self.library()?;
        let mut workspace = self.workspace()?;
        let record = workspace.agreement(agreement_id)?;
        let Some(number) = record.summary.latest_round else {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "There is no round to accept yet.",
            ));
        };
        let latest = workspace.round(agreement_id, number)?;
        if latest.author == record.summary.our_role {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!("Round {number} is your own proposal; the other side accepts it, or answers it."),
            ));
        }
        let mut round = Round::new(
            number + 1,
            record.summary.our_role,
            now,
            format!("Accepts round {number} as final."),
            Some(latest.hash()),
            latest.snapshot.clone(),
        )
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
        // Comments written since our last round go with the acceptance rather than being lost.
        round.comments = unsent_comments(&workspace, agreement_id, record.summary.our_role)?;
        workspace.append_round(agreement_id, &round)?;
        self.forget_history(agreement_id);
        self.view_from(workspace, agreement_id, library)
    }

    /// Writes a comment on a clause, a term or the whole agreement; our next round carries it.
    pub fn add_comment(
        &self,
        id: &str,
        target: &sla_model::CommentTarget,
        text: &str,
        now: Timestamp,
    ) -> Result<AgreementView, ApiError> {
        let agreement_id = parse_id(id)?;
        let library = self.library()?;
        let text = text.trim();
        if text.is_empty() {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                "Comment: must not be empty",
            ));
        }
        sla_model::check_free_text(text, sla_model::Comment::MAX_TEXT_CHARS, true)
            .map_err(|e| ApiError::invalid("Comment", &e))?;
        let mut workspace = self.workspace()?;
        workspace.add_pending_comment(agreement_id, target, text, now)?;
        self.view_from(workspace, agreement_id, library)
    }

    /// Takes back a comment not yet sent.
    pub fn remove_comment(&self, id: &str, seq: i64) -> Result<AgreementView, ApiError> {
        let agreement_id = parse_id(id)?;
        let library = self.library()?;
        let mut workspace = self.workspace()?;
        workspace
            .remove_pending_comment(agreement_id, seq)
            .map_err(|e| match e {
                sla_store::StoreError::NotFound(_) => {
                    ApiError::new(ErrorCode::NotFound, "That comment was already sent or removed.")
                }
                other => other.into(),
            })?;
        self.view_from(workspace, agreement_id, library)
    }

    /// The exchange package of an agreement: every round, for the other side to import.
    pub fn export_package(&self, id: &str) -> Result<String, ApiError> {
        let agreement_id = parse_id(id)?;
        let rounds = self.workspace()?.rounds(agreement_id)?;
        if rounds.is_empty() {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "There is no round to send yet; propose a round first.",
            ));
        }
        sla_exchange::write_package(agreement_id, &rounds).map_err(|e| match e {
            sla_exchange::ExchangeError::Unsigned { round } => ApiError::new(
                ErrorCode::Conflict,
                format!(
                    "Round {round} was proposed before SLA Studio signed rounds, so it cannot be sent; start a new agreement from its text."
                ),
            ),
            other => other.into(),
        })
    }

    /// The file name the save dialog suggests for the package: "SaaS Availability SLA - round
    /// 2.slapkg" (its latest round).
    pub fn package_file_name(&self, id: &str) -> Result<String, ApiError> {
        let record = self.open_agreement(id)?;
        let title = crate::backend_pdf::file_title(record.agreement.title.as_str());
        let round = record.rounds.last().map_or(0, |r| r.number);
        Ok(format!("{title} - round {round}.slapkg"))
    }

    /// Writes the agreement's package to a file (atomically).
    pub fn write_package(&self, id: &str, path: &std::path::Path) -> Result<(), ApiError> {
        let package = self.export_package(id)?;
        crate::write_file_atomically(path, package.as_bytes())
    }

    /// Imports the other side's package: verified whole, then its new rounds stored in one
    /// transaction (creating the agreement on first contact). Every round must be signed, and
    /// by the key its author used before, unless the user trusts the new key (`trusted_key`,
    /// 64 hex digits, from a `KeyChanged` error). Nothing changes on an error.
    pub fn import_package(
        &self,
        bytes: &[u8],
        trusted_key: Option<&str>,
        now: Timestamp,
    ) -> Result<ImportedRounds, ApiError> {
        let trusted_key = parse_trusted_key(trusted_key)?;
        let package = sla_exchange::read_package(bytes)?;
        let id = package.agreement_id;
        let mut workspace = self.workspace()?;
        let held = held_rounds(&workspace, id)?.unwrap_or_default();
        let new = sla_exchange::new_rounds(&held, &package)?;
        let their_role = new.last().map_or(sla_model::PartyRole::Customer, |r| r.author);
        let imported = workspace.import_rounds(id, &new, their_role.other(), trusted_key, now)?;
        drop(workspace);
        if imported.draft_replaced {
            self.forget_history(id);
        }
        Ok(imported)
    }

    /// Verifies a package without importing it: the whole chain, and how it relates to what
    /// this workspace holds (a new agreement, new rounds, or a fork or older copy, which are
    /// errors naming the round). Changes nothing.
    pub fn verify_package(&self, bytes: &[u8]) -> Result<PackageCheck, ApiError> {
        let package = sla_exchange::read_package(bytes)?;
        let id = package.agreement_id;
        let workspace = self.workspace()?;
        let held = held_rounds(&workspace, id)?;
        let new = match &held {
            Some(rounds) => match sla_exchange::new_rounds(rounds, &package) {
                Ok(new) => new,
                Err(sla_exchange::ExchangeError::NothingNew { .. }) => Vec::new(),
                Err(other) => return Err(other.into()),
            },
            None => package.rounds.iter().map(|p| p.round.clone()).collect(),
        };
        let key_change = match workspace.check_round_keys(id, &new, None) {
            Ok(()) => None,
            Err(error) => match ApiError::from(error) {
                ApiError {
                    key_change: Some(change),
                    ..
                } => Some(*change),
                other => return Err(other),
            },
        };
        Ok(PackageCheck {
            agreement_id: id.to_string(),
            title: package
                .rounds
                .last()
                .map(|r| r.round.snapshot.title.as_str().to_owned())
                .unwrap_or_default(),
            rounds: package
                .rounds
                .iter()
                .map(|p| PackagedRoundInfo {
                    number: p.round.number,
                    author: p.round.author,
                    proposed_at: p.round.proposed_at.to_string(),
                    message: p.round.message.clone(),
                    fingerprint: p.hash.to_string(),
                    comments: p.round.comments.len(),
                    signed_by: p.round.signature.map(|s| s.key.fingerprint()).unwrap_or_default(),
                })
                .collect(),
            known: held.is_some(),
            new_rounds: new.len(),
            key_change,
        })
    }

    /// Imports a package the user picked in the app (its text).
    pub fn import_package_text(
        &self,
        text: &str,
        trusted_key: Option<&str>,
        now: Timestamp,
    ) -> Result<ImportedRounds, ApiError> {
        self.import_package(text.as_bytes(), trusted_key, now)
    }

    /// One version of an agreement: a round's snapshot, or the working draft (`None`).
    pub fn version(&self, id: &str, round: Option<u32>) -> Result<Agreement, ApiError> {
        let agreement_id = parse_id(id)?;
        let workspace = self.workspace()?;
        match round {
            Some(number) => workspace
                .round(agreement_id, number)
                .map(|r| r.snapshot)
                .map_err(|e| match e {
                    sla_store::StoreError::NotFound(_) => ApiError::new(
                        ErrorCode::NotFound,
                        format!("The agreement has no round {number}."),
                    ),
                    other => other.into(),
                }),
            None => Ok(workspace.agreement(agreement_id)?.agreement),
        }
    }

    /// The redline from one version to another, with what the draft holds for each change.
    pub fn review(&self, id: &str, from: Option<u32>, to: Option<u32>) -> Result<crate::Review, ApiError> {
        let (old, new, draft) = (
            self.version(id, from)?,
            self.version(id, to)?,
            self.version(id, None)?,
        );
        let redline = sla_redline::redline(&old, &new, Some(self.library()?));
        let rounds = self.workspace()?.rounds(parse_id(id)?)?;
        let mut versions: Vec<sla_redline::Version<'_>> = rounds
            .iter()
            .map(|r| sla_redline::Version {
                round: Some(r.number),
                author: Some(r.author),
                agreement: &r.snapshot,
            })
            .collect();
        versions.push(sla_redline::Version {
            round: None,
            author: None,
            agreement: &draft,
        });
        let history = sla_redline::term_history(&versions);
        let comments = crate::review::round_comments(&rounds);
        Ok(crate::review::review(
            redline, &old, &new, &draft, history, comments,
        ))
    }

    /// Accepts or rejects one change between two rounds in the draft (undoable).
    pub fn decide(
        &self,
        id: &str,
        from: u32,
        to: u32,
        change: &crate::ChangeRef,
        decision: crate::Decision,
        now: Timestamp,
    ) -> Result<AgreementView, ApiError> {
        let (old, new) = (self.version(id, Some(from))?, self.version(id, Some(to))?);
        let versions = crate::review::Versions::new(&old, &new);
        self.edit(id, now, |draft, _| {
            crate::review::adopt(draft, &versions, change, decision)
        })
    }

    /// Accepts (the draft becomes round `to`) or rejects (round `from`) every change at once.
    pub fn decide_all(
        &self,
        id: &str,
        from: u32,
        to: u32,
        decision: crate::Decision,
        now: Timestamp,
    ) -> Result<AgreementView, ApiError> {
        let (source, round) = match decision {
            crate::Decision::Accept => (self.version(id, Some(to))?, to),
            crate::Decision::Reject => (self.version(id, Some(from))?, from),
        };
        self.edit(id, now, |draft, _| {
            *draft = source;
            Ok(match decision {
                crate::Decision::Accept => format!("accept every change (the draft is round {round})"),
                crate::Decision::Reject => format!("reject every change (the draft is round {round})"),
            })
        })
    }

    /// The redline from one version to another (round numbers; `None` is the draft).
    pub fn redline(&self, id: &str, from: Option<u32>, to: Option<u32>) -> Result<Redline, ApiError> {
        let (old, new) = (self.version(id, from)?, self.version(id, to)?);
        Ok(sla_redline::redline(&old, &new, Some(self.library()?)))
    }
}

/// The rounds this workspace holds of an agreement; `None` when it does not hold the agreement.
fn held_rounds(
    workspace: &sla_store::Workspace,
    id: sla_model::AgreementId,
) -> Result<Option<Vec<sla_model::Round>>, ApiError> {
    match workspace.agreement(id) {
        Ok(_) => Ok(Some(workspace.rounds(id)?)),
        Err(sla_store::StoreError::NotFound(_)) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

fn parse_trusted_key(key: Option<&str>) -> Result<Option<sla_model::PublicKey>, ApiError> {
    key.map(|hex| sla_model::PublicKey::parse(hex).map_err(|e| ApiError::invalid("Trusted key", &e)))
        .transpose()
}

/// Our comments not yet sent, as the next round of ours carries them.
fn unsent_comments(
    workspace: &sla_store::Workspace,
    id: sla_model::AgreementId,
    our_role: sla_model::PartyRole,
) -> Result<Vec<sla_model::Comment>, ApiError> {
    Ok(workspace
        .pending_comments(id)?
        .into_iter()
        .map(|c| sla_model::Comment {
            target: c.target,
            author: our_role,
            text: c.text,
        })
        .collect())
}

/// What `verify_package` found: a sound package, and what importing it would add.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PackageCheck {
    pub agreement_id: String,
    pub title: String,
    pub rounds: Vec<PackagedRoundInfo>,
    /// This workspace already holds the agreement.
    pub known: bool,
    /// The rounds an import would add.
    pub new_rounds: usize,
    /// A party signing with another key than before: an import would be refused unless the
    /// user trusts the new key.
    pub key_change: Option<crate::KeyChange>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PackagedRoundInfo {
    pub number: u32,
    pub author: sla_model::PartyRole,
    pub proposed_at: String,
    pub message: String,
    pub fingerprint: String,
    pub comments: usize,
    /// The fingerprint of the key that signed the round.
    pub signed_by: String,
}

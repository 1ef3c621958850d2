//! The negotiation: proposing rounds, accepting the other side's as final, and exchanging
//! packages of signed rounds.

use std::path::PathBuf;

use clap::Subcommand;
use sla_api::{AgreementSource, ApiError, Backend, Timestamp};

use crate::{Role, render, to_json};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rounds of a negotiation: propose the draft, or accept the other side's round.
    #[command(subcommand)]
    Round(RoundCommand),
    /// Exchange packages: the rounds of an agreement as one file.
    #[command(subcommand)]
    Package(PackageCommand),
}

#[derive(Debug, Subcommand)]
pub enum RoundCommand {
    /// Propose the working draft as the next round (frozen, chained to the round before).
    /// Given an agreement file, its text becomes the draft first (the agreement is added to
    /// the workspace if it is new there).
    Propose {
        /// The id of an agreement in the workspace, or an agreement file (JSON).
        agreement: String,
        /// A message to the other side.
        #[arg(long, short, default_value = "")]
        message: String,
        /// The side you are on, for an agreement file new to the workspace.
        #[arg(long, value_enum, default_value_t = Role::Customer)]
        role: Role,
    },
    /// Accept the other side's latest round as final: the agreement is then agreed and locked.
    Accept { id: String },
}

#[derive(Debug, Subcommand)]
pub enum PackageCommand {
    /// Write every round of an agreement to a package file for the other side.
    Export {
        id: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Import the other side's package: verified whole (every round signed), then its new
    /// rounds stored. A party signing with a new key is refused unless you pass that key.
    Import {
        file: PathBuf,
        /// Trust this new key of the other side (64 hex digits, as the refusal names it) after
        /// checking its fingerprint with them.
        #[arg(long, value_name = "KEY")]
        trust_key: Option<String>,
    },
    /// Verify a package without importing it: its chain of fingerprints, and what importing
    /// it would add to this workspace. Exits with an error naming the round when it is unsound.
    Verify {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(backend: &Backend, command: Command, now: Timestamp) -> Result<String, ApiError> {
    match command {
        Command::Round(RoundCommand::Propose {
            agreement,
            message,
            role,
        }) => {
            let view =
                backend.propose_file(&AgreementSource::parse(&agreement)?, role.into(), &message, now)?;
            let (number, fingerprint) = view
                .record
                .rounds
                .last()
                .map(|r| (r.number, r.hash.clone()))
                .unwrap_or_default();
            Ok(format!(
                "proposed round {number} of {} (fingerprint {fingerprint})\n",
                view.record.summary.id
            ))
        }
        Command::Round(RoundCommand::Accept { id }) => {
            let view = backend.accept_round(&id, now)?;
            let agreed = view.record.rounds.len().saturating_sub(1);
            Ok(format!(
                "accepted round {agreed}: the agreement is {}; send the package so the other side has your acceptance\n",
                view.record.summary.status.as_str()
            ))
        }
        Command::Package(PackageCommand::Export { id, out }) => {
            backend.write_package(&id, &out)?;
            Ok(format!("wrote {}\n", out.display()))
        }
        Command::Package(PackageCommand::Verify { file, json }) => {
            let check = backend.verify_package(&sla_api::read_package_file(&file)?)?;
            if json {
                to_json(&check)
            } else {
                Ok(render::package_check(&check))
            }
        }
        Command::Package(PackageCommand::Import { file, trust_key }) => {
            let bytes = sla_api::read_package_file(&file)?;
            let imported = backend.import_package(&bytes, trust_key.as_deref(), now)?;
            let mut text = format!(
                "{} {} \"{}\": now at round {}\n",
                if imported.created { "created" } else { "updated" },
                imported.summary.id,
                imported.summary.title,
                imported.summary.latest_round.unwrap_or(0)
            );
            if !imported.draft_replaced {
                text.push_str("your draft holds edits you have not proposed; it was kept as it is\n");
            }
            Ok(text)
        }
    }
}

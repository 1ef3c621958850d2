//! `sla`: SLA Studio's operations on the command line, for people who automate.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::Timestamp;
use sla_api::{ApiError, Backend, ErrorCode, NewAgreement};
use sla_model::PartyRole;
use sla_store::{WORKSPACE_ENV, resolve_workspace_dir};

mod render;

#[derive(Debug, Parser)]
#[command(
    name = "sla",
    version,
    about = "SLA Studio on the command line: author and negotiate Service Level Agreements"
)]
struct Cli {
    /// The workspace folder (default: $SLA_STUDIO_WORKSPACE, else the app's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    workspace: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the agreements in the workspace, most recently changed first.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one agreement: its summary, draft and rounds.
    Show {
        /// The agreement's id (see `sla list`).
        id: String,
        /// Print the whole record as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Create a blank agreement.
    New {
        /// The agreement's title.
        #[arg(long)]
        title: String,
        /// The other party's legal name.
        #[arg(long)]
        counterparty: String,
        /// The side you are on.
        #[arg(long, value_enum, default_value_t = Role::Customer)]
        role: Role,
        /// Print the new agreement's summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Rename an agreement.
    Rename { id: String, title: String },
    /// Delete an agreement and its rounds.
    Delete { id: String },
    /// Print the workspace folder in use.
    Workspace,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Role {
    Customer,
    Provider,
}

impl From<Role> for PartyRole {
    fn from(role: Role) -> Self {
        match role {
            Role::Customer => PartyRole::Customer,
            Role::Provider => PartyRole::Provider,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`sla list | head`) is not an error worth reporting.
            let _ = stdout.write_all(output.as_bytes());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("sla: {}", error.message);
            ExitCode::from(exit_code(error.code))
        }
    }
}

/// Distinct exit codes so scripts can branch without parsing messages.
fn exit_code(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::InvalidInput => 2,
        ErrorCode::NotFound => 3,
        ErrorCode::Conflict => 4,
        ErrorCode::Storage | ErrorCode::WorkspaceUnavailable => 5,
        ErrorCode::Internal => 70,
    }
}

fn run(cli: Cli) -> Result<String, ApiError> {
    let folder = resolve_workspace_dir(cli.workspace.as_deref(), std::env::var_os(WORKSPACE_ENV))?;
    let backend = Backend::open(&folder);
    let now = Timestamp::now();
    match cli.command {
        Command::List { json } => {
            let list = backend.list_agreements()?;
            Ok(if json {
                to_json(&list)?
            } else {
                render::agreement_table(&list)
            })
        }
        Command::Show { id, json } => {
            let record = backend.open_agreement(&id)?;
            Ok(if json {
                to_json(&record)?
            } else {
                render::agreement_record(&record)
            })
        }
        Command::New {
            title,
            counterparty,
            role,
            json,
        } => {
            let request = NewAgreement {
                title,
                our_role: role.into(),
                counterparty,
            };
            let summary = backend.create_agreement(request, now)?;
            Ok(if json {
                to_json(&summary)?
            } else {
                format!("{}\n", summary.id)
            })
        }
        Command::Rename { id, title } => {
            let summary = backend.rename_agreement(&id, &title, now)?;
            Ok(format!("renamed {} to \"{}\"\n", summary.id, summary.title))
        }
        Command::Delete { id } => {
            backend.delete_agreement(&id)?;
            Ok(format!("deleted {id}\n"))
        }
        Command::Workspace => Ok(format!("{}\n", backend.workspace_info()?.path)),
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string_pretty(value)
        .map(|text| text + "\n")
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("cannot write JSON: {e}")))
}

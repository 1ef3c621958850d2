//! `sla`: SLA Studio's operations on the command line, for people who automate. Every command
//! is one or two calls of `sla_api::Backend`, the core the desktop app uses; this crate only
//! reads arguments and prints answers.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use sla_api::{ApiError, Backend, ErrorCode, LIBRARY_ENV, PartyRole, WORKSPACE_ENV};

mod agreements;
mod documents;
mod exports;
mod measuring;
mod negotiation;
mod redline_text;
mod render;
mod render_measure;

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

    /// A clause library folder to use instead of the built-in one (default: $SLA_STUDIO_LIBRARY).
    #[arg(long, global = true, value_name = "DIR")]
    library: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    #[command(flatten)]
    Agreements(agreements::Command),
    #[command(flatten)]
    Documents(documents::Command),
    #[command(flatten)]
    Negotiation(negotiation::Command),
    #[command(flatten)]
    Exports(exports::Command),
    #[command(flatten)]
    Measuring(measuring::Command),
}

/// The side of the agreement the user is on.
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

#[derive(Clone, Copy, Debug, ValueEnum)]
enum PaperArg {
    A4,
    Letter,
}

impl From<PaperArg> for sla_api::PaperSize {
    fn from(paper: PaperArg) -> Self {
        match paper {
            PaperArg::A4 => sla_api::PaperSize::A4,
            PaperArg::Letter => sla_api::PaperSize::Letter,
        }
    }
}

/// What a command prints, and whether it found what it was asked to look for.
struct Outcome {
    output: String,
    /// `sla check` found errors: exit 1 after printing them.
    failed: bool,
}

impl From<String> for Outcome {
    fn from(output: String) -> Self {
        Self {
            output,
            failed: false,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Nothing is opened yet: the workspace on the first command that needs it, the clause
    // library on the first that reads it.
    let backend = Backend::launch(
        cli.workspace.as_deref(),
        std::env::var_os(WORKSPACE_ENV),
        sla_api::library_folder(cli.library, std::env::var_os(LIBRARY_ENV)),
    );
    let now = sla_api::Timestamp::now();
    let result = match cli.command {
        Command::Agreements(command) => agreements::run(&backend, command, now).map(Outcome::from),
        Command::Documents(command) => documents::run(&backend, command),
        Command::Negotiation(command) => negotiation::run(&backend, command, now).map(Outcome::from),
        Command::Exports(command) => exports::run(&backend, command, now).map(Outcome::from),
        Command::Measuring(command) => measuring::run(&backend, command, now).map(Outcome::from),
    };
    match result {
        Ok(outcome) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`sla list | head`) is not an error worth reporting.
            let _ = stdout.write_all(outcome.output.as_bytes());
            let _ = stdout.flush();
            if outcome.failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => {
            eprintln!("sla: {}", error.message);
            if let Some(change) = &error.key_change {
                eprintln!(
                    "sla: if the {} confirms the fingerprint {}, import again with --trust-key {}",
                    change.role.as_str(),
                    change.new_fingerprint,
                    change.new_key
                );
            }
            ExitCode::from(exit_code(error.code))
        }
    }
}

/// Distinct exit codes so scripts can branch without parsing messages.
fn exit_code(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::InvalidInput => 2,
        ErrorCode::NotFound => 3,
        ErrorCode::Conflict | ErrorCode::KeyChanged => 4,
        ErrorCode::Storage | ErrorCode::WorkspaceUnavailable => 5,
        ErrorCode::Internal => 70,
    }
}

/// JSON for scripts, pretty-printed, ending with a newline.
fn to_json<T: serde::Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string_pretty(value)
        .map(|text| text + "\n")
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("cannot write JSON: {e}")))
}

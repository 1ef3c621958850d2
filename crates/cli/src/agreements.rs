//! The workspace's agreements: list, show, create (blank, from a template, or from a document),
//! rename, delete, comment; and where the workspace is, with its signing key.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use sla_api::{
    ApiError, Backend, CommentTarget, ErrorCode, NewAgreement, PartyRole, Position, TemplateRequest,
    Timestamp,
};

use crate::{Role, render, to_json};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the agreements in the workspace, most recently changed first.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one agreement of the workspace: its summary, draft and rounds.
    Show {
        /// The agreement's id (see `sla list`).
        id: String,
        /// Print the whole record as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Create an agreement: blank, or drafted from a template of the clause library.
    New(NewArgs),
    /// Read an agreement written elsewhere (Markdown) into sections and clauses.
    Import {
        /// The Markdown file.
        file: PathBuf,
        /// The other party's legal name.
        #[arg(long)]
        counterparty: Option<String>,
        /// The side you are on.
        #[arg(long, value_enum, default_value_t = Role::Customer)]
        role: Role,
        /// Write the agreement to this JSON file instead of adding it to the workspace.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Rename an agreement.
    Rename { id: String, title: String },
    /// Delete an agreement and its rounds.
    Delete { id: String },
    /// Write a comment on a clause, a term or the whole agreement; your next round carries it.
    Comment {
        /// The id of an agreement in the workspace.
        id: String,
        /// The clause the comment is about.
        #[arg(long, conflicts_with = "term")]
        clause: Option<String>,
        /// The term the comment is about.
        #[arg(long)]
        term: Option<String>,
        text: String,
    },
    /// Print the workspace folder in use.
    Workspace,
    /// Print the fingerprint of this workspace's signing key, to read to the other side.
    Key,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The agreement template to draft from (see `sla templates`); blank when absent.
    #[arg(long)]
    template: Option<String>,
    /// The title (default: the template's name).
    #[arg(long)]
    title: Option<String>,
    /// The other party's legal name.
    #[arg(long)]
    counterparty: Option<String>,
    /// Your own legal name (with --template; it can be named later).
    #[arg(long, requires = "template")]
    our_name: Option<String>,
    /// The side you are on.
    #[arg(long, value_enum, default_value_t = Role::Customer)]
    role: Role,
    /// The playbook position the wording and defaults come from.
    #[arg(long, value_enum, default_value_t = PositionArg::Balanced)]
    position: PositionArg,
    /// Set a term: `--set availability.target=99.95` (repeatable).
    #[arg(long = "set", value_name = "TERM=VALUE", requires = "template")]
    set: Vec<String>,
    /// Turn a template option on (repeatable), e.g. `--with clawback`.
    #[arg(long = "with", value_name = "OPTION", requires = "template")]
    with: Vec<String>,
    /// Turn a template option off (repeatable).
    #[arg(long = "without", value_name = "OPTION", requires = "template")]
    without: Vec<String>,
    /// Write the agreement to this JSON file instead of adding it to the workspace.
    #[arg(long, value_name = "FILE", requires = "template")]
    out: Option<PathBuf>,
    /// Print the new agreement's summary as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum PositionArg {
    Customer,
    Balanced,
    Provider,
}

impl From<PositionArg> for Position {
    fn from(p: PositionArg) -> Self {
        match p {
            PositionArg::Customer => Position::Customer,
            PositionArg::Balanced => Position::Balanced,
            PositionArg::Provider => Position::Provider,
        }
    }
}

pub fn run(backend: &Backend, command: Command, now: Timestamp) -> Result<String, ApiError> {
    match command {
        Command::List { json } => {
            let list = backend.list_agreements()?;
            if json {
                to_json(&list)
            } else {
                Ok(render::agreement_table(&list))
            }
        }
        Command::Show { id, json } => {
            let record = backend.open_agreement(&id)?;
            if json {
                to_json(&record)
            } else {
                Ok(render::agreement_record(&record))
            }
        }
        Command::New(args) => new(backend, args, now),
        Command::Import {
            file,
            counterparty,
            role,
            out,
        } => {
            let role = PartyRole::from(role);
            let (agreement, words) =
                sla_api::import_document_file(&file, role, counterparty.as_deref().unwrap_or(""))?;
            let Some(path) = out else {
                let id = backend.insert_agreement(&agreement, role, now)?.id;
                eprintln!("{}", imported(&file, &agreement, words));
                return Ok(format!("{id}\n"));
            };
            sla_api::write_file_atomically(&path, (agreement.to_json_pretty() + "\n").as_bytes())?;
            Ok(format!(
                "{} to {}\n",
                imported(&file, &agreement, words),
                path.display()
            ))
        }
        Command::Rename { id, title } => {
            let summary = backend.rename_agreement(&id, &title, now)?;
            Ok(format!("renamed {} to \"{}\"\n", summary.id, summary.title))
        }
        Command::Delete { id } => {
            backend.delete_agreement(&id)?;
            Ok(format!("deleted {id}\n"))
        }
        Command::Comment {
            id,
            clause,
            term,
            text,
        } => {
            let target = match (clause, term) {
                (Some(clause), _) => CommentTarget::Clause(clause),
                (None, Some(term)) => CommentTarget::Term(term),
                (None, None) => CommentTarget::Agreement,
            };
            let pending = backend
                .add_comment(&id, &target, &text, now)?
                .pending_comments
                .len();
            Ok(format!(
                "{pending} comment{} will go with your next round\n",
                if pending == 1 { "" } else { "s" }
            ))
        }
        Command::Workspace => Ok(format!("{}\n", backend.workspace_info()?.path)),
        Command::Key => Ok(format!("{}\n", backend.workspace_info()?.key_fingerprint)),
    }
}

/// `sla new`: a blank agreement, or one drafted from a template (stored, or written to --out).
fn new(backend: &Backend, args: NewArgs, now: Timestamp) -> Result<String, ApiError> {
    let our_role = PartyRole::from(args.role);
    let Some(template) = args.template else {
        let request = NewAgreement {
            title: args.title.unwrap_or_default(),
            our_role,
            counterparty: args.counterparty.unwrap_or_default(),
        };
        let summary = backend.create_agreement(request, now)?;
        return if args.json {
            to_json(&summary)
        } else {
            Ok(format!("{}\n", summary.id))
        };
    };
    let mut set = BTreeMap::new();
    for pair in &args.set {
        let (term, value) = pair.split_once('=').ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidInput,
                format!("--set `{pair}`: write it as TERM=VALUE, like availability.target=99.95"),
            )
        })?;
        set.insert(term.trim().to_owned(), value.trim().to_owned());
    }
    let mut options = BTreeMap::new();
    options.extend(args.with.into_iter().map(|o| (o, true)));
    options.extend(args.without.into_iter().map(|o| (o, false)));
    let request = TemplateRequest {
        template,
        position: args.position.into(),
        our_role,
        title: args.title,
        counterparty: args.counterparty.unwrap_or_default(),
        our_name: args.our_name.unwrap_or_default(),
        options,
        set,
    };
    let Some(path) = args.out else {
        let summary = backend.create_from_template(request, now)?;
        return if args.json {
            to_json(&summary)
        } else {
            Ok(format!("{}\n", summary.id))
        };
    };
    let agreement = backend.draft_from_template(request)?;
    sla_api::write_file_atomically(&path, (agreement.to_json_pretty() + "\n").as_bytes())?;
    Ok(format!("wrote {} to {}\n", agreement.id, path.display()))
}

/// What `sla import` read: `imported FILE (3 sections, 12 clauses; all 2,314 words)`.
fn imported(file: &std::path::Path, agreement: &sla_api::Agreement, words: usize) -> String {
    format!(
        "imported {} ({} sections, {} clauses; all {} words)",
        file.display(),
        agreement.sections.len(),
        agreement.clause_count(),
        words
    )
}

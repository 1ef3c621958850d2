//! `sla`: SLA Studio's operations on the command line, for people who automate.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::Timestamp;
use sla_api::{
    ApiError, Backend, ErrorCode, LIBRARY_ENV, NewAgreement, VersionRef, WORKSPACE_ENV, WorkspaceLocation,
};
use sla_model::{Agreement, AgreementId, PartyRole};
use sla_templates::{DraftRequest, Library, Position, RenderFormat};

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
enum PackageCommand {
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

#[derive(Debug, Subcommand)]
enum DocxCommand {
    /// Write an agreement as a Word file for a counterparty who works in Word: a file as its
    /// draft, a workspace agreement as round N (default: the agreed version once agreed, else
    /// its latest round, else its draft).
    Export {
        agreement: String,
        #[arg(long)]
        round: Option<u32>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Read a Word file the counterparty edited (tracked or not) after you exported a round:
    /// with a workspace agreement's id it becomes their next round; with an agreement file,
    /// the changed agreement is written to --out.
    Import {
        file: PathBuf,
        #[arg(long, value_name = "FILE|ID")]
        agreement: String,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Write the redline between two versions of a workspace agreement as a Word file whose
    /// changes are tracked changes (Review → Accept/Reject in Word): `ID@1 ID@2`, or `ID@2 ID`
    /// for round 2 against the draft.
    Redline {
        old: String,
        new: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum RoundCommand {
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
enum Command {
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
    /// List the agreement templates of the clause library.
    Templates {
        #[arg(long)]
        json: bool,
    },
    /// List an agreement's terms: id, type, value, allowed range, the clauses quoting it.
    Terms {
        /// An agreement file (JSON), or the id of an agreement in the workspace.
        agreement: String,
        #[arg(long)]
        json: bool,
    },
    /// Write an agreement out as a reader sees it, with every value in place.
    Render {
        /// An agreement file (JSON), or the id of an agreement in the workspace.
        agreement: String,
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
    },
    /// Review an agreement: errors and warnings, each naming its clause. Exits with 1 when
    /// there is an error.
    Check {
        /// An agreement file (JSON), or the id of an agreement in the workspace.
        agreement: String,
        #[arg(long)]
        json: bool,
    },
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
    /// Compare two versions of an agreement: changed terms (with their meaning and whom they
    /// favour) and a word-level redline of each changed clause.
    Redline {
        /// The older version: an agreement file (JSON), a Markdown or plain text file (read as
        /// `sla import` reads it), the id of an agreement in the workspace (its draft), or
        /// `ID@N` for its round N.
        old: String,
        /// The newer version.
        new: String,
        /// Print the redline as JSON.
        #[arg(long, conflicts_with = "text")]
        json: bool,
        /// Print it as text (the default): `[-deleted-]{+inserted+}`.
        #[arg(long)]
        text: bool,
        /// With --json: list the unchanged clauses too, with their text (by default the JSON
        /// lists only the clauses that changed).
        #[arg(long, requires = "json")]
        unchanged: bool,
    },
    /// Rounds of a negotiation: propose the draft, or accept the other side's round.
    #[command(subcommand)]
    Round(RoundCommand),
    /// Exchange packages: the rounds of an agreement as one file.
    #[command(subcommand)]
    Package(PackageCommand),
    /// Write an agreement as a signature-ready PDF (PDF/A-2b): a round, the agreed version
    /// (the default once agreed) or the working draft.
    ///
    /// `sla pdf FILE|ID [--round N]`, `sla pdf --redline OLD NEW` (versions as `sla redline`
    /// takes them), `sla pdf --history ID`.
    Pdf {
        /// An agreement file (JSON), or the id of an agreement in the workspace.
        #[arg(required_unless_present_any = ["redline", "history"], conflicts_with_all = ["redline", "history"])]
        agreement: Option<String>,
        /// The round to print (default: the agreed version, else the working draft).
        #[arg(long)]
        round: Option<u32>,
        /// The redline between two versions instead: changed terms first, then the clauses.
        #[arg(long, num_args = 2, value_names = ["OLD", "NEW"], conflicts_with = "history")]
        redline: Option<Vec<String>>,
        /// With --redline: show the unchanged clauses too.
        #[arg(long, requires = "redline")]
        unchanged: bool,
        /// The negotiation history of an agreement instead: rounds, messages, comments, fingerprints.
        #[arg(long, value_name = "ID")]
        history: Option<String>,
        #[arg(long, value_enum, default_value_t = PaperArg::A4)]
        paper: PaperArg,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Rename an agreement.
    Rename { id: String, title: String },
    /// Delete an agreement and its rounds.
    Delete { id: String },
    /// Print the workspace folder in use.
    Workspace,
    /// Print the fingerprint of this workspace's signing key, to read to the other side.
    Key,
    /// Word files: export an agreement as .docx.
    #[command(subcommand)]
    Docx(DocxCommand),
    /// Measure an agreed agreement against the provider's incident log (and ticket export)
    /// for a period: availability with its working, service-desk targets, credits owed.
    Measure(MeasureArgs),
    /// Write an agreed agreement's key dates (effective date, reviews, renewals and notice
    /// deadlines) as an iCalendar file.
    Calendar {
        /// An agreement file, or the id of an agreed agreement in the workspace.
        agreement: String,
        /// The effective date (YYYY-MM-DD), for a file that names none.
        #[arg(long, value_name = "DATE")]
        effective: Option<String>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
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
}

#[derive(Debug, clap::Args)]
struct MeasureArgs {
    /// An agreement file, or the id of an agreed agreement in the workspace.
    agreement: String,
    /// The incident log: `start,end,service,cause[,notified]`, or per-minute samples
    /// `timestamp,up`.
    #[arg(long, value_name = "FILE")]
    incidents: PathBuf,
    /// The ticket export: `id,priority,opened,first_response,resolved,first_contact_resolved,csat`.
    #[arg(long, value_name = "FILE")]
    tickets: Option<PathBuf>,
    /// A TOML file naming the ticket export's own columns (and the zone of its times).
    #[arg(long, value_name = "FILE", requires = "tickets")]
    ticket_columns: Option<PathBuf>,
    /// The month to measure (`2027-03`) or a range (`2027-01..2027-06`).
    #[arg(long)]
    period: String,
    /// Also print the draft claim letter.
    #[arg(long)]
    letter: bool,
    /// Write the report as a PDF to this file.
    #[arg(long, value_name = "FILE")]
    report_pdf: Option<PathBuf>,
    /// Write the draft claim letter as a PDF to this file.
    #[arg(long, value_name = "FILE")]
    letter_pdf: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    paper: PaperArg,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
struct NewArgs {
    /// The agreement template to draft from (see `sla templates`); blank when absent.
    #[arg(long)]
    template: Option<String>,
    /// The title (default: the template's name).
    #[arg(long)]
    title: Option<String>,
    /// The other party's legal name.
    #[arg(long)]
    counterparty: Option<String>,
    /// The side you are on.
    #[arg(long, value_enum, default_value_t = Role::Customer)]
    role: Role,
    /// The playbook position the wording and defaults come from.
    #[arg(long, value_enum, default_value_t = PositionArg::Balanced)]
    position: PositionArg,
    /// Set a term: `--set availability.target=99.95` (repeatable).
    #[arg(long = "set", value_name = "TERM=VALUE")]
    set: Vec<String>,
    /// Turn a template option on (repeatable), e.g. `--with clawback`.
    #[arg(long = "with", value_name = "OPTION")]
    with: Vec<String>,
    /// Turn a template option off (repeatable).
    #[arg(long = "without", value_name = "OPTION")]
    without: Vec<String>,
    /// Write the agreement to this JSON file instead of adding it to the workspace.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Print the new agreement's summary as JSON.
    #[arg(long)]
    json: bool,
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

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Md,
    Text,
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
    match run(cli) {
        Ok(outcome) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`sla list | head`) is not an error worth reporting.
            let _ = stdout.write_all(outcome.output.as_bytes());
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

struct Context {
    workspace: Option<PathBuf>,
    library: Option<PathBuf>,
}

impl Context {
    fn backend(&self) -> Result<Backend, ApiError> {
        let location =
            WorkspaceLocation::resolve(self.workspace.as_deref(), std::env::var_os(WORKSPACE_ENV))?;
        let WorkspaceLocation::Folder(folder) = location;
        Ok(Backend::open(&folder))
    }

    fn library(&self) -> Result<Library, ApiError> {
        let folder = sla_api::library_folder(self.library.clone(), std::env::var_os(LIBRARY_ENV));
        sla_api::load_library(folder.as_deref())
    }

    /// An agreement from a file, a round of a workspace agreement (`ID@N`), or the draft of
    /// one given by id.
    fn agreement(&self, name: &str) -> Result<Agreement, ApiError> {
        if let Some(VersionRef {
            id,
            round: Some(round),
        }) = VersionRef::parse(name)?
        {
            return self.backend()?.version(&id, Some(round));
        }
        let path = Path::new(name);
        if path.exists() && is_text_document(path) {
            return read_markdown(path, PartyRole::Customer, None);
        }
        if names_a_file(name) {
            return sla_api::read_agreement_file(path);
        }
        Ok(self.backend()?.open_agreement(name)?.agreement)
    }
}

fn run(cli: Cli) -> Result<Outcome, ApiError> {
    let context = Context {
        workspace: cli.workspace,
        library: cli.library,
    };
    let now = Timestamp::now();
    if let Command::Check { agreement, json } = &cli.command {
        let findings = sla_checks::check(&context.agreement(agreement)?);
        let failed = findings.iter().any(|f| f.severity == sla_checks::Severity::Error);
        let output = if *json {
            to_json(&findings)?
        } else {
            render::findings(&findings)
        };
        return Ok(Outcome { output, failed });
    }
    run_command(&context, cli.command, now).map(Outcome::from)
}

fn run_command(context: &Context, command: Command, now: Timestamp) -> Result<String, ApiError> {
    match command {
        Command::List { json } => {
            let list = context.backend()?.list_agreements()?;
            Ok(if json {
                to_json(&list)?
            } else {
                render::agreement_table(&list)
            })
        }
        Command::Show { id, json } => {
            let record = context.backend()?.open_agreement(&id)?;
            Ok(if json {
                to_json(&record)?
            } else {
                render::agreement_record(&record)
            })
        }
        Command::New(args) => new(context, args, now),
        Command::Redline {
            old,
            new,
            json,
            unchanged,
            ..
        } => {
            // The two versions are read side by side.
            let (old, new) = std::thread::scope(|scope| {
                let older = scope.spawn(|| context.agreement(&old));
                let newer = context.agreement(&new);
                (older.join(), newer)
            });
            let old =
                old.map_err(|_| ApiError::new(ErrorCode::Internal, "reading the older version failed"))??;
            let new = new?;
            // The library only says whom a term change favours: text files have no terms.
            let library = if old.terms.is_empty() && new.terms.is_empty() {
                None
            } else {
                Some(context.library()?)
            };
            // Only --unchanged shows the text of unchanged clauses; the text output counts them.
            let words = if unchanged {
                sla_redline::UnchangedClauses::WithText
            } else {
                sla_redline::UnchangedClauses::Counted
            };
            let mut redline = sla_redline::redline_with(&old, &new, library.as_ref(), words);
            let output = if json {
                if !unchanged {
                    redline
                        .clauses
                        .retain(|c| c.kind != sla_redline::ClauseChangeKind::Unchanged);
                }
                to_json(&redline)
            } else {
                Ok(redline_text::redline(&redline))
            };
            // The process ends once the output is written: freeing two whole agreements and
            // their redline clause by clause would only delay it.
            std::mem::forget((old, new, redline));
            output
        }
        Command::Check { .. } => Ok(String::new()),
        Command::Import {
            file,
            counterparty,
            role,
            out,
        } => import(context, &file, counterparty, role.into(), out, now),
        Command::Templates { json } => {
            let library = context.library()?;
            Ok(if json {
                to_json(&render::template_list(&library))?
            } else {
                render::template_table(&library)
            })
        }
        Command::Terms { agreement, json } => {
            let agreement = context.agreement(&agreement)?;
            let rows = sla_api::term_rows(&agreement, &context.library()?);
            Ok(if json {
                to_json(&rows)?
            } else {
                render::term_table(&rows)
            })
        }
        Command::Render { agreement, format } => {
            let agreement = context.agreement(&agreement)?;
            let format = match format {
                Format::Md => RenderFormat::Markdown,
                Format::Text => RenderFormat::Text,
            };
            Ok(sla_templates::render(&agreement, format))
        }
        Command::Pdf {
            agreement,
            round,
            redline,
            unchanged,
            history,
            paper,
            out,
        } => {
            let paper: sla_api::PaperSize = paper.into();
            let bytes = match (agreement, redline, history) {
                (_, Some(versions), _) => {
                    if round.is_some() {
                        return Err(ApiError::new(
                            ErrorCode::InvalidInput,
                            "--round does not go with --redline",
                        ));
                    }
                    redline_pdf(context, &versions, unchanged, paper, now)?
                }
                (_, None, Some(id)) => {
                    context
                        .backend()?
                        .pdf(&id, &sla_api::PdfRequest::History, paper, now)?
                }
                (Some(agreement), None, None) => agreement_pdf(context, &agreement, round, paper, now)?,
                (None, None, None) => {
                    return Err(ApiError::new(
                        ErrorCode::InvalidInput,
                        "name an agreement, --redline OLD NEW or --history ID",
                    ));
                }
            };
            sla_api::write_file_atomically(&out, &bytes)?;
            Ok(format!("wrote {} ({} bytes)\n", out.display(), bytes.len()))
        }
        Command::Rename { id, title } => {
            let summary = context.backend()?.rename_agreement(&id, &title, now)?;
            Ok(format!("renamed {} to \"{}\"\n", summary.id, summary.title))
        }
        Command::Delete { id } => {
            context.backend()?.delete_agreement(&id)?;
            Ok(format!("deleted {id}\n"))
        }
        Command::Workspace => Ok(format!("{}\n", context.backend()?.workspace_info()?.path)),
        Command::Comment {
            id,
            clause,
            term,
            text,
        } => {
            let target = match (clause, term) {
                (Some(clause), _) => sla_model::CommentTarget::Clause(clause),
                (None, Some(term)) => sla_model::CommentTarget::Term(term),
                (None, None) => sla_model::CommentTarget::Agreement,
            };
            let view = context.backend()?.add_comment(&id, &target, &text, now)?;
            Ok(format!(
                "{} comment{} will go with your next round\n",
                view.pending_comments.len(),
                if view.pending_comments.len() == 1 { "" } else { "s" }
            ))
        }
        Command::Key => Ok(format!(
            "{}\n",
            context.backend()?.workspace_info()?.key_fingerprint
        )),
        Command::Round(RoundCommand::Propose {
            agreement,
            message,
            role,
        }) => {
            let backend = context.backend()?;
            let id = if names_a_file(&agreement) {
                let file = sla_api::read_agreement_file(Path::new(&agreement))?;
                match backend.open_agreement(&file.id.to_string()) {
                    Ok(_) => {
                        backend.replace_draft(&file, now)?;
                    }
                    Err(e) if e.code == ErrorCode::NotFound => {
                        backend.insert_agreement(&file, role.into(), now)?;
                    }
                    Err(e) => return Err(e),
                }
                file.id.to_string()
            } else {
                agreement
            };
            let view = backend.propose_round(&id, &message, now)?;
            let round = view
                .record
                .rounds
                .last()
                .map(|r| (r.number, r.hash.clone()))
                .unwrap_or_default();
            Ok(format!(
                "proposed round {} of {id} (fingerprint {})\n",
                round.0, round.1
            ))
        }
        Command::Round(RoundCommand::Accept { id }) => {
            let view = context.backend()?.accept_round(&id, now)?;
            let agreed = view.record.rounds.len().saturating_sub(1);
            Ok(format!(
                "accepted round {agreed}: the agreement is {}; send the package so the other side has your acceptance\n",
                view.record.summary.status.as_str()
            ))
        }
        Command::Measure(args) => measure(context, args, now),
        Command::Docx(DocxCommand::Export {
            agreement,
            round,
            out,
        }) => {
            let bytes = if AgreementId::parse(&agreement).is_ok() && !Path::new(&agreement).exists() {
                context.backend()?.export_docx(&agreement, round, now)?
            } else {
                let file = context.agreement(&agreement)?;
                sla_docx::agreement_docx(&sla_docx::Version {
                    agreement: &file,
                    round: None,
                    created: now,
                })
                .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?
            };
            sla_api::write_file_atomically(&out, &bytes)?;
            Ok(format!("wrote {}\n", out.display()))
        }
        Command::Docx(DocxCommand::Import { file, agreement, out }) => {
            let bytes = sla_api::read_word_file(&file)?;
            let name = file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            if AgreementId::parse(&agreement).is_ok() && !Path::new(&agreement).exists() {
                let imported = context
                    .backend()?
                    .import_word_reply(&agreement, &bytes, &name, now)?;
                return Ok(render::word_import(&imported));
            }
            let Some(out) = out else {
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    "with an agreement file, name where to write the changed agreement with --out FILE",
                ));
            };
            let mut changed = context.agreement(&agreement)?;
            let reply = sla_docx::read_docx(&bytes).map_err(|e| {
                ApiError::new(
                    ErrorCode::InvalidInput,
                    format!("{name}: {e}. Nothing was imported."),
                )
            })?;
            let mapping = sla_docx::map_reply(&changed, &reply);
            let (changes, _) = sla_api::apply_reply(
                &mut changed,
                &mapping,
                &context.library()?,
                PartyRole::Provider,
                &name,
            )?;
            sla_api::write_file_atomically(&out, changed.to_json_pretty().as_bytes())?;
            let mut text = changes.iter().map(|c| format!("{c}\n")).collect::<String>();
            for line in &mapping.unmapped {
                text.push_str(&format!("NOT IMPORTED: {line}\n"));
            }
            text.push_str(&format!("wrote {}\n", out.display()));
            Ok(text)
        }
        Command::Docx(DocxCommand::Redline { old, new, out }) => {
            let (older, newer) = (VersionRef::required(&old)?, VersionRef::required(&new)?);
            if older.id != newer.id {
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    "both versions must be of the same agreement (ID@N or ID)",
                ));
            }
            let bytes = context
                .backend()?
                .redline_docx(&newer.id, older.round, newer.round, now)?;
            sla_api::write_file_atomically(&out, &bytes)?;
            Ok(format!("wrote {}\n", out.display()))
        }
        Command::Calendar {
            agreement,
            effective,
            out,
        } => {
            let (agreement, agreed_on) = agreed(context, &agreement)?;
            let effective = match (effective, agreement.effective_date, agreed_on) {
                (Some(text), ..) => text.parse::<jiff::civil::Date>().map_err(|_| {
                    ApiError::new(
                        ErrorCode::InvalidInput,
                        format!("`{text}` is not a date (YYYY-MM-DD)"),
                    )
                })?,
                (None, Some(date), _) => date.date(),
                (None, None, Some(date)) => date,
                (None, None, None) => {
                    return Err(ApiError::new(
                        ErrorCode::InvalidInput,
                        "the agreement names no effective date; give one with --effective YYYY-MM-DD",
                    ));
                }
            };
            let dates = sla_measure::key_dates(&agreement, effective, None);
            let ics = sla_measure::icalendar(&agreement.id.to_string(), agreement.title.as_str(), &dates);
            sla_api::write_file_atomically(&out, ics.as_bytes())?;
            Ok(format!(
                "{}wrote {} ({} dates)\n",
                render_measure::key_dates(&dates),
                out.display(),
                dates.len()
            ))
        }
        Command::Package(PackageCommand::Export { id, out }) => {
            let package = context.backend()?.export_package(&id)?;
            sla_api::write_file_atomically(&out, package.as_bytes())?;
            Ok(format!("wrote {}\n", out.display()))
        }
        Command::Package(PackageCommand::Verify { file, json }) => {
            let bytes = sla_api::read_package_file(&file)?;
            let check = context.backend()?.verify_package(&bytes)?;
            if json {
                return to_json(&check);
            }
            Ok(render::package_check(&check))
        }
        Command::Package(PackageCommand::Import { file, trust_key }) => {
            let bytes = sla_api::read_package_file(&file)?;
            let imported = context
                .backend()?
                .import_package(&bytes, trust_key.as_deref(), now)?;
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

/// The agreement to measure: a file as it is, or a workspace agreement's agreed version with
/// the day it was agreed.
fn agreed(context: &Context, name: &str) -> Result<(Agreement, Option<jiff::civil::Date>), ApiError> {
    if AgreementId::parse(name).is_ok() && !Path::new(name).exists() {
        let (agreement, agreed_on) = context.backend()?.agreed_version(name)?;
        return Ok((agreement, Some(agreed_on)));
    }
    Ok((context.agreement(name)?, None))
}

/// `sla measure`.
fn measure(context: &Context, args: MeasureArgs, now: Timestamp) -> Result<String, ApiError> {
    let (agreement, agreed_on) = agreed(context, &args.agreement)?;
    let measured_against = match agreed_on {
        Some(_) => context.backend()?.measured_against(&args.agreement)?,
        None => format!("the agreement file {}", args.agreement),
    };
    let read = |path: &Path| sla_api::read_measurement_file(path);
    let request = sla_api::MeasureRequest {
        incidents: read(&args.incidents)?,
        tickets: args.tickets.as_deref().map(read).transpose()?,
        ticket_columns: args.ticket_columns.as_deref().map(read).transpose()?,
        period: args.period,
    };
    let today = now.to_zoned_datetime(jiff::tz::TimeZone::system()).date();
    let measurement = sla_api::measure_agreement(&agreement, &request, today)?;
    let mut written = String::new();
    if let Some(path) = &args.report_pdf {
        let id = agreement.id.to_string();
        let pdf = sla_api::report_pdf(&measurement, &id, &measured_against, args.paper.into(), now)?;
        sla_api::write_file_atomically(path, &pdf)?;
        written.push_str(&format!("wrote {}\n", path.display()));
    }
    if let Some(path) = &args.letter_pdf {
        let pdf = sla_api::letter_pdf(&measurement, args.paper.into(), now)?;
        sla_api::write_file_atomically(path, &pdf)?;
        written.push_str(&format!("wrote {}\n", path.display()));
    }
    if args.json {
        return to_json(&measurement);
    }
    Ok(render_measure::measurement(&measurement, args.letter) + &written)
}

/// `sla pdf FILE|ID`: a file is printed as a draft; a workspace agreement as its round, its
/// agreed version or its draft.
fn agreement_pdf(
    context: &Context,
    agreement: &str,
    round: Option<u32>,
    paper: sla_api::PaperSize,
    now: Timestamp,
) -> Result<Vec<u8>, ApiError> {
    if names_a_file(agreement) {
        if round.is_some() {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                "--round needs an agreement in the workspace; a file holds only its text",
            ));
        }
        let file = context.agreement(agreement)?;
        let version = sla_pdf::Version {
            agreement: &file,
            round: None,
            printed_at: now,
        };
        return Ok(sla_pdf::agreement_pdf(&version, paper.into())?);
    }
    context
        .backend()?
        .pdf(agreement, &sla_api::PdfRequest::Agreement { round }, paper, now)
}

/// How the redline PDF names a version given as `sla redline` takes it.
fn side(context: &Context, name: &str) -> Result<sla_pdf::Side, ApiError> {
    if let Some(VersionRef {
        id,
        round: Some(number),
    }) = VersionRef::parse(name)?
    {
        return context.backend()?.version_side(&id, Some(number));
    }
    if !names_a_file(name) {
        return context.backend()?.version_side(name, None);
    }
    let file = Path::new(name)
        .file_name()
        .map_or_else(|| name.to_owned(), |f| f.to_string_lossy().into_owned());
    Ok(sla_pdf::Side {
        label: file,
        fingerprint: None,
    })
}

/// `sla pdf --redline OLD NEW`.
fn redline_pdf(
    context: &Context,
    versions: &[String],
    unchanged: bool,
    paper: sla_api::PaperSize,
    now: Timestamp,
) -> Result<Vec<u8>, ApiError> {
    let [old, new] = versions else {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "--redline takes two versions: OLD NEW",
        ));
    };
    let (old_agreement, new_agreement) = (context.agreement(old)?, context.agreement(new)?);
    let redline = sla_redline::redline(&old_agreement, &new_agreement, Some(&context.library()?));
    let document = sla_pdf::RedlineDocument {
        title: new_agreement.title.as_str().to_owned(),
        from: side(context, old)?,
        to: side(context, new)?,
        redline: &redline,
        include_unchanged: unchanged,
        printed_at: now,
    };
    Ok(sla_pdf::redline_pdf(&document, paper.into())?)
}

fn new(context: &Context, args: NewArgs, now: Timestamp) -> Result<String, ApiError> {
    let role = PartyRole::from(args.role);
    let Some(template) = args.template else {
        if args.out.is_some() || !args.set.is_empty() || !args.with.is_empty() || !args.without.is_empty() {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                "--out, --set, --with and --without need --template",
            ));
        }
        let request = NewAgreement {
            title: args.title.unwrap_or_default(),
            our_role: role,
            counterparty: args.counterparty.unwrap_or_default(),
        };
        let summary = context.backend()?.create_agreement(request, now)?;
        return Ok(if args.json {
            to_json(&summary)?
        } else {
            format!("{}\n", summary.id)
        });
    };

    let mut set = Vec::new();
    for pair in &args.set {
        let (term, value) = pair.split_once('=').ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidInput,
                format!("--set `{pair}`: write it as TERM=VALUE, like availability.target=99.95"),
            )
        })?;
        set.push((term.trim().to_owned(), value.trim().to_owned()));
    }
    let mut options = std::collections::BTreeMap::new();
    options.extend(args.with.into_iter().map(|o| (o, true)));
    options.extend(args.without.into_iter().map(|o| (o, false)));
    let counterparty = args.counterparty.unwrap_or_default();
    let (customer, provider) = match role {
        PartyRole::Customer => (String::new(), counterparty),
        PartyRole::Provider => (counterparty, String::new()),
    };
    let request = DraftRequest {
        template,
        position: args.position.into(),
        title: args.title,
        customer,
        provider,
        options,
        set,
    };
    let agreement = sla_templates::draft(&context.library()?, &request, AgreementId::random())?;
    match args.out {
        Some(path) => {
            sla_api::write_file_atomically(&path, (agreement.to_json_pretty() + "\n").as_bytes())?;
            Ok(format!("wrote {} to {}\n", agreement.id, path.display()))
        }
        None => {
            let summary = context.backend()?.insert_agreement(&agreement, role, now)?;
            Ok(if args.json {
                to_json(&summary)?
            } else {
                format!("{}\n", summary.id)
            })
        }
    }
}

/// Whether a command's argument names a file rather than an agreement of the workspace: it
/// does when such a file exists or it is not an agreement id.
fn names_a_file(name: &str) -> bool {
    Path::new(name).exists() || AgreementId::parse(name).is_err()
}

/// Whether a file is a text document to read as Markdown rather than an agreement file: by
/// its extension (`.md`, `.markdown`, `.txt`, `.text`), or, without one of those, because it
/// does not start as JSON does.
fn is_text_document(path: &Path) -> bool {
    let by_extension = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["md", "markdown", "txt", "text"].contains(&e.to_ascii_lowercase().as_str()));
    if by_extension {
        return true;
    }
    let mut start = [0u8; 256];
    let read = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut start))
        .unwrap_or(0);
    start[..read]
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b != b'{')
}

/// Reads a Markdown or plain-text agreement into sections and clauses, as `sla import` does.
fn read_markdown(file: &Path, role: PartyRole, counterparty: Option<&str>) -> Result<Agreement, ApiError> {
    sla_api::read_document_file(file, role, counterparty.unwrap_or(""))
}

fn import(
    context: &Context,
    file: &Path,
    counterparty: Option<String>,
    role: PartyRole,
    out: Option<PathBuf>,
    now: Timestamp,
) -> Result<String, ApiError> {
    let agreement = read_markdown(file, role, counterparty.as_deref())?;
    let summary = format!(
        "{} sections, {} clauses",
        agreement.sections.len(),
        agreement.clause_count()
    );
    match out {
        Some(path) => {
            sla_api::write_file_atomically(&path, (agreement.to_json_pretty() + "\n").as_bytes())?;
            Ok(format!(
                "imported {} ({summary}) to {}\n",
                file.display(),
                path.display()
            ))
        }
        None => {
            let stored = context.backend()?.insert_agreement(&agreement, role, now)?;
            Ok(format!("{}\n", stored.id))
        }
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string_pretty(value)
        .map(|text| text + "\n")
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("cannot write JSON: {e}")))
}

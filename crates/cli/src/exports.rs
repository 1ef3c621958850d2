//! Documents that leave SLA Studio and come back: signature-ready PDFs (an agreement, a
//! redline, the negotiation history) and Word files (an agreement, a redline with tracked
//! changes, and the counterparty's edited reply).

use std::path::PathBuf;

use clap::Subcommand;
use sla_api::{AgreementSource, ApiError, Backend, ErrorCode, PaperSize, PdfRequest, Timestamp, VersionRef};

use crate::{PaperArg, render};

#[derive(Debug, Subcommand)]
pub enum Command {
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
        #[arg(long, conflicts_with = "redline")]
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
    /// Word files: export an agreement as .docx.
    #[command(subcommand)]
    Docx(DocxCommand),
}

#[derive(Debug, Subcommand)]
pub enum DocxCommand {
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
        /// For a file another editor stripped of its SLA Studio properties: the round it
        /// answers, as the first try named it from its text.
        #[arg(long, value_name = "N")]
        answers: Option<u32>,
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

pub fn run(backend: &Backend, command: Command, now: Timestamp) -> Result<String, ApiError> {
    match command {
        Command::Pdf {
            agreement,
            round,
            redline,
            unchanged,
            history,
            paper,
            out,
        } => {
            let paper = PaperSize::from(paper);
            let bytes = match (agreement, redline, history) {
                (_, Some(versions), _) => {
                    let [old, new] = versions.as_slice() else {
                        return Err(ApiError::new(
                            ErrorCode::InvalidInput,
                            "--redline takes two versions: OLD NEW",
                        ));
                    };
                    let (old, new) = (AgreementSource::parse(old)?, AgreementSource::parse(new)?);
                    backend.redline_pdf_of_sources(&old, &new, unchanged, paper, now)?
                }
                (_, None, Some(id)) => backend.pdf(&id, &PdfRequest::History, paper, now)?,
                (Some(agreement), None, None) => {
                    backend.source_pdf(&AgreementSource::parse(&agreement)?, round, paper, now)?
                }
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
        Command::Docx(DocxCommand::Export {
            agreement,
            round,
            out,
        }) => {
            let bytes = backend.source_docx(&AgreementSource::parse(&agreement)?, round, now)?;
            sla_api::write_file_atomically(&out, &bytes)?;
            Ok(format!("wrote {}\n", out.display()))
        }
        Command::Docx(DocxCommand::Import {
            file,
            agreement,
            out,
            answers,
        }) => {
            let bytes = sla_api::read_word_file(&file)?;
            let name = file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let source = AgreementSource::parse(&agreement)?;
            if let AgreementSource::Draft(id) = &source {
                let imported = backend.import_word_reply(id, &bytes, &name, answers, now)?;
                if let Some(found) = imported.to_confirm {
                    // Nothing was imported: the user names the round, as the app asks.
                    return Err(ApiError::new(
                        ErrorCode::Conflict,
                        format!(
                            "{name} carries no SLA Studio properties (another editor dropped them). Its text matches round {} of this agreement ({} % of its words). Nothing was imported: run again with --answers {} to import it as the answer to round {}.",
                            found.round, found.matched_percent, found.round, found.round
                        ),
                    ));
                }
                return Ok(render::word_import(&imported));
            }
            let Some(out) = out else {
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    "with an agreement file, name where to write the changed agreement with --out FILE",
                ));
            };
            let reply = backend.word_reply_to_file(&source, &bytes, &name)?;
            sla_api::write_file_atomically(&out, reply.agreement.to_json_pretty().as_bytes())?;
            let mut text: String = reply.changes.iter().map(|c| format!("{c}\n")).collect();
            if reply.changes.is_empty() && reply.unmapped.is_empty() {
                text.push_str("the Word file changes nothing\n");
            }
            for line in &reply.unmapped {
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
            backend.write_redline_docx(&newer.id, older.round, newer.round, &out, now)?;
            Ok(format!("wrote {}\n", out.display()))
        }
    }
}

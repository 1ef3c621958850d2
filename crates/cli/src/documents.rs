//! Reading agreements wherever they are (a file, a document, a workspace draft or round): the
//! clause library's templates, an agreement's terms, its text, its review and the redline
//! between two versions. None of these changes anything.

use clap::{Subcommand, ValueEnum};
use sla_api::{
    AgreementSource, ApiError, Backend, ClauseChangeKind, RenderFormat, Severity, UnchangedClauses,
};

use crate::{Outcome, redline_text, render, to_json};

#[derive(Debug, Subcommand)]
pub enum Command {
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
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Md,
    Text,
}

pub fn run(backend: &Backend, command: Command) -> Result<Outcome, ApiError> {
    let output = match command {
        Command::Templates { json } => {
            let templates = backend.list_templates()?;
            if json {
                to_json(&templates)?
            } else {
                render::template_table(&templates)
            }
        }
        Command::Terms { agreement, json } => {
            let rows = backend.source_terms(&AgreementSource::parse(&agreement)?)?;
            if json {
                to_json(&rows)?
            } else {
                render::term_table(&rows)
            }
        }
        Command::Render { agreement, format } => {
            let format = match format {
                Format::Md => RenderFormat::Markdown,
                Format::Text => RenderFormat::Text,
            };
            backend.render_source(&AgreementSource::parse(&agreement)?, format)?
        }
        Command::Check { agreement, json } => {
            let findings = backend.check_source(&AgreementSource::parse(&agreement)?)?;
            let failed = findings.iter().any(|f| f.severity == Severity::Error);
            let output = if json {
                to_json(&findings)?
            } else {
                render::findings(&findings)
            };
            return Ok(Outcome { output, failed });
        }
        Command::Redline {
            old,
            new,
            json,
            unchanged,
            ..
        } => redline(backend, &old, &new, json, unchanged)?,
    };
    Ok(output.into())
}

/// `sla redline OLD NEW`.
fn redline(backend: &Backend, old: &str, new: &str, json: bool, unchanged: bool) -> Result<String, ApiError> {
    let (old, new) = (AgreementSource::parse(old)?, AgreementSource::parse(new)?);
    // Only --unchanged shows the text of unchanged clauses; the text output counts them.
    let words = if unchanged {
        UnchangedClauses::WithText
    } else {
        UnchangedClauses::Counted
    };
    let mut redline = backend.redline_sources(&old, &new, words)?;
    let output = if json {
        if !unchanged {
            redline.clauses.retain(|c| c.kind != ClauseChangeKind::Unchanged);
        }
        to_json(&redline)
    } else {
        Ok(redline_text::redline(&redline))
    };
    // The process ends once the output is written: freeing a whole redline piece by piece
    // would only delay it.
    std::mem::forget(redline);
    output
}

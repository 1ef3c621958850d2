//! Living with an agreed agreement: measuring its service levels against the provider's logs
//! (with the credits owed and a claim letter), and its key dates as a calendar.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use sla_api::{AgreementSource, ApiError, Backend, MeasureRequest, Timestamp};

use crate::{PaperArg, render_measure, to_json};

#[derive(Debug, Subcommand)]
pub enum Command {
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
}

#[derive(Debug, clap::Args)]
pub struct MeasureArgs {
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

pub fn run(backend: &Backend, command: Command, now: Timestamp) -> Result<String, ApiError> {
    match command {
        Command::Measure(args) => measure(backend, args, now),
        Command::Calendar {
            agreement,
            effective,
            out,
        } => {
            let calendar =
                backend.source_calendar(&AgreementSource::parse(&agreement)?, effective.as_deref())?;
            sla_api::write_file_atomically(&out, calendar.icalendar.as_bytes())?;
            Ok(format!(
                "{}wrote {} ({} dates)\n",
                render_measure::key_dates(&calendar.dates),
                out.display(),
                calendar.dates.len()
            ))
        }
    }
}

/// `sla measure`.
fn measure(backend: &Backend, args: MeasureArgs, now: Timestamp) -> Result<String, ApiError> {
    let read = |path: &Path| sla_api::read_measurement_file(path);
    let request = MeasureRequest {
        incidents: read(&args.incidents)?,
        tickets: args.tickets.as_deref().map(read).transpose()?,
        ticket_columns: args.ticket_columns.as_deref().map(read).transpose()?,
        period: args.period,
    };
    let measured = backend.measure_source(&AgreementSource::parse(&args.agreement)?, &request, now)?;
    let measurement = &measured.measurement;
    let mut written = String::new();
    if let Some(path) = &args.report_pdf {
        let pdf = sla_api::report_pdf(
            measurement,
            &measured.agreement_id,
            &measured.measured_against,
            args.paper.into(),
            now,
        )?;
        sla_api::write_file_atomically(path, &pdf)?;
        written.push_str(&format!("wrote {}\n", path.display()));
    }
    if let Some(path) = &args.letter_pdf {
        let pdf = sla_api::letter_pdf(measurement, args.paper.into(), now)?;
        sla_api::write_file_atomically(path, &pdf)?;
        written.push_str(&format!("wrote {}\n", path.display()));
    }
    if args.json {
        return to_json(measurement);
    }
    Ok(render_measure::measurement(measurement, args.letter) + &written)
}

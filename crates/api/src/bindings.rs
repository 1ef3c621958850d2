//! The TypeScript declarations of every type that crosses to the UI, generated from the Rust
//! types with ts-rs into one file, `ui/src/ipc/bindings.ts`.
//!
//! `cargo test -p sla-api` fails when the committed file differs from what the Rust types
//! produce; run it with `UPDATE_BINDINGS=1` to rewrite the file.

use sla_model::terms::{
    BusinessHours, CalendarDate, Choice, Clock, Count, CreditTier, Duration, DurationUnit, MoneyFields,
    Percentage, PriorityMatrix, PriorityTarget, SupportSchedule, Text, TierTable, Weekday,
};
use sla_model::{Agreement, Clause, Parties, Party, PartyRole, Section, Signatory, Term, TermValue};
use sla_store::{AgreementRecord, AgreementStatus, AgreementSummary, RoundSummary};
use ts_rs::{Config, TS};

use sla_checks::{Finding, Severity};
use sla_templates::{Position, Structure};

use crate::{
    AddClause, AgreementView, ApiError, CreditChart, CreditOwed, CreditStep, DocumentClause, DocumentSection,
    EditHistory, ErrorCode, FileLimits, ImportRequest, KeyChange, KeyTerm, LibraryClause, MoveDirection,
    NewAgreement, PartyKey, PositionDefaults, TemplateInfo, TemplateOption, TemplateRequest, TermRow,
    TermTable, TextSegment, WorkspaceInfo,
};

/// The path of the bindings file, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/ipc/bindings.ts";

const HEADER: &str = "// Generated from the Rust types by `cargo test -p sla-api` (ts-rs). Do not edit by hand:\n\
                      // run `UPDATE_BINDINGS=1 cargo test -p sla-api` after changing a type.\n";

/// The whole bindings file.
pub fn typescript() -> String {
    let cfg = Config::default();
    let mut declarations = vec![
        declaration::<AgreementRecord>(&cfg),
        declaration::<AgreementStatus>(&cfg),
        declaration::<AgreementSummary>(&cfg),
        declaration::<RoundSummary>(&cfg),
        declaration::<Agreement>(&cfg),
        declaration::<Parties>(&cfg),
        declaration::<Party>(&cfg),
        declaration::<PartyRole>(&cfg),
        declaration::<Signatory>(&cfg),
        declaration::<Section>(&cfg),
        declaration::<Clause>(&cfg),
        declaration::<Term>(&cfg),
        declaration::<TermValue>(&cfg),
        declaration::<Percentage>(&cfg),
        declaration::<Count>(&cfg),
        declaration::<CalendarDate>(&cfg),
        declaration::<Text>(&cfg),
        declaration::<Duration>(&cfg),
        declaration::<DurationUnit>(&cfg),
        declaration::<Clock>(&cfg),
        declaration::<MoneyFields>(&cfg),
        declaration::<Choice>(&cfg),
        declaration::<TierTable>(&cfg),
        declaration::<CreditTier>(&cfg),
        declaration::<PriorityMatrix>(&cfg),
        declaration::<PriorityTarget>(&cfg),
        declaration::<SupportSchedule>(&cfg),
        declaration::<BusinessHours>(&cfg),
        declaration::<Weekday>(&cfg),
        declaration::<ApiError>(&cfg),
        declaration::<ErrorCode>(&cfg),
        declaration::<KeyChange>(&cfg),
        declaration::<PartyKey>(&cfg),
        declaration::<NewAgreement>(&cfg),
        declaration::<WorkspaceInfo>(&cfg),
        declaration::<FileLimits>(&cfg),
        declaration::<TemplateInfo>(&cfg),
        declaration::<TemplateOption>(&cfg),
        declaration::<TemplateRequest>(&cfg),
        declaration::<Position>(&cfg),
        declaration::<Structure>(&cfg),
        declaration::<AgreementView>(&cfg),
        declaration::<DocumentSection>(&cfg),
        declaration::<DocumentClause>(&cfg),
        declaration::<TextSegment>(&cfg),
        declaration::<TermTable>(&cfg),
        declaration::<TermRow>(&cfg),
        declaration::<Finding>(&cfg),
        declaration::<Severity>(&cfg),
        declaration::<CreditChart>(&cfg),
        declaration::<CreditStep>(&cfg),
        declaration::<CreditOwed>(&cfg),
        declaration::<EditHistory>(&cfg),
        declaration::<KeyTerm>(&cfg),
        declaration::<sla_redline::Redline>(&cfg),
        declaration::<crate::Review>(&cfg),
        declaration::<crate::review::RoundComment>(&cfg),
        declaration::<sla_model::CommentTarget>(&cfg),
        declaration::<sla_store::PendingComment>(&cfg),
        declaration::<sla_redline::TermHistory>(&cfg),
        declaration::<sla_redline::HistoryStep>(&cfg),
        declaration::<crate::ChangeRef>(&cfg),
        declaration::<crate::ChangeState>(&cfg),
        declaration::<crate::Decision>(&cfg),
        declaration::<sla_redline::ClauseChange>(&cfg),
        declaration::<sla_redline::ClauseChangeKind>(&cfg),
        declaration::<sla_redline::WordDiff>(&cfg),
        declaration::<sla_redline::Piece>(&cfg),
        declaration::<sla_redline::PieceKind>(&cfg),
        declaration::<sla_redline::Edit>(&cfg),
        declaration::<sla_redline::TermChange>(&cfg),
        declaration::<crate::PdfRequest>(&cfg),
        declaration::<crate::PaperSize>(&cfg),
        declaration::<crate::PdfProgress>(&cfg),
        declaration::<sla_pdf::Preview>(&cfg),
        declaration::<sla_pdf::PreviewPage>(&cfg),
        declaration::<sla_pdf::PreviewItem>(&cfg),
        declaration::<sla_redline::TableChange>(&cfg),
        declaration::<sla_redline::RowChange>(&cfg),
        declaration::<sla_redline::RowChangeKind>(&cfg),
        declaration::<sla_redline::CellChange>(&cfg),
        declaration::<sla_store::ImportedRounds>(&cfg),
        declaration::<crate::PartiesUpdate>(&cfg),
        declaration::<crate::PartyInput>(&cfg),
        declaration::<sla_templates::TableInput>(&cfg),
        declaration::<PositionDefaults>(&cfg),
        declaration::<LibraryClause>(&cfg),
        declaration::<AddClause>(&cfg),
        declaration::<MoveDirection>(&cfg),
        declaration::<ImportRequest>(&cfg),
        declaration::<crate::MeasureRequest>(&cfg),
        declaration::<crate::Measurement>(&cfg),
        declaration::<crate::MeasurementDocument>(&cfg),
        declaration::<crate::WordImport>(&cfg),
        declaration::<crate::TextMatch>(&cfg),
        declaration::<crate::ComingUp>(&cfg),
        declaration::<sla_measure::ServiceLevelReport>(&cfg),
        declaration::<sla_measure::WindowReport>(&cfg),
        declaration::<sla_measure::ExcludedTime>(&cfg),
        declaration::<sla_measure::TicketFigures>(&cfg),
        declaration::<sla_measure::KpiFigure>(&cfg),
        declaration::<sla_measure::PriorityAttainment>(&cfg),
        declaration::<sla_measure::Attainment>(&cfg),
        declaration::<sla_measure::ChronicFailure>(&cfg),
        declaration::<sla_measure::EarnBack>(&cfg),
        declaration::<sla_measure::Fines>(&cfg),
        declaration::<sla_measure::Citations>(&cfg),
        declaration::<sla_measure::ClaimLetter>(&cfg),
        declaration::<sla_measure::KeyDate>(&cfg),
        declaration::<sla_measure::KeyDateKind>(&cfg),
        declaration::<sla_measure::ReportChart>(&cfg),
        declaration::<sla_measure::ChartBar>(&cfg),
        declaration::<sla_measure::ChartLevel>(&cfg),
    ];
    declarations.sort_by(|a, b| a.0.cmp(&b.0));
    let texts: Vec<String> = declarations.into_iter().map(|(_, text)| text).collect();
    format!("{HEADER}\n{}\n", texts.join("\n\n"))
}

/// The type's name (to sort by) and its exported declaration.
fn declaration<T: TS + 'static>(cfg: &Config) -> (String, String) {
    let mut text = String::new();
    if let Some(docs) = T::docs() {
        text.push_str(&docs);
    }
    text.push_str("export ");
    text.push_str(&T::decl(cfg));
    (T::name(cfg), text)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn committed_bindings_match_the_rust_types() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(BINDINGS_PATH);
        let expected = typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &expected).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == expected,
            "{BINDINGS_PATH} is out of date with the Rust types; run `UPDATE_BINDINGS=1 cargo test -p sla-api` and commit the result"
        );
    }
}

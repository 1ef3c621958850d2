//! What the agreement editor shows: the document with term references as chips, the terms
//! with their inputs and meanings, and the review findings. Computed here, once; the UI only
//! displays it.

use sla_model::term_ids;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sla_checks::Finding;
use sla_model::terms::Percentage;
use sla_model::{Agreement, PartyRole, TermValue};
use sla_store::AgreementRecord;
use sla_templates::{Library, Position, Segment, Structure, format};
use ts_rs::TS;

use crate::history::EditHistory;
use crate::{ApiError, ErrorCode, TermRow};

/// An agreement template as the "New agreement" dialog offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct TemplateInfo {
    pub id: String,
    pub name: String,
    pub structure: Structure,
    pub description: String,
    pub options: Vec<TemplateOption>,
    /// The terms to ask for when drafting, with each position's default.
    pub key_terms: Vec<KeyTerm>,
}

/// A term the "New agreement" dialog asks for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct KeyTerm {
    pub id: String,
    pub label: String,
    pub help: Option<String>,
    /// The allowed range (`90 % to 99.999 %`), if the library sets one.
    pub range: Option<String>,
    /// The allowed values of a choice.
    pub options: Vec<String>,
    /// The default as typed in, for each position.
    pub defaults: PositionDefaults,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PositionDefaults {
    pub customer: String,
    pub balanced: String,
    pub provider: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct TemplateOption {
    pub name: String,
    pub label: String,
    pub default: bool,
    pub help: Option<String>,
}

/// Draft a new agreement from a template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateRequest {
    pub template: String,
    pub position: Position,
    pub our_role: PartyRole,
    pub title: Option<String>,
    pub counterparty: String,
    /// Our own legal name (may be left empty and filled in later).
    pub our_name: String,
    #[ts(type = "{ [key in string]?: boolean }")]
    pub options: BTreeMap<String, bool>,
    /// Key term values as typed, instead of the position's defaults.
    #[ts(type = "{ [key in string]?: string }")]
    pub set: BTreeMap<String, String>,
}

/// The agreement editor's whole content.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct AgreementView {
    pub record: AgreementRecord,
    pub document: Vec<DocumentSection>,
    pub terms: Vec<TermRow>,
    pub findings: Vec<Finding>,
    /// The service credit owed against achieved availability, when the agreement has tiers.
    pub credit_chart: Option<CreditChart>,
    /// What Undo and Redo would do.
    pub history: EditHistory,
    /// Comments written since our last round; the next one carries them.
    pub pending_comments: Vec<sla_store::PendingComment>,
    /// The comments every round carried, oldest first.
    pub comments: Vec<crate::RoundComment>,
    /// The key each party signs its rounds with (pinned at first contact).
    pub party_keys: Vec<PartyKey>,
}

/// A party's signing key, as the fingerprint people compare.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PartyKey {
    pub role: sla_model::PartyRole,
    pub fingerprint: String,
}

/// The data of the credit-against-availability chart: the target, the cap and each tier as
/// a step, in percent.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct CreditChart {
    pub target: Option<f64>,
    pub cap: Option<f64>,
    /// Best level first: below `below` %, the credit is `credit` % (already limited by the cap).
    pub steps: Vec<CreditStep>,
    /// The availability scale: the edges of its bands, lowest first — a whole percent at least
    /// one below the deepest tier and the target, each tier's threshold, then 100. Each band is
    /// drawn the same width, since thresholds crowd near 100 %.
    pub bands: Vec<f64>,
    /// The top of the credit scale: a fifth above the highest credit (or the cap).
    pub credit_ceiling: f64,
    /// The credits labelled on that scale, 0 first.
    pub credit_ticks: Vec<f64>,
    pub window: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct CreditStep {
    pub below: f64,
    pub credit: f64,
}

/// The credit owed at one achieved availability.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct CreditOwed {
    /// `99.5 %`.
    pub achieved: String,
    /// The Downtime that level means in one window (`3 h 39 m 8 s`).
    pub downtime: String,
    /// `10 %`, or absent when no credit is owed.
    pub credit: Option<String>,
    /// Whether the cap reduced the credit.
    pub capped: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct DocumentSection {
    pub id: String,
    pub number: String,
    pub heading: String,
    pub clauses: Vec<DocumentClause>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct DocumentClause {
    pub id: String,
    /// `2.1`.
    pub number: String,
    pub heading: String,
    /// Paragraphs, each a run of text and term segments.
    pub paragraphs: Vec<Vec<TextSegment>>,
}

/// A piece of a paragraph: words, or a quoted term with its value written out (and, for a
/// credit table or priority matrix, the table).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TextSegment {
    Text {
        text: String,
    },
    Term {
        term: String,
        text: String,
        table: Option<TermTable>,
    },
}

pub use sla_templates::format::TermTable;

pub fn templates(library: &Library) -> Vec<TemplateInfo> {
    library
        .templates()
        .map(|t| TemplateInfo {
            id: t.spec.id.clone(),
            name: t.spec.name.clone(),
            structure: t.spec.structure,
            description: t.spec.description.clone(),
            options: t
                .spec
                .options
                .iter()
                .map(|(name, o)| TemplateOption {
                    name: name.clone(),
                    label: o.label.clone(),
                    default: o.default,
                    help: o.help.clone(),
                })
                .collect(),
            key_terms: t
                .spec
                .key_terms
                .iter()
                .filter_map(|id| key_term(library, id))
                .collect(),
        })
        .collect()
}

fn key_term(library: &Library, id: &str) -> Option<KeyTerm> {
    let (spec, owner) = library.term(id)?;
    let default = |position: Position| {
        spec.default_for(&owner.spec.positions.get(position).defaults, id)
            .and_then(|v| sla_templates::term_value(spec, v).ok())
            .and_then(|v| format::input_text(&v))
            .unwrap_or_default()
    };
    Some(KeyTerm {
        id: id.to_owned(),
        label: spec.label.clone(),
        help: spec.help.clone(),
        range: spec.range_text(),
        options: spec.options.clone(),
        defaults: PositionDefaults {
            customer: default(Position::Customer),
            balanced: default(Position::Balanced),
            provider: default(Position::Provider),
        },
    })
}

pub fn agreement_view(
    record: AgreementRecord,
    library: &Library,
    history: EditHistory,
    pending_comments: Vec<sla_store::PendingComment>,
    comments: Vec<crate::RoundComment>,
) -> AgreementView {
    let agreement = &record.agreement;
    let document = agreement
        .sections
        .iter()
        .enumerate()
        .map(|(s, section)| DocumentSection {
            id: section.id.to_string(),
            number: (s + 1).to_string(),
            heading: section.heading.clone(),
            clauses: section
                .clauses
                .iter()
                .enumerate()
                .map(|(c, clause)| DocumentClause {
                    id: clause.id.to_string(),
                    number: format!("{}.{}", s + 1, c + 1),
                    heading: clause.heading.clone(),
                    paragraphs: paragraphs(agreement, sla_templates::segments(agreement, clause)),
                })
                .collect(),
        })
        .collect();
    AgreementView {
        terms: crate::term_rows(agreement, library),
        findings: sla_checks::check(agreement),
        credit_chart: credit_chart(agreement),
        history,
        pending_comments,
        comments,
        party_keys: Vec::new(),
        document,
        record,
    }
}

fn credit_chart(agreement: &Agreement) -> Option<CreditChart> {
    let tiers = match agreement.term_value(term_ids::CREDITS_TIERS) {
        Some(TermValue::TierTable(t)) => t,
        _ => return None,
    };
    let cap = agreement.percentage(term_ids::CREDITS_CAP).map(Percentage::value);
    let target = agreement
        .percentage(term_ids::AVAILABILITY_TARGET)
        .map(Percentage::value);
    let steps: Vec<CreditStep> = tiers
        .tiers()
        .iter()
        .map(|t| CreditStep {
            below: t.below.value(),
            credit: cap.map_or(t.credit.value(), |c| c.min(t.credit.value())),
        })
        .collect();
    let deepest = steps.last().map_or(99.0, |s| s.below);
    let lowest = (deepest.min(target.unwrap_or(100.0)) - 1.0).floor().max(0.0);
    let mut bands: Vec<f64> = std::iter::once(lowest)
        .chain(steps.iter().rev().map(|s| s.below))
        .chain(std::iter::once(100.0))
        .collect();
    bands.dedup();
    let highest = steps.iter().map(|s| s.credit).chain(cap).fold(1.0_f64, f64::max);
    let mut credit_ticks: Vec<f64> = std::iter::once(0.0)
        .chain(steps.iter().map(|s| s.credit))
        .collect();
    credit_ticks.sort_by(f64::total_cmp);
    credit_ticks.dedup();
    Some(CreditChart {
        target,
        cap,
        steps,
        bands,
        credit_ceiling: highest * 1.2,
        credit_ticks,
        window: sla_checks::window_name(agreement),
    })
}

/// The credit owed at an achieved availability typed by the user (`99.5`).
pub fn credit_owed(agreement: &Agreement, achieved: &str) -> Result<CreditOwed, ApiError> {
    let refused = |message: String| ApiError::new(ErrorCode::InvalidInput, message);
    let level: f64 = achieved
        .trim()
        .trim_end_matches('%')
        .trim()
        .parse()
        .map_err(|_| refused(format!("`{achieved}` is not a percentage")))?;
    let level = Percentage::new(level).map_err(|e| refused(e.to_string()))?;
    let uncapped = match agreement.term_value(term_ids::CREDITS_TIERS) {
        Some(TermValue::TierTable(t)) => t.credit_for(level),
        _ => return Err(refused("the agreement has no service credit tiers".into())),
    };
    let credit = sla_checks::credit_at(agreement, level);
    Ok(CreditOwed {
        achieved: format::percentage(level),
        downtime: sla_checks::duration_text(sla_checks::downtime_at(agreement, level)),
        credit: credit.map(format::percentage),
        capped: credit.is_some() && credit != uncapped,
    })
}

/// Splits segments into paragraphs at blank lines.
fn paragraphs(agreement: &Agreement, segments: Vec<Segment>) -> Vec<Vec<TextSegment>> {
    let mut out = vec![Vec::new()];
    for segment in segments {
        match segment {
            Segment::Text(text) => {
                for (i, piece) in text.split("\n\n").enumerate() {
                    if i > 0 {
                        out.push(Vec::new());
                    }
                    if !piece.is_empty()
                        && let Some(paragraph) = out.last_mut()
                    {
                        paragraph.push(TextSegment::Text {
                            text: piece.to_owned(),
                        });
                    }
                }
            }
            Segment::Term { id, text } => {
                let table = agreement
                    .term_value(&id)
                    .and_then(sla_templates::format::term_table);
                if let Some(paragraph) = out.last_mut() {
                    paragraph.push(TextSegment::Term {
                        term: id,
                        text,
                        table,
                    });
                }
            }
        }
    }
    out.retain(|p| {
        p.iter()
            .any(|s| !matches!(s, TextSegment::Text { text } if text.trim().is_empty()))
    });
    out
}

//! Edits of a draft's structure and wording: a clause's heading and text, clauses added from
//! the library, removed and moved. Each function changes the agreement in memory and
//! returns the label Undo will show; the backend validates, saves and records it.

use serde::{Deserialize, Serialize};
use sla_model::{Agreement, Clause, ClauseId, Section, SectionId, check_free_text};
use sla_templates::{Library, Position, TermValueError};
use ts_rs::TS;

use crate::{ApiError, ErrorCode};

/// A clause of the library as the "Add clause" dialog lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct LibraryClause {
    pub id: String,
    pub category: String,
    pub heading: String,
    pub summary: String,
    /// The labels of the terms it brings.
    pub terms: Vec<String>,
}

/// Add a library clause to a draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddClause {
    pub clause: String,
    pub position: Position,
    /// The section to add it to (at its end); absent: the section named like the clause's
    /// category, created at the end of the agreement if there is none.
    pub section: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MoveDirection {
    Up,
    Down,
}

/// Every clause of the library, by category and heading.
pub fn library_clauses(library: &Library) -> Vec<LibraryClause> {
    let mut clauses: Vec<LibraryClause> = library
        .clauses()
        .map(|c| LibraryClause {
            id: c.spec.id.clone(),
            category: c.spec.category.clone(),
            heading: c.spec.heading.clone(),
            summary: c.spec.summary.clone(),
            terms: c.spec.terms.values().map(|t| t.get_ref().label.clone()).collect(),
        })
        .collect();
    clauses.sort_by(|a, b| (&a.category, &a.heading).cmp(&(&b.category, &b.heading)));
    clauses
}

fn not_found(clause: &str) -> ApiError {
    ApiError::new(
        ErrorCode::NotFound,
        format!("The draft has no clause `{clause}` (was it removed elsewhere?)."),
    )
}

/// Replaces a clause's heading and text. `text` is paragraphs separated by blank lines, with
/// term references as `{{term.id}}`; every reference must name a term of the agreement.
pub fn set_clause_text(
    agreement: &mut Agreement,
    clause_id: &str,
    heading: &str,
    text: &str,
) -> Result<String, ApiError> {
    let (s, c) = agreement
        .locate_clause(clause_id)
        .ok_or_else(|| not_found(clause_id))?;
    let heading = heading.trim();
    let invalid =
        |what: &str, reason: String| ApiError::new(ErrorCode::InvalidInput, format!("{what}: {reason}"));
    if heading.is_empty() {
        return Err(invalid("Clause heading", "must not be empty".into()));
    }
    check_free_text(heading, Clause::MAX_HEADING_CHARS, false)
        .map_err(|e| invalid("Clause heading", e.to_string()))?;
    let text = normalise_paragraphs(text);
    if text.is_empty() {
        return Err(invalid(
            heading,
            "the clause text must not be empty; remove the clause instead".into(),
        ));
    }
    check_free_text(&text, Clause::MAX_TEXT_CHARS, true).map_err(|e| invalid(heading, e.to_string()))?;
    let probe = Clause {
        id: agreement.sections[s].clauses[c].id.clone(),
        heading: heading.to_owned(),
        text,
    };
    for reference in probe
        .term_references()
        .map_err(|e| invalid(heading, e.to_string()))?
    {
        if !agreement.terms.contains_key(&reference.term) {
            return Err(invalid(
                heading,
                format!(
                    "refers to the term `{}`, which this agreement does not define",
                    reference.term
                ),
            ));
        }
    }
    let label = format!("edit clause {}", probe.heading);
    agreement.sections[s].clauses[c] = probe;
    Ok(label)
}

/// Trims each paragraph, drops empty ones, and joins them with one blank line.
fn normalise_paragraphs(text: &str) -> String {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Adds a library clause in a position, with the terms it quotes that the draft lacks.
pub fn add_clause(
    agreement: &mut Agreement,
    library: &Library,
    request: &AddClause,
) -> Result<String, ApiError> {
    if agreement.locate_clause(&request.clause).is_some() {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            format!("The draft already has the clause `{}`.", request.clause),
        ));
    }
    let (clause, new_terms) =
        sla_templates::draft_clause(library, &request.clause, request.position, &agreement.terms)?;
    let category = library
        .clause(&request.clause)
        .map(|c| c.spec.category.clone())
        .unwrap_or_default();
    let section = match &request.section {
        Some(id) => agreement
            .sections
            .iter()
            .position(|s| s.id.as_str() == id)
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("The draft has no section `{id}`.")))?,
        None => match agreement.sections.iter().position(|s| s.heading == category) {
            Some(index) => index,
            None => {
                agreement.sections.push(Section {
                    id: new_section_id(agreement, &category)?,
                    heading: category,
                    clauses: Vec::new(),
                });
                agreement.sections.len() - 1
            }
        },
    };
    let label = format!("add clause {}", clause.heading);
    agreement.sections[section].clauses.push(clause);
    agreement.terms.extend(new_terms);
    Ok(label)
}

/// A section id from a heading (`Service levels` → `service-levels`), unique in the draft.
fn new_section_id(agreement: &Agreement, heading: &str) -> Result<SectionId, ApiError> {
    let id = unique_slug(heading, "section", |candidate| {
        agreement.sections.iter().any(|s| s.id.as_str() == candidate)
    });
    SectionId::new(id).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
}

/// `heading` in lower-case words joined by hyphens (`fallback` when it has none), with `-2`,
/// `-3`… until `taken` says no.
fn unique_slug(heading: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut base: String = heading
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    base = base
        .split('-')
        .filter(|p| !p.is_empty())
        .take(8)
        .collect::<Vec<_>>()
        .join("-");
    if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
        base = format!("{fallback}-{base}").trim_end_matches('-').to_owned();
    }
    let mut candidate = base.clone();
    let mut n = 2;
    while taken(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

/// Adds a clause written elsewhere (the other side's, from a Word file) after the clause
/// `after` in its section, or at the start of the first section; its id made from its
/// heading. Returns the new clause's id.
pub fn add_written_clause(
    agreement: &mut Agreement,
    after: Option<&str>,
    heading: &str,
    text: &str,
) -> Result<String, ApiError> {
    let id = unique_slug(heading, "clause", |candidate| {
        agreement.locate_clause(candidate).is_some()
    });
    let clause_id =
        ClauseId::new(id.clone()).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
    let (s, c) = match after.and_then(|a| agreement.locate_clause(a)) {
        Some((s, c)) => (s, c + 1),
        None => {
            if agreement.sections.is_empty() {
                agreement.sections.push(Section {
                    id: new_section_id(agreement, "Added clauses")?,
                    heading: "Added clauses".into(),
                    clauses: Vec::new(),
                });
            }
            (0, 0)
        }
    };
    // A placeholder text first, so that set_clause_text validates the real one.
    agreement.sections[s].clauses.insert(
        c,
        Clause {
            id: clause_id,
            heading: "Added clause".into(),
            text: "Added.".into(),
        },
    );
    let text = if text.trim().is_empty() { heading } else { text };
    if let Err(error) = set_clause_text(agreement, &id, heading, text) {
        agreement.sections[s].clauses.remove(c);
        return Err(error);
    }
    Ok(id)
}

/// Removes a clause, and the terms only it quoted; a section left empty goes too.
pub fn remove_clause(agreement: &mut Agreement, clause_id: &str) -> Result<String, ApiError> {
    let (s, c) = agreement
        .locate_clause(clause_id)
        .ok_or_else(|| not_found(clause_id))?;
    let removed = agreement.sections[s].clauses.remove(c);
    if agreement.sections[s].clauses.is_empty() {
        agreement.sections.remove(s);
    }
    let still_quoted: Vec<_> = agreement
        .sections
        .iter()
        .flat_map(|s| &s.clauses)
        .filter_map(|c| c.term_references().ok())
        .flatten()
        .map(|r| r.term)
        .collect();
    for reference in removed.term_references().unwrap_or_default() {
        if !still_quoted.contains(&reference.term) {
            agreement.terms.remove(&reference.term);
        }
    }
    Ok(format!("remove clause {}", removed.heading))
}

/// Moves a clause one place up or down; past the edge of its section it goes to the end of
/// the section before (or the start of the one after).
pub fn move_clause(
    agreement: &mut Agreement,
    clause_id: &str,
    direction: MoveDirection,
) -> Result<String, ApiError> {
    let (s, c) = agreement
        .locate_clause(clause_id)
        .ok_or_else(|| not_found(clause_id))?;
    let last_section = agreement.sections.len() - 1;
    let edge = |what: &str| {
        ApiError::new(
            ErrorCode::Conflict,
            format!("The clause is already the {what} of the agreement."),
        )
    };
    match direction {
        MoveDirection::Up if c > 0 => agreement.sections[s].clauses.swap(c, c - 1),
        MoveDirection::Up if s > 0 => {
            let clause = agreement.sections[s].clauses.remove(c);
            agreement.sections[s - 1].clauses.push(clause);
        }
        MoveDirection::Up => return Err(edge("first clause")),
        MoveDirection::Down if c + 1 < agreement.sections[s].clauses.len() => {
            agreement.sections[s].clauses.swap(c, c + 1);
        }
        MoveDirection::Down if s < last_section => {
            let clause = agreement.sections[s].clauses.remove(c);
            agreement.sections[s + 1].clauses.insert(0, clause);
        }
        MoveDirection::Down => return Err(edge("last clause")),
    }
    agreement.sections.retain(|section| !section.clauses.is_empty());
    let heading = agreement
        .locate_clause(clause_id)
        .map(|(s, c)| agreement.sections[s].clauses[c].heading.clone())
        .unwrap_or_default();
    Ok(match direction {
        MoveDirection::Up => format!("move clause {heading} up"),
        MoveDirection::Down => format!("move clause {heading} down"),
    })
}

/// Replaces a term's value with what `parse` makes of the input, checks the library's range,
/// and re-drafts library wording that depends on the value; the edit's label ("change
/// Availability target"). An invalid value is refused naming the term.
pub(crate) fn set_term_value(
    draft: &mut Agreement,
    library: &Library,
    term: &str,
    parse: impl FnOnce(&sla_templates::TermSpec) -> Result<sla_model::TermValue, TermValueError>,
) -> Result<String, ApiError> {
    let before = draft.clone();
    let entry = draft
        .terms
        .get_mut(term)
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("the agreement has no term `{term}`")))?;
    let label = entry.label.clone();
    let refused = |error: TermValueError| ApiError::from(error).about(&label);
    let (spec, _) = library.term(term).ok_or_else(|| {
        ApiError::new(
            ErrorCode::InvalidInput,
            "this term is not in the clause library, so it cannot be edited here",
        )
        .about(&label)
    })?;
    let value = parse(spec).map_err(refused)?;
    sla_templates::check_range(spec, &value).map_err(refused)?;
    entry.value = value;
    sla_templates::refresh_wording(library, &before, draft);
    Ok(format!("change {label}"))
}

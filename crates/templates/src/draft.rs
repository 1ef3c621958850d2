use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};
use sla_model::{
    Agreement, AgreementId, Clause, ClauseId, FORMAT_VERSION, Parties, Party, Section, SectionId, Term,
    TermId, TermValue, Title,
};

use crate::error::LibraryError;
use crate::library::{ClauseDef, Library};
use crate::spec::{ClauseEntry, Position};
use crate::values::{check_range, term_value, term_value_from_text};

/// What to draft: a template, the position to take, the parties, and choices.
#[derive(Clone, Debug)]
pub struct DraftRequest {
    pub template: String,
    pub position: Position,
    /// The agreement's title; the template's name when absent.
    pub title: Option<String>,
    pub customer: String,
    pub provider: String,
    /// Template options to turn on or off (`clawback = true`).
    pub options: BTreeMap<String, bool>,
    /// Term values to set instead of the position's defaults, as typed (`availability.target = 99.95`).
    pub set: Vec<(String, String)>,
}

impl Default for DraftRequest {
    fn default() -> Self {
        Self {
            template: String::new(),
            position: Position::Balanced,
            title: None,
            customer: String::new(),
            provider: String::new(),
            options: BTreeMap::new(),
            set: Vec::new(),
        }
    }
}

/// Drafts a whole agreement from a template: the clauses its conditions include, each in
/// the requested position's wording, with the position's default terms and the values set.
pub fn draft(library: &Library, request: &DraftRequest, id: AgreementId) -> Result<Agreement, LibraryError> {
    let template = library
        .template(&request.template)
        .ok_or_else(|| LibraryError::UnknownTemplate(request.template.clone()))?;
    let spec = &template.spec;

    let mut options: BTreeMap<String, bool> =
        spec.options.iter().map(|(k, o)| (k.clone(), o.default)).collect();
    for (name, on) in &request.options {
        if !options.contains_key(name) {
            return Err(LibraryError::UnknownOption {
                template: spec.id.clone(),
                option: name.clone(),
                known: if options.is_empty() {
                    "none".into()
                } else {
                    options.keys().cloned().collect::<Vec<_>>().join(", ")
                },
            });
        }
        options.insert(name.clone(), *on);
    }

    let mut sections: Vec<(SectionId, String, Vec<&ClauseDef>)> = Vec::new();
    for section in &spec.sections {
        let included: Vec<&ClauseDef> = section
            .clauses
            .iter()
            .filter(|entry| match entry {
                ClauseEntry::Always(_) => true,
                ClauseEntry::When { when, .. } => match when.strip_prefix("not ") {
                    Some(option) => !options.get(option.trim()).copied().unwrap_or(false),
                    None => options.get(when.trim()).copied().unwrap_or(false),
                },
            })
            .filter_map(|entry| library.clause(entry.clause()))
            .collect();
        if !included.is_empty() {
            let id = SectionId::new(section.id.clone())
                .map_err(|e| LibraryError::file(&template.file, None, e.to_string()))?;
            sections.push((id, section.heading.clone(), included));
        }
    }

    let mut terms: BTreeMap<TermId, Term> = BTreeMap::new();
    for (_, _, clauses) in &sections {
        for clause in clauses {
            for (id, term) in &clause.spec.terms {
                let term = term.get_ref();
                let invalid = |message: String| LibraryError::InvalidTerm {
                    term: id.clone(),
                    message,
                };
                let default = term
                    .default_for(&clause.spec.positions.get(request.position).defaults, id)
                    .ok_or_else(|| invalid("has no default".into()))?;
                let value = term_value(term, default).map_err(|e| invalid(e.to_string()))?;
                let term_id = TermId::new(id.clone()).map_err(|e| invalid(e.to_string()))?;
                terms.insert(term_id, Term::new(term.label.clone(), value));
            }
        }
    }

    for (id, text) in &request.set {
        let term_id = TermId::new(id.clone()).map_err(|_| LibraryError::UnknownTerm(id.clone()))?;
        let (spec, _) = library
            .term(id)
            .filter(|_| terms.contains_key(&term_id))
            .ok_or_else(|| LibraryError::UnknownTerm(id.clone()))?;
        let invalid = |message: String| LibraryError::InvalidTerm {
            term: id.clone(),
            message,
        };
        let value = term_value_from_text(spec, text).map_err(|e| invalid(e.to_string()))?;
        check_range(spec, &value).map_err(|e| invalid(e.to_string()))?;
        if let Some(term) = terms.get_mut(&term_id) {
            term.value = value;
        }
    }

    let values: BTreeMap<String, Json> = terms
        .iter()
        .map(|(id, term)| (id.to_string(), inner_json(&term.value)))
        .collect();
    let mut agreement_sections = Vec::new();
    for (id, heading, clauses) in sections {
        let mut drafted = Vec::new();
        for clause in clauses {
            let text = render_wording(library, clause, request.position, &options, &values)?;
            let clause_id = ClauseId::new(clause.spec.id.clone())
                .map_err(|e| LibraryError::file(&clause.file, Some(1), e.to_string()))?;
            drafted.push(Clause {
                id: clause_id,
                heading: clause.spec.heading.clone(),
                text,
            });
        }
        agreement_sections.push(Section {
            id,
            heading,
            clauses: drafted,
        });
    }

    let title = Title::new(request.title.clone().unwrap_or_else(|| spec.name.clone())).map_err(|e| {
        LibraryError::InvalidTerm {
            term: "title".into(),
            message: e.to_string(),
        }
    })?;
    let agreement = Agreement {
        format_version: FORMAT_VERSION,
        id,
        title,
        parties: Parties {
            customer: Party::named(request.customer.trim()),
            provider: Party::named(request.provider.trim()),
        },
        effective_date: None,
        terms,
        sections: agreement_sections,
    };
    agreement.validate()?;
    Ok(agreement)
}

/// The value part of a term's JSON (`99.9`, `{"coverage": "24x7"}`), for wording conditions.
fn inner_json(value: &TermValue) -> Json {
    serde_json::to_value(value)
        .ok()
        .and_then(|mut v| v.get_mut("value").map(Json::take))
        .unwrap_or(Json::Null)
}

/// Every library term's default in a position, for checking wording at load.
pub(crate) fn default_values(library: &Library, position: Position) -> BTreeMap<String, Json> {
    let mut values = BTreeMap::new();
    for id in library.term_ids() {
        if let Some((spec, clause)) = library.term(id) {
            let typed = spec
                .default_for(&clause.spec.positions.get(position).defaults, id)
                .and_then(|v| term_value(spec, v).ok());
            if let Some(typed) = typed {
                values.insert(id.clone(), inner_json(&typed));
            }
        }
    }
    values
}

/// Renders one clause's wording in a position: conditions decided, term references kept as
/// `{{term.id}}` in the text.
pub(crate) fn render_wording(
    library: &Library,
    clause: &ClauseDef,
    position: Position,
    options: &BTreeMap<String, bool>,
    values: &BTreeMap<String, Json>,
) -> Result<String, LibraryError> {
    let mut context = Map::new();
    for id in library.term_ids() {
        insert_marker(&mut context, id);
    }
    context.insert(
        "options".into(),
        serde_json::to_value(options).unwrap_or(Json::Null),
    );
    context.insert("value".into(), serde_json::to_value(values).unwrap_or(Json::Null));

    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
        .map_err(|e| LibraryError::file(&clause.file, None, e.to_string()))?;
    env.set_syntax(syntax);
    let source = &clause.spec.positions.get(position).text;
    let first_line = clause.text_line(position);
    let text = env.render_str(source.get_ref(), minijinja::value::Serde(Json::Object(context))).map_err(|e| {
        let line = e.line().map(|l| first_line + l - 1);
        let reason = match e.kind() {
            minijinja::ErrorKind::UndefinedError => {
                "quotes a name that is not a term of the library, `options` or `value` (is a term id misspelt?)".to_owned()
            }
            _ => e.detail().map_or_else(|| e.kind().to_string(), str::to_owned),
        };
        LibraryError::file(&clause.file, line, format!("{} position wording: {reason}", position.as_str()))
    })?;
    let text = text.trim().to_owned();
    let probe = Clause {
        id: ClauseId::new(clause.spec.id.clone())
            .map_err(|e| LibraryError::file(&clause.file, Some(1), e.to_string()))?,
        heading: String::new(),
        text: text.clone(),
    };
    probe.term_references().map_err(|e| {
        LibraryError::file(
            &clause.file,
            Some(first_line),
            format!("{} position wording: {e}", position.as_str()),
        )
    })?;
    Ok(text)
}

/// Puts `{{a.b.c}}` at `context.a.b.c`, so that `{{ a.b.c }}` in wording leaves the reference.
fn insert_marker(context: &mut Map<String, Json>, id: &str) {
    let parts: Vec<&str> = id.split('.').collect();
    let mut map = context;
    for (i, part) in parts.iter().enumerate() {
        if i + 1 == parts.len() {
            map.insert((*part).to_owned(), Json::String(format!("{{{{{id}}}}}")));
        } else {
            let entry = map
                .entry((*part).to_owned())
                .or_insert_with(|| Json::Object(Map::new()));
            if !entry.is_object() {
                *entry = Json::Object(Map::new());
            }
            match entry {
                Json::Object(next) => map = next,
                _ => return,
            }
        }
    }
}

/// One library clause drafted for an agreement that already exists: its wording in
/// `position`, and the terms it quotes that the agreement does not define yet (with the
/// position's defaults). Terms the agreement already has keep their values, and wording
/// conditions see those values.
pub fn draft_clause(
    library: &Library,
    clause_id: &str,
    position: Position,
    existing: &BTreeMap<TermId, Term>,
) -> Result<(Clause, Vec<(TermId, Term)>), LibraryError> {
    let clause = library
        .clause(clause_id)
        .ok_or_else(|| LibraryError::UnknownClause(clause_id.to_owned()))?;
    let mut new_terms = Vec::new();
    let mut values: BTreeMap<String, Json> = existing
        .iter()
        .map(|(id, term)| (id.to_string(), inner_json(&term.value)))
        .collect();
    for (id, spec) in &clause.spec.terms {
        let term_id = TermId::new(id.clone()).map_err(|_| LibraryError::UnknownTerm(id.clone()))?;
        if existing.contains_key(&term_id) {
            continue;
        }
        let spec = spec.get_ref();
        let invalid = |message: String| LibraryError::InvalidTerm {
            term: id.clone(),
            message,
        };
        let default = spec
            .default_for(&clause.spec.positions.get(position).defaults, id)
            .ok_or_else(|| invalid("has no default".into()))?;
        let value = term_value(spec, default).map_err(|e| invalid(e.to_string()))?;
        values.insert(id.clone(), inner_json(&value));
        new_terms.push((term_id, Term::new(spec.label.clone(), value)));
    }
    let options: BTreeMap<String, bool> = library
        .templates()
        .flat_map(|t| t.spec.options.keys())
        .map(|name| (name.clone(), false))
        .collect();
    let text = render_wording(library, clause, position, &options, &values)?;
    let id = ClauseId::new(clause.spec.id.clone())
        .map_err(|e| LibraryError::file(&clause.file, Some(1), e.to_string()))?;
    Ok((
        Clause {
            id,
            heading: clause.spec.heading.clone(),
            text,
        },
        new_terms,
    ))
}

/// After terms changed (`before` → `after`), re-drafts the wording of each clause whose
/// library wording depends on term values (`{% if value["support.hours"].coverage … %}`) and
/// whose text is still exactly what the library wrote in some position with the old values:
/// that clause gets the same position's wording for the new values. Clauses edited by hand,
/// or written elsewhere, are left as they are. Returns the ids of the clauses re-drafted.
pub fn refresh_wording(library: &Library, before: &Agreement, after: &mut Agreement) -> Vec<String> {
    let values = |agreement: &Agreement| -> BTreeMap<String, Json> {
        agreement
            .terms
            .iter()
            .map(|(id, term)| (id.to_string(), inner_json(&term.value)))
            .collect()
    };
    let (old_values, new_values) = (values(before), values(after));
    if old_values == new_values {
        return Vec::new();
    }
    let options: BTreeMap<String, bool> = library
        .templates()
        .flat_map(|t| t.spec.options.keys())
        .map(|name| (name.clone(), false))
        .collect();
    let mut refreshed = Vec::new();
    for clause in after.sections.iter_mut().flat_map(|s| s.clauses.iter_mut()) {
        let Some(def) = library.clause(clause.id.as_str()) else {
            continue;
        };
        let depends_on_values = Position::ALL
            .iter()
            .any(|p| def.spec.positions.get(*p).text.get_ref().contains("value"));
        if !depends_on_values {
            continue;
        }
        for position in Position::ALL {
            let Ok(old) = render_wording(library, def, position, &options, &old_values) else {
                continue;
            };
            if old != clause.text {
                continue;
            }
            if let Ok(new) = render_wording(library, def, position, &options, &new_values)
                && new != clause.text
            {
                clause.text = new;
                refreshed.push(clause.id.to_string());
            }
            break;
        }
    }
    refreshed
}

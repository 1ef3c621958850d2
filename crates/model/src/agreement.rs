use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ValueError;
use crate::terms::{CalendarDate, TermValue};
use crate::{
    AgreementId, ClauseId, ModelError, Parties, PartyRole, SectionId, Term, TermId, Title, check_free_text,
};

/// The version of the agreement JSON format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The largest agreement JSON accepted (bytes), checked before parsing.
pub const MAX_JSON_BYTES: usize = 32 * 1024 * 1024;

/// A whole agreement: the draft, or the snapshot a round freezes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Agreement {
    pub format_version: u32,
    #[ts(type = "string")]
    pub id: AgreementId,
    #[ts(type = "string")]
    pub title: Title,
    pub parties: Parties,
    #[ts(type = "string | null")]
    pub effective_date: Option<CalendarDate>,
    #[ts(type = "{ [key in string]?: Term }")]
    pub terms: BTreeMap<TermId, Term>,
    pub sections: Vec<Section>,
}

/// A numbered part of the agreement ("Service levels"), holding clauses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Section {
    #[ts(type = "string")]
    pub id: SectionId,
    pub heading: String,
    pub clauses: Vec<Clause>,
}

/// One clause. Its text may refer to terms as `{{term.id}}`; its id never changes across
/// rounds, which is what lets a redline follow a clause that moved or was reworded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Clause {
    #[ts(type = "string")]
    pub id: ClauseId,
    pub heading: String,
    pub text: String,
}

/// A reference from clause text to a term: `{{availability.target}}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermReference {
    pub term: TermId,
    /// Byte range of the whole `{{…}}` in the clause text.
    pub span: std::ops::Range<usize>,
}

impl Clause {
    pub const MAX_TEXT_CHARS: usize = 200_000;
    /// The longest heading of a clause or a section, one line.
    pub const MAX_HEADING_CHARS: usize = 300;

    /// The term references in the text, in order; an unclosed `{{` or a malformed id is an
    /// error describing where it is.
    pub fn term_references(&self) -> Result<Vec<TermReference>, ValueError> {
        let mut references = Vec::new();
        let mut rest = 0;
        // A search for one byte (memchr) is several times faster than for the pair.
        while let Some(found) = self.text[rest..].find('{') {
            let start = rest + found;
            if !self.text[start + 1..].starts_with('{') {
                rest = start + 1;
                continue;
            }
            let Some(length) = self.text[start + 2..].find("}}") else {
                return Err(ValueError::new(format!(
                    "`{{{{` at character {} is never closed with `}}}}`",
                    self.char_index(start)
                )));
            };
            let inner = self.text[start + 2..start + 2 + length].trim();
            let term = TermId::new(inner).map_err(|e| {
                ValueError::new(format!(
                    "the reference at character {}: {e}",
                    self.char_index(start)
                ))
            })?;
            let end = start + 2 + length + 2;
            references.push(TermReference {
                term,
                span: start..end,
            });
            rest = end;
        }
        Ok(references)
    }

    fn char_index(&self, byte: usize) -> usize {
        self.text[..byte].chars().count() + 1
    }
}

impl Agreement {
    /// The term with this id.
    pub fn term(&self, id: &str) -> Option<&Term> {
        self.terms.get(id)
    }

    /// The value of the term with this id.
    pub fn term_value(&self, id: &str) -> Option<&TermValue> {
        self.term(id).map(|t| &t.value)
    }

    /// The term's value when it is a percentage.
    pub fn percentage(&self, id: &str) -> Option<crate::terms::Percentage> {
        match self.term_value(id)? {
            TermValue::Percentage(p) => Some(*p),
            _ => None,
        }
    }

    /// A blank agreement with no clauses, between a named counterparty and a party not yet named.
    pub fn blank(id: AgreementId, title: Title, our_role: PartyRole, counterparty: &str) -> Self {
        let mut parties = Parties::default();
        parties.get_mut(our_role.other()).name = counterparty.trim().to_owned();
        Self {
            format_version: FORMAT_VERSION,
            id,
            title,
            parties,
            effective_date: None,
            terms: BTreeMap::new(),
            sections: Vec::new(),
        }
    }

    /// Reads agreement JSON: checks its size and format version, then every value (errors
    /// name the field's path), then the rules that span fields ([`Agreement::validate`]).
    pub fn from_json(json: &str) -> Result<Self, ModelError> {
        if json.len() > MAX_JSON_BYTES {
            return Err(ModelError::invalid(
                "(document)",
                format!("is {} bytes; at most {MAX_JSON_BYTES} are accepted", json.len()),
            ));
        }
        // The common case in one pass; only a refused file is read again, to say why.
        let agreement: Self = serde_json::from_str(json).map_err(|_| json_error(json))?;
        agreement.validate()?;
        Ok(agreement)
    }

    pub fn to_json(&self) -> String {
        // Serialising these types cannot fail: every map key is a string.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The rules that span fields: supported version, parties, labels, unique section and
    /// clause ids, clause text within limits, every term reference resolving.
    pub fn validate(&self) -> Result<(), ModelError> {
        if self.format_version != FORMAT_VERSION {
            return Err(ModelError::UnsupportedFormat {
                found: self.format_version,
                supported: FORMAT_VERSION,
            });
        }
        self.parties.validate()?;
        for (id, term) in &self.terms {
            term.validate(&format!("terms.{id}"))?;
        }
        // A fast hash, still seeded per process (the ids may come from a hostile file).
        let mut section_ids = foldhash::HashSet::default();
        let mut clause_ids = foldhash::HashSet::default();
        for (s, section) in self.sections.iter().enumerate() {
            // The field paths are written out only for a refusal.
            let at = |field: &str| format!("sections[{s}].{field}");
            if !section_ids.insert(&section.id) {
                return Err(ModelError::invalid(
                    at("id"),
                    format!("section id `{}` is used twice", section.id),
                ));
            }
            check_free_text(&section.heading, Clause::MAX_HEADING_CHARS, false)
                .map_err(|e| ModelError::invalid(at("heading"), e))?;
            for (c, clause) in section.clauses.iter().enumerate() {
                let at = |field: &str| format!("sections[{s}].clauses[{c}].{field}");
                if !clause_ids.insert(&clause.id) {
                    return Err(ModelError::invalid(
                        at("id"),
                        format!("clause id `{}` is used twice", clause.id),
                    ));
                }
                check_free_text(&clause.heading, Clause::MAX_HEADING_CHARS, false)
                    .map_err(|e| ModelError::invalid(at("heading"), e))?;
                check_free_text(&clause.text, Clause::MAX_TEXT_CHARS, true)
                    .map_err(|e| ModelError::invalid(at("text"), e))?;
                for reference in clause
                    .term_references()
                    .map_err(|e| ModelError::invalid(at("text"), e))?
                {
                    if !self.terms.contains_key(&reference.term) {
                        return Err(ModelError::invalid(
                            at("text"),
                            format!(
                                "refers to the term `{}`, which this agreement does not define",
                                reference.term
                            ),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    pub fn clause_count(&self) -> usize {
        self.sections.iter().map(|s| s.clauses.len()).sum()
    }

    /// The clause's number as the documents print it (`3.2`: section 3, its second clause).
    pub fn clause_number(&self, clause: &str) -> Option<String> {
        self.locate_clause(clause)
            .map(|(s, c)| format!("{}.{}", s + 1, c + 1))
    }

    /// Where the clause with id `clause` stands: (section index, clause index).
    pub fn locate_clause(&self, clause: &str) -> Option<(usize, usize)> {
        self.sections.iter().enumerate().find_map(|(s, section)| {
            section
                .clauses
                .iter()
                .position(|c| c.id.as_str() == clause)
                .map(|c| (s, c))
        })
    }
}

/// Why `json` is not an agreement: a format version this build does not read (told first, so a
/// newer file is not reported field by field), else the path of the first field at fault.
fn json_error(json: &str) -> ModelError {
    #[derive(Deserialize)]
    struct VersionProbe {
        format_version: Option<u32>,
    }
    let probe: VersionProbe = match serde_json::from_str(json) {
        Ok(probe) => probe,
        Err(e) => {
            return ModelError::Json {
                field: "(document)".into(),
                reason: e.to_string(),
            };
        }
    };
    match probe.format_version {
        Some(FORMAT_VERSION) => {}
        Some(found) => {
            return ModelError::UnsupportedFormat {
                found,
                supported: FORMAT_VERSION,
            };
        }
        None => return ModelError::invalid("format_version", "is missing"),
    }
    let deserializer = &mut serde_json::Deserializer::from_str(json);
    match serde_path_to_error::deserialize::<_, Agreement>(deserializer) {
        Ok(_) => ModelError::Json {
            field: "(document)".into(),
            reason: "cannot be read".into(),
        },
        Err(e) => {
            let path = e.path().to_string();
            ModelError::Json {
                field: if path == "." { "(document)".into() } else { path },
                reason: e.into_inner().to_string(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::{Percentage, TermValue};

    fn sample() -> Agreement {
        let mut agreement = Agreement::blank(
            AgreementId::random(),
            Title::new("Hosting SLA").unwrap(),
            PartyRole::Customer,
            "Cloudy Ltd",
        );
        agreement.terms.insert(
            TermId::new("availability.target").unwrap(),
            Term::new(
                "Availability target",
                TermValue::Percentage(Percentage::new(99.9).unwrap()),
            ),
        );
        agreement.sections.push(Section {
            id: SectionId::new("service-levels").unwrap(),
            heading: "Service levels".into(),
            clauses: vec![Clause {
                id: ClauseId::new("availability").unwrap(),
                heading: "Availability".into(),
                text: "The Service will be available {{ availability.target }} of each month.".into(),
            }],
        });
        agreement
    }

    #[test]
    fn blank_agreement_names_the_counterparty_only() {
        let blank = Agreement::blank(
            AgreementId::random(),
            Title::new("X").unwrap(),
            PartyRole::Provider,
            " Acme ",
        );
        assert_eq!(blank.parties.customer.name, "Acme");
        assert_eq!(blank.parties.provider.name, "");
        assert_eq!(blank.validate(), Ok(()));
    }

    #[test]
    fn round_trips_through_json() {
        let agreement = sample();
        assert_eq!(Agreement::from_json(&agreement.to_json()), Ok(agreement.clone()));
        assert_eq!(Agreement::from_json(&agreement.to_json_pretty()), Ok(agreement));
    }

    #[test]
    fn finds_term_references_with_their_spans() {
        let agreement = sample();
        let clause = &agreement.sections[0].clauses[0];
        let references = clause.term_references().unwrap();
        assert_eq!(references.len(), 1);
        assert_eq!(references[0].term.as_str(), "availability.target");
        assert_eq!(
            &clause.text[references[0].span.clone()],
            "{{ availability.target }}"
        );
    }

    #[test]
    fn errors_name_the_field_at_fault() {
        let json = sample().to_json().replace("99.9", "120");
        let error = Agreement::from_json(&json).unwrap_err();
        assert_eq!(
            error.field(),
            Some("terms.availability.target.value.value"),
            "{error}"
        );
        assert!(error.to_string().contains("between 0 and 100"), "{error}");

        let json = sample().to_json().replace("Cloudy Ltd", "Cloudy\\u0000Ltd");
        assert_eq!(
            Agreement::from_json(&json).unwrap_err().field(),
            Some("parties.provider.name")
        );
    }

    #[test]
    fn refuses_dangling_references_duplicate_ids_and_unclosed_braces() {
        let mut dangling = sample();
        dangling.sections[0].clauses[0].text = "Credits are capped at {{credits.cap}}.".into();
        let error = dangling.validate().unwrap_err();
        assert_eq!(error.field(), Some("sections[0].clauses[0].text"));
        assert!(error.to_string().contains("`credits.cap`"), "{error}");

        let mut unclosed = sample();
        unclosed.sections[0].clauses[0].text = "Broken {{availability.target".into();
        assert!(
            unclosed
                .validate()
                .unwrap_err()
                .to_string()
                .contains("never closed")
        );

        let mut twice = sample();
        let clause = twice.sections[0].clauses[0].clone();
        twice.sections[0].clauses.push(clause);
        assert!(twice.validate().unwrap_err().to_string().contains("used twice"));
    }

    #[test]
    fn refuses_other_format_versions_and_non_json() {
        let json = sample()
            .to_json()
            .replace("\"format_version\":1", "\"format_version\":7");
        assert_eq!(
            Agreement::from_json(&json),
            Err(ModelError::UnsupportedFormat {
                found: 7,
                supported: FORMAT_VERSION
            })
        );
        assert!(Agreement::from_json("not json").is_err());
        assert!(
            Agreement::from_json("{}")
                .unwrap_err()
                .to_string()
                .contains("format_version")
        );
        let deep = "[".repeat(10_000);
        assert!(Agreement::from_json(&deep).is_err());
    }
}

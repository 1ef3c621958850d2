use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use include_dir::{Dir, include_dir};
use sla_model::{ClauseId, SectionId, TermId};

use crate::error::{LibraryError, line_of};
use crate::spec::{AgreementTemplateFile, ClauseEntry, ClauseFile, Position, TermKind, TermSpec};
use crate::values::{check_range, term_value};
use crate::{DraftRequest, draft};

/// The library shipped with SLA Studio, built into the binary.
static BUILT_IN: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../templates");

/// Top-level names clause text may use besides term ids.
const RESERVED_ROOTS: [&str; 2] = ["options", "value"];

/// A loaded clause file.
#[derive(Debug)]
pub struct ClauseDef {
    pub file: String,
    pub source: String,
    pub spec: ClauseFile,
}

impl ClauseDef {
    pub fn id(&self) -> &str {
        &self.spec.id
    }

    /// The line where the wording of `position` starts, for error messages.
    pub fn text_line(&self, position: Position) -> usize {
        let span = self.spec.positions.get(position).text.span();
        let base = line_of(&self.source, span.start);
        let rest = self.source.get(span.start..).unwrap_or("");
        if rest.starts_with("\"\"\"\n") || rest.starts_with("'''\n") {
            base + 1
        } else {
            base
        }
    }
}

/// A loaded agreement template.
#[derive(Debug)]
pub struct TemplateDef {
    pub file: String,
    pub spec: AgreementTemplateFile,
}

/// The clause library: every clause and agreement template, checked.
#[derive(Debug)]
pub struct Library {
    clauses: BTreeMap<String, ClauseDef>,
    templates: BTreeMap<String, TemplateDef>,
    /// Which clause defines each term.
    term_owner: BTreeMap<String, String>,
}

/// The largest clause or template file accepted (the built-in ones are under 10 KB).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The most files a library folder may hold.
pub const MAX_FILES: usize = 2_000;

impl Library {
    /// The library built into SLA Studio (the repository's `templates/` folder), read and
    /// checked file by file (syntax, term types and each position's defaults). The checks that
    /// render every wording and draft every template in every position are left out here: the
    /// built-in files are fixed when the binary is built, and the test
    /// `the_built_in_library_passes_every_check` runs them, so starting the app or the CLI does
    /// not repeat them. A custom library folder ([`Library::load_dir`]) is checked in full.
    pub fn built_in() -> Result<Self, LibraryError> {
        let mut files = Vec::new();
        for folder in ["clauses", "agreements"] {
            if let Some(dir) = BUILT_IN.get_dir(folder) {
                for file in dir.files() {
                    let name = format!("templates/{}", file.path().display());
                    let text = file
                        .contents_utf8()
                        .ok_or_else(|| LibraryError::file(&name, None, "is not UTF-8 text"))?;
                    files.push((name, text.to_owned()));
                }
            }
        }
        Self::read_files(files)
    }

    /// A library in a folder with `clauses/` and `agreements/` sub-folders of `.toml` files.
    pub fn load_dir(root: &Path) -> Result<Self, LibraryError> {
        let mut files = Vec::new();
        for folder in ["clauses", "agreements"] {
            let dir = root.join(folder);
            let io = |source| LibraryError::Io {
                path: dir.display().to_string(),
                source,
            };
            let mut entries: Vec<_> = std::fs::read_dir(&dir)
                .map_err(io)?
                .collect::<Result<_, _>>()
                .map_err(io)?;
            entries.sort_by_key(|e| e.path());
            for entry in entries {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "toml") {
                    if files.len() >= MAX_FILES {
                        return Err(LibraryError::file(
                            &dir.display().to_string(),
                            None,
                            format!("the library holds more than {MAX_FILES} files"),
                        ));
                    }
                    let name = path.display().to_string();
                    let size = entry.metadata().map_err(|source| LibraryError::Io {
                        path: name.clone(),
                        source,
                    })?;
                    if size.len() > MAX_FILE_BYTES {
                        return Err(LibraryError::file(
                            &name,
                            None,
                            format!(
                                "is {} bytes; a library file is at most {MAX_FILE_BYTES}",
                                size.len()
                            ),
                        ));
                    }
                    let text = std::fs::read_to_string(&path).map_err(|source| LibraryError::Io {
                        path: path.display().to_string(),
                        source,
                    })?;
                    files.push((path.display().to_string(), text));
                }
            }
        }
        Self::from_files(files)
    }

    /// Loads and checks a library from `(file name, text)` pairs; clause files are those
    /// under a `clauses/` folder, templates those under `agreements/`.
    pub fn from_files(files: Vec<(String, String)>) -> Result<Self, LibraryError> {
        let library = Self::read_files(files)?;
        library.check()?;
        Ok(library)
    }

    /// The checks that need the whole library: every position's wording renders and quotes
    /// only the library's terms, and every template drafts in every position with its options
    /// all on and all off.
    pub fn check(&self) -> Result<(), LibraryError> {
        self.check_wording()?;
        self.check_templates()
    }

    /// Reads `(file name, text)` pairs, checking each file and the term ids across them.
    fn read_files(files: Vec<(String, String)>) -> Result<Self, LibraryError> {
        let mut library = Self {
            clauses: BTreeMap::new(),
            templates: BTreeMap::new(),
            term_owner: BTreeMap::new(),
        };
        for (file, source) in files {
            if source.len() as u64 > MAX_FILE_BYTES {
                return Err(LibraryError::file(
                    &file,
                    None,
                    format!(
                        "is {} bytes; a library file is at most {MAX_FILE_BYTES}",
                        source.len()
                    ),
                ));
            }
            let parse_error = |e: toml::de::Error| {
                let line = e.span().map(|s| line_of(&source, s.start));
                LibraryError::file(&file, line, e.message().trim().to_owned())
            };
            if file.contains("clauses/") {
                let spec: ClauseFile = toml::from_str(&source).map_err(parse_error)?;
                library.add_clause(ClauseDef { file, source, spec })?;
            } else if file.contains("agreements/") {
                let spec: AgreementTemplateFile = toml::from_str(&source).map_err(parse_error)?;
                check_stem(&file, &spec.id)?;
                library
                    .templates
                    .insert(spec.id.clone(), TemplateDef { file, spec });
            }
        }
        library.check_term_ids()?;
        Ok(library)
    }

    fn add_clause(&mut self, clause: ClauseDef) -> Result<(), LibraryError> {
        let file = clause.file.clone();
        let spec = &clause.spec;
        check_stem(&file, &spec.id)?;
        ClauseId::new(spec.id.clone()).map_err(|e| LibraryError::file(&file, Some(1), e.to_string()))?;
        for (id, term) in &spec.terms {
            let line = Some(line_of(&clause.source, term.span().start));
            let term = term.get_ref();
            let at = |message: String| LibraryError::file(&file, line, format!("term `{id}`: {message}"));
            TermId::new(id.clone()).map_err(|e| at(e.to_string()))?;
            if term.kind == TermKind::Choice && term.options.is_empty() {
                return Err(at("a choice needs `options`".into()));
            }
            if let Some(other) = self.term_owner.get(id) {
                return Err(at(format!("is already defined by the clause `{other}`")));
            }
            for position in Position::ALL {
                let value = term
                    .default_for(&spec.positions.get(position).defaults, id)
                    .ok_or_else(|| at(format!("has no default for the {} position", position.as_str())))?;
                let typed = term_value(term, value)
                    .map_err(|e| at(format!("{} position: {e}", position.as_str())))?;
                check_range(term, &typed).map_err(|e| at(format!("{} position: {e}", position.as_str())))?;
            }
        }
        for position in Position::ALL {
            for key in spec.positions.get(position).defaults.keys() {
                if !spec.terms.contains_key(key) {
                    return Err(LibraryError::file(
                        &file,
                        None,
                        format!(
                            "the {} position sets `{key}`, which this clause does not define",
                            position.as_str()
                        ),
                    ));
                }
            }
        }
        for id in spec.terms.keys() {
            self.term_owner.insert(id.clone(), spec.id.clone());
        }
        if self.clauses.contains_key(&spec.id) {
            return Err(LibraryError::file(
                &file,
                Some(1),
                format!("clause id `{}` is used twice", spec.id),
            ));
        }
        self.clauses.insert(clause.spec.id.clone(), clause);
        Ok(())
    }

    /// Term ids must nest cleanly (no id is a prefix of another) and avoid reserved names.
    fn check_term_ids(&self) -> Result<(), LibraryError> {
        let ids: Vec<&String> = self.term_owner.keys().collect();
        for id in &ids {
            let owner = &self.clauses[&self.term_owner[*id]];
            let root = id.split('.').next().unwrap_or_default();
            if RESERVED_ROOTS.contains(&root) {
                return Err(LibraryError::file(
                    &owner.file,
                    None,
                    format!("term `{id}`: `{root}` is a reserved name"),
                ));
            }
            if let Some(longer) = ids.iter().find(|other| other.starts_with(&format!("{id}."))) {
                return Err(LibraryError::file(
                    &owner.file,
                    None,
                    format!("term `{id}` cannot also be the start of the term `{longer}`"),
                ));
            }
        }
        Ok(())
    }

    /// Every position's wording renders, and quotes only terms the library defines.
    fn check_wording(&self) -> Result<(), LibraryError> {
        let options: BTreeMap<String, bool> = self.all_options().into_iter().map(|o| (o, false)).collect();
        let values = crate::draft::default_values(self, Position::Balanced);
        for clause in self.clauses.values() {
            for position in Position::ALL {
                crate::draft::render_wording(self, clause, position, &options, &values)?;
            }
        }
        Ok(())
    }

    /// A template's key terms are scalar terms of clauses it always includes.
    fn check_key_terms(&self, template: &TemplateDef) -> Result<(), LibraryError> {
        let spec = &template.spec;
        let at = |message: String| LibraryError::file(&template.file, None, message);
        let always: BTreeSet<&str> = spec
            .sections
            .iter()
            .flat_map(|s| &s.clauses)
            .filter(|entry| matches!(entry, ClauseEntry::Always(_)))
            .map(ClauseEntry::clause)
            .collect();
        for key in &spec.key_terms {
            let Some((term, owner)) = self.term(key) else {
                return Err(at(format!("the key term `{key}` is not a term of the library")));
            };
            if !always.contains(owner.id()) {
                return Err(at(format!(
                    "the key term `{key}` belongs to the clause `{}`, which the template does not always include",
                    owner.id()
                )));
            }
            if matches!(
                term.kind,
                TermKind::TierTable | TermKind::PriorityMatrix | TermKind::SupportSchedule
            ) {
                return Err(at(format!(
                    "the key term `{key}` is a table or schedule; key terms must be typed in one line"
                )));
            }
        }
        Ok(())
    }

    fn all_options(&self) -> BTreeSet<String> {
        self.templates
            .values()
            .flat_map(|t| t.spec.options.keys().cloned())
            .collect()
    }

    /// Templates name existing clauses once each, conditions name declared options, and
    /// every template drafts in every position with its options all on and all off.
    fn check_templates(&self) -> Result<(), LibraryError> {
        for template in self.templates.values() {
            let spec = &template.spec;
            let at = |message: String| LibraryError::file(&template.file, None, message);
            let mut seen = BTreeSet::new();
            let mut sections = BTreeSet::new();
            for section in &spec.sections {
                SectionId::new(section.id.clone()).map_err(|e| at(e.to_string()))?;
                if !sections.insert(&section.id) {
                    return Err(at(format!("section `{}` is listed twice", section.id)));
                }
                for entry in &section.clauses {
                    let id = entry.clause();
                    if !self.clauses.contains_key(id) {
                        return Err(at(format!(
                            "section `{}` names the clause `{id}`, which the library does not have",
                            section.id
                        )));
                    }
                    if !seen.insert(id) {
                        return Err(at(format!("the clause `{id}` is listed twice")));
                    }
                    if let ClauseEntry::When { when, .. } = entry {
                        let option = when.strip_prefix("not ").unwrap_or(when).trim();
                        if !spec.options.contains_key(option) {
                            return Err(at(format!(
                                "the clause `{id}` depends on `{option}`, which is not one of the template's options"
                            )));
                        }
                    }
                }
            }
            self.check_key_terms(template)?;
            for position in Position::ALL {
                for all_on in [false, true] {
                    let request = DraftRequest {
                        template: spec.id.clone(),
                        position,
                        options: spec.options.keys().map(|o| (o.clone(), all_on)).collect(),
                        ..DraftRequest::default()
                    };
                    draft(self, &request, sla_model::AgreementId::random()).map_err(|e| {
                        at(format!(
                            "drafting it in the {} position with options {}: {e}",
                            position.as_str(),
                            if all_on { "on" } else { "off" }
                        ))
                    })?;
                }
            }
        }
        Ok(())
    }

    pub fn clauses(&self) -> impl Iterator<Item = &ClauseDef> {
        self.clauses.values()
    }

    pub fn clause(&self, id: &str) -> Option<&ClauseDef> {
        self.clauses.get(id)
    }

    pub fn templates(&self) -> impl Iterator<Item = &TemplateDef> {
        self.templates.values()
    }

    pub fn template(&self, id: &str) -> Option<&TemplateDef> {
        self.templates.get(id)
    }

    /// The definition of a term and the clause that defines it.
    pub fn term(&self, id: &str) -> Option<(&TermSpec, &ClauseDef)> {
        let clause = self.clauses.get(self.term_owner.get(id)?)?;
        Some((clause.spec.terms.get(id)?.get_ref(), clause))
    }

    pub fn term_ids(&self) -> impl Iterator<Item = &String> {
        self.term_owner.keys()
    }
}

impl TermSpec {
    /// The default of term `id` in a position: the position's own, else the term's.
    pub fn default_for<'a>(
        &'a self,
        position_defaults: &'a BTreeMap<String, toml::Value>,
        id: &str,
    ) -> Option<&'a toml::Value> {
        position_defaults.get(id).or(self.default.as_ref())
    }
}

fn check_stem(file: &str, id: &str) -> Result<(), LibraryError> {
    let stem = Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if stem != id {
        return Err(LibraryError::file(
            file,
            Some(1),
            format!("the id `{id}` must match the file name `{stem}.toml`"),
        ));
    }
    Ok(())
}

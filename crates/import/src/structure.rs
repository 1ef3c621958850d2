//! Blocks to sections and clauses, keeping every word in its order: a block always lands in
//! a heading or a clause's text, a heading too long to be one becomes a short heading and a
//! body, a clause too long to be one continues in the next, and a structure that is not
//! recognised is clause text.

use sla_model::{Agreement, AgreementId, Clause, ClauseId, ModelError, PartyRole, Section, SectionId, Title};
use thiserror::Error;

use crate::blocks::{Block, Lead};
use crate::headings::{after_heading, cut_number, first_words, fit_heading, split_lead};

/// The largest Markdown or text file accepted (bytes): a 2,000-page agreement with its
/// schedules is about 7 MB of text; the agreement files (JSON) have the same limit.
pub const MAX_MARKDOWN_BYTES: usize = 32 * 1024 * 1024;

/// The longest clause number kept in a clause's id.
const MAX_NUMBER_CHARS: usize = 40;

/// The heading of the clause made of the text before a document's first heading or clause.
const INTRODUCTION: &str = "Introduction";

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("the file is {0} bytes; at most {MAX_MARKDOWN_BYTES} are accepted")]
    TooLarge(usize),
    #[error("the file has no text that could become a clause")]
    Empty,
    #[error("the imported agreement is invalid: {0}")]
    Model(#[from] ModelError),
}

/// Reads a Markdown agreement. The title is its first level-1 heading when nothing comes
/// before it, else its front matter's `title:`, else `fallback_title`; the counterparty is
/// named on the side opposite `our_role`.
pub fn import_markdown(
    markdown: &str,
    id: AgreementId,
    fallback_title: &str,
    our_role: PartyRole,
    counterparty: &str,
) -> Result<Agreement, ImportError> {
    if markdown.len() > MAX_MARKDOWN_BYTES {
        return Err(ImportError::TooLarge(markdown.len()));
    }
    let document = crate::markdown::read(markdown);
    let fallback = document
        .front_matter_title
        .filter(|t| Title::new(t.as_str()).is_ok())
        .unwrap_or_else(|| fallback_title.to_owned());
    from_blocks(document.blocks, id, &fallback, our_role, counterparty)
}

/// Reads a plain-text agreement (a `.txt` file): paragraphs between blank lines, kept as they
/// are written (no character is taken for markup); a first paragraph of one short line is the
/// title; short numbered lines are headings and numbered paragraphs (`3.2 …`) open clauses.
pub fn import_text(
    text: &str,
    id: AgreementId,
    fallback_title: &str,
    our_role: PartyRole,
    counterparty: &str,
) -> Result<Agreement, ImportError> {
    if text.len() > MAX_MARKDOWN_BYTES {
        return Err(ImportError::TooLarge(text.len()));
    }
    from_blocks(
        crate::text::blocks(text),
        id,
        fallback_title,
        our_role,
        counterparty,
    )
}

/// Reads a document by its file name's extension: `.txt` and `.text` as plain text, anything
/// else as Markdown.
pub fn import_document(
    file_name: &str,
    text: &str,
    id: AgreementId,
    fallback_title: &str,
    our_role: PartyRole,
    counterparty: &str,
) -> Result<Agreement, ImportError> {
    if is_plain_text(file_name) {
        import_text(text, id, fallback_title, our_role, counterparty)
    } else {
        import_markdown(text, id, fallback_title, our_role, counterparty)
    }
}

/// Whether a file of this name is read as plain text rather than Markdown.
pub fn is_plain_text(file_name: &str) -> bool {
    let extension = std::path::Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(extension.as_deref(), Some("txt" | "text"))
}

/// Which structures open sections; the others open clauses or continue one.
struct Layout {
    /// Headings at this level or above open sections (`None`: every heading is a clause's).
    section_level: Option<u8>,
}

impl Layout {
    fn of(blocks: &[Block]) -> Self {
        let mut levels: Vec<u8> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, .. } => Some(*level),
                _ => None,
            })
            .collect();
        levels.sort_unstable();
        levels.dedup();
        let opens_clauses = blocks.iter().any(|b| match b {
            Block::Paragraph { lead, .. } => lead.run_in.is_some() || cut_number(&lead.text).0.is_some(),
            Block::Item { depth, number, lead } => *depth <= 2 && (number.is_some() || lead.run_in.is_some()),
            Block::Heading { .. } | Block::Verbatim { .. } => false,
        });
        let section_level = match levels.as_slice() {
            [] => None,
            [only] => opens_clauses.then_some(*only),
            [top, ..] => Some(*top),
        };
        Self { section_level }
    }
}

#[derive(Default)]
struct SectionDraft {
    heading: String,
    clauses: Vec<ClauseDraft>,
}

#[derive(Default)]
struct ClauseDraft {
    heading: String,
    number: String,
    text: String,
}

/// The sections being built, in reading order.
struct Builder<'a> {
    title: &'a str,
    sections: Vec<SectionDraft>,
    /// The number of the list item that opened the current section (`2` for `2.1`, …).
    list_section: Option<String>,
    /// The clause being read was opened by a list item: a paragraph outside the list that
    /// follows it is not that item's, and opens a clause of its own.
    in_item_clause: bool,
}

impl Builder<'_> {
    fn section(&mut self, heading: String) {
        let (heading, overflow) = fit_heading(heading);
        self.sections.push(SectionDraft {
            heading,
            clauses: Vec::new(),
        });
        self.list_section = None;
        self.in_item_clause = false;
        if let Some(full) = overflow {
            self.clause(String::new(), String::new(), full);
        }
    }

    fn clause(&mut self, heading: String, number: String, body: String) {
        self.in_item_clause = false;
        if self.sections.is_empty() {
            self.sections.push(SectionDraft {
                heading: self.title.to_owned(),
                ..SectionDraft::default()
            });
        }
        let (heading, overflow) = fit_heading(heading);
        let text = match overflow {
            Some(full) if body.is_empty() => full,
            Some(full) => format!("{full}\n\n{body}"),
            None => body,
        };
        if let Some(section) = self.sections.last_mut() {
            section.clauses.push(ClauseDraft {
                heading,
                number,
                text,
            });
        }
    }

    /// Adds text to the clause being read, after `separator`; text before any clause opens
    /// one (the introduction, before any section).
    fn append(&mut self, text: &str, separator: &str) {
        if text.trim().is_empty() {
            return;
        }
        match self.sections.last_mut().and_then(|s| s.clauses.last_mut()) {
            Some(clause) => {
                if !clause.text.is_empty() {
                    clause.text.push_str(separator);
                }
                clause.text.push_str(text);
            }
            None => {
                let heading = if self.sections.is_empty() {
                    INTRODUCTION.to_owned()
                } else {
                    String::new()
                };
                self.clause(heading, String::new(), text.to_owned());
            }
        }
    }

    fn heading(&mut self, layout: &Layout, level: u8, text: String) {
        let (number, rest) = cut_number(&text);
        let number = number.unwrap_or_default().to_owned();
        let rest = rest.to_owned();
        if layout.section_level.is_some_and(|top| level <= top) {
            // A section's number is its place, which the documents print.
            self.section(rest);
        } else {
            self.clause(rest, number, String::new());
        }
    }

    fn item(&mut self, depth: usize, number: Option<u64>, lead: Lead, opens_list: bool) {
        let heading_like = lead.text.split_whitespace().nth(12).is_none()
            && !lead.text.ends_with(['.', ';', ','])
            && !lead.text.contains('\n');
        if depth == 1 && opens_list && heading_like {
            let heading = lead.run_in.clone().unwrap_or_else(|| lead.text.clone());
            let number = number.map(|n| n.to_string()).unwrap_or_default();
            // The item's words beyond its run-in heading stay, as the section's first text.
            let rest = after_heading(&lead.text, &heading).to_owned();
            self.section(heading);
            self.list_section = Some(number);
            self.append(&rest, "\n\n");
        } else if depth <= 2 && (number.is_some() || lead.run_in.is_some()) {
            let number = match (number, &self.list_section) {
                (Some(n), Some(parent)) if depth == 2 && !parent.is_empty() => format!("{parent}.{n}"),
                (Some(n), _) => n.to_string(),
                (None, _) => String::new(),
            };
            let (heading, body) = split_lead(lead);
            self.clause(heading, number, body);
            self.in_item_clause = true;
        } else {
            let marker = match number {
                Some(n) => format!("({n}) "),
                None => "• ".to_owned(),
            };
            self.append(&format!("{marker}{}", lead.text), "\n");
        }
    }

    fn paragraph(&mut self, depth: usize, mut lead: Lead) {
        let (number, rest) = cut_number(&lead.text);
        if number.is_some() || lead.run_in.is_some() {
            let number = number.unwrap_or_default().to_owned();
            // The number is cut from the text where it stands, without a copy.
            let cut = lead.text.len() - rest.len();
            lead.text.replace_range(..cut, "");
            let (heading, body) = split_lead(lead);
            self.clause(heading, number, body);
        } else {
            self.continue_text(depth, lead.text);
        }
    }

    /// Text that opens no clause (a plain paragraph, a table, code, HTML): a line of the
    /// clause being read inside a list, a paragraph of it outside one; after a list item's
    /// clause, text outside the list opens a clause of its own.
    fn continue_text(&mut self, depth: usize, text: String) {
        if depth == 0 && self.in_item_clause {
            self.clause(String::new(), String::new(), text);
        } else {
            self.append(&text, if depth > 0 { "\n" } else { "\n\n" });
        }
    }
}

fn from_blocks(
    blocks: Vec<Block>,
    id: AgreementId,
    fallback_title: &str,
    our_role: PartyRole,
    counterparty: &str,
) -> Result<Agreement, ImportError> {
    let mut blocks = blocks.into_iter().peekable();
    // A first block that is a level-1 heading and can be a title is the title; a level-1
    // heading after other text stays where it stands, so the words keep their order.
    let (title, titled) = match blocks.peek() {
        Some(Block::Heading { level: 1, text }) if Title::new(text.as_str()).is_ok() => {
            let title = text.clone();
            blocks.next();
            (title, true)
        }
        _ => (fallback_title.to_owned(), false),
    };
    let blocks: Vec<Block> = blocks.collect();
    let layout = Layout::of(&blocks);
    let mut builder = Builder {
        title: &title,
        sections: Vec::new(),
        list_section: None,
        in_item_clause: false,
    };
    let mut blocks = blocks.into_iter().peekable();
    while let Some(block) = blocks.next() {
        match block {
            Block::Heading { level, text } => builder.heading(&layout, level, text),
            Block::Item { depth, number, lead } => {
                let opens_list =
                    matches!(blocks.peek(), Some(Block::Item { depth: next, .. }) if *next > depth);
                builder.item(depth, number, lead, opens_list);
            }
            Block::Paragraph { depth, lead } => builder.paragraph(depth, lead),
            Block::Verbatim { depth, text } => builder.continue_text(depth, text),
        }
    }
    // A document that is only its title keeps it as its one clause's heading.
    if builder.sections.is_empty() && titled {
        builder.clause(title.clone(), String::new(), String::new());
    }
    let sections = builder.sections;

    let title = Title::new(title)
        .or_else(|_| Title::new(fallback_title))
        .map_err(|e| ModelError::invalid("title", e))?;
    let mut agreement = Agreement::blank(id, title, our_role, counterparty);
    let mut used = UsedIds::default();
    for (s, section) in sections.into_iter().enumerate() {
        let mut clauses = Vec::new();
        let mut drafts = section.clauses;
        // A heading with nothing under it keeps its words as a clause of its own.
        if drafts.is_empty() && !section.heading.is_empty() {
            drafts.push(ClauseDraft {
                heading: section.heading.clone(),
                ..ClauseDraft::default()
            });
        }
        for (c, clause) in drafts.into_iter().enumerate() {
            let text = clause_text(clause.text);
            let heading = clause.heading;
            if heading.is_empty() && text.is_empty() {
                continue;
            }
            let heading = if heading.is_empty() {
                first_words(&text, 6)
            } else {
                heading
            };
            // A number too long for an id (ids are at most 64 characters, with room for the
            // `-2` of a repeat and the `-part-2` of a continuation) gives the positional id.
            let wanted = if clause.number.is_empty() || clause.number.len() > MAX_NUMBER_CHARS {
                format!("c{}-{}", s + 1, c + 1)
            } else {
                let mut id = String::with_capacity(clause.number.len() + 1);
                id.push('c');
                id.extend(clause.number.chars().map(|ch| if ch == '.' { '-' } else { ch }));
                id
            };
            let parts = crate::headings::split_text(text, Clause::MAX_TEXT_CHARS);
            let continued = parts.len() > 1;
            for (p, part) in parts.into_iter().enumerate() {
                let wanted = if p == 0 {
                    wanted.clone()
                } else {
                    format!("{wanted}-part-{}", p + 1)
                };
                let id = ClauseId::new(unique(&mut used, wanted))
                    .map_err(|e| ModelError::invalid("clause id", e))?;
                let heading = if continued && p > 0 {
                    crate::headings::continued(&heading)
                } else {
                    heading.clone()
                };
                clauses.push(Clause {
                    id,
                    heading,
                    text: part,
                });
            }
        }
        if clauses.is_empty() {
            continue;
        }
        let id = SectionId::new(unique(&mut used, format!("s{}", s + 1)))
            .map_err(|e| ModelError::invalid("section id", e))?;
        agreement.sections.push(Section {
            id,
            heading: section.heading,
            clauses,
        });
    }
    if agreement.sections.is_empty() {
        return Err(ImportError::Empty);
    }
    agreement.validate()?;
    Ok(agreement)
}

/// The ids given so far (foldhash: fast, and still seeded per process, as the ids come from
/// the document).
type UsedIds = foldhash::HashSet<String>;

/// `wanted`, or `wanted-2`, `wanted-3`… if it is taken; marked as taken.
fn unique(used: &mut UsedIds, wanted: String) -> String {
    if used.insert(wanted.clone()) {
        return wanted;
    }
    let mut n = 2;
    loop {
        let candidate = format!("{wanted}-{n}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

/// A clause's text as stored: trimmed, and with `{{` (which would read as a term reference)
/// kept as text (`{ {`). (The readers' tidying has removed control characters.)
fn clause_text(text: String) -> String {
    let text = if text.trim().len() == text.len() {
        text
    } else {
        text.trim().to_owned()
    };
    crate::markup::apart_braces(&text).map_or(text, |spaced| spaced)
}

//! Blocks to sections and clauses.

use sla_model::{Agreement, AgreementId, Clause, ClauseId, ModelError, PartyRole, Section, SectionId, Title};
use thiserror::Error;

use crate::blocks::{Block, Lead, blocks};

/// The largest Markdown or text file accepted (bytes): a 2,000-page agreement with its
/// schedules is about 7 MB of text; the agreement files (JSON) have the same limit.
pub const MAX_MARKDOWN_BYTES: usize = 32 * 1024 * 1024;

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("the file is {0} bytes; at most {MAX_MARKDOWN_BYTES} are accepted")]
    TooLarge(usize),
    #[error("the file has no text that could become a clause")]
    Empty,
    #[error("the imported agreement is invalid: {0}")]
    Model(#[from] ModelError),
}

struct Draft {
    heading: String,
    number: String,
    paragraphs: Vec<String>,
}

struct SectionDraft {
    heading: String,
    number: String,
    clauses: Vec<Draft>,
}

/// Reads a Markdown agreement. `fallback_title` is used when the file has no level-1 heading;
/// the counterparty is named on the side opposite `our_role`.
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
    from_blocks(blocks(markdown), id, fallback_title, our_role, counterparty)
}

/// Reads a plain-text agreement (a `.txt` file): paragraphs between blank lines, kept as they
/// are written (no character is taken for markup); a first paragraph of one short line is the
/// title; numbered paragraphs (`3.2 …`) open clauses, as in Markdown.
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
    let extension = std::path::Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("txt" | "text") => import_text(text, id, fallback_title, our_role, counterparty),
        _ => import_markdown(text, id, fallback_title, our_role, counterparty),
    }
}

fn from_blocks(
    blocks: Vec<Block>,
    id: AgreementId,
    fallback_title: &str,
    our_role: PartyRole,
    counterparty: &str,
) -> Result<Agreement, ImportError> {
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading { level: 1, text } if !text.is_empty() => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_else(|| fallback_title.to_owned());

    let list_sections = blocks.iter().any(|b| matches!(b, Block::Item { depth: 1, .. }))
        && blocks.iter().any(|b| {
            matches!(
                b,
                Block::Item { depth: 2, .. } | Block::Paragraph { depth: 1.., .. }
            )
        });
    let has_h3 = blocks
        .iter()
        .any(|b| matches!(b, Block::Heading { level: 3, .. }));

    let mut sections: Vec<SectionDraft> = Vec::new();
    let mut seen_title = false;
    for block in blocks {
        match block {
            Block::Heading { level: 1, .. } if !seen_title => seen_title = true,
            Block::Heading { level, text } if level <= 2 && (list_sections || has_h3) => {
                new_section(&mut sections, text, String::new())
            }
            Block::Heading { text, .. } => new_clause(&mut sections, &title, text, String::new(), Vec::new()),
            Block::Item {
                depth: 1,
                number,
                lead,
            } if list_sections => {
                let heading = lead.run_in.clone().unwrap_or(lead.text.clone());
                new_section(
                    &mut sections,
                    heading,
                    number.map(|n| n.to_string()).unwrap_or_default(),
                );
            }
            Block::Item { depth, number, lead } if depth <= 2 => {
                let parent = sections.last().map(|s| s.number.clone()).unwrap_or_default();
                let number = number
                    .map(|n| {
                        if parent.is_empty() {
                            n.to_string()
                        } else {
                            format!("{parent}.{n}")
                        }
                    })
                    .unwrap_or_default();
                let (heading, body) = split_lead(lead);
                new_clause(&mut sections, &title, heading, number, vec![body]);
            }
            Block::Item { number, lead, .. } => {
                let marker = number
                    .map(|n| format!("({n}) "))
                    .unwrap_or_else(|| "• ".to_owned());
                append(&mut sections, &title, format!("{marker}{}", lead.text));
            }
            Block::Paragraph { mut lead, .. } => {
                let (number, rest) = leading_number(&lead.text);
                if number.is_some() || lead.run_in.is_some() {
                    let number = number.unwrap_or_default().to_owned();
                    // The number is cut from the text where it stands, without a copy.
                    let cut = lead.text.len() - rest.len();
                    lead.text.replace_range(..cut, "");
                    let (heading, body) = split_lead(lead);
                    new_clause(&mut sections, &title, heading, number, vec![body]);
                } else {
                    append(&mut sections, &title, lead.text);
                }
            }
        }
    }

    let title = Title::new(title)
        .or_else(|_| Title::new(fallback_title))
        .map_err(|e| ModelError::invalid("title", e))?;
    let mut agreement = Agreement::blank(id, title, our_role, counterparty);
    let mut used = UsedIds::default();
    for (s, section) in sections.into_iter().enumerate() {
        let mut clauses = Vec::new();
        for (c, clause) in section.clauses.into_iter().enumerate() {
            let body = clause_text(clause.paragraphs);
            if clause.heading.is_empty() && body.is_empty() {
                continue;
            }
            let wanted = if clause.number.is_empty() {
                format!("c{}-{}", s + 1, c + 1)
            } else {
                format!("c{}", clause.number.replace('.', "-"))
            };
            let id =
                ClauseId::new(unique(&mut used, wanted)).map_err(|e| ModelError::invalid("clause id", e))?;
            clauses.push(Clause {
                id,
                heading: clause.heading,
                text: body,
            });
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
    let mut candidate = wanted.clone();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{wanted}-{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

/// A clause's paragraphs as its text: trimmed, blank ones dropped, a blank line between;
/// `{{`, which would read as a term reference, kept as text (`{ {`). One paragraph (the
/// usual case) becomes the text without a copy.
fn clause_text(paragraphs: Vec<String>) -> String {
    let mut kept: Vec<String> = paragraphs
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            if p.trim().len() == p.len() {
                p
            } else {
                p.trim().to_owned()
            }
        })
        .collect();
    let text = if kept.len() == 1 {
        kept.pop().unwrap_or_default()
    } else {
        kept.join("\n\n")
    };
    if text.contains("{{") {
        text.replace("{{", "{ {")
    } else {
        text
    }
}

/// A heading and the body: a run-in heading ending with a full stop is removed from the body
/// ("Target Uptime. Provider will…"); one that is part of the sentence ("“Uptime” means…")
/// stays in it. Without a run-in heading, the first words become the heading.
fn split_lead(lead: Lead) -> (String, String) {
    match lead.run_in {
        Some(heading) if heading.ends_with('.') || heading.ends_with(':') => {
            let body = lead
                .text
                .strip_prefix(heading.as_str())
                .unwrap_or(&lead.text)
                .trim()
                .to_owned();
            (heading.trim_end_matches(['.', ':']).to_owned(), body)
        }
        Some(heading) => (
            heading.trim_matches(|c: char| "\"“”'‘’".contains(c)).to_owned(),
            lead.text,
        ),
        None => (first_words(&lead.text, 6), lead.text),
    }
}

/// The first `count` words of `text`, one space between each, and ` …` when more follow.
fn first_words(text: &str, count: usize) -> String {
    let mut heading = String::new();
    let mut words = text.split_whitespace();
    for word in words.by_ref().take(count) {
        if !heading.is_empty() {
            heading.push(' ');
        }
        heading.push_str(word);
    }
    if words.next().is_some() {
        heading.push_str(" …");
    }
    heading
}

/// `1.1 Text` → (`1.1`, `Text`).
fn leading_number(text: &str) -> (Option<&str>, &str) {
    let candidate = text.split_whitespace().next().unwrap_or("");
    let trimmed = candidate.trim_end_matches('.');
    let numeric = !trimmed.is_empty()
        && trimmed
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if numeric && candidate.len() < text.len() {
        (Some(trimmed), text[candidate.len()..].trim_start())
    } else {
        (None, text)
    }
}

fn new_section(sections: &mut Vec<SectionDraft>, heading: String, number: String) {
    sections.push(SectionDraft {
        heading,
        number,
        clauses: Vec::new(),
    });
}

fn new_clause(
    sections: &mut Vec<SectionDraft>,
    title: &str,
    heading: String,
    number: String,
    paragraphs: Vec<String>,
) {
    if sections.is_empty() {
        new_section(sections, title.to_owned(), String::new());
    }
    if let Some(section) = sections.last_mut() {
        section.clauses.push(Draft {
            heading,
            number,
            paragraphs,
        });
    }
}

fn append(sections: &mut Vec<SectionDraft>, title: &str, paragraph: String) {
    if paragraph.trim().is_empty() {
        return;
    }
    let has_clause = sections.last().is_some_and(|s| !s.clauses.is_empty());
    if !has_clause {
        new_clause(
            sections,
            title,
            "Introduction".to_owned(),
            String::new(),
            Vec::new(),
        );
    }
    if let Some(clause) = sections.last_mut().and_then(|s| s.clauses.last_mut()) {
        clause.paragraphs.push(paragraph);
    }
}

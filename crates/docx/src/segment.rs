//! Which paragraphs of a Word file make which clause, whichever writer saved it. A clause
//! starts at each clause heading (Heading 2, or a style whose name or outline level makes it
//! one) and at each paragraph whose content control names another clause than the one being
//! read; a section heading (Heading 1) ends it. So two clauses are never read as one, whether
//! the writer kept the content controls (Word), turned them into inline ones and dropped their
//! tags (LibreOffice), or dropped them (pandoc). A file in which no paragraph is styled as a
//! clause heading (the styles lost on the way) has its headings found by their words: a
//! paragraph that reads as one of the agreement's clause or section headings, its number
//! aside.

use sla_model::Agreement;

use crate::{ReplyParagraph, WordReply};

/// A clause as it came back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReplyClause {
    /// The clause id from its content control, when the writer kept it.
    pub id: Option<String>,
    /// Its paragraphs, the heading first when it has one.
    pub paragraphs: Vec<ReplyParagraph>,
    /// How many section headings come before it.
    pub section: usize,
}

impl ReplyClause {
    /// Its heading paragraph, when it starts with one.
    pub fn heading(&self) -> Option<&ReplyParagraph> {
        self.paragraphs.first().filter(|p| p.heading == Some(2))
    }
}

/// The clauses, and every paragraph outside any clause (title block, section headings,
/// signature blocks, and whatever else the other side wrote there).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segments {
    pub outside: Vec<ReplyParagraph>,
    pub clauses: Vec<ReplyClause>,
}

/// A heading's text with a leading clause number (`2.1`, `2.1.`, `Clause 2.1`, `2.1 –`) and
/// the space around it taken away, as a writer that turns list numbers into text writes it.
pub fn without_number(text: &str) -> &str {
    let text = text.trim();
    let rest = text
        .get(..7)
        .filter(|head| head.eq_ignore_ascii_case("clause "))
        .map_or(text, |_| &text[7..]);
    let number_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let separators = [' ', '\t', '-', '–', '—', ':', ')'];
    if rest.starts_with(|c: char| c.is_ascii_digit()) && rest[number_end..].starts_with(separators) {
        let after = rest[number_end..].trim_start_matches(separators).trim_start();
        if !after.is_empty() {
            return after;
        }
    }
    text
}

/// A heading's words for comparison: its number aside, spaces made single, lower case.
pub fn heading_key(text: &str) -> String {
    without_number(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The paragraphs of `reply` as clauses and the rest. `base`, the agreement the file was made
/// from, is used only when the file styles no paragraph as a clause heading.
pub fn segment(reply: &WordReply, base: Option<&Agreement>) -> Segments {
    let styled = reply.paragraphs.iter().any(|p| p.heading == Some(2));
    let (clause_headings, section_headings): (Vec<String>, Vec<String>) = match base {
        Some(agreement) if !styled => (
            agreement
                .sections
                .iter()
                .flat_map(|s| &s.clauses)
                .map(|c| heading_key(&c.heading))
                .collect(),
            agreement
                .sections
                .iter()
                .map(|s| heading_key(&s.heading))
                .collect(),
        ),
        _ => (Vec::new(), Vec::new()),
    };
    let level = |p: &ReplyParagraph| -> Option<u8> {
        if p.heading.is_some() || p.in_table() {
            return p.heading;
        }
        if clause_headings.is_empty() {
            return None;
        }
        let key = heading_key(&p.accepted());
        if clause_headings.contains(&key) {
            Some(2)
        } else if section_headings.contains(&key) {
            Some(1)
        } else {
            None
        }
    };
    let mut segments = Segments::default();
    let mut current: Option<ReplyClause> = None;
    let mut section = 0;
    for paragraph in &reply.paragraphs {
        let mut paragraph = paragraph.clone();
        match level(&paragraph) {
            Some(1) => {
                segments.clauses.extend(current.take());
                section += 1;
                paragraph.heading = Some(1);
                segments.outside.push(paragraph);
            }
            Some(2) => {
                segments.clauses.extend(current.take());
                paragraph.heading = Some(2);
                current = Some(ReplyClause {
                    id: paragraph.clause_tag.clone(),
                    paragraphs: vec![paragraph],
                    section,
                });
            }
            _ => {
                let tag = paragraph.clause_tag.clone();
                match current.as_mut() {
                    // A paragraph in another clause's control starts that clause (its heading lost).
                    Some(clause) if tag.is_some() && clause.id.is_some() && clause.id != tag => {
                        segments.clauses.extend(current.take());
                        current = Some(ReplyClause {
                            id: tag,
                            paragraphs: vec![paragraph],
                            section,
                        });
                    }
                    Some(clause) => {
                        if clause.id.is_none() {
                            clause.id = tag;
                        }
                        clause.paragraphs.push(paragraph);
                    }
                    None if tag.is_some() => {
                        current = Some(ReplyClause {
                            id: tag,
                            paragraphs: vec![paragraph],
                            section,
                        });
                    }
                    None => segments.outside.push(paragraph),
                }
            }
        }
    }
    segments.clauses.extend(current);
    segments
}

#[cfg(test)]
mod tests {
    use super::heading_key;

    #[test]
    fn heading_keys_set_numbers_aside() {
        assert_eq!(heading_key("2.1  Availability"), "availability");
        assert_eq!(heading_key("Clause 2.1. Availability"), "availability");
        assert_eq!(heading_key("2.1\tAvailability"), "availability");
        assert_eq!(heading_key("3 – Support"), "support");
        assert_eq!(heading_key("24/7 support"), "24/7 support");
        assert_eq!(heading_key("2.1"), "2.1");
        assert_eq!(heading_key("Availability"), "availability");
    }
}

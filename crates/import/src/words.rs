//! The words of a document as its reader sees them, markup aside, and whether an imported
//! agreement holds every one of them in order: the importers' promise, checked by the tests
//! and the fuzzers on any input, and reported to the user after an import.
//!
//! Markup is: heading and list markers, emphasis marks, HTML tags, link and image targets,
//! front matter, template tags (`<% %>`, `{% %}`), and a paragraph's leading clause number
//! (`3.2`, which becomes the clause's number). A link's text, a table cell's text, an image's
//! alt text and the text inside HTML are words. Words are compared without the punctuation
//! at their ends (a run-in heading's full stop moves into the heading's place) and without
//! control characters.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use sla_model::Agreement;

use crate::headings::cut_number;
use crate::markdown::MARKDOWN_OPTIONS;
use crate::markup::{apart_braces, html_text, without_template_tags};

/// Every word of a Markdown document, in reading order.
pub fn markdown_words(markdown: &str) -> Vec<String> {
    let source = without_template_tags(markdown);
    let mut words = Vec::new();
    let mut run = String::new();
    let mut in_metadata = false;
    let mut html = String::new();
    // A paragraph's or a heading's first word may be its clause number.
    let mut paragraph_start = false;
    let end_run = |run: &mut String, words: &mut Vec<String>, paragraph_start: &mut bool| {
        push_words(run, words, std::mem::take(paragraph_start));
        run.clear();
    };
    for event in Parser::new_ext(&source, MARKDOWN_OPTIONS) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            _ if in_metadata => {}
            Event::Text(text) | Event::Code(text) => run.push_str(&text),
            // A block of HTML comes a line at a time, and a tag may span lines.
            Event::Html(part) => html.push_str(&part),
            Event::End(TagEnd::HtmlBlock) => {
                run.push_str(&html_text(&std::mem::take(&mut html)));
                end_run(&mut run, &mut words, &mut paragraph_start);
            }
            Event::InlineHtml(tag) => run.push_str(&html_text(&tag)),
            Event::SoftBreak | Event::HardBreak => run.push('\n'),
            Event::Start(tag) if is_inline(&tag) => {}
            Event::End(tag) if is_inline_end(tag) => {}
            Event::Start(tag) => {
                end_run(&mut run, &mut words, &mut paragraph_start);
                paragraph_start = matches!(tag, Tag::Paragraph | Tag::Heading { .. });
            }
            _ => end_run(&mut run, &mut words, &mut paragraph_start),
        }
    }
    end_run(&mut run, &mut words, &mut paragraph_start);
    words
}

/// Every word of a plain-text document (paragraphs between blank lines, nothing taken for
/// markup but each paragraph's leading clause number).
pub fn text_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut paragraph = String::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            push_words(&paragraph, &mut words, true);
            paragraph.clear();
        } else {
            paragraph.push_str(line);
            paragraph.push('\n');
        }
    }
    words
}

/// Every word of an agreement as it reads: the title, then each section's heading and its
/// clauses' headings and texts.
pub fn agreement_words(agreement: &Agreement) -> Vec<String> {
    let mut words = Vec::new();
    push_words(agreement.title.as_str(), &mut words, false);
    for section in &agreement.sections {
        push_words(&section.heading, &mut words, false);
        for clause in &section.clauses {
            push_words(&clause.heading, &mut words, false);
            push_words(&clause.text, &mut words, false);
        }
    }
    words
}

/// A word of the source that the import does not hold in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingWord {
    /// Its position among the source's words.
    pub index: usize,
    pub word: String,
    /// The source's words around it, to find it in the document.
    pub context: String,
}

/// The first of `source`'s words that `imported` does not hold in order (`imported` may hold
/// more: headings made of a clause's first words, "Introduction").
pub fn first_missing(source: &[String], imported: &[String]) -> Option<MissingWord> {
    let mut held = imported.iter();
    for (index, word) in source.iter().enumerate() {
        if !held.any(|w| w == word) {
            let from = index.saturating_sub(6);
            let to = (index + 6).min(source.len());
            return Some(MissingWord {
                index,
                word: word.clone(),
                context: source[from..to].join(" "),
            });
        }
    }
    None
}

fn push_words(text: &str, words: &mut Vec<String>, block_start: bool) {
    // Control characters are no text: `99.9\u{1}4` reads as the readers read it, `99.94`.
    let clean: String;
    let text = if text.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        clean = text
            .chars()
            .filter(|c| !c.is_control() || c.is_whitespace())
            .collect();
        &clean
    } else {
        text
    };
    let text = if block_start { cut_number(text).1 } else { text };
    // `{{` is kept apart in an import (`{ {`, which reads as no term reference).
    let spaced = apart_braces(text);
    let text = spaced.as_deref().unwrap_or(text);
    words.extend(text.split_whitespace().map(word_key).filter(|w| !w.is_empty()));
}

/// A word as it is compared: without the punctuation and symbols at its ends (control
/// characters are gone already, in [`push_words`]).
fn word_key(token: &str) -> String {
    token.trim_matches(|c: char| !c.is_alphanumeric()).to_owned()
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn markup_is_not_words() {
        let markdown = "---\ntitle: Hidden\n---\n# The *SLA*\n\n1. **Target Uptime.** 99.9 % of [each month](https://x.test).\n   - a<b>b</b>c\n\n| P1 | 30 minutes |\n|---|---|\n| ![alt text](i.png) | <% hidden %>1 hour |\n\n3.2 Numbered text.\n\n<div>Raw &amp; kept</div>\n";
        assert_eq!(
            markdown_words(markdown),
            words(&[
                "The", "SLA", "Target", "Uptime", "99.9", "of", "each", "month", "abc", "P1", "30",
                "minutes", "alt", "text", "1", "hour", "Numbered", "text", "Raw", "kept"
            ])
        );
    }

    #[test]
    fn text_files_lose_only_their_clause_numbers() {
        assert_eq!(
            text_words("Title\n\n1.1 The  Service\nis up.\n\n\n2. Next 3.2\n\n30 days\n"),
            words(&["Title", "The", "Service", "is", "up", "Next", "3.2", "30", "days"])
        );
    }

    #[test]
    fn the_first_missing_word_is_named_with_its_context() {
        let source = words(&["a", "b", "c", "d"]);
        assert_eq!(
            first_missing(&source, &words(&["x", "a", "b", "y", "c", "d"])),
            None
        );
        let missing = first_missing(&source, &words(&["a", "c", "d"])).unwrap();
        assert_eq!((missing.index, missing.word.as_str()), (1, "b"));
        assert_eq!(missing.context, "a b c d");
    }
}

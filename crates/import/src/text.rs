//! Plain text to blocks: paragraphs between blank lines, every character kept.

use crate::blocks::{Block, Lead, tidy_owned};

/// The most words a first paragraph of one line may have to be taken as the title.
const TITLE_WORDS: usize = 15;

/// The most words, and bytes, a numbered line may have to be taken as a heading.
const HEADING_WORDS: usize = 10;
const HEADING_BYTES: usize = 200;

pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut paragraph = String::new();
    let mut lines_in_paragraph = 0;
    let flush = |paragraph: &mut String, lines: &mut usize, out: &mut Vec<Block>| {
        let text = tidy_owned(std::mem::take(paragraph));
        let one_line = *lines == 1;
        *lines = 0;
        if text.is_empty() {
            return;
        }
        let title_like = out.is_empty()
            && one_line
            && text.split_whitespace().nth(TITLE_WORDS).is_none()
            && !text.ends_with(['.', ':', ';']);
        // A short numbered line is a heading: `2. Service Credits` a section's, `2.1 Uptime`
        // a clause's.
        let heading_number = (one_line
            && !text.ends_with(['.', ':', ';', ','])
            && text.len() <= HEADING_BYTES
            && text.split_whitespace().nth(HEADING_WORDS).is_none())
        .then(|| crate::headings::cut_number(&text).0)
        .flatten();
        out.push(if title_like {
            Block::Heading { level: 1, text }
        } else if let Some(number) = heading_number {
            let level = if number.contains('.') { 3 } else { 2 };
            Block::Heading { level, text }
        } else {
            Block::Paragraph {
                depth: 0,
                lead: Lead { run_in: None, text },
            }
        });
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut lines_in_paragraph, &mut out);
        } else {
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(line);
            lines_in_paragraph += 1;
        }
    }
    flush(&mut paragraph, &mut lines_in_paragraph, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Heading { text, .. } => format!("# {text}"),
                Block::Paragraph { lead, .. } => lead.text.clone(),
                Block::Item { lead, .. } => format!("- {}", lead.text),
                Block::Verbatim { text, .. } => text.clone(),
            })
            .collect()
    }

    #[test]
    fn paragraphs_are_kept_as_written() {
        let text = "Service Level Agreement\n\n1.1 Uptime is *99.9 %*\nof each month.\n\n\n   \n1.2 Credits_are <b>owed</b> [here](x).\n";
        assert_eq!(
            texts(&blocks(text)),
            [
                "# Service Level Agreement",
                "1.1 Uptime is *99.9 %* of each month.",
                "1.2 Credits_are <b>owed</b> [here](x)."
            ]
        );
    }

    #[test]
    fn a_first_paragraph_that_reads_as_a_sentence_is_not_a_title() {
        let text = "The Provider shall make the Service available.\n\nMore.";
        assert!(matches!(blocks(text)[0], Block::Paragraph { .. }));
    }
}

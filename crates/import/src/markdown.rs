//! Markdown to blocks. Every piece of text the parser reports lands in a block, and every
//! block-level structure ends its own block, so no text is dropped and none runs into the
//! next block: a table's rows, a code block, a block quote's paragraphs, a block of raw HTML
//! and an item's text after its nested list each become their own paragraph.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::blocks::{Block, Lead, tidy};
use crate::markup::{html_text, without_template_tags};

/// The Markdown the readers understand: CommonMark with front matter, tables and
/// strikethrough (GitHub's and the static-site generators' dialect).
pub(crate) const MARKDOWN_OPTIONS: Options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
    .union(Options::ENABLE_TABLES)
    .union(Options::ENABLE_STRIKETHROUGH);

/// A run-in heading has at most this many words (a longer bold opening is emphasis).
const RUN_IN_WORDS: usize = 12;

/// A Markdown document read into blocks, with the title its front matter gives, if any.
pub struct Document {
    pub blocks: Vec<Block>,
    pub front_matter_title: Option<String>,
}

pub fn read(markdown: &str) -> Document {
    let source = without_template_tags(markdown);
    let mut reader = Reader::default();
    for event in Parser::new_ext(&source, MARKDOWN_OPTIONS) {
        reader.event(event);
    }
    reader.flush();
    Document {
        blocks: reader.out,
        front_matter_title: reader.front_matter_title,
    }
}

/// The text of the block being read, with a run-in heading found at its very start.
#[derive(Default)]
struct Collector {
    text: String,
    run_in: Option<String>,
    /// Collecting a run-in heading: the text where it started.
    run_in_from: Option<usize>,
    /// How many inline events this block has seen (a run-in heading must come first).
    inline_events: usize,
}

impl Collector {
    fn take(&mut self) -> Lead {
        let lead = Lead {
            run_in: self.run_in.take().map(|h| tidy(&h)),
            text: tidy(&self.text),
        };
        *self = Self::default();
        lead
    }

    fn open_run_in(&mut self) {
        let before = self.text.trim();
        let only_a_number = before.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        if only_a_number && (self.inline_events == 0 || !before.is_empty()) {
            self.run_in_from = Some(self.text.len());
        }
        self.inline_events += 1;
    }

    fn close_run_in(&mut self) {
        if let Some(from) = self.run_in_from.take() {
            let heading = self.text[from..].trim().to_owned();
            if !heading.is_empty() && heading.split_whitespace().count() <= RUN_IN_WORDS {
                self.run_in = Some(heading);
            }
        }
    }
}

#[derive(Default)]
struct Reader {
    out: Vec<Block>,
    collector: Collector,
    /// The next number of each open list (`None` for a bulleted one), outermost first.
    lists: Vec<Option<u64>>,
    /// An item whose first text has not been read yet: its depth and number.
    pending_item: Option<(usize, Option<u64>)>,
    heading: Option<u8>,
    /// The block of raw HTML being read (it comes a line at a time).
    html: String,
    /// The table being read: its finished rows, and the cells of the current row.
    table_rows: Vec<String>,
    table_cells: Vec<String>,
    in_metadata: bool,
    front_matter_title: Option<String>,
}

impl Reader {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => self.in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => self.in_metadata = false,
            Event::Text(yaml) if self.in_metadata => {
                self.front_matter_title = self.front_matter_title.take().or_else(|| yaml_title(&yaml));
            }
            _ if self.in_metadata => {}
            Event::Start(Tag::List(start)) => {
                self.flush();
                self.lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                self.flush();
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                self.flush();
                let depth = self.lists.len();
                let number = self.lists.last_mut().and_then(|next| {
                    let current = *next;
                    *next = next.map(|n| n.saturating_add(1));
                    current
                });
                self.pending_item = Some((depth, number));
            }
            Event::End(TagEnd::Item) => {
                self.flush();
                self.pending_item = None;
            }
            Event::Start(Tag::Heading { level, .. }) => {
                self.flush_text();
                self.heading = Some(heading_level(level));
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = self.collector.take().text.replace('\n', " ");
                if let Some(level) = self.heading.take()
                    && !text.is_empty()
                {
                    self.out.push(Block::Heading { level, text });
                }
            }
            Event::End(TagEnd::TableCell) => {
                let cell = self.collector.take().text.replace('\n', " ");
                self.table_cells.push(cell);
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                let cells = std::mem::take(&mut self.table_cells);
                if cells.iter().any(|c| !c.is_empty()) {
                    self.table_rows.push(cells.join(" | "));
                }
            }
            Event::End(TagEnd::Table) => {
                let text = std::mem::take(&mut self.table_rows).join("\n");
                self.verbatim(text);
            }
            Event::Html(part) => self.html.push_str(&part),
            Event::End(TagEnd::HtmlBlock) => {
                self.flush();
                let text = tidy(&html_text(&std::mem::take(&mut self.html)));
                self.verbatim(text);
            }
            Event::End(TagEnd::CodeBlock) => {
                let text = self.collector.take().text;
                self.verbatim(text);
            }
            Event::InlineHtml(tag) => self.inline_html(&tag),
            Event::Start(Tag::Strong | Tag::Emphasis) => self.collector.open_run_in(),
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => self.collector.close_run_in(),
            Event::Text(text) | Event::Code(text) => {
                if !text.trim().is_empty() {
                    self.collector.inline_events += usize::from(self.collector.run_in_from.is_none());
                }
                self.collector.text.push_str(&text);
            }
            Event::SoftBreak | Event::HardBreak => self.collector.text.push('\n'),
            // Inline structure: its text comes as text.
            Event::Start(
                Tag::Link { .. } | Tag::Image { .. } | Tag::Strikethrough | Tag::Superscript | Tag::Subscript,
            )
            | Event::End(
                TagEnd::Link
                | TagEnd::Image
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript,
            ) => {}
            // Every other structure (paragraphs, block quotes, code blocks, rules, …) ends the
            // block before it and the block it holds.
            _ => self.flush(),
        }
    }

    fn inline_html(&mut self, tag: &str) {
        let tag = tag.trim();
        if tag.starts_with("<span") && tag.contains("header") {
            self.collector.open_run_in();
        } else if tag.starts_with("</span") {
            self.collector.close_run_in();
        }
        // The text the event holds besides its tags: a `<br>`'s line break, or the words a
        // malformed tag swallowed (an attribute's quote left open runs on over text).
        self.collector.text.push_str(&html_text(tag));
    }

    /// Ends the block being read: the waiting item's first text, else a paragraph.
    fn flush(&mut self) {
        if self.collector.text.trim().is_empty() {
            self.collector = Collector::default();
            return;
        }
        let lead = self.collector.take();
        if lead.text.is_empty() {
            return;
        }
        match self.pending_item.take() {
            Some((depth, number)) => self.out.push(Block::Item { depth, number, lead }),
            None => self.paragraph(lead),
        }
    }

    /// Ends the text being read before a heading. An item whose first text is a heading
    /// (`1. ## Uptime`) has that heading for its text: what follows is its body.
    fn flush_text(&mut self) {
        if self.collector.text.trim().is_empty() {
            self.pending_item = None;
        }
        self.flush();
    }

    fn verbatim(&mut self, text: String) {
        if text.trim().is_empty() {
            return;
        }
        self.out.push(Block::Verbatim {
            depth: self.lists.len(),
            text,
        });
    }

    fn paragraph(&mut self, lead: Lead) {
        if lead.text.trim().is_empty() {
            return;
        }
        self.out.push(Block::Paragraph {
            depth: self.lists.len(),
            lead,
        });
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The `title:` of YAML front matter, unquoted.
fn yaml_title(yaml: &str) -> Option<String> {
    yaml.lines().find_map(|line| {
        let value = line.strip_prefix("title:")?.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        (!value.is_empty()).then(|| value.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(markdown: &str) -> Vec<String> {
        read(markdown)
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading { level, text } => format!("h{level} {text}"),
                Block::Item { depth, number, lead } => {
                    format!(
                        "i{depth}{} {}",
                        number.map(|n| format!("#{n}")).unwrap_or_default(),
                        lead.text
                    )
                }
                Block::Paragraph { depth, lead } => format!("p{depth} {}", lead.text),
                Block::Verbatim { depth, text } => format!("v{depth} {text}"),
            })
            .collect()
    }

    #[test]
    fn no_structure_runs_into_the_next_block() {
        let markdown = "| A | B |\n|---|---|\n| 1 | 2 |\n\n## Next\n\n```\ncode\n```\n\n> quoted\n\n<div>raw</div>\n\nafter";
        assert_eq!(
            texts(markdown),
            [
                "v0 A | B\n1 | 2",
                "h2 Next",
                "v0 code",
                "p0 quoted",
                "v0 raw",
                "p0 after"
            ]
        );
    }

    #[test]
    fn an_item_that_goes_on_after_its_nested_list_keeps_its_words() {
        let markdown = "1. First\n   - inner\n\n   more of the first\n2. Second\n";
        assert_eq!(
            texts(markdown),
            ["i1#1 First", "i2 inner", "p1 more of the first", "i1#2 Second"]
        );
    }

    #[test]
    fn front_matter_gives_a_title_and_no_words() {
        let document = read("---\ntitle: \"Our objectives\"\nweight: 15\n---\n\nText.");
        assert_eq!(document.front_matter_title.as_deref(), Some("Our objectives"));
        assert_eq!(document.blocks.len(), 1);
    }

    #[test]
    fn a_heading_inside_an_item_leaves_the_item_waiting() {
        assert_eq!(
            texts("1. ## Uptime\n\n    1.1 Text.\n"),
            ["h2 Uptime", "p1 1.1 Text."]
        );
    }
}

//! Markdown to a flat list of blocks with their text cleaned of markup.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// One block of the document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        text: String,
    },
    /// The first text of a list item, at a list depth (1 = top level), with the item's number.
    Item {
        depth: usize,
        number: Option<u64>,
        lead: Lead,
    },
    /// A paragraph that is not an item's first text.
    Paragraph {
        depth: usize,
        lead: Lead,
    },
}

/// Text with an optional run-in heading (`<span class="header_3">Target Uptime.</span>` or
/// `**Target Uptime.**` at its very start).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lead {
    pub run_in: Option<String>,
    pub text: String,
}

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
            if !heading.is_empty() && heading.split_whitespace().count() <= 12 {
                self.run_in = Some(heading);
            }
        }
    }
}

/// Collapses runs of spaces, trims each line, keeps line breaks.
fn tidy(text: &str) -> String {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

pub fn blocks(markdown: &str) -> Vec<Block> {
    let options =
        Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut out = Vec::new();
    let mut collector = Collector::default();
    let mut list_numbers: Vec<Option<u64>> = Vec::new();
    // Inside an item whose first text has not been emitted yet.
    let mut pending_item: Option<(usize, Option<u64>)> = None;
    let mut heading: Option<u8> = None;
    let mut in_metadata = false;

    let flush_item =
        |collector: &mut Collector, pending: &mut Option<(usize, Option<u64>)>, out: &mut Vec<Block>| {
            if let Some((depth, number)) = pending.take() {
                out.push(Block::Item {
                    depth,
                    number,
                    lead: collector.take(),
                });
            }
        };

    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            _ if in_metadata => {}
            Event::Start(Tag::List(start)) => {
                flush_item(&mut collector, &mut pending_item, &mut out);
                list_numbers.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                list_numbers.pop();
            }
            Event::Start(Tag::Item) => {
                let depth = list_numbers.len();
                let number = list_numbers.last_mut().and_then(|n| {
                    let current = *n;
                    *n = n.map(|v| v + 1);
                    current
                });
                pending_item = Some((depth, number));
            }
            Event::End(TagEnd::Item) => flush_item(&mut collector, &mut pending_item, &mut out),
            Event::Start(Tag::Heading { level, .. }) => {
                flush_item(&mut collector, &mut pending_item, &mut out);
                heading = Some(match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = collector.take().text;
                if let Some(level) = heading.take() {
                    out.push(Block::Heading { level, text });
                }
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => {
                if pending_item.is_some() {
                    flush_item(&mut collector, &mut pending_item, &mut out);
                } else {
                    out.push(Block::Paragraph {
                        depth: list_numbers.len(),
                        lead: collector.take(),
                    });
                }
            }
            Event::Start(Tag::Strong | Tag::Emphasis) => collector.open_run_in(),
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => collector.close_run_in(),
            Event::InlineHtml(html) | Event::Html(html) => {
                let tag = html.trim();
                if tag.starts_with("<span") && tag.contains("header") {
                    collector.open_run_in();
                } else if tag.starts_with("</span") {
                    collector.close_run_in();
                } else if tag.eq_ignore_ascii_case("<br>") || tag.eq_ignore_ascii_case("<br/>") {
                    collector.text.push('\n');
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if !text.trim().is_empty() {
                    collector.inline_events += usize::from(collector.run_in_from.is_none());
                }
                collector.text.push_str(&text);
            }
            Event::SoftBreak | Event::HardBreak => collector.text.push('\n'),
            Event::Rule => {}
            _ => {}
        }
    }
    flush_item(&mut collector, &mut pending_item, &mut out);
    out
}

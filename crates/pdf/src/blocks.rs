//! What a document is made of before layout: paragraphs of styled text (headings are
//! paragraphs that go in the outline), tables, signature blocks, a table of contents and page
//! breaks. The documents (agreement, redline, history) build these; the layout engine places
//! them on pages.

use crate::fonts::Face;

/// An sRGB colour.
pub type Color = (u8, u8, u8);

pub const BLACK: Color = (0, 0, 0);
pub const GREY: Color = (90, 90, 90);
/// Insertions in a redline: blue, underlined.
pub const INSERTED: Color = (0, 70, 180);
/// Deletions in a redline: red, struck through.
pub const DELETED: Color = (190, 20, 20);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    None,
    Underline,
    Strike,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub face: Face,
    pub size: f32,
    pub color: Color,
    pub mark: Mark,
}

impl Style {
    pub const fn new(face: Face, size: f32) -> Self {
        Style {
            face,
            size,
            color: BLACK,
            mark: Mark::None,
        }
    }

    pub const fn colored(self, color: Color, mark: Mark) -> Self {
        Style { color, mark, ..self }
    }
}

/// A run of text in one style.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Style) -> Self {
        Span {
            text: text.into(),
            style,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Justify,
    Left,
    Center,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    pub spans: Vec<Span>,
    pub align: Align,
    /// Left indent in points.
    pub indent: f32,
    pub space_before: f32,
    pub space_after: f32,
    /// A heading: its level in the outline and the table of contents (1 = section).
    pub outline: Option<u8>,
    /// Kept on the same page as the start of the next block (headings).
    pub keep_with_next: bool,
}

impl Paragraph {
    pub fn new(spans: Vec<Span>) -> Self {
        Paragraph {
            spans,
            align: Align::Justify,
            indent: 0.0,
            space_before: 0.0,
            space_after: 6.0,
            outline: None,
            keep_with_next: false,
        }
    }

    pub fn plain(text: impl Into<String>, style: Style) -> Self {
        Paragraph::new(vec![Span::new(text, style)])
    }

    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// A centred line (title pages).
    pub fn centered(text: impl Into<String>, style: Style, space_after: f32) -> Block {
        Block::Paragraph(Paragraph {
            align: Align::Center,
            space_after,
            ..Paragraph::plain(text, style)
        })
    }

    /// A heading at `level` of the outline, kept with what follows.
    pub fn heading(spans: Vec<Span>, level: u8, space_before: f32, space_after: f32) -> Block {
        Block::Paragraph(Paragraph {
            align: Align::Left,
            space_before,
            space_after,
            outline: Some(level),
            keep_with_next: true,
            ..Paragraph::new(spans)
        })
    }
}

/// A table whose rows may split across pages, its header row repeated on each.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Vec<Span>>>,
    /// Each column's share of the width (they need not add up to 1).
    pub widths: Vec<f32>,
    pub indent: f32,
}

/// One party's signature block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signatory {
    /// "Signed for the Customer".
    pub role: String,
    /// The party's legal name.
    pub party: String,
    /// The signatory's name and title, when known.
    pub name: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
    /// Both parties' signature blocks side by side, kept together on one page.
    Signatures(Vec<Signatory>),
    /// A bar chart, kept whole on one page.
    Chart(crate::chart::Chart),
    /// The table of contents: every heading that follows, with its page.
    Contents,
    PageBreak,
}

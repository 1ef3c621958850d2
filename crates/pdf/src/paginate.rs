//! Placing blocks on pages: paragraphs split between lines with no lone first or last line at
//! a page edge, headings kept with what follows, tables split between rows with their header
//! repeated, signature blocks kept whole, and a table of contents whose page numbers are
//! filled in once every heading has its page.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::blocks::{Align, BLACK, Block, Color, GREY, Paragraph, Signatory, Span, Style, Table};
use crate::fonts::{Face, Fonts};
use crate::lines::{Fragment, Line, break_lines};

/// Paper sizes, in points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

/// The page and its text area.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Geometry {
    pub fn of(paper: Paper) -> Self {
        let (width, height) = match paper {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        };
        Geometry {
            width,
            height,
            left: 72.0,
            right: 72.0,
            top: 72.0,
            bottom: 72.0,
        }
    }

    pub fn text_width(&self) -> f32 {
        self.width - self.left - self.right
    }
}

/// Something drawn on a page, at absolute positions (points, from the top left).
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Text {
        baseline: f32,
        fragment: Fragment,
    },
    Rule {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Color,
    },
    Shade {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        color: Color,
    },
    /// A table-of-contents entry's page number, right-aligned at `right`, with a dotted
    /// leader from `leader_from`.
    PageOf {
        heading: usize,
        right: f32,
        leader_from: f32,
        baseline: f32,
        style: Style,
    },
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

/// A heading and where it landed (page index from 0, y of its top).
#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub title: String,
    pub page: usize,
    pub y: f32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub pages: Vec<Page>,
    pub headings: Vec<Heading>,
}

const CELL_PADDING: f32 = 4.0;
/// The gap above a table.
const TABLE_SPACE_BEFORE: f32 = 2.0;
/// The deepest heading level the table of contents lists.
const CONTENTS_DEPTH: u8 = 2;

struct Paginator<'a> {
    geometry: Geometry,
    fonts: &'a Fonts,
    layout: Layout,
    y: f32,
    /// Each paragraph's lines, broken once (keeping a heading with what follows looks ahead).
    broken: RefCell<HashMap<usize, Rc<Vec<Line>>>>,
}

impl<'a> Paginator<'a> {
    fn page(&mut self) -> &mut Page {
        if self.layout.pages.is_empty() {
            self.layout.pages.push(Page::default());
        }
        let last = self.layout.pages.len() - 1;
        &mut self.layout.pages[last]
    }

    fn new_page(&mut self) {
        self.layout.pages.push(Page::default());
        self.y = self.geometry.top;
    }

    fn at_top(&self) -> bool {
        self.y <= self.geometry.top + 0.01
    }

    fn room(&self) -> f32 {
        self.geometry.height - self.geometry.bottom - self.y
    }

    fn place_line(&mut self, line: &Line, x: f32) {
        let baseline = self.y + line.ascent;
        for fragment in &line.fragments {
            let mut fragment = fragment.clone();
            fragment.x += x;
            self.page().items.push(Item::Text { baseline, fragment });
        }
        self.y += line.height;
    }

    /// How many lines of a paragraph to put on this page: as many as fit, but never one alone
    /// at either edge (unless a page cannot hold more).
    fn lines_here(&self, lines: &[Line]) -> usize {
        let mut height = 0.0;
        let fit = lines
            .iter()
            .take_while(|l| {
                height += l.height;
                height <= self.room() + 0.01
            })
            .count();
        if fit >= lines.len() {
            return fit;
        }
        if self.at_top() {
            return fit.max(1);
        }
        if lines.len() <= 3 || fit < 2 {
            return 0;
        }
        let keep = if lines.len() - fit < 2 {
            lines.len() - 2
        } else {
            fit
        };
        if keep < 2 { 0 } else { keep }
    }

    /// A paragraph's lines (the paragraph is identified by where it lies in the blocks).
    fn lines_of(&self, paragraph: &Paragraph) -> Rc<Vec<Line>> {
        let key = std::ptr::from_ref(paragraph) as usize;
        if let Some(lines) = self.broken.borrow().get(&key) {
            return Rc::clone(lines);
        }
        let width = self.geometry.text_width() - paragraph.indent;
        let lines = Rc::new(break_lines(&paragraph.spans, width, paragraph.align, self.fonts));
        self.broken.borrow_mut().insert(key, Rc::clone(&lines));
        lines
    }

    fn paragraph(&mut self, paragraph: &Paragraph, following: &[Block]) {
        let x = self.geometry.left + paragraph.indent;
        let lines = self.lines_of(paragraph);
        if !self.at_top() {
            self.y += paragraph.space_before;
        }
        if paragraph.keep_with_next && !self.at_top() {
            let own: f32 = lines.iter().map(|l| l.height).sum();
            let following = self.start_height(following);
            if own + following > self.room() {
                self.new_page();
            }
        }
        let mut rest: &[Line] = &lines;
        while !rest.is_empty() {
            let here = self.lines_here(rest);
            // A heading is where its first line lands.
            if let Some(level) = paragraph.outline
                && here > 0
                && rest.len() == lines.len()
            {
                self.layout.headings.push(Heading {
                    level,
                    title: paragraph.text(),
                    page: self.layout.pages.len() - 1,
                    y: self.y,
                });
            }
            for line in &rest[..here] {
                self.place_line(line, x);
            }
            rest = &rest[here..];
            if !rest.is_empty() {
                self.new_page();
            }
        }
        self.y += paragraph.space_after;
    }

    /// The height the start of the blocks in `rest` needs on the page where a heading before
    /// them stands: two lines of a paragraph (all of it, and the start of what follows, when it
    /// is itself kept with the next block), a table's header and first row, a signature block.
    fn start_height(&self, rest: &[Block]) -> f32 {
        let Some(block) = rest.first() else {
            return 0.0;
        };
        match block {
            Block::Paragraph(p) => {
                let lines = self.lines_of(p);
                if p.keep_with_next {
                    p.space_before
                        + lines.iter().map(|l| l.height).sum::<f32>()
                        + p.space_after
                        + self.start_height(&rest[1..])
                } else {
                    p.space_before + lines.iter().take(2).map(|l| l.height).sum::<f32>()
                }
            }
            Block::Table(table) => {
                let rows = self.table_rows(table);
                TABLE_SPACE_BEFORE + rows.iter().take(2).map(|r| r.0).sum::<f32>()
            }
            Block::Signatures(signatories) => self.signatures_height(signatories),
            Block::Chart(chart) => chart.block_height(),
            Block::Contents | Block::PageBreak => 0.0,
        }
    }

    /// Each row's height and its cells' lines; the header first.
    fn table_rows(&self, table: &Table) -> Vec<(f32, Vec<Vec<Line>>)> {
        let widths = self.column_widths(table);
        let header_style = Style::new(Face::Bold, 9.5);
        let header: Vec<Span> = table
            .header
            .iter()
            .map(|h| Span::new(h.clone(), header_style))
            .collect();
        let mut rows = Vec::new();
        let mut all: Vec<Vec<Vec<Span>>> = vec![header.into_iter().map(|s| vec![s]).collect()];
        all.extend(table.rows.iter().cloned());
        for row in &all {
            let cells: Vec<Vec<Line>> = row
                .iter()
                .zip(&widths)
                .map(|(spans, width)| break_lines(spans, width - 2.0 * CELL_PADDING, Align::Left, self.fonts))
                .collect();
            let height = cells
                .iter()
                .map(|lines| lines.iter().map(|l| l.height).sum::<f32>())
                .fold(0.0, f32::max)
                + 2.0 * CELL_PADDING;
            rows.push((height, cells));
        }
        rows
    }

    fn column_widths(&self, table: &Table) -> Vec<f32> {
        let total: f32 = table.widths.iter().sum::<f32>().max(f32::EPSILON);
        let width = self.geometry.text_width() - table.indent;
        table.widths.iter().map(|w| w / total * width).collect()
    }

    fn table(&mut self, table: &Table) {
        let widths = self.column_widths(table);
        let rows = self.table_rows(table);
        let Some((header, body)) = rows.split_first() else {
            return;
        };
        let left = self.geometry.left + table.indent;
        self.y += TABLE_SPACE_BEFORE;
        if header.0 + body.first().map_or(0.0, |r| r.0) > self.room() && !self.at_top() {
            self.new_page();
        }
        self.table_row(header, &widths, left, true);
        for row in body {
            if row.0 > self.room() && !self.at_top() {
                self.new_page();
                self.table_row(header, &widths, left, true);
            }
            self.table_row(row, &widths, left, false);
        }
        self.y += 8.0;
    }

    fn table_row(
        &mut self,
        (height, cells): &(f32, Vec<Vec<Line>>),
        widths: &[f32],
        left: f32,
        header: bool,
    ) {
        let top = self.y;
        let total: f32 = widths.iter().sum();
        if header {
            self.page().items.push(Item::Shade {
                x: left,
                y: top,
                width: total,
                height: *height,
                color: (235, 235, 235),
            });
        }
        let mut x = left;
        for (lines, width) in cells.iter().zip(widths) {
            self.y = top + CELL_PADDING;
            for line in lines {
                self.place_line(line, x + CELL_PADDING);
            }
            x += width;
        }
        let bottom = top + height;
        let rule = |from, to| Item::Rule {
            from,
            to,
            width: 0.5,
            color: GREY,
        };
        let mut x = left;
        let mut rules = vec![
            rule((left, top), (left + total, top)),
            rule((left, bottom), (left + total, bottom)),
            rule((left, top), (left, bottom)),
        ];
        for width in widths {
            x += width;
            rules.push(rule((x, top), (x, bottom)));
        }
        self.page().items.extend(rules);
        self.y = bottom;
    }

    fn chart(&mut self, chart: &crate::chart::Chart) {
        let height = chart.block_height();
        if height > self.room() && !self.at_top() {
            self.new_page();
        }
        let (left, top, width) = (self.geometry.left, self.y, self.geometry.text_width());
        let items = crate::chart::items(chart, left, top, width, self.fonts);
        self.page().items.extend(items);
        self.y += height;
    }

    fn signature_lines(&self, signatory: &Signatory, width: f32) -> Vec<Line> {
        let bold = Style::new(Face::Bold, 10.5);
        let regular = Style::new(Face::Regular, 10.5);
        let field = |label: &str, value: &str| {
            let value = if value.trim().is_empty() { "" } else { value };
            break_lines(
                &[Span::new(format!("{label}: {value}"), regular)],
                width,
                Align::Left,
                self.fonts,
            )
        };
        let mut lines = break_lines(
            &[Span::new(signatory.role.clone(), bold)],
            width,
            Align::Left,
            self.fonts,
        );
        lines.extend(break_lines(
            &[Span::new(signatory.party.clone(), regular)],
            width,
            Align::Left,
            self.fonts,
        ));
        lines.extend(field("Name", &signatory.name));
        lines.extend(field("Title", &signatory.title));
        lines
    }

    /// Room for the signature line and the date under the named lines.
    const SIGNATURE_SPACE: f32 = 90.0;

    fn signatures_height(&self, signatories: &[Signatory]) -> f32 {
        let width = self.column_width(signatories.len());
        signatories
            .iter()
            .map(|s| {
                self.signature_lines(s, width)
                    .iter()
                    .map(|l| l.height)
                    .sum::<f32>()
            })
            .fold(0.0, f32::max)
            + Self::SIGNATURE_SPACE
    }

    fn column_width(&self, columns: usize) -> f32 {
        let gap = 24.0;
        let columns = columns.max(1) as f32;
        (self.geometry.text_width() - gap * (columns - 1.0)) / columns
    }

    fn signatures(&mut self, signatories: &[Signatory]) {
        let height = self.signatures_height(signatories);
        self.y += 12.0;
        if height > self.room() && !self.at_top() {
            self.new_page();
        }
        let top = self.y;
        let width = self.column_width(signatories.len());
        let regular = Style::new(Face::Regular, 10.5);
        for (i, signatory) in signatories.iter().enumerate() {
            let x = self.geometry.left + i as f32 * (width + 24.0);
            self.y = top;
            for line in self.signature_lines(signatory, width) {
                self.place_line(&line, x);
            }
            // The line to sign on, and the date.
            self.y += 36.0;
            let signature = self.y;
            self.page().items.push(Item::Rule {
                from: (x, signature),
                to: (x + width * 0.9, signature),
                width: 0.75,
                color: BLACK,
            });
            for (label, offset) in [("Signature", 12.0), ("Date:", 40.0)] {
                let line = break_lines(&[Span::new(label, regular)], width, Align::Left, self.fonts);
                self.y = signature + offset - line[0].ascent + 2.0;
                self.place_line(&line[0], x);
            }
            self.page().items.push(Item::Rule {
                from: (x + 30.0, signature + 40.0 + 2.0),
                to: (x + width * 0.9, signature + 40.0 + 2.0),
                width: 0.5,
                color: BLACK,
            });
        }
        self.y = top + height;
    }

    fn contents(&mut self, headings: &[(u8, String)], first_heading: usize) {
        let style = Style::new(Face::Regular, 10.5);
        let number_room = 36.0;
        for (offset, (level, title)) in headings.iter().enumerate() {
            if *level > CONTENTS_DEPTH {
                continue;
            }
            let indent = f32::from(level.saturating_sub(1)) * 18.0;
            let entry_style = if *level == 1 {
                Style::new(Face::Bold, 10.5)
            } else {
                style
            };
            let width = self.geometry.text_width() - indent - number_room;
            let lines = break_lines(
                &[Span::new(title.clone(), entry_style)],
                width,
                Align::Left,
                self.fonts,
            );
            if *level == 1 && !self.at_top() {
                self.y += 4.0;
            }
            let total: f32 = lines.iter().map(|l| l.height).sum();
            if total > self.room() {
                self.new_page();
            }
            let x = self.geometry.left + indent;
            for line in &lines {
                self.place_line(line, x);
            }
            if let Some(last) = lines.last() {
                let end = last.fragments.last().map_or(0.0, |f| f.x + f.width);
                let entry = Item::PageOf {
                    heading: first_heading + offset,
                    right: self.geometry.width - self.geometry.right,
                    leader_from: x + end + 4.0,
                    baseline: self.y - last.height + last.ascent,
                    style,
                };
                self.page().items.push(entry);
            }
        }
    }
}

/// Lays the blocks out on pages.
pub fn layout(blocks: &[Block], geometry: Geometry, fonts: &Fonts) -> Layout {
    let mut paginator = Paginator {
        geometry,
        fonts,
        layout: Layout::default(),
        y: geometry.top,
        broken: RefCell::new(HashMap::new()),
    };
    paginator.page();
    let headings_in = |blocks: &[Block]| -> Vec<(u8, String)> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => p.outline.map(|level| (level, p.text())),
                _ => None,
            })
            .collect()
    };
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Paragraph(p) => paginator.paragraph(p, &blocks[i + 1..]),
            Block::Table(t) => paginator.table(t),
            Block::Signatures(s) => paginator.signatures(s),
            Block::Chart(chart) => paginator.chart(chart),
            Block::Contents => {
                let before = headings_in(&blocks[..i]).len();
                paginator.contents(&headings_in(&blocks[i + 1..]), before);
            }
            Block::PageBreak => {
                if !paginator.at_top() {
                    paginator.new_page();
                }
            }
        }
    }
    paginator.layout
}

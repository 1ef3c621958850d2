//! The last step of layout, once the page count is known: each contents entry gets its page
//! number and dotted leader, every page but the first a running header, and every page a
//! footer with the fingerprint and "Page N of M". What comes out holds only text, rules and
//! shading, for the PDF writer and the preview alike.

use crate::blocks::{GREY, Mark, Style};
use crate::fonts::{Face, Fonts};
use crate::lines::Fragment;
use crate::paginate::{Geometry, Heading, Item, Layout, Page};

/// What goes around the laid-out pages and into the metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Info {
    pub title: String,
    /// Shown at the top of every page but the first.
    pub header: String,
    /// Shown at the bottom left of every page (the fingerprint).
    pub footer: String,
    pub authors: Vec<String>,
    pub description: String,
    pub keywords: Vec<String>,
    /// The document's date (the round's time), which also makes the bytes repeatable.
    pub created: jiff::Timestamp,
    pub document_id: String,
}

fn fragment(text: String, x: f32, style: Style, fonts: &Fonts) -> Fragment {
    Fragment {
        x,
        width: fonts.face(style.face).width(&text, style.size),
        text,
        style,
        word_spacing: 0.0,
    }
}

fn text(text: String, x: f32, baseline: f32, style: Style, fonts: &Fonts) -> Item {
    Item::Text {
        baseline,
        fragment: fragment(text, x, style, fonts),
    }
}

fn rule(from: (f32, f32), to: (f32, f32)) -> Item {
    Item::Rule {
        from,
        to,
        width: 0.4,
        color: GREY,
    }
}

/// `text`, cut short with "…" if it is wider than `width`.
fn fitted(text: &str, width: f32, style: Style, fonts: &Fonts) -> String {
    let face = fonts.face(style.face);
    if face.width(text, style.size) <= width {
        return text.to_owned();
    }
    let room = width - face.width("…", style.size);
    let mut used = 0.0;
    let kept: String = text
        .chars()
        .take_while(|c| {
            used += face.glyph(*c).1 * style.size;
            used <= room
        })
        .collect();
    format!("{}…", kept.trim_end())
}

/// A contents entry's page number, right-aligned, after a dotted leader.
fn page_number(
    fonts: &Fonts,
    headings: &[Heading],
    (heading, right, leader_from, baseline, style): (usize, f32, f32, f32, Style),
) -> Vec<Item> {
    let Some(target) = headings.get(heading) else {
        return Vec::new();
    };
    let number = fragment((target.page + 1).to_string(), 0.0, style, fonts);
    let x = right - number.width;
    let mut items = Vec::new();
    let dot = fonts.face(Face::Regular).width(". ", style.size);
    let room = x - 6.0 - leader_from;
    if room > dot * 2.0 {
        let count = (room / dot).floor() as usize;
        let dots = ". ".repeat(count).trim_end().to_owned();
        let start = x - 6.0 - dot * count as f32;
        items.push(text(
            dots,
            start,
            baseline,
            style.colored(GREY, Mark::None),
            fonts,
        ));
    }
    items.push(Item::Text {
        baseline,
        fragment: Fragment { x, ..number },
    });
    items
}

/// The pages as they are drawn.
pub fn finished_pages(layout: &Layout, info: &Info, geometry: Geometry, fonts: &Fonts) -> Vec<Page> {
    let total = layout.pages.len();
    let small = Style::new(Face::Regular, 8.0).colored(GREY, Mark::None);
    let (left, right) = (geometry.left, geometry.width - geometry.right);
    layout
        .pages
        .iter()
        .enumerate()
        .map(|(index, page)| {
            let mut items = Vec::with_capacity(page.items.len() + 6);
            for item in &page.items {
                match item {
                    Item::PageOf {
                        heading,
                        right,
                        leader_from,
                        baseline,
                        style,
                    } => items.extend(page_number(
                        fonts,
                        &layout.headings,
                        (*heading, *right, *leader_from, *baseline, *style),
                    )),
                    other => items.push(other.clone()),
                }
            }
            if index > 0 {
                let header = fitted(&info.header, right - left, small, fonts);
                items.push(text(header, left, geometry.top - 30.0, small, fonts));
                items.push(rule((left, geometry.top - 24.0), (right, geometry.top - 24.0)));
            }
            let footer_y = geometry.height - geometry.bottom + 36.0;
            items.push(rule((left, footer_y - 12.0), (right, footer_y - 12.0)));
            let number = fragment(format!("Page {} of {total}", index + 1), 0.0, small, fonts);
            let footer = fitted(&info.footer, right - left - number.width - 12.0, small, fonts);
            items.push(text(footer, left, footer_y, small, fonts));
            items.push(Item::Text {
                baseline: footer_y,
                fragment: Fragment {
                    x: right - number.width,
                    ..number
                },
            });
            Page { items }
        })
        .collect()
}

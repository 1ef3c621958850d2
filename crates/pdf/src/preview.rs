//! The first pages of a document as the PDF will draw them — the same layout, positions in
//! points — for the export dialog to show before anything is saved.

use serde::Serialize;
use ts_rs::TS;

use crate::blocks::{Color, Mark};
use crate::fonts::Face;
use crate::paginate::{Geometry, Item, Page};

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Preview {
    /// The page size in points.
    pub width: f32,
    pub height: f32,
    /// How many pages the whole document has.
    pub total_pages: u32,
    /// The first pages.
    pub pages: Vec<PreviewPage>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct PreviewPage {
    pub items: Vec<PreviewItem>,
}

/// Something drawn on a page (points from the top left; colours as `#rrggbb`).
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PreviewItem {
    /// One run of text, `width` points wide as laid out.
    Text {
        x: f32,
        baseline: f32,
        width: f32,
        text: String,
        size: f32,
        bold: bool,
        italic: bool,
        color: String,
        underline: bool,
        strike: bool,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: String,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        color: String,
    },
}

fn hex(color: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2)
}

fn item(item: &Item) -> Option<PreviewItem> {
    Some(match item {
        Item::Text { baseline, fragment } => PreviewItem::Text {
            x: fragment.x,
            baseline: *baseline,
            width: fragment.width,
            text: fragment.text.clone(),
            size: fragment.style.size,
            bold: fragment.style.face == Face::Bold,
            italic: fragment.style.face == Face::Italic,
            color: hex(fragment.style.color),
            underline: fragment.style.mark == Mark::Underline,
            strike: fragment.style.mark == Mark::Strike,
        },
        Item::Rule {
            from,
            to,
            width,
            color,
        } => PreviewItem::Line {
            x1: from.0,
            y1: from.1,
            x2: to.0,
            y2: to.1,
            width: *width,
            color: hex(*color),
        },
        Item::Shade {
            x,
            y,
            width,
            height,
            color,
        } => PreviewItem::Rect {
            x: *x,
            y: *y,
            width: *width,
            height: *height,
            color: hex(*color),
        },
        Item::PageOf { .. } => return None,
    })
}

/// The first `count` of the finished pages.
pub fn preview(pages: &[Page], geometry: Geometry, count: usize) -> Preview {
    Preview {
        width: geometry.width,
        height: geometry.height,
        total_pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
        pages: pages
            .iter()
            .take(count)
            .map(|page| PreviewPage {
                items: page.items.iter().filter_map(item).collect(),
            })
            .collect(),
    }
}

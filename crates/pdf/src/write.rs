//! Writing laid-out pages as PDF/A-2b with krilla: glyphs placed exactly where the layout
//! measured them (with the text behind them, so the PDF can be searched and copied), rules and
//! shading, a header and a "Page N of M" footer with the fingerprint on every page, a nested
//! outline, and metadata. The same layout, info and clock always give the same bytes.

use krilla::Document;
use krilla::color::rgb;
use krilla::configure::{Configuration, Validator};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Size};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::text::KrillaGlyph;

use crate::PdfError;
use crate::blocks::{Color, Mark};
use crate::decorate::{Info, finished_pages};
use crate::fonts::Fonts;
use crate::lines::Fragment;
use crate::paginate::{Geometry, Heading, Item, Layout};

fn fill(color: Color) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::default(),
    }
}

fn draw_text(surface: &mut Surface<'_>, fonts: &Fonts, fragment: &Fragment, baseline: f32) {
    let style = fragment.style;
    let face = fonts.face(style.face);
    let text = fragment.text.as_str();
    let shaped = face.shape(text);
    let glyphs: Vec<KrillaGlyph> = shaped
        .iter()
        .enumerate()
        .map(|(i, glyph)| {
            let end = shaped
                .get(i + 1)
                .map_or(text.len(), |next| next.cluster.max(glyph.cluster));
            let range = glyph.cluster..end.max(glyph.cluster);
            let mut advance = glyph.advance;
            if text[range.clone()].starts_with(' ') {
                advance += fragment.word_spacing / style.size;
            }
            KrillaGlyph::new(glyph.id, advance, 0.0, 0.0, 0.0, range, None)
        })
        .collect();
    surface.set_fill(Some(fill(style.color)));
    surface.draw_glyphs(
        Point::from_xy(fragment.x, baseline),
        &glyphs,
        face.font.clone(),
        text,
        style.size,
        false,
    );
    let offset = match style.mark {
        Mark::None => return,
        Mark::Underline => style.size * 0.12,
        Mark::Strike => -style.size * 0.28,
    };
    let y = baseline + offset;
    rule(
        surface,
        (fragment.x, y),
        (fragment.x + fragment.width, y),
        style.size * 0.06,
        style.color,
    );
}

fn rule(surface: &mut Surface<'_>, from: (f32, f32), to: (f32, f32), width: f32, color: Color) {
    let mut path = PathBuilder::new();
    path.move_to(from.0, from.1);
    path.line_to(to.0, to.1);
    let Some(path) = path.finish() else {
        return;
    };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        width,
        ..Stroke::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}

fn shade(surface: &mut Surface<'_>, x: f32, y: f32, width: f32, height: f32, color: Color) {
    let Some(rect) = Rect::from_xywh(x, y, width, height) else {
        return;
    };
    let mut path = PathBuilder::new();
    path.push_rect(rect);
    if let Some(path) = path.finish() {
        surface.set_stroke(None);
        surface.set_fill(Some(fill(color)));
        surface.draw_path(&path);
    }
}

fn outline(headings: &[Heading], left: f32) -> Outline {
    let mut outline = Outline::new();
    let mut current: Option<OutlineNode> = None;
    for heading in headings {
        let node = OutlineNode::new(
            heading.title.clone(),
            XyzDestination::new(heading.page, Point::from_xy(left, heading.y)),
        );
        if heading.level <= 1 {
            if let Some(done) = current.replace(node) {
                outline.push_child(done);
            }
        } else {
            match current.as_mut() {
                Some(parent) => parent.push_child(node),
                None => outline.push_child(node),
            }
        }
    }
    if let Some(done) = current {
        outline.push_child(done);
    }
    outline
}

fn date_time(timestamp: jiff::Timestamp) -> DateTime {
    let utc = timestamp.to_zoned_datetime(jiff::tz::TimeZone::UTC).datetime();
    let year = u16::try_from(utc.year()).unwrap_or(2000);
    let part = |v: i8| u8::try_from(v).unwrap_or(0);
    DateTime::new(year)
        .month(part(utc.month()))
        .day(part(utc.day()))
        .hour(part(utc.hour()))
        .minute(part(utc.minute()))
        .second(part(utc.second()))
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// Writes the pages. The first page (the title page) carries no running header.
/// `progress(pages done, pages in all)` is called as each page is drawn.
pub fn write(
    layout: &Layout,
    info: &Info,
    geometry: Geometry,
    fonts: &Fonts,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<u8>, PdfError> {
    let settings = krilla::SerializeSettings {
        configuration: Configuration::new_with_validator(Validator::A2_B),
        enable_tagging: false,
        ..krilla::SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    let size = Size::from_wh(geometry.width, geometry.height).ok_or(PdfError::Layout("page size"))?;
    let pages = finished_pages(layout, info, geometry, fonts);
    let total = pages.len();
    for (index, page) in pages.into_iter().enumerate() {
        let mut pdf_page = document.start_page_with(PageSettings::new(size));
        let mut surface = pdf_page.surface();
        for item in &page.items {
            match item {
                Item::Text { baseline, fragment } => draw_text(&mut surface, fonts, fragment, *baseline),
                Item::Rule {
                    from,
                    to,
                    width,
                    color,
                } => rule(&mut surface, *from, *to, *width, *color),
                Item::Shade {
                    x,
                    y,
                    width,
                    height,
                    color,
                } => shade(&mut surface, *x, *y, *width, *height, *color),
                // Resolved into text by `finished_pages`.
                Item::PageOf { .. } => {}
            }
        }
        surface.finish();
        pdf_page.finish();
        progress(index + 1, total);
    }
    document.set_outline(outline(&layout.headings, geometry.left));
    let metadata = Metadata::new()
        .title(info.title.clone())
        .authors(info.authors.clone())
        .description(info.description.clone())
        .keywords(info.keywords.clone())
        .creator("SLA Studio".into())
        .producer("SLA Studio".into())
        .language("en".into())
        .document_id(info.document_id.clone())
        .creation_date(date_time(info.created));
    document.set_metadata(metadata);
    document.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
}

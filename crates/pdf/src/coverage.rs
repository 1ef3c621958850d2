//! Before a PDF is made: every character must be one the shipped font can draw. A contract
//! must not print with characters silently dropped or shown as empty boxes, so text the font
//! lacks (CJK, emoji) is a clear error that names the characters and where they first occur.

use crate::PdfError;
use crate::blocks::{Block, Span};
use crate::decorate::Info;
use crate::fonts::Fonts;

/// How many distinct missing characters the error lists.
const LISTED: usize = 8;

/// A character the PDF draws (the rest are spaces, or dropped as `lines::shown` says).
fn drawn(c: char) -> bool {
    !c.is_whitespace() && crate::lines::shown(c)
}

/// Every text of the document with the face it is set in.
fn texts<'a>(blocks: &'a [Block], info: &'a Info) -> Vec<(&'a str, crate::fonts::Face)> {
    use crate::fonts::Face;
    let mut out: Vec<(&str, Face)> = Vec::new();
    let spans = |spans: &'a [Span], out: &mut Vec<(&'a str, Face)>| {
        out.extend(spans.iter().map(|s| (s.text.as_str(), s.style.face)));
    };
    for block in blocks {
        match block {
            Block::Paragraph(p) => spans(&p.spans, &mut out),
            Block::Table(t) => {
                out.extend(t.header.iter().map(|h| (h.as_str(), Face::Bold)));
                for cell in t.rows.iter().flatten() {
                    spans(cell, &mut out);
                }
            }
            Block::Signatures(signatories) => {
                for s in signatories {
                    out.extend([&s.role, &s.party, &s.name, &s.title].map(|t| (t.as_str(), Face::Regular)));
                }
            }
            Block::Chart(chart) => {
                for bar in &chart.bars {
                    out.extend([&bar.label, &bar.caption].map(|t| (t.as_str(), Face::Regular)));
                }
                out.extend(chart.levels.iter().map(|l| (l.label.as_str(), Face::Bold)));
            }
            Block::Contents | Block::PageBreak => {}
        }
    }
    out.extend([&info.header, &info.footer].map(|t| (t.as_str(), Face::Regular)));
    out
}

pub fn check(blocks: &[Block], info: &Info, fonts: &Fonts) -> Result<(), PdfError> {
    let mut missing: Vec<char> = Vec::new();
    let mut context = None;
    for (text, face) in texts(blocks, info) {
        let face = fonts.face(face);
        for (at, c) in text
            .chars()
            .enumerate()
            .filter(|(_, c)| drawn(*c) && !face.has(*c))
        {
            if context.is_none() {
                // The words around the first one, so the reader can find it.
                let from = at.saturating_sub(40);
                let around: String = text.chars().skip(from).take(at - from + 20).collect();
                context = Some(if from > 0 { format!("…{around}") } else { around });
            }
            if !missing.contains(&c) {
                missing.push(c);
            }
        }
    }
    let Some(context) = context else {
        return Ok(());
    };
    let mut characters: Vec<String> = missing
        .iter()
        .take(LISTED)
        .map(|c| format!("{c} U+{:04X}", u32::from(*c)))
        .collect();
    if missing.len() > LISTED {
        characters.push(format!("and {} more", missing.len() - LISTED));
    }
    Err(PdfError::MissingGlyphs {
        characters: characters.join(", "),
        context,
    })
}

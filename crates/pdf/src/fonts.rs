//! The typefaces shipped with the app (Liberation Serif, OFL: `fonts/LICENSE-OFL.txt`): the
//! same bytes on every machine, embedded and subset in every PDF. Widths come from the fonts'
//! own advance widths, so what is measured is exactly what is drawn.

use std::collections::HashMap;

use krilla::text::{Font, GlyphId};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

const REGULAR: &[u8] = include_bytes!("../fonts/LiberationSerif-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/LiberationSerif-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-Italic.ttf");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
    Italic,
}

/// One typeface: its krilla font and, per character, the glyph and its advance (in ems).
pub struct Typeface {
    pub font: Font,
    glyphs: HashMap<char, (u32, f32)>,
    /// The glyph drawn for a character the font lacks.
    missing: (u32, f32),
    pub ascent: f32,
}

impl Typeface {
    fn load(bytes: &'static [u8]) -> Option<Self> {
        let font_ref = skrifa::FontRef::new(bytes).ok()?;
        let metrics = font_ref.metrics(Size::unscaled(), LocationRef::default());
        let units = f32::from(metrics.units_per_em);
        let widths = font_ref.glyph_metrics(Size::unscaled(), LocationRef::default());
        let advance = |gid: skrifa::GlyphId| widths.advance_width(gid).unwrap_or(0.0) / units;
        let glyphs = font_ref
            .charmap()
            .mappings()
            .filter_map(|(code, gid)| char::from_u32(code).map(|c| (c, (gid.to_u32(), advance(gid)))))
            .collect();
        let font = Font::new(bytes.to_vec().into(), 0)?;
        Some(Typeface {
            font,
            glyphs,
            missing: (0, advance(skrifa::GlyphId::new(0))),
            ascent: metrics.ascent / units,
        })
    }

    /// The glyph for `c` and its advance in ems.
    pub fn glyph(&self, c: char) -> (GlyphId, f32) {
        let (id, advance) = self.glyphs.get(&c).copied().unwrap_or(self.missing);
        (GlyphId::new(id), advance)
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c).1).sum::<f32>() * size
    }
}

/// The three faces a document uses.
pub struct Fonts {
    pub regular: Typeface,
    pub bold: Typeface,
    pub italic: Typeface,
}

impl Fonts {
    /// Loads the shipped fonts; `None` only if the files in the binary were damaged.
    pub fn load() -> Option<Self> {
        Some(Fonts {
            regular: Typeface::load(REGULAR)?,
            bold: Typeface::load(BOLD)?,
            italic: Typeface::load(ITALIC)?,
        })
    }

    pub fn face(&self, face: Face) -> &Typeface {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            Face::Italic => &self.italic,
        }
    }
}

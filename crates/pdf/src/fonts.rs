//! The typefaces shipped with the app (Liberation Serif, OFL: `fonts/LICENSE-OFL.txt`): the
//! same bytes on every machine, embedded and subset in every PDF. Text is shaped with
//! rustybuzz (kerning, the font's own positioning), each distinct run once, and drawn with
//! exactly the glyphs and advances it was measured with.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

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

/// One glyph of shaped text: its id, advance (in ems) and the byte where its text starts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShapedGlyph {
    pub id: GlyphId,
    pub advance: f32,
    pub cluster: usize,
}

/// Words up to this many bytes are shaped, and kept once shaped; longer runs (web addresses,
/// the pieces of a hostile 1,000,000-character word) are set glyph by glyph from the
/// character map, where kerning hardly shows.
const MAX_SHAPED_BYTES: usize = 64;

/// One typeface: its krilla font, its shaper, and per character the glyph and its advance
/// (in ems) for text too long to shape.
pub struct Typeface {
    pub font: Font,
    shaper: rustybuzz::Face<'static>,
    units_per_em: f32,
    shaped: RefCell<HashMap<String, Rc<Vec<ShapedGlyph>>>>,
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
            shaper: rustybuzz::Face::from_slice(bytes, 0)?,
            units_per_em: units,
            shaped: RefCell::new(HashMap::new()),
            glyphs,
            missing: (0, advance(skrifa::GlyphId::new(0))),
            ascent: metrics.ascent / units,
        })
    }

    /// Whether the font can draw `c`.
    pub fn has(&self, c: char) -> bool {
        self.glyphs.contains_key(&c)
    }

    /// The glyph for `c` and its advance in ems.
    pub fn glyph(&self, c: char) -> (GlyphId, f32) {
        let (id, advance) = self.glyphs.get(&c).copied().unwrap_or(self.missing);
        (GlyphId::new(id), advance)
    }

    /// `text` shaped left to right, word by word (kerning within words; a space is its own
    /// glyph, which justification widens). Each distinct word is shaped once.
    pub fn shape(&self, text: &str) -> Vec<ShapedGlyph> {
        let mut glyphs = Vec::with_capacity(text.len());
        let mut start = 0;
        for (at, c) in text.char_indices().filter(|(_, c)| *c == ' ') {
            self.shape_run(&text[start..at], start, &mut glyphs);
            let (id, advance) = self.glyph(c);
            glyphs.push(ShapedGlyph {
                id,
                advance,
                cluster: at,
            });
            start = at + c.len_utf8();
        }
        self.shape_run(&text[start..], start, &mut glyphs);
        glyphs
    }

    /// One word's glyphs, their clusters offset by `offset`, appended to `out`.
    fn shape_run(&self, run: &str, offset: usize, out: &mut Vec<ShapedGlyph>) {
        if run.is_empty() {
            return;
        }
        let shift = |g: &ShapedGlyph| ShapedGlyph {
            cluster: g.cluster + offset,
            ..*g
        };
        if let Some(done) = self.shaped.borrow().get(run) {
            out.extend(done.iter().map(shift));
            return;
        }
        let glyphs: Vec<ShapedGlyph> = if run.len() > MAX_SHAPED_BYTES {
            run.char_indices()
                .map(|(cluster, c)| {
                    let (id, advance) = self.glyph(c);
                    ShapedGlyph { id, advance, cluster }
                })
                .collect()
        } else {
            let mut buffer = rustybuzz::UnicodeBuffer::new();
            buffer.push_str(run);
            buffer.guess_segment_properties();
            buffer.set_direction(rustybuzz::Direction::LeftToRight);
            let output = rustybuzz::shape(&self.shaper, &[], buffer);
            output
                .glyph_infos()
                .iter()
                .zip(output.glyph_positions())
                .map(|(info, position)| ShapedGlyph {
                    id: GlyphId::new(info.glyph_id),
                    advance: position.x_advance as f32 / self.units_per_em,
                    cluster: info.cluster as usize,
                })
                .collect()
        };
        out.extend(glyphs.iter().map(shift));
        if run.len() <= MAX_SHAPED_BYTES {
            self.shaped.borrow_mut().insert(run.to_owned(), Rc::new(glyphs));
        }
    }

    /// The width of `text` at `size` points, as shaped.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.shape(text).iter().map(|g| g.advance).sum::<f32>() * size
    }
}

/// The three faces a document uses, and the English hyphenation patterns that break words
/// at line ends in justified text.
pub struct Fonts {
    pub regular: Typeface,
    pub bold: Typeface,
    pub italic: Typeface,
    pub hyphenation: hyphenation::Standard,
}

impl Fonts {
    /// Loads the shipped fonts; `None` only if the files in the binary were damaged.
    pub fn load() -> Option<Self> {
        use hyphenation::Load;
        Some(Fonts {
            regular: Typeface::load(REGULAR)?,
            bold: Typeface::load(BOLD)?,
            italic: Typeface::load(ITALIC)?,
            hyphenation: hyphenation::Standard::from_embedded(hyphenation::Language::EnglishUS).ok()?,
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

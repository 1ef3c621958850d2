//! The typefaces shipped with the app (Liberation Serif, OFL: `fonts/LICENSE-OFL.txt`): the
//! same bytes on every machine, embedded and subset in every PDF. Text is shaped with
//! harfrust (HarfBuzz's shaping in Rust: kerning, the font's own positioning), each distinct
//! run once, and drawn with exactly the glyphs and advances it was measured with.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use krilla::text::{Font, GlyphId};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

use crate::hyphenation::Hyphenation;

/// A face shipped in the binary, with the shaper's tables for it, read once per process.
struct Shipped {
    bytes: &'static [u8],
    shaping: OnceLock<harfrust::ShaperData>,
}

static REGULAR: Shipped = Shipped {
    bytes: include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    shaping: OnceLock::new(),
};
static BOLD: Shipped = Shipped {
    bytes: include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    shaping: OnceLock::new(),
};
static ITALIC: Shipped = Shipped {
    bytes: include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    shaping: OnceLock::new(),
};

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

/// One typeface: its krilla font, its shaper (with a shaping plan per script), and per
/// character the glyph and its advance (in ems) for text too long to shape.
pub struct Typeface {
    pub font: Font,
    shaper: harfrust::Shaper<'static>,
    plans: RefCell<HashMap<harfrust::Script, Rc<harfrust::ShapePlan>>>,
    units_per_em: f32,
    shaped: RefCell<HashMap<String, Rc<Vec<ShapedGlyph>>>>,
    glyphs: HashMap<char, (u32, f32)>,
    /// The glyph drawn for a character the font lacks.
    missing: (u32, f32),
    pub ascent: f32,
}

impl Typeface {
    fn load(shipped: &'static Shipped) -> Option<Self> {
        let bytes = shipped.bytes;
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
            shaper: shipped
                .shaping
                .get_or_init(|| harfrust::ShaperData::new(&font_ref))
                .shaper(&font_ref)
                .build(),
            plans: RefCell::new(HashMap::new()),
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
            let mut buffer = harfrust::UnicodeBuffer::new();
            buffer.push_str(run);
            buffer.guess_segment_properties();
            buffer.set_direction(harfrust::Direction::LeftToRight);
            let plan = self.plan(&buffer);
            let output = self.shaper.shape_with_plan(&plan, buffer, &[]);
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

    /// The shaping plan for the buffer's script (left to right, no extra features), made once
    /// per script: making one reads the font's feature tables.
    fn plan(&self, buffer: &harfrust::UnicodeBuffer) -> Rc<harfrust::ShapePlan> {
        let script = buffer.script();
        if let Some(plan) = self.plans.borrow().get(&script) {
            return Rc::clone(plan);
        }
        let language = buffer.language();
        let plan = Rc::new(harfrust::ShapePlan::new(
            &self.shaper,
            harfrust::Direction::LeftToRight,
            Some(script),
            language.as_ref(),
            &[],
        ));
        self.plans.borrow_mut().insert(script, Rc::clone(&plan));
        plan
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
    pub hyphenation: Hyphenation,
}

impl Fonts {
    /// Loads the shipped fonts; `None` only if the files in the binary were damaged.
    pub fn load() -> Option<Self> {
        Some(Fonts {
            regular: Typeface::load(&REGULAR)?,
            bold: Typeface::load(&BOLD)?,
            italic: Typeface::load(&ITALIC)?,
            hyphenation: Hyphenation::english(),
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

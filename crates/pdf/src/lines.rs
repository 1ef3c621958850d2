//! Breaking styled text into lines: words measured from the fonts, filled greedily, justified
//! by widening the spaces (never beyond three times their width: a line that would need more
//! stays ragged), and a word longer than the line broken between characters.

use crate::blocks::{Align, Span, Style};
use crate::fonts::Fonts;

/// A run of text on a line in one style, drawn from `x`.
#[derive(Clone, Debug, PartialEq)]
pub struct Fragment {
    pub x: f32,
    pub text: String,
    pub style: Style,
    /// Extra width added to each space (justification).
    pub word_spacing: f32,
    pub width: f32,
}

/// One line: its fragments (x from the line's start), height and baseline offset.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub fragments: Vec<Fragment>,
    pub height: f32,
    /// From the line's top to its baseline.
    pub ascent: f32,
}

/// A word: pieces of text in their styles, with the space that follows it (if any).
#[derive(Debug)]
struct Word {
    pieces: Vec<(String, Style)>,
    width: f32,
    space: Option<(Style, f32)>,
}

/// Text a PDF should not carry: control characters, zero-width characters and the invisible
/// marks that reorder text (bidi overrides and isolates), which hostile clause text may hold.
pub fn shown(c: char) -> bool {
    !(c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'))
}

/// A finished word's width as shaped (kerning included), piece by piece.
fn measured(mut word: Word, fonts: &Fonts) -> Word {
    word.width = word
        .pieces
        .iter()
        .map(|(text, style)| fonts.face(style.face).width(text, style.size))
        .sum();
    word
}

fn words(spans: &[Span], fonts: &Fonts) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut current = Word {
        pieces: Vec::new(),
        width: 0.0,
        space: None,
    };
    for span in spans {
        let face = fonts.face(span.style.face);
        for c in span.text.chars() {
            if c.is_whitespace() {
                if !current.pieces.is_empty() {
                    current.space = Some((span.style, face.width(" ", span.style.size)));
                    let done = std::mem::replace(
                        &mut current,
                        Word {
                            pieces: Vec::new(),
                            width: 0.0,
                            space: None,
                        },
                    );
                    words.push(measured(done, fonts));
                } else if let Some(last) = words.last_mut()
                    && last.space.is_none()
                {
                    last.space = Some((span.style, face.width(" ", span.style.size)));
                }
                continue;
            }
            if !shown(c) {
                continue;
            }
            match current.pieces.last_mut() {
                Some((text, style)) if *style == span.style => text.push(c),
                _ => current.pieces.push((c.to_string(), span.style)),
            }
        }
    }
    if !current.pieces.is_empty() {
        words.push(measured(current, fonts));
    }
    words
}

/// Splits a word wider than `width` into pieces that fit, between characters.
fn split_long(word: Word, width: f32, fonts: &Fonts) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current = Word {
        pieces: Vec::new(),
        width: 0.0,
        space: None,
    };
    for (text, style) in word.pieces {
        let face = fonts.face(style.face);
        for c in text.chars() {
            let advance = face.glyph(c).1 * style.size;
            if current.width + advance > width && !current.pieces.is_empty() {
                out.push(std::mem::replace(
                    &mut current,
                    Word {
                        pieces: Vec::new(),
                        width: 0.0,
                        space: None,
                    },
                ));
            }
            current.width += advance;
            match current.pieces.last_mut() {
                Some((t, s)) if *s == style => t.push(c),
                _ => current.pieces.push((c.to_string(), style)),
            }
        }
    }
    current.space = word.space;
    out.push(current);
    out
}

/// Splits a one-style word at the last hyphenation point whose first part, with a hyphen,
/// fits in `room`: (first part with its hyphen, the rest). Only plain words of six letters or
/// more in lower case (punctuation around them kept): never numbers, capitalised defined
/// terms or web addresses.
fn hyphenated(word: &Word, room: f32, fonts: &Fonts) -> Option<(Word, Word)> {
    let [(text, style)] = word.pieces.as_slice() else {
        return None;
    };
    let lead = text.len() - text.trim_start_matches(|c: char| !c.is_alphabetic()).len();
    let core = text[lead..].trim_end_matches(|c: char| !c.is_alphabetic());
    if core.chars().count() < 6 || !core.chars().all(char::is_lowercase) {
        return None;
    }
    let face = fonts.face(style.face);
    let breaks = fonts.hyphenation.breaks(core);
    let at = breaks
        .into_iter()
        .rev()
        .map(|b| lead + b)
        .find(|at| face.width(&format!("{}-", &text[..*at]), style.size) <= room)?;
    let head_text = format!("{}-", &text[..at]);
    let head = Word {
        width: face.width(&head_text, style.size),
        pieces: vec![(head_text, *style)],
        space: None,
    };
    let tail_text = text[at..].to_owned();
    let tail = Word {
        width: face.width(&tail_text, style.size),
        pieces: vec![(tail_text, *style)],
        space: word.space,
    };
    Some((head, tail))
}

/// How tall a line of text in these styles is, and where its baseline sits.
fn line_metrics(styles: impl Iterator<Item = Style>, fonts: &Fonts) -> (f32, f32) {
    let size = styles.map(|s| s.size).fold(0.0_f32, f32::max);
    let ascent = fonts.regular.ascent * size;
    (size * LEADING, ascent + (LEADING - 1.0) * size / 2.0)
}

/// Line height as a multiple of the font size.
pub const LEADING: f32 = 1.3;

/// Breaks `spans` into lines of at most `width` points.
pub fn break_lines(spans: &[Span], width: f32, align: Align, fonts: &Fonts) -> Vec<Line> {
    let mut all = Vec::new();
    for word in words(spans, fonts) {
        if word.width > width {
            all.extend(split_long(word, width, fonts));
        } else {
            all.push(word);
        }
    }
    let mut lines = Vec::new();
    let mut start = 0;
    while start < all.len() {
        let mut end = start + 1;
        let mut used = all[start].width;
        while end < all.len() {
            let gap = all[end - 1].space.map_or(0.0, |(_, w)| w);
            if used + gap + all[end].width > width {
                // A justified line that would stretch its spaces to more than one and a half
                // times their width takes the first syllables of the next word, hyphenated.
                let spare = width - used;
                let loose = spare > 0.5 * gap * (end - start - 1).max(1) as f32;
                if align == Align::Justify
                    && loose
                    && let Some((head, tail)) = hyphenated(&all[end], spare - gap, fonts)
                {
                    used += gap + head.width;
                    all[end] = tail;
                    all.insert(end, head);
                    end += 1;
                }
                break;
            }
            used += gap + all[end].width;
            end += 1;
        }
        let last = end == all.len();
        lines.push(line(
            &all[start..end],
            width,
            used,
            if last && align == Align::Justify {
                Align::Left
            } else {
                align
            },
            fonts,
        ));
        start = end;
    }
    if lines.is_empty() {
        let style = spans.first().map_or(
            crate::blocks::Style::new(crate::fonts::Face::Regular, 11.0),
            |s| s.style,
        );
        let (height, ascent) = line_metrics(std::iter::once(style), fonts);
        lines.push(Line {
            fragments: Vec::new(),
            height,
            ascent,
        });
    }
    lines
}

fn line(words: &[Word], width: f32, used: f32, align: Align, fonts: &Fonts) -> Line {
    let gaps = words.len().saturating_sub(1);
    let spaces: Vec<f32> = words[..gaps]
        .iter()
        .map(|w| w.space.map_or(0.0, |(_, s)| s))
        .collect();
    let spare = (width - used).max(0.0);
    let (mut x, extra) = match align {
        Align::Justify if gaps > 0 => {
            let extra = spare / gaps as f32;
            let typical = spaces.iter().sum::<f32>() / gaps as f32;
            (0.0, if extra <= typical * 3.0 { extra } else { 0.0 })
        }
        Align::Center => (spare / 2.0, 0.0),
        _ => (0.0, 0.0),
    };
    let mut fragments: Vec<Fragment> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let space_after = (i < gaps).then_some(word.space).flatten();
        let count = word.pieces.len();
        for (p, (text, style)) in word.pieces.iter().enumerate() {
            let face = fonts.face(style.face);
            let mut text = text.clone();
            let mut width = face.width(&text, style.size);
            // The space after the word goes with its last piece when the styles agree (an
            // insertion's underline runs on under the space); otherwise it is a gap.
            let mut gap = 0.0;
            if p + 1 == count
                && let Some((space_style, space_width)) = space_after
            {
                if space_style == *style {
                    text.push(' ');
                    width += space_width + extra;
                } else {
                    gap = space_width + extra;
                }
            }
            match fragments.last_mut() {
                Some(last) if last.style == *style && (last.x + last.width - x).abs() < 0.001 => {
                    last.text.push_str(&text);
                    last.width += width;
                }
                _ => fragments.push(Fragment {
                    x,
                    text,
                    style: *style,
                    word_spacing: extra,
                    width,
                }),
            }
            x += width + gap;
        }
    }
    let (height, ascent) = line_metrics(fragments.iter().map(|f| f.style), fonts);
    Line {
        fragments,
        height,
        ascent,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::fonts::Face;

    #[test]
    fn a_loose_justified_line_takes_a_hyphenated_syllable() {
        let fonts = Fonts::load().unwrap();
        let style = Style::new(Face::Regular, 11.0);
        let text = "It is agreed that responsibilities remain with the Provider.";
        let lines = break_lines(&[Span::new(text, style)], 120.0, Align::Justify, &fonts);
        let shown: Vec<String> = lines
            .iter()
            .map(|l| l.fragments.iter().map(|f| f.text.as_str()).collect())
            .collect();
        assert!(shown.iter().any(|l| l.trim_end().ends_with('-')), "{shown:#?}");
        let joined: String = shown
            .iter()
            .map(|l| l.trim_end().trim_end_matches('-').to_owned())
            .collect::<Vec<_>>()
            .join("");
        assert!(joined.contains("responsibilities"), "{joined}");
        // Capitalised defined terms are never broken.
        let terms = break_lines(
            &[Span::new("It is agreed that Responsibilities remain.", style)],
            120.0,
            Align::Justify,
            &fonts,
        );
        assert!(
            terms
                .iter()
                .all(|l| !l.fragments.iter().any(|f| f.text.trim_end().ends_with('-')))
        );
    }
}

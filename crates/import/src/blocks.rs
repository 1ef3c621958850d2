//! A document as a flat list of blocks (headings, list items, paragraphs), whichever reader
//! made it, and the tidying of their white space.

use std::borrow::Cow;

/// One block of the document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        text: String,
    },
    /// The first text of a list item, at a list depth (1 = top level), with the item's number.
    Item {
        depth: usize,
        number: Option<u64>,
        lead: Lead,
    },
    /// A paragraph that is not an item's first text.
    Paragraph {
        depth: usize,
        lead: Lead,
    },
    /// Text kept as it stands, which opens no clause: a table's rows, a code block, raw HTML.
    Verbatim {
        depth: usize,
        text: String,
    },
}

/// Text with an optional run-in heading (`<span class="header_3">Target Uptime.</span>` or
/// `**Target Uptime.**` at its very start).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lead {
    pub run_in: Option<String>,
    pub text: String,
}

/// Collapses runs of spaces (any Unicode white space but the line break) into one, trims each
/// line, keeps line breaks (blank lines dropped at the start and end), and removes control
/// characters (no text may hold them).
pub(crate) fn tidy(text: &str) -> String {
    tidy_cow(text).into_owned()
}

/// [`tidy`], keeping `text` itself when it is already tidy (most paragraphs).
pub(crate) fn tidy_owned(text: String) -> String {
    match tidy_cow(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(tidied) => tidied,
    }
}

fn tidy_cow(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let (unusual, doubled) = scan(bytes);
    if !unusual {
        let edge = |b: &u8| *b == b' ' || *b == b'\n';
        if !doubled && !bytes.first().is_some_and(edge) && !bytes.last().is_some_and(edge) {
            return Cow::Borrowed(text);
        }
        if memchr::memchr(b'\n', bytes).is_none() {
            return Cow::Owned(collapse_spaces(text));
        }
    }
    let mut out = String::with_capacity(text.len());
    let (mut breaks, mut space) = (0, false);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            breaks += 1;
            i += 1;
            continue;
        }
        let blank = space_at(text, i);
        if blank > 0 {
            space = true;
            i += blank;
            continue;
        }
        let start = i;
        i = word_end(text, i);
        let word = without_controls(text.get(start..i).unwrap_or_default());
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            if breaks > 0 {
                out.extend(std::iter::repeat_n('\n', breaks));
            } else if space {
                out.push(' ');
            }
        }
        out.push_str(&word);
        (breaks, space) = (0, false);
    }
    Cow::Owned(out)
}

/// A word without the control characters in it (no text may hold them, and they are no
/// words): C0, DEL and C1.
fn without_controls(word: &str) -> Cow<'_, str> {
    if word.bytes().any(|b| b < 0x20 || b == 0x7F || b == 0xC2) && word.chars().any(char::is_control) {
        Cow::Owned(word.chars().filter(|c| !c.is_control()).collect())
    } else {
        Cow::Borrowed(word)
    }
}

/// `tidy` for text whose only white space is the ASCII space (most paragraphs, often with
/// two spaces after a full stop): the runs found with a vectorised search.
fn collapse_spaces(text: &str) -> String {
    let trimmed = text.trim_matches(' ');
    let bytes = trimmed.as_bytes();
    let mut out = String::with_capacity(trimmed.len());
    let mut from = 0;
    for at in memchr::memmem::find_iter(bytes, b"  ") {
        if at < from {
            continue;
        }
        // A space is one byte: both ends of the run are character boundaries.
        out.push_str(&trimmed[from..=at]);
        from = at + 2;
        while bytes.get(from) == Some(&b' ') {
            from += 1;
        }
    }
    out.push_str(&trimmed[from..]);
    out
}

/// One pass over `bytes`: whether they hold a control character (tabs and carriage returns
/// among them) or white space other than the ASCII space and line break (a Unicode space:
/// U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), and whether
/// a space is doubled or touches a line break. The fold has no branches, which the compiler vectorises.
fn scan(bytes: &[u8]) -> (bool, bool) {
    const UNUSUAL: u8 = 1;
    const DOUBLED: u8 = 2;
    // Every C0 control but the line break (tabs and returns are white space, the others are
    // removed), DEL, and after 0xC2 the C1 controls (U+0085 among them) and U+00A0.
    let control = |b: u8| ((b < 0x20) & (b != b'\n')) | (b == 0x7F);
    let two = |a: u8, b: u8| (a == 0xC2) & ((b <= 0x9F) | (b == 0xA0));
    let doubled = |a: u8, b: u8| ((a == b' ') & ((b == b' ') | (b == b'\n'))) | ((a == b'\n') & (b == b' '));
    let three = |a: u8, b: u8, c: u8| {
        ((a == 0xE2)
            & (((b == 0x80) & ((c <= 0x8A) | (c == 0xA8) | (c == 0xA9) | (c == 0xAF)))
                | ((b == 0x81) & (c == 0x9F))))
            | ((a == 0xE1) & (b == 0x9A) & (c == 0x80))
            | ((a == 0xE3) & (b == 0x80) & (c == 0x80))
    };
    let flags = |unusual: bool, double: bool| (u8::from(unusual) * UNUSUAL) | (u8::from(double) * DOUBLED);
    let n = bytes.len();
    let mut found = bytes
        .iter()
        .zip(bytes.get(1..).unwrap_or_default())
        .zip(bytes.get(2..).unwrap_or_default())
        .fold(0u8, |any, ((&a, &b), &c)| {
            any | flags(control(a) | two(a, b) | three(a, b, c), doubled(a, b))
        });
    // The last two bytes, which start no window of three.
    if n >= 2 {
        let (a, b) = (bytes[n - 2], bytes[n - 1]);
        found |= flags(control(a) | two(a, b), doubled(a, b));
    }
    if let Some(&last) = bytes.last() {
        found |= flags(control(last), false);
    }
    (found & UNUSUAL != 0, found & DOUBLED != 0)
}

/// Where the word starting at byte `i` ends: at the next line break or white space. Bytes
/// that cannot start white space are skipped without decoding.
fn word_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(offset) = bytes[i..].iter().position(|&b| MAY_START_SPACE[usize::from(b)]) {
        i += offset;
        if bytes[i] == b'\n' || space_at(text, i) > 0 {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

/// The bytes that can start a line break or white space: ASCII spaces and controls, and the
/// lead bytes of Unicode spaces (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000).
const MAY_START_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b, 0x09..=0x0D | 0x20 | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        b += 1;
    }
    table
};

/// The length in bytes of the white space (other than a line break) that starts at byte `i`,
/// or 0. Every white-space character beyond ASCII starts with 0xC2, 0xE1, 0xE2 or 0xE3, so
/// only those are decoded (and a continuation byte never matches).
#[inline]
fn space_at(text: &str, i: usize) -> usize {
    match text.as_bytes()[i] {
        b' ' | b'\t' | b'\r' | 0x0B | 0x0C => 1,
        0xC2 | 0xE1 | 0xE2 | 0xE3 => text
            .get(i..)
            .and_then(|rest| rest.chars().next())
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

#[cfg(test)]
mod tidy_tests {
    use super::tidy;

    /// The definition: each line's words joined by one space, lines joined by line breaks,
    /// the whole trimmed.
    fn by_definition(text: &str) -> String {
        text.lines()
            .map(|line| {
                line.split_whitespace()
                    .map(|word| word.chars().filter(|c| !c.is_control()).collect::<String>())
                    .filter(|word| !word.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_owned()
    }

    #[test]
    fn tidy_keeps_to_its_definition() {
        let spaces = [
            " ", "  ", "\t", "\r", "\n", "\r\n", "\n\n", " \n \n ", "\u{a0}", "\u{2003}", "\u{3000}",
            "\u{2028}", "\u{85}", "\u{b}",
        ];
        let words = [
            "a",
            "€",
            "ü",
            "“quoted”",
            "x\u{200b}y",
            "\u{a9}",
            "\u{e2}\u{80}",
            "\u{1}",
            "b\u{7f}c",
            "\u{9c}d",
        ];
        let mut samples = Vec::new();
        for s1 in spaces {
            for w in words {
                for s2 in spaces {
                    samples.push(format!("{s1}{w}{s2}b{s1}"));
                    samples.push(format!("{w}{s1}{s2}{w}"));
                    samples.push(format!("{w}{s1}b"));
                    samples.push(format!("{w} {w}{s2}"));
                }
            }
        }
        for sample in samples {
            assert_eq!(tidy(&sample), by_definition(&sample), "{sample:?}");
        }
    }
}

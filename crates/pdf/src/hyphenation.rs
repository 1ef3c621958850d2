//! Where an English word may break at a line end: TeX's American English patterns (embedded
//! by hypher) and the list of words those patterns get wrong, with their right breaks
//! (`hyphenation/hyph-en-us.hyp.txt`; its source and licence in the README beside it).

use std::collections::HashMap;
use std::sync::OnceLock;

const EXCEPTIONS: &str = include_str!("../hyphenation/hyph-en-us.hyp.txt");

/// Letters kept together at the start and at the end of a word (TeX's `\lefthyphenmin` and
/// `\righthyphenmin` for American English).
const LEFT_MIN: usize = 2;
const RIGHT_MIN: usize = 3;

/// American English hyphenation.
pub struct Hyphenation {
    /// Each listed word as written (no hyphens), with the byte offsets where it breaks.
    exceptions: &'static HashMap<String, Vec<usize>>,
}

impl Hyphenation {
    pub fn english() -> Self {
        static EXCEPTION_BREAKS: OnceLock<HashMap<String, Vec<usize>>> = OnceLock::new();
        Hyphenation {
            exceptions: EXCEPTION_BREAKS.get_or_init(|| EXCEPTIONS.lines().map(parse_exception).collect()),
        }
    }

    /// The byte offsets in `word` where it may break, in order, never within the first two or
    /// the last three letters.
    pub fn breaks(&self, word: &str) -> Vec<usize> {
        if let Some(listed) = self.exceptions.get(word) {
            let letters = word.chars().count();
            return listed
                .iter()
                .copied()
                .filter(|&at| {
                    let before = word[..at].chars().count();
                    before >= LEFT_MIN && letters - before >= RIGHT_MIN
                })
                .collect();
        }
        let mut breaks = Vec::new();
        let mut at = 0;
        let mut syllables =
            hypher::hyphenate_bounded(word, hypher::Lang::English, LEFT_MIN, RIGHT_MIN).peekable();
        while let Some(syllable) = syllables.next() {
            at += syllable.len();
            if syllables.peek().is_some() {
                breaks.push(at);
            }
        }
        breaks
    }
}

/// `as-sist-ance` → ("assistance", [2, 6]).
fn parse_exception(line: &str) -> (String, Vec<usize>) {
    let mut word = String::with_capacity(line.len());
    let mut breaks = Vec::new();
    for c in line.trim().chars() {
        if c == '-' {
            breaks.push(word.len());
        } else {
            word.push(c);
        }
    }
    (word, breaks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(word: &str) -> String {
        let mut out = String::new();
        let mut from = 0;
        for at in Hyphenation::english().breaks(word) {
            out.push_str(&word[from..at]);
            out.push('-');
            from = at;
        }
        out.push_str(&word[from..]);
        out
    }

    #[test]
    fn words_break_by_the_patterns() {
        assert_eq!(split("extensive"), "ex-ten-sive");
        assert_eq!(split("availability"), "avail-abil-ity");
        assert_eq!(split("notwithstanding"), "not-with-stand-ing");
    }

    #[test]
    fn listed_words_break_as_listed_and_within_the_bounds() {
        // The patterns alone give "as-sis-tance" and "pe-nal-ty".
        assert_eq!(split("assistance"), "as-sist-ance");
        assert_eq!(split("penalty"), "pen-alty");
        // Listed without a break: never broken.
        assert_eq!(split("process"), "process");
        // "a-spher-ic": the first break is inside the first two letters, the last inside the
        // last three.
        assert_eq!(split("aspheric"), "aspheric");
    }

    #[test]
    fn short_words_and_empty_text_do_not_break() {
        assert_eq!(split("duty"), "duty");
        assert_eq!(split(""), "");
    }
}

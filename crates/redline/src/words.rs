//! The word-level redline inside one clause, as a lawyer reads it: whole words, one change
//! per real edit (a reworded phrase is one deletion and one insertion, with no shared "the"
//! or "of" stranded between its pieces), and each edit marked cosmetic (quotes, spaces,
//! punctuation, capitals) or substantive.

use serde::Serialize;
use similar::{Algorithm, DiffTag, capture_diff_slices};
use ts_rs::TS;

/// One run of text in the redline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Piece {
    pub kind: PieceKind,
    pub text: String,
    /// The edit this piece belongs to (index into [`WordDiff::edits`]); absent for unchanged text.
    pub edit: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PieceKind {
    Same,
    Deleted,
    Inserted,
}

/// One edit: what was struck out and what was written instead (either may be empty).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Edit {
    pub deleted: String,
    pub inserted: String,
    /// Only quotes, spacing, punctuation or capitals changed.
    pub cosmetic: bool,
}

/// A clause's text compared word by word.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct WordDiff {
    pub pieces: Vec<Piece>,
    pub edits: Vec<Edit>,
}

impl WordDiff {
    /// Whether every edit is cosmetic (true when there is none).
    pub fn cosmetic_only(&self) -> bool {
        self.edits.iter().all(|e| e.cosmetic)
    }

    /// The text before the change: its unchanged and deleted pieces.
    pub fn older(&self) -> String {
        self.side(PieceKind::Deleted)
    }

    /// The text after the change: its unchanged and inserted pieces.
    pub fn newer(&self) -> String {
        self.side(PieceKind::Inserted)
    }

    fn side(&self, changed: PieceKind) -> String {
        self.pieces
            .iter()
            .filter(|p| p.kind == PieceKind::Same || p.kind == changed)
            .map(|p| p.text.as_str())
            .collect()
    }
}

/// Splits text into words (numbers such as `99.9` and `1,250.00` and words such as
/// `Provider's` stay whole), runs of spaces, and single punctuation marks.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_alphanumeric() {
            let mut previous = c;
            while let Some(&(at, here)) = chars.peek() {
                let joins = matches!(here, '.' | ',' | '\'' | '’' | '-')
                    && (here != ',' && here != '.' || previous.is_ascii_digit())
                    && text[at + here.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if !(here.is_alphanumeric() || joins) {
                    break;
                }
                previous = here;
                chars.next();
            }
        } else if c.is_whitespace() {
            while chars.next_if(|(_, here)| here.is_whitespace()).is_some() {}
        }
        let end = chars.peek().map_or(text.len(), |(at, _)| *at);
        out.push(&text[start..end]);
    }
    out
}

/// A run of the diff before pieces are made: equal text, or a change.
#[derive(Debug)]
enum Run {
    Same(String),
    Change { deleted: String, inserted: String },
}

fn push_same(runs: &mut Vec<Run>, text: &str) {
    if text.is_empty() {
        return;
    }
    match runs.last_mut() {
        Some(Run::Same(same)) => same.push_str(text),
        _ => runs.push(Run::Same(text.to_owned())),
    }
}

/// Whether a word starts at byte `at` of `text` after a space: a place where both texts can be
/// cut without changing how the rest splits into tokens.
fn is_word_start(text: &str, at: usize) -> bool {
    text.is_char_boundary(at)
        && text[..at].ends_with(char::is_whitespace)
        && text[at..].starts_with(|c: char| !c.is_whitespace())
}

/// The lengths of the longest common prefix and suffix of two texts that end and start at a
/// word start, so that only the words between need comparing.
fn common_ends(old: &str, new: &str) -> (usize, usize) {
    let mut prefix = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    while prefix > 0 && !(is_word_start(old, prefix) && is_word_start(new, prefix)) {
        prefix -= 1;
    }
    let room = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    while suffix > 0 && !(is_word_start(old, old.len() - suffix) && is_word_start(new, new.len() - suffix)) {
        suffix -= 1;
    }
    (prefix, suffix)
}

/// Compares two texts word by word.
pub fn diff_words(old: &str, new: &str) -> WordDiff {
    let mut runs: Vec<Run> = Vec::new();
    if old == new {
        push_same(&mut runs, old);
        return pieces(runs);
    }
    // Only the words between the common beginning and end are compared.
    let (prefix, suffix) = common_ends(old, new);
    push_same(&mut runs, &old[..prefix]);
    let (old_tokens, new_tokens) = (
        tokens(&old[prefix..old.len() - suffix]),
        tokens(&new[prefix..new.len() - suffix]),
    );
    for op in capture_diff_slices(Algorithm::Myers, &old_tokens, &new_tokens) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let old_text: String = old_tokens[old_range].concat();
        let new_text: String = new_tokens[new_range].concat();
        match tag {
            DiffTag::Equal => push_same(&mut runs, &old_text),
            _ => match runs.last_mut() {
                Some(Run::Change { deleted, inserted }) => {
                    deleted.push_str(&old_text);
                    inserted.push_str(&new_text);
                }
                _ => runs.push(Run::Change {
                    deleted: old_text,
                    inserted: new_text,
                }),
            },
        }
    }
    push_same(&mut runs, &old[old.len() - suffix..]);
    pieces(merge_short_equalities(runs))
}

fn pieces(runs: Vec<Run>) -> WordDiff {
    let mut diff = WordDiff::default();
    for run in runs {
        match run {
            Run::Same(text) => diff.pieces.push(Piece {
                kind: PieceKind::Same,
                text,
                edit: None,
            }),
            Run::Change { deleted, inserted } => {
                let index = diff.edits.len();
                for (kind, text) in [(PieceKind::Deleted, &deleted), (PieceKind::Inserted, &inserted)] {
                    if !text.is_empty() {
                        diff.pieces.push(Piece {
                            kind,
                            text: text.clone(),
                            edit: Some(index),
                        });
                    }
                }
                diff.edits.push(Edit {
                    cosmetic: normalised(&deleted) == normalised(&inserted),
                    deleted,
                    inserted,
                });
            }
        }
    }
    diff
}

/// Folds an unchanged stretch between two changes into them when it is no longer than the
/// text changed on either side of it, the rule of diff-match-patch's semantic cleanup: a
/// reworded phrase then reads as one deletion and one insertion instead of fragments around
/// a shared "the" or "of". A stretch of several words also folds when it has no more words
/// than the change on either side. Repeats until nothing more folds.
fn merge_short_equalities(mut runs: Vec<Run>) -> Vec<Run> {
    let size = |run: &Run| match run {
        Run::Change { deleted, inserted } => deleted.chars().count().max(inserted.chars().count()),
        Run::Same(text) => text.chars().count(),
    };
    let words = |text: &str| text.split_whitespace().count();
    let changed_words = |run: &Run| match run {
        Run::Change { deleted, inserted } => words(deleted).max(words(inserted)),
        Run::Same(_) => 0,
    };
    loop {
        let mut merged = false;
        let mut i = 1;
        while i + 1 < runs.len() {
            let fold = match (&runs[i - 1], &runs[i], &runs[i + 1]) {
                (Run::Change { .. }, Run::Same(same), Run::Change { .. }) => {
                    let length = same.chars().count();
                    let shorter_in_characters = length <= size(&runs[i - 1]) && length <= size(&runs[i + 1]);
                    // Counted in words, for stretches of several: "[-1 months' worth-]{+8%+}
                    // of Cloud Service [-fees …-]{+Fees …+}" is one edit.
                    let words = words(same);
                    let shorter_in_words = words >= 2
                        && words <= changed_words(&runs[i - 1])
                        && words <= changed_words(&runs[i + 1]);
                    shorter_in_characters || shorter_in_words
                }
                _ => false,
            };
            if !fold {
                i += 1;
                continue;
            }
            let after = runs.remove(i + 1);
            let same = runs.remove(i);
            if let (
                Run::Change { deleted, inserted },
                Run::Same(same),
                Run::Change {
                    deleted: more_deleted,
                    inserted: more_inserted,
                },
            ) = (&mut runs[i - 1], same, after)
            {
                deleted.push_str(&same);
                deleted.push_str(&more_deleted);
                inserted.push_str(&same);
                inserted.push_str(&more_inserted);
            }
            merged = true;
        }
        if !merged {
            return runs;
        }
    }
}

/// The text with what a cosmetic edit may change taken out: capitals, quote styles, spacing,
/// thousands separators and punctuation (but not a decimal point, which changes the value).
fn normalised(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        let in_number = *c == '.'
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_alphanumeric() || in_number {
            out.extend(c.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(diff: &WordDiff) -> String {
        diff.pieces
            .iter()
            .map(|p| match p.kind {
                PieceKind::Same => p.text.clone(),
                PieceKind::Deleted => format!("[-{}-]", p.text),
                PieceKind::Inserted => format!("{{+{}+}}", p.text),
            })
            .collect()
    }

    #[test]
    fn keeps_numbers_and_possessives_whole() {
        assert_eq!(
            tokens("the Provider's 99.9 % and EUR 1,250.00, re-set."),
            vec![
                "the",
                " ",
                "Provider's",
                " ",
                "99.9",
                " ",
                "%",
                " ",
                "and",
                " ",
                "EUR",
                " ",
                "1,250.00",
                ",",
                " ",
                "re-set",
                "."
            ]
        );
    }

    #[test]
    fn a_changed_number_is_one_substantive_edit_of_whole_words() {
        let diff = diff_words(
            "an Availability of at least 99.9 % in each month",
            "an Availability of at least 99.95 % in each month",
        );
        assert_eq!(
            shown(&diff),
            "an Availability of at least [-99.9-]{+99.95+} % in each month"
        );
        assert_eq!(diff.edits.len(), 1);
        assert!(!diff.edits[0].cosmetic);
    }

    #[test]
    fn a_reworded_phrase_is_one_edit_without_stranded_small_words() {
        let diff = diff_words(
            "The Provider shall use reasonable efforts to restore the Service within four hours.",
            "The Provider must restore all of the affected Services within two hours.",
        );
        assert_eq!(diff.edits.len(), 2, "{}", shown(&diff));
        assert_eq!(
            shown(&diff),
            "The Provider [-shall use reasonable efforts to restore the Service-]{+must restore all of the affected Services+} within [-four-]{+two+} hours."
        );
    }

    #[test]
    fn cosmetic_edits_are_told_apart_from_substantive_ones() {
        let cosmetic = diff_words("the \"Service\" is  available", "the “service” is available");
        assert!(cosmetic.cosmetic_only(), "{}", shown(&cosmetic));
        let comma = diff_words("fees, credits and costs", "fees credits and costs");
        assert!(comma.cosmetic_only());
        let separator = diff_words("EUR 1,250.00 a month", "EUR 1250.00 a month");
        assert!(
            separator.cosmetic_only(),
            "a thousands separator does not change the amount"
        );
        let point = diff_words("at least 99.9 %", "at least 999 %");
        assert!(!point.cosmetic_only(), "a decimal point does");
        let negation = diff_words("the Provider is liable", "the Provider is not liable");
        assert!(!negation.cosmetic_only());
        assert_eq!(shown(&negation), "the Provider is {+not +}liable");
    }

    #[test]
    fn identical_texts_have_no_edits() {
        let diff = diff_words("same words", "same words");
        assert!(diff.edits.is_empty());
        assert_eq!(shown(&diff), "same words");
    }
}

//! The clause-level redline: clauses aligned by their stable ids (and, for clauses without a
//! shared id, such as two imports of a Markdown file, by heading and by content similarity),
//! each marked unchanged, inserted, deleted, modified, moved, or moved and modified.

use std::borrow::Cow;
// Clause ids, texts and headings are hashed by the thousand: foldhash is fast and still seeded
// per process, so a hostile document cannot choose colliding keys.
use foldhash::HashMap as FastMap;

use serde::Serialize;
use similar::{Algorithm, DiffTag, capture_diff_slices};
use sla_model::{Agreement, Clause, Section};
use sla_templates::RenderFormat;
use ts_rs::TS;

use crate::words::{WordDiff, diff_words};

/// How far two unmatched clauses' words must agree to be taken as the same clause.
const SIMILAR_ENOUGH: f32 = 0.6;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClauseChangeKind {
    Unchanged,
    Inserted,
    Deleted,
    Modified,
    Moved,
    MovedAndModified,
}

/// One clause in the redline, in the order of the newer version (a deleted clause stands
/// where it stood).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ClauseChange {
    pub kind: ClauseChangeKind,
    /// The clause's id in the newer version (the older one's for a deleted clause).
    pub clause: String,
    /// Its id in the older version, when it differs (matched by heading or content).
    pub old_clause: Option<String>,
    /// `2.1` in the older and newer versions.
    pub old_number: Option<String>,
    pub new_number: Option<String>,
    pub heading: String,
    /// The older heading, when it changed.
    pub old_heading: Option<String>,
    /// The text compared word by word (values written out); for an inserted or deleted
    /// clause, all of it inserted or deleted.
    pub words: WordDiff,
    /// Every edit in the clause is cosmetic.
    pub cosmetic: bool,
}

struct Located<'a> {
    clause: &'a Clause,
    section: &'a Section,
    number: String,
    text: Cow<'a, str>,
}

fn located(agreement: &Agreement) -> Vec<Located<'_>> {
    let mut out = Vec::new();
    for (s, section) in agreement.sections.iter().enumerate() {
        for (c, clause) in section.clauses.iter().enumerate() {
            out.push(Located {
                clause,
                section,
                number: format!("{}.{}", s + 1, c + 1),
                // Most clauses quote no term (and an agreement without terms has none to
                // quote): their text is used as it stands.
                text: if !agreement.terms.is_empty() && clause.text.contains('{') {
                    Cow::Owned(sla_templates::clause_text(agreement, clause, RenderFormat::Text))
                } else {
                    Cow::Borrowed(&clause.text)
                },
            });
        }
    }
    out
}

fn normalised_heading(heading: &str) -> String {
    heading
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Pairs each clause of `old` with its clause in `new`: by id first (except ids that only
/// name a position, as imports give), then the rest by identical text; then, between two
/// clauses already paired in order (where a clause edited in place stands), by equal heading
/// and by the most similar text above [`SIMILAR_ENOUGH`]; then the same two rules across the
/// whole agreement, for clauses that moved as well as changed.
fn pair(old: &[Located<'_>], new: &[Located<'_>]) -> Vec<Option<usize>> {
    let mut pairing = Pairing {
        old,
        new,
        pairs: vec![None; old.len()],
        used: vec![false; new.len()],
        old_words: vec![None; old.len()],
        new_words: vec![None; new.len()],
    };
    let new_by_id: FastMap<&str, usize> = new
        .iter()
        .enumerate()
        .map(|(i, l)| (l.clause.id.as_str(), i))
        .collect();
    for (i, l) in old.iter().enumerate() {
        if l.clause.id.is_positional() {
            continue;
        }
        if let Some(&j) = new_by_id.get(l.clause.id.as_str()) {
            pairing.join(i, j);
        }
    }

    // Identical text, first come first paired. Texts are looked up by their length and ends,
    // and compared whole only when those agree: hashing each whole would read both
    // agreements once more.
    let mut by_text: FastMap<TextKey<'_>, Vec<usize>> = FastMap::default();
    for j in pairing.unpaired_new(0..new.len()) {
        by_text.entry(text_key(&new[j].text)).or_default().push(j);
    }
    for i in pairing.unpaired_old(0..old.len()) {
        let Some(candidates) = by_text.get_mut(&text_key(&old[i].text)) else {
            continue;
        };
        if let Some(k) = candidates.iter().position(|&j| new[j].text == old[i].text) {
            let j = candidates.remove(k);
            pairing.join(i, j);
        }
    }

    // Between consecutive clauses kept in order, the clauses left on each side.
    let order: Vec<usize> = pairing.pairs.iter().flatten().copied().collect();
    let kept = kept_in_order(&order, new.len());
    let anchors: Vec<(usize, usize)> = paired(&pairing.pairs)
        .filter(|(_, j)| kept[*j])
        .chain([(old.len(), new.len())])
        .collect();
    let (mut old_start, mut new_start) = (0, 0);
    for (i, j) in anchors {
        let olds = pairing.unpaired_old(old_start..i);
        let news = pairing.unpaired_new(new_start..j);
        if !olds.is_empty() && !news.is_empty() {
            pairing.by_heading(&olds, &news);
            let (olds, news) = (
                pairing.unpaired_old(old_start..i),
                pairing.unpaired_new(new_start..j),
            );
            pairing.by_similarity(&olds, &news);
        }
        (old_start, new_start) = (i + 1, j + 1);
    }

    // Anywhere else: clauses that moved and changed.
    let (olds, news) = (
        pairing.unpaired_old(0..old.len()),
        pairing.unpaired_new(0..new.len()),
    );
    pairing.by_heading(&olds, &news);
    let (olds, news) = (
        pairing.unpaired_old(0..old.len()),
        pairing.unpaired_new(0..new.len()),
    );
    pairing.by_similarity(&olds, &news);
    pairing.pairs
}

/// Each old clause's index with the index of the new clause it is paired with.
fn paired(pairs: &[Option<usize>]) -> impl Iterator<Item = (usize, usize)> + '_ {
    pairs.iter().enumerate().filter_map(|(i, j)| j.map(|j| (i, j)))
}

/// A clause text's length and its first and last bytes (up to 64 of each).
type TextKey<'a> = (usize, &'a [u8], &'a [u8]);

fn text_key(text: &str) -> TextKey<'_> {
    let bytes = text.as_bytes();
    let ends = bytes.len().min(64);
    (bytes.len(), &bytes[..ends], &bytes[bytes.len() - ends..])
}

/// Of `order` (each paired clause's place in the newer version, in the older version's
/// order; all different), the most that keep their order: a longest increasing subsequence,
/// found by patience sorting in O(n log n); the others moved. Returns, for each place below
/// `places`, whether it is kept.
fn kept_in_order(order: &[usize], places: usize) -> Vec<bool> {
    // tails[k]: the index in `order` of the smallest last value of an increasing run of k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; order.len()];
    for (i, &value) in order.iter().enumerate() {
        let k = tails.partition_point(|&t| order[t] < value);
        previous[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut kept = vec![false; places];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        kept[order[i]] = true;
        at = previous[i];
    }
    kept
}

/// The pairing under way: the pairs made so far and each clause's words, split once.
struct Pairing<'a, 'b> {
    old: &'b [Located<'a>],
    new: &'b [Located<'a>],
    /// For each old clause, the new clause it is paired with.
    pairs: Vec<Option<usize>>,
    /// For each new clause, whether it is paired.
    used: Vec<bool>,
    old_words: Vec<Option<Vec<&'b str>>>,
    new_words: Vec<Option<Vec<&'b str>>>,
}

impl<'b> Pairing<'_, 'b> {
    fn join(&mut self, i: usize, j: usize) {
        self.pairs[i] = Some(j);
        self.used[j] = true;
    }

    fn unpaired_old(&self, range: std::ops::Range<usize>) -> Vec<usize> {
        range.filter(|&i| self.pairs[i].is_none()).collect()
    }

    fn unpaired_new(&self, range: std::ops::Range<usize>) -> Vec<usize> {
        range.filter(|&j| !self.used[j]).collect()
    }

    /// Each old clause with the new clause of the same heading; among several, the one whose
    /// text is closest.
    fn by_heading(&mut self, olds: &[usize], news: &[usize]) {
        let mut by_heading: FastMap<String, Vec<usize>> = FastMap::default();
        for &j in news {
            by_heading
                .entry(normalised_heading(&self.new[j].clause.heading))
                .or_default()
                .push(j);
        }
        for &i in olds {
            let heading = normalised_heading(&self.old[i].clause.heading);
            if heading.is_empty() {
                continue;
            }
            let Some(candidates) = by_heading.get(&heading) else {
                continue;
            };
            // The most similar of the clauses with this heading (one needs no comparing).
            let candidates = candidates.clone();
            let best = if candidates.len() == 1 {
                Some((1.0, 0))
            } else {
                candidates
                    .iter()
                    .enumerate()
                    .map(|(k, &j)| (self.similarity(i, j), k))
                    .max_by(|a, b| a.0.total_cmp(&b.0))
            };
            if let Some((_, k)) = best
                && let Some(list) = by_heading.get_mut(&heading)
            {
                let j = list.remove(k);
                self.join(i, j);
            }
        }
    }

    /// The most similar pairs first, each at least [`SIMILAR_ENOUGH`] alike.
    fn by_similarity(&mut self, olds: &[usize], news: &[usize]) {
        let mut candidates = Vec::new();
        for &i in olds {
            for &j in news {
                // Texts of very different lengths cannot be similar enough: skip the comparison.
                let (a, b) = (self.old[i].text.len() as f32, self.new[j].text.len() as f32);
                if 2.0 * a.min(b) < SIMILAR_ENOUGH * (a + b) {
                    continue;
                }
                let ratio = self.similarity(i, j);
                if ratio >= SIMILAR_ENOUGH {
                    candidates.push((ratio, i, j));
                }
            }
        }
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (_, i, j) in candidates {
            if self.pairs[i].is_none() && !self.used[j] {
                self.join(i, j);
            }
        }
    }

    fn similarity(&mut self, i: usize, j: usize) -> f32 {
        let (old, new) = (self.old, self.new);
        let a = self.old_words[i].get_or_insert_with(|| words(&old[i].text));
        let b = self.new_words[j].get_or_insert_with(|| words(&new[j].text));
        word_similarity(a, b)
    }
}

/// A text's words, without the spaces between them.
fn words(text: &str) -> Vec<&str> {
    crate::words::tokens(text)
        .into_iter()
        .filter(|t| !t.trim().is_empty())
        .collect()
}

/// How much of two texts' words agree: twice the words kept over the words of both (1.0 for
/// equal texts, two empty texts included; 0.0 for texts with no word in common).
pub fn similarity(a: &str, b: &str) -> f32 {
    word_similarity(&words(a), &words(b))
}

fn word_similarity(a: &[&str], b: &[&str]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let kept: usize = capture_diff_slices(Algorithm::Myers, a, b)
        .iter()
        .filter_map(|op| match op.as_tag_tuple() {
            (DiffTag::Equal, range, _) => Some(range.len()),
            _ => None,
        })
        .sum();
    (2 * kept) as f32 / (a.len() + b.len()) as f32
}

/// What the redline holds of a clause that did not change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnchangedClauses {
    /// Its text, as one unchanged piece (for a reader who shows it).
    WithText,
    /// Its ids, numbers and heading only, with no words: for a list of the changes, which
    /// need not copy the text of a 2,000-page agreement that stayed as it was.
    Counted,
}

/// Every clause of both versions, in the newer version's order, unchanged ones with their
/// text.
pub fn clause_changes(old: &Agreement, new: &Agreement) -> Vec<ClauseChange> {
    clause_changes_with(old, new, UnchangedClauses::WithText)
}

/// The clause-level redline from `old` to `new`, unchanged clauses as `unchanged` says.
pub fn clause_changes_with(
    old: &Agreement,
    new: &Agreement,
    unchanged: UnchangedClauses,
) -> Vec<ClauseChange> {
    let (old_clauses, new_clauses) = (located(old), located(new));
    let pairs = pair(&old_clauses, &new_clauses);

    // A clause that changed section moved; among the rest, those that keep their relative
    // order stay in place.
    let same_section = |o: &Located<'_>, n: &Located<'_>| {
        o.section.id == n.section.id
            || normalised_heading(&o.section.heading) == normalised_heading(&n.section.heading)
    };
    let old_order: Vec<usize> = paired(&pairs)
        .filter(|&(o, n)| same_section(&old_clauses[o], &new_clauses[n]))
        .map(|(_, n)| n)
        .collect();
    let in_place = kept_in_order(&old_order, new_clauses.len());
    let mut old_of_new = vec![None; new_clauses.len()];
    for (o, n) in paired(&pairs) {
        old_of_new[n] = Some(o);
    }

    let mut changes = Vec::with_capacity(new_clauses.len());
    let deleted: Vec<usize> = (0..old_clauses.len()).filter(|&i| pairs[i].is_none()).collect();
    let mut first_deleted = 0;
    for (j, n) in new_clauses.iter().enumerate() {
        let Some(i) = old_of_new[j] else {
            changes.push(ClauseChange {
                kind: ClauseChangeKind::Inserted,
                clause: n.clause.id.to_string(),
                old_clause: None,
                old_number: None,
                new_number: Some(n.number.clone()),
                heading: n.clause.heading.clone(),
                old_heading: None,
                words: diff_words("", &n.text),
                cosmetic: false,
            });
            continue;
        };
        // Deleted clauses that stood before this one's old place come first (`deleted` is in
        // the older version's order, so they are the next ones in it).
        let before = deleted[first_deleted..].partition_point(|&d| d < i);
        changes.extend(
            deleted[first_deleted..first_deleted + before]
                .iter()
                .map(|&d| deletion(&old_clauses[d])),
        );
        first_deleted += before;

        let o = &old_clauses[i];
        let untouched = o.text == n.text && o.clause.heading == n.clause.heading && in_place[j];
        let words = if untouched && unchanged == UnchangedClauses::Counted {
            WordDiff::default()
        } else {
            diff_words(&o.text, &n.text)
        };
        let heading_changed = o.clause.heading != n.clause.heading;
        let modified = !words.edits.is_empty() || heading_changed;
        let moved = !in_place[j];
        let kind = match (moved, modified) {
            (false, false) => ClauseChangeKind::Unchanged,
            (false, true) => ClauseChangeKind::Modified,
            (true, false) => ClauseChangeKind::Moved,
            (true, true) => ClauseChangeKind::MovedAndModified,
        };
        let heading_cosmetic = !heading_changed
            || normalised_heading(&o.clause.heading) == normalised_heading(&n.clause.heading);
        changes.push(ClauseChange {
            kind,
            clause: n.clause.id.to_string(),
            old_clause: (o.clause.id != n.clause.id).then(|| o.clause.id.to_string()),
            old_number: Some(o.number.clone()),
            new_number: Some(n.number.clone()),
            heading: n.clause.heading.clone(),
            old_heading: heading_changed.then(|| o.clause.heading.clone()),
            cosmetic: modified && words.cosmetic_only() && heading_cosmetic,
            words,
        });
    }
    changes.extend(
        deleted[first_deleted..]
            .iter()
            .map(|&d| deletion(&old_clauses[d])),
    );
    changes
}

fn deletion(old: &Located<'_>) -> ClauseChange {
    ClauseChange {
        kind: ClauseChangeKind::Deleted,
        clause: old.clause.id.to_string(),
        old_clause: None,
        old_number: Some(old.number.clone()),
        new_number: None,
        heading: old.clause.heading.clone(),
        old_heading: None,
        words: diff_words(&old.text, ""),
        cosmetic: false,
    }
}

#[cfg(test)]
mod tests {
    use super::kept_in_order;

    fn kept(order: &[usize]) -> Vec<usize> {
        let places = order.iter().max().map_or(0, |m| m + 1);
        let kept = kept_in_order(order, places);
        (0..places).filter(|&p| kept[p]).collect()
    }

    #[test]
    fn the_most_clauses_that_keep_their_order_are_kept() {
        // Clause 3 moved up: the other four keep their order.
        assert_eq!(kept(&[0, 3, 1, 2, 4]), [0, 1, 2, 4]);
        // Two swapped blocks: the longer one is kept.
        assert_eq!(kept(&[3, 4, 0, 1, 2]), [0, 1, 2]);
        assert_eq!(kept(&[2, 1, 0]).len(), 1);
        assert_eq!(kept(&[]), Vec::<usize>::new());
        assert_eq!(kept(&[0, 1, 2]), [0, 1, 2]);
    }
}

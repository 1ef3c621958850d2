//! The clause-level redline: clauses aligned by their stable ids (and, for clauses without a
//! shared id, such as two imports of a Markdown file, by heading and by content similarity),
//! each marked unchanged, inserted, deleted, modified, moved, or moved and modified.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

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
                // Most clauses quote no term: their text is used as it stands.
                text: if clause.text.contains('{') {
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
/// name a position, as imports give), then the rest by identical text, then by equal heading,
/// then by the most similar text above [`SIMILAR_ENOUGH`].
fn pair(old: &[Located<'_>], new: &[Located<'_>]) -> BTreeMap<usize, usize> {
    let mut pairs = BTreeMap::new();
    let new_by_id: HashMap<&str, usize> = new
        .iter()
        .enumerate()
        .map(|(i, l)| (l.clause.id.as_str(), i))
        .collect();
    for (i, l) in old.iter().enumerate() {
        if l.clause.id.is_positional() {
            continue;
        }
        if let Some(&j) = new_by_id.get(l.clause.id.as_str()) {
            pairs.insert(i, j);
        }
    }
    let mut used: BTreeSet<usize> = pairs.values().copied().collect();
    let unpaired_new =
        |used: &BTreeSet<usize>| (0..new.len()).filter(|j| !used.contains(j)).collect::<Vec<_>>();

    // Identical text, first come first paired.
    let mut by_text: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for j in unpaired_new(&used) {
        by_text.entry(&new[j].text).or_default().push_back(j);
    }
    for (i, l) in old.iter().enumerate() {
        if pairs.contains_key(&i) {
            continue;
        }
        if let Some(j) = by_text.get_mut(&*l.text).and_then(VecDeque::pop_front) {
            pairs.insert(i, j);
            used.insert(j);
        }
    }

    // The same heading; among several, the one whose text is closest.
    let mut by_heading: HashMap<String, Vec<usize>> = HashMap::new();
    for j in unpaired_new(&used) {
        by_heading
            .entry(normalised_heading(&new[j].clause.heading))
            .or_default()
            .push(j);
    }
    for (i, l) in old.iter().enumerate() {
        let heading = normalised_heading(&l.clause.heading);
        if pairs.contains_key(&i) || heading.is_empty() {
            continue;
        }
        let Some(candidates) = by_heading.get_mut(&heading) else {
            continue;
        };
        let best = candidates
            .iter()
            .enumerate()
            .map(|(k, j)| (similarity(&l.text, &new[*j].text), k))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, k)) = best {
            let j = candidates.remove(k);
            pairs.insert(i, j);
            used.insert(j);
        }
    }

    let mut candidates = Vec::new();
    let unpaired = unpaired_new(&used);
    for (i, l) in old.iter().enumerate() {
        if pairs.contains_key(&i) {
            continue;
        }
        for &j in &unpaired {
            // Texts of very different lengths cannot be similar enough: skip the comparison.
            let (a, b) = (l.text.len() as f32, new[j].text.len() as f32);
            if 2.0 * a.min(b) < SIMILAR_ENOUGH * (a + b) {
                continue;
            }
            let ratio = similarity(&l.text, &new[j].text);
            if ratio >= SIMILAR_ENOUGH {
                candidates.push((ratio, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, i, j) in candidates {
        if !pairs.contains_key(&i) && used.insert(j) {
            pairs.insert(i, j);
        }
    }
    pairs
}

/// How much of two texts' words agree: twice the words kept over the words of both (1.0 for
/// equal texts, 0.0 for texts with no word in common).
fn similarity(a: &str, b: &str) -> f32 {
    let words = |text| {
        crate::words::tokens(text)
            .into_iter()
            .filter(|t| !t.trim().is_empty())
            .collect::<Vec<_>>()
    };
    let (a, b) = (words(a), words(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let kept: usize = capture_diff_slices(Algorithm::Myers, &a, &b)
        .iter()
        .filter_map(|op| match op.as_tag_tuple() {
            (DiffTag::Equal, range, _) => Some(range.len()),
            _ => None,
        })
        .sum();
    (2 * kept) as f32 / (a.len() + b.len()) as f32
}

/// The clause-level redline from `old` to `new`.
pub fn clause_changes(old: &Agreement, new: &Agreement) -> Vec<ClauseChange> {
    let (old_clauses, new_clauses) = (located(old), located(new));
    let pairs = pair(&old_clauses, &new_clauses);

    // A clause that changed section moved; among the rest, those that keep their relative
    // order stay in place.
    let same_section = |o: &Located<'_>, n: &Located<'_>| {
        o.section.id == n.section.id
            || normalised_heading(&o.section.heading) == normalised_heading(&n.section.heading)
    };
    let old_order: Vec<usize> = pairs
        .iter()
        .filter(|(o, n)| same_section(&old_clauses[**o], &new_clauses[**n]))
        .map(|(_, n)| *n)
        .collect();
    let mut new_order = old_order.clone();
    new_order.sort_unstable();
    let mut in_place = BTreeSet::new();
    for op in capture_diff_slices(Algorithm::Patience, &old_order, &new_order) {
        let (tag, old_range, _) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            in_place.extend(old_order[old_range].iter().copied());
        }
    }
    let old_of_new: BTreeMap<usize, usize> = pairs.iter().map(|(o, n)| (*n, *o)).collect();

    let mut changes = Vec::new();
    let mut deleted: Vec<usize> = (0..old_clauses.len())
        .filter(|i| !pairs.contains_key(i))
        .collect();
    for (j, n) in new_clauses.iter().enumerate() {
        let Some(&i) = old_of_new.get(&j) else {
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
        // Deleted clauses that stood before this one's old place come first.
        let (before, after): (Vec<usize>, Vec<usize>) = deleted.iter().partition(|d| **d < i);
        deleted = after;
        changes.extend(before.into_iter().map(|d| deletion(&old_clauses[d])));

        let o = &old_clauses[i];
        let words = diff_words(&o.text, &n.text);
        let heading_changed = o.clause.heading != n.clause.heading;
        let modified = !words.edits.is_empty() || heading_changed;
        let moved = !in_place.contains(&j);
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
    changes.extend(deleted.into_iter().map(|d| deletion(&old_clauses[d])));
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

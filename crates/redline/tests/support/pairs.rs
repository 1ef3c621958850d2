//! A generator of agreement pairs with a known edit script, for the redline benchmark and its
//! test: real sentences (from the public corpus) in paragraphs of four to seven, one clause
//! per paragraph, twenty clauses per section; then about 2 % of the sentences edited — a
//! number changed, a word changed, a phrase reworded, a sentence inserted or deleted — with at
//! least two untouched sentences between any two edits, one paragraph deleted and one moved
//! to another section. Deterministic for a seed, so every run measures the same pair.

use std::collections::BTreeMap;

use sla_model::{Agreement, AgreementId, Clause, ClauseId, PartyRole, Section, SectionId, Title};

/// A small deterministic random source.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// The kinds of edit the script makes, one per edited sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EditKind {
    Number,
    Word,
    Rewording,
    InsertedSentence,
    DeletedSentence,
    DeletedParagraph,
    MovedParagraph,
}

pub struct Pair {
    pub old: Agreement,
    pub new: Agreement,
    /// How many edits of each kind the script made.
    pub edits: BTreeMap<EditKind, usize>,
    /// The edits made in each clause (by id): what a perfect redline reports for it.
    pub edits_per_clause: BTreeMap<String, usize>,
    pub words: usize,
}

impl Pair {
    pub fn true_edits(&self) -> usize {
        self.edits.values().sum()
    }

    /// Both versions as plain text, one paragraph per line, for line-oriented tools.
    pub fn texts(&self) -> (String, String) {
        let text = |a: &Agreement| {
            let mut out = String::new();
            for clause in a.sections.iter().flat_map(|s| &s.clauses) {
                out.push_str(&clause.text);
                out.push('\n');
            }
            out
        };
        (text(&self.old), text(&self.new))
    }
}

/// Sentences of eight to sixty words from the corpus, without markup.
fn corpus_sentences() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/real");
    let mut sentences = Vec::new();
    for folder in ["commonpaper-sla", "commonpaper-csa", "basecamp-sla"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(folder))
            .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for line in text.lines() {
                let line = without_tags(line);
                let mut rest = line.trim();
                while let Some(end) = sentence_end(rest) {
                    sentences.push(rest[..end].trim().to_owned());
                    rest = rest[end..].trim_start();
                }
                sentences.push(rest.to_owned());
            }
        }
    }
    sentences.retain(|s| {
        let words = s.split_whitespace().count();
        (8..=60).contains(&words)
            && s.ends_with('.')
            && s.starts_with(|c: char| c.is_ascii_uppercase())
            && !s.contains(['<', '>', '[', ']', '*', '#', '|', '_', '`'])
    });
    sentences.sort();
    sentences.dedup();
    sentences
}

/// The line with its HTML tags (the corpus marks its variables with `<span>`) taken out.
fn without_tags(line: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in line.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Where the first sentence of `text` ends: after a full stop followed by a space and a capital.
fn sentence_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (1..bytes.len().saturating_sub(1))
        .find(|&i| bytes[i - 1] == b'.' && bytes[i] == b' ' && bytes[i + 1].is_ascii_uppercase())
}

const WORD_SWAPS: [(&str, &str); 6] = [
    ("shall", "must"),
    ("reasonable", "commercially reasonable"),
    ("any", "each"),
    ("may", "will"),
    ("all", "substantially all"),
    ("written", "prior written"),
];

/// Edits one sentence as `kind` says; `None` when the sentence has nothing to edit that way.
fn edit_sentence(sentence: &str, kind: EditKind, rng: &mut Lcg) -> Option<Vec<String>> {
    let words: Vec<&str> = sentence.split(' ').collect();
    let join = |w: Vec<String>| vec![w.join(" ")];
    match kind {
        EditKind::Number => {
            let at = words
                .iter()
                .position(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))?;
            let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
            let digits: String = out[at].chars().take_while(char::is_ascii_digit).collect();
            let rest = &out[at][digits.len()..];
            let value: u64 = digits.parse().ok()?;
            out[at] = format!("{}{rest}", value * 2 + 1);
            Some(join(out))
        }
        EditKind::Word => {
            let at = words
                .iter()
                .skip(1)
                .position(|w| WORD_SWAPS.iter().any(|(from, _)| w == from))?
                + 1;
            let (_, to) = WORD_SWAPS.iter().find(|(from, _)| *from == words[at])?;
            let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
            out[at] = (*to).to_owned();
            Some(join(out))
        }
        EditKind::Rewording => {
            if words.len() < 12 {
                return None;
            }
            let at = 2 + rng.below(words.len() - 9);
            let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
            let phrase = [
                "within", "the", "period", "of", "notice", "given", "by", "either", "party",
            ];
            out.splice(at..at + 5, phrase.iter().map(|w| (*w).to_owned()));
            Some(join(out))
        }
        EditKind::InsertedSentence => Some(vec![
            sentence.to_owned(),
            "The Provider shall confirm each such notice in writing within five Business Days.".to_owned(),
        ]),
        EditKind::DeletedSentence => Some(Vec::new()),
        EditKind::DeletedParagraph | EditKind::MovedParagraph => None,
    }
}

/// Twenty paragraphs to a section in the older version; a paragraph keeps its section in the
/// newer one, except the moved paragraph, which joins the section of the one before it.
const PER_SECTION: usize = 20;

/// An agreement of `(clause id, section number, text)`, in order.
fn agreement(paragraphs: &[(String, usize, String)]) -> Agreement {
    let mut agreement = Agreement::blank(
        AgreementId::random(),
        Title::new("Benchmark").unwrap_or_else(|_| unreachable!()),
        PartyRole::Customer,
        "Vendor",
    );
    for (id, section, text) in paragraphs {
        let clause = Clause {
            id: ClauseId::new(id.clone()).unwrap_or_else(|_| unreachable!()),
            heading: format!("Clause {id}"),
            text: text.clone(),
        };
        let section_id = SectionId::new(format!("s{section}")).unwrap_or_else(|_| unreachable!());
        match agreement.sections.last_mut() {
            Some(last) if last.id == section_id => last.clauses.push(clause),
            _ => agreement.sections.push(Section {
                id: section_id,
                heading: format!("Part {}", section + 1),
                clauses: vec![clause],
            }),
        }
    }
    agreement
}

/// A pair of about `words` words; 2 % of its sentences edited.
pub fn generate(words: usize, seed: u64) -> Pair {
    let pool = corpus_sentences();
    assert!(
        pool.len() > 100,
        "the corpus under tests/corpus/real gave {} sentences",
        pool.len()
    );
    let mut rng = Lcg(seed);
    let mut paragraphs: Vec<Vec<String>> = Vec::new();
    let mut total = 0;
    while total < words {
        let count = 4 + rng.below(4);
        let paragraph: Vec<String> = (0..count).map(|_| pool[rng.below(pool.len())].clone()).collect();
        total += paragraph
            .iter()
            .map(|s| s.split_whitespace().count())
            .sum::<usize>();
        paragraphs.push(paragraph);
    }
    let sentences: usize = paragraphs.iter().map(Vec::len).sum();
    let id = |p: usize| format!("clause-{}", p + 1);

    // Two whole-paragraph edits, on paragraphs no sentence edit touches.
    let deleted_paragraph = paragraphs.len() / 3;
    let moved_paragraph = paragraphs.len() / 5;
    let mut edits = BTreeMap::new();
    let mut edits_per_clause = BTreeMap::new();
    let mut edited: Vec<Vec<Option<Vec<String>>>> = paragraphs.iter().map(|p| vec![None; p.len()]).collect();
    let target = sentences / 50;
    let kinds = [
        EditKind::Number,
        EditKind::Word,
        EditKind::Rewording,
        EditKind::InsertedSentence,
        EditKind::DeletedSentence,
    ];
    let mut made = 0;
    let mut attempts = 0;
    while made < target && attempts < target * 50 {
        attempts += 1;
        let p = rng.below(paragraphs.len());
        if p == deleted_paragraph || p == moved_paragraph {
            continue;
        }
        let s = rng.below(paragraphs[p].len());
        // At least two untouched sentences between two edits of a paragraph.
        let lo = s.saturating_sub(2);
        let hi = (s + 3).min(paragraphs[p].len());
        if edited[p][lo..hi].iter().any(Option::is_some) {
            continue;
        }
        let kind = kinds[rng.below(kinds.len())];
        // A paragraph keeps at least one sentence.
        if kind == EditKind::DeletedSentence && paragraphs[p].len() < 2 {
            continue;
        }
        if let Some(replacement) = edit_sentence(&paragraphs[p][s], kind, &mut rng) {
            edited[p][s] = Some(replacement);
            *edits.entry(kind).or_insert(0) += 1;
            *edits_per_clause.entry(id(p)).or_insert(0) += 1;
            made += 1;
        }
    }

    let old: Vec<(String, usize, String)> = paragraphs
        .iter()
        .enumerate()
        .map(|(p, sentences)| (id(p), p / PER_SECTION, sentences.join(" ")))
        .collect();
    let mut new: Vec<(String, usize, String)> = paragraphs
        .iter()
        .zip(&edited)
        .enumerate()
        .map(|(p, (sentences, edits))| {
            let text: Vec<String> = sentences
                .iter()
                .zip(edits)
                .flat_map(|(sentence, edit)| edit.clone().unwrap_or_else(|| vec![sentence.clone()]))
                .collect();
            (id(p), p / PER_SECTION, text.join(" "))
        })
        .collect();
    let mut moved = new.remove(moved_paragraph);
    let to = new.len() * 4 / 5;
    moved.1 = new[to - 1].1;
    new.insert(to, moved);
    new.retain(|(clause, _, _)| *clause != id(deleted_paragraph));
    edits.insert(EditKind::DeletedParagraph, 1);
    edits.insert(EditKind::MovedParagraph, 1);
    edits_per_clause.insert(id(deleted_paragraph), 1);
    edits_per_clause.insert(id(moved_paragraph), 1);
    Pair {
        old: agreement(&old),
        new: agreement(&new),
        edits,
        edits_per_clause,
        words: total,
    }
}

/// The hunks a redline reports per clause: a clause inserted, deleted or moved is one; a
/// modified clause has one per word-level edit (plus one if it also moved).
pub fn hunks_per_clause(redline: &sla_redline::Redline) -> BTreeMap<String, usize> {
    use sla_redline::ClauseChangeKind as Kind;
    redline
        .changed()
        .map(|c| {
            let hunks = match c.kind {
                Kind::Inserted | Kind::Deleted | Kind::Moved => 1,
                Kind::Modified => c.words.edits.len(),
                Kind::MovedAndModified => 1 + c.words.edits.len(),
                Kind::Unchanged => 0,
            };
            (c.clause.clone(), hunks)
        })
        .collect()
}

/// Hunks in git's porcelain word diff (`git diff --word-diff=porcelain`): each run of
/// `-`/`+` lines between context lines is one hunk.
pub fn git_hunks(porcelain: &str) -> usize {
    let mut hunks = 0;
    let mut in_change = false;
    for line in porcelain.lines().skip_while(|l| !l.starts_with("@@")) {
        match line.chars().next() {
            Some('-' | '+') if !in_change => {
                hunks += 1;
                in_change = true;
            }
            Some('-' | '+') => {}
            _ => in_change = false,
        }
    }
    hunks
}

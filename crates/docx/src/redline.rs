//! The redline between two versions as a Word file whose changes are real Word revisions:
//! insertions `w:ins` and deletions `w:del` (with `w:delText`) carrying their author and date,
//! paragraph marks inserted or deleted with their paragraphs, moved clauses as `w:moveFrom`
//! at their old place and `w:moveTo` at their new one, and comments on clauses and terms as
//! Word comments — so that Review → Accept All in Word gives the newer version and Reject
//! All the older one.

use jiff::Timestamp;
use sla_model::Agreement;
use sla_redline::{ClauseChange, ClauseChangeKind, PieceKind, Redline};

use crate::agreement::{CLAUSE_TAG, MAIN_NS, REL_NS, section_properties};
use crate::xml::{Look, ParagraphProps, Part};
use crate::{DocxError, RoundMark};

/// A comment to show in the margin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordComment {
    /// The clause it is about (its id in the newer version), or none for the agreement as a
    /// whole (anchored at the title).
    pub clause: Option<String>,
    pub author: String,
    pub text: String,
}

/// What the tracked-changes redline shows.
#[derive(Clone, Debug)]
pub struct RedlineDocx<'a> {
    pub old: &'a Agreement,
    pub new: &'a Agreement,
    pub redline: &'a Redline,
    /// Who made the changes (`Cloudy Hosting Ltd (Provider)`), as Word shows the author.
    pub author: String,
    /// When (the newer round's time).
    pub date: Timestamp,
    /// `round 1 (customer)` and `round 2 (provider)`.
    pub from_label: String,
    pub to_label: String,
    /// The newer version's round, for the document properties.
    pub round: Option<RoundMark>,
    pub comments: Vec<WordComment>,
}

/// A revision's kind, as the element that wraps its runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    None,
    Inserted,
    Deleted,
    MovedFrom,
    MovedTo,
}

struct Writer<'a> {
    part: Part,
    doc: &'a RedlineDocx<'a>,
    date: String,
    next_id: usize,
}

impl Writer<'_> {
    fn id(&mut self) -> String {
        self.next_id += 1;
        self.next_id.to_string()
    }

    /// Runs of `text` under `mark`; line breaks become `w:br`.
    fn runs(&mut self, text: &str, mark: Mark) {
        if text.is_empty() {
            return;
        }
        let (wrapper, text_element) = match mark {
            Mark::None => (None, "w:t"),
            Mark::Inserted => (Some("w:ins"), "w:t"),
            Mark::Deleted => (Some("w:del"), "w:delText"),
            Mark::MovedFrom => (Some("w:moveFrom"), "w:t"),
            Mark::MovedTo => (Some("w:moveTo"), "w:t"),
        };
        if let Some(wrapper) = wrapper {
            let id = self.id();
            let (author, date) = (self.doc.author.clone(), self.date.clone());
            self.part.open(
                wrapper,
                &[("w:id", &id), ("w:author", &author), ("w:date", &date)],
            );
        }
        self.part.open("w:r", &[]);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.part.empty("w:br", &[]);
            }
            if !line.is_empty() {
                self.part
                    .element(text_element, &[("xml:space", "preserve")], line);
            }
        }
        self.part.close("w:r");
        if let Some(wrapper) = wrapper {
            self.part.close(wrapper);
        }
    }

    /// Opens a paragraph whose mark is revised with `mark` (an inserted or deleted paragraph).
    fn open_paragraph(&mut self, style: Option<&str>, mark: Mark) {
        self.part.open("w:p", &[]);
        self.part.open("w:pPr", &[]);
        if let Some(style) = style {
            self.part.empty("w:pStyle", &[("w:val", style)]);
        }
        let element = match mark {
            Mark::Inserted | Mark::MovedTo => Some("w:ins"),
            Mark::Deleted | Mark::MovedFrom => Some("w:del"),
            Mark::None => None,
        };
        if let Some(element) = element {
            let id = self.id();
            let (author, date) = (self.doc.author.clone(), self.date.clone());
            self.part.open("w:rPr", &[]);
            self.part.empty(
                element,
                &[("w:id", &id), ("w:author", &author), ("w:date", &date)],
            );
            self.part.close("w:rPr");
        }
        self.part.close("w:pPr");
    }

    /// Comment anchors around the next runs: returns the comments' ids to close.
    fn comments_for(&mut self, clause: Option<&str>) -> Vec<String> {
        let ids: Vec<String> = self
            .doc
            .comments
            .iter()
            .enumerate()
            .filter(|(_, c)| c.clause.as_deref() == clause)
            .map(|(i, _)| i.to_string())
            .collect();
        for id in &ids {
            self.part.empty("w:commentRangeStart", &[("w:id", id)]);
        }
        ids
    }

    fn close_comments(&mut self, ids: &[String]) {
        for id in ids {
            self.part.empty("w:commentRangeEnd", &[("w:id", id)]);
            self.part.open("w:r", &[]);
            self.part.empty("w:commentReference", &[("w:id", id)]);
            self.part.close("w:r");
        }
    }

    /// A clause's heading (its change shown) and its body.
    fn clause(&mut self, change: &ClauseChange) {
        let whole = match change.kind {
            ClauseChangeKind::Inserted => Mark::Inserted,
            ClauseChangeKind::Deleted => Mark::Deleted,
            ClauseChangeKind::Moved | ClauseChangeKind::MovedAndModified => Mark::MovedTo,
            _ => Mark::None,
        };
        let tagged = change.kind != ClauseChangeKind::Deleted;
        if tagged {
            let id = self.id();
            self.part.open("w:sdt", &[]);
            self.part.open("w:sdtPr", &[]);
            let number = change.new_number.clone().unwrap_or_default();
            self.part
                .empty("w:alias", &[("w:val", &format!("Clause {number}"))]);
            self.part
                .empty("w:tag", &[("w:val", &format!("{CLAUSE_TAG}{}", change.clause))]);
            self.part.empty("w:id", &[("w:val", &id)]);
            self.part.close("w:sdtPr");
            self.part.open("w:sdtContent", &[]);
        }
        let move_name = format!("move{}", self.next_id + 1);
        let move_range = (whole == Mark::MovedTo).then(|| self.id());
        self.open_paragraph(Some("Heading2"), whole);
        if let Some(range) = &move_range {
            let (author, date) = (self.doc.author.clone(), self.date.clone());
            self.part.empty(
                "w:moveToRangeStart",
                &[
                    ("w:id", range),
                    ("w:author", &author),
                    ("w:date", &date),
                    ("w:name", &move_name),
                ],
            );
        }
        match (&change.old_heading, whole) {
            (Some(old), Mark::None) => {
                self.runs(old, Mark::Deleted);
                self.runs(&change.heading, Mark::Inserted);
            }
            _ => self.runs(&change.heading, whole),
        }
        self.part.close("w:p");
        // Comments on the clause are anchored on its first paragraph (LibreOffice drops the
        // text of a heading that holds a comment).
        let commented = Some(change.clause.as_str());
        let range_end = move_range.as_deref().map(|id| ("w:moveToRangeEnd", id));
        if change.kind == ClauseChangeKind::MovedAndModified {
            // Moved and reworded: the new text is what moved in.
            let text: String = change
                .words
                .pieces
                .iter()
                .filter(|p| p.kind != PieceKind::Deleted)
                .map(|p| p.text.as_str())
                .collect();
            self.paragraphs(
                &[(text.as_str(), PieceKind::Same)],
                Mark::MovedTo,
                commented,
                range_end,
            );
        } else {
            let pieces: Vec<(&str, PieceKind)> = change
                .words
                .pieces
                .iter()
                .map(|p| (p.text.as_str(), p.kind))
                .collect();
            self.paragraphs(&pieces, whole, commented, range_end);
        }
        if tagged {
            self.part.close("w:sdtContent");
            self.part.close("w:sdt");
        }
    }

    /// The body's pieces as paragraphs: a blank line ends a paragraph, whose mark takes the
    /// kind of the piece that held the break; `whole` marks everything (an inserted, deleted
    /// or moved clause).
    fn paragraphs(
        &mut self,
        pieces: &[(&str, PieceKind)],
        whole: Mark,
        commented: Option<&str>,
        range_end: Option<(&str, &str)>,
    ) {
        let mark_of = |kind: PieceKind| match (whole, kind) {
            (Mark::None, PieceKind::Same) => Mark::None,
            (Mark::None, PieceKind::Inserted) => Mark::Inserted,
            (Mark::None, PieceKind::Deleted) => Mark::Deleted,
            (other, _) => other,
        };
        self.open_paragraph(None, whole);
        // The first paragraph carries the comments on the clause.
        let mut comments = match commented {
            Some(clause) => self.comments_for(Some(clause)),
            None => Vec::new(),
        };
        for (text, kind) in pieces {
            let mut rest: &str = text;
            while let Some(at) = rest.find("\n\n") {
                let (before, after) = rest.split_at(at);
                self.runs(before, mark_of(*kind));
                self.close_comments(&std::mem::take(&mut comments));
                self.part.close("w:p");
                self.open_paragraph(None, mark_of(*kind));
                rest = after.trim_start_matches('\n');
            }
            self.runs(rest, mark_of(*kind));
        }
        self.close_comments(&comments);
        // A move's range ends inside its last paragraph.
        if let Some((element, id)) = range_end {
            self.part.empty(element, &[("w:id", id)]);
        }
        self.part.close("w:p");
    }

    /// A moved clause at its old place: its old heading and text, moved away.
    fn moved_from(&mut self, change: &ClauseChange) {
        let name = format!("from{}", self.next_id + 1);
        let range = self.id();
        let (author, date) = (self.doc.author.clone(), self.date.clone());
        self.open_paragraph(Some("Heading2"), Mark::MovedFrom);
        self.part.empty(
            "w:moveFromRangeStart",
            &[
                ("w:id", &range),
                ("w:author", &author),
                ("w:date", &date),
                ("w:name", &name),
            ],
        );
        self.runs(
            change.old_heading.as_deref().unwrap_or(&change.heading),
            Mark::MovedFrom,
        );
        self.part.close("w:p");
        let old_text: String = change
            .words
            .pieces
            .iter()
            .filter(|p| p.kind != PieceKind::Inserted)
            .map(|p| p.text.as_str())
            .collect();
        self.paragraphs(
            &[(old_text.as_str(), PieceKind::Same)],
            Mark::MovedFrom,
            None,
            Some(("w:moveFromRangeEnd", &range)),
        );
    }
}

/// The id a change has in the older version.
fn old_id(change: &ClauseChange) -> &str {
    change.old_clause.as_deref().unwrap_or(&change.clause)
}

/// `word/document.xml` and, when there are comments, `word/comments.xml`.
fn parts(doc: &RedlineDocx<'_>) -> (Vec<u8>, Option<Vec<u8>>) {
    let date = doc.date.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut w = Writer {
        part: Part::new(),
        doc,
        date: date.clone(),
        next_id: doc.comments.len(),
    };
    w.part
        .open("w:document", &[("xmlns:w", MAIN_NS), ("xmlns:r", REL_NS)]);
    w.part.open("w:body", &[]);
    w.part.paragraph(
        ParagraphProps {
            style: Some("Title"),
            ..ParagraphProps::default()
        },
        &[(&format!("Redline: {}", doc.new.title), Look::PLAIN)],
    );
    w.part.open("w:p", &[]);
    w.part.paragraph_props(ParagraphProps {
        align: Some("center"),
        ..ParagraphProps::default()
    });
    let general = w.comments_for(None);
    w.part.run(
        &format!(
            "From {} to {}. The changes are tracked: in Word, Review → Accept or Reject.",
            doc.from_label, doc.to_label
        ),
        Look::PLAIN,
    );
    w.close_comments(&general);
    w.part.close("w:p");

    // Where each moved clause stood: after the clause that preceded it in the older version.
    let old_order: Vec<&str> = doc
        .old
        .sections
        .iter()
        .flat_map(|s| s.clauses.iter().map(|c| c.id.as_str()))
        .collect();
    let moved_after = |anchor: Option<&str>| -> Vec<&ClauseChange> {
        doc.redline
            .clauses
            .iter()
            .filter(|c| {
                matches!(
                    c.kind,
                    ClauseChangeKind::Moved | ClauseChangeKind::MovedAndModified
                )
            })
            .filter(|c| {
                let at = old_order.iter().position(|id| *id == old_id(c));
                at.map(|i| if i == 0 { None } else { Some(old_order[i - 1]) }) == Some(anchor)
            })
            .collect()
    };

    let mut section = usize::MAX;
    for (i, change) in doc.redline.clauses.iter().enumerate() {
        let in_section = change
            .new_number
            .as_deref()
            .and_then(|n| n.split('.').next())
            .and_then(|s| s.parse::<usize>().ok())
            .map(|s| s - 1);
        if let Some(s) = in_section
            && s != section
        {
            section = s;
            let heading = doc.new.sections.get(s).map_or("", |s| s.heading.as_str());
            w.part.paragraph(
                ParagraphProps {
                    style: Some("Heading1"),
                    page_break_before: i == 0,
                    ..ParagraphProps::default()
                },
                &[(heading, Look::PLAIN)],
            );
        }
        if i == 0 {
            for moved in moved_after(None) {
                w.moved_from(moved);
            }
        }
        w.clause(change);
        if !matches!(change.kind, ClauseChangeKind::Inserted) {
            for moved in moved_after(Some(old_id(change))) {
                w.moved_from(moved);
            }
        }
    }
    section_properties(&mut w.part);
    w.part.close("w:body");
    w.part.close("w:document");
    let document = w.part.finish();

    let comments = (!doc.comments.is_empty()).then(|| {
        let mut part = Part::new();
        part.open("w:comments", &[("xmlns:w", MAIN_NS)]);
        for (i, comment) in doc.comments.iter().enumerate() {
            let id = i.to_string();
            part.open(
                "w:comment",
                &[("w:id", &id), ("w:author", &comment.author), ("w:date", &date)],
            );
            part.paragraph(ParagraphProps::default(), &[(&comment.text, Look::PLAIN)]);
            part.close("w:comment");
        }
        part.close("w:comments");
        part.finish()
    });
    (document, comments)
}

/// The tracked-changes redline as a `.docx`.
pub fn redline_docx(doc: &RedlineDocx<'_>) -> Result<Vec<u8>, DocxError> {
    let (document, comments) = parts(doc);
    let mut custom = vec![(crate::PROPERTY_AGREEMENT.to_owned(), doc.new.id.to_string())];
    if let Some(round) = &doc.round {
        custom.push((crate::PROPERTY_ROUND.to_owned(), round.number.to_string()));
        custom.push((crate::PROPERTY_FINGERPRINT.to_owned(), round.hash.clone()));
    }
    let version = crate::Version {
        agreement: doc.new,
        round: doc.round.clone(),
        created: doc.date,
    };
    crate::package::write(&crate::package::Parts {
        document,
        footer: crate::agreement::footer(&version),
        comments,
        title: format!("Redline: {}", doc.new.title),
        creator: doc.author.clone(),
        created: doc.date.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        custom,
    })
}

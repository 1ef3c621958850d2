//! `word/document.xml`'s body as paragraphs: each with its style and heading level, the table
//! cell it stands in, the clause tag of the content control around it (a block control as
//! the export writes, or an inline one as LibreOffice turns it into), its runs with their
//! revisions, and the comments that start in it. A paragraph inside another (a text box) is a
//! paragraph of its own, so that its words are kept.

use quick_xml::events::Event;

use crate::read::{Cell, Events, ReplyParagraph, Revision, Span, attribute, reference_text};
use crate::read_styles::{HeadingStyles, outline_level};
use crate::{CLAUSE_TAG, DocxError};

/// A paragraph being read.
struct Open {
    paragraph: ReplyParagraph,
    /// Its own `w:outlineLvl`: `Some(None)` when it says "body text".
    outline: Option<Option<u8>>,
}

/// A table being read: its place among the document's tables and the cell reached.
struct TableAt {
    table: usize,
    row: Option<usize>,
    column: Option<usize>,
}

#[derive(Default)]
struct Reader {
    paragraphs: Vec<ReplyParagraph>,
    open: Vec<Open>,
    /// Each content control around the point: its clause tag.
    controls: Vec<Option<String>>,
    in_control_props: bool,
    tables: Vec<TableAt>,
    tables_seen: usize,
    /// The tracked changes around the point, innermost last (text inserted by one author
    /// and deleted by another sits in both).
    revisions: Vec<(Revision, String, String)>,
    in_text: bool,
    /// Depth of a `w:pPrChange`/`w:rPrChange` (the properties before a tracked change of
    /// format, which say nothing of the paragraph as it is).
    in_old_props: Option<usize>,
    in_paragraph_props: bool,
    /// Comments whose range starts between paragraphs: they belong to the next one.
    pending_comments: Vec<String>,
}

impl Reader {
    fn push_text(&mut self, text: &str) {
        let Some(open) = self.open.last_mut() else {
            return;
        };
        let spans = &mut open.paragraph.spans;
        let revision = self.revisions.last();
        match spans.last_mut() {
            Some(last) if last.revision.as_ref() == revision => last.text.push_str(text),
            _ => spans.push(Span {
                text: text.to_owned(),
                revision: revision.cloned(),
            }),
        }
    }

    fn start_paragraph(&mut self) {
        let cell = self.tables.last().map(|t| Cell {
            table: t.table,
            row: t.row.unwrap_or(0),
            column: t.column.unwrap_or(0),
        });
        self.open.push(Open {
            paragraph: ReplyParagraph {
                cell,
                comments: std::mem::take(&mut self.pending_comments),
                ..ReplyParagraph::default()
            },
            outline: None,
        });
    }

    fn end_paragraph(&mut self, styles: &HeadingStyles) {
        let Some(Open {
            mut paragraph,
            outline,
        }) = self.open.pop()
        else {
            return;
        };
        paragraph.heading = match outline {
            Some(own) => own,
            None => paragraph.style.as_deref().and_then(|s| styles.level(s)),
        };
        if paragraph.clause_tag.is_none() {
            paragraph.clause_tag = self.controls.iter().rev().find_map(Clone::clone);
        }
        self.paragraphs.push(paragraph);
    }
}

/// The body's paragraphs, in order.
pub fn paragraphs(text: &str, styles: &HeadingStyles) -> Result<Vec<ReplyParagraph>, DocxError> {
    let mut events = Events::new(text, "word/document.xml");
    let mut r = Reader::default();
    loop {
        let event = events.next()?;
        let depth = events.depth;
        match event {
            Event::Start(e) => match e.name().into_inner() {
                "w:p" => r.start_paragraph(),
                "w:pPr" if r.in_old_props.is_none() => r.in_paragraph_props = true,
                "w:pPrChange" | "w:rPrChange" | "w:sectPrChange" | "w:tblPrChange" | "w:trPrChange"
                | "w:tcPrChange" => {
                    r.in_old_props.get_or_insert(depth);
                }
                "w:sdt" => r.controls.push(None),
                "w:sdtPr" => r.in_control_props = true,
                name @ ("w:ins" | "w:moveTo" | "w:del" | "w:moveFrom") => {
                    let kind = if matches!(name, "w:ins" | "w:moveTo") {
                        Revision::Inserted
                    } else {
                        Revision::Deleted
                    };
                    r.revisions.push((
                        kind,
                        attribute(&e, "w:author").unwrap_or_default(),
                        attribute(&e, "w:date").unwrap_or_default(),
                    ));
                }
                "w:tbl" => {
                    r.tables.push(TableAt {
                        table: r.tables_seen,
                        row: None,
                        column: None,
                    });
                    r.tables_seen += 1;
                }
                "w:tr" => {
                    if let Some(t) = r.tables.last_mut() {
                        t.row = Some(t.row.map_or(0, |n| n + 1));
                        t.column = None;
                    }
                }
                "w:tc" => {
                    if let Some(t) = r.tables.last_mut() {
                        t.column = Some(t.column.map_or(0, |n| n + 1));
                    }
                }
                "w:t" | "w:delText" => r.in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.name().into_inner() {
                "w:p" => {
                    r.start_paragraph();
                    r.end_paragraph(styles);
                }
                "w:tag" if r.in_control_props => {
                    let tag =
                        attribute(&e, "w:val").and_then(|v| v.strip_prefix(CLAUSE_TAG).map(str::to_owned));
                    if let Some(control) = r.controls.last_mut() {
                        control.clone_from(&tag);
                    }
                    // An inline control (as LibreOffice writes) tags the paragraph it is in.
                    if let (Some(open), Some(tag)) = (r.open.last_mut(), tag) {
                        open.paragraph.clause_tag = Some(tag);
                    }
                }
                "w:pStyle" if r.in_paragraph_props && r.in_old_props.is_none() => {
                    if let Some(open) = r.open.last_mut() {
                        open.paragraph.style = attribute(&e, "w:val");
                    }
                }
                "w:outlineLvl" if r.in_paragraph_props && r.in_old_props.is_none() => {
                    if let Some(open) = r.open.last_mut() {
                        open.outline = Some(outline_level(attribute(&e, "w:val")));
                    }
                }
                "w:br" | "w:cr" => r.push_text("\n"),
                "w:tab" if !r.in_paragraph_props => r.push_text("\t"),
                "w:noBreakHyphen" => r.push_text("-"),
                "w:commentRangeStart" => {
                    if let Some(id) = attribute(&e, "w:id") {
                        match r.open.last_mut() {
                            Some(open) => open.paragraph.comments.push(id),
                            None => r.pending_comments.push(id),
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if r.in_text => r.push_text(&t.xml10_content()),
            Event::GeneralRef(reference) if r.in_text => {
                r.push_text(&reference_text(&reference.into_inner()));
            }
            Event::End(e) => {
                let depth_before = depth + 1;
                if r.in_old_props == Some(depth_before) {
                    r.in_old_props = None;
                }
                match e.name().into_inner() {
                    "w:t" | "w:delText" => r.in_text = false,
                    "w:pPr" => r.in_paragraph_props = false,
                    "w:sdtPr" => r.in_control_props = false,
                    "w:ins" | "w:moveTo" | "w:del" | "w:moveFrom" => {
                        r.revisions.pop();
                    }
                    "w:tbl" => {
                        r.tables.pop();
                    }
                    "w:p" => r.end_paragraph(styles),
                    "w:sdt" => {
                        r.controls.pop();
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A paragraph left open by a truncated file still has words.
    while !r.open.is_empty() {
        r.end_paragraph(styles);
    }
    Ok(r.paragraphs)
}

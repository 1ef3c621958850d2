//! Reading a `.docx` that came back from Word, defensively: the file's size, the zip's
//! declared and real sizes, the parts that must be there, no DTDs (so no external entities)
//! and no element nesting deeper than any real document has — each refused with its own
//! error before anything else is done. What comes out is the text as Word holds it: each
//! clause's paragraphs (found by the content controls the export put around them, or by their
//! Heading 2 when Word lost the control), each run of text with the revision it belongs to,
//! and the comments with the text they cover.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::{CLAUSE_TAG, DocxError, PROPERTY_AGREEMENT, PROPERTY_FINGERPRINT, PROPERTY_ROUND};

/// The largest Word file read.
pub const MAX_DOCX_BYTES: usize = 32 * 1024 * 1024;
/// The largest part inflated from it (real documents' `document.xml` are a few megabytes).
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// The deepest element nesting accepted (Word's own documents stay under 30).
pub const MAX_DEPTH: usize = 200;

/// Whether a run of text was inserted or deleted with Track Changes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Revision {
    Inserted,
    Deleted,
}

/// A run of text as Word holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    /// With its author and date, when the text is a tracked change.
    pub revision: Option<(Revision, String, String)>,
}

/// One paragraph (a table cell's paragraphs included, marked as such).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReplyParagraph {
    pub style: Option<String>,
    pub in_table: bool,
    pub spans: Vec<Span>,
    /// The comments whose range starts in this paragraph.
    pub comments: Vec<String>,
}

impl ReplyParagraph {
    /// The text with every revision accepted.
    pub fn accepted(&self) -> String {
        self.spans
            .iter()
            .filter(|s| !matches!(s.revision, Some((Revision::Deleted, ..))))
            .map(|s| s.text.as_str())
            .collect()
    }

    /// The text before the revisions (every one rejected).
    pub fn original(&self) -> String {
        self.spans
            .iter()
            .filter(|s| !matches!(s.revision, Some((Revision::Inserted, ..))))
            .map(|s| s.text.as_str())
            .collect()
    }
}

/// A clause as it came back: the id from its content control, if Word kept it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReplyClause {
    pub id: Option<String>,
    pub paragraphs: Vec<ReplyParagraph>,
}

/// A comment, with its author and date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyComment {
    pub id: String,
    pub author: String,
    pub date: String,
    pub text: String,
}

/// What a Word file holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordReply {
    /// The custom properties the export wrote (agreement id, round, fingerprint).
    pub agreement_id: Option<String>,
    pub round: Option<u32>,
    pub fingerprint: Option<String>,
    /// Paragraphs before the first clause (title block) and outside any clause.
    pub outside: Vec<ReplyParagraph>,
    pub clauses: Vec<ReplyClause>,
    pub comments: Vec<ReplyComment>,
}

/// Reads a Word file.
pub fn read_docx(bytes: &[u8]) -> Result<WordReply, DocxError> {
    if bytes.len() > MAX_DOCX_BYTES {
        return Err(DocxError::TooLarge {
            bytes: bytes.len(),
            max: MAX_DOCX_BYTES,
        });
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| DocxError::NotAWordFile)?;
    let document =
        part(&mut archive, "word/document.xml")?.ok_or(DocxError::MissingPart("word/document.xml"))?;
    let mut reply = parse_document(&document)?;
    if let Some(comments) = part(&mut archive, "word/comments.xml")? {
        reply.comments = parse_comments(&comments)?;
    }
    if let Some(custom) = part(&mut archive, "docProps/custom.xml")? {
        let properties = parse_properties(&custom)?;
        reply.agreement_id = properties.get(PROPERTY_AGREEMENT).cloned();
        reply.round = properties.get(PROPERTY_ROUND).and_then(|r| r.parse().ok());
        reply.fingerprint = properties.get(PROPERTY_FINGERPRINT).cloned();
    }
    Ok(reply)
}

/// One part inflated, refusing one that declares or turns out larger than the limit.
fn part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &'static str,
) -> Result<Option<String>, DocxError> {
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(DocxError::NotAWordFile),
    };
    if entry.size() > MAX_PART_BYTES {
        return Err(DocxError::PartTooLarge {
            part: name,
            max: MAX_PART_BYTES,
        });
    }
    // The declared size may lie: read no more than the limit allows.
    let mut inflated = Vec::new();
    entry
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut inflated)
        .map_err(|_| DocxError::NotAWordFile)?;
    if inflated.len() as u64 > MAX_PART_BYTES {
        return Err(DocxError::PartTooLarge {
            part: name,
            max: MAX_PART_BYTES,
        });
    }
    String::from_utf8(inflated)
        .map(Some)
        .map_err(|_| DocxError::Malformed {
            part: name,
            reason: "it is not UTF-8 text".into(),
        })
}

/// The attribute `name` of an element.
fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

/// Events of a part, with the depth and DTD checks every reader needs.
struct Events<'a> {
    reader: Reader<&'a [u8]>,
    part: &'static str,
    depth: usize,
}

impl<'a> Events<'a> {
    fn new(text: &'a str, part: &'static str) -> Self {
        Events {
            reader: Reader::from_str(text),
            part,
            depth: 0,
        }
    }

    fn next(&mut self) -> Result<Event<'a>, DocxError> {
        let event = self.reader.read_event().map_err(|e| DocxError::Malformed {
            part: self.part,
            reason: e.to_string(),
        })?;
        match &event {
            Event::DocType(_) => {
                return Err(DocxError::Malformed {
                    part: self.part,
                    reason: "it declares a document type (DTDs and external entities are not accepted)"
                        .into(),
                });
            }
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(DocxError::Malformed {
                        part: self.part,
                        reason: format!("its elements nest more than {MAX_DEPTH} deep"),
                    });
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::GeneralRef(reference) => {
                let name = reference.clone().into_inner();
                let known = matches!(&*name, "amp" | "lt" | "gt" | "quot" | "apos") || name.starts_with('#');
                if !known {
                    return Err(DocxError::Malformed {
                        part: self.part,
                        reason: format!("it refers to the undeclared entity `{name}`"),
                    });
                }
            }
            _ => {}
        }
        Ok(event)
    }
}

/// The text an entity or character reference stands for.
fn reference_text(name: &str) -> String {
    quick_xml::escape::unescape(&format!("&{name};")).map_or_else(|_| String::new(), |t| t.into_owned())
}

fn parse_document(text: &str) -> Result<WordReply, DocxError> {
    let mut events = Events::new(text, "word/document.xml");
    let mut reply = WordReply::default();
    // Where we are: the clause's content control, the revision around the run, the paragraph.
    let mut clause: Option<ReplyClause> = None;
    let mut sdt_depths: Vec<usize> = Vec::new();
    let mut clause_sdt: Option<usize> = None;
    let mut revision: Option<(Revision, String, String)> = None;
    let mut revision_depth = 0;
    let mut paragraph: Option<ReplyParagraph> = None;
    let mut table_depth: usize = 0;
    let mut in_text = false;
    let mut in_tag_props = false;

    let push_text = |paragraph: &mut Option<ReplyParagraph>,
                     text: &str,
                     revision: &Option<(Revision, String, String)>| {
        if let Some(p) = paragraph.as_mut() {
            match p.spans.last_mut() {
                Some(last) if last.revision == *revision => last.text.push_str(text),
                _ => p.spans.push(Span {
                    text: text.to_owned(),
                    revision: revision.clone(),
                }),
            }
        }
    };
    loop {
        let event = events.next()?;
        match event {
            Event::Start(e) => match e.name().into_inner() {
                "w:sdt" => sdt_depths.push(events.depth),
                "w:sdtPr" => in_tag_props = true,
                "w:ins" | "w:moveTo" if paragraph.is_some() => {
                    revision = Some((
                        Revision::Inserted,
                        attribute(&e, "w:author").unwrap_or_default(),
                        attribute(&e, "w:date").unwrap_or_default(),
                    ));
                    revision_depth = events.depth;
                }
                "w:del" | "w:moveFrom" if paragraph.is_some() => {
                    revision = Some((
                        Revision::Deleted,
                        attribute(&e, "w:author").unwrap_or_default(),
                        attribute(&e, "w:date").unwrap_or_default(),
                    ));
                    revision_depth = events.depth;
                }
                "w:p" => {
                    paragraph = Some(ReplyParagraph {
                        in_table: table_depth > 0,
                        ..ReplyParagraph::default()
                    })
                }
                "w:tbl" => table_depth += 1,
                "w:t" | "w:delText" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.name().into_inner() {
                "w:tag" if in_tag_props => {
                    if let Some(id) =
                        attribute(&e, "w:val").and_then(|v| v.strip_prefix(CLAUSE_TAG).map(str::to_owned))
                    {
                        if let Some(done) = clause.take() {
                            reply.clauses.push(done);
                        }
                        clause = Some(ReplyClause {
                            id: Some(id),
                            paragraphs: Vec::new(),
                        });
                        clause_sdt = sdt_depths.last().copied();
                    }
                }
                "w:pStyle" => {
                    if let Some(p) = paragraph.as_mut() {
                        p.style = attribute(&e, "w:val");
                    }
                }
                "w:br" | "w:cr" => push_text(&mut paragraph, "\n", &revision),
                "w:tab" => push_text(&mut paragraph, "\t", &revision),
                "w:commentRangeStart" => {
                    if let (Some(p), Some(id)) = (paragraph.as_mut(), attribute(&e, "w:id")) {
                        p.comments.push(id);
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => push_text(&mut paragraph, &t.xml10_content(), &revision),
            Event::GeneralRef(r) if in_text => {
                push_text(&mut paragraph, &reference_text(&r.into_inner()), &revision)
            }
            Event::End(e) => {
                let depth_before = events.depth + 1;
                match e.name().into_inner() {
                    "w:t" | "w:delText" => in_text = false,
                    "w:sdtPr" => in_tag_props = false,
                    "w:ins" | "w:moveTo" | "w:del" | "w:moveFrom" if depth_before == revision_depth => {
                        revision = None;
                    }
                    "w:tbl" => table_depth = table_depth.saturating_sub(1),
                    "w:p" => {
                        if let Some(done) = paragraph.take() {
                            // A Heading 2 outside any content control starts a clause whose
                            // control Word lost: it is matched by its heading and text later.
                            if clause.is_none() && done.style.as_deref() == Some("Heading2") {
                                clause = Some(ReplyClause::default());
                            }
                            match clause.as_mut() {
                                Some(c) => c.paragraphs.push(done),
                                None => reply.outside.push(done),
                            }
                        }
                    }
                    // A content control ends; the clause's own one ends the clause.
                    "w:sdt" if sdt_depths.pop().is_some() && clause_sdt == Some(depth_before) => {
                        if let Some(done) = clause.take() {
                            reply.clauses.push(done);
                        }
                        clause_sdt = None;
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        // A heading 1 (a section) ends a clause that has no content control.
        if clause_sdt.is_none()
            && let Some(c) = &clause
            && c.id.is_none()
            && c.paragraphs
                .last()
                .is_some_and(|p| p.style.as_deref() == Some("Heading1"))
        {
            let mut done = clause.take().unwrap_or_default();
            if let Some(heading) = done.paragraphs.pop() {
                reply.outside.push(heading);
            }
            reply.clauses.push(done);
        }
    }
    if let Some(done) = clause.take() {
        reply.clauses.push(done);
    }
    Ok(reply)
}

fn parse_comments(text: &str) -> Result<Vec<ReplyComment>, DocxError> {
    let mut events = Events::new(text, "word/comments.xml");
    let mut comments = Vec::new();
    let mut current: Option<ReplyComment> = None;
    let mut in_text = false;
    loop {
        match events.next()? {
            Event::Start(e) if e.name().into_inner() == "w:comment" => {
                current = Some(ReplyComment {
                    id: attribute(&e, "w:id").unwrap_or_default(),
                    author: attribute(&e, "w:author").unwrap_or_default(),
                    date: attribute(&e, "w:date").unwrap_or_default(),
                    text: String::new(),
                });
            }
            Event::Start(e) if e.name().into_inner() == "w:t" => in_text = true,
            Event::End(e) => match e.name().into_inner() {
                "w:t" => in_text = false,
                "w:p" => {
                    if let Some(c) = current.as_mut()
                        && !c.text.is_empty()
                        && !c.text.ends_with('\n')
                    {
                        c.text.push('\n');
                    }
                }
                "w:comment" => {
                    if let Some(mut c) = current.take() {
                        c.text = c.text.trim().to_owned();
                        comments.push(c);
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(c) = current.as_mut() {
                    c.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = current.as_mut() {
                    c.text.push_str(&reference_text(&r.into_inner()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(comments)
}

fn parse_properties(text: &str) -> Result<BTreeMap<String, String>, DocxError> {
    let mut events = Events::new(text, "docProps/custom.xml");
    let mut properties = BTreeMap::new();
    let mut name: Option<String> = None;
    let mut in_value = false;
    loop {
        match events.next()? {
            Event::Start(e) if e.name().into_inner() == "property" => name = attribute(&e, "name"),
            Event::Start(e) if e.name().into_inner() == "vt:lpwstr" => in_value = true,
            Event::End(e) if e.name().into_inner() == "vt:lpwstr" => in_value = false,
            Event::Text(t) if in_value => {
                if let Some(n) = &name {
                    properties.insert(n.clone(), t.xml10_content().into_owned());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(properties)
}

//! Reading a `.docx` that came back from Word, defensively: the file's size, the zip's
//! declared and real sizes, the parts that must be there, no DTDs (so no external entities)
//! and no element nesting deeper than any real document has — each refused with its own
//! error before anything else is done. What comes out is the text as Word holds it: every
//! paragraph in order (with its heading level, its table cell and the clause tag of the content
//! control around it, when the writer kept one), each run of text with the revision it belongs
//! to, and the comments with the text they cover. Which paragraphs make which clause is
//! [`crate::segment`]'s question.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::read_styles::HeadingStyles;

use crate::{DocxError, PROPERTY_AGREEMENT, PROPERTY_FINGERPRINT, PROPERTY_ROUND};

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

/// Where a paragraph stands in a table: the table's place among the document's tables (from 0),
/// its row and its column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    pub table: usize,
    pub row: usize,
    pub column: usize,
}

/// One paragraph as Word holds it, a table cell's paragraphs included.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReplyParagraph {
    /// The style id as the file names it (`Heading2`, `berschrift2`).
    pub style: Option<String>,
    /// 1 for a section heading, 2 for a clause heading, 3 and more for deeper headings (by the
    /// style's name or outline level); none for body text.
    pub heading: Option<u8>,
    pub cell: Option<Cell>,
    /// The clause id of the tagged content control around it or inside it, when the writer
    /// kept the tag.
    pub clause_tag: Option<String>,
    pub spans: Vec<Span>,
    /// The comments whose range starts in this paragraph (or just before it).
    pub comments: Vec<String>,
}

impl ReplyParagraph {
    pub fn in_table(&self) -> bool {
        self.cell.is_some()
    }

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
    /// Every paragraph of the body, in order.
    pub paragraphs: Vec<ReplyParagraph>,
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
    let styles = match part(&mut archive, "word/styles.xml")? {
        Some(text) => HeadingStyles::parse(&text)?,
        None => HeadingStyles::default(),
    };
    let mut reply = WordReply {
        paragraphs: crate::read_body::paragraphs(&document, &styles)?,
        ..WordReply::default()
    };
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
pub(crate) fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

/// Events of a part, with the depth and DTD checks every reader needs.
pub(crate) struct Events<'a> {
    reader: Reader<&'a [u8]>,
    part: &'static str,
    pub(crate) depth: usize,
}

impl<'a> Events<'a> {
    pub(crate) fn new(text: &'a str, part: &'static str) -> Self {
        let mut reader = Reader::from_str(text);
        // LibreOffice 7.4 writes a tracked deletion of a clause heading as
        // `<w:del><w:sdt>…<w:sdtContent></w:del>…</w:sdtContent></w:sdt>`: end tags that do not
        // match are read as they come (the readers keep their own stacks by name).
        reader.config_mut().check_end_names = false;
        Events {
            reader,
            part,
            depth: 0,
        }
    }

    pub(crate) fn next(&mut self) -> Result<Event<'a>, DocxError> {
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
pub(crate) fn reference_text(name: &str) -> String {
    quick_xml::escape::unescape(&format!("&{name};")).map_or_else(|_| String::new(), |t| t.into_owned())
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

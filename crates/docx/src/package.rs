//! The `.docx` container: a zip of XML parts with their content types and relationships, the
//! document's core and custom properties. Written with fixed timestamps, so the same
//! document gives the same bytes.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::DocxError;
use crate::xml::Part;

/// The parts of a document besides its body.
pub struct Parts {
    pub document: Vec<u8>,
    pub footer: Vec<u8>,
    /// `word/comments.xml`, when the document has comments.
    pub comments: Option<Vec<u8>>,
    pub title: String,
    pub creator: String,
    /// `2027-03-01T10:00:00Z`.
    pub created: String,
    /// Custom properties (name, text value), read back by the import.
    pub custom: Vec<(String, String)>,
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>
"#;
const COMMENTS_TYPE: &str = r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>
"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>
</Relationships>
"#;

/// The document's relationships; the footer is `rIdFooter` in the body's section properties.
const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
"#;
const COMMENTS_REL: &str = r#"<Relationship Id="rIdComments" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>
"#;

const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>SLA Studio</Application></Properties>
"#;

fn core(parts: &Parts) -> Vec<u8> {
    let mut part = Part::new();
    part.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    part.element("dc:title", &[], &parts.title);
    part.element("dc:creator", &[], &parts.creator);
    part.element(
        "dcterms:created",
        &[("xsi:type", "dcterms:W3CDTF")],
        &parts.created,
    );
    part.element(
        "dcterms:modified",
        &[("xsi:type", "dcterms:W3CDTF")],
        &parts.created,
    );
    part.close("cp:coreProperties");
    part.finish()
}

fn custom(properties: &[(String, String)]) -> Vec<u8> {
    let mut part = Part::new();
    part.open(
        "Properties",
        &[
            (
                "xmlns",
                "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
            ),
            (
                "xmlns:vt",
                "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
            ),
        ],
    );
    for (i, (name, value)) in properties.iter().enumerate() {
        // Property ids start at 2; the format id is the one custom properties use.
        let pid = (i + 2).to_string();
        part.open(
            "property",
            &[
                ("fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"),
                ("pid", &pid),
                ("name", name),
            ],
        );
        part.element("vt:lpwstr", &[], value);
        part.close("property");
    }
    part.close("Properties");
    part.finish()
}

/// The zipped package.
pub fn write(parts: &Parts) -> Result<Vec<u8>, DocxError> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let (core, custom) = (core(parts), custom(&parts.custom));
    let has_comments = parts.comments.is_some();
    let content_types = format!(
        "{CONTENT_TYPES}{}</Types>\n",
        if has_comments { COMMENTS_TYPE } else { "" }
    );
    let document_rels = format!(
        "{DOCUMENT_RELS}{}</Relationships>\n",
        if has_comments { COMMENTS_REL } else { "" }
    );
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/document.xml", &parts.document),
        ("word/_rels/document.xml.rels", document_rels.as_bytes()),
        ("word/styles.xml", crate::styles::STYLES.as_bytes()),
        ("word/numbering.xml", crate::styles::NUMBERING.as_bytes()),
        ("word/settings.xml", crate::styles::SETTINGS.as_bytes()),
        ("word/footer1.xml", &parts.footer),
        ("docProps/core.xml", &core),
        ("docProps/app.xml", APP.as_bytes()),
        ("docProps/custom.xml", &custom),
    ];
    if let Some(comments) = &parts.comments {
        entries.push(("word/comments.xml", comments));
    }
    for (name, bytes) in entries {
        zip.start_file(name, options)
            .map_err(|e| DocxError::Write(e.to_string()))?;
        zip.write_all(bytes)
            .map_err(|e| DocxError::Write(e.to_string()))?;
    }
    let cursor = zip.finish().map_err(|e| DocxError::Write(e.to_string()))?;
    Ok(cursor.into_inner())
}

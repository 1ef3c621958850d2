//! WordprocessingML written with quick-xml's writer (which escapes text and attribute
//! values): the few element shapes the documents use.

use std::io::Cursor;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// An XML part being written.
pub struct Part {
    writer: Writer<Cursor<Vec<u8>>>,
}

/// How a run of text looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Look {
    pub bold: bool,
    pub italic: bool,
    /// Half-points, when not the style's.
    pub size: Option<u32>,
    /// `5A5A5A`, when not the style's.
    pub color: Option<&'static str>,
}

impl Look {
    pub const PLAIN: Look = Look {
        bold: false,
        italic: false,
        size: None,
        color: None,
    };
    pub const BOLD: Look = Look {
        bold: true,
        ..Look::PLAIN
    };
    pub const ITALIC: Look = Look {
        italic: true,
        ..Look::PLAIN
    };
    pub const SMALL_GREY: Look = Look {
        size: Some(18),
        color: Some("5A5A5A"),
        ..Look::PLAIN
    };
}

/// A paragraph's properties.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ParagraphProps<'a> {
    pub style: Option<&'a str>,
    /// `center`, `both` (justified), `left`.
    pub align: Option<&'a str>,
    pub keep_next: bool,
    pub page_break_before: bool,
    /// Twentieths of a point.
    pub space_after: Option<u32>,
}

impl Part {
    /// A part starting with the XML declaration.
    pub fn new() -> Self {
        let mut writer = Writer::new(Cursor::new(Vec::new()));
        // Writing to memory cannot fail.
        let _ = writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), Some("yes"))));
        Part { writer }
    }

    pub fn open(&mut self, name: &str, attributes: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        for (key, value) in attributes {
            start.push_attribute((*key, *value));
        }
        let _ = self.writer.write_event(Event::Start(start));
    }

    pub fn close(&mut self, name: &str) {
        let _ = self.writer.write_event(Event::End(BytesEnd::new(name)));
    }

    pub fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        for (key, value) in attributes {
            start.push_attribute((*key, *value));
        }
        let _ = self.writer.write_event(Event::Empty(start));
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) {
        let _ = self.writer.write_event(Event::Text(BytesText::new(text)));
    }

    /// `<name attrs>text</name>`.
    pub fn element(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.open(name, attributes);
        self.text(text);
        self.close(name);
    }

    /// A run of text: `<w:r><w:rPr>…</w:rPr><w:t xml:space="preserve">…</w:t></w:r>`. Line
    /// breaks in `text` become `<w:br/>`.
    pub fn run(&mut self, text: &str, look: Look) {
        self.open("w:r", &[]);
        if look != Look::PLAIN {
            self.open("w:rPr", &[]);
            if look.bold {
                self.empty("w:b", &[]);
            }
            if look.italic {
                self.empty("w:i", &[]);
            }
            if let Some(color) = look.color {
                self.empty("w:color", &[("w:val", color)]);
            }
            if let Some(size) = look.size {
                let size = size.to_string();
                self.empty("w:sz", &[("w:val", &size)]);
                self.empty("w:szCs", &[("w:val", &size)]);
            }
            self.close("w:rPr");
        }
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.empty("w:br", &[]);
            }
            self.element("w:t", &[("xml:space", "preserve")], line);
        }
        self.close("w:r");
    }

    /// A paragraph of runs.
    pub fn paragraph(&mut self, props: ParagraphProps<'_>, runs: &[(&str, Look)]) {
        self.open("w:p", &[]);
        self.paragraph_props(props);
        for (text, look) in runs {
            self.run(text, *look);
        }
        self.close("w:p");
    }

    pub fn paragraph_props(&mut self, props: ParagraphProps<'_>) {
        if props == ParagraphProps::default() {
            return;
        }
        self.open("w:pPr", &[]);
        if let Some(style) = props.style {
            self.empty("w:pStyle", &[("w:val", style)]);
        }
        if props.keep_next {
            self.empty("w:keepNext", &[]);
        }
        if props.page_break_before {
            self.empty("w:pageBreakBefore", &[]);
        }
        if let Some(after) = props.space_after {
            let after = after.to_string();
            self.empty("w:spacing", &[("w:after", &after)]);
        }
        if let Some(align) = props.align {
            self.empty("w:jc", &[("w:val", align)]);
        }
        self.close("w:pPr");
    }

    /// A field (`PAGE`, `NUMPAGES`) with the value shown until Word updates it.
    pub fn field(&mut self, instruction: &str, shown: &str, look: Look) {
        for kind in ["begin", "instr", "separate", "shown", "end"] {
            self.open("w:r", &[]);
            if look.size.is_some() || look.color.is_some() {
                self.open("w:rPr", &[]);
                if let Some(color) = look.color {
                    self.empty("w:color", &[("w:val", color)]);
                }
                if let Some(size) = look.size {
                    let size = size.to_string();
                    self.empty("w:sz", &[("w:val", &size)]);
                }
                self.close("w:rPr");
            }
            match kind {
                "instr" => self.element(
                    "w:instrText",
                    &[("xml:space", "preserve")],
                    &format!(" {instruction} "),
                ),
                "shown" => self.element("w:t", &[], shown),
                _ => self.empty("w:fldChar", &[("w:fldCharType", kind)]),
            }
            self.close("w:r");
        }
    }

    /// The bytes written.
    pub fn finish(self) -> Vec<u8> {
        self.writer.into_inner().into_inner()
    }
}

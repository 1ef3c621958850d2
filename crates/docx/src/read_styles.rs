//! Which paragraph styles are headings, and of which level, as the file's own `styles.xml`
//! says: by the style's name (`heading 2`, whatever its id: Word in German writes the id
//! `berschrift2` for it), else by its outline level, else by the style it is based on. A file
//! without styles falls back to the ids Word, LibreOffice and pandoc use (`Heading2`).

use std::collections::BTreeMap;

use quick_xml::events::Event;

use crate::DocxError;
use crate::read::{Events, attribute};

/// How deep a `basedOn` chain is followed (a loop in a hostile file ends here).
const MAX_BASED_ON: usize = 16;

#[derive(Default)]
struct StyleFacts {
    name: Option<String>,
    based_on: Option<String>,
    outline: Option<u8>,
}

/// The heading level (1 for a section, 2 for a clause, …) of each paragraph style.
#[derive(Default)]
pub struct HeadingStyles {
    styles: BTreeMap<String, StyleFacts>,
}

impl HeadingStyles {
    pub fn parse(text: &str) -> Result<Self, DocxError> {
        let mut events = Events::new(text, "word/styles.xml");
        let mut styles = BTreeMap::new();
        let mut current: Option<(String, StyleFacts)> = None;
        loop {
            match events.next()? {
                Event::Start(e) if e.name().into_inner() == "w:style" => {
                    let paragraph = attribute(&e, "w:type").is_none_or(|t| t == "paragraph");
                    current = attribute(&e, "w:styleId")
                        .filter(|_| paragraph)
                        .map(|id| (id, StyleFacts::default()));
                }
                Event::Empty(e) => {
                    if let Some((_, facts)) = current.as_mut() {
                        match e.name().into_inner() {
                            "w:name" => facts.name = attribute(&e, "w:val"),
                            "w:basedOn" => facts.based_on = attribute(&e, "w:val"),
                            "w:outlineLvl" => facts.outline = outline_level(attribute(&e, "w:val")),
                            _ => {}
                        }
                    }
                }
                Event::End(e) if e.name().into_inner() == "w:style" => {
                    if let Some((id, facts)) = current.take() {
                        styles.insert(id, facts);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(HeadingStyles { styles })
    }

    /// The heading level of the style `id`, if it is a heading.
    pub fn level(&self, id: &str) -> Option<u8> {
        let mut at = id;
        for _ in 0..MAX_BASED_ON {
            let Some(facts) = self.styles.get(at) else {
                // A style the file does not define: its id is all there is.
                return level_in_name(at);
            };
            if let Some(level) = facts.name.as_deref().and_then(level_in_name) {
                return Some(level);
            }
            if let Some(level) = facts.outline {
                return Some(level);
            }
            at = facts.based_on.as_deref()?;
        }
        None
    }
}

/// `w:outlineLvl`'s value (0 for the top level, 9 for body text) as a heading level.
pub fn outline_level(value: Option<String>) -> Option<u8> {
    value
        .and_then(|v| v.parse::<u8>().ok())
        .filter(|l| *l < 9)
        .map(|l| l + 1)
}

/// `heading 2`, `Heading 2`, `Heading2` → 2.
fn level_in_name(name: &str) -> Option<u8> {
    let rest = name
        .get(..7)
        .filter(|head| head.eq_ignore_ascii_case("heading"))
        .map(|_| name[7..].trim_start())?;
    rest.parse::<u8>().ok().filter(|l| (1..=9).contains(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_outline_levels_and_parents_make_headings() {
        let styles = HeadingStyles::parse(
            r#"<w:styles xmlns:w="x">
            <w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style>
            <w:style w:type="paragraph" w:styleId="Clause"><w:name w:val="Clause"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="MyClause"><w:name w:val="My clause"/><w:basedOn w:val="Clause"/></w:style>
            <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
            <w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
            <w:style w:type="character" w:styleId="Heading1Char"><w:name w:val="Heading 1 Char"/></w:style>
            </w:styles>"#,
        )
        .unwrap();
        assert_eq!(styles.level("berschrift2"), Some(2));
        assert_eq!(styles.level("Clause"), Some(2));
        assert_eq!(styles.level("MyClause"), Some(2));
        assert_eq!(styles.level("Loop"), None);
        assert_eq!(styles.level("Body"), None);
        assert_eq!(styles.level("Heading1"), Some(1), "an undefined style by its id");
        assert_eq!(
            styles.level("Heading1Char"),
            None,
            "a character style is no heading"
        );
        assert_eq!(styles.level("Normal"), None);
    }
}

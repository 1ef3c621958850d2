//! A Word file as the other side sends it back: ours, with its document text edited and parts
//! added, written again as Word would.

use std::io::{Cursor, Read, Write};

/// `docx` with `edit` applied to `word/document.xml` and each of `added` (name, content) put in.
pub fn edited(docx: &[u8], edit: impl Fn(String) -> String, added: &[(&str, &[u8])]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        if name == "word/document.xml" {
            content = edit(String::from_utf8(content).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&content).unwrap();
    }
    for (name, content) in added {
        out.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

//! Agreements written elsewhere: a Markdown SLA (like the public ones in the shared corpus)
//! read into sections and clauses, so it can be negotiated like one drafted in SLA Studio.
//!
//! Structure is recognised the way a reader sees it: the first level-1 heading is the title;
//! level-2 headings, or the items of a top-level numbered list, are sections; nested list
//! items, level-3 headings, and paragraphs opening with a number (`1.1`) or a run-in heading
//! (`**Target Uptime.**`) are clauses. Inline markup and HTML are removed, link text kept.

//!
//! A plain-text file (`.txt`) is read as written: its paragraphs, with no character taken
//! for markup.

mod blocks;
mod headings;
mod markdown;
mod markup;
mod structure;
mod text;
pub mod words;

pub use structure::{
    ImportError, MAX_MARKDOWN_BYTES, import_document, import_markdown, import_text, is_plain_text,
};

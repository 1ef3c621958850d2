//! The draft claim letter as a document: sender, date, recipient and subject, the
//! paragraphs, and room for the signature.

use sla_measure::ClaimLetter;

use crate::blocks::{Align, Block, Paragraph, Style};
use crate::fonts::Face;

const BODY: Style = Style::new(Face::Regular, 11.0);

fn line(text: impl Into<String>, style: Style, space_after: f32) -> Block {
    Block::Paragraph(Paragraph {
        align: Align::Left,
        space_after,
        ..Paragraph::plain(text, style)
    })
}

/// Every block of the letter.
pub fn blocks(letter: &ClaimLetter) -> Vec<Block> {
    let mut blocks = vec![
        line(letter.from.clone(), Style::new(Face::Bold, 12.0), 24.0),
        line(letter.date.strftime("%-d %B %Y").to_string(), BODY, 18.0),
        line(letter.to.clone(), BODY, 18.0),
        line(letter.subject.clone(), Style::new(Face::Bold, 11.0), 12.0),
    ];
    for paragraph in &letter.paragraphs {
        blocks.push(Block::Paragraph(Paragraph {
            space_after: 8.0,
            ..Paragraph::plain(paragraph.clone(), BODY)
        }));
    }
    blocks.push(line("", BODY, 36.0));
    blocks.push(line("______________________________", BODY, 4.0));
    blocks.push(line(format!("For and on behalf of {}", letter.signed), BODY, 0.0));
    blocks
}

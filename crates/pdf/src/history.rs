//! The negotiation history as a document: every round with who proposed it and when, its
//! message, the comments it carried, and its fingerprint chained to the round before.

use sla_model::{CommentTarget, Round};

use crate::blocks::{Align, Block, GREY, Mark, Paragraph, Span, Style};
use crate::fonts::Face;

const BODY: Style = Style::new(Face::Regular, 11.0);

/// What the history document shows.
#[derive(Clone, Debug)]
pub struct HistoryDocument<'a> {
    pub title: String,
    pub agreement_id: String,
    pub rounds: &'a [Round],
    /// Both parties hold the last round.
    pub agreed: bool,
    pub printed_at: jiff::Timestamp,
}

fn line(spans: Vec<Span>, space_after: f32) -> Block {
    Block::Paragraph(Paragraph {
        align: Align::Left,
        space_after,
        ..Paragraph::new(spans)
    })
}

fn target(agreement_round: &Round, target: &CommentTarget) -> String {
    let snapshot = &agreement_round.snapshot;
    match target {
        CommentTarget::Agreement => "the agreement".to_owned(),
        CommentTarget::Term(id) => snapshot
            .term(id)
            .map_or_else(|| format!("term {id}"), |t| format!("the term {}", t.label)),
        CommentTarget::Clause(id) => snapshot.locate_clause(id).map_or_else(
            || format!("clause {id}"),
            |(s, c)| {
                format!(
                    "clause {}.{} {}",
                    s + 1,
                    c + 1,
                    snapshot.sections[s].clauses[c].heading
                )
            },
        ),
    }
}

/// Every block of the history document.
pub fn blocks(document: &HistoryDocument<'_>) -> Vec<Block> {
    let bold = Style::new(Face::Bold, 11.0);
    let small = Style::new(Face::Regular, 9.0).colored(GREY, Mark::None);
    let mut blocks = vec![
        Block::Paragraph(Paragraph {
            align: Align::Left,
            space_after: 4.0,
            ..Paragraph::plain("Negotiation history", Style::new(Face::Italic, 13.0))
        }),
        Block::Paragraph(Paragraph {
            align: Align::Left,
            space_after: 6.0,
            ..Paragraph::plain(document.title.clone(), Style::new(Face::Bold, 20.0))
        }),
        line(
            vec![Span::new(format!("Agreement {}", document.agreement_id), small)],
            4.0,
        ),
    ];
    let status = match (document.rounds.last(), document.agreed) {
        (Some(last), true) => format!(
            "Agreed: both parties hold round {} (round {} accepted it as final).",
            last.number.saturating_sub(1),
            last.number
        ),
        (Some(last), false) => format!(
            "Negotiating: round {} is the latest, proposed by the {}.",
            last.number,
            last.author.as_str()
        ),
        (None, _) => "No round has been proposed yet.".to_owned(),
    };
    blocks.push(line(vec![Span::new(status, BODY)], 12.0));
    for round in document.rounds {
        blocks.push(Block::Paragraph(Paragraph {
            align: Align::Left,
            space_before: 12.0,
            space_after: 4.0,
            outline: Some(1),
            keep_with_next: true,
            ..Paragraph::plain(
                format!(
                    "Round {}: the {}, {}",
                    round.number,
                    round.author.as_str(),
                    round.proposed_at.strftime("%-d %B %Y, %H:%M UTC")
                ),
                Style::new(Face::Bold, 13.0),
            )
        }));
        let message = if round.message.trim().is_empty() {
            Span::new("(no message)", Style::new(Face::Italic, 11.0))
        } else {
            Span::new(round.message.clone(), BODY)
        };
        blocks.push(line(vec![Span::new("Message: ", bold), message], 4.0));
        for comment in &round.comments {
            blocks.push(Block::Paragraph(Paragraph {
                indent: 14.0,
                space_after: 3.0,
                ..Paragraph::new(vec![
                    Span::new(
                        format!("Comment on {}: ", target(round, &comment.target)),
                        Style::new(Face::Italic, 10.5),
                    ),
                    Span::new(comment.text.clone(), Style::new(Face::Regular, 10.5)),
                ])
            }));
        }
        blocks.push(line(
            vec![Span::new(format!("Fingerprint {}", round.hash()), small)],
            2.0,
        ));
        let previous = round.previous.map_or_else(
            || "First round: it names no earlier round.".to_owned(),
            |p| format!("Chained to round {}: {p}", round.number - 1),
        );
        blocks.push(line(vec![Span::new(previous, small)], 4.0));
    }
    blocks
}

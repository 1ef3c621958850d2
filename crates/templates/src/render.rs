//! An agreement as a reader sees it: numbered sections and clauses, each term reference
//! replaced by its value written out (`99.9 %`, `EUR 1,250.00`).

use sla_model::{Agreement, Clause, TermValue};

use crate::format;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenderFormat {
    Markdown,
    Text,
}

pub fn render(agreement: &Agreement, output: RenderFormat) -> String {
    let md = output == RenderFormat::Markdown;
    let name = |n: &str, fallback: &str| {
        if n.is_empty() {
            format!("[{fallback}]")
        } else {
            n.to_owned()
        }
    };
    let customer = name(&agreement.parties.customer.name, "Customer name");
    let provider = name(&agreement.parties.provider.name, "Provider name");
    let mut out = String::new();
    if md {
        out.push_str(&format!("# {}\n\n", agreement.title));
        out.push_str(&format!(
            "Between **{customer}** (the \"Customer\") and **{provider}** (the \"Provider\").\n"
        ));
    } else {
        out.push_str(&format!(
            "{}\n{}\n\n",
            agreement.title,
            "=".repeat(agreement.title.as_str().chars().count())
        ));
        out.push_str(&format!(
            "Between {customer} (the \"Customer\") and {provider} (the \"Provider\").\n"
        ));
    }
    for (s, section) in agreement.sections.iter().enumerate() {
        let number = s + 1;
        if md {
            out.push_str(&format!("\n## {number}. {}\n", section.heading));
        } else {
            out.push_str(&format!("\n{number}. {}\n", section.heading.to_uppercase()));
        }
        for (c, clause) in section.clauses.iter().enumerate() {
            let heading = format!("{number}.{} {}", c + 1, clause.heading);
            if md {
                out.push_str(&format!("\n### {heading}\n\n"));
            } else {
                out.push_str(&format!("\n{heading}\n\n"));
            }
            out.push_str(&clause_text(agreement, clause, output));
            out.push('\n');
        }
    }
    out
}

/// A piece of clause text: plain words, or the written-out value of a quoted term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Term { id: String, text: String },
}

/// A clause's text cut into plain words and quoted terms with their values written out, for
/// an editor that shows terms as chips.
pub fn segments(agreement: &Agreement, clause: &Clause) -> Vec<Segment> {
    let Ok(references) = clause.term_references() else {
        return vec![Segment::Text(clause.text.clone())];
    };
    let mut out = Vec::new();
    let mut rest = 0;
    for reference in references {
        if reference.span.start > rest {
            out.push(Segment::Text(clause.text[rest..reference.span.start].to_owned()));
        }
        let text = agreement.terms.get(&reference.term).map_or_else(
            || format!("[{}]", reference.term),
            |t| format::term_value(&t.value),
        );
        out.push(Segment::Term {
            id: reference.term.to_string(),
            text,
        });
        rest = reference.span.end;
    }
    if rest < clause.text.len() {
        out.push(Segment::Text(clause.text[rest..].to_owned()));
    }
    out
}

/// A clause's text with every term reference replaced by the term's value; in Markdown, a
/// table-valued term standing alone in its paragraph becomes a table.
pub fn clause_text(agreement: &Agreement, clause: &Clause, output: RenderFormat) -> String {
    let Ok(references) = clause.term_references() else {
        return clause.text.clone();
    };
    let mut text = String::new();
    let mut rest = 0;
    for reference in references {
        text.push_str(&clause.text[rest..reference.span.start]);
        let alone = is_alone(&clause.text, reference.span.clone());
        match agreement.terms.get(&reference.term) {
            Some(term) if output == RenderFormat::Markdown && alone => text.push_str(&table(&term.value)),
            Some(term) => text.push_str(&format::term_value(&term.value)),
            None => text.push_str(&format!("[{}]", reference.term)),
        }
        rest = reference.span.end;
    }
    text.push_str(&clause.text[rest..]);
    text
}

fn is_alone(text: &str, span: std::ops::Range<usize>) -> bool {
    let before = text[..span.start].rsplit('\n').next().unwrap_or("");
    let after = text[span.end..].split('\n').next().unwrap_or("");
    before.trim().is_empty() && after.trim().is_empty()
}

fn table(value: &TermValue) -> String {
    let Some(table) = format::term_table(value) else {
        return format::term_value(value);
    };
    let row = |cells: &[String]| format!("| {} |", cells.join(" | "));
    let mut lines = vec![
        row(&table.header),
        row(&vec!["---".to_owned(); table.header.len()]),
    ];
    lines.extend(table.rows.iter().map(|cells| row(cells)));
    lines.join("\n")
}

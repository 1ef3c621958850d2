//! `sla redline` for a terminal: the changed terms with their meaning and whom they favour,
//! then each changed clause with deletions as `[-…-]` and insertions as `{+…+}` (the
//! convention of `git diff --word-diff`).

use std::fmt::Write;

use sla_api::{CellChange, ClauseChangeKind, PartyRole, PieceKind, Redline, RowChangeKind, TableChange};

pub fn redline(redline: &Redline) -> String {
    let mut out = String::new();
    if redline.terms.is_empty() {
        out.push_str("No term changed.\n");
    } else {
        let _ = writeln!(out, "Terms changed ({})", redline.terms.len());
        for term in &redline.terms {
            let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
            let favours = match term.favours {
                Some(PartyRole::Customer) => " — favours the customer",
                Some(PartyRole::Provider) => " — favours the provider",
                None => "",
            };
            let _ = writeln!(
                out,
                "  {}: {} → {}{favours}",
                term.label,
                value(&term.old),
                value(&term.new)
            );
            if let (Some(old), Some(new)) = (&term.old_meaning, &term.new_meaning)
                && old != new
            {
                let _ = writeln!(out, "      {old}\n    → {new}");
            }
            if let Some(table) = &term.table {
                table_rows(&mut out, table);
            }
        }
    }
    let count = |kind| redline.clauses.iter().filter(|c| c.kind == kind).count();
    let _ = writeln!(
        out,
        "\nClauses: {} modified, {} moved, {} moved and modified, {} inserted, {} deleted, {} unchanged",
        count(ClauseChangeKind::Modified),
        count(ClauseChangeKind::Moved),
        count(ClauseChangeKind::MovedAndModified),
        count(ClauseChangeKind::Inserted),
        count(ClauseChangeKind::Deleted),
        count(ClauseChangeKind::Unchanged)
    );
    for clause in redline.changed() {
        let number = match (&clause.old_number, &clause.new_number) {
            (Some(old), Some(new)) if old != new => format!("{new} (was {old})"),
            (_, Some(new)) => new.clone(),
            (Some(old), None) => format!("{old} (old)"),
            (None, None) => String::new(),
        };
        let kind = match clause.kind {
            ClauseChangeKind::Modified if clause.cosmetic => "cosmetic changes only",
            ClauseChangeKind::Modified => "modified",
            ClauseChangeKind::Moved => "moved",
            ClauseChangeKind::MovedAndModified => "moved and modified",
            ClauseChangeKind::Inserted => "inserted",
            ClauseChangeKind::Deleted => "deleted",
            ClauseChangeKind::Unchanged => "unchanged",
        };
        let _ = writeln!(out, "\n{number} {} — {kind}", clause.heading);
        if let Some(old) = &clause.old_heading {
            let _ = writeln!(out, "  heading was: {old}");
        }
        if clause.kind == ClauseChangeKind::Moved {
            continue;
        }
        let mut text = String::new();
        for piece in &clause.words.pieces {
            match piece.kind {
                PieceKind::Same => text.push_str(&piece.text),
                PieceKind::Deleted => {
                    let _ = write!(text, "[-{}-]", piece.text);
                }
                PieceKind::Inserted => {
                    let _ = write!(text, "{{+{}+}}", piece.text);
                }
            }
        }
        for line in text.lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

/// A table term's changed rows, one line each: `- ` removed, `+ ` added, `~ ` changed (with
/// the changed cells as `old → new`).
fn table_rows(out: &mut String, table: &TableChange) {
    for row in &table.rows {
        let cells = |pick: fn(&CellChange) -> Option<&String>| {
            row.cells
                .iter()
                .filter_map(pick)
                .map(String::as_str)
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let line = match row.kind {
            RowChangeKind::Unchanged => continue,
            RowChangeKind::Inserted => format!("+ {}", cells(|c| c.new.as_ref())),
            RowChangeKind::Deleted => format!("- {}", cells(|c| c.old.as_ref())),
            RowChangeKind::Changed => {
                let shown: Vec<String> = row
                    .cells
                    .iter()
                    .zip(&table.header)
                    .filter(|(c, _)| c.old != c.new)
                    .map(|(c, heading)| {
                        let value = |v: &Option<String>| v.clone().unwrap_or_default();
                        format!("{heading} {} → {}", value(&c.old), value(&c.new))
                    })
                    .collect();
                let key = row.cells.first().and_then(|c| c.new.clone()).unwrap_or_default();
                format!("~ {key}: {}", shown.join(", "))
            }
        };
        let _ = writeln!(out, "      {line}");
    }
}

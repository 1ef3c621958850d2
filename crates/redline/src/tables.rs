//! The redline of a table-valued term (credit tiers, a priority matrix) row by row: rows
//! aligned by their first cell (the threshold, the priority), each row unchanged, changed
//! (with the cells that changed), inserted or deleted — so a matrix losing a row reads as one
//! deleted row, not as a rewritten sentence.

use serde::Serialize;
use similar::{Algorithm, DiffTag, capture_diff_slices};
use sla_templates::format::TermTable;
use ts_rs::TS;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct TableChange {
    pub header: Vec<String>,
    /// The rows of both versions, in the newer version's order (a deleted row where it stood).
    pub rows: Vec<RowChange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowChangeKind {
    Unchanged,
    Changed,
    Inserted,
    Deleted,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct RowChange {
    pub kind: RowChangeKind,
    /// One per column: the older and the newer cell (the older is absent in an inserted row,
    /// the newer in a deleted one; equal when the cell did not change).
    pub cells: Vec<CellChange>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct CellChange {
    pub old: Option<String>,
    pub new: Option<String>,
}

fn row(kind: RowChangeKind, old: Option<&Vec<String>>, new: Option<&Vec<String>>) -> RowChange {
    let columns = old.map_or(0, Vec::len).max(new.map_or(0, Vec::len));
    let cell = |cells: Option<&Vec<String>>, c: usize| cells.and_then(|r| r.get(c).cloned());
    RowChange {
        kind,
        cells: (0..columns)
            .map(|c| CellChange {
                old: cell(old, c),
                new: cell(new, c),
            })
            .collect(),
    }
}

fn paired(old: &Vec<String>, new: &Vec<String>) -> RowChange {
    let kind = if old == new {
        RowChangeKind::Unchanged
    } else {
        RowChangeKind::Changed
    };
    row(kind, Some(old), Some(new))
}

/// The row-by-row redline of two versions of a table.
pub fn table_change(old: &TermTable, new: &TermTable) -> TableChange {
    let key = |r: &Vec<String>| r.first().cloned().unwrap_or_default();
    let (old_keys, new_keys): (Vec<String>, Vec<String>) = (
        old.rows.iter().map(key).collect(),
        new.rows.iter().map(key).collect(),
    );
    let mut rows = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let (olds, news) = (&old.rows[old_range], &new.rows[new_range]);
        match tag {
            DiffTag::Equal => rows.extend(olds.iter().zip(news).map(|(o, n)| paired(o, n))),
            DiffTag::Delete => rows.extend(olds.iter().map(|o| row(RowChangeKind::Deleted, Some(o), None))),
            DiffTag::Insert => rows.extend(news.iter().map(|n| row(RowChangeKind::Inserted, None, Some(n)))),
            // Rows whose first cell changed (a new threshold) pair up in order; the rest of
            // the longer side was inserted or deleted.
            DiffTag::Replace => {
                rows.extend(olds.iter().zip(news).map(|(o, n)| paired(o, n)));
                rows.extend(
                    olds.iter()
                        .skip(news.len())
                        .map(|o| row(RowChangeKind::Deleted, Some(o), None)),
                );
                rows.extend(
                    news.iter()
                        .skip(olds.len())
                        .map(|n| row(RowChangeKind::Inserted, None, Some(n))),
                );
            }
        }
    }
    TableChange {
        header: new.header.clone(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> TermTable {
        TermTable {
            header: vec!["Priority".into(), "Response".into()],
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
        }
    }

    fn kinds(change: &TableChange) -> Vec<RowChangeKind> {
        change.rows.iter().map(|r| r.kind).collect()
    }

    #[test]
    fn a_removed_row_is_one_deleted_row_and_a_changed_cell_is_marked() {
        let old = table(&[&["P1", "30 minutes"], &["P2", "1 hour"], &["P3", "4 hours"]]);
        let new = table(&[&["P1", "15 minutes"], &["P3", "4 hours"]]);
        let change = table_change(&old, &new);
        use RowChangeKind::*;
        assert_eq!(kinds(&change), vec![Changed, Deleted, Unchanged]);
        assert_eq!(
            change.rows[0].cells[1],
            CellChange {
                old: Some("30 minutes".into()),
                new: Some("15 minutes".into())
            }
        );
        assert_eq!(change.rows[0].cells[0].old, change.rows[0].cells[0].new);
        assert_eq!(change.rows[1].cells[0].new, None);
    }

    #[test]
    fn a_new_threshold_pairs_with_the_row_it_replaces_and_an_added_row_is_inserted() {
        let old = table(&[&["99.9 %", "10 %"], &["99 %", "25 %"]]);
        let new = table(&[&["99.95 %", "10 %"], &["99 %", "25 %"], &["95 %", "50 %"]]);
        use RowChangeKind::*;
        assert_eq!(
            kinds(&table_change(&old, &new)),
            vec![Changed, Unchanged, Inserted]
        );
    }
}

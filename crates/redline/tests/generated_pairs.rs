//! The redline of a generated pair reports each true edit of its script as exactly one hunk,
//! in the clause it was made in (the benchmark measures the same at larger sizes).

#![allow(clippy::unwrap_used)]

#[allow(dead_code)] // the benchmark uses the rest
#[path = "support/pairs.rs"]
mod pairs;

#[test]
fn each_true_edit_is_one_hunk_in_its_clause() {
    for seed in [1, 2, 3] {
        let pair = pairs::generate(10_000, seed);
        assert!(pair.true_edits() >= 10, "{:?}", pair.edits);
        let redline = sla_redline::redline(&pair.old, &pair.new, None);
        let reported = pairs::hunks_per_clause(&redline);
        for (clause, expected) in &pair.edits_per_clause {
            let got = reported.get(clause).copied().unwrap_or(0);
            let change = redline.clauses.iter().find(|c| &c.clause == clause);
            assert_eq!(
                got,
                *expected,
                "seed {seed}, {clause}: {:?}",
                change.map(|c| (&c.kind, &c.words.edits))
            );
        }
        assert_eq!(
            reported.len(),
            pair.edits_per_clause.len(),
            "no clause changed that was not edited"
        );
    }
}

//! Which clause of the round each clause of a reply stands for. By the content control's id
//! first, then by the heading (its number aside), then — between two clauses already placed —
//! by the most similar words, and a lone clause left between two placed ones is the clause
//! that stood there when a quarter of its words agree (its heading and most words retyped). Each clause of the round is matched at
//! most once, so two of the reply's clauses are never taken for one.

use std::collections::HashMap;

use sla_model::{Agreement, Clause};

use crate::ReplyParagraph;
use crate::segment::{ReplyClause, heading_key};

/// How far a clause's words must agree with a reply's to be taken as the same clause.
const SIMILAR_ENOUGH: f32 = 0.6;
/// How far they must agree when it is the only clause left where the round's stood: less
/// than that, and the other side deleted the clause and wrote another in its place.
const SIMILAR_IN_PLACE: f32 = 0.25;

/// The round's clauses in order.
pub fn base_clauses(base: &Agreement) -> Vec<&Clause> {
    base.sections.iter().flat_map(|s| &s.clauses).collect()
}

/// For each reply clause, the index (in [`base_clauses`]) of the round's clause it stands for.
pub fn align(base: &[&Clause], agreement: &Agreement, reply: &[ReplyClause]) -> Vec<Option<usize>> {
    let mut pairs: Vec<Option<usize>> = vec![None; reply.len()];
    let mut used = vec![false; base.len()];
    let by_id: HashMap<&str, usize> = base.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
    for (j, clause) in reply.iter().enumerate() {
        if let Some(&i) = clause.id.as_deref().and_then(|id| by_id.get(id))
            && !used[i]
        {
            pairs[j] = Some(i);
            used[i] = true;
        }
    }
    let mut by_heading: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, clause) in base.iter().enumerate() {
        by_heading
            .entry(heading_key(&clause.heading))
            .or_default()
            .push(i);
    }
    for j in 0..reply.len() {
        if pairs[j].is_some() {
            continue;
        }
        let Some(heading) = reply[j].heading() else {
            continue;
        };
        let after = pairs[..j].iter().rev().find_map(|p| *p);
        let keys = [heading_key(&heading.accepted()), heading_key(&heading.original())];
        let candidates: Vec<usize> = keys
            .iter()
            .filter_map(|k| by_heading.get(k))
            .flatten()
            .copied()
            .filter(|i| !used[*i])
            .collect();
        let chosen = candidates
            .iter()
            .copied()
            .filter(|i| after.is_none_or(|a| *i > a))
            .min()
            .or_else(|| candidates.iter().copied().min());
        if let Some(i) = chosen {
            pairs[j] = Some(i);
            used[i] = true;
        }
    }
    place_between(base, agreement, reply, &mut pairs, &mut used);
    pairs
}

/// The reply clauses still unplaced, each run of them matched against the round's unused
/// clauses between the same two placed neighbours.
fn place_between(
    base: &[&Clause],
    agreement: &Agreement,
    reply: &[ReplyClause],
    pairs: &mut [Option<usize>],
    used: &mut [bool],
) {
    let mut j = 0;
    while j < reply.len() {
        if pairs[j].is_some() {
            j += 1;
            continue;
        }
        let run_start = j;
        while j < reply.len() && pairs[j].is_none() {
            j += 1;
        }
        let lower = pairs[..run_start].iter().rev().find_map(|p| *p);
        let upper = pairs[j..].iter().find_map(|p| *p);
        let from = lower.map_or(0, |l| l + 1);
        let to = upper.unwrap_or(base.len());
        if from >= to {
            continue;
        }
        let free: Vec<usize> = (from..to).filter(|i| !used[*i]).collect();
        let run: Vec<usize> = (run_start..j).collect();
        let mut scored: Vec<(f32, usize, usize)> = Vec::new();
        let mut in_place: Vec<(f32, usize, usize)> = Vec::new();
        for &r in &run {
            let theirs = words_of(&reply[r].paragraphs);
            for &i in &free {
                let ours = format!(
                    "{}\n{}",
                    base[i].heading,
                    sla_templates::clause_text(agreement, base[i], sla_templates::RenderFormat::Text)
                );
                let score = sla_redline::similarity(&ours, &theirs);
                if score >= SIMILAR_ENOUGH {
                    scored.push((score, r, i));
                } else if score >= SIMILAR_IN_PLACE {
                    in_place.push((score, r, i));
                }
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (_, r, i) in scored {
            if pairs[r].is_none() && !used[i] {
                pairs[r] = Some(i);
                used[i] = true;
            }
        }
        let left: Vec<usize> = run.iter().copied().filter(|r| pairs[*r].is_none()).collect();
        let free_left: Vec<usize> = free.iter().copied().filter(|i| !used[*i]).collect();
        if let ([r], [i]) = (left.as_slice(), free_left.as_slice())
            && in_place.iter().any(|(_, pr, pi)| pr == r && pi == i)
        {
            pairs[*r] = Some(*i);
            used[*i] = true;
        }
    }
}

/// A reply clause's words before its revisions, heading included.
fn words_of(paragraphs: &[ReplyParagraph]) -> String {
    paragraphs
        .iter()
        .map(ReplyParagraph::original)
        .collect::<Vec<_>>()
        .join("\n")
}

//! The term-level redline: each term whose value changed, with both values written out, what
//! each means (allowed monthly downtime 21 m 54 s → 43 m 49 s), and which party the change
//! favours.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use serde::Serialize;
use sla_model::terms::{Clock, Duration, DurationUnit, Percentage, SupportSchedule};
use sla_model::{Agreement, PartyRole, Term, TermValue};
use sla_templates::{Library, format};
use ts_rs::TS;

use crate::tables::{TableChange, table_change};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct TermChange {
    pub id: String,
    pub label: String,
    /// The values written out; absent where the term did not exist.
    pub old: Option<String>,
    pub new: Option<String>,
    /// What each value means, where that can be computed.
    pub old_meaning: Option<String>,
    pub new_meaning: Option<String>,
    /// The party the change favours, when one clearly does.
    pub favours: Option<PartyRole>,
    /// For a table (credit tiers, a priority matrix) in both versions: row by row.
    pub table: Option<TableChange>,
}

/// Every term added, removed or changed from `old` to `new`, in id order.
pub fn term_changes(old: &Agreement, new: &Agreement, library: Option<&Library>) -> Vec<TermChange> {
    let ids: BTreeSet<_> = old.terms.keys().chain(new.terms.keys()).collect();
    let mut changes = Vec::new();
    for id in ids {
        let (before, after) = (old.terms.get(id), new.terms.get(id));
        if before.map(|t| &t.value) == after.map(|t| &t.value) {
            continue;
        }
        let label = after.or(before).map(|t| t.label.clone()).unwrap_or_default();
        let higher_favours = library
            .and_then(|l| l.term(id.as_str()))
            .and_then(|(spec, _)| spec.higher_favours);
        let favours = match (before, after) {
            (Some(b), Some(a)) => favours(&b.value, &a.value, higher_favours),
            _ => None,
        };
        let shown = |term: Option<&Term>| term.map(|t| format::term_value(&t.value));
        changes.push(TermChange {
            id: id.to_string(),
            label,
            old: shown(before),
            new: shown(after),
            old_meaning: before.and_then(|_| sla_checks::meaning(old, id.as_str())),
            new_meaning: after.and_then(|_| sla_checks::meaning(new, id.as_str())),
            favours,
            table: match (before, after) {
                (Some(b), Some(a)) => format::term_table(&b.value)
                    .zip(format::term_table(&a.value))
                    .map(|(old, new)| table_change(&old, &new)),
                _ => None,
            },
        });
    }
    changes
}

/// Which party gains from `before` → `after`: a higher number favours the party the library
/// names; for tables and schedules, more credit, faster answers and longer support favour the
/// customer. `None` when the change goes both ways or the library says nothing.
fn favours(before: &TermValue, after: &TermValue, higher_favours: Option<PartyRole>) -> Option<PartyRole> {
    let by_direction = |order: Option<Ordering>| {
        let side = higher_favours?;
        match order? {
            Ordering::Greater => Some(side),
            Ordering::Less => Some(side.other()),
            Ordering::Equal => None,
        }
    };
    match (before, after) {
        (TermValue::Percentage(b), TermValue::Percentage(a)) => by_direction(Some(a.cmp(b))),
        (TermValue::Count(b), TermValue::Count(a)) => by_direction(Some(a.get().cmp(&b.get()))),
        (TermValue::Money(b), TermValue::Money(a)) if a.currency_code() == b.currency_code() => {
            by_direction(Some(a.minor_units().cmp(&b.minor_units())))
        }
        (TermValue::Duration(b), TermValue::Duration(a)) => by_direction(compare_durations(*a, *b)),
        (TermValue::TierTable(b), TermValue::TierTable(a)) => {
            let levels: BTreeSet<u32> = b
                .tiers()
                .iter()
                .chain(a.tiers())
                .map(|t| t.below.thousandths().saturating_sub(1))
                .collect();
            let credit = |table: &sla_model::terms::TierTable, level: u32| {
                Percentage::from_thousandths(level)
                    .ok()
                    .and_then(|p| table.credit_for(p))
                    .map_or(0, Percentage::thousandths)
            };
            one_way(
                levels.iter().map(|l| credit(a, *l).cmp(&credit(b, *l))),
                PartyRole::Customer,
            )
        }
        (TermValue::PriorityMatrix(b), TermValue::PriorityMatrix(a)) => {
            let mut orders = Vec::new();
            for row in a.rows() {
                if let Some(old) = b.get(&row.priority) {
                    // Shorter times favour the customer: compare old against new.
                    orders.push(compare_durations(old.response, row.response));
                    orders.push(compare_durations(old.resolution, row.resolution));
                }
            }
            if orders.iter().any(Option::is_none) {
                return None;
            }
            one_way(orders.into_iter().flatten(), PartyRole::Customer)
        }
        (TermValue::SupportSchedule(b), TermValue::SupportSchedule(a)) => one_way(
            [weekly_minutes(a).cmp(&weekly_minutes(b))].into_iter(),
            PartyRole::Customer,
        ),
        _ => None,
    }
}

/// The side `more` favours if every comparison went the same way (Greater = more).
fn one_way(orders: impl Iterator<Item = Ordering>, more: PartyRole) -> Option<PartyRole> {
    let orders: Vec<Ordering> = orders.filter(|o| *o != Ordering::Equal).collect();
    if orders.is_empty() {
        None
    } else if orders.iter().all(|o| *o == Ordering::Greater) {
        Some(more)
    } else if orders.iter().all(|o| *o == Ordering::Less) {
        Some(more.other())
    } else {
        None
    }
}

/// Durations on the same clock compare by length; calendar days and weeks convert to
/// minutes, business units only compare within the same unit.
fn compare_durations(a: Duration, b: Duration) -> Option<Ordering> {
    if a.clock() != b.clock() {
        return None;
    }
    if a.unit() == b.unit() {
        return Some(a.amount().cmp(&b.amount()));
    }
    if a.clock() == Clock::Business
        && [a.unit(), b.unit()]
            .iter()
            .any(|u| *u != DurationUnit::Minutes && *u != DurationUnit::Hours)
    {
        return None;
    }
    let minutes = |d: Duration| {
        u64::from(d.amount())
            * match d.unit() {
                DurationUnit::Minutes => 1,
                DurationUnit::Hours => 60,
                DurationUnit::Days => 1_440,
                DurationUnit::Weeks => 10_080,
            }
    };
    Some(minutes(a).cmp(&minutes(b)))
}

fn weekly_minutes(schedule: &SupportSchedule) -> u64 {
    match schedule {
        SupportSchedule::AllHours => 7 * 1_440,
        SupportSchedule::BusinessHours(hours) => {
            let minutes = |t: jiff::civil::Time| u64::from(t.hour() as u8) * 60 + u64::from(t.minute() as u8);
            let per_day = minutes(hours.closes()).saturating_sub(minutes(hours.opens()));
            per_day * hours.days().len() as u64
        }
    }
}

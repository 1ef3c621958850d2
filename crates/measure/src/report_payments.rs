//! What a report adds up beyond each window's credit: credits earned back under the
//! earn-back clause, and the fixed payments (fines) for windows that missed.

use sla_model::term_ids;
use sla_model::terms::Money;
use sla_model::{Agreement, TermValue};

use crate::report::{EarnBack, Fines, WindowReport};

/// Each credit's standing under the earn-back clause: earned back when each of the next
/// `months` windows met the target.
pub(crate) fn earn_back(windows: &[WindowReport], months: u32) -> Vec<EarnBack> {
    let months = usize::try_from(months).unwrap_or(usize::MAX);
    windows
        .iter()
        .enumerate()
        .filter_map(|(i, window)| {
            let credit = window.credit?;
            let next: Vec<&WindowReport> = windows.iter().skip(i + 1).take(months).collect();
            let (status, earned_back) = if let Some(missed) = next.iter().find(|w| w.target_missed) {
                (
                    format!("not earned back: {} missed the target", missed.label),
                    false,
                )
            } else if next.len() == months {
                let last = next.last().map_or(window.label.as_str(), |w| w.label.as_str());
                (format!("earned back after {last}"), true)
            } else {
                (
                    format!(
                        "open: {} of the next {months} windows measured, all met",
                        next.len()
                    ),
                    false,
                )
            };
            Some(EarnBack {
                window: window.label.clone(),
                credit,
                status,
                earned_back,
            })
        })
        .collect()
}

pub(crate) fn fines(agreement: &Agreement, windows: &[WindowReport]) -> Option<Fines> {
    let money = |id: &str| match agreement.term_value(id) {
        Some(TermValue::Money(m)) => Some(*m),
        _ => None,
    };
    let per_miss = money(term_ids::FINES_AMOUNT)?;
    let cap = money(term_ids::FINES_CAP).filter(|c| c.currency_code() == per_miss.currency_code());
    let windows_missed = u32::try_from(windows.iter().filter(|w| !w.breaches.is_empty()).count()).ok()?;
    let total = per_miss.times(windows_missed)?;
    let at_most: Money = match cap {
        Some(cap) if cap.minor_units() < total.minor_units() => cap,
        _ => total,
    };
    Some(Fines {
        per_miss: per_miss.to_string(),
        cap: cap.map(|c| c.to_string()),
        windows_missed,
        at_most: at_most.to_string(),
    })
}

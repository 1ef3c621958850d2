//! What the measured windows entitle the customer to under the agreement's own terms: the
//! credit per window from the tier table with the cap applied, the last day to claim it, and
//! the chronic-failure termination right when its rule is met.

use jiff::Timestamp;
use sla_model::Agreement;
use sla_model::TermValue;
use sla_model::term_ids;
use sla_model::terms::Percentage;

use crate::WindowAvailability;

/// One window's remedy.
#[derive(Clone, Debug, PartialEq)]
pub struct WindowRemedy {
    pub window: String,
    /// Achieved availability rounded down to thousandths of a percent (what the tiers are
    /// compared with: a value is below a tier exactly when its rounded-down value is).
    pub achieved: Percentage,
    pub target_missed: bool,
    /// The credit in percent of the window's fees, after the cap; none when no tier is hit.
    pub credit: Option<Percentage>,
    /// The tier's credit before the cap, when the cap cut it.
    pub capped_from: Option<Percentage>,
    /// The last moment to claim the credit (the window's end plus the claim window).
    pub claim_by: Option<Timestamp>,
}

/// The remedies for consecutive windows, oldest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Remedies {
    pub windows: Vec<WindowRemedy>,
    /// The chronic-failure rule (`misses` of `period` consecutive windows) and, when met, the
    /// window in which it was met.
    pub chronic_rule: Option<(u32, u32)>,
    pub chronic_met_in: Option<String>,
}

fn count(agreement: &Agreement, id: &str) -> Option<u32> {
    match agreement.term_value(id) {
        Some(TermValue::Count(c)) => Some(c.get()),
        _ => None,
    }
}

/// Achieved availability rounded down to thousandths of a percent.
pub fn achieved_thousandths(window: &WindowAvailability) -> u32 {
    crate::availability::thousandths(window.measured, window.downtime)
}

/// The remedies the agreement gives for the measured windows (consecutive, oldest first).
pub fn remedies(agreement: &Agreement, windows: &[WindowAvailability]) -> Remedies {
    let target = agreement.percentage(term_ids::AVAILABILITY_TARGET);
    // The claim window runs in calendar time (the library writes it in days).
    let claim_window = match agreement.term_value(term_ids::CREDITS_CLAIM_WINDOW) {
        Some(TermValue::Duration(d)) => Some(*d),
        _ => None,
    };
    let remedies: Vec<WindowRemedy> = windows
        .iter()
        .filter_map(|window| {
            let achieved = Percentage::from_thousandths(achieved_thousandths(window)).ok()?;
            // The tier's credit, and the credit owed once the cap is applied.
            let uncapped = match agreement.term_value(term_ids::CREDITS_TIERS) {
                Some(TermValue::TierTable(t)) => t.credit_for(achieved),
                _ => None,
            };
            let credit = sla_checks::credit_at(agreement, achieved);
            Some(WindowRemedy {
                window: window.period.label.clone(),
                achieved,
                target_missed: target.is_some_and(|t| achieved < t),
                capped_from: uncapped.filter(|t| Some(*t) != credit),
                credit,
                claim_by: credit.and(claim_window).and_then(|d| {
                    let seconds = i64::try_from(d.nominal_minutes()).ok()? * 60;
                    Timestamp::from_second(window.period.end.as_second() + seconds).ok()
                }),
            })
        })
        .collect();
    let chronic_rule =
        count(agreement, term_ids::CHRONIC_MISSES).zip(count(agreement, term_ids::CHRONIC_PERIOD));
    let chronic_met_in = chronic_rule.and_then(|(misses, period)| {
        let period = usize::try_from(period).ok()?.max(1);
        let misses = usize::try_from(misses).ok()?;
        (0..remedies.len()).find_map(|end| {
            let from = (end + 1).saturating_sub(period);
            let missed = remedies[from..=end].iter().filter(|r| r.target_missed).count();
            (missed >= misses).then(|| remedies[end].window.clone())
        })
    });
    Remedies {
        windows: remedies,
        chronic_rule,
        chronic_met_in,
    }
}

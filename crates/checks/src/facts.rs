//! What the numbers mean: downtime budgets and credits owed.

use serde::Serialize;
use sla_model::term_ids;
use sla_model::terms::{Percentage, SupportSchedule};
use sla_model::{Agreement, TermValue};
use ts_rs::TS;

/// The length of an average Gregorian month (365.2425 days / 12), in seconds. Budgets use it
/// so that every month of the year allows the same downtime, as most SLAs intend.
pub const WINDOW_SECONDS_MONTH: u64 = 2_629_746;

/// The downtime an availability target allows in one measurement window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct DowntimeBudget {
    /// The window, as the agreement names it (`calendar month`).
    pub window: String,
    /// Allowed downtime over the whole window.
    pub calendar_seconds: u64,
    /// Allowed downtime if the target applied to Business Hours only (business-hours support).
    pub business_seconds: Option<u64>,
}

/// The measurement window's name (`calendar month` by default).
pub fn window_name(agreement: &Agreement) -> String {
    window(agreement).0
}

/// The measurement window's name and length in seconds (`calendar month` by default).
pub(crate) fn window(agreement: &Agreement) -> (String, u64) {
    let name = match agreement.term_value(term_ids::AVAILABILITY_WINDOW) {
        Some(TermValue::Choice(c)) => c.selected().to_owned(),
        Some(TermValue::Text(t)) => t.as_str().to_owned(),
        _ => "calendar month".to_owned(),
    };
    let months = if name.contains("quarter") {
        3
    } else if name.contains("year") {
        12
    } else {
        1
    };
    (name, WINDOW_SECONDS_MONTH * months)
}

/// The share of a week's seconds that the support schedule covers, in millionths.
fn business_share_millionths(agreement: &Agreement) -> Option<u64> {
    let schedule = agreement.term_value(term_ids::SUPPORT_HOURS)?;
    let TermValue::SupportSchedule(SupportSchedule::BusinessHours(hours)) = schedule else {
        return None;
    };
    let open_seconds = |t: jiff::civil::Time| {
        if t == jiff::civil::Time::MAX {
            86_400
        } else {
            i64::from(t.hour()) * 3600 + i64::from(t.minute()) * 60
        }
    };
    let daily = u64::try_from(open_seconds(hours.closes()) - open_seconds(hours.opens())).ok()?;
    let weekly = daily * hours.days().len() as u64;
    Some(weekly * 1_000_000 / (7 * 86_400))
}

/// The downtime `availability.target` allows per window, if the agreement has a target.
pub fn downtime_budget(agreement: &Agreement) -> Option<DowntimeBudget> {
    let target = agreement.percentage(term_ids::AVAILABILITY_TARGET)?;
    let (name, seconds) = window(agreement);
    let missing = u64::from(100_000 - target.thousandths());
    let calendar_seconds = seconds * missing / 100_000;
    let business_seconds =
        business_share_millionths(agreement).map(|share| seconds * share / 1_000_000 * missing / 100_000);
    Some(DowntimeBudget {
        window: name,
        calendar_seconds,
        business_seconds,
    })
}

/// The credit owed at an achieved availability: the tier reached, limited by the cap.
pub fn credit_at(agreement: &Agreement, achieved: Percentage) -> Option<Percentage> {
    let tiers = match agreement.term_value(term_ids::CREDITS_TIERS) {
        Some(TermValue::TierTable(t)) => t,
        _ => return None,
    };
    let credit = tiers.credit_for(achieved)?;
    Some(match agreement.percentage(term_ids::CREDITS_CAP) {
        Some(cap) if cap < credit => cap,
        _ => credit,
    })
}

/// The Downtime in one window that an achieved availability corresponds to.
pub fn downtime_at(agreement: &Agreement, achieved: Percentage) -> u64 {
    let (_, seconds) = window(agreement);
    seconds * u64::from(100_000 - achieved.thousandths()) / 100_000
}

/// `43 m 49 s`, `4 h 22 m 58 s`, `1 d 2 h 0 m 0 s`.
pub fn duration_text(seconds: u64) -> String {
    let (d, h, m, s) = (
        seconds / 86_400,
        seconds / 3600 % 24,
        seconds / 60 % 60,
        seconds % 60,
    );
    match (d, h, m) {
        (0, 0, 0) => format!("{s} s"),
        (0, 0, _) => format!("{m} m {s} s"),
        (0, _, _) => format!("{h} h {m} m {s} s"),
        _ => format!("{d} d {h} h {m} m {s} s"),
    }
}

/// What a term's value means, in one sentence, where the app can compute it.
pub fn meaning(agreement: &Agreement, term: &str) -> Option<String> {
    match term {
        term_ids::AVAILABILITY_TARGET => {
            let budget = downtime_budget(agreement)?;
            let business = budget
                .business_seconds
                .map(|b| format!(" ({} if measured in Business Hours only)", duration_text(b)))
                .unwrap_or_default();
            Some(format!(
                "allows {} of Downtime per {}{business}",
                duration_text(budget.calendar_seconds),
                budget.window
            ))
        }
        term_ids::CREDITS_TIERS => {
            let target = agreement.percentage(term_ids::AVAILABILITY_TARGET)?;
            let just_below = Percentage::from_thousandths(target.thousandths().checked_sub(1)?).ok()?;
            let credit = credit_at(agreement, just_below)?;
            Some(format!(
                "just below the target ({}), the credit is {}",
                sla_templates::format::percentage(just_below),
                sla_templates::format::percentage(credit)
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_durations_compactly() {
        assert_eq!(duration_text(2_629), "43 m 49 s");
        assert_eq!(duration_text(1_314), "21 m 54 s");
        assert_eq!(duration_text(15_778), "4 h 22 m 58 s");
        assert_eq!(duration_text(59), "59 s");
        assert_eq!(duration_text(90_000), "1 d 1 h 0 m 0 s");
    }
}

//! Availability in one window, under the agreement's definitions, with its working.

use std::collections::BTreeMap;

use crate::{Cause, Definitions, Incident, Period};

/// What a window achieved, and how.
#[derive(Clone, Debug, PartialEq)]
pub struct WindowAvailability {
    pub period: Period,
    /// The time in the window that counts: all of it, or its Business Hours.
    pub window: i64,
    /// Time counted as Downtime (overlaps once).
    pub downtime: i64,
    /// Time taken out of the window by each excluded cause (overlaps once, given to the
    /// first cause in `Cause::ALL` order).
    pub excluded: BTreeMap<Cause, i64>,
    /// Scheduled maintenance within the allowance (taken out of the window).
    pub maintenance_within: i64,
    /// Scheduled maintenance beyond the allowance (counted as Downtime, included in `downtime`).
    pub maintenance_beyond: i64,
    /// Scheduled maintenance announced with less notice than required (Downtime).
    pub maintenance_late_notice: i64,
    /// The time availability is measured over: the window less the excluded time.
    pub measured: i64,
    /// Achieved availability in percent.
    pub achieved: f64,
    /// The computation in words, one step per line.
    pub working: Vec<String>,
}

/// What one stretch of time is, given the incidents covering it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stretch {
    Downtime,
    Scheduled,
    Excluded(Cause),
}

/// Computes achieved availability in `period` from `incidents` (any order, any overlap;
/// times outside the window are ignored, incidents crossing its edges are cut there).
pub fn availability(
    incidents: &[Incident],
    period: &Period,
    definitions: &Definitions,
) -> WindowAvailability {
    let (from, to) = (period.start.as_second(), period.end.as_second());
    // Maintenance announced with less notice than the agreement requires is not scheduled.
    let short_notice = |i: &Incident| {
        i.cause == Cause::Scheduled
            && definitions
                .maintenance_notice
                .zip(i.notified)
                .is_some_and(|(notice, notified)| i.start.as_second() - notified.as_second() < notice)
    };
    let mut late_notice = 0;
    let clipped: Vec<(i64, i64, Cause)> = incidents
        .iter()
        .map(|i| {
            let (start, end) = (i.start.as_second().max(from), i.end.as_second().min(to));
            if short_notice(i) && start < end {
                late_notice += end - start;
                (start, end, Cause::Unplanned)
            } else {
                (start, end, i.cause)
            }
        })
        .filter(|(start, end, _)| start < end)
        .collect();
    // Measured within Business Hours: only the opening hours count, of the window and of
    // each incident.
    let business = definitions
        .business_hours
        .as_ref()
        .map(|hours| crate::clock::business_intervals(period.start, period.end, hours));
    let clipped = match &business {
        Some(intervals) => within_intervals(&clipped, intervals),
        None => clipped,
    };
    // A sweep over the incidents' edges, with how many incidents of each cause are open.
    let mut events: Vec<(i64, usize, i32)> = clipped
        .iter()
        .flat_map(|(s, e, c)| [(*s, cause_index(*c), 1), (*e, cause_index(*c), -1)])
        .collect();
    events.sort_unstable();

    let excluded_cause = |cause: Cause| {
        !matches!(cause, Cause::Scheduled | Cause::Unplanned) && definitions.excluded.contains(&cause)
    };
    let mut downtime = 0;
    let mut excluded: BTreeMap<Cause, i64> = BTreeMap::new();
    let (mut within, mut beyond) = (0, 0);
    let allowance = definitions.maintenance_allowance.unwrap_or(0);
    let mut open = [0i32; 5];
    let mut previous = events.first().map_or(from, |e| e.0);
    for (at, cause, change) in events {
        let length = at - previous;
        if length > 0 && open.iter().any(|n| *n > 0) {
            let covering = Cause::ALL.into_iter().filter(|c| open[cause_index(*c)] > 0);
            // Counted time wins over excluded time; an excluded cause wins over maintenance.
            let stretch = if covering
                .clone()
                .any(|c| c != Cause::Scheduled && !excluded_cause(c))
            {
                Stretch::Downtime
            } else if let Some(cause) = covering.clone().find(|c| excluded_cause(*c)) {
                Stretch::Excluded(cause)
            } else {
                Stretch::Scheduled
            };
            match stretch {
                Stretch::Downtime => downtime += length,
                Stretch::Excluded(cause) => *excluded.entry(cause).or_default() += length,
                Stretch::Scheduled => {
                    let fits = (allowance - within).clamp(0, length);
                    within += fits;
                    beyond += length - fits;
                }
            }
        }
        open[cause] += change;
        previous = at;
    }
    downtime += beyond;
    let window = match &business {
        Some(intervals) => intervals.iter().map(|(s, e)| e - s).sum(),
        None => period.seconds(),
    };
    let measured = window - within - excluded.values().sum::<i64>();
    let achieved = if measured > 0 {
        100.0 * (measured - downtime) as f64 / measured as f64
    } else {
        100.0
    };

    let mut working = vec![match (&business, &definitions.business_hours) {
        (Some(intervals), Some(hours)) => format!(
            "The window {} has {} of Business Hours ({} opening days in {}, holidays excluded); Availability is measured within them.",
            period.label,
            minutes(window),
            intervals.len(),
            hours.time_zone()
        ),
        _ => format!("The window {} is {}.", period.label, minutes(window)),
    }];
    if within + beyond == 0 {
        if let Some(allowed) = definitions.maintenance_allowance {
            working.push(format!(
                "No scheduled maintenance within the allowance of {}.",
                minutes(allowed)
            ));
        }
    } else {
        working.push(match definitions.maintenance_allowance {
            Some(allowed) => format!(
                "Scheduled maintenance: {} within the allowance of {} (not Downtime), {} beyond it (Downtime).",
                minutes(within),
                minutes(allowed),
                minutes(beyond)
            ),
            None => format!(
                "Scheduled maintenance: {} (the agreement allows none, so it is Downtime).",
                minutes(beyond)
            ),
        });
    }
    if late_notice > 0 {
        working.push(format!(
            "Maintenance announced with less than the {} notice required: {} (Downtime).",
            notice_text(definitions.maintenance_notice.unwrap_or_default()),
            minutes(late_notice)
        ));
    }
    for (cause, length) in &excluded {
        working.push(format!(
            "{}: {} excluded from the window, as the agreement provides.",
            cause_label(*cause),
            minutes(*length)
        ));
    }
    working.push(format!(
        "Downtime: {} (overlapping incidents counted once).",
        minutes(downtime)
    ));
    working.push(format!(
        "Availability = ({} − {}) ÷ {} = {} % (rounded down to thousandths of a percent).",
        minutes(measured),
        minutes(downtime),
        minutes(measured),
        thousandths_text(measured, downtime)
    ));
    WindowAvailability {
        period: period.clone(),
        window,
        downtime,
        excluded,
        maintenance_within: within,
        maintenance_beyond: beyond,
        maintenance_late_notice: late_notice,
        measured,
        achieved,
        working,
    }
}

/// The parts of each stretch that fall within the (sorted, disjoint) intervals.
fn within_intervals(stretches: &[(i64, i64, Cause)], intervals: &[(i64, i64)]) -> Vec<(i64, i64, Cause)> {
    let mut pieces = Vec::new();
    for (start, end, cause) in stretches {
        let first = intervals.partition_point(|(_, e)| e <= start);
        for (s, e) in intervals[first..].iter().take_while(|(s, _)| s < end) {
            let (from, to) = ((*start).max(*s), (*end).min(*e));
            if from < to {
                pieces.push((from, to, *cause));
            }
        }
    }
    pieces
}

fn cause_index(cause: Cause) -> usize {
    Cause::ALL.iter().position(|c| *c == cause).unwrap_or(0)
}

pub(crate) fn cause_label(cause: Cause) -> &'static str {
    match cause {
        Cause::Unplanned => "Unplanned outages",
        Cause::Scheduled => "Scheduled maintenance",
        Cause::Customer => "Caused by the Customer",
        Cause::ForceMajeure => "Force majeure",
        Cause::ThirdParty => "Caused by third parties",
    }
}

/// `43,170 minutes`, or with seconds when there are some (`12 minutes 30 seconds`).
fn minutes(seconds: i64) -> String {
    let (whole, rest) = (seconds / 60, seconds % 60);
    let grouped = group_thousands(whole);
    match (whole, rest) {
        (1, 0) => "1 minute".to_owned(),
        (_, 0) => format!("{grouped} minutes"),
        _ => format!("{grouped} minutes {rest} seconds"),
    }
}

/// Availability in thousandths of a percent, rounded down (100,000 when nothing was measured).
pub(crate) fn thousandths(measured: i64, downtime: i64) -> u32 {
    if measured <= 0 {
        return 100_000;
    }
    let up = i128::from(measured - downtime).max(0);
    u32::try_from(up * 100_000 / i128::from(measured)).unwrap_or(100_000)
}

/// A percentage with three decimals, as the tiers compare it: `99.620 %`.
pub fn percent_text(p: sla_model::terms::Percentage) -> String {
    let t = p.thousandths();
    format!("{}.{:03} %", t / 1000, t % 1000)
}

/// `99.620`: the share up, in percent, rounded down to three decimals.
fn thousandths_text(measured: i64, downtime: i64) -> String {
    let value = thousandths(measured, downtime);
    format!("{}.{:03}", value / 1000, value % 1000)
}

/// A notice period in the largest whole unit: `5 days`, `36 hours`, `90 minutes`.
fn notice_text(seconds: i64) -> String {
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if seconds % 86_400 == 0 {
        plural(seconds / 86_400, "day")
    } else if seconds % 3_600 == 0 {
        plural(seconds / 3_600, "hour")
    } else {
        plural(seconds / 60, "minute")
    }
}

/// `43170` as `43,170`.
pub fn group_thousands(value: i64) -> String {
    let digits = value.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0 { format!("-{out}") } else { out }
}

//! Response and resolution attainment per priority, first-contact resolution and CSAT, for
//! the tickets opened in a window, on the clocks the agreement sets.

use serde::Serialize;
use sla_model::terms::{PriorityMatrix, SupportSchedule};
use ts_rs::TS;

use crate::{Period, Ticket, elapsed, target_seconds};

/// How one target fared.
#[derive(Clone, Debug, Default, PartialEq, Serialize, TS)]
pub struct Attainment {
    /// The target as the agreement writes it (`30 business minutes`).
    pub target: String,
    pub met: usize,
    pub missed: usize,
    /// Neither done nor overdue when the window ended.
    pub pending: usize,
    /// Met ÷ (met + missed), in percent; none when no ticket was due.
    pub percent: Option<f64>,
    /// The tickets that missed it.
    pub breaches: Vec<String>,
}

/// One priority's figures.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct PriorityAttainment {
    pub priority: String,
    pub tickets: usize,
    pub response: Attainment,
    pub resolution: Attainment,
}

/// The window's service-desk figures.
#[derive(Clone, Debug, PartialEq)]
pub struct TicketReport {
    pub priorities: Vec<PriorityAttainment>,
    /// Share of tickets with a first-contact answer that were resolved at first contact.
    pub first_contact_resolution: Option<f64>,
    pub csat_average: Option<f64>,
    /// Share of survey responses rating the support 4 or 5 out of 5 (what `kpi.csat` targets).
    pub csat_satisfied: Option<f64>,
    pub csat_responses: usize,
}

/// The figures for the tickets opened in `period`, against the priority matrix.
pub fn ticket_report(
    tickets: &[Ticket],
    matrix: &PriorityMatrix,
    schedule: &SupportSchedule,
    period: &Period,
) -> TicketReport {
    let in_window: Vec<&Ticket> = tickets
        .iter()
        .filter(|t| period.start <= t.opened && t.opened < period.end)
        .collect();
    let priorities = matrix
        .rows()
        .iter()
        .map(|row| {
            let mine: Vec<&&Ticket> = in_window.iter().filter(|t| t.priority == row.priority).collect();
            let measure = |target: sla_model::terms::Duration,
                           done: &dyn Fn(&Ticket) -> Option<jiff::Timestamp>| {
                let limit = target_seconds(target, schedule);
                let mut result = Attainment {
                    target: target.to_string(),
                    ..Attainment::default()
                };
                for ticket in &mine {
                    let until = done(ticket);
                    let taken = elapsed(
                        ticket.opened,
                        until.unwrap_or(period.end),
                        target.clock(),
                        schedule,
                    );
                    match (until, taken <= limit) {
                        (Some(_), true) => result.met += 1,
                        (None, true) => result.pending += 1,
                        (_, false) => {
                            result.missed += 1;
                            result.breaches.push(ticket.id.clone());
                        }
                    }
                }
                let due = result.met + result.missed;
                result.percent = (due > 0).then(|| 100.0 * result.met as f64 / due as f64);
                result
            };
            PriorityAttainment {
                priority: row.priority.clone(),
                tickets: mine.len(),
                response: measure(row.response, &|t| t.first_response),
                resolution: measure(row.resolution, &|t| t.resolved),
            }
        })
        .collect();
    let answered: Vec<bool> = in_window
        .iter()
        .filter_map(|t| t.first_contact_resolved)
        .collect();
    let scores: Vec<u8> = in_window.iter().filter_map(|t| t.csat).collect();
    TicketReport {
        priorities,
        first_contact_resolution: (!answered.is_empty())
            .then(|| 100.0 * answered.iter().filter(|a| **a).count() as f64 / answered.len() as f64),
        csat_average: (!scores.is_empty())
            .then(|| scores.iter().map(|s| f64::from(*s)).sum::<f64>() / scores.len() as f64),
        csat_satisfied: (!scores.is_empty())
            .then(|| 100.0 * scores.iter().filter(|s| **s >= 4).count() as f64 / scores.len() as f64),
        csat_responses: scores.len(),
    }
}

//! The service-desk part of a window's report: response and resolution per priority, first
//! call resolution and satisfaction against their targets, and the breaches among them.

use sla_model::Agreement;
use sla_model::term_ids;
use sla_model::terms::SupportSchedule;

use crate::{Period, Ticket, ticket_report};

use crate::report::{KpiFigure, TicketFigures};

pub(crate) fn ticket_figures(
    agreement: &Agreement,
    tickets: &[Ticket],
    matrix: &sla_model::terms::PriorityMatrix,
    schedule: &SupportSchedule,
    period: &Period,
) -> TicketFigures {
    let report = ticket_report(tickets, matrix, schedule, period);
    let kpi = |achieved: Option<f64>, term: &str| {
        achieved.map(|achieved| {
            let target = agreement.percentage(term);
            KpiFigure {
                achieved,
                target,
                met: target.map(|t| achieved >= t.value()),
            }
        })
    };
    TicketFigures {
        tickets: report.priorities.iter().map(|p| p.tickets).sum(),
        first_contact_resolution: kpi(
            report.first_contact_resolution,
            term_ids::KPI_FIRST_CALL_RESOLUTION,
        ),
        satisfaction: kpi(report.csat_satisfied, term_ids::KPI_CSAT),
        survey_responses: report.csat_responses,
        priorities: report.priorities,
    }
}

pub(crate) fn ticket_breaches(figures: &TicketFigures) -> Vec<String> {
    let mut breaches = Vec::new();
    for priority in &figures.priorities {
        for (what, attainment) in [
            ("response", &priority.response),
            ("resolution", &priority.resolution),
        ] {
            if attainment.missed > 0 {
                breaches.push(format!(
                    "{} {what} within {}: {} of {} missed ({}).",
                    priority.priority,
                    attainment.target,
                    attainment.missed,
                    attainment.met + attainment.missed,
                    attainment.breaches.join(", ")
                ));
            }
        }
    }
    for (what, figure) in [
        ("First-contact resolution", &figures.first_contact_resolution),
        ("Satisfaction (4 or 5 of 5)", &figures.satisfaction),
    ] {
        if let Some(KpiFigure {
            achieved,
            target: Some(target),
            met: Some(false),
        }) = figure
        {
            breaches.push(format!("{what} {achieved:.1} % is below the target of {target}."));
        }
    }
    breaches
}

//! The whole measurement of an agreement over a period: each window's availability and
//! service-desk figures against the agreed targets, the breaches, and the remedies — credits
//! with the cap and claim deadlines, chronic failure, earn-back and fixed payments — with the
//! clauses they come from.

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use serde::Serialize;
use sla_model::term_ids;
use sla_model::terms::{CreditTier, Percentage, SupportSchedule};
use sla_model::{Agreement, PartyRole, TermValue};
use ts_rs::TS;

use crate::report_payments::{earn_back, fines};
use crate::report_tickets::{ticket_breaches, ticket_figures};
use crate::{
    Definitions, Incident, MeasureError, Period, PriorityAttainment, Ticket, WindowAvailability,
    availability, remedies,
};

/// Time taken out of a window for one excluded cause.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ExcludedTime {
    /// `Force majeure`.
    pub cause: String,
    #[ts(type = "number")]
    pub seconds: i64,
}

/// A service-desk target measured as a share (first-contact resolution, satisfaction).
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct KpiFigure {
    /// Achieved, in percent.
    pub achieved: f64,
    pub target: Option<Percentage>,
    /// Whether the target was met; none without a target.
    pub met: Option<bool>,
}

/// The window's service-desk figures.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct TicketFigures {
    pub tickets: usize,
    pub priorities: Vec<PriorityAttainment>,
    pub first_contact_resolution: Option<KpiFigure>,
    /// Share of survey responses rating the support 4 or 5 out of 5.
    pub satisfaction: Option<KpiFigure>,
    pub survey_responses: usize,
}

/// One measurement window.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct WindowReport {
    /// `2027-03` or `2027-Q1`.
    pub label: String,
    #[ts(type = "string")]
    pub start: Timestamp,
    #[ts(type = "string")]
    pub end: Timestamp,
    /// The window's length that counts: all of it, or its Business Hours.
    #[ts(type = "number")]
    pub window_seconds: i64,
    /// Time availability is measured over: the window less excluded time.
    #[ts(type = "number")]
    pub measured_seconds: i64,
    #[ts(type = "number")]
    pub downtime_seconds: i64,
    pub excluded: Vec<ExcludedTime>,
    #[ts(type = "number")]
    pub maintenance_within_seconds: i64,
    #[ts(type = "number")]
    pub maintenance_beyond_seconds: i64,
    /// Achieved availability, rounded down to thousandths of a percent.
    pub achieved: Percentage,
    pub target_missed: bool,
    /// The credit owed, in percent of the window's fees, after the cap.
    pub credit: Option<Percentage>,
    /// The tier's credit before the cap, when the cap cut it.
    pub capped_from: Option<Percentage>,
    /// The last moment to claim the credit.
    #[ts(type = "string | null")]
    pub claim_by: Option<Timestamp>,
    /// The last whole day to claim it, in the report's zone (the day before `claim_by` when
    /// the claim window closes at midnight).
    #[ts(type = "string | null")]
    pub last_day_to_claim: Option<Date>,
    /// The availability computation, one step per line.
    pub working: Vec<String>,
    pub tickets: Option<TicketFigures>,
    /// Every service level missed in the window, in words.
    pub breaches: Vec<String>,
}

/// The chronic-failure rule and whether it was met.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ChronicFailure {
    pub misses: u32,
    pub of_windows: u32,
    /// The window in which the rule was met: the customer may terminate from then.
    pub met_in: Option<String>,
}

/// Where a credit stands under the earn-back clause.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct EarnBack {
    /// The window whose credit could be earned back.
    pub window: String,
    pub credit: Percentage,
    /// `earned back after 2027-06`, `not earned back: 2027-05 missed the target`, or
    /// `open: 1 of 3 windows measured`.
    pub status: String,
    /// Whether the provider may take the credit back.
    pub earned_back: bool,
}

/// Fixed payments for missed service levels.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Fines {
    /// `EUR 2500.00`.
    pub per_miss: String,
    pub cap: Option<String>,
    /// Windows with at least one missed service level.
    pub windows_missed: u32,
    /// What those windows come to, capped (the clause's own conditions may give less).
    pub at_most: String,
}

/// The clause numbers a claim cites, where the agreement has the clause.
#[derive(Clone, Debug, Default, PartialEq, Serialize, TS)]
pub struct Citations {
    pub availability: Option<String>,
    pub maintenance: Option<String>,
    pub exclusions: Option<String>,
    pub credits: Option<String>,
    pub clawback: Option<String>,
    pub chronic_failure: Option<String>,
    pub fines: Option<String>,
    pub response_resolution: Option<String>,
    pub support_quality: Option<String>,
}

/// The measurement of one agreement over a period.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ServiceLevelReport {
    pub title: String,
    pub customer: String,
    pub provider: String,
    /// The zone the windows are taken in.
    pub time_zone: String,
    pub target: Option<Percentage>,
    /// The credit tiers (for the chart), best level first.
    pub tiers: Vec<CreditTier>,
    pub credit_cap: Option<Percentage>,
    pub windows: Vec<WindowReport>,
    pub chronic_failure: Option<ChronicFailure>,
    pub earn_back: Vec<EarnBack>,
    pub fines: Option<Fines>,
    pub clauses: Citations,
    /// How the agreement's definitions were read, and any assumption made.
    pub basis: Vec<String>,
}

/// Measures `agreement` over `months` (`2027-03`, or `2027-01..2027-03`) from an incident
/// log and, optionally, a ticket export.
pub fn measure(
    agreement: &Agreement,
    incidents: &[Incident],
    tickets: Option<&[Ticket]>,
    months: &str,
) -> Result<ServiceLevelReport, MeasureError> {
    let schedule = match agreement.term_value(term_ids::SUPPORT_HOURS) {
        Some(TermValue::SupportSchedule(s)) => Some(s),
        _ => None,
    };
    let (zone, zone_name) = match schedule {
        Some(SupportSchedule::BusinessHours(hours)) => (
            TimeZone::get(hours.time_zone()).map_err(|e| MeasureError::Agreement(e.to_string()))?,
            hours.time_zone().to_owned(),
        ),
        _ => (TimeZone::UTC, "UTC".to_owned()),
    };
    let quarterly = matches!(
        agreement.term_value(term_ids::AVAILABILITY_WINDOW),
        Some(TermValue::Choice(c)) if c.selected() == "calendar quarter"
    );
    let periods = Period::windows(months, quarterly, &zone)?;
    let definitions = Definitions::from_agreement(agreement);
    let measured: Vec<WindowAvailability> = periods
        .iter()
        .map(|p| availability(incidents, p, &definitions))
        .collect();
    let remedies = remedies(agreement, &measured);

    let matrix = match agreement.term_value(term_ids::SUPPORT_PRIORITIES) {
        Some(TermValue::PriorityMatrix(m)) => Some(m),
        _ => None,
    };
    let ticket_terms = match (tickets, matrix, schedule) {
        (None, ..) => None,
        (Some(tickets), Some(matrix), Some(schedule)) => Some((tickets, matrix, schedule)),
        (Some(_), None, _) => {
            return Err(MeasureError::Agreement(
                "the agreement has no response and resolution times to measure tickets against".into(),
            ));
        }
        (Some(_), _, None) => {
            return Err(MeasureError::Agreement(
                "the agreement has no support hours to measure tickets on".into(),
            ));
        }
    };

    let target = agreement.percentage(term_ids::AVAILABILITY_TARGET);
    let windows: Vec<WindowReport> = measured
        .iter()
        .zip(&remedies.windows)
        .map(|(window, remedy)| {
            let figures = ticket_terms.map(|(tickets, matrix, schedule)| {
                ticket_figures(agreement, tickets, matrix, schedule, &window.period)
            });
            let mut breaches = Vec::new();
            if remedy.target_missed
                && let Some(target) = target
            {
                breaches.push(format!(
                    "Availability {} is below the target of {target}.",
                    crate::percent_text(remedy.achieved)
                ));
            }
            if let Some(figures) = &figures {
                breaches.extend(ticket_breaches(figures));
            }
            WindowReport {
                label: window.period.label.clone(),
                start: window.period.start,
                end: window.period.end,
                window_seconds: window.window,
                measured_seconds: window.measured,
                downtime_seconds: window.downtime,
                excluded: window
                    .excluded
                    .iter()
                    .map(|(cause, seconds)| ExcludedTime {
                        cause: crate::availability::cause_label(*cause).to_owned(),
                        seconds: *seconds,
                    })
                    .collect(),
                maintenance_within_seconds: window.maintenance_within,
                maintenance_beyond_seconds: window.maintenance_beyond + window.maintenance_late_notice,
                achieved: remedy.achieved,
                target_missed: remedy.target_missed,
                credit: remedy.credit,
                capped_from: remedy.capped_from,
                claim_by: remedy.claim_by,
                last_day_to_claim: remedy.claim_by.map(|at| last_whole_day(at, &zone)),
                working: window.working.clone(),
                tickets: figures,
                breaches,
            }
        })
        .collect();

    let clauses = citations(agreement);
    let chronic_failure =
        clauses
            .chronic_failure
            .as_ref()
            .and(remedies.chronic_rule)
            .map(|(misses, of_windows)| ChronicFailure {
                misses,
                of_windows,
                met_in: remedies.chronic_met_in.clone(),
            });
    let earn_back = match (&clauses.clawback, agreement.term_value(term_ids::CLAWBACK_MONTHS)) {
        (Some(_), Some(TermValue::Count(months))) => earn_back(&windows, months.get()),
        _ => Vec::new(),
    };
    let fines = clauses.fines.as_ref().and_then(|_| fines(agreement, &windows));
    Ok(ServiceLevelReport {
        title: agreement.title.to_string(),
        customer: name_or(&agreement.parties.get(PartyRole::Customer).name, "the Customer"),
        provider: name_or(&agreement.parties.get(PartyRole::Provider).name, "the Provider"),
        time_zone: zone_name.clone(),
        target,
        tiers: match agreement.term_value(term_ids::CREDITS_TIERS) {
            Some(TermValue::TierTable(t)) => t.tiers().to_vec(),
            _ => Vec::new(),
        },
        credit_cap: agreement.percentage(term_ids::CREDITS_CAP),
        basis: basis(&definitions, &zone_name, quarterly),
        windows,
        chronic_failure,
        earn_back,
        fines,
        clauses,
    })
}

/// The last day wholly before `at` ends, in `zone`: the day before when `at` is midnight.
fn last_whole_day(at: Timestamp, zone: &TimeZone) -> Date {
    let local = at.to_zoned_datetime(zone.clone());
    if local.time() == Time::midnight() {
        local.date().yesterday().unwrap_or(local.date())
    } else {
        local.date()
    }
}

/// A party's name, or its role when the agreement leaves it blank.
pub(crate) fn name_or(name: &str, role: &str) -> String {
    if name.trim().is_empty() {
        role.to_owned()
    } else {
        name.to_owned()
    }
}

fn citations(agreement: &Agreement) -> Citations {
    let number = |id: &str| agreement.clause_number(id);
    Citations {
        availability: number("availability"),
        maintenance: number("scheduled-maintenance"),
        exclusions: number("exclusions"),
        credits: number("service-credits"),
        clawback: number("clawback"),
        chronic_failure: number("chronic-failure"),
        fines: number("fines-penalties"),
        response_resolution: number("response-resolution"),
        support_quality: number("support-kpis"),
    }
}

fn basis(definitions: &Definitions, zone: &str, quarterly: bool) -> Vec<String> {
    let mut lines = vec![format!(
        "Windows are calendar {}s in {zone}, from midnight to midnight.",
        if quarterly { "quarter" } else { "month" }
    )];
    let excluded: Vec<&str> = definitions
        .excluded
        .iter()
        .map(|c| crate::availability::cause_label(*c))
        .collect();
    lines.push(if excluded.is_empty() {
        "The agreement excludes no cause of unavailability: every incident but scheduled maintenance is Downtime."
            .to_owned()
    } else {
        format!(
            "Excluded from the window, as the agreement provides: {}.",
            excluded.join("; ").to_lowercase()
        )
    });
    if !definitions.excluded.contains(&crate::Cause::ThirdParty) {
        lines.push("Failures of third parties count as Downtime.".to_owned());
    }
    lines.push(match definitions.maintenance_allowance {
        Some(_) => "Scheduled maintenance is not Downtime within the allowance per window; beyond it, it is."
            .to_owned(),
        None => "The agreement allows no scheduled maintenance: it is Downtime.".to_owned(),
    });
    if definitions.maintenance_notice.is_some() {
        lines.push(
            "Maintenance announced later than the notice requires (the log's `notified` column) is Downtime; without that column, notice is taken as given."
                .to_owned(),
        );
    }
    lines
}

//! Whole measurements of drafted agreements: the definitions read from the agreement's own
//! terms (exclusions, maintenance allowance and notice), the service-desk targets, and the
//! remedies with the clauses they cite. Every figure is derived by hand in the comments.
#![allow(clippy::unwrap_used)] // a panic is a failed test

use std::collections::BTreeMap;

use sla_measure::{ColumnMap, MeasureError, measure, read_incidents, read_tickets};
use sla_model::{Agreement, AgreementId};
use sla_templates::{DraftRequest, Library, Position, draft};

fn drafted(template: &str, position: Position, options: &[&str]) -> Agreement {
    let library = Library::built_in().unwrap();
    let request = DraftRequest {
        template: template.into(),
        position,
        customer: "Acme Retail plc".into(),
        provider: "Cloudy Hosting Ltd".into(),
        options: options
            .iter()
            .map(|o| ((*o).to_owned(), true))
            .collect::<BTreeMap<_, _>>(),
        ..DraftRequest::default()
    };
    draft(&library, &request, AgreementId::random()).unwrap()
}

/// April 2027 in London (summer time all month): 30 days = 43,200 minutes.
const APRIL: &str = "start,end,service,cause,notified\n\
    2027-04-06T09:00:00Z,2027-04-06T09:50:00Z,web,unplanned,\n\
    2027-04-11T01:00:00Z,2027-04-11T01:30:00Z,web,scheduled,2027-04-05T01:00:00Z\n\
    2027-04-14T12:00:00Z,2027-04-14T12:20:00Z,web,third_party,\n\
    2027-04-20T15:00:00Z,2027-04-20T15:15:00Z,web,customer,\n\
    2027-06-02T01:00:00Z,2027-06-02T02:00:00Z,web,scheduled,2027-06-01T01:00:00Z\n";

#[test]
fn the_balanced_saas_agreement_excludes_third_parties_and_enforces_notice() {
    // Balanced: target 99.9 %, allowance 4 hours, notice 5 days, third parties excluded,
    // tiers below 99.9 → 10 %, claim within 30 days; earn-back after 3 windows.
    let agreement = drafted("saas-availability", Position::Balanced, &["clawback"]);
    let incidents = read_incidents(APRIL).unwrap();
    let report = measure(&agreement, &incidents, None, "2027-04..2027-07").unwrap();
    assert_eq!(report.time_zone, "Europe/London");
    let labels: Vec<&str> = report.windows.iter().map(|w| w.label.as_str()).collect();
    assert_eq!(labels, ["2027-04", "2027-05", "2027-06", "2027-07"]);

    // April: maintenance announced 6 days ahead (≥ 5) → within the allowance, out of the
    // window (30 min); third party 20 and customer 15 min excluded. Measured 43,200 − 30 − 35
    // = 43,135 min; Downtime 50 → 43,085 ÷ 43,135 = 99.88408 % → 99.884 % → 10 %.
    let april = &report.windows[0];
    assert_eq!(april.measured_seconds, 43_135 * 60);
    assert_eq!(april.downtime_seconds, 50 * 60);
    assert_eq!(april.achieved.thousandths(), 99_884);
    assert_eq!(april.credit.unwrap().thousandths(), 10_000);
    // Claim within 30 days of the window's end (1 May 00:00 BST = 30 April 23:00 UTC).
    assert_eq!(april.claim_by.unwrap(), "2027-05-30T23:00:00Z".parse().unwrap());
    assert_eq!(
        april.breaches,
        ["Availability 99.884 % is below the target of 99.9 %."]
    );

    // June: one hour of maintenance announced one day ahead (< 5 days) → Downtime.
    // 43,140 ÷ 43,200 = 99.8611 % → 99.861 % → 10 %.
    let june = &report.windows[2];
    assert_eq!(june.downtime_seconds, 3_600);
    assert_eq!(june.achieved.thousandths(), 99_861);
    assert!(
        june.working
            .iter()
            .any(|l| l.contains("less than the 5 days notice")),
        "{:?}",
        june.working
    );

    // May and July: no incident, 100 %, no credit.
    assert!(report.windows[1].credit.is_none() && report.windows[3].credit.is_none());
    // Chronic failure (balanced: 3 misses in 6 windows): two misses, not met.
    let chronic = report.chronic_failure.as_ref().unwrap();
    assert_eq!(
        (chronic.misses, chronic.of_windows, chronic.met_in.as_deref()),
        (3, 6, None)
    );
    // Earn-back after 3 windows meeting the target: April's credit is lost to June's miss;
    // June's is open with only July measured.
    let statuses: Vec<&str> = report.earn_back.iter().map(|e| e.status.as_str()).collect();
    assert_eq!(
        statuses,
        [
            "not earned back: 2027-06 missed the target",
            "open: 1 of the next 3 windows measured, all met"
        ]
    );
    // The clauses a claim cites, numbered as the documents print them.
    assert_eq!(report.clauses.availability.as_deref(), Some("2.1"));
    assert_eq!(report.clauses.exclusions.as_deref(), Some("2.3"));
    assert_eq!(report.clauses.credits.as_deref(), Some("4.1"));
    assert!(report.fines.is_none(), "the SaaS template has no fixed payments");
}

#[test]
fn the_customer_position_counts_third_parties_and_wants_ten_days_notice() {
    // Customer: target 99.95 %, allowance 2 hours, notice 10 days, third parties counted.
    // April: maintenance announced 6 days ahead (< 10) → 30 min Downtime; third party 20
    // min Downtime; customer 15 min excluded. Measured 43,185; Downtime 50 + 30 + 20 = 100
    // → 43,085 ÷ 43,185 = 99.76844 % → 99.768 % (below 99.95 → 10 %, not below 99.5).
    let agreement = drafted("saas-availability", Position::Customer, &[]);
    let report = measure(&agreement, &read_incidents(APRIL).unwrap(), None, "2027-04").unwrap();
    let april = &report.windows[0];
    assert_eq!(april.measured_seconds, 43_185 * 60);
    assert_eq!(april.downtime_seconds, 100 * 60);
    assert_eq!(april.achieved.thousandths(), 99_768);
    assert_eq!(april.credit.unwrap().thousandths(), 10_000);
    assert!(
        report
            .basis
            .iter()
            .any(|l| l == "Failures of third parties count as Downtime.")
    );
}

#[test]
fn service_desk_targets_and_fixed_payments() {
    // Managed service, balanced, with fixed payments (EUR 2,500 per window with a missed
    // service level, capped at EUR 50,000). Support 08:00–18:00 London on weekdays.
    // P1 response 30 minutes and resolution 4 hours on the calendar clock; P3 response 4
    // business hours. FCR target 70 %, satisfaction (4–5 of 5) 85 %.
    let agreement = drafted("managed-service", Position::Balanced, &["fines"]);
    let priorities: Vec<String> = match agreement.term_value("support.priorities") {
        Some(sla_model::TermValue::PriorityMatrix(m)) => {
            m.rows().iter().map(|r| r.priority.clone()).collect()
        }
        _ => panic!("no matrix"),
    };
    // A-1 P1: answered in 20 min, resolved in 3 h: met both.
    // A-2 P1 (Friday 22:00): answered in 45 min > 30: response missed; resolved in 3 h: met.
    // A-3 P3 opened Friday 17:00 (one business hour left), answered Monday 10:30: 1 h + 2 h 30
    //   = 3 h 30 business ≤ 4 h: met.
    // A-4 P2 opened 29 March 09:00 UTC, never answered: at the window's end (31 March 23:00
    //   UTC) 62 hours have passed: response (1 hour) and resolution (1 day) missed.
    // FCR: yes, no, no → 33.3 % < 70 %. Satisfaction: 5, 2, 4 → 2 of 3 = 66.7 % < 85 %.
    let tickets = "id,priority,opened,first_response,resolved,first_contact_resolved,csat\n\
        A-1,Priority 1,2027-03-02T10:00:00Z,2027-03-02T10:20:00Z,2027-03-02T13:00:00Z,yes,5\n\
        A-2,Priority 1,2027-03-05T22:00:00Z,2027-03-05T22:45:00Z,2027-03-06T01:00:00Z,no,2\n\
        A-3,Priority 3,2027-03-05T17:00:00Z,2027-03-08T10:30:00Z,2027-03-10T12:00:00Z,no,4\n\
        A-4,Priority 2,2027-03-29T09:00:00Z,,,,\n";
    let tickets = read_tickets(tickets, &ColumnMap::default(), Some(&priorities)).unwrap();
    let report = measure(&agreement, &[], Some(&tickets), "2027-03..2027-04").unwrap();
    let march = &report.windows[0];
    let figures = march.tickets.as_ref().unwrap();
    assert_eq!(figures.tickets, 4);
    let fcr = figures.first_contact_resolution.as_ref().unwrap();
    assert!((fcr.achieved - 100.0 / 3.0).abs() < 1e-9 && fcr.met == Some(false));
    let satisfaction = figures.satisfaction.as_ref().unwrap();
    assert!((satisfaction.achieved - 200.0 / 3.0).abs() < 1e-9 && satisfaction.met == Some(false));
    assert_eq!(
        march.breaches,
        [
            "Priority 1 response within 30 minutes: 1 of 2 missed (A-2).",
            "Priority 2 response within 1 hour: 1 of 1 missed (A-4).",
            "Priority 2 resolution within 1 day: 1 of 1 missed (A-4).",
            "First-contact resolution 33.3 % is below the target of 70 %.",
            "Satisfaction (4 or 5 of 5) 66.7 % is below the target of 85 %.",
        ]
    );
    // Availability was 100 % in both months; April had no ticket and no miss.
    assert!(report.windows[1].breaches.is_empty());
    let fines = report.fines.as_ref().unwrap();
    assert_eq!(
        (
            fines.windows_missed,
            fines.per_miss.as_str(),
            fines.at_most.as_str()
        ),
        (1, "EUR 2500.00", "EUR 2500.00")
    );
}

#[test]
fn an_empty_period_and_refusals() {
    let agreement = drafted("saas-availability", Position::Balanced, &[]);
    // No incident: 100 %, no credit, no breach.
    let report = measure(&agreement, &[], None, "2027-02").unwrap();
    assert_eq!(report.windows[0].achieved.thousandths(), 100_000);
    assert!(report.windows[0].credit.is_none() && report.windows[0].breaches.is_empty());
    assert!(matches!(
        measure(&agreement, &[], None, "2027-02..2026-01"),
        Err(MeasureError::Period(_))
    ));
    // Tickets against an agreement without response times.
    let mut bare = agreement.clone();
    bare.terms.retain(|id, _| id.as_str() != "support.priorities");
    assert!(matches!(
        measure(&bare, &[], Some(&[]), "2027-02"),
        Err(MeasureError::Agreement(m)) if m.contains("response and resolution")
    ));
}

#[test]
fn availability_measured_in_business_hours_follows_the_daylight_saving_change() {
    // Balanced support hours: Monday to Friday 08:00–18:00 London. March 2027 has 23 weekdays
    // (1–5, 8–12, 15–19, 22–26, 29–31): 23 × 10 h = 13,800 business minutes. London moves to
    // summer time on Sunday 28 March, so from Monday 29 March the day opens at 07:00 UTC.
    // - Monday 29 March 06:30–07:30 UTC is 07:30–08:30 BST: 30 business minutes.
    // - Friday 26 March 17:30–18:30 UTC (GMT) is 30 business minutes (until 18:00).
    // - Saturday 6 March 10:00–12:00: none.
    // Downtime 60 of 13,800 → 13,740 ÷ 13,800 = 99.5652 % → 99.565 % (below 99.9 → 10 %).
    let library = Library::built_in().unwrap();
    let request = DraftRequest {
        template: "saas-availability".into(),
        position: Position::Balanced,
        customer: "Acme Retail plc".into(),
        provider: "Cloudy Hosting Ltd".into(),
        set: vec![("availability.hours".into(), "during Business Hours only".into())],
        ..DraftRequest::default()
    };
    let agreement = draft(&library, &request, AgreementId::random()).unwrap();
    let log = "start,end,service,cause\n\
               2027-03-29T06:30:00Z,2027-03-29T07:30:00Z,web,unplanned\n\
               2027-03-26T17:30:00Z,2027-03-26T18:30:00Z,web,unplanned\n\
               2027-03-06T10:00:00Z,2027-03-06T12:00:00Z,web,unplanned\n";
    let report = measure(&agreement, &read_incidents(log).unwrap(), None, "2027-03").unwrap();
    let march = &report.windows[0];
    assert_eq!(march.window_seconds, 13_800 * 60);
    assert_eq!(march.downtime_seconds, 60 * 60);
    assert_eq!(march.achieved.thousandths(), 99_565);
    assert_eq!(march.credit.unwrap().thousandths(), 10_000);
    assert!(
        march.working[0].contains("13,800 minutes of Business Hours (23 opening days"),
        "{}",
        march.working[0]
    );

    // The same log around the clock: 44,580 minutes in March (one hour short), 60 + 60 + 120
    // = 240 minutes down → 44,340 ÷ 44,580 = 99.4616 % → 99.461 %.
    let around_the_clock = drafted("saas-availability", Position::Balanced, &[]);
    let report = measure(&around_the_clock, &read_incidents(log).unwrap(), None, "2027-03").unwrap();
    assert_eq!(report.windows[0].downtime_seconds, 240 * 60);
    assert_eq!(report.windows[0].achieved.thousandths(), 99_461);
}

//! Service-desk figures on business clocks: worked examples derived by hand in the comments.
#![allow(clippy::unwrap_used)] // a panic is a failed test

use jiff::civil::Time;
use jiff::tz::TimeZone;
use sla_measure::{ColumnMap, Period, read_tickets, ticket_report};
use sla_model::terms::{
    BusinessHours, Clock, Duration, DurationUnit, PriorityMatrix, PriorityTarget, SupportSchedule, Weekday,
};

fn schedule() -> SupportSchedule {
    let days = vec![
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
    ];
    SupportSchedule::BusinessHours(
        BusinessHours::new(
            days,
            Time::constant(9, 0, 0, 0),
            Time::constant(17, 0, 0, 0),
            "Europe/London".into(),
            vec![],
        )
        .unwrap(),
    )
}

fn matrix() -> PriorityMatrix {
    let business = |amount, unit| Duration::new(amount, unit, Clock::Business).unwrap();
    PriorityMatrix::new(vec![
        PriorityTarget {
            priority: "P1".into(),
            description: None,
            response: business(30, DurationUnit::Minutes),
            resolution: business(4, DurationUnit::Hours),
        },
        PriorityTarget {
            priority: "P2".into(),
            description: None,
            response: business(4, DurationUnit::Hours),
            resolution: business(2, DurationUnit::Days),
        },
    ])
    .unwrap()
}

#[test]
fn response_and_resolution_attainment_per_priority_on_business_clocks() {
    // March 2027 in London (GMT until the 28th).
    // T-1 (P1): opened Friday 5 March 18:30, answered Monday 8 March 09:45 → 45 business
    //   minutes > 30: response missed. Resolved Monday 12:00 → 3 business hours ≤ 4: met.
    // T-2 (P1): opened Tuesday 9 March 10:00, answered 10:20 → 20 minutes: met. Resolved
    //   Wednesday 10 March 11:00 → 7 h Tuesday + 2 h Wednesday = 9 h > 4: missed.
    // T-3 (P2): opened Wednesday 31 March 16:00 BST, never answered; by the end of March
    //   (00:00 BST 1 April) 1 business hour has passed, under 4: pending. Resolution pending.
    // T-4 (P2): opened 26 February: outside the window, not counted.
    // P1 response 1 of 2 = 50 %, resolution 1 of 2 = 50 %. FCR: yes, no, (none) → 50 %.
    // CSAT 4 and 5 → 4.5 from 2 responses.
    let export = "id,priority,opened,first_response,resolved,first_contact_resolved,csat\n\
                  T-1,P1,2027-03-05T18:30:00Z,2027-03-08T09:45:00Z,2027-03-08T12:00:00Z,no,4\n\
                  T-2,P1,2027-03-09T10:00:00Z,2027-03-09T10:20:00Z,2027-03-10T11:00:00Z,yes,5\n\
                  T-3,P2,2027-03-31T15:00:00Z,,,,\n\
                  T-4,P2,2027-02-26T10:00:00Z,2027-02-26T10:05:00Z,,,\n";
    let tickets = read_tickets(export, &ColumnMap::default(), None).unwrap();
    let march = Period::month("2027-03", &TimeZone::get("Europe/London").unwrap()).unwrap();
    let report = ticket_report(&tickets, &matrix(), &schedule(), &march);

    let p1 = &report.priorities[0];
    assert_eq!((p1.priority.as_str(), p1.tickets), ("P1", 2));
    assert_eq!(
        (p1.response.met, p1.response.missed, p1.response.pending),
        (1, 1, 0)
    );
    assert_eq!(p1.response.breaches, vec!["T-1".to_owned()]);
    assert_eq!(p1.response.percent, Some(50.0));
    assert_eq!(p1.response.target, "30 business minutes");
    assert_eq!((p1.resolution.met, p1.resolution.missed), (1, 1));
    assert_eq!(p1.resolution.breaches, vec!["T-2".to_owned()]);

    let p2 = &report.priorities[1];
    assert_eq!(p2.tickets, 1);
    assert_eq!((p2.response.pending, p2.response.percent), (1, None));
    assert_eq!(report.first_contact_resolution, Some(50.0));
    assert_eq!((report.csat_average, report.csat_responses), (Some(4.5), 2));
}

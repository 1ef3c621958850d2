//! Worked examples: each expected figure is derived by hand in the comments.
#![allow(clippy::unwrap_used)] // a panic is a failed test

use jiff::tz::TimeZone;
use sla_measure::{Cause, Definitions, Period, availability, read_incidents};

fn definitions(allowance_minutes: Option<i64>) -> Definitions {
    Definitions {
        excluded: vec![Cause::Customer, Cause::ForceMajeure],
        maintenance_allowance: allowance_minutes.map(|m| m * 60),

        ..Definitions::default()
    }
}

fn april() -> Period {
    Period::month("2027-04", &TimeZone::UTC).unwrap()
}

#[test]
fn fifty_minutes_down_and_thirty_of_allowed_maintenance_in_a_30_day_month() {
    // April has 30 days: 30 × 24 × 60 = 43,200 minutes. The 30 minutes of maintenance fall
    // within the 4-hour allowance, so they leave the window: 43,170 minutes are measured.
    // Achieved = (43,170 − 50) ÷ 43,170 = 43,120 ÷ 43,170 = 0.998841… → 99.884 %.
    let log = "start,end,service,cause\n\
               2027-04-06T09:00:00Z,2027-04-06T09:50:00Z,web,unplanned\n\
               2027-04-11T01:00:00Z,2027-04-11T01:30:00Z,web,scheduled\n";
    let result = availability(&read_incidents(log).unwrap(), &april(), &definitions(Some(240)));
    assert_eq!(result.downtime, 50 * 60);
    assert_eq!(result.maintenance_within, 30 * 60);
    assert_eq!(result.measured, 43_170 * 60);
    assert_eq!(format!("{:.3}", result.achieved), "99.884");
    assert_eq!(
        result.working.last().unwrap(),
        "Availability = (43,170 minutes − 50 minutes) ÷ 43,170 minutes = 99.884 % (rounded down to thousandths of a percent)."
    );
}

#[test]
fn overlapping_incidents_count_once_and_window_edges_cut_incidents() {
    // 10:00–11:00 and 10:30–11:30 overlap: 90 minutes of Downtime, not 120. An outage from
    // 31 March 23:00 to 1 April 01:00 counts only its 60 minutes in April; one ending on
    // 1 May 00:30 that began 30 April 23:30 counts 30 minutes. Total 180 minutes.
    // (43,200 − 180) ÷ 43,200 = 0.995833… → 99.583 %.
    let log = "start,end,service,cause\n\
               2027-04-10T10:00:00Z,2027-04-10T11:00:00Z,web,unplanned\n\
               2027-04-10T10:30:00Z,2027-04-10T11:30:00Z,api,unplanned\n\
               2027-03-31T23:00:00Z,2027-04-01T01:00:00Z,web,unplanned\n\
               2027-04-30T23:30:00Z,2027-05-01T00:30:00Z,web,unplanned\n\
               2027-05-03T10:00:00Z,2027-05-03T11:00:00Z,web,unplanned\n";
    let result = availability(&read_incidents(log).unwrap(), &april(), &definitions(None));
    assert_eq!(result.downtime, 180 * 60);
    assert_eq!(format!("{:.3}", result.achieved), "99.583");
}

#[test]
fn maintenance_beyond_the_allowance_and_excluded_causes() {
    // 3 hours of scheduled maintenance against a 2-hour allowance: 120 minutes leave the
    // window, 60 minutes are Downtime. 45 minutes caused by the customer leave the window;
    // 30 minutes at a third-party supplier are Downtime (this agreement does not exclude
    // suppliers). An unplanned outage overlapping the customer's 45 minutes by 15 counts
    // those 15 as Downtime: counted time wins.
    // Measured = 43,200 − 120 − 30 (customer only) = 43,050; Downtime = 60 + 30 + 20 = 110.
    // (43,050 − 110) ÷ 43,050 = 0.997444… → 99.744 %.
    let log = "start,end,service,cause\n\
               2027-04-03T01:00:00Z,2027-04-03T04:00:00Z,web,scheduled\n\
               2027-04-12T12:00:00Z,2027-04-12T12:45:00Z,web,customer\n\
               2027-04-12T12:30:00Z,2027-04-12T12:50:00Z,web,unplanned\n\
               2027-04-20T08:00:00Z,2027-04-20T08:30:00Z,web,third_party\n";
    let result = availability(&read_incidents(log).unwrap(), &april(), &definitions(Some(120)));
    assert_eq!(result.maintenance_within, 120 * 60);
    assert_eq!(result.maintenance_beyond, 60 * 60);
    assert_eq!(result.excluded.get(&Cause::Customer), Some(&(30 * 60)));
    assert_eq!(result.downtime, 110 * 60);
    assert_eq!(result.measured, 43_050 * 60);
    assert_eq!(format!("{:.3}", result.achieved), "99.744");
}

#[test]
fn an_empty_period_is_fully_available_and_says_so() {
    let result = availability(&[], &april(), &definitions(Some(240)));
    assert_eq!((result.downtime, result.measured), (0, 43_200 * 60));
    assert_eq!(result.achieved, 100.0);
    assert!(
        result
            .working
            .iter()
            .any(|l| l == "Downtime: 0 minutes (overlapping incidents counted once).")
    );
}

#[test]
fn a_month_with_the_daylight_saving_change_is_an_hour_shorter() {
    // Europe/Berlin moves to summer time on 28 March 2027: March has 31 × 1,440 − 60 =
    // 44,580 minutes. 60 minutes down: (44,580 − 60) ÷ 44,580 = 0.998654… → 99.865 %.
    let march = Period::month("2027-03", &TimeZone::get("Europe/Berlin").unwrap()).unwrap();
    let log = "start,end,service,cause\n2027-03-28T01:30:00+01:00,2027-03-28T03:30:00+02:00,web,unplanned\n";
    let result = availability(&read_incidents(log).unwrap(), &march, &definitions(None));
    assert_eq!(result.measured, 44_580 * 60);
    assert_eq!(result.downtime, 60 * 60, "01:30 CET to 03:30 CEST is one hour");
    assert_eq!(format!("{:.3}", result.achieved), "99.865");
}

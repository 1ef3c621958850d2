//! Credits, the cap, claim deadlines and chronic failure under a drafted agreement's terms:
//! worked examples derived by hand in the comments.
#![allow(clippy::unwrap_used)] // a panic is a failed test

use jiff::tz::TimeZone;
use sla_measure::{Cause, Definitions, Period, availability, read_incidents, remedies};
use sla_model::AgreementId;
use sla_templates::{DraftRequest, Library, Position, draft};

fn agreement() -> sla_model::Agreement {
    let library = Library::built_in().unwrap();
    // Balanced tiers: below 99.9 % → 10 %, below 99 % → 25 %, below 95 % → 50 %.
    let request = DraftRequest {
        template: "saas-availability".into(),
        position: Position::Balanced,
        customer: "Acme Retail plc".into(),
        provider: "Cloudy Hosting Ltd".into(),
        set: vec![
            ("availability.target".into(), "99.9".into()),
            ("credits.cap".into(), "20".into()),
            ("credits.claim_window".into(), "30 days".into()),
            ("chronic.misses".into(), "2".into()),
            ("chronic.period".into(), "3".into()),
        ],
        ..DraftRequest::default()
    };
    draft(&library, &request, AgreementId::random()).unwrap()
}

#[test]
fn credits_caps_claim_deadlines_and_chronic_failure() {
    // April: 50 minutes down of 43,170 measured → 99.884 % (below 99.9 → 10 %).
    // May: no incident → 100 %, no credit.
    // June (30 days, 43,200 minutes): 648 minutes down → 42,552 ÷ 43,200 = 98.5 % exactly
    //   (below 99 → 25 %, capped at 20 %).
    // Claims: 30 days after each window's end → 31 May 00:00 and 31 July 00:00 (UTC).
    // Chronic failure: missed in April and June, 2 of the 3 consecutive windows → met in June.
    let log = "start,end,service,cause\n\
               2027-04-06T09:00:00Z,2027-04-06T09:50:00Z,web,unplanned\n\
               2027-04-11T01:00:00Z,2027-04-11T01:30:00Z,web,scheduled\n\
               2027-06-10T00:00:00Z,2027-06-10T10:48:00Z,web,unplanned\n";
    let incidents = read_incidents(log).unwrap();
    let definitions = Definitions {
        excluded: vec![Cause::Customer, Cause::ForceMajeure],
        maintenance_allowance: Some(4 * 3600),

        ..Definitions::default()
    };
    let windows: Vec<_> = ["2027-04", "2027-05", "2027-06"]
        .iter()
        .map(|m| {
            availability(
                &incidents,
                &Period::month(m, &TimeZone::UTC).unwrap(),
                &definitions,
            )
        })
        .collect();
    let result = remedies(&agreement(), &windows);
    let [april, may, june] = [&result.windows[0], &result.windows[1], &result.windows[2]];
    assert_eq!(april.achieved.thousandths(), 99_884);
    assert!(april.target_missed);
    assert_eq!(april.credit.map(|c| c.thousandths()), Some(10_000));
    assert_eq!(april.capped_from, None);
    assert_eq!(april.claim_by, Some("2027-05-31T00:00:00Z".parse().unwrap()));
    assert_eq!((may.target_missed, may.credit, may.claim_by), (false, None, None));
    assert_eq!(june.achieved.thousandths(), 98_500);
    assert_eq!(june.credit.map(|c| c.thousandths()), Some(20_000), "capped");
    assert_eq!(june.capped_from.map(|c| c.thousandths()), Some(25_000));
    assert_eq!(june.claim_by, Some("2027-07-31T00:00:00Z".parse().unwrap()));
    assert_eq!(result.chronic_rule, Some((2, 3)));
    assert_eq!(result.chronic_met_in.as_deref(), Some("2027-06"));
}

#[test]
fn exactly_on_a_tier_boundary_is_not_below_it() {
    // 43.2 minutes down in April: 43,156.8 ÷ 43,200 = 99.9 % exactly → not below 99.9, no credit.
    let log = "start,end,service,cause\n2027-04-06T09:00:00Z,2027-04-06T09:43:12Z,web,unplanned\n";
    let definitions = Definitions {
        excluded: vec![],
        maintenance_allowance: None,

        ..Definitions::default()
    };
    let window = availability(
        &read_incidents(log).unwrap(),
        &Period::month("2027-04", &TimeZone::UTC).unwrap(),
        &definitions,
    );
    let result = remedies(&agreement(), &[window]);
    assert_eq!(result.windows[0].achieved.thousandths(), 99_900);
    assert_eq!(
        (result.windows[0].target_missed, result.windows[0].credit),
        (false, None)
    );
}

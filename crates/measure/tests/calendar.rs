//! Key dates of an agreed agreement, and the iCalendar file read back by a second
//! implementation of RFC 5545: Python's `icalendar` (Debian's python3-icalendar, which the
//! setup script installs).
#![allow(clippy::unwrap_used)] // a panic is a failed test

use std::process::Command;

use jiff::civil::date;
use sla_measure::{KeyDateKind, icalendar, key_dates, measure, read_incidents};
use sla_model::AgreementId;
use sla_model::terms::CalendarDate;
use sla_templates::{DraftRequest, Library, Position, draft};

fn agreement() -> sla_model::Agreement {
    let library = Library::built_in().unwrap();
    let request = DraftRequest {
        template: "saas-availability".into(),
        position: Position::Balanced,
        customer: "Acme Retail plc".into(),
        provider: "Cloudy Hosting Ltd".into(),
        ..DraftRequest::default()
    };
    let mut agreement = draft(&library, &request, AgreementId::random()).unwrap();
    agreement.effective_date = Some(CalendarDate::new(date(2027, 1, 15)).unwrap());
    agreement
}

#[test]
fn reviews_renewals_notice_deadlines_and_claim_deadlines() {
    // Balanced: reviews every 6 months, initial term 24 months, renewals of 12, notice 60 days.
    // Effective 15 Jan 2027 → the initial term ends 15 Jan 2029, renewals end 15 Jan 2030 and
    // 15 Jan 2031. Notice 60 days before each: 16 Nov (30 days to 16 Dec, 30 more to 15 Jan).
    // Reviews every 6 months up to the last listed end: 8 of them.
    // April 2027 has a credit (99.884 %, see the report tests): the claim window of 30 days
    // runs from 1 May 00:00 London time to 31 May 00:00, so the last day to claim is 30 May.
    let agreement = agreement();
    let log = "start,end,service,cause\n2027-04-06T09:00:00Z,2027-04-06T09:50:00Z,web,unplanned\n";
    let report = measure(&agreement, &read_incidents(log).unwrap(), None, "2027-04").unwrap();
    let dates = key_dates(&agreement, date(2027, 1, 15), Some(&report));
    let of = |kind: KeyDateKind| -> Vec<String> {
        dates
            .iter()
            .filter(|d| d.kind == kind)
            .map(|d| d.date.to_string())
            .collect()
    };
    assert_eq!(of(KeyDateKind::Effective), ["2027-01-15"]);
    assert_eq!(
        of(KeyDateKind::TermEnd),
        ["2029-01-15", "2030-01-15", "2031-01-15"]
    );
    assert_eq!(
        of(KeyDateKind::NoticeDeadline),
        ["2028-11-16", "2029-11-16", "2030-11-16"]
    );
    assert_eq!(
        of(KeyDateKind::Review),
        [
            "2027-07-15",
            "2028-01-15",
            "2028-07-15",
            "2029-01-15",
            "2029-07-15",
            "2030-01-15",
            "2030-07-15",
            "2031-01-15"
        ]
    );
    assert_eq!(of(KeyDateKind::ClaimDeadline), ["2027-05-30"]);
    assert!(dates.windows(2).all(|w| w[0].date <= w[1].date), "in date order");
    let notice = dates
        .iter()
        .find(|d| d.kind == KeyDateKind::NoticeDeadline)
        .unwrap();
    assert!(notice.detail.contains("(clause 6.1)"), "{}", notice.detail);

    // The .ics read back by Python's icalendar: every event, its all-day date and summary.
    let ics = icalendar(&agreement.id.to_string(), "Checkout SLA; \"north\", EU", &dates);
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("key-dates.ics");
    std::fs::write(&path, &ics).unwrap();
    // Debian's interpreter, which has python3-icalendar (a PATH python may not).
    let script = "import sys, icalendar\n\
                  cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
                  for e in cal.walk('VEVENT'):\n\
                  \x20   start, end = e.decoded('DTSTART'), e.decoded('DTEND')\n\
                  \x20   print(start.isoformat(), (end - start).days, e.get('SUMMARY'), sep='|')\n";
    let output = Command::new("/usr/bin/python3")
        .args(["-c", script])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(lines.len(), dates.len());
    for (line, date) in lines.iter().zip(&dates) {
        assert_eq!(
            line,
            &format!("{}|1|{} — Checkout SLA; \"north\", EU", date.date, date.title),
            "each event is one whole day with its title"
        );
    }
}

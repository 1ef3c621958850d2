//! Key dates as an iCalendar file (RFC 5545), written with the `icalendar` crate: one all-day
//! event a date, with a stable UID so that importing a newer file updates the same events.

use chrono::NaiveDate;
use icalendar::{Calendar, Component, Event, EventLike};

use crate::KeyDate;

/// The calendar of `dates` for the agreement `agreement_id` titled `title`.
pub fn icalendar(agreement_id: &str, title: &str, dates: &[KeyDate]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(&format!("{title}: key dates"));
    for date in dates {
        let Some(day) = NaiveDate::from_ymd_opt(
            i32::from(date.date.year()),
            u32::try_from(date.date.month()).unwrap_or(1),
            u32::try_from(date.date.day()).unwrap_or(1),
        ) else {
            continue;
        };
        let kind = date.kind.as_str();
        calendar.push(
            Event::new()
                .uid(&format!("{agreement_id}-{kind}-{}@sla-studio", date.date))
                // An all-day event: DTEND is exclusive, so the next day.
                .starts(day)
                .ends(day.succ_opt().unwrap_or(day))
                .summary(&format!("{} — {title}", date.title))
                .description(&date.detail)
                .done(),
        );
    }
    calendar.done().to_string()
}

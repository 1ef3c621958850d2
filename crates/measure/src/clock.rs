//! Time on the agreement's clock: calendar time, or business time under the support
//! schedule (its days, opening hours, time zone with its daylight-saving changes, holidays).

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use sla_model::terms::{BusinessHours, Clock, Duration, DurationUnit, SupportSchedule, Weekday};

/// Seconds from `from` to `to` (0 if `to` is not later) on `clock` under `schedule`. Business
/// time counts only the opening hours of business days that are not holidays, in the
/// schedule's time zone; with support around the clock it is calendar time.
pub fn elapsed(from: Timestamp, to: Timestamp, clock: Clock, schedule: &SupportSchedule) -> i64 {
    if to <= from {
        return 0;
    }
    match (clock, schedule) {
        (Clock::Business, SupportSchedule::BusinessHours(hours)) => business_seconds(from, to, hours),
        _ => to.as_second() - from.as_second(),
    }
}

/// A duration as seconds on its own clock: a business day is one day's opening hours.
pub fn target_seconds(duration: Duration, schedule: &SupportSchedule) -> i64 {
    let amount = i64::from(duration.amount());
    let business_day = match schedule {
        SupportSchedule::BusinessHours(hours) => seconds_open(hours),
        SupportSchedule::AllHours => 86_400,
    };
    match (duration.unit(), duration.clock()) {
        (DurationUnit::Minutes, _) => amount * 60,
        (DurationUnit::Hours, _) => amount * 3_600,
        (DurationUnit::Days, Clock::Business) => amount * business_day,
        (DurationUnit::Weeks, Clock::Business) => amount * 5 * business_day,
        (DurationUnit::Days, Clock::Calendar) => amount * 86_400,
        (DurationUnit::Weeks, Clock::Calendar) => amount * 7 * 86_400,
    }
}

fn seconds_open(hours: &BusinessHours) -> i64 {
    hours.closes().duration_since(hours.opens()).as_secs()
}

fn weekday(date: Date) -> Weekday {
    match date.weekday() {
        jiff::civil::Weekday::Monday => Weekday::Monday,
        jiff::civil::Weekday::Tuesday => Weekday::Tuesday,
        jiff::civil::Weekday::Wednesday => Weekday::Wednesday,
        jiff::civil::Weekday::Thursday => Weekday::Thursday,
        jiff::civil::Weekday::Friday => Weekday::Friday,
        jiff::civil::Weekday::Saturday => Weekday::Saturday,
        jiff::civil::Weekday::Sunday => Weekday::Sunday,
    }
}

fn business_seconds(from: Timestamp, to: Timestamp, hours: &BusinessHours) -> i64 {
    business_intervals(from, to, hours)
        .iter()
        .map(|(s, e)| e - s)
        .sum()
}

/// The opening hours between `from` and `to`, as `[start, end)` in Unix seconds, in order:
/// each business day that is not a holiday, from opening to closing in the schedule's zone
/// (a day of a daylight-saving change is as long as its local hours are). An unknown zone
/// leaves the whole span.
pub(crate) fn business_intervals(from: Timestamp, to: Timestamp, hours: &BusinessHours) -> Vec<(i64, i64)> {
    let Ok(zone) = TimeZone::get(hours.time_zone()) else {
        return vec![(from.as_second(), to.as_second())];
    };
    let local = |at: Timestamp| at.to_zoned_datetime(zone.clone()).date();
    let (first, last) = (local(from), local(to));
    let mut intervals = Vec::new();
    let mut date = first;
    while date <= last {
        let open_day =
            hours.days().contains(&weekday(date)) && !hours.holidays().iter().any(|h| h.date() == date);
        if open_day {
            let at = |time| {
                date.to_datetime(time)
                    .to_zoned_datetime(zone.clone())
                    .map(|z| z.timestamp().as_second())
            };
            if let (Ok(opens), Ok(closes)) = (at(hours.opens()), at(hours.closes())) {
                let start = opens.max(from.as_second());
                let end = closes.min(to.as_second());
                if start < end {
                    intervals.push((start, end));
                }
            }
        }
        let Some(next) = date.tomorrow().ok() else { break };
        date = next;
    }
    intervals
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Time;

    fn nine_to_five(zone: &str) -> SupportSchedule {
        let days = vec![
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
        ];
        let holiday = sla_model::terms::CalendarDate::parse("2027-12-27").unwrap();
        SupportSchedule::BusinessHours(
            BusinessHours::new(
                days,
                Time::constant(9, 0, 0, 0),
                Time::constant(17, 0, 0, 0),
                zone.into(),
                vec![holiday],
            )
            .unwrap(),
        )
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn a_ticket_opened_on_friday_evening_waits_for_monday_morning() {
        // Opened Friday 5 March 2027 at 18:30 London (GMT), answered Monday 8 March 09:45:
        // nothing counts until Monday 09:00, so 45 business minutes.
        let schedule = nine_to_five("Europe/London");
        let seconds = elapsed(
            at("2027-03-05T18:30:00Z"),
            at("2027-03-08T09:45:00Z"),
            Clock::Business,
            &schedule,
        );
        assert_eq!(seconds, 45 * 60);
        assert_eq!(
            elapsed(
                at("2027-03-05T18:30:00Z"),
                at("2027-03-08T09:45:00Z"),
                Clock::Calendar,
                &schedule
            ),
            (2 * 86_400 + 15 * 3_600 + 15 * 60)
        );
    }

    #[test]
    fn business_hours_follow_the_zones_daylight_saving_change_and_skip_holidays() {
        // London switches to BST on Sunday 28 March 2027. Friday 26 March 16:00 GMT to Monday
        // 29 March 10:00 BST (09:00 UTC): 1 hour on Friday, 1 hour on Monday = 2 hours.
        let schedule = nine_to_five("Europe/London");
        assert_eq!(
            elapsed(
                at("2027-03-26T16:00:00Z"),
                at("2027-03-29T09:00:00Z"),
                Clock::Business,
                &schedule
            ),
            2 * 3_600
        );
        // Monday 27 December 2027 is a holiday: Friday 24 Dec 16:00 to Tuesday 28 Dec 10:00
        // is 1 hour + 1 hour.
        assert_eq!(
            elapsed(
                at("2027-12-24T16:00:00Z"),
                at("2027-12-28T10:00:00Z"),
                Clock::Business,
                &schedule
            ),
            2 * 3_600
        );
        let one_day = Duration::new(1, DurationUnit::Days, Clock::Business).unwrap();
        assert_eq!(
            target_seconds(one_day, &schedule),
            8 * 3_600,
            "a business day is a day's opening hours"
        );
    }
}

//! Values written as a lawyer writes them: 99.9 %, 4 business hours, EUR 1,250.00,
//! 1 March 2027.

use serde::Serialize;
use sla_model::TermValue;
use sla_model::terms::{
    CalendarDate, Money, Percentage, PriorityMatrix, SupportSchedule, TierTable, Weekday,
};
use ts_rs::TS;

pub fn term_value(value: &TermValue) -> String {
    match value {
        TermValue::Percentage(p) => percentage(*p),
        TermValue::Duration(d) => d.to_string(),
        TermValue::Money(m) => money(*m),
        TermValue::Count(c) => grouped(&c.get().to_string()),
        TermValue::Date(d) => date(*d),
        TermValue::Choice(c) => c.selected().to_owned(),
        TermValue::Text(t) => t.as_str().to_owned(),
        TermValue::TierTable(t) => tier_table(t),
        TermValue::PriorityMatrix(m) => priority_matrix(m),
        TermValue::SupportSchedule(s) => support_schedule(s),
    }
}

/// A value as a person would type it back in (`99.9`, `4 business hours`, `EUR 1250.00`),
/// for the types edited as one line of text; `None` for tables and schedules.
pub fn input_text(value: &TermValue) -> Option<String> {
    Some(match value {
        TermValue::Percentage(p) => percentage(*p).trim_end_matches(" %").to_owned(),
        TermValue::Duration(d) => d.to_string(),
        TermValue::Money(m) => format!("{} {}", m.currency_code(), m.amount_string()),
        TermValue::Count(c) => c.get().to_string(),
        TermValue::Date(d) => d.to_string(),
        TermValue::Choice(c) => c.selected().to_owned(),
        TermValue::Text(t) => t.as_str().to_owned(),
        TermValue::SupportSchedule(s) => crate::table_input::schedule_input(s),
        TermValue::TierTable(_) | TermValue::PriorityMatrix(_) => return None,
    })
}

/// `99.9 %`, `99 %`, `99.995 %`.
pub fn percentage(p: Percentage) -> String {
    let whole = p.thousandths() / 1000;
    let fraction = p.thousandths() % 1000;
    if fraction == 0 {
        format!("{whole} %")
    } else {
        let digits = format!("{fraction:03}");
        format!("{whole}.{} %", digits.trim_end_matches('0'))
    }
}

/// `1,250` from `1250`.
fn grouped(whole: &str) -> String {
    let mut out = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `EUR 1,250.00`.
pub fn money(m: Money) -> String {
    let amount = m.amount_string();
    let (whole, fraction) = amount.split_once('.').unwrap_or((&amount, ""));
    let grouped = grouped(whole);
    if fraction.is_empty() {
        format!("{} {grouped}", m.currency_code())
    } else {
        format!("{} {grouped}.{fraction}", m.currency_code())
    }
}

/// `1 March 2027`.
pub fn date(d: CalendarDate) -> String {
    d.date().strftime("%-d %B %Y").to_string()
}

/// A table-valued term (credit tiers, a priority matrix) as the cells a reader sees.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct TermTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The columns of a response and resolution matrix.
pub const PRIORITY_COLUMNS: [&str; 4] = ["Priority", "Description", "Response", "Resolution"];

/// A priority matrix's rows as cells, in [`PRIORITY_COLUMNS`] order.
pub fn priority_cells(m: &PriorityMatrix) -> Vec<Vec<String>> {
    m.rows()
        .iter()
        .map(|r| {
            vec![
                r.priority.clone(),
                r.description.clone().unwrap_or_default(),
                r.response.to_string(),
                r.resolution.to_string(),
            ]
        })
        .collect()
}

/// The cells of a table-valued term; `None` for the other types.
pub fn term_table(value: &TermValue) -> Option<TermTable> {
    match value {
        TermValue::TierTable(t) => Some(TermTable {
            header: vec!["Achieved level below".into(), "Service credit".into()],
            rows: t
                .tiers()
                .iter()
                .map(|tier| vec![percentage(tier.below), percentage(tier.credit)])
                .collect(),
        }),
        TermValue::PriorityMatrix(m) => Some(TermTable {
            header: PRIORITY_COLUMNS.map(str::to_owned).to_vec(),
            rows: priority_cells(m),
        }),
        _ => None,
    }
}

pub fn tier_table(t: &TierTable) -> String {
    t.tiers()
        .iter()
        .map(|tier| format!("below {}: {}", percentage(tier.below), percentage(tier.credit)))
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn priority_matrix(m: &PriorityMatrix) -> String {
    m.rows()
        .iter()
        .map(|row| {
            format!(
                "{}: response within {}, resolution within {}",
                row.priority, row.response, row.resolution
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn weekday(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

pub fn support_schedule(s: &SupportSchedule) -> String {
    match s {
        SupportSchedule::AllHours => "24 hours a day, 7 days a week".to_owned(),
        SupportSchedule::BusinessHours(hours) => {
            let days = hours.days();
            let consecutive = days.windows(2).all(|w| w[1] as u8 == w[0] as u8 + 1);
            let day_text = match (days.first(), days.last()) {
                (Some(first), Some(last)) if consecutive && days.len() > 2 => {
                    format!("{} to {}", weekday(*first), weekday(*last))
                }
                _ => days.iter().map(|d| weekday(*d)).collect::<Vec<_>>().join(", "),
            };
            let hm = |t: jiff::civil::Time| {
                if t == jiff::civil::Time::MAX {
                    "24:00".to_owned()
                } else {
                    format!("{:02}:{:02}", t.hour(), t.minute())
                }
            };
            let holidays = match hours.holidays().len() {
                0 => String::new(),
                1 => ", except on 1 listed holiday".to_owned(),
                n => format!(", except on {n} listed holidays"),
            };
            format!(
                "{day_text}, {} to {} ({} time){holidays}",
                hm(hours.opens()),
                hm(hours.closes()),
                hours.time_zone()
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_values_as_lawyers_do() {
        assert_eq!(percentage(Percentage::new(99.9).unwrap()), "99.9 %");
        assert_eq!(percentage(Percentage::new(99.0).unwrap()), "99 %");
        assert_eq!(percentage(Percentage::new(99.995).unwrap()), "99.995 %");
        assert_eq!(money(Money::parse("1250", "EUR").unwrap()), "EUR 1,250.00");
        assert_eq!(
            money(Money::parse("1234567.5", "USD").unwrap()),
            "USD 1,234,567.50"
        );
        assert_eq!(money(Money::parse("500", "JPY").unwrap()), "JPY 500");
        assert_eq!(date(CalendarDate::parse("2027-03-01").unwrap()), "1 March 2027");
    }

    #[test]
    fn writes_business_hours_in_words() {
        let schedule: SupportSchedule = serde_json::from_str(
            r#"{"coverage":"business_hours","days":["monday","tuesday","wednesday","thursday","friday"],
                "opens":"08:00","closes":"18:00","time_zone":"Europe/Berlin","holidays":["2026-12-25"]}"#,
        )
        .unwrap();
        assert_eq!(
            support_schedule(&schedule),
            "Monday to Friday, 08:00 to 18:00 (Europe/Berlin time), except on 1 listed holiday"
        );
    }
}

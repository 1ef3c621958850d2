//! Turning what authors and users write (`99.95`, `"4 business hours"`, `"EUR 1250"`, a
//! TOML table) into typed term values, validated by the model's own rules, and checking the
//! ranges a clause allows.

use serde_json::{Map, Value as Json, json};
use sla_model::TermValue;
use sla_model::terms::{Clock, Duration, DurationUnit};

use crate::TermValueError;
use crate::spec::{TermKind, TermSpec};

/// Parses `"4 business hours"`, `"30 minutes"`, `"1 day"`, `"2 business days"`.
pub fn parse_duration(text: &str) -> Result<Duration, TermValueError> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let bad = || {
        format!(
            "`{text}` is not a duration; write it like \"30 minutes\", \"4 business hours\" or \"2 days\""
        )
    };
    let (amount, clock, unit) = match words.as_slice() {
        [amount, "business", unit] => (amount, Clock::Business, unit),
        [amount, unit] => (amount, Clock::Calendar, unit),
        _ => return Err(bad().into()),
    };
    let amount: u32 = amount.parse().map_err(|_| bad())?;
    let unit = match unit.trim_end_matches('s') {
        "minute" | "min" => DurationUnit::Minutes,
        "hour" => DurationUnit::Hours,
        "day" => DurationUnit::Days,
        "week" => DurationUnit::Weeks,
        _ => return Err(bad().into()),
    };
    Ok(Duration::new(amount, unit, clock).map_err(|e| e.to_string())?)
}

fn duration_json(text: &str) -> Result<Json, TermValueError> {
    Ok(serde_json::to_value(parse_duration(text)?).map_err(|e| e.to_string())?)
}

fn toml_to_json(value: &toml::Value) -> Json {
    match value {
        toml::Value::String(s) => Json::String(s.clone()),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => Json::Bool(*b),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(items) => Json::Array(items.iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => {
            Json::Object(table.iter().map(|(k, v)| (k.clone(), toml_to_json(v))).collect())
        }
    }
}

/// The typed value of a term of `spec`'s type from a TOML value.
pub fn term_value(spec: &TermSpec, value: &toml::Value) -> Result<TermValue, TermValueError> {
    let payload = match (spec.kind, value) {
        (TermKind::Percentage, toml::Value::Integer(_) | toml::Value::Float(_)) => toml_to_json(value),
        (TermKind::Percentage, toml::Value::String(s)) => {
            let number: f64 = s
                .trim()
                .trim_end_matches('%')
                .trim()
                .parse()
                .map_err(|_| format!("`{s}` is not a percentage"))?;
            json!(number)
        }
        (TermKind::Duration, toml::Value::String(s)) => duration_json(s)?,
        (TermKind::Money, toml::Value::String(s)) => {
            let (currency, amount) = s
                .trim()
                .split_once(' ')
                .ok_or_else(|| format!("`{s}` is not an amount of money; write it like \"EUR 1250.00\""))?;
            json!({ "amount": amount.trim().replace(',', ""), "currency": currency })
        }
        (TermKind::Count, toml::Value::Integer(_)) => toml_to_json(value),
        (TermKind::Date, toml::Value::String(_) | toml::Value::Datetime(_)) => toml_to_json(value),
        (TermKind::Choice, toml::Value::String(s)) => {
            json!({ "selected": s, "options": spec.options })
        }
        (TermKind::Text, toml::Value::String(s)) => Json::String(s.clone()),
        (TermKind::TierTable, toml::Value::Array(rows)) => {
            json!({ "tiers": rows.iter().map(toml_to_json).collect::<Vec<_>>() })
        }
        (TermKind::PriorityMatrix, toml::Value::Array(rows)) => {
            let mut converted = Vec::new();
            for row in rows {
                let mut row = match toml_to_json(row) {
                    Json::Object(map) => map,
                    _ => {
                        return Err("each priority is a table: { priority, response, resolution }".into());
                    }
                };
                for key in ["response", "resolution"] {
                    if let Some(Json::String(text)) = row.get(key).cloned() {
                        row.insert(key.into(), duration_json(&text)?);
                    }
                }
                row.entry("description").or_insert(Json::Null);
                converted.push(Json::Object(row));
            }
            json!({ "rows": converted })
        }
        (TermKind::SupportSchedule, toml::Value::String(s)) if s == "24x7" => {
            json!({ "coverage": "24x7" })
        }
        (TermKind::SupportSchedule, toml::Value::Table(_)) => {
            let mut map: Map<String, Json> = match toml_to_json(value) {
                Json::Object(map) => map,
                _ => Map::new(),
            };
            map.insert("coverage".into(), json!("business_hours"));
            Json::Object(map)
        }
        (kind, other) => {
            return Err(format!(
                "a {} term cannot take the value {}",
                kind.as_str().replace('_', " "),
                toml_to_json(other)
            )
            .into());
        }
    };
    let tagged = json!({ "type": spec.kind.as_str(), "value": payload });
    Ok(serde_json::from_value::<TermValue>(tagged).map_err(|e| e.to_string())?)
}

/// Parses a value typed on the command line (`99.95`, `4 business hours`, `EUR 1250`, or a
/// TOML value such as `[{below = 99.9, credit = 10}]` for tables).
pub fn term_value_from_text(spec: &TermSpec, text: &str) -> Result<TermValue, TermValueError> {
    if spec.kind == TermKind::SupportSchedule && !text.trim_start().starts_with('{') {
        return crate::table_input::schedule_value_from_text(spec, text);
    }
    let parsed: Option<toml::Value> = toml::from_str::<toml::Table>(&format!("v = {text}"))
        .ok()
        .and_then(|mut table| table.remove("v"));
    let value = match parsed {
        Some(value @ (toml::Value::Array(_) | toml::Value::Table(_))) => value,
        Some(value @ (toml::Value::Integer(_) | toml::Value::Float(_)))
            if matches!(spec.kind, TermKind::Percentage | TermKind::Count) =>
        {
            value
        }
        Some(value @ toml::Value::Datetime(_)) if spec.kind == TermKind::Date => value,
        Some(toml::Value::String(s)) => toml::Value::String(s),
        _ => toml::Value::String(text.trim().to_owned()),
    };
    term_value(spec, &value)
}

/// Checks a value against the clause's `min` and `max`.
pub fn check_range(spec: &TermSpec, value: &TermValue) -> Result<(), TermValueError> {
    use std::cmp::Ordering::{Greater, Less};
    if let Some(min) = &spec.min
        && compare(spec, value, min)? == Less
    {
        return Err(TermValueError::OutOfRange(format!(
            "{} is below the lowest value this clause allows, {}",
            describe(value),
            shown_limit(spec, min)
        )));
    }
    if let Some(max) = &spec.max
        && compare(spec, value, max)? == Greater
    {
        return Err(TermValueError::OutOfRange(format!(
            "{} is above the highest value this clause allows, {}",
            describe(value),
            shown_limit(spec, max)
        )));
    }
    Ok(())
}

impl TermSpec {
    /// The allowed range written out (`90 % to 99.999 %`, `at least 30 minutes`), if any.
    pub fn range_text(&self) -> Option<String> {
        let shown = |limit: &Option<toml::Value>| {
            limit
                .as_ref()
                .map(|l| term_value(self, l).map_or_else(|_| plain(l), |v| describe(&v)))
        };
        match (shown(&self.min), shown(&self.max)) {
            (Some(min), Some(max)) => Some(format!("{min} to {max}")),
            (Some(min), None) => Some(format!("at least {min}")),
            (None, Some(max)) => Some(format!("at most {max}")),
            (None, None) => None,
        }
    }
}

fn plain(limit: &toml::Value) -> String {
    match limit {
        toml::Value::String(s) => s.clone(),
        other => toml_to_json(other).to_string(),
    }
}

fn shown_limit(spec: &TermSpec, limit: &toml::Value) -> String {
    term_value(spec, limit).map_or_else(|_| plain(limit), |v| describe(&v))
}

fn describe(value: &TermValue) -> String {
    crate::format::term_value(value)
}

fn compare(
    spec: &TermSpec,
    value: &TermValue,
    limit: &toml::Value,
) -> Result<std::cmp::Ordering, TermValueError> {
    let limit = term_value(spec, limit).map_err(|e| TermValueError::BadLimit(e.to_string()))?;
    match (value, &limit) {
        (TermValue::Percentage(a), TermValue::Percentage(b)) => Ok(a.cmp(b)),
        (TermValue::Count(a), TermValue::Count(b)) => Ok(a.cmp(b)),
        (TermValue::Duration(a), TermValue::Duration(b)) if a.clock() == b.clock() => {
            Ok(a.nominal_minutes().cmp(&b.nominal_minutes()))
        }
        (TermValue::Duration(_), TermValue::Duration(_)) => Ok(std::cmp::Ordering::Equal),
        _ => Err(TermValueError::BadLimit(format!(
            "a {} term has no range",
            spec.kind.as_str()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: TermKind) -> TermSpec {
        TermSpec {
            label: "x".into(),
            kind,
            default: None,
            options: vec!["mutual".into(), "one-way".into()],
            min: None,
            max: None,
            help: None,
            higher_favours: None,
        }
    }

    #[test]
    fn parses_durations_as_people_write_them() {
        assert_eq!(
            parse_duration("4 business hours").unwrap().to_string(),
            "4 business hours"
        );
        assert_eq!(parse_duration("1 day").unwrap().to_string(), "1 day");
        assert_eq!(parse_duration("30 min").unwrap().to_string(), "30 minutes");
        for bad in [
            "four hours",
            "4 fortnights",
            "4 business",
            "",
            "0 minutes",
            "4 calendar business hours",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_every_kind_from_command_line_text() {
        let cases = [
            (TermKind::Percentage, "99.95", "99.95 %"),
            (TermKind::Percentage, "99.9%", "99.9 %"),
            (TermKind::Duration, "4 business hours", "4 business hours"),
            (TermKind::Money, "EUR 1,250", "EUR 1,250.00"),
            (TermKind::Count, "3", "3"),
            (TermKind::Date, "2027-03-01", "1 March 2027"),
            (TermKind::Choice, "one-way", "one-way"),
            (TermKind::Text, "England and Wales", "England and Wales"),
            (
                TermKind::TierTable,
                "[{below = 99.9, credit = 10}, {below = 99, credit = 25}]",
                "below 99.9 %: 10 %; below 99 %: 25 %",
            ),
            (TermKind::SupportSchedule, "24x7", "24 hours a day, 7 days a week"),
        ];
        for (kind, text, shown) in cases {
            let value = term_value_from_text(&spec(kind), text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(crate::format::term_value(&value), shown, "{text}");
        }
    }

    #[test]
    fn refuses_values_of_the_wrong_kind_with_the_reason() {
        assert!(
            term_value_from_text(&spec(TermKind::Percentage), "120")
                .unwrap_err()
                .to_string()
                .contains("between 0 and 100")
        );
        assert!(
            term_value_from_text(&spec(TermKind::Choice), "both")
                .unwrap_err()
                .to_string()
                .contains("not one of the options")
        );
        assert!(term_value_from_text(&spec(TermKind::Count), "three").is_err());
        assert!(
            term_value_from_text(&spec(TermKind::Money), "1250")
                .unwrap_err()
                .to_string()
                .contains("EUR 1250.00")
        );
    }

    #[test]
    fn enforces_the_clause_range() {
        let mut target = spec(TermKind::Percentage);
        target.min = Some(toml::Value::Float(95.0));
        target.max = Some(toml::Value::Float(99.999));
        let value = |v: f64| term_value(&target, &toml::Value::Float(v)).unwrap();
        assert!(check_range(&target, &value(99.9)).is_ok());
        assert!(
            check_range(&target, &value(90.0))
                .unwrap_err()
                .to_string()
                .contains("below the lowest value")
        );
        assert!(
            check_range(&target, &value(100.0))
                .unwrap_err()
                .to_string()
                .contains("above the highest value")
        );
    }
}

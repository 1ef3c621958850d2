//! Typed term values: what lets the app compute (downtime budgets, credit checks, the
//! meaning of a counter-proposal) instead of only comparing words.

mod duration;
mod money;
mod percentage;
mod priority;
mod schedule;
mod simple;
mod tiers;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use duration::{Clock, Duration, DurationUnit};
pub use money::{Money, MoneyFields};
pub use percentage::Percentage;
pub use priority::{PriorityMatrix, PriorityTarget};
pub use schedule::{BusinessHours, SupportSchedule, Weekday};
pub use simple::{CalendarDate, Choice, Count, Text};
pub use tiers::{CreditTier, TierTable};

use crate::{ModelError, check_free_text};

/// A named, typed term of the agreement, referred to from clause text by its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Term {
    /// What a reader calls it: "Availability target".
    pub label: String,
    pub value: TermValue,
}

impl Term {
    pub fn new(label: impl Into<String>, value: TermValue) -> Self {
        Self {
            label: label.into(),
            value,
        }
    }

    pub fn validate(&self, field: &str) -> Result<(), ModelError> {
        if self.label.trim().is_empty() {
            return Err(ModelError::invalid(format!("{field}.label"), "must not be empty"));
        }
        check_free_text(&self.label, 200, false).map_err(|e| ModelError::invalid(format!("{field}.label"), e))
    }
}

/// The value of a term; on the wire `{"type": "percentage", "value": 99.95}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum TermValue {
    Percentage(Percentage),
    Duration(Duration),
    Money(Money),
    Count(Count),
    Date(CalendarDate),
    Choice(Choice),
    Text(Text),
    TierTable(TierTable),
    PriorityMatrix(PriorityMatrix),
    SupportSchedule(SupportSchedule),
}

impl TermValue {
    /// The wire name of the value's type (`"tier_table"`).
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Percentage(_) => "percentage",
            Self::Duration(_) => "duration",
            Self::Money(_) => "money",
            Self::Count(_) => "count",
            Self::Date(_) => "date",
            Self::Choice(_) => "choice",
            Self::Text(_) => "text",
            Self::TierTable(_) => "tier_table",
            Self::PriorityMatrix(_) => "priority_matrix",
            Self::SupportSchedule(_) => "support_schedule",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_round_trips_through_json() {
        let values = [
            r#"{"type":"percentage","value":99.95}"#,
            r#"{"type":"duration","value":{"amount":4,"unit":"hours","clock":"business"}}"#,
            r#"{"type":"money","value":{"amount":"1250.00","currency":"EUR"}}"#,
            r#"{"type":"count","value":3}"#,
            r#"{"type":"date","value":"2027-03-01"}"#,
            r#"{"type":"choice","value":{"selected":"mutual","options":["mutual","one-way"]}}"#,
            r#"{"type":"text","value":"England and Wales"}"#,
            r#"{"type":"tier_table","value":{"tiers":[{"below":99.9,"credit":10.0},{"below":99.0,"credit":25.0}]}}"#,
            r#"{"type":"priority_matrix","value":{"rows":[{"priority":"P1","description":"Service down","response":{"amount":15,"unit":"minutes","clock":"calendar"},"resolution":{"amount":4,"unit":"hours","clock":"calendar"}}]}}"#,
            r#"{"type":"support_schedule","value":{"coverage":"24x7"}}"#,
        ];
        for json in values {
            let value: TermValue = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
            let again: TermValue = serde_json::from_str(&serde_json::to_string(&value).unwrap()).unwrap();
            assert_eq!(again, value, "{json}");
            assert!(json.contains(value.type_name()));
        }
    }

    #[test]
    fn refuses_unknown_types_and_mismatched_values() {
        assert!(serde_json::from_str::<TermValue>(r#"{"type":"colour","value":"red"}"#).is_err());
        assert!(serde_json::from_str::<TermValue>(r#"{"type":"percentage","value":"99.9"}"#).is_err());
        assert!(serde_json::from_str::<TermValue>(r#"{"type":"date","value":"tomorrow"}"#).is_err());
    }

    #[test]
    fn a_term_needs_a_label() {
        let term = Term::new(" ", TermValue::Count(Count::new(2).unwrap()));
        assert_eq!(
            term.validate("terms.x").unwrap_err().field(),
            Some("terms.x.label")
        );
    }
}

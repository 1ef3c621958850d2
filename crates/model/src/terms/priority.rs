use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Duration;
use crate::{ValueError, check_free_text};

/// The response and resolution targets for one priority ("P1 — service down").
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct PriorityTarget {
    pub priority: String,
    pub description: Option<String>,
    pub response: Duration,
    pub resolution: Duration,
}

/// Response and resolution times by priority, most urgent first.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "PriorityMatrixFields")]
pub struct PriorityMatrix {
    rows: Vec<PriorityTarget>,
}

#[derive(Deserialize)]
struct PriorityMatrixFields {
    rows: Vec<PriorityTarget>,
}

impl TryFrom<PriorityMatrixFields> for PriorityMatrix {
    type Error = ValueError;
    fn try_from(f: PriorityMatrixFields) -> Result<Self, ValueError> {
        Self::new(f.rows)
    }
}

impl PriorityMatrix {
    pub const MAX_ROWS: usize = 10;

    pub fn new(rows: Vec<PriorityTarget>) -> Result<Self, ValueError> {
        if rows.is_empty() || rows.len() > Self::MAX_ROWS {
            return Err(ValueError::new(format!(
                "a priority matrix needs between 1 and {} priorities, not {}",
                Self::MAX_ROWS,
                rows.len()
            )));
        }
        for (i, row) in rows.iter().enumerate() {
            let n = i + 1;
            if row.priority.trim().is_empty() {
                return Err(ValueError::new(format!("row {n}: the priority needs a name")));
            }
            check_free_text(&row.priority, 40, false)
                .map_err(|e| ValueError::new(format!("row {n}: priority {e}")))?;
            if let Some(description) = &row.description {
                check_free_text(description, 500, false)
                    .map_err(|e| ValueError::new(format!("row {n}: description {e}")))?;
            }
            if rows[..i].iter().any(|r| r.priority == row.priority) {
                return Err(ValueError::new(format!(
                    "row {n}: priority `{}` is listed twice",
                    row.priority
                )));
            }
            if row.response.clock() == row.resolution.clock()
                && row.response.nominal_minutes() > row.resolution.nominal_minutes()
            {
                return Err(ValueError::new(format!(
                    "row {n} ({}): the response time {} is longer than the resolution time {}",
                    row.priority, row.response, row.resolution
                )));
            }
        }
        Ok(Self { rows })
    }

    pub fn rows(&self) -> &[PriorityTarget] {
        &self.rows
    }

    pub fn get(&self, priority: &str) -> Option<&PriorityTarget> {
        self.rows.iter().find(|r| r.priority == priority)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::{Clock, DurationUnit};

    fn row(priority: &str, response_hours: u32, resolution_hours: u32) -> PriorityTarget {
        PriorityTarget {
            priority: priority.into(),
            description: None,
            response: Duration::new(response_hours, DurationUnit::Hours, Clock::Business).unwrap(),
            resolution: Duration::new(resolution_hours, DurationUnit::Hours, Clock::Business).unwrap(),
        }
    }

    #[test]
    fn holds_rows_by_priority() {
        let matrix = PriorityMatrix::new(vec![row("P1", 1, 4), row("P2", 4, 16)]).unwrap();
        assert_eq!(
            matrix.get("P2").unwrap().resolution.to_string(),
            "16 business hours"
        );
        assert!(matrix.get("P9").is_none());
    }

    #[test]
    fn refuses_duplicates_blank_names_and_response_after_resolution() {
        assert!(PriorityMatrix::new(vec![]).is_err());
        assert!(PriorityMatrix::new(vec![row("P1", 1, 4), row("P1", 2, 8)]).is_err());
        assert!(PriorityMatrix::new(vec![row(" ", 1, 4)]).is_err());
        let error = PriorityMatrix::new(vec![row("P1", 8, 4)]).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("response time 8 business hours is longer"),
            "{error}"
        );
    }
}

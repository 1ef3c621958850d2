use serde::Serialize;
use ts_rs::TS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The agreement is wrong or incomplete; fix it before sending.
    Error,
    /// Legal, but likely to hurt one side or to cause a dispute.
    Warning,
}

/// One thing a reviewer would raise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Finding {
    pub severity: Severity,
    /// A stable name for the rule (`credit-tier-above-cap`).
    pub rule: String,
    /// The clause to look at, if one is concerned.
    pub clause: Option<String>,
    /// The terms concerned.
    pub terms: Vec<String>,
    pub message: String,
}

//! What a careful reviewer checks in an SLA, and the facts its terms imply.
//!
//! [`check`] returns [`Finding`]s — errors (the agreement is wrong or incomplete) and
//! warnings (it is legal but likely to hurt one side) — each naming the clause and terms
//! concerned. [`facts`] computes what the numbers mean: the downtime an availability target
//! allows per window, the credit owed at an achieved level.
//!
//! Checks recognise terms by the ids the clause library uses (`availability.target`,
//! `credits.cap`, …); an agreement without such a term is simply not checked for it.

mod facts;
mod findings;
mod rules;

pub use facts::{
    DowntimeBudget, WINDOW_SECONDS_MONTH, credit_at, downtime_at, downtime_budget, duration_text, meaning,
    window_name,
};
pub use findings::{Finding, Severity};
pub use rules::check;

//! The ids of the library terms that Rust code reads by name (the measurement, the checks,
//! the views): one constant each, so that a term renamed in the clause library is renamed
//! here once, and `sla-templates` tests that every one of them is in the built-in library.

pub const AVAILABILITY_HOURS: &str = "availability.hours";
pub const AVAILABILITY_TARGET: &str = "availability.target";
pub const AVAILABILITY_WINDOW: &str = "availability.window";
pub const CHRONIC_MISSES: &str = "chronic.misses";
pub const CHRONIC_PERIOD: &str = "chronic.period";
pub const CLAWBACK_MONTHS: &str = "clawback.months";
pub const CREDITS_CAP: &str = "credits.cap";
pub const CREDITS_CLAIM_WINDOW: &str = "credits.claim_window";
pub const CREDITS_TIERS: &str = "credits.tiers";
pub const EXCLUSIONS_THIRD_PARTY: &str = "exclusions.third_party";
pub const FINES_AMOUNT: &str = "fines.amount";
pub const FINES_CAP: &str = "fines.cap";
pub const INDEMNITY_SCOPE: &str = "indemnity.scope";
pub const KPI_CSAT: &str = "kpi.csat";
pub const KPI_FIRST_CALL_RESOLUTION: &str = "kpi.first_call_resolution";
pub const MAINTENANCE_ALLOWANCE: &str = "maintenance.allowance";
pub const MAINTENANCE_NOTICE: &str = "maintenance.notice";
pub const REPORTING_DUE: &str = "reporting.due";
pub const REVIEW_INTERVAL_MONTHS: &str = "review.interval_months";
pub const SUPPORT_HOURS: &str = "support.hours";
pub const SUPPORT_PRIORITIES: &str = "support.priorities";
pub const TERM_INITIAL_MONTHS: &str = "term.initial_months";
pub const TERM_NOTICE: &str = "term.notice";
pub const TERM_RENEWAL_MONTHS: &str = "term.renewal_months";

/// Every id above, for the test that the built-in library defines each.
pub const ALL: &[&str] = &[
    AVAILABILITY_HOURS,
    AVAILABILITY_TARGET,
    AVAILABILITY_WINDOW,
    CHRONIC_MISSES,
    CHRONIC_PERIOD,
    CLAWBACK_MONTHS,
    CREDITS_CAP,
    CREDITS_CLAIM_WINDOW,
    CREDITS_TIERS,
    EXCLUSIONS_THIRD_PARTY,
    FINES_AMOUNT,
    FINES_CAP,
    INDEMNITY_SCOPE,
    KPI_CSAT,
    KPI_FIRST_CALL_RESOLUTION,
    MAINTENANCE_ALLOWANCE,
    MAINTENANCE_NOTICE,
    REPORTING_DUE,
    REVIEW_INTERVAL_MONTHS,
    SUPPORT_HOURS,
    SUPPORT_PRIORITIES,
    TERM_INITIAL_MONTHS,
    TERM_NOTICE,
    TERM_RENEWAL_MONTHS,
];

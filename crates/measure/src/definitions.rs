//! How the agreement defines Downtime, read from its typed terms.

use sla_model::term_ids;
use sla_model::terms::{BusinessHours, SupportSchedule};
use sla_model::{Agreement, TermValue};

use crate::Cause;

/// The choice in `exclusions.third_party` that takes third-party failures out of the window.
const THIRD_PARTY_EXCLUDED: &str = "excluded";
/// The choice in `availability.hours` that measures availability within Business Hours only.
const BUSINESS_HOURS_ONLY: &str = "during Business Hours only";

/// How the agreement defines Downtime.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Definitions {
    /// Causes whose time is not Downtime and is taken out of the window (customer-caused,
    /// force majeure, third party — as the agreement lists them). `Scheduled` here is ignored:
    /// scheduled maintenance is governed by the allowance.
    pub excluded: Vec<Cause>,
    /// Scheduled maintenance per window that is not Downtime, in seconds; beyond it (or with
    /// none) scheduled maintenance is Downtime.
    pub maintenance_allowance: Option<i64>,
    /// The notice scheduled maintenance needs, in seconds; maintenance announced later (as the
    /// log's `notified` column shows) is Downtime.
    pub maintenance_notice: Option<i64>,
    /// Availability is measured only within these opening hours (the support schedule's),
    /// when the agreement says so; otherwise around the clock.
    pub business_hours: Option<BusinessHours>,
}

impl Definitions {
    /// The definitions an agreement's terms give. Its exclusions clause excludes
    /// customer-caused time and force majeure (every position of the library's clause does),
    /// and third-party failures as `exclusions.third_party` says; without the clause nothing is
    /// excluded. The maintenance allowance and notice come from `maintenance.allowance` and
    /// `maintenance.notice`; without an allowance, scheduled maintenance is Downtime. When
    /// `availability.hours` says "during Business Hours only" and the support schedule has
    /// opening hours, availability is measured within them.
    pub fn from_agreement(agreement: &Agreement) -> Self {
        let has_exclusions = agreement.locate_clause("exclusions").is_some()
            || agreement.term(term_ids::EXCLUSIONS_THIRD_PARTY).is_some();
        let mut excluded = Vec::new();
        if has_exclusions {
            excluded.extend([Cause::Customer, Cause::ForceMajeure]);
            if let Some(TermValue::Choice(choice)) = agreement.term_value(term_ids::EXCLUSIONS_THIRD_PARTY)
                && choice.selected() == THIRD_PARTY_EXCLUDED
            {
                excluded.push(Cause::ThirdParty);
            }
        }
        let seconds = |id: &str| match agreement.term_value(id) {
            Some(TermValue::Duration(d)) => i64::try_from(d.nominal_minutes()).ok().map(|m| m * 60),
            _ => None,
        };
        let business_only = matches!(
            agreement.term_value(term_ids::AVAILABILITY_HOURS),
            Some(TermValue::Choice(c)) if c.selected() == BUSINESS_HOURS_ONLY
        );
        let business_hours = match agreement.term_value(term_ids::SUPPORT_HOURS) {
            Some(TermValue::SupportSchedule(SupportSchedule::BusinessHours(hours))) if business_only => {
                Some(hours.clone())
            }
            _ => None,
        };
        Self {
            business_hours,
            excluded,
            maintenance_allowance: seconds(term_ids::MAINTENANCE_ALLOWANCE),
            maintenance_notice: seconds(term_ids::MAINTENANCE_NOTICE),
        }
    }
}

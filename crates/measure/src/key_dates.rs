//! The dates an agreed SLA makes people act on: the effective date, each review of its
//! review cycle, the end of the initial term and of each renewal with the last day to give
//! notice before it, and the last day to claim each credit owed.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;
use sla_model::term_ids;
use sla_model::{Agreement, TermValue};
use ts_rs::TS;

use crate::ServiceLevelReport;

/// What a key date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KeyDateKind {
    Effective,
    Review,
    NoticeDeadline,
    TermEnd,
    ClaimDeadline,
}

impl KeyDateKind {
    /// The kind as the wire and the calendar's event ids write it: `notice_deadline`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Effective => "effective",
            Self::Review => "review",
            Self::NoticeDeadline => "notice_deadline",
            Self::TermEnd => "term_end",
            Self::ClaimDeadline => "claim_deadline",
        }
    }
}

/// One date to act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct KeyDate {
    #[ts(type = "string")]
    pub date: Date,
    pub kind: KeyDateKind,
    /// `Last day to give notice of non-renewal`.
    pub title: String,
    /// What it means, with the clause it comes from.
    pub detail: String,
}

/// How far ahead renewals are listed: the initial term and this many renewal periods.
const RENEWALS_AHEAD: i64 = 2;
/// No agreement's dates are listed beyond this many years from its effective date.
const MAX_YEARS: i64 = 10;

/// The key dates of `agreement` from its `effective` date, in date order, with the claim
/// deadlines of `report` when given.
pub fn key_dates(
    agreement: &Agreement,
    effective: Date,
    report: Option<&ServiceLevelReport>,
) -> Vec<KeyDate> {
    let count = |id: &str| match agreement.term_value(id) {
        Some(TermValue::Count(c)) => Some(i64::from(c.get())),
        _ => None,
    };
    let clause = |id: &str| {
        agreement
            .clause_number(id)
            .map(|n| format!(" (clause {n})"))
            .unwrap_or_default()
    };
    let months_after = |months: i64| effective.checked_add(months.months()).ok();
    let horizon = months_after(MAX_YEARS * 12).unwrap_or(effective);

    let mut dates = vec![KeyDate {
        date: effective,
        kind: KeyDateKind::Effective,
        title: "The agreement takes effect".to_owned(),
        detail: format!(
            "Effective date of the agreement between {} and {}.",
            crate::report::name_or(&agreement.parties.customer.name, "the Customer"),
            crate::report::name_or(&agreement.parties.provider.name, "the Provider")
        ),
    }];

    // The term: its end, each renewal's end, and the notice deadline before each.
    let mut last_day = horizon;
    if let Some(initial) = count(term_ids::TERM_INITIAL_MONTHS) {
        let renewal = count(term_ids::TERM_RENEWAL_MONTHS);
        let notice_days = match agreement.term_value(term_ids::TERM_NOTICE) {
            Some(TermValue::Duration(d)) => i64::try_from(d.nominal_minutes() / 1_440).ok(),
            _ => None,
        };
        let mut ends = vec![initial];
        if let Some(renewal) = renewal {
            ends.extend((1..=RENEWALS_AHEAD).map(|k| initial + k * renewal));
        }
        for (index, months) in ends.iter().enumerate() {
            let Some(end) = months_after(*months).filter(|d| *d <= horizon) else {
                continue;
            };
            let period = match index {
                0 => "initial term".to_owned(),
                1 => "first renewal period".to_owned(),
                2 => "second renewal period".to_owned(),
                n => format!("renewal period {n}"),
            };
            if let Some(notice) = notice_days
                && let Ok(deadline) = end.checked_sub(notice.days())
            {
                dates.push(KeyDate {
                    date: deadline,
                    kind: KeyDateKind::NoticeDeadline,
                    title: "Last day to give notice of non-renewal".to_owned(),
                    detail: format!(
                        "Notice must be given at least {notice} days before the {period} ends on {}{}.",
                        end.strftime("%-d %B %Y"),
                        clause("term-renewal")
                    ),
                });
            }
            dates.push(KeyDate {
                date: end,
                kind: KeyDateKind::TermEnd,
                title: format!("End of the {period}"),
                detail: match renewal {
                    Some(r) => format!(
                        "Unless notice was given, the agreement renews for {r} months{}.",
                        clause("term-renewal")
                    ),
                    None => format!("The agreement ends{}.", clause("term-renewal")),
                },
            });
            last_day = end;
        }
    }

    // Reviews every interval until the last listed end of term.
    if let Some(interval) = count(term_ids::REVIEW_INTERVAL_MONTHS).filter(|i| *i > 0) {
        let mut k = 1;
        while let Some(date) = months_after(k * interval).filter(|d| *d <= last_day) {
            dates.push(KeyDate {
                date,
                kind: KeyDateKind::Review,
                title: format!("Review {k} of the agreement"),
                detail: format!(
                    "The parties review the agreement every {interval} months{}.",
                    clause("review")
                ),
            });
            k += 1;
        }
    }

    // The last day to claim each credit measured.
    for window in report.map(|r| r.windows.as_slice()).unwrap_or_default() {
        if let (Some(credit), Some(last)) = (window.credit, window.last_day_to_claim) {
            dates.push(KeyDate {
                date: last,
                kind: KeyDateKind::ClaimDeadline,
                title: format!("Last day to claim the {} service credit", window.label),
                detail: format!(
                    "A credit of {credit} of the {} fees, for availability of {}{}.",
                    window.label,
                    crate::percent_text(window.achieved),
                    report
                        .and_then(|r| r.clauses.credits.as_ref())
                        .map(|n| format!(" (clause {n})"))
                        .unwrap_or_default()
                ),
            });
        }
    }
    dates.sort_by_key(|d| (d.date, d.kind));
    dates
}

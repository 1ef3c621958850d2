//! The review rules. Each reads typed terms by the library's ids and reports what a careful
//! reviewer would raise, naming the clause that quotes the term.

use sla_model::term_ids;
use sla_model::terms::{Duration, Percentage, SupportSchedule};
use sla_model::{Agreement, TermValue};
use sla_templates::format;

use crate::facts::{downtime_budget, duration_text};
use crate::{Finding, Severity};

/// Every finding, errors first, in the agreement's clause order within each severity.
pub fn check(agreement: &Agreement) -> Vec<Finding> {
    let mut review = Review {
        agreement,
        findings: Vec::new(),
    };
    review.credits();
    review.priorities();
    review.measurement();
    review.maintenance();
    review.clawback();
    review.indemnity();
    review.review_cycle();
    review.chronic_failure();
    review.essential_clauses();
    review.dates();
    review.unquoted_terms();
    let mut findings = std::mem::take(&mut review.findings);
    findings.sort_by_key(|f| {
        let clause = f
            .clause
            .as_deref()
            .and_then(|c| review.clause_position(c))
            .unwrap_or(usize::MAX);
        (f.severity, clause)
    });
    findings
}

struct Review<'a> {
    agreement: &'a Agreement,
    findings: Vec<Finding>,
}

impl Review<'_> {
    fn value(&self, id: &str) -> Option<&TermValue> {
        self.agreement.term_value(id)
    }

    fn percentage(&self, id: &str) -> Option<Percentage> {
        match self.value(id)? {
            TermValue::Percentage(p) => Some(*p),
            _ => None,
        }
    }

    fn count(&self, id: &str) -> Option<u32> {
        match self.value(id)? {
            TermValue::Count(c) => Some(c.get()),
            _ => None,
        }
    }

    fn duration(&self, id: &str) -> Option<Duration> {
        match self.value(id)? {
            TermValue::Duration(d) => Some(*d),
            _ => None,
        }
    }

    /// The first clause whose text quotes the term.
    fn quoting_clause(&self, term: &str) -> Option<String> {
        self.agreement
            .sections
            .iter()
            .flat_map(|s| &s.clauses)
            .find(|c| {
                c.term_references()
                    .is_ok_and(|refs| refs.iter().any(|r| r.term.as_str() == term))
            })
            .map(|c| c.id.to_string())
    }

    fn clause_position(&self, id: &str) -> Option<usize> {
        self.agreement
            .sections
            .iter()
            .flat_map(|s| &s.clauses)
            .position(|c| c.id.as_str() == id)
    }

    fn heading(&self, clause: Option<&str>) -> String {
        clause
            .and_then(|id| {
                self.agreement
                    .sections
                    .iter()
                    .flat_map(|s| &s.clauses)
                    .find(|c| c.id.as_str() == id)
            })
            .map(|c| format!("{}: ", c.heading))
            .unwrap_or_default()
    }

    fn raise(&mut self, severity: Severity, rule: &str, terms: &[&str], message: String) {
        let clause = terms.iter().find_map(|t| self.quoting_clause(t));
        let message = capitalised(&format!("{}{message}", self.heading(clause.as_deref())));
        self.findings.push(Finding {
            severity,
            rule: rule.to_owned(),
            clause,
            terms: terms.iter().map(|t| (*t).to_owned()).collect(),
            message,
        });
    }

    fn credits(&mut self) {
        let Some(TermValue::TierTable(tiers)) = self.value(term_ids::CREDITS_TIERS).cloned() else {
            return;
        };
        match self.percentage(term_ids::CREDITS_CAP) {
            None => self.raise(
                Severity::Warning,
                "credits-without-cap",
                &[term_ids::CREDITS_TIERS],
                "the service credits have no cap (`credits.cap`); the Provider will ask for one".into(),
            ),
            Some(cap) => {
                for tier in tiers.tiers().iter().filter(|t| t.credit > cap) {
                    self.raise(
                        Severity::Error,
                        "credit-tier-above-cap",
                        &[term_ids::CREDITS_TIERS, term_ids::CREDITS_CAP],
                        format!(
                            "the tier below {} gives a credit of {}, more than the cap of {}; the tier can never be paid in full",
                            format::percentage(tier.below),
                            format::percentage(tier.credit),
                            format::percentage(cap)
                        ),
                    );
                }
            }
        }
        if let Some(target) = self.percentage(term_ids::AVAILABILITY_TARGET)
            && let Some(first) = tiers.tiers().first()
            && first.below > target
        {
            self.raise(
                Severity::Warning,
                "credit-above-target",
                &[term_ids::CREDITS_TIERS, term_ids::AVAILABILITY_TARGET],
                format!(
                    "credits start below {}, above the availability target of {}: the Provider owes credits while meeting its target",
                    format::percentage(first.below),
                    format::percentage(target)
                ),
            );
        }
        if let (Some(claim), Some(report)) = (
            self.duration(term_ids::CREDITS_CLAIM_WINDOW),
            self.duration(term_ids::REPORTING_DUE),
        ) && claim.clock() == report.clock()
            && claim.nominal_minutes() <= report.nominal_minutes()
        {
            self.raise(
                Severity::Warning,
                "claim-window-before-report",
                &[term_ids::CREDITS_CLAIM_WINDOW, term_ids::REPORTING_DUE],
                format!("the claim window ({claim}) closes before or when the service report is due ({report}): the Customer must claim without the figures"),
            );
        }
    }

    fn priorities(&mut self) {
        let Some(TermValue::PriorityMatrix(matrix)) = self.value(term_ids::SUPPORT_PRIORITIES).cloned()
        else {
            return;
        };
        for pair in matrix.rows().windows(2) {
            let (higher, lower) = (&pair[0], &pair[1]);
            for (what, a, b) in [
                ("response", higher.response, lower.response),
                ("resolution", higher.resolution, lower.resolution),
            ] {
                if a.clock() == b.clock() && b.nominal_minutes() < a.nominal_minutes() {
                    self.raise(
                        Severity::Warning,
                        "lower-priority-faster",
                        &[term_ids::SUPPORT_PRIORITIES],
                        format!(
                            "{} has a faster {what} ({b}) than the more urgent {} ({a})",
                            lower.priority, higher.priority
                        ),
                    );
                }
            }
        }
        let Some(TermValue::SupportSchedule(SupportSchedule::BusinessHours(_))) =
            self.value(term_ids::SUPPORT_HOURS).cloned()
        else {
            return;
        };
        let calendar: Vec<String> = matrix
            .rows()
            .iter()
            .filter(|r| {
                r.response.clock() == sla_model::terms::Clock::Calendar
                    && r.response.nominal_minutes() < 24 * 60
            })
            .map(|r| format!("{} ({})", r.priority, r.response))
            .collect();
        if !calendar.is_empty() {
            self.raise(
                Severity::Warning,
                "target-outside-support-hours",
                &[term_ids::SUPPORT_PRIORITIES, term_ids::SUPPORT_HOURS],
                format!(
                    "{} must be answered on the calendar clock, but support is staffed only during Business Hours; say who answers outside them or measure in business time",
                    calendar.join(", ")
                ),
            );
        }
    }

    fn measurement(&mut self) {
        if self.value(term_ids::AVAILABILITY_TARGET).is_some()
            && self.value(term_ids::AVAILABILITY_WINDOW).is_none()
        {
            self.raise(
                Severity::Error,
                "no-measurement-window",
                &[term_ids::AVAILABILITY_TARGET],
                "the availability target has no measurement window (`availability.window`): it cannot be measured or enforced".into(),
            );
        }
    }

    fn maintenance(&mut self) {
        let (Some(budget), Some(allowance)) = (
            downtime_budget(self.agreement),
            self.duration(term_ids::MAINTENANCE_ALLOWANCE),
        ) else {
            return;
        };
        let allowance_seconds = allowance.nominal_minutes() * 60;
        if allowance_seconds > budget.calendar_seconds {
            self.raise(
                Severity::Warning,
                "maintenance-exceeds-downtime-budget",
                &[term_ids::MAINTENANCE_ALLOWANCE, term_ids::AVAILABILITY_TARGET],
                format!(
                    "the maintenance allowance ({allowance}) is more than the {} of Downtime the target allows per {}: the Service may be unavailable for {} a {} without missing its target",
                    duration_text(budget.calendar_seconds),
                    budget.window,
                    duration_text(budget.calendar_seconds + allowance_seconds),
                    budget.window.trim_start_matches("calendar ")
                ),
            );
        }
    }

    fn clawback(&mut self) {
        if self.value(term_ids::CLAWBACK_MONTHS).is_some() || self.has_clause("clawback") {
            self.raise(
                Severity::Warning,
                "clawback",
                &[term_ids::CLAWBACK_MONTHS],
                "the Provider can earn back service credits; this weakens the credits as an incentive".into(),
            );
        }
    }

    fn indemnity(&mut self) {
        if let Some(TermValue::Choice(scope)) = self.value(term_ids::INDEMNITY_SCOPE).cloned()
            && !scope.selected().to_lowercase().contains("mutual")
        {
            self.raise(
                Severity::Warning,
                "one-sided-indemnity",
                &[term_ids::INDEMNITY_SCOPE],
                format!(
                    "the indemnity is one-sided ({}); the other party will ask for it to be mutual",
                    scope.selected()
                ),
            );
        }
    }

    fn review_cycle(&mut self) {
        if let (Some(review), Some(term)) = (
            self.count(term_ids::REVIEW_INTERVAL_MONTHS),
            self.count(term_ids::TERM_INITIAL_MONTHS),
        ) && review > term
        {
            self.raise(
                Severity::Error,
                "review-after-term",
                &[term_ids::REVIEW_INTERVAL_MONTHS, term_ids::TERM_INITIAL_MONTHS],
                format!("the first review ({review} months) falls after the end of the initial term ({term} months)"),
            );
        }
    }

    fn chronic_failure(&mut self) {
        if let (Some(misses), Some(period)) = (
            self.count(term_ids::CHRONIC_MISSES),
            self.count(term_ids::CHRONIC_PERIOD),
        ) && misses > period
        {
            self.raise(
                Severity::Error,
                "chronic-failure-impossible",
                &[term_ids::CHRONIC_MISSES, term_ids::CHRONIC_PERIOD],
                format!("{misses} missed windows can never happen within {period} windows: the termination right can never arise"),
            );
        }
    }

    fn has_clause(&self, id: &str) -> bool {
        self.clause_position(id).is_some()
    }

    /// A clause with this id, or a clause or section whose heading names the subject.
    fn has_clause_like(&self, id: &str, heading_word: &str) -> bool {
        let named = |heading: &str| heading.to_lowercase().contains(heading_word);
        self.has_clause(id)
            || self
                .agreement
                .sections
                .iter()
                .any(|s| named(&s.heading) || s.clauses.iter().any(|c| named(&c.heading)))
    }

    fn essential_clauses(&mut self) {
        for (id, word, what) in [
            ("definitions", "definition", "definitions"),
            ("signatures", "signature", "signature blocks"),
        ] {
            if !self.has_clause_like(id, word) {
                self.raise(
                    Severity::Error,
                    &format!("missing-{id}"),
                    &[],
                    format!("the agreement has no {what}"),
                );
            }
        }
        if self.value(term_ids::AVAILABILITY_TARGET).is_some()
            && !self.has_clause_like("exclusions", "exclusion")
        {
            self.raise(
                Severity::Error,
                "missing-exclusions",
                &[],
                "the agreement sets an availability target but no exclusions (maintenance, force majeure, customer-caused failures)".into(),
            );
        }
    }

    fn dates(&mut self) {
        let dates: Vec<(String, sla_model::terms::CalendarDate)> = self
            .agreement
            .terms
            .iter()
            .filter_map(|(id, term)| match &term.value {
                TermValue::Date(d) => Some((id.to_string(), *d)),
                _ => None,
            })
            .collect();
        for (id, date) in &dates {
            if let Some(prefix) = id.strip_suffix(".end")
                && let Some((start_id, start)) = dates
                    .iter()
                    .find(|(other, _)| other == &format!("{prefix}.start"))
                && date <= start
            {
                let (id, start_id) = (id.clone(), start_id.clone());
                self.raise(
                    Severity::Error,
                    "dates-out-of-order",
                    &[&id, &start_id],
                    format!(
                        "`{id}` ({}) is not after `{start_id}` ({})",
                        format::date(*date),
                        format::date(*start)
                    ),
                );
            }
            if let Some(effective) = self.agreement.effective_date
                && *date < effective
            {
                let id = id.clone();
                self.raise(
                    Severity::Error,
                    "date-before-effective-date",
                    &[&id],
                    format!(
                        "`{id}` ({}) is before the effective date ({})",
                        format::date(*date),
                        format::date(effective)
                    ),
                );
            }
        }
    }

    fn unquoted_terms(&mut self) {
        let unquoted: Vec<String> = self
            .agreement
            .terms
            .keys()
            .map(|k| k.to_string())
            .filter(|k| self.quoting_clause(k).is_none())
            .collect();
        for id in unquoted {
            self.raise(
                Severity::Warning,
                "unquoted-term",
                &[&id],
                format!("the term `{id}` is set but no clause quotes it, so it has no effect"),
            );
        }
    }
}

/// The message as a sentence: its first letter a capital.
fn capitalised(message: &str) -> String {
    let mut chars = message.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

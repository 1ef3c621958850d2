//! The review checks on agreements drafted from the real clause library.
#![allow(clippy::unwrap_used)] // a panic is a failed test

use sla_checks::{Severity, check, credit_at, downtime_budget, meaning};
use sla_model::AgreementId;
use sla_model::terms::Percentage;
use sla_templates::{DraftRequest, Library, Position, draft};

fn saas(position: Position, set: &[(&str, &str)]) -> sla_model::Agreement {
    let request = DraftRequest {
        template: "saas-availability".into(),
        position,
        customer: "Acme Retail plc".into(),
        provider: "Cloudy Hosting Ltd".into(),
        set: set
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        ..DraftRequest::default()
    };
    draft(&Library::built_in().unwrap(), &request, AgreementId::random()).unwrap()
}

fn rules(agreement: &sla_model::Agreement, severity: Severity) -> Vec<String> {
    check(agreement)
        .into_iter()
        .filter(|f| f.severity == severity)
        .map(|f| f.rule)
        .collect()
}

#[test]
fn every_template_in_its_balanced_position_has_no_errors() {
    let library = Library::built_in().unwrap();
    for template in library.templates() {
        let request = DraftRequest {
            template: template.spec.id.clone(),
            ..DraftRequest::default()
        };
        let agreement = draft(&library, &request, AgreementId::random()).unwrap();
        let errors: Vec<_> = check(&agreement)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", template.spec.id);
    }
}

#[test]
fn downtime_budgets_match_the_design_figures() {
    let balanced = saas(Position::Balanced, &[]);
    assert_eq!(
        downtime_budget(&balanced).unwrap().calendar_seconds,
        2_629,
        "99.9 % of a month allows 43 m 49 s"
    );
    assert_eq!(
        meaning(&balanced, "availability.target").unwrap(),
        "allows 43 m 49 s of Downtime per calendar month (13 m 2 s if measured in Business Hours only)",
        "Business Hours are 50 of the 168 hours of a week"
    );
    let strict = saas(Position::Balanced, &[("availability.target", "99.95")]);
    assert_eq!(
        downtime_budget(&strict).unwrap().calendar_seconds,
        1_314,
        "99.95 % allows 21 m 54 s"
    );
}

#[test]
fn credits_owed_follow_the_tiers_and_the_cap() {
    let agreement = saas(Position::Balanced, &[("credits.cap", "30")]);
    let at = |level: f64| credit_at(&agreement, Percentage::new(level).unwrap()).map(Percentage::value);
    assert_eq!(at(99.95), None);
    assert_eq!(at(99.5), Some(10.0));
    assert_eq!(at(98.0), Some(25.0));
    assert_eq!(at(90.0), Some(30.0), "the 50 % tier is capped at 30 %");
}

#[test]
fn a_tier_above_the_cap_is_an_error_naming_clause_and_terms() {
    let agreement = saas(Position::Balanced, &[("credits.cap", "30")]);
    let finding = check(&agreement)
        .into_iter()
        .find(|f| f.rule == "credit-tier-above-cap")
        .unwrap();
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.clause.as_deref(), Some("service-credits"));
    assert_eq!(finding.terms, vec!["credits.tiers", "credits.cap"]);
    assert_eq!(
        finding.message,
        "Service credits: the tier below 95 % gives a credit of 50 %, more than the cap of 30 %; the tier can never be paid in full"
    );
}

#[test]
fn reviewer_rules_fire_on_the_values_that_deserve_them() {
    let review_after_term = saas(
        Position::Balanced,
        &[("review.interval_months", "24"), ("term.initial_months", "12")],
    );
    assert!(rules(&review_after_term, Severity::Error).contains(&"review-after-term".to_owned()));

    let impossible = saas(
        Position::Balanced,
        &[("chronic.misses", "5"), ("chronic.period", "3")],
    );
    assert!(rules(&impossible, Severity::Error).contains(&"chronic-failure-impossible".to_owned()));

    let slow_p1 = saas(
        Position::Balanced,
        &[(
            "support.priorities",
            r#"[{priority = "P1", response = "2 hours", resolution = "4 hours"}, {priority = "P2", response = "1 hour", resolution = "8 hours"}]"#,
        )],
    );
    assert!(rules(&slow_p1, Severity::Warning).contains(&"lower-priority-faster".to_owned()));

    let late_claims = saas(Position::Balanced, &[("credits.claim_window", "7 days")]);
    assert!(rules(&late_claims, Severity::Warning).contains(&"claim-window-before-report".to_owned()));

    let mut no_signatures = saas(Position::Balanced, &[]);
    no_signatures.sections.retain(|s| s.id.as_str() != "execution");
    assert!(rules(&no_signatures, Severity::Error).contains(&"missing-signatures".to_owned()));
}

/// The messages every template raises in every position, as reviewed in
/// `tests/checks/findings.txt` (a failure shows the diff; `UPDATE_EXPECT=1` rewrites the file:
/// review the diff).
#[test]
fn findings_for_every_template_match_the_reviewed_list() {
    let library = Library::built_in().unwrap();
    let mut out = String::new();
    for template in library.templates() {
        for position in Position::ALL {
            let request = DraftRequest {
                template: template.spec.id.clone(),
                position,
                ..DraftRequest::default()
            };
            let agreement = draft(&library, &request, AgreementId::random()).unwrap();
            out.push_str(&format!("## {} / {}\n", template.spec.id, position.as_str()));
            for finding in check(&agreement) {
                out.push_str(&format!(
                    "{:?} [{}] {}\n",
                    finding.severity, finding.rule, finding.message
                ));
            }
            out.push('\n');
        }
    }
    expect_test::expect_file!["findings.txt"].assert_eq(&out);
}

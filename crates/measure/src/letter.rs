//! A draft claim letter from the customer to the provider: the credits owed per window with
//! the figures behind them, the chronic-failure right and fixed payments where they arise,
//! each citing its clause by number. A draft for the customer to read and send, not advice.

use jiff::civil::Date;
use serde::Serialize;
use ts_rs::TS;

use crate::{ServiceLevelReport, WindowReport};

/// The letter, paragraph by paragraph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ClaimLetter {
    pub from: String,
    pub to: String,
    #[ts(type = "string")]
    pub date: Date,
    pub subject: String,
    /// `Dear …`, the body and the close, one paragraph each.
    pub paragraphs: Vec<String>,
    /// The signature line: the customer's name.
    pub signed: String,
}

/// The claim for `report`, dated `today`; none when it gives nothing to claim.
pub fn claim_letter(report: &ServiceLevelReport, today: Date) -> Option<ClaimLetter> {
    let clause = |number: &Option<String>| number.as_ref().map(|n| format!("clause {n}"));
    let credited: Vec<&WindowReport> = report.windows.iter().filter(|w| w.credit.is_some()).collect();
    let chronic = report
        .chronic_failure
        .as_ref()
        .and_then(|c| c.met_in.as_ref().map(|window| (c, window)));
    let fines = report.fines.as_ref().filter(|f| f.windows_missed > 0);
    if credited.is_empty() && chronic.is_none() && fines.is_none() {
        return None;
    }
    let windows: Vec<&str> = report.windows.iter().map(|w| w.label.as_str()).collect();
    let span = match (windows.first(), windows.last()) {
        (Some(first), Some(last)) if first != last => format!("{first} to {last}"),
        (Some(only), _) => (*only).to_owned(),
        _ => String::new(),
    };
    let mut paragraphs = vec![format!("Dear {},", report.provider)];
    paragraphs.push(format!(
        "We write under the {} between {} and {} about the service levels achieved in {span}. Our measurement, enclosed with its working, shows the following.",
        report.title, report.customer, report.provider
    ));
    let credits_clause = clause(&report.clauses.credits).unwrap_or_else(|| "the service credit terms".into());
    for window in &credited {
        let mut text = format!(
            "In {}, Availability was {}{}, against the target of {}{}. ",
            window.label,
            crate::percent_text(window.achieved),
            measured_phrase(window),
            report
                .target
                .map(|t| t.to_string())
                .unwrap_or_else(|| "the agreed level".into()),
            clause(&report.clauses.availability)
                .map(|c| format!(" in {c}"))
                .unwrap_or_default()
        );
        if let Some(credit) = window.credit {
            text.push_str(&format!(
                "Under {credits_clause} this gives a Service Credit of {credit} of the fees for {}",
                window.label
            ));
            if let (Some(before), Some(cap)) = (window.capped_from, report.credit_cap) {
                text.push_str(&format!(" (the tier's {before}, limited by the cap of {cap})"));
            }
            text.push('.');
        }
        if let Some(last) = window.last_day_to_claim {
            text.push_str(&format!(
                " This claim is made within the claim window, whose last day is {}.",
                last.strftime("%-d %B %Y")
            ));
        }
        paragraphs.push(text);
    }
    if !credited.is_empty() {
        paragraphs.push(
            "We ask you to confirm these Service Credits and to apply them to your next invoice.".into(),
        );
    }
    if let Some((rule, window)) = chronic {
        paragraphs.push(format!(
            "The Availability target was missed in {} of {} consecutive windows up to and including {window}. This meets the chronic-failure condition in {}, and we reserve our right to terminate on that ground.",
            rule.misses,
            rule.of_windows,
            clause(&report.clauses.chronic_failure).unwrap_or_else(|| "the agreement".into())
        ));
    }
    let service_desk: Vec<String> = report
        .windows
        .iter()
        .flat_map(|w| {
            w.breaches
                .iter()
                .filter(|b| !b.starts_with("Availability"))
                .map(move |b| format!("{}: {b}", w.label))
        })
        .collect();
    if !service_desk.is_empty() {
        paragraphs.push(format!(
            "The support service also fell short of {}: {}",
            clause(&report.clauses.response_resolution)
                .unwrap_or_else(|| "the agreed response and resolution times".into()),
            service_desk.join(" ")
        ));
    }
    if let Some(fines) = fines {
        paragraphs.push(format!(
            "A service level was missed in {} window{}. Under {}, a payment of {} is due for each such miss as that clause provides{}; on our figures this comes to at most {}.",
            fines.windows_missed,
            if fines.windows_missed == 1 { "" } else { "s" },
            clause(&report.clauses.fines).unwrap_or_else(|| "the agreement".into()),
            fines.per_miss,
            fines.cap.as_ref().map(|c| format!(", up to {c} in any contract year")).unwrap_or_default(),
            fines.at_most
        ));
    }
    paragraphs.push(
        "This letter is without prejudice to our other rights and remedies under the agreement. Please reply within fourteen days.".into(),
    );
    paragraphs.push("Yours faithfully,".into());
    Some(ClaimLetter {
        from: report.customer.clone(),
        to: report.provider.clone(),
        date: today,
        subject: format!("Service level claim: {}, {span}", report.title),
        paragraphs,
        signed: report.customer.clone(),
    })
}

/// ` (2,925 minutes of Downtime in 43,085 minutes measured)`.
fn measured_phrase(window: &WindowReport) -> String {
    format!(
        " ({} minutes of Downtime in {} minutes measured)",
        crate::availability::group_thousands(window.downtime_seconds / 60),
        crate::availability::group_thousands(window.measured_seconds / 60)
    )
}

//! Plain-text output of `sla measure` and `sla calendar`.

use std::fmt::Write;

use sla_api::{Attainment, ClaimLetter, KeyDate, Measurement, ServiceLevelReport, WindowReport};

/// The measurement: each window's figures with its working, then the remedies and the basis.
pub fn measurement(measurement: &Measurement, with_letter: bool) -> String {
    let report = &measurement.report;
    let mut out = format!(
        "{}: {} (customer) and {} (provider)\n",
        report.title, report.customer, report.provider
    );
    if let Some(target) = report.target {
        let _ = writeln!(out, "Availability target {target}");
    }
    for window in &report.windows {
        out.push('\n');
        out.push_str(&window_text(window));
    }
    out.push_str(&remedies_text(report));
    out.push_str("\nBasis:\n");
    for line in &report.basis {
        let _ = writeln!(out, "  {line}");
    }
    if with_letter {
        out.push('\n');
        out.push_str(&match &measurement.letter {
            Some(letter) => letter_text(letter),
            None => "Nothing to claim: no credit, chronic failure or payment arises.\n".to_owned(),
        });
    }
    out
}

fn window_text(window: &WindowReport) -> String {
    let mut out = format!(
        "{}  availability {}  {}",
        window.label,
        sla_api::percent_text(window.achieved),
        if window.target_missed {
            "TARGET MISSED"
        } else {
            "target met"
        }
    );
    if let Some(credit) = window.credit {
        let _ = write!(out, "  credit {credit}");
        if let Some(before) = window.capped_from {
            let _ = write!(out, " (capped from {before})");
        }
    }
    if let Some(last) = window.last_day_to_claim {
        let _ = write!(out, "  claim by the end of {last}");
    }
    out.push('\n');
    for line in &window.working {
        let _ = writeln!(out, "  {line}");
    }
    if let Some(tickets) = window.tickets.as_ref().filter(|t| t.tickets > 0) {
        let _ = writeln!(out, "  Tickets opened: {}", tickets.tickets);
        for p in tickets.priorities.iter().filter(|p| p.tickets > 0) {
            let _ = writeln!(
                out,
                "    {}: response {}; resolution {}",
                p.priority,
                attainment(&p.response),
                attainment(&p.resolution)
            );
        }
        for (what, figure) in [
            ("First-contact resolution", &tickets.first_contact_resolution),
            ("Satisfaction (4 or 5 of 5)", &tickets.satisfaction),
        ] {
            if let Some(f) = figure {
                let target = f.target.map(|t| format!(" (target {t})")).unwrap_or_default();
                let _ = writeln!(out, "    {what}: {:.1} %{target}", f.achieved);
            }
        }
    }
    if !window.breaches.is_empty() {
        let _ = writeln!(out, "  Breaches:");
        for breach in &window.breaches {
            let _ = writeln!(out, "    - {breach}");
        }
    }
    out
}

fn attainment(a: &Attainment) -> String {
    let mut text = format!("{} met of {} due within {}", a.met, a.met + a.missed, a.target);
    if a.pending > 0 {
        let _ = write!(text, ", {} still open", a.pending);
    }
    text
}

fn remedies_text(report: &ServiceLevelReport) -> String {
    let mut out = String::new();
    if let Some(chronic) = &report.chronic_failure {
        let _ = writeln!(
            out,
            "\nChronic failure ({} misses in {} consecutive windows): {}",
            chronic.misses,
            chronic.of_windows,
            chronic.met_in.as_ref().map_or_else(
                || "not met".to_owned(),
                |w| format!("MET in {w}: the customer may terminate")
            )
        );
    }
    if !report.earn_back.is_empty() {
        let _ = writeln!(out, "\nEarn-back:");
        for e in &report.earn_back {
            let _ = writeln!(out, "  {} credit {}: {}", e.window, e.credit, e.status);
        }
    }
    if let Some(fines) = &report.fines {
        let _ = writeln!(
            out,
            "\nFixed payments: {} per window with a missed service level{}; {} such window(s): at most {}",
            fines.per_miss,
            fines
                .cap
                .as_ref()
                .map(|c| format!(" (cap {c} a year)"))
                .unwrap_or_default(),
            fines.windows_missed,
            fines.at_most
        );
    }
    out
}

/// The claim letter as plain text.
pub fn letter_text(letter: &ClaimLetter) -> String {
    let mut out = format!(
        "From: {}\nTo: {}\nDate: {}\nSubject: {}\n\n",
        letter.from,
        letter.to,
        letter.date.strftime("%-d %B %Y"),
        letter.subject
    );
    for paragraph in &letter.paragraphs {
        let _ = writeln!(out, "{paragraph}\n");
    }
    let _ = writeln!(out, "{}", letter.signed);
    out
}

/// Key dates, one a line.
pub fn key_dates(dates: &[KeyDate]) -> String {
    let mut out = String::new();
    for date in dates {
        let _ = writeln!(out, "{}  {}: {}", date.date, date.title, date.detail);
    }
    out
}

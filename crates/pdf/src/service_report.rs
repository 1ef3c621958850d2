//! The service level report as a document: the windows at a glance with a chart of achieved
//! availability against the target and the credit tiers, then each window's working, the
//! service desk's figures and the breaches, the remedies, and how the agreement was read.

use sla_measure::{Attainment, ServiceLevelReport, WindowReport};

use crate::blocks::{Align, Block, Color, GREY, Mark, Paragraph, Span, Style, Table};
use crate::chart::{Bar, Chart, Level};
use crate::fonts::Face;

const BODY: Style = Style::new(Face::Regular, 10.5);
const CELL: Style = Style::new(Face::Regular, 9.5);
const MET: Color = (46, 125, 80);
const MISSED: Color = (190, 20, 20);
const TARGET: Color = (20, 20, 20);
const TIER: Color = (200, 120, 0);

/// What the report document shows.
#[derive(Clone, Debug)]
pub struct ServiceReportDocument<'a> {
    pub report: &'a ServiceLevelReport,
    pub agreement_id: String,
    /// Which text was measured against: `the agreed version (round 2, fingerprint …)`.
    pub measured_against: String,
    pub printed_at: jiff::Timestamp,
}

fn line(spans: Vec<Span>, space_after: f32) -> Block {
    Block::Paragraph(Paragraph {
        align: Align::Left,
        space_after,
        ..Paragraph::new(spans)
    })
}

fn heading(text: impl Into<String>, level: u8) -> Block {
    let (size, before) = if level == 1 { (14.0, 14.0) } else { (11.5, 8.0) };
    Paragraph::heading(
        vec![Span::new(text, Style::new(Face::Bold, size))],
        level,
        before,
        4.0,
    )
}

fn bullet(text: impl Into<String>) -> Block {
    Block::Paragraph(Paragraph {
        align: Align::Left,
        indent: 12.0,
        space_after: 2.0,
        ..Paragraph::plain(format!("• {}", text.into()), BODY)
    })
}

fn cell(text: impl Into<String>) -> Vec<Span> {
    vec![Span::new(text, CELL)]
}

fn minutes(seconds: i64) -> String {
    format!("{} min", sla_measure::group_thousands(seconds / 60))
}

/// The report's chart (its figures from `sla_measure::report_chart`) as a chart block.
fn chart(report: &ServiceLevelReport) -> Chart {
    let model = sla_measure::report_chart(report);
    Chart {
        bars: model
            .bars
            .into_iter()
            .map(|bar| Bar {
                label: bar.label,
                value: bar.value,
                caption: bar.caption,
                color: if bar.target_missed { MISSED } else { MET },
            })
            .collect(),
        levels: model
            .levels
            .into_iter()
            .map(|level| Level {
                value: level.value,
                label: level.label,
                color: if level.target { TARGET } else { TIER },
                strong: level.target,
            })
            .collect(),
        floor: model.floor,
        ceiling: model.ceiling,
        height: 150.0,
    }
}

fn summary_table(report: &ServiceLevelReport) -> Block {
    Block::Table(Table {
        header: [
            "Window",
            "Availability",
            "Downtime",
            "Target",
            "Credit",
            "Last day to claim",
        ]
        .map(str::to_owned)
        .to_vec(),
        rows: report
            .windows
            .iter()
            .map(|w| {
                vec![
                    cell(w.label.clone()),
                    cell(sla_measure::percent_text(w.achieved)),
                    cell(minutes(w.downtime_seconds)),
                    cell(if w.target_missed { "missed" } else { "met" }),
                    cell(w.credit.map_or_else(
                        || "none".to_owned(),
                        |c| match w.capped_from {
                            Some(before) => format!("{c} (capped from {before})"),
                            None => c.to_string(),
                        },
                    )),
                    cell(
                        w.last_day_to_claim
                            .map_or_else(|| "—".to_owned(), |d| d.strftime("%-d %B %Y").to_string()),
                    ),
                ]
            })
            .collect(),
        widths: vec![0.9, 1.0, 1.0, 0.7, 1.3, 1.3],
        indent: 0.0,
    })
}

fn attainment(a: &Attainment) -> String {
    let due = a.met + a.missed;
    let mut text = match a.percent {
        Some(p) => format!("{} of {due} ({p:.1} %)", a.met),
        None => "none due".to_owned(),
    };
    if a.pending > 0 {
        text.push_str(&format!(", {} open", a.pending));
    }
    text
}

fn window_blocks(window: &WindowReport, blocks: &mut Vec<Block>) {
    blocks.push(heading(format!("Window {}", window.label), 2));
    for step in &window.working {
        blocks.push(bullet(step.clone()));
    }
    if let Some(tickets) = &window.tickets
        && tickets.tickets == 0
    {
        blocks.push(line(
            vec![Span::new("No tickets were opened in the window.", BODY)],
            4.0,
        ));
    } else if let Some(tickets) = &window.tickets {
        blocks.push(line(
            vec![Span::new(
                format!("Tickets opened in the window: {}", tickets.tickets),
                Style::new(Face::Bold, 10.5),
            )],
            2.0,
        ));
        blocks.push(Block::Table(Table {
            header: [
                "Priority",
                "Tickets",
                "Response target",
                "Met",
                "Resolution target",
                "Met",
            ]
            .map(str::to_owned)
            .to_vec(),
            rows: tickets
                .priorities
                .iter()
                .map(|p| {
                    vec![
                        cell(p.priority.clone()),
                        cell(p.tickets.to_string()),
                        cell(p.response.target.clone()),
                        cell(attainment(&p.response)),
                        cell(p.resolution.target.clone()),
                        cell(attainment(&p.resolution)),
                    ]
                })
                .collect(),
            widths: vec![1.0, 0.6, 1.1, 1.0, 1.1, 1.0],
            indent: 0.0,
        }));
        for (what, figure) in [
            ("First-contact resolution", &tickets.first_contact_resolution),
            ("Satisfaction (4 or 5 of 5)", &tickets.satisfaction),
        ] {
            if let Some(f) = figure {
                let target = f
                    .target
                    .map(|t| format!(" against a target of {t}"))
                    .unwrap_or_default();
                blocks.push(bullet(format!("{what}: {:.1} %{target}.", f.achieved)));
            }
        }
    }
    if window.breaches.is_empty() {
        blocks.push(line(vec![Span::new("No service level was missed.", BODY)], 6.0));
    } else {
        blocks.push(line(
            vec![Span::new(
                "Missed:",
                Style::new(Face::Bold, 10.5).colored(MISSED, Mark::None),
            )],
            2.0,
        ));
        for breach in &window.breaches {
            blocks.push(bullet(breach.clone()));
        }
    }
}

/// Every block of the report.
pub fn blocks(document: &ServiceReportDocument<'_>) -> Vec<Block> {
    let report = document.report;
    let small = Style::new(Face::Regular, 9.0).colored(GREY, Mark::None);
    let mut blocks = vec![
        line(
            vec![Span::new("Service level report", Style::new(Face::Italic, 13.0))],
            4.0,
        ),
        line(
            vec![Span::new(report.title.clone(), Style::new(Face::Bold, 20.0))],
            6.0,
        ),
        line(
            vec![Span::new(
                format!(
                    "{} (Customer) and {} (Provider)",
                    report.customer, report.provider
                ),
                BODY,
            )],
            4.0,
        ),
        line(
            vec![Span::new(
                format!(
                    "Measured against {}, agreement {}. Prepared {}.",
                    document.measured_against,
                    document.agreement_id,
                    document.printed_at.strftime("%-d %B %Y")
                ),
                small,
            )],
            10.0,
        ),
        heading("Summary", 1),
        summary_table(report),
    ];
    if !report.windows.is_empty() {
        blocks.push(line(
            vec![Span::new(
                "Achieved availability per window (green: target met; red: missed), with the target and the credit tiers:",
                BODY,
            )],
            4.0,
        ));
        blocks.push(Block::Chart(chart(report)));
    }
    blocks.push(heading("Working", 1));
    for window in &report.windows {
        window_blocks(window, &mut blocks);
    }
    blocks.push(heading("Remedies", 1));
    let clause = |n: &Option<String>| n.as_ref().map(|n| format!(" (clause {n})")).unwrap_or_default();
    let credits: Vec<&WindowReport> = report.windows.iter().filter(|w| w.credit.is_some()).collect();
    if credits.is_empty() {
        blocks.push(bullet("No service credit is owed for these windows."));
    }
    for w in credits {
        blocks.push(bullet(format!(
            "{}: a Service Credit of {} of the window's fees{}{}.",
            w.label,
            w.credit.map(|c| c.to_string()).unwrap_or_default(),
            clause(&report.clauses.credits),
            w.last_day_to_claim
                .map(|d| format!(", to be claimed by the end of {}", d.strftime("%-d %B %Y")))
                .unwrap_or_default()
        )));
    }
    if let Some(chronic) = &report.chronic_failure {
        blocks.push(bullet(format!(
            "Chronic failure{} — the target missed in {} of {} consecutive windows: {}.",
            clause(&report.clauses.chronic_failure),
            chronic.misses,
            chronic.of_windows,
            chronic.met_in.as_ref().map_or_else(
                || "not met".to_owned(),
                |w| format!("met in {w}; the Customer may terminate")
            )
        )));
    }
    for e in &report.earn_back {
        blocks.push(bullet(format!(
            "Earn-back{} of the {} credit ({}): {}.",
            clause(&report.clauses.clawback),
            e.window,
            e.credit,
            e.status
        )));
    }
    if let Some(fines) = &report.fines {
        blocks.push(bullet(format!(
            "Fixed payments{}: {} per window with a missed service level{}; {} such window(s), at most {} as the clause's conditions allow.",
            clause(&report.clauses.fines),
            fines.per_miss,
            fines.cap.as_ref().map(|c| format!(", up to {c} a year")).unwrap_or_default(),
            fines.windows_missed,
            fines.at_most
        )));
    }
    blocks.push(heading("How the agreement was read", 1));
    for basis in &report.basis {
        blocks.push(bullet(basis.clone()));
    }
    blocks
}

//! The chart of a report: achieved availability per window as bars, with the target and the
//! credit tiers as levels across, on a scale that keeps differences near 100 % visible. The
//! app draws it as SVG and the PDF with its own chart block, from these same figures.

use serde::Serialize;
use ts_rs::TS;

use crate::{ServiceLevelReport, percent_text};

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ChartBar {
    /// `2027-03`.
    pub label: String,
    /// Achieved availability in percent (rounded down to thousandths).
    pub value: f64,
    /// `99.620 %`.
    pub caption: String,
    pub target_missed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ChartLevel {
    pub value: f64,
    /// `target 99.9 %; below: credit 10 %`, `below 99 %: credit 25 %`.
    pub label: String,
    /// The availability target (drawn heavier).
    pub target: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ReportChart {
    /// The value at the bottom of the scale, and at the top (100).
    pub floor: f64,
    pub ceiling: f64,
    pub bars: Vec<ChartBar>,
    /// Highest first.
    pub levels: Vec<ChartLevel>,
}

/// The chart of `report`'s windows. The scale starts a quarter of the way further below the
/// lowest of the bars, the target and the first tier than that lowest value is below 100 %;
/// deeper tiers are drawn only when a bar reaches them.
pub fn report_chart(report: &ServiceLevelReport) -> ReportChart {
    let low = report
        .windows
        .iter()
        .map(|w| w.achieved.value())
        .chain(report.target.map(|t| t.value()))
        .chain(report.tiers.first().map(|t| t.below.value()))
        .fold(100.0_f64, f64::min);
    let floor = (low - (100.0 - low).max(0.05) * 0.25).max(0.0);
    let at_target = report
        .target
        .and_then(|target| report.tiers.iter().find(|t| t.below == target));
    let mut levels: Vec<ChartLevel> = report
        .tiers
        .iter()
        .filter(|tier| tier.below.value() >= floor && Some(tier.below) != report.target)
        .map(|tier| ChartLevel {
            value: tier.below.value(),
            label: format!("below {}: credit {}", tier.below, tier.credit),
            target: false,
        })
        .collect();
    if let Some(target) = report.target {
        levels.push(ChartLevel {
            value: target.value(),
            label: match at_target {
                Some(tier) => format!("target {target}; below: credit {}", tier.credit),
                None => format!("target {target}"),
            },
            target: true,
        });
    }
    levels.sort_by(|a, b| b.value.total_cmp(&a.value));
    ReportChart {
        floor,
        ceiling: 100.0,
        bars: report
            .windows
            .iter()
            .map(|w| ChartBar {
                label: w.label.clone(),
                value: w.achieved.value(),
                caption: percent_text(w.achieved),
                target_missed: w.target_missed,
            })
            .collect(),
        levels,
    }
}

//! A year of per-minute availability samples (525,600 rows of `timestamp,up`, about 2 % of
//! minutes down in outages of 1–120 minutes) read and measured month by month; the time and
//! the peak memory of the process.
//!
//! `cargo bench -p sla-measure --bench year`
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark may panic on a broken setup

use std::fmt::Write;
use std::time::Instant;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use sla_measure::{Cause, Definitions, Period, availability, read_samples};

fn year_of_samples() -> String {
    let start = Timestamp::from_second(1_798_761_600).unwrap(); // 2027-01-01T00:00:00Z
    let mut seed: u64 = 0x5EED;
    let mut text = String::with_capacity(525_600 * 24);
    text.push_str("timestamp,up\n");
    let mut down_for = 0u32;
    for minute in 0..525_600i64 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        if down_for == 0 && seed.is_multiple_of(3_000) {
            down_for = 1 + (seed >> 20) as u32 % 120;
        }
        let up = if down_for > 0 {
            down_for -= 1;
            0
        } else {
            1
        };
        let at = Timestamp::from_second(start.as_second() + minute * 60).unwrap();
        writeln!(text, "{at},{up}").unwrap();
    }
    text
}

fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn main() {
    let text = year_of_samples();
    let before = peak_kb();
    let definitions = Definitions {
        excluded: vec![Cause::Customer, Cause::ForceMajeure],
        maintenance_allowance: Some(4 * 3600),
    };
    let mut timings = Vec::new();
    let mut summary = String::new();
    for run in 0..7 {
        let started = Instant::now();
        let incidents = read_samples(&text, "web").unwrap();
        let months: Vec<_> = (1..=12)
            .map(|m| {
                let period = Period::month(&format!("2027-{m:02}"), &TimeZone::UTC).unwrap();
                availability(&incidents, &period, &definitions)
            })
            .collect();
        timings.push(started.elapsed().as_secs_f64() * 1000.0);
        if run == 0 {
            let down: i64 = months.iter().map(|m| m.downtime).sum();
            summary = format!(
                "{} incidents, {} minutes down in the year, lowest month {:.3} %",
                incidents.len(),
                down / 60,
                months.iter().map(|m| m.achieved).fold(100.0, f64::min)
            );
        }
    }
    timings.sort_by(f64::total_cmp);
    println!(
        "525,600 samples ({:.1} MB of CSV) → 12 monthly windows: median {:.0} ms (min {:.0}, max {:.0}) of 7 runs; \
         peak memory beyond the CSV text {:.1} MB; {summary}",
        text.len() as f64 / 1_048_576.0,
        timings[3],
        timings[0],
        timings[6],
        peak_kb().saturating_sub(before) as f64 / 1024.0
    );
}

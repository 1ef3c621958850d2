//! A year of per-minute availability samples (525,600 rows of `timestamp,up`, about 2 % of
//! minutes down in outages of 1–120 minutes) read and measured month by month, and 100,000
//! tickets read and checked; then both together as the app measures an agreement: a drafted
//! managed-service SLA measured over the 12 months with the claim letter and the chart. The
//! times and the peak memory of the process.
//!
//! `cargo bench -p sla-measure --bench year`
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark may panic on a broken setup

use std::fmt::Write;
use std::time::Instant;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use sla_measure::{
    Cause, ColumnMap, Definitions, Period, availability, claim_letter, measure, read_samples, read_tickets,
    report_chart, ticket_report,
};
use sla_model::terms::{
    BusinessHours, Clock, Duration, DurationUnit, PriorityMatrix, PriorityTarget, SupportSchedule, Weekday,
};

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

/// 100,000 tickets over the year, every column filled in some, empty in others.
fn tickets() -> String {
    let start = 1_798_761_600i64;
    let mut text = String::from("id,priority,opened,first_response,resolved,first_contact_resolved,csat\n");
    for n in 0..100_000i64 {
        let opened = start + n * 315;
        let at = |offset: i64| Timestamp::from_second(opened + offset).unwrap().to_string();
        let priority = ["P1", "P2", "P3", "P4"][usize::try_from(n % 4).unwrap()];
        let (response, resolved) = if n % 10 == 0 {
            (String::new(), String::new())
        } else {
            (at(900 + n % 3_600), at(7_200 + n % 86_400))
        };
        let fcr = ["yes", "no", ""][usize::try_from(n % 3).unwrap()];
        let csat = if n % 5 == 0 {
            String::new()
        } else {
            (1 + n % 5).to_string()
        };
        writeln!(
            text,
            "T-{n},{priority},{},{response},{resolved},{fcr},{csat}",
            at(0)
        )
        .unwrap();
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

        ..Definitions::default()
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
    let samples_peak = peak_kb().saturating_sub(before);
    let export = tickets();
    let priorities: Vec<String> = ["P1", "P2", "P3", "P4"].map(String::from).to_vec();
    let schedule = SupportSchedule::BusinessHours(
        BusinessHours::new(
            vec![
                Weekday::Monday,
                Weekday::Tuesday,
                Weekday::Wednesday,
                Weekday::Thursday,
                Weekday::Friday,
            ],
            jiff::civil::Time::constant(9, 0, 0, 0),
            jiff::civil::Time::constant(17, 0, 0, 0),
            "Europe/London".into(),
            Vec::new(),
        )
        .unwrap(),
    );
    let business = |amount, unit| Duration::new(amount, unit, Clock::Business).unwrap();
    let matrix = PriorityMatrix::new(
        priorities
            .iter()
            .enumerate()
            .map(|(i, p)| PriorityTarget {
                priority: p.clone(),
                description: None,
                response: business(30 * (u32::try_from(i).unwrap() + 1), DurationUnit::Minutes),
                resolution: business(4 * (u32::try_from(i).unwrap() + 1), DurationUnit::Hours),
            })
            .collect(),
    )
    .unwrap();
    let zone = TimeZone::get("Europe/London").unwrap();
    let mut ticket_timings: Vec<f64> = (0..7)
        .map(|_| {
            let started = Instant::now();
            let read = read_tickets(&export, &ColumnMap::default(), Some(&priorities)).unwrap();
            assert_eq!(read.len(), 100_000);
            for m in 1..=12 {
                let period = Period::month(&format!("2027-{m:02}"), &zone).unwrap();
                ticket_report(&read, &matrix, &schedule, &period);
            }
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    ticket_timings.sort_by(f64::total_cmp);
    // The whole measurement the app makes: an agreement's own terms, its priority names.
    let agreement = sla_templates::draft(
        &sla_templates::Library::built_in().unwrap(),
        &sla_templates::DraftRequest {
            template: "managed-service".into(),
            customer: "Acme Retail plc".into(),
            provider: "Cloudy Hosting Ltd".into(),
            options: [("fines".to_owned(), true), ("clawback".to_owned(), true)].into(),
            ..sla_templates::DraftRequest::default()
        },
        sla_model::AgreementId::random(),
    )
    .unwrap();
    let named = ["P1", "P2", "P3", "P4"]
        .iter()
        .enumerate()
        .fold(export.clone(), |text, (i, p)| {
            text.replace(&format!(",{p},"), &format!(",Priority {},", i + 1))
        });
    let names: Vec<String> = (1..=4).map(|i| format!("Priority {i}")).collect();
    let mut whole_timings: Vec<f64> = (0..7)
        .map(|_| {
            let started = Instant::now();
            let incidents = read_samples(&text, "web").unwrap();
            let read = read_tickets(&named, &ColumnMap::default(), Some(&names)).unwrap();
            let report = measure(&agreement, &incidents, Some(&read), "2027-01..2027-12").unwrap();
            assert_eq!(report.windows.len(), 12);
            let _ = (
                report_chart(&report),
                claim_letter(&report, jiff::civil::date(2028, 1, 5)),
            );
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    whole_timings.sort_by(f64::total_cmp);
    println!(
        "525,600 samples ({:.1} MB of CSV) → 12 monthly windows: median {:.0} ms (min {:.0}, max {:.0}) of 7 runs; \
         peak memory beyond the CSV text {:.1} MB; {summary}",
        text.len() as f64 / 1_048_576.0,
        timings[3],
        timings[0],
        timings[6],
        samples_peak as f64 / 1024.0
    );
    println!(
        "100,000 tickets ({:.1} MB of CSV) read, checked and measured per priority on a business clock for 12 months: median {:.0} ms (min {:.0}, max {:.0}) of 7 runs; \
         peak memory of the process {:.1} MB",
        export.len() as f64 / 1_048_576.0,
        ticket_timings[3],
        ticket_timings[0],
        ticket_timings[6],
        peak_kb() as f64 / 1024.0
    );
    // What an analyst would run instead: a Python script over the same CSV (the standard
    // library's csv and datetime), counting down minutes per month — no exclusions, no
    // allowance, no tiers. Timed as a whole process, like the figures above include reading.
    let folder = std::env::temp_dir().join(format!("sla-bench-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let samples_file = folder.join("samples.csv");
    std::fs::write(&samples_file, &text).unwrap();
    let script = "import csv, sys\nfrom datetime import datetime\nfrom collections import Counter\n\
                  down = Counter()\n\
                  with open(sys.argv[1], newline='') as f:\n\
                  \x20   for row in csv.DictReader(f):\n\
                  \x20       if row['up'] == '0':\n\
                  \x20           t = datetime.fromisoformat(row['timestamp'].replace('Z', '+00:00'))\n\
                  \x20           down[(t.year, t.month)] += 1\n\
                  print(sum(down.values()))\n";
    let mut python_timings: Vec<f64> = (0..3)
        .map(|_| {
            let started = Instant::now();
            let output = std::process::Command::new("/usr/bin/python3")
                .args(["-c", script])
                .arg(&samples_file)
                .output()
                .expect("python3");
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    python_timings.sort_by(f64::total_cmp);
    let _ = std::fs::remove_dir_all(&folder);
    println!(
        "The same samples counted per month by a Python script (csv + datetime, no definitions applied): median {:.0} ms of 3 runs; \
         sla-measure's time ÷ the script's: {:.2}",
        python_timings[1],
        timings[3] / python_timings[1]
    );
    println!(
        "Both, as the app measures an agreement (managed service, 12 monthly windows, credits, earn-back, fixed payments, claim letter, chart): \
         median {:.0} ms (min {:.0}, max {:.0}) of 7 runs; peak memory of the process {:.1} MB",
        whole_timings[3],
        whole_timings[0],
        whole_timings[6],
        peak_kb() as f64 / 1024.0
    );
}

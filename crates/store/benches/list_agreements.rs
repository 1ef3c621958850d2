//! Benchmark: list a workspace of 1,000 and 10,000 agreements (title, counterparty, status,
//! latest round, last change), as the home screen does, on a real SQLite file.
//!
//! Each agreement carries a draft of about 16 KB (8 sections × 5 clauses of ~400 characters),
//! and every third one has a proposed round, so the rows and the round look-up are realistic.
//! Run with `cargo bench -p sla-store --bench list_agreements`.

use std::time::{Duration, Instant};

use jiff::Timestamp;
use sla_model::{Agreement, AgreementId, Clause, ClauseId, PartyRole, Round, Section, SectionId, Title};
use sla_store::Workspace;

const RUNS: usize = 30;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("workload: list_agreements on a workspace of N agreements (16 KB drafts, 1 in 3 with a round)");
    println!(
        "{:>8}  {:>10}  {:>10}  {:>10}  {:>14}  {:>10}",
        "N", "min", "median", "p90", "+ JSON for IPC", "db size"
    );
    for size in [1_000, 10_000] {
        let dir = tempfile::tempdir()?;
        let mut ws = Workspace::open(dir.path())?;
        fill(&mut ws, size)?;
        assert_eq!(ws.list_agreements()?.len(), size);

        let mut list_times = Vec::with_capacity(RUNS);
        let mut json_times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let started = Instant::now();
            let list = ws.list_agreements()?;
            list_times.push(started.elapsed());
            let json = serde_json::to_string(&list)?;
            json_times.push(started.elapsed());
            std::hint::black_box(json);
        }
        list_times.sort();
        json_times.sort();
        let db_bytes = std::fs::metadata(ws.database_path())?.len();
        println!(
            "{size:>8}  {:>10}  {:>10}  {:>10}  {:>14}  {:>7} MB",
            ms(list_times[0]),
            ms(list_times[RUNS / 2]),
            ms(list_times[RUNS * 9 / 10]),
            ms(json_times[RUNS / 2]),
            db_bytes / 1_000_000
        );
    }
    Ok(())
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn fill(ws: &mut Workspace, size: usize) -> Result<(), Box<dyn std::error::Error>> {
    let base = Timestamp::from_second(1_790_000_000)?;
    let paragraph = "The Provider shall make the Service available to the Customer in accordance with \
        this Agreement, measured monthly, excluding scheduled maintenance notified at least five business \
        days in advance and events of force majeure, and shall report the achieved level by the tenth day \
        of the following month together with the service credits, if any, that the Customer may claim. ";
    for n in 0..size {
        let role = if n % 2 == 0 {
            PartyRole::Customer
        } else {
            PartyRole::Provider
        };
        let mut agreement = Agreement::blank(
            AgreementId::random(),
            Title::new(format!("Managed hosting SLA {n}"))?,
            role,
            &format!("Vendor {} Ltd", n % 97),
        );
        for s in 0..8 {
            agreement.sections.push(Section {
                id: SectionId::new(format!("section-{s}"))?,
                heading: format!("Section {s}"),
                clauses: (0..5)
                    .map(|c| {
                        Ok(Clause {
                            id: ClauseId::new(format!("clause-{s}-{c}"))?,
                            heading: format!("Clause {s}.{c}"),
                            text: paragraph.to_owned(),
                        })
                    })
                    .collect::<Result<_, sla_model::ValueError>>()?,
            });
        }
        let at = base.checked_add(jiff::SignedDuration::from_secs(i64::try_from(n)? * 60))?;
        ws.insert_agreement(&agreement, role, at)?;
        if n % 3 == 0 {
            ws.append_round(
                agreement.id,
                &Round::new(1, role, at, "Opening proposal", None, agreement.clone())?,
            )?;
        }
    }
    Ok(())
}

//! Plain-text output for people at a terminal.

use jiff::Timestamp;
use sla_store::{AgreementRecord, AgreementSummary};

pub fn agreement_table(list: &[AgreementSummary]) -> String {
    if list.is_empty() {
        return "No agreements yet. Create one with `sla new --title TITLE --counterparty NAME`.\n"
            .to_owned();
    }
    let title_width = list
        .iter()
        .map(|a| a.title.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(5, 48);
    let party_width = list
        .iter()
        .map(|a| a.counterparty.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(12, 32);
    let mut out = format!(
        "{:<36}  {:<title_width$}  {:<party_width$}  {:<8}  {:<11}  {:>5}  {}\n",
        "ID", "TITLE", "COUNTERPARTY", "OUR ROLE", "STATUS", "ROUND", "LAST CHANGE (UTC)"
    );
    for a in list {
        out.push_str(&format!(
            "{:<36}  {:<title_width$}  {:<party_width$}  {:<8}  {:<11}  {:>5}  {}\n",
            a.id.to_string(),
            truncate(&a.title, title_width),
            truncate(&a.counterparty, party_width),
            a.our_role.as_str(),
            a.status.as_str(),
            a.latest_round
                .map_or_else(|| "-".to_owned(), |n| n.to_string()),
            minute(a.updated_at)
        ));
    }
    out
}

pub fn agreement_record(record: &AgreementRecord) -> String {
    let a = &record.agreement;
    let s = &record.summary;
    let name = |n: &str| {
        if n.is_empty() {
            "(not named yet)".to_owned()
        } else {
            n.to_owned()
        }
    };
    let mut out = format!(
        "{}\n  id           {}\n  status       {}\n  our role     {}\n  customer     {}\n  provider     {}\n  created      {}\n  last change  {}\n  clauses      {} in {} sections, {} typed terms\n",
        a.title,
        a.id,
        s.status.as_str(),
        s.our_role.as_str(),
        name(&a.parties.customer.name),
        name(&a.parties.provider.name),
        minute(record.created_at),
        minute(s.updated_at),
        a.clause_count(),
        a.sections.len(),
        a.terms.len()
    );
    if record.rounds.is_empty() {
        out.push_str("  rounds       none proposed yet\n");
    }
    for round in &record.rounds {
        out.push_str(&format!(
            "  round {:<6} {} by the {}: {}\n",
            round.number,
            minute(round.proposed_at),
            round.author.as_str(),
            round.message.lines().next().unwrap_or("")
        ));
    }
    out
}

fn minute(at: Timestamp) -> String {
    at.strftime("%Y-%m-%d %H:%M").to_string()
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

//! Plain-text output for people at a terminal.

use std::fmt::Write;

use sla_api::{AgreementRecord, AgreementSummary, Timestamp};

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
            a.latest_round.map_or_else(|| "-".to_owned(), |n| n.to_string()),
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

pub fn template_table(templates: &[sla_api::TemplateInfo]) -> String {
    let mut out = String::new();
    for t in templates {
        out.push_str(&format!("{}  {}\n    {}\n", t.id, t.name, t.description));
        for o in &t.options {
            out.push_str(&format!(
                "    option {} ({}): {}\n",
                o.name,
                if o.default { "on" } else { "off" },
                o.label
            ));
        }
    }
    out
}

pub fn term_table(rows: &[sla_api::TermRow]) -> String {
    let id_width = rows.iter().map(|r| r.id.len()).max().unwrap_or(2).max(4);
    let mut out = String::new();
    for row in rows {
        out.push_str(&format!(
            "{:<id_width$}  {:<16}  {}\n",
            row.id, row.kind, row.value
        ));
        let range = row
            .range
            .as_deref()
            .map(|r| format!("allowed {r}; "))
            .unwrap_or_default();
        let quoted = if row.quoted_by.is_empty() {
            "quoted by no clause".to_owned()
        } else {
            format!("quoted by {}", row.quoted_by.join(", "))
        };
        out.push_str(&format!("{:<id_width$}  {}: {range}{quoted}\n", "", row.label));
        if let Some(meaning) = &row.meaning {
            out.push_str(&format!("{:<id_width$}  {meaning}\n", ""));
        }
    }
    out
}

pub fn findings(findings: &[sla_api::Finding]) -> String {
    if findings.is_empty() {
        return "No errors or warnings.\n".to_owned();
    }
    let mut out = String::new();
    for finding in findings {
        let severity = match finding.severity {
            sla_api::Severity::Error => "error",
            sla_api::Severity::Warning => "warning",
        };
        let clause = finding
            .clause
            .as_deref()
            .map(|c| format!(" [{c}]"))
            .unwrap_or_default();
        out.push_str(&format!("{severity}{clause}: {}\n", finding.message));
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == sla_api::Severity::Error)
        .count();
    out.push_str(&format!(
        "{errors} error(s), {} warning(s)\n",
        findings.len() - errors
    ));
    out
}

/// `sla package verify`: the package's rounds, and what importing it would do here.
pub fn package_check(check: &sla_api::PackageCheck) -> String {
    let mut out = format!(
        "package verified: \"{}\" ({}), {} round{}, every fingerprint and link in the chain sound\n",
        check.title,
        check.agreement_id,
        check.rounds.len(),
        if check.rounds.len() == 1 { "" } else { "s" }
    );
    for round in &check.rounds {
        let comments = match round.comments {
            0 => String::new(),
            1 => ", 1 comment".into(),
            n => format!(", {n} comments"),
        };
        let message = if round.message.is_empty() {
            String::new()
        } else {
            format!(" \"{}\"", round.message)
        };
        let _ = writeln!(
            out,
            "  round {} by the {} at {}{message}{comments}\n    fingerprint {}\n    signed with key {}",
            round.number,
            round.author.as_str(),
            round.proposed_at,
            round.fingerprint,
            round.signed_by
        );
    }
    if let Some(change) = &check.key_change {
        let _ = writeln!(
            out,
            "WARNING: round {} is signed by the {} with a new key {}; until now they signed with {}. \
             Importing it needs --trust-key {} after you have checked the new fingerprint with them.",
            change.round,
            change.role.as_str(),
            change.new_fingerprint,
            change.pinned_fingerprint,
            change.new_key
        );
    }
    out.push_str(&match (check.known, check.new_rounds) {
        (false, _) => "importing it would add this agreement to the workspace\n".to_owned(),
        (true, 1) => "importing it would add 1 new round\n".to_owned(),
        (true, n) => format!("importing it would add {n} new rounds\n"),
    });
    out
}

/// What importing a Word reply did.
pub fn word_import(imported: &sla_api::WordImport) -> String {
    let mut out = match imported.round {
        Some(n) => format!(
            "imported as round {n} of {} \"{}\"\n",
            imported.summary.id, imported.summary.title
        ),
        None => "the Word file changes nothing; no round was made\n".to_owned(),
    };
    for change in &imported.changes {
        out.push_str(&format!("  {change}\n"));
    }
    for line in &imported.unmapped {
        out.push_str(&format!("NOT IMPORTED: {line}\n"));
    }
    out
}

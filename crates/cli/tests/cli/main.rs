//! The real `sla` binary on a real workspace folder.
#![allow(clippy::unwrap_used)] // test helpers may panic: a panic is a failed test

use std::path::Path;
use std::process::{Command, Output};

fn sla(workspace: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sla"))
        .arg("--workspace")
        .arg(workspace)
        .args(args)
        .env_remove("SLA_STUDIO_WORKSPACE")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "sla failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn new_then_list_and_show_as_json() {
    let dir = tempfile::tempdir().unwrap();
    assert!(stdout(&sla(dir.path(), &["list"])).starts_with("No agreements yet"));
    assert_eq!(stdout(&sla(dir.path(), &["list", "--json"])).trim(), "[]");

    let id = stdout(&sla(
        dir.path(),
        &["new", "--title", "Hosting SLA", "--counterparty", "Cloudy Ltd"],
    ));
    let id = id.trim();
    let list: serde_json::Value =
        serde_json::from_str(&stdout(&sla(dir.path(), &["list", "--json"]))).unwrap();
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["title"], "Hosting SLA");
    assert_eq!(list[0]["counterparty"], "Cloudy Ltd");
    assert_eq!(list[0]["our_role"], "customer");
    assert_eq!(list[0]["status"], "draft");
    assert_eq!(list[0]["latest_round"], serde_json::Value::Null);

    let record: serde_json::Value =
        serde_json::from_str(&stdout(&sla(dir.path(), &["show", id, "--json"]))).unwrap();
    assert_eq!(record["agreement"]["format_version"], 1);
    assert_eq!(record["agreement"]["parties"]["provider"]["name"], "Cloudy Ltd");
    let table = stdout(&sla(dir.path(), &["list"]));
    assert!(
        table.contains("Hosting SLA") && table.contains("Cloudy Ltd") && table.contains("draft"),
        "{table}"
    );
    let shown = stdout(&sla(dir.path(), &["show", id]));
    assert!(shown.contains("none proposed yet"), "{shown}");
}

#[test]
fn rename_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let id = stdout(&sla(
        dir.path(),
        &["new", "--title", "A", "--counterparty", "B", "--role", "provider"],
    ));
    let id = id.trim();
    stdout(&sla(dir.path(), &["rename", id, "Renamed"]));
    let list: serde_json::Value =
        serde_json::from_str(&stdout(&sla(dir.path(), &["list", "--json"]))).unwrap();
    assert_eq!(list[0]["title"], "Renamed");
    assert_eq!(list[0]["our_role"], "provider");
    stdout(&sla(dir.path(), &["delete", id]));
    assert_eq!(stdout(&sla(dir.path(), &["list", "--json"])).trim(), "[]");
}

#[test]
fn errors_have_messages_and_distinct_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let missing = sla(dir.path(), &["show", "6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11"]);
    assert_eq!(missing.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("there is no agreement with id"));

    let blank = sla(dir.path(), &["new", "--title", " ", "--counterparty", "B"]);
    assert_eq!(blank.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&blank.stderr).contains("Agreement title: must not be empty"));

    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let unavailable = sla(&file, &["list"]);
    assert_eq!(unavailable.status.code(), Some(5));
}

#[test]
fn the_environment_names_the_workspace_unless_the_flag_does() {
    let env_dir = tempfile::tempdir().unwrap();
    let flag_dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_sla"))
            .args(args)
            .env("SLA_STUDIO_WORKSPACE", env_dir.path())
            .output()
            .unwrap()
    };
    stdout(&run(&["new", "--title", "In env", "--counterparty", "X"]));
    assert!(stdout(&run(&["list"])).contains("In env"));
    let flagged = stdout(&run(&["--workspace", flag_dir.path().to_str().unwrap(), "list"]));
    assert!(flagged.starts_with("No agreements yet"), "{flagged}");
    assert_eq!(
        stdout(&run(&["workspace"])).trim(),
        env_dir.path().to_str().unwrap()
    );
}

#[test]
fn drafts_from_a_template_to_a_file_then_lists_terms_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    let templates = stdout(&sla(dir.path(), &["templates", "--json"]));
    let templates: serde_json::Value = serde_json::from_str(&templates).unwrap();
    assert!(
        templates
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == "saas-availability")
    );

    let file = dir.path().join("saas.json");
    let file_arg = file.to_str().unwrap();
    stdout(&sla(
        dir.path(),
        &[
            "new",
            "--template",
            "saas-availability",
            "--counterparty",
            "Cloudy Hosting Ltd",
            "--position",
            "customer",
            "--set",
            "availability.target=99.99",
            "--set",
            "credits.cap=30",
            "--with",
            "clawback",
            "--out",
            file_arg,
        ],
    ));
    let terms: serde_json::Value =
        serde_json::from_str(&stdout(&sla(dir.path(), &["terms", file_arg, "--json"]))).unwrap();
    let target = terms
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "availability.target")
        .unwrap();
    assert_eq!(target["value"], "99.99 %");
    assert_eq!(target["type"], "percentage");
    assert_eq!(target["range"], "90 % to 99.999 %");
    assert_eq!(target["quoted_by"], serde_json::json!(["availability"]));

    let text = stdout(&sla(dir.path(), &["render", file_arg, "--format", "text"]));
    assert!(text.contains("at least 99.99 % in each calendar month"), "{text}");
    assert!(text.contains("capped at 30 %"), "{text}");
    assert!(text.contains("Earn-back of service credits"), "{text}");
    assert!(
        stdout(&sla(dir.path(), &["list", "--json"])).trim() == "[]",
        "--out does not touch the workspace"
    );

    let id = stdout(&sla(
        dir.path(),
        &[
            "new",
            "--template",
            "saas-availability",
            "--counterparty",
            "Cloudy Hosting Ltd",
        ],
    ));
    let rendered = stdout(&sla(dir.path(), &["render", id.trim()]));
    assert!(rendered.starts_with("# SaaS Availability SLA"), "{rendered}");
}

#[test]
fn template_errors_name_the_term_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.json");
    let out = sla(
        dir.path(),
        &[
            "new",
            "--template",
            "saas-availability",
            "--set",
            "availability.target=150",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains("Availability target") && message.contains("between 0 and 100"),
        "{message}"
    );
    assert!(!file.exists());

    let out = sla(dir.path(), &["new", "--template", "no-such-template"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sla templates"));

    std::fs::write(&file, "{\"format_version\": 1}").unwrap();
    let out = sla(dir.path(), &["render", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("x.json"));
}

#[test]
fn check_exits_with_1_on_errors_and_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.json");
    let file_arg = file.to_str().unwrap();
    stdout(&sla(
        dir.path(),
        &["new", "--template", "saas-availability", "--out", file_arg],
    ));
    let clean = sla(dir.path(), &["check", file_arg]);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
    assert!(String::from_utf8_lossy(&clean.stdout).contains("0 error(s)"));

    stdout(&sla(
        dir.path(),
        &[
            "new",
            "--template",
            "saas-availability",
            "--set",
            "credits.cap=30",
            "--out",
            file_arg,
        ],
    ));
    let failing = sla(dir.path(), &["check", file_arg, "--json"]);
    assert_eq!(failing.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&failing.stdout).unwrap();
    assert_eq!(findings[0]["severity"], "error");
    assert_eq!(findings[0]["rule"], "credit-tier-above-cap");
    assert_eq!(findings[0]["clause"], "service-credits");

    let terms: serde_json::Value =
        serde_json::from_str(&stdout(&sla(dir.path(), &["terms", file_arg, "--json"]))).unwrap();
    let target = terms
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "availability.target")
        .unwrap();
    assert_eq!(
        target["meaning"],
        "allows 43 m 49 s of Downtime per calendar month (13 m 2 s if measured in Business Hours only)"
    );
}

#[test]
fn imports_a_real_markdown_sla_and_renders_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus/real/commonpaper-sla/v2.0.md");
    let out = dir.path().join("cp.json");
    let said = stdout(&sla(
        dir.path(),
        &[
            "import",
            source.to_str().unwrap(),
            "--counterparty",
            "Common Paper",
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    assert!(said.contains("4 sections, 15 clauses"), "{said}");
    let text = stdout(&sla(
        dir.path(),
        &["render", out.to_str().unwrap(), "--format", "text"],
    ));
    assert!(text.contains("1.1 Target Uptime"), "{text}");
    assert!(text.contains("3.4 Termination"), "{text}");

    let id = stdout(&sla(dir.path(), &["import", source.to_str().unwrap()]));
    let record: serde_json::Value =
        serde_json::from_str(&stdout(&sla(dir.path(), &["show", id.trim(), "--json"]))).unwrap();
    assert_eq!(record["agreement"]["title"], "Service Level Agreement");

    let missing = sla(dir.path(), &["import", "/nonexistent.md"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn redlines_two_versions_with_term_meanings_and_word_changes() {
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("ours.json");
    let theirs = dir.path().join("theirs.json");
    let path = |p: &Path| p.to_str().unwrap().to_owned();
    stdout(&sla(
        dir.path(),
        &[
            "new",
            "--template",
            "saas-availability",
            "--position",
            "customer",
            "--out",
            &path(&ours),
        ],
    ));
    stdout(&sla(
        dir.path(),
        &[
            "new",
            "--template",
            "saas-availability",
            "--position",
            "customer",
            "--set",
            "availability.target=99.9",
            "--out",
            &path(&theirs),
        ],
    ));
    let text = stdout(&sla(dir.path(), &["redline", &path(&ours), &path(&theirs)]));
    assert!(
        text.contains("Availability target: 99.95 % → 99.9 % — favours the provider"),
        "{text}"
    );
    assert!(
        text.contains("allows 21 m 54 s of Downtime per calendar month\n    → allows 43 m 49 s"),
        "{text}"
    );
    assert!(text.contains("at least [-99.95-]{+99.9+} %"), "{text}");
    assert!(text.contains("Clauses: 1 modified, 0 moved"), "{text}");

    let json: serde_json::Value = serde_json::from_str(&stdout(&sla(
        dir.path(),
        &["redline", &path(&ours), &path(&theirs), "--json"],
    )))
    .unwrap();
    assert_eq!(json["terms"][0]["id"], "availability.target");
    assert_eq!(json["terms"][0]["favours"], "provider");

    let missing = sla(dir.path(), &["redline", &path(&ours), "no-such-file.json"]);
    assert_eq!(
        missing.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&missing.stderr)
    );
}

#[test]
fn rounds_travel_in_packages_between_two_workspaces() {
    let (customer, provider) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let created = stdout(&sla(
        customer.path(),
        &[
            "new",
            "--template",
            "saas-availability",
            "--counterparty",
            "Cloudy Hosting Ltd",
        ],
    ));
    let id = created
        .split_whitespace()
        .find(|w| w.len() == 36)
        .unwrap()
        .to_owned();
    let proposed = stdout(&sla(
        customer.path(),
        &["round", "propose", &id, "--message", "Opening"],
    ));
    assert!(
        proposed.starts_with(&format!("proposed round 1 of {id} (fingerprint ")),
        "{proposed}"
    );
    let package = customer.path().join("round1.slapkg");
    stdout(&sla(
        customer.path(),
        &["package", "export", &id, "--out", package.to_str().unwrap()],
    ));
    let verified = stdout(&sla(
        provider.path(),
        &["package", "verify", package.to_str().unwrap()],
    ));
    assert!(
        verified.contains("1 round, every fingerprint and link in the chain sound"),
        "{verified}"
    );
    assert!(verified.contains("round 1 by the customer"), "{verified}");
    let customer_key = stdout(&sla(customer.path(), &["key"]));
    assert_eq!(customer_key.trim().split(' ').count(), 8, "{customer_key}");
    assert!(
        verified.contains(&format!("signed with key {}", customer_key.trim())),
        "{verified}"
    );
    assert!(verified.contains("would add this agreement"), "{verified}");
    let imported = stdout(&sla(
        provider.path(),
        &["package", "import", package.to_str().unwrap()],
    ));
    let verified = stdout(&sla(
        provider.path(),
        &["package", "verify", package.to_str().unwrap(), "--json"],
    ));
    let verified: serde_json::Value = serde_json::from_str(&verified).unwrap();
    assert_eq!(
        (verified["known"].as_bool(), verified["new_rounds"].as_u64()),
        (Some(true), Some(0))
    );
    assert!(imported.starts_with(&format!("created {id}")), "{imported}");
    let again = sla(provider.path(), &["package", "import", package.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(4), "nothing new is a conflict");
    let redline = stdout(&sla(provider.path(), &["redline", &format!("{id}@1"), &id]));
    assert!(redline.contains("No term changed."), "{redline}");

    let tampered = customer.path().join("tampered.slapkg");
    std::fs::write(
        &tampered,
        std::fs::read_to_string(&package)
            .unwrap()
            .replace("Opening", "Opening!"),
    )
    .unwrap();
    for verb in ["verify", "import"] {
        let refused = sla(provider.path(), &["package", verb, tampered.to_str().unwrap()]);
        assert_eq!(refused.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&refused.stderr).contains("Round 1 does not match its fingerprint"),
            "{verb}: {}",
            String::from_utf8_lossy(&refused.stderr)
        );
    }
}

#[test]
fn an_agreement_file_is_proposed_as_a_round_and_its_later_text_as_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sla.json");
    let file_arg = file.to_str().unwrap();
    stdout(&sla(
        dir.path(),
        &["new", "--template", "saas-availability", "--out", file_arg],
    ));
    let first = stdout(&sla(dir.path(), &["round", "propose", file_arg, "-m", "Opening"]));
    assert!(first.starts_with("proposed round 1 of "), "{first}");
    let again = sla(dir.path(), &["round", "propose", file_arg]);
    assert_eq!(
        again.status.code(),
        Some(4),
        "an unchanged draft is not a new round"
    );

    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen("\"value\": 99.9\n", "\"value\": 99.5\n", 1);
    assert_ne!(text, edited);
    std::fs::write(&file, edited).unwrap();
    let second = stdout(&sla(
        dir.path(),
        &["round", "propose", file_arg, "-m", "Lower target"],
    ));
    assert!(second.starts_with("proposed round 2 of "), "{second}");
    let id = second.split_whitespace().nth(4).unwrap();
    let redline = stdout(&sla(
        dir.path(),
        &["redline", &format!("{id}@1"), &format!("{id}@2")],
    ));
    assert!(
        redline.contains("Availability target: 99.9 % → 99.5 %"),
        "{redline}"
    );
}

fn corpus(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus/real")
        .join(path)
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn redlines_markdown_files_as_they_stand() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout(&sla(
        dir.path(),
        &[
            "redline",
            &corpus("commonpaper-sla/v1.0.md"),
            &corpus("commonpaper-sla/v2.0.md"),
            "--text",
        ],
    ));
    assert!(text.contains("2.1 Target Response Time — inserted"), "{text}");
    assert!(text.contains("1.3 (old) Scheduling Downtime — deleted"), "{text}");
    assert!(
        text.contains("Available Minutes — cosmetic changes only"),
        "{text}"
    );
    let redline_json = |extra: &[&str]| -> Vec<serde_json::Value> {
        let mut args = vec![
            "redline".to_owned(),
            corpus("commonpaper-sla/v1.0.md"),
            corpus("commonpaper-sla/v2.0.md"),
            "--json".to_owned(),
        ];
        args.extend(extra.iter().map(|a| (*a).to_owned()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let json: serde_json::Value = serde_json::from_str(&stdout(&sla(dir.path(), &args))).unwrap();
        json["clauses"].as_array().unwrap().clone()
    };
    // By default only the changed clauses; with --unchanged every clause, with its text.
    let changed = redline_json(&[]);
    let every = redline_json(&["--unchanged"]);
    assert!(!changed.is_empty());
    assert!(changed.iter().all(|c| c["kind"] != "unchanged"));
    assert!(every.len() > changed.len() && every.len() > 3);
    assert!(
        every
            .iter()
            .filter(|c| c["kind"] == "unchanged")
            .all(|c| !c["words"]["pieces"].as_array().unwrap().is_empty())
    );
    let both = sla(dir.path(), &["redline", "a.md", "b.md", "--json", "--text"]);
    assert_eq!(
        both.status.code(),
        Some(2),
        "--json and --text together are refused"
    );
}

#[test]
fn table_terms_redline_row_by_row() {
    let dir = tempfile::tempdir().unwrap();
    let draft = |position: &str| {
        let file = dir.path().join(format!("{position}.json"));
        stdout(&sla(
            dir.path(),
            &[
                "new",
                "--template",
                "saas-availability",
                "--position",
                position,
                "--out",
                file.to_str().unwrap(),
            ],
        ));
        file.to_str().unwrap().to_owned()
    };
    let (customer, provider) = (draft("customer"), draft("provider"));
    let text = stdout(&sla(dir.path(), &["redline", &customer, &provider]));
    assert!(text.contains("      - 99.95 % | 10 %\n"), "{text}");
    assert!(
        text.contains("      ~ 99.5 %: Service credit 25 % → 5 %\n"),
        "{text}"
    );
    assert!(text.contains("      + 95 % | 15 %\n"), "{text}");
    assert!(
        text.contains("      - Priority 4 | Question or cosmetic defect | 1 day | 10 days\n"),
        "{text}"
    );
}

/// Snapshots of `sla redline` on the real corpus, as reviewed: Common Paper's SLA v1.0 → v2.0
/// and every pair of consecutive Basecamp revisions, in `tests/cli/corpus-redlines.txt` (a
/// failure shows the diff; `UPDATE_EXPECT=1` rewrites the file: review the diff before
/// committing).
#[test]
fn corpus_redlines_match_their_reviewed_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let mut basecamp: Vec<String> = std::fs::read_dir(corpus("basecamp-sla"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    basecamp.sort();
    let mut pairs = vec![
        (
            "commonpaper-sla/v1.0.md".to_owned(),
            "commonpaper-sla/v2.0.md".to_owned(),
        ),
        // A lead-in and its bullets gain two items; a table rewritten and sections added.
        (
            "cloudgov-service-objectives/10-2023-05-22-bd3263f12.md".to_owned(),
            "cloudgov-service-objectives/11-2023-11-02-d3485ee57.md".to_owned(),
        ),
        (
            "govukpay-support/33-2022-12-16-ee89b6581.md".to_owned(),
            "govukpay-support/34-2022-12-20-be00600b4.md".to_owned(),
        ),
    ];
    pairs.extend(
        basecamp
            .windows(2)
            .map(|w| (format!("basecamp-sla/{}", w[0]), format!("basecamp-sla/{}", w[1]))),
    );
    let mut snapshot = String::new();
    for (old, new) in &pairs {
        snapshot.push_str(&format!("=== sla redline {old} {new}\n"));
        snapshot.push_str(&stdout(&sla(
            dir.path(),
            &["redline", &corpus(old), &corpus(new)],
        )));
        snapshot.push('\n');
    }
    expect_test::expect_file!["corpus-redlines.txt"].assert_eq(&snapshot);
}

#[test]
fn writes_the_agreement_its_redline_and_its_history_as_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let file = path("sla.json");
    stdout(&sla(
        dir.path(),
        &["new", "--template", "saas-availability", "--out", &file],
    ));
    let first = stdout(&sla(dir.path(), &["round", "propose", &file, "-m", "Opening"]));
    let id = first.split_whitespace().nth(4).unwrap().to_owned();
    let hash = first
        .trim()
        .trim_end_matches(')')
        .rsplit(' ')
        .next()
        .unwrap()
        .to_owned();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("\"value\": 99.9\n", "\"value\": 99.5\n", 1)).unwrap();
    stdout(&sla(
        dir.path(),
        &["round", "propose", &file, "-m", "Lower target"],
    ));

    let pdf_text = |pdf: &str| {
        let output = std::process::Command::new("pdftotext")
            .args([pdf, "-"])
            .output()
            .unwrap();
        assert!(output.status.success(), "pdftotext (poppler-utils) reads {pdf}");
        String::from_utf8_lossy(&output.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let round = path("round1.pdf");
    stdout(&sla(dir.path(), &["pdf", &id, "--round", "1", "--out", &round]));
    let text = pdf_text(&round);
    assert!(text.contains(&hash), "round 1's fingerprint is printed");
    assert!(text.contains("at least 99.9 %"), "{text}");

    let redline = path("redline.pdf");
    stdout(&sla(
        dir.path(),
        &[
            "pdf",
            "--redline",
            &format!("{id}@1"),
            &format!("{id}@2"),
            "--out",
            &redline,
            "--paper",
            "letter",
        ],
    ));
    let text = pdf_text(&redline);
    assert!(text.contains("Availability target 99.9 % 99.5 %"), "{text}");

    let history = path("history.pdf");
    stdout(&sla(dir.path(), &["pdf", "--history", &id, "--out", &history]));
    let text = pdf_text(&history);
    assert!(text.contains("Message: Lower target"), "{text}");

    let missing = sla(
        dir.path(),
        &["pdf", &id, "--round", "9", "--out", &path("none.pdf")],
    );
    assert_eq!(missing.status.code(), Some(3), "no round 9");
    assert!(
        !dir.path().join("none.pdf").exists(),
        "nothing is written on an error"
    );
    let neither = sla(dir.path(), &["pdf", "--out", &path("none.pdf")]);
    assert_eq!(neither.status.code(), Some(2));
}

/// Proposes the agreement's next round with another title, through an agreement file.
fn propose_retitled(workspace: &Path, id: &str, title: &str) {
    let shown: serde_json::Value =
        serde_json::from_str(&stdout(&sla(workspace, &["show", id, "--json"]))).unwrap();
    let mut agreement = shown["agreement"].clone();
    agreement["title"] = title.into();
    let file = workspace.join(format!("{title}.json"));
    std::fs::write(&file, agreement.to_string()).unwrap();
    stdout(&sla(
        workspace,
        &["round", "propose", file.to_str().unwrap(), "--message", title],
    ));
}

#[test]
fn a_round_under_a_new_key_needs_trust_key_with_that_exact_key() {
    let [customer, provider, laptop] = [(); 3].map(|()| tempfile::tempdir().unwrap());
    let created = stdout(&sla(
        customer.path(),
        &[
            "new",
            "--template",
            "saas-availability",
            "--counterparty",
            "Cloudy Hosting Ltd",
        ],
    ));
    let id = created
        .split_whitespace()
        .find(|w| w.len() == 36)
        .unwrap()
        .to_owned();
    let package = |dir: &tempfile::TempDir, name: &str| {
        let file = dir.path().join(name);
        stdout(&sla(
            dir.path(),
            &["package", "export", &id, "--out", file.to_str().unwrap()],
        ));
        file.to_str().unwrap().to_owned()
    };
    stdout(&sla(customer.path(), &["round", "propose", &id, "-m", "Opening"]));
    stdout(&sla(
        provider.path(),
        &["package", "import", &package(&customer, "1.slapkg")],
    ));
    propose_retitled(provider.path(), &id, "Counter");
    let round2 = package(&provider, "2.slapkg");
    // The customer answers from a new laptop: a new workspace and key.
    stdout(&sla(laptop.path(), &["package", "import", &round2]));
    propose_retitled(laptop.path(), &id, "From the laptop");
    let round3 = package(&laptop, "3.slapkg");
    let (old_key, new_key) = (
        stdout(&sla(customer.path(), &["key"])),
        stdout(&sla(laptop.path(), &["key"])),
    );

    let verified = stdout(&sla(provider.path(), &["package", "verify", &round3]));
    assert!(
        verified.contains(&format!(
            "WARNING: round 3 is signed by the customer with a new key {}; until now they signed with {}",
            new_key.trim(),
            old_key.trim()
        )),
        "{verified}"
    );
    let refused = sla(provider.path(), &["package", "import", &round3]);
    assert_eq!(refused.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    let hex = stderr
        .split("--trust-key ")
        .nth(1)
        .map(str::trim)
        .unwrap_or_else(|| panic!("{stderr}"));
    assert_eq!(hex.len(), 64, "{stderr}");
    assert!(stderr.contains(new_key.trim()), "{stderr}");
    let wrong = sla(
        provider.path(),
        &["package", "import", &round3, "--trust-key", &"0".repeat(64)],
    );
    assert_ne!(wrong.status.code(), Some(0));
    let imported = stdout(&sla(
        provider.path(),
        &["package", "import", &round3, "--trust-key", hex],
    ));
    assert!(imported.contains("now at round 3"), "{imported}");
}

#[test]
fn commands_on_files_never_open_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
    std::fs::write(
        &old,
        "1. Availability\n\nThe service is available 99.9% of each month.\n",
    )
    .unwrap();
    std::fs::write(
        &new,
        "1. Availability\n\nThe service is available 99.5% of each month.\n",
    )
    .unwrap();
    let drafted = dir.path().join("drafted.json");
    // A workspace that would be created on first use: it must not be.
    let unused = dir.path().join("never-created");
    let run = |args: &[&str]| sla(&unused, args);
    let (old, new, drafted_arg) = (
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        drafted.to_str().unwrap(),
    );
    let redline = stdout(&run(&["redline", old, new]));
    assert!(redline.contains("[-99.9-]{+99.5+}%"), "{redline}");
    stdout(&run(&[
        "new",
        "--template",
        "saas-availability",
        "--out",
        drafted_arg,
    ]));
    for args in [
        vec!["render", drafted_arg],
        vec!["terms", drafted_arg],
        vec!["templates"],
        vec!["redline", old, new, "--json"],
        vec![
            "pdf",
            drafted_arg,
            "--out",
            dir.path().join("d.pdf").to_str().unwrap(),
        ],
    ] {
        stdout(&run(&args));
    }
    assert!(!unused.exists(), "no workspace was opened");

    // A workspace that cannot be opened at all is not in the way either, and is named by the
    // first command that needs it.
    let a_file = dir.path().join("a-file");
    std::fs::write(&a_file, "").unwrap();
    stdout(&sla(&a_file, &["redline", old, new]));
    let refused = sla(&a_file, &["list"]);
    assert_eq!(refused.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("a-file"));
}

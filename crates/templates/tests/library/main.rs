//! The real clause library in `templates/`: it loads, every template drafts in every
//! position, and drafts render with lawyer-formatted values.
#![allow(clippy::unwrap_used)] // a panic is a failed test

use sla_model::AgreementId;
use sla_templates::{DraftRequest, Library, Position, RenderFormat, draft, render};

fn library() -> Library {
    Library::built_in().unwrap_or_else(|e| panic!("the built-in library must load: {e}"))
}

fn saas(position: Position) -> DraftRequest {
    DraftRequest {
        template: "saas-availability".into(),
        position,
        customer: "Acme Retail plc".into(),
        provider: "Cloudy Hosting Ltd".into(),
        ..DraftRequest::default()
    }
}

#[test]
fn the_built_in_library_loads() {
    let library = library();
    assert!(library.clauses().count() >= 15);
    assert!(library.template("saas-availability").is_some());
}

/// Every term the Rust code reads by name is one the library defines.
#[test]
fn every_term_the_code_reads_by_name_is_in_the_library() {
    let library = library();
    for id in sla_model::term_ids::ALL {
        assert!(library.term(id).is_some(), "the library has no term `{id}`");
    }
}

/// `Library::built_in` skips the whole-library checks at start-up; they hold here, for the
/// files the binary carries.
#[test]
fn the_built_in_library_passes_every_check() {
    library()
        .check()
        .unwrap_or_else(|e| panic!("the built-in library fails a check: {e}"));
}

#[test]
fn the_saas_template_renders_with_values_written_out() {
    let agreement = draft(&library(), &saas(Position::Balanced), AgreementId::random()).unwrap();
    let text = render(&agreement, RenderFormat::Markdown);
    assert!(
        text.contains("an Availability of at least 99.9 % in each calendar month"),
        "{text}"
    );
    assert!(text.contains("| 99.9 % | 10 % |"), "{text}");
    assert!(text.contains("| Priority 3 | Non-core function impaired or a workaround exists | 4 business hours | 5 business days |"), "{text}");
    assert!(
        text.contains("Monday to Friday, 08:00 to 18:00 (Europe/London time)"),
        "{text}"
    );
    assert!(!text.contains("{{"), "every reference is replaced");
    assert!(!text.contains("Earn-back"), "clawback is off by default");
}

#[test]
fn options_and_set_values_change_the_draft() {
    let library = library();
    let mut request = saas(Position::Customer);
    request.options.insert("clawback".into(), true);
    request.set.push(("availability.target".into(), "99.99".into()));
    request.set.push(("support.hours".into(), "24x7".into()));
    let agreement = draft(&library, &request, AgreementId::random()).unwrap();
    let text = render(&agreement, RenderFormat::Text);
    assert!(text.contains("Earn-back of service credits"), "{text}");
    assert!(text.contains("at least 99.99 %"), "{text}");
    assert!(text.contains("support 24 hours a day, 7 days a week"), "{text}");
}

#[test]
fn bad_requests_are_refused_with_the_reason() {
    let library = library();
    let mut request = saas(Position::Balanced);
    request.set.push(("availability.target".into(), "101".into()));
    let error = draft(&library, &request, AgreementId::random())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("availability.target") && error.contains("between 0 and 100"),
        "{error}"
    );

    let mut request = saas(Position::Balanced);
    request.set.push(("availability.target".into(), "80".into()));
    let error = draft(&library, &request, AgreementId::random())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("below the lowest value this clause allows, 90 %"),
        "{error}"
    );

    let mut request = saas(Position::Balanced);
    request.set.push(("clawback.months".into(), "3".into()));
    let error = draft(&library, &request, AgreementId::random())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("no term `clawback.months`"),
        "not in the draft while clawback is off: {error}"
    );

    let mut request = saas(Position::Balanced);
    request.options.insert("free_lunch".into(), true);
    assert!(
        draft(&library, &request, AgreementId::random())
            .unwrap_err()
            .to_string()
            .contains("no option `free_lunch`")
    );
}

fn with_clause(text: &str) -> Vec<(String, String)> {
    vec![("templates/clauses/broken.toml".to_owned(), text.to_owned())]
}

#[test]
fn a_broken_clause_file_is_reported_with_file_and_line() {
    let bad_syntax = with_clause("id = \"broken\"\ncategory = \"x\"\nheading = 3\n");
    let error = Library::from_files(bad_syntax).unwrap_err().to_string();
    assert!(error.starts_with("templates/clauses/broken.toml:3:"), "{error}");

    let bad_default = with_clause(
        r#"id = "broken"
category = "x"
heading = "Broken"
summary = "x"

[terms."broken.target"]
label = "Target"
type = "percentage"
default = 120

[positions.customer]
text = "{{ broken.target }}"
[positions.balanced]
text = "{{ broken.target }}"
[positions.provider]
text = "{{ broken.target }}"
"#,
    );
    let error = Library::from_files(bad_default).unwrap_err().to_string();
    assert!(
        error.starts_with("templates/clauses/broken.toml:6: term `broken.target`"),
        "{error}"
    );
    assert!(error.contains("between 0 and 100"), "{error}");

    let typo = with_clause(
        r#"id = "broken"
category = "x"
heading = "Broken"
summary = "x"

[positions.customer]
text = """
Fine line.
Quotes {{ availabilty.target }}.
"""
[positions.balanced]
text = "ok"
[positions.provider]
text = "ok"
"#,
    );
    let error = Library::from_files(typo).unwrap_err().to_string();
    assert!(
        error.starts_with("templates/clauses/broken.toml:9: customer position wording"),
        "{error}"
    );
}

/// The balanced SaaS draft, rendered, must match the reviewed reference text in
/// `tests/library/saas-availability-balanced.md` (a failure shows the diff; `UPDATE_EXPECT=1`
/// rewrites the file after a deliberate wording change: review the diff before committing it).
#[test]
fn the_balanced_saas_draft_matches_its_reviewed_text() {
    let agreement = draft(&library(), &saas(Position::Balanced), AgreementId::random()).unwrap();
    let rendered = render(&agreement, RenderFormat::Markdown);
    expect_test::expect_file!["saas-availability-balanced.md"].assert_eq(&rendered);
}

/// Every clause of the library in each of its three positions, drafted on its own with the
/// position's defaults and rendered, must match the reviewed text in
/// `tests/library/clauses.md` (`UPDATE_EXPECT=1` rewrites it; review the diff).
#[test]
fn every_clause_in_every_position_matches_its_reviewed_text() {
    let library = library();
    let mut clauses: Vec<_> = library.clauses().collect();
    clauses.sort_by_key(|c| c.spec.id.clone());
    let mut rendered = String::from("# Every clause of the library, in each position, with its defaults\n");
    for def in clauses {
        for position in [Position::Customer, Position::Balanced, Position::Provider] {
            let (clause, terms) =
                sla_templates::draft_clause(&library, &def.spec.id, position, &Default::default()).unwrap();
            let mut agreement = sla_model::Agreement::blank(
                AgreementId::random(),
                sla_model::Title::new("Probe").unwrap(),
                sla_model::PartyRole::Customer,
                "",
            );
            agreement.terms.extend(terms);
            let text = sla_templates::clause_text(&agreement, &clause, RenderFormat::Markdown);
            rendered.push_str(&format!(
                "\n## {} ({}) — {}\n\n{}\n",
                clause.heading,
                def.spec.id,
                position.as_str(),
                text.trim_end()
            ));
        }
    }
    expect_test::expect_file!["clauses.md"].assert_eq(&rendered);
}

#[test]
fn a_template_key_term_must_be_a_one_line_term_of_a_clause_it_always_includes() {
    let clause = |id: &str, term_type: &str, default: &str| {
        (
            format!("templates/clauses/{id}.toml"),
            format!(
                "id = \"{id}\"\ncategory = \"x\"\nheading = \"{id}\"\nsummary = \"x\"\n\n[terms.\"{id}.value\"]\nlabel = \"Value\"\ntype = \"{term_type}\"\ndefault = {default}\n\n[positions.customer]\ntext = \"{{{{ {id}.value }}}}\"\n[positions.balanced]\ntext = \"{{{{ {id}.value }}}}\"\n[positions.provider]\ntext = \"{{{{ {id}.value }}}}\"\n"
            ),
        )
    };
    let template = |key: &str| {
        (
            "templates/agreements/probe.toml".to_owned(),
            format!(
                "id = \"probe\"\nname = \"Probe\"\nstructure = \"service_based\"\ndescription = \"x\"\nkey_terms = [\"{key}\"]\n\n[options.extra]\nlabel = \"Extra\"\n\n[[sections]]\nid = \"main\"\nheading = \"Main\"\nclauses = [\"plain\", \"tiers\", {{ clause = \"optional\", when = \"extra\" }}]\n"
            ),
        )
    };
    let files = |key: &str| {
        vec![
            clause("plain", "percentage", "99.9"),
            clause("optional", "percentage", "99.9"),
            clause("tiers", "tier_table", "[{ below = 99.9, credit = 10 }]"),
            template(key),
        ]
    };
    Library::from_files(files("plain.value")).unwrap();
    for (key, reason) in [
        ("nothing.here", "is not a term of the library"),
        ("optional.value", "which the template does not always include"),
        ("tiers.value", "key terms must be typed in one line"),
    ] {
        let error = Library::from_files(files(key)).unwrap_err().to_string();
        assert!(error.starts_with("templates/agreements/probe.toml"), "{error}");
        assert!(error.contains(reason), "{key}: {error}");
    }
}

#[test]
fn oversized_and_deeply_nested_library_files_are_refused_with_the_file_named() {
    let big = format!("id = \"x\"\nsummary = \"{}\"\n", "s".repeat(1024 * 1024));
    let error = Library::from_files(vec![("clauses/big.toml".into(), big)]).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("clauses/big.toml: is 1048598 bytes; a library file is at most 1048576"),
        "{error}"
    );
    let nested = format!("id = {}1{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let error = Library::from_files(vec![("clauses/deep.toml".into(), nested)]).unwrap_err();
    assert!(error.to_string().starts_with("clauses/deep.toml:1:"), "{error}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("clauses")).unwrap();
    std::fs::create_dir_all(dir.path().join("agreements")).unwrap();
    let file = std::fs::File::create(dir.path().join("clauses/huge.toml")).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap(); // sparse: not read, refused by its size
    let error = Library::load_dir(dir.path()).unwrap_err();
    assert!(error.to_string().contains("is 209715200 bytes"), "{error}");
}

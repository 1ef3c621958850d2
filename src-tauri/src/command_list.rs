/// Every command the shell exposes to the window. `build.rs` declares exactly these in the
/// app manifest (so each is refused unless a capability grants it), and
/// `tests/least_privilege.rs` checks that the handlers registered in `lib.rs` and the grants
/// in `capabilities/` are the same set.
pub const COMMANDS: &[&str] = &[
    "workspace_info",
    "list_agreements",
    "create_agreement",
    "open_agreement",
    "rename_agreement",
    "delete_agreement",
    "list_templates",
    "create_from_template",
    "agreement_view",
    "set_term",
    "set_term_table",
    "credit_owed",
    "library_clauses",
    "set_clause_text",
    "add_clause",
    "remove_clause",
    "move_clause",
    "set_parties",
    "undo",
    "redo",
    "import_markdown",
    "propose_round",
    "import_package",
    "export_package",
    "review",
    "decide",
    "decide_all",
    "accept_round",
];

//! The desktop shell: opens the workspace named at launch and exposes `sla-api` to the
//! window as Tauri commands. No business logic lives here.

mod command_list;
mod commands;

pub use command_list::COMMANDS;

use sla_api::Backend;
use sla_store::WORKSPACE_ENV;

pub fn run() {
    let backend = Backend::from_launch(std::env::args_os(), std::env::var_os(WORKSPACE_ENV));
    let result = tauri::Builder::default()
        .manage(backend)
        // Its file dialogs are opened from Rust commands only; the window is granted none of
        // the plugin's own commands.
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(tauri::generate_handler![
            commands::workspace_info,
            commands::list_agreements,
            commands::create_agreement,
            commands::open_agreement,
            commands::rename_agreement,
            commands::delete_agreement,
            commands::list_templates,
            commands::create_from_template,
            commands::agreement_view,
            commands::set_term,
            commands::set_term_table,
            commands::credit_owed,
            commands::library_clauses,
            commands::set_clause_text,
            commands::add_clause,
            commands::remove_clause,
            commands::move_clause,
            commands::set_parties,
            commands::undo,
            commands::redo,
            commands::import_markdown,
            commands::propose_round,
            commands::import_package,
            commands::export_package,
            commands::export_pdf,
            commands::pdf_preview,
            commands::review,
            commands::decide,
            commands::decide_all,
            commands::accept_round,
            commands::add_comment,
            commands::remove_comment,
            commands::measure,
            commands::key_dates,
            commands::coming_up,
            commands::export_measurement,
            commands::export_calendar,
            commands::export_docx,
            commands::export_redline_docx,
            commands::import_word_reply,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("SLA Studio could not start: {error}");
        std::process::exit(1);
    }
}

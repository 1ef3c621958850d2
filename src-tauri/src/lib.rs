//! The desktop shell: opens the workspace named at launch and exposes `sla-api` to the
//! window as Tauri commands. No business logic lives here.

mod command_list;
mod commands;
mod save_dialog;

pub use command_list::COMMANDS;

use sla_api::{Backend, LIBRARY_ENV, WORKSPACE_ENV};

pub fn run() {
    // The launch arguments are read here, and handed to the core's one reading of them.
    let explicit = workspace_argument(std::env::args_os());
    let library = sla_api::library_folder(None, std::env::var_os(LIBRARY_ENV));
    let backend = Backend::launch(explicit.as_deref(), std::env::var_os(WORKSPACE_ENV), library);
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

/// The value of `--workspace DIR` (or `--workspace=DIR`) among the app's launch arguments
/// (the program name first), the last one given.
fn workspace_argument(args: impl IntoIterator<Item = std::ffi::OsString>) -> Option<std::path::PathBuf> {
    let mut args = args.into_iter().skip(1);
    let mut found = None;
    while let Some(arg) = args.next() {
        if arg == "--workspace" {
            found = args.next().map(Into::into);
        } else if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--workspace=")) {
            found = Some(value.into());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::workspace_argument;
    use std::ffi::OsString;
    use std::path::PathBuf;

    #[test]
    fn the_launch_argument_names_the_workspace() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            workspace_argument(args(&["app", "--workspace", "/w"])),
            Some(PathBuf::from("/w"))
        );
        assert_eq!(
            workspace_argument(args(&["app", "--workspace=/x"])),
            Some(PathBuf::from("/x"))
        );
        assert_eq!(workspace_argument(args(&["app", "--other"])), None);
        assert_eq!(
            workspace_argument(args(&["--workspace"])),
            None,
            "the program name is not an argument"
        );
    }
}

//! The system's save dialog for the exports: it asks where, then the core writes the file
//! there. The file's suggested name comes from the core too; the page supplies no path.

use std::path::Path;

use sla_api::ApiError;
use tauri_plugin_dialog::DialogExt;

/// What the dialog shows: its title, and the kind of file with its extension.
pub struct SaveAs {
    pub title: &'static str,
    pub kind: &'static str,
    pub extension: &'static str,
}

pub const PACKAGE: SaveAs = SaveAs {
    title: "Save the package for the other side",
    kind: "SLA Studio package",
    extension: "slapkg",
};
pub const PDF: SaveAs = SaveAs {
    title: "Save the PDF",
    kind: "PDF",
    extension: "pdf",
};
pub const KEY_DATES: SaveAs = SaveAs {
    title: "Save the key dates",
    kind: "iCalendar",
    extension: "ics",
};
pub const WORD: SaveAs = SaveAs {
    title: "Save for Word",
    kind: "Word document",
    extension: "docx",
};
pub const REDLINE_WORD: SaveAs = SaveAs {
    title: "Save the redline for Word",
    kind: "Word document",
    extension: "docx",
};

/// Asks where to save `file_name` as `save` describes and, unless the user cancels, has
/// `write` write it there. The path written, or nothing when the user cancelled.
pub fn save<T>(
    app: &tauri::AppHandle,
    save: SaveAs,
    file_name: String,
    write: impl FnOnce(&Path) -> Result<T, ApiError>,
) -> Result<Option<String>, ApiError> {
    let chosen = app
        .dialog()
        .file()
        .set_title(save.title)
        .set_file_name(file_name)
        .add_filter(save.kind, &[save.extension])
        .blocking_save_file();
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    write(&path)?;
    Ok(Some(path.display().to_string()))
}

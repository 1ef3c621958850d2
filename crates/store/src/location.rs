use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::StoreError;

/// The app's identifier; the default workspace lives in the user's data folder under it
/// (the same folder Tauri calls the app-data directory).
pub const APP_IDENTIFIER: &str = "app.slastudio.desktop";

/// The environment variable naming a workspace folder, for tests and power users.
pub const WORKSPACE_ENV: &str = "SLA_STUDIO_WORKSPACE";

/// The database file inside a workspace folder.
pub const DATABASE_FILE: &str = "workspace.sqlite";

/// The workspace folder: the one given explicitly (`--workspace DIR`), else the one in
/// `SLA_STUDIO_WORKSPACE`, else the default in the user's data folder.
pub fn resolve_workspace_dir(
    explicit: Option<&Path>,
    env_value: Option<OsString>,
) -> Result<PathBuf, StoreError> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = env_value.filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    default_workspace_dir()
}

/// `$XDG_DATA_HOME/app.slastudio.desktop` on Linux (usually `~/.local/share/…`).
pub fn default_workspace_dir() -> Result<PathBuf, StoreError> {
    dirs::data_dir()
        .map(|d| d.join(APP_IDENTIFIER))
        .ok_or(StoreError::NoDataFolder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_folder_wins_over_the_environment() {
        let dir = resolve_workspace_dir(Some(Path::new("/a")), Some("/b".into())).unwrap();
        assert_eq!(dir, PathBuf::from("/a"));
    }

    #[test]
    fn environment_wins_over_the_default_unless_empty() {
        assert_eq!(
            resolve_workspace_dir(None, Some("/b".into())).unwrap(),
            PathBuf::from("/b")
        );
        let fallback = resolve_workspace_dir(None, Some("".into()));
        assert_eq!(fallback.ok(), default_workspace_dir().ok());
    }
}

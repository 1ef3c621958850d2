//! What the app and the CLI are told on their command lines, understood in one place: where
//! the workspace is, which clause library, and which version of a workspace agreement.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use sla_model::AgreementId;

use crate::{ApiError, ErrorCode};

/// Where a workspace lives. Today always a folder holding its SQLite file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkspaceLocation {
    Folder(PathBuf),
}

impl WorkspaceLocation {
    /// The workspace named by `--workspace` (`explicit`), else by `SLA_STUDIO_WORKSPACE`
    /// (`env_value`), else the default in the user's data folder.
    pub fn resolve(explicit: Option<&Path>, env_value: Option<OsString>) -> Result<Self, ApiError> {
        Ok(Self::Folder(sla_store::resolve_workspace_dir(
            explicit, env_value,
        )?))
    }
}

/// A version of a workspace agreement as it is named on a command line: `ID` (its working
/// draft) or `ID@N` (its round N).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionRef {
    pub id: String,
    pub round: Option<u32>,
}

impl VersionRef {
    /// `None` when `name` is no agreement id, with or without `@N` (a file name, say); an
    /// error when it is an id followed by `@` and something other than a round number.
    pub fn parse(name: &str) -> Result<Option<Self>, ApiError> {
        if let Some((id, round)) = name.rsplit_once('@')
            && AgreementId::parse(id).is_ok()
        {
            let round = round.parse().map_err(|_| {
                ApiError::new(
                    ErrorCode::InvalidInput,
                    format!("`{round}` is not a round number"),
                )
            })?;
            return Ok(Some(Self {
                id: id.to_owned(),
                round: Some(round),
            }));
        }
        Ok(AgreementId::parse(name).is_ok().then(|| Self {
            id: name.to_owned(),
            round: None,
        }))
    }

    /// [`VersionRef::parse`] for a name that must be a version of a workspace agreement.
    pub fn required(name: &str) -> Result<Self, ApiError> {
        Self::parse(name)?.ok_or_else(|| {
            let id = name.rsplit_once('@').map_or(name, |(id, _)| id);
            let reason = AgreementId::parse(id)
                .err()
                .map_or_else(|| format!("`{id}` is not an agreement id"), |e| e.to_string());
            ApiError::new(
                ErrorCode::InvalidInput,
                format!("{reason}; a version is ID, or ID@N for round N"),
            )
        })
    }
}

/// The clause library folder: `explicit` (`--library`), else `env_value`
/// (`SLA_STUDIO_LIBRARY`); `None` for the built-in library.
pub fn library_folder(explicit: Option<PathBuf>, env_value: Option<OsString>) -> Option<PathBuf> {
    explicit.or_else(|| env_value.filter(|v| !v.is_empty()).map(PathBuf::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0b7e1a52-8a0e-4f57-a8c5-2f6f4f0d9e10";

    #[test]
    fn versions_are_an_id_or_an_id_at_a_round() {
        assert_eq!(
            VersionRef::parse(&format!("{ID}@3")).unwrap(),
            Some(VersionRef {
                id: ID.into(),
                round: Some(3)
            })
        );
        assert_eq!(
            VersionRef::parse(ID).unwrap(),
            Some(VersionRef {
                id: ID.into(),
                round: None
            })
        );
        assert_eq!(VersionRef::parse("draft@2.json").unwrap(), None);
        assert_eq!(VersionRef::parse("sla.md").unwrap(), None);
        let bad = VersionRef::parse(&format!("{ID}@two")).unwrap_err();
        assert_eq!(
            (bad.code, bad.message.as_str()),
            (ErrorCode::InvalidInput, "`two` is not a round number")
        );
        let not_id = VersionRef::required("sla.md@2").unwrap_err();
        assert_eq!(
            not_id.message,
            "`sla.md` is not an agreement id (a UUID); a version is ID, or ID@N for round N"
        );
    }

    #[test]
    fn an_explicit_folder_comes_before_the_environment() {
        assert_eq!(
            WorkspaceLocation::resolve(Some(Path::new("/a")), Some("/b".into())).unwrap(),
            WorkspaceLocation::Folder(PathBuf::from("/a"))
        );
        assert_eq!(
            WorkspaceLocation::resolve(None, Some("/b".into())).unwrap(),
            WorkspaceLocation::Folder(PathBuf::from("/b"))
        );
    }
}

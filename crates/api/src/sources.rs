//! A version of an agreement as a command names it — an agreement file, a Markdown or text
//! document, a workspace agreement's working draft (`ID`) or its round N (`ID@N`) — and
//! reading it. Only the workspace versions open the workspace.

use std::path::{Path, PathBuf};

use sla_model::{Agreement, PartyRole};
use sla_pdf::Side;

use crate::{ApiError, Backend, ErrorCode, VersionRef};

/// One version of an agreement, wherever it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AgreementSource {
    /// An agreement file (JSON).
    File(PathBuf),
    /// A Markdown or plain-text document, read as `sla import` reads it.
    Document(PathBuf),
    /// A workspace agreement's working draft.
    Draft(String),
    /// Round N of a workspace agreement.
    Round(String, u32),
}

impl AgreementSource {
    /// What `name` stands for: `ID@N` is a round and an agreement id is a draft, unless a file
    /// of that name exists; any other name is a file, a document when its extension (`.md`,
    /// `.markdown`, `.txt`, `.text`) or its first character (anything but `{`) says so.
    pub fn parse(name: &str) -> Result<Self, ApiError> {
        let path = Path::new(name);
        if !path.exists()
            && let Some(version) = VersionRef::parse(name)?
        {
            return Ok(match version.round {
                Some(round) => Self::Round(version.id, round),
                None => Self::Draft(version.id),
            });
        }
        Ok(if is_text_document(path) {
            Self::Document(path.to_path_buf())
        } else {
            Self::File(path.to_path_buf())
        })
    }

    /// The workspace agreement this version belongs to, if it is in the workspace.
    pub fn workspace_id(&self) -> Option<&str> {
        match self {
            Self::Draft(id) | Self::Round(id, _) => Some(id),
            Self::File(_) | Self::Document(_) => None,
        }
    }
}

/// A file's name without its folder, as a PDF names the version it holds.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    )
}

/// Whether a file is a text document rather than an agreement file: by its extension, or,
/// without one of those, because it does not start as JSON does.
fn is_text_document(path: &Path) -> bool {
    let by_extension = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["md", "markdown", "txt", "text"].contains(&e.to_ascii_lowercase().as_str()));
    if by_extension {
        return true;
    }
    let mut start = [0u8; 256];
    let read = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut start))
        .unwrap_or(0);
    start[..read]
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b != b'{')
}

impl Backend {
    /// Reads one version; a document is read as the customer's, its counterparty unnamed.
    pub fn read_source(&self, source: &AgreementSource) -> Result<Agreement, ApiError> {
        match source {
            AgreementSource::File(path) => crate::read_agreement_file(path),
            AgreementSource::Document(path) => crate::read_document_file(path, PartyRole::Customer, ""),
            AgreementSource::Draft(id) => self.version(id, None),
            AgreementSource::Round(id, round) => self.version(id, Some(*round)),
        }
    }

    /// Reads two versions side by side, the older on a second thread.
    pub fn read_sources(
        &self,
        old: &AgreementSource,
        new: &AgreementSource,
    ) -> Result<(Agreement, Agreement), ApiError> {
        let (old, new) = std::thread::scope(|scope| {
            let older = scope.spawn(|| self.read_source(old));
            // The newer version is read here while the older one is read there; joining first
            // would read them one after the other.
            let newer = self.read_source(new);
            (older.join(), newer)
        });
        let old = old.map_err(|_| ApiError::new(ErrorCode::Internal, "reading the older version failed"))?;
        Ok((old?, new?))
    }

    /// How a PDF names a version: a round with its fingerprint, the working draft, or a file
    /// by its name.
    pub fn source_side(&self, source: &AgreementSource) -> Result<Side, ApiError> {
        match source {
            AgreementSource::File(path) | AgreementSource::Document(path) => Ok(Side {
                label: file_name(path),
                fingerprint: None,
            }),
            AgreementSource::Draft(id) => self.version_side(id, None),
            AgreementSource::Round(id, round) => self.version_side(id, Some(*round)),
        }
    }

    /// The agreement whose service levels are measured or whose key dates are listed: a file
    /// as it is (with no day it was agreed), a workspace agreement's agreed version with the
    /// day it was agreed.
    pub fn agreed_source(
        &self,
        source: &AgreementSource,
    ) -> Result<(Agreement, Option<jiff::civil::Date>), ApiError> {
        match source {
            AgreementSource::Draft(id) => {
                let (agreement, agreed_on) = self.agreed_version(id)?;
                Ok((agreement, Some(agreed_on)))
            }
            AgreementSource::Round(..) => Err(crate::backend_sources::round_not_agreed()),
            AgreementSource::File(_) | AgreementSource::Document(_) => Ok((self.read_source(source)?, None)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0b7e1a52-8a0e-4f57-a8c5-2f6f4f0d9e10";

    #[test]
    fn names_are_rounds_drafts_documents_or_files() {
        assert_eq!(
            AgreementSource::parse(&format!("{ID}@2")).unwrap(),
            AgreementSource::Round(ID.into(), 2)
        );
        assert_eq!(
            AgreementSource::parse(ID).unwrap(),
            AgreementSource::Draft(ID.into())
        );
        assert_eq!(
            AgreementSource::parse("reply.md").unwrap(),
            AgreementSource::Document("reply.md".into())
        );
        assert_eq!(
            AgreementSource::parse("agreement.json").unwrap(),
            AgreementSource::File("agreement.json".into())
        );
        assert!(AgreementSource::parse(&format!("{ID}@two")).is_err());

        // A file named like an id is the file.
        let dir = tempfile::tempdir().unwrap();
        let named_like_an_id = dir.path().join(ID);
        std::fs::write(&named_like_an_id, "Plain words.").unwrap();
        assert_eq!(
            AgreementSource::parse(named_like_an_id.to_str().unwrap()).unwrap(),
            AgreementSource::Document(named_like_an_id.clone())
        );
        std::fs::write(&named_like_an_id, " {\"format_version\": 1}").unwrap();
        assert_eq!(
            AgreementSource::parse(named_like_an_id.to_str().unwrap()).unwrap(),
            AgreementSource::File(named_like_an_id)
        );
    }

    #[test]
    fn files_are_read_without_opening_a_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let document = dir.path().join("sla.txt");
        std::fs::write(&document, "1. Availability\n\nThe service is available.\n").unwrap();
        // A workspace that cannot be opened is never reached.
        let not_a_folder = dir.path().join("not-a-folder");
        std::fs::write(&not_a_folder, "").unwrap();
        let backend = Backend::open(&not_a_folder);
        let source = AgreementSource::Document(document);
        let agreement = backend.read_source(&source).unwrap();
        assert!(agreement.clause_count() >= 1);
        assert_eq!(backend.source_side(&source).unwrap().label, "sla.txt");
        assert_eq!(
            backend
                .read_source(&AgreementSource::Draft(ID.into()))
                .unwrap_err()
                .code,
            ErrorCode::WorkspaceUnavailable
        );
        // A round where the agreed version is meant is refused before any workspace is read.
        assert_eq!(
            backend
                .agreed_source(&AgreementSource::Round(ID.into(), 2))
                .unwrap_err()
                .code,
            ErrorCode::InvalidInput
        );
    }
}

//! Agreement files outside the workspace: read with a size limit, written atomically.

use std::io::Write;
use std::path::Path;

use sla_model::Agreement;
use sla_model::agreement_limits::MAX_JSON_BYTES;

use crate::{ApiError, ErrorCode, FileLimits};

/// The largest file of each kind this module reads.
pub fn file_limits() -> FileLimits {
    let bytes = |max: usize| u32::try_from(max).unwrap_or(u32::MAX);
    FileLimits {
        document_bytes: bytes(sla_import::MAX_MARKDOWN_BYTES),
        package_bytes: bytes(sla_exchange::MAX_PACKAGE_BYTES),
        word_bytes: bytes(sla_docx::MAX_DOCX_BYTES),
        measurement_bytes: bytes(MAX_MEASUREMENT_BYTES),
    }
}

/// Measurement files are read whole; the largest kind (a ticket export) sets the limit.
const MAX_MEASUREMENT_BYTES: usize = sla_measure::MAX_TICKET_BYTES;

/// Reads a file the user named, refusing one larger than `max` bytes before reading it;
/// `kind` names what such a file is in the refusal ("a package is at most …").
fn read_limited(path: &Path, max: usize, kind: &str) -> Result<Vec<u8>, ApiError> {
    let shown = path.display();
    let unreadable =
        |e: std::io::Error| ApiError::new(ErrorCode::InvalidInput, format!("cannot read {shown}: {e}"));
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > max as u64 {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("{shown} is {size} bytes; {kind} is at most {max} bytes"),
        ));
    }
    std::fs::read(path).map_err(unreadable)
}

/// [`read_limited`] for a text file.
fn read_limited_text(path: &Path, max: usize, kind: &str) -> Result<String, ApiError> {
    String::from_utf8(read_limited(path, max, kind)?).map_err(|_| {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!("cannot read {}: it is not UTF-8 text", path.display()),
        )
    })
}

/// Reads an agreement JSON file, refusing files larger than the format allows before
/// reading them.
pub fn read_agreement_file(path: &Path) -> Result<Agreement, ApiError> {
    let text = read_limited_text(path, MAX_JSON_BYTES, "an agreement file")?;
    Agreement::from_json(&text)
        .map_err(|e| ApiError::new(ErrorCode::InvalidInput, format!("{}: {e}", path.display())))
}

/// Reads an agreement written elsewhere — Markdown, or plain text for a `.txt` file — into
/// sections and clauses, refusing a file larger than the importer takes before reading it.
/// The title is the document's own, else the file's name.
pub fn read_document_file(
    path: &Path,
    our_role: sla_model::PartyRole,
    counterparty: &str,
) -> Result<Agreement, ApiError> {
    read_document(path, our_role, counterparty).map(|(agreement, _)| agreement)
}

/// A document imported to be kept: read as [`read_document_file`] reads it, and checked to
/// hold every word of the file in order (a word the readers would drop is refused, naming it,
/// rather than lost). Returns the agreement and how many words the file has.
pub fn import_document_file(
    path: &Path,
    our_role: sla_model::PartyRole,
    counterparty: &str,
) -> Result<(Agreement, usize), ApiError> {
    let (agreement, text) = read_document(path, our_role, counterparty)?;
    let words = every_word_kept(&file_name(path), &path.display().to_string(), &text, &agreement)?;
    Ok((agreement, words))
}

/// A document file read into an agreement, with the file's text.
fn read_document(
    path: &Path,
    our_role: sla_model::PartyRole,
    counterparty: &str,
) -> Result<(Agreement, String), ApiError> {
    let text = read_limited_text(path, sla_import::MAX_MARKDOWN_BYTES, "a document to import")?;
    let agreement = document_agreement(
        &file_name(path),
        &path.display().to_string(),
        &text,
        our_role,
        counterparty,
    )?;
    Ok((agreement, text))
}

/// The last part of `path` (empty when it has none).
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// How many words `text` has, when `agreement` holds them all in order; else a refusal that
/// names the first word it lacks.
pub(crate) fn every_word_kept(
    file_name: &str,
    shown: &str,
    text: &str,
    agreement: &Agreement,
) -> Result<usize, ApiError> {
    use sla_import::words;
    let source = if sla_import::is_plain_text(file_name) {
        words::text_words(text)
    } else {
        words::markdown_words(text)
    };
    match words::first_missing(&source, &words::agreement_words(agreement)) {
        None => Ok(source.len()),
        Some(missing) => Err(ApiError::new(
            ErrorCode::Internal,
            format!(
                "{shown}: the import would lose the word “{}” (word {} of {}, near “{}”); nothing was imported",
                missing.word,
                missing.index + 1,
                source.len(),
                missing.context
            ),
        )),
    }
}

/// A document's text read into an agreement: `file_name` chooses the reader (plain text for
/// `.txt`, else Markdown) and gives the title when the document has none; a refusal names
/// the file as `shown`.
pub(crate) fn document_agreement(
    file_name: &str,
    shown: &str,
    text: &str,
    our_role: sla_model::PartyRole,
    counterparty: &str,
) -> Result<Agreement, ApiError> {
    let fallback = Path::new(file_name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "Imported agreement".into());
    sla_import::import_document(
        file_name,
        text,
        sla_model::AgreementId::random(),
        &fallback,
        our_role,
        counterparty,
    )
    .map_err(|e| ApiError::new(ErrorCode::InvalidInput, format!("{shown}: {e}")))
}

/// Writes `bytes` to `path` so that a crash leaves either the old file or the new one:
/// a temporary file in the same folder, flushed to disk, renamed over the target, and the
/// folder flushed.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    let failed = |e: std::io::Error| {
        ApiError::new(
            ErrorCode::Storage,
            format!("cannot write {}: {e}", path.display()),
        )
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::env::current_dir().map_err(failed)?,
    };
    let name = path.file_name().ok_or_else(|| {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!("{} is not a file name", path.display()),
        )
    })?;
    let temporary = folder.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        std::fs::File::open(&folder)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result.map_err(failed)
}

/// Reads an exchange package file, refusing one larger than a package may be before reading it.
pub fn read_package_file(path: &Path) -> Result<Vec<u8>, ApiError> {
    read_limited(path, sla_exchange::MAX_PACKAGE_BYTES, "a package")
}

/// Reads a Word file, refusing one larger than a Word file may be before reading it.
pub fn read_word_file(path: &Path) -> Result<Vec<u8>, ApiError> {
    read_limited(path, sla_docx::MAX_DOCX_BYTES, "a Word file")
}

/// Reads a measurement file (incident log, ticket export, column mapping) as text, refusing
/// one larger than the largest export accepted before reading it.
pub fn read_measurement_file(path: &Path) -> Result<String, ApiError> {
    read_limited_text(path, MAX_MEASUREMENT_BYTES, "a measurement file")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_atomically_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sla.json");
        let agreement = Agreement::blank(
            sla_model::AgreementId::random(),
            sla_model::Title::new("SLA").unwrap(),
            sla_model::PartyRole::Customer,
            "Vendor",
        );
        write_file_atomically(&path, agreement.to_json_pretty().as_bytes()).unwrap();
        assert_eq!(read_agreement_file(&path).unwrap(), agreement);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file is left behind"
        );
    }

    #[test]
    fn refuses_missing_oversized_and_invalid_files() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read_agreement_file(&dir.path().join("none.json"))
                .unwrap_err()
                .code,
            ErrorCode::InvalidInput
        );
        let big = dir.path().join("big.json");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(MAX_JSON_BYTES as u64 + 1)
            .unwrap();
        assert!(read_agreement_file(&big).unwrap_err().message.contains("at most"));
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, r#"{"format_version": 1, "id": "nope"}"#).unwrap();
        assert!(
            read_agreement_file(&bad)
                .unwrap_err()
                .message
                .contains("bad.json: id")
        );
    }
}

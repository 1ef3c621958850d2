use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

use jiff::Timestamp;
use sla_model::{AgreementId, Party, PartyRole, Title, ValueError, check_free_text};
use sla_store::{AgreementRecord, AgreementSummary, Workspace};
use sla_templates::{DraftRequest, Library};

use crate::history::Histories;
use crate::view::{AgreementView, CreditOwed, TemplateInfo, TemplateRequest};
use crate::{ApiError, ErrorCode, NewAgreement, WorkspaceInfo, WorkspaceLocation, load_library};

/// The workspace behind the app's and the CLI's commands. The workspace is opened by the first
/// command that needs it, so that a command reading only files (`sla redline a.txt b.txt`)
/// never touches one. If it cannot be opened, the backend still exists and every command
/// that needs it answers with the reason (`workspace_unavailable`), so the UI can say what
/// went wrong instead of the app failing to start.
#[derive(Debug)]
pub struct Backend {
    folder: PathBuf,
    /// Opened on first use.
    workspace: OnceLock<Result<Mutex<Workspace>, ApiError>>,
    /// Loaded on first use, so that opening the app does not wait for the library's checks.
    library: OnceLock<Result<Library, ApiError>>,
    /// A clause library folder to use instead of the built-in one.
    library_folder: Option<PathBuf>,
    /// Undo and redo of this run's edits, per agreement.
    histories: Mutex<Histories>,
}

impl Backend {
    /// The workspace in `folder` with the built-in clause library.
    pub fn open(folder: &Path) -> Self {
        Self::with_library(folder, None)
    }

    /// The workspace in `folder` with the clause library in `library_folder` (the built-in
    /// one when `None`).
    pub fn with_library(folder: &Path, library_folder: Option<PathBuf>) -> Self {
        Self {
            folder: folder.to_path_buf(),
            workspace: OnceLock::new(),
            library: OnceLock::new(),
            library_folder,
            histories: Mutex::default(),
        }
    }

    /// The backend for the workspace named at launch — `explicit` (the shell's or the CLI's
    /// `--workspace`), else `env_value` (`SLA_STUDIO_WORKSPACE`), else the default data
    /// folder — with the clause library in `library_folder` (the built-in one when `None`).
    /// A workspace that cannot even be located answers every command with the reason.
    pub fn launch(
        explicit: Option<&Path>,
        env_value: Option<OsString>,
        library_folder: Option<PathBuf>,
    ) -> Self {
        match WorkspaceLocation::resolve(explicit, env_value) {
            Ok(WorkspaceLocation::Folder(folder)) => Self::with_library(&folder, library_folder),
            // Commands on files and the library still work.
            Err(error) => Self {
                workspace: OnceLock::from(Err(error)),
                ..Self::with_library(Path::new(""), library_folder)
            },
        }
    }

    pub(crate) fn workspace(&self) -> Result<MutexGuard<'_, Workspace>, ApiError> {
        let opened = self.workspace.get_or_init(|| {
            Workspace::open(&self.folder)
                .map(Mutex::new)
                .map_err(ApiError::from)
        });
        match opened {
            Ok(mutex) => mutex.lock().map_err(|_| {
                ApiError::new(
                    ErrorCode::Internal,
                    "the workspace is unusable after an earlier failure; restart SLA Studio",
                )
            }),
            Err(error) => Err(error.clone()),
        }
    }

    pub(crate) fn histories(&self) -> Result<MutexGuard<'_, Histories>, ApiError> {
        self.histories.lock().map_err(|_| {
            ApiError::new(
                ErrorCode::Internal,
                "the edit history is unusable; restart SLA Studio",
            )
        })
    }

    pub(crate) fn library(&self) -> Result<&Library, ApiError> {
        self.library
            .get_or_init(|| load_library(self.library_folder.as_deref()))
            .as_ref()
            .map_err(ApiError::clone)
    }

    pub fn list_templates(&self) -> Result<Vec<TemplateInfo>, ApiError> {
        Ok(crate::view::templates(self.library()?))
    }

    /// Drafts an agreement from a template and stores it. The counterparty must be named.
    pub fn create_from_template(
        &self,
        request: TemplateRequest,
        now: Timestamp,
    ) -> Result<AgreementSummary, ApiError> {
        let (our_role, named) = (request.our_role, request.counterparty.clone());
        let agreement = self.draft_from_template(request)?;
        counterparty_name(&named)?;
        Ok(self.workspace()?.insert_agreement(&agreement, our_role, now)?)
    }

    /// Drafts an agreement from a template without storing it (`sla new --out FILE`): the
    /// parties may be left unnamed, to be named later.
    pub fn draft_from_template(&self, request: TemplateRequest) -> Result<sla_model::Agreement, ApiError> {
        let counterparty = request.counterparty.trim();
        if !counterparty.is_empty() {
            counterparty_name(counterparty)?;
        }
        let title = request
            .title
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty());
        if let Some(title) = &title {
            agreement_title(title)?;
        }
        let our_name = request.our_name.trim();
        check_free_text(our_name, Party::MAX_NAME_CHARS, false)
            .map_err(|e| ApiError::invalid("Our legal name", &e))?;
        let (customer, provider) = match request.our_role {
            PartyRole::Customer => (our_name.to_owned(), counterparty.to_owned()),
            PartyRole::Provider => (counterparty.to_owned(), our_name.to_owned()),
        };
        let library = self.library()?;
        let draft_request = DraftRequest {
            template: request.template,
            position: request.position,
            title,
            customer,
            provider,
            options: request.options,
            set: request
                .set
                .into_iter()
                .filter(|(_, value)| !value.trim().is_empty())
                .collect(),
        };
        sla_templates::draft(library, &draft_request, AgreementId::random()).map_err(|error| {
            match &error {
                // Name the term as the dialog labels it.
                sla_templates::LibraryError::InvalidTerm { term, message } => match library.term(term) {
                    Some((spec, _)) => {
                        ApiError::new(ErrorCode::InvalidInput, format!("{}: {message}", spec.label))
                    }
                    None => ApiError::from(error),
                },
                _ => ApiError::from(error),
            }
        })
    }

    /// The editor's view of an agreement: document, terms, findings.
    pub fn agreement_view(&self, id: &str) -> Result<AgreementView, ApiError> {
        let agreement_id = parse_id(id)?;
        let library = self.library()?;
        self.view_from(self.workspace()?, agreement_id, library)
    }

    /// The editor's view, read under the workspace lock the caller holds (then released).
    pub(crate) fn view_from(
        &self,
        workspace: MutexGuard<'_, Workspace>,
        id: AgreementId,
        library: &Library,
    ) -> Result<AgreementView, ApiError> {
        let record = workspace.agreement(id)?;
        let pending = workspace.pending_comments(id)?;
        let comments = crate::review::round_comments(&workspace.rounds(id)?);
        let keys = party_keys(&workspace, id)?;
        drop(workspace);
        let history = self.histories()?.state(id);
        let mut view = crate::view::agreement_view(record, library, history, pending, comments);
        view.party_keys = keys;
        Ok(view)
    }

    /// Sets one term of the draft from what the user typed, saves the draft, and returns the
    /// updated view. An invalid value is refused with the reason and nothing is saved.
    pub fn set_term(
        &self,
        id: &str,
        term: &str,
        value: &str,
        now: Timestamp,
    ) -> Result<AgreementView, ApiError> {
        self.change_term(id, term, now, |spec| {
            sla_templates::term_value_from_text(spec, value)
        })
    }

    /// Sets a table-valued term (credit tiers, priority matrix) from edited cells.
    pub fn set_term_table(
        &self,
        id: &str,
        term: &str,
        rows: &[Vec<String>],
        now: Timestamp,
    ) -> Result<AgreementView, ApiError> {
        self.change_term(id, term, now, |spec| {
            sla_templates::table_value_from_rows(spec, rows)
        })
    }

    /// Replaces a term's value with what `parse` makes of the user's input, checks the
    /// library's range, and re-drafts library wording that depends on the value.
    fn change_term(
        &self,
        id: &str,
        term: &str,
        now: Timestamp,
        parse: impl FnOnce(
            &sla_templates::TermSpec,
        ) -> Result<sla_model::TermValue, sla_templates::TermValueError>,
    ) -> Result<AgreementView, ApiError> {
        self.edit(id, now, |draft, library| {
            crate::editing::set_term_value(draft, library, term, parse)
        })
    }

    /// The credit owed under the draft's tiers and cap at an achieved availability.
    pub fn credit_owed(&self, id: &str, achieved: &str) -> Result<CreditOwed, ApiError> {
        let agreement = self.open_agreement(id)?.agreement;
        crate::view::credit_owed(&agreement, achieved)
    }

    pub fn workspace_info(&self) -> Result<WorkspaceInfo, ApiError> {
        let key_fingerprint = self.workspace()?.public_key().fingerprint();
        Ok(WorkspaceInfo {
            path: self.folder.display().to_string(),
            key_fingerprint,
            limits: crate::files::file_limits(),
        })
    }

    pub fn list_agreements(&self) -> Result<Vec<AgreementSummary>, ApiError> {
        Ok(self.workspace()?.list_agreements()?)
    }

    pub fn create_agreement(
        &self,
        request: NewAgreement,
        now: Timestamp,
    ) -> Result<AgreementSummary, ApiError> {
        let title = agreement_title(&request.title)?;
        let counterparty = counterparty_name(&request.counterparty)?;
        Ok(self
            .workspace()?
            .create_agreement(title, request.our_role, counterparty, now)?)
    }

    /// Stores an agreement drafted elsewhere (from a template, or read from a file).
    pub fn insert_agreement(
        &self,
        agreement: &sla_model::Agreement,
        our_role: sla_model::PartyRole,
        now: Timestamp,
    ) -> Result<AgreementSummary, ApiError> {
        Ok(self.workspace()?.insert_agreement(agreement, our_role, now)?)
    }

    pub fn open_agreement(&self, id: &str) -> Result<AgreementRecord, ApiError> {
        let id = parse_id(id)?;
        Ok(self.workspace()?.agreement(id)?)
    }

    pub fn rename_agreement(
        &self,
        id: &str,
        title: &str,
        now: Timestamp,
    ) -> Result<AgreementSummary, ApiError> {
        let id = parse_id(id)?;
        let title = agreement_title(title)?;
        Ok(self.workspace()?.rename_agreement(id, title, now)?)
    }

    pub fn delete_agreement(&self, id: &str) -> Result<(), ApiError> {
        let id = parse_id(id)?;
        self.workspace()?.delete_agreement(id)?;
        self.forget_history(id);
        Ok(())
    }
}

pub(crate) fn parse_id(id: &str) -> Result<AgreementId, ApiError> {
    AgreementId::parse(id).map_err(|e| ApiError::new(ErrorCode::InvalidInput, e.to_string()))
}

/// The key each party of an agreement signs with, as fingerprints.
pub(crate) fn party_keys(
    workspace: &Workspace,
    id: AgreementId,
) -> Result<Vec<crate::view::PartyKey>, ApiError> {
    Ok(workspace
        .party_keys(id)?
        .into_iter()
        .map(|(role, key)| crate::view::PartyKey {
            role,
            fingerprint: key.fingerprint(),
        })
        .collect())
}

/// An agreement's title as typed, refused (as the `title` field) when blank, too long or
/// with control characters.
fn agreement_title(typed: &str) -> Result<Title, ApiError> {
    Title::new(typed).map_err(|e| ApiError::invalid_field("title", "Agreement title", &e))
}

/// The other party's legal name as typed, trimmed; refused (as the `counterparty` field)
/// when blank or not a name.
fn counterparty_name(typed: &str) -> Result<&str, ApiError> {
    let name = typed.trim();
    let checked = if name.is_empty() {
        Err(ValueError::new("must not be empty"))
    } else {
        check_free_text(name, Party::MAX_NAME_CHARS, false)
    };
    checked.map_err(|e| ApiError::invalid_field("counterparty", "Counterparty", &e))?;
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sla_model::PartyRole;

    fn request(title: &str, counterparty: &str) -> NewAgreement {
        NewAgreement {
            title: title.into(),
            our_role: PartyRole::Customer,
            counterparty: counterparty.into(),
        }
    }

    #[test]
    fn create_open_rename_delete() {
        let dir = tempfile::tempdir().unwrap();
        let backend = Backend::open(dir.path());
        let now = Timestamp::from_second(1_800_000_000).unwrap();
        let created = backend
            .create_agreement(request(" Hosting SLA ", "Cloudy Ltd"), now)
            .unwrap();
        assert_eq!(created.title, "Hosting SLA");
        let record = backend.open_agreement(&created.id.to_string()).unwrap();
        assert_eq!(record.agreement.parties.provider.name, "Cloudy Ltd");
        let renamed = backend
            .rename_agreement(&created.id.to_string(), "Hosting SLA 2027", now)
            .unwrap();
        assert_eq!(backend.list_agreements().unwrap(), vec![renamed]);
        backend.delete_agreement(&created.id.to_string()).unwrap();
        assert!(backend.list_agreements().unwrap().is_empty());
        let gone = backend.open_agreement(&created.id.to_string()).unwrap_err();
        assert_eq!(gone.code, ErrorCode::NotFound);
    }

    #[test]
    fn refuses_bad_requests_with_invalid_input() {
        let dir = tempfile::tempdir().unwrap();
        let backend = Backend::open(dir.path());
        let now = Timestamp::UNIX_EPOCH;
        let blank = backend
            .create_agreement(request("  ", "Cloudy"), now)
            .unwrap_err();
        assert_eq!(
            (blank.code, blank.message.as_str(), blank.field.as_deref()),
            (
                ErrorCode::InvalidInput,
                "Agreement title: must not be empty",
                Some("title")
            )
        );
        let no_counterparty = backend.create_agreement(request("SLA", " "), now).unwrap_err();
        assert_eq!(
            (no_counterparty.code, no_counterparty.field.as_deref()),
            (ErrorCode::InvalidInput, Some("counterparty"))
        );
        // The limit counts characters, not UTF-16 units: 200 letters from outside the Basic
        // Multilingual Plane (400 units) are a valid title, 201 are not.
        let astral = "\u{1D516}".repeat(200);
        let created = backend.create_agreement(request(&astral, "Cloudy"), now).unwrap();
        assert_eq!(created.title, astral);
        let too_long = backend
            .create_agreement(request(&format!("{astral}S"), "Cloudy"), now)
            .unwrap_err();
        assert_eq!(too_long.field.as_deref(), Some("title"));
        assert!(too_long.message.contains("at most 200"), "{}", too_long.message);
        backend.delete_agreement(&created.id.to_string()).unwrap();
        assert_eq!(
            backend.open_agreement("../../etc/passwd").unwrap_err().code,
            ErrorCode::InvalidInput
        );
        assert!(backend.list_agreements().unwrap().is_empty());
    }

    #[test]
    fn the_launch_folder_comes_before_the_environment() {
        let from_arg = tempfile::tempdir().unwrap();
        let from_env = tempfile::tempdir().unwrap();
        let backend = Backend::launch(Some(from_arg.path()), Some(from_env.path().into()), None);
        assert_eq!(
            backend.workspace_info().unwrap().path,
            from_arg.path().display().to_string()
        );
        let backend = Backend::launch(None, Some(from_env.path().into()), None);
        assert_eq!(
            backend.workspace_info().unwrap().path,
            from_env.path().display().to_string()
        );
    }

    #[test]
    fn drafts_from_a_template_and_edits_a_term_with_validation() {
        let dir = tempfile::tempdir().unwrap();
        let backend = Backend::open(dir.path());
        let now = Timestamp::from_second(1_800_000_000).unwrap();
        let templates = backend.list_templates().unwrap();
        assert!(templates.iter().any(|t| t.id == "saas-availability"));
        let request = TemplateRequest {
            template: "saas-availability".into(),
            position: sla_templates::Position::Balanced,
            our_role: PartyRole::Customer,
            title: None,
            counterparty: "Cloudy Hosting Ltd".into(),
            our_name: String::new(),
            options: Default::default(),
            set: Default::default(),
        };
        let summary = backend.create_from_template(request, now).unwrap();
        assert_eq!(summary.title, "SaaS Availability SLA");
        let id = summary.id.to_string();
        let view = backend.agreement_view(&id).unwrap();
        let target = view.terms.iter().find(|t| t.id == "availability.target").unwrap();
        assert_eq!(target.input.as_deref(), Some("99.9"));

        let refused = backend
            .set_term(&id, "availability.target", "120", now)
            .unwrap_err();
        assert_eq!(refused.code, ErrorCode::InvalidInput);
        assert!(
            refused
                .message
                .starts_with("Availability target: a percentage must be between 0 and 100"),
            "{}",
            refused.message
        );
        assert_eq!(
            backend.agreement_view(&id).unwrap().terms,
            view.terms,
            "nothing saved"
        );

        let updated = backend
            .set_term(&id, "availability.target", "99.95", now)
            .unwrap();
        let target = updated
            .terms
            .iter()
            .find(|t| t.id == "availability.target")
            .unwrap();
        assert_eq!(target.value, "99.95 %");
        assert_eq!(
            target
                .meaning
                .as_deref()
                .map(|m| m.starts_with("allows 21 m 54 s")),
            Some(true)
        );
        let owed = backend.credit_owed(&id, "99.5").unwrap();
        assert_eq!(
            (owed.credit.as_deref(), owed.capped, owed.downtime.as_str()),
            (Some("10 %"), false, "3 h 39 m 8 s")
        );
        assert_eq!(backend.credit_owed(&id, "99.99").unwrap().credit, None);
        assert_eq!(
            backend.credit_owed(&id, "abc").unwrap_err().code,
            ErrorCode::InvalidInput
        );
        let chart = updated.credit_chart.as_ref().unwrap();
        assert_eq!(
            (chart.target, chart.cap, chart.steps.len()),
            (Some(99.95), Some(50.0), 3)
        );
        // The scale: a band per tier from a whole percent below the deepest, and credits up
        // to a fifth above the highest (the cap, when it is lower, limits each step).
        let deepest = chart.steps.last().unwrap().below;
        assert_eq!(chart.bands.first(), Some(&(deepest - 1.0).floor()));
        assert_eq!(chart.bands.last(), Some(&100.0));
        assert!(chart.bands.windows(2).all(|w| w[0] < w[1]), "{:?}", chart.bands);
        assert_eq!(chart.bands.len(), chart.steps.len() + 2);
        let highest = chart.steps.iter().map(|s| s.credit).fold(50.0_f64, f64::max);
        assert!((chart.credit_ceiling - highest * 1.2).abs() < 1e-9);
        assert_eq!(chart.credit_ticks.first(), Some(&0.0));
        assert!(chart.credit_ticks.windows(2).all(|w| w[0] < w[1]));
        let availability = &updated.document[1].clauses[0];
        assert!(availability.paragraphs[0].iter().any(|s| matches!(s, crate::view::TextSegment::Term { term, text, .. } if term == "availability.target" && text == "99.95 %")));
    }

    #[test]
    fn an_unopenable_workspace_answers_every_command_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        std::fs::write(&file, "not a folder").unwrap();
        let backend = Backend::open(&file);
        let error = backend.list_agreements().unwrap_err();
        assert_eq!(error.code, ErrorCode::WorkspaceUnavailable);
        assert!(error.message.contains("a-file"), "{}", error.message);
        assert_eq!(backend.workspace_info().unwrap_err(), error);
    }
}

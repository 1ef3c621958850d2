use serde::Serialize;
use sla_model::{ModelError, ValueError};
use sla_store::StoreError;
use thiserror::Error;
use ts_rs::TS;

/// What kind of failure it was, for the UI to branch on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The agreement (or round) does not exist (any more).
    NotFound,
    /// What the user typed or a file contained was refused; the message says why.
    InvalidInput,
    /// The request conflicts with the agreement's state (locked, out of order).
    Conflict,
    /// The workspace database failed or holds damaged data.
    Storage,
    /// The workspace could not be opened at all.
    WorkspaceUnavailable,
    /// A fault in SLA Studio itself.
    Internal,
}

/// An error as it crosses to the UI or the CLI's output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS, Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// A value the user gave for `what` was refused.
    pub fn invalid(what: &str, error: &ValueError) -> Self {
        Self::new(ErrorCode::InvalidInput, format!("{what}: {error}"))
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        let code = match &error {
            StoreError::NotFound(_) => ErrorCode::NotFound,
            StoreError::Invalid(_) => ErrorCode::InvalidInput,
            StoreError::RoundOutOfOrder { .. } | StoreError::Locked(_) | StoreError::BrokenChain { .. } => {
                ErrorCode::Conflict
            }
            StoreError::Database(_) | StoreError::Corrupt { .. } | StoreError::Migration(_) => {
                ErrorCode::Storage
            }
            StoreError::NoDataFolder
            | StoreError::Folder { .. }
            | StoreError::NotAWorkspace { .. }
            | StoreError::NewerSchema { .. } => ErrorCode::WorkspaceUnavailable,
        };
        Self::new(code, error.to_string())
    }
}

impl From<ModelError> for ApiError {
    fn from(error: ModelError) -> Self {
        Self::new(ErrorCode::InvalidInput, error.to_string())
    }
}

impl From<sla_exchange::ExchangeError> for ApiError {
    fn from(error: sla_exchange::ExchangeError) -> Self {
        use sla_exchange::ExchangeError as E;
        let code = match &error {
            E::Fork { .. } | E::Stale { .. } | E::NothingNew { .. } => ErrorCode::Conflict,
            _ => ErrorCode::InvalidInput,
        };
        let message = error.to_string();
        let mut chars = message.chars();
        let message: String = chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        ApiError::new(code, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sla_model::AgreementId;

    #[test]
    fn serialises_as_code_and_message() {
        let error = ApiError::from(StoreError::NotFound(
            AgreementId::parse("6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11").unwrap(),
        ));
        assert_eq!(
            serde_json::to_string(&error).unwrap(),
            r#"{"code":"not_found","message":"there is no agreement with id 6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11 in this workspace"}"#
        );
    }

    #[test]
    fn store_errors_map_to_the_codes_the_ui_branches_on() {
        let newer = StoreError::NewerSchema {
            path: "/w".into(),
            found: 9,
            known: 1,
        };
        assert_eq!(ApiError::from(newer).code, ErrorCode::WorkspaceUnavailable);
        let out_of_order = StoreError::RoundOutOfOrder {
            proposed: 3,
            latest: 1,
        };
        assert_eq!(ApiError::from(out_of_order).code, ErrorCode::Conflict);
        let invalid = StoreError::Invalid(ModelError::invalid("title", "must not be empty"));
        assert_eq!(ApiError::from(invalid).code, ErrorCode::InvalidInput);
    }
}

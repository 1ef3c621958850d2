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
    /// A round is signed with a key other than the one that party used before; `key_change`
    /// says which, for the user to check with the other side before trusting it.
    KeyChanged,
    /// A fault in SLA Studio itself.
    Internal,
}

/// An error as it crosses to the UI or the CLI's output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS, Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// With `KeyChanged`: the pinned key and the new one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub key_change: Option<Box<KeyChange>>,
    /// With `InvalidInput` for a form: the request field the refusal is about (`title`,
    /// `counterparty`), for the form to show it beside that field.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

/// A party signing with a new key: what the user compares with the other side by phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct KeyChange {
    /// The first round signed with the new key.
    pub round: u32,
    pub role: sla_model::PartyRole,
    /// The fingerprint of the key that party signed with so far (eight groups of five digits).
    pub pinned_fingerprint: String,
    pub new_fingerprint: String,
    /// The new key itself, to pass back when the user trusts it.
    pub new_key: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            key_change: None,
            field: None,
        }
    }

    /// The value of the request's `field` was refused: `what` names it in the message.
    pub fn invalid_field(field: &str, what: &str, error: &ValueError) -> Self {
        Self {
            field: Some(field.to_owned()),
            ..Self::invalid(what, error)
        }
    }

    /// The same error, its message said of `what` (`Availability target: …`).
    pub fn about(self, what: &str) -> Self {
        Self {
            message: format!("{what}: {}", self.message),
            ..self
        }
    }

    /// A value the user gave for `what` was refused.
    pub fn invalid(what: &str, error: &ValueError) -> Self {
        Self::new(ErrorCode::InvalidInput, error.to_string()).about(what)
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        if let StoreError::KeyChanged {
            round,
            role,
            pinned,
            found,
        } = &error
        {
            let mut api = Self::new(ErrorCode::KeyChanged, capitalised(&error.to_string()));
            api.key_change = Some(Box::new(KeyChange {
                round: *round,
                role: *role,
                pinned_fingerprint: pinned.fingerprint(),
                new_fingerprint: found.fingerprint(),
                new_key: found.to_hex(),
            }));
            return api;
        }
        let code = match &error {
            StoreError::NotFound(_) => ErrorCode::NotFound,
            StoreError::Invalid(_) | StoreError::Signature(_) => ErrorCode::InvalidInput,
            StoreError::KeyChanged { .. } => ErrorCode::KeyChanged,
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

impl From<sla_templates::TermValueError> for ApiError {
    fn from(error: sla_templates::TermValueError) -> Self {
        use sla_templates::TermValueError as E;
        let code = match &error {
            E::Unreadable(_) | E::OutOfRange(_) => ErrorCode::InvalidInput,
            E::BadLimit(_) => ErrorCode::Internal,
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
        ApiError::new(code, capitalised(&error.to_string()))
    }
}

fn capitalised(message: &str) -> String {
    let mut chars = message.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sla_model::AgreementId;

    #[test]
    fn a_refused_value_is_the_user_s_input_but_a_broken_library_limit_is_ours() {
        use sla_templates::TermValueError as E;
        let refused = ApiError::from(E::OutOfRange("90 % is below 95 %".into())).about("Availability target");
        assert_eq!(refused.code, ErrorCode::InvalidInput);
        assert_eq!(refused.message, "Availability target: 90 % is below 95 %");
        assert_eq!(
            ApiError::from(E::Unreadable("x".into())).code,
            ErrorCode::InvalidInput
        );
        assert_eq!(ApiError::from(E::BadLimit("x".into())).code, ErrorCode::Internal);
    }

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

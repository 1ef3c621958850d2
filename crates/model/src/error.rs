use thiserror::Error;

/// Why a single value was refused (no field name: the caller knows where the value sits).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0}")]
pub struct ValueError(pub String);

impl ValueError {
    pub fn new(reason: impl Into<String>) -> Self {
        Self(reason.into())
    }
}

/// Why an agreement, a round or their JSON was refused; always names the field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ModelError {
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: String },
    #[error(
        "this file uses agreement format version {found}, but this version of SLA Studio reads version {supported}"
    )]
    UnsupportedFormat { found: u32, supported: u32 },
    #[error("{field}: {reason}")]
    Json { field: String, reason: String },
}

impl ModelError {
    pub fn invalid(field: impl Into<String>, reason: impl std::fmt::Display) -> Self {
        Self::Invalid {
            field: field.into(),
            reason: reason.to_string(),
        }
    }

    /// The dotted path of the field at fault (`terms.availability.target.value`).
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Invalid { field, .. } | Self::Json { field, .. } => Some(field),
            Self::UnsupportedFormat { .. } => Some("format_version"),
        }
    }
}

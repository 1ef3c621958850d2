use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ModelError, check_free_text};

/// Which side of the agreement a party is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    /// The party that buys the service (procurement).
    Customer,
    /// The party that delivers the service (the vendor).
    Provider,
}

impl PartyRole {
    pub fn other(self) -> Self {
        match self {
            Self::Customer => Self::Provider,
            Self::Provider => Self::Customer,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Provider => "provider",
        }
    }

    /// The role as a contract names it: `Customer`, `Provider`.
    pub fn title(self) -> &'static str {
        match self {
            Self::Customer => "Customer",
            Self::Provider => "Provider",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "customer" => Some(Self::Customer),
            "provider" => Some(Self::Provider),
            _ => None,
        }
    }
}

impl fmt::Display for PartyRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The person who signs for a party.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Signatory {
    pub name: String,
    pub title: String,
    pub email: Option<String>,
}

/// One party: its legal name (empty while a draft has not named it yet) and signatory.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Party {
    pub name: String,
    pub signatory: Option<Signatory>,
}

impl Party {
    pub const MAX_NAME_CHARS: usize = 200;

    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            signatory: None,
        }
    }

    pub fn validate(&self, field: &str) -> Result<(), ModelError> {
        check_free_text(&self.name, Self::MAX_NAME_CHARS, false)
            .map_err(|e| ModelError::invalid(format!("{field}.name"), e))?;
        if let Some(signatory) = &self.signatory {
            let field = format!("{field}.signatory");
            if signatory.name.trim().is_empty() {
                return Err(ModelError::invalid(format!("{field}.name"), "must not be empty"));
            }
            check_free_text(&signatory.name, Self::MAX_NAME_CHARS, false)
                .map_err(|e| ModelError::invalid(format!("{field}.name"), e))?;
            check_free_text(&signatory.title, Self::MAX_NAME_CHARS, false)
                .map_err(|e| ModelError::invalid(format!("{field}.title"), e))?;
            if let Some(email) = &signatory.email {
                check_email(email).map_err(|reason| ModelError::invalid(format!("{field}.email"), reason))?;
            }
        }
        Ok(())
    }
}

/// A deliberately small check: one `@` with text on both sides, a dot in the domain, no
/// spaces. Whether the mailbox exists is not ours to decide.
fn check_email(email: &str) -> Result<(), String> {
    let valid = email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
    if valid {
        Ok(())
    } else {
        Err(format!("`{email}` is not an e-mail address"))
    }
}

/// The two parties of an agreement.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Parties {
    pub customer: Party,
    pub provider: Party,
}

impl Parties {
    pub fn get(&self, role: PartyRole) -> &Party {
        match role {
            PartyRole::Customer => &self.customer,
            PartyRole::Provider => &self.provider,
        }
    }

    /// The party's legal name, or `[Customer not yet named]` for a document to show.
    pub fn name_or_placeholder(&self, role: PartyRole) -> String {
        let name = self.get(role).name.trim();
        if name.is_empty() {
            format!("[{} not yet named]", role.title())
        } else {
            name.to_owned()
        }
    }

    pub fn get_mut(&mut self, role: PartyRole) -> &mut Party {
        match role {
            PartyRole::Customer => &mut self.customer,
            PartyRole::Provider => &mut self.provider,
        }
    }

    pub fn validate(&self) -> Result<(), ModelError> {
        self.customer.validate("parties.customer")?;
        self.provider.validate("parties.provider")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signatory(email: Option<&str>) -> Party {
        Party {
            name: "Acme GmbH".into(),
            signatory: Some(Signatory {
                name: "Dana Weber".into(),
                title: "Head of Procurement".into(),
                email: email.map(String::from),
            }),
        }
    }

    #[test]
    fn roles_have_an_other_side_and_a_wire_name() {
        assert_eq!(PartyRole::Customer.other(), PartyRole::Provider);
        assert_eq!(
            serde_json::to_string(&PartyRole::Provider).unwrap(),
            "\"provider\""
        );
        assert_eq!(PartyRole::parse("customer"), Some(PartyRole::Customer));
        assert_eq!(PartyRole::parse("vendor"), None);
    }

    #[test]
    fn a_party_with_a_complete_signatory_is_valid() {
        assert_eq!(
            signatory(Some("dana.weber@acme.example")).validate("parties.customer"),
            Ok(())
        );
        assert_eq!(Party::default().validate("parties.provider"), Ok(()));
    }

    #[test]
    fn bad_signatory_details_are_refused_naming_the_field() {
        let error = signatory(Some("dana at acme"))
            .validate("parties.customer")
            .unwrap_err();
        assert_eq!(error.field(), Some("parties.customer.signatory.email"));
        let mut blank = signatory(None);
        blank.signatory.as_mut().unwrap().name = " ".into();
        assert_eq!(
            blank.validate("parties.provider").unwrap_err().field(),
            Some("parties.provider.signatory.name")
        );
        let long = Party::named("x".repeat(201));
        assert_eq!(
            long.validate("parties.customer").unwrap_err().field(),
            Some("parties.customer.name")
        );
    }
}

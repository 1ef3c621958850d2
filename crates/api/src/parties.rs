//! Editing who the agreement is between: both parties' legal names and signatories, and the
//! effective date.

use serde::{Deserialize, Serialize};
use sla_model::terms::CalendarDate;
use sla_model::{Agreement, Party, Signatory, check_free_text};
use ts_rs::TS;

use crate::{ApiError, ErrorCode};

/// The parties form: names and signatories as typed; an empty signatory name means none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PartiesUpdate {
    pub customer: PartyInput,
    pub provider: PartyInput,
    /// `YYYY-MM-DD`, or empty when not agreed yet.
    pub effective_date: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PartyInput {
    pub name: String,
    pub signatory_name: String,
    pub signatory_title: String,
    pub signatory_email: String,
}

impl PartyInput {
    fn to_party(&self, role: &str) -> Result<Party, ApiError> {
        let invalid = |what: &str, reason: String| {
            ApiError::new(ErrorCode::InvalidInput, format!("{role} {what}: {reason}"))
        };
        let name = self.name.trim();
        check_free_text(name, Party::MAX_NAME_CHARS, false)
            .map_err(|e| invalid("legal name", e.to_string()))?;
        let (person, title, email) = (
            self.signatory_name.trim(),
            self.signatory_title.trim(),
            self.signatory_email.trim(),
        );
        let signatory = if person.is_empty() {
            if !title.is_empty() || !email.is_empty() {
                return Err(invalid("signatory", "give the signatory's name too".into()));
            }
            None
        } else {
            Some(Signatory {
                name: person.to_owned(),
                title: title.to_owned(),
                email: (!email.is_empty()).then(|| email.to_owned()),
            })
        };
        let party = Party {
            name: name.to_owned(),
            signatory,
        };
        party.validate(role).map_err(|e| {
            // `Customer.signatory.email: …` reads better as `Customer signatory e-mail: …`.
            let message = e
                .to_string()
                .replace(
                    &format!("{role}.signatory.email"),
                    &format!("{role} signatory e-mail"),
                )
                .replace(
                    &format!("{role}.signatory.name"),
                    &format!("{role} signatory name"),
                )
                .replace(
                    &format!("{role}.signatory.title"),
                    &format!("{role} signatory title"),
                )
                .replace(&format!("{role}.name"), &format!("{role} legal name"));
            ApiError::new(ErrorCode::InvalidInput, message)
        })?;
        Ok(party)
    }
}

/// Applies the parties form to a draft.
pub fn set_parties(agreement: &mut Agreement, update: &PartiesUpdate) -> Result<String, ApiError> {
    let customer = update.customer.to_party("Customer")?;
    let provider = update.provider.to_party("Provider")?;
    let date = update.effective_date.trim();
    let effective_date = if date.is_empty() {
        None
    } else {
        Some(
            CalendarDate::parse(date)
                .map_err(|e| ApiError::new(ErrorCode::InvalidInput, format!("Effective date: {e}")))?,
        )
    };
    agreement.parties.customer = customer;
    agreement.parties.provider = provider;
    agreement.effective_date = effective_date;
    Ok("change the parties".to_owned())
}

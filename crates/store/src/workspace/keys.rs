//! Keys: this workspace's key pair, and each party's signing key pinned on first contact.

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use sla_model::{AgreementId, Identity, ModelError, PartyRole, PublicKey, Round};

use crate::StoreError;

use super::Workspace;

impl Workspace {
    /// The public half of this workspace's key pair, which signs every round it proposes.
    pub fn public_key(&self) -> PublicKey {
        self.identity.public_key()
    }

    /// The key each party of an agreement signs its rounds with (pinned on first contact).
    pub fn party_keys(&self, id: AgreementId) -> Result<Vec<(PartyRole, PublicKey)>, StoreError> {
        party_keys(&self.conn, id)
    }

    /// Checks what [`Workspace::import_rounds`] would check of the rounds' signatures and
    /// keys, changing nothing.
    pub fn check_round_keys(
        &self,
        id: AgreementId,
        rounds: &[Round],
        trusted_key: Option<PublicKey>,
    ) -> Result<(), StoreError> {
        keys_to_pin(party_keys(&self.conn, id)?, rounds, trusted_key).map(drop)
    }
}

/// The workspace's key pair, made and stored on first open.
pub(super) fn load_or_create_identity(conn: &mut Connection) -> Result<Identity, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let stored: Option<Vec<u8>> = tx
        .query_row("SELECT secret_key FROM identity WHERE only_row = 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    let identity = match stored {
        Some(bytes) => {
            let secret: [u8; 32] = bytes.try_into().map_err(|_| StoreError::Corrupt {
                id: "identity".into(),
                source: ModelError::invalid("secret_key", "is not 32 bytes"),
            })?;
            Identity::from_secret(secret)
        }
        None => {
            let identity = Identity::generate().map_err(|e| ModelError::invalid("identity", e))?;
            tx.execute(
                "INSERT INTO identity (only_row, secret_key) VALUES (1, ?1)",
                [identity.secret().to_vec()],
            )?;
            identity
        }
    };
    tx.commit()?;
    Ok(identity)
}

pub(super) fn party_keys(
    conn: &Connection,
    id: AgreementId,
) -> Result<Vec<(PartyRole, PublicKey)>, StoreError> {
    let mut statement =
        conn.prepare_cached("SELECT role, public_key FROM party_keys WHERE agreement_id = ?1 ORDER BY role")?;
    let rows = statement.query_map([id.to_string()], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    rows.map(|row| {
        let (role, key) = row?;
        let corrupt = |field: &str, value: &str| StoreError::Corrupt {
            id: format!("{id} keys"),
            source: ModelError::invalid(field, format!("`{value}` is not valid")),
        };
        Ok((
            PartyRole::parse(&role).ok_or_else(|| corrupt("role", &role))?,
            PublicKey::parse(&key).map_err(|_| corrupt("public_key", &key))?,
        ))
    })
    .collect()
}

/// Verifies each round's signature and applies key pinning: the first key a party signs
/// with is kept; a round signed with another is refused unless it is `trusted_key`. Returns
/// the keys to pin (first contact, or a new key the user trusted).
pub(super) fn keys_to_pin(
    mut pinned: Vec<(PartyRole, PublicKey)>,
    rounds: &[Round],
    trusted_key: Option<PublicKey>,
) -> Result<Vec<(PartyRole, PublicKey)>, StoreError> {
    let mut new_pins = Vec::new();
    for round in rounds {
        let key = round.verify_signature()?;
        match pinned.iter_mut().find(|(role, _)| *role == round.author) {
            Some((_, held)) if *held == key => {}
            Some((_, held)) if trusted_key != Some(key) => {
                return Err(StoreError::KeyChanged {
                    round: round.number,
                    role: round.author,
                    pinned: *held,
                    found: key,
                });
            }
            Some((_, held)) => {
                *held = key;
                new_pins.push((round.author, key));
            }
            None => {
                pinned.push((round.author, key));
                new_pins.push((round.author, key));
            }
        }
    }
    Ok(new_pins)
}

/// Records the key a party of an agreement signs with (replacing an earlier one).
pub(super) fn pin_key(
    tx: &Transaction<'_>,
    id: AgreementId,
    role: PartyRole,
    key: PublicKey,
    at: Timestamp,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO party_keys (agreement_id, role, public_key, pinned_at_ms) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (agreement_id, role) DO UPDATE SET public_key = excluded.public_key, pinned_at_ms = excluded.pinned_at_ms",
        params![id.to_string(), role.as_str(), key.to_hex(), at.as_millisecond()],
    )?;
    Ok(())
}

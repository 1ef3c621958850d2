//! Who proposed a round: each workspace holds an ed25519 key pair, signs every round it
//! proposes, and names the key in the round. Signatures are checked with `verify_strict`
//! (no small-order keys, no malleable signatures).

use std::fmt;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;
use ts_rs::TS;

use crate::{Round, RoundHash, ValueError};

/// What a round signature signs: this label, then the round's 32-byte fingerprint. The label
/// keeps a signature over a round from meaning anything else.
const ROUND_SIGNATURE_DOMAIN: &[u8] = b"SLA Studio round signature, format 1\0";

/// A party's public key (ed25519), written as 64 lowercase hexadecimal digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct PublicKey([u8; 32]);

/// A signature (ed25519), written as 128 lowercase hexadecimal digits.
#[derive(Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SignatureBytes([u8; 64]);

/// A round's signature: the key that signed and what it signed the fingerprint with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundSignature {
    pub key: PublicKey,
    pub signature: SignatureBytes,
}

/// Why a round's signature was refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SignatureError {
    #[error("round {round} is not signed")]
    Unsigned { round: u32 },
    #[error("round {round}'s signature does not match its content and key")]
    Invalid { round: u32 },
}

/// This workspace's own key pair. The secret never leaves the workspace.
pub struct Identity {
    key: SigningKey,
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Identity")
            .field("public_key", &self.public_key())
            .finish_non_exhaustive()
    }
}

impl Identity {
    /// A new key pair from the operating system's random source.
    pub fn generate() -> Result<Self, ValueError> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret)
            .map_err(|e| ValueError::new(format!("no random numbers for a new key: {e}")))?;
        Ok(Self::from_secret(secret))
    }

    pub fn from_secret(secret: [u8; 32]) -> Self {
        Self {
            key: SigningKey::from_bytes(&secret),
        }
    }

    /// The 32 secret bytes, to keep in the workspace.
    pub fn secret(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.key.verifying_key().to_bytes())
    }

    /// Signs the round's fingerprint and sets the round's signature.
    pub fn sign(&self, round: &mut Round) {
        let signature = self.key.sign(&signed_message(round.hash()));
        round.signature = Some(RoundSignature {
            key: self.public_key(),
            signature: SignatureBytes(signature.to_bytes()),
        });
    }
}

fn signed_message(hash: RoundHash) -> Vec<u8> {
    let mut message = ROUND_SIGNATURE_DOMAIN.to_vec();
    message.extend_from_slice(&hash.to_bytes());
    message
}

impl Round {
    /// Checks the round's signature against its content; returns the key that signed it.
    pub fn verify_signature(&self) -> Result<PublicKey, SignatureError> {
        let Some(signed) = self.signature else {
            return Err(SignatureError::Unsigned { round: self.number });
        };
        let invalid = SignatureError::Invalid { round: self.number };
        let key = VerifyingKey::from_bytes(&signed.key.0).map_err(|_| invalid.clone())?;
        key.verify_strict(
            &signed_message(self.hash()),
            &Signature::from_bytes(&signed.signature.0),
        )
        .map_err(|_| invalid)?;
        Ok(signed.key)
    }
}

impl PublicKey {
    pub fn parse(hex: &str) -> Result<Self, ValueError> {
        let bytes = parse_hex::<32>(hex)
            .ok_or_else(|| ValueError::new(format!("`{hex}` is not a public key (64 hexadecimal digits)")))?;
        let key = Self(bytes);
        VerifyingKey::from_bytes(&bytes).map_err(|_| ValueError::new("not a valid ed25519 public key"))?;
        Ok(key)
    }

    pub fn to_hex(self) -> String {
        to_hex(&self.0)
    }

    /// The key's fingerprint as eight groups of five digits (`07261 55830 …`): short enough to
    /// read aloud over the phone, and digits are never misheard as letters. Each group is four
    /// bytes of the key's SHA-256, taken modulo 100,000 (about 133 bits in all).
    pub fn fingerprint(self) -> String {
        let digest = Sha256::digest([b"SLA Studio key fingerprint\0".as_slice(), &self.0].concat());
        digest
            .chunks_exact(4)
            .map(|chunk| {
                let value = u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
                format!("{:05}", value % 100_000)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.fingerprint())
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl TryFrom<String> for PublicKey {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, ValueError> {
        Self::parse(&value)
    }
}

impl From<PublicKey> for String {
    fn from(key: PublicKey) -> Self {
        key.to_hex()
    }
}

impl SignatureBytes {
    pub fn parse(hex: &str) -> Result<Self, ValueError> {
        parse_hex::<64>(hex)
            .map(Self)
            .ok_or_else(|| ValueError::new("not a signature (128 hexadecimal digits)"))
    }

    pub fn to_hex(self) -> String {
        to_hex(&self.0)
    }
}

impl fmt::Debug for SignatureBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SignatureBytes({})", self.to_hex())
    }
}

impl TryFrom<String> for SignatureBytes {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, ValueError> {
        Self::parse(&value)
    }
}

impl From<SignatureBytes> for String {
    fn from(signature: SignatureBytes) -> Self {
        signature.to_hex()
    }
}

pub(crate) fn parse_hex<const N: usize>(hex: &str) -> Option<[u8; N]> {
    if hex.len() != 2 * N || !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    let mut bytes = [0u8; N];
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(bytes)
}

pub(crate) fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Agreement, AgreementId, PartyRole, Title};
    use jiff::Timestamp;

    fn round() -> Round {
        let snapshot = Agreement::blank(
            AgreementId::random(),
            Title::new("SLA").unwrap(),
            PartyRole::Customer,
            "Vendor",
        );
        Round::new(
            1,
            PartyRole::Customer,
            Timestamp::UNIX_EPOCH,
            "Opening",
            None,
            snapshot,
        )
        .unwrap()
    }

    #[test]
    fn a_signed_round_verifies_and_names_its_key() {
        let identity = Identity::generate().unwrap();
        let mut round = round();
        assert_eq!(
            round.verify_signature(),
            Err(SignatureError::Unsigned { round: 1 })
        );
        identity.sign(&mut round);
        assert_eq!(round.verify_signature(), Ok(identity.public_key()));
        let json = serde_json::to_string(&round).unwrap();
        let back: Round = serde_json::from_str(&json).unwrap();
        assert_eq!(back.verify_signature(), Ok(identity.public_key()));
        assert_eq!(
            back.hash(),
            round.hash(),
            "the signature is not part of the fingerprint"
        );
    }

    #[test]
    fn any_change_to_the_round_the_key_or_the_signature_is_refused() {
        let identity = Identity::generate().unwrap();
        let other = Identity::generate().unwrap();
        let mut round = round();
        identity.sign(&mut round);
        let invalid = Err(SignatureError::Invalid { round: 1 });

        let mut changed = round.clone();
        changed.message.push('!');
        assert_eq!(changed.verify_signature(), invalid);

        let mut swapped = round.clone();
        if let Some(signature) = swapped.signature.as_mut() {
            signature.key = other.public_key();
        }
        assert_eq!(swapped.verify_signature(), invalid);

        for bit in [0, 100, 511] {
            let mut flipped = round.clone();
            if let Some(signature) = flipped.signature.as_mut() {
                signature.signature.0[bit / 8] ^= 1 << (bit % 8);
            }
            assert_eq!(flipped.verify_signature(), invalid, "bit {bit}");
        }

        // A small-order key with an all-zero signature "verifies" everything under plain
        // `verify`; `verify_strict` refuses it.
        let mut identity_point = [0u8; 32];
        identity_point[0] = 1;
        let mut weak = round.clone();
        weak.signature = Some(RoundSignature {
            key: PublicKey(identity_point),
            signature: SignatureBytes([0; 64]),
        });
        assert_eq!(weak.verify_signature(), invalid);
    }

    #[test]
    fn fingerprints_are_eight_groups_of_five_digits_and_keys_parse_back() {
        let identity = Identity::from_secret([7; 32]);
        let key = identity.public_key();
        let fingerprint = key.fingerprint();
        assert_eq!(fingerprint.len(), 8 * 5 + 7, "{fingerprint}");
        assert!(
            fingerprint
                .split(' ')
                .all(|g| g.len() == 5 && g.bytes().all(|b| b.is_ascii_digit()))
        );
        assert_ne!(
            fingerprint,
            Identity::from_secret([8; 32]).public_key().fingerprint()
        );
        assert_eq!(PublicKey::parse(&key.to_hex()).unwrap(), key);
        assert_eq!(Identity::from_secret(identity.secret()).public_key(), key);
        assert!(PublicKey::parse("zz").is_err());
        assert!(PublicKey::parse(&"A".repeat(64)).is_err(), "lower case only");
        assert!(SignatureBytes::parse(&"0".repeat(127)).is_err());
        assert!(!format!("{identity:?}").contains(&to_hex(&identity.secret())));
    }
}

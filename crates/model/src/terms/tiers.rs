use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Percentage;
use crate::ValueError;

/// One row of a service-credit table: when the achieved level is below `below`, the
/// customer is owed `credit` percent of the period's fees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct CreditTier {
    pub below: Percentage,
    pub credit: Percentage,
}

/// Service-credit tiers by achieved level, best level first. Thresholds strictly fall and
/// credits strictly rise down the table, so a worse month never earns a smaller credit.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "TierTableFields")]
pub struct TierTable {
    tiers: Vec<CreditTier>,
}

#[derive(Deserialize)]
struct TierTableFields {
    tiers: Vec<CreditTier>,
}

impl TryFrom<TierTableFields> for TierTable {
    type Error = ValueError;
    fn try_from(f: TierTableFields) -> Result<Self, ValueError> {
        Self::new(f.tiers)
    }
}

impl TierTable {
    pub const MAX_TIERS: usize = 20;

    pub fn new(tiers: Vec<CreditTier>) -> Result<Self, ValueError> {
        if tiers.is_empty() || tiers.len() > Self::MAX_TIERS {
            return Err(ValueError::new(format!(
                "a credit table needs between 1 and {} tiers, not {}",
                Self::MAX_TIERS,
                tiers.len()
            )));
        }
        for (i, tier) in tiers.iter().enumerate() {
            let row = i + 1;
            if tier.credit.thousandths() == 0 {
                return Err(ValueError::new(format!(
                    "tier {row}: a credit of 0 % is not a tier"
                )));
            }
            if tier.below.thousandths() == 0 {
                return Err(ValueError::new(format!("tier {row}: no level is below 0 %")));
            }
            if let Some(previous) = i.checked_sub(1).and_then(|p| tiers.get(p)) {
                if tier.below >= previous.below {
                    return Err(ValueError::new(format!(
                        "tier {row}: its threshold {} must be lower than tier {i}'s {}",
                        tier.below, previous.below
                    )));
                }
                if tier.credit <= previous.credit {
                    return Err(ValueError::new(format!(
                        "tier {row}: its credit {} must be higher than tier {i}'s {}",
                        tier.credit, previous.credit
                    )));
                }
            }
        }
        Ok(Self { tiers })
    }

    pub fn tiers(&self) -> &[CreditTier] {
        &self.tiers
    }

    /// The credit owed for an achieved level: the deepest tier whose threshold it falls below.
    pub fn credit_for(&self, achieved: Percentage) -> Option<Percentage> {
        self.tiers
            .iter()
            .rev()
            .find(|tier| achieved < tier.below)
            .map(|tier| tier.credit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tier(below: f64, credit: f64) -> CreditTier {
        CreditTier {
            below: Percentage::new(below).unwrap(),
            credit: Percentage::new(credit).unwrap(),
        }
    }

    #[test]
    fn finds_the_deepest_tier_reached() {
        let table = TierTable::new(vec![tier(99.9, 10.0), tier(99.0, 25.0), tier(95.0, 50.0)]).unwrap();
        let credit = |level| {
            table
                .credit_for(Percentage::new(level).unwrap())
                .map(Percentage::value)
        };
        assert_eq!(credit(99.95), None);
        assert_eq!(credit(99.9), None);
        assert_eq!(credit(99.5), Some(10.0));
        assert_eq!(credit(98.0), Some(25.0));
        assert_eq!(credit(90.0), Some(50.0));
    }

    #[test]
    fn refuses_non_monotonic_empty_and_zero_tiers() {
        assert!(TierTable::new(vec![]).is_err());
        assert!(TierTable::new(vec![tier(99.0, 10.0), tier(99.5, 25.0)]).is_err());
        assert!(TierTable::new(vec![tier(99.9, 25.0), tier(99.0, 10.0)]).is_err());
        assert!(TierTable::new(vec![tier(99.9, 10.0), tier(99.0, 10.0)]).is_err());
        assert!(TierTable::new(vec![tier(99.9, 0.0)]).is_err());
        assert!(TierTable::new(vec![tier(0.0, 10.0)]).is_err());
        assert!(
            TierTable::new(
                (0..21)
                    .map(|i| tier(99.0 - f64::from(i), 1.0 + f64::from(i)))
                    .collect()
            )
            .is_err()
        );
    }

    #[test]
    fn validates_when_deserialised() {
        let error = serde_json::from_str::<TierTable>(
            r#"{"tiers":[{"below":99.9,"credit":25},{"below":99.0,"credit":10}]}"#,
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("tier 2: its credit 10 % must be higher"),
            "{error}"
        );
    }
}

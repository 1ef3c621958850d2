use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ValueError;

/// A percentage between 0 and 100 with at most three decimals (99.995 %), held exactly as
/// thousandths of a percent so that comparisons and sums never drift.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "f64", into = "f64")]
#[ts(type = "number")]
pub struct Percentage {
    thousandths: u32,
}

impl Percentage {
    pub const MAX_DECIMALS: u32 = 3;
    const SCALE: u32 = 1000;

    pub fn new(value: f64) -> Result<Self, ValueError> {
        if !value.is_finite() {
            return Err(ValueError::new("a percentage must be a number"));
        }
        if !(0.0..=100.0).contains(&value) {
            return Err(ValueError::new(format!(
                "a percentage must be between 0 and 100, not {value}"
            )));
        }
        let scaled = value * f64::from(Self::SCALE);
        let rounded = scaled.round();
        if (scaled - rounded).abs() > 1e-6 {
            return Err(ValueError::new(format!(
                "a percentage has at most {} decimals, not {value}",
                Self::MAX_DECIMALS
            )));
        }
        // In range 0..=100_000 after the checks above.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(Self {
            thousandths: rounded as u32,
        })
    }

    pub fn from_thousandths(thousandths: u32) -> Result<Self, ValueError> {
        if thousandths > 100 * Self::SCALE {
            return Err(ValueError::new(format!(
                "a percentage must be between 0 and 100, not {}",
                f64::from(thousandths) / f64::from(Self::SCALE)
            )));
        }
        Ok(Self { thousandths })
    }

    pub fn thousandths(self) -> u32 {
        self.thousandths
    }

    pub fn value(self) -> f64 {
        f64::from(self.thousandths) / f64::from(Self::SCALE)
    }
}

impl TryFrom<f64> for Percentage {
    type Error = ValueError;
    fn try_from(value: f64) -> Result<Self, ValueError> {
        Self::new(value)
    }
}

impl From<Percentage> for f64 {
    fn from(p: Percentage) -> f64 {
        p.value()
    }
}

impl fmt::Display for Percentage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} %", self.value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_three_decimals_exactly() {
        let p = Percentage::new(99.95).unwrap();
        assert_eq!(p.thousandths(), 99_950);
        assert_eq!(p.value(), 99.95);
        assert_eq!(Percentage::new(99.995).unwrap().thousandths(), 99_995);
        assert_eq!(p.to_string(), "99.95 %");
    }

    #[test]
    fn refuses_out_of_range_too_precise_and_not_a_number() {
        for bad in [-0.001, 100.001, 120.0, 99.9999, f64::NAN, f64::INFINITY] {
            assert!(Percentage::new(bad).is_err(), "{bad}");
        }
        assert!(Percentage::from_thousandths(100_001).is_err());
        assert!(Percentage::new(0.0).is_ok() && Percentage::new(100.0).is_ok());
    }

    #[test]
    fn deserialises_from_a_json_number_with_validation() {
        assert_eq!(
            serde_json::from_str::<Percentage>("99.9").unwrap(),
            Percentage::new(99.9).unwrap()
        );
        let error = serde_json::from_str::<Percentage>("101").unwrap_err().to_string();
        assert!(error.contains("between 0 and 100"), "{error}");
        assert_eq!(
            serde_json::to_string(&Percentage::new(99.95).unwrap()).unwrap(),
            "99.95"
        );
    }
}

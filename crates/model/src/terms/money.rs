use std::fmt;

use iso_currency::Currency;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ValueError;

/// An amount of money in an ISO 4217 currency, held exactly in the currency's minor units.
/// On the wire the amount is a decimal string (`"1250.00"`), never a float.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "MoneyFields", into = "MoneyFields")]
#[ts(as = "MoneyFields")]
pub struct Money {
    minor_units: i64,
    currency: Currency,
}

/// The wire form of [`Money`].
#[derive(Clone, Debug, Serialize, Deserialize, TS)]
#[ts(rename = "Money")]
pub struct MoneyFields {
    /// A non-negative decimal with at most the currency's number of decimals: `"1250.00"`.
    pub amount: String,
    /// An ISO 4217 code: `"EUR"`.
    pub currency: String,
}

impl Money {
    /// Ten trillion in major units is more than any SLA will state.
    pub const MAX_MAJOR_UNITS: i64 = 10_000_000_000_000;

    /// Parses `amount` (digits, optionally a point and decimals) in `currency_code`.
    pub fn parse(amount: &str, currency_code: &str) -> Result<Self, ValueError> {
        let currency = Currency::from_code(currency_code)
            .ok_or_else(|| ValueError::new(format!("`{currency_code}` is not an ISO 4217 currency code")))?;
        let exponent = currency.exponent().ok_or_else(|| {
            ValueError::new(format!(
                "{currency_code} has no minor unit and cannot be used for payments"
            ))
        })?;
        let exponent = usize::from(exponent);
        let bad = || {
            ValueError::new(format!(
                "`{amount}` is not an amount of {currency_code}: write digits with at most {exponent} decimals, like {}",
                if exponent == 0 {
                    "1250".to_owned()
                } else {
                    format!("1250.{}", "0".repeat(exponent))
                }
            ))
        };
        let (whole, fraction) = amount.split_once('.').unwrap_or((amount, ""));
        if whole.is_empty()
            || whole.len() > 15
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !fraction.bytes().all(|b| b.is_ascii_digit())
            || fraction.len() > exponent
            || (amount.contains('.') && fraction.is_empty())
        {
            return Err(bad());
        }
        let whole: i64 = whole.parse().map_err(|_| bad())?;
        if whole > Self::MAX_MAJOR_UNITS {
            return Err(ValueError::new(format!(
                "{amount} {currency_code} is more than any agreement can state"
            )));
        }
        let padded = format!("{fraction:0<exponent$}");
        let fraction: i64 = if padded.is_empty() {
            0
        } else {
            padded.parse().map_err(|_| bad())?
        };
        let scale = 10_i64.pow(u32::try_from(exponent).map_err(|_| bad())?);
        Ok(Self {
            minor_units: whole * scale + fraction,
            currency,
        })
    }

    /// `count` times this amount, if it stays within what an agreement can state.
    pub fn times(self, count: u32) -> Option<Self> {
        let minor_units = self.minor_units.checked_mul(i64::from(count))?;
        let scale = 10_i64.pow(self.exponent());
        (minor_units / scale <= Self::MAX_MAJOR_UNITS).then_some(Self {
            minor_units,
            currency: self.currency,
        })
    }

    pub fn minor_units(self) -> i64 {
        self.minor_units
    }

    pub fn currency_code(self) -> &'static str {
        self.currency.code()
    }

    fn exponent(self) -> u32 {
        u32::from(self.currency.exponent().unwrap_or(0))
    }

    /// The amount as a plain decimal string with the currency's decimals: `"1250.00"`.
    pub fn amount_string(self) -> String {
        let exponent = self.exponent();
        if exponent == 0 {
            return self.minor_units.to_string();
        }
        let scale = 10_i64.pow(exponent);
        format!(
            "{}.{:0width$}",
            self.minor_units / scale,
            self.minor_units % scale,
            width = exponent as usize
        )
    }
}

impl TryFrom<MoneyFields> for Money {
    type Error = ValueError;
    fn try_from(f: MoneyFields) -> Result<Self, ValueError> {
        Self::parse(&f.amount, &f.currency)
    }
}

impl From<Money> for MoneyFields {
    fn from(m: Money) -> Self {
        Self {
            amount: m.amount_string(),
            currency: m.currency_code().to_owned(),
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.currency_code(), self.amount_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exact_minor_units_per_currency() {
        let eur = Money::parse("1250.5", "EUR").unwrap();
        assert_eq!(eur.minor_units(), 125_050);
        assert_eq!(eur.to_string(), "EUR 1250.50");
        assert_eq!(Money::parse("1250", "JPY").unwrap().minor_units(), 1250);
        assert_eq!(Money::parse("1.005", "BHD").unwrap().minor_units(), 1005);
        assert_eq!(Money::parse("0", "USD").unwrap().amount_string(), "0.00");
    }

    #[test]
    fn refuses_bad_amounts_and_unknown_currencies() {
        for (amount, currency) in [
            ("-5", "EUR"),
            ("1,250.00", "EUR"),
            ("12.345", "EUR"),
            ("12.5", "JPY"),
            ("", "EUR"),
            ("1.", "EUR"),
            (".5", "EUR"),
            ("1e3", "EUR"),
            ("100", "XYZ"),
            ("100", "eur"),
            ("100", "XAU"),
            ("99999999999999", "EUR"),
        ] {
            assert!(Money::parse(amount, currency).is_err(), "{amount} {currency}");
        }
    }

    #[test]
    fn round_trips_through_json_as_decimal_strings() {
        let money: Money = serde_json::from_str(r#"{"amount":"1250","currency":"EUR"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&money).unwrap(),
            r#"{"amount":"1250.00","currency":"EUR"}"#
        );
        let error = serde_json::from_str::<Money>(r#"{"amount":"1.234","currency":"USD"}"#).unwrap_err();
        assert!(error.to_string().contains("at most 2 decimals"), "{error}");
    }
}

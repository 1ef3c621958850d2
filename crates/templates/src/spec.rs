//! The file formats of the clause library, as people write them (TOML). See
//! `templates/README.md` for the documentation authors read.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;
use ts_rs::TS;

/// Which playbook a clause's wording and defaults come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// Favours the customer (procurement's opening position).
    Customer,
    /// A fair middle most parties sign.
    Balanced,
    /// Favours the provider (the vendor's opening position).
    Provider,
}

impl Position {
    pub const ALL: [Position; 3] = [Position::Customer, Position::Balanced, Position::Provider];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Balanced => "balanced",
            Self::Provider => "provider",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// The type of a term as a clause file names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    Percentage,
    Duration,
    Money,
    Count,
    Date,
    Choice,
    Text,
    TierTable,
    PriorityMatrix,
    SupportSchedule,
}

impl TermKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Percentage => "percentage",
            Self::Duration => "duration",
            Self::Money => "money",
            Self::Count => "count",
            Self::Date => "date",
            Self::Choice => "choice",
            Self::Text => "text",
            Self::TierTable => "tier_table",
            Self::PriorityMatrix => "priority_matrix",
            Self::SupportSchedule => "support_schedule",
        }
    }
}

/// One clause file: `templates/clauses/<id>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClauseFile {
    pub id: String,
    pub category: String,
    pub heading: String,
    pub summary: String,
    #[serde(default)]
    pub terms: BTreeMap<String, Spanned<TermSpec>>,
    pub positions: PositionsSpec,
}

/// A typed parameter a clause defines.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermSpec {
    pub label: String,
    #[serde(rename = "type")]
    pub kind: TermKind,
    /// The default in every position unless the position sets its own.
    pub default: Option<toml::Value>,
    /// The allowed choices of a `choice` term.
    #[serde(default)]
    pub options: Vec<String>,
    /// Lowest allowed value (percentage, count, duration).
    pub min: Option<toml::Value>,
    /// Highest allowed value (percentage, count, duration).
    pub max: Option<toml::Value>,
    /// One sentence for the person filling it in.
    pub help: Option<String>,
    /// Which party a higher value favours (`customer` or `provider`), for the redline; absent
    /// when neither does.
    pub higher_favours: Option<sla_model::PartyRole>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionsSpec {
    pub customer: PositionSpec,
    pub balanced: PositionSpec,
    pub provider: PositionSpec,
}

impl PositionsSpec {
    pub fn get(&self, position: Position) -> &PositionSpec {
        match position {
            Position::Customer => &self.customer,
            Position::Balanced => &self.balanced,
            Position::Provider => &self.provider,
        }
    }
}

/// A position's wording (a template: `{{ term.id }}` quotes a term; `{% if %}` chooses
/// wording by `options.NAME` or `value["term.id"]`) and its defaults.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionSpec {
    #[serde(default)]
    pub defaults: BTreeMap<String, toml::Value>,
    pub text: Spanned<String>,
}

/// One agreement template: `templates/agreements/<id>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementTemplateFile {
    pub id: String,
    pub name: String,
    pub structure: Structure,
    pub description: String,
    #[serde(default)]
    pub options: BTreeMap<String, OptionSpec>,
    /// The terms the "New agreement" dialog asks for (each quoted by a clause the template
    /// always includes).
    #[serde(default)]
    pub key_terms: Vec<String>,
    pub sections: Vec<SectionSpec>,
}

/// How the agreement is organised (DESIGN.md's agreement types).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Structure {
    /// One customer, the services it buys.
    CustomerBased,
    /// One service, for all its customers.
    ServiceBased,
    /// Corporate, customer and service levels.
    MultiLevel,
}

/// A yes/no choice made when drafting (include clawback? mutual indemnity?).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OptionSpec {
    pub label: String,
    #[serde(default)]
    pub default: bool,
    pub help: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    pub id: String,
    pub heading: String,
    pub clauses: Vec<ClauseEntry>,
}

/// A clause in a template, always included or only when a condition holds.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum ClauseEntry {
    Always(String),
    When {
        clause: String,
        /// `"option"` or `"not option"`.
        when: String,
    },
}

impl ClauseEntry {
    pub fn clause(&self) -> &str {
        match self {
            Self::Always(id) | Self::When { clause: id, .. } => id,
        }
    }
}

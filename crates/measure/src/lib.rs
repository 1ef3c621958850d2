//! After signature: measuring the provider against the agreed SLA.
//!
//! [`read_incidents`] reads an incident log (CSV) whole or not at all, naming the line at
//! fault ([`read_samples`] does the same for per-minute monitoring samples); [`Period`] is a measurement window (a calendar month in a time zone);
//! [`availability`] computes what was achieved in a window under [`Definitions`] — each
//! incident clipped to the window, overlapping time counted once, scheduled maintenance
//! excluded only within its allowance, the causes the agreement excludes taken out of the
//! window — and shows its working.

mod attainment;
mod availability;
mod calendar;
mod chart;
mod clock;
mod csv_file;
mod definitions;
mod incidents;
mod key_dates;
mod letter;
mod period;
mod remedies;
mod report;
mod report_payments;
mod report_tickets;
mod samples;
mod tickets;

pub use attainment::{Attainment, PriorityAttainment, TicketReport, ticket_report};
pub use availability::{WindowAvailability, availability, group_thousands, percent_text};
pub use calendar::icalendar;
pub use chart::{ChartBar, ChartLevel, ReportChart, report_chart};
pub use clock::{elapsed, target_seconds};
pub use definitions::Definitions;
pub use incidents::{Cause, Incident, MeasureError, read_incidents};
pub use key_dates::{KeyDate, KeyDateKind, key_dates};
pub use letter::{ClaimLetter, claim_letter};
pub use period::{MAX_WINDOWS, Period, PeriodError};
pub use remedies::{Remedies, WindowRemedy, achieved_thousandths, remedies};
pub use report::{
    ChronicFailure, Citations, EarnBack, ExcludedTime, Fines, KpiFigure, ServiceLevelReport, TicketFigures,
    WindowReport, measure,
};
pub use samples::{MAX_SAMPLE_BYTES, read_samples};
pub use tickets::{ColumnMap, Columns, MAX_TICKET_BYTES, Ticket, read_tickets};

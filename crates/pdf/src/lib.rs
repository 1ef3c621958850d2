//! Signature-ready PDFs, Tauri-free: a layout engine over the fonts shipped with the app
//! (measured text, justified paragraphs with no lone line at a page edge, headings kept with
//! what follows, tables split between rows with their header repeated, signature blocks kept
//! whole, a table of contents, "Page N of M" and the fingerprint on every page), written as
//! PDF/A-2b with krilla.

mod agreement;
mod blocks;
mod chart;
mod claim_letter;
mod coverage;
mod decorate;
mod fonts;
mod history;
mod hyphenation;
mod lines;
mod paginate;
mod preview;
mod redline;
mod service_report;
mod write;

use sla_model::{Agreement, PartyRole};

pub use history::HistoryDocument;
pub use paginate::Paper;
pub use preview::{Preview, PreviewItem, PreviewPage};
pub use redline::{RedlineDocument, Side};
pub use service_report::ServiceReportDocument;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PdfError {
    #[error("the fonts built into the app could not be read")]
    Fonts,
    #[error("the document could not be laid out: {0}")]
    Layout(&'static str),
    #[error("the PDF could not be written: {0}")]
    Write(String),
    #[error(
        "The text holds characters the PDF's font cannot show ({characters}), first in “{context}”. Replace them, then make the PDF again."
    )]
    MissingGlyphs { characters: String, context: String },
}

/// The round a text is, for the title page, the footer and the metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundInfo {
    pub number: u32,
    pub author: PartyRole,
    pub proposed_at: jiff::Timestamp,
    /// The round's fingerprint (hex SHA-256).
    pub hash: String,
    /// When the other party accepted this round as final: it is then the agreed version.
    pub agreed_at: Option<jiff::Timestamp>,
    /// Who signed this text with which key: the round's author, and for the agreed version
    /// also the party whose acceptance repeated it.
    pub signers: Vec<Signer>,
}

/// A party's electronic signature on a round, by the fingerprint of the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signer {
    pub role: PartyRole,
    /// The key's fingerprint (eight groups of five digits).
    pub fingerprint: String,
    /// The round the party signed.
    pub round: u32,
}

/// One version of an agreement: a round (or the agreed round), or the working draft.
#[derive(Clone, Debug)]
pub struct Version<'a> {
    pub agreement: &'a Agreement,
    pub round: Option<RoundInfo>,
    /// When the PDF is made: its date when the text is not a round (a round's PDF is dated
    /// with the round, so it is the same file whenever it is printed).
    pub printed_at: jiff::Timestamp,
}

/// One of the three documents.
#[derive(Clone, Debug)]
pub enum Document<'a> {
    Agreement(Version<'a>),
    Redline(RedlineDocument<'a>),
    History(HistoryDocument<'a>),
    /// What a measured period entitles the customer to, with its working.
    ServiceReport(ServiceReportDocument<'a>),
    /// The draft claim letter, dated when it is printed.
    ClaimLetter(&'a sla_measure::ClaimLetter, jiff::Timestamp),
}

impl Document<'_> {
    fn parts(&self) -> (Vec<blocks::Block>, decorate::Info) {
        match self {
            Document::Agreement(version) => (agreement::blocks(version), agreement_info(version)),
            Document::Redline(redline) => (redline::blocks(redline), redline_info(redline)),
            Document::History(history) => (history::blocks(history), history_info(history)),
            Document::ServiceReport(report) => (service_report::blocks(report), report_info(report)),
            Document::ClaimLetter(letter, printed_at) => {
                (claim_letter::blocks(letter), letter_info(letter, *printed_at))
            }
        }
    }

    /// The document as a PDF on `paper`.
    pub fn pdf(&self, paper: Paper) -> Result<Vec<u8>, PdfError> {
        self.pdf_with_progress(paper, &mut |_, _| {})
    }

    /// The same, calling `progress(pages done, pages in all)` as each page is drawn.
    pub fn pdf_with_progress(
        &self,
        paper: Paper,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Vec<u8>, PdfError> {
        let fonts = fonts::Fonts::load().ok_or(PdfError::Fonts)?;
        let geometry = paginate::Geometry::of(paper);
        let (blocks, info) = self.parts();
        coverage::check(&blocks, &info, &fonts)?;
        let layout = paginate::layout(&blocks, geometry, &fonts);
        write::write(&layout, &info, geometry, &fonts, progress)
    }

    /// The first `pages` pages as the PDF draws them.
    pub fn preview(&self, paper: Paper, pages: usize) -> Result<Preview, PdfError> {
        let fonts = fonts::Fonts::load().ok_or(PdfError::Fonts)?;
        let geometry = paginate::Geometry::of(paper);
        let (blocks, info) = self.parts();
        coverage::check(&blocks, &info, &fonts)?;
        let layout = paginate::layout(&blocks, geometry, &fonts);
        let finished = decorate::finished_pages(&layout, &info, geometry, &fonts);
        Ok(preview::preview(&finished, geometry, pages))
    }
}

/// The first characters of a fingerprint, enough to tell rounds apart in a footer.
fn short(hash: &str) -> &str {
    hash.get(..16).unwrap_or(hash)
}

/// The redline between two versions as a PDF on `paper`.
pub fn redline_pdf(document: &RedlineDocument<'_>, paper: Paper) -> Result<Vec<u8>, PdfError> {
    Document::Redline(document.clone()).pdf(paper)
}

fn redline_info(document: &RedlineDocument<'_>) -> decorate::Info {
    // The footer names each side briefly: "round 1 (07ecc9708b1b45c4…)".
    let side = |s: &Side| {
        let name = s.label.split(',').next().unwrap_or(&s.label);
        match &s.fingerprint {
            Some(hash) => format!("{name} ({}…)", short(hash)),
            None => name.to_owned(),
        }
    };
    decorate::Info {
        title: format!("Redline: {}", document.title),
        header: format!("Redline: {}", document.title),
        footer: format!("From {} to {}", side(&document.from), side(&document.to)),
        authors: Vec::new(),
        description: format!("From {} to {}", document.from.label, document.to.label),
        keywords: [&document.from.fingerprint, &document.to.fingerprint]
            .into_iter()
            .flatten()
            .cloned()
            .collect(),
        created: document.printed_at,
        document_id: format!("redline-{}-{}", document.from.label, document.to.label),
    }
}

/// The negotiation history as a PDF on `paper`.
pub fn history_pdf(document: &HistoryDocument<'_>, paper: Paper) -> Result<Vec<u8>, PdfError> {
    Document::History(document.clone()).pdf(paper)
}

fn history_info(document: &HistoryDocument<'_>) -> decorate::Info {
    let last = document.rounds.last();
    decorate::Info {
        title: format!("Negotiation history: {}", document.title),
        header: format!("Negotiation history: {}", document.title),
        footer: last.map_or_else(
            || format!("Agreement {}", document.agreement_id),
            |r| format!("Latest round {}: fingerprint {}", r.number, r.hash()),
        ),
        authors: Vec::new(),
        description: format!("Rounds of agreement {}", document.agreement_id),
        keywords: vec![document.agreement_id.clone()],
        created: document.printed_at,
        document_id: format!(
            "history-{}-{}",
            document.agreement_id,
            last.map_or(0, |r| r.number)
        ),
    }
}

fn report_info(document: &ServiceReportDocument<'_>) -> decorate::Info {
    let report = document.report;
    let windows: Vec<&str> = report.windows.iter().map(|w| w.label.as_str()).collect();
    let span = match (windows.first(), windows.last()) {
        (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
        (Some(a), _) => (*a).to_owned(),
        _ => String::new(),
    };
    decorate::Info {
        title: format!("Service level report: {}, {span}", report.title),
        header: format!("Service level report: {}, {span}", report.title),
        footer: format!("Measured against {}", document.measured_against),
        authors: vec![report.customer.clone()],
        description: format!("Service levels of agreement {} in {span}", document.agreement_id),
        keywords: vec![document.agreement_id.clone()],
        created: document.printed_at,
        document_id: format!("report-{}-{span}", document.agreement_id),
    }
}

fn letter_info(letter: &sla_measure::ClaimLetter, printed_at: jiff::Timestamp) -> decorate::Info {
    decorate::Info {
        title: letter.subject.clone(),
        header: letter.subject.clone(),
        footer: format!("Draft claim letter from {} to {}", letter.from, letter.to),
        authors: vec![letter.from.clone()],
        description: letter.subject.clone(),
        keywords: Vec::new(),
        created: printed_at,
        document_id: format!("claim-{}-{}", letter.subject, letter.date),
    }
}

/// The agreement as a signature-ready PDF on `paper`.
pub fn agreement_pdf(version: &Version<'_>, paper: Paper) -> Result<Vec<u8>, PdfError> {
    Document::Agreement(version.clone()).pdf(paper)
}

fn agreement_info(version: &Version<'_>) -> decorate::Info {
    let agreement = version.agreement;
    let round = version.round.as_ref();
    let title = agreement.title.as_str().to_owned();
    decorate::Info {
        header: format!("{title} — {}", agreement::version_line(round)),
        footer: agreement::fingerprint_line(round),
        authors: [PartyRole::Customer, PartyRole::Provider]
            .iter()
            .map(|r| agreement.parties.get(*r).name.clone())
            .filter(|n| !n.trim().is_empty())
            .collect(),
        description: agreement::version_line(round),
        keywords: std::iter::once(agreement.id.to_string())
            .chain(round.map(|r| r.hash.clone()))
            .collect(),
        created: round.map_or(version.printed_at, |r| r.agreed_at.unwrap_or(r.proposed_at)),
        document_id: format!("{}-{}", agreement.id, round.map_or(0, |r| r.number)),
        title,
    }
}

// Generated from the Rust types by `cargo test -p sla-api` (ts-rs). Do not edit by hand:
// run `UPDATE_BINDINGS=1 cargo test -p sla-api` after changing a type.

/**
 * Add a library clause to a draft.
 */
export type AddClause = { clause: string, position: Position, 
/**
 * The section to add it to (at its end); absent: the section named like the clause's
 * category, created at the end of the agreement if there is none.
 */
section: string | null, };

/**
 * A whole agreement: the draft, or the snapshot a round freezes.
 */
export type Agreement = { format_version: number, id: string, title: string, parties: Parties, effective_date: string | null, terms: { [key in string]?: Term }, sections: Array<Section>, };

/**
 * An agreement as stored: its summary, draft and rounds.
 */
export type AgreementRecord = { summary: AgreementSummary, created_at: string, 
/**
 * The working draft.
 */
agreement: Agreement, rounds: Array<RoundSummary>, };

/**
 * Where an agreement stands in its negotiation.
 */
export type AgreementStatus = "draft" | "negotiating" | "agreed";

/**
 * One row of the workspace's agreement list.
 */
export type AgreementSummary = { id: string, title: string, 
/**
 * The side this workspace's user is on.
 */
our_role: PartyRole, 
/**
 * The other party's name.
 */
counterparty: string, status: AgreementStatus, 
/**
 * The number of the latest round, if any was proposed.
 */
latest_round: number | null, updated_at: string, };

/**
 * The agreement editor's whole content.
 */
export type AgreementView = { record: AgreementRecord, document: Array<DocumentSection>, terms: Array<TermRow>, findings: Array<Finding>, 
/**
 * The service credit owed against achieved availability, when the agreement has tiers.
 */
credit_chart: CreditChart | null, 
/**
 * What Undo and Redo would do.
 */
history: EditHistory, 
/**
 * Comments written since our last round; the next one carries them.
 */
pending_comments: Array<PendingComment>, 
/**
 * The comments every round carried, oldest first.
 */
comments: Array<RoundComment>, 
/**
 * The key each party signs its rounds with (pinned at first contact).
 */
party_keys: Array<PartyKey>, };

/**
 * An error as it crosses to the UI or the CLI's output.
 */
export type ApiError = { code: ErrorCode, message: string, 
/**
 * With `KeyChanged`: the pinned key and the new one.
 */
key_change?: KeyChange, 
/**
 * With `InvalidInput` for a form: the request field the refusal is about (`title`,
 * `counterparty`), for the form to show it beside that field.
 */
field?: string, };

/**
 * How one target fared.
 */
export type Attainment = { 
/**
 * The target as the agreement writes it (`30 business minutes`).
 */
target: string, met: number, missed: number, 
/**
 * Neither done nor overdue when the window ended.
 */
pending: number, 
/**
 * Met ÷ (met + missed), in percent; none when no ticket was due.
 */
percent: number | null, 
/**
 * The tickets that missed it.
 */
breaches: Array<string>, };

/**
 * Business hours: the same opening and closing time on each listed day, in an IANA time
 * zone (so daylight-saving changes are the zone's), except on the listed holidays.
 */
export type BusinessHours = { days: Array<Weekday>, 
/**
 * `HH:MM`, local time.
 */
opens: string, 
/**
 * `HH:MM`, local time; later than `opens`.
 */
closes: string, 
/**
 * An IANA time-zone name such as `Europe/Berlin`.
 */
time_zone: string, holidays: Array<CalendarDate>, };

/**
 * A calendar date between 1900 and 2199, written `YYYY-MM-DD`.
 */
export type CalendarDate = string;

export type CellChange = { old: string | null, new: string | null, };

/**
 * One change of the redline: a clause (by its id in the newer version, or the older one's
 * for a deletion) or a term.
 */
export type ChangeRef = { "kind": "clause", "id": string } | { "kind": "term", "id": string };

/**
 * What the draft holds for one change of the redline.
 */
export type ChangeState = "accepted" | "rejected" | "edited" | "follows_terms";

export type ChartBar = { 
/**
 * `2027-03`.
 */
label: string, 
/**
 * Achieved availability in percent (rounded down to thousandths).
 */
value: number, 
/**
 * `99.620 %`.
 */
caption: string, target_missed: boolean, };

export type ChartLevel = { value: number, 
/**
 * `target 99.9 %; below: credit 10 %`, `below 99 %: credit 25 %`.
 */
label: string, 
/**
 * The availability target (drawn heavier).
 */
target: boolean, };

/**
 * One value chosen from a closed list of options (a measurement method, mutual or one-way).
 */
export type Choice = { selected: string, options: Array<string>, };

/**
 * The chronic-failure rule and whether it was met.
 */
export type ChronicFailure = { misses: number, of_windows: number, 
/**
 * The window in which the rule was met: the customer may terminate from then.
 */
met_in: string | null, };

/**
 * The clause numbers a claim cites, where the agreement has the clause.
 */
export type Citations = { availability: string | null, maintenance: string | null, exclusions: string | null, credits: string | null, clawback: string | null, chronic_failure: string | null, fines: string | null, response_resolution: string | null, support_quality: string | null, };

/**
 * The letter, paragraph by paragraph.
 */
export type ClaimLetter = { from: string, to: string, date: string, subject: string, 
/**
 * `Dear …`, the body and the close, one paragraph each.
 */
paragraphs: Array<string>, 
/**
 * The signature line: the customer's name.
 */
signed: string, };

/**
 * One clause. Its text may refer to terms as `{{term.id}}`; its id never changes across
 * rounds, which is what lets a redline follow a clause that moved or was reworded.
 */
export type Clause = { id: string, heading: string, text: string, };

/**
 * One clause in the redline, in the order of the newer version (a deleted clause stands
 * where it stood).
 */
export type ClauseChange = { kind: ClauseChangeKind, 
/**
 * The clause's id in the newer version (the older one's for a deleted clause).
 */
clause: string, 
/**
 * Its id in the older version, when it differs (matched by heading or content).
 */
old_clause: string | null, 
/**
 * `2.1` in the older and newer versions.
 */
old_number: string | null, new_number: string | null, heading: string, 
/**
 * The older heading, when it changed.
 */
old_heading: string | null, 
/**
 * The text compared word by word (values written out); for an inserted or deleted
 * clause, all of it inserted or deleted.
 */
words: WordDiff, 
/**
 * Every edit in the clause is cosmetic.
 */
cosmetic: boolean, };

export type ClauseChangeKind = "unchanged" | "inserted" | "deleted" | "modified" | "moved" | "moved_and_modified";

/**
 * Whether a duration runs on the calendar clock or only during the support schedule's
 * business hours ("4 business hours").
 */
export type Clock = "calendar" | "business";

/**
 * A key date of one agreement, for the home screen's "Coming up".
 */
export type ComingUp = { agreement_id: string, agreement_title: string, date: KeyDate, };

/**
 * What a comment is about.
 */
export type CommentTarget = { "kind": "clause", "id": string } | { "kind": "term", "id": string } | { "kind": "agreement" };

/**
 * A whole number of things (escalation levels, failed months, reports per quarter).
 */
export type Count = number;

/**
 * The data of the credit-against-availability chart: the target, the cap and each tier as
 * a step, in percent.
 */
export type CreditChart = { target: number | null, cap: number | null, 
/**
 * Best level first: below `below` %, the credit is `credit` % (already limited by the cap).
 */
steps: Array<CreditStep>, 
/**
 * The availability scale: the edges of its bands, lowest first — a whole percent at least
 * one below the deepest tier and the target, each tier's threshold, then 100. Each band is
 * drawn the same width, since thresholds crowd near 100 %.
 */
bands: Array<number>, 
/**
 * The top of the credit scale: a fifth above the highest credit (or the cap).
 */
credit_ceiling: number, 
/**
 * The credits labelled on that scale, 0 first.
 */
credit_ticks: Array<number>, window: string, };

/**
 * The credit owed at one achieved availability.
 */
export type CreditOwed = { 
/**
 * `99.5 %`.
 */
achieved: string, 
/**
 * The Downtime that level means in one window (`3 h 39 m 8 s`).
 */
downtime: string, 
/**
 * `10 %`, or absent when no credit is owed.
 */
credit: string | null, 
/**
 * Whether the cap reduced the credit.
 */
capped: boolean, };

export type CreditStep = { below: number, credit: number, };

/**
 * One row of a service-credit table: when the achieved level is below `below`, the
 * customer is owed `credit` percent of the period's fees.
 */
export type CreditTier = { below: Percentage, credit: Percentage, };

export type Decision = "accept" | "reject";

export type DocumentClause = { id: string, 
/**
 * `2.1`.
 */
number: string, heading: string, 
/**
 * Paragraphs, each a run of text and term segments.
 */
paragraphs: Array<Array<TextSegment>>, };

export type DocumentSection = { id: string, number: string, heading: string, clauses: Array<DocumentClause>, };

/**
 * A duration as the agreement states it: an amount of a unit on a clock. Kept as written
 * (4 business hours stays 4 business hours) because a business-time duration only becomes
 * minutes against a support schedule.
 */
export type Duration = { amount: number, unit: DurationUnit, clock: Clock, };

export type DurationUnit = "minutes" | "hours" | "days" | "weeks";

/**
 * Where a credit stands under the earn-back clause.
 */
export type EarnBack = { 
/**
 * The window whose credit could be earned back.
 */
window: string, credit: Percentage, 
/**
 * `earned back after 2027-06`, `not earned back: 2027-05 missed the target`, or
 * `open: 1 of 3 windows measured`.
 */
status: string, 
/**
 * Whether the provider may take the credit back.
 */
earned_back: boolean, };

/**
 * One edit: what was struck out and what was written instead (either may be empty).
 */
export type Edit = { deleted: string, inserted: string, 
/**
 * Only quotes, spacing, punctuation or capitals changed.
 */
cosmetic: boolean, };

/**
 * What Undo and Redo would do now, as the editor's buttons say it.
 */
export type EditHistory = { 
/**
 * `change Availability target`, or absent when there is nothing to undo.
 */
undo: string | null, redo: string | null, };

/**
 * What kind of failure it was, for the UI to branch on.
 */
export type ErrorCode = "not_found" | "invalid_input" | "conflict" | "storage" | "workspace_unavailable" | "key_changed" | "internal";

/**
 * Time taken out of a window for one excluded cause.
 */
export type ExcludedTime = { 
/**
 * `Force majeure`.
 */
cause: string, seconds: number, };

/**
 * The largest file of each kind the backend reads, in bytes, for a dialog to refuse a larger
 * one before reading it into memory (the backend refuses it too).
 */
export type FileLimits = { 
/**
 * A Markdown or text document to import.
 */
document_bytes: number, 
/**
 * An exchange package.
 */
package_bytes: number, 
/**
 * A Word file (a counterparty's reply).
 */
word_bytes: number, 
/**
 * An incident log, ticket export or column mapping to measure with.
 */
measurement_bytes: number, };

/**
 * One thing a reviewer would raise.
 */
export type Finding = { severity: Severity, 
/**
 * A stable name for the rule (`credit-tier-above-cap`).
 */
rule: string, 
/**
 * The clause to look at, if one is concerned.
 */
clause: string | null, 
/**
 * The terms concerned.
 */
terms: Array<string>, message: string, };

/**
 * Fixed payments for missed service levels.
 */
export type Fines = { 
/**
 * `EUR 2500.00`.
 */
per_miss: string, cap: string | null, 
/**
 * Windows with at least one missed service level.
 */
windows_missed: number, 
/**
 * What those windows come to, capped (the clause's own conditions may give less).
 */
at_most: string, };

export type HistoryStep = { 
/**
 * `None` for the draft.
 */
round: number | null, author: PartyRole | null, 
/**
 * The value written out; absent when the term did not exist in that version.
 */
value: string | null, };

/**
 * A Markdown SLA the user picked in the app, to import as a new agreement.
 */
export type ImportRequest = { 
/**
 * The file's name (its stem titles the agreement when the text has no title).
 */
file_name: string, markdown: string, our_role: PartyRole, 
/**
 * The other party's legal name, if known.
 */
counterparty: string, };

/**
 * What importing the counterparty's rounds did.
 */
export type ImportedRounds = { summary: AgreementSummary, 
/**
 * The agreement was new to this workspace.
 */
created: boolean, 
/**
 * The working draft is now the last round's snapshot (false: it held edits not yet
 * proposed, which were kept).
 */
draft_replaced: boolean, };

/**
 * A party signing with a new key: what the user compares with the other side by phone.
 */
export type KeyChange = { 
/**
 * The first round signed with the new key.
 */
round: number, role: PartyRole, 
/**
 * The fingerprint of the key that party signed with so far (eight groups of five digits).
 */
pinned_fingerprint: string, new_fingerprint: string, 
/**
 * The new key itself, to pass back when the user trusts it.
 */
new_key: string, };

/**
 * One date to act on.
 */
export type KeyDate = { date: string, kind: KeyDateKind, 
/**
 * `Last day to give notice of non-renewal`.
 */
title: string, 
/**
 * What it means, with the clause it comes from.
 */
detail: string, };

/**
 * What a key date is.
 */
export type KeyDateKind = "effective" | "review" | "notice_deadline" | "term_end" | "claim_deadline";

/**
 * A term the "New agreement" dialog asks for.
 */
export type KeyTerm = { id: string, label: string, help: string | null, 
/**
 * The allowed range (`90 % to 99.999 %`), if the library sets one.
 */
range: string | null, 
/**
 * The allowed values of a choice.
 */
options: Array<string>, 
/**
 * The default as typed in, for each position.
 */
defaults: PositionDefaults, };

/**
 * A service-desk target measured as a share (first-contact resolution, satisfaction).
 */
export type KpiFigure = { 
/**
 * Achieved, in percent.
 */
achieved: number, target: Percentage | null, 
/**
 * Whether the target was met; none without a target.
 */
met: boolean | null, };

/**
 * A clause of the library as the "Add clause" dialog lists it.
 */
export type LibraryClause = { id: string, category: string, heading: string, summary: string, 
/**
 * The labels of the terms it brings.
 */
terms: Array<string>, };

/**
 * What the "Service levels" tab (or `sla measure`) measures: the files' text and the period.
 */
export type MeasureRequest = { 
/**
 * The incident log (`start,end,service,cause[,notified]`), or per-minute samples
 * (`timestamp,up`).
 */
incidents: string, 
/**
 * The ticket export, if any.
 */
tickets: string | null, 
/**
 * A column mapping for a service desk's own export (TOML), if its columns differ.
 */
ticket_columns: string | null, 
/**
 * `2027-03`, or `2027-01..2027-03`.
 */
period: string, };

/**
 * The measurement, and the claim letter when it gives something to claim.
 */
export type Measurement = { report: ServiceLevelReport, 
/**
 * The chart of the report's windows, as the app draws it.
 */
chart: ReportChart, letter: ClaimLetter | null, };

/**
 * The documents a measurement gives.
 */
export type MeasurementDocument = "report" | "claim_letter";

/**
 * The wire form of [`Money`].
 */
export type Money = { 
/**
 * A non-negative decimal with at most the currency's number of decimals: `"1250.00"`.
 */
amount: string, 
/**
 * An ISO 4217 code: `"EUR"`.
 */
currency: string, };

export type MoveDirection = "up" | "down";

/**
 * What the "New agreement" dialog (or `sla new`) asks for.
 */
export type NewAgreement = { title: string, 
/**
 * The side the user of this workspace is on.
 */
our_role: PartyRole, 
/**
 * The other party's legal name.
 */
counterparty: string, };

export type PaperSize = "a4" | "letter";

/**
 * The two parties of an agreement.
 */
export type Parties = { customer: Party, provider: Party, };

/**
 * The parties form: names and signatories as typed; an empty signatory name means none.
 */
export type PartiesUpdate = { customer: PartyInput, provider: PartyInput, 
/**
 * `YYYY-MM-DD`, or empty when not agreed yet.
 */
effective_date: string, };

/**
 * One party: its legal name (empty while a draft has not named it yet) and signatory.
 */
export type Party = { name: string, signatory: Signatory | null, };

export type PartyInput = { name: string, signatory_name: string, signatory_title: string, signatory_email: string, };

/**
 * A party's signing key, as the fingerprint people compare.
 */
export type PartyKey = { role: PartyRole, fingerprint: string, };

/**
 * Which side of the agreement a party is on.
 */
export type PartyRole = "customer" | "provider";

/**
 * How far making a PDF has come.
 */
export type PdfProgress = { pages_done: number, pages_total: number, };

/**
 * Which PDF the export dialog asks for.
 */
export type PdfRequest = { "document": "agreement", round: number | null, } | { "document": "redline", from: number | null, to: number | null, include_unchanged: boolean, } | { "document": "history" };

/**
 * A comment written in this workspace and not yet sent: the next round we propose carries it.
 */
export type PendingComment = { seq: number, target: CommentTarget, text: string, };

/**
 * A percentage between 0 and 100 with at most three decimals (99.995 %), held exactly as
 * thousandths of a percent so that comparisons and sums never drift.
 */
export type Percentage = number;

/**
 * One run of text in the redline.
 */
export type Piece = { kind: PieceKind, text: string, 
/**
 * The edit this piece belongs to (index into [`WordDiff::edits`]); absent for unchanged text.
 */
edit: number | null, };

export type PieceKind = "same" | "deleted" | "inserted";

/**
 * Which playbook a clause's wording and defaults come from.
 */
export type Position = "customer" | "balanced" | "provider";

export type PositionDefaults = { customer: string, balanced: string, provider: string, };

export type Preview = { 
/**
 * The page size in points.
 */
width: number, height: number, 
/**
 * How many pages the whole document has.
 */
total_pages: number, 
/**
 * The first pages.
 */
pages: Array<PreviewPage>, };

/**
 * Something drawn on a page (points from the top left; colours as `#rrggbb`).
 */
export type PreviewItem = { "kind": "text", x: number, baseline: number, width: number, text: string, size: number, bold: boolean, italic: boolean, color: string, underline: boolean, strike: boolean, } | { "kind": "line", x1: number, y1: number, x2: number, y2: number, width: number, color: string, } | { "kind": "rect", x: number, y: number, width: number, height: number, color: string, };

export type PreviewPage = { items: Array<PreviewItem>, };

/**
 * One priority's figures.
 */
export type PriorityAttainment = { priority: string, tickets: number, response: Attainment, resolution: Attainment, };

/**
 * Response and resolution times by priority, most urgent first.
 */
export type PriorityMatrix = { rows: Array<PriorityTarget>, };

/**
 * The response and resolution targets for one priority ("P1 — service down").
 */
export type PriorityTarget = { priority: string, description: string | null, response: Duration, resolution: Duration, };

/**
 * The whole redline from `old` to `new`.
 */
export type Redline = { 
/**
 * Every clause of both versions, in the newer version's order.
 */
clauses: Array<ClauseChange>, terms: Array<TermChange>, };

export type ReportChart = { 
/**
 * The value at the bottom of the scale, and at the top (100).
 */
floor: number, ceiling: number, bars: Array<ChartBar>, 
/**
 * Highest first.
 */
levels: Array<ChartLevel>, };

/**
 * A redline with, for each change, what the draft holds now.
 */
export type Review = { redline: Redline, 
/**
 * Parallel to `redline.clauses`.
 */
clause_states: Array<ChangeState>, 
/**
 * Parallel to `redline.terms`.
 */
term_states: Array<ChangeState>, 
/**
 * Every term that changed across the rounds and the draft, step by step.
 */
history: Array<TermHistory>, 
/**
 * The comments every round carried, oldest first.
 */
comments: Array<RoundComment>, };

/**
 * A comment as a round carried it.
 */
export type RoundComment = { round: number, author: PartyRole, target: CommentTarget, text: string, };

/**
 * A round as listed (its snapshot is fetched separately).
 */
export type RoundSummary = { number: number, author: PartyRole, proposed_at: string, message: string, 
/**
 * The round's fingerprint (64 hexadecimal digits).
 */
hash: string, 
/**
 * The fingerprint of the key that signed the round (eight groups of five digits); none
 * for rounds proposed before rounds were signed.
 */
signed_by: string | null, };

export type RowChange = { kind: RowChangeKind, 
/**
 * One per column: the older and the newer cell (the older is absent in an inserted row,
 * the newer in a deleted one; equal when the cell did not change).
 */
cells: Array<CellChange>, };

export type RowChangeKind = "unchanged" | "changed" | "inserted" | "deleted";

/**
 * A numbered part of the agreement ("Service levels"), holding clauses.
 */
export type Section = { id: string, heading: string, clauses: Array<Clause>, };

/**
 * The measurement of one agreement over a period.
 */
export type ServiceLevelReport = { title: string, customer: string, provider: string, 
/**
 * The zone the windows are taken in.
 */
time_zone: string, target: Percentage | null, 
/**
 * The credit tiers (for the chart), best level first.
 */
tiers: Array<CreditTier>, credit_cap: Percentage | null, windows: Array<WindowReport>, chronic_failure: ChronicFailure | null, earn_back: Array<EarnBack>, fines: Fines | null, clauses: Citations, 
/**
 * How the agreement's definitions were read, and any assumption made.
 */
basis: Array<string>, };

export type Severity = "error" | "warning";

/**
 * The person who signs for a party.
 */
export type Signatory = { name: string, title: string, email: string | null, };

/**
 * How the agreement is organised (DESIGN.md's agreement types).
 */
export type Structure = "customer_based" | "service_based" | "multi_level";

/**
 * When support is given: around the clock, or business hours on some days in a time zone,
 * except on listed holidays.
 */
export type SupportSchedule = { "coverage": "24x7" } | { "coverage": "business_hours" } & BusinessHours;

export type TableChange = { header: Array<string>, 
/**
 * The rows of both versions, in the newer version's order (a deleted row where it stood).
 */
rows: Array<RowChange>, };

/**
 * A table-valued term as editable cells.
 */
export type TableInput = { header: Array<string>, rows: Array<Array<string>>, };

/**
 * An agreement template as the "New agreement" dialog offers it.
 */
export type TemplateInfo = { id: string, name: string, structure: Structure, description: string, options: Array<TemplateOption>, 
/**
 * The terms to ask for when drafting, with each position's default.
 */
key_terms: Array<KeyTerm>, };

export type TemplateOption = { name: string, label: string, default: boolean, help: string | null, };

/**
 * Draft a new agreement from a template.
 */
export type TemplateRequest = { template: string, position: Position, our_role: PartyRole, title: string | null, counterparty: string, 
/**
 * Our own legal name (may be left empty and filled in later).
 */
our_name: string, options: { [key in string]?: boolean }, 
/**
 * Key term values as typed, instead of the position's defaults.
 */
set: { [key in string]?: string }, };

/**
 * A named, typed term of the agreement, referred to from clause text by its id.
 */
export type Term = { 
/**
 * What a reader calls it: "Availability target".
 */
label: string, value: TermValue, };

export type TermChange = { id: string, label: string, 
/**
 * The values written out; absent where the term did not exist.
 */
old: string | null, new: string | null, 
/**
 * What each value means, where that can be computed.
 */
old_meaning: string | null, new_meaning: string | null, 
/**
 * The party the change favours, when one clearly does.
 */
favours: PartyRole | null, 
/**
 * For a table (credit tiers, a priority matrix) in both versions: row by row.
 */
table: TableChange | null, };

export type TermHistory = { id: string, label: string, 
/**
 * The first version, then each version whose value differs from the one before.
 */
steps: Array<HistoryStep>, };

/**
 * One term of an agreement, as `sla terms` and the terms panel show it.
 */
export type TermRow = { id: string, label: string, type: string, 
/**
 * The value written out (`99.9 %`).
 */
value: string, 
/**
 * The allowed range from the clause library, if it sets one (`90 % to 99.999 %`).
 */
range: string | null, 
/**
 * The ids of the clauses whose text quotes the term.
 */
quoted_by: Array<string>, 
/**
 * What the value means, where the app can compute it (`allows 43 m 49 s of Downtime per calendar month`).
 */
meaning: string | null, 
/**
 * The value as it is typed in (`99.9`, `4 business hours`, `Monday to Friday, 08:00 to
 * 18:00, Europe/London`); absent for tables.
 */
input: string | null, 
/**
 * The allowed values of a choice.
 */
options: Array<string>, 
/**
 * The cells of a credit-tier table or priority matrix, to edit as a grid.
 */
table: TableInput | null, };

/**
 * A table-valued term (credit tiers, a priority matrix) as the cells a reader sees.
 */
export type TermTable = { header: Array<string>, rows: Array<Array<string>>, };

/**
 * The value of a term; on the wire `{"type": "percentage", "value": 99.95}`.
 */
export type TermValue = { "type": "percentage", "value": Percentage } | { "type": "duration", "value": Duration } | { "type": "money", "value": Money } | { "type": "count", "value": Count } | { "type": "date", "value": CalendarDate } | { "type": "choice", "value": Choice } | { "type": "text", "value": Text } | { "type": "tier_table", "value": TierTable } | { "type": "priority_matrix", "value": PriorityMatrix } | { "type": "support_schedule", "value": SupportSchedule };

/**
 * Free text in a term (a governing law, a reporting channel): not blank, at most 10,000
 * characters.
 */
export type Text = string;

/**
 * A round a Word file's text matches, and how well.
 */
export type TextMatch = { round: number, 
/**
 * How many of the words agree, in per cent.
 */
matched_percent: number, };

/**
 * A piece of a paragraph: words, or a quoted term with its value written out (and, for a
 * credit table or priority matrix, the table).
 */
export type TextSegment = { "kind": "text", text: string, } | { "kind": "term", term: string, text: string, table: TermTable | null, };

/**
 * The window's service-desk figures.
 */
export type TicketFigures = { tickets: number, priorities: Array<PriorityAttainment>, first_contact_resolution: KpiFigure | null, 
/**
 * Share of survey responses rating the support 4 or 5 out of 5.
 */
satisfaction: KpiFigure | null, survey_responses: number, };

/**
 * Service-credit tiers by achieved level, best level first. Thresholds strictly fall and
 * credits strictly rise down the table, so a worse month never earns a smaller credit.
 */
export type TierTable = { tiers: Array<CreditTier>, };

export type Weekday = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";

/**
 * One measurement window.
 */
export type WindowReport = { 
/**
 * `2027-03` or `2027-Q1`.
 */
label: string, start: string, end: string, 
/**
 * The window's length that counts: all of it, or its Business Hours.
 */
window_seconds: number, 
/**
 * Time availability is measured over: the window less excluded time.
 */
measured_seconds: number, downtime_seconds: number, excluded: Array<ExcludedTime>, maintenance_within_seconds: number, maintenance_beyond_seconds: number, 
/**
 * Achieved availability, rounded down to thousandths of a percent.
 */
achieved: Percentage, target_missed: boolean, 
/**
 * The credit owed, in percent of the window's fees, after the cap.
 */
credit: Percentage | null, 
/**
 * The tier's credit before the cap, when the cap cut it.
 */
capped_from: Percentage | null, 
/**
 * The last moment to claim the credit.
 */
claim_by: string | null, 
/**
 * The last whole day to claim it, in the report's zone (the day before `claim_by` when
 * the claim window closes at midnight).
 */
last_day_to_claim: string | null, 
/**
 * The availability computation, one step per line.
 */
working: Array<string>, tickets: TicketFigures | null, 
/**
 * Every service level missed in the window, in words.
 */
breaches: Array<string>, };

/**
 * A clause's text compared word by word.
 */
export type WordDiff = { pieces: Array<Piece>, edits: Array<Edit>, };

/**
 * What importing a Word reply did.
 */
export type WordImport = { summary: AgreementSummary, 
/**
 * The round the reply became; none when it changed nothing.
 */
round: number | null, 
/**
 * Each change, in words (`Availability target: 99.9 % → 99.5 %`).
 */
changes: Array<string>, 
/**
 * What the reply changed that could not be imported, in words.
 */
unmapped: Array<string>, 
/**
 * The file lost its SLA Studio properties: the round its text matches, for the user to
 * confirm before anything is imported.
 */
to_confirm: TextMatch | null, };

/**
 * Where the open workspace lives.
 */
export type WorkspaceInfo = { path: string, 
/**
 * The fingerprint of this workspace's signing key (eight groups of five digits), which
 * the other side compares when they first import a round from us.
 */
key_fingerprint: string, 
/**
 * The largest file of each kind the app reads.
 */
limits: FileLimits, };

import { type FormEvent, useEffect, useRef, useState } from "react";
import {
  type ApiError,
  type KeyDate,
  type MeasureRequest,
  type Measurement,
  type MeasurementDocument,
  exportCalendar,
  exportMeasurement,
  keyDates,
  measure,
} from "../../ipc";
import { tooLarge, useFileLimits } from "../../fileLimits";
import { formatDate } from "../../format";
import { MeasurementReport } from "./MeasurementReport";

type Props = {
  id: string;
  onError: (error: ApiError) => void;
};

type PickedFile = { name: string; text: string };

/** `2027-03`: the month before today, the period most often measured. */
function previousMonth(): string {
  const now = new Date();
  const month = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${month.getFullYear()}-${String(month.getMonth() + 1).padStart(2, "0")}`;
}

function FilePicker({
  id,
  label,
  hint,
  accept,
  picked,
  onPick,
  onProblem,
}: {
  id: string;
  label: string;
  hint: string;
  accept: string;
  picked: PickedFile | null;
  onPick: (file: PickedFile | null) => void;
  onProblem: (problem: string) => void;
}) {
  const limits = useFileLimits();

  async function read(file: File | undefined) {
    if (!file) return onPick(null);
    const refusal = tooLarge(file, limits?.measurement_bytes, "a measurement file");
    if (refusal) {
      onProblem(refusal);
      return onPick(null);
    }
    onPick({ name: file.name, text: await file.text() });
  }

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input"
        type="file"
        accept={accept}
        data-testid={id}
        onChange={(event) => void read(event.target.files?.[0])}
      />
      <span className="field__hint muted">{picked ? `Read ${picked.name}.` : hint}</span>
    </div>
  );
}

/**
 * After signature: measure the agreed agreement against the provider's incident log and
 * ticket export for a period, see the figures with their working and the credit owed, export
 * the report and the claim letter, and keep the key dates in a calendar.
 */
export function ServiceLevelsPanel({ id, onError }: Props) {
  const [incidents, setIncidents] = useState<PickedFile | null>(null);
  const [tickets, setTickets] = useState<PickedFile | null>(null);
  const [columns, setColumns] = useState<PickedFile | null>(null);
  const [from, setFrom] = useState(previousMonth);
  const [to, setTo] = useState(previousMonth);
  const [measuring, setMeasuring] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [measurement, setMeasurement] = useState<Measurement | null>(null);
  const [measured, setMeasured] = useState<MeasureRequest | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [dates, setDates] = useState<KeyDate[] | null>(null);
  const [calendarSaved, setCalendarSaved] = useState<string | null>(null);
  const result = useRef<HTMLElement>(null);

  // New figures are shown where the user looks next.
  useEffect(() => {
    if (measurement) result.current?.scrollIntoView({ block: "start" });
  }, [measurement]);

  useEffect(() => {
    keyDates(id).then(setDates, onError);
  }, [id, onError]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    if (!incidents) {
      setProblem("Choose the provider's incident log (CSV) for the period.");
      return;
    }
    const request: MeasureRequest = {
      incidents: incidents.text,
      tickets: tickets?.text ?? null,
      ticket_columns: columns?.text ?? null,
      period: from === to ? from : `${from}..${to}`,
    };
    setMeasuring(true);
    try {
      setMeasurement(await measure(id, request));
      setMeasured(request);
      setProblem(null);
    } catch (error) {
      const apiError = error as ApiError;
      if (apiError.code === "invalid_input") setProblem(apiError.message);
      else onError(apiError);
    } finally {
      setMeasuring(false);
    }
  }

  function save(document: MeasurementDocument) {
    if (!measured) return;
    exportMeasurement(id, measured, document, "a4").then((path) => path && setSaved(path), onError);
  }

  return (
    <div className="service-levels" data-testid="service-levels">
      <section className="panel">
        <h2 className="panel__title">Measure a period</h2>
        <p className="muted">
          Import the provider's incident log (columns <code>start,end,service,cause</code>, optionally{" "}
          <code>notified</code>; or monitoring samples <code>timestamp,up</code>) and, if you have it, the service
          desk's ticket export. SLA Studio applies the agreed definitions: exclusions, the maintenance allowance and
          notice, business hours and holidays, the credit tiers and the cap.
        </p>
        <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
          <div className="sl-files">
            <FilePicker
              id="incidents-file"
              label="Incident log"
              hint="CSV; one malformed line refuses the whole file."
              accept=".csv,text/csv"
              picked={incidents}
              onPick={setIncidents}
              onProblem={setProblem}
            />
            <FilePicker
              id="tickets-file"
              label="Ticket export (optional)"
              hint="CSV: id, priority, opened, first_response, resolved, first_contact_resolved, csat."
              accept=".csv,text/csv"
              picked={tickets}
              onPick={setTickets}
              onProblem={setProblem}
            />
            <FilePicker
              id="columns-file"
              label="Column mapping (optional)"
              hint="TOML naming your service desk's own columns."
              accept=".toml"
              picked={columns}
              onPick={setColumns}
              onProblem={setProblem}
            />
          </div>
          <div className="sl-period">
            <div className="field">
              <label className="field__label" htmlFor="period-from">
                From
              </label>
              <input
                id="period-from"
                className="input"
                type="month"
                value={from}
                data-testid="period-from"
                onChange={(event) => setFrom(event.target.value)}
              />
            </div>
            <div className="field">
              <label className="field__label" htmlFor="period-to">
                To
              </label>
              <input
                id="period-to"
                className="input"
                type="month"
                value={to}
                data-testid="period-to"
                onChange={(event) => setTo(event.target.value)}
              />
            </div>
            <button type="submit" className="button button--primary" data-testid="measure" disabled={measuring}>
              {measuring ? "Measuring…" : "Measure"}
            </button>
          </div>
          {problem && (
            <p className="field__error" role="alert" data-testid="measure-error">
              {problem}
            </p>
          )}
        </form>
      </section>

      {measurement && (
        <section className="panel" aria-labelledby="measured-title" ref={result}>
          <div className="panel__head">
            <h2 className="panel__title" id="measured-title">
              Service levels, {measured?.period.replace("..", " to ")}
            </h2>
            <div className="page-head__actions">
              <button type="button" className="button" data-testid="export-report" onClick={() => save("report")}>
                Export report (PDF)…
              </button>
              <button
                type="button"
                className="button"
                data-testid="export-letter"
                disabled={!measurement.letter}
                title={measurement.letter ? undefined : "Nothing to claim for this period"}
                onClick={() => save("claim_letter")}
              >
                Export claim letter (PDF)…
              </button>
            </div>
          </div>
          {saved && (
            <p className="muted" role="status" data-testid="measurement-saved">
              Saved {saved}
            </p>
          )}
          <MeasurementReport measurement={measurement} />
          {measurement.letter && (
            <details className="sl-letter" data-testid="claim-letter">
              <summary>Draft claim letter to {measurement.letter.to}</summary>
              <p>
                <strong>{measurement.letter.subject}</strong>
              </p>
              {measurement.letter.paragraphs.map((paragraph) => (
                <p key={paragraph}>{paragraph}</p>
              ))}
              <p>{measurement.letter.signed}</p>
            </details>
          )}
        </section>
      )}

      <section className="panel" aria-labelledby="key-dates-title">
        <div className="panel__head">
          <h2 className="panel__title" id="key-dates-title">
            Key dates
          </h2>
          <button
            type="button"
            className="button"
            data-testid="export-calendar"
            onClick={() => void exportCalendar(id).then((path) => path && setCalendarSaved(path), onError)}
          >
            Add to calendar (.ics)…
          </button>
        </div>
        {calendarSaved && (
          <p className="muted" role="status" data-testid="calendar-saved">
            Saved {calendarSaved}
          </p>
        )}
        {dates === null ? (
          <p className="muted">Loading…</p>
        ) : (
          <ul className="coming-up__list" data-testid="key-dates">
            {dates.map((date) => (
              <li key={`${date.kind}-${date.date}`} className="coming-up__item">
                <span className="coming-up__date">{formatDate(date.date)}</span>
                <span>
                  <strong>{date.title}</strong> <span className="muted">— {date.detail}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

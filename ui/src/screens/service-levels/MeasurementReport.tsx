import { formatDate } from "../../format";
import type { Attainment, Measurement, WindowReport } from "../../ipc";
import { AvailabilityChart } from "./AvailabilityChart";

function minutes(seconds: number): string {
  return `${Math.floor(seconds / 60).toLocaleString("en-GB")} min`;
}

function percent(value: number): string {
  return `${value.toFixed(3)} %`;
}

function attainment(a: Attainment): string {
  const due = a.met + a.missed;
  const share = a.percent === null ? "none due" : `${a.met} of ${due} (${a.percent.toFixed(1)} %)`;
  return a.pending > 0 ? `${share}, ${a.pending} open` : share;
}

function WindowDetails({ window, open }: { window: WindowReport; open: boolean }) {
  return (
    <details className="sl-window" open={open} data-testid="window-details" data-window={window.label}>
      <summary>
        <strong>{window.label}</strong> — {percent(window.achieved)}
        {window.breaches.length > 0
          ? `, ${window.breaches.length} service level${window.breaches.length === 1 ? "" : "s"} missed`
          : ", every service level met"}
      </summary>
      <h4>Working</h4>
      <ol className="sl-working" data-testid="working">
        {window.working.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {window.tickets && window.tickets.tickets > 0 && (
        <>
          <h4>Service desk: {window.tickets.tickets} tickets opened</h4>
          <table className="term-table" data-testid="ticket-table">
            <thead>
              <tr>
                <th>Priority</th>
                <th>Tickets</th>
                <th>Response</th>
                <th>Resolution</th>
              </tr>
            </thead>
            <tbody>
              {window.tickets.priorities.map((p) => (
                <tr key={p.priority}>
                  <td>{p.priority}</td>
                  <td>{p.tickets}</td>
                  <td>
                    {attainment(p.response)} <span className="muted">within {p.response.target}</span>
                  </td>
                  <td>
                    {attainment(p.resolution)} <span className="muted">within {p.resolution.target}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <ul className="plain-list">
            {window.tickets.first_contact_resolution && (
              <li>
                First-contact resolution {window.tickets.first_contact_resolution.achieved.toFixed(1)} %
                {window.tickets.first_contact_resolution.target !== null &&
                  ` (target ${window.tickets.first_contact_resolution.target} %)`}
              </li>
            )}
            {window.tickets.satisfaction && (
              <li>
                Satisfaction (4 or 5 of 5) {window.tickets.satisfaction.achieved.toFixed(1)} % of{" "}
                {window.tickets.survey_responses} responses
                {window.tickets.satisfaction.target !== null && ` (target ${window.tickets.satisfaction.target} %)`}
              </li>
            )}
          </ul>
        </>
      )}
      {window.breaches.length > 0 && (
        <>
          <h4>Missed</h4>
          <ul className="sl-breaches" data-testid="breaches">
            {window.breaches.map((breach) => (
              <li key={breach}>{breach}</li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

/** The measured figures: a summary per window, the chart, each window's working, the remedies. */
export function MeasurementReport({ measurement }: { measurement: Measurement }) {
  const { report, chart } = measurement;
  const clause = (number: string | null) => (number ? ` (clause ${number})` : "");
  const credited = report.windows.filter((w) => w.credit !== null);
  return (
    <div className="sl-report" data-testid="measurement">
      <table className="term-table sl-summary" data-testid="summary-table">
        <thead>
          <tr>
            <th>Window</th>
            <th>Availability</th>
            <th>Downtime</th>
            <th>Target {report.target !== null ? `${report.target} %` : ""}</th>
            <th>Credit</th>
            <th>Last day to claim</th>
          </tr>
        </thead>
        <tbody>
          {report.windows.map((w) => (
            <tr key={w.label} data-window={w.label}>
              <td>{w.label}</td>
              <td>{percent(w.achieved)}</td>
              <td>{minutes(w.downtime_seconds)}</td>
              <td className={w.target_missed ? "sl-missed" : "sl-met"}>{w.target_missed ? "missed" : "met"}</td>
              <td data-testid="credit">
                {w.credit === null ? "none" : `${w.credit} %`}
                {w.capped_from !== null && <span className="muted"> (capped from {w.capped_from} %)</span>}
              </td>
              <td>{w.last_day_to_claim ? formatDate(w.last_day_to_claim) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {chart.bars.length > 0 && <AvailabilityChart chart={chart} />}
      {report.windows.map((w) => (
        <WindowDetails key={w.label} window={w} open={report.windows.length === 1 || w.breaches.length > 0} />
      ))}
      <h4>Remedies</h4>
      <ul className="plain-list" data-testid="remedies">
        {credited.length === 0 && <li>No service credit is owed for this period.</li>}
        {credited.map((w) => (
          <li key={w.label}>
            {w.label}: a Service Credit of <strong>{w.credit} %</strong> of the window's fees{clause(report.clauses.credits)}
            {w.last_day_to_claim && `, to be claimed by the end of ${formatDate(w.last_day_to_claim)}`}.
          </li>
        ))}
        {report.chronic_failure && (
          <li>
            Chronic failure{clause(report.clauses.chronic_failure)} ({report.chronic_failure.misses} misses in{" "}
            {report.chronic_failure.of_windows} consecutive windows):{" "}
            {report.chronic_failure.met_in ? (
              <strong>met in {report.chronic_failure.met_in}; the Customer may terminate</strong>
            ) : (
              "not met"
            )}
            .
          </li>
        )}
        {report.earn_back.map((e) => (
          <li key={e.window}>
            Earn-back{clause(report.clauses.clawback)} of the {e.window} credit ({e.credit} %): {e.status}.
          </li>
        ))}
        {report.fines && (
          <li>
            Fixed payments{clause(report.clauses.fines)}: {report.fines.per_miss} per window with a missed service
            level; {report.fines.windows_missed} such window(s), at most {report.fines.at_most}.
          </li>
        )}
      </ul>
      <details className="sl-basis">
        <summary>How the agreement was read</summary>
        <ul className="plain-list">
          {report.basis.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}

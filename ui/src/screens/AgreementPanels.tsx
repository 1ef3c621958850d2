import { formatDate, formatTimestamp, roleLabel } from "../format";
import type { Agreement, Party, RoundSummary } from "../ipc";

function PartyBlock({ role, party }: { role: string; party: Party }) {
  return (
    <div className="party">
      <span className="party__role">{role}</span>
      <span className="party__name">{party.name || <span className="muted">Not named yet</span>}</span>
      {party.signatory ? (
        <span>
          {party.signatory.name}, {party.signatory.title}
          {party.signatory.email && <span className="muted"> · {party.signatory.email}</span>}
        </span>
      ) : (
        <span className="muted">No signatory yet</span>
      )}
    </div>
  );
}

export function PartiesPanel({ agreement, onEdit }: { agreement: Agreement; onEdit: () => void }) {
  return (
    <section className="panel" aria-labelledby="parties-title">
      <div className="panel__head">
        <h2 className="panel__title" id="parties-title">
          Parties
        </h2>
        <button type="button" className="button button--small" data-testid="edit-parties" onClick={onEdit}>
          Edit
        </button>
      </div>
      <PartyBlock role="Customer" party={agreement.parties.customer} />
      <PartyBlock role="Provider" party={agreement.parties.provider} />
      <p className="muted party__date">
        Effective date: {agreement.effective_date ? formatDate(agreement.effective_date) : "not set"}
      </p>
    </section>
  );
}

export function RoundsPanel({ rounds }: { rounds: RoundSummary[] }) {
  return (
    <section className="panel" aria-labelledby="rounds-title">
      <h2 className="panel__title" id="rounds-title">
        Rounds
      </h2>
      {rounds.length === 0 ? (
        <p className="muted">No rounds proposed yet.</p>
      ) : (
        <ol className="plain-list">
          {rounds.map((round) => (
            <li key={round.number}>
              <strong>Round {round.number}</strong> · {roleLabel(round.author)} · {formatTimestamp(round.proposed_at)}
              {round.message && <p className="muted">{round.message}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

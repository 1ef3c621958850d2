import { formatDate, formatTimestamp, roleLabel } from "../format";
import type { Agreement, Party, PartyKey, PartyRole, RoundSummary } from "../ipc";

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

export function PartiesPanel({
  agreement,
  onEdit,
  locked,
}: {
  agreement: Agreement;
  onEdit: () => void;
  locked: boolean;
}) {
  return (
    <section className="panel" aria-labelledby="parties-title">
      <div className="panel__head">
        <h2 className="panel__title" id="parties-title">
          Parties
        </h2>
        {!locked && (
          <button type="button" className="button button--small" data-testid="edit-parties" onClick={onEdit}>
            Edit
          </button>
        )}
      </div>
      <PartyBlock role="Customer" party={agreement.parties.customer} />
      <PartyBlock role="Provider" party={agreement.parties.provider} />
      <p className="muted party__date">
        Effective date: {agreement.effective_date ? formatDate(agreement.effective_date) : "not set"}
      </p>
    </section>
  );
}

/** `1a2b 3c4d 5e6f 7a8b`: enough of a fingerprint to read out and compare. */
export function shortHash(hash: string): string {
  return (hash.slice(0, 16).match(/.{1,4}/g) ?? []).join(" ");
}

export function RoundsPanel({
  rounds,
  partyKeys,
  ourRole,
  onPropose,
  onCompare,
  onExport,
  onExportPdf,
  onExportWord,
  onImportWord,
  exported,
  onAccept,
  agreed,
  pendingComments,
}: {
  rounds: RoundSummary[];
  /** The key each party signs its rounds with. */
  partyKeys: PartyKey[];
  ourRole: PartyRole;
  onPropose: () => void;
  onCompare: () => void;
  onExport: () => void;
  /** Opens the PDF export dialog. */
  onExportPdf: () => void;
  /** Saves the latest round (or the draft) as a Word file through the system's save dialog. */
  onExportWord: () => void;
  /** Opens the dialog that imports the other side's Word reply. */
  onImportWord: () => void;
  /** Where the package was last saved. */
  exported: string | null;
  onAccept: () => void;
  agreed: boolean;
  /** Comments waiting for our next round. */
  pendingComments: number;
}) {
  const latest = rounds.at(-1);
  const theirs = latest !== undefined && latest.author !== ourRole;
  const turn = agreed && latest
    ? `Agreed: both parties hold round ${latest.number - 1} (fingerprint ${shortHash(rounds.at(-2)?.hash ?? "")}).`
    : !latest
    ? "Your draft has not been proposed yet."
    : latest.author === ourRole
      ? `Waiting for the ${roleLabel(ourRole === "customer" ? "provider" : "customer").toLowerCase()} to answer round ${latest.number}.`
      : `Your turn: answer round ${latest.number}.`;
  return (
    <section className="panel" aria-labelledby="rounds-title" data-testid="rounds-panel">
      <div className="panel__head">
        <h2 className="panel__title" id="rounds-title">
          Rounds
        </h2>
        <div className="history-buttons">
          {rounds.length > 0 && (
            <button type="button" className="button button--small" data-testid="compare" onClick={onCompare}>
              Redline
            </button>
          )}
          {!agreed && (
            <button type="button" className="button button--small button--primary" data-testid="propose" onClick={onPropose}>
              Propose round…
            </button>
          )}
        </div>
      </div>
      <p className="turn" data-testid="turn">
        {turn}
      </p>
      {pendingComments > 0 && !agreed && (
        <p className="muted" data-testid="pending-count">
          {pendingComments} comment{pendingComments === 1 ? "" : "s"} will go with your next round.
        </p>
      )}
      {theirs && !agreed && latest && (
        <p>
          <button type="button" className="button button--small" data-testid="accept-round" onClick={onAccept}>
            Accept round {latest.number} as final…
          </button>
        </p>
      )}
      <p className="history-buttons">
        {rounds.length > 0 && (
          <button type="button" className="button button--small" data-testid="export-package" onClick={onExport}>
            Save package for the other side…
          </button>
        )}
        <button type="button" className="button button--small" data-testid="export-pdf" onClick={onExportPdf}>
          Export PDF…
        </button>
        <button type="button" className="button button--small" data-testid="export-word" onClick={onExportWord}>
          Export for Word…
        </button>
        {!agreed && latest !== undefined && latest.author === ourRole && (
          <button type="button" className="button button--small" data-testid="import-word" onClick={onImportWord}>
            Import Word reply…
          </button>
        )}
      </p>
      {exported && (
        <p className="muted" role="status" data-testid="exported">
          Saved to <span className="mono">{exported}</span>
        </p>
      )}
      {rounds.length === 0 ? (
        <p className="muted">No rounds proposed yet.</p>
      ) : (
        <ol className="plain-list round-list">
          {rounds.map((round) => (
            <li key={round.number} data-testid="round">
              <strong>Round {round.number}</strong> · {roleLabel(round.author)} · {formatTimestamp(round.proposed_at)}
              {round.message && <p className="muted">{round.message}</p>}
              <div className="mono round__hash" title={round.hash}>
                {shortHash(round.hash)}
              </div>
              <div className="muted round__signer" data-testid="round-signer">
                {round.signed_by ? `Signed with key ${round.signed_by}` : "Not signed (proposed before rounds were signed)"}
              </div>
            </li>
          ))}
        </ol>
      )}
      {partyKeys.length > 0 && (
        <dl className="party-keys" data-testid="party-keys">
          {partyKeys.map((key) => (
            <div key={key.role}>
              <dt>
                {key.role === ourRole ? "Your key" : `The ${roleLabel(key.role).toLowerCase()}'s key`}
              </dt>
              <dd className="mono" data-testid={`party-key-${key.role}`}>
                {key.fingerprint}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

import { useDeferredValue, useEffect, useMemo, useState } from "react";
import { type AgreementSummary, type ApiError, listAgreements } from "../ipc";
import { AgreementTable } from "./AgreementTable";
import { ComingUp } from "./ComingUp";
import { ImportDialog } from "./ImportDialog";
import { ImportPackageDialog } from "./ImportPackageDialog";
import { NewAgreementDialog } from "./NewAgreementDialog";

type Props = {
  onOpen: (id: string) => void;
  onError: (error: ApiError) => void;
};

/** The most rows drawn at once; the filter narrows the rest. Keeps 10,000 agreements fast. */
export const MAX_VISIBLE_ROWS = 300;

export function Home({ onOpen, onError }: Props) {
  const [agreements, setAgreements] = useState<AgreementSummary[] | null>(null);
  const [filter, setFilter] = useState("");
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [importingPackage, setImportingPackage] = useState(false);
  const deferredFilter = useDeferredValue(filter);

  useEffect(() => {
    let current = true;
    listAgreements().then(
      (list) => current && setAgreements(list),
      (error: ApiError) => {
        if (!current) return;
        setAgreements([]);
        onError(error);
      },
    );
    return () => {
      current = false;
    };
  }, [onError]);

  const matching = useMemo(() => {
    if (!agreements) return [];
    const needle = deferredFilter.trim().toLocaleLowerCase();
    if (!needle) return agreements;
    return agreements.filter(
      (a) => a.title.toLocaleLowerCase().includes(needle) || a.counterparty.toLocaleLowerCase().includes(needle),
    );
  }, [agreements, deferredFilter]);

  const newButton = (
    <div className="page-head__actions">
      <button type="button" className="button" data-testid="import-package" onClick={() => setImportingPackage(true)}>
        Import package…
      </button>
      <button type="button" className="button" data-testid="import-agreement" onClick={() => setImporting(true)}>
        Import Markdown…
      </button>
      <button type="button" className="button button--primary" data-testid="new-agreement" onClick={() => setCreating(true)}>
        New agreement
      </button>
    </div>
  );

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Agreements</h1>
          <p className="page-head__lead muted">Service level agreements you are drafting or negotiating.</p>
        </div>
        {agreements && agreements.length > 0 && newButton}
      </div>

      {agreements !== null && agreements.some((a) => a.status === "agreed") && (
        <ComingUp reload={agreements} onOpen={onOpen} onError={onError} />
      )}

      {agreements === null ? (
        <p className="muted" role="status">
          Loading agreements…
        </p>
      ) : agreements.length === 0 ? (
        <section className="empty-state" data-testid="empty-state">
          <h2>No agreements yet</h2>
          <p className="muted">
            Start a new service level agreement with its counterparty. You can add clauses, propose rounds and export
            it once it is drafted.
          </p>
          {newButton}
        </section>
      ) : (
        <>
          <div className="toolbar">
            <label className="visually-hidden" htmlFor="agreement-filter">
              Filter agreements
            </label>
            <input
              id="agreement-filter"
              className="input"
              type="search"
              placeholder="Filter by title or counterparty"
              value={filter}
              data-testid="filter"
              onChange={(event) => setFilter(event.target.value)}
            />
            <span className="list-note" role="status">
              {matching.length === agreements.length
                ? `${agreements.length.toLocaleString("en-GB")} agreement${agreements.length === 1 ? "" : "s"}`
                : `${matching.length.toLocaleString("en-GB")} of ${agreements.length.toLocaleString("en-GB")} match`}
            </span>
          </div>
          {matching.length === 0 ? (
            <p className="muted">No agreement matches “{deferredFilter}”.</p>
          ) : (
            <AgreementTable agreements={matching.slice(0, MAX_VISIBLE_ROWS)} onOpen={onOpen} />
          )}
          {matching.length > MAX_VISIBLE_ROWS && (
            <p className="list-note" data-testid="list-truncated">
              Showing the {MAX_VISIBLE_ROWS} most recently changed of {matching.length.toLocaleString("en-GB")}. Type in
              the filter to find the others.
            </p>
          )}
        </>
      )}

      {importingPackage && (
        <ImportPackageDialog
          onClose={() => setImportingPackage(false)}
          onImported={(imported) => {
            setImportingPackage(false);
            onOpen(imported.summary.id);
          }}
          onError={onError}
        />
      )}
      {importing && (
        <ImportDialog
          onClose={() => setImporting(false)}
          onImported={(summary) => {
            setImporting(false);
            onOpen(summary.id);
          }}
          onError={onError}
        />
      )}
      {creating && (
        <NewAgreementDialog
          onClose={() => setCreating(false)}
          onCreated={(summary) => {
            setCreating(false);
            onOpen(summary.id);
          }}
          onError={onError}
        />
      )}
    </>
  );
}

import { type FormEvent, useState } from "react";
import { Modal } from "../components/Modal";
import { tooLarge, useFileLimits } from "../fileLimits";
import { type AgreementSummary, type ApiError, importMarkdown, type PartyRole } from "../ipc";

type Props = {
  onClose: () => void;
  onImported: (summary: AgreementSummary) => void;
  onError: (error: ApiError) => void;
};

/**
 * Imports an SLA written elsewhere as Markdown. The file is chosen in the system's file
 * dialog (the webview reads only that file) and its text is handed to the core.
 */
export function ImportDialog({ onClose, onImported, onError }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [ourRole, setOurRole] = useState<PartyRole>("customer");
  const [counterparty, setCounterparty] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const limits = useFileLimits();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setProblem("Choose a Markdown file to import.");
      return;
    }
    const refusal = tooLarge(file, limits?.document_bytes, "a document to import");
    if (refusal) {
      setProblem(refusal);
      return;
    }
    setImporting(true);
    try {
      const markdown = await file.text();
      onImported(await importMarkdown({ file_name: file.name, markdown, our_role: ourRole, counterparty }));
    } catch (error) {
      const apiError = error as ApiError;
      if (apiError.code === "invalid_input") setProblem(apiError.message);
      else onError(apiError);
    } finally {
      setImporting(false);
    }
  }

  return (
    <Modal title="Import an agreement" onClose={onClose} testId="import-dialog">
      <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label className="field__label" htmlFor="import-file">
            Markdown file
          </label>
          <input
            id="import-file"
            className="input"
            type="file"
            accept=".md,.markdown,.txt,text/markdown,text/plain"
            data-autofocus
            data-testid="import-file"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setProblem(null);
            }}
          />
          <p className="field__hint">
            Headings and numbered items become clauses; their numbering is kept and inline markup removed.
          </p>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="import-counterparty">
            Counterparty <span className="muted">(optional)</span>
          </label>
          <input
            id="import-counterparty"
            className="input"
            data-testid="import-counterparty"
            value={counterparty}
            onChange={(event) => setCounterparty(event.target.value)}
          />
        </div>
        <fieldset className="field">
          <legend className="field__label">We are the</legend>
          <div className="choice-group">
            {(["customer", "provider"] as const).map((role) => (
              <label className="choice" key={role}>
                <input
                  type="radio"
                  name="import-role"
                  checked={ourRole === role}
                  data-testid={`import-role-${role}`}
                  onChange={() => setOurRole(role)}
                />
                {role === "customer" ? "Customer" : "Provider"}
              </label>
            ))}
          </div>
        </fieldset>
        {problem && (
          <p className="field__error" role="alert" data-testid="import-error">
            {problem}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" data-testid="import-submit" disabled={importing}>
            Import
          </button>
        </div>
      </form>
    </Modal>
  );
}

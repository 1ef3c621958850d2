import { useState } from "react";
import { Modal } from "../components/Modal";
import { tooLarge, useFileLimits } from "../fileLimits";
import { type ApiError, type TextMatch, type WordImport, importWordReply } from "../ipc";

type Props = {
  id: string;
  onClose: () => void;
  /** The reply became a round: show it (the dialog stays open with what was imported). */
  onImported: (imported: WordImport) => void;
  onError: (error: ApiError) => void;
};

/**
 * Imports the counterparty's Word reply — the file exported with "Export for Word…", edited in
 * Word with or without Track Changes — as their next round. The core refuses the whole file,
 * changing nothing, when it is damaged, answers another round, or sets a term to a value the
 * term does not allow; what it could not place is listed here.
 */
export function ImportWordDialog({ id, onClose, onImported, onError }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [toConfirm, setToConfirm] = useState<TextMatch | null>(null);
  const [result, setResult] = useState<WordImport | null>(null);
  const limits = useFileLimits();

  async function submit(event: { preventDefault(): void }, answers: number | null = null) {
    event.preventDefault();
    if (!file) {
      setProblem("Choose the Word file the other side sent back.");
      return;
    }
    const refusal = tooLarge(file, limits?.word_bytes, "a Word file");
    if (refusal) {
      setProblem(refusal);
      return;
    }
    setImporting(true);
    try {
      const bytes = Array.from(new Uint8Array(await file.arrayBuffer()));
      const imported = await importWordReply(id, file.name, bytes, answers);
      setResult(imported.to_confirm ? null : imported);
      setToConfirm(imported.to_confirm);
      setProblem(null);
      if (imported.round !== null) onImported(imported);
    } catch (error) {
      const apiError = error as ApiError;
      if (apiError.code === "invalid_input" || apiError.code === "conflict") setProblem(apiError.message);
      else onError(apiError);
    } finally {
      setImporting(false);
    }
  }

  return (
    <Modal title="Import the Word reply" onClose={onClose} testId="import-word-dialog">
      {result ? (
        <div data-testid="word-import-result">
          {result.round === null ? (
            <p>The Word file makes no change to your latest round; no round was made.</p>
          ) : (
            <p>
              Imported as round <strong>{result.round}</strong>, the other side's answer. The redline shows each change
              for you to accept or reject.
            </p>
          )}
          {result.changes.length > 0 && (
            <ul className="plain-list" data-testid="word-changes">
              {result.changes.map((change) => (
                <li key={change}>{change}</li>
              ))}
            </ul>
          )}
          {result.unmapped.length > 0 && (
            <div className="key-warning" role="alert" data-testid="word-unmapped">
              <p className="key-warning__title">Not imported — look at these in the Word file</p>
              <ul>
                {result.unmapped.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="dialog__actions">
            <button type="button" className="button button--primary" data-testid="word-import-done" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      ) : (
        <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
          <div className="field">
            <label className="field__label" htmlFor="word-file">
              Word file
            </label>
            <input
              id="word-file"
              className="input"
              type="file"
              accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              data-autofocus
              data-testid="word-file"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setProblem(null);
                setToConfirm(null);
              }}
            />
            <p className="field__hint">
              The file you exported with “Export for Word…”, edited by the other side. Their tracked changes, the edits
              they made without tracking them and their comments all come in; a value they typed over is read as a
              change of that term.
            </p>
          </div>
          {problem && (
            <p className="field__error" role="alert" data-testid="word-error">
              {problem}
            </p>
          )}
          {toConfirm && (
            <div className="key-warning" role="alert" data-testid="word-confirm">
              <p className="key-warning__title">Which round does this file answer?</p>
              <p>
                The file no longer carries the marks SLA Studio put in it (another editor dropped them). Its text matches
                your round <strong>{toConfirm.round}</strong> ({toConfirm.matched_percent} % of its words). Nothing has
                been imported yet.
              </p>
              <button
                type="button"
                className="button button--primary"
                data-testid="word-confirm-round"
                disabled={importing}
                onClick={(event) => void submit(event, toConfirm.round)}
              >
                Import it as the answer to round {toConfirm.round}
              </button>
            </div>
          )}
          <div className="dialog__actions">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" data-testid="word-submit" disabled={importing}>
              {importing ? "Importing…" : "Import"}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

import { type FormEvent, useState } from "react";
import { Modal } from "../components/Modal";
import { type ApiError, type ImportedRounds, importPackage } from "../ipc";

type Props = {
  onClose: () => void;
  onImported: (imported: ImportedRounds) => void;
  onError: (error: ApiError) => void;
};

/** The size the core accepts; checked here too so a huge file is not read into memory. */
const MAX_PACKAGE_BYTES = 64 * 1024 * 1024;

/**
 * Imports the other side's exchange package, picked in the system's file dialog. The core
 * verifies it whole (fingerprints, chain, what this workspace holds) before storing anything.
 */
export function ImportPackageDialog({ onClose, onImported, onError }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setProblem("Choose the package file the other side sent you.");
      return;
    }
    if (file.size > MAX_PACKAGE_BYTES) {
      setProblem(`${file.name} is ${file.size.toLocaleString("en-GB")} bytes; a package is at most 64 MB.`);
      return;
    }
    setImporting(true);
    try {
      onImported(await importPackage(await file.text()));
    } catch (error) {
      const apiError = error as ApiError;
      if (apiError.code === "invalid_input" || apiError.code === "conflict") setProblem(apiError.message);
      else onError(apiError);
    } finally {
      setImporting(false);
    }
  }

  return (
    <Modal title="Import the other side's package" onClose={onClose} testId="import-package-dialog">
      <form className="dialog-form" onSubmit={submit} noValidate>
        <div className="field">
          <label className="field__label" htmlFor="package-file">
            Package file
          </label>
          <input
            id="package-file"
            className="input"
            type="file"
            accept=".slapkg,.json,application/json"
            data-autofocus
            data-testid="package-file"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setProblem(null);
            }}
          />
          <p className="field__hint">
            Every round is checked against its fingerprint and against the rounds you hold; nothing is stored unless
            all of it is right.
          </p>
        </div>
        {problem && (
          <p className="field__error" role="alert" data-testid="package-error">
            {problem}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" data-testid="package-submit" disabled={importing}>
            Import
          </button>
        </div>
      </form>
    </Modal>
  );
}

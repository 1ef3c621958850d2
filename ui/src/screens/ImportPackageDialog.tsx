import { type FormEvent, useState } from "react";
import { Fingerprint } from "../components/Fingerprint";
import { Modal } from "../components/Modal";
import { roleLabel } from "../format";
import { tooLarge, useFileLimits } from "../fileLimits";
import { type ApiError, type ImportedRounds, type KeyChange, importPackage } from "../ipc";

type Props = {
  onClose: () => void;
  onImported: (imported: ImportedRounds) => void;
  onError: (error: ApiError) => void;
};

/**
 * Imports the other side's exchange package, picked in the system's file dialog. The core
 * verifies it whole (fingerprints, signatures, chain, what this workspace holds) before
 * storing anything. A round signed with a key that party did not use before is refused; the
 * dialog then shows both fingerprints, and imports only if the user says they checked the new
 * one with the other side.
 */
export function ImportPackageDialog({ onClose, onImported, onError }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [keyChange, setKeyChange] = useState<KeyChange | null>(null);
  const limits = useFileLimits();

  async function submit(event: FormEvent, trustedKey: string | null = null) {
    event.preventDefault();
    if (!file) {
      setProblem("Choose the package file the other side sent you.");
      return;
    }
    const refusal = tooLarge(file, limits?.package_bytes, "a package");
    if (refusal) {
      setProblem(refusal);
      return;
    }
    setImporting(true);
    try {
      onImported(await importPackage(await file.text(), trustedKey));
    } catch (error) {
      const apiError = error as ApiError;
      if (apiError.code === "key_changed" && apiError.key_change) setKeyChange(apiError.key_change);
      else if (apiError.code === "invalid_input" || apiError.code === "conflict") setProblem(apiError.message);
      else onError(apiError);
    } finally {
      setImporting(false);
    }
  }

  return (
    <Modal title="Import the other side's package" onClose={onClose} testId="import-package-dialog">
      <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
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
              setKeyChange(null);
            }}
          />
          <p className="field__hint">
            Every round is checked against its fingerprint, its author's signature and the rounds you hold; nothing is
            stored unless all of it is right.
          </p>
        </div>
        {keyChange && <KeyChangeWarning change={keyChange} />}
        {problem && (
          <p className="field__error" role="alert" data-testid="package-error">
            {problem}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          {keyChange ? (
            <button
              type="button"
              className="button button--danger"
              data-testid="trust-key"
              disabled={importing}
              onClick={(event) => void submit(event, keyChange.new_key)}
            >
              They match: trust the new key
            </button>
          ) : (
            <button type="submit" className="button button--primary" data-testid="package-submit" disabled={importing}>
              Import
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}

function KeyChangeWarning({ change }: { change: KeyChange }) {
  const party = roleLabel(change.role).toLowerCase();
  return (
    <div className="key-warning" role="alert" data-testid="key-warning">
      <p className="key-warning__title">Round {change.round} is signed with a new key</p>
      <p>
        The {party} signed their earlier rounds with another key. They may have moved to a new computer — or someone
        else made this package. Nothing was imported.
      </p>
      <dl>
        <dt>The key they used so far</dt>
        <dd>
          <Fingerprint value={change.pinned_fingerprint} testId="pinned-fingerprint" />
        </dd>
        <dt>The new key</dt>
        <dd>
          <Fingerprint value={change.new_fingerprint} testId="new-fingerprint" />
        </dd>
      </dl>
      <p>
        Call the {party} on a number you already know and ask them to read the fingerprint shown under “Your signing
        key” in their SLA Studio. Import only if it matches the new key digit for digit.
      </p>
    </div>
  );
}

import { type FormEvent, useEffect, useMemo, useState } from "react";
import { Modal } from "../components/Modal";
import { roleLabel } from "../format";
import type { PaperSize, PdfProgress, PdfRequest, Preview, RoundSummary } from "../ipc";
import { PdfPreview } from "./PdfPreview";

type Props = {
  rounds: RoundSummary[];
  agreed: boolean;
  /** Makes the PDF and asks where to save it; resolves to the path, null when cancelled. */
  onExport: (
    request: PdfRequest,
    paper: PaperSize,
    onProgress: (progress: PdfProgress) => void,
  ) => Promise<string | null>;
  /** The first pages of that PDF, as the core lays them out. */
  onPreview: (request: PdfRequest, paper: PaperSize) => Promise<Preview>;
  onClose: () => void;
};

/** What a failed call says: its message, or else the rejection itself as text. */
function problemText(error: unknown): string {
  return (error as { message?: string }).message ?? String(error);
}

type Kind = PdfRequest["document"];
/** A version in a select: a round number, or "draft". */
type VersionValue = string;

const toRound = (value: VersionValue): number | null => (value === "draft" ? null : Number(value));

/** Which PDF to make — the agreement, a redline or the negotiation history — and on which paper. */
export function ExportPdfDialog({ rounds, agreed, onExport, onPreview, onClose }: Props) {
  const last = rounds.at(-1)?.number;
  const [kind, setKind] = useState<Kind>("agreement");
  const [version, setVersion] = useState<VersionValue>("current");
  const [from, setFrom] = useState<VersionValue>(String(Math.max(1, (last ?? 1) - 1)));
  const [to, setTo] = useState<VersionValue>(last === undefined ? "draft" : String(last));
  const [unchanged, setUnchanged] = useState(false);
  const [paper, setPaper] = useState<PaperSize>("a4");
  const [working, setWorking] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [progress, setProgress] = useState<PdfProgress | null>(null);

  const request = useMemo((): PdfRequest => {
    switch (kind) {
      case "agreement":
        return { document: "agreement", round: version === "current" ? null : toRound(version) };
      case "redline":
        return { document: "redline", from: toRound(from), to: toRound(to), include_unchanged: unchanged };
      case "history":
        return { document: "history" };
    }
  }, [kind, version, from, to, unchanged]);

  // The preview follows every choice; the latest answer wins.
  useEffect(() => {
    let current = true;
    setPreview(null);
    setProblem(null);
    onPreview(request, paper).then(
      (made) => current && setPreview(made),
      (error: unknown) => current && setProblem(problemText(error)),
    );
    return () => {
      current = false;
    };
  }, [request, paper, onPreview]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setWorking(true);
    setProblem(null);
    setProgress(null);
    try {
      const path = await onExport(request, paper, setProgress);
      if (path) setSaved(path);
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setWorking(false);
    }
  }

  const roundOptions = [...rounds].reverse().map((round) => (
    <option key={round.number} value={String(round.number)}>
      Round {round.number} ({roleLabel(round.author).toLowerCase()})
    </option>
  ));
  const versionSelect = (id: string, label: string, value: VersionValue, onChange: (v: VersionValue) => void) => (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="input" data-testid={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {roundOptions}
        <option value="draft">The working draft</option>
      </select>
    </div>
  );

  return (
    <Modal title="Export PDF" onClose={onClose} testId="export-pdf-dialog">
      <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className="field">
          <legend className="field__label">Document</legend>
          {(
            [
              ["agreement", "The agreement, ready to sign"],
              ["redline", "The redline between two versions"],
              ["history", "The negotiation history"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name="pdf-kind"
                value={value}
                data-testid={`pdf-kind-${value}`}
                checked={kind === value}
                disabled={value !== "agreement" && rounds.length === 0}
                onChange={() => setKind(value)}
              />{" "}
              {label}
            </label>
          ))}
        </fieldset>
        {kind === "agreement" && (
          <div className="field">
            <label className="field__label" htmlFor="pdf-version">
              Version
            </label>
            <select
              id="pdf-version"
              className="input"
              data-testid="pdf-version"
              value={version}
              onChange={(e) => setVersion(e.target.value)}
            >
              <option value="current">{agreed ? "The agreed version" : "The working draft"}</option>
              {roundOptions}
            </select>
          </div>
        )}
        {kind === "redline" && (
          <>
            {versionSelect("pdf-from", "From", from, setFrom)}
            {versionSelect("pdf-to", "To", to, setTo)}
            <label className="choice">
              <input
                type="checkbox"
                data-testid="pdf-unchanged"
                checked={unchanged}
                onChange={(e) => setUnchanged(e.target.checked)}
              />{" "}
              Include the unchanged clauses
            </label>
          </>
        )}
        <div className="field">
          <label className="field__label" htmlFor="pdf-paper">
            Paper
          </label>
          <select
            id="pdf-paper"
            className="input"
            data-testid="pdf-paper"
            value={paper}
            onChange={(e) => setPaper(e.target.value as PaperSize)}
          >
            <option value="a4">A4</option>
            <option value="letter">US Letter</option>
          </select>
        </div>
        {preview ? <PdfPreview preview={preview} /> : <p className="muted">Laying out the preview…</p>}
        {working && (
          <p className="muted" role="status">
            {progress ? (
              <>
                <progress
                  data-testid="pdf-progress"
                  aria-label="Making the PDF"
                  value={progress.pages_done}
                  max={progress.pages_total}
                />{" "}
                Page {progress.pages_done} of {progress.pages_total}…
              </>
            ) : (
              <>
                <progress data-testid="pdf-progress" aria-label="Making the PDF" /> Making the PDF…
              </>
            )}
          </p>
        )}
        {saved && !working && (
          <p className="muted" role="status" data-testid="pdf-saved">
            Saved to <span className="mono">{saved}</span>
          </p>
        )}
        {problem && (
          <p className="field__error" role="alert" data-testid="pdf-error">
            {problem}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button button--primary" data-testid="pdf-submit" disabled={working}>
            Save PDF…
          </button>
        </div>
      </form>
    </Modal>
  );
}

import { type FormEvent, useState } from "react";
import { Modal } from "../components/Modal";

type Props = {
  nextRound: number;
  /** Proposes; resolves to the reason when refused. */
  onPropose: (message: string) => Promise<string | null>;
  onClose: () => void;
};

/** Freezes the draft into the next round, with a message to the other side. */
export function ProposeDialog({ nextRound, onPropose, onClose }: Props) {
  const [message, setMessage] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSending(true);
    const refused = await onPropose(message);
    setSending(false);
    setProblem(refused);
  }

  return (
    <Modal title={`Propose round ${nextRound}`} onClose={onClose} testId="propose-dialog">
      <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">
          The draft is frozen as round {nextRound}: it can no longer change, and its fingerprint chains it to the rounds
          before.
        </p>
        <div className="field">
          <label className="field__label" htmlFor="round-message">
            Message to the other side <span className="muted">(optional)</span>
          </label>
          <textarea
            id="round-message"
            className="input textarea"
            rows={4}
            data-autofocus
            data-testid="round-message"
            value={message}
            onChange={(event) => setMessage(event.target.value)}
          />
        </div>
        {problem && (
          <p className="field__error" role="alert" data-testid="propose-error">
            {problem}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" data-testid="propose-submit" disabled={sending}>
            Propose round {nextRound}
          </button>
        </div>
      </form>
    </Modal>
  );
}

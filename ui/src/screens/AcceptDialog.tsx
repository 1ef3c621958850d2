import { Modal } from "../components/Modal";

type Props = {
  /** The round whose text the acceptance carries. */
  round: number | undefined;
  onCancel: () => void;
  onAccept: () => void;
};

/** Asks before accepting the latest round as final, which agrees and locks the agreement. */
export function AcceptDialog({ round, onCancel, onAccept }: Props) {
  return (
    <Modal title="Accept as final?" onClose={onCancel} testId="accept-dialog">
      <p>
        Your answer will carry exactly the text of round {round}. With both parties on the same text the agreement
        is <strong>agreed and locked</strong>: no one can change it any more. Send the package afterwards so the
        other side has your acceptance.
      </p>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button--primary" data-testid="accept-confirm" onClick={onAccept}>
          Accept as final
        </button>
      </div>
    </Modal>
  );
}

import { Fingerprint } from "./Fingerprint";
import { Modal } from "./Modal";

type Props = {
  fingerprint: string;
  workspacePath: string;
  onClose: () => void;
};

/**
 * This workspace's signing key, as the fingerprint the other side compares when they first
 * receive a round from us (or when our key changes): eight groups of five digits, to read
 * aloud over the phone.
 */
export function SigningKeyDialog({ fingerprint, workspacePath, onClose }: Props) {
  return (
    <Modal title="Your signing key" onClose={onClose} testId="signing-key-dialog">
      <p>Every round you propose is signed with this workspace's key. Its fingerprint is:</p>
      <p>
        <Fingerprint value={fingerprint} testId="own-fingerprint" />
      </p>
      <p className="muted">
        When the other side imports your first round, or a round from a new computer, SLA Studio shows them this
        fingerprint. Read it to them over the phone so they know the rounds are yours. The key stays in your workspace (
        <span className="mono">{workspacePath}</span>); keep that folder backed up, because a new workspace means a new key.
      </p>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" data-autofocus onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}

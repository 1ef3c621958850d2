import { useState } from "react";
import { Modal } from "../components/Modal";

type Props = {
  title: string;
  onCancel: () => void;
  onConfirm: () => Promise<void>;
};

export function DeleteAgreementDialog({ title, onCancel, onConfirm }: Props) {
  const [deleting, setDeleting] = useState(false);
  return (
    <Modal title="Delete this agreement?" onClose={onCancel} testId="delete-dialog">
      <p>
        “<strong>{title}</strong>” will be deleted from this workspace with its draft and all its rounds. This cannot be
        undone.
      </p>
      <div className="dialog__actions">
        <button type="button" className="button" data-autofocus onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--danger"
          data-testid="delete-confirm"
          disabled={deleting}
          onClick={() => {
            setDeleting(true);
            void onConfirm().finally(() => setDeleting(false));
          }}
        >
          Delete agreement
        </button>
      </div>
    </Modal>
  );
}

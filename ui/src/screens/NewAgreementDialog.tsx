import { type FormEvent, useState } from "react";
import { Modal } from "../components/Modal";
import { type AgreementSummary, type ApiError, createAgreement, type PartyRole } from "../ipc";

type Props = {
  onClose: () => void;
  onCreated: (summary: AgreementSummary) => void;
  onError: (error: ApiError) => void;
};

const MAX_TITLE = 200;

type FieldErrors = { title?: string; counterparty?: string };

function check(title: string, counterparty: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!title.trim()) errors.title = "Enter a title for the agreement.";
  else if (title.trim().length > MAX_TITLE) errors.title = `A title has at most ${MAX_TITLE} characters.`;
  if (!counterparty.trim()) errors.counterparty = "Enter the counterparty's legal name.";
  return errors;
}

export function NewAgreementDialog({ onClose, onCreated, onError }: Props) {
  const [title, setTitle] = useState("");
  const [counterparty, setCounterparty] = useState("");
  const [ourRole, setOurRole] = useState<PartyRole>("customer");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = check(title, counterparty);
    setErrors(found);
    if (found.title || found.counterparty) return;
    setSubmitting(true);
    try {
      onCreated(await createAgreement({ title, our_role: ourRole, counterparty }));
    } catch (error) {
      setSubmitting(false);
      onError(error as ApiError);
    }
  }

  return (
    <Modal title="New agreement" onClose={onClose} testId="new-agreement-dialog">
      <form className="dialog-form" onSubmit={submit} noValidate>
        <div className="field">
          <label className="field__label" htmlFor="new-title">
            Agreement title
          </label>
          <input
            id="new-title"
            className="input"
            data-testid="new-title"
            data-autofocus
            value={title}
            maxLength={MAX_TITLE * 2}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? "new-title-error" : undefined}
            placeholder="e.g. Managed Hosting SLA 2027"
            onChange={(event) => setTitle(event.target.value)}
          />
          {errors.title && (
            <p className="field__error" id="new-title-error">
              {errors.title}
            </p>
          )}
        </div>
        <div className="field">
          <label className="field__label" htmlFor="new-counterparty">
            Counterparty
          </label>
          <input
            id="new-counterparty"
            className="input"
            data-testid="new-counterparty"
            value={counterparty}
            aria-invalid={errors.counterparty ? true : undefined}
            aria-describedby={errors.counterparty ? "new-counterparty-error" : "new-counterparty-hint"}
            placeholder="e.g. Cloudy Hosting Ltd"
            onChange={(event) => setCounterparty(event.target.value)}
          />
          {errors.counterparty ? (
            <p className="field__error" id="new-counterparty-error">
              {errors.counterparty}
            </p>
          ) : (
            <p className="field__hint" id="new-counterparty-hint">
              The other party's legal name.
            </p>
          )}
        </div>
        <fieldset className="field">
          <legend className="field__label">We are the</legend>
          <div className="choice-group">
            <label className="choice">
              <input
                type="radio"
                name="our-role"
                value="customer"
                data-testid="new-role-customer"
                checked={ourRole === "customer"}
                onChange={() => setOurRole("customer")}
              />
              Customer <span className="muted">(we buy the service)</span>
            </label>
            <label className="choice">
              <input
                type="radio"
                name="our-role"
                value="provider"
                data-testid="new-role-provider"
                checked={ourRole === "provider"}
                onChange={() => setOurRole("provider")}
              />
              Provider <span className="muted">(we deliver it)</span>
            </label>
          </div>
        </fieldset>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" data-testid="create-submit" disabled={submitting}>
            Create
          </button>
        </div>
      </form>
    </Modal>
  );
}

import { type FormEvent, useState } from "react";
import { Modal } from "../components/Modal";
import type { Agreement, Party, PartyInput, PartiesUpdate } from "../ipc";

type Props = {
  agreement: Agreement;
  /** Saves; resolves to the reason when the core refuses the values. */
  onSave: (update: PartiesUpdate) => Promise<string | null>;
  onClose: () => void;
};

function input(party: Party): PartyInput {
  return {
    name: party.name,
    signatory_name: party.signatory?.name ?? "",
    signatory_title: party.signatory?.title ?? "",
    signatory_email: party.signatory?.email ?? "",
  };
}

/** Both parties' legal names and signatories, and the effective date. */
export function PartiesDialog({ agreement, onSave, onClose }: Props) {
  const [customer, setCustomer] = useState(input(agreement.parties.customer));
  const [provider, setProvider] = useState(input(agreement.parties.provider));
  const [effectiveDate, setEffectiveDate] = useState(agreement.effective_date ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    const refused = await onSave({ customer, provider, effective_date: effectiveDate });
    setSaving(false);
    setProblem(refused);
  }

  return (
    <Modal title="Parties and signatories" onClose={onClose} wide testId="parties-dialog">
      <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field-row">
          <PartyFields role="Customer" value={customer} onChange={setCustomer} />
          <PartyFields role="Provider" value={provider} onChange={setProvider} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="effective-date">
            Effective date <span className="muted">(optional)</span>
          </label>
          <input
            id="effective-date"
            className="input"
            type="date"
            data-testid="effective-date"
            value={effectiveDate}
            onChange={(event) => setEffectiveDate(event.target.value)}
          />
        </div>
        {problem && (
          <p className="field__error" role="alert" data-testid="parties-error">
            {problem}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" data-testid="parties-save" disabled={saving}>
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}

function PartyFields({
  role,
  value,
  onChange,
}: {
  role: string;
  value: PartyInput;
  onChange: (value: PartyInput) => void;
}) {
  const key = role.toLowerCase();
  const field = (name: keyof PartyInput, label: string, type = "text") => (
    <div className="field">
      <label className="field__label" htmlFor={`${key}-${name}`}>
        {label}
      </label>
      <input
        id={`${key}-${name}`}
        className="input"
        type={type}
        data-testid={`${key}-${name}`}
        value={value[name]}
        onChange={(event) => onChange({ ...value, [name]: event.target.value })}
      />
    </div>
  );
  return (
    <fieldset className="party-fields">
      <legend className="field__label">{role}</legend>
      {field("name", "Legal name")}
      {field("signatory_name", "Signatory")}
      {field("signatory_title", "Signatory's title")}
      {field("signatory_email", "Signatory's e-mail", "email")}
    </fieldset>
  );
}

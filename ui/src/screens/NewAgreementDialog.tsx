import { type FormEvent, useEffect, useState } from "react";
import { Modal } from "../components/Modal";
import { POSITIONS } from "../format";
import { KeyTermFields } from "./KeyTermFields";
import {
  type AgreementSummary,
  type ApiError,
  createAgreement,
  createFromTemplate,
  listTemplates,
  type PartyRole,
  type Position,
  type TemplateInfo,
} from "../ipc";

type Props = {
  onClose: () => void;
  onCreated: (summary: AgreementSummary) => void;
  onError: (error: ApiError) => void;
};

const BLANK = "";

/** The core's refusal of a field, shown beside it (the core owns every rule of a title and a name). */
type FieldErrors = { title?: string; counterparty?: string };

export function NewAgreementDialog({ onClose, onCreated, onError }: Props) {
  const [templates, setTemplates] = useState<TemplateInfo[]>([]);
  const [templateId, setTemplateId] = useState(BLANK);
  const [position, setPosition] = useState<Position>("balanced");
  const [options, setOptions] = useState<Record<string, boolean>>({});
  const [title, setTitle] = useState("");
  const [counterparty, setCounterparty] = useState("");
  const [ourName, setOurName] = useState("");
  const [keyValues, setKeyValues] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [ourRole, setOurRole] = useState<PartyRole>("customer");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    listTemplates().then(setTemplates, onError);
  }, [onError]);

  const template = templates.find((t) => t.id === templateId);

  function chooseTemplate(id: string) {
    setTemplateId(id);
    const chosen = templates.find((t) => t.id === id);
    setOptions(Object.fromEntries((chosen?.options ?? []).map((o) => [o.name, o.default])));
    setKeyValues({});
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    setRefusal(null);
    setSubmitting(true);
    try {
      const created = template
        ? await createFromTemplate({
            template: template.id,
            position,
            our_role: ourRole,
            title: title.trim() ? title : null,
            counterparty,
            our_name: ourName,
            options,
            set: keyValues,
          })
        : await createAgreement({ title, our_role: ourRole, counterparty });
      onCreated(created);
    } catch (error) {
      setSubmitting(false);
      const apiError = error as ApiError;
      if (apiError.code !== "invalid_input") onError(apiError);
      else if (apiError.field === "title") setErrors({ title: apiError.message });
      else if (apiError.field === "counterparty") setErrors({ counterparty: apiError.message });
      else setRefusal(apiError.message);
    }
  }

  return (
    <Modal title="New agreement" onClose={onClose} testId="new-agreement-dialog">
      <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label className="field__label" htmlFor="new-template">
            Start from
          </label>
          <select
            id="new-template"
            className="input"
            data-testid="new-template"
            value={templateId}
            onChange={(event) => chooseTemplate(event.target.value)}
          >
            <option value={BLANK}>A blank agreement</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          {template && <p className="field__hint">{template.description}</p>}
        </div>
        <div className="field">
          <label className="field__label" htmlFor="new-title">
            Agreement title{template && <span className="muted"> (optional)</span>}
          </label>
          <input
            id="new-title"
            className="input"
            data-testid="new-title"
            data-autofocus
            value={title}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? "new-title-error" : undefined}
            placeholder={template ? template.name : "e.g. Managed Hosting SLA 2027"}
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
        {template && (
          <div className="field">
            <label className="field__label" htmlFor="new-our-name">
              Our legal name <span className="muted">(optional)</span>
            </label>
            <input
              id="new-our-name"
              className="input"
              data-testid="new-our-name"
              value={ourName}
              placeholder="e.g. Acme Retail plc"
              onChange={(event) => setOurName(event.target.value)}
            />
          </div>
        )}
        {template && (
          <>
            <fieldset className="field">
              <legend className="field__label">Position</legend>
              <div className="choice-column">
                {POSITIONS.map((p) => (
                  <label className="choice" key={p.value}>
                    <input
                      type="radio"
                      name="position"
                      value={p.value}
                      data-testid={`new-position-${p.value}`}
                      checked={position === p.value}
                      onChange={() => setPosition(p.value)}
                    />
                    {p.label} <span className="muted">({p.hint})</span>
                  </label>
                ))}
              </div>
            </fieldset>
            {template.options.length > 0 && (
              <fieldset className="field">
                <legend className="field__label">Options</legend>
                <div className="choice-column">
                  {template.options.map((o) => (
                    <label className="choice" key={o.name} title={o.help ?? undefined}>
                      <input
                        type="checkbox"
                        data-testid={`new-option-${o.name}`}
                        checked={options[o.name] ?? o.default}
                        onChange={(event) => setOptions({ ...options, [o.name]: event.target.checked })}
                      />
                      {o.label}
                    </label>
                  ))}
                </div>
              </fieldset>
            )}
            <KeyTermFields terms={template.key_terms} position={position} values={keyValues} onChange={setKeyValues} />
          </>
        )}
        {refusal && (
          <p className="field__error" role="alert" data-testid="new-refusal">
            {refusal}
          </p>
        )}
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

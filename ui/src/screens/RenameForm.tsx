import { type FormEvent, useState } from "react";

type Props = {
  initial: string;
  onSave: (title: string) => Promise<void>;
  onCancel: () => void;
};

export function RenameForm({ initial, onSave, onCancel }: Props) {
  const [title, setTitle] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) {
      setProblem("Enter a title for the agreement.");
      return;
    }
    setSaving(true);
    await onSave(title);
    setSaving(false);
  }

  return (
    <form className="rename-form" onSubmit={(event) => void submit(event)} noValidate>
      <label className="visually-hidden" htmlFor="rename-input">
        Agreement title
      </label>
      <input
        id="rename-input"
        className="input input--title"
        data-testid="rename-input"
        value={title}
        autoFocus
        aria-invalid={problem ? true : undefined}
        onChange={(event) => setTitle(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            onCancel();
          }
        }}
      />
      <button type="submit" className="button button--primary" data-testid="rename-save" disabled={saving}>
        Save
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      {problem && <p className="field__error">{problem}</p>}
    </form>
  );
}

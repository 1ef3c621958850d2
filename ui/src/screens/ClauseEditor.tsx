import Document from "@tiptap/extension-document";
import Paragraph from "@tiptap/extension-paragraph";
import Text from "@tiptap/extension-text";
import { UndoRedo } from "@tiptap/extensions";
import { EditorContent, useEditor } from "@tiptap/react";
import { useState } from "react";
import type { DocumentClause, TermRow } from "../ipc";
import { fromEditorDoc, TERM_CHIP, toEditorDoc } from "./clauseDocument";
import { TermChipNode } from "./TermChipNode";

type Props = {
  clause: DocumentClause;
  terms: TermRow[];
  /** Saves the heading and text; resolves to the reason when the core refuses them. */
  onSave: (heading: string, text: string) => Promise<string | null>;
  onCancel: () => void;
};

/** A clause edited in place: its heading, and its text as paragraphs with term chips. */
export function ClauseEditor({ clause, terms, onSave, onCancel }: Props) {
  const labels = Object.fromEntries(terms.map((t) => [t.id, t.label]));
  const [heading, setHeading] = useState(clause.heading);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const editor = useEditor({
    extensions: [Document, Paragraph, Text, UndoRedo, TermChipNode],
    content: toEditorDoc(clause.paragraphs, labels),
    autofocus: "end",
    editorProps: {
      attributes: {
        class: "clause-editor__text",
        "aria-label": `Text of clause ${clause.number}`,
        "data-testid": "clause-editor-text",
      },
    },
  });

  async function save() {
    if (!editor || saving) return;
    setSaving(true);
    const refused = await onSave(heading, fromEditorDoc(editor.getJSON()));
    setSaving(false);
    setError(refused);
  }

  function insertTerm(id: string) {
    const term = terms.find((t) => t.id === id);
    if (!editor || !term) return;
    const shown = term.input === null ? term.label : term.value;
    editor.chain().focus().insertContent({ type: TERM_CHIP, attrs: { term: term.id, text: shown } }).run();
  }

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    }
  }

  return (
    <div className="clause-editor" data-testid="clause-editor" onKeyDown={onKeyDown}>
      <label className="clause-editor__heading">
        <span className="visually-hidden">Heading of clause {clause.number}</span>
        <span className="clause-editor__number">{clause.number}</span>
        <input
          className="input"
          value={heading}
          data-testid="clause-editor-heading"
          onChange={(event) => setHeading(event.target.value)}
        />
      </label>
      <EditorContent editor={editor} />
      {error && (
        <p className="field__error" role="alert" data-testid="clause-editor-error">
          {error}
        </p>
      )}
      <div className="clause-editor__bar">
        <label>
          <span className="visually-hidden">Insert a term</span>
          <select
            className="input"
            value=""
            data-testid="clause-editor-insert-term"
            onChange={(event) => insertTerm(event.target.value)}
          >
            <option value="">Insert a term…</option>
            {terms.map((term) => (
              <option key={term.id} value={term.id}>
                {term.label}
              </option>
            ))}
          </select>
        </label>
        <span className="muted clause-editor__hint">Ctrl+Enter saves · Esc cancels</span>
        <button type="button" className="button" onClick={onCancel} data-testid="clause-editor-cancel">
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={() => void save()}
          disabled={saving}
          data-testid="clause-editor-save"
        >
          Save clause
        </button>
      </div>
    </div>
  );
}

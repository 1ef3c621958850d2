// Between a clause as the core shows it (paragraphs of text and term segments) and the
// editor's document (paragraphs of text and term-chip nodes). The clause text format itself
// (paragraphs split by a blank line, references written {{term.id}}) is the core's; this only
// writes it back from the editor's nodes.
import type { JSONContent } from "@tiptap/core";
import type { TextSegment } from "../ipc";

export const TERM_CHIP = "termChip";

export function toEditorDoc(paragraphs: TextSegment[][], labels: Record<string, string>): JSONContent {
  return {
    type: "doc",
    content: paragraphs.map((segments) => ({
      type: "paragraph",
      content: segments.flatMap((segment): JSONContent[] => {
        if (segment.kind === "text") return segment.text === "" ? [] : [{ type: "text", text: segment.text }];
        const shown = segment.table ? (labels[segment.term] ?? segment.term) : segment.text;
        return [{ type: TERM_CHIP, attrs: { term: segment.term, text: shown } }];
      }),
    })),
  };
}

export function fromEditorDoc(doc: JSONContent): string {
  return (doc.content ?? [])
    .map((paragraph) =>
      (paragraph.content ?? [])
        .map((node) => {
          if (node.type === TERM_CHIP) return `{{${String(node.attrs?.term ?? "")}}}`;
          if (node.type === "hardBreak") return "\n";
          return node.text ?? "";
        })
        .join(""),
    )
    .join("\n\n");
}

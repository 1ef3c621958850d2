// A term reference inside the clause editor: an atom that shows the term's value and cannot
// be typed into; it is moved, copied or deleted as a whole.
import { Node } from "@tiptap/core";
import { TERM_CHIP } from "./clauseDocument";

export const TermChipNode = Node.create({
  name: TERM_CHIP,
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    return {
      term: { default: "" },
      text: { default: "" },
    };
  },

  parseHTML() {
    return [
      {
        tag: "span[data-term]",
        getAttrs: (element) => ({
          term: element.getAttribute("data-term") ?? "",
          text: element.textContent ?? "",
        }),
      },
    ];
  },

  renderHTML({ node }) {
    return [
      "span",
      { class: "term-chip term-chip--inline", "data-term": node.attrs.term as string, "data-testid": "editor-term-chip" },
      String(node.attrs.text),
    ];
  },

  renderText({ node }) {
    return String(node.attrs.text);
  },
});

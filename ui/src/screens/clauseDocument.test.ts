import { describe, expect, it } from "vitest";
import { fromEditorDoc, toEditorDoc } from "./clauseDocument";

describe("clause text in the editor", () => {
  it("round-trips paragraphs, terms and tables to the core's text format", () => {
    const doc = toEditorDoc(
      [
        [
          { kind: "text", text: "At least " },
          { kind: "term", term: "availability.target", text: "99.9 %", table: null },
          { kind: "text", text: " in each month." },
        ],
        [{ kind: "term", term: "credits.tiers", text: "", table: { header: [], rows: [] } }],
        [{ kind: "text", text: "" }],
      ],
      { "credits.tiers": "Service credit tiers" },
    );
    expect(doc.content?.[1]?.content?.[0]?.attrs).toEqual({ term: "credits.tiers", text: "Service credit tiers" });
    expect(doc.content?.[2]?.content).toEqual([]);
    expect(fromEditorDoc(doc)).toBe("At least {{availability.target}} in each month.\n\n{{credits.tiers}}\n\n");
  });
});

import { describe, expect, it } from "vitest";
import { applyTheme, storedTheme } from "./theme";

describe("theme", () => {
  it("writes the resolved theme to the document and remembers a forced choice", () => {
    applyTheme("dark");
    expect(document.documentElement.dataset.theme).toBe("dark");
    expect(storedTheme()).toBe("dark");
    applyTheme("light");
    expect(document.documentElement.dataset.theme).toBe("light");
    applyTheme("system");
    expect(storedTheme()).toBe("system");
    expect(["light", "dark"]).toContain(document.documentElement.dataset.theme);
  });
});

// The colour theme: follow the system, or force light or dark; remembered on this machine.
// The resolved theme is written to <html data-theme>, which tokens.css reads.
export type ThemeChoice = "system" | "light" | "dark";

const STORAGE_KEY = "sla-studio.theme";
const systemDark = () => window.matchMedia?.("(prefers-color-scheme: dark)");
let current: ThemeChoice = "system";

export function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === "light" || value === "dark" ? value : "system";
  } catch {
    return "system";
  }
}

function resolve(choice: ThemeChoice): "light" | "dark" {
  if (choice !== "system") return choice;
  return systemDark()?.matches ? "dark" : "light";
}

export function applyTheme(choice: ThemeChoice): void {
  current = choice;
  document.documentElement.setAttribute("data-theme", resolve(choice));
  try {
    if (choice === "system") localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Storage unavailable: the choice lasts for this session only.
  }
}

/** Applies the remembered choice and follows the system's changes while it is "system". */
export function applyStoredTheme(): void {
  applyTheme(storedTheme());
  systemDark()?.addEventListener("change", () => {
    if (current === "system") applyTheme("system");
  });
}

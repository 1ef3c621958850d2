// The colour theme: follow the system, or force light or dark; remembered on this machine.
export type ThemeChoice = "system" | "light" | "dark";

const STORAGE_KEY = "sla-studio.theme";

export function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === "light" || value === "dark" ? value : "system";
  } catch {
    return "system";
  }
}

export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === "system") root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", choice);
  try {
    localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Private storage unavailable: the choice lasts for this session only.
  }
}

export function applyStoredTheme(): void {
  applyTheme(storedTheme());
}

import { useState } from "react";
import { applyTheme, storedTheme, type ThemeChoice } from "../theme";

export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>(storedTheme);
  return (
    <label className="theme-toggle">
      Theme
      <select
        className="input"
        value={choice}
        data-testid="theme"
        onChange={(event) => {
          const next = event.target.value as ThemeChoice;
          setChoice(next);
          applyTheme(next);
        }}
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}

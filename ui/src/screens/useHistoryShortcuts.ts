import { useEffect, useRef } from "react";

export type HistoryWalk = "undo" | "redo";

/**
 * Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo draft edits, except while typing in a
 * field or the clause editor, which have their own undo. `walk` may change on every render.
 */
export function useHistoryShortcuts(walk: (walk: HistoryWalk) => void) {
  const walkRef = useRef(walk);
  walkRef.current = walk;

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        walkRef.current("undo");
      } else if ((key === "z" && event.shiftKey) || key === "y") {
        event.preventDefault();
        walkRef.current("redo");
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}

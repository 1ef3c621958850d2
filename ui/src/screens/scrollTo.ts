// Moving the reader to a part of the screen: a clause, a term's field, a change in the redline.

/** Scrolls the element with this id smoothly to the top of the view; returns it, if there is one. */
export function scrollToId(id: string): HTMLElement | null {
  const element = document.getElementById(id);
  element?.scrollIntoView({ block: "start", behavior: "smooth" });
  return element;
}

/** Scrolls to a clause of the draft and focuses it. */
export function goToClause(clause: string) {
  scrollToId(`clause-${clause}`)?.focus({ preventScroll: true });
}

/** Focuses a term's field in the terms panel. */
export function focusTerm(term: string) {
  document.getElementById(`term-input-${term}`)?.focus();
}

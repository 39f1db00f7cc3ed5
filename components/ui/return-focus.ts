// Where focus goes after an action on one item of a list (a rename, a removal, a sign-out), so a
// keyboard or screen-reader user stays where they were instead of being sent to the top of the
// page. The outcome itself is announced by the page's live region; focus does not go there.

/** Focusable without entering the Tab order: cards and headings are not focusable by default. */
function focusHere(element: HTMLElement): void {
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus();
}

/**
 * Captures, before the list changes, where focus should land once it has re-rendered: the item
 * itself while it is still there (a rename), else the item after it, else the one before it, else
 * the heading of its section (the list is empty now). Call the returned function after the render.
 */
export function planFocusReturn(item: HTMLElement | null): () => boolean {
  if (!item) return () => false;
  const candidates = [item, item.nextElementSibling, item.previousElementSibling];
  const heading = item.closest('section')?.querySelector<HTMLElement>('h2, h3');
  return () => {
    const target =
      candidates.find((el): el is HTMLElement => el instanceof HTMLElement && el.isConnected) ??
      (heading?.isConnected ? heading : null);
    if (!target) return false;
    focusHere(target);
    return true;
  };
}

/** The list item marked with `data-{attribute}="{id}"`, if it is on the page. */
export function listItem(attribute: string, id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-${attribute}="${CSS.escape(id)}"]`);
}

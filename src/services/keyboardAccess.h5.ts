const CONTROLS = '[role=button], [role=link], [role=checkbox], [role=radio], [role=switch], [role=tab]';

/** Gives every control a place in the Tab order as it appears, and lets Enter and the space bar press it. */
export function enableKeyboardAccess(): void {
  if (typeof document === 'undefined') return;
  // Where the keyboard is, drawn plainly (only when the keyboard moved it, not on a tap).
  const style = document.createElement('style');
  style.textContent = `${CONTROLS.split(', ')
    .map((c) => `${c}:focus-visible`)
    .join(', ')} { outline: 4px solid #0b5cad; outline-offset: 3px; }`;
  document.head.appendChild(style);
  const focusable = (root: ParentNode) => {
    for (const el of Array.from(root.querySelectorAll(CONTROLS))) if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
  };
  focusable(document);
  new MutationObserver((changes) => {
    for (const change of changes)
      for (const node of Array.from(change.addedNodes)) {
        if (!(node instanceof Element)) continue;
        if (node.matches(CONTROLS) && !node.hasAttribute('tabindex')) node.setAttribute('tabindex', '0');
        focusable(node);
      }
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const el = e.target instanceof Element ? e.target : null;
    // Only the app's own controls: real buttons, links and text boxes already do this themselves.
    if (!el?.matches(CONTROLS) || /^(BUTTON|A|INPUT|TEXTAREA)$/.test(el.tagName)) return;
    e.preventDefault();
    (el as HTMLElement).click();
  });
}

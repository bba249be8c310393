import type { SystemFontScale } from './systemFontScale';

/**
 * The browser's default font size against the usual 16 px. `medium` is that size whatever the
 * page sets on <html> (Taro's H5 sets a root size of its own for rem), so a probe with
 * `font-size: medium` reads the person's setting. Read once, and again only when the person comes
 * back to the tab (where they would have changed it): every page asks on every render.
 */
let known: number | null = null;
let listening = false;

function probe(): number {
  const el = document.createElement('span');
  el.style.cssText = 'position:absolute;visibility:hidden;font-size:medium';
  document.body.appendChild(el);
  const px = Number.parseFloat(getComputedStyle(el).fontSize);
  el.remove();
  return Number.isFinite(px) && px > 0 ? px / 16 : 1;
}

export const systemFontScale: SystemFontScale = () => {
  if (typeof document === 'undefined' || !document.body) return 1;
  if (!listening) {
    listening = true;
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') known = null;
    });
  }
  known ??= probe();
  return known;
};

import type { SystemFontScale } from './systemFontScale';

/**
 * The browser's default font size against the usual 16 px. `medium` is that size whatever the
 * page sets on <html> (Taro's H5 sets a root size of its own for rem), so a probe with
 * `font-size: medium` reads the person's setting.
 */
export const systemFontScale: SystemFontScale = () => {
  if (typeof document === 'undefined' || !document.body) return 1;
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium';
  document.body.appendChild(probe);
  const px = Number.parseFloat(getComputedStyle(probe).fontSize);
  probe.remove();
  return Number.isFinite(px) && px > 0 ? px / 16 : 1;
};

import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import { systemFontScale } from '@/services/systemFontScale';

/**
 * The size of every letter in the app: the phone's own text-size setting times the app's 大字模式
 * (elder mode), switched on the home page and remembered on this phone. Pages apply it as the CSS
 * variable `--font-scale` (see Page.tsx); the type tokens in styles/_tokens.scss multiply by it.
 *
 * The standard sizes are already large (body 18 pt, titles 24 pt); 大字模式 makes them a quarter
 * larger (body 22.5 pt, titles 30 pt). The product never goes past twice the standard size:
 * beyond that a phone's screen shows only a few words per line.
 */
export const ELDER_FACTOR = 1.25;
export const MAX_FONT_SCALE = 2;
const STORAGE_KEY = 'elderMode';

const listeners = new Set<() => void>();
let elder: boolean | null = null;

function readElder(): boolean {
  if (elder === null) {
    try {
      elder = Taro.getStorageSync(STORAGE_KEY) === 'on';
    } catch {
      elder = false;
    }
  }
  return elder;
}

export function setElderMode(on: boolean): void {
  elder = on;
  try {
    Taro.setStorageSync(STORAGE_KEY, on ? 'on' : 'off');
  } catch {
    // Not remembered on this phone; still on for this visit.
  }
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The combined scale, rounded to hundredths so equal settings give equal styles. */
export function fontScaleOf(system: number, elderMode: boolean): number {
  const s = Math.min(MAX_FONT_SCALE, Math.max(1, system) * (elderMode ? ELDER_FACTOR : 1));
  return Math.round(s * 100) / 100;
}

export function useElderMode(): boolean {
  return useSyncExternalStore(subscribe, readElder, readElder);
}

export function useFontScale(): number {
  const on = useElderMode();
  // The phone's setting is read on each render of a page: it can change while the app is in the background.
  return fontScaleOf(systemFontScale(), on);
}

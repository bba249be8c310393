import Taro from '@tarojs/taro';

/**
 * Dev sign-in, for the H5 build against the local emulator only. In WeChat the caller
 * is who WeChat says; in production H5, CloudBase's own login. Every function here
 * checks the build constant `LOCAL_DEMO` first, so those builds drop the rest; components
 * test `LOCAL_DEMO` themselves (a literal there too, so their demo words are dropped as well).
 */
const STORAGE_KEY = 'devToken';
const PARAM = 'devToken';

export function devToken(): string | null {
  if (!LOCAL_DEMO) return null;
  return (Taro.getStorageSync(STORAGE_KEY) as string) || null;
}

/** On start: keep `?devToken=…` from the sign-in page, and take it out of the address bar. */
export function captureDevToken(): void {
  if (!LOCAL_DEMO) return;
  const url = new URL(window.location.href);
  // The emulator puts it before the `#/route`; accept it after, too.
  const token = url.searchParams.get(PARAM) ?? splitHash(url.hash)[1].get(PARAM);
  if (!token) return;
  Taro.setStorageSync(STORAGE_KEY, token);
  window.history.replaceState(window.history.state, '', appUrlWithoutToken());
}

/** Where the "本地演示登录" button goes; the sign-in page sends the browser back here. */
export function signInUrl(): string {
  if (!LOCAL_DEMO) return '';
  return `/__cloud/dev/signin?return=${encodeURIComponent(appUrlWithoutToken())}`;
}

export function signOut(): void {
  if (!LOCAL_DEMO) return;
  Taro.removeStorageSync(STORAGE_KEY);
}

/** The current address with any devToken removed, from the query and from the hash route. */
function appUrlWithoutToken(): string {
  const url = new URL(window.location.href);
  url.searchParams.delete(PARAM);
  const [hashPath, hashQuery] = splitHash(url.hash);
  hashQuery.delete(PARAM);
  const rest = hashQuery.toString();
  url.hash = rest ? `${hashPath}?${rest}` : hashPath;
  return url.toString();
}

function splitHash(hash: string): [string, URLSearchParams] {
  const at = hash.indexOf('?');
  return at < 0 ? [hash, new URLSearchParams()] : [hash.slice(0, at), new URLSearchParams(hash.slice(at + 1))];
}

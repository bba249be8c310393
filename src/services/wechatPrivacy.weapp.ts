type Resolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void;
type Wx = { onNeedPrivacyAuthorization?: (listener: (resolve: Resolve, info: { referrer?: string }) => void) => void };

/**
 * The held call's resolver lives on the app's global, not in this module: the guide page
 * that calls `privacyAgreed` may not share this module's instance with the app's launch code.
 */
const KEY = '__wenxinPrivacyWaiting';
const holder = globalThis as { [KEY]?: Resolve | null };

/** Register once, at launch: a blocked privacy call opens our guide instead of failing. */
export function listenForPrivacyRequests(openGuide: () => void): void {
  const wx = (globalThis as { wx?: Wx }).wx;
  // Base libraries before 2.32.3 have no privacy gate: nothing to listen to.
  if (typeof wx?.onNeedPrivacyAuthorization !== 'function') return;
  wx.onNeedPrivacyAuthorization((resolve) => {
    holder[KEY] = resolve;
    openGuide();
  });
}

export function privacyAgreed(buttonId: string): void {
  holder[KEY]?.({ event: 'agree', buttonId });
  holder[KEY] = null;
}

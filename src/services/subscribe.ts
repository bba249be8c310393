/**
 * WeChat one-time subscribe messages: the phone asks the person (`wx.requestSubscribeMessage`)
 * and answers which templates they accepted; each accepted one lets us send one message later.
 * Only WeChat has this, and only from a tap. Taro picks subscribe.weapp.ts; elsewhere (the
 * browser) there is nothing to ask and the app shows no button.
 */
export type SubscribeAnswer =
  /** The ids the person accepted (may be empty: they said no, or WeChat filtered the template). */
  | { ok: true; accepted: string[] }
  /** WeChat could not ask: messages switched off in the settings (20004), or another failure. */
  | { ok: false; reason: 'switched_off' | 'failed' };

export interface SubscribeService {
  available: boolean;
  /** Must be called straight from a tap handler, before anything is awaited (WeChat's rule). */
  request(templateIds: string[]): Promise<SubscribeAnswer>;
}

export const subscribe: SubscribeService = {
  available: false,
  request: () => Promise.resolve({ ok: false, reason: 'failed' }),
};

import type { SubscribeAnswer, SubscribeService } from './subscribe';

declare const wx: {
  requestSubscribeMessage?: (opts: {
    tmplIds: string[];
    success: (res: Record<string, string>) => void;
    fail: (err: { errCode?: number; errMsg?: string }) => void;
  }) => void;
};

/** 20004: the person switched off this mini-program's messages in WeChat's settings. */
const SWITCHED_OFF = 20004;

export const subscribe: SubscribeService = {
  available: true,
  request: (templateIds) =>
    new Promise<SubscribeAnswer>((resolve) => {
      if (typeof wx === 'undefined' || typeof wx.requestSubscribeMessage !== 'function') return resolve({ ok: false, reason: 'failed' });
      wx.requestSubscribeMessage({
        tmplIds: templateIds,
        // The answer is keyed by template id: 'accept', 'reject', 'ban' (blocked by WeChat) or 'filter'.
        success: (res) => resolve({ ok: true, accepted: templateIds.filter((id) => res?.[id] === 'accept') }),
        fail: (err) => resolve({ ok: false, reason: Number(err?.errCode) === SWITCHED_OFF ? 'switched_off' : 'failed' }),
      });
    }),
};

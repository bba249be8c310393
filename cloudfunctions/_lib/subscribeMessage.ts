import { exchangeJson } from './outsideHttp';
import { TOKEN_ERRCODES, wechatErrcode } from './wechatConfig';
import { WechatTokenError, type WechatTokenManager, wechatTokenManager } from './wechatToken';

/**
 * WeChat subscribe messages: `POST /cgi-bin/message/subscribe/send?access_token=` with touser,
 * template_id, page, data ({ key: { value } }), miniprogram_state, lang. One-time templates: each
 * message spends one permission the person granted with a tap (kept in `subscriptions`).
 * Locally the sandbox writes messages to an outbox (`/dev/outbox`).
 */

export const SUBSCRIBE_SEND_PATH = '/cgi-bin/message/subscribe/send';

/** Kinds of template fields and WeChat's limits on their values. */
export type TemplateFieldKind = 'thing' | 'phrase' | 'name' | 'date' | 'time' | 'character_string' | 'number';
export const TEMPLATE_FIELD_LIMITS: Record<TemplateFieldKind, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  date: 30,
  time: 30,
  character_string: 32,
  number: 32,
};

export interface TemplateField {
  /** The template's keyword, e.g. `thing1`: kind + position, as the platform names it. */
  key: string;
  kind: TemplateFieldKind;
  /** The label the message shows (the template's own wording, set in the WeChat console). */
  label: string;
}

export interface TemplateLayout {
  title: string;
  fields: TemplateField[];
}

/**
 * The three templates this product uses, as chosen in the WeChat console (the keys must match the
 * console's). Values: `thing` ≤ 20 characters, `phrase` ≤ 5 (Chinese), `date` like 2026年3月31日.
 */
export const TEMPLATE_LAYOUTS = {
  certReminder: {
    title: '资格认证提醒',
    fields: [
      { key: 'thing1', kind: 'thing', label: '认证事项' }, // 养老金领取资格认证
      { key: 'name2', kind: 'name', label: '认证人' }, // the retiree (a helper may receive it)
      { key: 'date3', kind: 'date', label: '截止日期' },
      { key: 'thing4', kind: 'thing', label: '温馨提示' }, // 点此在手机上完成认证
    ],
  },
  certResult: {
    title: '资格认证结果通知',
    fields: [
      { key: 'thing1', kind: 'thing', label: '认证事项' },
      { key: 'name2', kind: 'name', label: '认证人' },
      { key: 'phrase3', kind: 'phrase', label: '认证结果' }, // 已通过 / 未通过
      { key: 'date4', kind: 'date', label: '认证日期' },
      { key: 'thing5', kind: 'thing', label: '认证方式' }, // 微信刷脸 / 大数据比对 / 现场认证 …
    ],
  },
  eventReminder: {
    title: '活动开始提醒',
    fields: [
      { key: 'thing1', kind: 'thing', label: '活动名称' },
      { key: 'time2', kind: 'time', label: '活动时间' },
      { key: 'thing3', kind: 'thing', label: '活动地点' },
      { key: 'thing4', kind: 'thing', label: '温馨提示' },
    ],
  },
} as const satisfies Record<string, TemplateLayout>;

export type TemplatePurpose = keyof typeof TEMPLATE_LAYOUTS;

/** Template ids by purpose, from `WECHAT_TEMPLATE_CERT_REMINDER`, `…_CERT_RESULT`, `…_EVENT_REMINDER`. */
export function subscribeTemplates(env: NodeJS.ProcessEnv = process.env): Record<TemplatePurpose, string | undefined> {
  return {
    certReminder: env.WECHAT_TEMPLATE_CERT_REMINDER || undefined,
    certResult: env.WECHAT_TEMPLATE_CERT_RESULT || undefined,
    eventReminder: env.WECHAT_TEMPLATE_EVENT_REMINDER || undefined,
  };
}

/** Shortens a value to its field's limit (a trailing "…" for things), so a long place name never fails a send. */
export function fitTemplateValue(kind: TemplateFieldKind, value: string): string {
  const chars = Array.from(value);
  const max = TEMPLATE_FIELD_LIMITS[kind];
  if (chars.length <= max) return value;
  return kind === 'thing' ? `${chars.slice(0, max - 1).join('')}…` : chars.slice(0, max).join('');
}

/** The first field whose value WeChat would refuse (47003), or null. Used by the sandbox and by tests. */
export function templateDataProblem(layout: TemplateLayout, data: Record<string, unknown>): string | null {
  for (const f of layout.fields) {
    const value = (data[f.key] as { value?: unknown } | undefined)?.value;
    if (typeof value !== 'string' || value === '') return `data.${f.key}.value`;
    if (Array.from(value).length > TEMPLATE_FIELD_LIMITS[f.kind]) return `data.${f.key}.value`;
    if (f.kind === 'phrase' && !/^[\u4e00-\u9fa5]+$/.test(value)) return `data.${f.key}.value`;
    if (f.kind === 'number' && !/^\d+(\.\d+)?$/.test(value)) return `data.${f.key}.value`;
  }
  return null;
}

export type SubscribeSendResult = { ok: true } | { ok: false; reason: 'refused' | 'bad_request' | 'unavailable'; providerCode: string };

/** errcode → what the caller should do: 43101 the person has no permission left (ask again), others fix the request or wait. */
export function subscribeFailureReason(code: number): 'refused' | 'bad_request' | 'unavailable' {
  if (code === 43101) return 'refused'; // user refuse to accept the msg (no one-time permission left)
  if (code === -1 || code === 45009 || TOKEN_ERRCODES.has(code)) return 'unavailable'; // system busy, quota, token trouble after a retry
  return 'bad_request'; // 40003 openid, 40037 template_id, 47003 data, 41030 page, …
}

export interface SubscribeSendOptions {
  manager?: WechatTokenManager;
}

/**
 * Sends one subscribe message. `data` is the template's values by key (`{ thing1: '…' }`), or
 * already in WeChat's `{ thing1: { value } }` shape. Never rejects for the provider or the network.
 */
export async function sendSubscribeMessage(
  msg: { openid: string; templateId: string; page?: string; data: Record<string, string | { value: string }> },
  opts: SubscribeSendOptions = {},
): Promise<SubscribeSendResult> {
  const manager = opts.manager ?? wechatTokenManager();
  const data = Object.fromEntries(Object.entries(msg.data).map(([k, v]) => [k, typeof v === 'string' ? { value: v } : v]));
  const payload = {
    touser: msg.openid,
    template_id: msg.templateId,
    ...(msg.page ? { page: msg.page } : {}),
    data,
    miniprogram_state: manager.config.miniprogramState,
    lang: 'zh_CN',
  };
  try {
    const body = await manager.withToken(async (token) => {
      const answer = await exchangeJson(`${manager.config.apiBase}${SUBSCRIBE_SEND_PATH}?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        timeoutMs: manager.config.timeoutMs,
        fetch: manager.fetch,
      });
      return answer.ok ? answer.body : answer;
    });
    if (body && body.ok === false && typeof body.code === 'string') {
      console.warn(`[wechat] subscribe send failed: ${body.code}`);
      return { ok: false, reason: 'unavailable', providerCode: body.code };
    }
    const code = wechatErrcode(body);
    if (code === null) return { ok: false, reason: 'unavailable', providerCode: 'InvalidResponse' };
    if (code === 0) return { ok: true };
    console.warn(`[wechat] subscribe send refused: errcode ${code}`);
    return { ok: false, reason: subscribeFailureReason(code), providerCode: `errcode:${code}` };
  } catch (e) {
    if (e instanceof WechatTokenError) return { ok: false, reason: 'unavailable', providerCode: `token:${e.code}` };
    throw e;
  }
}

import crypto from 'node:crypto';
import type http from 'node:http';
import path from 'node:path';
import { localSmsSandboxEnv, maskPhoneForLog, SMS_ACTION, SMS_SERVICE, SMS_VERSION } from '../../cloudfunctions/_lib/sms';
import { header, json, readBody } from '../http';
import type { Route } from '../server';
import { JsonLinesFile } from './jsonLines';
import { verifyTc3 } from './tc3';

/**
 * Tencent Cloud SMS, locally. Answers `SendSms` like sms.tencentcloudapi.com (TC3 signature
 * checked with the sandbox's published key, errors as `{ Response: { Error, RequestId } }` with
 * HTTP 200) and delivers into an outbox instead of a phone:
 *   POST /sandbox/tencentcloud/sms   the provider (SMS_API_BASE points here)
 *   GET  /sandbox/sms/outbox?phone=  messages, newest first (tests); phone as +86… or 11 digits
 *   PUT  /sandbox/sms/script         { next: 'rate_limited'|'bad_number'|'provider_error'|'unavailable'|'timeout'|'ok',
 *                                      count?, code?, dailyLimit? }: the next `count` sends fail that way
 *   GET  /dev/outbox                 the outbox as a page, for a person trying the demo
 * The outbox is an append-only JSON-lines file, fsynced before the provider's reply, so a message
 * reported sent is still there after a crash. A per-number daily limit (default 10, like the
 * provider's default) applies; `dailyLimit: 0` lifts it.
 */

export interface OutboxMessage {
  serialNo: string;
  phone: string;
  signName: string;
  templateId: string;
  params: string[];
  text: string;
  sessionContext: string;
  fee: number;
  sentAt: string;
  requestId: string;
}

type Outcome = 'ok' | 'rate_limited' | 'bad_number' | 'provider_error' | 'unavailable' | 'timeout';

const PROVIDER_PATH = '/sandbox/tencentcloud/sms';
const SANDBOX = localSmsSandboxEnv();

/** The sandbox's approved templates (the provider's console would hold these). */
const TEMPLATES: Record<string, { text: string; params: number }> = {
  [SANDBOX.SMS_TEMPLATE_VERIFY]: { text: '您的验证码是{1}，{2}分钟内有效。如非本人操作，请忽略。', params: 2 },
};

/** Default codes for scripted failures; `code` in the script overrides. Per-number ones go in SendStatusSet. */
const SCRIPTED: Record<Exclude<Outcome, 'ok' | 'timeout'>, { code: string; message: string; perNumber: boolean }> = {
  rate_limited: {
    code: 'LimitExceeded.PhoneNumberThirtySecondLimit',
    message: 'the number of sms messages sent from a single mobile number within 30 seconds exceeds the upper limit',
    perNumber: true,
  },
  bad_number: { code: 'InvalidParameterValue.IncorrectPhoneNumber', message: 'incorrect phone number', perNumber: true },
  provider_error: {
    code: 'FailedOperation.InsufficientBalanceInSmsPackage',
    message: 'insufficient balance in SMS package',
    perNumber: false,
  },
  unavailable: { code: 'InternalError.SendAndRecvFail', message: 'send and recv fail', perNumber: false },
};

/** How long a scripted `timeout` holds the request before giving up on it (longer than any adapter timeout). */
const TIMEOUT_HOLD_MS = 120_000;

/** `outboxSections`: other sandboxes' outboxes (e.g. WeChat subscribe messages), shown on the same /dev/outbox page. */
export function smsSandbox(dataDir: string, opts: { outboxSections?: Array<() => string> } = {}): Route {
  const outbox = new Outbox(path.join(dataDir, 'outbox.jsonl'));
  let script: { outcome: Outcome; remaining: number; code?: string } | null = null;
  let dailyLimit = 10;

  async function provider(req: http.IncomingMessage, res: http.ServerResponse) {
    const requestId = crypto.randomUUID();
    const fail = (code: string, message: string) =>
      json(res, 200, { Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
    const raw = (await readBody(req, 1_000_000)) ?? '';

    if (header(req, 'x-tc-action') !== SMS_ACTION)
      return fail('InvalidAction', `The action \`${header(req, 'x-tc-action')}\` is not supported.`);
    if (header(req, 'x-tc-version') !== SMS_VERSION)
      return fail('NoSuchVersion', `The version \`${header(req, 'x-tc-version')}\` is not supported.`);
    const authError = verifyTc3(req, raw, { secretId: SANDBOX.SMS_SECRET_ID, secretKey: SANDBOX.SMS_SECRET_KEY, service: SMS_SERVICE });
    if (authError) return fail(authError.code, authError.message);

    let body: Record<string, any>;
    try {
      body = JSON.parse(raw);
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error();
    } catch {
      return fail('InvalidParameter', 'The request body is not valid JSON.');
    }
    for (const name of ['PhoneNumberSet', 'SmsSdkAppId', 'TemplateId']) {
      if (body[name] === undefined) return fail('MissingParameter', `The request is missing a required parameter \`${name}\`.`);
    }
    const phones = body.PhoneNumberSet;
    if (!Array.isArray(phones) || phones.length === 0 || phones.some((p) => typeof p !== 'string')) {
      return fail('InvalidParameter', 'PhoneNumberSet must be a non-empty array of strings.');
    }
    if (phones.length > 200) return fail('LimitExceeded.PhoneNumberCountLimit', 'the number of phone numbers exceeds 200');
    if (body.SmsSdkAppId !== SANDBOX.SMS_SDK_APP_ID) return fail('InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId does not exist');
    if (body.SignName !== SANDBOX.SMS_SIGN_NAME)
      return fail('FailedOperation.SignatureIncorrectOrUnapproved', 'signature incorrect or unapproved');
    const template = TEMPLATES[String(body.TemplateId)];
    if (!template) return fail('FailedOperation.TemplateIncorrectOrUnapproved', 'template incorrect or unapproved');
    const params = body.TemplateParamSet ?? [];
    if (!Array.isArray(params) || params.some((p) => typeof p !== 'string')) {
      return fail('InvalidParameter', 'TemplateParamSet must be an array of strings.');
    }
    if (params.length !== template.params) {
      return fail('FailedOperation.TemplateParamSetNotMatchApprovedTemplate', 'template params do not match the approved template');
    }
    const sessionContext = typeof body.SessionContext === 'string' ? body.SessionContext : '';

    const outcome: Outcome = script && script.remaining > 0 ? script.outcome : 'ok';
    const scriptCode = script?.code;
    if (script && --script.remaining <= 0) script = null;
    if (outcome === 'timeout') {
      // Never answer within the caller's timeout; nothing is delivered.
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, TIMEOUT_HOLD_MS);
        t.unref();
        res.once('close', () => {
          clearTimeout(t);
          resolve();
        });
      });
      if (!res.writableEnded && !res.destroyed) fail('InternalError.Timeout', 'request timed out');
      return;
    }
    if (outcome !== 'ok') {
      const s = SCRIPTED[outcome];
      if (!s.perNumber) return fail(scriptCode ?? s.code, s.message);
    }

    const now = Date.now();
    const statuses: Record<string, unknown>[] = [];
    const delivered: OutboxMessage[] = [];
    for (const given of phones as string[]) {
      const phone = normalizeCn(given);
      const status = (code: string, message: string, extra: Record<string, unknown> = {}) =>
        statuses.push({
          SerialNo: '',
          PhoneNumber: given,
          Fee: 0,
          SessionContext: sessionContext,
          Code: code,
          Message: message,
          IsoCode: '',
          ...extra,
        });
      if (!phone) {
        status('InvalidParameterValue.IncorrectPhoneNumber', 'incorrect phone number');
        continue;
      }
      if (outcome !== 'ok') {
        const s = SCRIPTED[outcome];
        status(scriptCode ?? s.code, s.message, { PhoneNumber: phone, IsoCode: 'CN' });
        continue;
      }
      if (dailyLimit > 0 && outbox.countToday(phone, now) + delivered.filter((m) => m.phone === phone).length >= dailyLimit) {
        status(
          'LimitExceeded.PhoneNumberDailyLimit',
          'the number of sms messages sent from a single mobile number every day exceeds the upper limit',
          { PhoneNumber: phone, IsoCode: 'CN' },
        );
        continue;
      }
      const text = `【${body.SignName}】${template.text.replace(/\{(\d+)\}/g, (_, i) => params[Number(i) - 1] ?? '')}`;
      const fee = text.length <= 70 ? 1 : Math.ceil(text.length / 67);
      const serialNo = `2028:${crypto.randomBytes(10).toString('hex')}`;
      delivered.push({
        serialNo,
        phone,
        signName: body.SignName,
        templateId: String(body.TemplateId),
        params,
        text,
        sessionContext,
        fee,
        sentAt: new Date(now).toISOString(),
        requestId,
      });
      statuses.push({
        SerialNo: serialNo,
        PhoneNumber: phone,
        Fee: fee,
        SessionContext: sessionContext,
        Code: 'Ok',
        Message: 'send success',
        IsoCode: 'CN',
      });
    }
    // Delivered means on disk: the reply goes out only after the outbox is fsynced.
    await outbox.append(delivered);
    json(res, 200, { Response: { SendStatusSet: statuses, RequestId: requestId } });
  }

  return async (req, res, url) => {
    const p = url.pathname.replace(/\/+$/, '');
    if (p === PROVIDER_PATH && req.method === 'POST') {
      await provider(req, res);
      return true;
    }
    if (p === '/sandbox/sms/outbox' && req.method === 'GET') {
      const q = url.searchParams.get('phone');
      const phone = q === null ? null : normalizeCn(q);
      if (q !== null && !phone) {
        json(res, 400, { code: 'INVALID_PARAM', message: 'phone must be 11 digits or +86 followed by 11 digits' });
        return true;
      }
      json(res, 200, { messages: outbox.forPhone(phone) });
      return true;
    }
    if (p === '/sandbox/sms/script' && req.method === 'PUT') {
      let body: Record<string, any>;
      try {
        body = JSON.parse((await readBody(req, 10_000)) || '{}');
      } catch {
        json(res, 400, { code: 'INVALID_PARAM', message: 'body must be JSON' });
        return true;
      }
      if (body.dailyLimit !== undefined) dailyLimit = Math.max(0, Number(body.dailyLimit) || 0);
      if (body.next !== undefined) {
        if (!['ok', 'timeout', ...Object.keys(SCRIPTED)].includes(body.next)) {
          json(res, 400, { code: 'INVALID_PARAM', message: `next must be ok, timeout or ${Object.keys(SCRIPTED).join(', ')}` });
          return true;
        }
        const count = Math.max(1, Math.floor(Number(body.count ?? 1)) || 1);
        script =
          body.next === 'ok' ? null : { outcome: body.next, remaining: count, code: typeof body.code === 'string' ? body.code : undefined };
      }
      json(res, 200, { ok: true, script, dailyLimit });
      return true;
    }
    if (p === '/dev/outbox' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(renderOutboxPage(outbox.forPhone(null), (opts.outboxSections ?? []).map((section) => section()).join('\n')));
      return true;
    }
    return false;
  };
}

/** Mainland numbers only (the sandbox's reach): `+86` + 11 digits, or null. */
function normalizeCn(phone: string): string | null {
  const m = /^(?:\+?86)?(1[3-9]\d{9})$/.exec(phone.replace(/[\s-]/g, ''));
  return m ? `+86${m[1]}` : null;
}

/** China's calendar day (UTC+8) of a Unix time in ms. */
const chinaDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

/** The outbox: the sandbox's durable JSON-lines file, plus the per-number daily count the provider enforces. */
class Outbox extends JsonLinesFile<OutboxMessage> {
  /** Newest first; all numbers when `phone` is null. */
  forPhone(phone: string | null): OutboxMessage[] {
    return this.list(phone ? (m) => m.phone === phone : undefined);
  }

  countToday(phone: string, now: number): number {
    const day = chinaDay(now);
    return this.list((m) => m.phone === phone && chinaDay(Date.parse(m.sentAt)) === day).length;
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function renderOutboxPage(messages: OutboxMessage[], moreSections = ''): string {
  const items = messages
    .map((m) => {
      const time = new Date(Date.parse(m.sentAt) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
      // Digits of a code in bold, so it is easy to read out.
      const text = escapeHtml(m.text).replace(/\d{4,8}/g, (d) => `<strong>${d}</strong>`);
      return `<li><p class="meta">${time} · 发给 ${escapeHtml(maskPhoneForLog(m.phone.replace(/^\+86/, '')))}</p><p class="text">${text}</p></li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="5">
<title>本地短信收件箱</title>
<style>
body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;font-size:22px;line-height:1.6;margin:24px;color:#1a1a1a;background:#fff}
h1{font-size:30px}h2{font-size:26px;margin-top:32px}ul{list-style:none;padding:0}li{margin:16px 0;padding:12px 16px;border:2px solid #0b5cad;border-radius:12px;max-width:640px}
p{margin:4px 0}p.meta{color:#444;font-size:20px}p.text{font-size:24px}strong{font-size:28px;letter-spacing:2px;color:#0b3d73}
p.note{color:#444}a{color:#0b5cad}
</style></head><body>
<h1>本地短信收件箱</h1>
<p class="note">这是本地模拟环境：短信不会真的发出，而是出现在这里（最新的在最上面，每 5 秒自动刷新）。<a href="outbox">立即刷新</a></p>
<ul>${items || '<li>还没有短信。</li>'}</ul>
${moreSections}
</body></html>`;
}

import crypto from 'node:crypto';
import type http from 'node:http';
import path from 'node:path';
import {
  SUBSCRIBE_SEND_PATH,
  TEMPLATE_LAYOUTS,
  type TemplateLayout,
  templateDataProblem,
} from '../../cloudfunctions/_lib/subscribeMessage';
import { localWechatSandboxEnv } from '../../cloudfunctions/_lib/wechatConfig';
import { certHash, GET_VERIFY_ID_PATH, OUT_SEQ_NO, QUERY_VERIFY_INFO_PATH } from '../../cloudfunctions/_lib/wechatFace';
import { isValidIdNumber } from '../../contract/idCard';
import { json, readBody } from '../http';
import type { Route } from '../server';
import { JsonLinesFile } from './jsonLines';

/**
 * WeChat's server APIs, locally, at `/sandbox/wechat` + WeChat's own paths (WECHAT_API_BASE points here):
 *   GET  /cgi-bin/token?grant_type=client_credential&appid=&secret=   classic access_token
 *   POST /cgi-bin/stable_token { grant_type, appid, secret, force_refresh? }   what the adapter uses
 *   POST /cityservice/face/identify/getverifyid?access_token=       人脸核身 2.0: start a session
 *   POST /cityservice/face/identify/queryverifyinfo?access_token=   its result (verify_ret)
 *   POST /cgi-bin/message/subscribe/send?access_token=              subscribe message → outbox
 * Answers in WeChat's shapes (`{ errcode, errmsg }`, HTTP 200): 40013 bad appid, 40125 bad secret,
 * 41001 no token, 40001 unknown token, 42001 expired token, 40097 bad arguments, 40003 bad openid,
 * 40037 unknown template, 47003 bad template data, 43101 refused, -1 system error.
 * For tests and people:
 *   GET  /sandbox/wechat/outbox?openid=   subscribe messages, newest first (also on /dev/outbox)
 *   GET  /sandbox/wechat/tokens           { issued, requests }: tokens made, token calls answered
 *   PUT  /sandbox/wechat/script           { face?, count?, subscribe?, tokenExpiresIn?, expireTokens? }
 * Face outcomes: pass (10000), face_mismatch (10004), liveness_failed (10008), cancelled (90004,
 * the person left), bound to the next `count` sessions at getverifyid; service_down (errcode -1)
 * and timeout (no answer within any adapter timeout) hit the next `count` calls to either face API.
 * The client step (wx.requestFacialVerify) is WeChat's own; nothing here imitates it.
 */

export const WECHAT_SANDBOX_PREFIX = '/sandbox/wechat';
const SANDBOX = localWechatSandboxEnv();

export type FaceOutcome = 'pass' | 'face_mismatch' | 'liveness_failed' | 'timeout' | 'cancelled' | 'service_down';
const FACE_OUTCOMES: FaceOutcome[] = ['pass', 'face_mismatch', 'liveness_failed', 'timeout', 'cancelled', 'service_down'];
const VERIFY_RET: Record<'pass' | 'face_mismatch' | 'liveness_failed' | 'cancelled', number> = {
  pass: 10000,
  face_mismatch: 10004,
  liveness_failed: 10008,
  cancelled: 90004,
};

/** The sandbox's templates: the console's ids (local env) with this product's layouts. */
const TEMPLATES: Record<string, TemplateLayout> = {
  [SANDBOX.WECHAT_TEMPLATE_CERT_REMINDER]: TEMPLATE_LAYOUTS.certReminder,
  [SANDBOX.WECHAT_TEMPLATE_CERT_RESULT]: TEMPLATE_LAYOUTS.certResult,
  [SANDBOX.WECHAT_TEMPLATE_EVENT_REMINDER]: TEMPLATE_LAYOUTS.eventReminder,
};

export interface SubscribeOutboxMessage {
  msgId: string;
  openid: string;
  templateId: string;
  title: string;
  page: string;
  data: Record<string, string>;
  /** "认证事项：养老金领取资格认证" lines, as WeChat shows the card. */
  lines: string[];
  miniprogramState: string;
  sentAt: string;
}

interface IssuedToken {
  token: string;
  expiresAt: number;
  lifetimeMs: number;
}

interface FaceSession {
  verifyId: string;
  outSeqNo: string;
  openid: string;
  certHash: string;
  outcome: keyof typeof VERIFY_RET;
  expiresAt: number;
}

const TIMEOUT_HOLD_MS = 120_000;
const VERIFY_ID_TTL_S = 3600;

const rid = () =>
  `${crypto.randomBytes(4).toString('hex')}-${crypto.randomBytes(4).toString('hex')}-${crypto.randomBytes(4).toString('hex')}`;
const err = (errcode: number, errmsg: string) => ({ errcode, errmsg: `${errmsg} rid: ${rid()}` });

export type WechatSandboxRoute = Route & { outboxSection: () => string };

export function wechatSandbox(dataDir: string): WechatSandboxRoute {
  if (process.env.DEPLOY_ENV === 'production') throw new Error('The WeChat sandbox refuses to run with DEPLOY_ENV=production.');
  const outbox = new JsonLinesFile<SubscribeOutboxMessage>(path.join(dataDir, 'subscribe-outbox.jsonl'));
  const tokens = new Map<string, IssuedToken>();
  let stableCurrent: IssuedToken | null = null;
  let classicCurrent: IssuedToken | null = null;
  let tokenLifetimeS = 7200;
  const stats = { issued: 0, requests: 0 };
  const sessions = new Map<string, FaceSession>();
  const usedSeqNos = new Set<string>();
  let faceScript: { outcome: FaceOutcome; remaining: number } | null = null;
  let subscribeScript: { outcome: 'refused' | 'unavailable'; remaining: number } | null = null;

  function issue(): IssuedToken {
    const t: IssuedToken = {
      token: `${crypto.randomBytes(24).toString('base64url')}_local`,
      expiresAt: Date.now() + tokenLifetimeS * 1000,
      lifetimeMs: tokenLifetimeS * 1000,
    };
    tokens.set(t.token, t);
    stats.issued++;
    return t;
  }
  const remainingS = (t: IssuedToken) => Math.max(1, Math.floor((t.expiresAt - Date.now()) / 1000));

  function credentialsProblem(appid: unknown, secret: unknown, grantType: unknown) {
    if (grantType !== 'client_credential') return err(40002, 'invalid grant_type');
    if (appid !== SANDBOX.WECHAT_APPID) return err(40013, 'invalid appid');
    if (secret !== SANDBOX.WECHAT_SECRET) return err(40125, 'invalid appsecret');
    return null;
  }

  /** The token's problem as WeChat words it, or null. */
  function tokenProblem(url: URL) {
    const token = url.searchParams.get('access_token');
    if (!token) return err(41001, 'access_token missing');
    const t = tokens.get(token);
    if (!t) return err(40001, 'invalid credential, access_token is invalid or not latest');
    if (Date.now() >= t.expiresAt) return err(42001, 'access_token expired');
    return null;
  }

  async function jsonBody(req: http.IncomingMessage): Promise<Record<string, any> | null> {
    try {
      const parsed = JSON.parse((await readBody(req, 100_000)) ?? '');
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }

  /** Holds the request past any caller's timeout (the scripted `timeout`). */
  async function hold(res: http.ServerResponse) {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, TIMEOUT_HOLD_MS);
      t.unref();
      res.once('close', () => {
        clearTimeout(t);
        resolve();
      });
    });
    if (!res.writableEnded && !res.destroyed) json(res, 200, err(-1, 'system error'));
  }

  /** A scripted service failure for this face API call, consumed; null when none applies. */
  function takeFaceFailure(): 'timeout' | 'service_down' | null {
    if (!faceScript || (faceScript.outcome !== 'timeout' && faceScript.outcome !== 'service_down')) return null;
    const outcome = faceScript.outcome;
    if (--faceScript.remaining <= 0) faceScript = null;
    return outcome;
  }

  async function getVerifyId(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const problem = tokenProblem(url);
    if (problem) return json(res, 200, problem);
    const failure = takeFaceFailure();
    if (failure === 'timeout') return hold(res);
    if (failure === 'service_down') return json(res, 200, err(-1, 'system error'));
    const body = await jsonBody(req);
    if (!body) return json(res, 200, err(47001, 'data format error'));
    if (typeof body.out_seq_no !== 'string' || !OUT_SEQ_NO.test(body.out_seq_no))
      return json(res, 200, err(40097, 'invalid args: out_seq_no'));
    if (typeof body.openid !== 'string' || !body.openid) return json(res, 200, err(40003, 'invalid openid'));
    const cert = body.cert_info;
    if (!cert || typeof cert !== 'object') return json(res, 200, err(40097, 'invalid args: cert_info'));
    if (cert.cert_type !== 'IDENTITY_CARD') return json(res, 200, err(40097, 'invalid args: cert_type'));
    if (typeof cert.cert_name !== 'string' || !cert.cert_name) return json(res, 200, err(40097, 'invalid args: cert_name'));
    if (typeof cert.cert_no !== 'string' || !isValidIdNumber(cert.cert_no)) return json(res, 200, err(40097, 'invalid args: cert_no'));
    // The reference says out_seq_no must be unique per app id; the sandbox holds callers to that.
    if (usedSeqNos.has(body.out_seq_no)) return json(res, 200, err(40097, 'invalid args: out_seq_no already used'));
    usedSeqNos.add(body.out_seq_no);

    let outcome: FaceSession['outcome'] = 'pass';
    if (faceScript && faceScript.outcome in VERIFY_RET) {
      outcome = faceScript.outcome as FaceSession['outcome'];
      if (--faceScript.remaining <= 0) faceScript = null;
    }
    const verifyId = `local_${crypto.randomBytes(16).toString('hex')}`;
    sessions.set(verifyId, {
      verifyId,
      outSeqNo: body.out_seq_no,
      openid: body.openid,
      certHash: certHash({ name: cert.cert_name, idNumber: cert.cert_no }),
      outcome,
      expiresAt: Date.now() + VERIFY_ID_TTL_S * 1000,
    });
    json(res, 200, { errcode: 0, errmsg: 'ok', verify_id: verifyId, expires_in: VERIFY_ID_TTL_S });
  }

  async function queryVerifyInfo(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const problem = tokenProblem(url);
    if (problem) return json(res, 200, problem);
    const failure = takeFaceFailure();
    if (failure === 'timeout') return hold(res);
    if (failure === 'service_down') return json(res, 200, err(-1, 'system error'));
    const body = await jsonBody(req);
    if (!body) return json(res, 200, err(47001, 'data format error'));
    const session = typeof body.verify_id === 'string' ? sessions.get(body.verify_id) : undefined;
    if (!session) return json(res, 200, err(40097, 'invalid args: verify_id'));
    // WeChat checks the identity and the caller did not change: an errcode instead of verify_ret.
    if (body.out_seq_no !== session.outSeqNo) return json(res, 200, err(40097, 'invalid args: out_seq_no not match'));
    if (body.openid !== session.openid) return json(res, 200, err(40097, 'invalid args: openid not match'));
    if (body.cert_hash !== session.certHash) return json(res, 200, err(40097, 'invalid args: cert_hash not match'));
    json(res, 200, { errcode: 0, errmsg: 'ok', verify_ret: VERIFY_RET[session.outcome] });
  }

  async function subscribeSend(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const problem = tokenProblem(url);
    if (problem) return json(res, 200, problem);
    const body = await jsonBody(req);
    if (!body) return json(res, 200, err(47001, 'data format error'));
    if (typeof body.touser !== 'string' || !/^[\w-]{6,64}$/.test(body.touser)) return json(res, 200, err(40003, 'invalid openid'));
    const layout = typeof body.template_id === 'string' ? TEMPLATES[body.template_id] : undefined;
    if (!layout) return json(res, 200, err(40037, 'invalid template_id'));
    if (body.page !== undefined && (typeof body.page !== 'string' || body.page.length > 1024))
      return json(res, 200, err(41030, 'invalid page'));
    const state = body.miniprogram_state ?? 'formal';
    if (!['formal', 'trial', 'developer'].includes(state)) return json(res, 200, err(47003, 'argument invalid! miniprogram_state'));
    const data = body.data && typeof body.data === 'object' ? body.data : {};
    const bad = templateDataProblem(layout, data);
    if (bad) return json(res, 200, err(47003, `argument invalid! ${bad}`));

    if (subscribeScript) {
      const outcome = subscribeScript.outcome;
      if (--subscribeScript.remaining <= 0) subscribeScript = null;
      if (outcome === 'refused') return json(res, 200, err(43101, 'user refuse to accept the msg'));
      return json(res, 200, err(-1, 'system error'));
    }
    const values = Object.fromEntries(layout.fields.map((f) => [f.key, String(data[f.key].value)]));
    const message: SubscribeOutboxMessage = {
      msgId: String(crypto.randomInt(1e12, 9e12)),
      openid: body.touser,
      templateId: body.template_id,
      title: layout.title,
      page: typeof body.page === 'string' ? body.page : '',
      data: values,
      lines: layout.fields.map((f) => `${f.label}：${values[f.key]}`),
      miniprogramState: state,
      sentAt: new Date().toISOString(),
    };
    // Sent means on disk: the answer goes out only after the outbox is fsynced.
    await outbox.append([message]);
    json(res, 200, { errcode: 0, errmsg: 'ok' });
  }

  async function script(req: http.IncomingMessage, res: http.ServerResponse) {
    const body = await jsonBody(req);
    if (!body) return json(res, 400, { code: 'INVALID_PARAM', message: 'body must be a JSON object' });
    const count = Math.max(1, Math.floor(Number(body.count ?? 1)) || 1);
    if (body.face !== undefined) {
      if (!FACE_OUTCOMES.includes(body.face))
        return json(res, 400, { code: 'INVALID_PARAM', message: `face must be one of ${FACE_OUTCOMES.join(', ')}` });
      faceScript = body.face === 'pass' ? null : { outcome: body.face, remaining: count };
    }
    if (body.subscribe !== undefined) {
      if (!['ok', 'refused', 'unavailable'].includes(body.subscribe))
        return json(res, 400, { code: 'INVALID_PARAM', message: 'subscribe must be ok, refused or unavailable' });
      subscribeScript = body.subscribe === 'ok' ? null : { outcome: body.subscribe, remaining: count };
    }
    if (body.tokenExpiresIn !== undefined) {
      const s = Math.floor(Number(body.tokenExpiresIn));
      if (!(s >= 1 && s <= 7200)) return json(res, 400, { code: 'INVALID_PARAM', message: 'tokenExpiresIn must be 1-7200 seconds' });
      tokenLifetimeS = s;
    }
    // Every token issued so far stops working now (as after a leak and a forced refresh elsewhere).
    if (body.expireTokens === true) {
      for (const t of tokens.values()) t.expiresAt = Math.min(t.expiresAt, Date.now());
    }
    json(res, 200, { ok: true, face: faceScript, subscribe: subscribeScript, tokenExpiresIn: tokenLifetimeS });
  }

  const route = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> => {
    if (!url.pathname.startsWith(`${WECHAT_SANDBOX_PREFIX}/`)) return false;
    const p = url.pathname.slice(WECHAT_SANDBOX_PREFIX.length).replace(/\/+$/, '');
    if (p === '/cgi-bin/token' && req.method === 'GET') {
      stats.requests++;
      const q = url.searchParams;
      const problem = credentialsProblem(q.get('appid'), q.get('secret'), q.get('grant_type'));
      if (problem) return handled(json(res, 200, problem));
      // Each call makes a new token; the previous one keeps working for 5 more minutes at most.
      if (classicCurrent) classicCurrent.expiresAt = Math.min(classicCurrent.expiresAt, Date.now() + 300_000);
      classicCurrent = issue();
      json(res, 200, { access_token: classicCurrent.token, expires_in: tokenLifetimeS });
      return true;
    }
    if (p === '/cgi-bin/stable_token' && req.method === 'POST') {
      stats.requests++;
      const body = await jsonBody(req);
      if (!body) return handled(json(res, 200, err(47001, 'data format error')));
      const problem = credentialsProblem(body.appid, body.secret, body.grant_type);
      if (problem) return handled(json(res, 200, problem));
      const now = Date.now();
      if (body.force_refresh === true) {
        if (stableCurrent) stableCurrent.expiresAt = Math.min(stableCurrent.expiresAt, now);
        stableCurrent = issue();
      } else if (!stableCurrent || now >= stableCurrent.expiresAt - Math.min(300_000, stableCurrent.lifetimeMs / 2)) {
        // Normal mode renews only near the end (5 minutes early); the old one stays valid until its own end.
        stableCurrent = issue();
      }
      json(res, 200, { access_token: stableCurrent.token, expires_in: remainingS(stableCurrent) });
      return true;
    }
    if (p === GET_VERIFY_ID_PATH && req.method === 'POST') return handled(getVerifyId(req, res, url));
    if (p === QUERY_VERIFY_INFO_PATH && req.method === 'POST') return handled(queryVerifyInfo(req, res, url));
    if (p === SUBSCRIBE_SEND_PATH && req.method === 'POST') return handled(subscribeSend(req, res, url));
    if (p === '/outbox' && req.method === 'GET') {
      const openid = url.searchParams.get('openid');
      json(res, 200, { messages: outbox.list((m) => openid === null || m.openid === openid) });
      return true;
    }
    if (p === '/tokens' && req.method === 'GET') return handled(json(res, 200, { ...stats }));
    if (p === '/script' && req.method === 'PUT') return handled(script(req, res));
    return false;
  };
  return Object.assign(route, { outboxSection: () => renderSubscribeSection(outbox.list()) });
}

/** Marks a route as answered once its (possibly async) work is done. */
async function handled(work: unknown): Promise<true> {
  await work;
  return true;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** `oAbC…wxyz`: enough to tell people apart on the page. */
const maskOpenid = (o: string) => (o.length <= 8 ? o : `${o.slice(0, 4)}…${o.slice(-4)}`);

/** The subscribe messages as a section of `/dev/outbox`. */
function renderSubscribeSection(messages: SubscribeOutboxMessage[]): string {
  const items = messages
    .map((m) => {
      const time = new Date(Date.parse(m.sentAt) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
      const lines = m.lines.map((l) => `<p class="text">${escapeHtml(l)}</p>`).join('');
      return `<li><p class="meta">${time} · 发给微信用户 ${escapeHtml(maskOpenid(m.openid))}</p><p class="text"><strong>${escapeHtml(m.title)}</strong></p>${lines}${
        m.page ? `<p class="meta">点开后进入：${escapeHtml(m.page)}</p>` : ''
      }</li>`;
    })
    .join('\n');
  return `<h2>微信订阅消息</h2>
<p class="note">认证提醒、认证结果和活动提醒在本地不会真的发到微信，而是出现在这里。</p>
<ul>${items || '<li>还没有订阅消息。</li>'}</ul>`;
}

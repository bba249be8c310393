import crypto from 'node:crypto';
import type http from 'node:http';
import { FACEID_REDIRECT_TOKEN_PARAM, FACEID_SERVICE, FACEID_VERSION, localFaceidSandboxEnv } from '../../cloudfunctions/_lib/faceid';
import { isValidIdNumber, maskIdNumber } from '../../contract/idCard';
import { header, json, readBody } from '../http';
import type { Route } from '../server';
import { verifyTc3 } from './tc3';

/**
 * Tencent Cloud 慧眼 人脸核身, locally:
 *   POST /sandbox/tencentcloud/faceid   the provider (FACEID_API_BASE points here): DetectAuth and
 *                                       GetDetectInfoEnhanced, TC3 signature checked with the
 *                                       sandbox's published key, errors as { Response: { Error } }
 *   GET  /sandbox/faceid/verify?token=  the page DetectAuth's Url opens: a person trying the demo picks
 *                                       what happens (通过 / 人脸不匹配 / 活体检测没通过 / 超时 / 我不做了)
 *                                       and is sent back to RedirectUrl with `token=<BizToken>`
 *   PUT  /sandbox/faceid/script         { next, count? }: results (pass, face_mismatch, liveness_failed,
 *                                       cancelled) are given to the next `count` BizTokens at DetectAuth,
 *                                       so tests need no browser; service_down (InternalError) and timeout
 *                                       (no answer in time) hit the next `count` API calls.
 * Result codes (Text.ErrCode / LiveStatus / Comparestatus): 0 passed, 2016 not the same person,
 * 1005 liveness failed, 15 took too long (token expired), 17 flow not finished (the person left),
 * null = nothing done yet. Sessions live in memory: an emulator restart forgets them.
 */

const PROVIDER_PATH = '/sandbox/tencentcloud/faceid';
const PAGE_PATH = '/sandbox/faceid/verify';
const SANDBOX = localFaceidSandboxEnv();
const TIMEOUT_HOLD_MS = 120_000;
/** GetDetectInfoEnhanced answers for three days after DetectAuth. */
const RESULT_TTL_MS = 3 * 24 * 3600_000;

export type FaceidOutcome = 'pass' | 'face_mismatch' | 'liveness_failed' | 'timeout' | 'cancelled' | 'service_down';
type Result = 'pass' | 'face_mismatch' | 'liveness_failed' | 'timeout' | 'cancelled';
const OUTCOMES: FaceidOutcome[] = ['pass', 'face_mismatch', 'liveness_failed', 'timeout', 'cancelled', 'service_down'];

/** The choices on the verify page, in the words a person trying the demo reads. */
const CHOICES: Array<{ result: Result; label: string }> = [
  { result: 'pass', label: '通过' },
  { result: 'face_mismatch', label: '人脸不匹配' },
  { result: 'liveness_failed', label: '活体检测没通过' },
  { result: 'timeout', label: '超时' },
  { result: 'cancelled', label: '我不做了' },
];

const TEXT: Record<
  Result,
  { err: number; msg: string; live: number | null; liveMsg: string | null; cmp: number | null; cmpMsg: string | null; sim: string | null }
> = {
  pass: { err: 0, msg: '成功', live: 0, liveMsg: '成功', cmp: 0, cmpMsg: '成功', sim: '92.37' },
  face_mismatch: { err: 2016, msg: '无法判断为同一人', live: 0, liveMsg: '成功', cmp: 2016, cmpMsg: '无法判断为同一人', sim: '31.05' },
  liveness_failed: {
    err: 1005,
    msg: '人脸验证失败，请重试',
    live: 1005,
    liveMsg: '人脸验证失败，请重试',
    cmp: null,
    cmpMsg: null,
    sim: null,
  },
  timeout: { err: 15, msg: 'Token 过期，请重试', live: null, liveMsg: null, cmp: null, cmpMsg: null, sim: null },
  cancelled: { err: 17, msg: '本次流程未完成', live: null, liveMsg: null, cmp: null, cmpMsg: null, sim: null },
};

interface Session {
  bizToken: string;
  ruleId: string;
  name: string;
  idCard: string;
  redirectUrl: string;
  extra: string;
  /** Set by the page (or the script at DetectAuth); undefined = nothing done yet. */
  result?: Result;
  createdAt: number;
}

export function faceidSandbox(): Route {
  if (process.env.DEPLOY_ENV === 'production') throw new Error('The faceid sandbox refuses to run with DEPLOY_ENV=production.');
  const sessions = new Map<string, Session>();
  let script: { outcome: FaceidOutcome; remaining: number } | null = null;

  function takeServiceFailure(): 'timeout' | 'service_down' | null {
    if (!script || (script.outcome !== 'timeout' && script.outcome !== 'service_down')) return null;
    const o = script.outcome;
    if (--script.remaining <= 0) script = null;
    return o;
  }

  async function provider(req: http.IncomingMessage, res: http.ServerResponse) {
    const requestId = crypto.randomUUID();
    const fail = (code: string, message: string) =>
      json(res, 200, { Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
    const raw = (await readBody(req, 4_000_000)) ?? '';
    const action = header(req, 'x-tc-action');
    if (action !== 'DetectAuth' && action !== 'GetDetectInfoEnhanced')
      return fail('InvalidAction', `The action \`${action}\` is not supported.`);
    if (header(req, 'x-tc-version') !== FACEID_VERSION)
      return fail('NoSuchVersion', `The version \`${header(req, 'x-tc-version')}\` is not supported.`);
    const authError = verifyTc3(req, raw, {
      secretId: SANDBOX.FACEID_SECRET_ID,
      secretKey: SANDBOX.FACEID_SECRET_KEY,
      service: FACEID_SERVICE,
    });
    if (authError) return fail(authError.code, authError.message);
    let body: Record<string, any>;
    try {
      body = JSON.parse(raw);
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error();
    } catch {
      return fail('InvalidParameter', 'The request body is not valid JSON.');
    }
    const failure = takeServiceFailure();
    if (failure === 'service_down') return fail('InternalError', 'Internal error');
    if (failure === 'timeout') {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, TIMEOUT_HOLD_MS);
        t.unref();
        res.once('close', () => {
          clearTimeout(t);
          resolve();
        });
      });
      if (!res.writableEnded && !res.destroyed) fail('InternalError', 'Internal error');
      return;
    }
    if (typeof body.RuleId !== 'string' || !body.RuleId)
      return fail('MissingParameter', 'The request is missing a required parameter `RuleId`.');
    if (body.RuleId !== SANDBOX.FACEID_RULE_ID) return fail('InvalidParameterValue.RuleIdNotExist', 'RuleId does not exist.');

    if (action === 'DetectAuth') {
      const idCard = body.IdCard ?? '';
      const name = body.Name ?? '';
      if (typeof idCard !== 'string' || (idCard && !isValidIdNumber(idCard))) return fail('InvalidParameterValue', 'IdCard is invalid.');
      if (typeof name !== 'string' || Array.from(name).length > 32) return fail('InvalidParameterValue', 'Name is invalid.');
      const redirectUrl = body.RedirectUrl ?? '';
      if (typeof redirectUrl !== 'string' || redirectUrl.length > 1024 || (redirectUrl && !/^https?:\/\//.test(redirectUrl)))
        return fail('InvalidParameterValue', 'RedirectUrl is invalid.');
      const extra = body.Extra ?? '';
      if (typeof extra !== 'string' || extra.length > 1024) return fail('InvalidParameterValue', 'Extra is too long.');
      const session: Session = {
        bizToken: crypto.randomUUID().toUpperCase(),
        ruleId: body.RuleId,
        name,
        idCard,
        redirectUrl,
        extra,
        createdAt: Date.now(),
      };
      if (script && script.outcome !== 'service_down' && script.outcome !== 'timeout') {
        session.result = script.outcome;
        if (--script.remaining <= 0) script = null;
      }
      sessions.set(session.bizToken, session);
      const url = `http://${header(req, 'host')}${PAGE_PATH}?token=${session.bizToken}`;
      return json(res, 200, { Response: { Url: url, BizToken: session.bizToken, RequestId: requestId } });
    }

    // GetDetectInfoEnhanced
    if (typeof body.BizToken !== 'string' || !body.BizToken)
      return fail('MissingParameter', 'The request is missing a required parameter `BizToken`.');
    const session = sessions.get(body.BizToken);
    if (!session || session.ruleId !== body.RuleId) return fail('InvalidParameterValue.BizTokenIllegal', 'BizToken illegal.');
    if (Date.now() - session.createdAt > RESULT_TTL_MS) return fail('InvalidParameterValue.BizTokenExpired', 'BizToken expired.');
    const r = session.result ? TEXT[session.result] : null;
    const text = {
      ErrCode: r ? r.err : null,
      ErrMsg: r ? r.msg : null,
      IdCard: r ? session.idCard : '',
      Name: r ? session.name : '',
      OcrNation: null,
      OcrAddress: null,
      OcrBirth: null,
      OcrAuthority: null,
      OcrValidDate: null,
      OcrName: null,
      OcrIdCard: null,
      OcrGender: null,
      LiveStatus: r?.live ?? null,
      LiveMsg: r?.liveMsg ?? null,
      Comparestatus: r?.cmp ?? null,
      Comparemsg: r?.cmpMsg ?? null,
      Sim: r?.sim ?? null,
      Location: null,
      Extra: session.extra,
      LivenessDetail: [],
      Mobile: '',
      CompareLibType: '权威库',
      LivenessMode: 1,
    };
    // InfoType '1' (text) is all this product asks for; images and video are never given out here.
    json(res, 200, {
      Response: { Text: text, IdCardData: null, BestFrame: null, VideoData: null, Encryption: null, RequestId: requestId },
    });
  }

  async function page(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    if (req.method === 'GET') {
      const session = sessions.get(url.searchParams.get('token') ?? '');
      return html(res, session ? 200 : 404, session ? renderVerifyPage(session) : renderGonePage());
    }
    const form = new URLSearchParams((await readBody(req, 10_000)) ?? '');
    const session = sessions.get(form.get('token') ?? '');
    const choice = CHOICES.find((c) => c.result === form.get('choice'));
    if (!session || !choice) return html(res, 404, renderGonePage());
    session.result = choice.result;
    if (!session.redirectUrl) return html(res, 200, renderDonePage());
    // As the provider does: back to RedirectUrl with the BizToken added as `token`.
    const back = new URL(session.redirectUrl);
    back.searchParams.set(FACEID_REDIRECT_TOKEN_PARAM, session.bizToken);
    res.writeHead(302, { location: back.toString(), 'cache-control': 'no-store' });
    res.end();
  }

  return async (req, res, url) => {
    const p = url.pathname.replace(/\/+$/, '');
    if (p === PROVIDER_PATH && req.method === 'POST') return handled(provider(req, res));
    if (p === PAGE_PATH && (req.method === 'GET' || req.method === 'POST')) return handled(page(req, res, url));
    if (p === '/sandbox/faceid/script' && req.method === 'PUT') {
      let body: Record<string, any>;
      try {
        body = JSON.parse((await readBody(req, 10_000)) || '{}');
      } catch {
        return handled(json(res, 400, { code: 'INVALID_PARAM', message: 'body must be JSON' }));
      }
      if (!OUTCOMES.includes(body.next))
        return handled(json(res, 400, { code: 'INVALID_PARAM', message: `next must be one of ${OUTCOMES.join(', ')}` }));
      const count = Math.max(1, Math.floor(Number(body.count ?? 1)) || 1);
      script = body.next === 'pass' && body.count === undefined ? null : { outcome: body.next, remaining: count };
      return handled(json(res, 200, { ok: true, script }));
    }
    return false;
  };
}

function html(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

/** Marks a route as answered once its (possibly async) work is done. */
async function handled(work: unknown): Promise<true> {
  await work;
  return true;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** 张*英: the family name and last character, enough for the person to know it is theirs. */
const maskName = (n: string) => {
  const c = Array.from(n);
  return c.length <= 1 ? n : c.length === 2 ? `${c[0]}*` : `${c[0]}${'*'.repeat(c.length - 2)}${c[c.length - 1]}`;
};

const PAGE_STYLE = `body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;font-size:22px;line-height:1.6;margin:24px;color:#1a1a1a;background:#fff;max-width:640px}
h1{font-size:30px}p.note{color:#444}form{margin:0}
button{display:block;width:100%;min-height:64px;margin:14px 0;font-size:26px;border-radius:12px;border:2px solid #0b5cad;background:#fff;color:#0b3d73;cursor:pointer}
button.primary{background:#0b5cad;color:#fff}button:focus{outline:4px solid #f5a623}`;

function renderVerifyPage(s: Session): string {
  const who = [s.name && maskName(s.name), s.idCard && maskIdNumber(s.idCard)].filter(Boolean).map((x) => escapeHtml(x as string));
  const buttons = CHOICES.map(
    (c, i) => `<button type="submit" name="choice" value="${c.result}"${i === 0 ? ' class="primary"' : ''}>${escapeHtml(c.label)}</button>`,
  ).join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>刷脸认证（本地模拟）</title><style>${PAGE_STYLE}</style></head><body>
<h1>刷脸认证（本地模拟）</h1>
<p class="note">这是本地模拟环境，不会打开摄像头，也不会拍照。真实环境里，这一步由腾讯云慧眼完成。</p>
${who.length ? `<p>正在认证：${who.join('，')}</p>` : ''}
<p>请选择这次认证的结果：</p>
<form method="post" action="${PAGE_PATH}"><input type="hidden" name="token" value="${escapeHtml(s.bizToken)}">
${buttons}
</form></body></html>`;
}

function renderGonePage(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>链接已失效</title><style>${PAGE_STYLE}</style></head><body><h1>这个认证链接已经失效</h1>
<p>请回到温馨退服，重新点“开始认证”。</p></body></html>`;
}

function renderDonePage(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>已完成</title><style>${PAGE_STYLE}</style></head><body><h1>已完成</h1><p>请回到温馨退服查看认证结果。</p></body></html>`;
}

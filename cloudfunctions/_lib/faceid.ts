import crypto from 'node:crypto';
import { type FaceCheckResult, type FaceFailure, isMainlandIdNumber } from './faceResult';
import { exchangeJson } from './outsideHttp';
import { assertProductionBase, tc3Sign } from './tencentCloud';

export type { FaceCheckResult, FaceFailure } from './faceResult';

/**
 * Tencent Cloud 慧眼 人脸核身 (service `faceid`, API 3.0, version 2018-03-01, TC3-HMAC-SHA256), for
 * browsers: `DetectAuth` (RuleId, IdCard, Name, RedirectUrl, Extra → Url, BizToken) sends the person
 * to the provider's page, which comes back to RedirectUrl with `token=<BizToken>`; then
 * `GetDetectInfoEnhanced` (BizToken, RuleId, InfoType '1' = text only: never images or video) gives
 * Text.ErrCode, 0 = passed. Locally the emulator's sandbox answers (`emulator/sandboxes/faceid.ts`).
 */

export const FACEID_SERVICE = 'faceid';
export const FACEID_VERSION = '2018-03-01';
export const FACEID_DEFAULT_API_BASE = 'https://faceid.tencentcloudapi.com';
export const FACEID_DEFAULT_TIMEOUT_MS = 5000;
export const FACEID_CONTENT_TYPE = 'application/json; charset=utf-8';
/** Text only: the result codes, never the ID photo, best frame or video. */
export const FACEID_INFO_TYPE_TEXT = '1';
/** The query parameter the provider appends to RedirectUrl. */
export const FACEID_REDIRECT_TOKEN_PARAM = 'token';

export interface FaceidConfig {
  secretId: string;
  secretKey: string;
  ruleId: string;
  apiBase: string;
  /** DetectAuth needs no region; sent only when set. */
  region: string | null;
  timeoutMs: number;
}

export interface FaceidOptions {
  config?: FaceidConfig;
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  /** Unix ms (tests). */
  now?: () => number;
}

const LOCAL_ONLY_MARK = 'wenxin-tuifu local development only';

/** The sandbox's published credentials and rule; refused when DEPLOY_ENV=production. FACEID_API_BASE is added per emulator run. */
export function localFaceidSandboxEnv() {
  return {
    FACEID_SECRET_ID: 'AKIDLocalFaceidSandboxWenxinTuifu0000',
    FACEID_SECRET_KEY: crypto.createHash('sha256').update(`${LOCAL_ONLY_MARK}/faceid`).digest('hex').slice(0, 32),
    FACEID_RULE_ID: '1',
  };
}

export function faceidConfigFromEnv(env: NodeJS.ProcessEnv = process.env): FaceidConfig {
  const missing = ['FACEID_SECRET_ID', 'FACEID_SECRET_KEY', 'FACEID_RULE_ID'].filter((k) => !env[k]);
  if (missing.length) throw new Error(`Face verification (faceid) is not configured: set ${missing.join(', ')}`);
  const timeoutMs = env.FACEID_TIMEOUT_MS ? Number(env.FACEID_TIMEOUT_MS) : FACEID_DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new Error('FACEID_TIMEOUT_MS must be a positive number of milliseconds');
  const config: FaceidConfig = {
    secretId: env.FACEID_SECRET_ID!,
    secretKey: env.FACEID_SECRET_KEY!,
    ruleId: env.FACEID_RULE_ID!,
    apiBase: env.FACEID_API_BASE || FACEID_DEFAULT_API_BASE,
    region: env.FACEID_REGION || null,
    timeoutMs,
  };
  if (env.DEPLOY_ENV === 'production') assertFaceidProductionSafe(config);
  return config;
}

export function assertFaceidProductionSafe(config: FaceidConfig): void {
  assertProductionBase('FACEID_API_BASE', config.apiBase);
  const local = localFaceidSandboxEnv();
  if (config.secretId === local.FACEID_SECRET_ID || config.secretKey === local.FACEID_SECRET_KEY) {
    throw new Error('The local faceid sandbox credentials must not be used in production');
  }
}

type Failure = { ok: false; reason: 'unavailable' | 'rejected'; providerCode: string };

/** Provider error codes: temporary ones are worth retrying later, the rest are a refusal. */
export function faceidErrorReason(code: string): 'unavailable' | 'rejected' {
  if (code === 'InternalError' || code.startsWith('InternalError.') || code.startsWith('RequestLimitExceeded')) return 'unavailable';
  if (code === 'ServiceUnavailable' || code.startsWith('ResourceUnavailable')) return 'unavailable';
  return 'rejected'; // AuthFailure.*, InvalidParameter*, UnauthorizedOperation.*, FailedOperation.*: a person must act
}

async function call(action: string, params: Record<string, unknown>, opts: FaceidOptions): Promise<{ ok: true; response: any } | Failure> {
  const config = opts.config ?? faceidConfigFromEnv(opts.env ?? process.env);
  if (opts.config && (opts.env ?? process.env).DEPLOY_ENV === 'production') assertFaceidProductionSafe(config);
  const url = new URL(config.apiBase);
  const payload = JSON.stringify(params);
  const timestamp = Math.floor((opts.now?.() ?? Date.now()) / 1000);
  const { authorization } = tc3Sign({
    secretId: config.secretId,
    secretKey: config.secretKey,
    service: FACEID_SERVICE,
    host: url.host,
    contentType: FACEID_CONTENT_TYPE,
    payload,
    timestamp,
    extraHeaders: { 'x-tc-action': action },
  });
  const answer = await exchangeJson(url, {
    method: 'POST',
    headers: {
      Authorization: authorization,
      'Content-Type': FACEID_CONTENT_TYPE,
      'X-TC-Action': action,
      'X-TC-Version': FACEID_VERSION,
      'X-TC-Timestamp': String(timestamp),
      ...(config.region ? { 'X-TC-Region': config.region } : {}),
    },
    body: payload,
    timeoutMs: config.timeoutMs,
    fetch: opts.fetch,
  });
  if (!answer.ok) {
    console.warn(`[faceid] ${action} failed: ${answer.code}`);
    return { ok: false, reason: 'unavailable', providerCode: answer.code };
  }
  const response = answer.body?.Response;
  if (!response || typeof response !== 'object') return { ok: false, reason: 'unavailable', providerCode: 'InvalidResponse' };
  if (response.Error) {
    const code = String(response.Error.Code ?? 'UnknownError');
    console.warn(`[faceid] ${action} refused: ${code}`);
    return { ok: false, reason: faceidErrorReason(code), providerCode: code };
  }
  return { ok: true, response };
}

export type DetectAuthResult = { ok: true; bizToken: string; url: string; requestId?: string } | Failure;

/**
 * Starts a browser verification. `redirectUrl` is where the provider sends the person back, with
 * `token=<BizToken>` added; `extra` (≤ 1024 characters) comes back with the result.
 */
export async function detectAuth(
  input: { name: string; idNumber: string; redirectUrl: string; extra?: string },
  opts: FaceidOptions = {},
): Promise<DetectAuthResult> {
  if (!isMainlandIdNumber(input.idNumber)) return { ok: false, reason: 'rejected', providerCode: 'NotMainlandIdCard' };
  const config = opts.config ?? faceidConfigFromEnv(opts.env ?? process.env);
  const res = await call(
    'DetectAuth',
    {
      RuleId: config.ruleId,
      IdCard: input.idNumber,
      Name: input.name,
      RedirectUrl: input.redirectUrl,
      ...(input.extra !== undefined ? { Extra: input.extra } : {}),
    },
    { ...opts, config },
  );
  if (!res.ok) return res;
  const { BizToken, Url, RequestId } = res.response;
  if (typeof BizToken !== 'string' || typeof Url !== 'string') return { ok: false, reason: 'unavailable', providerCode: 'InvalidResponse' };
  return { ok: true, bizToken: BizToken, url: Url, requestId: typeof RequestId === 'string' ? RequestId : undefined };
}

/** Text.ErrCode (and the stage codes) → what it means for the person. Codes from the 慧眼 error-code reference. */
export function faceFailureForDetectCode(code: number): FaceFailure {
  if (code === 17) return 'cancelled'; // 本次流程未完成: the person left the provider's page
  if (code === 15) return 'timeout'; // Token 过期
  if ([4, 8, 9, 10, 11, 12, 13, 1001, 1006, 1008, 2001].includes(code)) return 'service_down'; // 服务异常, 引擎超时, 证照库出错, 网络不稳定
  if ([2002, 2003, 2006, 301].includes(code)) return 'id_mismatch'; // 姓名/身份证号有误或不匹配
  if ([2011, 2012, 2015, 2016].includes(code)) return 'face_mismatch'; // 无法判断为同一人
  if ((code >= 1002 && code <= 1005) || (code >= 1101 && code <= 1299) || code === 2004 || code === 2010) return 'liveness_failed';
  return 'other'; // 已达重试上限, 未查询到身份/照片信息, 调用方式出错, …
}

export type DetectInfoResult = FaceCheckResult & { extra?: string };

/** The result of a browser verification, text only. Not finished yet → `not_finished`. */
export async function getDetectInfo(bizToken: string, opts: FaceidOptions = {}): Promise<DetectInfoResult> {
  const config = opts.config ?? faceidConfigFromEnv(opts.env ?? process.env);
  const res = await call(
    'GetDetectInfoEnhanced',
    { BizToken: bizToken, RuleId: config.ruleId, InfoType: FACEID_INFO_TYPE_TEXT },
    { ...opts, config },
  );
  if (!res.ok) return res;
  const text = res.response.Text;
  const extra = typeof text?.Extra === 'string' && text.Extra ? { extra: text.Extra } : {};
  const errCode = text?.ErrCode;
  // No final code yet: the person has not finished (or not started) on the provider's page.
  if (errCode === null || errCode === undefined) return { ok: true, passed: false, verifyRet: -1, reason: 'not_finished', ...extra };
  const code = Number(errCode);
  if (!Number.isFinite(code)) return { ok: false, reason: 'unavailable', providerCode: 'InvalidResponse' };
  if (code === 0) return { ok: true, passed: true, verifyRet: 0, ...extra };
  return { ok: true, passed: false, verifyRet: code, reason: faceFailureForDetectCode(code), ...extra };
}

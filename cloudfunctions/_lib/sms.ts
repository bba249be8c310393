import crypto from 'node:crypto';
import { isLoopbackHost, tc3Sign } from './tencentCloud';

/**
 * Text messages through Tencent Cloud SMS (API 3.0, `SendSms`, version 2021-01-11), signed
 * with TC3-HMAC-SHA256. Server-only. Locally the emulator's sandbox answers in the provider's
 * place (`emulator/sandboxes/sms.ts`); its published credentials and any loopback or
 * `/sandbox/` address are refused when DEPLOY_ENV=production.
 *
 * Never log a phone number whole: use `maskPhoneForLog`.
 */

export const SMS_SERVICE = 'sms';
export const SMS_ACTION = 'SendSms';
export const SMS_VERSION = '2021-01-11';
export const SMS_DEFAULT_API_BASE = 'https://sms.tencentcloudapi.com';
export const SMS_DEFAULT_REGION = 'ap-guangzhou';
export const SMS_DEFAULT_TIMEOUT_MS = 5000;
export const SMS_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface SmsConfig {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  region: string;
  /** Where `SendSms` is posted; the provider's own host unless pointed at the emulator's sandbox. */
  apiBase: string;
  timeoutMs: number;
  /** Provider template ids by purpose. `verify`: "您的验证码是{1}，{2}分钟内有效…" — params [code, minutes]. */
  templates: { verify?: string };
}

export interface SendSmsRequest {
  /** 11-digit mainland number, or `+86…`/`86…`; other countries as E.164 (`+<country><number>`). */
  phone: string;
  templateId: string;
  params: Array<string | number>;
  /** Echoed back by the provider (and in delivery receipts); up to 512 bytes. Not logged. */
  sessionContext?: string;
}

export type SmsFailureReason = 'rate_limited' | 'bad_number' | 'provider_error' | 'unavailable';

export type SmsResult =
  | { ok: true; serialNo: string; requestId?: string }
  | { ok: false; reason: SmsFailureReason; providerCode: string; requestId?: string };

export interface SendSmsOptions {
  /** Defaults to `smsConfigFromEnv(env)`. */
  config?: SmsConfig;
  env?: NodeJS.ProcessEnv;
  /** Unix time in ms (tests). */
  now?: () => number;
  fetch?: typeof fetch;
}

// ---------------------------------------------------------------------------------------------
// Configuration and the production guard

const LOCAL_ONLY_MARK = 'wenxin-tuifu local development only';

/**
 * The emulator's SMS sandbox: its published credentials and the values it accepts. They protect
 * nothing; `smsConfigFromEnv` refuses them when DEPLOY_ENV=production. `SMS_API_BASE` is added
 * per emulator run (its port), see `emulator/localEnv.ts`.
 */
export function localSmsSandboxEnv() {
  return {
    SMS_SECRET_ID: 'AKIDLocalSandboxWenxinTuifuOnly00000',
    SMS_SECRET_KEY: crypto.createHash('sha256').update(`${LOCAL_ONLY_MARK}/sms`).digest('hex').slice(0, 32),
    SMS_SDK_APP_ID: '1400000001',
    SMS_SIGN_NAME: '温馨退服',
    SMS_TEMPLATE_VERIFY: '1000001',
    SMS_REGION: SMS_DEFAULT_REGION,
  };
}

/** Reads `SMS_*` from the environment; throws when something required is missing or, in production, unsafe. */
export function smsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmsConfig {
  const missing = ['SMS_SECRET_ID', 'SMS_SECRET_KEY', 'SMS_SDK_APP_ID', 'SMS_SIGN_NAME'].filter((k) => !env[k]);
  if (missing.length) throw new Error(`SMS is not configured: set ${missing.join(', ')}`);
  const timeoutMs = env.SMS_TIMEOUT_MS ? Number(env.SMS_TIMEOUT_MS) : SMS_DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new Error('SMS_TIMEOUT_MS must be a positive number of milliseconds');
  const config: SmsConfig = {
    secretId: env.SMS_SECRET_ID!,
    secretKey: env.SMS_SECRET_KEY!,
    sdkAppId: env.SMS_SDK_APP_ID!,
    signName: env.SMS_SIGN_NAME!,
    region: env.SMS_REGION || SMS_DEFAULT_REGION,
    apiBase: env.SMS_API_BASE || SMS_DEFAULT_API_BASE,
    timeoutMs,
    templates: { verify: env.SMS_TEMPLATE_VERIFY || undefined },
  };
  if (env.DEPLOY_ENV === 'production') assertProductionSafe(config);
  return config;
}

/** In production: only https to a real host, never the emulator's sandbox or its credentials. */
export function assertProductionSafe(config: SmsConfig): void {
  let url: URL;
  try {
    url = new URL(config.apiBase);
  } catch {
    throw new Error('SMS_API_BASE is not a URL');
  }
  if (url.protocol !== 'https:') throw new Error('SMS_API_BASE must use https in production');
  if (isLoopbackHost(url.hostname)) throw new Error('SMS_API_BASE must not point to this machine in production');
  if (`${url.pathname}/`.includes('/sandbox/')) throw new Error('SMS_API_BASE must not point to a sandbox in production');
  const local = localSmsSandboxEnv();
  if (config.secretId === local.SMS_SECRET_ID || config.secretKey === local.SMS_SECRET_KEY) {
    throw new Error('The local SMS sandbox credentials must not be used in production');
  }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

/** `+86` + 11 digits for a mainland number; E.164 kept as is; null when it cannot be a phone number. */
export function normalizePhone(phone: string): string | null {
  const p = phone.replace(/[\s-]/g, '');
  const cn = /^(?:\+?86)?(1\d{10})$/.exec(p);
  if (cn) return `+86${cn[1]}`;
  if (/^\+[1-9]\d{6,14}$/.test(p)) return p;
  return null;
}

/** `+86138****5678`-style: enough to tell messages apart in a log, not enough to call anyone. */
export function maskPhoneForLog(phone: string): string {
  const p = String(phone ?? '').replace(/[\s-]/g, '');
  if (p.length <= 4) return '*'.repeat(p.length);
  const keepEnd = 4;
  const keepStart = Math.min(p.startsWith('+86') ? 6 : 3, Math.max(0, p.length - keepEnd - 4));
  return p.slice(0, keepStart) + '*'.repeat(p.length - keepStart - keepEnd) + p.slice(-keepEnd);
}

// ---------------------------------------------------------------------------------------------
// TC3-HMAC-SHA256 (Tencent Cloud API 3.0 "Signature v3"): shared with the other Tencent Cloud adapters

export { type Tc3Signature, type Tc3SignInput, tc3Sign } from './tencentCloud';

// ---------------------------------------------------------------------------------------------
// Provider answers

const RATE_LIMITED = new Set([
  'LimitExceeded.PhoneNumberDailyLimit',
  'LimitExceeded.PhoneNumberThirtySecondLimit',
  'LimitExceeded.PhoneNumberOneHourLimit',
  'LimitExceeded.PhoneNumberSameContentDailyLimit',
  'LimitExceeded.DeliveryFrequencyLimit',
  'LimitExceeded.AppDailyLimit',
  'LimitExceeded.AppGlobalDailyLimit',
  'LimitExceeded.AppMainlandChinaDailyLimit',
  'LimitExceeded.AppCountryOrRegionDailyLimit',
  'LimitExceeded.DailyLimit',
]);

const BAD_NUMBER = new Set([
  'InvalidParameterValue.IncorrectPhoneNumber',
  'FailedOperation.PhoneNumberParseFail',
  // The owner unsubscribed (replied TD) or the number is blocked: this number cannot be reached.
  'FailedOperation.PhoneNumberInBlacklist',
  'FailedOperation.PhoneNumberOnBlacklist',
  'UnsupportedOperation.UnsupportedRegion',
]);

/** Which of our four outcomes a provider error code means. */
export function reasonForCode(code: string): SmsFailureReason {
  if (RATE_LIMITED.has(code) || code === 'RequestLimitExceeded' || code.startsWith('RequestLimitExceeded.')) return 'rate_limited';
  if (BAD_NUMBER.has(code)) return 'bad_number';
  if (code === 'InternalError' || code.startsWith('InternalError.') || code === 'ServiceUnavailable') return 'unavailable';
  // FailedOperation.* (balance, signature/template not approved…), AuthFailure.*, InvalidParameter*…:
  // our configuration or account needs a person; retrying will not help.
  return 'provider_error';
}

/** Reads a `SendSms` answer (one phone number per request). */
export function parseSendSmsResponse(body: unknown): SmsResult {
  const response = (body as { Response?: any } | null)?.Response;
  if (!response || typeof response !== 'object') return { ok: false, reason: 'provider_error', providerCode: 'InvalidResponse' };
  const requestId = typeof response.RequestId === 'string' ? response.RequestId : undefined;
  if (response.Error) {
    const code = String(response.Error.Code ?? 'UnknownError');
    return { ok: false, reason: reasonForCode(code), providerCode: code, requestId };
  }
  const status = Array.isArray(response.SendStatusSet) ? response.SendStatusSet[0] : undefined;
  if (!status || typeof status.Code !== 'string')
    return { ok: false, reason: 'provider_error', providerCode: 'InvalidResponse', requestId };
  if (status.Code === 'Ok') return { ok: true, serialNo: String(status.SerialNo ?? ''), requestId };
  return { ok: false, reason: reasonForCode(status.Code), providerCode: status.Code, requestId };
}

// ---------------------------------------------------------------------------------------------
// Sending

/**
 * Sends one templated message. Resolves to a typed result for everything the provider or the
 * network can do (never rejects for those); throws only when SMS is not configured or, in
 * production, configured unsafely.
 */
export async function sendSms(req: SendSmsRequest, options: SendSmsOptions = {}): Promise<SmsResult> {
  const config = options.config ?? smsConfigFromEnv(options.env ?? process.env);
  if (options.config && (options.env ?? process.env).DEPLOY_ENV === 'production') assertProductionSafe(config);
  const phone = normalizePhone(req.phone);
  if (!phone) return { ok: false, reason: 'bad_number', providerCode: 'InvalidParameterValue.IncorrectPhoneNumber' };

  const url = new URL(config.apiBase);
  const payload = JSON.stringify({
    PhoneNumberSet: [phone],
    SmsSdkAppId: config.sdkAppId,
    SignName: config.signName,
    TemplateId: req.templateId,
    TemplateParamSet: req.params.map(String),
    SessionContext: req.sessionContext ?? '',
  });
  const timestamp = Math.floor((options.now?.() ?? Date.now()) / 1000);
  const { authorization } = tc3Sign({
    secretId: config.secretId,
    secretKey: config.secretKey,
    service: SMS_SERVICE,
    host: url.host,
    contentType: SMS_CONTENT_TYPE,
    payload,
    timestamp,
    extraHeaders: { 'x-tc-action': SMS_ACTION },
  });

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.timeoutMs);
  let result: SmsResult;
  try {
    const res = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: {
        Authorization: authorization,
        'Content-Type': SMS_CONTENT_TYPE,
        'X-TC-Action': SMS_ACTION,
        'X-TC-Version': SMS_VERSION,
        'X-TC-Timestamp': String(timestamp),
        'X-TC-Region': config.region,
      },
      body: payload,
      signal: controller.signal,
    });
    const text = await res.text();
    if (res.status >= 500) result = { ok: false, reason: 'unavailable', providerCode: `HTTP${res.status}` };
    else {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      result =
        body === undefined
          ? { ok: false, reason: res.ok ? 'provider_error' : 'unavailable', providerCode: res.ok ? 'InvalidResponse' : `HTTP${res.status}` }
          : parseSendSmsResponse(body);
    }
  } catch (e) {
    const timedOut = controller.signal.aborted;
    result = { ok: false, reason: 'unavailable', providerCode: timedOut ? 'Timeout' : `NetworkError:${(e as Error)?.name ?? 'Error'}` };
  } finally {
    clearTimeout(timer);
  }
  if (!result.ok) {
    console.warn(`[sms] ${SMS_ACTION} to ${maskPhoneForLog(phone)} failed: ${result.reason} (${result.providerCode})`);
  }
  return result;
}

/** The verification-code message: template `SMS_TEMPLATE_VERIFY`, params [code, minutes]. */
export function sendVerificationCode(
  req: { phone: string; code: string; minutes: number; sessionContext?: string },
  options: SendSmsOptions = {},
): Promise<SmsResult> {
  const config = options.config ?? smsConfigFromEnv(options.env ?? process.env);
  const templateId = config.templates.verify;
  if (!templateId) throw new Error('SMS is not configured: set SMS_TEMPLATE_VERIFY');
  return sendSms(
    { phone: req.phone, templateId, params: [req.code, req.minutes], sessionContext: req.sessionContext },
    { ...options, config },
  );
}

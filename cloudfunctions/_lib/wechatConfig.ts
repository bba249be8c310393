import crypto from 'node:crypto';
import { assertProductionBase } from './tencentCloud';

/**
 * Settings for the WeChat server APIs (access_token, 人脸核身 2.0, subscribe messages). Locally the
 * emulator's sandbox (`emulator/sandboxes/wechat.ts`) answers at `WECHAT_API_BASE`; its published
 * credentials and any loopback or `/sandbox/` address are refused when DEPLOY_ENV=production.
 */

export const WECHAT_DEFAULT_API_BASE = 'https://api.weixin.qq.com';
export const WECHAT_DEFAULT_TIMEOUT_MS = 5000;

export type MiniprogramState = 'formal' | 'trial' | 'developer';

export interface WechatConfig {
  appId: string;
  secret: string;
  /** `https://api.weixin.qq.com` unless pointed at the emulator's sandbox. No trailing slash. */
  apiBase: string;
  timeoutMs: number;
  /** Which version of the mini-program a subscribe message opens. */
  miniprogramState: MiniprogramState;
}

const LOCAL_ONLY_MARK = 'wenxin-tuifu local development only';

/**
 * The sandbox's published app id, secret and template ids. They protect nothing; the adapters
 * refuse them when DEPLOY_ENV=production. `WECHAT_API_BASE` is added per emulator run (its port),
 * see `emulator/localEnv.ts`.
 */
export function localWechatSandboxEnv() {
  return {
    WECHAT_APPID: 'wx10ca15a4db0x0001',
    WECHAT_SECRET: crypto.createHash('sha256').update(`${LOCAL_ONLY_MARK}/wechat`).digest('hex').slice(0, 32),
    WECHAT_MINIPROGRAM_STATE: 'developer',
    WECHAT_TEMPLATE_CERT_REMINDER: 'LocalSandboxCertReminder-0000000000000000001',
    WECHAT_TEMPLATE_CERT_RESULT: 'LocalSandboxCertResult-000000000000000000002',
    WECHAT_TEMPLATE_EVENT_REMINDER: 'LocalSandboxEventReminder-0000000000000000003',
  };
}

/** Reads `WECHAT_*`; throws when something required is missing or, in production, unsafe. */
export function wechatConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WechatConfig {
  const missing = ['WECHAT_APPID', 'WECHAT_SECRET'].filter((k) => !env[k]);
  if (missing.length) throw new Error(`WeChat is not configured: set ${missing.join(', ')}`);
  const timeoutMs = env.WECHAT_TIMEOUT_MS ? Number(env.WECHAT_TIMEOUT_MS) : WECHAT_DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new Error('WECHAT_TIMEOUT_MS must be a positive number of milliseconds');
  const state = (env.WECHAT_MINIPROGRAM_STATE || 'formal') as MiniprogramState;
  if (!['formal', 'trial', 'developer'].includes(state)) throw new Error('WECHAT_MINIPROGRAM_STATE must be formal, trial or developer');
  const config: WechatConfig = {
    appId: env.WECHAT_APPID!,
    secret: env.WECHAT_SECRET!,
    apiBase: (env.WECHAT_API_BASE || WECHAT_DEFAULT_API_BASE).replace(/\/+$/, ''),
    timeoutMs,
    miniprogramState: state,
  };
  if (env.DEPLOY_ENV === 'production') assertWechatProductionSafe(config);
  return config;
}

export function assertWechatProductionSafe(config: WechatConfig): void {
  assertProductionBase('WECHAT_API_BASE', config.apiBase);
  const local = localWechatSandboxEnv();
  if (config.appId === local.WECHAT_APPID || config.secret === local.WECHAT_SECRET) {
    throw new Error('The local WeChat sandbox credentials must not be used in production');
  }
  if (config.miniprogramState !== 'formal') throw new Error('WECHAT_MINIPROGRAM_STATE must be formal in production');
}

/** The answer every WeChat server API gives on failure. */
export interface WechatError {
  errcode: number;
  errmsg?: string;
}

/** The access_token was wrong (40001, 40014) or has expired (42001): get a new one and try once more. */
export const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);

export function wechatErrcode(body: unknown): number | null {
  const code = (body as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' ? code : null;
}

import { localFaceidSandboxEnv } from '../cloudfunctions/_lib/faceid';
import { localDevelopmentKeys } from '../cloudfunctions/_lib/pii';
import { localSmsSandboxEnv } from '../cloudfunctions/_lib/sms';
import { localWechatSandboxEnv } from '../cloudfunctions/_lib/wechatConfig';

/**
 * Environment the emulator gives every function instance. In CloudBase these come from
 * the function's configured environment variables (see README: deploy); locally they are
 * fixed development keys that protect nothing and are refused when DEPLOY_ENV=production.
 */
export function localFunctionEnv(): Record<string, string> {
  return {
    DEPLOY_ENV: 'local',
    ...localDevelopmentKeys(),
    ...localSmsSandboxEnv(),
    ...localWechatSandboxEnv(),
    ...localFaceidSandboxEnv(),
    ...testOverrides(),
  };
}

/**
 * Tests may give every function instance extra settings (e.g. a shorter import lease, a
 * fixed clock) through the emulator's own environment: EMULATOR_FUNCTION_ENV='{"K":"V"}'.
 */
function testOverrides(): Record<string, string> {
  const raw = process.env.EMULATOR_FUNCTION_ENV;
  if (!raw) return {};
  const parsed = JSON.parse(raw) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
}

/** Where instances reach the emulator's sandboxes of outside services; needs the emulator's address. */
export function localSandboxEnv(adminUrl: string): Record<string, string> {
  if (!adminUrl) return {};
  const origin = new URL(adminUrl).origin;
  return {
    SMS_API_BASE: `${origin}/sandbox/tencentcloud/sms`,
    WECHAT_API_BASE: `${origin}/sandbox/wechat`,
    FACEID_API_BASE: `${origin}/sandbox/tencentcloud/faceid`,
  };
}

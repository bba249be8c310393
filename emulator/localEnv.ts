import crypto from 'node:crypto';

/**
 * Environment the emulator gives every function instance. In CloudBase these come from
 * the function's configured environment variables (see README: deploy); locally they are
 * fixed development values, derived from a public string: they protect nothing and must
 * never be used in production (the functions refuse them when DEPLOY_ENV=production).
 */
export const LOCAL_KEY_SEED = 'wenxin-tuifu local development only';

export function localFunctionEnv(): Record<string, string> {
  const derive = (label: string) => crypto.createHash('sha256').update(`${LOCAL_KEY_SEED}/${label}`).digest('base64');
  return {
    DEPLOY_ENV: 'local',
    PII_ENC_KEY: derive('enc'),
    PII_HMAC_KEY: derive('hmac'),
  };
}

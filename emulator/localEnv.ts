import { localDevelopmentKeys } from '../cloudfunctions/_lib/pii';

/**
 * Environment the emulator gives every function instance. In CloudBase these come from
 * the function's configured environment variables (see README: deploy); locally they are
 * fixed development keys that protect nothing and are refused when DEPLOY_ENV=production.
 */
export function localFunctionEnv(): Record<string, string> {
  return { DEPLOY_ENV: 'local', ...localDevelopmentKeys() };
}

/**
 * The clock of a function. Tests of time-dependent rules set `APP_NOW` (ISO 8601) in the
 * emulator's function environment; production never does, and this refuses it there.
 */
export function now(): Date {
  const fixed = process.env.APP_NOW;
  if (fixed) {
    if (process.env.DEPLOY_ENV === 'production') throw new Error('APP_NOW must not be set in production');
    const d = new Date(fixed);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return new Date();
}

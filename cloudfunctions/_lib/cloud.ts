import tcb from '@cloudbase/node-sdk';

/**
 * The one CloudBase app of a function instance. `SYMBOL_CURRENT_ENV` means "the env this
 * function runs in"; the SDK finds CloudBase (or, locally, the emulator, through
 * TCB_CONTEXT_CNFG) by itself. Nothing here knows which one it is talking to.
 */
let app: ReturnType<typeof tcb.init> | null = null;

export function cloud() {
  if (!app) app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return app;
}

export function db() {
  return cloud().database();
}

export type Database = ReturnType<typeof db>;

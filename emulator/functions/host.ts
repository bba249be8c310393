import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { localSandboxEnv } from '../localEnv';

/**
 * Runs the *built* function bundles (`dist/cloudfunctions/<name>/index.js`) the way SCF
 * does: a pool of instances per function, one invocation per instance at a time, the
 * caller's identity in the environment, a time limit from `cloudbaserc.json`.
 * A rebuilt bundle is picked up on the next invocation.
 */
export interface Identity {
  openid?: string;
  uid?: string;
  appid?: string;
}

export interface InvokeResult {
  ok: boolean;
  result?: unknown;
  code?: string;
  message?: string;
}

interface FunctionConfig {
  timeoutSeconds: number;
  envVariables: Record<string, string>;
}

interface Instance {
  worker: Worker;
  busy: boolean;
  mtime: number;
  /** Settles once the bundle is loaded (SCF's initialisation phase), rejects if it cannot be. */
  ready: Promise<void>;
}

/**
 * SCF times a function's initialisation (loading the code) apart from each invocation, with a
 * limit of its own; the `timeout` in cloudbaserc.json is for the invocation. Without this, many
 * instances starting at once on a small machine ran out of their invocation time while loading.
 */
const INIT_LIMIT_MS = 65_000;

const MAX_INSTANCES = Number(process.env.EMULATOR_MAX_INSTANCES ?? 8);
const WORKER_SCRIPT = path.join(__dirname, 'worker.js');

export class FunctionsHost {
  private pools = new Map<string, Instance[]>();
  private queues = new Map<string, Array<() => void>>();
  private nextId = 1;
  private configs: Record<string, FunctionConfig>;
  /** Where instances reach the database; known once the server listens. */
  adminUrl = '';

  constructor(private readonly opts: { functionsDir: string; envId: string; configFile?: string; extraEnv?: Record<string, string> }) {
    this.configs = readConfigs(opts.configFile);
  }

  list(): string[] {
    if (!fs.existsSync(this.opts.functionsDir)) return [];
    return fs.readdirSync(this.opts.functionsDir).filter((n) => fs.existsSync(this.bundlePath(n)));
  }

  async invoke(name: string, event: unknown, identity: Identity = {}): Promise<InvokeResult> {
    if (!/^[a-zA-Z0-9_-]+$/.test(name) || !fs.existsSync(this.bundlePath(name))) {
      return { ok: false, code: 'FUNCTIONS_NOT_FOUND', message: `function not found: ${name}` };
    }
    const instance = await this.acquire(name);
    let initTimer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        instance.ready,
        new Promise((_, reject) => {
          initTimer = setTimeout(() => reject(new Error(`function ${name} did not initialise in ${INIT_LIMIT_MS} ms`)), INIT_LIMIT_MS);
        }),
      ]);
    } catch (e) {
      this.discard(name, instance);
      return { ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: (e as Error).message };
    } finally {
      clearTimeout(initTimer);
    }
    const id = this.nextId++;
    const env: Record<string, string> = {};
    if (identity.openid) {
      env.WX_OPENID = identity.openid;
      env.WX_APPID = identity.appid ?? 'wx-emulator-appid';
    }
    if (identity.uid) env.TCB_UUID = identity.uid;
    env.TCB_SOURCE = identity.openid ? 'wx_client' : identity.uid ? 'web_client' : 'scf';
    const timeoutMs = (this.configs[name]?.timeoutSeconds ?? 3) * 1000;
    return new Promise<InvokeResult>((resolve) => {
      const timer = setTimeout(() => {
        cleanup();
        this.discard(name, instance);
        resolve({ ok: false, code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED', message: `function ${name} timed out after ${timeoutMs} ms` });
      }, timeoutMs);
      const onMessage = (msg: any) => {
        if (msg.id !== id) return;
        cleanup();
        this.release(name, instance);
        if (msg.ok) resolve({ ok: true, result: msg.result });
        else {
          console.error(`[functions] ${name} failed: ${msg.stack ?? msg.message}`);
          resolve({ ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: msg.message });
        }
      };
      const onExit = () => {
        cleanup();
        this.discard(name, instance);
        resolve({ ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: `function ${name} instance exited` });
      };
      const cleanup = () => {
        clearTimeout(timer);
        instance.worker.off('message', onMessage);
        instance.worker.off('exit', onExit);
      };
      instance.worker.on('message', onMessage);
      instance.worker.on('exit', onExit);
      instance.worker.postMessage({ id, event, env, requestId: crypto.randomUUID() });
    });
  }

  async stop() {
    const all = [...this.pools.values()].flat();
    this.pools.clear();
    await Promise.all(all.map((i) => i.worker.terminate()));
  }

  private bundlePath(name: string) {
    return path.join(this.opts.functionsDir, name, 'index.js');
  }

  private async acquire(name: string): Promise<Instance> {
    const mtime = fs.statSync(this.bundlePath(name)).mtimeMs;
    for (;;) {
      const pool = this.pools.get(name) ?? [];
      this.pools.set(name, pool);
      // Retire idle instances of an older build.
      for (const inst of pool.filter((i) => !i.busy && i.mtime !== mtime)) this.discard(name, inst);
      const idle = pool.find((i) => !i.busy && i.mtime === mtime);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (pool.length < MAX_INSTANCES) {
        const worker = this.spawn(name);
        const ready = new Promise<void>((resolve, reject) => {
          const onReady = (msg: { ready?: boolean }) => {
            if (!msg?.ready) return;
            worker.off('message', onReady);
            worker.off('exit', onExit);
            resolve();
          };
          const onExit = (code: number) => {
            worker.off('message', onReady);
            reject(new Error(`function ${name} instance exited while loading (${code})`));
          };
          worker.on('message', onReady);
          worker.once('exit', onExit);
        });
        ready.catch(() => undefined); // awaited (and reported) by the invocation
        const inst: Instance = { worker, busy: true, mtime, ready };
        pool.push(inst);
        return inst;
      }
      await new Promise<void>((resolve) => {
        const q = this.queues.get(name) ?? [];
        q.push(resolve);
        this.queues.set(name, q);
      });
    }
  }

  private release(name: string, inst: Instance) {
    inst.busy = false;
    this.queues.get(name)?.shift()?.();
  }

  private discard(name: string, inst: Instance) {
    const pool = this.pools.get(name) ?? [];
    this.pools.set(
      name,
      pool.filter((i) => i !== inst),
    );
    void inst.worker.terminate();
    this.queues.get(name)?.shift()?.();
  }

  private spawn(name: string): Worker {
    const baseEnv: Record<string, string> = {
      ...(this.configs[name]?.envVariables ?? {}),
      ...this.opts.extraEnv,
      // Sandboxes' URLs (SMS_API_BASE…) are derived here, like TCB_CONTEXT_CNFG: the port is known only once the server listens.
      ...localSandboxEnv(this.adminUrl),
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.adminUrl }),
      TENCENTCLOUD_RUNENV: 'SCF',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      TENCENTCLOUD_SECRETID: 'emulator',
      TENCENTCLOUD_SECRETKEY: 'emulator',
      SCF_NAMESPACE: this.opts.envId,
      TCB_ENV: this.opts.envId,
      SCF_FUNCTIONNAME: name,
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP',
      TCB_CONTEXT_KEYS: 'TCB_UUID,TCB_CUSTOM_USER_ID,TCB_ISANONYMOUS_USER,TCB_SOURCE',
    };
    const worker = new Worker(WORKER_SCRIPT, { workerData: { bundlePath: this.bundlePath(name), baseEnv }, stdout: false, stderr: false });
    worker.on('error', (e) => console.error(`[functions] ${name} instance error: ${e.message}`));
    return worker;
  }
}

/** Timeouts and environment variables per function, from `cloudbaserc.json`. */
function readConfigs(file?: string): Record<string, FunctionConfig> {
  if (!file || !fs.existsSync(file)) return {};
  const rc = JSON.parse(fs.readFileSync(file, 'utf8'));
  const out: Record<string, FunctionConfig> = {};
  for (const fn of rc.functions ?? []) {
    // `{{env.X}}` values are filled in by `tcb` at deploy time from the deployer's
    // environment; locally the emulator supplies its own (see localEnv.ts).
    const literal = Object.entries((fn.envVariables ?? {}) as Record<string, string>).filter(([, v]) => !/\{\{.*\}\}/.test(v));
    out[fn.name] = { timeoutSeconds: fn.timeout ?? 3, envVariables: Object.fromEntries(literal) };
  }
  return out;
}

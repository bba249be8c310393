import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { localSdkEnv } from '../../emulator/sdkEnv';

/**
 * The real emulator as a child process, for tests: fresh data folder, free port, the
 * built function bundles, and (unless `seed: false`) the small demo data.
 */
const root = path.resolve(__dirname, '../..');

export interface DevAccountInfo {
  id: string;
  role: string;
  name: string;
  label: string;
}

export interface LocalCloud {
  url: string;
  adminUrl: string;
  dataDir: string;
  /** Environment for a process that should use @cloudbase/node-sdk against this emulator. */
  env: Record<string, string>;
  accounts: DevAccountInfo[];
  tokenFor(accountId: string): Promise<string>;
  /** A new sign-in (a WeChat user by openid, or a console user by uid) and its token: someone the seed does not know. */
  newUser(kind?: 'wx' | 'web'): Promise<{ id: string; token: string }>;
  callFunction(name: string, data: Record<string, unknown>, token?: string): Promise<any>;
  /** Stops the emulator; its temporary data folder is removed unless `keepData` (to `restart()` on it). */
  stop(opts?: { keepData?: boolean }): Promise<void>;
  kill9(): Promise<void>;
  restart(): Promise<void>;
  /** How the emulator process last ended: exit code 0 after a clean stop; a signal if it had to be killed. */
  lastExit(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  pid(): number | undefined;
}

export async function startLocalCloud(
  opts: {
    seed?: boolean;
    dataDir?: string /** Extra environment for every function instance. */;
    functionEnv?: Record<string, string>;
    /** Extra environment for the emulator process itself (e.g. EMULATOR_COMPACT_BYTES). */
    emulatorEnv?: Record<string, string>;
  } = {},
): Promise<LocalCloud> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wx-cloud-'));
  let child: ChildProcess;
  let port = 0;

  async function launch() {
    child = spawn(
      process.execPath,
      [...nodeArgs(), '--import', 'tsx', path.join(root, 'emulator/cli.ts'), '--port', String(port), '--data', dataDir],
      {
        cwd: root,
        env: {
          ...process.env,
          DEPLOY_ENV: 'local',
          // The 02:00 (UTC+8) timer must not fire by itself in the middle of a test; tests fire it when they mean to.
          EMULATOR_TIMERS: 'off',
          ...opts.emulatorEnv,
          ...(opts.functionEnv ? { EMULATOR_FUNCTION_ENV: JSON.stringify(opts.functionEnv) } : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr!.on('data', (c) => {
      stderr += c;
      // EMULATOR_STDERR=<file> keeps everything the emulator (and its functions) write to stderr, to debug a run.
      if (process.env.EMULATOR_STDERR) fs.appendFileSync(process.env.EMULATOR_STDERR, c);
    });
    const line = await new Promise<string>((resolve, reject) => {
      const rl = readline.createInterface({ input: child.stdout! });
      rl.on('line', (l) => {
        if (l.startsWith('TCB_CONTEXT_CNFG=')) resolve(l);
      });
      child.once('exit', (code) => reject(new Error(`emulator exited (${code}): ${stderr}`)));
    });
    const url = JSON.parse(line.slice('TCB_CONTEXT_CNFG='.length)).URL as string;
    port = Number(new URL(url).port);
  }

  await launch();
  const base = () => `http://127.0.0.1:${port}`;
  if (opts.seed !== false) {
    const { seedDemoData } = await import('../../emulator/seed/seed');
    await seedDemoData(`${base()}/admin`);
  }
  const accounts = (await (await fetch(`${base()}/dev/accounts`)).json()) as DevAccountInfo[];

  let newUsers = 0;
  const waitExit = () =>
    new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve())));
  const cloud: LocalCloud = {
    get url() {
      return base();
    },
    get adminUrl() {
      return `${base()}/admin`;
    },
    dataDir,
    get env() {
      return localSdkEnv(`${base()}/admin`);
    },
    accounts,
    async tokenFor(accountId) {
      const res = await fetch(`${base()}/dev/token`, { method: 'POST', body: JSON.stringify({ accountId }) });
      return ((await res.json()) as { token: string }).token;
    },
    async newUser(kind = 'wx') {
      const id = `new-${kind}-${Date.now().toString(36)}-${(newUsers++).toString(36)}`;
      const current = (await (await fetch(`${base()}/dev/accounts`)).json()) as DevAccountInfo[];
      const account = {
        id,
        role: 'guest',
        name: '新用户',
        label: `新用户 ${id}`,
        ...(kind === 'wx' ? { openid: `openid-${id}` } : { uid: `uid-${id}` }),
      };
      await fetch(`${base()}/dev/accounts`, { method: 'PUT', body: JSON.stringify([...current, account]) });
      return { id, token: await cloud.tokenFor(id) };
    },
    async callFunction(name, data, token) {
      const res = await fetch(`${base()}/h5/functions/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { 'x-dev-token': token } : {}) },
        body: JSON.stringify({ data }),
      });
      const body = (await res.json()) as any;
      if (res.status !== 200) throw Object.assign(new Error(body.message), { code: body.code, status: res.status });
      return body.result;
    },
    async stop(stopOpts) {
      child.kill('SIGTERM');
      // The emulator cuts lingering connections after 3 s and then flushes; if it still has not
      // exited after 20 s, say so and kill it, rather than let a test hook time out.
      const late = setTimeout(() => {
        process.stderr.write(`localCloud: emulator ${child.pid} did not stop within 20 s of SIGTERM; killing it\n`);
        child.kill('SIGKILL');
      }, 20_000);
      await waitExit();
      clearTimeout(late);
      // A data folder made here goes with the stop, unless the test restarts on it.
      if (!opts.dataDir && !stopOpts?.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async kill9() {
      child.kill('SIGKILL');
      await waitExit();
    },
    async restart() {
      await launch();
    },
    pid: () => child.pid,
    lastExit: () => (child.exitCode !== null || child.signalCode ? { code: child.exitCode, signal: child.signalCode } : undefined),
  };
  return cloud;
}

/** Extra Node options for the emulator process, e.g. EMULATOR_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile a run. */
function nodeArgs(): string[] {
  return (process.env.EMULATOR_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

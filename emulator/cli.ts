import path from 'node:path';
import { parseArgs } from 'node:util';
import { collections } from '../database/collections';
import { DevAuth } from './auth/devAuth';
import { Database } from './database/engine';
import { TransactionManager } from './database/transactions';
import { FunctionsHost } from './functions/host';
import { readTimerTriggers, TimerRunner } from './functions/timers';
import { isMain } from './isMain';
import { localFunctionEnv } from './localEnv';
import { faceidSandbox } from './sandboxes/faceid';
import { smsSandbox } from './sandboxes/sms';
import { wechatSandbox } from './sandboxes/wechat';
import { createCloudServer } from './server';
import { LocalStorage } from './storage';

/** How long a request still in flight may run once the emulator is told to stop. */
const STOP_GRACE_MS = 3000;

/**
 * `npm run emulator`: the local CloudBase (database, functions host, dev sign-in).
 * Prints `TCB_CONTEXT_CNFG={"URL":"http://127.0.0.1:PORT/admin"}`: export that line and
 * any `@cloudbase/node-sdk` script talks to this emulator, whatever env id it uses.
 */
export async function startEmulator(opts: { port: number; dataDir: string; functionsDir: string; envId: string }) {
  if (process.env.DEPLOY_ENV === 'production') {
    throw new Error('The emulator refuses to run with DEPLOY_ENV=production.');
  }
  const root = path.resolve(__dirname, '..');
  const db = new Database(path.join(opts.dataDir, 'db')).open(collections);
  const txs = new TransactionManager(db);
  const auth = new DevAuth(path.join(opts.dataDir, 'auth.json'));
  const functions = new FunctionsHost({
    functionsDir: opts.functionsDir,
    envId: opts.envId,
    configFile: path.join(root, 'cloudbaserc.json'),
    extraEnv: localFunctionEnv(),
  });
  // Timer triggers of cloudbaserc.json fire at their cron time (UTC+8); EMULATOR_TIMERS=off stops them.
  const timers = new TimerRunner(functions, readTimerTriggers(path.join(root, 'cloudbaserc.json')));
  const storage = new LocalStorage(path.join(opts.dataDir, 'storage'), opts.envId, auth);
  const wechat = wechatSandbox(path.join(opts.dataDir, 'wechat'));
  const server = createCloudServer({
    db,
    txs,
    functions,
    auth,
    adminActions: storage.adminActions,
    routes: [
      storage.route,
      timers.route,
      smsSandbox(path.join(opts.dataDir, 'sms'), { outboxSections: [wechat.outboxSection] }),
      wechat,
      faceidSandbox(),
    ],
  });
  // Idle keep-alive connections are closed by the client first (the SDK's agent drops them after 4.8 s,
  // Node's default agent after 5 s), never by us: with Node's default 5 s here, a client whose event loop
  // was busy re-used a socket the server had just closed and got "socket hang up" (seen in the city benchmark).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(opts.port, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const adminUrl = `http://127.0.0.1:${port}/admin`;
  functions.adminUrl = adminUrl;
  storage.baseUrl = `http://127.0.0.1:${port}`;
  if (process.env.EMULATOR_TIMERS !== 'off') timers.start();
  const stop = async () => {
    timers.stop();
    // close() waits for every open connection to end. Idle keep-alive connections go now;
    // a request still in flight gets 3 s to finish, then its connection is cut (a client that
    // never finishes its upload once kept a test's shutdown waiting until the hook timed out).
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const cut = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
    await closed;
    clearTimeout(cut);
    await functions.stop();
    await db.barrier();
    txs.stop();
    db.close();
  };
  return { port, url: `http://127.0.0.1:${port}`, adminUrl, db, stop };
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.EMULATOR_PORT ?? '9000' },
      data: { type: 'string', default: '.local-cloud' },
      functions: { type: 'string', default: 'dist/cloudfunctions' },
      env: { type: 'string', default: 'local-dev' },
    },
  });
  const emu = await startEmulator({
    port: Number(values.port),
    dataDir: path.resolve(values.data!),
    functionsDir: path.resolve(values.functions!),
    envId: values.env!,
  });
  console.log(`TCB_CONTEXT_CNFG=${JSON.stringify({ URL: emu.adminUrl })}`);
  const shutdown = () => {
    void emu.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (isMain(__filename)) {
  main().catch((e) => {
    console.error(e.message ?? e);
    process.exit(1);
  });
}

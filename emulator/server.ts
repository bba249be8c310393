import crypto from 'node:crypto';
import http from 'node:http';
import { createDatabaseApi } from './apis/database';
import type { DevAuth } from './auth/devAuth';
import { renderSignInPage } from './auth/signinPage';
import type { Database } from './database/engine';
import { CloudError } from './database/errors';
import type { TransactionManager } from './database/transactions';
import type { FunctionsHost } from './functions/host';
import { header, json, readBody } from './http';

/**
 * The local CloudBase: one HTTP server.
 *   POST /admin                 the wire protocol of @cloudbase/node-sdk (database, functions)
 *   POST /h5/functions/<name>   how the H5 build calls a function locally (`x-dev-token` = caller)
 *   GET  /dev/signin            the dev sign-in page;  POST /dev/signin picks an account
 *   GET|PUT /dev/accounts       demo accounts (the seeder registers them)
 *   POST /dev/token             a sign-in token for an account (tests)
 */
const ADMIN_BODY_LIMIT = 50 * 1024 * 1024;
/** CloudBase refuses call payloads beyond ~100 KB of text; big files go through storage. */
const CALL_BODY_LIMIT = 100 * 1024;

/** A route module (storage, a sandbox…): answers the request and returns true, or returns false to pass. */
export type Route = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<boolean>;
/** Extra `/admin` actions (e.g. `storage.*`), answered like the database's: a reply body, or a thrown CloudError. */
export type AdminActions = Record<string, (body: Record<string, any>) => Promise<Record<string, any>> | Record<string, any>>;

export interface CloudServerDeps {
  db: Database;
  txs: TransactionManager;
  functions: FunctionsHost;
  auth: DevAuth;
  adminActions?: AdminActions;
  routes?: Route[];
}

export function createCloudServer({ db, txs, functions, auth, adminActions = {}, routes = [] }: CloudServerDeps): http.Server {
  const dbApi: AdminActions = { ...createDatabaseApi(db, txs), ...adminActions };

  async function admin(body: Record<string, any>): Promise<Record<string, any>> {
    if (body.action === 'functions.invokeFunction') {
      let event: unknown;
      try {
        event = body.request_data ? JSON.parse(body.request_data) : {};
      } catch {
        throw new CloudError('INVALID_PARAM', 'request_data must be JSON');
      }
      const out = await functions.invoke(body.function_name, event, {});
      if (!out.ok) throw new CloudError(out.code ?? 'FUNCTIONS_EXECUTE_FAIL', out.message ?? 'function failed');
      return { data: { response_data: JSON.stringify(out.result) } };
    }
    const handler = dbApi[body.action];
    if (!handler) throw new CloudError('INVALID_ACTION', `the emulator does not serve ${body.action}`);
    return handler(body);
  }

  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const requestId = crypto.randomBytes(8).toString('hex');
    try {
      if (req.method === 'POST' && url.pathname === '/admin') {
        const raw = await readBody(req, ADMIN_BODY_LIMIT);
        if (raw === null) return json(res, 413, { code: 'PAYLOAD_TOO_LARGE', message: 'request body too large', requestId });
        const body = JSON.parse(raw);
        let reply: Record<string, any>;
        try {
          reply = await admin(body);
        } catch (e) {
          if (!(e instanceof CloudError)) throw e;
          reply = { code: e.code, message: e.message };
        }
        // Nothing leaves the server before the state it reflects is on disk.
        await db.barrier();
        return json(res, 200, { ...reply, requestId });
      }

      const fn = /^\/h5\/functions\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
      if (req.method === 'POST' && fn) {
        const raw = await readBody(req, CALL_BODY_LIMIT);
        if (raw === null) return json(res, 413, { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容太大了，请分开提交' });
        let data: unknown;
        try {
          data = (JSON.parse(raw || '{}') as { data?: unknown } | null)?.data;
        } catch {
          return json(res, 400, { code: 'INVALID_REQUEST', message: '请求的格式不对，请更新小程序后再试' });
        }
        const identity = auth.identityFor(header(req, 'x-dev-token'));
        const out = await functions.invoke(fn[1], data ?? {}, identity);
        if (!out.ok) return json(res, 502, { code: out.code, message: out.message });
        return json(res, 200, { result: out.result, requestId });
      }

      if (url.pathname === '/dev/signin' && req.method === 'GET') {
        const ret = url.searchParams.get('return') ?? '/';
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(renderSignInPage(auth.accounts(), ret));
      }
      if (url.pathname === '/dev/signin' && req.method === 'POST') {
        const form = new URLSearchParams((await readBody(req, 10_000)) ?? '');
        const token = auth.signIn(form.get('account') ?? '');
        const target = withQuery(form.get('return') ?? '/', 'devToken', token);
        res.writeHead(303, { location: target });
        return res.end();
      }
      if (url.pathname === '/dev/accounts' && req.method === 'GET') return json(res, 200, auth.accounts());
      if (url.pathname === '/dev/accounts' && req.method === 'PUT') {
        auth.register(JSON.parse((await readBody(req, 1_000_000)) ?? '[]'));
        return json(res, 200, { ok: true });
      }
      if (url.pathname === '/dev/token' && req.method === 'POST') {
        const { accountId } = JSON.parse((await readBody(req, 10_000)) ?? '{}');
        return json(res, 200, { token: auth.signIn(accountId) });
      }
      for (const route of routes) if (await route(req, res, url)) return;
      if (url.pathname === '/health') return json(res, 200, { ok: true, collections: db.listCollections().length });
      json(res, 404, { code: 'NOT_FOUND', message: `no route ${req.method} ${url.pathname}` });
    } catch (e) {
      console.error('[emulator]', e);
      if (!res.headersSent) json(res, 500, { code: 'INTERNAL', message: (e as Error).message, requestId });
    }
  });
}

/** Put `key=value` into a URL's query string, before any `#/route` of a hash router. */
export function withQuery(target: string, key: string, value: string): string {
  const hashAt = target.indexOf('#');
  const base = hashAt >= 0 ? target.slice(0, hashAt) : target;
  const hash = hashAt >= 0 ? target.slice(hashAt) : '';
  const sep = base.includes('?') ? '&' : '?';
  return `${base}${sep}${encodeURIComponent(key)}=${encodeURIComponent(value)}${hash}`;
}

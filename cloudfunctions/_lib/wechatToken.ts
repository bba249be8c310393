import crypto from 'node:crypto';
import { COLLECTIONS } from '../../database/collections';
import { db } from './cloud';
import { isDuplicateKey } from './errors';
import { exchangeJson } from './outsideHttp';
import { TOKEN_ERRCODES, type WechatConfig, wechatConfigFromEnv, wechatErrcode } from './wechatConfig';

/**
 * The WeChat access_token, shared by every function instance.
 *
 * Fetched with `POST /cgi-bin/stable_token` (getStableAccessToken), not `GET /cgi-bin/token`: a
 * stable token is not invalidated when someone else (another instance, a deploy, a developer's
 * tool) fetches one, and in its normal mode a repeated call within the validity returns the same
 * token, so a race can never leave an instance holding a revoked token.
 *
 * Kept in `service_tokens` (`_id: 'wechat'`: token, expiresAt, refreshAt, lease) plus a copy in the
 * instance. Refreshed before expiry (5 minutes early, or half the lifetime when that is shorter).
 * One refresh at a time across instances: a lease taken by a conditional update on the document;
 * the others reuse a still-valid token or poll until the new one is written. An API answering
 * 40001/40014/42001 makes `withAccessToken` invalidate that token everywhere, refresh and try once more.
 *
 * Times are the real clock (`Date.now`), never `APP_NOW`: the token expires at WeChat's time.
 * Neither the token nor the secret is ever logged.
 */

export const WECHAT_TOKEN_DOC_ID = 'wechat';
const EARLY_REFRESH_MS = 5 * 60_000;

export interface TokenDoc {
  _id: string;
  token: string | null;
  /** Unix ms when WeChat stops accepting it. */
  expiresAt: number;
  /** Unix ms from when a new one should be fetched. */
  refreshAt: number;
  leaseUntil: number;
  leaseOwner: string | null;
  refreshedAt: number;
}

/** Where the shared token lives: the `service_tokens` collection, or something else in tests. */
export interface TokenStore {
  read(): Promise<TokenDoc | null>;
  /** Takes the refresh lease if nobody holds a live one (creating the document the first time). */
  tryLease(owner: string, now: number, leaseMs: number): Promise<boolean>;
  /** Writes a new token and lets go of the lease. */
  save(owner: string, fields: Pick<TokenDoc, 'token' | 'expiresAt' | 'refreshAt' | 'refreshedAt'>): Promise<void>;
  release(owner: string): Promise<void>;
  /** Marks `token` unusable, if it is still the stored one. */
  invalidate(token: string): Promise<void>;
}

export function serviceTokenStore(id = WECHAT_TOKEN_DOC_ID): TokenStore {
  const coll = () => db().collection(COLLECTIONS.serviceTokens);
  const _ = () => db().command;
  return {
    async read() {
      const res = (await coll().where({ _id: id }).limit(1).get()) as { data: TokenDoc[] };
      return res.data[0] ?? null;
    },
    async tryLease(owner, now, leaseMs) {
      const res = (await coll()
        .where({ _id: id, leaseUntil: _().lt(now) })
        .update({ leaseUntil: now + leaseMs, leaseOwner: owner })) as { updated: number };
      if (res.updated === 1) return true;
      if (await this.read()) return false;
      try {
        const doc: TokenDoc = {
          _id: id,
          token: null,
          expiresAt: 0,
          refreshAt: 0,
          leaseUntil: now + leaseMs,
          leaseOwner: owner,
          refreshedAt: 0,
        };
        await coll().add(doc);
        return true;
      } catch (e) {
        if (isDuplicateKey(e)) return false;
        throw e;
      }
    },
    async save(owner, fields) {
      await coll()
        .where({ _id: id, leaseOwner: owner })
        .update({ ...fields, leaseUntil: 0, leaseOwner: null });
    },
    async release(owner) {
      await coll().where({ _id: id, leaseOwner: owner }).update({ leaseUntil: 0, leaseOwner: null });
    },
    async invalidate(token) {
      await coll().where({ _id: id, token }).update({ expiresAt: 0, refreshAt: 0 });
    },
  };
}

/** Fetching a token failed: `code` is `errcode:<n>` from WeChat, `Timeout`, `NetworkError:…`, `HTTP5xx` or `LeaseWaitTimeout`. */
export class WechatTokenError extends Error {
  constructor(readonly code: string) {
    super(`WeChat access_token unavailable (${code})`);
    this.name = 'WechatTokenError';
  }
}

export interface TokenManagerOptions {
  config?: WechatConfig;
  env?: NodeJS.ProcessEnv;
  store?: TokenStore;
  fetch?: typeof fetch;
  /** Unix ms; the real clock by default. */
  clock?: () => number;
  /** How long one instance may hold the refresh lease (default: two timeouts + 2 s). */
  leaseMs?: number;
  /** How often a waiting instance looks for the new token (default 100 ms). */
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One function instance's view of the token: its own copy, one refresh in flight at most. */
export class WechatTokenManager {
  readonly config: WechatConfig;
  readonly fetch: typeof fetch | undefined;
  private readonly store: TokenStore;
  private readonly clock: () => number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly owner = crypto.randomUUID();
  private cached: { token: string; refreshAt: number; expiresAt: number } | null = null;
  private inflight: Promise<string> | null = null;
  /** Tokens fetched from WeChat by this instance (tests). */
  fetchedCount = 0;

  constructor(opts: TokenManagerOptions = {}) {
    this.config = opts.config ?? wechatConfigFromEnv(opts.env ?? process.env);
    this.store = opts.store ?? serviceTokenStore();
    this.fetch = opts.fetch;
    this.clock = opts.clock ?? Date.now;
    this.leaseMs = opts.leaseMs ?? this.config.timeoutMs * 2 + 2000;
    this.pollMs = opts.pollMs ?? 100;
  }

  /** A token WeChat accepts now; `reject` is one an API just refused. */
  async get(reject?: string): Promise<string> {
    const c = this.cached;
    if (c && c.token !== reject && this.clock() < c.refreshAt) return c.token;
    for (let i = 0; i < 2; i++) {
      if (!this.inflight) this.inflight = this.obtain(reject).finally(() => (this.inflight = null));
      const token = await this.inflight;
      if (token !== reject) return token;
    }
    throw new WechatTokenError('SameTokenReturned');
  }

  /** Forget `token` here and in the shared document, so no instance uses it again. */
  async invalidate(token: string): Promise<void> {
    if (this.cached?.token === token) this.cached = null;
    await this.store.invalidate(token);
  }

  /**
   * Runs `call` with a token; when its answer says the token was refused (errcode 40001, 40014,
   * 42001), invalidates it, gets another and runs `call` once more, returning that answer.
   */
  async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.get();
    const first = await call(token);
    const code = wechatErrcode(first);
    if (code === null || !TOKEN_ERRCODES.has(code)) return first;
    console.warn(`[wechat] access_token refused (${code}); refreshing once`);
    await this.invalidate(token);
    return call(await this.get(token));
  }

  private remember(doc: { token: string; refreshAt: number; expiresAt: number }) {
    this.cached = { token: doc.token, refreshAt: doc.refreshAt, expiresAt: doc.expiresAt };
  }

  private async obtain(reject?: string): Promise<string> {
    const deadline = this.clock() + this.leaseMs + this.config.timeoutMs;
    for (;;) {
      const now = this.clock();
      const doc = await this.store.read();
      const usable = doc?.token && doc.token !== reject && now < doc.expiresAt ? doc.token : null;
      if (usable && now < doc!.refreshAt) {
        this.remember(doc as TokenDoc & { token: string });
        return usable;
      }
      if (await this.store.tryLease(this.owner, now, this.leaseMs)) {
        try {
          // Another instance may have refreshed and let go between our read and our lease: use its token.
          const again = await this.store.read();
          if (again?.token && again.token !== reject && this.clock() < again.refreshAt) {
            await this.store.release(this.owner);
            this.remember(again as TokenDoc & { token: string });
            return again.token;
          }
          const fresh = await this.fetchFromWechat(reject);
          await this.store.save(this.owner, fresh);
          this.remember(fresh);
          return fresh.token;
        } catch (e) {
          await this.store.release(this.owner).catch(() => undefined);
          throw e;
        }
      }
      // Someone else is refreshing: a token that still works is good enough meanwhile.
      if (usable) return usable;
      if (this.clock() > deadline) throw new WechatTokenError('LeaseWaitTimeout');
      await sleep(this.pollMs);
    }
  }

  private async fetchFromWechat(reject?: string) {
    const started = this.clock();
    let answer = await this.requestStableToken(false);
    // Normal mode hands back the current token; if that is the one just refused, force a new one.
    if (reject && answer.token === reject) answer = await this.requestStableToken(true);
    const lifetimeMs = answer.expiresIn * 1000;
    return {
      token: answer.token,
      expiresAt: started + lifetimeMs,
      refreshAt: started + Math.max(lifetimeMs - EARLY_REFRESH_MS, lifetimeMs / 2),
      refreshedAt: started,
    };
  }

  private async requestStableToken(forceRefresh: boolean): Promise<{ token: string; expiresIn: number }> {
    this.fetchedCount++;
    const body: Record<string, unknown> = { grant_type: 'client_credential', appid: this.config.appId, secret: this.config.secret };
    if (forceRefresh) body.force_refresh = true;
    const answer = await exchangeJson(`${this.config.apiBase}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      timeoutMs: this.config.timeoutMs,
      fetch: this.fetch,
    });
    if (!answer.ok) throw new WechatTokenError(answer.code);
    const code = wechatErrcode(answer.body);
    if (code !== null && code !== 0) throw new WechatTokenError(`errcode:${code}`);
    const { access_token: token, expires_in: expiresIn } = answer.body ?? {};
    if (typeof token !== 'string' || !token || typeof expiresIn !== 'number' || expiresIn <= 0)
      throw new WechatTokenError('InvalidResponse');
    return { token, expiresIn };
  }
}

let defaultManager: WechatTokenManager | null = null;

/** This instance's manager, configured from its environment on first use. */
export function wechatTokenManager(): WechatTokenManager {
  if (!defaultManager) defaultManager = new WechatTokenManager();
  return defaultManager;
}

export interface AccessTokenOptions {
  /** Another manager than this instance's (tests simulate several instances this way). */
  manager?: WechatTokenManager;
  /** A token an API just refused: never return it again. */
  reject?: string;
}

export function getAccessToken(opts: AccessTokenOptions = {}): Promise<string> {
  return (opts.manager ?? wechatTokenManager()).get(opts.reject);
}

export function withAccessToken<T>(call: (token: string) => Promise<T>, opts: { manager?: WechatTokenManager } = {}): Promise<T> {
  return (opts.manager ?? wechatTokenManager()).withToken(call);
}

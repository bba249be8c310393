/**
 * Runs the COMPILED weapp (dist/weapp) in miniprogram-simulate with WeChat's own wxml
 * compiler (wcc, the `official` compiler). Taro's pages are plain `Page()` calls, so a
 * small shim maps App / Page / getApp / getCurrentPages onto simulate's Component.
 * wx.cloud.callFunction goes over HTTP to the local emulator, as the H5 build does.
 */
import path from 'node:path';
import { ensureWeappBuild, WEAPP_DIST } from './build';
import { nodeFetch } from './nodeFetch';

export { WEAPP_DIST } from './build';

type Simulate = typeof import('miniprogram-simulate');
type Rendered = ReturnType<Simulate['render']>;
type AnyRecord = Record<string, any>;

export interface CloudCall {
  name: string;
  data: AnyRecord;
}

export interface WeappOptions {
  /** Emulator base URL; functions are served at POST {cloudUrl}/h5/functions/<name>. */
  cloudUrl: string;
  /** Dev sign-in token of the caller (x-dev-token); none = a guest. */
  token?: string;
  /** More of the phone's own APIs, as the test needs them (e.g. wx.requestFacialVerify: WeChat's face step). */
  phoneApis?: AnyRecord;
}

export interface RenderedPage {
  comp: Rendered;
  /** All visible text of the page. */
  text(): string;
  /** The element with this id (Taro renders a component's `id` prop as the wxml id). */
  byId(id: string): Rendered | undefined;
  /** Tap the element with this id, as a finger would. */
  tap(id: string): Promise<void>;
  /** Type into the input or textarea with this id (WeChat's `input` event). */
  type(id: string, value: string): Promise<void>;
  /** Wait until the page's text satisfies `predicate` (or its text includes the string). */
  waitForText(expected: string | ((text: string) => boolean), timeoutMs?: number): Promise<string>;
}

export interface WeappHarness {
  /** wx.navigateTo, stubbed: tests read where the app wanted to go. */
  navigateTo: jest.Mock;
  /** What WeChat does when a privacy API is called before consent: calls the app's listener. */
  needPrivacyAuthorization(resolve: (result: unknown) => void): void;
  cloudCalls: CloudCall[];
  setToken(token: string | undefined): void;
  renderPage(route: string, query?: Record<string, string>): Promise<RenderedPage>;
}

/** Install wx, the shim and the compiled app. Call once per test file (jest isolates modules per file). */
export function startWeapp(options: WeappOptions): WeappHarness {
  ensureWeappBuild();
  const g = global as AnyRecord;
  let token = options.token;
  const cloudCalls: CloudCall[] = [];
  const navigateTo = jest.fn((opts: AnyRecord = {}) => {
    const res = { errMsg: 'navigateTo:ok' };
    opts.success?.(res);
    opts.complete?.(res);
    return Promise.resolve(res);
  });

  const callFunction = (opts: { name: string; data?: AnyRecord; success?: Function; fail?: Function; complete?: Function }) => {
    cloudCalls.push({ name: opts.name, data: opts.data ?? {} });
    const promise = postJson(`${options.cloudUrl}/h5/functions/${opts.name}`, { data: opts.data ?? {} }, token).then(({ status, body }) => {
      if (status !== 200) throw { errCode: -1, errMsg: `cloud.callFunction:fail ${body?.code ?? status} ${body?.message ?? ''}` };
      return { result: body.result, errMsg: 'cloud.callFunction:ok', requestID: body.requestId };
    });
    promise
      .then(
        (res) => opts.success?.(res),
        (err) => opts.fail?.(err),
      )
      .finally(() => opts.complete?.());
    return promise;
  };

  // WeChat's privacy gate: the app registers a listener at launch.
  const privacyListeners: Array<(resolve: (result: unknown) => void, info: AnyRecord) => void> = [];
  const onNeedPrivacyAuthorization = (listener: (typeof privacyListeners)[number]) => privacyListeners.push(listener);

  // Stubs first, so simulate's mock wx is merged under them.
  const phoneApis = options.phoneApis ?? {};
  g.wx = { ...(g.wx ?? {}), cloud: { init() {}, callFunction }, navigateTo, onNeedPrivacyAuthorization, ...phoneApis };
  const simulate: Simulate = require('miniprogram-simulate');
  Object.assign(g.wx, { cloud: { init() {}, callFunction }, navigateTo, onNeedPrivacyAuthorization, ...phoneApis });

  const pages: AnyRecord[] = [];
  let app: AnyRecord | undefined;
  let next: { route: string; query: Record<string, string> } = { route: '', query: {} };

  g.App = (config: AnyRecord) => {
    app = config;
    config.onLaunch?.call(config, { path: 'pages/index/index', query: {}, scene: 1001 });
    config.onShow?.call(config, { path: 'pages/index/index', query: {}, scene: 1001 });
  };
  g.getApp = () => app;
  g.getCurrentPages = () => pages;
  g.Page = (config: AnyRecord) => {
    const methods: AnyRecord = {};
    for (const [key, value] of Object.entries(config)) if (typeof value === 'function') methods[key] = value;
    g.Component({
      data: config.data ?? {},
      methods,
      lifetimes: {
        attached(this: AnyRecord) {
          const { route, query } = next;
          this.route = route;
          pages.push(this);
          this.onLoad?.({ ...query });
          this.onShow?.();
          this.onReady?.();
        },
      },
    });
  };

  require(path.join(WEAPP_DIST, 'app.js'));
  const loaded = new Map<string, string>();

  return {
    navigateTo,
    needPrivacyAuthorization(resolve) {
      if (!privacyListeners.length) throw new Error('the app registered no onNeedPrivacyAuthorization listener');
      for (const listener of privacyListeners) listener(resolve, { referrer: 'chooseMessageFile' });
    },
    cloudCalls,
    setToken: (t) => {
      token = t;
    },
    async renderPage(route, query = {}) {
      next = { route, query };
      // jest runs a module once per file, so a page's Page() call happens once: load once, render often.
      let id = loaded.get(route);
      if (!id) {
        id = simulate.load(path.join(WEAPP_DIST, route), { compiler: 'official', rootPath: WEAPP_DIST });
        loaded.set(route, id);
      }
      const comp = simulate.render(id);
      comp.attach(document.createElement('parent-wrapper'));
      await simulate.sleep(300); // the first React render and setData
      return pageHelpers(comp, simulate);
    },
  };
}

function pageHelpers(comp: Rendered, simulate: Simulate): RenderedPage {
  const text = () => (comp.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const byId = (id: string) => comp.querySelector(`#${id}`) ?? undefined;
  return {
    comp,
    text,
    byId,
    async tap(id) {
      const el = byId(id);
      if (!el) throw new Error(`no element #${id} on the page; text: ${text()}`);
      el.dispatchEvent('tap');
      await simulate.sleep(50);
    },
    async type(id, value) {
      const el = byId(id);
      if (!el) throw new Error(`no input #${id} on the page; text: ${text()}`);
      el.dispatchEvent('input', { detail: { value, cursor: value.length } });
      await simulate.sleep(50);
    },
    async waitForText(expected, timeoutMs = 10_000) {
      const ok = typeof expected === 'string' ? (t: string) => t.includes(expected) : expected;
      const until = Date.now() + timeoutMs;
      for (;;) {
        const t = text();
        if (ok(t)) return t;
        if (Date.now() > until) throw new Error(`timed out waiting for ${String(expected)}; page text: ${t}`);
        await simulate.sleep(50);
      }
    },
  };
}

/** POST JSON; the answer's body parsed (null when it is not JSON). */
async function postJson(url: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['x-dev-token'] = token;
  const res = await nodeFetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  try {
    return { status: res.status, body: text ? JSON.parse(text) : null };
  } catch {
    return { status: res.status, body: { message: text } };
  }
}

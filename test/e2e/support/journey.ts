import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page, Response } from 'playwright-core';
import { startAppServer } from '../../../emulator/appServer';
import { launchBrowser } from '../../support/browser';
import { type LocalCloud, startLocalCloud } from '../../support/localCloud';

/**
 * What every browser journey needs: the real emulator with demo data, the built H5 app
 * served beside it, fresh Chromium profiles, steps that keep a screenshot when they fail,
 * and the dev sign-in done the way a person does it.
 */
export const root = path.resolve(__dirname, '../../..');
const appRoot = path.join(root, 'dist/h5');

/** Upper bound for any single wait: long enough for a cold page, short enough to fail fast. */
export const WAIT = 15_000;

export interface Tab {
  page: Page;
  /** What went wrong in the page so far (page errors, failed requests), for failure messages. */
  problems: string[];
}

export interface Journey {
  cloud: LocalCloud;
  appUrl: string;
  artifacts: string;
  openTab(): Promise<Tab>;
  step<T>(tab: Tab, name: string, fn: () => Promise<T>): Promise<T>;
  shoot(page: Page, file: string): Promise<void>;
  signIn(tab: Tab, accountId: string, screenshot?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startJourney(name: string, opts: { functionEnv?: Record<string, string> } = {}): Promise<Journey> {
  if (!fs.existsSync(path.join(appRoot, 'index.html'))) {
    throw new Error('dist/h5 is not built: run `npx taro build --type h5` (npm test builds it before jest)');
  }
  const artifacts = path.join(root, 'test-artifacts/e2e');
  fs.mkdirSync(artifacts, { recursive: true });
  // Failure screenshots from an earlier run of this journey would only mislead.
  for (const f of fs.readdirSync(artifacts)) if (f.startsWith(`FAILED-${name}-`)) fs.rmSync(path.join(artifacts, f));
  const cloud = await startLocalCloud({ functionEnv: opts.functionEnv });
  const app = await startAppServer({ root: appRoot, cloudUrl: cloud.url, port: 0 });
  const browsers: BrowserContext[] = [];

  const journey: Journey = {
    cloud,
    appUrl: app.url,
    artifacts,
    async openTab() {
      const context = await launchBrowser();
      browsers.push(context);
      context.setDefaultTimeout(WAIT);
      context.setDefaultNavigationTimeout(WAIT);
      const page = context.pages()[0] ?? (await context.newPage());
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
      });
      page.on('requestfailed', (r) => {
        // Leaving a page cancels its calls in flight (net::ERR_ABORTED); that is not a problem.
        const why = r.failure()?.errorText ?? '';
        if (!why.includes('ERR_ABORTED')) problems.push(`request failed: ${r.method()} ${r.url()} (${why})`);
      });
      return { page, problems };
    },
    async step(tab, stepName, fn) {
      try {
        return await fn();
      } catch (err) {
        const shot = path.join(artifacts, `FAILED-${name}-${stepName}.png`);
        await tab.page.screenshot({ path: shot }).catch(() => undefined);
        const message = [
          `step "${stepName}" failed: ${(err as Error).message}`,
          `page: ${tab.page.url()}`,
          tab.problems.length ? `the page reported:\n  ${tab.problems.slice(-10).join('\n  ')}` : 'the page reported no errors',
          `screenshot: ${path.relative(root, shot)}`,
        ].join('\n');
        // A new error, because jest prints the stack, which still holds the old message.
        throw new Error(message, { cause: err });
      }
    },
    async shoot(page, file) {
      await settled(page);
      await page.screenshot({ path: path.join(artifacts, file) });
    },
    async signIn(tab, accountId, screenshot) {
      const { page } = tab;
      const account = cloud.accounts.find((a) => a.id === accountId);
      if (!account) throw new Error(`no demo account "${accountId}" (have ${cloud.accounts.map((a) => a.id).join(', ')})`);
      await page.goto(`${app.url}#/pages/index/index`);
      await shown(page, '#dev-sign-in').click();
      await page.waitForURL((u) => u.pathname === '/__cloud/dev/signin');
      const button = page.locator(`#account-${accountId}`);
      await button.waitFor();
      expect(await button.textContent()).toContain(account.name);
      if (screenshot) await journey.shoot(page, screenshot);
      // Back in the app, which asks the cloud who this is (a failing call fails here, plainly).
      const me = await cloudCall(page, 'account', 'me.get', () => button.click());
      expect(me).toMatchObject({ role: account.role });
      await page.waitForURL((u) => u.hash.startsWith('#/pages/index/index') && !u.href.includes('devToken'));
    },
    async close() {
      // Each one separately, so one failing to close does not leave the others running.
      for (const b of browsers.splice(0)) await b.close().catch(() => undefined);
      await app.close().catch(() => undefined);
      await cloud.stop().catch(() => undefined);
      fs.rmSync(cloud.dataDir, { recursive: true, force: true });
    },
  };
  return journey;
}

/**
 * Waits until the page on top has finished sliding in (Taro's H5 router animates a page
 * opened with navigateTo, then marks it `taro_page_stationed`) and the fonts are loaded.
 */
export async function settled(page: Page) {
  await page.waitForFunction(
    () => {
      const pages = document.querySelectorAll('.taro_router > .taro_page');
      const top = pages[pages.length - 1];
      return !top || (top.classList.contains('taro_page_stationed') && Math.round(top.getBoundingClientRect().left) === 0);
    },
    undefined,
    { timeout: WAIT },
  );
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * Taro's H5 router keeps earlier pages in the DOM (hidden) when it opens a new one, so
 * everything is looked up among visible elements only.
 */
export const shown = (page: Page, selector: string): Locator => page.locator(selector).filter({ visible: true });

/** Waits for the cloud function reply to a call that `action` triggers; fails on a non-ok reply. */
export async function cloudCall(page: Page, fn: string, actionName: string, action: () => Promise<void>, timeout = WAIT): Promise<any> {
  const isCall = (r: Response) =>
    r.request().method() === 'POST' &&
    new RegExp(`^/__cloud/h5/functions/${fn}$`).test(new URL(r.url()).pathname) &&
    (r.request().postData() ?? '').includes(`"action":"${actionName}"`);
  const [response] = await Promise.all([page.waitForResponse(isCall, { timeout }), action()]);
  const text = await response.text();
  if (response.status() !== 200) throw new Error(`${fn}/${actionName} answered HTTP ${response.status()}: ${text}`);
  const result = JSON.parse(text).result;
  if (!result?.ok) throw new Error(`${fn}/${actionName} did not succeed: ${text}`);
  return result.data;
}

/** Font sizes actually drawn for the elements matched (each and every element inside). */
export async function drawnFontSizes(page: Page, selector: string): Promise<number[]> {
  return shown(page, selector).evaluateAll((els) =>
    els.flatMap((el) => [el, ...Array.from(el.querySelectorAll('*'))]).map((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
  );
}

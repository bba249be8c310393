/**
 * End to end, in a real Chromium against the built H5 app (dist/h5) and the real emulator:
 * a staff member signs in on the dev sign-in page, writes and publishes a notice; then a
 * retiree, in a separate browser, finds it under 通知公告 and reads it in large type.
 * Screenshots of every step go to test-artifacts/e2e/ (FAILED-<step>.png when a step fails).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page, Response } from 'playwright-core';
import { startAppServer } from '../../emulator/appServer';
import { launchBrowser } from '../support/browser';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

const root = path.resolve(__dirname, '../..');
const appRoot = path.join(root, 'dist/h5');
const artifacts = path.join(root, 'test-artifacts/e2e');

/** Upper bound for any single wait: long enough for a cold page, short enough to fail fast. */
const WAIT = 15_000;

const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
const TITLE = `端到端测试通知 ${stamp}`;
const PARAGRAPHS = ['本周六上午九点，在中心一楼活动室举办防诈骗讲座。', '请带上身份证，家属可以陪同。'];
const BODY = PARAGRAPHS.join('\n');

let cloud: LocalCloud | undefined;
let app: { url: string; close(): Promise<void> } | undefined;
const browsers: BrowserContext[] = [];
/** Set by the staff step; the retiree step reads this notice. */
let publishedId: string | undefined;

beforeAll(async () => {
  if (!fs.existsSync(path.join(appRoot, 'index.html'))) {
    throw new Error('dist/h5 is not built: run `npx taro build --type h5` (npm test builds it before jest)');
  }
  fs.mkdirSync(artifacts, { recursive: true });
  // Failure screenshots from an earlier run would only mislead.
  for (const f of fs.readdirSync(artifacts)) if (f.startsWith('FAILED-')) fs.rmSync(path.join(artifacts, f));
  cloud = await startLocalCloud();
  app = await startAppServer({ root: appRoot, cloudUrl: cloud.url, port: 0 });
}, 60_000);

afterAll(async () => {
  // Each one separately, so one failing to close does not leave the others running.
  for (const b of browsers.splice(0)) await b.close().catch(() => undefined);
  await app?.close().catch(() => undefined);
  await cloud?.stop().catch(() => undefined);
  if (cloud) fs.rmSync(cloud.dataDir, { recursive: true, force: true });
}, 30_000);

// ---------------------------------------------------------------------------------------
// Helpers

interface Tab {
  page: Page;
  /** What went wrong in the page so far (page errors, failed requests), for failure messages. */
  problems: string[];
}

/** A new browser with its own profile: no storage or sign-in shared with any other tab. */
async function openTab(): Promise<Tab> {
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
}

/** Runs one step; on failure keeps a screenshot and says what the page complained about. */
async function step<T>(tab: Tab, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const shot = path.join(artifacts, `FAILED-${name}.png`);
    await tab.page.screenshot({ path: shot }).catch(() => undefined);
    // The text as shown on screen (hidden pages left out).
    const visibleText = await tab.page
      .locator('body')
      .allInnerTexts()
      .then((texts) => texts.join('\n'))
      .catch(() => '(no text)');
    const err = e as Error;
    const message = [
      `step "${name}" failed: ${err.message}`,
      `page: ${tab.page.url()}`,
      `screenshot: ${path.relative(root, shot)}`,
      `problems seen: ${tab.problems.length ? `\n  ${tab.problems.slice(-10).join('\n  ')}` : 'none'}`,
      `visible text:\n${visibleText.slice(0, 1500)}`,
    ].join('\n');
    // A new error, because jest prints the stack, which still holds the old message.
    throw new Error(message, { cause: err });
  }
}

/**
 * Waits until the page on top has finished sliding in (Taro's H5 router animates a page
 * opened with navigateTo, then marks it `taro_page_stationed`) and the fonts are loaded.
 */
async function settled(page: Page) {
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

async function shoot(page: Page, file: string) {
  await settled(page);
  await page.screenshot({ path: path.join(artifacts, file) });
}

/**
 * Taro's H5 router keeps earlier pages in the DOM (hidden) when it opens a new one, so
 * everything is looked up among visible elements only.
 */
const shown = (page: Page, selector: string): Locator => page.locator(selector).filter({ visible: true });

/** Waits for the cloud function reply to a call that `action` triggers; fails on a non-ok reply. */
async function cloudCall(page: Page, fn: string, actionName: string, action: () => Promise<void>): Promise<any> {
  const isCall = (r: Response) =>
    r.request().method() === 'POST' &&
    // The app's local transport posts to /__cloud/h5/functions/<name> (earlier builds: /__cloud/functions/<name>).
    new RegExp(`^/__cloud/(?:h5/)?functions/${fn}$`).test(new URL(r.url()).pathname) &&
    (r.request().postData() ?? '').includes(`"action":"${actionName}"`);
  const [response] = await Promise.all([page.waitForResponse(isCall, { timeout: WAIT }), action()]);
  const text = await response.text();
  if (response.status() !== 200) throw new Error(`${fn}/${actionName} answered HTTP ${response.status()}: ${text}`);
  const result = JSON.parse(text).result;
  if (!result?.ok) throw new Error(`${fn}/${actionName} did not succeed: ${text}`);
  return result.data;
}

/** Through the real dev sign-in page: tap 本地演示登录, pick the account, come back signed in. */
async function signIn(tab: Tab, accountId: string, screenshot?: string) {
  const { page } = tab;
  const account = cloud!.accounts.find((a) => a.id === accountId);
  if (!account) throw new Error(`no demo account "${accountId}" (have ${cloud!.accounts.map((a) => a.id).join(', ')})`);

  await page.goto(`${app!.url}#/pages/index/index`);
  await shown(page, '#dev-sign-in').click();
  await page.waitForURL((u) => u.pathname === '/__cloud/dev/signin');
  const button = page.locator(`#account-${accountId}`);
  await button.waitFor();
  expect(await button.textContent()).toContain(account.name);
  if (screenshot) await shoot(page, screenshot);

  // Back in the app, which asks the cloud who this is (a failing call fails here, plainly).
  const me = await cloudCall(page, 'account', 'me.get', () => button.click());
  expect(me).toMatchObject({ role: account.role, name: account.name });
  // On the home page, the token taken out of the address bar and the greeting by name.
  await page.waitForURL((u) => u.hash.startsWith('#/pages/index/index') && !u.href.includes('devToken'));
  await shown(page, '.home-greeting')
    .filter({ hasText: `${account.name}，您好` })
    .waitFor();
  await shown(page, '.sign-in-bar__who').filter({ hasText: account.name }).waitFor();
}

// ---------------------------------------------------------------------------------------
// The journey

test('staff: signs in, writes a notice and publishes it', async () => {
  const tab = await openTab();
  const { page } = tab;

  await step(tab, 'staff-sign-in', () => signIn(tab, 'staff', '01-dev-signin-page.png'));

  await step(tab, 'staff-open-desk', async () => {
    await shown(page, '#entry-staff-notices').click();
    await page.waitForURL((u) => u.hash.startsWith('#/pages/staff/notices/index'));
    await shown(page, '.page__title').filter({ hasText: '发布通知' }).waitFor();
    await shown(page, '#notice-new').click();
    await shown(page, '#notice-title').waitFor();
  });

  await step(tab, 'staff-write', async () => {
    await shown(page, '#notice-title input').fill(TITLE);
    await shown(page, '#notice-body textarea').fill(BODY);
    await expect(shown(page, '#notice-title input').inputValue()).resolves.toBe(TITLE);
    await expect(shown(page, '#notice-body textarea').inputValue()).resolves.toBe(BODY);
    // A button given no id gets none (it once rendered id="undefined", colliding on the page).
    expect(await page.locator('[id="undefined"]').count()).toBe(0);
    await shoot(page, '02-staff-editor.png');
  });

  const saved = await step(tab, 'staff-publish', () =>
    cloudCall(page, 'content', 'notice.save', () => shown(page, '#notice-publish').click()),
  );
  expect(saved).toMatchObject({ title: TITLE, body: BODY, status: 'published' });
  publishedId = saved.id as string;

  await step(tab, 'staff-sees-published', async () => {
    // Back on the list: the news line, and the card marked 已发布 with 撤下 under it.
    await shown(page, '.notice-desk__news')
      .filter({ hasText: `「${TITLE}」已发布` })
      .waitFor();
    const card = shown(page, `#notice-${publishedId}`);
    await card.filter({ hasText: TITLE }).waitFor();
    await card.locator('.label', { hasText: '已发布' }).waitFor();
    await expect(card.getAttribute('aria-label')).resolves.toContain('已发布');
    expect((await shown(page, `#notice-status-${publishedId}`).textContent())?.trim()).toBe('撤下');
    await card.scrollIntoViewIfNeeded();
    await shoot(page, '03-staff-published.png');
  });
});

test('retiree: finds the new notice under 通知公告 and reads it in large type', async () => {
  if (!publishedId) throw new Error('the staff step did not publish a notice, so there is nothing to read');
  // A separate browser profile: nothing of the staff session is carried over.
  const tab = await openTab();
  const { page } = tab;

  await step(tab, 'retiree-sign-in', () => signIn(tab, 'retiree'));

  await step(tab, 'retiree-home', async () => {
    const entries: [string, string][] = [
      ['#entry-certification', '资格认证'],
      ['#entry-events', '活动报名'],
      ['#entry-policy', '政策问答'],
      ['#entry-notices', '通知公告'],
    ];
    for (const [selector, title] of entries) {
      await shown(page, `${selector} .entry-tile__title`).filter({ hasText: title }).waitFor();
    }
    // In that order, and nothing for staff.
    const titles = await shown(page, '.entry-tile__title').allInnerTexts();
    expect(titles).toEqual(entries.map(([, title]) => title));
    expect(await page.locator('#entry-staff-notices').count()).toBe(0);
    await shoot(page, '04-retiree-home.png');
  });

  await step(tab, 'retiree-notice-list', async () => {
    await shown(page, '#entry-notices').click();
    await page.waitForURL((u) => u.hash.startsWith('#/pages/notices/index'));
    await shown(page, '.page__title').filter({ hasText: '通知公告' }).waitFor();
    const card = shown(page, `#notice-${publishedId}`);
    await card.filter({ hasText: TITLE }).waitFor();
    // The public list does not label cards 草稿/已发布.
    await expect(card.locator('.label', { hasText: '已发布' }).count()).resolves.toBe(0);
    await card.scrollIntoViewIfNeeded();
    await shoot(page, '05-retiree-notice-list.png');
  });

  await step(tab, 'retiree-notice-detail', async () => {
    await shown(page, `#notice-${publishedId}`).click();
    await page.waitForURL((u) => u.hash.startsWith('#/pages/notices/detail') && u.hash.includes(encodeURIComponent(publishedId!)));
    await shown(page, '.notice-article__title').filter({ hasText: TITLE }).waitFor();
    const paragraphs = shown(page, '.notice-article__paragraph');
    await paragraphs.nth(PARAGRAPHS.length - 1).waitFor();
    expect((await paragraphs.allInnerTexts()).map((t) => t.trim())).toEqual(PARAGRAPHS);
    await shoot(page, '06-retiree-notice-detail.png');
  });

  await step(tab, 'retiree-body-font-size', async () => {
    // The size the words are actually drawn at: each paragraph and every element inside it.
    const sizes = await shown(page, '.notice-article__paragraph').evaluateAll((els) =>
      els.flatMap((el) => [el, ...Array.from(el.querySelectorAll('*'))]).map((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
    );
    expect(sizes.length).toBeGreaterThanOrEqual(PARAGRAPHS.length);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
  });
});

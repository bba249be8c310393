/**
 * Every page of the app, as the people who use it, in a real Chromium against the built H5 app and
 * the real emulator, at the standard text size and at the largest the app draws (the browser's
 * default font size doubled, as a phone set to its largest letters; the app caps its scale at 2):
 *
 * - axe-core finds no serious or critical violation (contrast ≥ 4.5:1 among them);
 * - every letter drawn is at least 18 px × the scale on the pages retirees and families use (on a
 *   390-px-wide phone, 18 CSS px is 18 pt), 16 px × the scale on staff pages;
 * - line spacing at least 1.3 wherever there is text;
 * - every control at least 44 × 44 px, the main ones (big buttons, home tiles) at least 60 px tall;
 * - nothing pops up that was not asked for.
 *
 * 大字模式 on the home page is checked too: remembered after a reload, body and title a quarter
 * larger, the title ≥ 30 pt. Screenshots of every page at both sizes: test-artifacts/a11y/.
 */
import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { DEFAULT_TODAY } from '../../emulator/seed/generate';
import { demoAnswerId } from '../../emulator/seed/policy';
import { type Journey, root, settled, shown, startJourney, type Tab } from './support/journey';

const SHOTS = path.join(root, 'test-artifacts/a11y');
const LARGEST = 2; // the browser's default font 32 px instead of 16: the app's cap (src/lib/fontScale.ts)
const DIBAO = demoAnswerId('aid-dibao');
const TAICHI_TODAY = `demo-taichi:${DEFAULT_TODAY}`;

let journey: Journey;
let checkinRegistration = '';
let noticeId = '';
let retireeId = '';

beforeAll(async () => {
  fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  journey = await startJourney('a11y', { functionEnv: { APP_NOW: `${DEFAULT_TODAY}T09:30:00+08:00` } });
  const token = await journey.cloud.tokenFor('retiree');
  const ok = async (fn: string, data: Record<string, unknown>) => {
    const res = await journey.cloud.callFunction(fn, data, token);
    if (!res.ok) throw new Error(`${fn} ${data.action}: ${res.error.message}`);
    return res.data;
  };
  retireeId = (await ok('account', { action: 'me.get' })).retiree.id;
  noticeId = (await ok('content', { action: 'notice.list', page: 1 })).items[0].id;
  // A place at the winter lecture, so 我的报名 has something and the check-in code page has its code.
  const occurrenceId = 'demo-lecture-winter:2026-11-26';
  await ok('events', { action: 'registration.create', occurrenceId, retireeId, requestId: 'a11y-lecture' });
  checkinRegistration = `${occurrenceId}:${retireeId}`;
}, 90_000);

afterAll(async () => {
  await journey?.close();
}, 30_000);

type Audience = 'public' | 'staff';
interface Visit {
  account: string | null;
  name: string;
  route: () => string;
  audience: Audience;
}

const visits: Visit[] = [
  { account: null, name: 'home-signed-out', route: () => '/pages/index/index', audience: 'public' },
  { account: null, name: 'privacy', route: () => '/pages/privacy/index', audience: 'public' },
  { account: null, name: 'console-sign-in', route: () => '/pages/staff/signin/index', audience: 'staff' },
  { account: 'retiree', name: 'home-retiree', route: () => '/pages/index/index', audience: 'public' },
  { account: 'retiree', name: 'notices', route: () => '/pages/notices/index', audience: 'public' },
  { account: 'retiree', name: 'notice-detail', route: () => `/pages/notices/detail?id=${noticeId}`, audience: 'public' },
  { account: 'retiree', name: 'mine', route: () => '/pages/account/mine', audience: 'public' },
  { account: 'retiree', name: 'certify', route: () => `/pages/certify/index?retireeId=${retireeId}`, audience: 'public' },
  { account: 'retiree', name: 'events', route: () => '/pages/events/index', audience: 'public' },
  { account: 'retiree', name: 'event-detail', route: () => '/pages/events/detail?eventId=demo-lecture-winter', audience: 'public' },
  { account: 'retiree', name: 'my-events', route: () => '/pages/events/mine', audience: 'public' },
  {
    account: 'retiree',
    name: 'checkin-code',
    route: () => `/pages/events/checkin?registrationId=${encodeURIComponent(checkinRegistration)}`,
    audience: 'public',
  },
  { account: 'retiree', name: 'policy', route: () => '/pages/policy/index', audience: 'public' },
  { account: 'retiree', name: 'policy-detail', route: () => `/pages/policy/detail?id=${DIBAO}`, audience: 'public' },
  { account: 'retiree', name: 'policy-ask', route: () => '/pages/policy/ask', audience: 'public' },
  { account: 'family', name: 'home-family', route: () => '/pages/index/index', audience: 'public' },
  { account: 'family', name: 'family', route: () => '/pages/family/index', audience: 'public' },
  { account: 'family', name: 'certify-choose', route: () => '/pages/certify/index', audience: 'public' },
  { account: 'newcomer', name: 'bind', route: () => '/pages/account/bind', audience: 'public' },
  { account: 'newcomer', name: 'staff-claim', route: () => '/pages/staff/claim/index', audience: 'staff' },
  { account: 'staff', name: 'home-staff', route: () => '/pages/index/index', audience: 'staff' },
  { account: 'staff', name: 'staff-notices', route: () => '/pages/staff/notices/index', audience: 'staff' },
  { account: 'staff', name: 'staff-family', route: () => '/pages/staff/family/index', audience: 'staff' },
  { account: 'staff', name: 'staff-roster', route: () => '/pages/staff/roster/index', audience: 'staff' },
  { account: 'staff', name: 'staff-import', route: () => '/pages/staff/import/index', audience: 'staff' },
  { account: 'staff', name: 'staff-comparison', route: () => '/pages/staff/comparison/index', audience: 'staff' },
  { account: 'staff', name: 'staff-certify', route: () => '/pages/staff/certify/index', audience: 'staff' },
  { account: 'staff', name: 'staff-certification', route: () => '/pages/staff/certification/index', audience: 'staff' },
  { account: 'staff', name: 'staff-events', route: () => '/pages/staff/events/index', audience: 'staff' },
  {
    account: 'staff',
    name: 'staff-event-checkin',
    route: () => `/pages/staff/events/checkin?occurrenceId=${encodeURIComponent(TAICHI_TODAY)}`,
    audience: 'staff',
  },
  { account: 'staff', name: 'staff-event-stats', route: () => '/pages/staff/events/stats', audience: 'staff' },
  { account: 'staff', name: 'staff-policy', route: () => '/pages/staff/policy/index', audience: 'staff' },
  { account: 'staff', name: 'staff-policy-answer', route: () => `/pages/staff/policy/answer?id=${DIBAO}`, audience: 'staff' },
  { account: 'staff', name: 'staff-policy-new', route: () => '/pages/staff/policy/answer', audience: 'staff' },
  { account: 'staff', name: 'staff-questions', route: () => '/pages/staff/questions/index', audience: 'staff' },
  { account: 'admin', name: 'staff-team', route: () => '/pages/staff/team/index', audience: 'staff' },
  { account: 'admin', name: 'staff-audit', route: () => '/pages/staff/audit/index', audience: 'staff' },
];

/** Every page the app declares is visited (a new page cannot be forgotten here). */
test('the tour covers every page in app.config.ts', () => {
  const config = fs.readFileSync(path.join(root, 'src/app.config.ts'), 'utf8');
  const main = [...config.matchAll(/^\s+'(pages\/[a-z/]+)',$/gm)].map((m) => m[1]);
  const staff = [...config.matchAll(/^\s+'([a-z]+\/[a-z]+)',$/gm)].map((m) => `pages/staff/${m[1]}`);
  const declared = new Set([...main, ...staff].filter((p) => p !== 'pages/coming/index')); // no longer linked from anywhere
  const visited = new Set(visits.map((v) => v.route().split('?')[0].slice(1)));
  expect([...declared].filter((p) => !visited.has(p))).toEqual([]);
  expect(declared.size).toBeGreaterThan(30);
});

interface Measured {
  scale: number;
  minFont: number;
  smallest: string;
  tightLines: string[];
  smallTargets: string[];
  smallMain: string[];
  dialogs: number;
}

/** Sizes as drawn: text, line spacing, control sizes; read from the DOM of the page on top. */
function measure(): Measured {
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
  };
  const describe = (el: Element) =>
    `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${String(el.className).split(' ')[0]} "${(el.textContent ?? '').trim().slice(0, 20)}"`;
  const pages = document.querySelectorAll('.taro_router > .taro_page');
  const top = (pages[pages.length - 1] ?? document.body) as HTMLElement;
  const pageRoot = top.querySelector('.page');
  const scale = Number(pageRoot?.getAttribute('data-font-scale') ?? 'NaN');
  let minFont = Number.POSITIVE_INFINITY;
  let smallest = '';
  const tightLines: string[] = [];
  for (const el of Array.from(top.querySelectorAll('*'))) {
    const hasText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim());
    if (!hasText || !visible(el)) continue;
    const s = getComputedStyle(el);
    const size = Number.parseFloat(s.fontSize);
    if (size < minFont) {
      minFont = size;
      smallest = describe(el);
    }
    const line = s.lineHeight === 'normal' ? size * 1.2 : Number.parseFloat(s.lineHeight);
    if (line / size < 1.3 - 1e-6) tightLines.push(`${describe(el)}: ${(line / size).toFixed(2)}`);
  }
  const controls = top.querySelectorAll('[role=button], [role=link], [role=checkbox], [role=radio], [role=switch], input, textarea');
  const smallTargets: string[] = [];
  const smallMain: string[] = [];
  for (const el of Array.from(controls)) {
    if (!visible(el)) continue;
    // A text box is measured by the box drawn around it (Taro wraps the <input> in its own element).
    const box = (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' ? (el.parentElement ?? el) : el).getBoundingClientRect();
    if (box.width < 44 - 0.5 || box.height < 44 - 0.5)
      smallTargets.push(`${describe(el)} ${Math.round(box.width)}×${Math.round(box.height)}`);
    if (el.matches('.big-button, .entry-tile') && (box.width < 60 - 0.5 || box.height < 60 - 0.5)) {
      smallMain.push(`${describe(el)} ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  const dialogs = Array.from(document.querySelectorAll('[role=dialog], [role=alertdialog], .taro__modal, .taro__toast')).filter(
    visible,
  ).length;
  return { scale, minFont, smallest, tightLines, smallTargets, smallMain, dialogs };
}

/** Until the page on top has finished sliding in and has nothing left saying 正在…. */
async function ready(page: Page) {
  await settled(page);
  await page.waitForFunction(() => {
    const pages = document.querySelectorAll('.taro_router > .taro_page');
    const top = pages[pages.length - 1];
    if (!top?.querySelector('.page__content')) return false;
    return !Array.from(top.querySelectorAll('[role=status]')).some((el) => /^正在/.test((el.textContent ?? '').trim()));
  });
  await page.waitForLoadState('networkidle');
}

async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  const result = (await page.evaluate(async () => {
    // The app's own page (Taro's router draws the scrolling page container around it, which is the framework's).
    const pages = document.querySelectorAll('.taro_router > .taro_page');
    const top = pages[pages.length - 1]?.querySelector('.page') ?? document.body;
    return (window as any).axe.run(top, { resultTypes: ['violations'] });
  })) as axe.AxeResults;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

const summary: Array<Record<string, unknown>> = [];
afterAll(() => {
  fs.writeFileSync(path.join(SHOTS, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
});

for (const [setting, fontPx] of [
  ['standard', 16],
  ['largest', 16 * LARGEST],
] as const) {
  describe(`every page at the ${setting} text size`, () => {
    const tabs = new Map<string, Tab>();

    afterAll(() => tabs.clear());

    async function tabFor(account: string | null): Promise<Tab> {
      const key = account ?? 'signed-out';
      const have = tabs.get(key);
      if (have) return have;
      const tab = await journey.openTab();
      const cdp = await tab.page.context().newCDPSession(tab.page);
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: fontPx } });
      if (account) await journey.signIn(tab, account);
      tabs.set(key, tab);
      return tab;
    }

    for (const visit of visits) {
      test(`${visit.name}${visit.account ? ` (${visit.account})` : ''}`, async () => {
        const tab = await tabFor(visit.account);
        const { page } = tab;
        await journey.step(tab, `${setting}-${visit.name}`, async () => {
          // A fresh document each time: Taro keeps earlier pages in the DOM when it navigates.
          await page.goto('about:blank');
          await page.goto(`${journey.appUrl}#${visit.route()}`);
          await ready(page);
          const m = await page.evaluate(measure);
          const problems = await axeProblems(page);
          await page.screenshot({ path: path.join(SHOTS, `${visit.name}-${setting}.png`), fullPage: true });
          summary.push({ setting, page: visit.name, ...m, axe: problems.length });

          const scale = setting === 'standard' ? 1 : LARGEST;
          expect(m.scale).toBe(scale);
          const floor = (visit.audience === 'public' ? 18 : 16) * scale;
          expect({ minFont: m.minFont >= floor - 0.05 ? 'ok' : `${m.minFont}px < ${floor}px: ${m.smallest}` }).toEqual({ minFont: 'ok' });
          expect(m.tightLines).toEqual([]);
          expect(m.smallTargets).toEqual([]);
          expect(m.smallMain).toEqual([]);
          expect(m.dialogs).toBe(0);
          expect(problems).toEqual([]);
        });
      }, 60_000);
    }
  });
}

test('大字模式 on the home page: a quarter larger, the title at least 30 pt, remembered after a reload', async () => {
  const tab = await journey.openTab();
  const { page } = tab;
  await journey.step(tab, 'elder-mode', async () => {
    await journey.signIn(tab, 'retiree');
    await ready(page);
    const sizes = () =>
      page.evaluate(() => ({
        title: Number.parseFloat(getComputedStyle(document.querySelector('.page__title') as Element).fontSize),
        body: Number.parseFloat(getComputedStyle(document.querySelector('#elder-mode-state') as Element).fontSize),
        scale: document.querySelector('.page')?.getAttribute('data-font-scale'),
      }));
    const before = await sizes();
    expect(before.scale).toBe('1');
    await shown(page, '#elder-mode-state').filter({ hasText: '字还是太小？' }).waitFor();
    await shown(page, '#elder-mode-switch').filter({ hasText: '打开大字模式' }).click();
    await shown(page, '#elder-mode-state').filter({ hasText: '现在是大字模式' }).waitFor();
    const after = await sizes();
    expect(after.scale).toBe('1.25');
    expect(after.body / before.body).toBeCloseTo(1.25, 2);
    expect(after.title / before.title).toBeCloseTo(1.25, 2);
    expect(after.title).toBeGreaterThanOrEqual(30);
    expect(after.body).toBeGreaterThanOrEqual(22);
    await page.screenshot({ path: path.join(SHOTS, 'home-elder-mode.png'), fullPage: true });
    await page.reload();
    await ready(page);
    expect((await sizes()).scale).toBe('1.25');
    await shown(page, '#elder-mode-switch').filter({ hasText: '换回标准字' }).click();
    await page.waitForFunction(() => document.querySelector('.page')?.getAttribute('data-font-scale') === '1');
  });
}, 60_000);

test('the console from the keyboard: Tab reaches the controls, Enter and the space bar press them', async () => {
  const tab = await journey.openTab();
  const { page } = tab;
  await journey.step(tab, 'keyboard', async () => {
    await journey.signIn(tab, 'staff');
    await ready(page);
    // Tab from the top lands on a control, drawn with a visible outline.
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { role: el.getAttribute('role'), outline: getComputedStyle(el).outlineStyle };
    });
    expect(['button', 'link', 'checkbox', 'radio']).toContain(first.role);
    expect(first.outline).toBe('solid');
    // Every control on the page is in the Tab order.
    const missing = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[role=button], [role=link], [role=checkbox], [role=radio]'))
        .filter((el) => el.getAttribute('tabindex') !== '0')
        .map((el) => el.id || el.className),
    );
    expect(missing).toEqual([]);
    // The space bar switches 大字模式; Enter opens a tile.
    await shown(page, '#elder-mode-switch').focus();
    await page.keyboard.press(' ');
    await shown(page, '#elder-mode-state').filter({ hasText: '现在是大字模式' }).waitFor();
    await shown(page, '#elder-mode-switch').focus();
    await page.keyboard.press('Enter');
    await shown(page, '#elder-mode-state').filter({ hasText: '字还是太小？' }).waitFor();
    await shown(page, '#entry-staff-policy').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.hash.startsWith('#/pages/staff/policy/index'));
    // Controls drawn later (the list, after its data) join the Tab order too.
    await shown(page, '#answers-list [role=link]').first().waitFor();
    expect(await shown(page, '#answers-list [role=link]').first().getAttribute('tabindex')).toBe('0');
  });
}, 60_000);

/**
 * Every page of the compiled weapp renders at WeChat's standard text size and at the largest,
 * and draws its letters at the person's size: the page carries `--font-scale` (WeChat's
 * `fontSizeScaleFactor` times 大字模式, capped at 2) and the compiled styles multiply every font
 * size by it. As the district's staff member (staff may open every page; retiree pages then show
 * their "not bound" states), against the emulator.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_TODAY } from '../../emulator/seed/generate';
import { demoAnswerId } from '../../emulator/seed/policy';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing } from './nodeFetch';
import { startWeapp, WEAPP_DIST, type WeappHarness } from './simulate';

/** The element's DOM node; fails plainly when the element is not on the page. */
const domOf = (el: { dom?: unknown } | undefined): HTMLElement => {
  if (!el?.dom) throw new Error('element not on the page');
  return el.dom as HTMLElement;
};

installFetchIfMissing();

let cloud: LocalCloud;
let wx: WeappHarness;
let factor = 1;

const QUERIES: Record<string, Record<string, string>> = {
  'pages/notices/detail': { id: 'none' },
  'pages/events/detail': { eventId: 'demo-lecture-winter' },
  'pages/events/checkin': { registrationId: 'none' },
  'pages/policy/detail': { id: demoAnswerId('aid-dibao') },
  'pages/staff/events/checkin': { occurrenceId: `demo-taichi:${DEFAULT_TODAY}` },
  'pages/staff/policy/answer': { id: demoAnswerId('aid-dibao') },
};

const app = JSON.parse(fs.readFileSync(path.join(WEAPP_DIST, 'app.json'), 'utf8')) as {
  pages: string[];
  subPackages: Array<{ root: string; pages: string[] }>;
};
const pages = [...app.pages, ...app.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];

beforeAll(async () => {
  cloud = await startLocalCloud({ functionEnv: { APP_NOW: `${DEFAULT_TODAY}T09:30:00+08:00` } });
  wx = startWeapp({
    cloudUrl: cloud.url,
    token: await cloud.tokenFor('staff'),
    // WeChat's 设置 → 通用 → 字体大小, as the base library reports it.
    phoneApis: { getAppBaseInfo: () => ({ SDKVersion: '3.7.0', fontSizeScaleFactor: factor }) },
  });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

test('every font size in the compiled styles follows --font-scale', () => {
  const wxss = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? wxss(p) : e.name.endsWith('.wxss') ? [p] : [];
    });
  const css = wxss(WEAPP_DIST)
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
  const sizes = [...css.matchAll(/font-size:\s*([^;}]+)/g)].map((m) => m[1].trim());
  expect(sizes.length).toBeGreaterThan(30);
  // Only `inherit` and the scaled sizes: no fixed size anywhere.
  expect(sizes.filter((s) => s !== 'inherit' && !/^calc\(\d+(\.\d+)?rpx ?\* ?var\(--font-scale, ?1\)\)$/.test(s))).toEqual([]);
});

describe.each([
  ['standard', 1, '1'],
  ['largest', 3, '2'], // WeChat's largest setting; the app stops at twice the standard size
])('at the %s text size', (_name, phoneFactor, expected) => {
  beforeAll(() => {
    factor = phoneFactor;
  });

  test.each(pages)('%s renders at its scale', async (route) => {
    const page = await wx.renderPage(route, QUERIES[route] ?? {});
    await page.waitForText(() => !!page.comp.querySelector('.page'));
    const root = page.comp.querySelector('.page');
    const style = domOf(root).getAttribute('style') ?? '';
    expect(style.replace(/\s/g, '')).toContain(`--font-scale:${expected}`);
    expect(page.text().length).toBeGreaterThan(2);
  });
});

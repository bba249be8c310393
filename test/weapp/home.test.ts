/** The compiled home page, as WeChat would run it, against the local emulator. */

import { CENTRE_PHONE } from '../../contract/centre';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing } from './nodeFetch';
import { startWeapp, type WeappHarness } from './simulate';

/** The element's DOM node; fails plainly when the element is not on the page. */
const domOf = (el: { dom?: unknown } | undefined): HTMLElement => {
  if (!el?.dom) throw new Error('element not on the page');
  return el.dom as HTMLElement;
};

installFetchIfMissing();

let cloud: LocalCloud;
let wx: WeappHarness;
let retireeName = '';

beforeAll(async () => {
  cloud = await startLocalCloud();
  const retiree = cloud.accounts.find((a) => a.role === 'retiree');
  if (!retiree) throw new Error('the demo data has no retiree account');
  retireeName = retiree.name;
  wx = startWeapp({ cloudUrl: cloud.url, token: await cloud.tokenFor(retiree.id) });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

test('shows the four services as big entries', async () => {
  const home = await wx.renderPage('pages/index/index');
  for (const id of ['entry-certification', 'entry-events', 'entry-policy', 'entry-notices']) {
    expect(home.byId(id)).toBeDefined();
  }
  const text = home.text();
  for (const words of ['温馨退服', '资格认证', '活动报名', '政策问答', '通知公告']) expect(text).toContain(words);
});

test('greets the signed-in retiree by name, and shows no staff entry', async () => {
  const home = await wx.renderPage('pages/index/index');
  const text = await home.waitForText(`${retireeName}，您好`);
  expect(text).not.toContain('发布通知');
  expect(wx.cloudCalls).toContainEqual({ name: 'account', data: { action: 'me.get' } });
});

test('says where the retiree stands on certification, in one sentence', async () => {
  const home = await wx.renderPage('pages/index/index');
  const text = await home.waitForText('我的资格认证');
  expect(home.byId('cert-status-self')).toBeDefined();
  expect(text).toMatch(/已认证|请在\d{1,2}月\d{1,2}日前完成认证|认证已过期/);
  expect(wx.cloudCalls).toContainEqual({ name: 'certification', data: { action: 'status.mine' } });
});

test('tapping 通知公告 opens the notices list', async () => {
  const home = await wx.renderPage('pages/index/index');
  wx.navigateTo.mockClear();
  await home.tap('entry-notices');
  expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/notices/index' }));
});

test('资格认证 opens the retiree’s own certification page', async () => {
  const home = await wx.renderPage('pages/index/index');
  await home.waitForText('我的资格认证');
  wx.navigateTo.mockClear();
  await home.tap('entry-certification');
  expect(wx.navigateTo).toHaveBeenCalledWith(
    expect.objectContaining({ url: expect.stringMatching(/^\/pages\/certify\/index\?retireeId=.+/) }),
  );
});

test('活动报名 opens the week’s events', async () => {
  const home = await wx.renderPage('pages/index/index');
  wx.navigateTo.mockClear();
  await home.tap('entry-events');
  expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/events/index' }));
});

test('政策问答 opens the policy page', async () => {
  const home = await wx.renderPage('pages/index/index');
  wx.navigateTo.mockClear();
  await home.tap('entry-policy');
  expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/policy/index' }));
});

test('a service still being prepared says so and gives the phone number', async () => {
  const coming = await wx.renderPage('pages/coming/index', { topic: 'policy' });
  const text = coming.text();
  expect(text).toContain('政策问答');
  expect(text).toContain('正在准备中');
  expect(text).toContain('0592-0000000');
});

test('the staff page turns a retiree away in plain words', async () => {
  const page = await wx.renderPage('pages/staff/notices/index');
  await page.waitForText('这个页面只对工作人员开放');
});

test('the centre’s phone number is on the home page, written out, with a button that calls it', async () => {
  const makePhoneCall = jest.fn((opts: { success?: Function } = {}) => {
    opts.success?.({ errMsg: 'makePhoneCall:ok' });
    return Promise.resolve({ errMsg: 'makePhoneCall:ok' });
  });
  (global as any).wx.makePhoneCall = makePhoneCall;
  const home = await wx.renderPage('pages/index/index');
  const text = await home.waitForText(CENTRE_PHONE);
  expect(text).toContain(`打电话 ${CENTRE_PHONE}`);
  const button = home.comp.querySelector('.centre-help .big-button');
  button?.dispatchEvent('tap');
  await new Promise((r) => setTimeout(r, 50));
  expect(makePhoneCall).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: CENTRE_PHONE }));
});

test('大字模式 on the home page makes every letter a quarter larger, and is remembered', async () => {
  // The phone's storage (miniprogram-simulate's is a no-op).
  const stored = new Map<string, unknown>();
  Object.assign((global as any).wx, {
    setStorageSync: (key: string, value: unknown) => stored.set(key, value),
    getStorageSync: (key: string) => stored.get(key) ?? '',
  });
  const home = await wx.renderPage('pages/index/index');
  await home.waitForText('字还是太小？');
  const scale = () => (domOf(home.comp.querySelector('.page')).getAttribute('style') ?? '').replace(/\s/g, '');
  expect(scale()).toMatch(/--font-scale:1(;|$)/);
  await home.tap('elder-mode-switch');
  await home.waitForText('现在是大字模式');
  expect(scale()).toContain('--font-scale:1.25');
  expect(stored.get('elderMode')).toBe('on');
  // A page opened later starts in 大字模式 too.
  const again = await wx.renderPage('pages/notices/index');
  expect((domOf(again.comp.querySelector('.page')).getAttribute('style') ?? '').replace(/\s/g, '')).toContain('--font-scale:1.25');
  await home.tap('elder-mode-switch');
  await home.waitForText('字还是太小？');
  expect(scale()).toMatch(/--font-scale:1(;|$)/);
  expect(stored.get('elderMode')).toBe('off');
});

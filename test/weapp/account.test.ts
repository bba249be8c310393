/**
 * The privacy guide and binding in the compiled weapp, as a new WeChat user, against the
 * emulator: WeChat's own consent button, the ID number checked before sending, the code
 * read from the SMS sandbox's outbox, and the home page greeting the retiree by name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing, nodeFetch } from './nodeFetch';
import { startWeapp, WEAPP_DIST, type WeappHarness } from './simulate';

installFetchIfMissing();

const roster = generateDemoData({ scale: 'demo' }).roster;
/** Row 3 is the one the demo's newcomer is invited to bind; row 4 is nobody's. */
const TO_BIND = roster[3];
const SMS_FAILS = roster[4];

let cloud: LocalCloud;
let wx: WeappHarness;
let token = '';
let redirectTo: jest.SpyInstance;

beforeAll(async () => {
  cloud = await startLocalCloud();
  ({ token } = await cloud.newUser('wx'));
  wx = startWeapp({ cloudUrl: cloud.url, token });
  const g = global as unknown as { wx: { redirectTo: (o: unknown) => unknown } };
  redirectTo = jest.spyOn(g.wx, 'redirectTo');
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

/** The texts the SMS sandbox delivered to a phone, newest first. */
async function smsTo(phone: string): Promise<string[]> {
  const res = await nodeFetch(`${cloud.url}/sandbox/sms/outbox?phone=${phone}`);
  return ((await res.json()) as { messages: Array<{ text: string }> }).messages.map((m) => m.text);
}
const codeIn = (text: string) => /(\d{6})/.exec(text)?.[1] ?? '';
const callsOf = (action: string) => wx.cloudCalls.filter((c) => c.name === 'account' && c.data.action === action);

/** The node Taro's page data holds for the element with this id (`uid`), searched depth first. */
function findNode(data: unknown, id: string): Record<string, unknown> | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const node = data as Record<string, unknown>;
  if (node.uid === id) return node;
  for (const value of Object.values(node)) {
    const found = findNode(value, id);
    if (found) return found;
  }
  return undefined;
}

/**
 * The value WeChat would give `attribute` on the `<tag>` with this id: Taro's shared template
 * (base.wxml) reads it from a numbered key (`{{i.p13}}`) of the element's node in the page data.
 */
function renderedAttribute(pageData: unknown, id: string, tag: string, attribute: string): unknown {
  const base = fs.readFileSync(path.join(WEAPP_DIST, 'base.wxml'), 'utf8');
  const element = new RegExp(`<${tag} [^>]*>`).exec(base)?.[0] ?? '';
  const key = new RegExp(`\\s${attribute}="\\{\\{(?:xs\\.b\\()?i\\.(\\w+)`).exec(element)?.[1];
  if (!key) throw new Error(`base.wxml's <${tag}> has no ${attribute}`);
  return findNode(pageData, id)?.[key];
}

async function waitUntil(ok: () => boolean, what: string, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a new user opening the bind page is shown the way to the privacy guide first', async () => {
  const page = await wx.renderPage('pages/account/bind');
  await page.waitForText('阅读隐私保护指引');
  expect(page.byId('bind-name')).toBeUndefined();
  expect(callsOf('bind.start')).toHaveLength(0);
});

test("the privacy page lists what is collected and why, with WeChat's own consent button", async () => {
  const page = await wx.renderPage('pages/privacy/index', { back: encodeURIComponent('/pages/account/bind') });
  const text = await page.waitForText('同意并继续');
  for (const words of [
    '姓名和身份证号',
    '手机号',
    '资格认证结果',
    '人脸信息',
    '单独问您',
    '谁能看到',
    '工作人员',
    '怎样查看、更正和删除',
    '我的信息',
  ]) {
    expect(text).toContain(words);
  }
  const button = page.byId('privacy-agree');
  expect(button?.dom?.tagName.toLowerCase()).toBe('wx-button');
  // simulate keeps no unknown attributes on built-in nodes, so read what WeChat would render:
  // base.wxml's <button open-type="{{i.<key>}}"> filled from the page data's node for this button.
  expect(renderedAttribute(page.comp.data, 'privacy-agree', 'button', 'open-type')).toBe('agreePrivacyAuthorization');
  expect(renderedAttribute(page.comp.data, 'privacy-agree', 'button', 'aria-label')).toBe('同意并继续');
  expect(renderedAttribute(page.comp.data, 'privacy-agree', 'button', 'loading')).toBeFalsy();
});

test('agreeing (WeChat reports it to the button) records consent and goes on to binding', async () => {
  // A privacy API called before consent: WeChat holds it and asks the app, which opens the guide.
  const heldCall = jest.fn();
  wx.navigateTo.mockClear();
  wx.needPrivacyAuthorization(heldCall);
  expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/privacy/index' }));
  const page = await wx.renderPage('pages/privacy/index', { back: encodeURIComponent('/pages/account/bind') });
  await page.waitForText('同意并继续');
  redirectTo.mockClear();
  page.byId('privacy-agree')?.dispatchEvent('agreeprivacyauthorization', { detail: { errMsg: 'agreePrivacyAuthorization:ok' } });
  await waitUntil(() => redirectTo.mock.calls.length > 0, 'the page to go on to binding');
  // …and the call WeChat held goes on.
  expect(heldCall).toHaveBeenCalledWith({ event: 'agree', buttonId: 'privacy-agree' });
  expect(callsOf('privacy.accept')).toEqual([{ name: 'account', data: { action: 'privacy.accept', version: expect.any(String) } }]);
  expect(redirectTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/account/bind' }));
  const me = await cloud.callFunction('account', { action: 'me.get' }, token);
  expect(me.data).toMatchObject({ role: 'guest', privacyAccepted: true });
});

test('a wrong ID number is caught under its field before anything is sent', async () => {
  const page = await wx.renderPage('pages/account/bind');
  await page.waitForText('获取验证码');
  await page.type('bind-name', TO_BIND.name);
  await page.type('bind-id', `${TO_BIND.idNumber.slice(0, 17)}${TO_BIND.idNumber[17] === '0' ? '1' : '0'}`);
  await page.tap('bind-send');
  await page.waitForText('身份证号最后一位校验不对');
  expect(page.byId('bind-id-error')).toBeDefined();
  expect(callsOf('bind.start')).toHaveLength(0);
});

test('when the text cannot be sent, trying again reuses the same request id', async () => {
  await nodeFetch(`${cloud.url}/sandbox/sms/script`, { method: 'PUT', body: JSON.stringify({ next: 'unavailable' }) });
  const page = await wx.renderPage('pages/account/bind');
  await page.waitForText('获取验证码');
  await page.type('bind-name', SMS_FAILS.name);
  await page.type('bind-id', SMS_FAILS.idNumber);
  await page.tap('bind-send');
  await page.waitForText('短信暂时发不出去');
  await page.tap('bind-send');
  await page.waitForText('确认绑定');
  const [first, second] = callsOf('bind.start');
  expect(first.data.requestId).toMatch(/^r[0-9a-z]+/);
  expect(second.data.requestId).toBe(first.data.requestId);
});

test('binding: name and ID number, the code from the text message, then home greets the retiree by name', async () => {
  const before = callsOf('bind.start').length;
  const page = await wx.renderPage('pages/account/bind');
  await page.waitForText('获取验证码');
  await page.type('bind-name', TO_BIND.name);
  await page.type('bind-id', TO_BIND.idNumber.toLowerCase()); // a lowercase x is the commonest slip; accepted
  await page.tap('bind-send');
  const codeStep = await page.waitForText('确认绑定');
  // 重新获取 waits a minute; what to do when no code comes is on the page.
  expect(codeStep).toMatch(/\d+秒后可以重新获取/);
  expect(codeStep).toContain('收不到验证码怎么办');
  expect(codeStep).toContain('0592-0000000');
  expect(callsOf('bind.start').length).toBe(before + 1);
  expect(callsOf('bind.start').at(-1)?.data.requestId).not.toBe(callsOf('bind.start')[0].data.requestId);

  const [sms] = await smsTo(TO_BIND.phone);
  expect(sms).toBeDefined();
  await page.type('bind-code', codeIn(sms));
  await page.tap('bind-confirm');
  await page.waitForText(`绑定成功！${TO_BIND.name}，您好`);
  expect(page.byId('bind-home')).toBeDefined();

  const me = await cloud.callFunction('account', { action: 'me.get' }, token);
  expect(me.data).toMatchObject({ role: 'retiree', name: TO_BIND.name, retiree: { name: TO_BIND.name, bound: true } });

  const home = await wx.renderPage('pages/index/index');
  await home.waitForText(`${TO_BIND.name}，您好`);
  expect(home.byId('entry-mine')).toBeDefined();
  expect(home.byId('entry-bind')).toBeUndefined();
});

test('my information shows the masked numbers and the binding in the access log', async () => {
  const page = await wx.renderPage('pages/account/mine');
  const text = await page.waitForText('谁查看过我的信息');
  expect(text).toContain(`${TO_BIND.idNumber.slice(0, 4)}**********${TO_BIND.idNumber.slice(-4)}`);
  expect(text).not.toContain(TO_BIND.idNumber);
  expect(text).not.toContain(TO_BIND.phone);
  expect(text).toContain('您用这个微信绑定了退休信息');
  expect(text).toContain('同意了《隐私保护指引》');
  expect(page.byId('unbind-start')).toBeDefined();
});

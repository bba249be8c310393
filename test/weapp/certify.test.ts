/**
 * 资格认证 in the compiled weapp, as the overdue demo retiree, against the emulator and its
 * WeChat 人脸核身 sandbox: the home card's button, the face-data note before the first
 * attempt, then each outcome the sandbox can script, as the page shows it. The phone's own
 * step (wx.requestFacialVerify) is WeChat's: here it answers as the phone would.
 */
import { DEFAULT_TODAY } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing } from './nodeFetch';
import { startWeapp, type WeappHarness } from './simulate';

installFetchIfMissing();

let cloud: LocalCloud;
let wx: WeappHarness;
let retireeId = '';
/** What the phone's face step answers next. */
let phone: { errCode: number; ok: boolean } = { errCode: 0, ok: true };
/** Something to do while the phone step runs (after the server started the attempt). */
let duringPhoneStep: (() => Promise<unknown>) | null = null;
const verifyIds: string[] = [];

beforeAll(async () => {
  cloud = await startLocalCloud({ functionEnv: { APP_NOW: `${DEFAULT_TODAY}T09:00:00+08:00` } });
  const token = await cloud.tokenFor('retiree2');
  retireeId = (await cloud.callFunction('certification', { action: 'status.mine' }, token)).data.self.retireeId;
  wx = startWeapp({
    cloudUrl: cloud.url,
    token,
    phoneApis: {
      requestFacialVerify(opts: { verifyId: string; success: Function; fail: Function }) {
        verifyIds.push(opts.verifyId);
        const then = duringPhoneStep ?? (() => Promise.resolve());
        duringPhoneStep = null;
        void then().then(() =>
          phone.ok ? opts.success({ errCode: 0 }) : opts.fail({ errCode: phone.errCode, errMsg: 'requestFacialVerify:fail' }),
        );
      },
    },
  });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

const script = (face: string) =>
  fetch(`${cloud.url}/sandbox/wechat/script`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ face, count: 1 }),
  });

async function certifyPage() {
  const page = await wx.renderPage('pages/certify/index', { retireeId });
  await page.waitForText('我的资格认证');
  return page;
}

test('the home card of an overdue retiree has one button: 去认证', async () => {
  const home = await wx.renderPage('pages/index/index');
  await home.waitForText('认证已过期');
  wx.navigateTo.mockClear();
  await home.tap('cert-status-self-go');
  expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pages/certify/index?retireeId=${retireeId}` }));
});

test('资格认证 with nobody chosen offers me first, then goes to my own page', async () => {
  const page = await wx.renderPage('pages/certify/index');
  await page.waitForText('给我自己认证');
  wx.navigateTo.mockClear();
  await page.tap('certify-choose-self');
  expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pages/certify/index?retireeId=${retireeId}` }));
});

test('the first time, the page explains what happens to the face data before the button', async () => {
  const page = await certifyPage();
  await page.waitForText('关于人脸信息');
  expect(page.text()).toContain('不保存任何照片或视频');
  expect(page.byId('certify-start')?.dom?.textContent).toContain('我同意，开始刷脸认证');
  // And the other ways, for whoever cannot do this.
  expect(page.text()).toContain('到社区服务站现场认证');
});

test('a face that does not match: the reason, the next step, and 再试一次', async () => {
  await script('face_mismatch');
  const page = await certifyPage();
  await page.tap('certify-start');
  const text = await page.waitForText('刷脸没有通过');
  expect(text).toContain('和身份证照片对不上');
  expect(text).toContain('今天还可以再试4次');
  expect(page.byId('certify-again')).toBeDefined();
});

test('liveness not confirmed: told to blink and hold the phone still', async () => {
  await script('liveness_failed');
  const page = await certifyPage();
  await page.waitForText((t) => !t.includes('关于人脸信息')); // agreed once is enough
  await page.tap('certify-start');
  await page.waitForText('眨眨眼');
});

test('the person stops halfway: no blame, try again when ready', async () => {
  await script('cancelled');
  phone = { ok: false, errCode: 90100 };
  const page = await certifyPage();
  await page.tap('certify-start');
  await page.waitForText('这次没有做完刷脸，没关系');
  phone = { ok: true, errCode: 0 };
});

test('the service is down: not your fault, and no attempt used', async () => {
  await script('service_down');
  const page = await certifyPage();
  await page.tap('certify-start');
  const text = await page.waitForText('这次不算次数');
  expect(text).toContain('不是您的原因');
  const today = await cloud.callFunction('certification', { action: 'face.today', retireeId }, await cloud.tokenFor('retiree2'));
  expect(today.data.attemptsUsed).toBe(3);
});

test('the result is slow to come: 查看结果 asks again without a new scan, then it passes', async () => {
  const page = await certifyPage();
  const before = verifyIds.length;
  // The provider is slow to answer when the result is asked for.
  duringPhoneStep = () => script('timeout');
  await page.tap('certify-start');
  await page.waitForText('不用重新刷脸', 20_000);
  await page.tap('certify-check-result');
  const text = await page.waitForText('认证已完成', 20_000);
  expect(text).toContain('谢谢');
  expect(verifyIds.length).toBe(before + 1);
  expect(page.byId('certify-home')).toBeDefined();
  // The history on the page, and the home card, now say so.
  const again = await certifyPage();
  await again.waitForText('认证记录');
  expect(again.text()).toContain('刷脸（本人）');
  const home = await wx.renderPage('pages/index/index');
  await home.waitForText('通过刷脸认证');
}, 60_000);

test('after five attempts the day is over: the page says so and shows the other ways', async () => {
  // Attempts so far: mismatch, liveness, cancelled, timeout-then-pass = 4. One more uses the last.
  await script('face_mismatch');
  const page = await certifyPage();
  await page.tap('certify-start');
  await page.waitForText('今天的次数用完了');
  expect(page.byId('certify-again')).toBeUndefined();
  const next = await certifyPage();
  await next.waitForText('今天刷脸的次数用完了');
  expect(next.byId('certify-start')).toBeUndefined();
  expect(next.text()).toContain('到社区服务站现场认证');
});

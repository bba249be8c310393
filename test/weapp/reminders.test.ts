/**
 * 到期前提醒我 in the compiled weapp, against the emulator: after binding succeeds and after a
 * face certification passes, a button the person taps asks WeChat for the one-time reminder
 * template (wx.requestSubscribeMessage — WeChat's own sheet; here it answers as the phone
 * would), and the accepted template is recorded as a grant the daily job may spend.
 */
import tcb from '@cloudbase/node-sdk';
import { localWechatSandboxEnv } from '../../cloudfunctions/_lib/wechatConfig';
import { PRIVACY_VERSION } from '../../contract/accounts';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { DEFAULT_TODAY, generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing, nodeFetch } from './nodeFetch';
import { startWeapp, type WeappHarness } from './simulate';

installFetchIfMissing();

const REMINDER = localWechatSandboxEnv().WECHAT_TEMPLATE_CERT_REMINDER;
/** Row 3: a roster entry nobody has bound yet (the demo newcomer's). */
const TO_BIND = generateDemoData({ scale: 'demo' }).roster[3];

let cloud: LocalCloud;
let wx: WeappHarness;
let token = '';
let db: any;
/** What WeChat's subscribe sheet answers next: per template, or a failure. */
let sheet: { answer: 'accept' | 'reject' } | { errCode: number } = { answer: 'accept' };
const asked: string[][] = [];

beforeAll(async () => {
  cloud = await startLocalCloud({ functionEnv: { APP_NOW: `${DEFAULT_TODAY}T09:00:00+08:00` } });
  Object.assign(process.env, localSdkEnv(cloud.adminUrl));
  db = (tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any) as any).database();
  ({ token } = await cloud.newUser('wx'));
  await cloud.callFunction('account', { action: 'privacy.accept', version: PRIVACY_VERSION }, token);
  wx = startWeapp({
    cloudUrl: cloud.url,
    token,
    phoneApis: {
      requestSubscribeMessage(opts: { tmplIds: string[]; success: Function; fail: Function }) {
        asked.push(opts.tmplIds);
        if ('errCode' in sheet) return opts.fail({ errCode: sheet.errCode, errMsg: 'requestSubscribeMessage:fail' });
        const answer = sheet.answer;
        opts.success({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(opts.tmplIds.map((id) => [id, answer])) });
      },
      requestFacialVerify(opts: { success: Function }) {
        opts.success({ errCode: 0 });
      },
    },
  });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

const recordCalls = () => wx.cloudCalls.filter((c) => c.name === 'certification' && c.data.action === 'subscribe.record');
const grants = async () => (await db.collection('subscriptions').where({ templateId: REMINDER }).get()).data as any[];

test('after binding: 到期前提醒我 asks WeChat for the reminder template and records the grant', async () => {
  const page = await wx.renderPage('pages/account/bind');
  await page.waitForText('获取验证码');
  await page.type('bind-name', TO_BIND.name);
  await page.type('bind-id', TO_BIND.idNumber);
  await page.tap('bind-send');
  await page.waitForText('确认绑定');
  const res = await nodeFetch(`${cloud.url}/sandbox/sms/outbox?phone=${TO_BIND.phone}`);
  const [sms] = ((await res.json()) as { messages: Array<{ text: string }> }).messages;
  await page.type('bind-code', /(\d{6})/.exec(sms.text)?.[1] ?? '');
  await page.tap('bind-confirm');
  const done = await page.waitForText((t) => t.includes('绑定成功') && t.includes('到期前提醒我'));
  expect(done).toContain('需要的话，到期前我们在微信里提醒您（只提醒一次）');
  // Nothing is asked until the person taps.
  expect(asked).toHaveLength(0);
  expect(await grants()).toHaveLength(0);

  await page.tap('bind-remind');
  await page.waitForText('到期前我们会在微信里提醒您一次');
  expect(asked).toEqual([[REMINDER]]);
  expect(recordCalls()).toHaveLength(1);
  expect(recordCalls()[0].data).toMatchObject({ templateIds: [REMINDER] });
  const me = (await cloud.callFunction('account', { action: 'me.get' }, token)).data;
  const saved = await grants();
  expect(saved).toHaveLength(1);
  expect(saved[0]).toMatchObject({ templateId: REMINDER, userId: me.userId, usedAt: null });
});

test('after a passed face certification: saying no in WeChat records nothing and says that is fine', async () => {
  const me = (await cloud.callFunction('account', { action: 'me.get' }, token)).data;
  sheet = { answer: 'reject' };
  const page = await wx.renderPage('pages/certify/index', { retireeId: me.retiree.id });
  await page.waitForText('我的资格认证');
  await page.tap('certify-start');
  await page.waitForText((t) => t.includes('认证已完成') && t.includes('到期前提醒我'), 20_000);
  await page.tap('certify-remind');
  await page.waitForText('好的，不提醒');
  expect(asked.at(-1)).toEqual([REMINDER]);
  expect(recordCalls()).toHaveLength(1); // still only the one from binding
  expect(await grants()).toHaveLength(1);
});

test('messages switched off in WeChat: told where to turn them on; 再试一次 asks again and records', async () => {
  const me = (await cloud.callFunction('account', { action: 'me.get' }, token)).data;
  // The result step (and its offer) shows only after an attempt: certify once more.
  sheet = { errCode: 20004 };
  const page = await wx.renderPage('pages/certify/index', { retireeId: me.retiree.id });
  await page.waitForText('我的资格认证');
  await page.tap('certify-start');
  await page.waitForText((t) => t.includes('认证已完成') && t.includes('到期前提醒我'), 20_000);
  await page.tap('certify-remind');
  await page.waitForText('通知管理');
  expect(recordCalls()).toHaveLength(1);
  sheet = { answer: 'accept' };
  await page.tap('certify-remind'); // now labelled 再试一次
  await page.waitForText('到期前我们会在微信里提醒您一次');
  expect(recordCalls()).toHaveLength(2);
  expect(await grants()).toHaveLength(2); // two taps on 允许: two reminders may be sent
});

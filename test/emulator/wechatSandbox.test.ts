import tcb from '@cloudbase/node-sdk';
import { sendSubscribeMessage, subscribeTemplates } from '../../cloudfunctions/_lib/subscribeMessage';
import { certHash, getVerifyId, queryVerifyInfo } from '../../cloudfunctions/_lib/wechatFace';
import { serviceTokenStore, type TokenDoc, WechatTokenManager } from '../../cloudfunctions/_lib/wechatToken';
import { localFunctionEnv, localSandboxEnv } from '../../emulator/localEnv';
import { pointSdkAtEmulator } from '../../emulator/sdkEnv';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * The WeChat adapters (access_token, 人脸核身 2.0, subscribe messages) against the emulator's WeChat
 * sandbox over real HTTP, with the environment a function instance gets, and the shared token in
 * the emulator's `service_tokens` collection through the real node-sdk.
 */
let cloud: LocalCloud;
let storeSeq = 0;
const env = (): Record<string, string> => ({ ...localFunctionEnv(), ...localSandboxEnv(cloud.adminUrl), WECHAT_TIMEOUT_MS: '1000' });
const sandbox = () => `${cloud.url}/sandbox/wechat`;

/** One simulated function instance; instances of one test share a token document of their own. */
const instance = (storeId: string, opts: Partial<ConstructorParameters<typeof WechatTokenManager>[0]> = {}) =>
  new WechatTokenManager({ env: env(), store: serviceTokenStore(storeId), ...opts });
const freshStoreId = () => `wechat-test-${++storeSeq}`;

async function script(body: Record<string, unknown>) {
  const res = await fetch(`${sandbox()}/script`, { method: 'PUT', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}
const tokenStats = async () => (await (await fetch(`${sandbox()}/tokens`)).json()) as { issued: number; requests: number };
const outbox = async (openid?: string) =>
  ((await (await fetch(`${sandbox()}/outbox${openid ? `?openid=${openid}` : ''}`)).json()) as { messages: any[] }).messages;
async function tokenDoc(id: string): Promise<TokenDoc | undefined> {
  const db = tcb.init({ env: 'any', serviceUrl: cloud.adminUrl, secretId: 'local', secretKey: 'local' } as any).database();
  return (await db.collection('service_tokens').where({ _id: id }).get()).data[0] as TokenDoc | undefined;
}

// A demo identity: a valid ID number on a `99` area code (no real person).
const PERSON = { openid: 'oLocalRetiree000000000001', name: '张桂英', idNumber: '990101194403120023' };

beforeAll(async () => {
  cloud = await startLocalCloud({ seed: false });
  pointSdkAtEmulator(cloud.adminUrl);
});
afterAll(async () => {
  await cloud?.stop();
});
beforeEach(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe('access_token', () => {
  test('is fetched once, kept in the instance and shared with other instances through service_tokens', async () => {
    const id = freshStoreId();
    const before = await tokenStats();
    const a = instance(id);
    const token = await a.get();
    expect(await a.get()).toBe(token);
    const b = instance(id);
    expect(await b.get()).toBe(token);
    expect(b.fetchedCount).toBe(0);
    expect((await tokenStats()).requests - before.requests).toBe(1);

    const doc = await tokenDoc(id);
    expect(doc).toMatchObject({ token, leaseOwner: null });
    // stable_token answers with the seconds the token has left (7200 when new, 7199 once a
    // millisecond has passed, as WeChat does); it is refreshed 5 minutes before it expires.
    const lifetime = doc!.expiresAt - doc!.refreshedAt;
    expect(lifetime).toBeGreaterThanOrEqual(7190_000);
    expect(lifetime).toBeLessThanOrEqual(7200_000);
    expect(lifetime % 1000).toBe(0);
    expect(doc!.expiresAt - doc!.refreshAt).toBe(300_000);
  });

  test('is refreshed before it expires', async () => {
    await script({ tokenExpiresIn: 4, expireTokens: true });
    try {
      const a = instance(freshStoreId());
      const first = await a.get();
      expect(await a.get()).toBe(first);
      await new Promise((r) => setTimeout(r, 2200)); // past half of its 4 s life
      const second = await a.get();
      expect(second).not.toBe(first);
      // The old one still works at that moment: the refresh came early, not after a refusal.
      const res = await fetch(`${sandbox()}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(first)}`, {
        method: 'POST',
        body: JSON.stringify({ touser: 'x' }),
      });
      expect(((await res.json()) as any).errcode).toBe(40003);
    } finally {
      await script({ tokenExpiresIn: 7200, expireTokens: true });
    }
  });

  test('20 instances finding it expired at once refresh it exactly once and all get the new one', async () => {
    const id = freshStoreId();
    const old = await instance(id).get();
    await script({ expireTokens: true });
    await serviceTokenStore(id).invalidate(old); // as if its time had run out
    const before = await tokenStats();
    const instances = Array.from({ length: 20 }, () => instance(id, { pollMs: 20 }));
    const tokens = await Promise.all(instances.map((m) => m.get()));
    const after = await tokenStats();
    expect(after.requests - before.requests).toBe(1);
    expect(after.issued - before.issued).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(old);
    expect(instances.reduce((n, m) => n + m.fetchedCount, 0)).toBe(1);
    expect((await tokenDoc(id))?.token).toBe(tokens[0]);
  });

  test('a refused token (42001) is replaced everywhere and the call made once more', async () => {
    const id = freshStoreId();
    const a = instance(id);
    const old = await a.get();
    await script({ expireTokens: true }); // WeChat stops accepting it; our copy still looks fine
    const before = await tokenStats();
    const started = await getVerifyId(PERSON, { manager: a });
    expect(started).toMatchObject({ ok: true });
    expect((await tokenStats()).requests - before.requests).toBe(1);
    const fresh = (await tokenDoc(id))?.token;
    expect(fresh).not.toBe(old);
    // Another instance picks up the replacement without asking WeChat.
    const b = instance(id);
    expect(await b.get()).toBe(fresh);
    expect(b.fetchedCount).toBe(0);
  });

  test('a token refused twice is not retried a third time', async () => {
    let calls = 0;
    const refusing: typeof fetch = async (input, init) => {
      if (String(input).includes('/cityservice/')) {
        calls++;
        return new Response(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }), { status: 200 });
      }
      return fetch(input, init);
    };
    const a = instance(freshStoreId(), { fetch: refusing });
    const result = await getVerifyId(PERSON, { manager: a });
    expect(result).toEqual({ ok: false, reason: 'unavailable', providerCode: 'errcode:40001' });
    expect(calls).toBe(2);
  });

  test('wrong app credentials are reported, not retried', async () => {
    const a = instance(freshStoreId(), { env: { ...env(), WECHAT_SECRET: 'not-the-secret' } });
    expect(await getVerifyId(PERSON, { manager: a })).toEqual({ ok: false, reason: 'unavailable', providerCode: 'token:errcode:40125' });
  });
});

describe('人脸核身 2.0', () => {
  let manager: WechatTokenManager;
  beforeAll(() => {
    manager = instance(freshStoreId());
  });

  async function verify(outcome?: string) {
    if (outcome) await script({ face: outcome, count: 1 });
    const started = await getVerifyId(PERSON, { manager });
    if (!started.ok) throw new Error(`getVerifyId failed: ${started.providerCode}`);
    expect(started.expiresInS).toBe(3600);
    return queryVerifyInfo(started.verifyId, { ...PERSON, outSeqNo: started.outSeqNo }, { manager });
  }

  test('each scripted outcome comes back as the documented verify_ret and its meaning', async () => {
    expect(await verify()).toEqual({ ok: true, passed: true, verifyRet: 10000 });
    expect(await verify('pass')).toEqual({ ok: true, passed: true, verifyRet: 10000 });
    expect(await verify('face_mismatch')).toEqual({ ok: true, passed: false, verifyRet: 10004, reason: 'face_mismatch' });
    expect(await verify('liveness_failed')).toEqual({ ok: true, passed: false, verifyRet: 10008, reason: 'liveness_failed' });
    expect(await verify('cancelled')).toEqual({ ok: true, passed: false, verifyRet: 90004, reason: 'cancelled' });
    // The script was used up: the next one passes again.
    expect(await verify()).toMatchObject({ passed: true });
  });

  test('service down: a system error at the start or at the result, as unavailable', async () => {
    await script({ face: 'service_down', count: 1 });
    expect(await getVerifyId(PERSON, { manager })).toEqual({ ok: false, reason: 'unavailable', providerCode: 'errcode:-1' });
    const started = await getVerifyId(PERSON, { manager });
    if (!started.ok) throw new Error('expected a session');
    await script({ face: 'service_down', count: 1 });
    const session = { ...PERSON, outSeqNo: started.outSeqNo };
    expect(await queryVerifyInfo(started.verifyId, session, { manager })).toEqual({
      ok: false,
      reason: 'unavailable',
      providerCode: 'errcode:-1',
    });
    // The session is still there once the service is back.
    expect(await queryVerifyInfo(started.verifyId, session, { manager })).toMatchObject({ ok: true, passed: true });
  });

  test('timeout: no answer within the adapter timeout is unavailable, not a hang', async () => {
    await script({ face: 'timeout', count: 1 });
    const t0 = Date.now();
    expect(await getVerifyId(PERSON, { manager })).toEqual({ ok: false, reason: 'unavailable', providerCode: 'Timeout' });
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  test('the result is only given for the same identity, caller and sequence number', async () => {
    const started = await getVerifyId(PERSON, { manager });
    if (!started.ok) throw new Error('expected a session');
    const session = { ...PERSON, outSeqNo: started.outSeqNo };
    for (const changed of [{ name: '张桂芳' }, { openid: 'oSomeoneElse000000000002' }, { outSeqNo: 'cfother00001' }]) {
      expect(await queryVerifyInfo(started.verifyId, { ...session, ...changed }, { manager })).toMatchObject({
        ok: false,
        reason: 'rejected',
      });
    }
    expect(await queryVerifyInfo('local_unknown', session, { manager })).toMatchObject({ ok: false, reason: 'rejected' });
    // A sequence number is used once.
    expect(await getVerifyId({ ...PERSON, outSeqNo: started.outSeqNo }, { manager })).toMatchObject({ ok: false, reason: 'rejected' });
  });

  test('an ID that is not a mainland resident card is turned away before WeChat is asked', async () => {
    const before = await tokenStats();
    expect(await getVerifyId({ ...PERSON, idNumber: 'H12345678' }, { manager })).toEqual({
      ok: false,
      reason: 'rejected',
      providerCode: 'NotMainlandIdCard',
    });
    expect((await tokenStats()).requests).toBe(before.requests);
  });

  test('cert_hash follows the published worked example', () => {
    expect(certHash({ name: '张三', idNumber: '310101199801011234' })).toBe(
      '3c241f7ff324977aeb91f173bb2a7b06569e6fd784d5573db34a636d8671108b',
    );
  });
});

describe('subscribe messages', () => {
  let manager: WechatTokenManager;
  const templates = () => subscribeTemplates(env());
  const reminder = (over: Record<string, string> = {}) => ({
    openid: 'oLocalRetiree000000000007',
    templateId: templates().certReminder!,
    page: 'pages/certification/index',
    data: { thing1: '养老金领取资格认证', name2: '张桂英', date3: '2026年3月31日', thing4: '点此在手机上完成认证', ...over },
  });
  beforeAll(() => {
    manager = instance(freshStoreId());
  });

  test('a message is delivered to the outbox and shown on /dev/outbox', async () => {
    expect(await sendSubscribeMessage(reminder(), { manager })).toEqual({ ok: true });
    const [message] = await outbox('oLocalRetiree000000000007');
    expect(message).toMatchObject({
      templateId: templates().certReminder,
      title: '资格认证提醒',
      page: 'pages/certification/index',
      miniprogramState: 'developer',
      data: { thing1: '养老金领取资格认证', name2: '张桂英', date3: '2026年3月31日', thing4: '点此在手机上完成认证' },
      lines: ['认证事项：养老金领取资格认证', '认证人：张桂英', '截止日期：2026年3月31日', '温馨提示：点此在手机上完成认证'],
    });
    const page = await (await fetch(`${cloud.url}/dev/outbox`)).text();
    expect(page).toContain('微信订阅消息');
    expect(page).toContain('截止日期：2026年3月31日');
    expect(page).not.toContain('oLocalRetiree000000000007'); // openids shown shortened
  });

  test('refused (43101), bad data (47003), unknown template (40037) and an outage are told apart; none is delivered', async () => {
    const openid = 'oLocalRetiree000000000008';
    await script({ subscribe: 'refused', count: 1 });
    expect(await sendSubscribeMessage({ ...reminder(), openid }, { manager })).toEqual({
      ok: false,
      reason: 'refused',
      providerCode: 'errcode:43101',
    });
    expect(
      await sendSubscribeMessage({ ...reminder({ thing4: '这是一句超过二十个字的提示文字一定会被微信拒绝' }), openid }, { manager }),
    ).toEqual({
      ok: false,
      reason: 'bad_request',
      providerCode: 'errcode:47003',
    });
    expect(await sendSubscribeMessage({ ...reminder(), openid, templateId: 'no-such-template' }, { manager })).toMatchObject({
      reason: 'bad_request',
      providerCode: 'errcode:40037',
    });
    await script({ subscribe: 'unavailable', count: 1 });
    expect(await sendSubscribeMessage({ ...reminder(), openid }, { manager })).toEqual({
      ok: false,
      reason: 'unavailable',
      providerCode: 'errcode:-1',
    });
    expect(await outbox(openid)).toEqual([]);
    expect(await sendSubscribeMessage({ ...reminder(), openid }, { manager })).toEqual({ ok: true });
    expect(await outbox(openid)).toHaveLength(1);
  });

  // Last: restarts the emulator.
  test('a delivered message survives kill -9 of the emulator', async () => {
    const openid = 'oLocalRetiree000000000009';
    expect(await sendSubscribeMessage({ ...reminder(), openid }, { manager })).toEqual({ ok: true });
    await cloud.kill9();
    await cloud.restart();
    expect(await outbox(openid)).toHaveLength(1);
    // Tokens lived in the sandbox's memory: the stored one is now unknown (40001) and is replaced.
    expect(await sendSubscribeMessage({ ...reminder(), openid }, { manager: instance(freshStoreId()) })).toEqual({ ok: true });
  });
});

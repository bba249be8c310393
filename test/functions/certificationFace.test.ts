import fs from 'node:fs';
import path from 'node:path';
import { PRIVACY_VERSION } from '../../contract/accounts';
import { FACE_ATTEMPTS_PER_DAY, FACE_CONSENT_VERSION } from '../../contract/certification';
import { DEFAULT_TODAY, generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * Self-service and family-assisted face verification through the certification function,
 * against the emulator's sandboxes of WeChat 人脸核身 2.0 and Tencent Cloud 慧眼, with each
 * scripted outcome: consent first, the result always from the provider, every failure in
 * plain words with the next step, attempts limited per day, one record per attempt however
 * often it is finished, operator and subject both kept.
 */
const roster = generateDemoData({ scale: 'demo' }).roster;
let cloud: LocalCloud;
let seq = 0;
const rid = () => `face-${Date.now().toString(36)}-${seq++}`;

beforeAll(async () => {
  cloud = await startLocalCloud({ functionEnv: { APP_NOW: `${DEFAULT_TODAY}T10:00:00+08:00` } });
});

afterAll(async () => {
  await cloud?.stop();
});

const cert = (token: string, data: Record<string, unknown>) => cloud.callFunction('certification', data, token);
const sandbox = (path: string, body: unknown) =>
  fetch(`${cloud.url}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => {
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  });
const scriptWechat = (face: string, count = 1) => sandbox('/sandbox/wechat/script', { face, count });
const scriptFaceid = (next: string, count = 1) => sandbox('/sandbox/faceid/script', { next, count });

async function selfId(token: string): Promise<string> {
  const mine = await cert(token, { action: 'status.mine' });
  return mine.data.self.retireeId;
}

/** One weapp attempt: start (the page would now run wx.requestFacialVerify), then finish. */
async function attempt(token: string, retireeId: string, client: 'done' | 'cancelled' = 'done') {
  const started = await cert(token, { action: 'face.start', retireeId, channel: 'weapp', requestId: rid() });
  if (!started.ok) return started;
  expect(started.data).toMatchObject({ channel: 'weapp', verifyId: expect.any(String) });
  return cert(token, { action: 'face.finish', attemptId: started.data.attemptId, client });
}

test('a retiree agrees to the face-data note, verifies in WeChat, and is certified today by 刷脸', async () => {
  const token = await cloud.tokenFor('retiree');
  const retireeId = await selfId(token);
  expect((await cert(token, { action: 'face.today', retireeId })).data).toEqual({ attemptsUsed: 0, attemptsLeft: 5, consented: false });

  const noConsent = await cert(token, { action: 'face.start', retireeId, channel: 'weapp', requestId: rid() });
  expect(noConsent.error).toMatchObject({ code: 'NEEDS_CONSENT', message: expect.stringContaining('同意') });
  expect((await cert(token, { action: 'face.consent', version: FACE_CONSENT_VERSION })).ok).toBe(true);

  const requestId = rid();
  const started = await cert(token, { action: 'face.start', retireeId, channel: 'weapp', requestId });
  // A retried start is the same attempt and counts once.
  const retried = await cert(token, { action: 'face.start', retireeId, channel: 'weapp', requestId });
  expect(retried.data).toEqual(started.data);
  const done = await cert(token, { action: 'face.finish', attemptId: started.data.attemptId, client: 'done' });
  expect(done.data).toMatchObject({
    passed: true,
    reason: null,
    attemptsLeft: 4,
    status: { state: 'certified', lastCertifiedAt: DEFAULT_TODAY },
  });
  expect(done.data.message).toContain('认证已完成');
  const again = await cert(token, { action: 'face.finish', attemptId: started.data.attemptId });
  expect(again.data.passed).toBe(true);

  const history = await cert(token, { action: 'history.get', retireeId });
  expect(history.data).toHaveLength(1);
  expect(history.data[0]).toMatchObject({ day: DEFAULT_TODAY, method: 'face', methodWords: '刷脸', byWords: '本人', source: 'wechat' });
  const mine = await cert(token, { action: 'status.mine' });
  expect(mine.data.self.headline).toContain('通过刷脸认证');
});

test('each failure is explained with the next step, uses an attempt, and the sixth try of the day is refused', async () => {
  const token = await cloud.tokenFor('retiree');
  const retireeId = await selfId(token);

  await scriptWechat('face_mismatch');
  const mismatch = await attempt(token, retireeId);
  expect(mismatch.data).toMatchObject({ passed: false, reason: 'face_mismatch', attemptsLeft: 3 });
  expect(mismatch.data.message).toMatch(/和身份证照片对不上.*今天还可以再试3次/);

  await scriptWechat('liveness_failed');
  const liveness = await attempt(token, retireeId);
  expect(liveness.data).toMatchObject({ passed: false, reason: 'liveness_failed', attemptsLeft: 2 });
  expect(liveness.data.message).toContain('眨眨眼');

  await scriptWechat('cancelled');
  const cancelled = await attempt(token, retireeId, 'cancelled');
  expect(cancelled.data).toMatchObject({ passed: false, reason: 'cancelled', attemptsLeft: 1 });
  expect(cancelled.data.message).toContain('没有做完');

  // The service down when starting: not the person's fault, and no attempt used.
  await scriptWechat('service_down');
  const down = await cert(token, { action: 'face.start', retireeId, channel: 'weapp', requestId: rid() });
  expect(down.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('这次不算次数') });
  expect((await cert(token, { action: 'face.today', retireeId })).data).toMatchObject({ attemptsUsed: 4, attemptsLeft: 1 });

  // The result cannot be fetched in time: asked again later, without a new face scan.
  const started = await cert(token, { action: 'face.start', retireeId, channel: 'weapp', requestId: rid() });
  expect(started.ok).toBe(true);
  await scriptWechat('timeout');
  const slow = await cert(token, { action: 'face.finish', attemptId: started.data.attemptId, client: 'done' });
  expect(slow.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('不用重新刷脸') });
  const later = await cert(token, { action: 'face.finish', attemptId: started.data.attemptId, client: 'done' });
  expect(later.data).toMatchObject({ passed: true, attemptsLeft: 0 });

  const sixth = await cert(token, { action: 'face.start', retireeId, channel: 'weapp', requestId: rid() });
  expect(sixth.error).toMatchObject({ code: 'TOO_MANY', message: expect.stringContaining(`今天已经试了${FACE_ATTEMPTS_PER_DAY}次`) });
  // Two passes today, but each attempt is its own record; failures write none.
  const history = await cert(token, { action: 'history.get', retireeId });
  expect(history.data).toHaveLength(2);
}, 60_000);

test('a family member certifies the elder they help: the elder is certified, the record keeps who operated', async () => {
  const token = await cloud.tokenFor('family');
  const mine = await cert(token, { action: 'status.mine' });
  const elder = mine.data.elders[0];
  expect(elder).toMatchObject({ name: roster[2].name, state: 'due_soon' });
  await cert(token, { action: 'face.consent', version: FACE_CONSENT_VERSION });
  const done = await attempt(token, elder.retireeId);
  expect(done.data).toMatchObject({ passed: true, status: { retireeId: elder.retireeId, state: 'certified' } });
  expect(done.data.message).toContain(`${roster[2].name}的认证已完成`);

  const history = await cert(token, { action: 'history.get', retireeId: elder.retireeId });
  expect(history.data[0]).toMatchObject({
    method: 'family_face',
    methodWords: '家人帮助刷脸',
    byWords: expect.stringMatching(/^家人 .+ 帮助$/),
  });

  // Someone not linked cannot start one for the elder, nor read the record.
  const stranger = (await cloud.newUser('wx')).token;
  await cloud.callFunction('account', { action: 'privacy.accept', version: PRIVACY_VERSION }, stranger);
  await cert(stranger, { action: 'face.consent', version: FACE_CONSENT_VERSION });
  const refused = await cert(stranger, { action: 'face.start', retireeId: elder.retireeId, channel: 'weapp', requestId: rid() });
  expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(refused.error.code);
  // A staff member sees the record among the elder's.
  const staffView = await cert(await cloud.tokenFor('staff'), { action: 'history.get', retireeId: elder.retireeId });
  expect(staffView.data.map((h: any) => h.method)).toContain('family_face');
});

test('in the browser: 慧眼 DetectAuth sends the person to the provider and back to this app only', async () => {
  const token = await cloud.tokenFor('retiree2');
  const retireeId = await selfId(token);
  await cert(token, { action: 'face.consent', version: FACE_CONSENT_VERSION });
  const returnUrl = `http://127.0.0.1:10086/#/pages/certify/index?retireeId=${retireeId}&returned=1`;

  const evil = await cert(token, { action: 'face.start', retireeId, channel: 'h5', returnUrl: 'https://evil.example/x', requestId: rid() });
  expect(evil.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('返回地址') });

  await scriptFaceid('face_mismatch');
  const first = await cert(token, { action: 'face.start', retireeId, channel: 'h5', returnUrl, requestId: rid() });
  expect(first.data).toMatchObject({ channel: 'h5', url: expect.stringContaining('/sandbox/faceid/verify') });
  const failed = await cert(token, { action: 'face.finish', attemptId: first.data.attemptId });
  expect(failed.data).toMatchObject({ passed: false, reason: 'face_mismatch' });

  await scriptFaceid('pass');
  const second = await cert(token, { action: 'face.start', retireeId, channel: 'h5', returnUrl, requestId: rid() });
  const passed = await cert(token, { action: 'face.finish', attemptId: second.data.attemptId });
  expect(passed.data).toMatchObject({ passed: true, status: { state: 'certified', lastCertifiedAt: DEFAULT_TODAY } });
  const history = await cert(token, { action: 'history.get', retireeId });
  expect(history.data[0]).toMatchObject({ method: 'face', source: 'faceid' });
});

test('a non-mainland ID holder is shown the other channels instead of a face check', async () => {
  const row = roster.findIndex((r) => r.nonMainlandId || r.abroad);
  const elder = roster[row];
  const { token } = await cloud.newUser('wx');
  await cloud.callFunction('account', { action: 'privacy.accept', version: PRIVACY_VERSION }, token);
  await cloud.callFunction(
    'account',
    { action: 'family.request', elderName: elder.name, idNumber: elder.idNumber, relation: '女儿', helperName: '郑小红', requestId: rid() },
    token,
  );
  const staff = await cloud.tokenFor('staff');
  const queue = await cloud.callFunction('account', { action: 'family.queue' }, staff);
  const link = queue.data.items.find((q: any) => q.helperName === '郑小红');
  const reviewed = await cloud.callFunction('account', { action: 'family.review', linkId: link.id, accept: true, note: '电话核实' }, staff);
  expect(reviewed.ok).toBe(true);

  const mine = await cert(token, { action: 'status.mine' });
  expect(mine.data.elders[0]).toMatchObject({ name: elder.name, otherChannels: true });
  await cert(token, { action: 'face.consent', version: FACE_CONSENT_VERSION });
  const start = await cert(token, { action: 'face.start', retireeId: mine.data.elders[0].retireeId, channel: 'weapp', requestId: rid() });
  expect(start.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('中国领事') });
});

test('after all these attempts, no data file of the emulator holds a whole ID number', async () => {
  const { spawnSync } = await import('node:child_process');
  for (const r of [roster[0], roster[1], roster[2]]) {
    const grep = spawnSync('grep', ['-rl', r.idNumber, cloud.dataDir], { encoding: 'utf8' });
    expect(grep.stdout.trim()).toBe('');
  }
});

test('a start refused for its channel (a browser address not ours) writes nothing and uses no attempt', async () => {
  const token = await cloud.tokenFor('retiree');
  const retireeId = await selfId(token);
  expect((await cert(token, { action: 'face.consent', version: FACE_CONSENT_VERSION })).ok).toBe(true);
  const before = (await cert(token, { action: 'face.today', retireeId })).data;
  const dbDir = path.join(cloud.dataDir, 'db');
  const bytes = () => fs.readdirSync(dbDir).reduce((sum, f) => sum + fs.statSync(path.join(dbDir, f)).size, 0);
  const written = bytes();
  const refused = await cert(token, {
    action: 'face.start',
    retireeId,
    channel: 'h5',
    returnUrl: 'https://evil.example/back',
    requestId: rid(),
  });
  expect(refused.error).toMatchObject({ code: 'INVALID_INPUT', message: '返回地址不对，请从首页重新进入' });
  expect(bytes()).toBe(written);
  expect((await cert(token, { action: 'face.today', retireeId })).data).toEqual(before);
});

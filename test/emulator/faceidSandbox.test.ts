import { detectAuth, FACEID_CONTENT_TYPE, faceidConfigFromEnv, getDetectInfo } from '../../cloudfunctions/_lib/faceid';
import { tc3Sign } from '../../cloudfunctions/_lib/tencentCloud';
import { localFunctionEnv, localSandboxEnv } from '../../emulator/localEnv';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * The 慧眼 adapter (DetectAuth → the provider's page → RedirectUrl?token= → GetDetectInfoEnhanced)
 * against the emulator's faceid sandbox over real HTTP, with a function instance's environment.
 */
let cloud: LocalCloud;
const env = (): Record<string, string> => ({ ...localFunctionEnv(), ...localSandboxEnv(cloud.adminUrl), FACEID_TIMEOUT_MS: '1000' });
const opts = () => ({ env: env() });
const PERSON = { name: '张桂英', idNumber: '990101194403120023' };
const REDIRECT = 'https://app.example.cn/#/pages/certification/face-return?attempt=a1';

async function script(body: Record<string, unknown>) {
  const res = await fetch(`${cloud.url}/sandbox/faceid/script`, { method: 'PUT', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

async function start(extra = 'attempt:a1') {
  const started = await detectAuth({ ...PERSON, redirectUrl: REDIRECT, extra }, opts());
  if (!started.ok) throw new Error(`DetectAuth failed: ${started.providerCode}`);
  return started;
}

/** What a person does on the sandbox's page: pick an outcome; returns where the browser is sent. */
async function choose(url: string, choice: string): Promise<string | null> {
  const token = new URL(url).searchParams.get('token')!;
  const res = await fetch(`${cloud.url}/sandbox/faceid/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, choice }).toString(),
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  return res.headers.get('location');
}

beforeAll(async () => {
  cloud = await startLocalCloud({ seed: false });
});
afterAll(async () => {
  await cloud?.stop();
});
beforeEach(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

test('a person picks 通过 on the page, comes back with the BizToken, and the result is passed', async () => {
  const started = await start();
  expect(started.bizToken).toMatch(/^[0-9A-F-]{36}$/);
  expect(started.url).toBe(`${cloud.url}/sandbox/faceid/verify?token=${started.bizToken}`);

  const page = await fetch(started.url);
  expect(page.status).toBe(200);
  const html = await page.text();
  for (const label of ['通过', '人脸不匹配', '活体检测没通过', '超时', '我不做了']) expect(html).toContain(label);
  expect(html).toContain('张*英');
  expect(html).not.toContain(PERSON.idNumber); // masked on the page

  // Nothing chosen yet: not finished.
  expect(await getDetectInfo(started.bizToken, opts())).toMatchObject({ ok: true, passed: false, reason: 'not_finished' });

  const back = new URL((await choose(started.url, 'pass'))!);
  expect(`${back.origin}${back.pathname}`).toBe('https://app.example.cn/');
  expect(back.searchParams.get('token')).toBe(started.bizToken);
  expect(back.hash).toBe('#/pages/certification/face-return?attempt=a1');

  expect(await getDetectInfo(started.bizToken, opts())).toEqual({ ok: true, passed: true, verifyRet: 0, extra: 'attempt:a1' });
});

test.each([
  ['face_mismatch', 2016, 'face_mismatch'],
  ['liveness_failed', 1005, 'liveness_failed'],
  ['timeout', 15, 'timeout'],
  ['cancelled', 17, 'cancelled'],
])('page choice %s comes back as ErrCode %d → %s', async (choice, code, reason) => {
  const started = await start();
  await choose(started.url, choice);
  expect(await getDetectInfo(started.bizToken, opts())).toEqual({ ok: true, passed: false, verifyRet: code, reason, extra: 'attempt:a1' });
});

test('scripted outcomes need no browser: results bind at DetectAuth, then the script is used up', async () => {
  await script({ next: 'face_mismatch', count: 2 });
  const a = await start();
  const b = await start();
  const c = await start();
  expect(await getDetectInfo(a.bizToken, opts())).toMatchObject({ passed: false, reason: 'face_mismatch' });
  expect(await getDetectInfo(b.bizToken, opts())).toMatchObject({ passed: false, reason: 'face_mismatch' });
  expect(await getDetectInfo(c.bizToken, opts())).toMatchObject({ passed: false, reason: 'not_finished' });
  await script({ next: 'cancelled' });
  expect(await getDetectInfo((await start()).bizToken, opts())).toMatchObject({ passed: false, verifyRet: 17, reason: 'cancelled' });
  await script({ next: 'pass', count: 1 });
  expect(await getDetectInfo((await start()).bizToken, opts())).toMatchObject({ passed: true, verifyRet: 0 });
});

test('service down answers InternalError; a timeout is no answer in time; both unavailable', async () => {
  await script({ next: 'service_down', count: 1 });
  expect(await detectAuth({ ...PERSON, redirectUrl: REDIRECT }, opts())).toEqual({
    ok: false,
    reason: 'unavailable',
    providerCode: 'InternalError',
  });
  const started = await start();
  await script({ next: 'service_down', count: 1 });
  expect(await getDetectInfo(started.bizToken, opts())).toEqual({ ok: false, reason: 'unavailable', providerCode: 'InternalError' });
  await script({ next: 'timeout', count: 1 });
  const t0 = Date.now();
  expect(await getDetectInfo(started.bizToken, opts())).toEqual({ ok: false, reason: 'unavailable', providerCode: 'Timeout' });
  expect(Date.now() - t0).toBeLessThan(3000);
  // Back to normal: the session was kept.
  expect(await getDetectInfo(started.bizToken, opts())).toMatchObject({ ok: true, reason: 'not_finished' });
});

test('a request signed with the wrong key, or changed after signing, is refused with AuthFailure', async () => {
  expect(await detectAuth({ ...PERSON, redirectUrl: REDIRECT }, { env: { ...env(), FACEID_SECRET_KEY: 'not-the-sandbox-key' } })).toEqual({
    ok: false,
    reason: 'rejected',
    providerCode: 'AuthFailure.SignatureFailure',
  });
  expect(await detectAuth({ ...PERSON, redirectUrl: REDIRECT }, { env: { ...env(), FACEID_SECRET_ID: 'AKIDsomeoneelse' } })).toMatchObject({
    providerCode: 'AuthFailure.SecretIdNotFound',
  });

  const config = faceidConfigFromEnv(env());
  const url = new URL(config.apiBase);
  const signed = JSON.stringify({ RuleId: config.ruleId, IdCard: PERSON.idNumber, Name: PERSON.name, RedirectUrl: REDIRECT });
  const post = async (body: string, timestamp = Math.floor(Date.now() / 1000)) => {
    const { authorization } = tc3Sign({
      secretId: config.secretId,
      secretKey: config.secretKey,
      service: 'faceid',
      host: url.host,
      contentType: FACEID_CONTENT_TYPE,
      payload: signed,
      timestamp,
      extraHeaders: { 'x-tc-action': 'DetectAuth' },
    });
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        Authorization: authorization,
        'Content-Type': FACEID_CONTENT_TYPE,
        'X-TC-Action': 'DetectAuth',
        'X-TC-Version': '2018-03-01',
        'X-TC-Timestamp': String(timestamp),
      },
      body,
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as any).Response;
  };
  expect(await post(signed)).toMatchObject({ BizToken: expect.any(String), Url: expect.any(String), RequestId: expect.any(String) });
  expect((await post(signed.replace('张桂英', '李建国'))).Error.Code).toBe('AuthFailure.SignatureFailure');
  expect((await post(signed, Math.floor(Date.now() / 1000) - 3600)).Error.Code).toBe('AuthFailure.SignatureExpire');
});

test('an unknown BizToken is refused; a non-mainland ID never reaches the provider', async () => {
  expect(await getDetectInfo('00000000-0000-0000-0000-000000000000', opts())).toEqual({
    ok: false,
    reason: 'rejected',
    providerCode: 'InvalidParameterValue.BizTokenIllegal',
  });
  expect(await detectAuth({ name: 'Chan Tai Man', idNumber: 'A1234563', redirectUrl: REDIRECT }, opts())).toEqual({
    ok: false,
    reason: 'rejected',
    providerCode: 'NotMainlandIdCard',
  });
  expect((await fetch(`${cloud.url}/sandbox/faceid/verify?token=nope`)).status).toBe(404);
});

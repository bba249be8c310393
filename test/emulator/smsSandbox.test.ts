import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { type SendSmsRequest, type SmsResult, sendSms, sendVerificationCode, tc3Sign } from '../../cloudfunctions/_lib/sms';
import { FunctionsHost } from '../../emulator/functions/host';
import { localFunctionEnv, localSandboxEnv } from '../../emulator/localEnv';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * The SMS adapter against the emulator's Tencent Cloud SMS sandbox, over real HTTP, with the
 * environment a function instance gets (localFunctionEnv + the sandbox URL the host derives).
 */
let cloud: LocalCloud;
const env = (): Record<string, string> => ({ ...localFunctionEnv(), ...localSandboxEnv(cloud.adminUrl), SMS_TIMEOUT_MS: '1000' });

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

const send = (req: Partial<SendSmsRequest> & { phone: string }, extraEnv: Record<string, string> = {}): Promise<SmsResult> =>
  sendSms({ templateId: env().SMS_TEMPLATE_VERIFY, params: ['135790', '5'], ...req }, { env: { ...env(), ...extraEnv } });

async function outbox(phone?: string): Promise<any[]> {
  const res = await fetch(`${cloud.url}/sandbox/sms/outbox${phone ? `?phone=${encodeURIComponent(phone)}` : ''}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: any[] }).messages;
}

async function script(body: Record<string, unknown>) {
  const res = await fetch(`${cloud.url}/sandbox/sms/script`, { method: 'PUT', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

test('a verification code is delivered to the outbox, rendered, newest first', async () => {
  const first = await sendVerificationCode({ phone: '13900001111', code: '482913', minutes: 5, sessionContext: 'bind:1' }, { env: env() });
  expect(first).toMatchObject({ ok: true });
  const second = await sendVerificationCode({ phone: '+8613900001111', code: '771204', minutes: 5 }, { env: env() });
  expect(second.ok).toBe(true);

  const messages = await outbox('13900001111');
  expect(messages).toHaveLength(2);
  expect(messages[0].text).toBe('【温馨退服】您的验证码是771204，5分钟内有效。如非本人操作，请忽略。');
  expect(messages[1]).toMatchObject({
    phone: '+8613900001111',
    templateId: env().SMS_TEMPLATE_VERIFY,
    params: ['482913', '5'],
    sessionContext: 'bind:1',
    serialNo: first.ok ? first.serialNo : '',
    text: '【温馨退服】您的验证码是482913，5分钟内有效。如非本人操作，请忽略。',
  });
  expect(await outbox('+8613900001111')).toEqual(messages);
  expect(await outbox('13900002222')).toEqual([]);
  expect((await fetch(`${cloud.url}/sandbox/sms/outbox?phone=12`)).status).toBe(400);
});

test('the provider answers exactly: success shape, HTTP 200 errors, a bad signature refused', async () => {
  const base = env().SMS_API_BASE;
  const url = new URL(base);
  const payload = JSON.stringify({
    PhoneNumberSet: ['+8613900003333'],
    SmsSdkAppId: env().SMS_SDK_APP_ID,
    SignName: env().SMS_SIGN_NAME,
    TemplateId: env().SMS_TEMPLATE_VERIFY,
    TemplateParamSet: ['1234', '5'],
    SessionContext: 'ctx',
  });
  const post = (body: string, secretKey = env().SMS_SECRET_KEY, signedBody = body) => {
    const timestamp = Math.floor(Date.now() / 1000);
    const { authorization } = tc3Sign({
      secretId: env().SMS_SECRET_ID,
      secretKey,
      service: 'sms',
      host: url.host,
      contentType: 'application/json; charset=utf-8',
      payload: signedBody,
      timestamp,
    });
    return fetch(base, {
      method: 'POST',
      headers: {
        Authorization: authorization,
        'Content-Type': 'application/json; charset=utf-8',
        'X-TC-Action': 'SendSms',
        'X-TC-Version': '2021-01-11',
        'X-TC-Timestamp': String(timestamp),
        'X-TC-Region': 'ap-guangzhou',
      },
      body,
    });
  };

  const ok = await post(payload);
  expect(ok.status).toBe(200);
  const okBody = (await ok.json()) as any;
  expect(okBody.Response.RequestId).toEqual(expect.any(String));
  expect(okBody.Response.SendStatusSet).toEqual([
    {
      SerialNo: expect.any(String),
      PhoneNumber: '+8613900003333',
      Fee: 1,
      SessionContext: 'ctx',
      Code: 'Ok',
      Message: 'send success',
      IsoCode: 'CN',
    },
  ]);

  // Signed with another key, or the body changed after signing: Tencent Cloud's error, HTTP 200.
  for (const res of [await post(payload, 'not-the-sandbox-key'), await post(payload.replace('1234', '9999'), undefined, payload)]) {
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body).toEqual({
      Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: expect.any(String) }, RequestId: expect.any(String) },
    });
  }
  expect(await outbox('13900003333')).toHaveLength(1);

  // Through the adapter: a wrong key is a provider error (a person must fix the configuration).
  expect(await send({ phone: '13900003333' }, { SMS_SECRET_KEY: 'wrong' })).toMatchObject({
    ok: false,
    reason: 'provider_error',
    providerCode: 'AuthFailure.SignatureFailure',
  });
  expect(await send({ phone: '13900003333' }, { SMS_SECRET_ID: 'AKIDsomeoneelse' })).toMatchObject({
    providerCode: 'AuthFailure.SecretIdNotFound',
  });
  const wrongAction = await fetch(base, {
    method: 'POST',
    headers: { 'X-TC-Action': 'SendSmsX', 'X-TC-Version': '2021-01-11' },
    body: '{}',
  });
  expect(((await wrongAction.json()) as any).Response.Error.Code).toBe('InvalidAction');
  expect(await outbox('13900003333')).toHaveLength(1);
});

test('the request is validated like the provider does', async () => {
  expect(await send({ phone: '12000004444' })).toMatchObject({
    ok: false,
    reason: 'bad_number',
    providerCode: 'InvalidParameterValue.IncorrectPhoneNumber',
  });
  expect(await send({ phone: '13900004444', templateId: '999' })).toMatchObject({
    reason: 'provider_error',
    providerCode: 'FailedOperation.TemplateIncorrectOrUnapproved',
  });
  expect(await send({ phone: '13900004444', params: ['135790'] })).toMatchObject({
    reason: 'provider_error',
    providerCode: 'FailedOperation.TemplateParamSetNotMatchApprovedTemplate',
  });
  expect(await send({ phone: '13900004444' }, { SMS_SDK_APP_ID: '1400999999' })).toMatchObject({
    providerCode: 'InvalidParameterValue.SdkAppIdNotExist',
  });
  expect(await send({ phone: '13900004444' }, { SMS_SIGN_NAME: '别的签名' })).toMatchObject({
    providerCode: 'FailedOperation.SignatureIncorrectOrUnapproved',
  });
  expect(await outbox('13900004444')).toEqual([]);
});

test('scripted failures map to the right reasons, then sending works again', async () => {
  const phone = '13900005555';
  await script({ next: 'rate_limited', count: 2 });
  expect(await send({ phone })).toMatchObject({
    ok: false,
    reason: 'rate_limited',
    providerCode: 'LimitExceeded.PhoneNumberThirtySecondLimit',
  });
  expect(await send({ phone })).toMatchObject({ reason: 'rate_limited' });
  expect(await send({ phone })).toMatchObject({ ok: true });

  await script({ next: 'rate_limited', code: 'LimitExceeded.PhoneNumberDailyLimit' });
  expect(await send({ phone })).toMatchObject({ reason: 'rate_limited', providerCode: 'LimitExceeded.PhoneNumberDailyLimit' });
  await script({ next: 'provider_error' });
  expect(await send({ phone })).toMatchObject({
    reason: 'provider_error',
    providerCode: 'FailedOperation.InsufficientBalanceInSmsPackage',
  });
  await script({ next: 'unavailable' });
  expect(await send({ phone })).toMatchObject({ reason: 'unavailable' });
  await script({ next: 'bad_number' });
  expect(await send({ phone })).toMatchObject({ reason: 'bad_number' });

  // A script can be cancelled.
  await script({ next: 'provider_error', count: 5 });
  await script({ next: 'ok' });
  expect(await send({ phone })).toMatchObject({ ok: true });
  expect(await outbox(phone)).toHaveLength(2);
});

test('a provider that never answers is cut off at the adapter timeout: unavailable', async () => {
  await script({ next: 'timeout' });
  const started = Date.now();
  const result = await send({ phone: '13900006666' }, { SMS_TIMEOUT_MS: '800' });
  const took = Date.now() - started;
  expect(result).toEqual({ ok: false, reason: 'unavailable', providerCode: 'Timeout' });
  expect(took).toBeGreaterThanOrEqual(700);
  expect(took).toBeLessThan(3000);
  expect(await outbox('13900006666')).toEqual([]);
  // The script was used up: the next send goes through.
  expect(await send({ phone: '13900006666' })).toMatchObject({ ok: true });
});

test('the per-number daily limit, like the provider default', async () => {
  await script({ dailyLimit: 2 });
  try {
    const phone = '13900007777';
    expect((await send({ phone })).ok).toBe(true);
    expect((await send({ phone })).ok).toBe(true);
    expect(await send({ phone })).toMatchObject({ reason: 'rate_limited', providerCode: 'LimitExceeded.PhoneNumberDailyLimit' });
    expect((await send({ phone: '13900007778' })).ok).toBe(true);
  } finally {
    await script({ dailyLimit: 10 });
  }
});

test('the outbox page for people, linked from the dev sign-in page', async () => {
  await sendVerificationCode({ phone: '13900008888', code: '640512', minutes: 5 }, { env: env() });
  const page = await fetch(`${cloud.url}/dev/outbox`);
  expect(page.headers.get('content-type')).toContain('text/html');
  const html = await page.text();
  expect(html).toContain('本地短信收件箱');
  expect(html).toContain('139****8888');
  expect(html).not.toContain('13900008888');
  expect(html).toContain('<strong>640512</strong>');
  // Newest first.
  expect(html.indexOf('640512')).toBeLessThan(html.indexOf('771204'));
  const signin = await (await fetch(`${cloud.url}/dev/signin`)).text();
  expect(signin).toMatch(/<a [^>]*href="outbox"[^>]*>本地短信收件箱<\/a>/);
});

test('a function instance reaches the sandbox with the env the host gives it (adapter bundled by esbuild)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-sms-fn-'));
  await build({
    stdin: {
      contents: `import { sendVerificationCode } from './cloudfunctions/_lib/sms';
        export async function main(event) { return { base: process.env.SMS_API_BASE, result: await sendVerificationCode(event) }; }`,
      resolveDir: path.resolve(__dirname, '../..'),
      loader: 'ts',
    },
    outfile: path.join(dir, 'probe/index.js'),
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    logLevel: 'silent',
  });
  const host = new FunctionsHost({ functionsDir: dir, envId: 'sms-test', extraEnv: localFunctionEnv() });
  host.adminUrl = cloud.adminUrl;
  try {
    const out = await host.invoke('probe', { phone: '13900001234', code: '909090', minutes: 5 });
    expect(out).toMatchObject({ ok: true, result: { base: `${cloud.url}/sandbox/tencentcloud/sms`, result: { ok: true } } });
  } finally {
    await host.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect((await outbox('13900001234'))[0].text).toContain('909090');
});

test('the outbox survives a crash and a restart', async () => {
  const before = await outbox();
  expect(before.length).toBeGreaterThan(5);
  const sent = await send({ phone: '13900009999', params: ['246810', '5'] });
  expect(sent.ok).toBe(true);
  await cloud.kill9();
  await cloud.restart();
  const after = await outbox();
  expect(after).toHaveLength(before.length + 1);
  expect(after[0]).toMatchObject({ phone: '+8613900009999', serialNo: sent.ok ? sent.serialNo : '' });
  expect(after.slice(1)).toEqual(before);
  // And it keeps appending after recovery.
  expect((await send({ phone: '13900009999' })).ok).toBe(true);
  expect(await outbox('13900009999')).toHaveLength(2);
});

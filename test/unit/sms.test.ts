import {
  localSmsSandboxEnv,
  maskPhoneForLog,
  normalizePhone,
  parseSendSmsResponse,
  reasonForCode,
  sendSms,
  sendVerificationCode,
  smsConfigFromEnv,
  tc3Sign,
} from '../../cloudfunctions/_lib/sms';
import { localFunctionEnv, localSandboxEnv } from '../../emulator/localEnv';

/**
 * TC3-HMAC-SHA256 against Tencent Cloud's own worked examples ("Signature v3" in the API 3.0
 * docs: cloud.tencent.com/document/product/213/30654, and each product's English copy on tencentcloud.com): the demo key
 * Gu5t9xGARNpq86cd98joQYCN3EXAMPLE and the CVM DescribeInstances requests, with the digests and
 * signatures the documentation publishes.
 */
const DOC_SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';

let warnings: string[] = [];
beforeEach(() => {
  warnings = [];
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    warnings.push(args.join(' '));
  });
});
afterEach(() => jest.restoreAllMocks());

describe('TC3-HMAC-SHA256 reproduces the provider documentation', () => {
  test('POST JSON example (2019-02-25, "未命名" filter)', () => {
    const payload = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
    const s = tc3Sign({
      secretId: 'AKID**********************0123456789EXAMPLE',
      secretKey: DOC_SECRET_KEY,
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      contentType: 'application/json; charset=utf-8',
      payload,
      timestamp: 1551113065,
    });
    expect(s.canonicalRequest).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n' +
        '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
    expect(s.stringToSign).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
    expect(s.signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
    expect(s.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKID**********************0123456789EXAMPLE/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  test('GET example (2018-10-09, Limit=10&Offset=0)', () => {
    const s = tc3Sign({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      secretKey: DOC_SECRET_KEY,
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      method: 'GET',
      query: 'Limit=10&Offset=0',
      contentType: 'application/x-www-form-urlencoded',
      payload: '',
      timestamp: 1539084154,
    });
    expect(s.stringToSign.split('\n')[3]).toBe('91c9c192c14460df6c1ffc69e34e6c5e90708de2a6d282cccf957dbf1aa7f3a7');
    expect(s.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2018-10-09/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, Signature=5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474',
    );
  });

  test('the credential date is the UTC date (00:44 in Beijing is still the day before)', () => {
    // 1551113065 = 2019-02-26 00:44:25 UTC+8
    const s = tc3Sign({ secretId: 'x', secretKey: 'y', service: 'sms', host: 'h', contentType: 'c', payload: '', timestamp: 1551113065 });
    expect(s.credentialScope).toBe('2019-02-25/sms/tc3_request');
  });
});

describe('sendSms builds the SendSms request the provider expects', () => {
  const env = { ...localSmsSandboxEnv(), SMS_API_BASE: 'https://sms.tencentcloudapi.com', DEPLOY_ENV: 'local' };

  test('headers, body and signature', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const fakeFetch = (async (url: URL, init: RequestInit) => {
      seen = { url: String(url), init };
      return new Response(
        JSON.stringify({
          Response: {
            SendStatusSet: [
              {
                SerialNo: '2028:abc',
                PhoneNumber: '+8613812345678',
                Fee: 1,
                SessionContext: 's',
                Code: 'Ok',
                Message: 'send success',
                IsoCode: 'CN',
              },
            ],
            RequestId: 'r-1',
          },
        }),
      );
    }) as unknown as typeof fetch;
    const result = await sendSms(
      { phone: '138 1234 5678', templateId: '1000001', params: ['123456', 5], sessionContext: 's' },
      { env, fetch: fakeFetch, now: () => 1551113065_000 },
    );
    expect(result).toEqual({ ok: true, serialNo: '2028:abc', requestId: 'r-1' });
    const headers = seen!.init.headers as Record<string, string>;
    expect(seen!.url).toBe('https://sms.tencentcloudapi.com/');
    expect(headers['X-TC-Action']).toBe('SendSms');
    expect(headers['X-TC-Version']).toBe('2021-01-11');
    expect(headers['X-TC-Timestamp']).toBe('1551113065');
    expect(headers['X-TC-Region']).toBe('ap-guangzhou');
    expect(headers['Content-Type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(seen!.init.body as string);
    expect(body).toEqual({
      PhoneNumberSet: ['+8613812345678'],
      SmsSdkAppId: env.SMS_SDK_APP_ID,
      SignName: env.SMS_SIGN_NAME,
      TemplateId: '1000001',
      TemplateParamSet: ['123456', '5'],
      SessionContext: 's',
    });
    const expected = tc3Sign({
      secretId: env.SMS_SECRET_ID,
      secretKey: env.SMS_SECRET_KEY,
      service: 'sms',
      host: 'sms.tencentcloudapi.com',
      contentType: 'application/json; charset=utf-8',
      payload: seen!.init.body as string,
      timestamp: 1551113065,
      extraHeaders: { 'x-tc-action': 'SendSms' },
    });
    expect(headers.Authorization).toBe(expected.authorization);
    expect(headers.Authorization).toContain('/2019-02-25/sms/tc3_request, SignedHeaders=content-type;host;x-tc-action, ');
  });

  test('network failures, HTTP 5xx and a number that cannot be one', async () => {
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    expect(await sendSms({ phone: '13812345678', templateId: '1', params: [] }, { env, fetch: down })).toMatchObject({
      ok: false,
      reason: 'unavailable',
    });
    const bad = (async () => new Response('<html>bad gateway</html>', { status: 502 })) as unknown as typeof fetch;
    expect(await sendSms({ phone: '13812345678', templateId: '1', params: [] }, { env, fetch: bad })).toEqual({
      ok: false,
      reason: 'unavailable',
      providerCode: 'HTTP502',
    });
    let called = false;
    const never = (async () => {
      called = true;
      return new Response('{}');
    }) as unknown as typeof fetch;
    expect(await sendSms({ phone: '12345', templateId: '1', params: [] }, { env, fetch: never })).toMatchObject({ reason: 'bad_number' });
    expect(called).toBe(false);
    // Failures are logged, never with the whole number.
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(w).not.toContain('13812345678');
  });

  test('a provider that does not answer is cut off at the configured timeout', async () => {
    const hang = ((_url: URL, init: RequestInit) =>
      new Promise((_, reject) =>
        init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      )) as unknown as typeof fetch;
    const started = Date.now();
    const result = await sendSms(
      { phone: '13812345678', templateId: '1', params: [] },
      { env: { ...env, SMS_TIMEOUT_MS: '200' }, fetch: hang },
    );
    expect(result).toEqual({ ok: false, reason: 'unavailable', providerCode: 'Timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('sendVerificationCode uses SMS_TEMPLATE_VERIFY with [code, minutes]', async () => {
    let body: any;
    const fakeFetch = (async (_url: URL, init: RequestInit) => {
      body = JSON.parse(init.body as string);
      return new Response(JSON.stringify({ Response: { SendStatusSet: [{ Code: 'Ok', SerialNo: 'x' }], RequestId: 'r' } }));
    }) as unknown as typeof fetch;
    await sendVerificationCode({ phone: '+8613812345678', code: '482913', minutes: 5 }, { env, fetch: fakeFetch });
    expect(body.TemplateId).toBe(env.SMS_TEMPLATE_VERIFY);
    expect(body.TemplateParamSet).toEqual(['482913', '5']);
  });
});

describe('provider answers', () => {
  const status = (Code: string) => ({
    Response: { SendStatusSet: [{ SerialNo: '', PhoneNumber: '+8613812345678', Code }], RequestId: 'r' },
  });
  const error = (Code: string) => ({ Response: { Error: { Code, Message: 'm' }, RequestId: 'r' } });

  test('success and per-number failures from SendStatusSet', () => {
    expect(parseSendSmsResponse({ Response: { SendStatusSet: [{ SerialNo: '2028:1', Code: 'Ok' }], RequestId: 'r' } })).toEqual({
      ok: true,
      serialNo: '2028:1',
      requestId: 'r',
    });
    expect(parseSendSmsResponse(status('LimitExceeded.PhoneNumberDailyLimit'))).toEqual({
      ok: false,
      reason: 'rate_limited',
      providerCode: 'LimitExceeded.PhoneNumberDailyLimit',
      requestId: 'r',
    });
    expect(parseSendSmsResponse(status('LimitExceeded.PhoneNumberThirtySecondLimit'))).toMatchObject({ reason: 'rate_limited' });
    expect(parseSendSmsResponse(status('InvalidParameterValue.IncorrectPhoneNumber'))).toMatchObject({ reason: 'bad_number' });
  });

  test('request-level errors from Response.Error', () => {
    expect(parseSendSmsResponse(error('AuthFailure.SignatureFailure'))).toMatchObject({
      reason: 'provider_error',
      providerCode: 'AuthFailure.SignatureFailure',
    });
    expect(parseSendSmsResponse(error('FailedOperation.TemplateIncorrectOrUnapproved'))).toMatchObject({ reason: 'provider_error' });
    expect(parseSendSmsResponse(error('FailedOperation.InsufficientBalanceInSmsPackage'))).toMatchObject({ reason: 'provider_error' });
    expect(parseSendSmsResponse(error('InternalError.Timeout'))).toMatchObject({ reason: 'unavailable' });
    expect(parseSendSmsResponse(error('RequestLimitExceeded'))).toMatchObject({ reason: 'rate_limited' });
  });

  test('nonsense is a provider error, never a success', () => {
    for (const body of [null, {}, { Response: {} }, { Response: { SendStatusSet: [] } }, 'Ok']) {
      expect(parseSendSmsResponse(body)).toMatchObject({ ok: false, reason: 'provider_error', providerCode: 'InvalidResponse' });
    }
  });

  test('code table', () => {
    expect(reasonForCode('LimitExceeded.PhoneNumberOneHourLimit')).toBe('rate_limited');
    expect(reasonForCode('LimitExceeded.PhoneNumberCountLimit')).toBe('provider_error');
    expect(reasonForCode('FailedOperation.PhoneNumberInBlacklist')).toBe('bad_number');
    expect(reasonForCode('FailedOperation.SignatureIncorrectOrUnapproved')).toBe('provider_error');
    expect(reasonForCode('InternalError')).toBe('unavailable');
  });
});

describe('phone numbers', () => {
  test('normalised to +86 for the provider', () => {
    expect(normalizePhone('13812345678')).toBe('+8613812345678');
    expect(normalizePhone('+86 138-1234-5678')).toBe('+8613812345678');
    expect(normalizePhone('8613812345678')).toBe('+8613812345678');
    expect(normalizePhone('+85291234567')).toBe('+85291234567');
    expect(normalizePhone('138123')).toBeNull();
    expect(normalizePhone('abc')).toBeNull();
  });

  test('masked for logs', () => {
    expect(maskPhoneForLog('13812345678')).toBe('138****5678');
    expect(maskPhoneForLog('+8613812345678')).toBe('+86138****5678');
    expect(maskPhoneForLog('+8613812345678')).not.toContain('1234');
    expect(maskPhoneForLog('123')).toBe('***');
  });
});

describe('production guard', () => {
  const real = {
    SMS_SECRET_ID: 'AKIDrealrealrealrealrealrealrealreal',
    SMS_SECRET_KEY: 'realsecretrealsecretrealsecret12',
    SMS_SDK_APP_ID: '1400123456',
    SMS_SIGN_NAME: '温馨退服',
    SMS_TEMPLATE_VERIFY: '2233445',
    DEPLOY_ENV: 'production',
  };

  test('the real provider with real credentials is accepted; defaults apply', () => {
    const c = smsConfigFromEnv(real);
    expect(c.apiBase).toBe('https://sms.tencentcloudapi.com');
    expect(c.region).toBe('ap-guangzhou');
    expect(c.timeoutMs).toBe(5000);
    expect(
      smsConfigFromEnv({ ...real, SMS_API_BASE: 'https://sms.ap-guangzhou.tencentcloudapi.com', SMS_REGION: 'ap-beijing' }).region,
    ).toBe('ap-beijing');
  });

  test.each([
    ['plain http', 'http://sms.tencentcloudapi.com'],
    ['localhost', 'https://localhost:9000'],
    ['a loopback address', 'https://127.0.0.1:9000/x'],
    ['IPv6 loopback', 'https://[::1]:9000'],
    ['a sandbox path', 'https://sms.example.com/sandbox/tencentcloud/sms'],
    ['not a URL', 'sms.tencentcloudapi.com'],
  ])('refuses %s', (_, base) => {
    expect(() => smsConfigFromEnv({ ...real, SMS_API_BASE: base })).toThrow(/SMS_API_BASE/);
  });

  test('refuses the local sandbox credentials', () => {
    expect(() => smsConfigFromEnv({ ...localSmsSandboxEnv(), DEPLOY_ENV: 'production' })).toThrow(/sandbox credentials/);
    expect(() => smsConfigFromEnv({ ...real, SMS_SECRET_KEY: localSmsSandboxEnv().SMS_SECRET_KEY })).toThrow(/sandbox credentials/);
  });

  test('the emulator environment works locally and is refused in production', async () => {
    const local = { ...localFunctionEnv(), ...localSandboxEnv('http://127.0.0.1:9000/admin') };
    expect(local.SMS_API_BASE).toBe('http://127.0.0.1:9000/sandbox/tencentcloud/sms');
    expect(() => smsConfigFromEnv(local)).not.toThrow();
    expect(() => smsConfigFromEnv({ ...local, DEPLOY_ENV: 'production' })).toThrow(/production/);
    // sendSms throws (it does not report a send result) when refused.
    await expect(
      sendSms({ phone: '13812345678', templateId: '1', params: [] }, { env: { ...local, DEPLOY_ENV: 'production' } }),
    ).rejects.toThrow(/production/);
  });

  test('missing configuration is an error, not a silent no-op', () => {
    expect(() => smsConfigFromEnv({ DEPLOY_ENV: 'production' })).toThrow(/SMS_SECRET_ID/);
  });
});

import crypto from 'node:crypto';
import { decryptPii, encryptPii, hashPii, piiKeysFromEnv } from '../../cloudfunctions/_lib/pii';
import { localFunctionEnv } from '../../emulator/localEnv';

const key = () => crypto.randomBytes(32).toString('base64');

test('encrypts with a fresh IV each time, decrypts, and hashes stably', () => {
  const keys = piiKeysFromEnv({ PII_ENC_KEY: key(), PII_HMAC_KEY: key() });
  const a = encryptPii(keys, '990205195803120021');
  const b = encryptPii(keys, '990205195803120021');
  expect(a).not.toBe(b);
  expect(a.startsWith('k1:')).toBe(true);
  expect(a).not.toContain('990205');
  expect(decryptPii(keys, a)).toBe('990205195803120021');
  expect(hashPii(keys, 'id', '990205195803120021')).toBe(hashPii(keys, 'id', ' 990205195803120021 '));
  expect(hashPii(keys, 'id', '13800000000')).not.toBe(hashPii(keys, 'phone', '13800000000'));
});

test('a tampered ciphertext is refused', () => {
  const keys = piiKeysFromEnv({ PII_ENC_KEY: key(), PII_HMAC_KEY: key() });
  const stored = encryptPii(keys, '19900001234');
  const raw = Buffer.from(stored.slice(3), 'base64');
  raw[raw.length - 1] ^= 1;
  expect(() => decryptPii(keys, `k1:${raw.toString('base64')}`)).toThrow();
});

test('key rotation: new writes use the new key, old records stay readable', () => {
  const oldKey = key();
  const hmac = key();
  const before = piiKeysFromEnv({ PII_ENC_KEY: oldKey, PII_HMAC_KEY: hmac });
  const oldRecord = encryptPii(before, '990206194512300011');
  const after = piiKeysFromEnv({ PII_ENC_KEY: key(), PII_ENC_KEY_ID: 'k2', PII_ENC_KEY_PREVIOUS: oldKey, PII_HMAC_KEY: hmac });
  expect(encryptPii(after, 'x').startsWith('k2:')).toBe(true);
  expect(decryptPii(after, oldRecord)).toBe('990206194512300011');
  // Once the previous key is removed, an old record can no longer be read: re-encrypt first.
  const rotated = piiKeysFromEnv({ PII_ENC_KEY: key(), PII_ENC_KEY_ID: 'k2', PII_HMAC_KEY: hmac });
  expect(() => decryptPii(rotated, oldRecord)).toThrow(/no key k1/);
});

test('the emulator development keys are refused in production', () => {
  const local = localFunctionEnv();
  expect(() => piiKeysFromEnv({ ...local, DEPLOY_ENV: 'production' })).toThrow(/production/);
  expect(() => piiKeysFromEnv({ ...local, DEPLOY_ENV: 'local' })).not.toThrow();
});

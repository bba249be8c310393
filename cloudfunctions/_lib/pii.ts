import crypto from 'node:crypto';

/**
 * Personal data at rest: ID and phone numbers are stored AES-256-GCM encrypted and found
 * by an HMAC-SHA256 of the normalised value. Ciphertexts carry their key id
 * (`k1:<base64 iv|tag|data>`) so keys can rotate: new writes use the current key,
 * reads accept any key still configured (see docs/SECURITY.md).
 */
export interface PiiKeys {
  currentKeyId: string;
  encKeys: Record<string, Buffer>; // key id → 32 bytes
  hmacKey: Buffer;
}

const LOCAL_ONLY_MARK = 'wenxin-tuifu local development only';

/** The emulator's published development keys: derived from a public string, so they protect nothing. */
export function localDevelopmentKeys(): { PII_ENC_KEY: string; PII_HMAC_KEY: string } {
  const derive = (label: string) => crypto.createHash('sha256').update(`${LOCAL_ONLY_MARK}/${label}`).digest('base64');
  return { PII_ENC_KEY: derive('enc'), PII_HMAC_KEY: derive('hmac') };
}

export function piiKeysFromEnv(env: NodeJS.ProcessEnv = process.env): PiiKeys {
  const current = env.PII_ENC_KEY;
  const hmac = env.PII_HMAC_KEY;
  if (!current || !hmac) throw new Error('PII_ENC_KEY and PII_HMAC_KEY must be set');
  const currentKeyId = env.PII_ENC_KEY_ID ?? 'k1';
  const encKeys: Record<string, Buffer> = { [currentKeyId]: decodeKey(current) };
  // During a rotation the previous key stays readable under the id it wrote with.
  if (env.PII_ENC_KEY_PREVIOUS) encKeys[env.PII_ENC_KEY_PREVIOUS_ID ?? 'k1'] = decodeKey(env.PII_ENC_KEY_PREVIOUS);
  if (env.DEPLOY_ENV === 'production' && isLocalKey(current, hmac)) {
    throw new Error('The local development keys must not be used in production');
  }
  return { currentKeyId, encKeys, hmacKey: decodeKey(hmac) };
}

export function encryptPii(keys: PiiKeys, plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keys.encKeys[keys.currentKeyId], iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${keys.currentKeyId}:${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}`;
}

export function decryptPii(keys: PiiKeys, stored: string): string {
  const [keyId, payload] = stored.split(':');
  const key = keys.encKeys[keyId];
  if (!key || !payload) throw new Error(`no key ${keyId} to decrypt personal data`);
  const buf = Buffer.from(payload, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
}

/** A keyed hash (HMAC-SHA256, hex) under the personal-data HMAC key; `label` keeps uses apart. */
export function keyedHash(keys: PiiKeys, label: string, value: string): string {
  return crypto.createHmac('sha256', keys.hmacKey).update(`${label}:${value}`).digest('hex');
}

/** Look-up hash; `kind` keeps an ID number and a phone number with equal digits apart. */
export function hashPii(keys: PiiKeys, kind: 'id' | 'phone', value: string): string {
  return crypto.createHmac('sha256', keys.hmacKey).update(`${kind}:${value.trim().toUpperCase()}`).digest('hex');
}

function decodeKey(b64: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new Error('personal-data keys must be 32 bytes, base64-encoded');
  return key;
}

function isLocalKey(enc: string, hmac: string) {
  const local = localDevelopmentKeys();
  return enc === local.PII_ENC_KEY || hmac === local.PII_HMAC_KEY;
}

import crypto from 'node:crypto';

/**
 * What every Tencent Cloud API 3.0 adapter shares: the TC3-HMAC-SHA256 signature ("Signature v3",
 * checked against the worked examples of Tencent Cloud's signature page) and the production guard
 * for base URLs. Server-only; node built-ins only.
 */

export interface Tc3SignInput {
  secretId: string;
  secretKey: string;
  /** Product name in the credential scope, e.g. `sms`, `faceid`. */
  service: string;
  /** The Host header as sent (with `:port` when not the default). */
  host: string;
  method?: 'POST' | 'GET';
  /** URL-encoded query string for GET; always '' for POST. */
  query?: string;
  contentType: string;
  /** The exact request body (empty for GET). */
  payload: string;
  /** X-TC-Timestamp, Unix seconds. */
  timestamp: number;
  /** Further headers to sign besides content-type and host (e.g. `x-tc-action`). */
  extraHeaders?: Record<string, string>;
}

export interface Tc3Signature {
  canonicalRequest: string;
  stringToSign: string;
  credentialScope: string;
  signedHeaders: string;
  signature: string;
  authorization: string;
}

const sha256Hex = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: crypto.BinaryLike, msg: string) => crypto.createHmac('sha256', key).update(msg, 'utf8').digest();

export function tc3Sign(input: Tc3SignInput): Tc3Signature {
  const headers: Record<string, string> = { 'content-type': input.contentType, host: input.host };
  for (const [k, v] of Object.entries(input.extraHeaders ?? {})) headers[k.toLowerCase()] = v;
  const names = Object.keys(headers).sort();
  // Keys and values lower-cased and trimmed, in ASCII order of the key.
  const canonicalHeaders = names.map((n) => `${n}:${headers[n].trim().toLowerCase()}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [input.method ?? 'POST', '/', input.query ?? '', canonicalHeaders, signedHeaders, sha256Hex(input.payload)].join(
    '\n',
  );
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10); // UTC, as the provider checks
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const secretSigning = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  const signature = crypto.createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');
  const authorization = `TC3-HMAC-SHA256 Credential=${input.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { canonicalRequest, stringToSign, credentialScope, signedHeaders, signature, authorization };
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '0.0.0.0' || h === '::' || h === '::1') return true;
  if (/^127\.\d+\.\d+\.\d+$/.test(h)) return true;
  return /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(h);
}

/** In production an outside service is reached over https at a real host, never the emulator's sandbox. */
export function assertProductionBase(name: string, base: string): void {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new Error(`${name} is not a URL`);
  }
  if (url.protocol !== 'https:') throw new Error(`${name} must use https in production`);
  if (isLoopbackHost(url.hostname)) throw new Error(`${name} must not point to this machine in production`);
  if (`${url.pathname}/`.includes('/sandbox/')) throw new Error(`${name} must not point to a sandbox in production`);
}

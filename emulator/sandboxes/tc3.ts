import crypto from 'node:crypto';
import type http from 'node:http';
import { tc3Sign } from '../../cloudfunctions/_lib/tencentCloud';
import { header } from '../http';

/** Tencent Cloud accepts a signed request for 5 minutes either side of its clock. */
const MAX_SKEW_S = 300;

/**
 * Checks a Tencent Cloud API 3.0 request's TC3-HMAC-SHA256 signature as the provider does, for
 * the sandboxes (SMS, 慧眼). Returns `AuthFailure.*` in the provider's words, or null when the
 * request is signed with the sandbox's published key for `service`.
 */
export function verifyTc3(
  req: http.IncomingMessage,
  payload: string,
  key: { secretId: string; secretKey: string; service: string },
): { code: string; message: string } | null {
  const auth = header(req, 'authorization') ?? '';
  const m =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) return { code: 'AuthFailure.InvalidAuthorization', message: 'Authorization header is missing or malformed.' };
  const [, secretId, date, service, signedHeaders, signature] = m;
  if (secretId !== key.secretId) return { code: 'AuthFailure.SecretIdNotFound', message: 'The SecretId is not found.' };
  const timestamp = Number(header(req, 'x-tc-timestamp'));
  if (!Number.isInteger(timestamp))
    return { code: 'MissingParameter', message: 'The request is missing a required parameter `Timestamp`.' };
  if (Math.abs(Date.now() / 1000 - timestamp) > MAX_SKEW_S)
    return { code: 'AuthFailure.SignatureExpire', message: 'Signature expired. Timestamp is more than 300 seconds from the server time.' };
  const failure = {
    code: 'AuthFailure.SignatureFailure',
    message: 'The provided credentials could not be validated. Please check your signature is correct.',
  };
  const names = signedHeaders.split(';');
  if (service !== key.service || !names.includes('content-type') || !names.includes('host')) return failure;
  const extraHeaders: Record<string, string> = {};
  for (const n of names) if (n !== 'content-type' && n !== 'host') extraHeaders[n] = header(req, n) ?? '';
  const expected = tc3Sign({
    secretId,
    secretKey: key.secretKey,
    service,
    host: header(req, 'host') ?? '',
    contentType: header(req, 'content-type') ?? '',
    payload,
    timestamp,
    extraHeaders,
  });
  if (expected.credentialScope !== `${date}/${service}/tc3_request` || expected.signedHeaders !== signedHeaders) return failure;
  return crypto.timingSafeEqual(Buffer.from(expected.signature, 'hex'), Buffer.from(signature, 'hex')) ? null : failure;
}

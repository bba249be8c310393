import { isValidIdNumber } from '../../contract/idCard';

/**
 * What a face verification came to, in the same shape for both providers (WeChat 人脸核身 2.0 and
 * Tencent Cloud 慧眼). Only the provider's code and reference are ever kept; no image is fetched.
 */
export type FaceFailure =
  | 'face_mismatch'
  | 'liveness_failed'
  | 'timeout'
  | 'cancelled'
  | 'service_down'
  | 'not_finished'
  | 'id_mismatch'
  | 'other';

/**
 * `ok: false` means we could not learn the result: `unavailable` (network, timeout, the provider's
 * system error; try again later) or `rejected` (the provider refused the request itself: an unknown
 * or expired session, details that do not match the session; starting again is the way on).
 */
export type FaceCheckResult =
  | { ok: true; passed: true; verifyRet: number }
  | { ok: true; passed: false; verifyRet: number; reason: FaceFailure }
  | { ok: false; reason: 'unavailable' | 'rejected'; providerCode: string };

/** 18-character mainland resident ID (checksum, real date). Other documents cannot use either face service. */
export function isMainlandIdNumber(id: string): boolean {
  return isValidIdNumber(id);
}

import crypto from 'node:crypto';
import { type FaceCheckResult, type FaceFailure, isMainlandIdNumber } from './faceResult';
import { exchangeJson } from './outsideHttp';
import { TOKEN_ERRCODES, wechatErrcode } from './wechatConfig';
import { WechatTokenError, type WechatTokenManager, wechatTokenManager } from './wechatToken';

export type { FaceCheckResult, FaceFailure } from './faceResult';

/**
 * WeChat 人脸核身 2.0, server side: `POST /cityservice/face/identify/getverifyid` (openid + name + ID
 * number → a verify_id for `wx.requestFacialVerify`, valid an hour) and
 * `POST /cityservice/face/identify/queryverifyinfo` (verify_id + the same out_seq_no, openid and a
 * hash of the same identity → verify_ret, 10000 = passed). Plain HTTPS with the access_token.
 *
 * Passed means errcode 0 and verify_ret 10000, nothing else. No image is ever fetched
 * (getimage is not used). ID numbers and names are never logged.
 */

export const GET_VERIFY_ID_PATH = '/cityservice/face/identify/getverifyid';
export const QUERY_VERIFY_INFO_PATH = '/cityservice/face/identify/queryverifyinfo';
export const CERT_TYPE_ID_CARD = 'IDENTITY_CARD';
export const VERIFY_RET_PASSED = 10000;

export interface WechatFaceOptions {
  /** Another token manager (and with it config and fetch) than this instance's. */
  manager?: WechatTokenManager;
}

export type GetVerifyIdResult =
  | { ok: true; verifyId: string; expiresInS: number; outSeqNo: string }
  | { ok: false; reason: 'unavailable' | 'rejected'; providerCode: string };

/** What `queryVerifyInfo` must repeat from `getVerifyId` (WeChat checks all of it). */
export interface VerifySession {
  openid: string;
  outSeqNo: string;
  name: string;
  idNumber: string;
}

/** out_seq_no: 5–32 of [0-9A-Za-z_-], unique per app id. */
export const OUT_SEQ_NO = /^[0-9A-Za-z_-]{5,32}$/;

export function newOutSeqNo(): string {
  return `cf${crypto.randomBytes(12).toString('hex')}`;
}

/**
 * cert_hash as WeChat defines it: each of cert_type, cert_name, cert_no in standard base64 (UTF-8),
 * joined as `cert_type=…&cert_name=…&cert_no=…`, SHA-256, lower-case hex.
 */
export function certHash(cert: { name: string; idNumber: string; certType?: string }): string {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const joined = `cert_type=${b64(cert.certType ?? CERT_TYPE_ID_CARD)}&cert_name=${b64(cert.name)}&cert_no=${b64(cert.idNumber)}`;
  return crypto.createHash('sha256').update(joined, 'utf8').digest('hex');
}

/** verify_ret → what it means for the person. Codes from the queryVerifyInfo reference. */
export function faceFailureForVerifyRet(ret: number): FaceFailure {
  if (ret === 10003) return 'id_mismatch'; // 身份证号不匹配
  if (ret === 10004) return 'face_mismatch'; // 比对人脸信息不匹配
  if (ret === 10005) return 'not_finished'; // 正在检测中
  if ([10002, 10008, 10009, 90011, 90013, 90023].includes(ret)) return 'liveness_failed'; // 人脸特征/活体检测失败, 采集无效, 追踪失败
  if ([90002, 90003, 90004, 90005, 90006, 90024].includes(ret)) return 'cancelled'; // 用户取消 / 在确认页退出
  if (ret === 90017 || ret === 90107) return 'timeout'; // 识别过程超时, 用户检测超时
  if ([90007, 90012, 90018, 90019, 90020, 90021, 90199].includes(ret)) return 'service_down'; // 网络错误, 上传失败, 系统错误
  return 'other'; // 参数错误, 设备不支持, 相机/麦克风未授权, …
}

type Unavailable = { ok: false; reason: 'unavailable' | 'rejected'; providerCode: string };

/** A WeChat errcode that is not a result: -1 system busy and token trouble are temporary, the rest a refusal. */
function refusal(code: number): Unavailable {
  const temporary = code === -1 || code === 45009 || TOKEN_ERRCODES.has(code);
  return { ok: false, reason: temporary ? 'unavailable' : 'rejected', providerCode: `errcode:${code}` };
}

async function post(path: string, payload: unknown, manager: WechatTokenManager) {
  return manager.withToken(async (token) => {
    const answer = await exchangeJson(`${manager.config.apiBase}${path}?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      timeoutMs: manager.config.timeoutMs,
      fetch: manager.fetch,
    });
    // withToken looks for `errcode` on what we return, so pass the body through when there is one.
    return answer.ok ? answer.body : answer;
  });
}

/** Runs one call; every network, timeout or token problem becomes `unavailable`. */
async function guarded<T>(label: string, run: () => Promise<T | Unavailable>): Promise<T | Unavailable> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof WechatTokenError) {
      console.warn(`[wechat] ${label}: no access_token (${e.code})`);
      return { ok: false, reason: 'unavailable', providerCode: `token:${e.code}` };
    }
    throw e;
  }
}

function transportFailure(label: string, body: any): Unavailable | null {
  if (body && body.ok === false && typeof body.code === 'string') {
    console.warn(`[wechat] ${label} failed: ${body.code}`);
    return { ok: false, reason: 'unavailable', providerCode: body.code };
  }
  return null;
}

/**
 * Starts a verification for `openid` (who must be the one who then calls wx.requestFacialVerify
 * in this mini-program). `outSeqNo` defaults to a fresh one; keep it for `queryVerifyInfo`.
 */
export async function getVerifyId(
  input: { openid: string; name: string; idNumber: string; outSeqNo?: string },
  opts: WechatFaceOptions = {},
): Promise<GetVerifyIdResult> {
  const outSeqNo = input.outSeqNo ?? newOutSeqNo();
  if (!OUT_SEQ_NO.test(outSeqNo)) throw new Error('outSeqNo must be 5-32 characters of 0-9 A-Z a-z _ -');
  // WeChat takes mainland resident ID cards only; other documents go to other channels.
  if (!isMainlandIdNumber(input.idNumber)) return { ok: false, reason: 'rejected', providerCode: 'NotMainlandIdCard' };
  return guarded('getVerifyId', async () => {
    const manager = opts.manager ?? wechatTokenManager();
    const body = await post(
      GET_VERIFY_ID_PATH,
      {
        out_seq_no: outSeqNo,
        cert_info: { cert_type: CERT_TYPE_ID_CARD, cert_name: input.name, cert_no: input.idNumber },
        openid: input.openid,
      },
      manager,
    );
    const failed = transportFailure('getVerifyId', body);
    if (failed) return failed;
    const code = wechatErrcode(body) ?? 0;
    if (code !== 0) {
      console.warn(`[wechat] getVerifyId refused: errcode ${code}`);
      return refusal(code);
    }
    if (typeof body?.verify_id !== 'string' || !body.verify_id)
      return { ok: false, reason: 'unavailable', providerCode: 'InvalidResponse' };
    const expiresInS = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600;
    return { ok: true, verifyId: body.verify_id, expiresInS, outSeqNo };
  });
}

/** The true result of a verification (the client's own success callback proves nothing). */
export async function queryVerifyInfo(verifyId: string, session: VerifySession, opts: WechatFaceOptions = {}): Promise<FaceCheckResult> {
  return guarded('queryVerifyInfo', async () => {
    const manager = opts.manager ?? wechatTokenManager();
    const body = await post(
      QUERY_VERIFY_INFO_PATH,
      { verify_id: verifyId, out_seq_no: session.outSeqNo, cert_hash: certHash(session), openid: session.openid },
      manager,
    );
    const failed = transportFailure('queryVerifyInfo', body);
    if (failed) return failed;
    const code = wechatErrcode(body) ?? 0;
    if (code !== 0) {
      console.warn(`[wechat] queryVerifyInfo refused: errcode ${code}`);
      return refusal(code);
    }
    const ret = body?.verify_ret;
    if (typeof ret !== 'number') return { ok: false, reason: 'unavailable', providerCode: 'InvalidResponse' };
    if (ret === VERIFY_RET_PASSED) return { ok: true, passed: true, verifyRet: ret };
    return { ok: true, passed: false, verifyRet: ret, reason: faceFailureForVerifyRet(ret) };
  });
}

import {
  certificationSchemas,
  FACE_ATTEMPTS_PER_DAY,
  FACE_CONSENT_VERSION,
  type FaceFailureReason,
  type FaceFinished,
  type FaceStarted,
  type FaceToday,
} from '../../contract/certification';
import { shanghaiDay } from '../../contract/time';
import { COLLECTIONS } from '../../database/collections';
import type { Caller } from '../_lib/caller';
import { db } from '../_lib/cloud';
import { action } from '../_lib/defineFunction';
import { AppError, forbidden, invalidInput, isDuplicateKey, notFound } from '../_lib/errors';
import { detectAuth, getDetectInfo } from '../_lib/faceid';
import { decryptPii } from '../_lib/pii';
import { countToday, takeDaily } from '../_lib/rateLimit';
import { getRetiree, pii, type RetireeDoc } from '../_lib/retirees';
import { now } from '../_lib/time';
import { actingFor } from '../_lib/users';
import { getVerifyId, queryVerifyInfo } from '../_lib/wechatFace';
import { recordCertification } from './record';
import { refreshState, statusOf } from './status';

/**
 * Self-service face verification, for oneself or for an elder one helps (亲情服务: the
 * helper's phone, the elder's face). The provider compares the live face with the national
 * ID photo; we store only its result and reference (verifyId / BizToken) — never an image.
 *
 * weapp: WeChat 人脸核身 2.0 — `face.start` gets a verifyId (getVerifyId, with the caller's
 * openid), the page runs wx.requestFacialVerify, `face.finish` asks queryVerifyInfo.
 * h5: Tencent Cloud 慧眼 — `face.start` gets a page to go to (DetectAuth), the provider sends
 * the person back to `returnUrl`, `face.finish` asks GetDetectInfoEnhanced.
 * The result always comes from the provider, server to server; what the phone says only
 * explains a cancel.
 */

interface AttemptDoc {
  _id: string;
  requestKey: string;
  retireeId: string;
  operatorUserId: string;
  operatorName: string | null;
  via: 'self' | 'family';
  channel: 'weapp' | 'h5';
  provider: 'wechat' | 'faceid';
  day: string;
  /** starting → started → passed | failed; 'unavailable' when the provider could not start it. */
  status: 'starting' | 'started' | 'passed' | 'failed' | 'unavailable' | 'over_limit';
  providerRef: string | null;
  /** WeChat: the out_seq_no sent with getVerifyId (queryVerifyInfo repeats it). */
  outSeqNo: string | null;
  url: string | null;
  reason: FaceFailureReason | null;
  providerCode: string | null;
  certificationId: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

const attempts = () => db().collection(COLLECTIONS.faceAttempts);
const limitKey = (retireeId: string) => `face:${retireeId}`;

/** What to say after a failed attempt: what happened, and what to do next. */
export const FAILURE_WORDS: Record<FaceFailureReason, string> = {
  face_mismatch: '刷脸没有通过：和身份证照片对不上。请确认是长辈本人对着镜头，摘下帽子和眼镜，在亮一点的地方再试一次。',
  liveness_failed: '刷脸没有通过：没能确认是本人在做。请按屏幕上的提示眨眨眼、张张嘴，手机拿稳，再试一次。',
  timeout: '时间到了还没做完。请找个光线好的地方，准备好了再试一次。',
  cancelled: '这次没有做完刷脸，没关系，准备好了可以再试一次。',
  not_finished: '这次没有做完刷脸，没关系，准备好了可以再试一次。',
  service_down: '刷脸服务暂时出了问题，不是您的原因。请过一会儿再试。',
  id_mismatch: '身份信息核对不上。请联系社区工作人员，核对名单上的姓名和身份证号。',
  other: '这次没有通过。请再试一次；如果一直不行，可以到社区现场认证，或请工作人员上门。',
};

const TOO_MANY_WORDS = `今天已经试了${FACE_ATTEMPTS_PER_DAY}次了，请明天再试，或到社区现场认证、请工作人员上门。`;

const OTHER_CHANNELS_WORDS = '在境外或持港澳台、外国证件的长辈不能用微信刷脸。请用"中国领事"App 认证，或请家人带材料到社区办理。';

async function hasFaceConsent(identity: string): Promise<boolean> {
  const { total } = await db().collection(COLLECTIONS.consents).where({ identity, kind: 'face', version: FACE_CONSENT_VERSION }).count();
  return total > 0;
}

function attemptsLeft(used: number) {
  return Math.max(0, FACE_ATTEMPTS_PER_DAY - used);
}

function leftWords(left: number) {
  return left > 0 ? `今天还可以再试${left}次。` : '今天的次数用完了，请明天再试，或到社区现场认证。';
}

async function checkRetiree(retireeId: string): Promise<RetireeDoc> {
  const retiree = await getRetiree(retireeId);
  if (!retiree) throw notFound('没有找到这位长辈的信息');
  if (retiree.abroad || retiree.nonMainlandId) throw new AppError('FORBIDDEN', OTHER_CHANNELS_WORDS);
  return retiree;
}

/** Asks the provider to start; stores its reference. Failure to start uses no attempt. */
async function startWithProvider(attempt: AttemptDoc, retiree: RetireeDoc, caller: Caller, returnUrl?: string): Promise<AttemptDoc> {
  const idNumber = decryptPii(pii(), retiree.idEnc);
  let ref: { providerRef: string; url: string | null; outSeqNo: string | null } | null = null;
  let providerCode = '';
  checkChannel(attempt.channel, caller, returnUrl);
  if (attempt.channel === 'weapp') {
    const openid = openidOf(caller) as string;
    const res = await getVerifyId({ openid, name: retiree.name, idNumber });
    if (res.ok) ref = { providerRef: res.verifyId, url: null, outSeqNo: res.outSeqNo };
    else providerCode = res.providerCode;
  } else {
    const res = await detectAuth({ name: retiree.name, idNumber, redirectUrl: returnUrl as string, extra: attempt._id });
    if (res.ok) ref = { providerRef: res.bizToken, url: res.url, outSeqNo: null };
    else providerCode = res.providerCode;
  }
  if (!ref) {
    await attempts().doc(attempt._id).update({ status: 'unavailable', providerCode });
    throw new AppError('UNAVAILABLE', '刷脸服务暂时用不了，不是您的原因，这次不算次数。请过一会儿再试，着急的话可以到社区现场认证。');
  }
  // Counted once the provider has started it (a retry of the same request is not counted again).
  if (!(await takeDaily(limitKey(retiree._id), FACE_ATTEMPTS_PER_DAY))) {
    await attempts().doc(attempt._id).update({ status: 'over_limit' });
    throw new AppError('TOO_MANY', TOO_MANY_WORDS);
  }
  await attempts()
    .doc(attempt._id)
    .update({ status: 'started', ...ref });
  return { ...attempt, status: 'started', ...ref };
}

const openidOf = (caller: Caller) => (caller.identity?.startsWith('wx:') ? caller.identity.slice(3) : null);

/** What the channel needs from the caller and the input; checked before an attempt is written, so a refused start leaves nothing behind. */
function checkChannel(channel: AttemptDoc['channel'], caller: Caller, returnUrl?: string) {
  if (channel === 'weapp' && !openidOf(caller)) throw invalidInput('请在微信小程序里刷脸认证');
  if (channel !== 'weapp' && (!returnUrl || !allowedReturn(returnUrl))) throw invalidInput('返回地址不对，请从首页重新进入');
}

/** H5 sends people back only to this deployment's own pages (APP_H5_ORIGINS; no open redirect). */
function allowedReturn(url: string): boolean {
  const allowed = (process.env.APP_H5_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    const { origin, hostname, protocol } = new URL(url);
    if (allowed.includes(origin)) return true;
    // Locally the app is served on a loopback port chosen at start (never in production).
    return process.env.DEPLOY_ENV !== 'production' && protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost');
  } catch {
    return false;
  }
}

function started(a: AttemptDoc): FaceStarted {
  return a.channel === 'weapp'
    ? { attemptId: a._id, channel: 'weapp', verifyId: a.providerRef as string }
    : { attemptId: a._id, channel: 'h5', url: a.url as string };
}

async function finished(a: AttemptDoc, retireeId: string): Promise<FaceFinished> {
  const left = attemptsLeft(await countToday(limitKey(retireeId)));
  const retiree = await getRetiree(retireeId);
  const status = retiree ? statusOf(retiree, shanghaiDay(now())) : null;
  if (a.status === 'passed') {
    const whose = a.via === 'family' ? `${retiree?.name ?? '长辈'}的认证已完成` : '认证已完成';
    return {
      attemptId: a._id,
      passed: true,
      reason: null,
      attemptsLeft: left,
      status,
      message: `${whose}，谢谢！${status ? status.headline : ''}`,
    };
  }
  const reason = a.reason ?? 'other';
  return { attemptId: a._id, passed: false, reason, attemptsLeft: left, status, message: `${FAILURE_WORDS[reason]}${leftWords(left)}` };
}

export const faceActions = {
  'face.consent': action({
    input: certificationSchemas['face.consent'],
    roles: ['retiree', 'family', 'guest'],
    handler: async ({ version }, { caller }) => {
      if (!caller.identity) throw forbidden();
      try {
        await db().collection(COLLECTIONS.consents).add({ identity: caller.identity, kind: 'face', version, at: now() });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e; // agreed before: once is enough
      }
      return { accepted: true as const, version };
    },
  }),

  'face.today': action({
    input: certificationSchemas['face.today'],
    roles: ['retiree', 'family'],
    handler: async ({ retireeId }, { caller }): Promise<FaceToday> => {
      await actingFor(caller, retireeId);
      const used = await countToday(limitKey(retireeId));
      return { attemptsUsed: used, attemptsLeft: attemptsLeft(used), consented: await hasFaceConsent(caller.identity as string) };
    },
  }),

  'face.start': action({
    input: certificationSchemas['face.start'],
    roles: ['retiree', 'family'],
    handler: async ({ retireeId, channel, returnUrl, requestId }, { caller }): Promise<FaceStarted> => {
      const acting = await actingFor(caller, retireeId);
      if (!(await hasFaceConsent(caller.identity as string))) throw new AppError('NEEDS_CONSENT', '请先阅读并同意人脸信息的使用说明');
      const retiree = await checkRetiree(retireeId);
      checkChannel(channel, caller, returnUrl);
      const requestKey = `${acting.operatorUserId}:${requestId}`;

      // A retried request: the same attempt (started again only if the provider had not started it).
      const { data: before } = await attempts().where({ requestKey }).limit(1).get();
      let attempt = before[0] as AttemptDoc | undefined;
      if (attempt?.status === 'started') return started(attempt);
      if (attempt?.status === 'over_limit') throw new AppError('TOO_MANY', TOO_MANY_WORDS);
      if (attempt && attempt.status !== 'starting' && attempt.status !== 'unavailable') {
        throw new AppError('CONFLICT', '这次认证已经结束，请重新开始');
      }
      if (!attempt) {
        if ((await countToday(limitKey(retireeId))) >= FACE_ATTEMPTS_PER_DAY) {
          throw new AppError('TOO_MANY', TOO_MANY_WORDS);
        }
        const doc: Omit<AttemptDoc, '_id'> = {
          requestKey,
          retireeId,
          operatorUserId: acting.operatorUserId,
          operatorName: caller.name,
          via: acting.via,
          channel,
          provider: channel === 'weapp' ? 'wechat' : 'faceid',
          day: shanghaiDay(now()),
          status: 'starting',
          providerRef: null,
          outSeqNo: null,
          url: null,
          reason: null,
          providerCode: null,
          certificationId: null,
          createdAt: now(),
          finishedAt: null,
        };
        try {
          const res = (await attempts().add(doc)) as { id: string };
          attempt = { _id: res.id, ...doc };
        } catch (e) {
          if (!isDuplicateKey(e)) throw e;
          const { data } = await attempts().where({ requestKey }).limit(1).get();
          attempt = data[0] as AttemptDoc;
          if (attempt.status === 'started') return started(attempt);
        }
      }
      return started(await startWithProvider(attempt, retiree, caller, returnUrl));
    },
  }),

  'face.finish': action({
    input: certificationSchemas['face.finish'],
    roles: ['retiree', 'family'],
    handler: async ({ attemptId, client }, { caller }): Promise<FaceFinished> => {
      const { data } = await attempts().doc(attemptId).get();
      const attempt = data[0] as AttemptDoc | undefined;
      if (!attempt || attempt.operatorUserId !== caller.userId) throw notFound('没有找到这次认证，请重新开始');
      if (attempt.status === 'passed' || attempt.status === 'failed') return finished(attempt, attempt.retireeId);
      if (attempt.status !== 'started' || !attempt.providerRef) throw new AppError('CONFLICT', '这次认证没有开始，请重新开始');
      // Checked again now: a link ended meanwhile stops the helper here.
      const acting = await actingFor(caller, attempt.retireeId);

      const retiree = await getRetiree(attempt.retireeId);
      if (!retiree) throw notFound('没有找到这位长辈的信息');
      const res =
        attempt.provider === 'wechat'
          ? await queryVerifyInfo(attempt.providerRef, {
              openid: (caller.identity ?? '').replace(/^wx:/, ''),
              outSeqNo: attempt.outSeqNo ?? '',
              name: retiree.name,
              idNumber: decryptPii(pii(), retiree.idEnc),
            })
          : await getDetectInfo(attempt.providerRef);
      if (!res.ok && res.reason === 'rejected') {
        // The provider no longer knows this session (expired after an hour, or refused): start again.
        await attempts()
          .where({ _id: attemptId, status: 'started' })
          .update({ status: 'failed', reason: 'other', providerCode: res.providerCode, finishedAt: now() });
        return finished({ ...attempt, status: 'failed', reason: 'other' }, attempt.retireeId);
      }
      if (!res.ok) {
        throw new AppError('UNAVAILABLE', '暂时查不到刷脸的结果，不是您的原因。请过一会儿再点"查看结果"，不用重新刷脸。');
      }
      if (!res.passed) {
        // The provider's "not finished", when the phone says the person stopped, is a cancel.
        const reason: FaceFailureReason = res.reason === 'not_finished' && client === 'cancelled' ? 'cancelled' : res.reason;
        await attempts()
          .where({ _id: attemptId, status: 'started' })
          .update({ status: 'failed', reason, providerCode: String(res.verifyRet), finishedAt: now() });
        return finished({ ...attempt, status: 'failed', reason }, attempt.retireeId);
      }
      const { record } = await recordCertification({
        key: `face:${attemptId}`,
        retiree,
        method: acting.via === 'family' ? 'family_face' : 'face',
        day: shanghaiDay(now()),
        source: attempt.provider,
        providerRef: attempt.providerRef,
        operatorUserId: acting.operatorUserId,
        operatorName: attempt.operatorName,
        via: acting.via,
      });
      await attempts()
        .where({ _id: attemptId, status: 'started' })
        .update({ status: 'passed', certificationId: record._id, finishedAt: now() });
      await refreshState(attempt.retireeId);
      return finished({ ...attempt, status: 'passed' }, attempt.retireeId);
    },
  }),
};

import crypto from 'node:crypto';
import { accountSchemas, BIND_ATTEMPTS_PER_DAY, type BindStarted, CODE_TRIES, CODE_TTL_MINUTES, type Me } from '../../contract/accounts';
import { COLLECTIONS } from '../../database/collections';
import { db } from '../_lib/cloud';
import { action } from '../_lib/defineFunction';
import { AppError, isDuplicateKey, notFound } from '../_lib/errors';
import { decryptPii, keyedHash } from '../_lib/pii';
import { takeDaily } from '../_lib/rateLimit';
import { findByIdNumber, getRetiree, pii } from '../_lib/retirees';
import { sendVerificationCode } from '../_lib/sms';
import { now } from '../_lib/time';
import { ensureUser, getUser, refreshRole } from '../_lib/users';
import { describe, requirePrivacy } from './me';

/**
 * Binding a WeChat user to a roster entry: name + ID number, then a code sent by SMS to
 * the phone on the roster. The first answer is the same whether or not the ID is on the
 * roster (and a non-match still "uses" an attempt), so the form cannot be used to find
 * out who is on it.
 */
interface AttemptDoc {
  _id: string;
  requestKey: string;
  identity: string;
  retireeId: string | null;
  codeHash: string | null;
  expiresAt: Date;
  triesLeft: number;
  status: 'sent' | 'used';
  /** Whether the text went out: 'none' when there is no one to send it to (no match). */
  sms: 'none' | 'pending' | 'sent' | 'failed';
  createdAt: Date;
}

const attempts = () => db().collection(COLLECTIONS.bindAttempts);
export const BIND_SENT_MESSAGE = `如果姓名和身份证号与登记信息一致，验证码已发送到登记的手机上，${CODE_TTL_MINUTES}分钟内有效。`;

const codeHash = (attemptId: string, code: string) => keyedHash(pii(), 'code', `${attemptId}:${code}`);

/** A 6-digit code, every value equally likely. */
const newCode = () => String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');

/** Send the code; record whether it went, so a retry of the same request can send it again. */
async function deliver(attemptId: string, phoneEnc: string, code: string) {
  const sent = await sendVerificationCode({
    phone: decryptPii(pii(), phoneEnc),
    code,
    minutes: CODE_TTL_MINUTES,
    sessionContext: attemptId,
  });
  await attempts()
    .doc(attemptId)
    .update({ sms: sent.ok ? 'sent' : 'failed' });
  if (!sent.ok) throw new AppError('UNAVAILABLE', '短信暂时发不出去，请过几分钟再试；着急的话请拨打中心电话');
}

/** A retried start whose text never went out (the provider failed, or the call died): a new code, sent now. */
async function resendIfUnsent(attempt: AttemptDoc) {
  if (!attempt.retireeId || (attempt.sms !== 'failed' && attempt.sms !== 'pending') || attempt.status !== 'sent') return;
  if (new Date(attempt.expiresAt).getTime() < now().getTime()) return;
  // 'pending' and young: the first call may still be sending; don't send twice.
  if (attempt.sms === 'pending' && now().getTime() - new Date(attempt.createdAt).getTime() < 30_000) return;
  const entry = await getRetiree(attempt.retireeId);
  if (!entry?.phoneEnc) return;
  const code = newCode();
  const _ = db().command;
  const took = (await attempts()
    .where({ _id: attempt._id, sms: _.in(['failed', 'pending']) })
    .update({ sms: 'pending', codeHash: codeHash(attempt._id, code), triesLeft: CODE_TRIES })) as { updated: number };
  if (took.updated === 1) await deliver(attempt._id, entry.phoneEnc, code);
}

export const bindingActions = {
  'bind.start': action({
    input: accountSchemas['bind.start'],
    roles: ['guest', 'retiree', 'family'],
    handler: async ({ name, idNumber, requestId }, { caller }): Promise<BindStarted> => {
      await requirePrivacy(caller);
      const identity = caller.identity as string;
      const requestKey = `${identity}:${requestId}`;
      const answer = (id: string): BindStarted => ({ attemptId: id, message: BIND_SENT_MESSAGE, expiresInMinutes: CODE_TTL_MINUTES });

      // A retried request gets the first attempt back, and no second text message
      // unless the first one never went out.
      const { data: earlier } = await attempts().where({ requestKey }).limit(1).get();
      if (earlier.length) {
        await resendIfUnsent(earlier[0] as AttemptDoc);
        return answer((earlier[0] as AttemptDoc)._id);
      }

      if (caller.userId && (await getUser(caller.userId))?.retireeId) {
        throw new AppError('CONFLICT', '您已经绑定了退休人员信息。如需换绑，请先在"我的信息"里解除绑定');
      }
      if (!(await takeDaily(`bind:user:${identity}`, BIND_ATTEMPTS_PER_DAY))) {
        throw new AppError('TOO_MANY', '今天尝试的次数太多了，请明天再试，或拨打中心电话求助');
      }
      const found = await findByIdNumber(idNumber);
      const match = found && found.name === name && found.phoneEnc ? found : null;
      // The roster entry's own limit protects its owner from someone else's guessing; going over it looks like a non-match.
      const allowed = match ? await takeDaily(`bind:entry:${match._id}`, BIND_ATTEMPTS_PER_DAY) : false;
      const target = allowed ? match : null;

      const id = crypto.randomUUID().replace(/-/g, '');
      const code = newCode();
      const doc: Omit<AttemptDoc, '_id'> & { _id: string } = {
        _id: id,
        requestKey,
        identity,
        retireeId: target?._id ?? null,
        codeHash: target ? codeHash(id, code) : null,
        expiresAt: new Date(now().getTime() + CODE_TTL_MINUTES * 60_000),
        triesLeft: CODE_TRIES,
        status: 'sent',
        sms: target ? 'pending' : 'none',
        createdAt: now(),
      };
      try {
        await attempts().add(doc);
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        const { data } = await attempts().where({ requestKey }).limit(1).get();
        return answer((data[0] as AttemptDoc)._id);
      }
      if (target?.phoneEnc) await deliver(id, target.phoneEnc, code);
      return answer(id);
    },
  }),

  'bind.confirm': action({
    input: accountSchemas['bind.confirm'],
    roles: ['guest', 'retiree', 'family'],
    handler: async ({ attemptId, code }, { caller }): Promise<Me> => {
      const { data } = await attempts().doc(attemptId).get();
      const attempt = data[0] as AttemptDoc | undefined;
      if (!attempt || attempt.identity !== caller.identity) throw notFound('验证已失效，请重新获取验证码');
      const expired = new Date(attempt.expiresAt).getTime() < now().getTime();
      if (attempt.status !== 'sent' || expired) throw new AppError('INVALID_INPUT', '验证码已过期，请重新获取');
      const _ = db().command;
      const took = (await attempts()
        .where({ _id: attemptId, status: 'sent', triesLeft: _.gt(0) })
        .update({ triesLeft: _.inc(-1) })) as { updated: number };
      if (took.updated !== 1) throw new AppError('INVALID_INPUT', '验证码输错次数太多，请重新获取');
      const right =
        attempt.retireeId &&
        attempt.codeHash &&
        crypto.timingSafeEqual(Buffer.from(attempt.codeHash), Buffer.from(codeHash(attemptId, code)));
      if (!right || !attempt.retireeId) {
        const left = attempt.triesLeft - 1;
        throw new AppError('INVALID_INPUT', left > 0 ? `验证码不对，还可以再试${left}次` : '验证码输错次数太多，请重新获取');
      }

      const retireeId = attempt.retireeId;
      const user = await ensureUser(caller, '');
      // One transaction, all by document id: the attempt is used once, the entry and the
      // account point at each other, and an earlier account on that entry lets go.
      const previous: string | null = await db().runTransaction(async (t: any) => {
        const { data: a } = await t.collection(COLLECTIONS.bindAttempts).doc(attemptId).get();
        if (a?.status !== 'sent') throw new AppError('CONFLICT', '这个验证码已经用过了');
        const { data: entry } = await t.collection(COLLECTIONS.retirees).doc(retireeId).get();
        const { data: me } = await t.collection(COLLECTIONS.users).doc(user._id).get();
        if (me.retireeId && me.retireeId !== retireeId) throw new AppError('CONFLICT', '您已经绑定了其他退休人员信息，请先解除绑定');
        const at = now();
        const previous: string | null = entry.boundUserId && entry.boundUserId !== user._id ? entry.boundUserId : null;
        if (previous) {
          const { data: old } = await t.collection(COLLECTIONS.users).doc(previous).get();
          if (old) await t.collection(COLLECTIONS.users).doc(previous).update({ retireeId: null, role: 'guest', updatedAt: at });
        }
        await t.collection(COLLECTIONS.bindAttempts).doc(attemptId).update({ status: 'used', usedAt: at });
        await t.collection(COLLECTIONS.retirees).doc(retireeId).update({ boundUserId: user._id, updatedAt: at });
        const promote = me.role === 'staff' || me.role === 'admin' ? {} : { role: 'retiree' };
        await t
          .collection(COLLECTIONS.users)
          .doc(user._id)
          .update({ retireeId, name: entry.name, ...promote, updatedAt: at });
        await t.collection(COLLECTIONS.auditLog).add({
          action: previous ? 'retiree.rebind' : 'retiree.bind',
          target: { collection: COLLECTIONS.retirees, id: retireeId },
          subjectId: retireeId,
          detail: previous ? { userId: user._id, previousUserId: previous } : { userId: user._id },
          actorUserId: user._id,
          actorRole: caller.role,
          at,
        });
        return previous;
      });
      if (previous) await refreshRole(previous); // it may still help others as family
      const fresh = await getUser(user._id);
      return describe({ ...caller, userId: user._id, role: fresh?.role ?? 'retiree', name: fresh?.name ?? null });
    },
  }),
};

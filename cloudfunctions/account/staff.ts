import crypto from 'node:crypto';
import { accountSchemas, type Invitation, type Me, type StaffAccount } from '../../contract/accounts';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import type { UserDoc } from '../_lib/caller';
import { db } from '../_lib/cloud';
import { action } from '../_lib/defineFunction';
import { AppError, isDuplicateKey, notFound } from '../_lib/errors';
import { keyedHash } from '../_lib/pii';
import { pii } from '../_lib/retirees';
import { now } from '../_lib/time';
import { ensureUser, getUser, users } from '../_lib/users';
import { describe } from './me';

/**
 * Staff accounts. An admin invites (name, role, streets) and gets a one-time code; the new
 * staff member signs in to the console (a CloudBase username/password account in
 * production) and redeems it, which makes that sign-in a staff account with that scope.
 */
const INVITE_DAYS = 7;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I

const invites = () => db().collection(COLLECTIONS.staffInvites);
const codeHash = (code: string) => keyedHash(pii(), 'invite', code);

function toStaff(u: UserDoc): StaffAccount {
  return { userId: u._id, name: u.name, role: u.role as 'staff' | 'admin', streets: u.streets ?? [], disabled: !!u.disabled };
}

async function staffUser(userId: string): Promise<UserDoc> {
  const u = await getUser(userId);
  if (!u || (u.role !== 'staff' && u.role !== 'admin')) throw notFound('没有找到这个工作人员账号');
  return u;
}

export const staffActions = {
  'staff.list': action({
    input: accountSchemas['staff.list'],
    roles: ['admin'],
    handler: async (): Promise<StaffAccount[]> => {
      const _ = db().command;
      const { data } = await users()
        .where({ role: _.in(['staff', 'admin']) })
        .orderBy('name', 'asc')
        .limit(1000)
        .get();
      return (data as UserDoc[]).map(toStaff);
    },
  }),

  'staff.invite': action({
    input: accountSchemas['staff.invite'],
    roles: ['admin'],
    handler: async ({ name, role, streets, requestId }, { caller }): Promise<Invitation> => {
      const requestKey = `${caller.userId}:${requestId}`;
      const code = Array.from({ length: 8 }, () => CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)]).join('');
      const expiresAt = new Date(now().getTime() + INVITE_DAYS * 86_400_000);
      try {
        const { id } = (await invites().add({
          requestKey,
          codeHash: codeHash(code),
          name,
          role,
          streets,
          expiresAt,
          usedBy: null,
          createdBy: caller.userId,
          createdAt: now(),
        })) as { id: string };
        await audit(caller, {
          action: 'staff.invite',
          target: { collection: COLLECTIONS.staffInvites, id },
          detail: { name, role, streets },
        });
      } catch (e) {
        // The code is only ever shown once; a retried request cannot show it again.
        if (isDuplicateKey(e)) throw new AppError('CONFLICT', '这个邀请已经生成过了，请刷新后查看，或重新生成一个');
        throw e;
      }
      return { code, name, role, streets, expiresAt: expiresAt.toISOString() };
    },
  }),

  /** A new sign-in, or a family member (their links stay), becomes staff; a bound retiree cannot. */
  'staff.claim': action({
    input: accountSchemas['staff.claim'],
    roles: ['guest', 'family'],
    handler: async ({ code }, { caller }): Promise<Me> => {
      const { data } = await invites()
        .where({ codeHash: codeHash(code) })
        .limit(1)
        .get();
      const invite = data[0] as
        | { _id: string; name: string; role: 'staff' | 'admin'; streets: 'all' | string[]; expiresAt: Date; usedBy: string | null }
        | undefined;
      if (!invite || invite.usedBy || new Date(invite.expiresAt).getTime() < now().getTime()) {
        throw new AppError('INVALID_INPUT', '邀请码不对或已失效，请向管理员要一个新的');
      }
      const user = await ensureUser(caller, invite.name);
      if (user.retireeId) throw new AppError('CONFLICT', '这个账号已经绑定了退休人员信息，请用另一个账号登录工作台');
      const taken = (await invites().where({ _id: invite._id, usedBy: null }).update({ usedBy: user._id, usedAt: now() })) as {
        updated: number;
      };
      if (taken.updated !== 1) throw new AppError('INVALID_INPUT', '邀请码不对或已失效，请向管理员要一个新的');
      await users()
        .doc(user._id)
        .update({ role: invite.role, name: invite.name, streets: invite.streets, disabled: false, updatedAt: now() });
      await audit(
        { ...caller, userId: user._id },
        { action: 'staff.claim', target: { collection: COLLECTIONS.users, id: user._id }, detail: { inviteId: invite._id } },
      );
      return describe({ ...caller, userId: user._id, role: invite.role, name: invite.name, streets: invite.streets });
    },
  }),

  'staff.update': action({
    input: accountSchemas['staff.update'],
    roles: ['admin'],
    handler: async ({ userId, role, streets }, { caller }): Promise<StaffAccount> => {
      const u = await staffUser(userId);
      if (userId === caller.userId && role !== 'admin') throw new AppError('CONFLICT', '不能取消自己的管理员身份，请让另一位管理员操作');
      await users().doc(userId).update({ role, streets, updatedAt: now() });
      await audit(caller, {
        action: 'staff.update',
        target: { collection: COLLECTIONS.users, id: userId },
        detail: { from: { role: u.role, streets: u.streets }, to: { role, streets } },
      });
      return toStaff({ ...u, role, streets });
    },
  }),

  'staff.disable': action({
    input: accountSchemas['staff.disable'],
    roles: ['admin'],
    handler: async ({ userId }, { caller }): Promise<StaffAccount> => {
      const u = await staffUser(userId);
      if (userId === caller.userId) throw new AppError('CONFLICT', '不能停用自己的账号');
      await users().doc(userId).update({ disabled: true, updatedAt: now() });
      await audit(caller, { action: 'staff.disable', target: { collection: COLLECTIONS.users, id: userId } });
      return toStaff({ ...u, disabled: true });
    },
  }),
};

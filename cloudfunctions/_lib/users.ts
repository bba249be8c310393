import { COLLECTIONS } from '../../database/collections';
import type { Caller, UserDoc } from './caller';
import { db } from './cloud';
import { forbidden, isDuplicateKey, unauthenticated } from './errors';
import { now } from './time';

export const users = () => db().collection(COLLECTIONS.users);

export async function getUser(id: string): Promise<UserDoc | null> {
  const { data } = await users().doc(id).get();
  return (data[0] as UserDoc | undefined) ?? null;
}

/**
 * The caller's account, created on first need (a new WeChat user who binds or asks to
 * help an elder). Safe under a race: the identity is a unique key.
 */
export async function ensureUser(caller: Caller, name: string): Promise<UserDoc> {
  if (!caller.identity) throw unauthenticated();
  if (caller.userId) {
    const existing = await getUser(caller.userId);
    if (existing) return existing;
  }
  const doc = { identity: caller.identity, role: 'guest', name, streets: [], retireeId: null, createdAt: now() };
  try {
    const { id } = (await users().add(doc)) as { id: string };
    return { _id: id, ...doc } as UserDoc;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const { data } = await users().where({ identity: caller.identity }).limit(1).get();
    return data[0] as UserDoc;
  }
}

/**
 * A non-staff account's role follows from what it is linked to: bound to a roster entry →
 * retiree; helping at least one elder → family; otherwise guest.
 */
export async function refreshRole(userId: string): Promise<UserDoc['role']> {
  const user = await getUser(userId);
  if (!user || user.role === 'staff' || user.role === 'admin') return user?.role ?? 'guest';
  let role: UserDoc['role'] = 'guest';
  if (user.retireeId) role = 'retiree';
  else {
    const { total } = await db().collection(COLLECTIONS.familyLinks).where({ helperUserId: userId, status: 'active' }).count();
    if (total > 0) role = 'family';
  }
  if (role !== user.role) await users().doc(userId).update({ role, updatedAt: now() });
  return role;
}

/**
 * May this caller act for this retiree (certify, register for an event…)? The retiree
 * themself, or a helper with an active link right now. Returns who did it for whom, for
 * the record.
 */
export async function actingFor(
  caller: Caller,
  retireeId: string,
): Promise<{ operatorUserId: string; retireeId: string; via: 'self' | 'family' }> {
  if (!caller.userId) throw unauthenticated();
  const user = await getUser(caller.userId);
  if (user?.retireeId === retireeId) return { operatorUserId: caller.userId, retireeId, via: 'self' };
  const { total } = await db()
    .collection(COLLECTIONS.familyLinks)
    .where({ helperUserId: caller.userId, retireeId, status: 'active' })
    .count();
  if (total > 0) return { operatorUserId: caller.userId, retireeId, via: 'family' };
  throw forbidden('您还不能替这位长辈办理，请先在"家人帮办"里关联');
}

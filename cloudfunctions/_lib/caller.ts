import type { CallerRole, Role } from '../../contract/envelope';
import { COLLECTIONS } from '../../database/collections';
import { cloud, db } from './cloud';

/**
 * Who is calling, as the platform says (never as the client says): the WeChat openid or
 * the console uid from `auth().getUserInfo()`, matched to an account in `users`.
 */
export interface Caller {
  role: CallerRole;
  /** "wx:<openid>" or "web:<uid>"; null for a call with no user (a timer, another function). */
  identity: string | null;
  userId: string | null;
  name: string | null;
  /** Staff scope: 'all' or the streets they serve. */
  streets: 'all' | string[];
  /** A staff account an admin switched off: it may do only what a guest may. */
  disabled?: boolean;
}

export interface UserDoc {
  _id: string;
  identity: string;
  /** 'guest': an account with nothing linked yet (it asked to bind or to help). */
  role: Role | 'guest';
  name: string;
  streets?: 'all' | string[];
  retireeId?: string | null;
  /** A disabled staff account signs in as a guest. */
  disabled?: boolean;
  createdAt?: Date;
}

/** The key an account is stored under: a WeChat openid, else a console uid. */
export function identityKey(ids: { openid?: string; uid?: string }): string | null {
  return ids.openid ? `wx:${ids.openid}` : ids.uid ? `web:${ids.uid}` : null;
}

export async function resolveCaller(): Promise<Caller> {
  const info = cloud().auth().getUserInfo();
  const identity = identityKey({ openid: info.openId, uid: info.uid });
  if (!identity) return { role: 'anonymous', identity: null, userId: null, name: null, streets: [] };
  const { data } = await db().collection(COLLECTIONS.users).where({ identity }).limit(1).get();
  const user = data[0] as UserDoc | undefined;
  if (!user) return { role: 'guest', identity, userId: null, name: null, streets: [] };
  if (user.disabled) return { role: 'guest', identity, userId: user._id, name: user.name, streets: [], disabled: true };
  // Admins see the whole district whatever their record says.
  return { role: user.role, identity, userId: user._id, name: user.name, streets: user.role === 'admin' ? 'all' : (user.streets ?? []) };
}

export const isStaff = (c: Caller) => c.role === 'staff' || c.role === 'admin';

import { COLLECTIONS } from '../../database/collections';
import { type Caller, isStaff } from '../_lib/caller';
import { db } from '../_lib/cloud';
import { getRetiree } from '../_lib/retirees';
import { getUser } from '../_lib/users';

/**
 * Who a notice is for. A notice is for the whole district (`audienceKeys: ['district']`) or for
 * some streets (`['street:海沧街道', …]`). A retiree reads the district's and their own street's;
 * a family member the district's and those of the streets of the elders they help (active links);
 * someone both, all of those; anyone not signed in, or not linked to anyone, the district's only.
 * Staff read every notice. Decided on the server at every call, from the account and its links as
 * they are now.
 */
export type Audience = { all: true } | { all: false; streets: string[] };

export const DISTRICT_KEY = 'district';
const STREET_PREFIX = 'street:';

export async function audienceOf(caller: Caller): Promise<Audience> {
  if (isStaff(caller)) return { all: true };
  if (!caller.userId || (caller.role !== 'retiree' && caller.role !== 'family')) return { all: false, streets: [] };
  const streets = new Set<string>();
  const user = await getUser(caller.userId);
  if (user?.retireeId) {
    const me = await getRetiree(user.retireeId);
    if (me) streets.add(me.street);
  }
  const { data } = await db()
    .collection(COLLECTIONS.familyLinks)
    .where({ helperUserId: caller.userId, status: 'active' })
    .field({ street: true })
    .limit(20)
    .get();
  for (const l of data as Array<{ street?: string | null }>) if (l.street) streets.add(l.street);
  return { all: false, streets: [...streets].sort() };
}

/** The keys a reader matches: the district's, and each of their streets'. */
export function readerKeys(a: Audience & { all: false }): string[] {
  return [DISTRICT_KEY, ...a.streets.map((s) => STREET_PREFIX + s)];
}

/** What a notice stores for the streets chosen (none = the whole district). */
export function storedAudienceKeys(streets: readonly string[]): string[] {
  return streets.length ? streets.map((s) => STREET_PREFIX + s) : [DISTRICT_KEY];
}

/** The streets a notice is for (empty = the whole district); a notice from before audiences is the district's. */
export function streetsOf(keys: readonly string[] | undefined | null): string[] {
  return (keys ?? []).filter((k) => k.startsWith(STREET_PREFIX)).map((k) => k.slice(STREET_PREFIX.length));
}

/** May a reader with this audience see a notice stored with these keys? */
export function audienceMatches(a: Audience, keys: readonly string[] | undefined | null): boolean {
  if (a.all) return true;
  if (!keys || keys.length === 0) return true;
  const mine = new Set(readerKeys(a));
  return keys.some((k) => mine.has(k));
}

/** A cache key for an audience. */
export function audienceKey(a: Audience): string {
  return a.all ? '*' : a.streets.join(',');
}

import { shanghaiDay } from '../../contract/time';
import { COLLECTIONS } from '../../database/collections';
import { db } from './cloud';
import { isDuplicateKey } from './errors';
import { now } from './time';

/**
 * A daily counter per key (reset at midnight UTC+8): `take` counts one attempt and says
 * whether it is still within `limit`. Races are settled by the database: the increment is
 * conditional on the count, and the first attempt of a day is an insert under a fixed id.
 */
export async function takeDaily(key: string, limit: number): Promise<boolean> {
  const _ = db().command;
  const id = `${key}:${shanghaiDay(now())}`;
  const col = db().collection(COLLECTIONS.rateLimits);
  for (let i = 0; i < 8; i++) {
    const res = (await col.where({ _id: id, count: _.lt(limit) }).update({ count: _.inc(1) })) as { updated: number };
    if (res.updated === 1) return true;
    const { data } = await col.doc(id).get();
    if (data.length) {
      if ((data[0] as { count: number }).count >= limit) return false;
      continue; // created meanwhile by a concurrent attempt: count again
    }
    try {
      await col.add({ _id: id, count: 1, createdAt: now() });
      return true;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e; // another attempt created it first: count again
    }
  }
  return false;
}

/** How many attempts were counted today (for messages and tests). */
export async function countToday(key: string): Promise<number> {
  const { data } = await db()
    .collection(COLLECTIONS.rateLimits)
    .doc(`${key}:${shanghaiDay(now())}`)
    .get();
  return (data[0] as { count?: number } | undefined)?.count ?? 0;
}

import type { CallerRole } from '../../contract/envelope';
import { NOTICE_UNREAD_DAYS, type Notice } from '../../contract/notices';
import { COLLECTIONS } from '../../database/collections';
import { db } from '../_lib/cloud';
import type { Audience } from './audience';
import { liveNoticeWhere, notices } from './noticeStore';

/**
 * Unread notices, per sign-in identity (a guest has no account yet but can read). A read is one
 * small document `<identity>|<noticeId>`, written when the page says the notice was shown
 * (`notice.markRead`); "all read" is a watermark `<identity>|*` with its time. Unread = live for
 * the reader, published after both the watermark and NOTICE_UNREAD_DAYS ago, and not read. The
 * window keeps a new account from starting with years of notices to "read".
 */
export const READERS = ['guest', 'retiree', 'family', 'staff', 'admin'] as const satisfies readonly CallerRole[];

const reads = () => db().collection(COLLECTIONS.noticeReads);
const readId = (identity: string, noticeId: string) => `${identity}|${noticeId}`;
const ALL = '*';

async function cutoff(identity: string, at: Date): Promise<Date> {
  const windowStart = at.getTime() - NOTICE_UNREAD_DAYS * 86_400_000;
  const { data } = await reads().doc(readId(identity, ALL)).get();
  const mark = (data[0] as { at?: Date } | undefined)?.at;
  return new Date(Math.max(windowStart, mark ? new Date(mark).getTime() : 0));
}

/** Of these notices (a page of the list), the ones this reader has not read. */
export async function unreadIds(identity: string, items: Notice[], at: Date): Promise<Set<string>> {
  const since = (await cutoff(identity, at)).getTime();
  const candidates = items.filter((n) => n.publishedAt && new Date(n.publishedAt).getTime() > since).map((n) => n.id);
  if (!candidates.length) return new Set();
  const _ = db().command;
  const { data } = await reads()
    .where({ identity, noticeId: _.in(candidates) })
    .field({ noticeId: true })
    .limit(candidates.length)
    .get();
  const read = new Set((data as Array<{ noticeId: string }>).map((r) => r.noticeId));
  return new Set(candidates.filter((id) => !read.has(id)));
}

export async function unreadCount(identity: string, audience: Audience, at: Date): Promise<number> {
  const _ = db().command;
  const since = await cutoff(identity, at);
  const { data } = await notices()
    .where(_.and([liveNoticeWhere(at, audience), { publishedAt: _.gt(since) }]) as never)
    .field({ _id: true })
    .limit(1000)
    .get();
  const ids = (data as Array<{ _id: string }>).map((d) => d._id);
  if (!ids.length) return 0;
  const { total } = await reads()
    .where({ identity, noticeId: _.in(ids) })
    .count();
  return ids.length - total;
}

export async function markRead(identity: string, noticeId: string, at: Date): Promise<void> {
  await reads().doc(readId(identity, noticeId)).set({ identity, noticeId, at });
}

export async function markAllRead(identity: string, at: Date): Promise<void> {
  await reads().doc(readId(identity, ALL)).set({ identity, noticeId: ALL, at });
}

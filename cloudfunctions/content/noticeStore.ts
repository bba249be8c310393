import { audienceWords, CONTENT_STATE_WORDS, type ContentState, instantWords, type RichTextFormat } from '../../contract/content';
import type { Notice, NoticeAttachment, NoticeStatus } from '../../contract/notices';
import { COLLECTIONS } from '../../database/collections';
import { db } from '../_lib/cloud';
import { type Audience, readerKeys, streetsOf } from './audience';
import { tempUrls } from './files';

/**
 * Notices as stored, and which of them a reader sees. A notice is *live* when it is published,
 * its `publishedAt` has come (a notice published "at" a later time stores that time there), it
 * has not reached `expireAt`, and the reader is in its audience. Publish-at and expire-at are
 * evaluated when a notice is read, to the second, so no timer has to run for a notice to appear
 * or go (see docs/DESIGN.md).
 *
 * Notices written before issue 6 lack the newer fields: plain text body, no attachments, the
 * whole district, version 1.
 */
export interface NoticeContent {
  title: string;
  body: string;
  bodyFormat?: RichTextFormat;
  bodyText?: string;
  attachments?: Array<{ fileId: string; name: string }>;
  pinned: boolean;
  audienceKeys?: string[];
}

export interface NoticeDoc extends NoticeContent {
  _id: string;
  requestId: string;
  /** The requestId of the last edit applied: a retried edit is not applied twice. */
  lastRequestId?: string | null;
  status: NoticeStatus;
  /** The time staff asked for (null: when published). */
  publishAt?: Date | null;
  /** When it became, or becomes, visible. */
  publishedAt: Date | null;
  expireAt?: Date | null;
  version?: number;
  createdAt: Date;
  /** When the content was last saved (a status change does not count); the current version's date. */
  savedAt?: Date;
  updatedAt: Date;
  createdBy: string | null;
  updatedBy: string | null;
  updatedByName?: string | null;
}

export const notices = () => db().collection(COLLECTIONS.notices);

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const ms = (d: Date | null | undefined) => (d ? new Date(d).getTime() : null);

export function noticeState(d: NoticeDoc, at: Date): ContentState {
  if (d.status === 'draft') return 'draft';
  if (d.status === 'unpublished') return 'unpublished';
  const from = ms(d.publishedAt);
  if (from === null || from > at.getTime()) return 'scheduled';
  const until = ms(d.expireAt);
  if (until !== null && until <= at.getTime()) return 'expired';
  return 'live';
}

export function toNotice(d: NoticeDoc, at: Date, attachmentUrls?: Map<string, string | null>): Notice {
  const streets = streetsOf(d.audienceKeys);
  const state = noticeState(d, at);
  return {
    id: d._id,
    title: d.title,
    body: d.body,
    bodyFormat: d.bodyFormat ?? 'text',
    bodyText: d.bodyText ?? d.body,
    attachments: (d.attachments ?? []).map(
      (a): NoticeAttachment => (attachmentUrls ? { ...a, url: attachmentUrls.get(a.fileId) ?? null } : { ...a }),
    ),
    pinned: d.pinned,
    status: d.status,
    publishedAt: iso(d.publishedAt),
    publishAt: iso(d.publishAt),
    expireAt: iso(d.expireAt),
    streets,
    audienceWords: audienceWords(streets),
    version: d.version ?? 1,
    updatedAt: new Date(d.updatedAt).toISOString(),
    state,
    stateWords: CONTENT_STATE_WORDS[state],
  };
}

/** One notice with temporary links for its attachments (its own page; lists carry none). */
export async function toNoticeWithLinks(d: NoticeDoc, at: Date): Promise<Notice> {
  const files = (d.attachments ?? []).map((a) => a.fileId);
  return toNotice(d, at, files.length ? await tempUrls(files) : undefined);
}

export async function findNotice(id: string): Promise<NoticeDoc | null> {
  const { data } = await notices().doc(id).get();
  return (data[0] as NoticeDoc | undefined) ?? null;
}

/** The query for notices live for this reader now. */
export function liveNoticeWhere(at: Date, audience: Audience) {
  const _ = db().command;
  const parts: unknown[] = [{ status: 'published', publishedAt: _.lte(at) }, _.or([{ expireAt: null }, { expireAt: _.gt(at) }])];
  // A notice from before audiences has no keys: it is the district's.
  if (!audience.all) parts.push(_.or([{ audienceKeys: _.in(readerKeys(audience)) }, { audienceKeys: null }]));
  return _.and(parts as never[]);
}

/** Is this notice live for this reader now? (The same rule as `liveNoticeWhere`, for one document.) */
export function noticeLiveFor(d: NoticeDoc, at: Date, audience: Audience): boolean {
  if (noticeState(d, at) !== 'live') return false;
  if (audience.all || !d.audienceKeys || d.audienceKeys.length === 0) return true;
  const mine = new Set(readerKeys(audience));
  return d.audienceKeys.some((k) => mine.has(k));
}

/** The sentence a preview shows above a notice: can residents see it now, and if not, why. */
export function noticePreviewNote(d: NoticeDoc, at: Date): string {
  const words = audienceWords(streetsOf(d.audienceKeys));
  switch (noticeState(d, at)) {
    case 'draft':
      return '这是草稿，居民还看不到。发布以后才会出现在通知列表里。';
    case 'unpublished':
      return '这条通知已撤下，居民看不到。';
    case 'scheduled':
      return d.publishedAt
        ? `定时发布：${instantWords(new Date(d.publishedAt).toISOString())}起，${words}的居民才能看到。`
        : '还没有发布，居民看不到。';
    case 'expired':
      return `已于${instantWords(new Date(d.expireAt as Date).toISOString())}下架，居民已经看不到了。`;
    default:
      return `居民现在能看到（${words}）。`;
  }
}

import { instantWords } from '../../contract/content';
import {
  NOTICE_BODY_MAX,
  NOTICE_PAGE_SIZE,
  type Notice,
  type NoticeParsed,
  type NoticeStatus,
  noticeSchemas,
} from '../../contract/notices';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import { type Caller, isStaff } from '../_lib/caller';
import { action, EVERYONE, STAFF } from '../_lib/defineFunction';
import { conflict, invalidInput, isDuplicateKey, notFound } from '../_lib/errors';
import { now } from '../_lib/time';
import { type Audience, audienceOf, storedAudienceKeys } from './audience';
import { contentChanged } from './meta';
import { markAllRead, markRead, READERS, unreadCount, unreadIds } from './noticeReads';
import {
  findNotice,
  liveNoticeWhere,
  type NoticeContent,
  type NoticeDoc,
  noticeLiveFor,
  noticePreviewNote,
  noticeState,
  notices,
  toNotice,
  toNoticeWithLinks,
} from './noticeStore';
import { checkExpiry, cleanBody, dateOrNull, liveFrom } from './publishing';
import { getVersion, history, keepVersion } from './versions';

/**
 * Notices: residents read the ones live for them (audience, publish-at, expire-at); staff write,
 * schedule, preview, publish, take down, and go back to an earlier version. See noticeStore.ts
 * for what "live" means.
 */

async function page(where: unknown, order: Array<[string, 'asc' | 'desc']>, pageNo: number, at: Date) {
  let q = notices().where(where as Record<string, unknown>);
  for (const [field, dir] of order) q = q.orderBy(field, dir);
  const { data } = await q
    .skip((pageNo - 1) * NOTICE_PAGE_SIZE)
    .limit(NOTICE_PAGE_SIZE + 1)
    .get();
  const docs = data as NoticeDoc[];
  return { items: docs.slice(0, NOTICE_PAGE_SIZE).map((d) => toNotice(d, at)), page: pageNo, hasMore: docs.length > NOTICE_PAGE_SIZE };
}

/** A notice staff may see: every one. A resident: only one live for them (else it does not exist). */
async function readable(id: string, caller: Caller, audience: Audience | null, at: Date): Promise<NoticeDoc> {
  const doc = await findNotice(id);
  if (!doc || (!isStaff(caller) && !noticeLiveFor(doc, at, audience ?? (await audienceOf(caller))))) {
    throw notFound('这条通知不存在或已经撤下了');
  }
  return doc;
}

const contentOf = (d: NoticeDoc): NoticeContent => ({
  title: d.title,
  body: d.body,
  bodyFormat: d.bodyFormat ?? 'text',
  bodyText: d.bodyText ?? d.body,
  attachments: d.attachments ?? [],
  pinned: d.pinned,
  audienceKeys: d.audienceKeys ?? storedAudienceKeys([]),
});

type SaveInput = NoticeParsed<'notice.save'>;

/**
 * Replaces a notice's content (an edit, or a restore), keeping the version it replaces. Conditional
 * on the version read, so two staff saving at once cannot silently overwrite each other.
 */
async function writeEdit(
  current: NoticeDoc,
  content: NoticeContent,
  timing: { status: NoticeStatus; publishAt: Date | null; publishedAt: Date | null; expireAt: Date | null },
  caller: Caller,
  requestId: string,
  at: Date,
  auditAction: string,
  detail: Record<string, unknown>,
): Promise<Notice> {
  const version = current.version ?? 1;
  await keepVersion(
    'notice',
    current._id,
    {
      version,
      snapshot: contentOf(current),
      title: current.title,
      text: current.bodyText ?? current.body,
      savedAt: current.savedAt ?? current.updatedAt,
      savedByName: current.updatedByName ?? null,
    },
    caller.userId,
    at,
  );
  const patch = {
    ...content,
    ...timing,
    version: version + 1,
    lastRequestId: requestId,
    savedAt: at,
    updatedAt: at,
    updatedBy: caller.userId,
    updatedByName: caller.name,
  };
  const res = (await notices()
    .where({ _id: current._id, version: current.version ?? null })
    .update(patch)) as { updated: number };
  if (res.updated !== 1) throw conflict('这条通知刚被其他工作人员修改过，请刷新后再改');
  if (current.status === 'published' || timing.status === 'published') await contentChanged();
  await audit(caller, {
    action: auditAction,
    target: { collection: COLLECTIONS.notices, id: current._id },
    detail: { ...detail, version: version + 1 },
  });
  return toNotice({ ...current, ...patch }, at);
}

async function edit(current: NoticeDoc, input: SaveInput, caller: Caller): Promise<Notice> {
  const at = now();
  if (current.lastRequestId === input.requestId) return toNotice(current, at); // a retried edit: already applied
  if (input.version !== undefined && input.version !== (current.version ?? 1)) {
    throw conflict('这条通知刚被其他工作人员修改过，请刷新后再改');
  }
  const body = cleanBody(input.body, '正文', NOTICE_BODY_MAX);
  const publishAt = input.publishAt === undefined ? (current.publishAt ?? null) : dateOrNull(input.publishAt);
  const expireAt = input.expireAt === undefined ? (current.expireAt ?? null) : dateOrNull(input.expireAt);
  const status: NoticeStatus = input.publish ? 'published' : current.status;
  const publishedAt = status === 'published' ? liveFrom(publishAt, current.publishedAt, at) : current.publishedAt;
  if (input.expireAt) checkExpiry(expireAt, status === 'published' ? publishedAt : publishAt, at);
  const content: NoticeContent = {
    title: input.title,
    body: body.value,
    bodyFormat: body.format,
    bodyText: body.text,
    attachments: input.attachments ?? current.attachments ?? [],
    pinned: input.pinned,
    audienceKeys: input.streets === undefined ? (current.audienceKeys ?? storedAudienceKeys([])) : storedAudienceKeys(input.streets),
  };
  return writeEdit(current, content, { status, publishAt, publishedAt, expireAt }, caller, input.requestId, at, 'notice.edit', {
    publish: input.publish,
  });
}

async function findByRequest(requestId: string): Promise<NoticeDoc | null> {
  const { data } = await notices().where({ requestId }).limit(1).get();
  return (data[0] as NoticeDoc | undefined) ?? null;
}

async function create(input: SaveInput, caller: Caller): Promise<Notice> {
  const at = now();
  // A retried create (same requestId) returns the notice the first attempt made.
  const existing = await findByRequest(input.requestId);
  if (existing) return toNotice(existing, at);
  const body = cleanBody(input.body, '正文', NOTICE_BODY_MAX);
  const publishAt = dateOrNull(input.publishAt);
  const expireAt = dateOrNull(input.expireAt);
  const status: NoticeStatus = input.publish ? 'published' : 'draft';
  const publishedAt = input.publish ? liveFrom(publishAt, null, at) : null;
  checkExpiry(expireAt, publishedAt ?? publishAt, at);
  const doc: Omit<NoticeDoc, '_id'> = {
    requestId: input.requestId,
    lastRequestId: input.requestId,
    title: input.title,
    body: body.value,
    bodyFormat: body.format,
    bodyText: body.text,
    attachments: input.attachments ?? [],
    pinned: input.pinned,
    audienceKeys: storedAudienceKeys(input.streets ?? []),
    status,
    publishAt,
    publishedAt,
    expireAt,
    version: 1,
    createdAt: at,
    savedAt: at,
    updatedAt: at,
    createdBy: caller.userId,
    updatedBy: caller.userId,
    updatedByName: caller.name,
  };
  try {
    const { id } = (await notices().add(doc)) as { id: string };
    if (status === 'published') await contentChanged();
    await audit(caller, { action: 'notice.create', target: { collection: COLLECTIONS.notices, id }, detail: { publish: input.publish } });
    return toNotice({ ...doc, _id: id }, at);
  } catch (e) {
    // Two attempts of one request raced: the unique index let only one in.
    const winner = isDuplicateKey(e) ? await findByRequest(input.requestId) : null;
    if (winner) return toNotice(winner, at);
    throw e;
  }
}

async function existing(id: string): Promise<NoticeDoc> {
  const doc = await findNotice(id);
  if (!doc) throw notFound('这条通知已经不存在了');
  return doc;
}

export const noticeActions = {
  'notice.list': action({
    input: noticeSchemas['notice.list'],
    roles: EVERYONE,
    handler: async ({ page: p }, { caller }) => {
      const at = now();
      const result = await page(
        liveNoticeWhere(at, await audienceOf(caller)),
        [
          ['pinned', 'desc'],
          ['publishedAt', 'desc'],
        ],
        p,
        at,
      );
      if (caller.identity && (READERS as readonly string[]).includes(caller.role)) {
        const unread = await unreadIds(caller.identity, result.items, at);
        for (const n of result.items) n.unread = unread.has(n.id);
      }
      return result;
    },
  }),

  'notice.get': action({
    input: noticeSchemas['notice.get'],
    roles: EVERYONE,
    handler: async ({ id }, { caller }) => {
      const at = now();
      return toNoticeWithLinks(await readable(id, caller, null, at), at);
    },
  }),

  'notice.listAll': action({
    input: noticeSchemas['notice.listAll'],
    roles: STAFF,
    handler: ({ page: p }) => page({}, [['updatedAt', 'desc']], p, now()),
  }),

  'notice.save': action({
    input: noticeSchemas['notice.save'],
    roles: STAFF,
    handler: async (input, { caller }) => (input.id ? edit(await existing(input.id), input, caller) : create(input, caller)),
  }),

  'notice.setStatus': action({
    input: noticeSchemas['notice.setStatus'],
    roles: STAFF,
    handler: async ({ id, status, publishAt: askedAt }, { caller }) => {
      const current = await existing(id);
      const at = now();
      let timing = {};
      if (status === 'published') {
        const publishAt = askedAt === undefined ? (current.publishAt ?? null) : dateOrNull(askedAt);
        const publishedAt = liveFrom(publishAt, current.publishedAt, at);
        if (current.expireAt && new Date(current.expireAt).getTime() <= Math.max(publishedAt.getTime(), at.getTime())) {
          throw invalidInput(`这条通知的下架时间（${instantWords(new Date(current.expireAt).toISOString())}）已经过了，请先修改下架时间`);
        }
        timing = { publishAt, publishedAt };
      }
      const changes = { status, updatedAt: at, updatedBy: caller.userId, ...timing };
      await notices().doc(id).update(changes);
      await contentChanged();
      await audit(caller, {
        action: status === 'published' ? 'notice.publish' : 'notice.unpublish',
        target: { collection: COLLECTIONS.notices, id },
      });
      return toNotice({ ...current, ...changes }, at);
    },
  }),

  'notice.preview': action({
    input: noticeSchemas['notice.preview'],
    roles: STAFF,
    handler: async ({ id, version }) => {
      const doc = await existing(id);
      const at = now();
      const current = doc.version ?? 1;
      let shown = doc;
      let note = noticePreviewNote(doc, at);
      if (version !== undefined && version !== current) {
        const old = await getVersion<NoticeContent>('notice', id, version);
        if (!old) throw notFound('没有找到这个版本');
        shown = { ...doc, ...old.snapshot, version };
        note = `这是第${version}版（${instantWords(new Date(old.savedAt).toISOString())}保存），不是现在的内容。${note}`;
      }
      return { notice: await toNoticeWithLinks(shown, at), version: version ?? current, visibleNow: noticeState(doc, at) === 'live', note };
    },
  }),

  'notice.versions': action({
    input: noticeSchemas['notice.versions'],
    roles: STAFF,
    handler: async ({ id }) => {
      const doc = await existing(id);
      return history('notice', id, {
        version: doc.version ?? 1,
        savedAt: doc.savedAt ?? doc.updatedAt,
        savedByName: doc.updatedByName ?? null,
      });
    },
  }),

  'notice.restore': action({
    input: noticeSchemas['notice.restore'],
    roles: STAFF,
    handler: async ({ id, version, requestId }, { caller }) => {
      const current = await existing(id);
      const at = now();
      if (current.lastRequestId === requestId) return toNotice(current, at);
      if (version === (current.version ?? 1)) throw invalidInput('这就是现在的版本');
      const old = await getVersion<NoticeContent>('notice', id, version);
      if (!old) throw notFound('没有找到这个版本');
      // The words, attachments, pin and audience come back; status and times stay as they are now.
      const content: NoticeContent = { ...old.snapshot };
      const timing = {
        status: current.status,
        publishAt: current.publishAt ?? null,
        publishedAt: current.publishedAt,
        expireAt: current.expireAt ?? null,
      };
      return writeEdit(current, content, timing, caller, requestId, at, 'notice.restore', { from: version });
    },
  }),

  'notice.unreadCount': action({
    input: noticeSchemas['notice.unreadCount'],
    roles: READERS,
    handler: async (_input, { caller }) => {
      const at = now();
      return { unread: await unreadCount(caller.identity as string, await audienceOf(caller), at) };
    },
  }),

  'notice.markRead': action({
    input: noticeSchemas['notice.markRead'],
    roles: READERS,
    handler: async ({ id, all }, { caller }) => {
      const at = now();
      const audience = await audienceOf(caller);
      const identity = caller.identity as string;
      if (all) await markAllRead(identity, at);
      else await markRead(identity, (await readable(id as string, caller, audience, at))._id, at);
      return { unread: await unreadCount(identity, audience, at) };
    },
  }),
};

import { NOTICE_PAGE_SIZE, type Notice, type NoticeStatus, noticeSchemas } from '../../contract/notices';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import { isStaff } from '../_lib/caller';
import { db } from '../_lib/cloud';
import { action, EVERYONE, STAFF } from '../_lib/defineFunction';
import { isDuplicateKey, notFound } from '../_lib/errors';

interface NoticeDoc {
  _id: string;
  requestId: string;
  title: string;
  body: string;
  pinned: boolean;
  status: NoticeStatus;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  updatedBy: string | null;
}

const notices = () => db().collection(COLLECTIONS.notices);

function toNotice(d: NoticeDoc): Notice {
  return {
    id: d._id,
    title: d.title,
    body: d.body,
    pinned: d.pinned,
    status: d.status,
    publishedAt: d.publishedAt ? new Date(d.publishedAt).toISOString() : null,
    updatedAt: new Date(d.updatedAt).toISOString(),
  };
}

async function findNotice(id: string): Promise<NoticeDoc | null> {
  const { data } = await notices().doc(id).get();
  return (data[0] as NoticeDoc | undefined) ?? null;
}

async function page(where: Record<string, unknown>, order: Array<[string, 'asc' | 'desc']>, pageNo: number) {
  let q = notices().where(where);
  for (const [field, dir] of order) q = q.orderBy(field, dir);
  const { data } = await q
    .skip((pageNo - 1) * NOTICE_PAGE_SIZE)
    .limit(NOTICE_PAGE_SIZE + 1)
    .get();
  const docs = data as NoticeDoc[];
  return { items: docs.slice(0, NOTICE_PAGE_SIZE).map(toNotice), page: pageNo, hasMore: docs.length > NOTICE_PAGE_SIZE };
}

export const noticeActions = {
  'notice.list': action({
    input: noticeSchemas['notice.list'],
    roles: EVERYONE,
    handler: ({ page: p }) =>
      page(
        { status: 'published' },
        [
          ['pinned', 'desc'],
          ['publishedAt', 'desc'],
        ],
        p,
      ),
  }),

  'notice.get': action({
    input: noticeSchemas['notice.get'],
    roles: EVERYONE,
    handler: async ({ id }, { caller }) => {
      const doc = await findNotice(id);
      if (!doc || (doc.status !== 'published' && !isStaff(caller))) throw notFound('这条通知不存在或已经撤下了');
      return toNotice(doc);
    },
  }),

  'notice.listAll': action({
    input: noticeSchemas['notice.listAll'],
    roles: STAFF,
    handler: ({ page: p }) => page({}, [['updatedAt', 'desc']], p),
  }),

  'notice.save': action({
    input: noticeSchemas['notice.save'],
    roles: STAFF,
    handler: async (input, { caller }) => {
      const now = new Date();
      const status: NoticeStatus | undefined = input.publish ? 'published' : undefined;
      if (input.id) {
        const current = await findNotice(input.id);
        if (!current) throw notFound('这条通知已经不存在了');
        const changes = {
          title: input.title,
          body: input.body,
          pinned: input.pinned,
          updatedAt: now,
          updatedBy: caller.userId,
          ...(status ? { status, publishedAt: current.publishedAt ?? now } : {}),
        };
        await notices().doc(input.id).update(changes);
        await audit(caller, {
          action: 'notice.edit',
          target: { collection: COLLECTIONS.notices, id: input.id },
          detail: { publish: !!status },
        });
        return toNotice({ ...current, ...changes });
      }
      // A retried create (same requestId) returns the notice the first attempt made.
      const existing = await findByRequest(input.requestId);
      if (existing) return toNotice(existing);
      const doc: Omit<NoticeDoc, '_id'> = {
        requestId: input.requestId,
        title: input.title,
        body: input.body,
        pinned: input.pinned,
        status: status ?? 'draft',
        publishedAt: status ? now : null,
        createdAt: now,
        updatedAt: now,
        createdBy: caller.userId,
        updatedBy: caller.userId,
      };
      try {
        const { id } = (await notices().add(doc)) as { id: string };
        await audit(caller, { action: 'notice.create', target: { collection: COLLECTIONS.notices, id }, detail: { publish: !!status } });
        return toNotice({ ...doc, _id: id });
      } catch (e) {
        // Two attempts of one request raced: the unique index let only one in.
        const winner = isDuplicateKey(e) ? await findByRequest(input.requestId) : null;
        if (winner) return toNotice(winner);
        throw e;
      }
    },
  }),

  'notice.setStatus': action({
    input: noticeSchemas['notice.setStatus'],
    roles: STAFF,
    handler: async ({ id, status }, { caller }) => {
      const current = await findNotice(id);
      if (!current) throw notFound('这条通知已经不存在了');
      const now = new Date();
      const changes = {
        status,
        updatedAt: now,
        updatedBy: caller.userId,
        ...(status === 'published' && !current.publishedAt ? { publishedAt: now } : {}),
      };
      await notices().doc(id).update(changes);
      await audit(caller, {
        action: status === 'published' ? 'notice.publish' : 'notice.unpublish',
        target: { collection: COLLECTIONS.notices, id },
      });
      return toNotice({ ...current, ...changes });
    },
  }),
};

async function findByRequest(requestId: string): Promise<NoticeDoc | null> {
  const { data } = await notices().where({ requestId }).limit(1).get();
  return (data[0] as NoticeDoc | undefined) ?? null;
}

import { z } from 'zod';
import { requestIdSchema } from './common';

/** Notices (通知公告): the first vertical slice through every layer. */
export const NOTICE_TITLE_MAX = 60;
export const NOTICE_BODY_MAX = 5000;
export const NOTICE_PAGE_SIZE = 20;

const title = z.string({ error: '请填写标题' }).trim().min(1, '请填写标题').max(NOTICE_TITLE_MAX, `标题不能超过${NOTICE_TITLE_MAX}个字`);
const body = z.string({ error: '请填写正文' }).trim().min(1, '请填写正文').max(NOTICE_BODY_MAX, `正文不能超过${NOTICE_BODY_MAX}个字`);
const id = z.string({ error: '缺少通知编号' }).min(1, '缺少通知编号').max(64, '通知编号不对');

export const noticeSchemas = {
  /** Everyone: published notices, pinned first, newest next. */
  'notice.list': z.object({ page: z.number().int().min(1).max(1000).default(1) }).strict(),
  /** Everyone: one published notice (staff may also read drafts). */
  'notice.get': z.object({ id }).strict(),
  /** Staff: every notice including drafts, newest edit first. */
  'notice.listAll': z.object({ page: z.number().int().min(1).max(1000).default(1) }).strict(),
  /**
   * Staff: create (no id) or edit (id) a notice. `requestId` makes a retried create
   * return the first notice instead of making a second one.
   */
  'notice.save': z
    .object({
      id: id.optional(),
      requestId: requestIdSchema,
      title,
      body,
      pinned: z.boolean().default(false),
      publish: z.boolean().default(false),
    })
    .strict(),
  /** Staff: publish or take down a notice. */
  'notice.setStatus': z.object({ id, status: z.enum(['draft', 'published']) }).strict(),
} as const;

export type NoticeStatus = 'draft' | 'published';

/** A notice as it leaves the server (dates as ISO strings). */
export interface Notice {
  id: string;
  title: string;
  body: string;
  pinned: boolean;
  status: NoticeStatus;
  publishedAt: string | null;
  updatedAt: string;
}

export interface NoticePage {
  items: Notice[];
  page: number;
  hasMore: boolean;
}

export type NoticeInput<A extends keyof typeof noticeSchemas> = z.input<(typeof noticeSchemas)[A]>;

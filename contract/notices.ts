import { z } from 'zod';
import { requestIdSchema, uploadedFileIdSchema } from './common';
import { audienceStreetsField, type ContentState, instantField, type RichTextFormat, richTextField, VERSION_LIST_MAX } from './content';

export type { ContentHistory, ContentVersion } from './content';

/**
 * Notices (通知公告): the first vertical slice through every layer, extended by issue 6 with
 * rich text, attachments, publish-at and expire-at, an audience (the whole district or some
 * streets), version history, preview, and an unread count.
 */
export const NOTICE_TITLE_MAX = 60;
export const NOTICE_BODY_MAX = 5000;
export const NOTICE_PAGE_SIZE = 20;
export const NOTICE_ATTACHMENTS_MAX = 10;
/** Notices published longer ago than this never count as unread (a new account does not start with years of them). */
export const NOTICE_UNREAD_DAYS = 60;
export { VERSION_LIST_MAX };

const title = z.string({ error: '请填写标题' }).trim().min(1, '请填写标题').max(NOTICE_TITLE_MAX, `标题不能超过${NOTICE_TITLE_MAX}个字`);
const body = richTextField('正文', NOTICE_BODY_MAX);
const id = z.string({ error: '缺少通知编号' }).min(1, '缺少通知编号').max(64, '通知编号不对');
const page = z.number({ error: '页码不对' }).int('页码不对').min(1, '页码不对').max(1000, '页码不对').default(1);

/** Files people can open on a phone: WeChat's document viewer, or a picture. */
export const ATTACHMENT_EXTENSIONS = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'jpg', 'jpeg', 'png'] as const;
const attachmentName = z
  .string({ error: '请填写附件名称' })
  .trim()
  .min(1, '请填写附件名称')
  .max(100, '附件名称不能超过100个字')
  .refine((s) => new RegExp(`\\.(${ATTACHMENT_EXTENSIONS.join('|')})$`, 'i').test(s), '附件只能是 PDF、Word、Excel、PPT 文件或图片');
export const attachmentSchema = z.object({ fileId: uploadedFileIdSchema, name: attachmentName }, { error: '附件不对' }).strict();

export const noticeSchemas = {
  /** Everyone: the notices live for the caller (their audience, published, in their time), pinned first, newest next. */
  'notice.list': z.object({ page }).strict(),
  /** Everyone: one live notice (staff may also read drafts). */
  'notice.get': z.object({ id }).strict(),
  /** Staff: every notice including drafts, newest edit first. */
  'notice.listAll': z.object({ page }).strict(),
  /**
   * Staff: create (no id) or edit (id) a notice. `requestId` makes a retried create return the
   * first notice, and a retried edit apply once. On an edit, a field left out keeps its value.
   * `publishAt` in the future schedules the notice; `expireAt` takes it down by itself;
   * `streets` empty (or left out on a new notice) = the whole district.
   */
  'notice.save': z
    .object({
      id: id.optional(),
      requestId: requestIdSchema,
      title,
      body,
      pinned: z.boolean({ error: '填写的内容不对，请检查' }).default(false),
      publish: z.boolean({ error: '填写的内容不对，请检查' }).default(false),
      attachments: z
        .array(attachmentSchema, { error: '附件不对' })
        .max(NOTICE_ATTACHMENTS_MAX, `附件最多${NOTICE_ATTACHMENTS_MAX}个`)
        .optional(),
      publishAt: instantField('发布时间').nullable().optional(),
      expireAt: instantField('下架时间').nullable().optional(),
      streets: audienceStreetsField.optional(),
      /** The version the form was opened at; another save since then answers CONFLICT. */
      version: z.number().int().min(1).optional(),
    })
    .strict(),
  /**
   * Staff: publish (now, or at `publishAt`) or take down a notice. `draft` and `unpublished`
   * both take it down; `unpublished` says it had been out.
   */
  'notice.setStatus': z
    .object({
      id,
      status: z.enum(['draft', 'published', 'unpublished'], { error: '状态不对' }),
      publishAt: instantField('发布时间').nullable().optional(),
    })
    .strict(),
  /** Staff: a notice (or one of its earlier versions) exactly as a retiree would see it. */
  'notice.preview': z.object({ id, version: z.number().int().min(1).optional() }).strict(),
  /** Staff: the versions a notice has had. */
  'notice.versions': z.object({ id }).strict(),
  /** Staff: make an earlier version the current one (itself saved as a new version). */
  'notice.restore': z
    .object({ id, version: z.number({ error: '请选择版本' }).int().min(1, '请选择版本'), requestId: requestIdSchema })
    .strict(),
  /** Signed in: how many live notices for me I have not opened. */
  'notice.unreadCount': z.object({}).strict(),
  /** Signed in: mark one notice read, or all of them (`all: true`). */
  'notice.markRead': z
    .object({ id: id.optional(), all: z.literal(true, { error: '填写的内容不对，请检查' }).optional() })
    .strict()
    .refine((x) => !!x.id !== !!x.all, '请指明哪一条通知'),
} as const;

/** `draft` never published; `unpublished` taken down after being out. */
export type NoticeStatus = 'draft' | 'published' | 'unpublished';

export interface NoticeAttachment {
  fileId: string;
  name: string;
  /** A temporary download link (one notice's page only; null in lists or if the file is gone). */
  url?: string | null;
}

/** A notice as it leaves the server (dates as ISO strings). */
export interface Notice {
  id: string;
  title: string;
  /** As stored: the author's plain text, or sanitised HTML; see `bodyFormat`. */
  body: string;
  bodyFormat: RichTextFormat;
  /** The words alone, for reading aloud and search. */
  bodyText: string;
  attachments: NoticeAttachment[];
  pinned: boolean;
  status: NoticeStatus;
  /** When it became (or becomes, if scheduled) visible. */
  publishedAt: string | null;
  /** The time staff asked it to be published at; null = as soon as it is published. */
  publishAt: string | null;
  expireAt: string | null;
  /** Empty = the whole district. */
  streets: string[];
  audienceWords: string;
  version: number;
  updatedAt: string;
  /** For staff: where it stands now, and in words. */
  state: ContentState;
  stateWords: string;
  /** For a signed-in reader in lists: not opened yet. */
  unread?: boolean;
}

export interface NoticePage {
  items: Notice[];
  page: number;
  hasMore: boolean;
}

/** A preview: the notice as a retiree would see it, and whether (and why not) they can now. */
export interface NoticePreview {
  notice: Notice;
  /** The version shown (an earlier one when asked). */
  version: number;
  visibleNow: boolean;
  /** "草稿：居民还看不到。" etc. */
  note: string;
}

export type NoticeInput<A extends keyof typeof noticeSchemas> = z.input<(typeof noticeSchemas)[A]>;
export type NoticeParsed<A extends keyof typeof noticeSchemas> = z.output<(typeof noticeSchemas)[A]>;

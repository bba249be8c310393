import type { STREETS } from '@contract/accounts';
import { type Notice, type NoticeAttachment, noticeSchemas } from '@contract/notices';
import { placeError } from '@/lib/formErrors';
import type { SaveNoticeInput } from './api/save-notice';
import { bodyForEditing, bodyToSend } from './richText';
import { instantInput } from './words';

type Street = (typeof STREETS)[number];

/** The notice editor's form, as typed; `noticeInputOf` turns it into a `notice.save` input. */
export interface NoticeForm {
  title: string;
  body: string;
  pinned: boolean;
  audience: 'district' | 'streets';
  streets: Street[];
  publishAt: string;
  expireAt: string;
  attachments: Array<Pick<NoticeAttachment, 'fileId' | 'name'>>;
}

export type NoticeField = 'title' | 'body' | 'streets' | 'publishAt' | 'expireAt' | 'attachments' | 'form';
export type NoticeErrors = Partial<Record<NoticeField, string>>;

export function emptyNoticeForm(): NoticeForm {
  return { title: '', body: '', pinned: false, audience: 'district', streets: [], publishAt: '', expireAt: '', attachments: [] };
}

export function noticeFormOf(n: Notice): NoticeForm {
  return {
    title: n.title,
    body: bodyForEditing(n.body, n.bodyFormat),
    pinned: n.pinned,
    audience: n.streets.length ? 'streets' : 'district',
    streets: n.streets as Street[],
    publishAt: instantInput(n.publishAt),
    expireAt: instantInput(n.expireAt),
    attachments: n.attachments.map(({ fileId, name }) => ({ fileId, name })),
  };
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

export function noticeInputOf(f: NoticeForm, requestId: string, publish: boolean, existing?: Notice): SaveNoticeInput {
  return {
    ...(existing ? { id: existing.id, version: existing.version } : {}),
    requestId,
    title: f.title,
    body: bodyToSend(f.body),
    pinned: f.pinned,
    publish,
    attachments: f.attachments,
    streets: f.audience === 'district' ? [] : f.streets,
    publishAt: blankToNull(f.publishAt),
    // An expiry left as it was is not sent: the server would refuse one already past on every later edit.
    ...(existing && f.expireAt.trim() === instantInput(existing.expireAt) ? {} : { expireAt: blankToNull(f.expireAt) }),
  };
}

const TOP_KEYS: Record<string, NoticeField> = {
  title: 'title',
  body: 'body',
  streets: 'streets',
  publishAt: 'publishAt',
  expireAt: 'expireAt',
  attachments: 'attachments',
};

/** The schema's check on the phone, plus what only the form knows (streets chosen but none ticked). */
export function checkNoticeForm(input: SaveNoticeInput, form: NoticeForm): NoticeErrors {
  const errors: NoticeErrors = {};
  const checked = noticeSchemas['notice.save'].safeParse(input);
  if (!checked.success) for (const issue of checked.error.issues) errors[TOP_KEYS[String(issue.path[0])] ?? 'form'] ??= issue.message;
  if (form.audience === 'streets' && form.streets.length === 0) errors.streets ??= '请至少选一个街道，或者选「全区」';
  return errors;
}

/** The server's words name their field; 下架时间 before 发布时间 ("下架时间要晚于发布时间" is about the expiry). */
const SERVER_WORDS: Record<Exclude<NoticeField, 'form'>, string[]> = {
  title: ['标题'],
  body: ['正文'],
  attachments: ['附件'],
  expireAt: ['下架时间'],
  publishAt: ['发布时间'],
  streets: ['街道'],
};

export function placeNoticeError(error: unknown): { field: NoticeField | null; message: string } {
  return placeError(error, SERVER_WORDS);
}

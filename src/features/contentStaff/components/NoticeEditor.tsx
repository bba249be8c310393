import { audienceWords, parseInstant } from '@contract/content';
import { NOTICE_TITLE_MAX, type Notice } from '@contract/notices';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { Choices } from '@/components/Choices';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Field } from '@/components/Field';
import { newRequestId } from '@/lib/requestId';
import { useSaveNotice } from '../api/save-notice';
import {
  checkNoticeForm,
  emptyNoticeForm,
  type NoticeErrors,
  type NoticeField,
  type NoticeForm,
  noticeFormOf,
  noticeInputOf,
  placeNoticeError,
} from '../noticeForm';
import { STREET_CHOICES, whenWords } from '../words';
import { AttachmentsField } from './AttachmentsField';
import { RichTextArea } from './RichTextArea';
import './contentStaff.scss';

interface NoticeEditorProps {
  /** The notice to change; none for a new one. */
  notice?: Notice;
  onSaved: (notice: Notice, published: boolean) => void;
  onCancel: () => void;
}

const PIN_CHOICES = [
  { value: 'no', label: '不置顶', key: 'no' },
  { value: 'yes', label: '置顶（放在通知列表最上面）', key: 'yes' },
];
const AUDIENCE_CHOICES = [
  { value: 'district' as const, label: '全区', key: 'district' },
  { value: 'streets' as const, label: '只给某几个街道', key: 'streets' },
];

/**
 * Staff: write or change a notice — the words (with a little formatting), pin, audience, when it
 * goes up and comes down, attachments — then keep it as a draft or publish it after a second
 * step. Problems go under their fields; one requestId per intended save.
 */
export function NoticeEditor({ notice, onSaved, onCancel }: NoticeEditorProps) {
  const [form, setForm] = useState<NoticeForm>(() => (notice ? noticeFormOf(notice) : emptyNoticeForm()));
  const [errors, setErrors] = useState<NoticeErrors>({});
  const [problem, setProblem] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [uploading, setUploading] = useState(false);
  // One id per intended save: a retry after a failure reuses it, so the server makes one notice.
  const [requestId, setRequestId] = useState(newRequestId);
  const save = useSaveNotice();
  const published = notice?.status === 'published';

  const edit =
    <K extends keyof NoticeForm>(key: K, field: NoticeField) =>
    (value: NoticeForm[K]) => {
      setForm((f) => ({ ...f, [key]: value }));
      setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
      setConfirming(false);
    };

  /** The phone's own check; true when the form may be sent. */
  const check = (publish: boolean) => {
    const input = noticeInputOf(form, requestId, publish, notice);
    const { form: aboutForm, ...found } = checkNoticeForm(input, form);
    setErrors(found);
    setProblem(aboutForm ?? (Object.keys(found).length ? '有几处要改一下，请看上面标红的地方' : ''));
    return aboutForm || Object.keys(found).length ? null : input;
  };

  const submit = (publish: boolean) => {
    const input = check(publish);
    if (!input) return setConfirming(false);
    save.mutate(input, {
      onSuccess: (saved) => {
        setRequestId(newRequestId());
        setConfirming(false);
        onSaved(saved, publish);
      },
      onError: (error) => {
        setConfirming(false);
        const placed = placeNoticeError(error);
        if (placed.field && placed.field !== 'form') {
          setErrors({ [placed.field]: placed.message });
          setProblem('有一处要改一下，请看上面标红的地方');
        } else setProblem(placed.message);
      },
    });
  };

  const readers = `${audienceWords(form.audience === 'district' ? [] : form.streets)}的居民`;
  const at = form.publishAt.trim() ? parseInstant(form.publishAt.trim()) : null;
  const later = at && at.getTime() > Date.now();

  return (
    <View className="content-staff" ariaRole="form" ariaLabel={notice ? '修改通知' : '新建通知'}>
      {published ? (
        <Callout tone="info" id="notice-editor-published">
          这条通知已经发布。保存以后，居民马上看到修改后的内容；修改前的内容留在「历史版本」里。
        </Callout>
      ) : null}
      <Field
        id="notice-title"
        label="标题"
        value={form.title}
        onInput={edit('title', 'title')}
        error={errors.title}
        maxlength={NOTICE_TITLE_MAX}
        placeholder="例如：5月份资格认证安排"
      />
      <RichTextArea
        id="notice-body"
        label="正文"
        value={form.body}
        onChange={edit('body', 'body')}
        error={errors.body}
        placeholder="写清楚什么时间、什么地点、要带什么"
      />
      <Choices
        id="notice-pinned"
        label="放在哪里"
        options={PIN_CHOICES}
        selected={[form.pinned ? 'yes' : 'no']}
        onToggle={(v) => edit('pinned', 'form')(v === 'yes')}
      />
      <Choices
        id="notice-audience"
        label="给谁看"
        options={AUDIENCE_CHOICES}
        selected={[form.audience]}
        onToggle={edit('audience', 'streets')}
        error={form.audience === 'district' ? errors.streets : undefined}
      />
      {form.audience === 'streets' ? (
        <View className="content-staff__group">
          <Choices
            id="notice-streets"
            label="哪几个街道（可多选）"
            multiple
            options={STREET_CHOICES}
            selected={form.streets}
            onToggle={(s) =>
              edit('streets', 'streets')(form.streets.includes(s) ? form.streets.filter((x) => x !== s) : [...form.streets, s])
            }
            error={errors.streets}
          />
          <View className="content-staff__hint">住在这些街道的老人，和帮这些街道的老人办事的家属，才能看到这条通知。</View>
        </View>
      ) : null}
      <Field
        id="notice-publish-at"
        label="定时发布（可不填）"
        hint="不填：点「发布」就马上发布。写了时间：到时间才显示。写成 2026-12-01 08:00 这样（北京时间）"
        value={form.publishAt}
        onInput={edit('publishAt', 'publishAt')}
        error={errors.publishAt}
        maxlength={16}
      />
      <Field
        id="notice-expire-at"
        label="自动下架时间（可不填）"
        hint="到了这个时间，通知自动不再显示。写成 2026-12-31 18:00 这样"
        value={form.expireAt}
        onInput={edit('expireAt', 'expireAt')}
        error={errors.expireAt}
        maxlength={16}
      />
      <AttachmentsField
        value={form.attachments}
        onChange={edit('attachments', 'attachments')}
        error={errors.attachments}
        onError={(message) => setErrors((e) => ({ ...e, attachments: message || undefined }))}
        onUploading={setUploading}
      />

      {problem ? (
        <Callout tone="problem" id="notice-editor-problem">
          {problem}
        </Callout>
      ) : null}
      {published ? (
        <BigButton
          id="notice-save"
          label="保存修改"
          busy={save.isPending}
          busyLabel="正在保存…"
          disabled={uploading}
          onClick={() => submit(false)}
        />
      ) : confirming ? (
        <ConfirmStep
          id="notice-publish-confirm"
          kind="primary"
          message={`确定发布「${form.title.trim()}」吗？`}
          detail={
            later
              ? `定时发布：${whenWords(at.toISOString())}起，${readers}才能在「通知公告」里看到。`
              : `发布后，${readers}马上就能在「通知公告」里看到。以后可以修改，也可以撤下。`
          }
          confirmLabel={later ? '确定定时发布' : '确定发布'}
          busy={save.isPending}
          onConfirm={() => submit(true)}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <>
          <BigButton
            id="notice-publish"
            label={later ? '定时发布' : '发布'}
            disabled={save.isPending || uploading}
            onClick={() => setConfirming(!!check(true))}
          />
          <BigButton
            id="notice-save-draft"
            kind="secondary"
            label={notice?.status === 'unpublished' ? '保存（先不发布）' : '保存草稿'}
            busy={save.isPending}
            busyLabel="正在保存…"
            disabled={uploading}
            onClick={() => submit(false)}
          />
        </>
      )}
      <BigButton id="notice-editor-back" kind="secondary" label="不改了，返回" disabled={save.isPending} onClick={onCancel} />
    </View>
  );
}

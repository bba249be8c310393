import { NOTICE_BODY_MAX, NOTICE_TITLE_MAX, type Notice, noticeSchemas } from '@contract/notices';
import { Input, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { newRequestId } from '@/lib/requestId';
import { messageOf } from '@/services/cloudError';
import { type SaveNoticeInput, useSaveNotice } from '../api/save-notice';
import './NoticeEditor.scss';

interface NoticeEditorProps {
  /** The notice to edit; none for a new one. */
  notice?: Notice;
  onSaved: (notice: Notice, published: boolean) => void;
  onCancel: () => void;
}

/** Staff: write or change a notice, then keep it as a draft or publish it. */
export function NoticeEditor({ notice, onSaved, onCancel }: NoticeEditorProps) {
  const [title, setTitle] = useState(notice?.title ?? '');
  const [body, setBody] = useState(notice?.body ?? '');
  const [pinned, setPinned] = useState(notice?.pinned ?? false);
  // One id per intended save: a retry after a failure reuses it, so the server makes one notice.
  const [requestId, setRequestId] = useState(newRequestId);
  const [problem, setProblem] = useState('');
  const save = useSaveNotice();

  const submit = (publish: boolean) => {
    const input: SaveNoticeInput = { requestId, title, body, pinned, publish };
    if (notice) input.id = notice.id;
    const checked = noticeSchemas['notice.save'].safeParse(input);
    if (!checked.success) {
      setProblem(checked.error.issues[0]?.message ?? '请检查填写的内容');
      return;
    }
    setProblem('');
    save.mutate(input, {
      onSuccess: (saved) => {
        setRequestId(newRequestId());
        onSaved(saved, publish);
      },
      onError: (error) => setProblem(messageOf(error)),
    });
  };

  return (
    <View className="notice-editor" ariaRole="form" ariaLabel={notice ? '修改通知' : '新建通知'}>
      <View className="notice-editor__label">标题</View>
      <Input
        id="notice-title"
        data-testid="notice-title"
        className="notice-editor__input"
        ariaLabel="通知标题"
        value={title}
        maxlength={NOTICE_TITLE_MAX}
        placeholder="例如：5月份资格认证安排"
        onInput={(e) => setTitle(e.detail.value)}
      />
      <View className="notice-editor__label">正文</View>
      <Textarea
        id="notice-body"
        data-testid="notice-body"
        className="notice-editor__textarea"
        ariaLabel="通知正文"
        value={body}
        maxlength={NOTICE_BODY_MAX}
        autoHeight
        placeholder="写清楚什么时间、什么地点、要带什么"
        onInput={(e) => setBody(e.detail.value)}
      />
      <View
        id="notice-pinned"
        data-testid="notice-pinned"
        className="notice-editor__toggle"
        ariaRole="checkbox"
        ariaLabel={pinned ? '置顶显示，已选中' : '置顶显示，未选中'}
        onClick={() => setPinned(!pinned)}
      >
        <View className={`notice-editor__box${pinned ? ' notice-editor__box--on' : ''}`}>{pinned ? '✓' : ''}</View>
        <View>置顶显示（放在通知列表最上面）</View>
      </View>
      {problem ? (
        <View className="notice-editor__problem" ariaRole="alert" ariaLabel={problem}>
          {problem}
        </View>
      ) : null}
      <BigButton
        id="notice-publish"
        label="发布"
        busy={save.isPending && save.variables?.publish === true}
        busyLabel="正在发布…"
        disabled={save.isPending}
        onClick={() => submit(true)}
      />
      <BigButton
        id="notice-save-draft"
        kind="secondary"
        label="保存草稿"
        busy={save.isPending && save.variables?.publish !== true}
        busyLabel="正在保存…"
        disabled={save.isPending}
        onClick={() => submit(false)}
      />
      <BigButton kind="secondary" label="不改了，返回" disabled={save.isPending} onClick={onCancel} />
    </View>
  );
}

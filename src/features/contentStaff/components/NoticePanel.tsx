import { View } from '@tarojs/components';
import { useState } from 'react';
import { Callout } from '@/components/Callout';
import { ConfirmStep } from '@/components/ConfirmStep';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { Label } from '@/components/Label';
import { LoadingState } from '@/components/LoadingState';
import { SmallButton } from '@/components/SmallButton';
import { CloudCallError, messageOf } from '@/services/cloudError';
import { useStaffNotice } from '../api/get-notice';
import { useSetStaffNoticeStatus } from '../api/notice-status';
import { useNoticeVersions, useRestoreNotice } from '../api/notice-versions';
import { noticePublishedWords, timingWords } from '../noticeWords';
import { stateTone, whenWords } from '../words';
import { NoticeEditor } from './NoticeEditor';
import { NoticePreview } from './NoticePreview';
import { VersionHistory } from './VersionHistory';
import './contentStaff.scss';

type Panel = 'none' | 'preview' | 'versions';

/** One notice: where it stands, 编辑, 预览, 发布 or 撤下 (each after a second step), 历史版本 with 恢复. */
export function NoticePanel({ id, onBack }: { id: string; onBack: () => void }) {
  const notice = useStaffNotice(id);
  const [editing, setEditing] = useState(false);
  const [panel, setPanel] = useState<Panel>('none');
  const [confirming, setConfirming] = useState(false);
  const [news, setNews] = useState('');
  const [problem, setProblem] = useState('');
  const setStatus = useSetStaffNoticeStatus();
  const restore = useRestoreNotice();

  if (notice.isPending) return <LoadingState message="正在读取通知…" />;
  if (notice.isError) {
    if (notice.error instanceof CloudCallError && notice.error.code === 'NOT_FOUND') {
      return <EmptyState message="没有找到这条通知" hint="它可能已经被删掉了。" action={{ label: '回到通知列表', onClick: onBack }} />;
    }
    return <ErrorState error={notice.error} onRetry={() => notice.refetch()} />;
  }
  const n = notice.data;
  const up = n.status === 'published';

  if (editing) {
    return (
      <NoticeEditor
        key={`${n.id}:${n.version}`}
        notice={n}
        onCancel={() => setEditing(false)}
        onSaved={(saved, published) => {
          setNews(
            published
              ? noticePublishedWords(saved)
              : saved.status === 'published'
                ? `已保存修改（第${saved.version}版），居民马上看到新的内容。`
                : `已保存（第${saved.version}版），居民还看不到。`,
          );
          setEditing(false);
        }}
      />
    );
  }

  const toggle = (p: Panel) => setPanel(panel === p ? 'none' : p);
  const run = async () => {
    setProblem('');
    try {
      const saved = await setStatus.mutateAsync({ id, status: up ? 'unpublished' : 'published' });
      setNews(up ? `「${saved.title}」已撤下，居民看不到了。需要时可以再发布。` : noticePublishedWords(saved));
    } catch (e) {
      setProblem(messageOf(e));
    }
    setConfirming(false);
  };

  return (
    <View className="content-staff" id="notice-panel">
      <View className="content-staff__card" id="notice-summary" ariaRole="region" ariaLabel={`${n.title}，${n.stateWords}`}>
        <View className="content-staff__labels">
          {n.pinned ? <Label tone="pinned" text="置顶" /> : null}
          <Label tone={stateTone(n.state)} text={n.stateWords} />
        </View>
        <View className="content-staff__heading">{n.title}</View>
        <View className="content-staff__text" id="notice-summary-audience">
          给{n.audienceWords}的居民看
        </View>
        <View className="content-staff__text content-staff__muted" id="notice-summary-state">
          {[`第${n.version}版`, `${whenWords(n.updatedAt)}保存`, timingWords(n)].filter(Boolean).join(' · ')}
        </View>
      </View>
      {news ? (
        <Callout tone="done" id="notice-news">
          {news}
        </Callout>
      ) : null}
      {problem ? (
        <Callout tone="problem" id="notice-problem">
          {problem}
        </Callout>
      ) : null}
      {confirming ? (
        <ConfirmStep
          id="notice-status-step"
          kind={up ? 'danger' : 'primary'}
          message={up ? `确定撤下「${n.title}」吗？` : `确定发布「${n.title}」吗？`}
          detail={
            up
              ? '撤下后居民就看不到这条通知了。内容和历史版本都留着，以后可以再发布。'
              : n.publishAt && new Date(n.publishAt).getTime() > Date.now()
                ? `定时发布：${whenWords(n.publishAt)}起，${n.audienceWords}的居民才能看到。`
                : `发布后，${n.audienceWords}的居民马上就能在「通知公告」里看到。`
          }
          confirmLabel={up ? '确定撤下' : '确定发布'}
          busy={setStatus.isPending}
          onConfirm={run}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <View className="content-staff__actions">
          <SmallButton
            id="notice-edit"
            label="编辑"
            onClick={() => {
              setNews('');
              setEditing(true);
            }}
          />
          <SmallButton id="notice-preview-toggle" label={panel === 'preview' ? '收起预览' : '预览'} onClick={() => toggle('preview')} />
          <SmallButton
            id={up ? 'notice-unpublish-start' : 'notice-publish-start'}
            label={up ? '撤下' : '发布'}
            kind={up ? 'danger' : 'primary'}
            onClick={() => setConfirming(true)}
          />
          <SmallButton
            id="notice-versions-toggle"
            label={panel === 'versions' ? '收起历史版本' : '历史版本'}
            onClick={() => toggle('versions')}
          />
          <SmallButton id="notice-back" label="回到通知列表" onClick={onBack} />
        </View>
      )}
      {panel === 'preview' ? <NoticePreview noticeId={id} id="notice-preview" /> : null}
      {panel === 'versions' ? (
        <NoticeVersions
          id={id}
          restoring={restore.isPending}
          restore={async (version, requestId) => {
            const saved = await restore.mutateAsync({ id, version, requestId });
            setNews(`已恢复成第${version}版的内容，现在是第${saved.version}版。`);
          }}
          onRestored={() => setPanel('preview')}
        />
      ) : null}
    </View>
  );
}

function NoticeVersions({
  id,
  restore,
  restoring,
  onRestored,
}: {
  id: string;
  restore: (version: number, requestId: string) => Promise<void>;
  restoring: boolean;
  onRestored: () => void;
}) {
  const history = useNoticeVersions(id);
  return (
    <VersionHistory
      id="notice-versions"
      what="通知"
      history={history}
      renderPreview={(v) => <NoticePreview noticeId={id} version={v} id={`notice-versions-v${v}-view`} />}
      restore={restore}
      restoring={restoring}
      onRestored={onRestored}
    />
  );
}

import type { Notice } from '@contract/notices';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { ConfirmStep } from '@/components/ConfirmStep';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { Label } from '@/components/Label';
import { LoadingState } from '@/components/LoadingState';
import { SmallButton } from '@/components/SmallButton';
import { domId } from '@/lib/domId';
import { messageOf } from '@/services/cloudError';
import { useStaffNotices } from '../api/list-notices';
import { useSetStaffNoticeStatus } from '../api/notice-status';
import { noticePublishedWords, timingWords } from '../noticeWords';
import { stateTone } from '../words';
import { NoticeEditor } from './NoticeEditor';
import { NoticePanel } from './NoticePanel';
import './contentStaff.scss';

type Mode = { kind: 'list' } | { kind: 'new' } | { kind: 'notice'; id: string };

/** Staff: 发布通知 — every notice with where it stands, 新建, and each notice's own panel. */
export function NoticeDesk() {
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [news, setNews] = useState('');

  if (mode.kind === 'new') {
    return (
      <NoticeEditor
        onCancel={() => setMode({ kind: 'list' })}
        onSaved={(saved, published) => {
          setNews(published ? noticePublishedWords(saved) : `「${saved.title}」已保存为草稿，居民还看不到。`);
          setMode({ kind: 'list' });
        }}
      />
    );
  }
  if (mode.kind === 'notice') {
    return (
      <NoticePanel
        id={mode.id}
        onBack={() => {
          setNews('');
          setMode({ kind: 'list' });
        }}
      />
    );
  }
  return (
    <View className="content-staff">
      <BigButton
        id="notice-new"
        label="新建通知"
        onClick={() => {
          setNews('');
          setMode({ kind: 'new' });
        }}
      />
      {news ? (
        <Callout tone="done" id="notice-news">
          {news}
        </Callout>
      ) : null}
      <AllNotices onOpen={(id) => setMode({ kind: 'notice', id })} onNews={setNews} />
    </View>
  );
}

function AllNotices({ onOpen, onNews }: { onOpen: (id: string) => void; onNews: (s: string) => void }) {
  const query = useStaffNotices();
  if (query.isPending) return <LoadingState message="正在读取通知…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const notices = query.data.pages.flatMap((page) => page.items);
  if (notices.length === 0) return <EmptyState message="还没有通知" hint="点上面的「新建通知」写第一条。" />;
  return (
    <View id="notice-list">
      {notices.map((n) => (
        <NoticeRow key={n.id} notice={n} onOpen={onOpen} onNews={onNews} />
      ))}
      {query.hasNextPage ? (
        <BigButton kind="secondary" label="看更多通知" busy={query.isFetchingNextPage} onClick={() => query.fetchNextPage()} />
      ) : null}
    </View>
  );
}

function NoticeRow({ notice: n, onOpen, onNews }: { notice: Notice; onOpen: (id: string) => void; onNews: (s: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState('');
  const setStatus = useSetStaffNoticeStatus();
  const id = domId('notice', n.id);
  const up = n.status === 'published';

  const run = async () => {
    setProblem('');
    try {
      const saved = await setStatus.mutateAsync({ id: n.id, status: up ? 'unpublished' : 'published' });
      onNews(up ? `「${saved.title}」已撤下，居民看不到了。需要时可以再发布。` : noticePublishedWords(saved));
    } catch (e) {
      setProblem(messageOf(e));
    }
    setConfirming(false);
  };

  const details = [`给${n.audienceWords}`, timingWords(n), n.attachments.length ? `附件 ${n.attachments.length} 个` : '']
    .filter(Boolean)
    .join(' · ');
  return (
    <View className="content-staff__row">
      <View
        id={id}
        data-testid={id}
        className="content-staff__card content-staff__card--link"
        ariaRole="link"
        ariaLabel={[n.pinned ? '置顶' : '', n.stateWords, n.title, details].filter(Boolean).join('，')}
        hoverClass="content-staff__card--pressed"
        onClick={() => onOpen(n.id)}
      >
        <View className="content-staff__labels">
          {n.pinned ? <Label tone="pinned" text="置顶" /> : null}
          <Label tone={stateTone(n.state)} text={n.stateWords} />
        </View>
        <View className="content-staff__heading">{n.title}</View>
        <View className="content-staff__text content-staff__muted" id={`${id}-details`}>
          {details}
        </View>
      </View>
      {problem ? (
        <Callout tone="problem" id={`${id}-problem`}>
          {problem}
        </Callout>
      ) : null}
      {confirming ? (
        <ConfirmStep
          id={`${id}-status`}
          kind={up ? 'danger' : 'primary'}
          message={up ? `确定撤下「${n.title}」吗？` : `确定发布「${n.title}」吗？`}
          detail={
            up
              ? '撤下后居民就看不到这条通知了。内容和历史版本都留着，以后可以再发布。'
              : `发布后，${n.audienceWords}的居民就能在「通知公告」里看到。`
          }
          confirmLabel={up ? '确定撤下' : '确定发布'}
          busy={setStatus.isPending}
          onConfirm={run}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <SmallButton
          id={domId('notice-status', n.id)}
          kind={up ? 'danger' : 'primary'}
          label={up ? '撤下' : '发布'}
          onClick={() => setConfirming(true)}
        />
      )}
    </View>
  );
}

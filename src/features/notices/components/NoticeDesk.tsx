import type { Notice } from '@contract/notices';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { messageOf } from '@/services/cloudError';
import { useAllNotices } from '../api/list-all-notices';
import { useSetNoticeStatus } from '../api/set-notice-status';
import { NoticeCard } from './NoticeCard';
import { NoticeEditor } from './NoticeEditor';
import './notices.scss';

type Mode = { kind: 'list' } | { kind: 'edit'; notice?: Notice };

/** Staff: every notice with its status, a 新建通知 button, the editor, publish and take down. */
export function NoticeDesk() {
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [news, setNews] = useState('');

  if (mode.kind === 'edit') {
    return (
      <NoticeEditor
        key={mode.notice?.id ?? 'new'}
        notice={mode.notice}
        onCancel={() => setMode({ kind: 'list' })}
        onSaved={(saved, published) => {
          setNews(`「${saved.title}」${published ? '已发布' : '已保存为草稿'}`);
          setMode({ kind: 'list' });
        }}
      />
    );
  }
  return (
    <View className="notice-list">
      <BigButton id="notice-new" label="新建通知" onClick={() => setMode({ kind: 'edit' })} />
      {news ? (
        <View className="notice-desk__news" ariaRole="status" ariaLabel={news}>
          {news}
        </View>
      ) : null}
      <AllNotices onEdit={(notice) => setMode({ kind: 'edit', notice })} onNews={setNews} />
    </View>
  );
}

function AllNotices({ onEdit, onNews }: { onEdit: (n: Notice) => void; onNews: (s: string) => void }) {
  const query = useAllNotices();
  const setStatus = useSetNoticeStatus();
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;

  const notices = query.data.pages.flatMap((page) => page.items);
  if (notices.length === 0) return <EmptyState message="还没有通知" hint="点上面的「新建通知」写第一条。" />;

  const toggle = (notice: Notice) => {
    const status = notice.status === 'published' ? 'draft' : 'published';
    setStatus.mutate(
      { id: notice.id, status },
      {
        onSuccess: (saved) => onNews(`「${saved.title}」${status === 'published' ? '已发布' : '已撤下'}`),
        onError: (error) => Taro.showModal({ title: '没有成功', content: messageOf(error), showCancel: false }),
      },
    );
  };
  return (
    <>
      {notices.map((notice) => (
        <View key={notice.id} className="notice-desk__row">
          <NoticeCard notice={notice} showStatus onOpen={onEdit} />
          <BigButton
            id={`notice-status-${notice.id}`}
            kind={notice.status === 'published' ? 'danger' : 'secondary'}
            label={notice.status === 'published' ? '撤下' : '发布'}
            busy={setStatus.isPending && setStatus.variables?.id === notice.id}
            disabled={setStatus.isPending}
            onClick={() => toggle(notice)}
          />
        </View>
      ))}
      {query.hasNextPage ? (
        <BigButton kind="secondary" label="看更多通知" busy={query.isFetchingNextPage} onClick={() => query.fetchNextPage()} />
      ) : null}
    </>
  );
}

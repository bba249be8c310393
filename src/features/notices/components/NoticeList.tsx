import type { Notice } from '@contract/notices';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BigButton } from '@/components/BigButton';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { routes } from '@/lib/routes';
import { useNotices } from '../api/list-notices';
import { NoticeCard } from './NoticeCard';
import './notices.scss';

const openNotice = (notice: Notice) => Taro.navigateTo({ url: routes.noticeDetail(notice.id) });

/** The published notices, pinned first; tap one to read it. */
export function NoticeList() {
  const query = useNotices();
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;

  const notices = query.data.pages.flatMap((page) => page.items);
  if (notices.length === 0) {
    return <EmptyState message="暂时没有通知" hint="有新的通知时会显示在这里，请过几天再来看看。" />;
  }
  return (
    <View className="notice-list">
      {notices.map((notice) => (
        <NoticeCard key={notice.id} notice={notice} onOpen={openNotice} />
      ))}
      {query.hasNextPage ? (
        <BigButton
          kind="secondary"
          label="看更多通知"
          busy={query.isFetchingNextPage}
          busyLabel="正在加载…"
          onClick={() => query.fetchNextPage()}
        />
      ) : null}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { Label } from '@/components/Label';
import { LoadingState } from '@/components/LoadingState';
import { formatChineseDate } from '@/lib/dates';
import { routes } from '@/lib/routes';
import { CloudCallError } from '@/services/cloudError';
import { useNotice } from '../api/get-notice';
import './notices.scss';

function NoticeMissing() {
  return (
    <EmptyState
      message="没有找到这条通知"
      hint="它可能已经撤下了。可以回到通知列表看看别的通知。"
      action={{ label: '回到通知列表', onClick: () => Taro.redirectTo({ url: routes.notices() }) }}
    />
  );
}

/** One notice to read: big type, one paragraph per line the author wrote. */
export function NoticeArticle({ id }: { id: string }) {
  const query = useNotice(id);
  if (!id) return <NoticeMissing />;
  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    if (query.error instanceof CloudCallError && query.error.code === 'NOT_FOUND') return <NoticeMissing />;
    return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  }

  const notice = query.data;
  const date = formatChineseDate(notice.publishedAt);
  const paragraphs = notice.body.split(/\n+/).filter((p) => p.trim() !== '');
  return (
    <View className="notice-article" ariaRole="article" ariaLabel={notice.title}>
      {notice.pinned ? <Label tone="pinned" text="置顶" /> : null}
      <View className="notice-article__title" ariaRole="heading">
        {notice.title}
      </View>
      {date ? <View className="notice-article__date">发布于 {date}</View> : null}
      {paragraphs.map((text, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one fixed text never reorder
        <View key={i} className="notice-article__paragraph">
          <Text userSelect>{text}</Text>
        </View>
      ))}
    </View>
  );
}

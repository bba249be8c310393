import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { ArticleBody } from '@/components/ArticleBody';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { Label } from '@/components/Label';
import { LoadingState } from '@/components/LoadingState';
import { ReadAloudButton } from '@/components/ReadAloudButton';
import { useMe } from '@/features/account/api/get-me';
import { formatChineseDate } from '@/lib/dates';
import { routes } from '@/lib/routes';
import { CloudCallError } from '@/services/cloudError';
import { useNotice } from '../api/get-notice';
import { useMarkNoticeRead } from '../api/mark-read';
import { canCountUnread } from '../api/unread-count';
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

/**
 * Once a notice has been shown to someone signed in, it is read (the server keeps reads per
 * sign-in and answers the new count for the home tile). Once per notice per visit.
 */
function useMarkReadWhenShown(id: string, shown: boolean) {
  const me = useMe();
  const { mutate: markRead } = useMarkNoticeRead();
  const marked = useRef('');
  const signedIn = canCountUnread(me.data?.role);
  useEffect(() => {
    if (!shown || !signedIn || marked.current === id) return;
    marked.current = id;
    markRead(id);
  }, [id, shown, signedIn, markRead]);
}

/** One notice to read: big type, plain paragraphs or the sanitised rich text, and 朗读. */
export function NoticeArticle({ id }: { id: string }) {
  const query = useNotice(id);
  useMarkReadWhenShown(id, query.isSuccess);
  if (!id) return <NoticeMissing />;
  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    if (query.error instanceof CloudCallError && query.error.code === 'NOT_FOUND') return <NoticeMissing />;
    return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  }

  const notice = query.data;
  const date = formatChineseDate(notice.publishedAt);
  return (
    <View className="notice-article" ariaRole="article" ariaLabel={notice.title}>
      {notice.pinned ? <Label tone="pinned" text="置顶" /> : null}
      <View className="notice-article__title" ariaRole="heading" aria-level="2">
        {notice.title}
      </View>
      {date ? <View className="notice-article__date">发布于 {date}</View> : null}
      <ReadAloudButton id="notice-read-aloud" title={notice.title} text={notice.bodyText} />
      <ArticleBody id="notice-body" body={notice.body} format={notice.bodyFormat} paragraphClassName="notice-article__paragraph" />
    </View>
  );
}

import { useRouter } from '@tarojs/taro';
import { Page } from '@/components/Page';
import { NoticeArticle } from '@/features/notices/components/NoticeArticle';

export default function NoticeDetailPage() {
  const { params } = useRouter();
  return (
    <Page title="通知详情">
      <NoticeArticle id={params.id ?? ''} />
    </Page>
  );
}

import { Page } from '@/components/Page';
import { NoticeList } from '@/features/notices/components/NoticeList';

export default function NoticesPage() {
  return (
    <Page title="通知公告">
      <NoticeList />
    </Page>
  );
}

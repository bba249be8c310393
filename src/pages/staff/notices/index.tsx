import { Page } from '@/components/Page';
import { StaffOnly } from '@/features/account/components/StaffOnly';
import { NoticeDesk } from '@/features/contentStaff/components/NoticeDesk';

export default function StaffNoticesPage() {
  return (
    <Page console title="发布通知">
      <StaffOnly>
        <NoticeDesk />
      </StaffOnly>
    </Page>
  );
}

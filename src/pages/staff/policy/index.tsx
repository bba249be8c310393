import { Page } from '@/components/Page';
import { StaffOnly } from '@/features/account/components/StaffOnly';
import { AnswerDesk } from '@/features/contentStaff/components/AnswerDesk';

export default function StaffPolicyPage() {
  return (
    <Page console title="政策问答管理">
      <StaffOnly>
        <AnswerDesk />
      </StaffOnly>
    </Page>
  );
}

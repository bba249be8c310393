import { Page } from '@/components/Page';
import { StaffOnly } from '@/features/account/components/StaffOnly';
import { QuestionDesk } from '@/features/contentStaff/components/QuestionDesk';

export default function StaffQuestionsPage() {
  return (
    <Page console title="群众提问">
      <StaffOnly>
        <QuestionDesk />
      </StaffOnly>
    </Page>
  );
}

import { Page } from '@/components/Page';
import { PolicyQuestions } from '@/features/policy/components/PolicyQuestions';

export default function PolicyAskPage() {
  return (
    <Page title="问工作人员">
      <PolicyQuestions />
    </Page>
  );
}

import { Page } from '@/components/Page';
import { PolicyHome } from '@/features/policy/components/PolicyHome';

export default function PolicyPage() {
  return (
    <Page title="政策问答">
      <PolicyHome />
    </Page>
  );
}

import { Page } from '@/components/Page';
import { StaffOnly } from '@/features/account/components/StaffOnly';
import { Comparison } from '@/features/comparison/components/Comparison';
import { VerificationList } from '@/features/comparison/components/VerificationList';

export default function StaffComparisonPage() {
  return (
    <Page console title="大数据比对认证">
      <StaffOnly>
        <Comparison />
        <VerificationList />
      </StaffOnly>
    </Page>
  );
}

import { Page } from '@/components/Page';
import { StaffOnly } from '@/features/account/components/StaffOnly';
import { StaffCertify } from '@/features/certification/components/StaffCertify';

export default function StaffCertifyPage() {
  return (
    <Page console title="现场和上门认证">
      <StaffOnly>
        <StaffCertify />
      </StaffOnly>
    </Page>
  );
}

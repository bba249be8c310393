import { Page } from '@/components/Page';
import { ClaimInvitation } from '@/features/staff/components/ClaimInvitation';

export default function StaffClaimPage() {
  return (
    <Page console title="开通工作人员账号">
      <ClaimInvitation />
    </Page>
  );
}

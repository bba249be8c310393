import { Page } from '@/components/Page';
import { AdminOnly } from '@/features/staff/components/AdminOnly';
import { StaffTeam } from '@/features/staff/components/StaffTeam';

export default function StaffTeamPage() {
  return (
    <Page console title="工作人员管理">
      <AdminOnly>
        <StaffTeam />
      </AdminOnly>
    </Page>
  );
}

import { Page } from '@/components/Page';
import { StaffOnly } from '@/features/account/components/StaffOnly';
import { RosterBrowser } from '@/features/staff/components/RosterBrowser';

export default function StaffRosterPage() {
  return (
    <Page console title="退休人员名册">
      <StaffOnly>
        <RosterBrowser />
      </StaffOnly>
    </Page>
  );
}

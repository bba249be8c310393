import { Page } from '@/components/Page';
import { StaffOnly } from '@/features/account/components/StaffOnly';
import { EventDesk } from '@/features/eventsStaff/components/EventDesk';

export default function StaffEventsPage() {
  return (
    <Page console title="活动管理">
      <StaffOnly>
        <EventDesk />
      </StaffOnly>
    </Page>
  );
}

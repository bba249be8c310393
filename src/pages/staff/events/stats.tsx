import { Page } from '@/components/Page';
import { StaffOnly } from '@/features/account/components/StaffOnly';
import { EventStatsView } from '@/features/eventsStaff/components/EventStatsView';

export default function StaffEventStatsPage() {
  return (
    <Page console title="活动统计">
      <StaffOnly>
        <EventStatsView />
      </StaffOnly>
    </Page>
  );
}

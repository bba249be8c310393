import { Page } from '@/components/Page';
import { EventWeek } from '@/features/events/components/EventWeek';

export default function EventsPage() {
  return (
    <Page title="活动报名">
      <EventWeek />
    </Page>
  );
}

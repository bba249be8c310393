import { Page } from '@/components/Page';
import { MyRegistrations } from '@/features/events/components/MyRegistrations';

export default function MyEventsPage() {
  return (
    <Page title="我的报名">
      <MyRegistrations />
    </Page>
  );
}

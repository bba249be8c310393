import { useRouter } from '@tarojs/taro';
import { Page } from '@/components/Page';
import { EventDetailView } from '@/features/events/components/EventDetailView';
import { routeParam } from '@/lib/routes';

export default function EventDetailPage() {
  const { params } = useRouter();
  return (
    <Page title="活动详情">
      <EventDetailView eventId={routeParam(params.eventId)} occurrenceId={routeParam(params.occurrenceId)} />
    </Page>
  );
}

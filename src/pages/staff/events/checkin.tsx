import { useRouter } from '@tarojs/taro';
import { Page } from '@/components/Page';
import { StaffOnly } from '@/features/account/components/StaffOnly';
import { CheckinDesk } from '@/features/eventsStaff/components/CheckinDesk';
import { routeParam } from '@/lib/routes';

export default function StaffEventCheckinPage() {
  const { params } = useRouter();
  return (
    <Page console title="活动签到">
      <StaffOnly>
        <CheckinDesk occurrenceId={routeParam(params.occurrenceId)} />
      </StaffOnly>
    </Page>
  );
}

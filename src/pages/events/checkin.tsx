import { useRouter } from '@tarojs/taro';
import { Page } from '@/components/Page';
import { CheckinCodeCard } from '@/features/events/components/CheckinCodeCard';
import { routeParam } from '@/lib/routes';

export default function CheckinPage() {
  const { params } = useRouter();
  return (
    <Page title="签到码">
      <CheckinCodeCard registrationId={routeParam(params.registrationId)} />
    </Page>
  );
}

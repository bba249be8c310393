import { Page } from '@/components/Page';
import { MyInformation } from '@/features/account/components/MyInformation';

export default function MyInformationPage() {
  return (
    <Page title="我的信息">
      <MyInformation />
    </Page>
  );
}

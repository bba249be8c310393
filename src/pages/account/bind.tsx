import { Page } from '@/components/Page';
import { BindFlow } from '@/features/account/components/BindFlow';
import { PrivacyGate } from '@/features/account/components/PrivacyGate';
import { routes } from '@/lib/routes';

export default function BindPage() {
  return (
    <Page title="绑定退休信息">
      <PrivacyGate back={routes.bind()} doing="绑定退休信息">
        <BindFlow />
      </PrivacyGate>
    </Page>
  );
}

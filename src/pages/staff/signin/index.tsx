import { Page } from '@/components/Page';
import { ConsoleSignIn } from '@/features/console/components/ConsoleSignIn';

export default function ConsoleSignInPage() {
  return (
    <Page console title="工作人员登录">
      <ConsoleSignIn />
    </Page>
  );
}

import { ElderModeSwitch } from '@/components/ElderModeSwitch';
import { Page } from '@/components/Page';
import { SignInBar } from '@/features/account/components/SignInBar';
import { Greeting, HomeMenu } from '@/features/home/components/HomeMenu';

export default function HomePage() {
  return (
    <Page title="温馨退服">
      <Greeting />
      <ElderModeSwitch />
      <HomeMenu />
      <SignInBar />
    </Page>
  );
}

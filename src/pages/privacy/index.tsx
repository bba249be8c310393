import { useRouter } from '@tarojs/taro';
import { Page } from '@/components/Page';
import { PrivacyGuide } from '@/features/account/components/PrivacyGuide';

export default function PrivacyPage() {
  const { params } = useRouter();
  return (
    <Page title="隐私保护指引">
      <PrivacyGuide back={params.back} />
    </Page>
  );
}

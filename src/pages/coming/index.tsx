import { useRouter } from '@tarojs/taro';
import { Page } from '@/components/Page';
import { ComingSoon } from '@/features/home/components/ComingSoon';

const SERVICES: Record<string, string> = { certification: '资格认证', events: '活动报名', policy: '政策问答' };

export default function ComingPage() {
  const { params } = useRouter();
  const service: string | undefined = SERVICES[params.topic ?? ''];
  return (
    <Page title={service ?? '服务准备中'}>
      <ComingSoon service={service} />
    </Page>
  );
}

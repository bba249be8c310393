import { useRouter } from '@tarojs/taro';
import { Page } from '@/components/Page';
import { CertifyChooser } from '@/features/certification/components/CertifyChooser';
import { CertifyFlow } from '@/features/certification/components/CertifyFlow';

export default function CertifyPage() {
  const { params } = useRouter();
  return (
    <Page title="资格认证">
      {params.retireeId ? <CertifyFlow retireeId={params.retireeId} returned={params.returned === '1'} /> : <CertifyChooser />}
    </Page>
  );
}

import { useRouter } from '@tarojs/taro';
import { Page } from '@/components/Page';
import { AnswerArticle } from '@/features/policy/components/AnswerArticle';
import { routeParam } from '@/lib/routes';

export default function PolicyDetailPage() {
  const { params } = useRouter();
  return (
    <Page title="政策问答">
      <AnswerArticle id={routeParam(params.id)} />
    </Page>
  );
}

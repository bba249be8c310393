import { useRouter } from '@tarojs/taro';
import { Page } from '@/components/Page';
import { StaffOnly } from '@/features/account/components/StaffOnly';
import { AnswerWorkspace } from '@/features/contentStaff/components/AnswerWorkspace';
import { routeParam } from '@/lib/routes';

export default function StaffPolicyAnswerPage() {
  const { params } = useRouter();
  const id = routeParam(params.id);
  return (
    <Page console title={id ? '政策问答' : '新建政策问答'}>
      <StaffOnly>
        <AnswerWorkspace answerId={id} editFirst={params.edit === '1'} />
      </StaffOnly>
    </Page>
  );
}

import { Page } from '@/components/Page';
import { StaffOnly } from '@/features/account/components/StaffOnly';
import { LinkQueue } from '@/features/staff/components/LinkQueue';

export default function StaffFamilyPage() {
  return (
    <Page console title="家属关联审核">
      <StaffOnly>
        <LinkQueue />
      </StaffOnly>
    </Page>
  );
}

import { Page } from '@/components/Page';
import { StaffOnly } from '@/features/account/components/StaffOnly';
import { RosterImport } from '@/features/rosterImport/components/RosterImport';

export default function StaffImportPage() {
  return (
    <Page console title="导入退休人员名单">
      <StaffOnly>
        <RosterImport />
      </StaffOnly>
    </Page>
  );
}

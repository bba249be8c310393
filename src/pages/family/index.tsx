import { Page } from '@/components/Page';
import { FamilyDesk } from '@/features/family/components/FamilyDesk';

export default function FamilyPage() {
  return (
    <Page title="家人帮办">
      <FamilyDesk />
    </Page>
  );
}

import { Page } from '@/components/Page';
import { StaffOnly } from '@/features/account/components/StaffOnly';
import { CertificationReports } from '@/features/certificationReports/components/CertificationReports';

export default function StaffCertificationReportsPage() {
  return (
    <Page console title="认证统计和名单导出">
      <StaffOnly>
        <CertificationReports />
      </StaffOnly>
    </Page>
  );
}

import { Page } from '@/components/Page';
import { AdminOnly } from '@/features/staff/components/AdminOnly';
import { AuditLog } from '@/features/staff/components/AuditLog';

export default function StaffAuditPage() {
  return (
    <Page console title="操作记录">
      <AdminOnly>
        <AuditLog />
      </AdminOnly>
    </Page>
  );
}

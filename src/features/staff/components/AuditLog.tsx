import type { AuditRecord } from '@contract/accounts';
import { inShanghai } from '@contract/time';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { type Choice, Choices } from '@/components/Choices';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useStaffList } from '../api/list-staff';
import { type AuditFilter, useAuditSearch } from '../api/search-audit';
import './staff.scss';

/** What each audited action is, in the words an admin reads. */
export const AUDIT_ACTIONS: Record<string, string> = {
  'pii.reveal.idNumber': '查看完整身份证号',
  'pii.reveal.phone': '查看完整手机号',
  'retiree.bind': '绑定微信',
  'retiree.rebind': '换绑微信',
  'retiree.unbind': '解除绑定',
  'family.accept': '长辈同意家属帮办',
  'family.approve': '工作人员同意家属帮办',
  'family.refuse': '工作人员不同意家属帮办',
  'family.end': '结束家属帮办',
  'staff.invite': '邀请工作人员',
  'staff.claim': '开通工作人员账号',
  'staff.update': '修改工作人员权限',
  'staff.disable': '停用工作人员账号',
  'roster.import.start': '开始导入名单',
  'roster.import': '名单导入完成',
  'notice.save': '保存通知',
  'notice.setStatus': '发布或撤下通知',
};

const KINDS: ReadonlyArray<Choice<string>> = [
  { value: '', label: '全部', key: 'all' },
  { value: 'pii.reveal.idNumber', label: '查看身份证号', key: 'reveal-id' },
  { value: 'pii.reveal.phone', label: '查看手机号', key: 'reveal-phone' },
  { value: 'roster.import', label: '名单导入', key: 'import' },
  { value: 'family.approve', label: '家属帮办审核', key: 'family' },
  { value: 'staff.invite', label: '邀请同事', key: 'invite' },
];

/** Admin: the append-only audit log — who did what to whose record, and why. */
export function AuditLog() {
  const [kind, setKind] = useState('');
  const [page, setPage] = useState(1);
  const filter: AuditFilter = kind ? { kind } : {};
  const query = useAuditSearch(filter, page);
  const staff = useStaffList();
  const names = new Map((staff.data ?? []).map((s) => [s.userId, s.name]));

  return (
    <View className="audit-log">
      <Choices
        id="audit-kind"
        label="要看哪一类记录"
        options={KINDS}
        selected={[kind]}
        onToggle={(value) => {
          setKind(value);
          setPage(1);
        }}
      />
      {query.isPending ? (
        <LoadingState message="正在读取记录…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState message="没有这一类的记录" hint="换一类看看，或选「全部」。" />
      ) : (
        <View>
          {query.data.items.map((r) => (
            <AuditRow key={r.id} record={r} actorName={r.actorUserId ? names.get(r.actorUserId) : undefined} />
          ))}
          <View className="audit-log__pager">
            {page > 1 ? <BigButton kind="secondary" label="上一页" onClick={() => setPage(page - 1)} /> : null}
            {query.data.hasMore ? <BigButton id="audit-next" kind="secondary" label="下一页" onClick={() => setPage(page + 1)} /> : null}
          </View>
        </View>
      )}
    </View>
  );
}

function AuditRow({ record, actorName }: { record: AuditRecord; actorName?: string }) {
  const what = AUDIT_ACTIONS[record.action] ?? record.action;
  const purpose = typeof record.detail?.purposeText === 'string' ? `（${record.detail.purposeText}）` : '';
  const who = actorName ?? (record.actorRole === 'staff' || record.actorRole === 'admin' ? '工作人员' : '本人或家属');
  return (
    <View id={`audit-${record.id}`} className="audit-log__row">
      <View className="audit-log__when">{inShanghai(record.at).format('YYYY年M月D日 HH:mm')}</View>
      <View className="audit-log__what">
        {who}：{what}
        {purpose}
      </View>
      <View className="audit-log__target">记录编号：{record.target.id}</View>
    </View>
  );
}

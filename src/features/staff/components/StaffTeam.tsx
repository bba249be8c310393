import type { StaffAccount } from '@contract/accounts';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { ConfirmStep } from '@/components/ConfirmStep';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useMe } from '@/features/account/api/get-me';
import { messageOf } from '@/services/cloudError';
import { useDisableStaff } from '../api/disable-staff';
import { useStaffList } from '../api/list-staff';
import { InviteForm } from './InviteForm';
import { Row } from './StaffRow';
import { streetsWords } from './streetsWords';
import './staff.scss';

/** Admin: invite colleagues, see every staff account, switch one off. */
export function StaffTeam() {
  const me = useMe();
  const list = useStaffList();
  const [news, setNews] = useState('');
  return (
    <View className="staff-desk">
      <View className="staff-section" ariaRole="region" ariaLabel="邀请新同事">
        <View className="staff-section__heading">邀请新同事</View>
        <InviteForm />
      </View>
      <View className="staff-section" ariaRole="region" ariaLabel="工作人员账号">
        <View className="staff-section__heading">工作人员账号</View>
        {news ? (
          <Callout tone="done" id="team-news">
            {news}
          </Callout>
        ) : null}
        {list.isPending ? <LoadingState /> : null}
        {list.isError ? <ErrorState error={list.error} onRetry={() => list.refetch()} /> : null}
        {list.data?.length === 0 ? <EmptyState message="还没有工作人员账号" hint="用上面的表格邀请第一位同事。" /> : null}
        {list.data?.map((account) => (
          <StaffCard key={account.userId} account={account} isMe={account.userId === me.data?.userId} onNews={setNews} />
        ))}
      </View>
    </View>
  );
}

function StaffCard({ account, isMe, onNews }: { account: StaffAccount; isMe: boolean; onNews: (s: string) => void }) {
  const disable = useDisableStaff();
  const [asking, setAsking] = useState(false);
  return (
    <View id={`staff-${account.userId}`} className="staff-card" ariaRole="group" ariaLabel={account.name}>
      <View className="staff-card__title">
        {account.name}
        {isMe ? '（您自己）' : ''}
      </View>
      <Row label="身份" value={account.role === 'admin' ? '管理员' : '工作人员'} />
      <Row label="负责" value={streetsWords(account.streets)} />
      <Row label="状态" value={account.disabled ? '已停用' : '正常使用'} />
      {disable.isError ? <Callout tone="problem">{messageOf(disable.error)}</Callout> : null}
      {account.disabled || isMe ? null : asking ? (
        <ConfirmStep
          id={`staff-disable-${account.userId}`}
          message={`确定停用 ${account.name} 的账号吗？`}
          detail="停用后，这个账号立刻不能再办理工作人员的事情，也看不到名册。"
          confirmLabel="确定停用"
          cancelLabel="不停用了"
          busy={disable.isPending}
          onConfirm={async () => {
            try {
              await disable.mutateAsync(account.userId);
              setAsking(false);
              onNews(`已停用 ${account.name} 的账号。`);
            } catch {
              // shown on the card (disable.isError)
            }
          }}
          onCancel={() => setAsking(false)}
        />
      ) : (
        <BigButton id={`staff-disable-${account.userId}`} kind="danger" label="停用账号" onClick={() => setAsking(true)} />
      )}
    </View>
  );
}

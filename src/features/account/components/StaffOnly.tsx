import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { routes } from '@/lib/routes';
import { useMe } from '../api/get-me';
import { isStaff } from '../roles';

/** Shows its children to staff and admins; everyone else is told plainly and sent home. */
export function StaffOnly({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  if (!isStaff(me.data.role)) {
    return (
      <EmptyState
        message="这个页面只对工作人员开放"
        hint="您可以回到首页，看看通知公告和其他服务。"
        action={{ label: '回到首页', onClick: () => Taro.reLaunch({ url: routes.home() }) }}
      />
    );
  }
  return <>{children}</>;
}

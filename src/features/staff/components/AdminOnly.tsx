import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useMe } from '@/features/account/api/get-me';
import { routes } from '@/lib/routes';

/** Shows its children to admins; everyone else is told plainly and sent home. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  if (me.data.role !== 'admin') {
    return (
      <EmptyState
        message="这个页面只对管理员开放"
        hint="需要邀请新同事或停用账号的，请找中心的管理员。"
        action={{ label: '回到首页', onClick: () => Taro.reLaunch({ url: routes.home() }) }}
      />
    );
  }
  return <>{children}</>;
}

import type { RegistrationView } from '@contract/events';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useMe } from '@/features/account/api/get-me';
import { isStaff } from '@/features/account/roles';
import { routes } from '@/lib/routes';
import { useMyRegistrations } from '../api/list-my-registrations';
import { RegistrationCard } from './RegistrationCard';
import './events.scss';

/** Past registrations shown: enough to remember the last few months. */
const PAST_SHOWN = 20;

/** A registration the person withdrew themself is no longer news; everything else stays on the list. */
const worthShowing = (r: RegistrationView) => r.status !== 'cancelled';

/**
 * 我的报名: upcoming first (soonest first), for me and each elder I help, with the check-in
 * code and cancelling; then the past ones, with whether they checked in.
 */
export function MyRegistrations() {
  const me = useMe();
  const canHave = !!me.data && !isStaff(me.data.role) && (!!me.data.retiree || me.data.helping.length > 0);
  const query = useMyRegistrations(canHave);
  const [news, setNews] = useState('');

  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  const goEvents = { label: '去看看有什么活动', onClick: () => Taro.navigateTo({ url: routes.events() }) };
  if (!canHave) {
    return (
      <EmptyState
        message="这里显示您和您帮办的长辈报名的活动"
        hint="绑定退休信息或关联长辈以后，报名的活动会显示在这里。"
        action={goEvents}
      />
    );
  }
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;

  const myRetireeId = me.data.retiree?.id ?? null;
  const upcoming = query.data.upcoming.filter(worthShowing);
  const past = query.data.past.filter(worthShowing).slice(0, PAST_SHOWN);
  return (
    <View className="my-events">
      {news ? (
        <Callout tone="done" id="my-events-news">
          {news}
        </Callout>
      ) : null}
      <View id="my-events-upcoming" className="my-events__section" ariaRole="region" ariaLabel="即将参加">
        <View className="my-events__title" ariaRole="heading" aria-level="2">
          即将参加
        </View>
        {upcoming.length === 0 ? (
          <EmptyState message="还没有报名的活动" hint="报名以后，活动会显示在这里。" action={goEvents} />
        ) : (
          upcoming.map((r) => <RegistrationCard key={r.id} registration={r} myRetireeId={myRetireeId} upcoming onNews={setNews} />)
        )}
      </View>
      {past.length > 0 ? (
        <View id="my-events-past" className="my-events__section" ariaRole="region" ariaLabel="已经过去的">
          <View className="my-events__title" ariaRole="heading" aria-level="2">
            已经过去的
          </View>
          {past.map((r) => (
            <RegistrationCard key={r.id} registration={r} myRetireeId={myRetireeId} upcoming={false} onNews={setNews} />
          ))}
        </View>
      ) : null}
      {upcoming.length > 0 ? <BigButton id="my-events-more" kind="secondary" label="再看看别的活动" onClick={goEvents.onClick} /> : null}
    </View>
  );
}

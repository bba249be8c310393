import type { RegistrationList } from '@contract/events';
import { View } from '@tarojs/components';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useOccurrenceRoster } from '../api/roster';
import { occurrenceWhen } from '../words';
import { AttendanceExport } from './AttendanceExport';
import { AttendeeList } from './AttendeeList';
import { CodeEntry } from './CodeEntry';
import { WalkIn } from './WalkIn';
import './eventsStaff.scss';

/** Staff on the day: one occurrence — who is expected, codes scanned or typed, walk-ins, and the sign-in sheet. */
export function CheckinDesk({ occurrenceId }: { occurrenceId: string }) {
  const roster = useOccurrenceRoster(occurrenceId);
  if (!occurrenceId) return <EmptyState message="没有选择场次" hint="请从「活动管理」里点某一场的「签到」进来。" />;
  if (roster.isPending) return <LoadingState message="正在读取报名名单…" />;
  if (roster.isError) return <ErrorState error={roster.error} onRetry={() => roster.refetch()} />;
  const list = roster.data;
  return (
    <View className="events-staff">
      <Heading list={list} />
      {list.occurrence.status === 'cancelled' ? null : (
        <>
          <CodeEntry occurrenceId={occurrenceId} />
          <WalkIn occurrenceId={occurrenceId} />
        </>
      )}
      <AttendeeList list={list} />
      <View className="events-staff__section-title" ariaRole="heading" aria-level="2">
        签到表
      </View>
      <AttendanceExport id="checkin-export" target={{ occurrenceId }} />
    </View>
  );
}

function Heading({ list }: { list: RegistrationList }) {
  const o = list.occurrence;
  const checkedIn = list.lines.filter((l) => l.status === 'confirmed' && l.checkedInAt).length;
  const { confirmed, waitlisted, pending } = list.counts;
  const counts = [
    `已报名 ${confirmed} 人，已签到 ${checkedIn} 人`,
    confirmed > checkedIn ? `还有 ${confirmed - checkedIn} 人没到` : '',
    waitlisted ? `候补 ${waitlisted} 人` : '',
    pending ? `等待审核 ${pending} 人` : '',
  ].filter(Boolean);
  return (
    <View className="events-staff__summary" id="checkin-heading">
      <View className="events-staff__heading">{o.title}</View>
      <View className="events-staff__text">
        {occurrenceWhen(o)} · {o.placeName}
      </View>
      {o.status === 'cancelled' ? (
        <View className="events-staff__text events-staff__strong">这一场已取消（{o.cancelReason}），不用签到。</View>
      ) : null}
      <View className="events-staff__text events-staff__strong" id="checkin-counts" ariaRole="status">
        {counts.join('；')}
      </View>
    </View>
  );
}

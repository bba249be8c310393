import { CERT_STATE_WORDS, type CertificationState } from '@contract/certification';
import type { SchedulerRun } from '@contract/certificationReports';
import { View } from '@tarojs/components';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { ConfirmStep } from '@/components/ConfirmStep';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { formatDay } from '@/lib/dates';
import { messageOf } from '@/services/cloudError';
import { useRunSchedulerNow, useSchedulerRuns } from '../api/scheduler';

dayjs.extend(utc);

/** '02:00' in UTC+8, wherever the computer thinks it is. */
const clock = (iso: string | null) =>
  iso
    ? dayjs(iso)
        .utcOffset(8 * 60)
        .format('HH:mm')
    : '';

function statusWords(run: SchedulerRun): string {
  const who = run.trigger === 'timer' ? '自动运行' : '管理员点了运行';
  if (run.status === 'done') return `已完成（${who}，${clock(run.startedAt)}开始，${clock(run.finishedAt)}做完）`;
  return `还没做完（${who}，${clock(run.startedAt)}开始）。再点一次"现在运行一次"会接着做。`;
}

/** The run's counts as sentences a person reads at a glance. */
export function runSentences(run: SchedulerRun): string[] {
  const c = run.counts;
  const lines = [
    `查看了 ${c.scanned} 人，认证状态有变化的 ${c.stateChanged} 人。`,
    `这一天列入暂停发放 ${c.suspended} 人，恢复发放 ${c.restored} 人。`,
    `到期提醒 ${c.remindersQueued} 条：发出 ${c.sent} 条；没有订阅提醒的 ${c.noSubscription} 条；不用微信的 ${c.notWechat} 条；没发出去 ${c.failed} 条。`,
  ];
  if (c.pending > 0) lines.push(`还有 ${c.pending} 条提醒等白天再发（早上8点以后），夜里不打扰老人。`);
  const states = Object.entries(run.states)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([state, n]) => `${CERT_STATE_WORDS[state as CertificationState] ?? state} ${n} 人`);
  if (states.length) lines.push(`运行后：${states.join('，')}。`);
  return lines;
}

/**
 * Admin: 今天的自动任务 — the daily job's latest runs in plain words, and 现在运行一次 (the
 * same as the 02:00 timer; safe to repeat) after a second step on the page.
 */
export function SchedulerPanel() {
  const runs = useSchedulerRuns();
  const runNow = useRunSchedulerNow();
  const [confirming, setConfirming] = useState(false);
  const [ran, setRan] = useState<SchedulerRun | null>(null);

  const confirm = () =>
    runNow.mutate(undefined, {
      onSuccess: (run) => {
        setRan(run);
        setConfirming(false);
      },
      onError: () => setConfirming(false),
    });

  const body = () => {
    if (runs.isPending) return <LoadingState message="正在读取自动任务的记录…" />;
    if (runs.isError) return <ErrorState error={runs.error} onRetry={() => runs.refetch()} />;
    const [latest, ...earlier] = runs.data;
    if (!latest) {
      return (
        <View id="scheduler-none" className="cert-reports__text">
          自动任务还没有运行过。它每天凌晨2点自动运行，也可以点下面的按钮现在运行一次。
        </View>
      );
    }
    return (
      <>
        <View id="scheduler-latest" className="cert-reports__run" ariaRole="region" ariaLabel={`${formatDay(latest.day)}的自动任务`}>
          <View className="cert-reports__strong">
            {formatDay(latest.day)}：{statusWords(latest)}
          </View>
          {runSentences(latest).map((line) => (
            <View key={line} className="cert-reports__text">
              {line}
            </View>
          ))}
        </View>
        {earlier.length ? (
          <View className="cert-reports__earlier">
            <View className="cert-reports__subheading">前几天</View>
            {earlier.map((run) => (
              <View key={run.day} id={`scheduler-run-${run.day}`} className="cert-reports__text">
                {formatDay(run.day)}：{run.status === 'done' ? '已完成' : '没做完'}，暂停发放 {run.counts.suspended} 人，恢复发放{' '}
                {run.counts.restored} 人，提醒发出 {run.counts.sent} 条。
              </View>
            ))}
          </View>
        ) : null}
      </>
    );
  };

  return (
    <View className="cert-reports__block">
      <View className="cert-reports__text cert-reports__muted">
        每天凌晨2点，系统自动更新每个人的认证状态，把过期的人列入暂停发放名单、重新认证的列入恢复发放名单，并排好到期提醒，早上8点以后发给订阅了提醒的人。
      </View>
      {body()}
      {ran ? (
        <Callout tone="done" id="scheduler-ran">
          运行完了：暂停发放 {ran.counts.suspended} 人，恢复发放 {ran.counts.restored} 人，提醒发出 {ran.counts.sent} 条。
        </Callout>
      ) : null}
      {runNow.isError ? (
        <Callout tone="problem" id="scheduler-problem">
          {messageOf(runNow.error)}
        </Callout>
      ) : null}
      {confirming ? (
        <ConfirmStep
          id="scheduler-run"
          kind="primary"
          message="现在运行一次今天的自动任务吗？"
          detail="和每天凌晨2点自动做的是同一件事。今天已经做过的不会重做，提醒也不会重复发。人多的时候要等一两分钟。"
          confirmLabel="现在运行"
          busy={runNow.isPending}
          onConfirm={confirm}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <BigButton
          id="scheduler-run"
          kind="secondary"
          label="现在运行一次"
          onClick={() => {
            setRan(null);
            runNow.reset();
            setConfirming(true);
          }}
        />
      )}
    </View>
  );
}

import { schedulerSchemas } from '../../contract/certificationReports';
import type { CallResult } from '../../contract/envelope';
import { shanghaiDay } from '../../contract/time';
import { resolveCaller } from '../_lib/caller';
import { action, defineFunction } from '../_lib/defineFunction';
import { now } from '../_lib/time';
import { isDaytime, sendEventMessages } from '../events/outbox';
import { latestRuns, runDaily } from './daily';
import { sendPendingReminders } from './reminders';

/**
 * The daily scheduler. Two doors:
 *  - the timer trigger `daily` (cloudbaserc.json, 02:00 UTC+8): CloudBase calls with
 *    `{ Type: 'Timer', TriggerName, Time, Message }` and no caller. Recognised by that shape
 *    AND the absence of any caller identity; a signed-in client sending the same shape is an
 *    ordinary call with no action. In production the function's security rule must stay
 *    "auth != null" (never `true`) and no HTTP access path may point at it, so a call with no
 *    identity can only be the timer or our own server side. Even then the worst it can do is
 *    today's run, which is safe to repeat.
 *  - the timer trigger `outbox` (every 10 minutes): sends the event messages that are due
 *    (promotions, cancellations, changes, day-before reminders) and the day's certification
 *    reminders the 02:00 run queued, in the daytime only.
 *  - the table, for admins: `daily.run` (run now) and `daily.last` (the latest runs).
 */
const TRIGGERS = new Set(['daily', 'outbox']);

export const scheduler = defineFunction('scheduler', {
  'daily.run': action({ input: schedulerSchemas['daily.run'], roles: ['admin'], handler: () => runDaily('admin') }),
  'daily.last': action({ input: schedulerSchemas['daily.last'], roles: ['admin'], handler: () => latestRuns() }),
});

export function isTimerEvent(event: unknown): boolean {
  const e = event as Record<string, unknown> | null;
  return (
    !!e &&
    typeof e === 'object' &&
    e.Type === 'Timer' &&
    typeof e.TriggerName === 'string' &&
    TRIGGERS.has(e.TriggerName) &&
    typeof e.Time === 'string' &&
    !('action' in e)
  );
}

/** What the `outbox` timer sends: due event messages, then today's certification reminders. */
async function sendOutbox() {
  const events = await sendEventMessages();
  const reminders = await sendPendingReminders(shanghaiDay(now()));
  return { events, reminders };
}

export async function main(event: unknown, context?: { request_id?: string }): Promise<CallResult<unknown>> {
  if (isTimerEvent(event)) {
    const caller = await resolveCaller();
    if (caller.identity === null) {
      const trigger = (event as { TriggerName: string }).TriggerName;
      try {
        if (trigger === 'outbox') return { ok: true, data: isDaytime(now()) ? await sendOutbox() : { skipped: 'night' } };
        return { ok: true, data: await runDaily('timer') };
      } catch (e) {
        console.error(`[scheduler] ${trigger} failed`, e);
        return { ok: false, error: { code: 'INTERNAL', message: '系统开小差了，请稍后再试' } };
      }
    }
  }
  return scheduler.main(event, context);
}

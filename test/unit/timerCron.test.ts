import { cronMatches, parseCron, readTimerTriggers, timerEvent } from '../../emulator/functions/timers';

/** The emulator's timer runner reads CloudBase's 7-field cron in UTC+8, as CloudBase does. */
test('"0 0 2 * * * *" fires at 02:00:00 in UTC+8 (18:00 UTC the day before), and at no other second', () => {
  const daily = parseCron('0 0 2 * * * *');
  expect(cronMatches(daily, new Date('2026-11-22T18:00:00Z'))).toBe(true);
  expect(cronMatches(daily, new Date('2026-11-22T18:00:01Z'))).toBe(false);
  expect(cronMatches(daily, new Date('2026-11-23T02:00:00Z'))).toBe(false); // 10:00 in UTC+8
});

test('lists, ranges, steps and names', () => {
  const f = parseCron('*/15 1,2 9-17/4 * JAN-MAR MON-FRI 2026');
  expect([...f[0]]).toEqual([0, 15, 30, 45]);
  expect([...f[2]]).toEqual([9, 13, 17]);
  expect([...f[4]]).toEqual([1, 2, 3]);
  expect([...f[5]]).toEqual([1, 2, 3, 4, 5]);
  // Monday 2026-01-05 13:02:30 in UTC+8.
  expect(cronMatches(f, new Date('2026-01-05T05:02:30Z'))).toBe(true);
  // The same time on a Sunday.
  expect(cronMatches(f, new Date('2026-01-04T05:02:30Z'))).toBe(false);
  expect(() => parseCron('0 0 2 * * *')).toThrow(/7-field/);
  expect(() => parseCron('0 0 24 * * * *')).toThrow(/out of range/);
});

test('the scheduler trigger is read from cloudbaserc.json, and its event has CloudBase’s shape', () => {
  const triggers = readTimerTriggers(`${__dirname}/../../cloudbaserc.json`);
  expect(triggers).toContainEqual({ functionName: 'scheduler', name: 'daily', cron: '0 0 2 * * * *' });
  expect(timerEvent(triggers[0], new Date('2026-11-22T18:00:00.123Z'))).toEqual({
    Type: 'Timer',
    TriggerName: 'daily',
    Time: '2026-11-22T18:00:00Z',
    Message: '',
  });
});

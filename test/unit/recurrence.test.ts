/** Recurrence of events: weekly expansion over weeks and months, holidays as cancel exceptions, moves, windows and ages. */
import { ageOn, ageProblem, cancelDeadline, eventSchemas, registrationWindow, windowState } from '../../contract/events';
import {
  addDays,
  expandSchedule,
  HORIZON_WEEKS,
  holidayExceptions,
  horizonEnd,
  mondayOf,
  type Schedule,
  scheduleProblems,
  scheduleWords,
  startsAtIso,
  weekdayOf,
} from '../../contract/recurrence';

/** Tai chi: Mon/Tue/Thu 08:00–09:00 through the spring of 2026. */
const taiChi: Schedule = {
  type: 'weekly',
  weekdays: [1, 2, 4],
  start: '08:00',
  end: '09:00',
  from: '2026-03-02',
  to: '2026-06-30',
  exceptions: [],
};

describe('calendar helpers', () => {
  test('weekdays are 1 = Monday … 7 = Sunday, and a week starts on Monday', () => {
    expect(weekdayOf('2026-03-02')).toBe(1);
    expect(weekdayOf('2026-03-08')).toBe(7);
    expect(mondayOf('2026-03-08')).toBe('2026-03-02');
    expect(mondayOf('2026-03-02')).toBe('2026-03-02');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28'); // across the new year
  });

  test('an occurrence starts at its local time in UTC+8', () => {
    expect(startsAtIso('2026-03-02', '08:00')).toBe('2026-03-02T08:00:00+08:00');
    expect(new Date(startsAtIso('2026-03-02', '08:00')).toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });

  test('the horizon is 26 weeks', () => {
    expect(HORIZON_WEEKS).toBe(26);
    expect(horizonEnd('2026-03-02')).toBe(addDays('2026-03-02', 182));
  });
});

describe('expandSchedule', () => {
  test('Mon/Tue/Thu over two weeks: six occurrences on the right days', () => {
    const slots = expandSchedule(taiChi, { until: '2026-03-15' });
    expect(slots.map((s) => s.date)).toEqual(['2026-03-02', '2026-03-03', '2026-03-05', '2026-03-09', '2026-03-10', '2026-03-12']);
    expect(slots.every((s) => s.start === '08:00' && s.end === '09:00' && !s.cancelled && !s.movedFrom)).toBe(true);
  });

  test('the whole series: 17 full weeks from 2 March, then Mon 29 and Tue 30 June = 53 occurrences', () => {
    const slots = expandSchedule(taiChi, { until: '2026-12-31' });
    expect(slots).toHaveLength(17 * 3 + 2);
    expect(slots[slots.length - 1].date).toBe('2026-06-30'); // a Tuesday, the last day counts
  });

  test('a range starting mid-series begins at that day', () => {
    expect(expandSchedule(taiChi, { from: '2026-03-04', until: '2026-03-10' }).map((s) => s.date)).toEqual([
      '2026-03-05',
      '2026-03-09',
      '2026-03-10',
    ]);
  });

  test('public holidays entered as exceptions cancel those days, with the reason', () => {
    // Qingming (4–6 April 2026) and Labour Day (1–5 May 2026) as this year's notice has them.
    const holidays = [
      { date: '2026-04-06', name: '清明节' },
      { date: '2026-05-04', name: '劳动节' },
      { date: '2026-05-05', name: '劳动节' },
      { date: '2026-05-03', name: '劳动节' }, // a Sunday: no class anyway, no exception
    ];
    const exceptions = holidayExceptions(taiChi, holidays);
    expect(exceptions.map((e) => e.date)).toEqual(['2026-04-06', '2026-05-04', '2026-05-05']);
    const slots = expandSchedule({ ...taiChi, exceptions }, { from: '2026-04-06', until: '2026-05-07' });
    const cancelled = slots.filter((s) => s.cancelled).map((s) => [s.date, s.cancelled?.reason]);
    expect(cancelled).toEqual([
      ['2026-04-06', '清明节放假'],
      ['2026-05-04', '劳动节放假'],
      ['2026-05-05', '劳动节放假'],
    ]);
    // Cancelled ones are still there (so people registered can be told), the others untouched.
    expect(slots.filter((s) => !s.cancelled).map((s) => s.date)).toContain('2026-05-07');
  });

  test('a moved occurrence keeps its original date as its name and carries where it was', () => {
    const moved: Schedule = {
      ...taiChi,
      exceptions: [{ date: '2026-03-05', action: 'move', toDate: '2026-03-06', start: '09:00', end: '10:00', reason: '场地检修' }],
    };
    const slots = expandSchedule(moved, { until: '2026-03-08' });
    expect(slots.map((s) => [s.originalDate, s.date, s.start])).toEqual([
      ['2026-03-02', '2026-03-02', '08:00'],
      ['2026-03-03', '2026-03-03', '08:00'],
      ['2026-03-05', '2026-03-06', '09:00'],
    ]);
    expect(slots[2].movedFrom).toEqual({ date: '2026-03-05', start: '08:00', end: '09:00', reason: '场地检修' });
  });

  test('a one-off event is one occurrence, inside the range or not at all', () => {
    const lecture: Schedule = { type: 'once', date: '2026-03-10', start: '14:30', end: '16:00' };
    expect(expandSchedule(lecture, { from: '2026-03-01', until: '2026-03-31' })).toEqual([
      { originalDate: '2026-03-10', date: '2026-03-10', start: '14:30', end: '16:00', cancelled: null, movedFrom: null },
    ]);
    expect(expandSchedule(lecture, { from: '2026-03-11', until: '2026-03-31' })).toEqual([]);
  });
});

describe('scheduleProblems and the schema', () => {
  test('a sound schedule has none', () => {
    expect(scheduleProblems(taiChi)).toEqual([]);
  });

  test('each mistake staff can make is named in Chinese', () => {
    expect(scheduleProblems({ ...taiChi, end: '07:00' })).toEqual(['每次活动的结束时间要晚于开始时间']);
    expect(scheduleProblems({ ...taiChi, to: '2026-01-01' })).toEqual(['结束日期不能早于开始日期']);
    expect(scheduleProblems({ ...taiChi, weekdays: [] })).toEqual(['请至少选一个星期几']);
    expect(scheduleProblems({ ...taiChi, exceptions: [{ date: '2026-03-04', action: 'cancel', reason: '放假' }] })).toEqual([
      '2026-03-04 本来没有活动，不用调整',
    ]);
    expect(scheduleProblems({ type: 'once', date: '2026-02-30', start: '08:00', end: '09:00' })).toEqual(['活动日期不对']);
  });

  test('the save schema refuses a bad schedule with its first problem', () => {
    const input = {
      kind: 'class',
      title: '太极拳公益课',
      place: { name: '海沧文化中心', address: '海沧区滨湖北路1号' },
      schedule: { ...taiChi, end: '07:30' },
      capacity: 20,
      opensDaysBefore: 7,
      closesMinutesBefore: 60,
      cancelMinutesBefore: 120,
      needsApproval: false,
      requestId: 'unit-test-0001',
    };
    const bad = eventSchemas['event.save'].safeParse(input);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toBe('每次活动的结束时间要晚于开始时间');
    expect(eventSchemas['event.save'].safeParse({ ...input, schedule: taiChi }).success).toBe(true);
  });

  test('in words', () => {
    expect(scheduleWords(taiChi)).toBe('每周一、二、四 08:00–09:00（2026年3月2日起至2026年6月30日）');
  });
});

describe('registration window, cancellation deadline and age', () => {
  const rules = { opensDaysBefore: 7, closesMinutesBefore: 60, cancelMinutesBefore: 120, ageMin: 60, ageMax: 80 };
  const occ = { date: '2026-03-09', start: '08:00' };

  test('opens at 00:00 UTC+8 seven days before and closes an hour before the start', () => {
    expect(registrationWindow(occ, rules)).toEqual({ opensAt: '2026-03-01T16:00:00.000Z', closesAt: '2026-03-08T23:00:00.000Z' });
    expect(windowState(occ, rules, new Date('2026-03-01T23:59:59+08:00'))).toBe('not_yet');
    expect(windowState(occ, rules, new Date('2026-03-02T00:00:00+08:00'))).toBe('open');
    expect(windowState(occ, rules, new Date('2026-03-09T06:59:59+08:00'))).toBe('open');
    expect(windowState(occ, rules, new Date('2026-03-09T07:00:00+08:00'))).toBe('closed');
  });

  test('cancellation deadline', () => {
    expect(cancelDeadline(occ, rules)).toBe('2026-03-08T22:00:00.000Z'); // 06:00 on the day, UTC+8
  });

  test('age counts the birthday on the day', () => {
    expect(ageOn('1966-03-09', '2026-03-09')).toBe(60);
    expect(ageOn('1966-03-10', '2026-03-09')).toBe(59);
    expect(ageProblem('1966-03-10', '2026-03-09', rules)).toBe('这个活动限60岁以上参加');
    expect(ageProblem('1945-01-01', '2026-03-09', rules)).toBe('这个活动限80岁以下参加');
    expect(ageProblem('1950-01-01', '2026-03-09', rules)).toBeNull();
    expect(ageProblem(null, '2026-03-09', rules)).toBe('没有出生日期，无法确认年龄，请联系工作人员');
    expect(ageProblem(null, '2026-03-09', { ...rules, ageMin: null, ageMax: null })).toBeNull();
  });
});

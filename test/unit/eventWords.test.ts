import type { OccurrenceView } from '../../contract/events';
import { availability, movedWords, placeWords, windowWords } from '../../src/features/events/eventWords';
import { formatDayWithWeekday, formatMonthDayTime } from '../../src/lib/dates';
import { qrRows, utf8Bytes } from '../../src/lib/qrMatrix';

/** The client's words for events, and the QR drawing's rows: pure functions, no emulator. */
const occ = (over: Partial<OccurrenceView> = {}): OccurrenceView => ({
  id: 'e1:2026-11-26',
  eventId: 'e1',
  kind: 'lecture',
  kindWords: '健康讲座',
  title: '居家防跌倒讲座',
  placeName: '社区卫生服务中心',
  date: '2026-11-26',
  start: '14:30',
  end: '16:00',
  startsAt: '2026-11-26T14:30:00+08:00',
  status: 'scheduled',
  cancelReason: null,
  movedFrom: null,
  capacity: 5,
  confirmed: 2,
  waiting: 0,
  placesLeft: 3,
  window: 'open',
  opensAt: '2026-11-18T16:00:00.000Z',
  closesAt: '2026-11-26T05:30:00.000Z',
  cancelDeadline: '2026-11-26T04:30:00.000Z',
  needsApproval: false,
  eventStatus: 'published',
  mine: [],
  ...over,
});

test('dates read in UTC+8 whatever the phone’s zone', () => {
  expect(formatDayWithWeekday('2026-11-26')).toBe('11月26日 星期四');
  expect(formatDayWithWeekday('2027-02-08')).toBe('2月8日 星期一');
  expect(formatMonthDayTime('2026-11-26T04:30:00.000Z')).toBe('11月26日 12:30');
  expect(formatDayWithWeekday('soon')).toBe('');
});

test('whether there is room, in words', () => {
  expect(availability(occ())).toEqual({ text: '剩余3个名额', tone: 'open' });
  expect(availability(occ({ placesLeft: 0 })).text).toBe('名额已满，可以排队候补');
  expect(availability(occ({ window: 'not_yet' })).text).toBe('报名未开始，11月19日起可以报名');
  expect(availability(occ({ window: 'closed' })).text).toBe('报名已截止');
  expect(availability(occ({ status: 'cancelled', cancelReason: '场地维修' })).text).toBe('这一场已取消：场地维修');
  expect(availability(occ({ eventStatus: 'ended' })).text).toBe('活动已结束');
  expect(windowWords(occ())).toBe('11月19日起可以报名，11月26日 13:30截止报名');
  expect(movedWords(occ())).toBeNull();
  expect(movedWords(occ({ movedFrom: { date: '2026-11-25', start: '09:00', end: '10:00', reason: '医生临时出诊' } }))).toBe(
    '时间有调整：原定11月25日 星期三 09:00，医生临时出诊',
  );
  expect(placeWords({ status: 'waitlisted', position: 3 })).toBe('排队候补第3位');
  expect(placeWords({ status: 'confirmed', position: null })).toBe('已报名');
});

test('UTF-8 bytes without TextEncoder', () => {
  expect([...utf8Bytes('A.1')]).toEqual([0x41, 0x2e, 0x31]);
  expect([...utf8Bytes('签')]).toEqual([...Buffer.from('签', 'utf8')]);
  expect([...utf8Bytes('😀')]).toEqual([...Buffer.from('😀', 'utf8')]);
});

test('a QR code as rows of dark runs: finder patterns in three corners, runs never touching', () => {
  const { size, rows } = qrRows('WXTF-CI1.e1:2026-11-26:r1.29384756.abcdefghijklmnopqrstuv');
  expect(rows).toHaveLength(size);
  expect((size - 17) % 4).toBe(0); // 21, 25, 29 … modules a side
  // Row 0: the top-left and top-right finder patterns are each one run of 7.
  expect(rows[0][0]).toEqual([0, 7]);
  expect(rows[0].at(-1)).toEqual([size - 7, 7]);
  // Row 1 of a finder: dark, five light, dark.
  expect(rows[1][0]).toEqual([0, 1]);
  expect(rows[1][1]).toEqual([6, 1]);
  for (const runs of rows) {
    for (let i = 1; i < runs.length; i += 1) expect(runs[i][0]).toBeGreaterThan(runs[i - 1][0] + runs[i - 1][1]);
  }
});

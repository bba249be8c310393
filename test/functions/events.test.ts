import tcb from '@cloudbase/node-sdk';
import { expandSchedule, type Schedule } from '../../contract/recurrence';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { DEFAULT_TODAY, generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * Events through the `events` function on the real emulator: staff publish a weekly tai chi
 * class and a one-off lecture; retirees and a daughter register; capacity, waitlist (gapless
 * positions), promotion on cancel with its outbox message, the cancellation deadline, the
 * registration window, age limits, approval, retried requests; 200 people at once for 20
 * places; cancelling an occurrence tells everyone registered.
 *
 * The clock: Monday 2026-11-23 09:30 in UTC+8 (the demo's "today").
 */
const TODAY = DEFAULT_TODAY; // 2026-11-23, a Monday
const APP_NOW = `${TODAY}T09:30:00+08:00`;
const roster = generateDemoData({ scale: 'demo' }).roster;
let cloud: LocalCloud;
let db: any;
const token: Record<string, string> = {};
let seq = 0;
const rid = () => `events-${Date.now().toString(36)}-${seq++}`;
const call = (who: string | undefined, data: Record<string, unknown>) => cloud.callFunction('events', data, who ? token[who] : undefined);
const ok = async (who: string | undefined, data: Record<string, unknown>) => {
  const res = await call(who, data);
  if (!res.ok) throw new Error(`${data.action} as ${who}: ${res.error.code} ${res.error.message}`);
  return res.data;
};

let myRetireeId: string; // the demo retiree (roster[0]), bound to account "retiree"
let myUserId: string;
let parentId: string; // roster[2], helped by account "family"
let familyUserId: string;
/** Other people on the roster, for staff to register (walk-ins) or the tests to fill places with. */
let others: string[];

const taiChiSchedule: Schedule = {
  type: 'weekly',
  weekdays: [1, 2, 4],
  start: '08:00',
  end: '09:00',
  from: TODAY,
  to: '2027-02-26',
  exceptions: [{ date: '2027-02-08', action: 'cancel', reason: '春节放假' }],
};

const place = { name: '海沧文化中心广场', address: '厦门市海沧区滨湖北路', latitude: 24.4846, longitude: 118.0328 };
const eventInput = (over: Record<string, unknown> = {}) => ({
  action: 'event.save',
  kind: 'lecture',
  title: '冬季养生健康讲座',
  description: '社区医院医生讲冬季常见病预防',
  place,
  schedule: { type: 'once', date: '2026-11-26', start: '14:30', end: '16:00' },
  capacity: 50,
  opensDaysBefore: 7,
  closesMinutesBefore: 60,
  cancelMinutesBefore: 120,
  needsApproval: false,
  requestId: rid(),
  ...over,
});

async function publish(over: Record<string, unknown> = {}) {
  const event = await ok('staff', eventInput(over));
  await ok('staff', { action: 'event.publish', eventId: event.id });
  return event;
}
const onlyOccurrence = async (eventId: string) => (await ok(undefined, { action: 'event.get', eventId })).occurrences[0];

beforeAll(async () => {
  cloud = await startLocalCloud({ functionEnv: { APP_NOW } });
  Object.assign(process.env, localSdkEnv(cloud.adminUrl));
  db = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any).database();
  for (const who of ['retiree', 'retiree2', 'family', 'staff', 'newcomer']) token[who] = await cloud.tokenFor(who);
  const user = async (openid: string) =>
    (
      await db
        .collection('users')
        .where({ identity: `wx:${openid}` })
        .get()
    ).data[0];
  const me = await user('demo-openid-retiree');
  myRetireeId = me.retireeId;
  myUserId = me._id;
  const fam = await user('demo-openid-family');
  familyUserId = fam._id;
  parentId = (await db.collection('family_links').where({ helperUserId: familyUserId, status: 'active' }).get()).data[0].retireeId;
  const { data } = await db.collection('retirees').where({ boundUserId: null }).limit(40).get();
  others = data.map((r: any) => r._id).filter((id: string) => id !== parentId);
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

describe('staff publish a weekly tai chi class and a one-off lecture', () => {
  let taiChiId: string;

  test('a draft is invisible; publishing makes one occurrence per class day, holidays cancelled', async () => {
    const draft = await ok(
      'staff',
      eventInput({ kind: 'class', title: '太极拳公益课', schedule: taiChiSchedule, capacity: 20, description: '七年坚持，欢迎新老学员' }),
    );
    taiChiId = draft.id;
    expect(draft).toMatchObject({
      status: 'draft',
      version: 1,
      scheduleWords: '每周一、二、四 08:00–09:00（2026年11月23日起至2027年2月26日）',
    });
    expect((await call('retiree', { action: 'event.get', eventId: draft.id })).error.code).toBe('NOT_FOUND');
    expect((await ok(undefined, { action: 'event.week', monday: TODAY })).occurrences.filter((o: any) => o.eventId === draft.id)).toEqual(
      [],
    );

    const published = await ok('staff', { action: 'event.publish', eventId: draft.id });
    expect(published.status).toBe('published');
    const expected = expandSchedule(taiChiSchedule, { from: TODAY, until: '2027-12-31' });
    const { total } = await db.collection('occurrences').where({ eventId: draft.id }).count();
    expect(total).toBe(expected.length);
    const springFestival = (await db.collection('occurrences').doc(`${draft.id}:2027-02-08`).get()).data[0];
    expect(springFestival).toMatchObject({ status: 'cancelled', cancelReason: '春节放假', date: '2027-02-08' });

    // Publishing again (a retry) makes nothing twice.
    await ok('staff', { action: 'event.publish', eventId: draft.id });
    expect((await db.collection('occurrences').where({ eventId: draft.id }).count()).total).toBe(expected.length);
  });

  test('a retried create returns the first event', async () => {
    const input = eventInput({ title: '重复提交测试' });
    const a = await ok('staff', input);
    const b = await ok('staff', input);
    expect(b.id).toBe(a.id);
    expect((await db.collection('events').where({ title: '重复提交测试' }).count()).total).toBe(1);
  });

  test('bad input writes nothing and says why in Chinese', async () => {
    const before = (await db.collection('events').count()).total;
    const bad = await call('staff', eventInput({ schedule: { ...taiChiSchedule, end: '07:00' } }));
    expect(bad.error).toEqual({ code: 'INVALID_INPUT', message: '每次活动的结束时间要晚于开始时间' });
    const past = await call('staff', eventInput({ schedule: { type: 'once', date: '2026-11-01', start: '09:00', end: '10:00' } }));
    expect(past.error.message).toBe('活动日期已经过了，请检查日期');
    expect((await db.collection('events').count()).total).toBe(before);
    expect((await call('retiree', eventInput())).error.code).toBe('FORBIDDEN');
  });

  test('the week: tai chi Mon/Tue/Thu and the lecture, with places left and the window', async () => {
    const lecture = await publish();
    const week = await ok('retiree', { action: 'event.week', monday: '2026-11-25' }); // any day of the week will do
    expect(week.monday).toBe(TODAY);
    expect(week.sunday).toBe('2026-11-29');
    const mine = week.occurrences.filter((o: any) => o.eventId === taiChiId || o.eventId === lecture.id);
    expect(mine.map((o: any) => [o.date, o.start, o.title])).toEqual([
      ['2026-11-23', '08:00', '太极拳公益课'],
      ['2026-11-24', '08:00', '太极拳公益课'],
      ['2026-11-26', '08:00', '太极拳公益课'],
      ['2026-11-26', '14:30', '冬季养生健康讲座'],
    ]);
    expect(mine[0]).toMatchObject({ window: 'closed', placesLeft: 20, capacity: 20, kindWords: '公益课堂', placeName: place.name });
    expect(mine[1]).toMatchObject({ window: 'open', startsAt: '2026-11-24T08:00:00+08:00', mine: [] });
    const lectures = await ok(undefined, { action: 'event.week', monday: TODAY, kind: 'lecture' });
    expect(lectures.occurrences.every((o: any) => o.kind === 'lecture')).toBe(true);
    expect(lectures.occurrences.some((o: any) => o.eventId === lecture.id)).toBe(true);
  });

  test('registering myself and my parent; both show in the week and in my registrations', async () => {
    const tuesday = `${taiChiId}:2026-11-24`;
    const self = await ok('retiree', { action: 'registration.create', occurrenceId: tuesday, retireeId: myRetireeId, requestId: rid() });
    expect(self).toMatchObject({ status: 'confirmed', via: 'self', position: null, created: true, message: '已报名成功，请按时参加' });
    const parent = await ok('family', { action: 'registration.create', occurrenceId: tuesday, retireeId: parentId, requestId: rid() });
    expect(parent).toMatchObject({ status: 'confirmed', via: 'family', retireeName: roster[2].name });
    expect(parent.message).toBe(`已为${roster[2].name}报名成功，请按时参加`);
    // Not someone the daughter helps.
    const stranger = await call('family', {
      action: 'registration.create',
      occurrenceId: tuesday,
      retireeId: myRetireeId,
      requestId: rid(),
    });
    expect(stranger.error.code).toBe('FORBIDDEN');

    const week = await ok('family', { action: 'event.week', monday: TODAY });
    const tue = week.occurrences.find((o: any) => o.id === tuesday);
    expect(tue).toMatchObject({ confirmed: 2, placesLeft: 18 });
    expect(tue.mine).toEqual([
      { registrationId: parent.id, retireeId: parentId, retireeName: roster[2].name, status: 'confirmed', position: null, canCancel: true },
    ]);
    const mine = await ok('family', { action: 'registration.mine' });
    expect(mine.upcoming.map((r: any) => [r.occurrenceId, r.retireeName, r.status])).toEqual([[tuesday, roster[2].name, 'confirmed']]);
    expect(mine.past).toEqual([]);
  });

  test('the registration window: not yet open for a class two weeks ahead, closed for one that started', async () => {
    const later = await call('retiree', {
      action: 'registration.create',
      occurrenceId: `${taiChiId}:2026-12-07`,
      retireeId: myRetireeId,
      requestId: rid(),
    });
    expect(later.error).toEqual({ code: 'CONFLICT', message: '还没到报名时间' });
    const started = await call('retiree', {
      action: 'registration.create',
      occurrenceId: `${taiChiId}:2026-11-23`,
      retireeId: myRetireeId,
      requestId: rid(),
    });
    expect(started.error).toEqual({ code: 'CONFLICT', message: '报名已经截止了' });
  });

  test('occurrence cancel queues one message per person to tell, and registering is refused', async () => {
    const thursday = `${taiChiId}:2026-11-26`;
    await ok('retiree', { action: 'registration.create', occurrenceId: thursday, retireeId: myRetireeId, requestId: rid() });
    await ok('family', { action: 'registration.create', occurrenceId: thursday, retireeId: parentId, requestId: rid() });
    await ok('staff', { action: 'registration.create', occurrenceId: thursday, retireeId: others[0], requestId: rid() }); // a walk-in, not bound: no one to tell
    const cancelled = await ok('staff', { action: 'occurrence.cancel', occurrenceId: thursday, reason: '天气预报有大雨' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '天气预报有大雨', told: 2 });
    const { data } = await db.collection('notifications').where({ kind: 'event_cancelled', occurrenceId: thursday }).get();
    expect(data.map((n: any) => [n.userId, n.to, n.name, n.note, n.status]).sort()).toEqual(
      [
        [myUserId, 'self', roster[0].name, '天气预报有大雨', 'pending'],
        [familyUserId, 'family', roster[2].name, '天气预报有大雨', 'pending'],
      ].sort(),
    );
    expect(data[0]).toMatchObject({ title: '太极拳公益课', date: '2026-11-26', start: '08:00', placeName: place.name });
    // A retry tells no one twice.
    expect((await ok('staff', { action: 'occurrence.cancel', occurrenceId: thursday, reason: '天气预报有大雨' })).told).toBe(0);
    expect((await db.collection('notifications').where({ kind: 'event_cancelled', occurrenceId: thursday }).count()).total).toBe(2);
    const late = await call('retiree2', {
      action: 'registration.create',
      occurrenceId: thursday,
      retireeId: (await userOf('retiree2')).retireeId,
      requestId: rid(),
    });
    expect(late.error.code).toBe('CONFLICT');
    expect(late.error.message).toContain('这一场已取消');
    const event = await ok(undefined, { action: 'event.get', eventId: taiChiId });
    expect(event.event.schedule.exceptions).toContainEqual({ date: '2026-11-26', action: 'cancel', reason: '天气预报有大雨' });
  });

  test('moving an occurrence tells the people registered what changed', async () => {
    const tuesday = `${taiChiId}:2026-11-24`;
    const moved = await ok('staff', {
      action: 'occurrence.move',
      occurrenceId: tuesday,
      toDate: '2026-11-25',
      start: '09:00',
      end: '10:00',
      reason: '广场有活动',
    });
    expect(moved).toMatchObject({
      id: tuesday,
      date: '2026-11-25',
      start: '09:00',
      movedFrom: { date: '2026-11-24', start: '08:00', end: '09:00' },
      told: 2,
    });
    const { data } = await db.collection('notifications').where({ kind: 'event_changed', occurrenceId: tuesday }).get();
    expect(data).toHaveLength(2);
    expect(data[0].changes).toEqual(['时间改为2026-11-25 09:00–10:00（原为2026-11-24 08:00–09:00）']);
    expect(data[0].note).toBe('广场有活动');
  });
});

describe('editing a published event', () => {
  test('more places move the line up; a new place is told to everyone registered; fewer places than taken is refused', async () => {
    const input = eventInput({ title: '书法讲座', capacity: 1 });
    const event = await ok('staff', input);
    await ok('staff', { action: 'event.publish', eventId: event.id });
    const occ = (await onlyOccurrence(event.id)).id;
    const parent = await ok('family', { action: 'registration.create', occurrenceId: occ, retireeId: parentId, requestId: rid() });
    const me = await ok('retiree', { action: 'registration.create', occurrenceId: occ, retireeId: myRetireeId, requestId: rid() });
    expect([parent.status, me.status]).toEqual(['confirmed', 'waitlisted']);

    const newPlace = { name: '新阳街道活动室', address: '厦门市海沧区新阳路2号' };
    const edited = await ok('staff', { ...input, eventId: event.id, capacity: 2, place: newPlace, requestId: rid() });
    expect(edited.version).toBe(2);
    const list = await ok('staff', { action: 'registration.list', occurrenceId: occ });
    expect(list.counts).toMatchObject({ confirmed: 2, waitlisted: 0 });
    expect((await db.collection('notifications').where({ kind: 'event_promoted', registrationId: me.id }).count()).total).toBe(1);
    const changed = await db.collection('notifications').where({ kind: 'event_changed', occurrenceId: occ }).get();
    expect(changed.data.map((n: any) => n.userId).sort()).toEqual([familyUserId, myUserId].sort());
    expect(changed.data[0].changes).toEqual(['地点改为新阳街道活动室（厦门市海沧区新阳路2号）']);

    const fewer = await call('staff', { ...input, eventId: event.id, capacity: 1, place: newPlace, requestId: rid() });
    expect(fewer.error).toEqual({ code: 'INVALID_INPUT', message: '2026-11-26 那一次已有2人报名，名额不能少于2' });
  });
});

describe('the horizon', () => {
  test('a long series is made 26 weeks ahead; the scheduler extension adds the next weeks and nothing twice', async () => {
    const schedule = { ...taiChiSchedule, to: '2027-12-31', exceptions: [] };
    const event = await publish({ kind: 'class', title: '健身操长期班', schedule });
    const count = async () => (await db.collection('occurrences').where({ eventId: event.id }).count()).total;
    expect(await count()).toBe(expandSchedule(schedule, { from: TODAY, until: '2027-05-24' }).length); // 26 weeks from today
    // The daily scheduler calls this; here straight from the test process, as if today were 1 March 2027.
    const { extendOccurrenceHorizon } = await import('../../cloudfunctions/events/store');
    const first = await extendOccurrenceHorizon('2027-03-01');
    expect(first.events).toBeGreaterThanOrEqual(1);
    expect(await count()).toBe(expandSchedule(schedule, { from: TODAY, until: '2027-08-30' }).length);
    await extendOccurrenceHorizon('2027-03-01');
    expect(await count()).toBe(expandSchedule(schedule, { from: TODAY, until: '2027-08-30' }).length);
  });
});

async function userOf(openidKey: string) {
  return (
    await db
      .collection('users')
      .where({ identity: `wx:demo-openid-${openidKey}` })
      .get()
  ).data[0];
}

describe('capacity, waitlist and promotion', () => {
  test('full → waitlisted with gapless positions; a cancel in the middle closes the gap; a freed place goes to the first in line, who is told', async () => {
    const event = await publish({ title: '小班手工课', capacity: 2 });
    const occ = (await onlyOccurrence(event.id)).id;
    const reg = (who: string, retireeId: string) =>
      ok(who, { action: 'registration.create', occurrenceId: occ, retireeId, requestId: rid() });
    const a = await reg('staff', others[1]);
    const b = await reg('staff', others[2]);
    const c = await reg('retiree', myRetireeId);
    const d = await reg('staff', others[3]);
    const e = await reg('staff', others[4]);
    expect([a, b, c, d, e].map((r) => [r.status, r.position])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
      ['waitlisted', 3],
    ]);
    expect(c.message).toBe('名额已满，已为您排队候补，现在排第1位。有人取消时会自动补上并通知');

    await ok('staff', { action: 'registration.cancel', registrationId: d.id });
    let list = await ok('staff', { action: 'registration.list', occurrenceId: occ });
    expect(list.lines.filter((l: any) => l.status === 'waitlisted').map((l: any) => [l.registrationId, l.position])).toEqual([
      [c.id, 1],
      [e.id, 2],
    ]);
    expect((await ok('staff', { action: 'event.week', monday: TODAY })).occurrences.find((o: any) => o.id === occ)).toMatchObject({
      confirmed: 2,
      waiting: 2,
    });

    await ok('staff', { action: 'registration.cancel', registrationId: a.id });
    list = await ok('staff', { action: 'registration.list', occurrenceId: occ });
    expect(list.counts).toMatchObject({ confirmed: 2, waitlisted: 1, cancelled: 2 });
    expect(list.lines.find((l: any) => l.registrationId === c.id)).toMatchObject({ status: 'confirmed', position: null });
    expect(list.lines.find((l: any) => l.registrationId === e.id)).toMatchObject({ status: 'waitlisted', position: 1 });
    expect(list.occurrence).toMatchObject({ confirmed: 2, waiting: 1, placesLeft: 0 });
    const promoted = await db.collection('notifications').where({ kind: 'event_promoted', registrationId: c.id }).get();
    expect(promoted.data.map((n: any) => [n.userId, n.to, n.status, n.title])).toEqual([[myUserId, 'self', 'pending', '小班手工课']]);
    const mine = await ok('retiree', { action: 'registration.mine' });
    expect(mine.upcoming.find((r: any) => r.id === c.id)).toMatchObject({ status: 'confirmed', statusWords: '已报名' });
    expect(list.lines.find((l: any) => l.registrationId === b.id).phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
  });

  test('a retried request returns the first registration; registering again after cancelling re-uses it', async () => {
    const event = await publish({ title: '重试测试讲座', capacity: 5 });
    const occ = (await onlyOccurrence(event.id)).id;
    const input = { action: 'registration.create', occurrenceId: occ, retireeId: myRetireeId, requestId: rid() };
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => ok('retiree', input)));
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(answers.filter((a) => a.created)).toHaveLength(1);
    expect((await db.collection('registrations').where({ occurrenceId: occ }).count()).total).toBe(1);
    expect((await onlyOccurrence(event.id)).confirmed).toBe(1);

    const cancelled = await ok('retiree', { action: 'registration.cancel', registrationId: answers[0].id });
    expect(cancelled).toMatchObject({ status: 'cancelled', message: '已取消报名' });
    // The first request retried late: still the first answer, not a new registration.
    expect(await ok('retiree', input)).toMatchObject({ id: answers[0].id, status: 'cancelled', created: false });
    const again = await ok('retiree', { ...input, requestId: rid() });
    expect(again).toMatchObject({ id: answers[0].id, status: 'confirmed', created: true });
    expect((await onlyOccurrence(event.id)).confirmed).toBe(1);
  });

  test('the cancellation deadline binds retirees, not staff', async () => {
    // Today 10:30, cancel until 2 hours before (08:30, passed); registration open until the start.
    const event = await publish({
      title: '今天上午的讲座',
      schedule: { type: 'once', date: TODAY, start: '10:30', end: '11:30' },
      closesMinutesBefore: 0,
    });
    const occ = (await onlyOccurrence(event.id)).id;
    const r = await ok('retiree', { action: 'registration.create', occurrenceId: occ, retireeId: myRetireeId, requestId: rid() });
    expect(r.canCancel).toBe(false);
    const late = await call('retiree', { action: 'registration.cancel', registrationId: r.id });
    expect(late.error).toEqual({ code: 'CONFLICT', message: '已过取消截止时间，如不能参加请联系工作人员' });
    expect(await ok('staff', { action: 'registration.cancel', registrationId: r.id })).toMatchObject({ status: 'cancelled' });
    // Someone else's registration is not mine to cancel.
    const other = await ok('staff', { action: 'registration.create', occurrenceId: occ, retireeId: others[5], requestId: rid() });
    expect((await call('retiree', { action: 'registration.cancel', registrationId: other.id })).error.code).toBe('NOT_FOUND');
  });

  test('age limits use the birth date on the day of the occurrence', async () => {
    const event = await publish({ title: '百岁老人茶话会', ageMin: 100 });
    const occ = (await onlyOccurrence(event.id)).id;
    const res = await call('retiree', { action: 'registration.create', occurrenceId: occ, retireeId: myRetireeId, requestId: rid() });
    expect(res.error).toEqual({ code: 'CONFLICT', message: '这个活动限100岁以上参加' });
    expect((await db.collection('registrations').where({ occurrenceId: occ }).count()).total).toBe(0);
  });

  test('approval: pending holds no place until staff approve; a refusal is final for that request', async () => {
    const event = await publish({ title: '厦门园林植物园参观', kind: 'visit', needsApproval: true, capacity: 1 });
    const occ = (await onlyOccurrence(event.id)).id;
    const mine = await ok('retiree', { action: 'registration.create', occurrenceId: occ, retireeId: myRetireeId, requestId: rid() });
    expect(mine).toMatchObject({ status: 'pending', message: '已提交报名，工作人员审核后会通知' });
    const parent = await ok('family', { action: 'registration.create', occurrenceId: occ, retireeId: parentId, requestId: rid() });
    expect((await onlyOccurrence(event.id)).confirmed).toBe(0);
    expect(await ok('staff', { action: 'registration.review', registrationId: parent.id, approve: true })).toMatchObject({
      status: 'confirmed',
    });
    // The one place is gone: approving the next puts them in line.
    expect(await ok('staff', { action: 'registration.review', registrationId: mine.id, approve: true })).toMatchObject({
      status: 'waitlisted',
      position: 1,
    });
    expect((await call('staff', { action: 'registration.review', registrationId: mine.id, approve: false })).error.code).toBe('CONFLICT');
    expect((await call('retiree', { action: 'registration.review', registrationId: mine.id, approve: true })).error.code).toBe('FORBIDDEN');
  });

  test('200 people at once for 20 places: exactly 20 confirmed, 180 in line at 1..180', async () => {
    const n = 200;
    const event = await publish({ title: '重阳文艺演出', kind: 'performance', capacity: 20 });
    const occ = (await onlyOccurrence(event.id)).id;
    // 200 retirees, each bound to their own WeChat account (written straight into the emulator).
    const tag = Date.now().toString(36);
    const people = Array.from({ length: n }, (_, i) => ({
      _id: `burst-${tag}-${i}`,
      name: `测试${i}`,
      street: '海沧街道',
      community: '测试社区',
      birthDate: '1955-05-05',
      idHash: `burst-${tag}-${i}`,
      boundUserId: `burst-user-${tag}-${i}`,
    }));
    await db.collection('retirees').add(people);
    await db.collection('users').add(
      people.map((p, i) => ({
        _id: p.boundUserId,
        identity: `wx:burst-${tag}-${i}`,
        role: 'retiree',
        name: p.name,
        retireeId: p._id,
        streets: [],
      })),
    );
    const current = await (await fetch(`${cloud.url}/dev/accounts`)).json();
    const accounts = people.map((p, i) => ({
      id: `burst-${tag}-${i}`,
      role: 'retiree',
      name: p.name,
      label: p.name,
      openid: `burst-${tag}-${i}`,
    }));
    await fetch(`${cloud.url}/dev/accounts`, { method: 'PUT', body: JSON.stringify([...current, ...accounts]) });
    const tokens = await Promise.all(accounts.map((a) => cloud.tokenFor(a.id)));

    const answers = await Promise.all(
      people.map((p, i) =>
        cloud.callFunction(
          'events',
          { action: 'registration.create', occurrenceId: occ, retireeId: p._id, requestId: `burst-${tag}-${i}` },
          tokens[i],
        ),
      ),
    );
    const failed = answers.filter((a) => !a.ok);
    expect(failed).toEqual([]);
    expect(answers.filter((a) => a.data.status === 'confirmed')).toHaveLength(20);
    const waiting = answers.filter((a) => a.data.status === 'waitlisted');
    expect(waiting).toHaveLength(180);
    // As stored: 20 confirmed, 180 tickets, positions 1..180 without gaps or repeats.
    const list = await ok('staff', { action: 'registration.list', occurrenceId: occ });
    expect(list.counts).toMatchObject({ confirmed: 20, waitlisted: 180 });
    expect(list.occurrence).toMatchObject({ confirmed: 20, waiting: 180, placesLeft: 0 });
    expect(list.lines.filter((l: any) => l.status === 'waitlisted').map((l: any) => l.position)).toEqual(
      Array.from({ length: 180 }, (_, i) => i + 1),
    );
    // What each person was told matches the line as stored.
    const told = waiting.map((a) => a.data.position).sort((x: number, y: number) => x - y);
    expect(new Set(told).size).toBe(180);
    const { data: tickets } = await db
      .collection('registrations')
      .where({ occurrenceId: occ, status: 'waitlisted' })
      .orderBy('waitSeq', 'asc')
      .limit(1000)
      .get();
    expect(tickets.map((t: any) => t.waitSeq)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
  }, 180_000);
});

describe('the cover picture', () => {
  test('an event saved with an uploaded picture shows it through a temporary link', async () => {
    const app = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const { fileID } = (await app.uploadFile({ cloudPath: 'event-covers/taichi.png', fileContent: png })) as { fileID: string };
    const event = await publish({ title: '带图片的讲座', coverFileId: fileID });
    const detail = await ok('retiree', { action: 'event.get', eventId: event.id });
    expect(detail.event.coverFileId).toBe(fileID);
    const got = Buffer.from(await (await fetch(detail.coverUrl)).arrayBuffer());
    expect(got.equals(png)).toBe(true);
    const plain = await publish({ title: '没有图片的讲座' });
    expect((await ok('retiree', { action: 'event.get', eventId: plain.id })).coverUrl).toBeNull();
  });
});

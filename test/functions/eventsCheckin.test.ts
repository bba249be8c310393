import tcb from '@cloudbase/node-sdk';
import ExcelJS from 'exceljs';
import { qrFor, readQr } from '../../cloudfunctions/events/checkin';
import { eventMessageData, isDaytime } from '../../cloudfunctions/events/outbox';
import { CHECKIN_WINDOW_SECONDS } from '../../contract/events';
import { localFunctionEnv } from '../../emulator/localEnv';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { pastEventDocs, SOURCE_YEAR_PLAN } from '../../emulator/seed/events';
import { DEFAULT_TODAY, generateRoster } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * On the day, through the `events` function on the real emulator: the person's rotating QR
 * code and six digits, staff scanning, typing and ticking the list, walk-ins, a second scan,
 * codes that are old, forged or for another occurrence; the sign-in sheet; person-times, the
 * source's 1,875 from matching data; the day-before reminder and the sender of event messages.
 *
 * The clock: Monday 2026-11-23 09:30 UTC+8 (the demo's "today"); a lecture today at 10:00.
 */
const TODAY = DEFAULT_TODAY;
const APP_NOW = `${TODAY}T09:30:00+08:00`;
const EVENT_TEMPLATE = 'LocalSandboxEventReminder-0000000000000000003';
const minuteNow = Math.floor(Date.parse(APP_NOW) / 1000 / CHECKIN_WINDOW_SECONDS);

let cloud: LocalCloud;
let db: any;
const token: Record<string, string> = {};
let seq = 0;
const rid = () => `checkin-${Date.now().toString(36)}-${seq++}`;
const call = (who: string | undefined, data: Record<string, unknown>) => cloud.callFunction('events', data, who ? token[who] : undefined);
const ok = async (who: string | undefined, data: Record<string, unknown>) => {
  const res = await call(who, data);
  if (!res.ok) throw new Error(`${data.action} as ${who}: ${res.error.code} ${res.error.message}`);
  return res.data;
};
const refused = async (who: string, data: Record<string, unknown>) => {
  const res = await call(who, data);
  if (res.ok) throw new Error(`${data.action} as ${who} should have been refused`);
  return res.error as { code: string; message: string };
};
const download = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());

let myRetireeId: string;
let parentId: string;
let others: Array<{ _id: string; name: string }>;

async function publishOnce(over: { title: string; date: string; start: string; end: string; capacity: number; kind?: string }) {
  const event = await ok('staff', {
    action: 'event.save',
    kind: over.kind ?? 'lecture',
    title: over.title,
    description: '',
    place: { name: '新阳街道文体中心', address: '厦门市海沧区新阳路1号' },
    schedule: { type: 'once', date: over.date, start: over.start, end: over.end },
    capacity: over.capacity,
    opensDaysBefore: 7,
    closesMinutesBefore: 0,
    cancelMinutesBefore: 0,
    needsApproval: false,
    requestId: rid(),
  });
  await ok('staff', { action: 'event.publish', eventId: event.id });
  const detail = await ok('staff', { action: 'event.get', eventId: event.id });
  return { eventId: event.id as string, occurrenceId: detail.occurrences[0].id as string };
}

beforeAll(async () => {
  cloud = await startLocalCloud({ functionEnv: { APP_NOW } });
  Object.assign(process.env, localSdkEnv(cloud.adminUrl), localFunctionEnv());
  db = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any).database();
  for (const who of ['retiree', 'retiree2', 'family', 'staff']) token[who] = await cloud.tokenFor(who);
  const user = async (openid: string) =>
    (
      await db
        .collection('users')
        .where({ identity: `wx:${openid}` })
        .get()
    ).data[0];
  myRetireeId = (await user('demo-openid-retiree')).retireeId;
  const familyUserId = (await user('demo-openid-family'))._id;
  parentId = (await db.collection('family_links').where({ helperUserId: familyUserId, status: 'active' }).get()).data[0].retireeId;
  const { data } = await db.collection('retirees').where({ boundUserId: null }).limit(20).get();
  others = data.filter((r: any) => r._id !== parentId);
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

describe("today's lecture: codes, scanning, typing, the list, walk-ins", () => {
  let lecture: { eventId: string; occurrenceId: string };
  const reg: Record<string, string> = {};

  beforeAll(async () => {
    lecture = await publishOnce({ title: '防范养老诈骗讲座', date: TODAY, start: '10:00', end: '11:30', capacity: 3 });
    reg.me = (
      await ok('retiree', { action: 'registration.create', occurrenceId: lecture.occurrenceId, retireeId: myRetireeId, requestId: rid() })
    ).id;
    reg.parent = (
      await ok('family', { action: 'registration.create', occurrenceId: lecture.occurrenceId, retireeId: parentId, requestId: rid() })
    ).id;
    reg.other = (
      await ok('staff', { action: 'registration.create', occurrenceId: lecture.occurrenceId, retireeId: others[0]._id, requestId: rid() })
    ).id;
    reg.waiting = (
      await ok('staff', { action: 'registration.create', occurrenceId: lecture.occurrenceId, retireeId: others[1]._id, requestId: rid() })
    ).id;
  });

  test('the person and the family member helping get the code; nobody else does; a waitlisted place has none', async () => {
    const mine = await ok('retiree', { action: 'checkin.code', registrationId: reg.me });
    expect(mine).toMatchObject({ registrationId: reg.me, title: '防范养老诈骗讲座', date: TODAY, start: '10:00' });
    expect(mine.qr).toBe(qrFor(reg.me, minuteNow));
    expect(mine.digits).toMatch(/^\d{6}$/);
    expect(Date.parse(mine.expiresAt)).toBe((minuteNow + 2) * CHECKIN_WINDOW_SECONDS * 1000);
    expect(mine.renewInSeconds).toBeGreaterThan(0);
    expect(mine.renewInSeconds).toBeLessThanOrEqual(60);

    const parents = await ok('family', { action: 'checkin.code', registrationId: reg.parent });
    expect(parents.retireeName).toBeTruthy();
    expect((await refused('retiree2', { action: 'checkin.code', registrationId: reg.me })).code).toBe('NOT_FOUND');
    expect((await refused('family', { action: 'checkin.code', registrationId: reg.me })).code).toBe('NOT_FOUND');
    expect(await refused('staff', { action: 'checkin.code', registrationId: reg.waiting })).toMatchObject({
      code: 'CONFLICT',
      message: '报上名以后才有签到码',
    });
  });

  test('scanning the QR checks the person in once; a second scan says so and changes nothing', async () => {
    const { qr } = await ok('retiree', { action: 'checkin.code', registrationId: reg.me });
    const first = await ok('staff', { action: 'checkin.scan', occurrenceId: lecture.occurrenceId, code: qr });
    expect(first).toMatchObject({ registrationId: reg.me, changed: true });
    expect(first.message).toMatch(/签到成功$/);
    const stored = (await db.collection('registrations').doc(reg.me).get()).data[0];
    expect(new Date(stored.checkedInAt).toISOString()).toBe(new Date(APP_NOW).toISOString());

    const again = await ok('staff', { action: 'checkin.scan', occurrenceId: lecture.occurrenceId, code: qr });
    expect(again).toMatchObject({ changed: false, checkedInAt: first.checkedInAt });
    expect(again.message).toMatch(/已经签到过了（09:30）$/);
  });

  test('the six digits typed in check the right person in', async () => {
    const { digits, retireeName } = await ok('family', { action: 'checkin.code', registrationId: reg.parent });
    const res = await ok('staff', {
      action: 'checkin.scan',
      occurrenceId: lecture.occurrenceId,
      code: `${digits.slice(0, 3)} ${digits.slice(3)}`,
    });
    expect(res).toMatchObject({ registrationId: reg.parent, retireeName, changed: true });
  });

  test('old, forged, foreign and mistyped codes are refused in plain words, and check no one in', async () => {
    const old = qrFor(reg.other, minuteNow - 3);
    expect(await refused('staff', { action: 'checkin.scan', occurrenceId: lecture.occurrenceId, code: old })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('已过期'),
    });
    const good = qrFor(reg.other, minuteNow);
    const forged = `${good.slice(0, -4)}AAAA`;
    expect(await refused('staff', { action: 'checkin.scan', occurrenceId: lecture.occurrenceId, code: forged })).toMatchObject({
      code: 'INVALID_INPUT',
      message: '这不是本中心的签到二维码',
    });
    // Someone else's registration id under a valid-looking signature of another: refused too.
    const swapped = good.replace(reg.other, reg.waiting);
    expect((await refused('staff', { action: 'checkin.scan', occurrenceId: lecture.occurrenceId, code: swapped })).code).toBe(
      'INVALID_INPUT',
    );
    expect((await refused('staff', { action: 'checkin.scan', occurrenceId: lecture.occurrenceId, code: 'https://example.com' })).code).toBe(
      'INVALID_INPUT',
    );
    const other = await publishOnce({ title: '书法体验课', date: TODAY, start: '15:00', end: '16:00', capacity: 5 });
    expect((await refused('staff', { action: 'checkin.scan', occurrenceId: other.occurrenceId, code: good })).message).toContain(
      '这是另一场活动的签到码',
    );
    expect((await refused('staff', { action: 'checkin.scan', occurrenceId: lecture.occurrenceId, code: 'abc' })).code).toBe(
      'INVALID_INPUT',
    );
    // The signature check in isolation: the minute after next is not yet valid, the last one still is.
    expect(readQr(qrFor(reg.other, minuteNow - 1), Date.parse(APP_NOW))).toEqual({ registrationId: reg.other });
    expect(readQr(qrFor(reg.other, minuteNow + 2), Date.parse(APP_NOW))).toBe('expired');
    expect((await db.collection('registrations').doc(reg.other).get()).data[0].checkedInAt).toBeNull();
  });

  test('staff tick a name in the list, and can take it back; the waitlisted are not checked in', async () => {
    const res = await ok('staff', { action: 'checkin.mark', registrationId: reg.other, checkedIn: true });
    expect(res.changed).toBe(true);
    const undo = await ok('staff', { action: 'checkin.mark', registrationId: reg.other, checkedIn: false });
    expect(undo).toMatchObject({ changed: true, checkedInAt: null });
    expect((await ok('staff', { action: 'checkin.mark', registrationId: reg.other, checkedIn: true })).changed).toBe(true);
    expect((await refused('staff', { action: 'checkin.mark', registrationId: reg.waiting, checkedIn: true })).message).toContain(
      '还在候补',
    );
  });

  test('a walk-in: staff register a person on the spot and check them in; full is full even then', async () => {
    // Registration closed? Not for staff on the day: no window, and the place is taken at once.
    const afternoon = await publishOnce({ title: '八段锦体验课', date: TODAY, start: '09:00', end: '10:30', capacity: 1 });
    const walkIn = await ok('staff', {
      action: 'registration.create',
      occurrenceId: afternoon.occurrenceId,
      retireeId: others[2]._id,
      requestId: rid(),
    });
    expect(walkIn).toMatchObject({ status: 'confirmed', via: 'staff' });
    expect((await ok('staff', { action: 'checkin.mark', registrationId: walkIn.id, checkedIn: true })).changed).toBe(true);
    // Full is full, even on the spot: the next one waits for a place.
    const late = await ok('staff', {
      action: 'registration.create',
      occurrenceId: afternoon.occurrenceId,
      retireeId: others[4]._id,
      requestId: rid(),
    });
    expect(late.status).toBe('waitlisted');
    const list = await ok('staff', { action: 'registration.list', occurrenceId: lecture.occurrenceId });
    expect(list.lines.filter((l: any) => l.checkedInAt)).toHaveLength(3);
    expect(list.counts.confirmed).toBe(3);
  });

  test("tomorrow's occurrence cannot be checked in yet", async () => {
    const tomorrow = await publishOnce({ title: '手机课堂', date: '2026-11-24', start: '09:00', end: '10:00', capacity: 5 });
    const r = await ok('retiree', {
      action: 'registration.create',
      occurrenceId: tomorrow.occurrenceId,
      retireeId: myRetireeId,
      requestId: rid(),
    });
    expect((await refused('staff', { action: 'checkin.mark', registrationId: r.id, checkedIn: true })).message).toBe(
      '这场活动在2026-11-24，当天才能签到',
    );
  });

  test('the sign-in sheet: who came first, then who waited; phone numbers masked, a retry gives the same file', async () => {
    const requestId = rid();
    const csv = await ok('staff', { action: 'attendance.export', occurrenceId: lecture.occurrenceId, format: 'csv', requestId });
    // The three who came, then the one still waiting for a place.
    expect(csv).toMatchObject({ rows: 4, format: 'csv', fileName: `签到表-防范养老诈骗讲座-${TODAY}.csv` });
    const text = (await download(csv.url)).toString('utf8');
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('日期,时间,活动,姓名,街道,手机号,报名方式,报名状态,签到,签到时间');
    expect(lines.slice(1, 4).every((l) => l.includes(',已报名,已签到,'))).toBe(true);
    expect(lines[4]).toContain(',排队候补,未签到,');
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    expect(text).toMatch(/1\d{2}\*{4}\d{4}/);
    const again = await ok('staff', { action: 'attendance.export', occurrenceId: lecture.occurrenceId, format: 'csv', requestId });
    expect(again.exportId).toBe(csv.exportId);

    const xlsx = await ok('staff', { action: 'attendance.export', eventId: lecture.eventId, format: 'xlsx', requestId: rid() });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(xlsx.url)) as any);
    expect(wb.worksheets[0].name).toBe('签到表');
    expect(wb.worksheets[0].rowCount).toBe(5);
    const audit = await db.collection('audit_log').where({ action: 'export.masked', 'detail.list': 'attendance' }).count();
    expect(audit.total).toBe(2);
    expect((await refused('staff', { action: 'attendance.export', format: 'csv', requestId: rid() })).message).toBe(
      '请选择一场活动或一个活动',
    );
  });

  test("this year's statistics count today's person-times", async () => {
    const stats = await ok('staff', { action: 'stats.get' });
    expect(stats.year).toBe(2026);
    const row = stats.byEvent.find((e: any) => e.eventId === lecture.eventId);
    // Held: started before now? Not yet at 09:30, so it is not counted as held; its check-ins are.
    expect(row).toMatchObject({ checkedIn: 3, occurrences: 0 });
    expect(stats.byKind.find((k: any) => k.kind === 'lecture').personTimes).toBeGreaterThanOrEqual(3);
  });
});

describe('attendance filled in afterwards', () => {
  test("staff open a past occurrence (people don't) and tick the names from a paper list", async () => {
    const { data } = await db.collection('events').where({ title: '医保政策解读讲座' }).get();
    const eventId = data[0]._id as string;
    const past = await ok('staff', { action: 'event.get', eventId, past: true });
    expect(past.occurrences).toHaveLength(1);
    expect(past.occurrences[0].date < TODAY).toBe(true);
    expect((await ok('retiree', { action: 'event.get', eventId, past: true })).occurrences).toEqual([]);
    const list = await ok('staff', { action: 'registration.list', occurrenceId: past.occurrences[0].id });
    const noShow = list.lines.find((l: any) => l.status === 'confirmed' && !l.checkedInAt);
    const res = await ok('staff', { action: 'checkin.mark', registrationId: noShow.registrationId, checkedIn: true });
    expect(res.changed).toBe(true);
    // Scanning is for the day itself.
    expect(
      (
        await refused('staff', {
          action: 'checkin.scan',
          occurrenceId: past.occurrences[0].id,
          code: qrFor(noShow.registrationId, minuteNow),
        })
      ).message,
    ).toContain('不是今天的');
  });
});

describe("the source's year: 2 performances, 15 lectures, 2 sports meets, 5 visits", () => {
  test('come out as 1,875 person-times, with attendance rates and regulars', async () => {
    // Another year, so the demo's own events do not mix in: 230 people from a generated roster.
    const people = [...generateRoster(230, 77)].map((r, i) => ({ id: `year-person-${i}`, name: r.name, street: r.street }));
    const docs = pastEventDocs(SOURCE_YEAR_PLAN, people, 2025, '2026-01-01');
    await db.collection('events').add(docs.events);
    await db.collection('occurrences').add(docs.occurrences);
    for (let i = 0; i < docs.registrations.length; i += 500) await db.collection('registrations').add(docs.registrations.slice(i, i + 500));

    const stats = await ok('staff', { action: 'stats.get', year: 2025 });
    const kinds = Object.fromEntries(stats.byKind.map((k: any) => [k.kind, k]));
    expect(kinds.performance).toMatchObject({ events: 2, occurrences: 2, personTimes: 420 });
    expect(kinds.lecture).toMatchObject({ events: 15, occurrences: 15, personTimes: 825 });
    expect(kinds.sports).toMatchObject({ events: 2, occurrences: 2, personTimes: 320 });
    expect(kinds.visit).toMatchObject({ events: 5, occurrences: 5, personTimes: 310 });
    expect(stats.total.personTimes).toBe(1875);
    expect(stats.total.events).toBe(24);
    expect(stats.byMonth.reduce((s: number, m: any) => s + m.personTimes, 0)).toBe(1875);
    expect(stats.byMonth[0]).toMatchObject({ month: 1, personTimes: 210 + 55 });
    const gala = stats.byEvent.find((e: any) => e.title === '迎新春文艺演出');
    expect(gala).toMatchObject({ registered: 222, checkedIn: 210 });
    expect(gala.rate).toBeCloseTo(210 / 222, 5);
    // Regulars, counted here from the documents themselves: 12 check-ins or more in the year.
    const times = new Map<string, number>();
    for (const r of docs.registrations) if (r.checkedInAt) times.set(r.retireeId as string, (times.get(r.retireeId as string) ?? 0) + 1);
    expect(stats.total.participants).toBe(times.size);
    expect(stats.total.regulars).toBe([...times.values()].filter((n) => n >= 12).length);
  });
});

describe('messages about events', () => {
  test('the words of each kind fit the template', () => {
    const base = {
      title: '冬季养生健康讲座',
      date: '2026-11-26',
      start: '14:30',
      placeName: '海沧街道社区卫生服务中心',
      name: '王桂兰',
      note: null,
    };
    expect(eventMessageData({ ...base, kind: 'event_reminder' })).toEqual({
      thing1: '冬季养生健康讲座',
      time2: '2026年11月26日 14:30',
      thing3: '海沧街道社区卫生服务中心',
      thing4: '王桂兰明天记得来参加',
    });
    expect(eventMessageData({ ...base, kind: 'event_cancelled', note: '场地维修，另行通知，敬请谅解谢谢大家' }).thing4).toHaveLength(20);
    expect(isDaytime(new Date('2026-11-23T07:59:00+08:00'))).toBe(false);
    expect(isDaytime(new Date('2026-11-23T08:00:00+08:00'))).toBe(true);
    expect(isDaytime(new Date('2026-11-23T22:00:00+08:00'))).toBe(false);
  });

  test("the daily run queues tomorrow's reminders for 10:00; the outbox timer sends promotions now and waits for those", async () => {
    const tomorrow = await publishOnce({ title: '八段锦体验课', date: '2026-11-24', start: '08:30', end: '09:30', capacity: 1 });
    // The retiree gives the app two one-time grants for event messages.
    for (let i = 0; i < 2; i++) {
      const g = await cloud.callFunction(
        'certification',
        { action: 'subscribe.record', templateIds: [EVENT_TEMPLATE], requestId: rid() },
        token.retiree,
      );
      expect(g.ok).toBe(true);
    }
    const other = await ok('staff', {
      action: 'registration.create',
      occurrenceId: tomorrow.occurrenceId,
      retireeId: others[3]._id,
      requestId: rid(),
    });
    const mine = await ok('retiree', {
      action: 'registration.create',
      occurrenceId: tomorrow.occurrenceId,
      retireeId: myRetireeId,
      requestId: rid(),
    });
    expect(mine.status).toBe('waitlisted');
    // The first place is given back: the retiree is promoted and a message is queued.
    await ok('staff', { action: 'registration.cancel', registrationId: other.id });

    const run = await cloud.callFunction('scheduler', { action: 'daily.run' }, await cloud.tokenFor('admin'));
    expect(run.ok).toBe(true);
    expect(run.data.stepsDone).toContain('events');
    expect(run.data.counts.eventReminders).toBeGreaterThanOrEqual(1);
    const reminder = (await db.collection('notifications').where({ kind: 'event_reminder', registrationId: mine.id }).get()).data;
    expect(reminder).toHaveLength(1);
    expect(new Date(reminder[0].sendAfter).toISOString()).toBe(new Date(`${TODAY}T10:00:00+08:00`).toISOString());

    const outbox = async () =>
      (
        (await (await fetch(`${cloud.url}/sandbox/wechat/outbox?openid=demo-openid-retiree`)).json()) as { messages: any[] }
      ).messages.filter((m) => m.templateId === EVENT_TEMPLATE);
    const fired = await fetch(`${cloud.url}/dev/trigger/scheduler/outbox`, { method: 'POST' });
    expect(fired.status).toBe(200);
    const sent = await outbox();
    expect(sent).toHaveLength(1);
    expect(sent[0].data.thing4).toContain('已从候补转为报名成功');
    expect(sent[0].page).toBe('pages/events/mine');
    // 09:30: the reminder waits for 10:00. A second firing sends nothing twice.
    await fetch(`${cloud.url}/dev/trigger/scheduler/outbox`, { method: 'POST' });
    expect(await outbox()).toHaveLength(1);
    expect((await db.collection('notifications').doc(reminder[0]._id).get()).data[0].status).toBe('pending');
    // A second daily run queues nothing new.
    await cloud.callFunction('scheduler', { action: 'daily.run' }, await cloud.tokenFor('admin'));
    expect((await db.collection('notifications').where({ kind: 'event_reminder', registrationId: mine.id }).count()).total).toBe(1);
  });
});

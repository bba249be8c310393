/**
 * 活动管理, 活动签到 and 活动统计 in the compiled weapp, as the district's staff member (陈晓燕),
 * against the emulator with the clock at Monday 2026-11-23 09:30 (UTC+8): the home entries; a
 * weekly class written in the editor (a double tap makes one event), saved as a draft and
 * published after the confirmation step, then listed with its occurrences; a bad time shown
 * under its field by the phone's own check and a past date under the date field by the server;
 * one occurrence moved and another cancelled, each after a second step; on the day, the people
 * registered, a check-in from the list (its time, and 撤销), a code typed in and typed again, a
 * QR code scanned, a walk-in, the sign-in sheet, the year's person-times; registrations waiting
 * for approval. The app keeps who is signed in for five minutes, so retirees' own calls (their
 * check-in codes, registrations) go straight to the function.
 */
import { DEFAULT_TODAY, generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing } from './nodeFetch';
import { phoneFiles, readSheet, waitUntil } from './phoneFiles';
import { type RenderedPage, startWeapp, type WeappHarness } from './simulate';

installFetchIfMissing();

const TODAY = DEFAULT_TODAY; // 2026-11-23, a Monday
const APP_NOW = `${TODAY}T09:30:00+08:00`;
const roster = generateDemoData({ scale: 'demo' }).roster;
const phone = phoneFiles();
let cloud: LocalCloud;
let wx: WeappHarness;
const token: Record<string, string> = {};
/** What the next wx.scanCode reads; null = the person closed the camera. */
let nextScan: string | null = null;

beforeAll(async () => {
  cloud = await startLocalCloud({ functionEnv: { APP_NOW } });
  for (const who of ['staff', 'retiree', 'family']) token[who] = await cloud.tokenFor(who);
  const scanCode = (opts: { success?: Function; fail?: Function; complete?: Function }) => {
    const res = nextScan === null ? { errMsg: 'scanCode:fail cancel' } : { result: nextScan, scanType: 'QR_CODE', errMsg: 'scanCode:ok' };
    (nextScan === null ? opts.fail : opts.success)?.(res);
    opts.complete?.(res);
  };
  wx = startWeapp({ cloudUrl: cloud.url, token: token.staff, phoneApis: { ...phone.apis, scanCode } });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
  phone.cleanUp();
});

const call = (fn: string, who: string, data: Record<string, unknown>) => cloud.callFunction(fn, data, token[who]);
const ok = async (fn: string, who: string, data: Record<string, unknown>) => {
  const res = await call(fn, who, data);
  if (!res.ok) throw new Error(`${data.action} as ${who}: ${res.error.code} ${res.error.message}`);
  return res.data;
};
const events = (who: string, data: Record<string, unknown>) => ok('events', who, data);
const domId = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');
const textOf = (el: any) => (el?.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** A table row's cells, each as its text, joined by one space. */
const rowText = (el: any) =>
  el?.dom ? Array.from(el.dom.children as ArrayLike<Element>, (cell) => (cell.textContent ?? '').trim()).join(' ') : undefined;
const saveCalls = () => wx.cloudCalls.filter((c) => c.name === 'events' && c.data.action === 'event.save');

/** Tap a button once it is ready again (a button says 请稍候… while its last action finishes). */
async function tapWhenReady(page: RenderedPage, id: string, label: string) {
  await page.waitForText(() => textOf(page.byId(id)) === label);
  await page.tap(id);
}

async function deskPage(): Promise<RenderedPage> {
  const page = await wx.renderPage('pages/staff/events/index');
  await page.waitForText('新建活动');
  return page;
}

test('the staff home page has 活动管理 and 活动统计, and they lead to their pages', async () => {
  const home = await wx.renderPage('pages/index/index');
  await home.waitForText('活动统计');
  wx.navigateTo.mockClear();
  await home.tap('entry-staff-events');
  expect(wx.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/pages/staff/events/index' }));
  await home.tap('entry-staff-event-stats');
  expect(wx.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/pages/staff/events/stats' }));
});

test('a weekly class written in the editor: one event for a double tap, a draft, published with its occurrences', async () => {
  const page = await deskPage();
  await page.tap('events-new');
  await page.waitForText('活动类别');
  await page.tap('event-kind-class');
  await page.type('event-title', '太极拳公益课');
  await page.type('event-description', '七年坚持，欢迎新老学员');
  await page.type('event-place-name', '海沧文化中心广场');
  await page.type('event-address', '厦门市海沧区滨湖北路');
  await page.tap('event-schedule-type-weekly');
  await page.waitForText('每周哪几天');
  await page.tap('event-weekdays-1');
  await page.tap('event-weekdays-3');
  await page.type('event-start', '09:00');
  await page.type('event-end', '11:00');
  await page.type('event-from', TODAY);
  await page.type('event-to', '2027-01-29');
  await page.type('event-capacity', '20');
  await page.tap('event-cancel-60'); // 活动开始前1小时
  // Two taps before the page can turn the button grey: the same requestId twice.
  const save = page.byId('event-save');
  save?.dispatchEvent('tap');
  save?.dispatchEvent('tap');
  await page.waitForText('「太极拳公益课」已保存为草稿');

  const calls = saveCalls();
  expect(calls.length).toBe(2);
  expect(calls[1].data.requestId).toBe(calls[0].data.requestId);
  const drafts = (await events('staff', { action: 'event.list', status: 'draft' })).filter((i: any) => i.event.title === '太极拳公益课');
  expect(drafts).toHaveLength(1);
  const e = drafts[0].event;
  expect(e).toMatchObject({
    kind: 'class',
    capacity: 20,
    cancelMinutesBefore: 60,
    closesMinutesBefore: 60,
    opensDaysBefore: 7,
    needsApproval: false,
    place: { name: '海沧文化中心广场', address: '厦门市海沧区滨湖北路' },
    schedule: { type: 'weekly', weekdays: [1, 3], start: '09:00', end: '11:00', from: TODAY, to: '2027-01-29', exceptions: [] },
  });
  const card = `event-${domId(e.id)}`;
  await page.waitForText(() => textOf(page.byId(`${card}-next`)).includes('草稿'));

  await page.tap(`${card}-publish-start`);
  await page.waitForText('确定发布「太极拳公益课」吗？');
  await page.tap(`${card}-publish-confirm`);
  await page.waitForText('「太极拳公益课」已发布');
  const detail = await events('staff', { action: 'event.get', eventId: e.id });
  expect(detail.event.status).toBe('published');
  await page.waitForText(`今天起的场次（共 ${detail.occurrences.length} 场）`);
  expect(detail.occurrences[0].id).toBe(`${e.id}:${TODAY}`);
  const first = `occ-${domId(detail.occurrences[0].id)}`;
  expect(textOf(page.byId(first))).toContain('2026年11月23日（周一）09:00–11:00');
  expect(textOf(page.byId(`${first}-counts`))).toBe('已报名 0/20 人');
  expect(page.byId(`occ-${domId(detail.occurrences[1].id)}`)).toBeDefined(); // Wednesday
  await page.waitForText(() => textOf(page.byId(`${card}-next`)).includes('下一次：2026年11月23日'));
  expect(textOf(page.byId(`${card}-next`))).toContain(`接下来共 ${detail.occurrences.length} 场`);

  wx.navigateTo.mockClear();
  await page.tap(`${first}-checkin`);
  expect(wx.navigateTo).toHaveBeenLastCalledWith(
    expect.objectContaining({ url: `/pages/staff/events/checkin?occurrenceId=${encodeURIComponent(detail.occurrences[0].id)}` }),
  );
});

test('a bad time is shown under its field before sending; the server’s refusal of a past date under the date', async () => {
  const page = await deskPage();
  await page.tap('events-new');
  await page.waitForText('活动类别');
  await page.tap('event-kind-lecture');
  await page.type('event-title', '冬季养生健康讲座');
  await page.type('event-place-name', '新阳社区活动室');
  await page.type('event-address', '厦门市海沧区新阳路1号');
  await page.tap('event-schedule-type-once');
  await page.waitForText('活动日期');
  await page.type('event-date', '2026-11-20');
  await page.type('event-start', '14:30');
  await page.type('event-end', '14:00');
  await page.type('event-capacity', '50');
  const before = saveCalls().length;
  await page.tap('event-save');
  await page.waitForText('活动的结束时间要晚于开始时间');
  expect(textOf(page.byId('event-end-error'))).toBe('活动的结束时间要晚于开始时间');
  expect(saveCalls().length).toBe(before); // nothing was sent

  await page.type('event-end', '16:00');
  expect(page.byId('event-end-error')).toBeUndefined();
  await page.tap('event-save');
  await page.waitForText('活动日期已经过了');
  expect(saveCalls().length).toBe(before + 1);
  expect(textOf(page.byId('event-date-error'))).toBe('活动日期已经过了，请检查日期');
  expect(textOf(page.byId('event-editor-problem'))).toContain('请看上面标红的地方');

  await page.type('event-date', '2026-11-26');
  await page.tap('event-save');
  await page.waitForText('「冬季养生健康讲座」已保存为草稿');
});

test('改期 and 取消这一次: each after a second step, and the person registered is told', async () => {
  const e = await events('staff', {
    action: 'event.save',
    kind: 'class',
    title: '书法兴趣班',
    description: '',
    place: { name: '新阳社区活动室', address: '厦门市海沧区新阳路1号' },
    schedule: { type: 'weekly', weekdays: [2, 4], start: '10:00', end: '11:00', from: TODAY, to: '2027-01-29', exceptions: [] },
    capacity: 15,
    opensDaysBefore: 7,
    closesMinutesBefore: 60,
    cancelMinutesBefore: 120,
    needsApproval: false,
    requestId: 'weapp-calligraphy',
  });
  await events('staff', { action: 'event.publish', eventId: e.id });
  const [tue, thu] = (await events('staff', { action: 'event.get', eventId: e.id })).occurrences;
  expect([tue.date, thu.date]).toEqual(['2026-11-24', '2026-11-26']);
  const me = await ok('account', 'retiree', { action: 'me.get' });
  await events('retiree', {
    action: 'registration.create',
    occurrenceId: tue.id,
    retireeId: me.retiree.id,
    requestId: 'weapp-calligraphy-me',
  });

  const page = await deskPage();
  const card = `event-${domId(e.id)}`;
  await page.waitForText(() => !!page.byId(`${card}-toggle`));
  await page.tap(`${card}-toggle`);
  const moved = `occ-${domId(tue.id)}`;
  await page.waitForText(() => !!page.byId(`${moved}-move`));
  expect(textOf(page.byId(`${moved}-counts`))).toBe('已报名 1/15 人');
  await page.tap(`${moved}-move`);
  await page.type(`${moved}-move-date`, '2026-11-25');
  await page.type(`${moved}-move-start`, '14:00');
  await page.type(`${moved}-move-end`, '15:00');
  await page.tap(`${moved}-move-next`);
  await page.waitForText('请写明原因');
  expect(textOf(page.byId(`${moved}-move-reason-error`))).toBe('请写明原因（至少2个字）');
  await page.type(`${moved}-move-reason`, '老师临时有事');
  await page.tap(`${moved}-move-next`);
  await page.waitForText('确定把这一次改到2026年11月25日（周三）14:00–15:00吗？');
  await page.tap(`${moved}-move-confirm-confirm`);
  await page.waitForText('已改到2026年11月25日（周三）14:00–15:00，已通知 1 人。');

  const cancelled = `occ-${domId(thu.id)}`;
  await page.tap(`${cancelled}-cancel`);
  await page.type(`${cancelled}-cancel-reason`, '场地检修');
  await page.tap(`${cancelled}-cancel-next`);
  await page.waitForText('确定取消2026年11月26日（周四）这一次吗？');
  await page.tap(`${cancelled}-cancel-confirm-confirm`);
  await page.waitForText('已取消这一次，没有需要通知的人。');
  await page.waitForText('取消原因：场地检修');
  expect(page.byId(`${cancelled}-checkin`)).toBeUndefined();

  const after = (await events('staff', { action: 'event.get', eventId: e.id })).occurrences;
  expect(after.find((o: any) => o.id === tue.id)).toMatchObject({
    date: '2026-11-25',
    start: '14:00',
    end: '15:00',
    movedFrom: { date: '2026-11-24', reason: '老师临时有事' },
  });
  expect(after.find((o: any) => o.id === thu.id)).toMatchObject({ status: 'cancelled', cancelReason: '场地检修' });
});

describe('on the day: 签到 for a lecture at 09:00 today', () => {
  let occId: string;
  let eventId: string;
  let mine: { id: string; name: string; registrationId: string };
  let parent: { id: string; name: string; registrationId: string };
  let other: { id: string; name: string; registrationId: string };
  const walkIn = roster[7];
  let page: RenderedPage;
  /** The year's person-times before this morning (the demo has this year's past events). */
  let personTimesBefore: number;

  /** A person on the roster, by the staff's own search. */
  const found = async (row: { name: string; idNumber: string }) => {
    const people = await ok('certification', 'staff', { action: 'staff.find', q: row.name });
    return people.find((p: any) => p.name === row.name && p.idMasked.endsWith(row.idNumber.slice(-4)));
  };
  const register = async (retireeId: string) =>
    (await events('staff', { action: 'registration.create', occurrenceId: occId, retireeId, requestId: `weapp-reg-${retireeId}` })).id;

  beforeAll(async () => {
    const event = await events('staff', {
      action: 'event.save',
      kind: 'lecture',
      title: '高血压防治讲座',
      description: '',
      place: { name: '海沧街道社区卫生服务中心', address: '厦门市海沧区海沧大道' },
      schedule: { type: 'once', date: TODAY, start: '09:00', end: '11:00' },
      capacity: 10,
      opensDaysBefore: 7,
      closesMinutesBefore: 60,
      cancelMinutesBefore: 120,
      needsApproval: false,
      requestId: 'weapp-checkin-event',
    });
    eventId = event.id;
    await events('staff', { action: 'event.publish', eventId });
    occId = `${eventId}:${TODAY}`;
    const me = await ok('account', 'retiree', { action: 'me.get' });
    const fam = await ok('account', 'family', { action: 'me.get' });
    const otherRow = await found(roster[5]);
    // The window closed at 08:00; staff register people up to the end of the occurrence.
    mine = { id: me.retiree.id, name: me.retiree.name, registrationId: await register(me.retiree.id) };
    parent = { id: fam.helping[0].retireeId, name: fam.helping[0].name, registrationId: await register(fam.helping[0].retireeId) };
    other = { id: otherRow.id, name: otherRow.name, registrationId: await register(otherRow.id) };
    personTimesBefore = (await events('staff', { action: 'stats.get' })).total.personTimes;
    // Mini-programs hand the query over still encoded.
    page = await wx.renderPage('pages/staff/events/checkin', { occurrenceId: encodeURIComponent(occId) });
    await page.waitForText('已报名 3 人，已签到 0 人', 20_000);
  }, 60_000);

  test('the occurrence and everyone registered, with the counts', () => {
    const heading = textOf(page.byId('checkin-heading'));
    expect(heading).toContain('高血压防治讲座');
    expect(heading).toContain('2026年11月23日（周一）09:00–11:00 · 海沧街道社区卫生服务中心');
    for (const p of [mine, parent, other]) expect(textOf(page.byId(`attendee-${domId(p.registrationId)}`))).toContain(p.name);
    expect(textOf(page.byId(`attendee-${domId(other.registrationId)}`))).toContain('工作人员陈晓燕代报');
    // The browser console has no camera; WeChat does.
    expect(page.byId('checkin-scan')).toBeDefined();
  });

  test("找人 narrows the list by name or the phone number's last 4 digits, and says when nobody matches", async () => {
    const lineOf = (p: { registrationId: string }) => page.byId(`attendee-${domId(p.registrationId)}`);
    await page.type('attendees-find', other.name);
    await page.waitForText('找到 1 人');
    expect(lineOf(other)).toBeDefined();
    expect(lineOf(mine)).toBeUndefined();
    expect(lineOf(parent)).toBeUndefined();
    expect(textOf(page.byId('attendees'))).toContain('已报名（找到1人，共3人）');

    const list = await events('staff', { action: 'registration.list', occurrenceId: occId });
    const withPhone = list.lines.find((l: any) => l.phoneMasked);
    expect(withPhone).toBeDefined();
    await page.type('attendees-find', withPhone.phoneMasked.slice(-4));
    await page.waitForText('找到');
    expect(page.byId(`attendee-${domId(withPhone.registrationId)}`)).toBeDefined();

    await page.type('attendees-find', '欧阳不存在');
    await page.waitForText('名单里没有「欧阳不存在」');
    for (const p of [mine, parent, other]) expect(lineOf(p)).toBeUndefined();

    await page.type('attendees-find', '');
    await page.waitForText('已报名（3人）');
    for (const p of [mine, parent, other]) expect(lineOf(p)).toBeDefined();
  });

  test('checking in from the list shows the time; 撤销 takes it back', async () => {
    const line = `attendee-${domId(other.registrationId)}`;
    await page.tap(`${line}-mark`);
    await page.waitForText('✓ 09:30 已签到');
    expect(textOf(page.byId(`${line}-checked`))).toBe('✓ 09:30 已签到');
    await page.waitForText('已报名 3 人，已签到 1 人');
    await tapWhenReady(page, `${line}-undo`, '撤销');
    await page.waitForText('已报名 3 人，已签到 0 人');
    await tapWhenReady(page, `${line}-mark`, '签到');
    await page.waitForText('已报名 3 人，已签到 1 人');
  });

  test('the 6 digits typed in check the person in; the same code again says already', async () => {
    const code = await events('retiree', { action: 'checkin.code', registrationId: mine.registrationId });
    expect(code.digits).toMatch(/^\d{6}$/);
    await page.type('checkin-code', code.digits);
    await page.tap('checkin-code-submit');
    await page.waitForText(`${mine.name} 签到成功`);
    expect(page.byId('checkin-result')?.dom?.className).toContain('events-staff__result--done');
    expect(textOf(page.byId(`attendee-${domId(mine.registrationId)}-checked`))).toBe('✓ 09:30 已签到');

    await page.type('checkin-code', code.digits);
    await tapWhenReady(page, 'checkin-code-submit', '签到');
    await page.waitForText(`${mine.name} 已经签到过了（09:30）`);
    expect(page.byId('checkin-result')?.dom?.className).not.toContain('events-staff__result--done');
    await page.waitForText('已报名 3 人，已签到 2 人');
  });

  test('a QR code scanned with the camera checks in the parent her daughter registered', async () => {
    const code = await events('family', { action: 'checkin.code', registrationId: parent.registrationId });
    nextScan = code.qr;
    await tapWhenReady(page, 'checkin-scan', '扫码签到');
    await page.waitForText(`${parent.name} 签到成功`);
    await page.waitForText('已报名 3 人，已签到 3 人');
    nextScan = null; // closing the camera says nothing
    await tapWhenReady(page, 'checkin-scan', '扫码签到');
    expect(page.byId('checkin-problem')).toBeUndefined();
  });

  test('a walk-in: found on the roster, registered and checked in with one tap', async () => {
    const person = await found(walkIn);
    await page.tap('walkin-open');
    await page.waitForText('查找老人');
    await page.type('walkin-q', walkIn.name);
    await page.tap('walkin-search');
    await page.waitForText('报名并签到');
    await page.tap(`walkin-add-${domId(person.id)}`);
    await page.waitForText(`${walkIn.name} 现场报名并签到成功`);
    await page.waitForText('已报名 4 人，已签到 4 人');
    const list = await events('staff', { action: 'registration.list', occurrenceId: occId });
    const line = list.lines.find((l: any) => l.retireeId === person.id);
    expect(line).toMatchObject({ status: 'confirmed', via: 'staff', operatorName: '陈晓燕' });
    expect(line.checkedInAt).toBe(new Date(APP_NOW).toISOString());
  });

  test('the sign-in sheet: an Excel file opened on the phone, everyone who came on it', async () => {
    await page.tap('checkin-export-create');
    await page.waitForText('已生成「');
    const [exportCall] = wx.cloudCalls.filter((c) => c.name === 'events' && c.data.action === 'attendance.export');
    expect(exportCall.data).toMatchObject({ occurrenceId: occId, format: 'xlsx' });
    await page.tap('checkin-export-download');
    await waitUntil(() => phone.opened.length === 1, 'the phone to open the file');
    expect(phone.opened[0].fileType).toBe('xlsx');
    const sheet = readSheet(phone.opened[0].filePath);
    const names = sheet.slice(1).map((row) => row[sheet[0].indexOf('姓名')]);
    expect(names.sort()).toEqual([mine.name, parent.name, other.name, walkIn.name].sort());
    for (const row of sheet.slice(1)) expect(row[sheet[0].indexOf('签到')]).toBe('已签到');
  });

  test('活动统计: the year’s person-times (four more this morning), the regulars’ threshold in words, the lecture’s attendance', async () => {
    const expected = await events('staff', { action: 'stats.get' });
    expect(expected.year).toBe(2026);
    expect(expected.total.personTimes).toBe(personTimesBefore + 4);
    const stats = await wx.renderPage('pages/staff/events/stats');
    await stats.waitForText(`2026年共 ${expected.total.personTimes} 人次参加活动`, 20_000);
    expect(textOf(stats.byId('event-stats-summary'))).toContain(`参加过的老人 ${expected.total.participants} 位`);
    expect(textOf(stats.byId('event-stats-regulars'))).toBe(
      `常来的人（一年里签到 ${expected.regularMin} 次及以上）：${expected.total.regulars} 位`,
    );
    expect(textOf(stats.byId('event-stats-month-11'))).toContain(`${expected.byMonth[10].personTimes} 人次`);
    const lectures = expected.byKind.find((k: any) => k.kind === 'lecture');
    expect(rowText(stats.byId('event-stats-kinds-row-lecture'))).toBe(
      `健康讲座 ${lectures.events} ${lectures.occurrences} ${lectures.personTimes} ${lectures.participants}`,
    );
    const row = expected.byEvent.find((r: any) => r.eventId === eventId);
    expect(row).toMatchObject({ occurrences: 1, registered: 4, checkedIn: 4, rate: 1 });
    expect(rowText(stats.byId(`event-stats-events-row-${domId(eventId)}`))).toBe('高血压防治讲座 健康讲座 1 4 4 100% 导出');

    // The whole event's sign-in records as a file.
    await stats.tap(`event-stats-export-${domId(eventId)}`);
    await stats.waitForText('「高血压防治讲座」的签到表');
    await stats.tap('event-stats-export-create');
    await stats.waitForText('已生成「');
    const last = wx.cloudCalls.filter((c) => c.name === 'events' && c.data.action === 'attendance.export').at(-1);
    expect(last?.data).toMatchObject({ eventId, format: 'xlsx' });
    expect(last?.data.occurrenceId).toBeUndefined();
  });
});

test('registrations waiting for approval: 通过 gives a place, 不通过 only after a second step', async () => {
  const e = await events('staff', {
    action: 'event.save',
    kind: 'visit',
    title: '鼓浪屿参观学习',
    description: '',
    place: { name: '鼓浪屿', address: '厦门市思明区鼓浪屿' },
    schedule: { type: 'once', date: '2026-11-28', start: '08:30', end: '16:00' },
    capacity: 20,
    opensDaysBefore: 14,
    closesMinutesBefore: 1440,
    cancelMinutesBefore: 1440,
    needsApproval: true,
    requestId: 'weapp-visit-event',
  });
  await events('staff', { action: 'event.publish', eventId: e.id });
  const occId = `${e.id}:2026-11-28`;
  const me = await ok('account', 'retiree', { action: 'me.get' });
  const fam = await ok('account', 'family', { action: 'me.get' });
  const mine = await events('retiree', {
    action: 'registration.create',
    occurrenceId: occId,
    retireeId: me.retiree.id,
    requestId: 'weapp-visit-me',
  });
  const theirs = await events('family', {
    action: 'registration.create',
    occurrenceId: occId,
    retireeId: fam.helping[0].retireeId,
    requestId: 'weapp-visit-parent',
  });
  expect([mine.status, theirs.status]).toEqual(['pending', 'pending']);

  const page = await wx.renderPage('pages/staff/events/checkin', { occurrenceId: encodeURIComponent(occId) });
  await page.waitForText('等待审核（2人）', 20_000);
  expect(textOf(page.byId(`attendee-${domId(theirs.id)}`))).toContain('家人');
  await page.tap(`attendee-${domId(mine.id)}-approve`);
  await page.waitForText('已报名（1人）');
  expect(textOf(page.byId(`attendee-${domId(mine.id)}`))).toContain(me.retiree.name);

  await page.tap(`attendee-${domId(theirs.id)}-refuse-start`);
  await page.waitForText(`确定不通过${fam.helping[0].name}的报名吗？`);
  await page.tap(`attendee-${domId(theirs.id)}-refuse-confirm`);
  await page.waitForText('未通过审核 1 人');
  expect(page.text()).not.toContain('等待审核（');
  const list = await events('staff', { action: 'registration.list', occurrenceId: occId });
  expect(list.counts).toMatchObject({ confirmed: 1, pending: 0, refused: 1 });
});

/**
 * 活动报名 in the compiled weapp, against the emulator and the real events function, as the
 * demo retiree — who also helps another retiree (her link accepted by that elder in his own
 * WeChat), so one phone registers for itself and for an elder. Staff publish the events
 * through `event.save` + `event.publish`; the clock is Monday 2026-11-23 09:30 (UTC+8).
 *
 * The week list (places left, 已满, 报名未开始, 已截止, a cancelled and a moved occurrence, the
 * kind filter, 上一周/下一周), the detail page (map, 为自己报名 → 报名成功 and one place fewer, a
 * full occurrence → waitlist position, registering the elder), 我的报名 (whose place, cancel
 * with a confirm step, 出示签到码 → the QR code and its six digits), and the home page's entry.
 */
import tcb from '@cloudbase/node-sdk';
import { PRIVACY_VERSION } from '../../contract/accounts';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { DEFAULT_TODAY, generateDemoData } from '../../emulator/seed/generate';
import { domId } from '../../src/lib/domId';
import { qrRows } from '../../src/lib/qrMatrix';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing } from './nodeFetch';
import { startWeapp, type WeappHarness } from './simulate';

installFetchIfMissing();

const TODAY = DEFAULT_TODAY; // 2026-11-23, a Monday
const ROSTER = generateDemoData({ scale: 'demo' }).roster;
/** Row 0 is our retiree; row 1 the second demo retiree (account "retiree2"), whom she helps. */
const MY_NAME = ROSTER[0].name;
const ELDER = ROSTER[1];
const PLACE = { name: '海沧街道社区卫生服务中心', address: '厦门市海沧区海虹路', latitude: 24.4783, longitude: 118.0401 };

let cloud: LocalCloud;
let wx: WeappHarness;
const token: Record<string, string> = {};
let seq = 0;
const rid = () => `weapp-events-${seq++}`;
const openedMaps: Array<Record<string, unknown>> = [];

let myRetireeId = '';
let elderId = '';
/** Someone else on the roster, to take the visit's only place. */
let stranger = '';
const lecture = { eventId: '', occurrenceId: '' };
const visit = { eventId: '', occurrenceId: '' };
const dropped = { occurrenceId: '' };
const moved = { occurrenceId: '' };
const begun = { occurrenceId: '' };
const later = { occurrenceId: '' };

async function ok(who: string, fn: string, data: Record<string, unknown>) {
  const res = await cloud.callFunction(fn, data, token[who]);
  if (!res.ok) throw new Error(`${fn} ${data.action} as ${who}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

/** Staff create and publish a one-off event; its only occurrence. */
async function publishOnce(over: Record<string, unknown>) {
  const event = await ok('staff', 'events', {
    action: 'event.save',
    kind: 'lecture',
    description: '社区医院医生讲解。\n讲完可以现场咨询。',
    place: PLACE,
    capacity: 5,
    opensDaysBefore: 7,
    closesMinutesBefore: 60,
    cancelMinutesBefore: 120,
    needsApproval: false,
    requestId: rid(),
    ...over,
  });
  await ok('staff', 'events', { action: 'event.publish', eventId: event.id });
  const detail = await ok('staff', 'events', { action: 'event.get', eventId: event.id });
  return { eventId: event.id as string, occurrenceId: detail.occurrences[0].id as string };
}

const EVENT_TEMPLATE = 'LocalSandboxEventReminder-0000000000000000003';
const askedTemplates: string[] = [];
let db: any;

beforeAll(async () => {
  cloud = await startLocalCloud({ functionEnv: { APP_NOW: `${TODAY}T09:30:00+08:00` } });
  Object.assign(process.env, localSdkEnv(cloud.adminUrl));
  db = (tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any) as any).database();
  for (const who of ['retiree', 'retiree2', 'staff']) token[who] = await cloud.tokenFor(who);

  // Our retiree asks to help the second demo retiree, who says yes in his own WeChat.
  const me = await ok('retiree', 'account', { action: 'me.get' });
  myRetireeId = me.retiree.id;
  await ok('retiree', 'account', { action: 'privacy.accept', version: PRIVACY_VERSION });
  await ok('retiree', 'account', {
    action: 'family.request',
    elderName: ELDER.name,
    idNumber: ELDER.idNumber,
    relation: '其他亲属',
    helperName: me.name,
    requestId: rid(),
  });
  const asked = (await ok('retiree2', 'account', { action: 'family.mine' })).helpers.find((l: any) => l.status === 'pending');
  await ok('retiree2', 'account', { action: 'family.respond', linkId: asked.id, accept: true });
  elderId = (await ok('retiree', 'account', { action: 'me.get' })).helping[0].retireeId;
  const { data } = await db.collection('retirees').where({ boundUserId: null }).limit(1).get();
  stranger = data[0]._id;

  Object.assign(
    lecture,
    await publishOnce({ title: '居家防跌倒讲座', schedule: { type: 'once', date: '2026-11-26', start: '14:30', end: '16:00' } }),
  );
  // One place, taken by a walk-in staff registered: full.
  Object.assign(
    visit,
    await publishOnce({
      kind: 'visit',
      title: '参观海沧湾公园',
      capacity: 1,
      schedule: { type: 'once', date: '2026-11-27', start: '09:00', end: '11:30' },
    }),
  );
  await ok('staff', 'events', { action: 'registration.create', occurrenceId: visit.occurrenceId, retireeId: stranger, requestId: rid() });
  // One called off, one moved.
  Object.assign(
    dropped,
    await publishOnce({ title: '智能手机使用课堂', schedule: { type: 'once', date: '2026-11-28', start: '09:00', end: '10:30' } }),
  );
  await ok('staff', 'events', { action: 'occurrence.cancel', occurrenceId: dropped.occurrenceId, reason: '场地维修' });
  Object.assign(
    moved,
    await publishOnce({ title: '中医养生保健讲座', schedule: { type: 'once', date: '2026-11-25', start: '09:00', end: '10:00' } }),
  );
  await ok('staff', 'events', {
    action: 'occurrence.move',
    occurrenceId: moved.occurrenceId,
    toDate: '2026-11-28',
    start: '10:00',
    end: '11:00',
    reason: '医生临时出诊',
  });
  // This morning's has begun; one next week opens seven days before.
  Object.assign(
    begun,
    await publishOnce({ kind: 'class', title: '晨练八段锦', schedule: { type: 'once', date: TODAY, start: '08:00', end: '09:00' } }),
  );
  Object.assign(
    later,
    await publishOnce({ kind: 'class', title: '书法兴趣班', schedule: { type: 'once', date: '2026-12-03', start: '14:00', end: '16:00' } }),
  );

  wx = startWeapp({
    cloudUrl: cloud.url,
    token: token.retiree,
    phoneApis: {
      openLocation(opts: Record<string, any>) {
        openedMaps.push(opts);
        opts.success?.({ errMsg: 'openLocation:ok' });
        opts.complete?.();
      },
      // WeChat's subscription sheet: the person accepts.
      requestSubscribeMessage(opts: { tmplIds: string[]; success: Function }) {
        askedTemplates.push(...opts.tmplIds);
        opts.success({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(opts.tmplIds.map((id) => [id, 'accept'])) });
      },
    },
  });
}, 180_000);

afterAll(async () => {
  await cloud?.stop();
});

const cardText = (page: Awaited<ReturnType<WeappHarness['renderPage']>>, prefix: string, id: string) =>
  (page.byId(domId(prefix, id))?.dom?.textContent ?? '').replace(/\s+/g, ' ');

test('the week: this week by the server’s clock, each occurrence with whether there is room', async () => {
  const page = await wx.renderPage('pages/events/index');
  await page.waitForText('居家防跌倒讲座');
  expect(page.text()).toContain('本周 11月23日至11月29日');
  expect(page.byId('events-day-2026-11-26')?.dom?.textContent).toContain('11月26日 星期四');
  expect(cardText(page, 'occ', lecture.occurrenceId)).toMatch(
    /健康讲座.*居家防跌倒讲座.*14:30–16:00.*海沧街道社区卫生服务中心.*剩余5个名额/,
  );
  expect(cardText(page, 'occ', visit.occurrenceId)).toContain('名额已满，可以排队候补');
  expect(cardText(page, 'occ', dropped.occurrenceId)).toContain('这一场已取消：场地维修');
  expect(cardText(page, 'occ', moved.occurrenceId)).toContain('时间有调整：原定11月25日 星期三 09:00，医生临时出诊');
  expect(cardText(page, 'occ', begun.occurrenceId)).toContain('报名已截止');
  expect(page.byId('events-mine')).toBeDefined();

  // Tapping an occurrence opens its detail page.
  wx.navigateTo.mockClear();
  await page.tap(domId('occ', lecture.occurrenceId));
  expect(wx.navigateTo).toHaveBeenCalledWith(
    expect.objectContaining({
      url: `/pages/events/detail?eventId=${lecture.eventId}&occurrenceId=${encodeURIComponent(lecture.occurrenceId)}`,
    }),
  );
});

test('the kind filter narrows the week; 下一周 shows the classes whose registration has not opened yet', async () => {
  const page = await wx.renderPage('pages/events/index');
  await page.waitForText('居家防跌倒讲座');
  await page.tap('events-kind-visit');
  await page.waitForText((t) => t.includes('参观海沧湾公园') && !t.includes('居家防跌倒讲座'));
  expect(wx.cloudCalls).toContainEqual({ name: 'events', data: { action: 'event.week', kind: 'visit' } });
  await page.tap('events-next');
  await page.waitForText('这一周没有"参观学习"');
  expect(page.text()).toContain('下一周 11月30日至12月6日');

  await page.tap('events-kind-all');
  await page.waitForText('书法兴趣班');
  // Thursday 3 December opens seven days before, on 26 November.
  expect(cardText(page, 'occ', later.occurrenceId)).toContain('报名未开始，11月26日起可以报名');
  await page.tap('events-this-week');
  await page.waitForText('本周 11月23日至11月29日');
});

test('the detail page: what, where (with the map), and 为自己报名 → 报名成功, one place fewer', async () => {
  // WeChat hands the query over still encoded.
  const page = await wx.renderPage('pages/events/detail', {
    eventId: lecture.eventId,
    occurrenceId: encodeURIComponent(lecture.occurrenceId),
  });
  await page.waitForText('为自己报名');
  const text = page.text();
  for (const words of [
    '居家防跌倒讲座',
    '讲完可以现场咨询',
    '每场5人',
    '海沧街道社区卫生服务中心（厦门市海沧区海虹路）',
    '11月26日 星期四 14:30–16:00',
  ]) {
    expect(text).toContain(words);
  }
  expect(page.byId('event-room')?.dom?.textContent).toContain('剩余5个名额');
  expect(page.byId(`register-${elderId}`)?.dom?.textContent).toContain(`为${ELDER.name}报名`);

  await page.tap('event-map');
  expect(openedMaps).toEqual([expect.objectContaining({ latitude: PLACE.latitude, longitude: PLACE.longitude, name: PLACE.name })]);

  await page.tap(`register-${myRetireeId}`);
  await page.waitForText('已报名成功，请按时参加');
  await page.waitForText((t) => t.includes('剩余4个名额') && t.includes('出示签到码'));
  expect(page.byId(`person-${myRetireeId}-status`)?.dom?.textContent).toContain('已报名');
  expect(page.byId(`register-${myRetireeId}`)).toBeUndefined();
  // The deadline in words (two hours before the start), then the cancel button.
  await page.waitForText('如不能参加，请在11月26日 12:30前取消');
  expect(page.byId(`cancel-${myRetireeId}`)).toBeDefined();

  // Right after registering: 活动前一天提醒我 asks WeChat for the event template and records the grant.
  await page.waitForText('活动前一天提醒我');
  await page.tap(`remind-${myRetireeId}`);
  await page.waitForText('好的，活动前一天会在微信里提醒您。');
  expect(askedTemplates).toEqual([EVENT_TEMPLATE]);
  const { data: grants } = await db.collection('subscriptions').where({ templateId: EVENT_TEMPLATE }).get();
  expect(grants).toHaveLength(1);
});

test('the family side: registering the elder I help, in his name', async () => {
  const page = await wx.renderPage('pages/events/detail', { eventId: lecture.eventId, occurrenceId: lecture.occurrenceId });
  await page.waitForText(`为${ELDER.name}报名`);
  await page.tap(`register-${elderId}`);
  await page.waitForText(`已为${ELDER.name}报名成功，请按时参加`);
  await page.waitForText('剩余3个名额');
  const all = await ok('staff', 'events', { action: 'registration.list', occurrenceId: lecture.occurrenceId });
  expect(all.lines.map((l: any) => [l.retireeId, l.via, l.status]).sort()).toEqual(
    [
      [myRetireeId, 'self', 'confirmed'],
      [elderId, 'family', 'confirmed'],
    ].sort(),
  );
});

test('a full occurrence: 为自己排队候补, and the position in the line', async () => {
  const page = await wx.renderPage('pages/events/detail', { eventId: visit.eventId, occurrenceId: visit.occurrenceId });
  await page.waitForText('名额已满，可以排队候补');
  expect(page.byId(`register-${myRetireeId}`)?.dom?.textContent).toContain('为自己排队候补');
  await page.tap(`register-${myRetireeId}`);
  await page.waitForText('名额已满，已为您排队候补，现在排第1位');
  await page.waitForText(() => (page.byId(`person-${myRetireeId}-status`)?.dom?.textContent ?? '').includes('排队候补第1位'));
  expect(page.text()).toContain('1人在排队候补');
});

test('我的报名: whose place, the waitlist position, and cancelling after a confirm step', async () => {
  const page = await wx.renderPage('pages/events/mine');
  await page.waitForText('即将参加');
  const mine = `${lecture.occurrenceId}:${myRetireeId}`;
  const elders = `${lecture.occurrenceId}:${elderId}`;
  const waiting = `${visit.occurrenceId}:${myRetireeId}`;
  expect(cardText(page, 'reg', mine)).toMatch(/我.*居家防跌倒讲座.*11月26日 星期四 14:30–16:00.*已报名/);
  expect(cardText(page, 'reg', elders)).toContain(`为${ELDER.name}报名`);
  expect(cardText(page, 'reg', waiting)).toContain('排队候补第1位');
  // Only a held place has a check-in code.
  expect(page.byId(`${domId('reg', mine)}-checkin`)).toBeDefined();
  expect(page.byId(`${domId('reg', waiting)}-checkin`)).toBeUndefined();

  const cancel = `${domId('reg', waiting)}-cancel`;
  await page.tap(cancel);
  await page.waitForText('确定不再为您排队候补吗？');
  await page.tap(`${cancel}-cancel`); // 不了，保留
  await page.waitForText((t) => !t.includes('确定不再为您排队候补吗？'));
  await page.tap(cancel);
  await page.tap(`${cancel}-confirm`);
  await page.waitForText('已取消报名');
  await page.waitForText(() => page.byId(domId('reg', waiting)) === undefined);
  const after = await ok('retiree', 'events', { action: 'registration.mine' });
  expect(after.upcoming.find((r: any) => r.id === waiting).status).toBe('cancelled');
});

test('出示签到码: a QR code drawn as rows of boxes, and the six digits under it', async () => {
  const mine = `${lecture.occurrenceId}:${myRetireeId}`;
  const list = await wx.renderPage('pages/events/mine');
  await list.waitForText('居家防跌倒讲座');
  wx.navigateTo.mockClear();
  await list.tap(`${domId('reg', mine)}-checkin`);
  expect(wx.navigateTo).toHaveBeenCalledWith(
    expect.objectContaining({ url: `/pages/events/checkin?registrationId=${encodeURIComponent(mine)}` }),
  );

  const page = await wx.renderPage('pages/events/checkin', { registrationId: encodeURIComponent(mine) });
  const text = await page.waitForText((t) => /签到码 \d{3} \d{3}/.test(t));
  // The clock is fixed, so the server answers the same code to us now.
  const code = await ok('retiree', 'events', { action: 'checkin.code', registrationId: mine });
  expect(text).toContain(`签到码 ${code.digits.slice(0, 3)} ${code.digits.slice(3)}`);
  expect(page.byId('checkin-name')?.dom?.textContent).toContain(MY_NAME);
  expect(page.byId('checkin-event')?.dom?.textContent).toContain('居家防跌倒讲座');
  expect(text).toContain('二维码每分钟自动更新，出示给工作人员扫一扫即可');

  // The drawing: one row per module row, one box per run of dark modules, as the matrix says.
  const expected = qrRows(code.qr);
  const qr = page.byId('checkin-qr');
  expect(qr).toBeDefined();
  const rows = page.comp.querySelectorAll('.qr-code__row');
  const runs = page.comp.querySelectorAll('.qr-code__run');
  expect(rows.length).toBe(expected.size);
  expect(runs.length).toBe(expected.rows.reduce((n, r) => n + r.length, 0));
  expect(expected.size).toBeGreaterThanOrEqual(21);
  // At least 260 px wide, quiet zone included.
  const width = Number.parseInt(/width:\s*(\d+)px/.exec(qr?.dom?.getAttribute('style') ?? '')?.[1] ?? '0', 10);
  expect(width).toBeGreaterThanOrEqual(260);
  expect(wx.cloudCalls.filter((c) => c.data.action === 'checkin.code').length).toBeGreaterThanOrEqual(1);
});

test('home: 活动报名 opens the events, and the next event I have a place at is one line under it', async () => {
  const home = await wx.renderPage('pages/index/index');
  const text = await home.waitForText('下一次活动');
  expect(text).toMatch(/下一次活动：11月26日 星期四 14:30–16:00 居家防跌倒讲座/);
  wx.navigateTo.mockClear();
  await home.tap('home-next-event');
  expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/events/mine' }));
  wx.navigateTo.mockClear();
  await home.tap('entry-events');
  expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/events/index' }));
});

/**
 * 现场和上门认证 in the compiled weapp, as the street staff member of 新阳街道, against the
 * emulator: find a retiree by name, record an on-site certification after the confirmation
 * step, then take someone from the home-visit list.
 */
import { generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing } from './nodeFetch';
import { startWeapp, type WeappHarness } from './simulate';

installFetchIfMissing();

/** Row 1 (新阳街道) is overdue on the demo's today. */
const OVERDUE = generateDemoData({ scale: 'demo' }).roster[1];

let cloud: LocalCloud;
let wx: WeappHarness;
let token = '';

beforeAll(async () => {
  cloud = await startLocalCloud();
  token = await cloud.tokenFor('staff-street');
  wx = startWeapp({ cloudUrl: cloud.url, token });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

const cert = (data: Record<string, unknown>) => cloud.callFunction('certification', data, token);

test('the staff home page has the entry', async () => {
  const home = await wx.renderPage('pages/index/index');
  await home.waitForText('现场和上门认证');
  expect(home.byId('entry-staff-certify')).toBeDefined();
});

test('find by name, record an on-site certification after confirming, and see the new state', async () => {
  const page = await wx.renderPage('pages/staff/certify/index');
  await page.waitForText('查找老人');
  await page.type('staff-certify-q', OVERDUE.name);
  await page.tap('staff-certify-search');
  await page.waitForText('认证已过期');
  const [found] = (await cert({ action: 'staff.find', q: OVERDUE.name })).data;
  await page.tap(`staff-certify-record-${found.id}`);
  await page.waitForText('认证方式');
  await page.tap('staff-certify-submit');
  await page.waitForText(`确认给${OVERDUE.name}登记现场认证吗？`);
  await page.tap('staff-certify-confirm-confirm');
  await page.waitForText(`已登记${OVERDUE.name}的认证`);
  const history = (await cert({ action: 'history.get', retireeId: found.id })).data;
  expect(history[0]).toMatchObject({ method: 'onsite', byWords: '工作人员 林志明' });
});

test('the home-visit list: take someone, and the page says they are mine', async () => {
  const page = await wx.renderPage('pages/staff/certify/index');
  await page.tap('staff-certify-tab-visits');
  await page.waitForText((t) => /共 \d+ 位/.test(t));
  const list = (await cert({ action: 'homeVisit.list', assignee: 'all' })).data;
  expect(list.items.length).toBeGreaterThan(0);
  const first = list.items[0];
  await page.tap(`staff-visit-assign-${first.id}`);
  await page.waitForText('已分给：林志明');
  expect(page.byId(`staff-visit-record-${first.id}`)).toBeDefined();
  const mine = (await cert({ action: 'homeVisit.list', assignee: 'mine' })).data;
  expect(mine.items.map((p: any) => p.id)).toEqual([first.id]);
});

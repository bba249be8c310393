/**
 * The staff subpackage in the compiled weapp, as the demo admin, against the emulator: the
 * roster with filters and paging, a whole number shown only after a purpose is chosen (and
 * then in the person's access log), inviting a colleague (the code shown once), and
 * disabling an account after an inline confirmation.
 */
import type { AuditRecord, MyData, Page, RetireeSummary, StaffAccount } from '../../contract/accounts';
import { generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing } from './nodeFetch';
import { startWeapp, type WeappHarness } from './simulate';

installFetchIfMissing();

/** Row 0 is the demo retiree's entry: she can read her own access log. */
const RETIREE_ROW = generateDemoData({ scale: 'demo' }).roster[0];

let cloud: LocalCloud;
let wx: WeappHarness;
let adminToken = '';

beforeAll(async () => {
  cloud = await startLocalCloud();
  adminToken = await cloud.tokenFor('admin');
  wx = startWeapp({ cloudUrl: cloud.url, token: adminToken });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

const account = (data: Record<string, unknown>, token = adminToken) => cloud.callFunction('account', data, token);
const callsOf = (action: string) => wx.cloudCalls.filter((c) => c.name === 'account' && c.data.action === action);

test('the admin home page has the staff entries', async () => {
  const home = await wx.renderPage('pages/index/index');
  await home.waitForText('家属关联审核');
  for (const id of ['entry-staff-family', 'entry-staff-roster', 'entry-staff-team', 'entry-staff-audit', 'entry-staff-import']) {
    expect(home.byId(id)).toBeDefined();
  }
  expect(home.byId('entry-bind')).toBeUndefined();
});

test('the roster pages through everyone, numbers masked', async () => {
  const page = await wx.renderPage('pages/staff/roster/index');
  const first = await page.waitForText('第 1 页');
  expect(first).toMatch(/\d{4}\*{10}[\dX]{4}/);
  expect(first).not.toContain(RETIREE_ROW.idNumber);
  await page.tap('roster-next');
  await page.waitForText('第 2 页');
  expect(callsOf('roster.list').map((c) => c.data.page)).toEqual(expect.arrayContaining([1, 2]));
});

test('the roster sorts by the last certification at once, and filters by state with 查找', async () => {
  const page = await wx.renderPage('pages/staff/roster/index');
  await page.waitForText('第 1 页');
  await page.tap('roster-next');
  await page.waitForText('第 2 页');
  // A new order starts again from the first page.
  await page.tap('roster-sort-certifiedLongAgo');
  await page.waitForText('第 1 页');
  expect(callsOf('roster.list').at(-1)?.data).toMatchObject({ sort: 'certifiedLongAgo', page: 1 });
  const expected = (await account({ action: 'roster.list', sort: 'certifiedLongAgo', page: 1 })).data as Page<RetireeSummary>;
  const shown = () => expected.items.every((r) => page.byId(`retiree-${r.id}`));
  for (let i = 0; i < 100 && !shown(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(expected.items.filter((r) => !page.byId(`retiree-${r.id}`))).toEqual([]);
  const text = page.text();
  expect(text.indexOf(expected.items[0].name)).toBeLessThan(text.lastIndexOf(expected.items.at(-1)?.name ?? ''));

  // 暂停发放: only people the daily run suspended; nobody here yet, so the empty state says what to try.
  await page.tap('roster-state-suspended');
  expect(callsOf('roster.list').at(-1)?.data.state).toBeUndefined(); // not until 查找
  await page.tap('roster-search');
  await page.waitForText('没有找到符合条件的人');
  expect(callsOf('roster.list').at(-1)?.data).toMatchObject({ state: 'suspended', sort: 'certifiedLongAgo', page: 1 });
});

test('查看完整号码 asks why first; the reveal is then in the person’s own access log', async () => {
  const page = await wx.renderPage('pages/staff/roster/index');
  await page.waitForText('第 1 页');
  await page.type('roster-name', RETIREE_ROW.name);
  await page.tap('roster-search');
  await page.waitForText((t) => t.includes(RETIREE_ROW.name) && !t.includes('正在加载'));
  const found = (await account({ action: 'roster.list', name: RETIREE_ROW.name, page: 1 })).data as Page<RetireeSummary>;
  const id = found.items.find((r) => r.idMasked === `${RETIREE_ROW.idNumber.slice(0, 4)}**********${RETIREE_ROW.idNumber.slice(-4)}`)?.id;
  if (!id) throw new Error('the demo retiree is not in the roster');
  expect(callsOf('roster.list').at(-1)?.data).toMatchObject({ name: RETIREE_ROW.name, page: 1 });

  await page.tap(`reveal-${id}`);
  await page.waitForText('为什么要看');
  await page.tap(`reveal-${id}-confirm`);
  await page.waitForText('请选择查看原因');
  expect(callsOf('roster.reveal')).toHaveLength(0);

  await page.tap(`reveal-purpose-${id}-certification`);
  await page.tap(`reveal-${id}-confirm`);
  await page.waitForText(RETIREE_ROW.idNumber);
  expect(callsOf('roster.reveal')).toEqual([
    { name: 'account', data: { action: 'roster.reveal', id, field: 'idNumber', purpose: 'certification' } },
  ]);
  await page.tap(`reveal-${id}-hide`);
  expect(page.text()).not.toContain(RETIREE_ROW.idNumber);

  const mine = (await account({ action: 'me.data' }, await cloud.tokenFor('retiree'))).data as MyData;
  const seen = mine.accessLog.find((r: AuditRecord) => r.action === 'pii.reveal.idNumber');
  expect(seen).toMatchObject({ actorRole: 'admin', detail: { purpose: 'certification', purposeText: '办理资格认证' } });
});

test('the audit log shows that reveal, by whom and why, and filters by kind', async () => {
  const page = await wx.renderPage('pages/staff/audit/index');
  await page.waitForText('王海峰：查看完整身份证号（办理资格认证）');
  expect(callsOf('audit.search').at(-1)?.data).toMatchObject({ page: 1 });
  await page.tap('audit-kind-reveal-phone');
  await page.waitForText('没有这一类的记录');
  expect(callsOf('audit.search').at(-1)?.data).toMatchObject({ kind: 'pii.reveal.phone', page: 1 });
});

test('inviting a colleague shows the code once; the code opens a staff account', async () => {
  const page = await wx.renderPage('pages/staff/team/index');
  await page.waitForText('工作人员账号');
  await page.waitForText('王海峰（您自己）');
  await page.type('invite-name', '李新同');
  await page.tap('invite-submit');
  await page.waitForText('请至少选一个街道');
  expect(callsOf('staff.invite')).toHaveLength(0);

  await page.tap('invite-streets-1'); // 新阳街道
  await page.tap('invite-submit');
  const shown = await page.waitForText('只显示这一次');
  const code = page.byId('invite-code')?.dom?.textContent?.trim() ?? '';
  expect(code).toMatch(/^[A-Z0-9]{8}$/);
  expect(shown).toContain('给 李新同 的邀请码（工作人员，新阳街道）');

  const { token } = await cloud.newUser('web');
  const claimed = await account({ action: 'staff.claim', code }, token);
  expect(claimed.data).toMatchObject({ role: 'staff', name: '李新同', streets: ['新阳街道'] });
});

test('disabling an account asks first, on the page', async () => {
  const list = (await account({ action: 'staff.list' })).data as StaffAccount[];
  const lin = list.find((s) => s.name === '林志明');
  if (!lin) throw new Error('the demo data has no 林志明');
  const page = await wx.renderPage('pages/staff/team/index');
  await page.waitForText('林志明');
  await page.tap(`staff-disable-${lin.userId}`);
  await page.waitForText('确定停用 林志明 的账号吗？');
  expect(callsOf('staff.disable')).toHaveLength(0);
  await page.tap(`staff-disable-${lin.userId}-confirm`);
  await page.waitForText('已停用 林志明 的账号');
  const after = (await account({ action: 'staff.list' })).data as StaffAccount[];
  expect(after.find((s) => s.userId === lin.userId)?.disabled).toBe(true);
});

test('the import page offers to choose a file and lists earlier imports (none yet)', async () => {
  const page = await wx.renderPage('pages/staff/import/index');
  await page.waitForText('还没有导入过名单');
  expect(page.byId('import-choose')).toBeDefined();
  expect(page.text()).toContain('姓名、身份证号');
  expect(wx.cloudCalls).toContainEqual({ name: 'roster', data: { action: 'import.list' } });
});

test('the console sign-in page tells a WeChat user there is nothing to sign in to', async () => {
  const page = await wx.renderPage('pages/staff/signin/index');
  await page.waitForText('在微信里不需要另外登录');
  expect(page.byId('console-sign-in')).toBeUndefined();
});

/** Staff in the compiled weapp: the 发布通知 entry, the staff subpackage, writing and publishing. */
import type { NoticePage } from '../../contract/notices';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing } from './nodeFetch';
import { startWeapp, type WeappHarness } from './simulate';

installFetchIfMissing();

let cloud: LocalCloud;
let wx: WeappHarness;
let staffToken = '';

beforeAll(async () => {
  cloud = await startLocalCloud();
  const staff = cloud.accounts.find((a) => a.role === 'staff');
  if (!staff) throw new Error('the demo data has no staff account');
  staffToken = await cloud.tokenFor(staff.id);
  wx = startWeapp({ cloudUrl: cloud.url, token: staffToken });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

test('staff see a 发布通知 entry on the home page that opens the staff page', async () => {
  const home = await wx.renderPage('pages/index/index');
  await home.waitForText('发布通知');
  wx.navigateTo.mockClear();
  await home.tap('entry-staff-notices');
  expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/staff/notices/index' }));
});

test('the staff page lists drafts and published notices with their status in words', async () => {
  const page = await wx.renderPage('pages/staff/notices/index');
  const text = await page.waitForText('草稿');
  expect(text).toContain('已发布');
  expect(text).toContain('新建通知');
});

test('a new notice written in the editor is published after a second step and reaches the public list', async () => {
  const page = await wx.renderPage('pages/staff/notices/index');
  await page.waitForText('新建通知');
  await page.tap('notice-new');
  await page.waitForText('保存草稿');
  await page.type('notice-title', '小程序测试通知：周三下午停电');
  await page.type('notice-body', '周三下午两点到四点，中心停电检修。');
  await page.tap('notice-publish');
  // Publishing is a second step on the page, which says who will see it.
  await page.waitForText('确定发布「小程序测试通知：周三下午停电」吗？');
  expect(page.text()).toContain('全区的居民马上就能在「通知公告」里看到');
  await page.tap('notice-publish-confirm-confirm');
  await page.waitForText('「小程序测试通知：周三下午停电」已发布');

  const list = (await cloud.callFunction('content', { action: 'notice.list', page: 1 })).data as NoticePage;
  const mine = list.items.filter((n) => n.title === '小程序测试通知：周三下午停电');
  expect(mine).toHaveLength(1);
  expect(mine[0].status).toBe('published');
});

test('an empty title is caught before anything is sent', async () => {
  const page = await wx.renderPage('pages/staff/notices/index');
  await page.waitForText('新建通知');
  await page.tap('notice-new');
  await page.waitForText('保存草稿');
  const callsBefore = wx.cloudCalls.length;
  await page.tap('notice-save-draft');
  await page.waitForText('请填写标题');
  expect(page.byId('notice-title-error')).toBeDefined();
  expect(wx.cloudCalls.length).toBe(callsBefore);
});

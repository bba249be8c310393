/** The compiled notices pages, reading the demo notices through wx.cloud from the emulator. */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type { Notice, NoticePage } from '../../contract/notices';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing } from './nodeFetch';
import { startWeapp, type WeappHarness } from './simulate';

dayjs.extend(utc);
installFetchIfMissing();

let cloud: LocalCloud;
let wx: WeappHarness;
let published: Notice[] = [];
let drafts: Notice[] = [];

beforeAll(async () => {
  cloud = await startLocalCloud();
  const retiree = cloud.accounts.find((a) => a.role === 'retiree');
  const staff = cloud.accounts.find((a) => a.role === 'staff');
  if (!retiree || !staff) throw new Error('the demo data needs a retiree and a staff account');
  const staffToken = await cloud.tokenFor(staff.id);
  const all = (await cloud.callFunction('content', { action: 'notice.listAll', page: 1 }, staffToken)).data as NoticePage;
  published = all.items.filter((n) => n.status === 'published');
  drafts = all.items.filter((n) => n.status === 'draft');
  wx = startWeapp({ cloudUrl: cloud.url, token: await cloud.tokenFor(retiree.id) });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

const pinnedCertificationNotice = () => {
  const notice = published.find((n) => n.pinned && n.title.includes('资格认证'));
  if (!notice) throw new Error('the demo data should have a pinned 资格认证 notice');
  return notice;
};

test('the list shows the published notices fetched through wx.cloud.callFunction', async () => {
  const list = await wx.renderPage('pages/notices/index');
  const text = await list.waitForText('资格认证');
  for (const notice of published) {
    expect(text).toContain(notice.title);
    expect(list.byId(`notice-${notice.id}`)).toBeDefined();
  }
  for (const draft of drafts) expect(text).not.toContain(draft.title);
  expect(wx.cloudCalls).toContainEqual({ name: 'content', data: { action: 'notice.list', page: 1 } });
});

test('the pinned notice comes first and carries a 置顶 label in words', async () => {
  const list = await wx.renderPage('pages/notices/index');
  const notice = pinnedCertificationNotice();
  await list.waitForText(notice.title);
  const card = list.byId(`notice-${notice.id}`);
  expect(card?.dom?.textContent).toContain('置顶');
  expect(list.text().indexOf(notice.title)).toBeLessThan(
    Math.min(...published.filter((n) => !n.pinned).map((n) => list.text().indexOf(n.title))),
  );
});

test('tapping a notice opens its detail page', async () => {
  const list = await wx.renderPage('pages/notices/index');
  const notice = pinnedCertificationNotice();
  await list.waitForText(notice.title);
  wx.navigateTo.mockClear();
  await list.tap(`notice-${notice.id}`);
  expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pages/notices/detail?id=${encodeURIComponent(notice.id)}` }));
});

test('the detail page shows the whole notice with its date written the Chinese way', async () => {
  const notice = pinnedCertificationNotice();
  const detail = await wx.renderPage('pages/notices/detail', { id: notice.id });
  const text = await detail.waitForText(notice.title);
  const date = dayjs(notice.publishedAt)
    .utcOffset(8 * 60)
    .format('YYYY年M月D日');
  expect(text).toContain(`发布于 ${date}`);
  const firstParagraph = notice.body.split('\n')[0];
  expect(text).toContain(firstParagraph);
});

test('an unknown notice says so in plain words', async () => {
  const detail = await wx.renderPage('pages/notices/detail', { id: 'no-such-notice' });
  await detail.waitForText('没有找到这条通知');
});

/**
 * 家人帮办 in the compiled weapp, as the demo retiree, against the emulator: someone asks to
 * help her; the home page says so; on the family page she answers 同意 (or 不同意), sees the
 * link listed as 已关联, and ends it after an inline confirmation.
 */
import type { FamilyLink, FamilyMine } from '../../contract/accounts';
import { PRIVACY_VERSION } from '../../contract/accounts';
import { generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing } from './nodeFetch';
import { startWeapp, type WeappHarness } from './simulate';

installFetchIfMissing();

/** Row 0 is the demo retiree's own entry. */
const ELDER = generateDemoData({ scale: 'demo' }).roster[0];

let cloud: LocalCloud;
let wx: WeappHarness;
let retireeToken = '';
let seq = 0;

beforeAll(async () => {
  cloud = await startLocalCloud();
  retireeToken = await cloud.tokenFor('retiree');
  wx = startWeapp({ cloudUrl: cloud.url, token: retireeToken });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

const account = (data: Record<string, unknown>, token: string) => cloud.callFunction('account', data, token);

/** A new WeChat user who accepts the privacy guide and asks to help the demo retiree. */
async function someoneAsks(helperName: string, relation: string): Promise<FamilyLink> {
  const { token } = await cloud.newUser('wx');
  expect(await account({ action: 'privacy.accept', version: PRIVACY_VERSION }, token)).toMatchObject({ ok: true });
  const asked = await account(
    { action: 'family.request', elderName: ELDER.name, idNumber: ELDER.idNumber, relation, helperName, requestId: `weapp-family-${seq++}` },
    token,
  );
  expect(asked).toMatchObject({ ok: true });
  const mine = (await account({ action: 'family.mine' }, retireeToken)).data as FamilyMine;
  const link = mine.helpers.find((l) => l.helperName === helperName);
  if (!link) throw new Error(`the request from ${helperName} did not reach the retiree`);
  return link;
}

const linkStatus = async (id: string) =>
  ((await account({ action: 'family.mine' }, retireeToken)).data as FamilyMine).helpers.find((l) => l.id === id)?.status ?? 'closed';

let accepted: FamilyLink;

test('the home page tells the retiree that someone asks to help her', async () => {
  accepted = await someoneAsks('陈晓明', '儿子');
  const home = await wx.renderPage('pages/index/index');
  await home.waitForText('有 1 位家人申请帮您办理');
  expect(home.byId('home-pending-open')).toBeDefined();
  expect(home.byId('entry-mine')).toBeDefined();
});

test('the family page shows the request; 同意 makes the link 已关联 and lists it', async () => {
  const page = await wx.renderPage('pages/family/index');
  const text = await page.waitForText('等您回复的申请');
  expect(text).toContain('陈晓明（您的儿子）');
  await page.tap(`respond-accept-${accepted.id}`);
  await page.waitForText('已同意 陈晓明 帮您办理');
  const after = await page.waitForText('帮您办理的家人');
  expect(after).toContain('陈晓明（儿子）');
  expect(page.byId(`link-${accepted.id}`)?.dom?.textContent).toContain('已关联');
  expect(await linkStatus(accepted.id)).toBe('active');
});

test('不同意 refuses a request from someone she does not know', async () => {
  const refused = await someoneAsks('王陌生', '其他亲属');
  const page = await wx.renderPage('pages/family/index');
  await page.waitForText('王陌生');
  await page.tap(`respond-refuse-${refused.id}`);
  await page.waitForText('已回复不同意');
  expect(page.text()).not.toContain('王陌生（您的其他亲属）');
  expect(await linkStatus(refused.id)).toBe('closed');
});

test('ending a link asks first, on the page, and only then ends it', async () => {
  const page = await wx.renderPage('pages/family/index');
  await page.waitForText('陈晓明（儿子）');
  await page.tap(`link-end-${accepted.id}`);
  await page.waitForText('确定不再让他/她帮办吗？');
  expect(await linkStatus(accepted.id)).toBe('active'); // nothing happened yet
  await page.tap(`link-end-${accepted.id}-cancel`);
  expect(page.byId(`link-end-${accepted.id}-confirm`)).toBeUndefined();
  expect(await linkStatus(accepted.id)).toBe('active');

  await page.tap(`link-end-${accepted.id}`);
  await page.tap(`link-end-${accepted.id}-confirm`);
  await page.waitForText('已结束帮办');
  expect(await linkStatus(accepted.id)).toBe('closed');
});

test('the request form checks the elder’s ID number and the relation before sending', async () => {
  const page = await wx.renderPage('pages/family/index');
  await page.waitForText('申请帮家里老人办理');
  const before = wx.cloudCalls.filter((c) => c.data.action === 'family.request').length;
  await page.type('family-elder-name', '张三丰');
  await page.type('family-elder-id', '12345');
  await page.tap('family-submit');
  await page.waitForText('身份证号应为18位');
  expect(page.text()).toContain('请选择您和长辈的关系');
  expect(wx.cloudCalls.filter((c) => c.data.action === 'family.request').length).toBe(before);
});

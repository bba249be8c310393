/**
 * A new colleague's first sign-in redeems the invitation code on the claim page (staff
 * subpackage, compiled weapp) and becomes staff with the streets the admin chose.
 */
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing } from './nodeFetch';
import { startWeapp, type WeappHarness } from './simulate';

installFetchIfMissing();

let cloud: LocalCloud;
let wx: WeappHarness;
let token = '';
let code = '';

beforeAll(async () => {
  cloud = await startLocalCloud();
  const admin = await cloud.tokenFor('admin');
  const invited = await cloud.callFunction(
    'account',
    { action: 'staff.invite', name: '郑新来', role: 'staff', streets: ['嵩屿街道'], requestId: 'weapp-claim-1' },
    admin,
  );
  code = invited.data.code;
  ({ token } = await cloud.newUser('web'));
  wx = startWeapp({ cloudUrl: cloud.url, token });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

test('a mistyped code is caught before sending; the right one (any case) opens the account', async () => {
  const page = await wx.renderPage('pages/staff/claim/index');
  await page.waitForText('邀请码');
  await page.type('claim-code', 'AB12');
  await page.tap('claim-submit');
  await page.waitForText('邀请码是8位字母或数字');
  expect(wx.cloudCalls.filter((c) => c.data.action === 'staff.claim')).toHaveLength(0);

  await page.type('claim-code', code.toLowerCase());
  await page.tap('claim-submit');
  await page.waitForText('开通成功！郑新来，您现在是工作人员，负责嵩屿街道');
  const me = await cloud.callFunction('account', { action: 'me.get' }, token);
  expect(me.data).toMatchObject({ role: 'staff', name: '郑新来', streets: ['嵩屿街道'] });
});

test('the same code does not work twice', async () => {
  const { token: other } = await cloud.newUser('web');
  const again = await cloud.callFunction('account', { action: 'staff.claim', code }, other);
  expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
});

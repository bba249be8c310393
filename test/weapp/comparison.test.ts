/**
 * The comparison page in the compiled weapp, as the demo admin, against the emulator: the
 * entry on the home page, an earlier job's figures, and settling a death record from the
 * verification list with a note and a second step on the page.
 */
import tcb from '@cloudbase/node-sdk';
import { EVIDENCE_COLUMNS } from '../../contract/comparison';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { csvLine } from '../../emulator/seed/csv';
import { DEFAULT_TODAY, generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing } from './nodeFetch';
import { startWeapp, type WeappHarness } from './simulate';

installFetchIfMissing();

const roster = generateDemoData({ scale: 'demo' }).roster;
let cloud: LocalCloud;
let wx: WeappHarness;
let adminToken = '';
let jobId = '';

beforeAll(async () => {
  cloud = await startLocalCloud({ functionEnv: { APP_NOW: `${DEFAULT_TODAY}T10:00:00+08:00` } });
  adminToken = await cloud.tokenFor('admin');
  // A file run before the page opens: one death record, one strong record.
  Object.assign(process.env, localSdkEnv(cloud.adminUrl));
  const app = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any);
  const csv = `\ufeff${csvLine([...EVIDENCE_COLUMNS])}${csvLine([roster[10].idNumber, roster[10].name, '殡葬火化', '2026-11-10'])}${csvLine([roster[11].idNumber, roster[11].name, '医保结算', '2026-11-20'])}`;
  const { fileID } = (await app.uploadFile({ cloudPath: 'test-uploads/weapp-evidence.csv', fileContent: Buffer.from(csv) } as any)) as {
    fileID: string;
  };
  let job = (
    await cloud.callFunction(
      'comparison',
      { action: 'match.start', fileId: fileID, fileName: '示例.csv', requestId: 'weapp-match-1' },
      adminToken,
    )
  ).data;
  while (job.phase !== 'done') job = (await cloud.callFunction('comparison', { action: 'match.run', jobId: job.id }, adminToken)).data;
  jobId = job.id;
  wx = startWeapp({ cloudUrl: cloud.url, token: adminToken });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

test('the staff home page has the comparison entry', async () => {
  const home = await wx.renderPage('pages/index/index');
  await home.waitForText('大数据比对认证');
  expect(home.byId('entry-staff-comparison')).toBeDefined();
});

test('the page lists the earlier job, and a death record is settled after a note and a second step', async () => {
  const page = await wx.renderPage('pages/staff/comparison/index');
  await page.waitForText((t) => t.includes('最近的比对') && t.includes('待核实名单（1人）'));
  expect(page.text()).toContain('完成，认证1人，死亡或注销1人');
  expect(page.byId(`match-job-${jobId}`)).toBeDefined();
  expect(page.byId('match-choose')).toBeDefined();
  expect(page.text()).toContain(roster[10].name);
  expect(page.text()).not.toContain(roster[10].idNumber);

  const list = await cloud.callFunction('comparison', { action: 'verification.list', page: 1 }, adminToken);
  const id = `verification-${list.data.items[0].retireeId}`;
  await page.tap(`${id}-alive`);
  await page.tap(`${id}-next`);
  await page.waitForText('请写明怎样核实的');
  await page.type(`${id}-note`, '上门见到本人');
  await page.tap(`${id}-next`);
  await page.waitForText('确定这条记录是错的、本人健在吗？');
  expect(wx.cloudCalls.some((c) => c.name === 'comparison' && c.data.action === 'verification.settle')).toBe(false);
  await page.tap(`${id}-confirm-confirm`);
  await page.waitForText(`已核实${roster[10].name}本人健在`);
  const after = await cloud.callFunction('comparison', { action: 'verification.list', page: 1 }, adminToken);
  expect(after.data.total).toBe(0);
});
